// The editor's forms (EditorPanel's, viz/Panels.hpp): each edits the draft (the panel's copy of
// the scenario) and, when a field is left after an edit or a choice is made, commits the part
// through one ScenarioEditor operation.
//
// Index (search for "[SECTION] " and the name):
//   Fields; The draft and distributions; Settings and weather; Hazards and teams;
//   Plans (alarm chain, dispatch, protective actions, shelter assignment); Map features.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/I18n.hpp"
#include "viz/App.hpp"
#include "viz/Label.hpp"

namespace drillsim::viz {

// [SECTION] Fields: text, numbers, words, lists of ids, errors
//
// A field's label is its English message, marked kNoop at the call and shown in the user's
// language with the English as its ImGui id (viz/Label.hpp), so that a field keeps its state when
// the language changes; a label that is only an id ("##who") or already one ("shown###id") is
// shown as it is.
namespace {
using i18n::kNoop;
using i18n::tf;
using i18n::tr;

const ImVec4 kErrorColour(0.75f, 0.1f, 0.1f, 1);

std::string shown(const char* english) {
  const std::string l = english;
  return l.empty() || l.find("##") != std::string::npos ? l : label(tr(english), english);
}

bool done() { return ImGui::IsItemDeactivatedAfterEdit(); }

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextUnformatted(tr(text));
  ImGui::Separator();
}

bool textField(const char* label, std::string& v) {
  ImGui::InputText(shown(label).c_str(), &v);
  return done();
}

std::vector<std::string> ids(const auto& items) {
  std::vector<std::string> out;
  for (const auto& x : items) out.push_back(x.id);
  return out;
}

std::string joined(const std::vector<Ref>& refs) {
  std::string s;
  for (const auto& r : refs) s += (s.empty() ? "" : ", ") + r.id;
  return s;
}

std::vector<Ref> refsFrom(const std::string& text) {
  std::vector<Ref> refs;
  std::string cur;
  for (char c : text + ",") {
    if (c == ',' || c == ' ' || c == ';') {
      if (!cur.empty()) refs.push_back(Ref{cur, {}});
      cur.clear();
    } else {
      cur += c;
    }
  }
  return refs;
}
}  // namespace

