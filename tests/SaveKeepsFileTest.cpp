// Saving keeps the planner's file (README "Editing keeps the file"): one edit of each kind the
// desk makes, saved over each bundled scenario, rewrites only the lines of that edit; every
// comment and every other line stays as the planner wrote it, and the file reads back as the edit.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "scenarios/ScenarioEditor.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "tests/TestPaths.hpp"

namespace drillsim {
namespace {
namespace fs = std::filesystem;

struct EditKind {
  const char* name;
  std::function<void(ScenarioEditor&)> apply;
  int removed, written;  // the lines the save takes out of the file and writes anew, at most
  // For an edit that takes a whole entry out (and with it what named it): each line it may take
  // out, comments included. Its `removed` is then not a limit.
  std::function<bool(const std::string& line)> own = nullptr;
  bool oneBlock = false;  // the lines taken out follow one another
};

// A copy of a bundled scenario in a folder of this test's own, beside a link to the park.
std::string copyOf(const std::string& bundled, const std::string& kind) {
  const fs::path dir = fs::path(test::scratchPath("save-keeps-file", kind)).parent_path() / kind;
  fs::remove_all(dir);
  fs::create_directories(dir / "parks");
  fs::create_directories(dir / "scenarios");
  fs::create_directory_symlink(test::sourcePath("data/parks/baofeng"), dir / "parks" / "baofeng");
  const fs::path path = dir / "scenarios" / fs::path(bundled).filename();
  fs::copy_file(bundled, path);
  return path.string();
}

Point2 shifted(Point2 p, double dx_m, double dy_m) { return {p.x_m + dx_m, p.y_m + dy_m}; }

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

const std::vector<EditKind>& editKinds() {
  static const std::vector<EditKind> kinds = {
      // Shelters and park features go into shelter_changes and park_changes: new entries only.
      {"shelter capacity", [](ScenarioEditor& e) { e.setShelterCapacity(e.park().shelters[0].id, e.park().shelters[0].capacity + 100); }, 0, 2},
      {"shelter moved", [](ScenarioEditor& e) { e.moveShelter(e.park().shelters[1].id, shifted(e.park().shelters[1].position, 30, 20)); }, 0, 2},
      {"shelter added", [](ScenarioEditor& e) { e.addShelter(shifted(e.park().shelters[0].position, 50, 0), 300, "新建"); }, 0, 2},
      {"shelter removed", [](ScenarioEditor& e) { e.removeShelter(e.park().shelters.back().id); }, 2, 4},
      {"zone population", [](ScenarioEditor& e) { e.setFeatureNumber("zones", e.park().zones[0].id, "pop_night", 7); }, 0, 2},
      // The scenario's own values: the line that holds each.
      {"settings", [](ScenarioEditor& e) {
         Scenario s = e.scenario();
         s.horizon_s += 600;
         e.setSettings(s);
       }, 1, 1},
      {"weather", [](ScenarioEditor& e) {
         Weather w = e.scenario().weather;
         w.terrain = w.terrain == Terrain::Urban ? Terrain::Rural : Terrain::Urban;
         e.setWeather(w);
       }, 1, 1},
      {"hazard", [](ScenarioEditor& e) {
         Hazard h = e.scenario().hazards[0];
         h.start_s = Distribution(120.0);
         e.setHazard(0, h);
       }, 1, 1},
      {"hazard added", [](ScenarioEditor& e) { e.addHazard(e.scenario().hazards[0]); }, 0, 1},
      {"team", [](ScenarioEditor& e) {
         Team t = e.scenario().teams[0];
         t.speed_ms += 1;
         e.setTeam(0, t);
       }, 1, 1},
      {"team added", [](ScenarioEditor& e) { e.addTeam(e.scenario().teams[0]); }, 0, 1},
      // The team's line, and the dispatches of it in every plan: a list without ids is written
      // anew whole (on one line).
      {"team removed", [](ScenarioEditor& e) { e.removeTeam(e.scenario().teams.size() - 1); }, 0, 4,
       [](const std::string& line) { return line.find("{team:") != std::string::npos || line.find("- {id: ") != std::string::npos; }},
      {"plan", [](ScenarioEditor& e) {
         Plan p = e.scenario().plans[0];
         p.detection_s = Distribution(45.0);
         e.setPlan(0, p);
       }, 1, 1},
      {"plan duplicated", [](ScenarioEditor& e) { e.duplicatePlan(0); }, 0, 12},
      // The plan's lines, its comment with them.
      {"plan removed", [](ScenarioEditor& e) { e.removePlan(e.scenario().plans.size() - 1); }, 0, 0,
       [](const std::string&) { return true; }, true},
  };
  return kinds;
}

TEST(SaveKeepsFile, EachKindOfEditRewritesOnlyItsOwnLines) {
  for (const std::string& bundled : test::bundledScenarioFiles()) {
    const std::string original = test::readFile(bundled);
    for (const EditKind& kind : editKinds()) {
      SCOPED_TRACE(fs::path(bundled).filename().string() + ": " + kind.name);
      const std::string path = copyOf(bundled, kind.name);
      Diagnostics d;
      auto editor = ScenarioEditor::open(path, d);
      ASSERT_TRUE(editor) << d.str();
      kind.apply(*editor);
      editor->finishGesture();
      ASSERT_TRUE(editor->dirty());
      const Scenario edited = editor->scenario();
      editor->save();
      EXPECT_TRUE(editor->lastSave().kept) << editor->lastSave().why;
      const std::string saved = test::readFile(path);
      EXPECT_EQ(test::readFile(path + ".bak"), original);
      // Only the edit's lines: none taken out but those it changes, and never a comment.
      int removed = 0, written = 0;
      std::vector<long> removedAt;
      const std::string diff = lineDiff(original, saved);
      for (const std::string& line : lines(diff)) {
        const std::string text = line.substr(line.find(": ") + 2);
        if (line[0] == '-') {
          ++removed;
          removedAt.push_back(std::stol(line.substr(1)));
          if (kind.own) {
            EXPECT_TRUE(kind.own(text)) << line;
          } else {
            EXPECT_EQ(text.find('#'), std::string::npos) << "a comment taken out: " << line;
          }
        }
        written += line[0] == '+';
      }
      if (!kind.own) {
        EXPECT_LE(removed, kind.removed) << diff;
      }
      EXPECT_LE(written, kind.written) << diff;
      EXPECT_GT(removed + written, 0);
      if (kind.oneBlock) {
        for (std::size_t i = 1; i < removedAt.size(); ++i) EXPECT_EQ(removedAt[i], removedAt[i - 1] + 1) << diff;
      }
      // Every other line of the file, comments and blank lines included, is there in its order.
      std::vector<std::string> kept = lines(original);
      for (auto it = removedAt.rbegin(); it != removedAt.rend(); ++it) kept.erase(kept.begin() + (*it - 1));
      std::size_t found = 0;
      const std::vector<std::string> now = lines(saved);
      for (const std::string& line : now) found += found < kept.size() && line == kept[found];
      EXPECT_EQ(found, kept.size()) << diff;
      // The file as saved is the edited scenario.
      Diagnostics read;
      const auto back = loadScenario(path, read);
      ASSERT_TRUE(back) << read.str();
      EXPECT_TRUE(*back == edited);
    }
  }
}

// A file the patch cannot follow (an alias where the edit lands) is written out whole, as before
// the file was kept, and the save says why.
TEST(SaveKeepsFile, AnEditThePatchCannotPlaceIsWrittenWholeAndSaysWhy) {
  std::string text = test::readFile(test::sourcePath("data/scenarios/chlorine_night.yaml"));
  const std::string first = "detection_s: {lognormal: {median: 90, sigma: 0.6}}";
  const std::size_t at = text.find(first);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, first.size(), "detection_s: &detect {lognormal: {median: 90, sigma: 0.6}}");
  const std::size_t second = text.find(first, at + 1);
  ASSERT_NE(second, std::string::npos);
  text.replace(second, first.size(), "detection_s: *detect");
  const std::string path = test::chlorineScenarioCopy();
  std::ofstream(path, std::ios::trunc) << text;
  Diagnostics d;
  auto editor = ScenarioEditor::open(path, d);
  ASSERT_TRUE(editor) << d.str();
  Plan p = editor->scenario().plans[1];
  p.detection_s = Distribution(45.0);
  editor->setPlan(1, p);
  editor->save();
  EXPECT_FALSE(editor->lastSave().kept);
  EXPECT_NE(editor->lastSave().why.find("plans"), std::string::npos) << editor->lastSave().why;
  Diagnostics read;
  const auto back = loadScenario(path, read);
  ASSERT_TRUE(back) << read.str();
  EXPECT_TRUE(*back == editor->scenario());
}

}  // namespace
}  // namespace drillsim
