// The editor's operations (what the front end calls) and the scenario's shelter changes.
#include "scenarios/ScenarioEditor.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/Validation.hpp"
#include "tests/TestPaths.hpp"

using namespace drillsim;
using drillsim::test::sourcePath;

namespace {
namespace fs = std::filesystem;

ScenarioEditor openOk(const std::string& path) {
  Diagnostics d;
  auto e = ScenarioEditor::open(path, d);
  EXPECT_TRUE(e.has_value()) << d.str();
  EXPECT_FALSE(d.hasErrors()) << d.str();
  return std::move(*e);
}
}  // namespace

TEST(ShelterChanges, MoveResizeRemoveAndAddReachTheValidatedPark) {
  const std::string path = test::chlorineScenarioCopy(R"(shelter_changes:
  - {id: S03, capacity: 1234}
  - {id: S05, remove: true}
  - {id: S13, name: 新建避难点, kind: indoor, capacity: 400, lon: 113.0500, lat: 33.8680}
  - {id: S04, lon: 113.0400, lat: 33.8700}
)");
  Diagnostics d;
  auto loaded = loadAndValidate(path, d);
  ASSERT_TRUE(loaded) << d.str();
  const Park& park = loaded->park;
  EXPECT_EQ(park.shelters.size(), 12u);  // 12 - S05 + S13
  EXPECT_EQ(park.shelter("S03")->capacity, 1234);
  EXPECT_EQ(park.shelter("S05"), nullptr);
  const Shelter* added = park.shelter("S13");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->name, "新建避难点");
  EXPECT_EQ(added->kind, ShelterKind::Indoor);
  EXPECT_NE(added->node, kNoNode);
  // The added shelter sits where its lon/lat say, to within a centimetre, and S04 moved there.
  LonLatTransform ll(park.crs);
  EXPECT_NEAR(distance(added->position, ll.fromLonLat({113.05, 33.868})), 0, 0.01);
  EXPECT_NEAR(distance(park.shelter("S04")->position, ll.fromLonLat({113.04, 33.87})), 0, 0.01);
  EXPECT_NEAR(ll.toLonLat(added->position).x_m, 113.05, 1e-9);
}

TEST(ShelterChanges, BadChangesAreReportedAtTheirPlace) {
  const std::string path = test::chlorineScenarioCopy(R"(shelter_changes:
  - {id: S99, remove: true}
  - {id: S20, capacity: 100}
  - {id: S03, lon: 200, lat: 33.87}
  - {id: S04, lat: 33.87}
  - {id: S06, remove: true, capacity: 3}
)");
  Diagnostics d;
  EXPECT_FALSE(loadAndValidate(path, d));
  const std::string all = d.str();
  // The first change's line: after the bundled scenario's lines and the shelter_changes key.
  const std::string bundled = test::readFile(test::sourcePath("data/scenarios/chlorine_night.yaml"));
  const auto first = std::to_string(std::count(bundled.begin(), bundled.end(), '\n') + 2);
  EXPECT_NE(all.find("chlorine.yaml:" + first + ":5: error: shelter_changes[0].id: cannot remove shelter 'S99'"), std::string::npos)
      << all;
  EXPECT_NE(all.find("shelter_changes[1]: the park has no shelter 'S20', so this change adds one and needs lon, lat and capacity"),
            std::string::npos) << all;
  EXPECT_NE(all.find("shelter_changes[2].lon: expected a longitude from -180 to 180 degrees, found 200"), std::string::npos) << all;
  EXPECT_NE(all.find("shelter_changes[3]: expected both lon and lat, found only lat"), std::string::npos) << all;
  EXPECT_NE(all.find("shelter_changes[4].remove: a removed shelter takes no other change"), std::string::npos) << all;
}

