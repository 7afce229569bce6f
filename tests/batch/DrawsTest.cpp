// The draws of a replication (Outcome.hpp Draws): kept in `run --format json`, in a batch's stored
// rows and its CSV, and used by `compare --where` to select replications by their weather and
// release (README "drillsim compare").
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/batch/DrawFilter.hpp"
#include "sim/engine/Outcome.hpp"
#include "tests/TestPaths.hpp"

using namespace drillsim;
using namespace drillsim::test;

namespace {
const std::string kMini = sourcePath("tests/data/mini/mini.yaml");
const std::string kTable = sourcePath("tests/data/mini/substances.csv");

Draws someDraws() {
  Draws d;
  d.wind_speed_ms = 1.5;
  d.wind_from_deg = 45;
  d.stability = "F";
  d.sky = "night_clear";
  d.temperature_c = -3;
  d.releases["L1"] = {0, 2.5, 1200, 25.0, "dense", std::nullopt, ""};
  d.releases["L2"] = {60, 0.4, 1800, std::nullopt, "puff", 800.0, "dense"};
  d.fires["F1"] = {300, 50, 120};
  return d;
}
}  // namespace

TEST(Draws, SurviveTheirJsonAndAreNamedAsTheCsvNamesThem) {
  const nlohmann::json j = drawsJson(someDraws());
  const auto back = drawsFromJson(j);
  ASSERT_TRUE(back);
  EXPECT_EQ(drawsJson(*back), j);
  EXPECT_EQ(drawnValue(j, "wind_speed_ms"), 1.5);
  EXPECT_EQ(drawnValue(j, "stability"), "F");
  EXPECT_EQ(drawnValue(j, "L1.hole_mm"), 25.0);
  EXPECT_TRUE(drawnValue(j, "L2.hole_mm").is_null());  // a direct rate has no hole
  EXPECT_EQ(drawnValue(j, "F1.heat_release_mw"), 50.0);
  EXPECT_EQ(drawnValue(j, "L2.puff_kg"), 800.0);  // an instantaneous release keeps its mass and model
  EXPECT_EQ(drawnValue(j, "L2.puff_dispersion"), "dense");
  EXPECT_FALSE(j["releases"]["L1"].contains("puff_kg"));  // no puff: no columns for one
  EXPECT_TRUE(drawnValue(j, "L9.rate_kg_s").is_null());
  const auto names = drawnNames(j);
  for (const char* n : {"wind_speed_ms", "wind_from_deg", "stability", "sky", "temperature_c", "L1.rate_kg_s",
                        "L1.duration_s", "L1.hole_mm", "L1.dispersion", "L1.start_s", "F1.start_s"})
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
  EXPECT_FALSE(drawsFromJson(nlohmann::json{{"wind_speed_ms", 1}}));  // incomplete
}

TEST(DrawFilter, NumbersAreOrderedAndWordsAreEqualOrNot) {
  const nlohmann::json j = drawsJson(someDraws());
  auto holds = [&](const std::string& text) { return drawsSatisfy(parseDrawConditions(text), j); };
  EXPECT_TRUE(holds("wind_speed_ms<2"));
  EXPECT_FALSE(holds("wind_speed_ms>=2"));
  EXPECT_TRUE(holds("wind_speed_ms <= 1.5, stability = F"));
  EXPECT_FALSE(holds("wind_speed_ms<2,stability=E"));
  EXPECT_TRUE(holds("stability!=E"));
  EXPECT_TRUE(holds("L1.dispersion=dense,L1.hole_mm>=25"));
  EXPECT_FALSE(holds("L2.hole_mm>0"));   // no hole: satisfies no condition on it
  EXPECT_FALSE(holds("sky<3"));          // a word is not ordered against a number
  EXPECT_TRUE(holds("temperature_c<0"));
  EXPECT_THROW(parseDrawConditions("wind_speed_ms"), std::invalid_argument);
  EXPECT_THROW(parseDrawConditions("<2"), std::invalid_argument);
  EXPECT_THROW(parseDrawConditions("wind_speed_ms<"), std::invalid_argument);
  EXPECT_THROW(parseDrawConditions("stability<F"), std::invalid_argument);
  EXPECT_THROW(parseDrawConditions("stability!F"), std::invalid_argument);
}

