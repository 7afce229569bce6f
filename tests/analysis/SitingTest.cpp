// Shelter siting: on a park whose best sites are known, the search finds them; the command
// screens, confirms by Monte Carlo and refuses a broken candidates file with its place.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "sim/analysis/Siting.hpp"
#include "tests/TestPaths.hpp"
#include "tests/engine/TestPark.hpp"
#include "tests/hazard/MiniLeak.hpp"

using namespace drillsim;
namespace fs = std::filesystem;

namespace {
// One road from x = 0 to x = 1,000 m (nodes at 0, 100, 300, 500, 900, 1,000); 400 persons at
// x = 0; the only shelter at the far end.
// Candidates along the road: C1 at 100 m (holds 200), C2 at 900 m and C3 at 500 m (1,000 each).
// Times from the walk at 1.2 m/s; the road passes 6.5 persons/s.
struct Line {
  LoadedScenario scenario;
  ShelterLayoutFile candidates;
};

Line line() {
  Line l;
  l.scenario = test::TestPark()
                   .road("R1", {0, 0}, {100, 0}, 5)
                   .road("R2", {100, 0}, {300, 0}, 5)
                   .road("R2b", {300, 0}, {500, 0}, 5)
                   .road("R3", {500, 0}, {900, 0}, 5)
                   .road("R4", {900, 0}, {1000, 0}, 5)
                   .zone("A", {0, 0}, 400)
                   .shelter("S", {1000, 0}, 1000)
                   .build();
  const LonLatTransform lonLat(l.scenario.park.crs);
  auto site = [&](const std::string& id, double x, int capacity) {
    ShelterChange c;
    c.id = id;
    c.capacity = capacity;
    const Point2 ll = lonLat.toLonLat({x, 0});
    c.lon = ll.x_m;
    c.lat = ll.y_m;
    l.candidates.changes.push_back(c);
    l.candidates.costs.push_back(0);
  };
  site("C1", 100, 200);
  site("C2", 900, 1000);
  site("C3", 500, 1000);
  return l;
}
}  // namespace

// One site: C1 is nearest but holds only half, so 200 would still walk 1,000 m to S (833 s);
// C3 takes everyone at 500 m (417 s plus the queue); C2 at 900 m (750 s). Best C3, then C2, then C1.
TEST(Siting, OneSiteMustBeNearAndBigEnough) {
  const Line l = line();
  SitingOptions o;
  o.sites = 1;
  o.draws = 1;
  const auto r = chooseSites(l.scenario, l.candidates, l.scenario.scenario.plans[0], o);
  ASSERT_EQ(r.finalists.size(), 3u);
  EXPECT_EQ(r.finalists[0].candidates, (std::vector<int>{2}));
  EXPECT_EQ(r.finalists[1].candidates, (std::vector<int>{1}));
  EXPECT_EQ(r.finalists[2].candidates, (std::vector<int>{0}));
  EXPECT_LT(r.finalists[0].score, r.current.score);
  EXPECT_GE(r.finalists[2].score, 1000 / 1.2 - 4 * o.step_s);  // C1: the rest still walk to S
}

TEST(Siting, TwoSitesTakeTheSmallNearOneAndTheMiddleOne) {
  const Line l = line();
  SitingOptions o;
  o.sites = 2;
  o.draws = 1;
  const auto r = chooseSites(l.scenario, l.candidates, l.scenario.scenario.plans[0], o);
  ASSERT_FALSE(r.finalists.empty());
  EXPECT_EQ(r.finalists[0].candidates, (std::vector<int>{0, 2}));
  // Walking at 1.2 m/s: 95 % is 380 persons; the 180 who do not fit at C1 walk 500 m to C3
  // (417 s) and pass a road of 6.5 persons/s; the bound is no less than the walk and no more than
  // the walk plus all 400 queuing.
  EXPECT_GE(r.finalists[0].score, 500 / 1.2 - o.step_s);
  EXPECT_LE(r.finalists[0].score, 500 / 1.2 + 400 / 6.5 + o.step_s);
}

