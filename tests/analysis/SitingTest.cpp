// Shelter siting: on a park whose best sites are known, the search finds them; the command
// screens, confirms by Monte Carlo and refuses a broken candidates file with its place.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenarios/GeoLayer.hpp"
#include "sim/analysis/Siting.hpp"
#include "tests/TestPaths.hpp"
#include "tests/engine/TestPark.hpp"

using namespace drillsim;
namespace fs = std::filesystem;

namespace {
// One road from x = 0 to x = 1,000 m; 400 persons at x = 0; the only shelter at the far end.
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
                   .road("R2", {100, 0}, {500, 0}, 5)
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
  const auto r = chooseSites(l.scenario, l.candidates, o);
  ASSERT_EQ(r.finalists.size(), 3u);
  EXPECT_EQ(r.finalists[0].candidates, (std::vector<int>{2}));
  EXPECT_EQ(r.finalists[1].candidates, (std::vector<int>{1}));
  EXPECT_EQ(r.finalists[2].candidates, (std::vector<int>{0}));
  EXPECT_LT(r.finalists[0].score_s, r.current_s);
  EXPECT_GE(r.finalists[2].score_s, 1000 / 1.2 - 4 * o.step_s);  // C1: the rest still walk to S
}

TEST(Siting, TwoSitesTakeTheSmallNearOneAndTheMiddleOne) {
  const Line l = line();
  SitingOptions o;
  o.sites = 2;
  o.draws = 1;
  const auto r = chooseSites(l.scenario, l.candidates, o);
  ASSERT_FALSE(r.finalists.empty());
  EXPECT_EQ(r.finalists[0].candidates, (std::vector<int>{0, 2}));
  // Walking at 1.2 m/s: the 200 who do not fit at C1 walk 500 m to C3 (417 s) and pass a road of
  // 6.5 persons/s; the bound is no less than the walk and no more than walk plus all 400 queuing.
  EXPECT_GE(r.finalists[0].score_s, 500 / 1.2 - o.step_s);
  EXPECT_LE(r.finalists[0].score_s, 500 / 1.2 + 400 / 6.5 + o.step_s);
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
