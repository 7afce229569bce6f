#include "viz/Fonts.hpp"

#include "scenarios/I18n.hpp"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

namespace drillsim::viz {

namespace {
// The code points of UTF-8 text (invalid bytes skipped).
std::vector<unsigned> codePoints(const std::string& s) {
  std::vector<unsigned> out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + std::size_t(n) > s.size()) {
      ++i;
      continue;
    }
    unsigned cp = n == 1 ? c : c & (0xFFu >> (n + 1));
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + std::size_t(k)]) & 0x3Fu);
    out.push_back(cp);
    i += std::size_t(n);
  }
  return out;
}
}  // namespace

std::string FontBook::load(const std::vector<std::string>& texts) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  have_.clear();
  file_.clear();
  const char* candidates[] = {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"};
  for (const char* path : candidates) {
    if (!std::filesystem::exists(path)) continue;
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    builder.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
    builder.AddText("±×∞–—…→≥≤°²·");
    // Every message in Chinese, whichever language is shown: the desk can switch at any time.
    builder.AddText(i18n::catalogueText().c_str());
    for (const auto& t : texts) builder.AddText(t.c_str());
    static ImVector<ImWchar> ranges;  // must outlive the atlas build
    ranges.clear();
    builder.BuildRanges(&ranges);
    if (io.Fonts->AddFontFromFileTTF(path, pixels_, nullptr, ranges.Data)) {
      file_ = path;
      for (int i = 0; ranges.Data[i]; i += 2)
        for (unsigned c = ranges.Data[i]; c <= ranges.Data[i + 1]; ++c) have_.push_back(c);
      std::sort(have_.begin(), have_.end());
      io.Fonts->Build();
      return file_;
    }
  }
  io.Fonts->AddFontDefault();
  io.Fonts->Build();
  return "";
}

bool FontBook::needs(const std::vector<std::string>& texts) const {
  if (file_.empty()) return false;
  for (const auto& t : texts)
    for (unsigned c : codePoints(t))
      if (c >= 0x80 && c <= 0xFFFF && !std::binary_search(have_.begin(), have_.end(), c)) return true;
  return false;
}

}  // namespace drillsim::viz
