// The Map & editor view (EditorPanel, viz/Panels.hpp): the editor's map with new shelters and the
// threat zones' preview, the scenario's outline and its problems. The forms are in Forms.cpp.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "scenarios/I18n.hpp"
#include "scenarios/NumberText.hpp"
#include "sim/hazard/HazardModel.hpp"
#include "viz/App.hpp"
#include "viz/Label.hpp"

namespace drillsim::viz {


// [SECTION] The editor view: the map, new shelters, the threat zones' preview
void EditorPanel::draw(Desk desk) {
  mapLayers(desk);
  const float side = std::min(460.0f, ImGui::GetContentRegionAvail().x * 0.4f);
  ImGui::BeginChild("side", ImVec2(side, 0), false);
  outline(desk);
  properties(desk);
  problems(desk);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginGroup();
  mapControls(desk);
  desk.map.draw();
  ImGui::EndGroup();
  mapEvents(desk);
}

// The map's zones (by kind or persons) and the threat zones' preview over them.
void EditorPanel::mapLayers(Desk& desk) {
  desk.map.setPark(desk.editor.park());
  desk.map.setEditing(true);
  desk.map.setRoadColours({});
  desk.map.setShelterOccupancy({});
  if (fill == 1) {  // persons in each zone, for the scenario's time of day
    const bool night = desk.editor.scenario().night();
    int top = 1;
    for (const auto& z : desk.editor.park().zones) top = std::max(top, night ? z.pop_night : z.pop_day);
    std::vector<ImU32> fills;
    for (const auto& z : desk.editor.park().zones) {
      const int n = night ? z.pop_night : z.pop_day;
      fills.push_back(n == 0 ? IM_COL32(245, 245, 240, 255) : rampColour(double(n) / top));
    }
    desk.map.setZoneFill(std::move(fills), night ? tf("persons by night: white 0, dark red {1}", top)
                                                 : tf("persons by day: white 0, dark red {1}", top));
  } else {
    desk.map.setZoneFill({});
  }
  if (showThreat) {
    updateThreatPreview(desk.editor);
    desk.map.setOverlay([this, &map = desk.map](ImDrawList* dl) { drawThreatRings(dl, map, threatRings_); });
  } else {
    desk.map.setOverlay({});
  }
}

// Above the map: adding shelters, fitting, the zones' colours, the threat zones' draw.
void EditorPanel::mapControls(Desk& desk) {
  bool add = desk.map.addShelterMode();
  if (ImGui::Checkbox(label(tr("Add a shelter by clicking the map"), "add").c_str(), &add)) desk.map.setAddShelterMode(add);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  countField(i18n::kNoop("capacity of a new one"), "newcap", newShelterCapacity, Bound::atLeast(0));
  ImGui::SameLine();
  if (ImGui::SmallButton(label(tr("Fit (F)"), "fit").c_str()) || (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_F))) desk.map.fit();
  ImGui::SetNextItemWidth(110);
  const std::string fills = std::string(tr("kind")) + '\0' + tr("persons") + '\0';
  ImGui::Combo(label(tr("zones by"), "fill").c_str(), &fill, fills.c_str());
  ImGui::SameLine();
  ImGui::Checkbox(label(tr("threat zones (steady) of weather draw"), "threat").c_str(), &showThreat);
  if (showThreat) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    ImGui::InputInt("##draw", &threatDraw);
    threatDraw = std::max(0, threatDraw);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", threatWeather_.c_str());
  }
  ImGui::TextDisabled("%s", tr("Drag a shelter to move it; drag elsewhere to pan, wheel to zoom; click a feature to edit it."));
}

// What the person did on the map: a shelter added or dragged, a feature selected.
void EditorPanel::mapEvents(Desk& desk) {
  const MapEvent& e = desk.map.event();
  if (e.addShelter) {
    const std::string id = desk.editor.addShelter(e.at, newShelterCapacity);
    desk.map.setAddShelterMode(false);
    desk.select(Selection(Feature{Feature::Kind::Shelter, id}));
  }
  if (!e.dragShelter.empty()) {
    desk.editor.moveShelter(e.dragShelter, e.at, e.dragContinues);
    desk.select(Selection(Feature{Feature::Kind::Shelter, e.dragShelter}));
  }
  if (!e.dragEnded.empty()) desk.editor.finishGesture();
  if (e.clicked.kind != Feature::Kind::None) desk.select(Selection(e.clicked));
  if (e.clickedEmpty) desk.select({});
}