TEST(ShelterChanges, SaveAndLoadGiveTheSameScenario) {
  Scenario s;
  s.name = "t";
  s.park = "p";
  s.plans.push_back(Plan{});
  s.plans.back().id = "A";
  ShelterChange add;
  add.id = "S13";
  add.name = "新";
  add.kind = ShelterKind::Indoor;
  add.capacity = 10;
  add.lon = 113.0500012345678;
  add.lat = 33.86800098765;
  ShelterChange gone;
  gone.id = "S02";
  gone.remove = true;
  s.shelter_changes = {add, gone};
  Diagnostics d;
  auto back = parseScenario(scenarioToYaml(s), "s.yaml", d);
  ASSERT_TRUE(back) << d.str();
  EXPECT_EQ(back->shelter_changes, s.shelter_changes);
}

TEST(ScenarioEditor, ShelterOperationsUndoRedoAndDirty) {
  ScenarioEditor e = openOk(test::chlorineScenarioCopy());
  EXPECT_FALSE(e.dirty());
  EXPECT_FALSE(e.canUndo());
  const Point2 at = e.park().shelter("S03")->position;
  const std::string id = e.addShelter({at.x_m + 150, at.y_m}, 600);
  EXPECT_EQ(id, "S13");
  EXPECT_TRUE(e.dirty());
  ASSERT_NE(e.park().shelter("S13"), nullptr);
  EXPECT_EQ(e.park().shelter("S13")->capacity, 600);
  EXPECT_NEAR(e.park().shelter("S13")->position.x_m, at.x_m + 150, 0.01);

  // A drag of 3 steps is one undo step.
  e.moveShelter("S03", {at.x_m + 10, at.y_m}, false);
  e.moveShelter("S03", {at.x_m + 20, at.y_m}, true);
  e.moveShelter("S03", {at.x_m + 30, at.y_m + 5}, true);
  EXPECT_NEAR(e.park().shelter("S03")->position.x_m, at.x_m + 30, 0.01);
  // The drag's steps move the park at once; the checks wait for the gesture's end.
  EXPECT_TRUE(e.checkPending());
  e.finishGesture();
  EXPECT_FALSE(e.checkPending());
  EXPECT_FALSE(e.problems().hasErrors()) << e.problems().str();
  e.setShelterCapacity("S03", 50);
  EXPECT_EQ(e.park().shelter("S03")->capacity, 50);
  EXPECT_EQ(e.undoLabel(), "capacity of shelter S03");
  ASSERT_TRUE(e.undo());
  EXPECT_EQ(e.park().shelter("S03")->capacity, 900);
  EXPECT_EQ(e.undoLabel(), "move shelter S03");
  ASSERT_TRUE(e.undo());
  EXPECT_NEAR(distance(e.park().shelter("S03")->position, at), 0, 0.01);
  ASSERT_TRUE(e.undo());
  EXPECT_EQ(e.park().shelter("S13"), nullptr);
  EXPECT_FALSE(e.dirty());  // back where the file is
  EXPECT_FALSE(e.canUndo());
  ASSERT_TRUE(e.redo());
  ASSERT_TRUE(e.redo());
  EXPECT_NEAR(e.park().shelter("S03")->position.x_m, at.x_m + 30, 0.01);
  EXPECT_EQ(e.redoLabel(), "capacity of shelter S03");
  e.setShelterName("S13", "东门广场");  // a new operation clears what could be redone
  EXPECT_FALSE(e.canRedo());
  EXPECT_EQ(e.park().shelter("S13")->name, "东门广场");
}

TEST(ScenarioEditor, RemovingAShelterRemovesItFromThePlansShelterMaps) {
  ScenarioEditor e = openOk(test::chlorineScenarioCopy());
  Plan p = e.scenario().plans[0];
  p.shelters.kind = ShelterRule::Kind::Map;
  p.shelters.map = {{Ref{"Z01", {}}, {Ref{"S03", {}}, Ref{"S04", {}}}}, {Ref{"Z02", {}}, {Ref{"S03", {}}}}};
  e.setPlan(0, p);
  EXPECT_FALSE(e.problems().hasErrors()) << e.problems().str();
  e.removeShelter("S03");
  EXPECT_EQ(e.park().shelter("S03"), nullptr);
  const auto& map = e.scenario().plans[0].shelters.map;
  ASSERT_EQ(map.size(), 1u);
  EXPECT_EQ(map[0].first.id, "Z01");
  ASSERT_EQ(map[0].second.size(), 1u);
  EXPECT_EQ(map[0].second[0].id, "S04");
  EXPECT_FALSE(e.problems().hasErrors()) << e.problems().str();
  // An added shelter, removed again, leaves no trace in the scenario.
  const std::string id = e.addShelter(e.park().shelter("S04")->position, 100);
  e.removeShelter(id);
  for (const auto& c : e.scenario().shelter_changes) EXPECT_NE(c.id, id);
}

