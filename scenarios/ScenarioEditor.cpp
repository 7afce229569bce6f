#include "scenarios/ScenarioEditor.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/I18n.hpp"
#include "scenarios/ParkLoader.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/ShelterLayout.hpp"
#include "scenarios/TextFile.hpp"
#include "scenarios/Validation.hpp"

namespace drillsim {

namespace {
// Appends `item` to `items`, with a free id of `prefix` when it has none or a taken one; returns its id.
template <class T>
std::string appendWithFreeId(std::vector<T>& items, T item, const std::string& prefix) {
  std::vector<std::string> taken;
  for (const auto& x : items) taken.push_back(x.id);
  if (item.id.empty() || std::count(taken.begin(), taken.end(), item.id)) item.id = ScenarioEditor::freeId(prefix, taken);
  items.push_back(std::move(item));
  return items.back().id;
}

// Removes the dispatches of every plan that `drop` matches.
template <class F>
void dropDispatches(Scenario& s, F drop) {
  for (Plan& p : s.plans) p.dispatch.erase(std::remove_if(p.dispatch.begin(), p.dispatch.end(), drop), p.dispatch.end());
}
}  // namespace

ScenarioEditor::ScenarioEditor(Scenario scenario, Park basePark, SubstanceTable substances, std::string path)
    : scenario_(std::move(scenario)),
      saved_(scenario_),
      base_(std::move(basePark)),
      substances_(std::move(substances)),
      path_(std::move(path)) {
  refresh();
}

std::optional<ScenarioEditor> ScenarioEditor::open(const std::string& path, Diagnostics& diagnostics) {
  Diagnostics read;
  auto scenario = loadScenarioPartial(path, read);
  diagnostics.append(read);
  if (!scenario) return std::nullopt;
  auto table = SubstanceTable::load(defaultSubstanceTablePath(), diagnostics);
  const std::string parkPath = resolveParkPath(path, scenario->park);
  std::error_code missing;
  if (scenario->park.empty() || !std::filesystem::exists(parkPath, missing)) {
    diagnostics.error(scenario->park_where, "park",
                      tf("no folder or GeoPackage {1} (looked for {2})", inQuotes(scenario->park), parkPath));
    return std::nullopt;
  }
  auto park = loadPark(parkPath, parkPath, ParkOptions{scenario->crs, 2.0}, diagnostics);
  if (!park || !table) return std::nullopt;
  // Edits a previous session left unsaved; read before the editor exists, which would otherwise
  // count itself their writer.
  std::optional<Recovery> recovery;
  const std::string kept = path + ".unsaved";
  std::error_code ec;
  if (std::filesystem::exists(kept, ec)) {
    Diagnostics ignored;  // the edits may have problems of their own: the editor shows them
    if (auto edited = loadScenarioPartial(kept, ignored); edited && !(*edited == *scenario)) {
      const auto when = std::filesystem::last_write_time(kept, ec);
      const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::file_clock::to_sys(when));
      char text[32] = "";
      if (!ec) std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", std::localtime(&t));
      recovery = Recovery{std::move(*edited), text};
    }
  }
  ScenarioEditor editor(std::move(*scenario), std::move(*park), std::move(*table), path);
  editor.recovery_ = std::move(recovery);
  for (const Diagnostic& item : read.items())
    if (item.severity == Severity::Error) editor.unread_.add(item);
  if (!editor.unread_.empty()) editor.refresh();  // the constructor checked it before they were known
  return editor;
}

void ScenarioEditor::keepForRecovery() {
  if (recovery_) return;  // another session's edits are there until the user decides
  std::error_code ec;
  try {
    if (dirty()) {
      writeFileAtomically(recoveryPath(), "# Unsaved edits of " + std::filesystem::path(path_).filename().string() +
                                              ", kept by drillsim-gui until they are saved. Open that file in\n"
                                              "# drillsim-gui to recover them.\n" +
                                              scenarioToYaml(scenario_));
      recoveryWritten_ = true;
    } else if (recoveryWritten_) {
      std::filesystem::remove(recoveryPath(), ec);
      recoveryWritten_ = false;
    }
    recoveryError_.clear();
  } catch (const std::exception& e) {
    recoveryError_ = e.what();
  }
}

