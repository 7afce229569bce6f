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
#include "viz/App.hpp"

namespace drillsim::viz {

// [SECTION] Fields: text, numbers, words, lists of ids, errors
namespace {
const ImVec4 kErrorColour(0.75f, 0.1f, 0.1f, 1);

bool done() { return ImGui::IsItemDeactivatedAfterEdit(); }

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextUnformatted(text);
  ImGui::Separator();
}

bool textField(const char* label, std::string& v) {
  ImGui::InputText(label, &v);
  return done();
}

bool numberField(const char* label, double& v, const char* format = "%.6g") {
  ImGui::InputDouble(label, &v, 0, 0, format);
  return done();
}

bool intField(const char* label, int& v) {
  ImGui::InputInt(label, &v, 0);
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

bool wordField(const char* label, std::string& value, const std::vector<std::string>& choices) {
  bool changed = false;
  if (ImGui::BeginCombo(label, value.c_str())) {
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
  ImGui::InputText((std::string(label) + "##" + key).c_str(), &it->second);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A number, or {uniform: [a, b]}, {triangular: [min, mode, max]}, {normal: {mean: m, sd: s}},\n"
                      "{lognormal: {median: m, sigma: s}}, {exponential: {mean: m}}, {choice: {values: [...], weights: [...]}}");
  bool committed = false;
  if (done()) {
    std::string error;
    if (auto parsed = distributionFromYaml(it->second, lowerBound, error)) {
      d = *parsed;
      fieldError_.erase(key);
      committed = true;
    } else {
      fieldError_[key] = error;
    }
  }
  if (auto e = fieldError_.find(key); e != fieldError_.end()) ImGui::TextColored(kErrorColour, "%s (not applied)", e->second.c_str());
  return committed;
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
    ImGui::TextDisabled("%s: not modelled", label);
  }
  return committed;
}

// [SECTION] Settings and weather, and the form the selection shows
void EditorPanel::properties(Desk& desk) {
  ImGui::BeginChild("properties", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.62f), true);
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  const Selection& sel = desk.selection;
  switch (sel.kind) {
    case Selection::Kind::None: ImGui::TextDisabled("Select a part of the scenario above, or a feature on the map."); break;
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
  ImGui::TextUnformatted("Scenario settings");
  bool c = textField("name", s.name);
  ImGui::InputTextMultiline("description", &s.description, ImVec2(0, 60));
  c |= done();
  c |= numberField("horizon [s]", s.horizon_s, "%.0f");
  c |= wordField("population", s.population, populationNames());
  c |= intField("persons per cohort", s.cohort_size);
  c |= numberField("walking speed [m/s]", s.walking.speed_ms, "%.2f");
  c |= numberField("specific flow [persons/m/s]", s.walking.specific_flow_pms, "%.2f");
  c |= distField("pre-movement time [s]", "premovement", s.walking.premovement_s, 1);
  c |= intField("replications", s.monte_carlo.replications);
  std::string seed = std::to_string(s.monte_carlo.seed);
  if (textField("seed", seed)) {
    try {
      s.monte_carlo.seed = std::stoull(seed);
      c = true;
    } catch (const std::exception&) {
      fieldError_["seed"] = "expected a whole number >= 0";
    }
  }
  if (fieldError_.count("seed")) ImGui::TextColored(kErrorColour, "%s", fieldError_["seed"].c_str());
  if (c) desk.editor.setSettings(s);
}

void EditorPanel::weatherForm(Desk& desk) {
  Weather& w = draft_.weather;
  ImGui::TextUnformatted("Weather (drawn for each replication)");
  bool c = distField("wind speed at 10 m [m/s]", "wind_speed", w.wind_speed_ms, 2);
  c |= distField("wind from [deg]", "wind_from", w.wind_from_deg, 0);
  std::string mode = w.fromSky() ? "from the sky (Pasquill)" : "class";
  if (wordField("stability", mode, {"class", "from the sky (Pasquill)"})) {
    if (mode == "class") w.sky = WordChoice<Sky>{{}, {}};
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
    ImGui::TextWrapped("%s drawn from %s (a choice; edit it in the file)", label, all.c_str());
    ImGui::PopStyleColor();
    return false;
  };
  if (w.fromSky()) c |= choiceField("sky", w.sky, skyNames());
  else c |= choiceField("Pasquill-Gifford class", w.stability, stabilityNames());
  c |= wordField("terrain", w.terrain, terrainNames());
  if (c) desk.editor.setWeather(w);
}

// [SECTION] Hazards and teams
void EditorPanel::hazardForm(Desk& desk, std::size_t i) {
  Hazard& h = draft_.hazards[i];
  const std::string k = "hazard" + std::to_string(i) + ".";
  ImGui::Text("Hazard %s (%s)", h.id.c_str(), h.kindName().c_str());
  bool c = textField("id", h.id);
  c |= distField("start [s]", k + "start", h.start_s, 1);
  if (auto* r = std::get_if<ToxicRelease>(&h.detail)) {
    c |= wordField("source", r->source.id, ids(desk.editor.park().sources));
    if (const HazardSource* src = desk.editor.park().source(r->source.id))
      ImGui::TextDisabled("%s: %s, %.0f kg", src->name.c_str(), src->substance.c_str(), src->inventory_kg);
    // The fields of the way the release is given: its vessel and hole (or rupture), a mass at
    // once, or a direct rate; what the form does not edit is named, to be edited in the file.
    if (r->vessel) {
      PhysicalRelease& v = *r->vessel;
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
      ImGui::TextWrapped("released from its vessel: %s%s", wordOf(v.phase).c_str(),
                         v.rupture ? ", its rupture (the whole inventory at once)" : "");
      ImGui::PopStyleColor();
      if (!v.rupture) c |= distField("hole diameter [mm]", k + "hole", v.hole_mm, 2);
      if (!v.rupture && v.phase == ReleasePhase::Liquid) c |= distField("liquid above the hole [m]", k + "head", v.head_m, 1);
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
      ImGui::TextWrapped("its pressure, temperature, discharge coefficient, bund and ground: edit them in the file");
      ImGui::PopStyleColor();
      c |= distField(v.rupture ? "pool boils for up to [s]" : "isolated after [s]", k + "duration", r->duration_s, 2);
    } else if (r->instantaneous_kg) {
      c |= distField("mass released at once [kg]", k + "mass", *r->instantaneous_kg, 2);
    } else {
      c |= distField("release rate [kg/s]", k + "rate", r->rate_kg_s, 2);
      c |= distField("duration [s]", k + "duration", r->duration_s, 2);
    }
    c |= distField("height [m]", k + "height", r->height_m, 1);
    c |= optionalDistField("containment on scene [s]", k + "containment", r->containment_s, 2, Distribution(900.0));
  } else if (auto* f = std::get_if<Fire>(&h.detail)) {
    c |= wordField("zone", f->zone.id, ids(desk.editor.park().zones));
    c |= distField("spread distance [m]", k + "spread", f->spread_m, 1);
    c |= optionalDistField("spread delay [s]", k + "delay", f->spread_delay_s, 2, Distribution(LogNormal{1800, 0.5}));
    c |= optionalDistField("control on scene [s]", k + "control", f->control_s, 2, Distribution(LogNormal{1800, 0.5}));
    c |= optionalDistField("heat release [MW]", k + "heat", f->heat_release_mw, 2, Distribution(300.0));
  }
  if (c) desk.editor.setHazard(i, h);
  ImGui::Separator();
  if (ImGui::Button("Remove this hazard (and its dispatches)")) {
    desk.editor.removeHazard(i);
    desk.select({});
  }
}

void EditorPanel::teamForm(Desk& desk, std::size_t i) {
  Team& t = draft_.teams[i];
  const std::string k = "team" + std::to_string(i) + ".";
  ImGui::Text("Team %s", t.id.c_str());
  bool c = textField("id", t.id);
  c |= textField("name", t.name);
  c |= wordField("station", t.station.id, ids(desk.editor.park().stations));
  c |= wordField("kind", t.kind, teamKindNames());
  c |= distField("turn-out [s]", k + "turnout", t.turnout_s, 1);
  c |= numberField("speed on empty roads [m/s]", t.speed_ms, "%.1f");
  if (c) desk.editor.setTeam(i, t);
  ImGui::Separator();
  if (ImGui::Button("Remove this team (and its dispatches)")) {
    desk.editor.removeTeam(i);
    desk.select({});
  }
}

// [SECTION] Plans: alarm chain, dispatch, protective actions, shelters and roads
void EditorPanel::planForm(Desk& desk, std::size_t i) {
  Plan& p = draft_.plans[i];
  const std::string k = "plan" + std::to_string(i) + ".";
  ImGui::Text("Plan %s", p.id.c_str());
  bool c = textField("id", p.id);
  c |= textField("name", p.name);
  c |= distField("detection [s]", k + "detection", p.detection_s, 1);
  std::vector<std::string> parties;
  for (const auto& n : p.notify) parties.push_back(n.who);

  c |= alarmChain(p, k);
  c |= dispatches(desk, p, parties);
  c |= protectiveActions(p, k, parties);
  c |= shelterAssignment(desk, p, k);
  c |= wordField("close roads above", p.close_roads_above, closureLevelNames());
  if (c) desk.editor.setPlan(i, p);
  ImGui::Separator();
  if (ImGui::Button("Duplicate this plan")) {
    desk.editor.duplicatePlan(i);
    desk.select({Selection::Kind::Plan, i + 1});
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(desk.editor.scenario().plans.size() < 2);
  if (ImGui::Button("Remove this plan")) {
    desk.editor.removePlan(i);
    desk.select({});
  }
  ImGui::EndDisabled();
}


// The alarm chain: who is told, how long after detection.
bool EditorPanel::alarmChain(Plan& p, const std::string& k) {
  bool c = false;
  heading("Alarm chain (who is told, how long after detection)");
  for (std::size_t j = 0; j < p.notify.size(); ++j) {
    ImGui::PushID(int(j));
    ImGui::SetNextItemWidth(150);
    c |= textField("##who", p.notify[j].who);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(190);
    c |= distField("delay [s]", k + "notify" + std::to_string(j), p.notify[j].delay_s, 1);
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) {
      p.notify.erase(p.notify.begin() + long(j));
      c = true;
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
  }
  if (ImGui::SmallButton("+ party")) {
    p.notify.push_back(Notification{"emergency_bureau", Distribution(300.0), {}});
    c = true;
  }
  return c;
}

// Dispatches: a team, to a hazard or a zone, after whom.
bool EditorPanel::dispatches(Desk& desk, Plan& p, const std::vector<std::string>& parties) {
  bool c = false;
  heading("Dispatch (team, to a hazard or zone, after whom)");
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
  if (ImGui::SmallButton("+ dispatch") && !draft_.teams.empty()) {
    p.dispatch.push_back(Dispatch{Ref{draft_.teams.front().id, {}}, Ref{targets.empty() ? "" : targets.front(), {}},
                                  Ref{parties.empty() ? "" : parties.front(), {}}});
    c = true;
  }
  return c;
}

// Protective actions: zones, evacuate or shelter in place, after whom.
bool EditorPanel::protectiveActions(Plan& p, const std::string& k, const std::vector<std::string>& parties) {
  bool c = false;
  heading("Protective actions (zones, action, after whom)");
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
      c |= ImGui::Checkbox("air out once the cloud has passed",
                           &a.air_out_when_cloud_passed);
    if (a.scope == Protect::Scope::List) {
      auto [it, fresh] = fieldText_.try_emplace(k + "zones" + std::to_string(j), joined(a.zones));
      ImGui::SetNextItemWidth(380);
      ImGui::InputText("zones", &it->second);
      if (done()) {
        a.zones = refsFrom(it->second);
        c = true;
      }
    }
    ImGui::PopID();
  }
  if (ImGui::SmallButton("+ action")) {
    p.protect.push_back(Protect{Protect::Scope::All, {}, ProtectiveAction::Evacuate, Ref{parties.empty() ? "" : parties.front(), {}}, false, {}});
    c = true;
  }
  return c;
}

// Shelter assignment, with a map's zone-by-zone preferences.
bool EditorPanel::shelterAssignment(Desk& desk, Plan& p, const std::string& k) {
  bool c = false;
  heading("Shelters and roads");
  std::string rule = p.shelters.kind == ShelterRule::Kind::Nearest ? "nearest" : p.shelters.kind == ShelterRule::Kind::Fastest ? "fastest" : "map";
  if (wordField("shelter assignment", rule, {"nearest", "fastest", "map"})) {
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
      ImGui::InputText("shelters in order", &it->second);
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
    if (ImGui::SmallButton("+ zone") && !desk.editor.park().zones.empty() && !desk.editor.park().shelters.empty()) {
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
    ImGui::TextDisabled("Shelter %s is gone.", f.id.c_str());
    return;
  }
  ImGui::Text("Shelter %s%s", s->id.c_str(), desk.editor.basePark().shelter(s->id) ? "" : " (added by this scenario)");
  auto [it, fresh] = fieldText_.try_emplace("shelter.name", s->name);
  ImGui::InputText("name", &it->second);
  if (done()) desk.editor.setShelterName(s->id, it->second);
  int kind = s->kind == ShelterKind::Indoor ? 0 : 1;
  if (ImGui::Combo("kind", &kind, "indoor\0outdoor\0")) desk.editor.setShelterKind(s->id, kind == 0 ? ShelterKind::Indoor : ShelterKind::Outdoor);
  int capacity = s->capacity;
  if (intField("capacity [persons]", capacity)) desk.editor.setShelterCapacity(s->id, std::max(0, capacity));
  const Point2 ll = LonLatTransform(park.crs).toLonLat(s->position);
  ImGui::Text("at %.6f E, %.6f N; %.0f m from its road node", ll.x_m, ll.y_m, s->access_m);
  ImGui::TextDisabled("Drag it on the map to move it.");
  if (ImGui::Button("Remove this shelter")) {
    desk.editor.removeShelter(s->id);
    desk.select({});
  }
  ImGui::TextDisabled("Changes are kept in the scenario's shelter_changes;\nthe park's geodata is not written.");
}

void EditorPanel::featureForm(Desk& desk) {
  const Park& park = desk.editor.park();
  const Feature& f = desk.selection.feature;
  if (f.kind == Feature::Kind::Shelter) return shelterForm(desk, f);
  // Zones, roads and hazard sources: their attributes through the scenario's park_changes.
  auto changed = [&](const char* layer) {
    if (desk.editor.featureChange(layer, f.id))
      ImGui::TextColored(ImVec4(0.1f, 0.35f, 0.7f, 1), "Changed by this scenario (park_changes); the geodata is not written.");
    else
      ImGui::TextDisabled("As in the park's geodata; a change here is kept in the scenario.");
  };
  auto name = [&](const char* layer, const std::string& current) {
    auto [it, fresh] = fieldText_.try_emplace("feature.name", current);
    ImGui::InputText("name", &it->second);
    if (done()) desk.editor.setFeatureText(layer, f.id, "name", it->second);
  };
  if (f.kind == Feature::Kind::Zone) {
    if (const Zone* z = park.zone(f.id)) {
      ImGui::Text("Zone %s, %.0f m2, %.0f m to its road node", z->id.c_str(), z->area_m2, z->access_m);
      name("zones", z->name);
      std::string kind = zoneKindNames()[std::size_t(z->kind)];
      if (wordField("kind", kind, zoneKindNames())) desk.editor.setFeatureText("zones", z->id, "kind", kind);
      int day = z->pop_day, night = z->pop_night;
      if (intField("persons by day", day)) desk.editor.setFeatureNumber("zones", z->id, "pop_day", std::max(0, day));
      if (intField("persons by night", night)) desk.editor.setFeatureNumber("zones", z->id, "pop_night", std::max(0, night));
      changed("zones");
      for (const auto& [key, value] : z->extra) ImGui::TextDisabled("%s: %s", key.c_str(), value.c_str());
    }
  } else if (f.kind == Feature::Kind::Road) {
    for (const auto& r : park.roads)
      if (r.id == f.id) {
        ImGui::Text("Road %s, %.0f m long%s", r.id.c_str(), r.length_m, r.oneway ? ", one way" : "");
        name("roads", r.name);
        double width = r.width_m;
        if (numberField("width [m]", width, "%.1f") && width > 0) desk.editor.setFeatureNumber("roads", r.id, "width_m", width);
        if (width <= 0) ImGui::TextColored(kErrorColour, "a width must be > 0 (not applied)");
        changed("roads");
      }
  } else if (f.kind == Feature::Kind::Source) {
    if (const HazardSource* h = park.source(f.id)) {
      ImGui::Text("Hazard source %s: %s, in zone %s", h->id.c_str(), h->substance.c_str(), h->zone.c_str());
      name("hazard_sources", h->name);
      double inventory = h->inventory_kg;
      if (numberField("inventory [kg]", inventory, "%.0f") && inventory >= 0)
        desk.editor.setFeatureNumber("hazard_sources", h->id, "inventory_kg", inventory);
      changed("hazard_sources");
    }
  } else if (f.kind == Feature::Kind::Station) {
    if (const Station* st = park.station(f.id)) {
      ImGui::Text("Rescue station %s %s", st->id.c_str(), st->name.c_str());
      ImGui::TextDisabled("Teams start here; a station is moved in the park's geodata (a GIS).");
    }
  }
}

}  // namespace drillsim::viz