TEST(ScenarioEditor, ProblemsAreThoseOfTheCommandLine) {
  ScenarioEditor e = openOk(test::chlorineScenarioCopy());
  EXPECT_FALSE(e.problems().hasErrors()) << e.problems().str();
  Plan p = e.scenario().plans[1];
  p.dispatch.push_back(Dispatch{Ref{"HZ9", {}}, Ref{"L1", {}}, Ref{"enterprise", {}}});
  e.setPlan(1, p);
  ASSERT_TRUE(e.problems().hasErrors());
  bool named = false;
  for (const auto& item : e.problems().items())
    if (item.key.rfind("plans[1].dispatch", 0) == 0 && item.message.find("unknown team 'HZ9'") != std::string::npos)
      named = true;
  EXPECT_TRUE(named) << e.problems().str();
  // A value the file format refuses is reported as loading the saved file would report it.
  Scenario settings = e.scenario();
  settings.cohort_size = 0;
  e.setSettings(settings);
  EXPECT_NE(e.problems().str().find("cohort_size: expected"), std::string::npos) << e.problems().str();
  e.undo();
  e.undo();
  EXPECT_FALSE(e.problems().hasErrors()) << e.problems().str();
}

TEST(ScenarioEditor, RemovingATeamOrHazardRemovesItsDispatches) {
  ScenarioEditor e = openOk(test::chlorineScenarioCopy());
  ASSERT_FALSE(e.scenario().teams.empty());
  const std::string team = e.scenario().teams[0].id;
  Team renamed = e.scenario().teams[0];
  renamed.id = "HZX";
  e.setTeam(0, renamed);
  for (const auto& p : e.scenario().plans)
    for (const auto& dsp : p.dispatch) EXPECT_NE(dsp.team.id, team);
  EXPECT_FALSE(e.problems().hasErrors()) << e.problems().str();
  e.removeTeam(0);
  for (const auto& p : e.scenario().plans)
    for (const auto& dsp : p.dispatch) EXPECT_NE(dsp.team.id, "HZX");
  EXPECT_FALSE(e.problems().hasErrors()) << e.problems().str();
  const std::string hazard = e.scenario().hazards[0].id;
  e.removeHazard(0);
  for (const auto& p : e.scenario().plans)
    for (const auto& dsp : p.dispatch) EXPECT_NE(dsp.to.id, hazard);
}

TEST(ScenarioEditor, PlansDuplicateAndTheLastOneStays) {
  ScenarioEditor e = openOk(test::chlorineScenarioCopy());
  const std::size_t n = e.scenario().plans.size();
  const std::string id = e.duplicatePlan(0);
  EXPECT_EQ(id, "A_01");
  ASSERT_EQ(e.scenario().plans.size(), n + 1);
  EXPECT_EQ(e.scenario().plans[1].id, "A_01");
  EXPECT_EQ(e.scenario().plans[1].protect, e.scenario().plans[0].protect);
  while (e.scenario().plans.size() > 1) ASSERT_TRUE(e.removePlan(0));
  EXPECT_FALSE(e.removePlan(0));
  EXPECT_EQ(e.scenario().plans.size(), 1u);
}