void EditorPanel::updateThreatPreview(const ScenarioEditor& editor) {
  if (threatRevision_ == editor.revision() && threatDrawShown_ == threatDraw) return;
  threatRevision_ = editor.revision();
  threatDrawShown_ = threatDraw;
  threatRings_.clear();
  const Scenario& s = editor.scenario();
  if (editor.problems().hasErrors() || s.plans.empty()) {
    threatWeather_ = tr("(mend the scenario's errors first)");
    return;
  }
  // The weather and release rates of replication `threatDraw`, as a batch draws them (the plan
  // does not change them); the steady footprints, as `drillsim hazard` draws them.
  const LoadedScenario loaded{s, editor.park(), editor.substances()};
  const HazardModel model(loaded, s.plans.front(), s.monte_carlo.seed, std::uint64_t(threatDraw));
  const hazard::Weather& w = model.weather();
  for (const auto& r : model.releases())
    for (const auto& [level, mg] : {std::pair<const char*, double>{"AEGL-2", r.aegl2_mg_m3}, {"AEGL-3", r.aegl3_mg_m3}})
      if (mg > 0) threatRings_.push_back({r.hazard, level, hazard::footprint(mg, r.release, w, r.source)});
  threatWeather_ = model.releases().empty()
                       ? std::string(tr("(no toxic release in the scenario)"))
                       : tf("wind {1} m/s from {2} deg, class {3}; AEGL-2 orange, AEGL-3 red", fixedNumber(w.windSpeed_ms, 1),
                            fixedNumber(w.windFrom_deg, 0), wordOf(w.stability));
}

// [SECTION] Outline and problems: the scenario's parts, its problems and where they are
void EditorPanel::outline(Desk& desk) {
  const Scenario& s = desk.editor.scenario();
  ImGui::BeginChild("outline", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.3f), true);
  auto item = [&](const std::string& label, const Selection& target) {
    if (ImGui::Selectable(label.c_str(), desk.selection == target)) desk.select(target);
  };
  item(label(tr("Scenario settings"), "settings"), {Selection::Kind::Settings});
  item(label(tr("Weather"), "weather"), {Selection::Kind::Weather});
  if (ImGui::TreeNodeEx(label(tr("Hazards"), "hazards").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    for (std::size_t i = 0; i < s.hazards.size(); ++i)
      item(s.hazards[i].id + "  " + hazardKindShown(s.hazards[i]) + "##h" + std::to_string(i), {Selection::Kind::Hazard, i});
    if (ImGui::SmallButton(label(tr("+ toxic release"), "addrelease").c_str())) {
      Hazard h;
      ToxicRelease r;
      r.source.id = desk.editor.park().sources.empty() ? "" : desk.editor.park().sources.front().id;
      h.detail = r;
      desk.editor.addHazard(h);
      desk.select({Selection::Kind::Hazard, desk.editor.scenario().hazards.size() - 1});
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(label(tr("+ fire"), "addfire").c_str())) {
      Hazard h;
      Fire f;
      f.zone.id = desk.editor.park().zones.empty() ? "" : desk.editor.park().zones.front().id;
      h.detail = f;
      desk.editor.addHazard(h);
      desk.select({Selection::Kind::Hazard, desk.editor.scenario().hazards.size() - 1});
    }
    ImGui::TreePop();
  }
  if (ImGui::TreeNodeEx(label(tr("Teams"), "teams").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    for (std::size_t i = 0; i < s.teams.size(); ++i)
      item(s.teams[i].id + "  " + s.teams[i].name + "##t" + std::to_string(i), {Selection::Kind::Team, i});
    if (ImGui::SmallButton(label(tr("+ team"), "addteam").c_str())) {
      Team t;
      t.station.id = desk.editor.park().stations.empty() ? "" : desk.editor.park().stations.front().id;
      t.kind = TeamKind::Hazmat;
      desk.editor.addTeam(t);
      desk.select({Selection::Kind::Team, desk.editor.scenario().teams.size() - 1});
    }
    ImGui::TreePop();
  }
  if (ImGui::TreeNodeEx(label(tr("Plans"), "plans").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
    for (std::size_t i = 0; i < s.plans.size(); ++i)
      item(s.plans[i].id + "  " + s.plans[i].name + "##p" + std::to_string(i), {Selection::Kind::Plan, i});
    ImGui::TreePop();
  }
  if (ImGui::TreeNode(label(tr("Shelters"), "shelters").c_str())) {
    for (const auto& x : desk.editor.park().shelters)
      item(x.id + "  " + x.name + "  (" + std::to_string(x.capacity) + ")", Selection(Feature{Feature::Kind::Shelter, x.id}));
    ImGui::TreePop();
  }
  ImGui::EndChild();
}

void EditorPanel::problems(Desk& desk) {
  const Diagnostics& d = desk.editor.problems();
  const Diagnostics& validity = desk.editor.validity();
  const std::string counts =
      validity.empty() ? tf("Problems: {1} errors, {2} warnings", d.errorCount(), d.warningCount())
                       : tf("Problems: {1} errors, {2} warnings, {3} on the models' validity", d.errorCount(), d.warningCount(),
                            validity.items().size());
  ImGui::TextUnformatted((counts + (desk.editor.checkPending() ? tr(" (checked again when the drag ends)") : "")).c_str());
  ImGui::BeginChild("problems", ImVec2(0, 0), true);
  if (d.empty()) ImGui::TextDisabled("%s", tr("None: `drillsim validate` would accept this scenario."));
  const auto list = [&](const Diagnostics& items, const char* idPrefix, bool validityItems) {
    for (std::size_t i = 0; i < items.items().size(); ++i) {
      const Diagnostic& item = items.items()[i];
      const bool error = item.severity == Severity::Error;
      const ImVec4 colour = error            ? ImVec4(0.75f, 0.1f, 0.1f, 1)
                            : validityItems ? ImVec4(0.15f, 0.35f, 0.6f, 1)
                                            : ImVec4(0.6f, 0.4f, 0.0f, 1);
      const std::string where = (!item.key.empty() ? item.key : item.where.feature) +
                                (item.where.line > 0 ? tf(" (line {1})", item.where.line) : std::string());
      const std::string text =
          std::string(error ? tr("error: ") : validityItems ? tr("validity: ") : tr("warning: ")) + where + ": " + item.message;
      // A selectable as tall as the wrapped message, with the message drawn over it: a
      // Selectable's own label does not wrap, and these messages are long.
      const float width = ImGui::GetContentRegionAvail().x;
      const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, width);
      const ImVec2 at = ImGui::GetCursorScreenPos();
      if (ImGui::Selectable(("##" + std::string(idPrefix) + std::to_string(i)).c_str(), false, 0, ImVec2(width, size.y)))
        jumpTo(desk, item);
      ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, ImGui::GetColorU32(colour),
                                          text.c_str(), nullptr, width);
    }
  };
  list(d, "d", false);
  if (!validity.empty()) {
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr("Where the models are less reliable (README, Validity limits); not problems of the file:"));
    ImGui::PopStyleColor();
    list(validity, "v", true);
  }
  ImGui::EndChild();
}