// The cheapest set meeting a target. Add C4 at 300 m (200 places); costs C1 1, C2 2, C3 10, C4 3.
// By 500 s for 95 % (380 persons): C3 alone (475 s, cost 10), or C1 + C4: 200 at 100 m and 180 at
// 300 m (250 s plus the queue, cost 4). Any set without C3 and not holding 380 within 500 m
// misses it. The cheapest is C1 + C4.
TEST(Siting, TheCheapestSetMeetingATarget) {
  Line l = line();
  l.candidates.changes.push_back(l.candidates.changes[0]);
  l.candidates.changes[3].id = "C4";
  const LonLatTransform lonLat(l.scenario.park.crs);
  const Point2 at300 = lonLat.toLonLat({300, 0});
  l.candidates.changes[3].lon = at300.x_m;
  l.candidates.changes[3].lat = at300.y_m;
  l.candidates.costs = {1, 2, 10, 3};
  SitingOptions o;
  o.draws = 1;
  o.target = 500;
  o.finalists = 10;
  auto r = chooseSites(l.scenario, l.candidates, l.scenario.scenario.plans[0], o);
  ASSERT_TRUE(r.targetMet);
  ASSERT_FALSE(r.finalists.empty());
  EXPECT_EQ(r.finalists[0].candidates, (std::vector<int>{0, 3}));
  EXPECT_DOUBLE_EQ(r.finalists[0].cost, 4);
  EXPECT_LE(r.finalists[0].score, 500);
  for (std::size_t i = 0; i < r.finalists.size(); ++i) {
    EXPECT_LE(r.finalists[i].score, 500);
    if (i > 0) {
      EXPECT_GE(r.finalists[i].cost, r.finalists[i - 1].cost);
    }
  }
  // A target no set can meet (the walk to the nearest site alone takes 83 s): none, and the best
  // the list can do is reported.
  o.target = 60;
  r = chooseSites(l.scenario, l.candidates, l.scenario.scenario.plans[0], o);
  EXPECT_FALSE(r.targetMet);
  EXPECT_TRUE(r.finalists.empty());
  EXPECT_GT(r.all.score, 60);
  EXPECT_EQ(r.all.candidates.size(), 4u);
}

// Persons over AEGL-2: in the mini park the wind blows from the west (270°), carrying chlorine
// from HS1 east along the road. Site CE at the east end is next to the dormitory Z2 (300 persons
// at night) and 300 m downwind; CW at the west end is upwind. The arrival objective takes CE (the
// dormitory no longer queues down the one-way road R3 to S1); the exposure objective keeps the
// shelter out of the plume and takes CW.
TEST(Siting, TheExposureObjectiveKeepsTheShelterOutOfThePlume) {
  const LoadedScenario l = test::miniLeak(Distribution(270.0));
  ShelterLayoutFile sites;
  auto site = [&](const std::string& id, double lon, double lat) {
    ShelterChange c;
    c.id = id;
    c.capacity = 400;
    c.lon = lon;
    c.lat = lat;
    sites.changes.push_back(c);
    sites.costs.push_back(0);
  };
  site("CW", 113.0500, 33.8700);
  site("CE", 113.05432762, 33.8700);
  SitingOptions o;
  o.draws = 1;
  o.threatDraws = 5;
  o.finalists = 2;
  const Plan& plan = l.scenario.plans[0];
  const auto arrival = chooseSites(l, sites, plan, o);
  ASSERT_EQ(arrival.finalists.size(), 2u);
  EXPECT_EQ(arrival.finalists[0].candidates, (std::vector<int>{1}));
  o.objective = SitingObjective::Exposure;
  const auto exposure = chooseSites(l, sites, plan, o);
  ASSERT_EQ(exposure.finalists.size(), 2u);
  EXPECT_EQ(exposure.finalists[0].candidates, (std::vector<int>{0}));
  // CE would shelter inside the threat zone, in every draw of this fixed wind, the whole dormitory
  // and the plant's 30 too, for whom it is the nearest shelter (317 m).
  EXPECT_DOUBLE_EQ(exposure.finalists[1].exposed, 330);
  EXPECT_LT(exposure.finalists[0].exposed, 300);
}