TEST(ScenarioEditor, SaveIsAtomicAndSaveAsKeepsTheParkReachable) {
  const std::string path = test::chlorineScenarioCopy();
  const fs::path dir = fs::path(path).parent_path().parent_path();
  ScenarioEditor e = openOk(path);
  e.setShelterCapacity("S03", 1111);
  e.save();
  EXPECT_FALSE(e.dirty());
  {
    Diagnostics d;
    auto loaded = loadAndValidate(path, d);
    ASSERT_TRUE(loaded) << d.str();
    EXPECT_EQ(loaded->park.shelter("S03")->capacity, 1111);
    EXPECT_EQ(loaded->scenario, e.scenario());
  }
  // Save as into another folder: the relative park path is rewritten so the copy still loads.
  fs::create_directories(dir / "elsewhere" / "deeper");
  const std::string other = (dir / "elsewhere" / "deeper" / "copy.yaml").string();
  e.setShelterCapacity("S03", 2222);
  e.saveAs(other);
  EXPECT_EQ(e.path(), other);
  EXPECT_EQ(e.scenario().park, "../../parks/baofeng");
  Diagnostics d;
  auto copy = loadAndValidate(other, d);
  ASSERT_TRUE(copy) << d.str();
  EXPECT_EQ(copy->park.shelter("S03")->capacity, 2222);
  // A save that cannot be written throws and leaves the editor's state as it was (a folder
  // stands where the file was; this fails for root too).
  e.setShelterCapacity("S03", 3333);
  fs::remove(other);
  fs::create_directory(other);
  EXPECT_THROW(e.save(), std::exception);
  EXPECT_TRUE(e.dirty());
  EXPECT_TRUE(fs::is_directory(other));
}

TEST(ScenarioEditor, DistributionsReadAndWriteInTheFileNotation) {
  std::string error;
  auto d = distributionFromYaml("{lognormal: {median: 120, sigma: 0.6}}", 1, error);
  ASSERT_TRUE(d) << error;
  EXPECT_EQ(*d, Distribution(LogNormal{120, 0.6}));
  EXPECT_EQ(distributionToYaml(*d), "{lognormal: {median: 120, sigma: 0.6}}");
  EXPECT_EQ(distributionToYaml(Distribution(60.0)), "60");
  auto back = distributionFromYaml(distributionToYaml(Distribution(Uniform{1, 5})), 0, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, Distribution(Uniform{1, 5}));
  EXPECT_FALSE(distributionFromYaml("{uniform: [5, 1]}", 0, error));
  EXPECT_NE(error.find("low <= high"), std::string::npos) << error;
  EXPECT_FALSE(distributionFromYaml("-3", 2, error));
  EXPECT_NE(error.find("> 0"), std::string::npos) << error;
  EXPECT_FALSE(distributionFromYaml("{lognormal: [1, 2}", 0, error));
  EXPECT_NE(error.find("not valid YAML"), std::string::npos) << error;
  EXPECT_FALSE(distributionFromYaml("{gamma: {k: 2}}", 0, error));
  EXPECT_FALSE(error.empty());
}

TEST(ParkChanges, ZonesRoadsAndSourcesChangeForThisScenarioOnly) {
  const std::string path = test::chlorineScenarioCopy(R"(park_changes:
  - {layer: zones, id: Z08, pop_night: 300, kind: dormitory, name: 新宿舍}
  - {layer: roads, id: R012, width_m: 3.5}
  - {layer: hazard_sources, id: HS1, inventory_kg: 20000}
)");
  Diagnostics d;
  auto loaded = loadAndValidate(path, d);
  ASSERT_TRUE(loaded) << d.str();
  const Zone* z = loaded->park.zone("Z08");
  EXPECT_EQ(z->pop_night, 300);
  EXPECT_EQ(z->kind, ZoneKind::Dormitory);
  EXPECT_EQ(z->name, "新宿舍");
  for (const auto& r : loaded->park.roads) {
    if (r.id == "R012") {
      EXPECT_EQ(r.width_m, 3.5);
    }
  }
  EXPECT_EQ(loaded->park.source("HS1")->inventory_kg, 20000);
  Diagnostics again;
  auto back = parseScenario(scenarioToYaml(loaded->scenario), "s.yaml", again);
  ASSERT_TRUE(back) << again.str();
  EXPECT_EQ(back->park_changes, loaded->scenario.park_changes);
}

