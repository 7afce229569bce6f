// drillsim edit: the desk's edits from the command line, for scripted variants of a scenario.
// Each KEY=VALUE sets one value by its path in the scenario's own keys; the park's features go
// through the editor's own operations (shelter_changes, park_changes). Every edit is checked as
// the desk checks it, and the file is saved keeping its comments and style (ScenarioEditor).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "scenarios/I18n.hpp"
#include "scenarios/ScenarioEditor.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/Vocabulary.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"out", true, i18n::kNoop("save the edited scenario to this file instead (its park path is rewritten for its folder)"),
     "FILE"},
    {"dry-run", false, i18n::kNoop("print the lines that would change, and save nothing"), ""},
};

struct Edit {
  std::string text;  // KEY=VALUE as given
  std::vector<std::string> path;
  YAML::Node value;
};

std::vector<std::string> split(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (std::size_t dot; (dot = key.find('.', from)) != std::string::npos; from = dot + 1) parts.push_back(key.substr(from, dot - from));
  parts.push_back(key.substr(from));
  return parts;
}

Edit parseEdit(const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw UsageError(tf("{1}: expected KEY=VALUE, e.g. plans.A.detection_s=60", text));
  Edit e{text, split(text.substr(0, eq)), {}};
  if (std::any_of(e.path.begin(), e.path.end(), [](const std::string& p) { return p.empty(); }))
    throw UsageError(tf("{1}: the key has an empty part; expected names joined by dots, e.g. teams.HZ1.turnout_s", text));
  const std::string value = text.substr(eq + 1);
  if (value.empty()) throw UsageError(tf("{1}: no value after '='", text));
  try {
    e.value = YAML::Load(value);
  } catch (const YAML::Exception& ex) {
    throw UsageError(tf("{1}: the value is not YAML: {2}", text, ex.msg));
  }
  return e;
}

std::string joined(const std::vector<std::string>& path, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += (i ? "." : "") + path[i];
  return s;
}

// The entry of a list named by `part`: the item whose id it is, or in a list without ids its
// position from 0. -1 with the reason in `why` when there is none.
long entryOf(const YAML::Node& list, const std::string& part, std::string& why) {
  std::vector<std::string> ids;
  for (const auto& item : list)
    if (item.IsMap() && item["id"]) ids.push_back(item["id"].as<std::string>());
  if (!ids.empty() && ids.size() == list.size()) {
    const auto it = std::find(ids.begin(), ids.end(), part);
    if (it != ids.end()) return long(it - ids.begin());
    why = tf("no entry with id {1}; {2}", part, expectedOneOf(part, ids));
    return -1;
  }
  char* end = nullptr;
  const long i = std::strtol(part.c_str(), &end, 10);
  if (end && *end == '\0' && !part.empty() && i >= 0 && std::size_t(i) < list.size()) return i;
  why = list.size() == 0 ? tf("{1}: the list is empty", part)
                         : tf("no entry {1}; expected a position from 0 to {2}", part, list.size() - 1);
  return -1;
}

// Sets the value at `e.path` from `i` on in `node` (a part of the scenario written out in full).
// The reason, naming the path so far, when a part of the path is not there.
std::string setAt(YAML::Node node, const Edit& e, std::size_t i) {
  const std::string& part = e.path[i];
  const bool last = i + 1 == e.path.size();
  const std::string where = i == 0 ? tr("the scenario") : joined(e.path, i);
  if (node.IsMap()) {
    std::vector<std::string> keys;
    for (const auto& kv : node) keys.push_back(kv.first.as<std::string>());
    if (std::find(keys.begin(), keys.end(), part) == keys.end())
      return tf("{1} has no key {2}; {3}", where, part, expectedOneOf(part, keys));
    if (last) {
      node[part] = e.value;
      return "";
    }
    return setAt(node[part], e, i + 1);
  }
  if (node.IsSequence()) {
    std::string why;
    const long at = entryOf(node, part, why);
    if (at < 0) return tf("{1}: {2}", where, why);
    if (last) {
      node[std::size_t(at)] = e.value;
      return "";
    }
    return setAt(node[std::size_t(at)], e, i + 1);
  }
  return tf("{1} is a value, not a section: {2} cannot be under it", where, joined(e.path, e.path.size()));
}

