#pragma once
// An ImGui label in the current language (scenarios/I18n) with an id that stays the same when the
// language changes: ImGui's "shown###id", so a window, popup, tree node or tab keeps its state.
#include <string>

namespace drillsim::viz {

inline std::string label(const std::string& shown, const char* id) { return shown + "###" + id; }

}  // namespace drillsim::viz