TEST(ParkChanges, BadChangesAreReportedAtTheirPlace) {
  const std::string path = test::chlorineScenarioCopy(R"(park_changes:
  - {layer: zones, id: Z99, pop_day: 3}
  - {layer: roads, id: R012, width_m: 0}
  - {layer: zone, id: Z01}
  - {layer: zones, id: Z02, kind: factory}
  - {layer: hazard_sources, id: HS1, pop_day: 3}
  - {layer: zones, id: Z02, pop_day: 1}
)");
  Diagnostics d;
  EXPECT_FALSE(loadAndValidate(path, d));
  const std::string all = d.str();
  EXPECT_NE(all.find("park_changes[0].id: the park has no zones feature 'Z99'"), std::string::npos) << all;
  EXPECT_NE(all.find("park_changes[1].width_m: expected a number > 0, found 0"), std::string::npos) << all;
  EXPECT_NE(all.find("park_changes[2].layer: expected one of zones, roads, hazard_sources (did you mean 'zones'?)"),
            std::string::npos) << all;
  EXPECT_NE(all.find("park_changes[3].kind: expected one of"), std::string::npos) << all;
  EXPECT_NE(all.find("park_changes[4].pop_day: unknown key 'pop_day'"), std::string::npos) << all;
  EXPECT_NE(all.find("park_changes[5].id: a second change to zones 'Z02'"), std::string::npos) << all;
}

TEST(ScenarioEditor, FeatureAttributesChangeThroughTheScenario) {
  ScenarioEditor e = openOk(test::chlorineScenarioCopy());
  const int night = e.park().zone("Z08")->pop_night;
  e.setFeatureNumber("zones", "Z08", "pop_night", night + 100);
  EXPECT_EQ(e.park().zone("Z08")->pop_night, night + 100);
  EXPECT_EQ(e.basePark().zone("Z08")->pop_night, night);  // the geodata as it was
  ASSERT_NE(e.featureChange("zones", "Z08"), nullptr);
  e.setFeatureText("zones", "Z08", "kind", "school");
  EXPECT_EQ(e.park().zone("Z08")->kind, ZoneKind::School);
  // Back to the geodata's values: no change is left.
  e.setFeatureNumber("zones", "Z08", "pop_night", night);
  e.setFeatureText("zones", "Z08", "kind", zoneKindNames()[std::size_t(e.basePark().zone("Z08")->kind)]);
  EXPECT_EQ(e.featureChange("zones", "Z08"), nullptr);
  EXPECT_FALSE(e.dirty());
  e.setFeatureNumber("roads", "R012", "width_m", 2.5);
  e.setFeatureNumber("hazard_sources", "HS1", "inventory_kg", 1000);
  EXPECT_EQ(e.park().source("HS1")->inventory_kg, 1000);
  EXPECT_FALSE(e.problems().hasErrors()) << e.problems().str();
  e.undo();
  EXPECT_NE(e.park().source("HS1")->inventory_kg, 1000);
}

namespace {
std::string fileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

// A file with values the editor cannot read opens, but its problems say so, with the file's line,
// until it is saved; saving keeps the file as it was in the backup.
TEST(ScenarioEditor, ValuesTheEditorCouldNotReadAreProblemsUntilSaved) {
  const std::string path = test::chlorineScenarioCopy();
  std::string text = fileText(path);
  const auto at = text.find("cohort_size: ");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, text.find('\n', at) - at, "cohort_size: 0");
  std::ofstream(path, std::ios::trunc) << text;
  const int line = int(std::count(text.begin(), text.begin() + long(at), '\n')) + 1;