// The park's features, edited as the desk edits them: the scenario's shelter_changes and
// park_changes. True when `e` is one (applied, or the reason in `why`).
bool parkEdit(ScenarioEditor& editor, const Edit& e, std::string& why) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kLayers = {
      {"shelters", {"capacity", "name", "kind"}},
      {"zones", {"name", "kind", "pop_day", "pop_night"}},
      {"roads", {"name", "width_m", "speed_ms", "capacity_pps"}},
      {"hazard_sources", {"name", "inventory_kg"}},
  };
  const auto layer = std::find_if(kLayers.begin(), kLayers.end(), [&](const auto& l) { return l.first == e.path[0]; });
  if (layer == kLayers.end()) return false;
  if (e.path.size() != 3) {
    why = tf("{1}: expected {2}.ID.ATTRIBUTE", e.text, layer->first);
    return true;
  }
  const std::string &id = e.path[1], &attribute = e.path[2];
  if (std::find(layer->second.begin(), layer->second.end(), attribute) == layer->second.end()) {
    why = tf("{1}: {2} has no attribute {3} the scenario can change; {4}", e.text, layer->first, attribute,
             expectedOneOf(attribute, layer->second));
    return true;
  }
  const Park& park = editor.park();
  std::vector<std::string> ids;
  if (layer->first == "shelters")
    for (const auto& s : park.shelters) ids.push_back(s.id);
  if (layer->first == "zones")
    for (const auto& z : park.zones) ids.push_back(z.id);
  if (layer->first == "roads")
    for (const auto& r : park.roads) ids.push_back(r.id);
  if (layer->first == "hazard_sources")
    for (const auto& h : park.sources) ids.push_back(h.id);
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
    why = tf("{1}: the park has no {2} {3}; {4}", e.text, layer->first, id, expectedOneOf(id, ids));
    return true;
  }
  if (!e.value.IsScalar()) {
    why = tf("{1}: expected a single value", e.text);
    return true;
  }
  const std::string value = e.value.as<std::string>();
  const bool text = attribute == "name" || attribute == "kind";
  double number = 0;
  if (!text) {
    char* end = nullptr;
    number = std::strtod(value.c_str(), &end);
    if (!end || *end != '\0' || value.empty()) {
      why = tf("{1}: expected a number, found {2}", e.text, inQuotes(value));
      return true;
    }
  }
  if (layer->first == "shelters") {
    if (attribute == "capacity") {
      if (number < 0 || number != double(long(number))) {
        why = tf("{1}: expected a whole number of persons, at least 0; found {2}", e.text, value);
        return true;
      }
      editor.setShelterCapacity(id, int(number));
    } else if (attribute == "name") {
      editor.setShelterName(id, value);
    } else if (const auto kind = fromWord<ShelterKind>(shelterKindNames(), value)) {
      editor.setShelterKind(id, *kind);
    } else {
      why = tf("{1}: {2}", e.text, expectedOneOf(value, shelterKindNames()));
    }
    return true;
  }
  if (text) editor.setFeatureText(layer->first, id, attribute, value);
  else editor.setFeatureNumber(layer->first, id, attribute, number);
  return true;
}

// The edited scenario from the scenario's own keys: each edit set in the scenario written out in
// full, which is then read back with the file's own checks.
std::optional<Scenario> keyEdits(const Scenario& from, const std::vector<Edit>& edits, const std::string& file) {
  YAML::Node root = YAML::Load(scenarioToYaml(from));
  bool ok = true;
  for (const Edit& e : edits)
    if (const std::string why = setAt(root, e, 0); !why.empty()) {
      std::cerr << tf("{1}: {2}", e.text, why) << "\n";
      ok = false;
    }
  if (!ok) return std::nullopt;
  YAML::Emitter out;
  out << root;
  Diagnostics found;
  auto next = parseScenario(out.c_str(), file, found);
  if (!found.hasErrors() && next) return next;
  // Lines of the text written here mean nothing to the user: the key path names the place.
  for (const Diagnostic& d : found.items())
    if (d.severity == Severity::Error) std::cerr << file << ": " << (d.key.empty() ? "" : d.key + ": ") << d.message << "\n";
  return std::nullopt;
}

}  // namespace

