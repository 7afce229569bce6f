// The planner's desk (see App.hpp): its window, files, menus, dialogs and the editor view.
//
// Index (search for "[SECTION] " and the name):
//   Starting and ending; Files and pictures; Shortcuts and the menu bar; Dialogs;
//   The window and its views; The editor view; Outline and problems.
#include "viz/App.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <thread>

#include "scenarios/ShelterLayout.hpp"
#include "sim/hazard/HazardModel.hpp"

namespace drillsim::viz {

namespace fs = std::filesystem;

// [SECTION] Starting and ending: the results path, texts for the fonts, background work, closing
App::App(ScenarioEditor editor)
    : editor_(std::move(editor)), map_(editor_.park()), compareMap_(editor_.park()), replayMap_(editor_.park()) {
  batchPlans_.assign(editor_.scenario().plans.size(), 1);
  batchSeed_ = std::to_string(editor_.scenario().monte_carlo.seed);
  batchJobs_ = int(std::max(1L, std::min(8L, ::sysconf(_SC_NPROCESSORS_ONLN))));
  batchOut_ = defaultResultsPath();
}

App::~App() {
  run_.reset();  // waits for a run still writing
  std::error_code ec;
  for (const auto& dir : replayDirs_) fs::remove_all(dir, ec);
}

std::string App::defaultResultsPath() const {
  const fs::path scenario(editor_.path());
  char stamp[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
  return (scenario.parent_path() / "results" / (scenario.stem().string() + "-" + stamp + ".gpkg")).string();
}

std::vector<std::string> App::texts() const {
  const Scenario& s = editor_.scenario();
  std::vector<std::string> t = {s.name, s.description, "DrillSim —", "新避难场所", "（副本）"};
  for (const auto& z : editor_.park().zones) t.push_back(z.name);
  for (const auto& x : editor_.park().shelters) t.push_back(x.name);
  for (const auto& x : editor_.park().stations) t.push_back(x.name);
  for (const auto& x : editor_.park().sources) t.push_back(x.name);
  for (const auto& x : editor_.park().roads) t.push_back(x.name);
  for (const auto& p : s.plans) t.push_back(p.name);
  for (const auto& x : s.teams) t.push_back(x.name);
  if (drill_) {
    t.push_back(drill_->header().name);
    for (const auto& line : drill_->header().situation) t.push_back(line);
    for (const Inject& i : drill_->script().injects)
      for (const std::string* x : {&i.from, &i.to, &i.synopsis, &i.action}) t.push_back(*x);
    for (const Objective& o : drill_->script().objectives)
      for (const Task& k : o.tasks) t.push_back(k.text);
    for (const Observation& o : drill_->log().observations) t.push_back(o.text);
    t.push_back(drill_->dir());
    t.push_back(drill_->saveError());
  }
  t.push_back(drillNote_);
  return t;
}

std::string App::textsKey() const {
  return editor_.path() + "#" + std::to_string(editor_.revision()) + "#" + std::to_string(drillRecords_) + "#" +
         std::to_string(drillNote_.size());
}

bool App::busy() const {
  return compare_.valid() || (run_ && run_->running()) || (batch_ && batch_->running());
}

void App::finishLoading() {
  for (int i = 0; i < 3; ++i) {  // a batch's end starts the comparison; a comparison may start nothing more
    if (batch_) batch_->wait();
    pollChildren();
    if (compare_.valid()) compare_.wait();
    if (run_) run_->wait();
    pollChildren();
  }
}

void App::select(const Selection& s) {
  sel_ = s;
  map_.setSelected(s.kind == Selection::Kind::Feature ? s.feature : Feature{});
}

bool App::requestClose() {
  if (!editor_.dirty() && !batchRunning()) return closeConfirmed_ = true;
  closeAsked_ = true;
  return false;
}

// [SECTION] Files and pictures: saving, opening a scenario, a picture of the window
void App::saveOrAsk() {
  if (!editor_.unread().empty()) {  // saving would write defaults where the file says something else
    saveUnreadAsked_ = true;
    return;
  }
  save();
}

void App::save() {
  try {
    editor_.save();
    message_ = "saved " + editor_.path();
  } catch (const std::exception& e) {
    message_ = std::string("NOT saved: ") + e.what();
  }
}

void App::openScenario(const std::string& path) {
  Diagnostics d;
  auto opened = ScenarioEditor::open(path, d);
  if (!opened) {
    openError_ = d.str();
    return;
  }
  editor_.abandonEdits();  // "Open, losing the changes" was chosen
  editor_ = std::move(*opened);
  for (MapView* m : {&map_, &compareMap_, &replayMap_}) {
    m->setPark(editor_.park());
    m->fit();
  }
  select({});
  batchPlans_.assign(editor_.scenario().plans.size(), 1);
  batchSeed_ = std::to_string(editor_.scenario().monte_carlo.seed);
  batchOut_ = defaultResultsPath();
  // Results and replays belong to the scenario that was open.
  comparison_.reset();
  resultsPath_.clear();
  resultPlans_.clear();
  zoneSummary_.clear();
  replayRanks_.clear();
  resultsSeed_.reset();
  replay_ = ReplayPlayer();
  replayPlan_.clear();
  openError_.clear();
  openAsked_ = false;
  message_ = "opened " + path;
}

void App::requestPicture() {
  const fs::path scenario(editor_.path());
  char stamp[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
  const fs::path folder = scenario.parent_path() / "pictures";
  std::error_code ec;
  fs::create_directories(folder, ec);
  pictureRequest_ = (folder / (scenario.stem().string() + "-" + stamp + ".png")).string();
}

// [SECTION] Shortcuts and the menu bar
void App::shortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsKeyPressed(GLFW_KEY_F12)) requestPicture();
  if (!io.KeyCtrl) return;
  if (ImGui::IsKeyPressed(GLFW_KEY_S)) saveOrAsk();
  if (ImGui::IsKeyPressed(GLFW_KEY_Q)) requestClose();
  if (io.WantTextInput) return;  // text fields have their own undo
  if (ImGui::IsKeyPressed(GLFW_KEY_Z) && !io.KeyShift) editor_.undo();
  if (ImGui::IsKeyPressed(GLFW_KEY_Y) || (ImGui::IsKeyPressed(GLFW_KEY_Z) && io.KeyShift)) editor_.redo();
}

void App::menuBar() {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open scenario...")) {
      openAsked_ = true;
      pathInput_ = editor_.path();
    }
    if (ImGui::MenuItem("Save", "Ctrl+S")) saveOrAsk();
    if (ImGui::MenuItem("Save as...")) {
      saveAsAsked_ = true;
      pathInput_ = editor_.path();
    }
    if (ImGui::MenuItem("Save a picture of the window", "F12")) requestPicture();
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) requestClose();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Edit")) {
    if (ImGui::MenuItem(("Undo " + editor_.undoLabel()).c_str(), "Ctrl+Z", false, editor_.canUndo())) editor_.undo();
    if (ImGui::MenuItem(("Redo " + editor_.redoLabel()).c_str(), "Ctrl+Y", false, editor_.canRedo())) editor_.redo();
    ImGui::EndMenu();
  }
  ImGui::TextDisabled("|");
  ImGui::TextUnformatted(editor_.scenario().name.c_str());
  ImGui::TextDisabled("%s%s", fs::path(editor_.path()).filename().c_str(), editor_.dirty() ? "  (unsaved changes)" : "");
  if (!editor_.recoveryError().empty())
    ImGui::TextColored(ImVec4(0.8f, 0.3f, 0.0f, 1), "| unsaved edits cannot be kept for recovery: %s",
                       editor_.recoveryError().c_str());
  if (!message_.empty()) ImGui::TextDisabled("| %s", message_.c_str());
  ImGui::EndMenuBar();
}