void ScenarioEditor::recover() {
  if (!recovery_) return;
  Scenario edited = std::move(recovery_->scenario);
  recovery_.reset();
  recoveryWritten_ = true;  // the file is this session's now
  change(tr("Recover unsaved edits"), std::move(edited));
}

void ScenarioEditor::discardRecovery() {
  if (!recovery_) return;
  recovery_.reset();
  std::error_code ec;
  std::filesystem::remove(recoveryPath(), ec);
  keepForRecovery();
}

void ScenarioEditor::abandonEdits() {
  if (recovery_) return;
  std::error_code ec;
  std::filesystem::remove(recoveryPath(), ec);
  recoveryWritten_ = false;
}

void ScenarioEditor::refresh(bool check) {
  ++revision_;
  if (!check) {  // a step of a gesture: the park as it now is; the checks wait for its end
    park_ = base_;
    Diagnostics ignored;
    applyParkChanges(scenario_, park_, ignored);
    unchecked_ = true;
    return;
  }
  unchecked_ = false;
  Diagnostics found;
  // The same checks as the command line: the file's own structure (as it would be saved), then
  // the references and the physical picture against the park.
  parseScenario(scenarioToYaml(scenario_), path_, found);
  park_ = base_;
  applyParkChanges(scenario_, park_, found);
  validate(scenario_, park_, substances_, found);
  Diagnostics shown = unread_;  // where the file on disk still says what the editor could not read
  const bool edited = dirty();
  for (Diagnostic item : found.items()) {
    // Line numbers refer to the file on disk, which an unsaved edit no longer matches; the key
    // path still names the place.
    if (edited) item.where.line = item.where.column = 0;
    if (std::none_of(shown.items().begin(), shown.items().end(),
                     [&](const Diagnostic& o) { return o.key == item.key && o.message == item.message; }))
      shown.add(std::move(item));
  }
  problems_ = std::move(shown);
  validity_ = Diagnostics();
  if (!problems_.hasErrors()) validityWarnings(scenario_, park_, substances_, validity_);
  keepForRecovery();
}

void ScenarioEditor::change(const std::string& label, Scenario next, bool merge) {
  if (next == scenario_) return;
  const bool continuing = merge && !undo_.empty() && undo_.back().label == label;
  if (!continuing) undo_.push_back({label, scenario_});
  redo_.clear();
  scenario_ = std::move(next);
  refresh(!continuing);
}

void ScenarioEditor::finishGesture() {
  if (unchecked_) refresh(true);
}

bool ScenarioEditor::undo() {
  if (undo_.empty()) return false;
  redo_.push_back({undo_.back().label, scenario_});
  scenario_ = std::move(undo_.back().before);
  undo_.pop_back();
  refresh();
  return true;
}

bool ScenarioEditor::redo() {
  if (redo_.empty()) return false;
  undo_.push_back({redo_.back().label, scenario_});
  scenario_ = std::move(redo_.back().before);
  redo_.pop_back();
  refresh();
  return true;
}

std::string ScenarioEditor::freeId(const std::string& prefix, const std::vector<std::string>& taken) {
  for (int n = 1;; ++n) {
    std::string id = prefix + (n < 10 ? "0" : "") + std::to_string(n);
    if (std::find(taken.begin(), taken.end(), id) == taken.end()) return id;
  }
}

ShelterChange& ScenarioEditor::changeFor(Scenario& s, const std::string& id) {
  auto it = std::find_if(s.shelter_changes.begin(), s.shelter_changes.end(),
                         [&](const ShelterChange& c) { return c.id == id && !c.remove; });
  if (it != s.shelter_changes.end()) return *it;
  s.shelter_changes.push_back(ShelterChange{});
  s.shelter_changes.back().id = id;
  return s.shelter_changes.back();
}