std::string helpEdit() {
  return std::string(tr("Usage: drillsim edit SCENARIO.yaml KEY=VALUE... [options]\n\n"
         "Sets values of the scenario by their keys, as the desk's forms do, for scripted variants.\n"
         "KEY is a dotted path of the scenario's own keys, a list's entries named by their id\n"
         "(plans.A.detection_s, teams.HZ1.turnout_s) or, in a list without ids, by their position from\n"
         "0 (plans.A.notify.1.delay_s); the park's features by layer, id and attribute\n"
         "(shelters.S03.capacity, zones.Z12.pop_night, roads.R7.width_m, hazard_sources.HS1.inventory_kg),\n"
         "which the scenario changes through its shelter_changes and park_changes. VALUE is YAML in\n"
         "the file's notation: 60, {uniform: [60, 120]}, a name.\n\n"
         "Every edit is checked as validate checks a file; when one is wrong nothing is saved. The file\n"
         "is saved atomically with only the changed values rewritten, so its comments, order and style\n"
         "stay; the previous version is kept as FILE.bak.\n\n")) +
         describeOptions(kOptions) +
         tr("\nExit codes: 0 saved (or nothing to change), 2 an edit or the edited scenario is invalid,\n"
            "64 bad command line, 73 the file cannot be written.\n");
}

int runEdit(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  if (args.positional().size() < 2) throw UsageError(tr("expected a scenario file and at least one KEY=VALUE"));
  const std::string file = args.positional()[0];
  std::vector<Edit> keyed, park;
  for (std::size_t i = 1; i < args.positional().size(); ++i) {
    Edit e = parseEdit(args.positional()[i]);
    (e.path[0] == "shelters" || e.path[0] == "zones" || e.path[0] == "roads" || e.path[0] == "hazard_sources" ? park : keyed)
        .push_back(std::move(e));
  }
  Diagnostics opened;
  auto editor = ScenarioEditor::open(file, opened);
  if (!editor || editor->problems().hasErrors()) {
    printDiagnostics(editor ? editor->problems() : opened);
    std::cerr << tf("{1}: the scenario has errors; mend them (drillsim validate) before editing it here", file) << "\n";
    return kExitInvalidInput;
  }
  // The editor keeps unsaved edits beside the file for the desk's recovery; edits this command
  // does not save (refused, or a dry run) are not the desk's to recover.
  struct Forget {
    ScenarioEditor& editor;
    ~Forget() { editor.abandonEdits(); }
  } forget{*editor};
  if (!keyed.empty()) {
    auto next = keyEdits(editor->scenario(), keyed, file);
    if (!next) return kExitInvalidInput;
    editor->replace(tr("edits from the command line"), std::move(*next));
  }
  for (const Edit& e : park) {
    std::string why;
    parkEdit(*editor, e, why);
    if (!why.empty()) {
      std::cerr << why << "\n";
      return kExitInvalidInput;
    }
  }
  if (editor->problems().hasErrors()) {
    printDiagnostics(editor->problems());
    std::cerr << tf("{1}: not saved: the edited scenario has errors", file) << "\n";
    return kExitInvalidInput;
  }
  if (!editor->dirty()) {
    std::cout << tf("{1}: nothing to change (every value is already so)", file) << "\n";
    return kExitOk;
  }
  std::ifstream in(file, std::ios::binary);
  const std::string before{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (args.flag("dry-run")) {
    const ScenarioText out = editor->textToSave();
    std::cout << lineDiff(before, out.text);
    if (!out.kept) std::cout << tf("(the whole file would be written out: {1})", out.why) << "\n";
    return kExitOk;
  }
  const std::string target = args.value("out", file);
  std::error_code ec;
  const bool existed = std::filesystem::exists(target, ec);
  if (target == file) editor->save();
  else editor->saveAs(target);
  const ScenarioEditor::SaveReport& saved = editor->lastSave();
  const std::string kept = existed ? tf("; the previous version is in {1}.bak", target) : "";
  if (saved.kept)
    std::cout << tnf("{1}: saved, {2} line written anew, the rest of the file as it was{3}",
                     "{1}: saved, {2} lines written anew, the rest of the file as it was{3}", long(saved.linesWritten), target,
                     saved.linesWritten, kept)
              << "\n";
  else
    std::cout << tf("{1}: saved, written out whole ({2}){3}", target, saved.why, kept) << "\n";
  return kExitOk;
}

}  // namespace drillsim::cli