// [SECTION] Dialogs: recovered edits, unsaved changes, open, unread values, save as
namespace {
// The parts of a scenario in which `a` and `b` differ, for a person deciding about edits.
std::string differingParts(const Scenario& a, const Scenario& b) {
  std::vector<std::string> parts;
  if (a.name != b.name || a.description != b.description || a.horizon_s != b.horizon_s || a.population != b.population ||
      a.cohort_size != b.cohort_size || !(a.walking == b.walking) || !(a.monte_carlo == b.monte_carlo) || a.park != b.park)
    parts.push_back("settings");
  if (!(a.weather == b.weather)) parts.push_back("weather");
  if (!(a.hazards == b.hazards)) parts.push_back("hazards");
  if (!(a.teams == b.teams)) parts.push_back("teams");
  if (!(a.plans == b.plans)) parts.push_back("plans");
  if (!(a.shelter_changes == b.shelter_changes)) parts.push_back("shelters");
  if (!(a.park_changes == b.park_changes)) parts.push_back("zone, road or source attributes");
  std::string text;
  for (const auto& p : parts) text += (text.empty() ? "" : ", ") + p;
  return text;
}
}  // namespace

void App::modals() {
  if (editor_.recovery()) ImGui::OpenPopup("Unsaved edits found");
  if (ImGui::BeginPopupModal("Unsaved edits found", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (const auto& r = editor_.recovery()) {
      const std::string file = fs::path(editor_.path()).filename().string();
      ImGui::Text("Edits to %s were not saved when the program last ended (last kept %s).", file.c_str(),
                  r->written.c_str());
      ImGui::Text("They change: %s.", differingParts(r->scenario, editor_.scenario()).c_str());
      ImGui::TextDisabled("They are kept in %s until you decide.", fs::path(editor_.recoveryPath()).filename().c_str());
      if (ImGui::Button("Recover the edits")) {
        editor_.recover();
        message_ = "recovered the unsaved edits; Ctrl+Z goes back to the file as saved";
        ImGui::CloseCurrentPopup();
      }
      ImGui::SameLine();
      if (ImGui::Button("Discard them (keep the file as saved)")) {
        editor_.discardRecovery();
        message_ = "discarded the unsaved edits";
        ImGui::CloseCurrentPopup();
      }
    } else {
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (closeAsked_) ImGui::OpenPopup("Unsaved changes");
  if (ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (editor_.dirty()) ImGui::Text("The scenario has changes that are not saved.");
    if (batchRunning()) ImGui::Text("A batch is running; quitting stops it (what finished is kept, --resume completes it).");
    if (editor_.dirty() && ImGui::Button("Save and quit")) {
      saveOrAsk();
      if (!editor_.dirty()) closeConfirmed_ = true;
      closeAsked_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(editor_.dirty() ? "Quit without saving" : "Quit")) {
      editor_.abandonEdits();  // chosen: not offered for recovery next time
      closeConfirmed_ = true;
      closeAsked_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
      closeAsked_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (openAsked_) ImGui::OpenPopup("Open scenario");
  if (ImGui::BeginPopupModal("Open scenario", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::SetNextItemWidth(600);
    ImGui::InputText("scenario file", &pathInput_);
    if (editor_.dirty()) ImGui::TextColored(ImVec4(0.7f, 0.2f, 0.1f, 1), "The changes to this scenario are not saved; save them first or they are lost.");
    if (!openError_.empty()) errorText(openError_, 600);
    if (ImGui::Button(editor_.dirty() ? "Open, losing the changes" : "Open")) openScenario(pathInput_);
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || !openAsked_) {
      openAsked_ = false;
      openError_.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (saveUnreadAsked_) ImGui::OpenPopup("Values the editor could not read");
  if (ImGui::BeginPopupModal("Values the editor could not read", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    const std::string file = fs::path(editor_.path()).filename().string();
    ImGui::Text("%s has %zu error(s) the editor could not read; they are listed under Problems with their lines.",
                file.c_str(), editor_.unread().items().size());
    ImGui::Text("Where they are, the editor holds the default value or leaves the entry out.");
    ImGui::Text("Saving writes the editor's version in their place; the file as it is now is kept as %s.bak.",
                file.c_str());
    if (ImGui::Button("Save anyway")) {
      save();
      saveUnreadAsked_ = false;
    }
    ImGui::SameLine();
    if (ImGui::Button("Save as another file...")) {
      pathInput_ = editor_.path();
      saveAsAsked_ = true;
      saveUnreadAsked_ = false;
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) saveUnreadAsked_ = false;
    if (!saveUnreadAsked_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (saveAsAsked_) ImGui::OpenPopup("Save as");
  if (ImGui::BeginPopupModal("Save as", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::SetNextItemWidth(600);
    ImGui::InputText("new file", &pathInput_);
    const bool exists = fs::exists(pathInput_) && fs::path(pathInput_) != fs::path(editor_.path());
    if (exists) ImGui::TextColored(ImVec4(0.7f, 0.2f, 0.1f, 1), "A file of that name exists and will be replaced.");
    if (ImGui::Button(exists ? "Replace" : "Save")) {
      try {
        editor_.saveAs(pathInput_);
        message_ = "saved " + pathInput_;
        saveAsAsked_ = false;
      } catch (const std::exception& e) {
        message_ = std::string("NOT saved: ") + e.what();
      }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) saveAsAsked_ = false;
    if (!saveAsAsked_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

// [SECTION] The window and its views
void App::frame() {
  pollChildren();
  shortcuts();
  if (editor_.revision() != draftRevision_ || !(sel_ == draftSelection_)) reloadDraft();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("DrillSim", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBackground);
  menuBar();
  if (ImGui::BeginTabBar("views")) {
    const struct {
      View v;
      const char* name;
    } tabs[] = {{View::Editor, "Map & editor"}, {View::Batch, "Batch"}, {View::Compare, "Compare plans"}, {View::Replay, "Replay"}};
    for (const auto& t : tabs) {
      const ImGuiTabItemFlags flags = viewChanged_ && view_ == t.v ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(t.name, nullptr, flags)) {
        if (!viewChanged_) view_ = t.v;
        switch (t.v) {
          case View::Editor: editorView(); break;
          case View::Batch: batchView(); break;
          case View::Compare: compareView(); break;
          case View::Replay: replayView(); break;
        }
        ImGui::EndTabItem();
      }
    }
    viewChanged_ = false;
    ImGui::EndTabBar();
  }
  modals();
  ImGui::End();
}

// [SECTION] The editor view: the map, new shelters, the threat zones' preview
void App::editorView() {
  map_.setPark(editor_.park());
  map_.setEditing(true);
  map_.setRoadColours({});
  map_.setShelterOccupancy({});
  if (editorFill_ == 1) {  // persons in each zone, for the scenario's time of day
    const bool night = editor_.scenario().night();
    int top = 1;
    for (const auto& z : editor_.park().zones) top = std::max(top, night ? z.pop_night : z.pop_day);
    std::vector<ImU32> fills;
    for (const auto& z : editor_.park().zones) {
      const int n = night ? z.pop_night : z.pop_day;
      fills.push_back(n == 0 ? IM_COL32(245, 245, 240, 255) : rampColour(double(n) / top));
    }
    map_.setZoneFill(std::move(fills), std::string(night ? "persons by night" : "persons by day") + ": white 0, dark red " +
                                           std::to_string(top));
  } else {
    map_.setZoneFill({});
  }
  if (showThreat_) {
    updateThreatPreview();
    map_.setOverlay([this](ImDrawList* dl) { drawThreatRings(dl, map_, threatRings_); });
  } else {
    map_.setOverlay({});
  }
  const float side = std::min(460.0f, ImGui::GetContentRegionAvail().x * 0.4f);
  ImGui::BeginChild("side", ImVec2(side, 0), false);
  outline();
  properties();
  problems();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginGroup();
  bool add = map_.addShelterMode();
  if (ImGui::Checkbox("Add a shelter by clicking the map", &add)) map_.setAddShelterMode(add);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  ImGui::InputInt("capacity of a new one", &newShelterCapacity_, 0);
  newShelterCapacity_ = std::clamp(newShelterCapacity_, 0, 10000000);
  ImGui::SameLine();
  if (ImGui::SmallButton("Fit (F)") || (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_F))) map_.fit();
  ImGui::SetNextItemWidth(110);
  ImGui::Combo("zones by", &editorFill_, "kind\0persons\0");
  ImGui::SameLine();
  ImGui::Checkbox("threat zones (steady) of weather draw", &showThreat_);
  if (showThreat_) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    ImGui::InputInt("##draw", &threatDraw_);
    threatDraw_ = std::max(0, threatDraw_);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", threatWeather_.c_str());
  }
  ImGui::TextDisabled("Drag a shelter to move it; drag elsewhere to pan, wheel to zoom; click a feature to edit it.");
  map_.draw();
  ImGui::EndGroup();
  const MapEvent& e = map_.event();
  if (e.addShelter) {
    const std::string id = editor_.addShelter(e.at, newShelterCapacity_);
    map_.setAddShelterMode(false);
    select(Selection(Feature{Feature::Kind::Shelter, id}));
  }
  if (!e.dragShelter.empty()) {
    editor_.moveShelter(e.dragShelter, e.at, e.dragContinues);
    select(Selection(Feature{Feature::Kind::Shelter, e.dragShelter}));
  }
  if (!e.dragEnded.empty()) editor_.finishGesture();
  if (e.clicked.kind != Feature::Kind::None) select(Selection(e.clicked));
  if (e.clickedEmpty) select({});
}

void App::updateThreatPreview() {
  if (threatRevision_ == editor_.revision() && threatDrawShown_ == threatDraw_) return;
  threatRevision_ = editor_.revision();
  threatDrawShown_ = threatDraw_;
  threatRings_.clear();
  const Scenario& s = editor_.scenario();
  if (editor_.problems().hasErrors() || s.plans.empty()) {
    threatWeather_ = "(mend the scenario's errors first)";
    return;
  }
  // The weather and release rates of replication `threatDraw_`, as a batch draws them (the plan
  // does not change them); the steady footprints, as `drillsim hazard` draws them.
  const LoadedScenario loaded{s, editor_.park(), editor_.substances()};
  const HazardModel model(loaded, s.plans.front(), s.monte_carlo.seed, std::uint64_t(threatDraw_));
  const hazard::Weather& w = model.weather();
  for (const auto& r : model.releases())
    for (const auto& [level, mg] : {std::pair<const char*, double>{"AEGL-2", r.aegl2_mg_m3}, {"AEGL-3", r.aegl3_mg_m3}})
      if (mg > 0) threatRings_.push_back({r.hazard, level, hazard::footprint(mg, r.release, w, r.source)});
  char text[128];
  std::snprintf(text, sizeof text, "wind %.1f m/s from %.0f deg, class %s; AEGL-2 orange, AEGL-3 red", w.windSpeed_ms,
                w.windFrom_deg, wordOf(w.stability).c_str());
  threatWeather_ = model.releases().empty() ? "(no toxic release in the scenario)" : text;
}

// [SECTION] Outline and problems: the scenario's parts, its problems and where they are
void App::outline() {
  const Scenario& s = editor_.scenario();
  ImGui::BeginChild("outline", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.3f), true);
  auto item = [&](const std::string& label, const Selection& target) {
    if (ImGui::Selectable(label.c_str(), sel_ == target)) select(target);
  };
  item("Scenario settings", {Selection::Kind::Settings});
  item("Weather", {Selection::Kind::Weather});
  if (ImGui::TreeNodeEx("Hazards", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (std::size_t i = 0; i < s.hazards.size(); ++i)
      item(s.hazards[i].id + "  " + s.hazards[i].kindName() + "##h" + std::to_string(i), {Selection::Kind::Hazard, i});
    if (ImGui::SmallButton("+ toxic release")) {
      Hazard h;
      ToxicRelease r;
      r.source.id = editor_.park().sources.empty() ? "" : editor_.park().sources.front().id;
      h.detail = r;
      editor_.addHazard(h);
      select({Selection::Kind::Hazard, editor_.scenario().hazards.size() - 1});
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("+ fire")) {
      Hazard h;
      Fire f;
      f.zone.id = editor_.park().zones.empty() ? "" : editor_.park().zones.front().id;
      h.detail = f;
      editor_.addHazard(h);
      select({Selection::Kind::Hazard, editor_.scenario().hazards.size() - 1});
    }
    ImGui::TreePop();
  }
  if (ImGui::TreeNodeEx("Teams", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (std::size_t i = 0; i < s.teams.size(); ++i)
      item(s.teams[i].id + "  " + s.teams[i].name + "##t" + std::to_string(i), {Selection::Kind::Team, i});
    if (ImGui::SmallButton("+ team")) {
      Team t;
      t.station.id = editor_.park().stations.empty() ? "" : editor_.park().stations.front().id;
      t.kind = TeamKind::Hazmat;
      editor_.addTeam(t);
      select({Selection::Kind::Team, editor_.scenario().teams.size() - 1});
    }
    ImGui::TreePop();
  }
  if (ImGui::TreeNodeEx("Plans", ImGuiTreeNodeFlags_DefaultOpen)) {
    for (std::size_t i = 0; i < s.plans.size(); ++i)
      item(s.plans[i].id + "  " + s.plans[i].name + "##p" + std::to_string(i), {Selection::Kind::Plan, i});
    ImGui::TreePop();
  }
  if (ImGui::TreeNode("Shelters")) {
    for (const auto& x : editor_.park().shelters)
      item(x.id + "  " + x.name + "  (" + std::to_string(x.capacity) + ")", Selection(Feature{Feature::Kind::Shelter, x.id}));
    ImGui::TreePop();
  }
  ImGui::EndChild();
}

void App::problems() {
  const Diagnostics& d = editor_.problems();
  const Diagnostics& validity = editor_.validity();
  const std::string onValidity =
      validity.empty() ? "" : ", " + std::to_string(validity.items().size()) + " on the models' validity";
  ImGui::Text("Problems: %zu errors, %zu warnings%s%s", d.errorCount(), d.warningCount(), onValidity.c_str(),
              editor_.checkPending() ? " (checked again when the drag ends)" : "");
  ImGui::BeginChild("problems", ImVec2(0, 0), true);
  if (d.empty()) ImGui::TextDisabled("None: `drillsim validate` would accept this scenario.");
  const auto list = [&](const Diagnostics& items, const char* idPrefix, bool validityItems) {
    for (std::size_t i = 0; i < items.items().size(); ++i) {
      const Diagnostic& item = items.items()[i];
      const bool error = item.severity == Severity::Error;
      const ImVec4 colour = error            ? ImVec4(0.75f, 0.1f, 0.1f, 1)
                            : validityItems ? ImVec4(0.15f, 0.35f, 0.6f, 1)
                                            : ImVec4(0.6f, 0.4f, 0.0f, 1);
      const std::string where = (!item.key.empty() ? item.key : item.where.feature) +
                                (item.where.line > 0 ? " (line " + std::to_string(item.where.line) + ")" : "");
      const std::string text =
          std::string(error ? "error: " : validityItems ? "validity: " : "warning: ") + where + ": " + item.message;
      // A selectable as tall as the wrapped message, with the message drawn over it: a
      // Selectable's own label does not wrap, and these messages are long.
      const float width = ImGui::GetContentRegionAvail().x;
      const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, width);
      const ImVec2 at = ImGui::GetCursorScreenPos();
      if (ImGui::Selectable(("##" + std::string(idPrefix) + std::to_string(i)).c_str(), false, 0, ImVec2(width, size.y)))
        jumpTo(item);
      ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), at, ImGui::GetColorU32(colour),
                                          text.c_str(), nullptr, width);
    }
  };
  list(d, "d", false);
  if (!validity.empty()) {
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Where the models are less reliable (README, Validity limits); not problems of the file:");
    ImGui::PopStyleColor();
    list(validity, "v", true);
  }
  ImGui::EndChild();
}

void App::jumpTo(const Diagnostic& d) {
  auto indexAfter = [&](const std::string& prefix) -> std::optional<std::size_t> {
    if (d.key.rfind(prefix + "[", 0) != 0) return std::nullopt;
    return std::size_t(std::stoul(d.key.substr(prefix.size() + 1)));
  };
  if (auto i = indexAfter("plans")) return select({Selection::Kind::Plan, *i});
  if (auto i = indexAfter("hazards")) return select({Selection::Kind::Hazard, *i});
  if (auto i = indexAfter("teams")) return select({Selection::Kind::Team, *i});
  if (auto i = indexAfter("shelter_changes"); i && *i < editor_.scenario().shelter_changes.size()) {
    const std::string id = editor_.scenario().shelter_changes[*i].id;
    if (const Shelter* s = editor_.park().shelter(id)) map_.centreOn(s->position);
    return select(Selection(Feature{Feature::Kind::Shelter, id}));
  }
  if (d.key.rfind("weather", 0) == 0) return select({Selection::Kind::Weather});
  // Geodata: "layer shelters, feature S03".
  const std::string& f = d.where.feature;
  const auto at = f.find(", feature ");
  if (at != std::string::npos) {
    const std::string layer = f.substr(f.find(' ') + 1, at - f.find(' ') - 1), id = f.substr(at + 10);
    const Park& park = editor_.park();
    Feature target;
    if (layer == "zones" && park.zone(id)) {
      target = {Feature::Kind::Zone, id};
      map_.centreOn(park.zone(id)->centroid);
    } else if (layer == "shelters" && park.shelter(id)) {
      target = {Feature::Kind::Shelter, id};
      map_.centreOn(park.shelter(id)->position);
    } else if (layer == "stations" && park.station(id)) {
      target = {Feature::Kind::Station, id};
      map_.centreOn(park.station(id)->position);
    } else if (layer == "roads") {
      target = {Feature::Kind::Road, id};
    }
    if (target.kind != Feature::Kind::None) return select(Selection(target));
  }
  select({Selection::Kind::Settings});
}

}  // namespace drillsim::viz
