// Shelter evaluation: nominal catchments and demand by hand, the runs' overflow counts, and the
// command as a committee member uses it (a report, a proposed layout, a broken layout file).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "scenarios/ScenarioFile.hpp"
#include "sim/analysis/ShelterEvaluation.hpp"
#include "tests/TestPaths.hpp"
#include "tests/engine/TestPark.hpp"

using namespace drillsim;
namespace fs = std::filesystem;

namespace {
// A road west-east: zone A at 0 m, shelter N (near, 100 places) at 300 m, zone B at 900 m,
// shelter F (far, 1,000 places) at 1,000 m. Walking distances: A->N 300, B->F 100, B->N 600.
LoadedScenario line() {
  return test::TestPark()
      .road("R1", {0, 0}, {300, 0}, 5)
      .road("R2", {300, 0}, {900, 0}, 5)
      .road("R3", {900, 0}, {1000, 0}, 5)
      .zone("A", {0, 0}, 400)
      .zone("B", {900, 0}, 50)
      .shelter("N", {300, 0}, 100)
      .shelter("F", {1000, 0}, 1000)
      .build();
}
}  // namespace

TEST(ShelterEvaluation, NearestCatchmentDemandAndWalks) {
  const auto l = line();
  const auto d = nominalDemand(l, l.scenario.plans[0], true, 250);
  EXPECT_EQ(d.population, 450);
  EXPECT_EQ(d.unreachable, 0);
  ASSERT_EQ(d.zoneShelter, (std::vector<int>{0, 1}));
  EXPECT_DOUBLE_EQ(d.zoneWalk_m[0], 300);
  EXPECT_DOUBLE_EQ(d.zoneWalk_m[1], 100);
  EXPECT_EQ(d.demand, (std::vector<long>{400, 50}));
  EXPECT_DOUBLE_EQ(d.walk[0].p95_m, 300);
  EXPECT_EQ(d.walk[0].beyondRadius, 400);  // all of A walk 300 m > 250 m
  EXPECT_EQ(d.walk[1].beyondRadius, 0);
}

TEST(ShelterEvaluation, AMapPlanSendsZonesToTheirListedShelter) {
  auto l = line();
  Plan& p = l.scenario.plans[0];
  p.shelters.kind = ShelterRule::Kind::Map;
  p.shelters.map = {{Ref{"B", {}}, {Ref{"N", {}}}}};  // A is not listed: nearest
  const auto d = nominalDemand(l, p, false, 500);
  EXPECT_EQ(d.zoneShelter, (std::vector<int>{0, 0}));
  EXPECT_EQ(d.demand, (std::vector<long>{450, 0}));
  EXPECT_DOUBLE_EQ(d.zoneWalk_m[1], 600);
  // Weighted by persons: 400 walk 300 m, 50 walk 600 m; P50 300, P95 600.
  EXPECT_DOUBLE_EQ(d.walk[0].p50_m, 300);
  EXPECT_DOUBLE_EQ(d.walk[0].p95_m, 600);
  EXPECT_EQ(d.walk[0].beyondRadius, 50);
}

TEST(ShelterEvaluation, RunsCountOverflowsAndMeans) {
  const auto l = line();
  auto run = [](int overflowN, int admittedN) {
    return nlohmann::json{{"clearance_s", 900}, {"unsheltered", 0}, {"persons_over_aegl2", 3},
                          {"shelters",
                           {{"N", {{"peak", admittedN}, {"overflow", overflowN}, {"admitted", admittedN}}},
                            {"F", {{"peak", 10}, {"overflow", 0}, {"admitted", 10}}}}}};
  };
  const auto r = shelterRuns(l.park, {run(300, 100), run(0, 80), nullptr, run(100, 100)});
  EXPECT_EQ(r.runs, 3);
  EXPECT_EQ(r.overflowing, (std::vector<long>{2, 0}));
  EXPECT_DOUBLE_EQ(r.meanOverflow[0], 400.0 / 3);
  EXPECT_DOUBLE_EQ(r.meanAdmitted[0], 280.0 / 3);
  EXPECT_EQ(r.clearance_s.size(), 3u);
}