void errorText(const std::string& message, float width) {
  ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
  ImGui::PushTextWrapPos(width > 0 ? ImGui::GetCursorPosX() + width : 0.0f);
  ImGui::TextUnformatted(message.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

const char* hazardKindShown(const Hazard& h) {
  return std::holds_alternative<ToxicRelease>(h.detail) ? i18n::tc("hazard kind", "toxic release") : i18n::tc("hazard kind", "fire");
}

bool wordField(const char* label, std::string& value, const std::vector<std::string>& choices) {
  bool changed = false;
  if (ImGui::BeginCombo(shown(label).c_str(), value.c_str())) {
    for (const auto& c : choices)
      if (ImGui::Selectable(c.c_str(), c == value)) {
        changed = c != value;
        value = c;
      }
    ImGui::EndCombo();
  }
  return changed;
}

// [SECTION] The draft and distributions
void EditorPanel::syncDraft(const ScenarioEditor& editor, const Selection& selection) {
  if (editor.revision() == draftRevision_ && selection == draftSelection_) return;
  draft_ = editor.scenario();
  draftRevision_ = editor.revision();
  draftSelection_ = selection;
  fieldText_.clear();
  fieldError_.clear();
}

bool EditorPanel::distField(const char* label, const std::string& key, Distribution& d, int lowerBound) {
  auto [it, fresh] = fieldText_.try_emplace(key, distributionToYaml(d));
  ImGui::InputText((std::string(tr(label)) + "###" + key).c_str(), &it->second);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("A number, or {uniform: [a, b]}, {triangular: [min, mode, max]}, {normal: {mean: m, sd: s}},\n"
                               "{lognormal: {median: m, sigma: s}}, {exponential: {mean: m}}, {choice: {values: [...], weights: [...]}}"));
  bool committed = false;
  if (done()) {
    std::string error;
    const auto parsed = distributionFromYaml(it->second, lowerBound, error);
    committed = fieldChecked(key, parsed ? "" : error);
    if (committed) d = *parsed;
  }
  fieldErrorLine(key);
  return committed;
}

bool EditorPanel::fieldChecked(const std::string& key, const std::string& error) {
  if (error.empty()) {
    fieldError_.erase(key);
    return true;
  }
  fieldError_[key] = error;
  return false;
}

void EditorPanel::fieldErrorLine(const std::string& key) const {
  if (auto e = fieldError_.find(key); e != fieldError_.end())
    ImGui::TextColored(kErrorColour, "%s", tf("{1} (not applied)", e->second).c_str());
}

// [SECTION] Numbers
std::string numberFieldProblem(const std::string& text, Bound bound, bool whole, double& value) {
  const std::size_t from = text.find_first_not_of(' '), to = text.find_last_not_of(' ');
  const std::string typed = from == std::string::npos ? "" : text.substr(from, to - from + 1);
  char* end = nullptr;
  const double v = typed.empty() ? 0 : std::strtod(typed.c_str(), &end);
  if (typed.empty() || !end || *end != '\0' || !std::isfinite(v)) return tf("expected {1}, found {2}", bound.describe(), inQuotes(typed));
  if (!bound.admits(v)) return tf("expected {1}, found {2}", bound.describe(), typed);
  if (whole && (v != std::floor(v) || v > 2e9)) return tf("expected a whole number, found {1}", typed);
  value = v;
  return "";
}

bool EditorPanel::checkedNumber(const char* label, const std::string& key, const std::string& initial, Bound bound, bool whole,
                                double& value) {
  auto [it, fresh] = fieldText_.try_emplace(key, initial);
  ImGui::InputText(shown(label).c_str(), &it->second);
  bool committed = false;
  if (done()) {
    double v = 0;
    committed = fieldChecked(key, numberFieldProblem(it->second, bound, whole, v));
    if (committed) value = v;
  }
  fieldErrorLine(key);
  return committed;
}

bool EditorPanel::numberField(const char* label, const std::string& key, double& v, Bound bound, const char* format) {
  char text[64];
  std::snprintf(text, sizeof text, format, v);
  return checkedNumber(label, key, text, bound, false, v);
}

bool EditorPanel::countField(const char* label, const std::string& key, int& v, Bound bound) {
  double value = v;
  if (!checkedNumber(label, key, std::to_string(v), bound, true, value)) return false;
  v = int(value);
  return true;
}

bool EditorPanel::optionalDistField(const char* label, const std::string& key, std::optional<Distribution>& d, int lowerBound,
                                    const Distribution& initial) {
  bool on = d.has_value();
  bool committed = false;
  if (ImGui::Checkbox(("##on" + key).c_str(), &on)) {
    if (on) d = initial;
    else d.reset();
    fieldText_.erase(key);
    committed = true;
  }
  ImGui::SameLine();
  if (d) {
    committed |= distField(label, key, *d, lowerBound);
  } else {
    ImGui::TextDisabled("%s", tf("{1}: not modelled", tr(label)).c_str());
  }
  return committed;
}

// [SECTION] Settings and weather, and the form the selection shows
void EditorPanel::properties(Desk& desk) {
  ImGui::BeginChild("properties", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.62f), true);
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  const Selection& sel = desk.selection;
  switch (sel.kind) {
    case Selection::Kind::None: ImGui::TextDisabled("%s", tr("Select a part of the scenario above, or a feature on the map.")); break;
    case Selection::Kind::Settings: settingsForm(desk); break;
    case Selection::Kind::Weather: weatherForm(desk); break;
    case Selection::Kind::Hazard: if (sel.index < draft_.hazards.size()) hazardForm(desk, sel.index); break;
    case Selection::Kind::Team: if (sel.index < draft_.teams.size()) teamForm(desk, sel.index); break;
    case Selection::Kind::Plan: if (sel.index < draft_.plans.size()) planForm(desk, sel.index); break;
    case Selection::Kind::Feature: featureForm(desk); break;
  }
  ImGui::PopItemWidth();
  ImGui::EndChild();
}

