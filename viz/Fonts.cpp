#include "viz/Fonts.hpp"

#include <imgui.h>

#include <filesystem>

namespace drillsim::viz {

std::string loadFonts(const std::vector<std::string>& texts, float pixels) {
  ImGuiIO& io = ImGui::GetIO();
  const char* candidates[] = {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                              "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"};
  for (const char* path : candidates) {
    if (!std::filesystem::exists(path)) continue;
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    for (const auto& t : texts) builder.AddText(t.c_str());
    static ImVector<ImWchar> ranges;  // must outlive the atlas build
    ranges.clear();
    builder.BuildRanges(&ranges);
    if (io.Fonts->AddFontFromFileTTF(path, pixels, nullptr, ranges.Data)) return path;
  }
  io.Fonts->AddFontDefault();
  return "";
}

}  // namespace drillsim::viz
