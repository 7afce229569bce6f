// The editor driven as a person drives it: an ImGui context without a window (no renderer is
// needed to lay out and hit-test), the mouse pressed, moved and released over the map, and the
// scenario checked after each gesture: a shelter dragged, a shelter added by a click, undo.
#include <gtest/gtest.h>
#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "viz/App.hpp"
#include "tests/TestPaths.hpp"

namespace fs = std::filesystem;
using namespace drillsim;
using namespace drillsim::viz;

namespace {
class Desk {
 public:
  explicit Desk(const std::string& scenario) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1400, 900);
    io.DeltaTime = 1.0f / 60;
    io.Fonts->AddFontDefault();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas; nothing draws it
    Diagnostics d;
    auto editor = ScenarioEditor::open(scenario, d);
    EXPECT_TRUE(editor) << d.str();
    app = std::make_unique<App>(std::move(*editor));
    app->setTooltips(false);
    for (int i = 0; i < 3; ++i) frame();  // lay out and fit the map
  }
  ~Desk() {
    app.reset();
    ImGui::DestroyContext();
  }
  void frame() {
    ImGui::NewFrame();
    app->frame();
    ImGui::Render();
  }
  void mouse(ImVec2 at, bool down) {
    ImGui::GetIO().MousePos = at;
    ImGui::GetIO().MouseDown[0] = down;
    frame();
  }
  // Press at `from`, move in steps to `to`, release.
  void drag(ImVec2 from, ImVec2 to) {
    mouse(from, false);
    mouse(from, true);
    for (int k = 1; k <= 5; ++k) mouse(ImVec2(from.x + (to.x - from.x) * float(k) / 5, from.y + (to.y - from.y) * float(k) / 5), true);
    mouse(to, false);
  }
  // A key pressed with Ctrl for one frame, as the GLFW backend reports it (key codes are GLFW's).
  void ctrlKey(int key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = true;
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    frame();
  }
  void click(ImVec2 at) {
    mouse(at, false);
    mouse(at, true);
    mouse(at, false);
  }
  std::unique_ptr<App> app;
};

}  // namespace

TEST(GuiDrive, DraggingAShelterMovesItInOneUndoStep) {
  Desk desk(test::chlorineScenarioCopy());
  ScenarioEditor& e = desk.app->editor();
  const Point2 before = e.park().shelter("S03")->position;
  const ImVec2 at = desk.app->map().toScreen(before);
  const double ppm = desk.app->map().pixelsPerMetre();
  desk.drag(at, ImVec2(at.x + 40, at.y - 20));
  const Point2 after = e.park().shelter("S03")->position;
  // 40 px east and 20 px north, in metres at the map's scale (to within a pixel).
  EXPECT_NEAR(after.x_m - before.x_m, 40 / ppm, 1 / ppm);
  EXPECT_NEAR(after.y_m - before.y_m, 20 / ppm, 1 / ppm);
  EXPECT_TRUE(e.dirty());
  EXPECT_FALSE(e.checkPending());  // checked once the drag was released
  EXPECT_EQ(e.undoLabel(), "move shelter S03");
  desk.ctrlKey(90);  // Ctrl+Z (GLFW_KEY_Z)
  EXPECT_FALSE(e.canUndo());  // the whole drag was one step
  EXPECT_NEAR(distance(e.park().shelter("S03")->position, before), 0, 0.01);
  desk.ctrlKey(89);  // Ctrl+Y (GLFW_KEY_Y) redoes it
  EXPECT_NEAR(e.park().shelter("S03")->position.x_m - before.x_m, 40 / ppm, 1 / ppm);
  desk.ctrlKey(90);
  // Dragging where there is no shelter pans the map instead and changes nothing.
  const ImVec2 empty(at.x + 20, at.y + 150);
  ASSERT_NE(desk.app->map().pick(empty).kind, Feature::Kind::Shelter);
  desk.drag(empty, ImVec2(empty.x + 50, empty.y));
  EXPECT_FALSE(e.dirty());
  EXPECT_NEAR(desk.app->map().toScreen(before).x, at.x + 50, 0.5);
}