std::string ScenarioEditor::addShelter(Point2 at_m, int capacity, const std::string& name) {
  std::vector<std::string> taken;
  for (const auto& s : base_.shelters) taken.push_back(s.id);
  for (const auto& c : scenario_.shelter_changes) taken.push_back(c.id);
  std::string id = freeId("S", taken);
  Scenario next = scenario_;
  ShelterChange& c = changeFor(next, id);
  const Point2 ll = LonLatTransform(park_.crs).toLonLat(at_m);
  c.lon = ll.x_m;
  c.lat = ll.y_m;
  c.capacity = std::max(0, capacity);
  c.kind = ShelterKind::Outdoor;
  c.name = name.empty() ? "新避难场所 " + id : name;
  change(tf("add shelter {1}", id), std::move(next));
  return id;
}

void ScenarioEditor::moveShelter(const std::string& id, Point2 at_m, bool continuing) {
  if (!park_.shelter(id)) return;
  Scenario next = scenario_;
  ShelterChange& c = changeFor(next, id);
  const Point2 ll = LonLatTransform(park_.crs).toLonLat(at_m);
  c.lon = ll.x_m;
  c.lat = ll.y_m;
  change(tf("move shelter {1}", id), std::move(next), continuing);
}

void ScenarioEditor::setShelterCapacity(const std::string& id, int capacity) {
  if (!park_.shelter(id)) return;
  Scenario next = scenario_;
  changeFor(next, id).capacity = std::max(0, capacity);
  change(tf("capacity of shelter {1}", id), std::move(next));
}

void ScenarioEditor::setShelterName(const std::string& id, const std::string& name) {
  if (!park_.shelter(id)) return;
  Scenario next = scenario_;
  changeFor(next, id).name = name;
  change(tf("name of shelter {1}", id), std::move(next));
}

void ScenarioEditor::setShelterKind(const std::string& id, ShelterKind kind) {
  if (!park_.shelter(id)) return;
  Scenario next = scenario_;
  changeFor(next, id).kind = kind;
  change(tf("kind of shelter {1}", id), std::move(next));
}

void ScenarioEditor::removeShelter(const std::string& id) {
  if (!park_.shelter(id)) return;
  Scenario next = scenario_;
  auto& changes = next.shelter_changes;
  changes.erase(std::remove_if(changes.begin(), changes.end(), [&](const ShelterChange& c) { return c.id == id; }),
                changes.end());
  if (base_.shelter(id)) {  // the park's own shelter: the scenario says it is gone
    ShelterChange c;
    c.id = id;
    c.remove = true;
    changes.push_back(std::move(c));
  }
  for (Plan& p : next.plans) {
    auto& map = p.shelters.map;
    for (auto& [zone, prefs] : map)
      prefs.erase(std::remove_if(prefs.begin(), prefs.end(), [&](const Ref& r) { return r.id == id; }), prefs.end());
    map.erase(std::remove_if(map.begin(), map.end(), [](const auto& e) { return e.second.empty(); }), map.end());
  }
  change(tf("remove shelter {1}", id), std::move(next));
}

const FeatureChange* ScenarioEditor::featureChange(const std::string& layer, const std::string& id) const {
  for (const auto& c : scenario_.park_changes)
    if (c.layer == layer && c.id == id) return &c;
  return nullptr;
}

void ScenarioEditor::setFeatureNumber(const std::string& layer, const std::string& id, const std::string& attribute,
                                      double value) {
  setFeature(layer, id, attribute, value, std::nullopt);
}

void ScenarioEditor::setFeatureText(const std::string& layer, const std::string& id, const std::string& attribute,
                                    const std::string& value) {
  setFeature(layer, id, attribute, std::nullopt, value);
}