  Diagnostics d;
  auto e = ScenarioEditor::open(path, d);
  ASSERT_TRUE(e.has_value()) << d.str();
  ASSERT_EQ(e->unread().errorCount(), 1u) << e->unread().str();
  ASSERT_EQ(e->problems().errorCount(), 1u) << e->problems().str();
  const Diagnostic& item = e->problems().items()[0];
  EXPECT_EQ(item.key, "cohort_size");
  EXPECT_EQ(item.where.line, line);
  EXPECT_NE(item.message.find("found '0'"), std::string::npos) << item.message;
  e->setShelterCapacity("S03", 1111);  // an edit does not hide it: the file still says 0
  EXPECT_EQ(e->problems().errorCount(), 1u) << e->problems().str();
  e->save();
  EXPECT_TRUE(e->unread().empty());
  EXPECT_FALSE(e->problems().hasErrors()) << e->problems().str();
  EXPECT_EQ(fileText(path + ".bak"), text);
}

TEST(ScenarioEditor, SaveKeepsThePreviousVersionAsBak) {
  const std::string path = test::chlorineScenarioCopy();
  const std::string original = fileText(path);
  ScenarioEditor e = openOk(path);
  e.setShelterCapacity("S03", 1111);
  e.save();
  EXPECT_EQ(fileText(path + ".bak"), original);
  const std::string first = fileText(path);
  e.setShelterCapacity("S03", 2222);
  e.save();
  EXPECT_EQ(fileText(path + ".bak"), first);  // one previous version: the last saved
  e.save();                                   // nothing changed: the backup stays
  EXPECT_EQ(fileText(path + ".bak"), first);
}

// The front end ends without saving (here: the editor is dropped, as a crash drops it); the next
// open of the file finds the edits, and recovering them gives back exactly what was edited.
TEST(ScenarioEditor, UnsavedEditsSurviveACrashAndAreRecovered) {
  const std::string path = test::chlorineScenarioCopy();
  const std::string original = fileText(path);
  Scenario edited;
  {
    ScenarioEditor e = openOk(path);
    EXPECT_FALSE(fs::exists(e.recoveryPath()));  // nothing to keep while it equals the file
    e.setShelterCapacity("S03", 1234);
    e.setWeather(Weather{});
    edited = e.scenario();
    ASSERT_TRUE(fs::exists(e.recoveryPath()));
  }  // no save, no quit: the process is gone
  EXPECT_EQ(fileText(path), original);  // the file itself is untouched
  {
    ScenarioEditor e = openOk(path);
    ASSERT_TRUE(e.recovery().has_value());
    EXPECT_EQ(e.recovery()->scenario, edited);
    EXPECT_FALSE(e.dirty());
    // Edits made before deciding do not overwrite what is kept.
    e.setShelterCapacity("S03", 99);
    EXPECT_EQ(openOk(path).recovery()->scenario, edited);
    e.recover();
    EXPECT_EQ(e.scenario(), edited);
    EXPECT_TRUE(e.dirty());
    EXPECT_EQ(e.undoLabel(), "Recover unsaved edits");
    EXPECT_TRUE(e.undo());
    EXPECT_EQ(e.park().shelter("S03")->capacity, 99);
    EXPECT_TRUE(e.undo());
    EXPECT_FALSE(e.dirty());
    EXPECT_FALSE(fs::exists(e.recoveryPath()));  // back to the file: nothing to recover
    EXPECT_TRUE(e.redo());
    EXPECT_TRUE(fs::exists(e.recoveryPath()));
    e.save();
    EXPECT_FALSE(fs::exists(e.recoveryPath()));
  }
  EXPECT_FALSE(openOk(path).recovery().has_value());
}

TEST(ScenarioEditor, DiscardedOrAbandonedEditsAreNotOfferedAgain) {
  const std::string path = test::chlorineScenarioCopy();
  {
    ScenarioEditor e = openOk(path);
    e.setShelterCapacity("S03", 1234);
  }
  {
    ScenarioEditor e = openOk(path);
    ASSERT_TRUE(e.recovery().has_value());
    e.discardRecovery();
    EXPECT_FALSE(e.recovery().has_value());
    EXPECT_FALSE(fs::exists(e.recoveryPath()));
    e.setShelterCapacity("S03", 4321);
    EXPECT_TRUE(fs::exists(e.recoveryPath()));
    e.abandonEdits();  // "Quit without saving"
  }
  EXPECT_FALSE(openOk(path).recovery().has_value());
}