TEST(GuiDrive, AClickInAddModeAddsAShelterThere) {
  Desk desk(test::chlorineScenarioCopy());
  ScenarioEditor& e = desk.app->editor();
  const std::size_t n = e.park().shelters.size();
  desk.app->map().setAddShelterMode(true);
  const Point2 z = e.park().zone("Z22")->centroid;
  desk.click(desk.app->map().toScreen(z));
  ASSERT_EQ(e.park().shelters.size(), n + 1);
  const Shelter& added = e.park().shelters.back();
  EXPECT_EQ(added.id, "S13");
  EXPECT_EQ(added.capacity, 500);  // the capacity field's default
  // Where the click was, to within the whole pixel ImGui rounds the pointer to, on each axis.
  EXPECT_NEAR(added.position.x_m, z.x_m, 1 / desk.app->map().pixelsPerMetre());
  EXPECT_NEAR(added.position.y_m, z.y_m, 1 / desk.app->map().pixelsPerMetre());
  EXPECT_FALSE(desk.app->map().addShelterMode());  // one click, one shelter
  EXPECT_FALSE(e.problems().hasErrors()) << e.problems().str();
  // A click on a zone selects it; nothing changes.
  desk.click(desk.app->map().toScreen(e.park().zone("Z30")->centroid));
  EXPECT_EQ(e.park().shelters.size(), n + 1);
  // Unsaved: closing the window asks first instead of closing.
  EXPECT_FALSE(desk.app->requestClose());
  desk.frame();
  EXPECT_FALSE(desk.app->closeConfirmed());
  EXPECT_TRUE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel));  // the question
}

TEST(GuiDrive, WithNothingUnsavedTheWindowClosesAtOnce) {
  Desk desk(test::chlorineScenarioCopy());
  EXPECT_TRUE(desk.app->requestClose());
  EXPECT_TRUE(desk.app->closeConfirmed());
}

