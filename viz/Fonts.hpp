#pragma once
// Fonts of the front end: Debian's WenQuanYi Micro Hei for Chinese names, found at run time, with
// only the glyphs the interface and the scenario use (DESIGN.md section 8), so the atlas stays
// small. Falls back to ImGui's own font (Latin only) with a note when the font is absent.

#include <string>
#include <vector>

namespace drillsim::viz {

/// Loads the CJK font at `pixels` covering the characters of `texts`; returns the font file used,
/// or "" when it fell back to ImGui's default font.
std::string loadFonts(const std::vector<std::string>& texts, float pixels);

}  // namespace drillsim::viz
