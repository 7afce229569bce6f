// The planner's desk (see App.hpp): its window, files, menus, dialogs and the dispatch to the
// views' panels (viz/Panels.hpp).
//
// Index (search for "[SECTION] " and the name):
//   Starting and ending; Files and pictures; Shortcuts and the menu bar; Dialogs;
//   The window and its views.
#include "viz/App.hpp"
#include "viz/Label.hpp"

#include "scenarios/I18n.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <ctime>
#include <filesystem>

namespace drillsim::viz {

namespace fs = std::filesystem;

// [SECTION] Starting and ending: texts for the fonts, background work, closing
App::App(ScenarioEditor editor)
    : editor_(std::move(editor)),
      map_(editor_.park()),
      batchPanel_(editor_),
      comparePanel_(editor_.park()),
      replayPanel_(editor_.park()) {}

App::~App() {
  run_.reset();  // waits for a run still writing
  std::error_code ec;
  for (const auto& dir : replayDirs_) fs::remove_all(dir, ec);
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
  t.push_back(drillPanel_.note);
  return t;
}

std::string App::textsKey() const {
  return editor_.path() + "#" + std::to_string(editor_.revision()) + "#" + std::to_string(drillRecords_) + "#" +
         std::to_string(drillPanel_.note.size());
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

namespace {
// What a save did to the planner's file, for the status line.
std::string savedMessage(const std::string& path, const ScenarioEditor::SaveReport& saved) {
  if (!saved.kept) return tf("saved {1}, written out whole: {2}", path, saved.why);
  return tnf("saved {1}: {2} line rewritten, the comments and the rest of the file as they were",
             "saved {1}: {2} lines rewritten, the comments and the rest of the file as they were", long(saved.linesWritten), path,
             saved.linesWritten);
}
}  // namespace

void App::save() {
  try {
    editor_.save();
    message_ = savedMessage(editor_.path(), editor_.lastSave());
  } catch (const std::exception& e) {
    message_ = tf("NOT saved: {1}", std::string(e.what()));
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
  for (MapView* m : {&map_, &comparePanel_.map, &replayPanel_.map}) {
    m->setPark(editor_.park());
    m->fit();
  }
  select({});
  batchPanel_.scenarioOpened(editor_);
  // Results and replays belong to the scenario that was open.
  results_.comparison.reset();
  results_.path.clear();
  results_.plans.clear();
  results_.zones.clear();
  results_.ranks.clear();
  results_.seed.reset();
  replay_ = ReplayPlayer();
  replayPanel_.plan.clear();
  openError_.clear();
  openAsked_ = false;
  message_ = tf("opened {1}", path);
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
  if (ImGui::BeginMenu(label(tc("menu", "File"), "file").c_str())) {
    if (ImGui::MenuItem(label(tr("Open scenario..."), "open").c_str())) {
      openAsked_ = true;
      pathInput_ = editor_.path();
    }
    if (ImGui::MenuItem(label(tr("Save"), "save").c_str(), "Ctrl+S")) saveOrAsk();
    if (ImGui::MenuItem(label(tr("Save as..."), "saveas").c_str())) {
      saveAsAsked_ = true;
      pathInput_ = editor_.path();
    }
    if (ImGui::MenuItem(label(tr("Save a picture of the window"), "picture").c_str(), "F12")) requestPicture();
    ImGui::Separator();
    if (ImGui::MenuItem(label(tr("Quit"), "quit").c_str(), "Ctrl+Q")) requestClose();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(label(tc("menu", "Edit"), "edit").c_str())) {
    if (ImGui::MenuItem(label(tf("Undo {1}", editor_.undoLabel()), "undo").c_str(), "Ctrl+Z", false, editor_.canUndo())) editor_.undo();
    if (ImGui::MenuItem(label(tf("Redo {1}", editor_.redoLabel()), "redo").c_str(), "Ctrl+Y", false, editor_.canRedo())) editor_.redo();
    ImGui::EndMenu();
  }
  // The language: the whole desk is drawn in it from the next frame (every font holds both).
  if (ImGui::BeginMenu(label(tc("menu", "Language"), "language").c_str())) {
    if (ImGui::MenuItem("中文", nullptr, i18n::language() == i18n::Language::Chinese)) i18n::setLanguage(i18n::Language::Chinese);
    if (ImGui::MenuItem("English", nullptr, i18n::language() == i18n::Language::English)) i18n::setLanguage(i18n::Language::English);
    ImGui::EndMenu();
  }
  ImGui::TextDisabled("|");
  ImGui::TextUnformatted(editor_.scenario().name.c_str());
  ImGui::TextDisabled("%s%s", fs::path(editor_.path()).filename().c_str(), editor_.dirty() ? tr("  (unsaved changes)") : "");
  if (!editor_.recoveryError().empty())
    ImGui::TextColored(ImVec4(0.8f, 0.3f, 0.0f, 1), "| %s",
                       tf("unsaved edits cannot be kept for recovery: {1}", editor_.recoveryError()).c_str());
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
    parts.push_back(tr("settings"));
  if (!(a.weather == b.weather)) parts.push_back(tr("weather"));
  if (!(a.hazards == b.hazards)) parts.push_back(tr("hazards"));
  if (!(a.teams == b.teams)) parts.push_back(tr("teams"));
  if (!(a.plans == b.plans)) parts.push_back(tr("plans"));
  if (!(a.shelter_changes == b.shelter_changes)) parts.push_back(tr("shelters"));
  if (!(a.park_changes == b.park_changes)) parts.push_back(tr("zone, road or source attributes"));
  std::string text;
  for (const auto& p : parts) text += (text.empty() ? "" : tr(", ")) + p;
  return text;
}
}  // namespace

void App::modals() {
  recoveryDialog();
  closeDialog();
  openDialog();
  unreadDialog();
  saveAsDialog();
}

// Unsaved edits found: recover or discard them.
void App::recoveryDialog() {
  const std::string title = label(tr("Unsaved edits found"), "recovery");
  if (editor_.recovery()) ImGui::OpenPopup(title.c_str());
  if (ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (const auto& r = editor_.recovery()) {
      const std::string file = fs::path(editor_.path()).filename().string();
      ImGui::TextUnformatted(tf("Edits to {1} were not saved when the program last ended (last kept {2}).", file, r->written).c_str());
      ImGui::TextUnformatted(tf("They change: {1}.", differingParts(r->scenario, editor_.scenario())).c_str());
      ImGui::TextDisabled("%s", tf("They are kept in {1} until you decide.", fs::path(editor_.recoveryPath()).filename().string()).c_str());
      if (ImGui::Button(label(tr("Recover the edits"), "recover").c_str())) {
        editor_.recover();
        message_ = tr("recovered the unsaved edits; Ctrl+Z goes back to the file as saved");
        ImGui::CloseCurrentPopup();
      }
      ImGui::SameLine();
      if (ImGui::Button(label(tr("Discard them (keep the file as saved)"), "discard").c_str())) {
        editor_.discardRecovery();
        message_ = tr("discarded the unsaved edits");
        ImGui::CloseCurrentPopup();
      }
    } else {
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

// Quitting with unsaved changes or a batch running.
void App::closeDialog() {
  const std::string title = label(tr("Unsaved changes"), "close");
  if (closeAsked_) ImGui::OpenPopup(title.c_str());
  if (ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    if (editor_.dirty()) ImGui::TextUnformatted(tr("The scenario has changes that are not saved."));
    if (batchRunning()) ImGui::TextUnformatted(tr("A batch is running; quitting stops it (what finished is kept, --resume completes it)."));
    if (editor_.dirty() && ImGui::Button(label(tr("Save and quit"), "savequit").c_str())) {
      saveOrAsk();
      if (!editor_.dirty()) closeConfirmed_ = true;
      closeAsked_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(label(editor_.dirty() ? tr("Quit without saving") : tr("Quit"), "quit").c_str())) {
      editor_.abandonEdits();  // chosen: not offered for recovery next time
      closeConfirmed_ = true;
      closeAsked_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(label(tr("Cancel"), "cancel").c_str())) {
      closeAsked_ = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

// Opening another scenario.
void App::openDialog() {
  const std::string title = label(tr("Open scenario"), "openscenario");
  if (openAsked_) ImGui::OpenPopup(title.c_str());
  if (ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::SetNextItemWidth(600);
    ImGui::InputText(label(tr("scenario file"), "path").c_str(), &pathInput_);
    if (editor_.dirty())
      ImGui::TextColored(ImVec4(0.7f, 0.2f, 0.1f, 1), "%s", tr("The changes to this scenario are not saved; save them first or they are lost."));
    if (!openError_.empty()) errorText(openError_, 600);
    if (ImGui::Button(label(editor_.dirty() ? tr("Open, losing the changes") : tr("Open"), "open").c_str())) openScenario(pathInput_);
    ImGui::SameLine();
    if (ImGui::Button(label(tr("Cancel"), "cancel").c_str()) || !openAsked_) {
      openAsked_ = false;
      openError_.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

// Saving over values the editor could not read.
void App::unreadDialog() {
  const std::string title = label(tr("Values the editor could not read"), "unread");
  if (saveUnreadAsked_) ImGui::OpenPopup(title.c_str());
  if (ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    const std::string file = fs::path(editor_.path()).filename().string();
    ImGui::TextUnformatted(tf("{1} has {2} error(s) the editor could not read; they are listed under Problems with their lines.",
                              file, editor_.unread().items().size())
                               .c_str());
    ImGui::TextUnformatted(tr("Where they are, the editor holds the default value or leaves the entry out."));
    ImGui::TextUnformatted(
        tf("Saving writes the editor's version in their place; the file as it is now is kept as {1}.bak.", file).c_str());
    if (ImGui::Button(label(tr("Save anyway"), "saveanyway").c_str())) {
      save();
      saveUnreadAsked_ = false;
    }
    ImGui::SameLine();
    if (ImGui::Button(label(tr("Save as another file..."), "saveother").c_str())) {
      pathInput_ = editor_.path();
      saveAsAsked_ = true;
      saveUnreadAsked_ = false;
    }
    ImGui::SameLine();
    if (ImGui::Button(label(tr("Cancel"), "cancel").c_str())) saveUnreadAsked_ = false;
    if (!saveUnreadAsked_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

// Save as another file.
void App::saveAsDialog() {
  const std::string title = label(tr("Save as"), "saveas");
  if (saveAsAsked_) ImGui::OpenPopup(title.c_str());
  if (ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::SetNextItemWidth(600);
    ImGui::InputText(label(tr("new file"), "path").c_str(), &pathInput_);
    const bool exists = fs::exists(pathInput_) && fs::path(pathInput_) != fs::path(editor_.path());
    if (exists) ImGui::TextColored(ImVec4(0.7f, 0.2f, 0.1f, 1), "%s", tr("A file of that name exists and will be replaced."));
    if (ImGui::Button(label(exists ? tr("Replace") : tr("Save"), "save").c_str())) {
      try {
        editor_.saveAs(pathInput_);
        message_ = savedMessage(pathInput_, editor_.lastSave());
        saveAsAsked_ = false;
      } catch (const std::exception& e) {
        message_ = tf("NOT saved: {1}", std::string(e.what()));
      }
    }
    ImGui::SameLine();
    if (ImGui::Button(label(tr("Cancel"), "cancel").c_str())) saveAsAsked_ = false;
    if (!saveAsAsked_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

// [SECTION] The window and its views
void App::frame() {
  pollChildren();
  shortcuts();
  editorPanel_.syncDraft(editor_, sel_);
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
      const char* id;
    } tabs[] = {{View::Editor, i18n::kNoop("Map & editor"), "editor"},
                {View::Batch, i18n::kNoop("Batch"), "batch"},
                {View::Compare, i18n::kNoop("Compare plans"), "compare"},
                {View::Replay, i18n::kNoop("Replay"), "replay"}};
    for (const auto& t : tabs) {
      const ImGuiTabItemFlags flags = viewChanged_ && view_ == t.v ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(label(tr(t.name), t.id).c_str(), nullptr, flags)) {
        if (!viewChanged_) view_ = t.v;
        drawView(t.v);
        ImGui::EndTabItem();
      }
    }
    viewChanged_ = false;
    ImGui::EndTabBar();
  }
  modals();
  ImGui::End();
}

void App::drawView(View v) {
  switch (v) {
    case View::Editor: editorPanel_.draw({editor_, sel_, map_, *this}); break;
    case View::Batch: batchPanel_.draw(editor_, batchProgress_, results_.path, *this); break;
    case View::Compare: comparePanel_.draw(editor_.park(), results_, *this); break;
    case View::Replay:
      replayPanel_.draw(editor_, replay_, results_, replayStale_, replayError_, drill_.get(),
                        drill_ ? &drillPanel_ : nullptr, *this);
      break;
  }
}

}  // namespace drillsim::viz