// A drill played on the replay's clock at x10: it stops at the next inject; the injects due are
// delivered and two observations recorded, each saved at once, so that a new window (after a
// crash) finds them, and the debrief reads them.
TEST(GuiDrive, ADrillPlaysAtTenTimesAndItsRecordsAreSavedAtOnce) {
  const std::string scenario = test::chlorineScenarioCopy();
  const fs::path dir = fs::path(scenario).parent_path() / "drill";
  auto r = test::runDrillsim({"drill", scenario, "--plan", "A", "--replications", "10", "--out", dir.string(), "--jobs", "2"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  Desk desk(scenario);
  std::string error;
  EXPECT_FALSE(desk.app->openDrill((dir / "nothing").string(), error));
  EXPECT_NE(error.find("drill.json"), std::string::npos) << error;
  ASSERT_TRUE(desk.app->openDrill(dir.string(), error)) << error;
  desk.app->finishLoading();
  desk.frame();
  DrillSession* drill = desk.app->drill();
  ASSERT_NE(drill, nullptr);
  const Inject* first = drill->next(0);
  ASSERT_NE(first, nullptr);
  const Inject* second = drill->next(first->time_s);
  ASSERT_NE(second, nullptr);

  // At x10, 1/60 s a frame: the clock runs until the first inject and stops there.
  desk.app->playReplay(10);
  for (int k = 0; k < 60 * 60 && desk.app->replayPlaying(); ++k) desk.frame();
  EXPECT_FALSE(desk.app->replayPlaying());
  EXPECT_DOUBLE_EQ(desk.app->replayTime(), first->time_s);
  ASSERT_EQ(drill->due(desk.app->replayTime()).size(), 1u);
  desk.app->deliverDueInjects();
  EXPECT_TRUE(drill->due(desk.app->replayTime()).empty());
  desk.app->recordObservation("企业确认泄漏并报告", "");
  // On to the second inject.
  desk.app->playReplay(10);
  for (int k = 0; k < 60 * 60 && desk.app->replayPlaying(); ++k) desk.frame();
  EXPECT_DOUBLE_EQ(desk.app->replayTime(), second->time_s);
  desk.app->deliverDueInjects();
  desk.app->recordObservation("企业已通知", "notified/enterprise");

  DrillSession again;  // as a new window would read the folder
  ASSERT_TRUE(again.load(dir.string(), error)) << error;
  EXPECT_EQ(again.log(), drill->log());
  ASSERT_EQ(again.log().observations.size(), 2u);
  EXPECT_DOUBLE_EQ(again.log().observations[1].time_s, second->time_s);
  EXPECT_EQ(again.log().observations[1].inject, second->number);
  EXPECT_DOUBLE_EQ(again.log().delivered.at(first->number), first->time_s);

  r = test::runDrillsim({"drill", "debrief", dir.string(), "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  bool found = false;
  const auto debrief = nlohmann::json::parse(r.out);
  for (const auto& t : debrief.at("tasks"))
    if (t.at("milestone") == "notified/enterprise") {
      found = true;
      EXPECT_DOUBLE_EQ(t.at("achieved_s").get<double>(), second->time_s);
    }
  EXPECT_TRUE(found);
}

TEST(ChildProcess, OutputProgressAndExitCodeOfACommandBesideTheWindow) {
  ChildProcess child;
  ASSERT_TRUE(child.start({"/bin/sh", "-c", "echo out; echo err >&2; echo '{\"done\": 1}' >&3; echo '{\"done\": 2}' >&3; exit 3"},
                          true))
      << child.error();
  child.wait();
  EXPECT_FALSE(child.running());
  EXPECT_EQ(child.exitCode(), 3);
  EXPECT_EQ(child.out(), "out\n");
  EXPECT_EQ(child.err(), "err\n");
  EXPECT_EQ(child.takeProgressLines(), (std::vector<std::string>{"{\"done\": 1}", "{\"done\": 2}"}));
  EXPECT_TRUE(child.takeFinished());
  EXPECT_FALSE(child.takeFinished());  // once
}

TEST(ChildProcess, ACommandThatCannotStartSaysWhy) {
  ChildProcess child;
  EXPECT_FALSE(child.start({"/nonexistent/drillsim"}, false));
  EXPECT_NE(child.error().find("cannot start /nonexistent/drillsim"), std::string::npos) << child.error();
  EXPECT_FALSE(child.running());
}

TEST(ChildProcess, InterruptStopsIt) {
  ChildProcess child;
  ASSERT_TRUE(child.start({"/bin/sh", "-c", "trap 'exit 130' INT; while true; do sleep 0.05; done"}, false));
  ::usleep(200000);  // let the shell set its trap
  EXPECT_TRUE(child.poll());
  child.interrupt();
  child.wait();
  EXPECT_EQ(child.exitCode(), 130);
}

// Every number field of the forms takes or refuses the same way, in validate's words, and a
// refused value is not applied (the field keeps the text and says why).
TEST(GuiForms, NumberFieldsRefuseAndExplainBadInput) {
  double v = 7;
  EXPECT_EQ(numberFieldProblem("-4", Bound::atLeast(0), true, v), "expected a number >= 0, found -4");
  EXPECT_EQ(numberFieldProblem("abc", Bound::atLeast(0), true, v), "expected a number >= 0, found 'abc'");
  EXPECT_EQ(numberFieldProblem("", Bound::above(0), false, v), "expected a number > 0, found ''");
  EXPECT_EQ(numberFieldProblem("2.5", Bound::atLeast(0), true, v), "expected a whole number, found 2.5");
  EXPECT_EQ(numberFieldProblem("0", Bound::above(0), false, v), "expected a number > 0, found 0");
  EXPECT_EQ(numberFieldProblem("12 m", Bound::above(0), false, v), "expected a number > 0, found '12 m'");
  EXPECT_EQ(numberFieldProblem("inf", Bound::none(), false, v), "expected a number, found 'inf'");
  EXPECT_EQ(v, 7);  // nothing taken
  EXPECT_EQ(numberFieldProblem(" 800 ", Bound::atLeast(0), true, v), "");
  EXPECT_EQ(v, 800);
  EXPECT_EQ(numberFieldProblem("1.25", Bound::above(0), false, v), "");
  EXPECT_EQ(v, 1.25);
}