TEST(Draws, RunPrintsThemAndCompareWhereKeepsOnlyTheReplicationsThatDrewThem) {
  // One run: the draws beside the metrics, as the README documents them.
  auto r = runDrillsim({"run", kMini, "--substances", kTable, "--plan", "A", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto run = nlohmann::json::parse(r.out);
  ASSERT_TRUE(run.contains("draws"));
  EXPECT_FALSE(run.at("metrics").contains("draws"));
  const auto& d = run.at("draws");
  const double u = d.at("wind_speed_ms");
  EXPECT_GE(u, 1);  // mini.yaml: uniform [1, 5]
  EXPECT_LE(u, 5);
  const std::string stability = d.at("stability");
  EXPECT_TRUE(stability == "D" || stability == "E" || stability == "F");
  EXPECT_TRUE(d.at("sky").is_null());  // mini.yaml draws its class directly
  EXPECT_EQ(d.at("temperature_c"), 20.0);
  const double rate = d.at("releases").at("L1").at("rate_kg_s");
  EXPECT_GE(rate, 0.5);  // triangular [0.5, 1.5, 3]
  EXPECT_LE(rate, 3);
  EXPECT_TRUE(d.at("releases").at("L1").at("hole_mm").is_null());
  EXPECT_EQ(d.at("fires").at("F1").at("start_s"), 300.0);

  // A batch keeps them per replication, in its store and its CSV.
  const std::string store = scratchPath("draws", "mini.gpkg"), csv = scratchPath("draws", "mini.csv");
  r = runDrillsim({"batch", kMini, "--substances", kTable, "--replications", "30", "--jobs", "2", "--out", store, "--csv",
                   csv, "--quiet"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::ifstream in(csv);
  std::string header, line;
  std::getline(in, header);
  EXPECT_NE(header.find(",wind_speed_ms,"), std::string::npos) << header;
  EXPECT_NE(header.find(",L1.rate_kg_s,"), std::string::npos) << header;
  const auto column = [&](const std::string& name) {
    std::stringstream h(header);
    std::string cell;
    for (int i = 0; std::getline(h, cell, ','); ++i)
      if (cell == name) return i;
    return -1;
  };
  const int windColumn = column("wind_speed_ms"), planColumn = column("plan");
  ASSERT_GE(windColumn, 0);
  std::map<int, double> windOf;  // by replication, from plan A's rows; plan B's must agree (CRN)
  long light = 0;
  while (std::getline(in, line)) {
    std::stringstream l(line);
    std::vector<std::string> cells;
    for (std::string c; std::getline(l, c, ',');) cells.push_back(c);
    ASSERT_GT(int(cells.size()), windColumn) << line;
    const int replication = std::stoi(cells[1]);
    const double w = std::stod(cells[std::size_t(windColumn)]);
    if (cells[std::size_t(planColumn)] == "A") {
      windOf[replication] = w;
      light += w < 2.5;
    } else {
      EXPECT_EQ(windOf.at(replication), w) << "replication " << replication;
    }
  }
  ASSERT_EQ(windOf.size(), 30u);
  ASSERT_GT(light, 0);
  ASSERT_LT(light, 30);

  // compare --where: exactly those replications, under both plans.
  r = runDrillsim({"compare", store, "--where", "wind_speed_ms<2.5", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto cmp = nlohmann::json::parse(r.out);
  EXPECT_EQ(cmp.at("where").at("selected"), light);
  EXPECT_EQ(cmp.at("where").at("of"), 30);
  int seen = 0;
  for (const auto& m : cmp.at("metrics")) {
    if (m.at("metric") != "clearance_s") continue;
    EXPECT_EQ(m.at("n"), light);
    ++seen;
  }
  EXPECT_EQ(seen, 2);  // plans A and B
  r = runDrillsim({"compare", store, "--where", "wind_speed_ms<2.5"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("Only the replications whose draws satisfy wind_speed_ms<2.5: " + std::to_string(light) + " of 30, the same under every plan."),
            std::string::npos)
      << r.out;

  // Bad conditions are named, with what was expected.
  r = runDrillsim({"compare", store, "--where", "wind_sped_ms<2"});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_NE(r.err.find("--where: no drawn quantity 'wind_sped_ms'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'wind_speed_ms'"), std::string::npos) << r.err;
  r = runDrillsim({"compare", store, "--where", "wind_speed_ms<0.5"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("none of the 30 successful replications"), std::string::npos) << r.err;
}
