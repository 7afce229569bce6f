// Saving an edited scenario over its file without losing the planner's own text (README "Editing
// keeps the file"): the differences between the scenario as read and as edited, both written out
// in full, are applied to the file's text in place; the result must read back as the edit.
#include <algorithm>
#include <vector>

#include "scenarios/I18n.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/YamlPatch.hpp"

namespace drillsim {

ScenarioText scenarioTextKeepingFile(const std::string& fileText, const Scenario& asRead, const Scenario& edited) {
  const std::string whole = scenarioToYaml(edited);
  const YamlPatchResult patch = patchYaml(fileText, scenarioToYaml(asRead), whole);
  if (!patch.ok) return {whole, false, tf("the change could not be placed in the file's text: {1}", patch.why)};
  // The patched text is saved only if it is the edited scenario, value for value.
  Diagnostics ignored;
  const std::optional<Scenario> back = parseScenario(patch.text, "", ignored);
  if (!back || ignored.hasErrors() || !(*back == edited))
    return {whole, false, tr("the file's text, patched in place, would not read back as the edited scenario")};
  return {patch.text, true, ""};
}

namespace {
std::vector<std::string> linesOf(const std::string& s) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t nl; (nl = s.find('\n', from)) != std::string::npos; from = nl + 1) out.push_back(s.substr(from, nl - from));
  if (from < s.size()) out.push_back(s.substr(from));
  return out;
}
}  // namespace

std::string lineDiff(const std::string& from, const std::string& to) {
  const auto x = linesOf(from), y = linesOf(to);
  // common[i][j]: the longest common subsequence of x[i..] and y[j..] (a scenario has a few
  // hundred lines).
  std::vector<std::vector<int>> common(x.size() + 1, std::vector<int>(y.size() + 1, 0));
  for (std::size_t i = x.size(); i-- > 0;)
    for (std::size_t j = y.size(); j-- > 0;)
      common[i][j] = x[i] == y[j] ? common[i + 1][j + 1] + 1 : std::max(common[i + 1][j], common[i][j + 1]);
  std::string out;
  std::size_t i = 0, j = 0;
  while (i < x.size() || j < y.size()) {
    if (i < x.size() && j < y.size() && x[i] == y[j]) {
      ++i, ++j;
    } else if (i < x.size() && (j == y.size() || common[i + 1][j] >= common[i][j + 1])) {
      out += "-" + std::to_string(i + 1) + ": " + x[i] + "\n";  // what goes, before what comes
      ++i;
    } else {
      out += "+" + std::to_string(j + 1) + ": " + y[j] + "\n";
      ++j;
    }
  }
  return out;
}

std::size_t linesWritten(const std::string& from, const std::string& to) {
  const std::string diff = lineDiff(from, to);
  std::size_t n = 0;
  for (std::size_t at = 0; at < diff.size(); at = diff.find('\n', at) + 1) {
    n += diff[at] == '+';
    if (diff.find('\n', at) == std::string::npos) break;
  }
  return n;
}

}  // namespace drillsim