void EditorPanel::jumpTo(Desk& desk, const Diagnostic& d) {
  auto indexAfter = [&](const std::string& prefix) -> std::optional<std::size_t> {
    if (d.key.rfind(prefix + "[", 0) != 0) return std::nullopt;
    return std::size_t(std::stoul(d.key.substr(prefix.size() + 1)));
  };
  if (auto i = indexAfter("plans")) return desk.select({Selection::Kind::Plan, *i});
  if (auto i = indexAfter("hazards")) return desk.select({Selection::Kind::Hazard, *i});
  if (auto i = indexAfter("teams")) return desk.select({Selection::Kind::Team, *i});
  if (auto i = indexAfter("shelter_changes"); i && *i < desk.editor.scenario().shelter_changes.size()) {
    const std::string id = desk.editor.scenario().shelter_changes[*i].id;
    if (const Shelter* s = desk.editor.park().shelter(id)) desk.map.centreOn(s->position);
    return desk.select(Selection(Feature{Feature::Kind::Shelter, id}));
  }
  if (d.key.rfind("weather", 0) == 0) return desk.select({Selection::Kind::Weather});
  // Geodata: the feature the problem is in (layer shelters, feature S03).
  if (!d.where.layer.empty() && !d.where.featureId.empty()) {
    const std::string& layer = d.where.layer;
    const std::string& id = d.where.featureId;
    const Park& park = desk.editor.park();
    Feature target;
    if (layer == "zones" && park.zone(id)) {
      target = {Feature::Kind::Zone, id};
      desk.map.centreOn(park.zone(id)->centroid);
    } else if (layer == "shelters" && park.shelter(id)) {
      target = {Feature::Kind::Shelter, id};
      desk.map.centreOn(park.shelter(id)->position);
    } else if (layer == "stations" && park.station(id)) {
      target = {Feature::Kind::Station, id};
      desk.map.centreOn(park.station(id)->position);
    } else if (layer == "roads") {
      target = {Feature::Kind::Road, id};
    }
    if (target.kind != Feature::Kind::None) return desk.select(Selection(target));
  }
  desk.select({Selection::Kind::Settings});
}

}  // namespace drillsim::viz