void ScenarioEditor::setFeature(const std::string& layer, const std::string& id, const std::string& attribute,
                                const std::optional<double>& number, const std::optional<std::string>& text) {
  // The geodata's own value: a change back to it is no change.
  std::optional<double> baseNumber;
  std::optional<std::string> baseText;
  if (layer == "zones") {
    const Zone* z = base_.zone(id);
    if (!z) return;
    if (attribute == "pop_day") baseNumber = z->pop_day;
    if (attribute == "pop_night") baseNumber = z->pop_night;
    if (attribute == "name") baseText = z->name;
    if (attribute == "kind") baseText = zoneKindNames()[std::size_t(z->kind)];
  } else if (layer == "roads") {
    auto it = std::find_if(base_.roads.begin(), base_.roads.end(), [&](const Road& r) { return r.id == id; });
    if (it == base_.roads.end()) return;
    if (attribute == "width_m") baseNumber = it->width_m;
    if (attribute == "speed_ms") baseNumber = it->speed_ms;
    if (attribute == "capacity_pps") baseNumber = it->capacity_pps;
    if (attribute == "name") baseText = it->name;
  } else if (layer == "hazard_sources") {
    const HazardSource* h = base_.source(id);
    if (!h) return;
    if (attribute == "inventory_kg") baseNumber = h->inventory_kg;
    if (attribute == "name") baseText = h->name;
  } else {
    return;
  }
  Scenario next = scenario_;
  auto& changes = next.park_changes;
  auto it = std::find_if(changes.begin(), changes.end(), [&](const FeatureChange& c) { return c.layer == layer && c.id == id; });
  if (it == changes.end()) {
    changes.push_back(FeatureChange{layer, id, {}, {}, {}});
    it = changes.end() - 1;
  }
  if (number) {
    if (baseNumber && *baseNumber == *number) it->numbers.erase(attribute);
    else it->numbers[attribute] = *number;
  }
  if (text) {
    if (baseText && *baseText == *text) it->texts.erase(attribute);
    else it->texts[attribute] = *text;
  }
  if (it->numbers.empty() && it->texts.empty()) changes.erase(it);
  change(tcf("undo step", "{1} of {2}", attribute, id), std::move(next));
}

void ScenarioEditor::setSettings(const Scenario& from) {
  Scenario next = scenario_;
  next.name = from.name;
  next.description = from.description;
  next.horizon_s = from.horizon_s;
  next.population = from.population;
  next.cohort_size = from.cohort_size;
  next.walking = from.walking;
  next.monte_carlo = from.monte_carlo;
  change(tr("scenario settings"), std::move(next));
}

void ScenarioEditor::setWeather(const Weather& weather) {
  Scenario next = scenario_;
  next.weather = weather;
  change(tc("undo step", "weather"), std::move(next));
}

void ScenarioEditor::setHazard(std::size_t i, const Hazard& hazard) {
  if (i >= scenario_.hazards.size()) return;
  Scenario next = scenario_;
  next.hazards[i] = hazard;
  change(tf("hazard {1}", hazard.id), std::move(next));
}

std::string ScenarioEditor::addHazard(const Hazard& hazard) {
  Scenario next = scenario_;
  std::string id =
      appendWithFreeId(next.hazards, hazard, std::holds_alternative<Fire>(hazard.detail) ? "F" : "L");
  change(tf("add hazard {1}", id), std::move(next));
  return id;
}

void ScenarioEditor::removeHazard(std::size_t i) {
  if (i >= scenario_.hazards.size()) return;
  Scenario next = scenario_;
  const std::string id = next.hazards[i].id;
  next.hazards.erase(next.hazards.begin() + long(i));
  dropDispatches(next, [&](const Dispatch& d) { return d.to.id == id; });
  change(tf("remove hazard {1}", id), std::move(next));
}

void ScenarioEditor::setTeam(std::size_t i, const Team& team) {
  if (i >= scenario_.teams.size()) return;
  Scenario next = scenario_;
  const std::string old = next.teams[i].id;
  next.teams[i] = team;
  if (team.id != old)  // a renamed team keeps its dispatches
    for (Plan& p : next.plans)
      for (Dispatch& d : p.dispatch)
        if (d.team.id == old) d.team.id = team.id;
  change(tf("team {1}", team.id), std::move(next));
}