// The findings, by hand on the line park (1,100 places for 450 persons: nothing of the code):
// N in a threat zone in 20 % of draws, N overflowing in 3 of 4 night runs, A's 400 persons sent
// to N's 100 places, and A's 300 m walk beyond a 250 m radius. Ranked in that order, by day's
// and night's weights within a category.
TEST(ShelterEvaluation, FindingsAreDecidedAndRankedFromTheFigures) {
  const auto l = line();
  ShelterEvaluationSettings s;
  s.plan = &l.scenario.plans[0];
  s.radius_m = 250;
  s.areaPerPerson_m2 = 1.5;
  ShelterEvaluation e;
  e.day.demand = nominalDemand(l, *s.plan, false, s.radius_m);
  e.night.demand = nominalDemand(l, *s.plan, true, s.radius_m);
  e.night.runs.runs = 4;
  e.night.runs.overflowing = {3, 0};
  e.night.runs.meanOverflow = {250, 0};
  e.threatHazards = {"L1"};
  e.threatShare = {{0.2, 0.01}};
  const auto findings = shelterFindings(l, s, e);
  std::vector<int> categories;
  for (const auto& f : findings) categories.push_back(f.category);
  EXPECT_TRUE(std::is_sorted(categories.begin(), categories.end()));
  ASSERT_EQ(categories, (std::vector<int>{1, 2, 3, 3, 4, 4}));
  EXPECT_EQ(findings[2].text, "N N: by day its nominal catchment sends 400 persons to 100 places (4.0x); the rest must "
                              "walk on to another shelter.");
  const auto threat = std::find_if(findings.begin(), findings.end(), [](const auto& f) { return f.category == 1; });
  ASSERT_NE(threat, findings.end());
  EXPECT_EQ(threat->text, "N N: lies in the AEGL-2 zone of L1 in 20 % of weather draws.");
  const auto away = std::find_if(findings.begin(), findings.end(), [](const auto& f) { return f.category == 2; });
  ASSERT_NE(away, findings.end());
  EXPECT_EQ(away->text, "N N: turns people away in 75 % [30-95] of night runs (mean 250 persons).");
  // F's 1 % is below the 5 % a threat finding needs; F is never over capacity.
  for (const auto& f : findings) EXPECT_EQ(f.text.rfind("F F", 0), std::string::npos) << f.text;
}