void EditorPanel::settingsForm(Desk& desk) {
  Scenario& s = draft_;
  ImGui::TextUnformatted(tr("Scenario settings"));
  bool c = textField(kNoop("name"), s.name);
  ImGui::InputTextMultiline(shown(kNoop("description")).c_str(), &s.description, ImVec2(0, 60));
  c |= done();
  c |= numberField(kNoop("horizon [s]"), "horizon", s.horizon_s, Bound::above(0), "%.0f");
  c |= wordField(kNoop("population"), s.population, populationNames());
  c |= countField(kNoop("persons per cohort"), "cohort", s.cohort_size, Bound::above(0));
  c |= numberField(kNoop("walking speed [m/s]"), "walking.speed", s.walking.speed_ms, Bound::above(0), "%.2f");
  c |= numberField(kNoop("specific flow [persons/m/s]"), "walking.flow", s.walking.specific_flow_pms, Bound::above(0), "%.2f");
  c |= distField(kNoop("pre-movement time [s]"), "premovement", s.walking.premovement_s, 1);
  c |= countField(kNoop("replications"), "replications", s.monte_carlo.replications, Bound::above(0));
  std::string seed = std::to_string(s.monte_carlo.seed);
  if (textField(kNoop("seed"), seed)) {
    try {
      s.monte_carlo.seed = std::stoull(seed);
      c = true;
    } catch (const std::exception&) {
      fieldError_["seed"] = tr("expected a whole number >= 0");
    }
  }
  if (fieldError_.count("seed")) ImGui::TextColored(kErrorColour, "%s", fieldError_["seed"].c_str());
  if (c) desk.editor.setSettings(s);
}