std::string ScenarioEditor::addTeam(const Team& team) {
  Scenario next = scenario_;
  std::string id = appendWithFreeId(next.teams, team, "T");
  change(tf("add team {1}", id), std::move(next));
  return id;
}

void ScenarioEditor::removeTeam(std::size_t i) {
  if (i >= scenario_.teams.size()) return;
  Scenario next = scenario_;
  const std::string id = next.teams[i].id;
  next.teams.erase(next.teams.begin() + long(i));
  dropDispatches(next, [&](const Dispatch& d) { return d.team.id == id; });
  change(tf("remove team {1}", id), std::move(next));
}

void ScenarioEditor::setPlan(std::size_t i, const Plan& plan) {
  if (i >= scenario_.plans.size()) return;
  Scenario next = scenario_;
  next.plans[i] = plan;
  change(tf("plan {1}", plan.id), std::move(next));
}

std::string ScenarioEditor::duplicatePlan(std::size_t i) {
  if (i >= scenario_.plans.size()) return "";
  std::vector<std::string> taken;
  for (const auto& p : scenario_.plans) taken.push_back(p.id);
  Scenario next = scenario_;
  Plan copy = next.plans[i];
  copy.id = freeId(copy.id + "_", taken);
  copy.name = copy.name + " (copy)";
  next.plans.insert(next.plans.begin() + long(i) + 1, copy);
  change(tf("duplicate plan {1}", scenario_.plans[i].id), std::move(next));
  return copy.id;
}

bool ScenarioEditor::removePlan(std::size_t i) {
  if (i >= scenario_.plans.size() || scenario_.plans.size() == 1) return false;
  Scenario next = scenario_;
  const std::string id = next.plans[i].id;
  next.plans.erase(next.plans.begin() + long(i));
  change(tf("remove plan {1}", id), std::move(next));
  return true;
}

namespace {
// Keeps the file at `path` as `path`.bak before it is replaced by `next`, unless it already says that.
// The file's text; nothing when there is none (or it cannot be read).
std::optional<std::string> fileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The text to write for `next` over the file at `path`, from which `asRead` was read: the file's
// own text with the changes in place, or the whole scenario written out when they cannot be
// placed there.
ScenarioText textOver(const std::string& path, const Scenario& asRead, const Scenario& next) {
  const auto text = fileText(path);
  if (!text) return {scenarioToYaml(next), false, tr("the file could not be read again, so it is written whole")};
  return scenarioTextKeepingFile(*text, asRead, next);
}

// Writes `out` to `path`, the file there first kept as path.bak (when it differs); what it did.
ScenarioEditor::SaveReport write(const std::string& path, const ScenarioText& out) {
  const auto previous = fileText(path);
  if (previous && *previous != out.text) writeFileAtomically(path + ".bak", *previous);
  writeFileAtomically(path, out.text);
  return {out.kept, out.why, linesWritten(previous.value_or(""), out.text)};
}
}  // namespace

ScenarioText ScenarioEditor::textToSave() const { return textOver(path_, saved_, scenario_); }

void ScenarioEditor::save() {
  lastSave_ = write(path_, textToSave());
  saved_ = scenario_;
  unread_ = Diagnostics();
  refresh();
}

void ScenarioEditor::saveAs(const std::string& path) {
  namespace fs = std::filesystem;
  Scenario next = scenario_;
  const fs::path parkAbs = fs::absolute(resolveParkPath(path_, scenario_.park));
  const fs::path folder = fs::absolute(path).parent_path();
  next.park = fs::path(scenario_.park).is_absolute() ? scenario_.park : parkAbs.lexically_relative(folder).string();
  // The new file starts from this one's text, so that its comments go with it.
  lastSave_ = write(path, textOver(path_, saved_, next));
  abandonEdits();  // the edits are saved, in the other file
  scenario_ = next;
  saved_ = next;
  path_ = path;
  unread_ = Diagnostics();
  for (Step& s : undo_) s.before.park = next.park;
  for (Step& s : redo_) s.before.park = next.park;
  refresh();
}

}  // namespace drillsim