TEST(Siting, TheCommandScreensConfirmsAndChecksItsFile) {
  const std::string scenario = test::sourcePath("tests/data/mini/mini.yaml");
  const std::string table = test::sourcePath("tests/data/mini/substances.csv");
  const fs::path dir = fs::temp_directory_path() / ("drillsim-siting-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path sites = dir / "sites.yaml";
  std::ofstream(sites) << "candidates:\n"
                          "  - {id: C1, name: 空地, capacity: 300, lon: 113.0520, lat: 33.8690, cost: 10}\n"
                          "  - {id: C2, capacity: 300, lon: 113.0480, lat: 33.8710}\n";
  auto r = test::runDrillsim({"shelters", "site", scenario, sites.string(), "--substances", table, "--replications", "6",
                              "--finalists", "2", "--screen-draws", "1", "--jobs", "2"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("Screening"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Confirmation: plan A, 6 replications"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("P(best)"), std::string::npos) << r.out;
  std::ofstream(sites) << "candidates:\n  - {id: C1, lon: 113.0520, lat: 33.8690}\n";
  r = test::runDrillsim({"shelters", "site", scenario, sites.string(), "--substances", table});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find(sites.string() + ":2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("capacity"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

// Candidate sites as a GIS layer: read in the park's CRS with costs; a feature without capacity is
// refused with its layer and feature; the exposure objective and a target run from the command.
TEST(Siting, CandidatesFromAGeoJsonLayer) {
  const std::string scenario = test::sourcePath("tests/data/mini/mini.yaml");
  const std::string table = test::sourcePath("tests/data/mini/substances.csv");
  const fs::path dir = fs::temp_directory_path() / ("drillsim-siting-gis-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path layer = dir / "sites.geojson";
  auto write = [&](const std::string& secondCapacity) {
    std::ofstream(layer) << R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"id": "CW", "name": "西门空地", "capacity": 400, "cost": 12.5},
       "geometry": {"type": "Point", "coordinates": [113.0500, 33.8700]}},
      {"type": "Feature", "properties": {"id": "CE", "kind": "indoor")" +
                                secondCapacity + R"(},
       "geometry": {"type": "Point", "coordinates": [113.05432762, 33.8700]}}]})";
  };
  write(", \"capacity\": 400");
  Diagnostics d;
  auto l = loadAndValidate(scenario, d, table);
  ASSERT_TRUE(l) << d.str();
  const auto sites = loadCandidateLayer(layer.string(), l->park.crs, d);
  ASSERT_TRUE(sites) << d.str();
  ASSERT_EQ(sites->changes.size(), 2u);
  EXPECT_EQ(sites->changes[0].id, "CW");
  EXPECT_EQ(sites->changes[0].name, std::optional<std::string>("西门空地"));
  EXPECT_EQ(sites->changes[0].capacity, std::optional<int>(400));
  EXPECT_NEAR(*sites->changes[0].lon, 113.0500, 1e-7);
  EXPECT_NEAR(*sites->changes[0].lat, 33.8700, 1e-7);
  EXPECT_EQ(sites->costs, (std::vector<double>{12.5, 0}));
  EXPECT_EQ(sites->changes[1].kind, std::optional<ShelterKind>(ShelterKind::Indoor));

  auto r = test::runDrillsim({"shelters", "site", scenario, layer.string(), "--substances", table, "--objective",
                              "exposure", "--threat-draws", "20", "--replications", "4", "--screen-draws", "1",
                              "--finalists", "1", "--jobs", "2"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("Objective: persons over AEGL-2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Confirmation: plan A, 4 replications"), std::string::npos) << r.out;
  // A target no set meets: said so, with the best the list can do, and no runs.
  r = test::runDrillsim({"shelters", "site", scenario, layer.string(), "--substances", table, "--target", "30",
                         "--screen-draws", "1"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("No set of these candidates meets the target"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Confirmation"), std::string::npos) << r.out;
  r = test::runDrillsim({"shelters", "site", scenario, layer.string(), "--substances", table, "--target", "30",
                         "--sites", "1"});
  EXPECT_EQ(r.exitCode, 64) << r.err;

  write("");
  r = test::runDrillsim({"shelters", "site", scenario, layer.string(), "--substances", table});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("feature CE"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("capacity"), std::string::npos) << r.err;
  fs::remove_all(dir);
}
