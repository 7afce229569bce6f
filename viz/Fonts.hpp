#pragma once
// Fonts of the front end: Debian's WenQuanYi Micro Hei for Chinese names, found at run time, with
// only the glyphs the interface and the scenario use plus the 2,500 common simplified characters
// (so that names typed in the editor show), DESIGN.md section 8. Falls back to ImGui's own font
// (Latin only) with a note when the font is absent.

#include <string>
#include <vector>

namespace drillsim::viz {

class FontBook {
 public:
  explicit FontBook(float pixels) : pixels_(pixels) {}
  /// (Re)builds the atlas with the characters of `texts`; returns the font file used, or "" when
  /// it fell back to ImGui's default font. The renderer's font texture must be remade after.
  std::string load(const std::vector<std::string>& texts);
  /// True when a text has a character the atlas lacks (and the CJK font could supply it).
  bool needs(const std::vector<std::string>& texts) const;

 private:
  float pixels_;
  std::string file_;
  std::vector<unsigned> have_;  // sorted code points in the atlas
};

}  // namespace drillsim::viz