void EditorPanel::weatherForm(Desk& desk) {
  Weather& w = draft_.weather;
  ImGui::TextUnformatted(tr("Weather (drawn for each replication)"));
  bool c = distField(kNoop("wind speed at 10 m [m/s]"), "wind_speed", w.wind_speed_ms, 2);
  c |= distField(kNoop("wind from [deg]"), "wind_from", w.wind_from_deg, 0);
  const std::string byClass = tr("class"), bySky = tr("from the sky (Pasquill)");
  std::string mode = w.fromSky() ? bySky : byClass;
  if (wordField(kNoop("stability"), mode, {byClass, bySky})) {
    if (mode == byClass) w.sky = WordChoice<Sky>{{}, {}};
    else w.sky = WordChoice<Sky>{{Sky::NightClear}, {}};
    c = true;
  }
  // One name is edited here; a choice of several is shown, and edited in the file.
  const auto choiceField = [&](const char* label, auto& choice, const std::vector<std::string>& words) {
    if (choice.values.size() == 1) return wordField(label, choice.values[0], words);
    std::string all;
    for (std::size_t i = 0; i < choice.values.size(); ++i) {
      all += (i ? ", " : "") + wordOf(choice.values[i]);
      if (!choice.weights.empty()) {
        char weight[32];
        std::snprintf(weight, sizeof weight, " (%g)", choice.weights[i]);
        all += weight;
      }
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", tf("{1} drawn from {2} (a choice; edit it in the file)", tr(label), all).c_str());
    ImGui::PopStyleColor();
    return false;
  };
  if (w.fromSky()) c |= choiceField(kNoop("sky"), w.sky, skyNames());
  else c |= choiceField(kNoop("Pasquill-Gifford class"), w.stability, stabilityNames());
  c |= wordField(kNoop("terrain"), w.terrain, terrainNames());
  if (c) desk.editor.setWeather(w);
}

// [SECTION] Hazards and teams
void EditorPanel::hazardForm(Desk& desk, std::size_t i) {
  Hazard& h = draft_.hazards[i];
  const std::string k = "hazard" + std::to_string(i) + ".";
  ImGui::TextUnformatted(tf("Hazard {1} ({2})", h.id, hazardKindShown(h)).c_str());
  bool c = textField(kNoop("id"), h.id);
  c |= distField(kNoop("start [s]"), k + "start", h.start_s, 1);
  if (auto* r = std::get_if<ToxicRelease>(&h.detail)) {
    c |= wordField(kNoop("source"), r->source.id, ids(desk.editor.park().sources));
    if (const HazardSource* src = desk.editor.park().source(r->source.id))
      ImGui::TextDisabled("%s: %s, %.0f kg", src->name.c_str(), src->substance.c_str(), src->inventory_kg);
    // The fields of the way the release is given: its vessel and hole (or rupture), a mass at
    // once, or a direct rate; what the form does not edit is named, to be edited in the file.
    if (r->vessel) {
      PhysicalRelease& v = *r->vessel;
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
      ImGui::TextWrapped("%s", (v.rupture ? tf("released from its vessel: {1}, its rupture (the whole inventory at once)",
                                               shownWord(v.phase))
                                          : tf("released from its vessel: {1}", shownWord(v.phase)))
                                   .c_str());
      ImGui::PopStyleColor();
      if (!v.rupture) c |= distField(kNoop("hole diameter [mm]"), k + "hole", v.hole_mm, 2);
      if (!v.rupture && v.phase == ReleasePhase::Liquid) c |= distField(kNoop("liquid above the hole [m]"), k + "head", v.head_m, 1);
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
      ImGui::TextWrapped("%s", tr("its pressure, temperature, discharge coefficient, bund and ground: edit them in the file"));
      ImGui::PopStyleColor();
      c |= distField(v.rupture ? kNoop("pool boils for up to [s]") : kNoop("isolated after [s]"), k + "duration", r->duration_s, 2);
    } else if (r->instantaneous_kg) {
      c |= distField(kNoop("mass released at once [kg]"), k + "mass", *r->instantaneous_kg, 2);
    } else {
      c |= distField(kNoop("release rate [kg/s]"), k + "rate", r->rate_kg_s, 2);
      c |= distField(kNoop("duration [s]"), k + "duration", r->duration_s, 2);
    }
    c |= distField(kNoop("height [m]"), k + "height", r->height_m, 1);
    c |= optionalDistField(kNoop("containment on scene [s]"), k + "containment", r->containment_s, 2, Distribution(900.0));
  } else if (auto* f = std::get_if<Fire>(&h.detail)) {
    c |= wordField(kNoop("zone"), f->zone.id, ids(desk.editor.park().zones));
    c |= distField(kNoop("spread distance [m]"), k + "spread", f->spread_m, 1);
    c |= optionalDistField(kNoop("spread delay [s]"), k + "delay", f->spread_delay_s, 2, Distribution(LogNormal{1800, 0.5}));
    c |= optionalDistField(kNoop("control on scene [s]"), k + "control", f->control_s, 2, Distribution(LogNormal{1800, 0.5}));
    c |= optionalDistField(kNoop("heat release [MW]"), k + "heat", f->heat_release_mw, 2, Distribution(300.0));
  }
  if (c) desk.editor.setHazard(i, h);
  ImGui::Separator();
  if (ImGui::Button(shown(kNoop("Remove this hazard (and its dispatches)")).c_str())) {
    desk.editor.removeHazard(i);
    desk.select({});
  }
}

void EditorPanel::teamForm(Desk& desk, std::size_t i) {
  Team& t = draft_.teams[i];
  const std::string k = "team" + std::to_string(i) + ".";
  ImGui::TextUnformatted(tf("Team {1}", t.id).c_str());
  bool c = textField(kNoop("id"), t.id);
  c |= textField(kNoop("name"), t.name);
  c |= wordField(kNoop("station"), t.station.id, ids(desk.editor.park().stations));
  c |= wordField(kNoop("kind"), t.kind, teamKindNames());
  c |= distField(kNoop("turn-out [s]"), k + "turnout", t.turnout_s, 1);
  c |= numberField(kNoop("speed on empty roads [m/s]"), k + "speed", t.speed_ms, Bound::above(0), "%.1f");
  if (c) desk.editor.setTeam(i, t);
  ImGui::Separator();
  if (ImGui::Button(shown(kNoop("Remove this team (and its dispatches)")).c_str())) {
    desk.editor.removeTeam(i);
    desk.select({});
  }
}

// [SECTION] Plans: alarm chain, dispatch, protective actions, shelters and roads
void EditorPanel::planForm(Desk& desk, std::size_t i) {
  Plan& p = draft_.plans[i];
  const std::string k = "plan" + std::to_string(i) + ".";
  ImGui::TextUnformatted(tf("Plan {1}", p.id).c_str());
  bool c = textField(kNoop("id"), p.id);
  c |= textField(kNoop("name"), p.name);
  c |= distField(kNoop("detection [s]"), k + "detection", p.detection_s, 1);
  std::vector<std::string> parties;
  for (const auto& n : p.notify) parties.push_back(n.who);

  c |= alarmChain(p, k);
  c |= dispatches(desk, p, parties);
  c |= protectiveActions(p, k, parties);
  c |= shelterAssignment(desk, p, k);
  c |= wordField(kNoop("close roads above"), p.close_roads_above, closureLevelNames());
  if (c) desk.editor.setPlan(i, p);
  ImGui::Separator();
  if (ImGui::Button(shown(kNoop("Duplicate this plan")).c_str())) {
    desk.editor.duplicatePlan(i);
    desk.select({Selection::Kind::Plan, i + 1});
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(desk.editor.scenario().plans.size() < 2);
  if (ImGui::Button(shown(kNoop("Remove this plan")).c_str())) {
    desk.editor.removePlan(i);
    desk.select({});
  }
  ImGui::EndDisabled();
}


// The alarm chain: who is told, how long after detection.
bool EditorPanel::alarmChain(Plan& p, const std::string& k) {
  bool c = false;
  heading(kNoop("Alarm chain (who is told, how long after detection)"));
  for (std::size_t j = 0; j < p.notify.size(); ++j) {
    ImGui::PushID(int(j));
    ImGui::SetNextItemWidth(150);
    c |= textField("##who", p.notify[j].who);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(190);
    c |= distField(kNoop("delay [s]"), k + "notify" + std::to_string(j), p.notify[j].delay_s, 1);
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) {
      p.notify.erase(p.notify.begin() + long(j));
      c = true;
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
  }
  if (ImGui::SmallButton(shown(kNoop("+ party")).c_str())) {
    p.notify.push_back(Notification{"emergency_bureau", Distribution(300.0), {}});
    c = true;
  }
  return c;
}

// Dispatches: a team, to a hazard or a zone, after whom.
bool EditorPanel::dispatches(Desk& desk, Plan& p, const std::vector<std::string>& parties) {
  bool c = false;
  heading(kNoop("Dispatch (team, to a hazard or zone, after whom)"));
  std::vector<std::string> targets = ids(draft_.hazards);
  for (const auto& z : desk.editor.park().zones) targets.push_back(z.id);
  for (std::size_t j = 0; j < p.dispatch.size(); ++j) {
    ImGui::PushID(int(j) + 1000);
    ImGui::SetNextItemWidth(110);
    c |= wordField("##team", p.dispatch[j].team.id, ids(draft_.teams));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    c |= wordField("##to", p.dispatch[j].to.id, targets);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(150);
    c |= wordField("##after", p.dispatch[j].after.id, parties);
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) {
      p.dispatch.erase(p.dispatch.begin() + long(j));
      c = true;
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
  }
  if (ImGui::SmallButton(shown(kNoop("+ dispatch")).c_str()) && !draft_.teams.empty()) {
    p.dispatch.push_back(Dispatch{Ref{draft_.teams.front().id, {}}, Ref{targets.empty() ? "" : targets.front(), {}},
                                  Ref{parties.empty() ? "" : parties.front(), {}}});
    c = true;
  }
  return c;
}

// Protective actions: zones, evacuate or shelter in place, after whom.
bool EditorPanel::protectiveActions(Plan& p, const std::string& k, const std::vector<std::string>& parties) {
  bool c = false;
  heading(kNoop("Protective actions (zones, action, after whom)"));
  for (std::size_t j = 0; j < p.protect.size(); ++j) {
    Protect& a = p.protect[j];
    ImGui::PushID(int(j) + 2000);
    std::string scope = a.scope == Protect::Scope::All ? "all" : a.scope == Protect::Scope::Threat ? "threat" : "list";
    ImGui::SetNextItemWidth(80);
    if (wordField("##scope", scope, {"all", "threat", "list"})) {
      a.scope = scope == "all" ? Protect::Scope::All : scope == "threat" ? Protect::Scope::Threat : Protect::Scope::List;
      c = true;
    }
    ImGui::SameLine();
    std::string action = a.action == ProtectiveAction::Evacuate ? "evacuate" : "shelter_in_place";
    ImGui::SetNextItemWidth(140);
    if (wordField("##action", action, {"evacuate", "shelter_in_place"})) {
      a.action = action == "evacuate" ? ProtectiveAction::Evacuate : ProtectiveAction::ShelterInPlace;
      if (a.action == ProtectiveAction::Evacuate) a.air_out_when_cloud_passed = false;
      c = true;
    }

    ImGui::SameLine();
    ImGui::SetNextItemWidth(140);
    c |= wordField("##after", a.after.id, parties);
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) {
      p.protect.erase(p.protect.begin() + long(j));
      c = true;
      ImGui::PopID();
      break;
    }
    if (a.action == ProtectiveAction::ShelterInPlace)  // on its own line: the row is full
      c |= ImGui::Checkbox(shown(kNoop("air out once the cloud has passed")).c_str(),
                           &a.air_out_when_cloud_passed);
    if (a.scope == Protect::Scope::List) {
      auto [it, fresh] = fieldText_.try_emplace(k + "zones" + std::to_string(j), joined(a.zones));
      ImGui::SetNextItemWidth(380);
      ImGui::InputText(shown(kNoop("zones")).c_str(), &it->second);
      if (done()) {
        a.zones = refsFrom(it->second);
        c = true;
      }
    }
    ImGui::PopID();
  }
  if (ImGui::SmallButton(shown(kNoop("+ action")).c_str())) {
    p.protect.push_back(Protect{Protect::Scope::All, {}, ProtectiveAction::Evacuate, Ref{parties.empty() ? "" : parties.front(), {}}, false, {}});
    c = true;
  }
  return c;
}

// Shelter assignment, with a map's zone-by-zone preferences.
bool EditorPanel::shelterAssignment(Desk& desk, Plan& p, const std::string& k) {
  bool c = false;
  heading(kNoop("Shelters and roads"));
  std::string rule = p.shelters.kind == ShelterRule::Kind::Nearest ? "nearest" : p.shelters.kind == ShelterRule::Kind::Fastest ? "fastest" : "map";
  if (wordField(kNoop("shelter assignment"), rule, {"nearest", "fastest", "map"})) {
    p.shelters.kind = rule == "nearest" ? ShelterRule::Kind::Nearest : rule == "fastest" ? ShelterRule::Kind::Fastest : ShelterRule::Kind::Map;
    c = true;
  }
  if (p.shelters.kind == ShelterRule::Kind::Map) {
    for (std::size_t j = 0; j < p.shelters.map.size(); ++j) {
      auto& [zone, prefs] = p.shelters.map[j];
      ImGui::PushID(int(j) + 3000);
      ImGui::SetNextItemWidth(90);
      c |= wordField("##zone", zone.id, ids(desk.editor.park().zones));
      ImGui::SameLine();
      auto [it, fresh] = fieldText_.try_emplace(k + "map" + std::to_string(j), joined(prefs));
      ImGui::SetNextItemWidth(220);
      ImGui::InputText(shown(kNoop("shelters in order")).c_str(), &it->second);
      if (done()) {
        prefs = refsFrom(it->second);
        c = true;
      }
      ImGui::SameLine();
      if (ImGui::SmallButton("x")) {
        p.shelters.map.erase(p.shelters.map.begin() + long(j));
        c = true;
        ImGui::PopID();
        break;
      }
      ImGui::PopID();
    }
    if (ImGui::SmallButton(shown(kNoop("+ zone")).c_str()) && !desk.editor.park().zones.empty() && !desk.editor.park().shelters.empty()) {
      p.shelters.map.emplace_back(Ref{desk.editor.park().zones.front().id, {}},
                                  std::vector<Ref>{Ref{desk.editor.park().shelters.front().id, {}}});
      c = true;
    }
  }
  return c;
}

// [SECTION] Map features: shelters, zones, roads, hazard sources, stations
// A shelter: through the scenario's shelter_changes.
void EditorPanel::shelterForm(Desk& desk, const Feature& f) {
  const Park& park = desk.editor.park();
  const Shelter* s = park.shelter(f.id);
  if (!s) {
    ImGui::TextDisabled("%s", tf("Shelter {1} is gone.", f.id).c_str());
    return;
  }
  ImGui::TextUnformatted((desk.editor.basePark().shelter(s->id) ? tf("Shelter {1}", s->id)
                                                                 : tf("Shelter {1} (added by this scenario)", s->id))
                             .c_str());
  auto [it, fresh] = fieldText_.try_emplace("shelter.name", s->name);
  ImGui::InputText(shown(kNoop("name")).c_str(), &it->second);
  if (done()) desk.editor.setShelterName(s->id, it->second);
  int kind = s->kind == ShelterKind::Indoor ? 0 : 1;
  const std::string kinds = std::string(shownWord(ShelterKind::Indoor)) + '\0' + shownWord(ShelterKind::Outdoor) + '\0';
  if (ImGui::Combo(shown(kNoop("kind")).c_str(), &kind, kinds.c_str()))
    desk.editor.setShelterKind(s->id, kind == 0 ? ShelterKind::Indoor : ShelterKind::Outdoor);
  int capacity = s->capacity;
  if (countField(kNoop("capacity [persons]"), "shelter.capacity", capacity, Bound::atLeast(0)))
    desk.editor.setShelterCapacity(s->id, capacity);
  const Point2 ll = LonLatTransform(park.crs).toLonLat(s->position);
  char lon[32], lat[32], access[32];
  std::snprintf(lon, sizeof lon, "%.6f", ll.x_m);
  std::snprintf(lat, sizeof lat, "%.6f", ll.y_m);
  std::snprintf(access, sizeof access, "%.0f", s->access_m);
  ImGui::TextUnformatted(tf("at {1} E, {2} N; {3} m from its road node", lon, lat, access).c_str());
  ImGui::TextDisabled("%s", tr("Drag it on the map to move it."));
  if (ImGui::Button(shown(kNoop("Remove this shelter")).c_str())) {
    desk.editor.removeShelter(s->id);
    desk.select({});
  }
  ImGui::TextDisabled("%s", tr("Changes are kept in the scenario's shelter_changes;\nthe park's geodata is not written."));
}

void EditorPanel::featureForm(Desk& desk) {
  const Park& park = desk.editor.park();
  const Feature& f = desk.selection.feature;
  if (f.kind == Feature::Kind::Shelter) return shelterForm(desk, f);
  // Zones, roads and hazard sources: their attributes through the scenario's park_changes.
  auto changed = [&](const char* layer) {
    if (desk.editor.featureChange(layer, f.id))
      ImGui::TextColored(ImVec4(0.1f, 0.35f, 0.7f, 1), "%s", tr("Changed by this scenario (park_changes); the geodata is not written."));
    else
      ImGui::TextDisabled("%s", tr("As in the park's geodata; a change here is kept in the scenario."));
  };
  auto name = [&](const char* layer, const std::string& current) {
    auto [it, fresh] = fieldText_.try_emplace("feature.name", current);
    ImGui::InputText(shown(kNoop("name")).c_str(), &it->second);
    if (done()) desk.editor.setFeatureText(layer, f.id, "name", it->second);
  };
  if (f.kind == Feature::Kind::Zone) {
    if (const Zone* z = park.zone(f.id)) {
      ImGui::TextUnformatted(tf("Zone {1}, {2} m2, {3} m to its road node", z->id, std::lround(z->area_m2), std::lround(z->access_m)).c_str());
      name("zones", z->name);
      std::string kind = zoneKindNames()[std::size_t(z->kind)];
      if (wordField(kNoop("kind"), kind, zoneKindNames())) desk.editor.setFeatureText("zones", z->id, "kind", kind);
      int day = z->pop_day, night = z->pop_night;
      if (countField(kNoop("persons by day"), "zone.day", day, Bound::atLeast(0))) desk.editor.setFeatureNumber("zones", z->id, "pop_day", day);
      if (countField(kNoop("persons by night"), "zone.night", night, Bound::atLeast(0)))
        desk.editor.setFeatureNumber("zones", z->id, "pop_night", night);
      changed("zones");
      for (const auto& [key, value] : z->extra) ImGui::TextDisabled("%s: %s", key.c_str(), value.c_str());
    }
  } else if (f.kind == Feature::Kind::Road) {
    for (const auto& r : park.roads)
      if (r.id == f.id) {
        ImGui::TextUnformatted((r.oneway ? tf("Road {1}, {2} m long, one way", r.id, std::lround(r.length_m))
                                         : tf("Road {1}, {2} m long", r.id, std::lround(r.length_m)))
                                   .c_str());
        name("roads", r.name);
        double width = r.width_m;
        if (numberField(kNoop("width [m]"), "road.width", width, Bound::above(0), "%.1f"))
          desk.editor.setFeatureNumber("roads", r.id, "width_m", width);
        changed("roads");
      }
  } else if (f.kind == Feature::Kind::Source) {
    if (const HazardSource* h = park.source(f.id)) {
      ImGui::TextUnformatted(tf("Hazard source {1}: {2}, in zone {3}", h->id, h->substance, h->zone).c_str());
      name("hazard_sources", h->name);
      double inventory = h->inventory_kg;
      if (numberField(kNoop("inventory [kg]"), "source.inventory", inventory, Bound::atLeast(0), "%.0f"))
        desk.editor.setFeatureNumber("hazard_sources", h->id, "inventory_kg", inventory);
      changed("hazard_sources");
    }
  } else if (f.kind == Feature::Kind::Station) {
    if (const Station* st = park.station(f.id)) {
      ImGui::TextUnformatted(tf("Rescue station {1} {2}", st->id, st->name).c_str());
      ImGui::TextDisabled("%s", tr("Teams start here; a station is moved in the park's geodata (a GIS)."));
    }
  }
}

}  // namespace drillsim::viz