TEST(ShelterEvaluation, TheCommandWritesAReportAndReadsALayout) {
  const std::string scenario = test::sourcePath("tests/data/mini/mini.yaml");
  const std::string table = test::sourcePath("tests/data/mini/substances.csv");
  const fs::path dir = fs::temp_directory_path() / ("drillsim-shelters-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto r = test::runDrillsim({"shelters", "evaluate", scenario, "--substances", table, "--replications", "20",
                              "--threat-draws", "40", "--out", dir.string(), "--jobs", "2"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("Findings"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("P(overflow)"), std::string::npos) << r.out;
  for (const char* f : {"report.md", "map.svg", "evaluation.json", "shelters.gpkg"}) EXPECT_TRUE(fs::exists(dir / f)) << f;
  std::ifstream in(dir / "evaluation.json");
  const auto j = nlohmann::json::parse(in);
  ASSERT_EQ(j.at("shelters").size(), 2u);
  EXPECT_EQ(j.at("shelters")[0].at("night").at("runs"), 20);
  const long before = j.at("capacity");
  // Each of the first runs is set against the quickest-flow bound for its own departures.
  const auto& efficiency = j.at("efficiency_night");
  EXPECT_EQ(efficiency.at("runs"), 20);
  EXPECT_GT(efficiency.at("lowest").get<double>(), 0.0);
  EXPECT_LE(efficiency.at("mean").get<double>(), 1.0);
  // And every plan of the scenario against its own bound.
  const auto& plans = j.at("plan_efficiency");
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_EQ(plans[1].at("plan"), "B");
  for (const auto& p : plans) {
    EXPECT_EQ(p.at("runs"), 20);
    if (p.at("runs_bounded").get<int>() > 0) {
      EXPECT_GT(p.at("mean").get<double>(), 0.0);
      EXPECT_LE(p.at("mean").get<double>(), 1.0);
      EXPECT_LE(p.at("mean_bound_s").get<double>(), p.at("mean_bounded_clearance_s").get<double>());
    }
  }

  // A proposed layout: S2 doubled. The same command reads it, and a broken layout is refused
  // with its place.
  const fs::path layout = dir / "bigger.yaml";
  std::ofstream(layout) << "name: S2 doubled\nshelter_changes:\n  - {id: S2, capacity: 200}\n";
  r = test::runDrillsim({"shelters", "evaluate", scenario, "--substances", table, "--replications", "0",
                         "--threat-draws", "0", "--layout", layout.string(), "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).at("capacity").get<long>(), before + 100);
  std::ofstream(layout) << "shelter_changes:\n  - {id: S2, capacty: 200}\n";
  r = test::runDrillsim({"shelters", "evaluate", scenario, "--substances", table, "--layout", layout.string()});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find(layout.string() + ":2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("capacty"), std::string::npos) << r.err;
  // A change the park cannot make is named by its place in the layout file itself.
  std::ofstream(layout) << "shelter_changes:\n  - {id: S1, capacity: 400}\n  - {id: S9, remove: true}\n";
  r = test::runDrillsim({"shelters", "evaluate", scenario, "--substances", table, "--layout", layout.string()});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find(layout.string() + ":3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("shelter_changes[1].id: cannot remove shelter 'S9'"), std::string::npos) << r.err;
  // Numbered within the layout even when the scenario has changes of its own.
  const std::string withOwn = test::chlorineScenarioCopy("shelter_changes: [{id: S05, capacity: 300}]\n");
  std::ofstream(layout) << "shelter_changes:\n  - {id: S99, remove: true}\n";
  r = test::runDrillsim({"shelters", "evaluate", withOwn, "--layout", layout.string()});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find(layout.string() + ":2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("shelter_changes[0].id: cannot remove shelter 'S99'"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

// The two shelter files mistaken for each other: the missing list is reported at its place,
// never read (it crashed the reader once).
TEST(ShelterEvaluation, ALayoutAndACandidatesFileMistakenForEachOtherAreReported) {
  Diagnostics d;
  EXPECT_FALSE(loadShelterLayout(test::sourcePath("data/layouts/candidates.yaml"), d));
  EXPECT_NE(d.str().find("shelter_changes: missing; this key is required here"), std::string::npos) << d.str();
  Diagnostics e;
  EXPECT_FALSE(loadCandidateSites(test::sourcePath("data/layouts/s09-south.yaml"), e));
  EXPECT_NE(e.str().find("candidates: missing; this key is required here"), std::string::npos) << e.str();
}

// Layouts are compared under common random numbers: a layout that changes nothing (a shelter
// renamed) differs from the current one by exactly zero in every replication; one that doubles
// a shelter does not shelter fewer people.
TEST(ShelterEvaluation, LayoutsAreComparedOnTheSameRandomNumbers) {
  const std::string scenario = test::sourcePath("tests/data/mini/mini.yaml");
  const std::string table = test::sourcePath("tests/data/mini/substances.csv");
  const fs::path dir = fs::temp_directory_path() / ("drillsim-layouts-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "renamed.yaml") << "shelter_changes: [{id: S2, name: 大礼堂}]\n";
  std::ofstream(dir / "bigger.yaml") << "name: S1 doubled\nshelter_changes: [{id: S1, capacity: 600}]\n";
  const auto r = test::runDrillsim({"shelters", "compare", scenario, (dir / "renamed.yaml").string(),
                                    (dir / "bigger.yaml").string(), "--substances", table, "--replications", "12",
                                    "--format", "json", "--jobs", "2"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("replications"), 12);
  EXPECT_EQ(j.at("layouts")[2].at("name"), "S1 doubled");
  for (const auto& m : j.at("metrics")) {
    SCOPED_TRACE(m.at("metric").get<std::string>());
    const auto& renamed = m.at("differences")[0];
    EXPECT_EQ(renamed.at("mean").get<double>(), 0.0);
    EXPECT_EQ(renamed.at("half_width").get<double>(), 0.0);
    EXPECT_EQ(renamed.at("verdict"), "same");
    if (m.at("metric") == "unsheltered") {
      EXPECT_LE(m.at("differences")[1].at("mean").get<double>(), 0.0);
    }
  }
  const auto text = test::runDrillsim({"shelters", "compare", scenario, (dir / "bigger.yaml").string(), "--substances",
                                       table, "--replications", "4"});
  ASSERT_EQ(text.exitCode, 0) << text.err;
  EXPECT_NE(text.out.find("S1 doubled"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("difference [CI]"), std::string::npos) << text.out;
  fs::remove_all(dir);
}

// The example layout and candidate sites shipped with the park load, and apply cleanly.
TEST(ShelterEvaluation, TheBundledLayoutAndCandidatesLoad) {
  Diagnostics d;
  const auto layout = test::sourcePath("data/layouts/s09-south.yaml");
  auto l = loadAndValidate(test::sourcePath("data/scenarios/chlorine_night.yaml"), d, "", layout);
  ASSERT_TRUE(l) << d.str();
  EXPECT_FALSE(d.hasErrors());
  EXPECT_TRUE(l->park.shelter("S13"));
  EXPECT_EQ(l->park.shelter("S05")->capacity, 600);
  const auto sites = loadCandidateSites(test::sourcePath("data/layouts/candidates.yaml"), d);
  ASSERT_TRUE(sites) << d.str();
  EXPECT_EQ(sites->changes.size(), 5u);
  EXPECT_EQ(sites->costs[1], 60);
}
