// The command line as a user meets it: help, exit codes, bad arguments, and hostile files
// (huge, binary, deeply nested) that must be refused quickly and clearly.
//
// Index: [SECTION] Help, exit codes, validation, hostile files; map and run; hazard: weather and
// rate given, distances, concentrations; register and threat probability; synth, bound, limits of
// size; Source terms through the command: puffs, ruptures, blow-down, the hole's flow; the drill
// calendar.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "sim/analysis/Comparison.hpp"
#include "sim/report/Zip.hpp"
#include "tests/TestPaths.hpp"

using namespace drillsim;
using namespace drillsim::test;
namespace fs = std::filesystem;

// [SECTION] Help, exit codes, validation, hostile files

TEST(Cli, EveryCommandHasHelp) {
  for (const char* command : {"validate", "info", "run", "hazard", "register", "map", "bound", "drill", "shelters", "batch", "compare", "synth"}) {
    const auto r = runDrillsim({command, "--help"});
    EXPECT_EQ(r.exitCode, 0) << command;
    EXPECT_NE(r.out.find("Usage: drillsim "), std::string::npos) << command;
    EXPECT_NE(r.out.find("Exit codes"), std::string::npos) << command;
  }
  const auto top = runDrillsim({"--help"});
  EXPECT_EQ(top.exitCode, 0);
  EXPECT_NE(top.out.find("validate"), std::string::npos);
}

TEST(Cli, UsageErrorsExitWith64AndSaySo) {
  auto r = runDrillsim({"valdate", "x.yaml"});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_EQ(r.err, "drillsim: unknown command 'valdate'; expected one of validate, edit, info, run, batch, merge, compare, hazard, register, shelters, bound, drill, map, synth (did you mean 'validate'?)\n");
  r = runDrillsim({"validate", "--strcit", "x.yaml"});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_NE(r.err.find("unknown option '--strcit'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean '--strict'?"), std::string::npos) << r.err;
  r = runDrillsim({"info"});
  EXPECT_EQ(r.exitCode, 64);
}

TEST(Cli, ValidatesAndSummarisesTheMiniScenario) {
  const std::string scenario = sourcePath("tests/data/mini/mini.yaml");
  const std::string table = sourcePath("tests/data/mini/substances.csv");
  auto r = runDrillsim({"validate", scenario, "--substances", table});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, scenario + ": ok (0 errors, 0 warnings; 4 on the models' validity, see README \"Validity limits\")\n");
  // The test park's wind is uniform on [1, 5] m/s, stable air may be drawn, class F among D, E, F
  // (weights 0.5, 0.3, 0.2) apart from the wind, and Z1 (30 persons) touches HS1: each place
  // where the plume is least reliable is named. F at 3 m/s or more: 0.2 x 50 % = 10 % of draws;
  // E at 5 m/s or more never happens, so it is not named.
  EXPECT_NE(r.err.find("weather.wind_speed_ms: is below 1.3 m/s in 7.5 % of draws"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("weather.stability: stable air (class E or F) is possible"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("weather.stability: class F is drawn apart from the wind, which is 3 m/s or more in 50 % of "
                       "draws: 10 % of replications get class F"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("class E is drawn apart"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 populated zone lies within 100 m of HS1: Z1 (30)"), std::string::npos) << r.err;
  // --strict refuses problems of the files, not the models' limits.
  EXPECT_EQ(runDrillsim({"validate", scenario, "--substances", table, "--strict"}).exitCode, 0);
  r = runDrillsim({"info", scenario, "--substances", table});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("  total          2      160        330\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("This scenario uses pop_night: 330 persons."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Shelters: 2, capacity 400 = 121 % of the pop_night population"), std::string::npos) << r.out;
}

namespace {
struct TempFile {
  fs::path path;
  explicit TempFile(const std::string& name) : path(fs::temp_directory_path() / name) {}
  ~TempFile() { fs::remove(path); }
};
}  // namespace

TEST(Cli, AFiftyMegabyteFileIsRefusedBeforeReading) {
  TempFile f("drillsim-huge.yaml");
  {
    std::ofstream out(f.path);
    const std::string line = "name: " + std::string(1000, 'x') + "\n";
    for (int i = 0; i < 50 * 1024; ++i) out << line;
  }
  const auto r = runDrillsim({"validate", f.path.string()});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("error: the scenario is 49.2 MiB; expected at most 4 MiB (is this the right file?)"),
            std::string::npos)
      << r.err;
}

TEST(Cli, BinaryAndDeeplyNestedFilesAreRefused) {
  TempFile bin("drillsim-binary.yaml");
  {
    std::ofstream out(bin.path, std::ios::binary);
    out << "drillsim: 1\n" << std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10);
  }
  auto r = runDrillsim({"validate", bin.path.string()});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.signal, 0);
  EXPECT_NE(r.err.find(":2:8: error: expected a scenario in text, found a binary file (a zero byte)"), std::string::npos)
      << r.err;

  TempFile deep("drillsim-deep.yaml");
  std::ofstream(deep.path) << "name: " << std::string(200000, '[') << "\n";
  r = runDrillsim({"validate", deep.path.string()});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.signal, 0);
  EXPECT_NE(r.err.find("nested more than"), std::string::npos) << r.err;
}

TEST(Cli, AMissingFileAndAFolderAreReported) {
  auto r = runDrillsim({"validate", "/nonexistent/scenario.yaml"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("/nonexistent/scenario.yaml: error: cannot open the scenario: no such file"), std::string::npos)
      << r.err;
  r = runDrillsim({"validate", fs::temp_directory_path().string()});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("expected a scenario file, found a folder"), std::string::npos) << r.err;
}

// [SECTION] map and run

TEST(Cli, MapDrawsEveryFeatureOfTheMiniPark) {
  const fs::path out = fs::temp_directory_path() / "drillsim-mini-map.svg";
  const auto r = runDrillsim({"map", sourcePath("tests/data/mini/mini.yaml"), "--substances",
                              sourcePath("tests/data/mini/substances.csv"), "--out", out.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::ifstream in(out);
  const std::string svg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove(out);
  auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (std::size_t p = svg.find(what); p != std::string::npos; p = svg.find(what, p + 1)) ++n;
    return n;
  };
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(count("<title>Z"), 2u);     // two zones
  EXPECT_EQ(count("<polyline"), 3u);    // three roads
  EXPECT_EQ(count("stroke-dasharray=\""), 2u);  // the oneway road, and the legend's oneway sample
  EXPECT_NE(svg.find("<title>Z1 氯碱厂 (chlor-alkali plant), chemical, day 120, night 30</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>S2 礼堂, indoor, capacity 100</title>"), std::string::npos);
  EXPECT_NE(svg.find("HS1 氯气"), std::string::npos);
}

TEST(Cli, RunTellsTheStoryAndWritesItsFiles) {
  const std::string scenario = sourcePath("tests/data/mini/mini.yaml");
  const std::string table = sourcePath("tests/data/mini/substances.csv");
  const fs::path out = fs::temp_directory_path() / "drillsim-run-out";
  fs::remove_all(out);
  auto r = runDrillsim({"run", scenario, "--plan", "A", "--seed", "4", "--substances", table, "--out", out.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("Plan A  全部疏散   (seed 4, replication 0, horizon 3600 s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("enterprise notified"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("park_committee notified; evacuate: 2 zone(s), 330 persons"), std::string::npos) << r.out;
  // The leak closes R1 (seed 4 blows it onto the road), so the small hall S2 cannot be reached.
  EXPECT_NE(r.out.find("road_closed R1: L1 above AEGL-3, the plan's closure level"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sheltered 300, sheltered in place 0, not in a shelter at the horizon 30, given no order 0"),
            std::string::npos)
      << r.out;
  for (const char* file : {"metrics.json", "events.csv", "replay.json"}) EXPECT_TRUE(fs::exists(out / file)) << file;
  std::ifstream events(out / "events.csv");
  std::string header;
  std::getline(events, header);
  EXPECT_EQ(header, "time_s,kind,entity,detail");
  fs::remove_all(out);

  r = runDrillsim({"run", scenario, "--plan", "A", "--seed", "4", "--substances", table, "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  for (const char* key : {"\"metrics\"", "\"clearance_s\"", "\"arrival_p50_s\"", "\"arrival_p90_s\"", "\"arrival_p95_s\"",
                          "\"sheltered\"", "\"unsheltered\"", "\"sheltered_in_place\"", "\"shelters\"", "\"peak\"",
                          "\"overflow\"", "\"teams\"", "\"dispatch_s\"", "\"arrival_s\"", "\"hazards\"",
                          "\"contained_s\"", "\"roads\"", "\"peak_utilisation\""})
    EXPECT_NE(r.out.find(key), std::string::npos) << key;
  // Same seed, same bytes.
  EXPECT_EQ(r.out, runDrillsim({"run", scenario, "--plan", "A", "--seed", "4", "--substances", table, "--format", "json"}).out);
}

TEST(Cli, RunRefusesAnUnknownPlanOrABadSeed) {
  const std::string scenario = sourcePath("tests/data/mini/mini.yaml");
  const std::string table = sourcePath("tests/data/mini/substances.csv");
  auto r = runDrillsim({"run", scenario, "--plan", "C", "--substances", table});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_NE(r.err.find("--plan: unknown plan 'C'; expected one of A, B"), std::string::npos) << r.err;
  r = runDrillsim({"run", scenario, "--plan", "A", "--seed", "-3", "--substances", table});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_NE(r.err.find("--seed: expected a whole number >= 0, found '-3'"), std::string::npos) << r.err;
  r = runDrillsim({"run", scenario, "--substances", table});
  EXPECT_EQ(r.exitCode, 64);
}

// --at uses the weather and rate given on the command line, not the scenario's draw (with
// --model passive: chlorine at 1.5 kg/s is dense by Britter and McQuaid's criterion): on the
// centreline the concentration is the closed form C = Q / (pi u sy sz) exp(-H^2 / 2 sz^2)
// (ALOHA TM NOS OR&R 43 section 4.3, ground level, y = 0) with Briggs urban class D sigmas,
// sy = 0.16 x (1 + 0.0004 x)^-1/2, sz = 0.14 x (1 + 0.0003 x)^-1/2 (Boubel et al. 3e Table 19-6).
// [SECTION] hazard: weather and rate given, distances, concentrations

TEST(Cli, HazardAtUsesTheGivenWeatherAndRate) {
  const std::string scenario = sourcePath("tests/data/mini/mini.yaml");
  const std::string table = sourcePath("tests/data/mini/substances.csv");
  const std::vector<std::string> given = {"hazard", scenario, "--hazard", "L1", "--substances", table, "--wind-speed",
                                          "3", "--wind-from", "0", "--stability", "D", "--rate", "1.5",
                                          "--model", "passive", "--format", "json"};
  auto r = runDrillsim(given);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["source"]["id"], "HS1");
  EXPECT_EQ(j["weather"]["stability"], "D");
  EXPECT_EQ(j["weather"]["wind_speed_ms"].get<double>(), 3.0);
  const double x0 = j["source"]["x"], y0 = j["source"]["y"], H = j["source"]["height_m"];
  EXPECT_EQ(H, 1.0);  // the mini scenario's height_m
  const std::array<double, 4> distances = {200, 500, 1000, 2000};
  std::string at;
  for (double d : distances) at += (at.empty() ? "" : ";") + std::to_string(x0) + "," + std::to_string(y0 - d);
  for (const bool atTime : {false, true}) {
    auto args = given;
    args.insert(args.end(), {"--at", at});
    // Long after the start, with the release still going: the steady plume at every point.
    if (atTime) args.insert(args.end(), {"--time", "100000"});
    r = runDrillsim(args);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto points = nlohmann::json::parse(r.out).at("points");
    ASSERT_EQ(points.size(), distances.size());
    for (std::size_t k = 0; k < distances.size(); ++k) {
      // The point as printed (std::to_string keeps 6 decimals of its metres).
      const double x = y0 - points[k]["y"].get<double>(), y = points[k]["x"].get<double>() - x0;
      const double sy = 0.16 * x / std::sqrt(1 + 0.0004 * x), sz = 0.14 * x / std::sqrt(1 + 0.0003 * x);
      const double c_mg_m3 = 1.5 / (M_PI * 3 * sy * sz) * std::exp(-y * y / (2 * sy * sy)) *
                             std::exp(-H * H / (2 * sz * sz)) * 1e6;
      EXPECT_NEAR(points[k]["mg_m3"].get<double>(), c_mg_m3, 1e-9 * c_mg_m3) << distances[k] << " m, time " << atTime;
    }
  }

  // At a time after the release stopped, the text, the JSON and the map give one answer per level:
  // the threat zone of the cloud then (its tail has left the first u (t - stop) metres).
  const fs::path svg = fs::temp_directory_path() / "drillsim-threat-at.svg";
  for (const char* format : {"json", "text"}) {
    auto args = given;
    args.back() = format;
    args.insert(args.end(), {"--time", "900", "--stop", "600", "--svg", svg.string()});
    r = runDrillsim(args);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::ifstream in(svg);
    const std::string map((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* level : {"AEGL-1", "AEGL-2", "AEGL-3"}) {
      const bool notReached = map.find(std::string(level) + " (60 min) (not reached)") != std::string::npos;
      if (std::string(format) == "json") {
        const double reach = nlohmann::json::parse(r.out)["distances_m"][level];
        EXPECT_EQ(notReached, reach == 0) << level << " " << reach;
        EXPECT_TRUE(reach == 0 || reach > 3 * 300) << level << " " << reach;  // beyond the tail at 3 m/s x 300 s
      } else {
        const std::size_t line = r.out.find(std::string("  ") + level + " (60 min, ");
        ASSERT_NE(line, std::string::npos) << r.out;
        const std::string text = r.out.substr(line, r.out.find('\n', line) - line);
        EXPECT_EQ(notReached, text.find("not reached 900 s after the start") != std::string::npos) << text;
      }
    }
  }
  fs::remove(svg);
}

TEST(Cli, HazardWithARateGivenSetsTheDrawnVesselAside) {
  // The bundled night chlorine release is given by its tank and hole; --rate makes it a direct
  // source: no hole, no flash, the inventory (50 t) over the rate, the pure vapour's cloud.
  const std::string scenario = sourcePath("data/scenarios/chlorine_night.yaml");
  auto r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto drawn = nlohmann::json::parse(r.out).at("source");
  EXPECT_TRUE(drawn.contains("hole_mm"));
  EXPECT_GT(drawn.at("flash_fraction").get<double>(), 0);
  r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--rate", "2", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto given = nlohmann::json::parse(r.out);
  const auto& source = given.at("source");
  EXPECT_FALSE(source.contains("hole_mm"));
  EXPECT_EQ(source.at("rate_kg_s"), 2.0);
  EXPECT_EQ(source.at("flash_fraction"), 0.0);
  EXPECT_DOUBLE_EQ(source.at("duration_s").get<double>(), 50000.0 / 2);
  r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--rate", "2"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out.find("mm hole"), std::string::npos) << r.out;
}

TEST(Cli, HazardGivesDistancesAndConcentrationsDownwindOnly) {
  const std::string scenario = sourcePath("tests/data/mini/mini.yaml");
  const std::string table = sourcePath("tests/data/mini/substances.csv");
  // Wind from the north: points south of the source are downwind, points north upwind. The
  // source HS1 lies at about x 689715, y 3749695 in UTM 49N (the park's CRS).
  auto r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--substances", table, "--wind-speed", "3", "--wind-from",
                        "0", "--stability", "D", "--rate", "1", "--format", "json", "--at",
                        "689715,3749195;689715,3750195"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.at("points").size(), 2u);
  EXPECT_GT(j["points"][0]["mg_m3"].get<double>(), 0);   // 500 m downwind
  EXPECT_EQ(j["points"][1]["mg_m3"].get<double>(), 0);   // 500 m upwind
  const double aegl3 = j["distances_m"]["AEGL-3"], aegl2 = j["distances_m"]["AEGL-2"], aegl1 = j["distances_m"]["AEGL-1"];
  EXPECT_GT(aegl2, aegl3);  // lower levels reach farther
  EXPECT_GT(aegl1, aegl2);

  const fs::path svg = fs::temp_directory_path() / "drillsim-threat.svg";
  r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--substances", table, "--wind-speed", "3", "--wind-from", "0",
                   "--stability", "D", "--rate", "1", "--svg", svg.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::ifstream in(svg);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove(svg);
  EXPECT_NE(text.find("<title>AEGL-2 (60 min)</title>"), std::string::npos);

  // GeoJSON in WGS 84 for a GIS: one polygon per level, all south of the source (wind from the
  // north), which stands near 113.0522 E, 33.8706 N.
  const fs::path geojson = fs::temp_directory_path() / "drillsim-threat.geojson";
  r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--substances", table, "--wind-speed", "3", "--wind-from", "0",
                   "--stability", "D", "--rate", "1", "--geojson", geojson.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::ifstream gin(geojson);
  const auto fc = nlohmann::json::parse(gin);
  fs::remove(geojson);
  ASSERT_EQ(fc.at("features").size(), 3u);
  for (const auto& f : fc["features"])
    for (const auto& point : f["geometry"]["coordinates"][0]) {
      EXPECT_NEAR(point[0].get<double>(), 113.052, 0.05);
      EXPECT_LT(point[1].get<double>(), 33.8707);
    }

  // --at in longitude, latitude: 500 m south of the source is downwind.
  r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--substances", table, "--wind-speed", "3", "--wind-from", "0",
                   "--stability", "D", "--rate", "1", "--format", "json", "--lonlat", "--at", "113.0522,33.8660"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_GT(nlohmann::json::parse(r.out)["points"][0]["mg_m3"].get<double>(), 0);

  r = runDrillsim({"hazard", scenario, "--hazard", "L9", "--substances", table});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_NE(r.err.find("--hazard: no hazard 'L9'; expected one of L1, F1"), std::string::npos) << r.err;
}

// [SECTION] register and threat probability

TEST(Cli, RegisterGradesTheBundledSourcesByGb18218) {
  const auto r = runDrillsim({"register", sourcePath("data/scenarios/chlorine_night.yaml"), "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.at("sources").size(), 5u);
  const auto& hs1 = j["sources"][0];
  // 50 t of chlorine: q/Q = 50/5 = 10, beta 4, alpha 2 (100+ persons within 500 m): R = 80, grade 2.
  EXPECT_EQ(hs1["id"], "HS1");
  EXPECT_DOUBLE_EQ(hs1["q_over_Q"].get<double>(), 10.0);
  EXPECT_DOUBLE_EQ(hs1["R"].get<double>(), 80.0);
  EXPECT_EQ(hs1["grade"], "2 (二级)");
  // 2 t of hydrogen sulfide is below its critical quantity of 5 t: no grade.
  const auto& hs5 = j["sources"][4];
  EXPECT_DOUBLE_EQ(hs5["q_over_Q"].get<double>(), 0.4);
  EXPECT_FALSE(hs5.contains("grade"));
  // Lower AEGL levels reach farther.
  for (const auto& s : j["sources"]) {
    EXPECT_GE(s["aegl1_m"].get<double>(), s["aegl2_m"].get<double>()) << s["id"];
    EXPECT_GE(s["aegl2_m"].get<double>(), s["aegl3_m"].get<double>()) << s["id"];
  }
}

TEST(Cli, RegisterTakesTheDenseModelWhereTheCriterionSelectsIt) {
  const std::string scenario = sourcePath("data/scenarios/chlorine_night.yaml");
  auto r = runDrillsim({"register", scenario, "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto autoModel = nlohmann::json::parse(r.out).at("sources");
  r = runDrillsim({"register", scenario, "--format", "json", "--model", "passive"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto passive = nlohmann::json::parse(r.out).at("sources");
  ASSERT_EQ(autoModel.size(), passive.size());
  for (std::size_t i = 0; i < passive.size(); ++i) {
    EXPECT_EQ(passive[i]["dispersion"], "passive") << passive[i]["id"];
    // The same reach where the criterion keeps the passive plume.
    if (autoModel[i]["dispersion"] == "passive") {
      EXPECT_EQ(autoModel[i]["aegl2_m"], passive[i]["aegl2_m"]) << passive[i]["id"];
    }
  }
  // Chlorine (cloud at its boiling point, about 3 times as dense as air) and LPG are dense in the worst case;
  // ammonia's cold vapour (17 g/mol at 240 K, 0.7 times air) is not.
  EXPECT_EQ(autoModel[0]["dispersion"], "dense");
  EXPECT_EQ(autoModel[1]["dispersion"], "passive");
  EXPECT_EQ(autoModel[3]["dispersion"], "dense");
  // A dense worst case of the LPG spheres reaches further at AEGL-2 than the passive plume says.
  EXPECT_GT(autoModel[3]["aegl2_m"].get<double>(), passive[3]["aegl2_m"].get<double>());
}

// The register as a page to print and as a .docx (README "Documents"), in Chinese.
TEST(Cli, RegisterAsPrintableDocuments) {
  const std::string scenario = sourcePath("data/scenarios/chlorine_night.yaml");
  auto r = runDrillsim({"--lang", "zh", "register", scenario, "--format", "docx"});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_NE(r.err.find("--format docx 写出的是文件：请用 --out FILE.docx 给出文件名"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("警告"), std::string::npos) << "refused before the scenario is read: " << r.err;
  r = runDrillsim({"register", scenario, "--out", "register.txt"});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_NE(r.err.find("--out is for --format html or docx"), std::string::npos) << r.err;

  r = runDrillsim({"--lang", "zh", "register", scenario, "--format", "html"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(r.out.find("<title>危险化学品重大危险源辨识</title>"), std::string::npos);
  EXPECT_NE(r.out.find("<div class=\"running\"><span>宝丰示例产业集聚区管委会"), std::string::npos);  // the park's name (park_name)
  EXPECT_NE(r.out.find("<th>存量</th>"), std::string::npos);
  EXPECT_NE(r.out.find("<td>HS1</td>"), std::string::npos);
  EXPECT_NE(r.out.find("<td>2 (二级)</td>"), std::string::npos);
  EXPECT_NE(r.out.find("<h2>任意风向下位于 AEGL-2 影响范围内的：</h2>"), std::string::npos);

  const fs::path docx = fs::temp_directory_path() / "drillsim-cli-register.docx";
  fs::remove(docx);
  r = runDrillsim({"--lang", "zh", "register", scenario, "--format", "docx", "--out", docx.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("已写入 " + docx.string()), std::string::npos) << r.err;
  std::ifstream in(docx, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::map<std::string, std::string> parts;
  for (auto& [name, content] : report::detail::unzip(bytes)) parts[name] = content;
  ASSERT_TRUE(parts.count("word/document.xml"));
  EXPECT_NE(parts["word/document.xml"].find(">HS1</w:t>"), std::string::npos);
  EXPECT_NE(parts["word/document.xml"].find("<w:tblHeader/>"), std::string::npos);
  EXPECT_NE(parts["word/header1.xml"].find("宝丰示例产业集聚区管委会"), std::string::npos);
  EXPECT_NE(parts["docProps/core.xml"].find("<dc:title>危险化学品重大危险源辨识</dc:title>"), std::string::npos);
  fs::remove(docx);
}

// The comparison as a document to file: for every plan against the baseline, one sentence per
// metric that has a better way, each saying what the JSON's verdict says, and the counts agree.
TEST(Cli, ComparisonAsADocumentSaysEachVerdict) {
  const std::string scenario = chlorineScenarioCopy();
  const std::string store = fs::path(scenario).parent_path().string() + "/cmp.gpkg";
  auto r = runDrillsim({"batch", scenario, "--replications", "6", "--out", store, "--jobs", "2"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  r = runDrillsim({"compare", store, "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  const std::string baseline = json.at("baseline");
  std::map<std::string, std::map<std::string, int>> verdicts;  // plan -> verdict -> metrics
  for (const auto& m : json.at("metrics")) {
    if (m.at("plan") == baseline || !m.contains("vs_baseline") || !m.at("vs_baseline").contains("verdict")) continue;
    if (metricMeaning(m.at("metric")).better == 0) continue;
    const auto& d = m.at("vs_baseline");
    const bool identical = d.at("difference").get<double>() == 0 && d.at("half_width").get<double>() == 0;
    ++verdicts[m.at("plan")][identical ? "identical" : d.at("verdict").get<std::string>()];
  }
  ASSERT_EQ(verdicts.size(), 3u);  // B, C and D against A

  const fs::path page = fs::path(scenario).parent_path() / "comparison.html";
  r = runDrillsim({"compare", store, "--format", "html", "--out", page.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::ifstream in(page);
  const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(html.find("<title>Comparison of response plans</title>"), std::string::npos);
  const auto count = [&](const std::string& what) {
    int n = 0;
    for (std::size_t at = html.find(what); at != std::string::npos; at = html.find(what, at + 1)) ++n;
    return n;
  };
  for (const auto& entry : verdicts) {
    const std::string& plan = entry.first;
    const std::map<std::string, int>& byVerdict = entry.second;  // a lambda cannot capture a structured binding in clang 15
    const auto n = [&](const char* v) { return byVerdict.count(v) ? byVerdict.at(v) : 0; };
    EXPECT_EQ(count("<li>" + plan + " is better than " + baseline + " on "), n("better")) << plan;
    EXPECT_EQ(count("<li>" + plan + " is worse than " + baseline + " on "), n("worse")) << plan;
    EXPECT_EQ(count("<li>" + plan + " cannot be told apart from " + baseline + " on "), n("same")) << plan;
    EXPECT_EQ(count("<li>" + plan + " and " + baseline + " give the same "), n("identical")) << plan;
    EXPECT_NE(html.find("Better on " + std::to_string(n("better")) + " metric(s), worse on " + std::to_string(n("worse")) +
                        ", not told apart on " + std::to_string(n("same") + n("identical")) + "."),
              std::string::npos)
        << plan;
  }
  EXPECT_NE(html.find("<caption>Each plan against A: the verdict, the mean difference and its 98.3 % interval</caption>"),
            std::string::npos);

  r = runDrillsim({"compare", store, "--format", "docx"});
  EXPECT_EQ(r.exitCode, 64) << "a .docx is a file: --out is needed";
  const fs::path docx = fs::path(scenario).parent_path() / "comparison.docx";
  r = runDrillsim({"--lang", "zh", "compare", store, "--format", "docx", "--out", docx.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::ifstream din(docx, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(din)), std::istreambuf_iterator<char>());
  std::map<std::string, std::string> parts;
  for (auto& [name, content] : report::detail::unzip(bytes)) parts[name] = content;
  ASSERT_TRUE(parts.count("word/document.xml"));
  EXPECT_NE(parts["word/document.xml"].find("批量运行的结论"), std::string::npos);
  EXPECT_NE(parts["docProps/core.xml"].find("<dc:title>应急预案方案比较</dc:title>"), std::string::npos);
}

TEST(Cli, RegisterAndThreatZonesFillOneGeoPackage) {
  const std::string scenario = sourcePath("data/scenarios/chlorine_night.yaml");
  const fs::path gpkg = fs::temp_directory_path() / "drillsim-cli-test.gpkg";
  fs::remove(gpkg);
  auto r = runDrillsim({"register", scenario, "--gpkg", gpkg.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--wind-speed", "3", "--wind-from", "0", "--stability", "D",
                   "--rate", "1", "--gpkg", gpkg.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  // Read back with the park loader's own reader, in the park's CRS.
  Diagnostics d;
  GeoSource source(gpkg.string(), gpkg.filename().string());
  ASSERT_TRUE(source.open(d)) << d.str();
  const auto reg = source.read("hazard_register", "EPSG:32649", d);
  ASSERT_TRUE(reg) << d.str();
  ASSERT_EQ(reg->features.size(), 5u);
  EXPECT_EQ(reg->features[0].attributes.at("id"), "HS1");
  EXPECT_EQ(reg->features[0].attributes.at("grade"), "2 (二级)");
  const auto zones = source.read("threat_zones_L1", "EPSG:32649", d);
  ASSERT_TRUE(zones) << d.str();
  ASSERT_EQ(zones->features.size(), 3u);  // AEGL-1, -2, -3 reached
  // Wind from the north: the footprints reach south of L1's source (HS1, in the register), not north.
  const Point2 hs1 = reg->features[0].parts[0][0];
  double southmost = hs1.y_m, northmost = -1e300;
  for (const auto& f : zones->features)
    for (const auto& p : f.parts[0]) {
      southmost = std::min(southmost, p.y_m);
      northmost = std::max(northmost, p.y_m);
    }
  EXPECT_LT(southmost, hs1.y_m - 100);
  EXPECT_LT(northmost, hs1.y_m + 1);
  fs::remove(gpkg);

  r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--gpkg", "/nonexistent-folder/x.gpkg"});
  EXPECT_EQ(r.exitCode, 73);
  EXPECT_NE(r.err.find("/nonexistent-folder/x.gpkg"), std::string::npos) << r.err;
}

TEST(Cli, ThreatProbabilityCoversTheSourceZoneAlways) {
  const std::string scenario = sourcePath("data/scenarios/chlorine_night.yaml");
  auto r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--probability", "60", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out).at("probability");
  EXPECT_EQ(j.at("draws"), 60);
  ASSERT_EQ(j.at("zones").size(), 44u);
  for (const auto& [id, z] : j.at("zones").items()) {
    EXPECT_GE(z.at("probability").get<double>(), 0) << id;
    EXPECT_LE(z.at("probability").get<double>(), 1) << id;
    EXPECT_LE(z.at("low95").get<double>(), z.at("probability").get<double>()) << id;
  }
  EXPECT_DOUBLE_EQ(j["zones"]["Z06"]["probability"].get<double>(), 1.0);  // L1's source HS1 stands in Z06
  r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--probability", "60", "--wind-from", "90"});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_NE(r.err.find("--wind-from cannot be combined"), std::string::npos) << r.err;
}

// [SECTION] synth, bound, limits of size

TEST(Cli, SynthWritesAParkEveryCommandReads) {
  const fs::path dir = fs::temp_directory_path() / "drillsim-synth-test";
  fs::remove_all(dir);
  auto r = runDrillsim({"synth", "--zones", "30", "--seed", "3", "--out", dir.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("30 zones"), std::string::npos) << r.out;
  r = runDrillsim({"validate", (dir / "synthetic.yaml").string()});
  EXPECT_EQ(r.exitCode, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("ok (0 errors, 0 warnings"), std::string::npos) << r.out << r.err;
  r = runDrillsim({"run", (dir / "synthetic.yaml").string(), "--plan", "A", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto m = nlohmann::json::parse(r.out).at("metrics");
  EXPECT_EQ(m.at("population").get<long>(), m.at("sheltered").get<long>() + m.at("unsheltered").get<long>() +
                                                m.at("sheltered_in_place").get<long>() + m.at("not_ordered").get<long>());
  fs::remove_all(dir);
  r = runDrillsim({"synth", "--zones", "0", "--out", dir.string()});
  EXPECT_EQ(r.exitCode, 64);
}

// drillsim bound: JSON as documented, the plan's clearance never below its bound, and a clear
// answer when the shelters cannot hold everyone.
TEST(Cli, BoundPrintsTheBoundItsBottlenecksAndThePlansEfficiency) {
  const std::string scenario = sourcePath("tests/data/mini/mini.yaml");
  const std::string table = sourcePath("tests/data/mini/substances.csv");
  auto r = runDrillsim({"bound", scenario, "--substances", table, "--format", "json", "--no-premovement"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j.at("feasible").get<bool>());
  EXPECT_EQ(j.at("persons").get<double>(), 330);
  EXPECT_GT(j.at("bound_s").get<double>(), 0);
  EXPECT_TRUE(j.at("bottlenecks").is_array());
  EXPECT_EQ(j.at("clock"), "order");
  const double noPremovement = j.at("bound_s");
  r = runDrillsim({"bound", scenario, "--substances", table, "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_GT(nlohmann::json::parse(r.out).at("bound_s").get<double>(), noPremovement);

  r = runDrillsim({"bound", scenario, "--substances", table, "--format", "json", "--plan", "A", "--replication", "4"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("clock"), "onset");
  EXPECT_LE(j.at("bound_s").get<double>(), j.at("plan").at("clearance_s").get<double>());
  EXPECT_LE(j.at("plan").at("efficiency").get<double>(), 1.0);
  r = runDrillsim({"bound", scenario, "--substances", table, "--plan", "A"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("plan efficiency"), std::string::npos) << r.out;
  r = runDrillsim({"bound", scenario, "--substances", table, "--plan", "Q"});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_NE(r.err.find("--plan: unknown plan 'Q'; expected one of A, B"), std::string::npos) << r.err;
  r = runDrillsim({"bound", scenario, "--substances", table, "--step", "0"});
  EXPECT_EQ(r.exitCode, 64);
}

TEST(Cli, BoundSaysWhenTheSheltersCannotHoldEveryone) {
  // The bundled night scenario with five shelters struck off: 3,950 places for 5,446 persons.
  const std::string scenario = chlorineScenarioCopy(
      "shelter_changes: [{id: S01, remove: true}, {id: S06, remove: true}, {id: S08, remove: true},\n"
      "                  {id: S09, remove: true}, {id: S10, remove: true}]\n");
  auto r = runDrillsim({"bound", scenario, "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j.at("feasible").get<bool>());
  EXPECT_TRUE(j.at("bound_s").is_null());
  EXPECT_LE(j.at("placeable").get<double>(), 3950);
  r = runDrillsim({"bound", scenario});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("No bound: only "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" of 5,446 persons can reach a shelter with room"), std::string::npos) << r.out;
}

// A scenario too large for the memory there is: refused before anything runs (exit 69, what it
// needs against what there is); a batch whose jobs would not all fit runs fewer at once.
TEST(Cli, AScenarioTooLargeForTheMemoryIsRefusedBeforeItStarts) {
  const std::string scenario = sourcePath("data/scenarios/chlorine_night.yaml");
  setenv("DRILLSIM_MEMORY", "60M", 1);
  auto r = runDrillsim({"run", scenario, "--plan", "A"});
  EXPECT_EQ(r.exitCode, 69);
  EXPECT_NE(r.err.find("of memory to run"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("60 MiB is DRILLSIM_MEMORY; refused before starting"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string out = (fs::temp_directory_path() / ("drillsim-mem-" + std::to_string(getpid()) + ".gpkg")).string();
  fs::remove(out);
  r = runDrillsim({"batch", scenario, "--replications", "2", "--out", out, "--quiet"});
  EXPECT_EQ(r.exitCode, 69);
  EXPECT_FALSE(fs::exists(out));
  // Room for the batch's own process and one replication, not two.
  setenv("DRILLSIM_MEMORY", "250M", 1);
  r = runDrillsim({"batch", scenario, "--replications", "2", "--jobs", "2", "--out", out, "--quiet"});
  unsetenv("DRILLSIM_MEMORY");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("runs 1 replication at once, not 2"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 jobs"), std::string::npos) << r.out;
  fs::remove(out);
}

TEST(Cli, AParkOfMoreThanTenMillionPersonsIsRefused) {
  const std::string scenario = chlorineScenarioCopy(
      "park_changes: [{layer: zones, id: Z01, pop_night: 6000000}, {layer: zones, id: Z02, pop_night: 6000000}]\n");
  const auto r = runDrillsim({"validate", scenario});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("pop_night adds up to 12"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("expected at most 10000000 in one park"), std::string::npos) << r.err;
}

// [SECTION] Source terms through the command: puffs, ruptures, blow-down, the hole's flow

namespace {
// The bundled night chlorine scenario with its release L1 replaced by `release` (YAML keys), written
// where its park is found.
std::string nightChlorineWith(const std::string& name, const std::string& release) {
  std::string text = readFile(sourcePath("data/scenarios/chlorine_night.yaml"));
  const auto from = text.find("     release: {phase: liquid, hole_mm");
  const auto to = text.find("     duration_s: {uniform: [1800, 3600]}");
  EXPECT_NE(from, std::string::npos);
  EXPECT_NE(to, std::string::npos);
  text.replace(from, to - from, "     " + release + ",\n");
  const auto park = text.find("park: ../parks/baofeng");
  text.replace(park, std::string("park: ../parks/baofeng").size(), "park: " + sourcePath("data/parks/baofeng"));
  const std::string path = scratchPath("puff", name);
  std::ofstream(path) << text;
  return path;
}
}  // namespace

TEST(Cli, HazardReportsAnInstantaneousReleaseAsAPuff) {
  const std::string scenario = nightChlorineWith("instantaneous.yaml", "instantaneous_kg: 2000");
  auto r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--wind-speed", "3", "--stability", "D", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("dispersion"), "puff");
  EXPECT_EQ(j.at("source").at("instantaneous_kg"), 2000.0);
  EXPECT_EQ(j.at("source").at("rate_kg_s"), 0.0);
  EXPECT_EQ(j.at("puff").at("mass_kg"), 2000.0);
  // 2 t of chlorine vapour at 1 degC in 3 m/s: Britter and McQuaid's instantaneous criterion says dense.
  EXPECT_EQ(j.at("puff").at("dispersion"), "dense");
  EXPECT_EQ(j.at("criterion").at("threshold"), 0.2);
  EXPECT_FALSE(j.contains("plume"));
  const double aegl3 = j.at("distances_m").at("AEGL-3"), aegl2 = j.at("distances_m").at("AEGL-2");
  EXPECT_GT(aegl3, 100);
  EXPECT_GT(aegl2, aegl3);
  // --model passive: the Gaussian puff; --mass makes a direct puff of the given mass.
  r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--wind-speed", "3", "--stability", "D", "--model", "passive",
                   "--mass", "20", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("puff").at("dispersion"), "passive");
  EXPECT_EQ(j.at("source").at("instantaneous_kg"), 20.0);
  r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--mass", "20", "--rate", "1"});
  EXPECT_EQ(r.exitCode, 64);
  // The text says what the distances mean.
  r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--wind-speed", "3", "--stability", "D"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("2000 kg at once"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("where the peak of the passing puff reaches each level"), std::string::npos) << r.out;
}

TEST(Cli, ARuptureIsAPuffThenItsPoolsPlumeInHazardAndRun) {
  const std::string scenario = nightChlorineWith("rupture.yaml", "release: {phase: liquid, rupture: true}");
  auto r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--wind-speed", "3", "--stability", "D", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("dispersion"), "puff");
  EXPECT_EQ(j.at("source").at("rupture"), true);
  EXPECT_TRUE(j.at("source").at("hole_mm").is_null());
  const double flash = j.at("source").at("flash_fraction"), puff = j.at("puff").at("mass_kg");
  EXPECT_NEAR(puff, 2 * flash * 50000, 1e-6);  // the whole 50 t of HS1: twice the flash at once
  EXPECT_GT(j.at("plume").at("rate_kg_s").get<double>(), 0);  // the rest rains out and boils off
  EXPECT_NEAR(j.at("source").at("rainout_fraction").get<double>(), 1 - 2 * flash, 1e-12);
  // A run shows the puff in its draws and text; the file survives a save.
  r = runDrillsim({"run", scenario, "--plan", "A", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto draws = nlohmann::json::parse(r.out).at("draws").at("releases").at("L1");
  EXPECT_EQ(draws.at("dispersion"), "puff");
  EXPECT_NEAR(draws.at("puff_kg").get<double>(), puff, 0.05 * puff);  // its own winter-night air temperature
  EXPECT_TRUE(draws.at("hole_mm").is_null());
  r = runDrillsim({"run", scenario, "--plan", "A"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("the vessel's rupture"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("dense puff (Britter-McQuaid, instantaneous), then a dense gas"), std::string::npos) << r.out;
  drillsim::Diagnostics d;
  const auto loaded = drillsim::loadScenario(scenario, d);
  ASSERT_TRUE(loaded) << d.str();
  const auto again = drillsim::parseScenario(drillsim::scenarioToYaml(*loaded), "again.yaml", d);
  ASSERT_TRUE(again) << d.str();
  EXPECT_EQ(again->hazards, loaded->hazards);
}

TEST(Cli, ACompressedGasVesselBlowsDown) {
  const std::string scenario =
      nightChlorineWith("blowdown.yaml", "release: {phase: gas, hole_mm: 10, volume_m3: 2, pressure_bar: 5}");
  auto r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--wind-speed", "3", "--stability", "D", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto source = nlohmann::json::parse(r.out).at("source");
  const auto& b = source.at("blowdown");
  EXPECT_EQ(b.at("initial_rate_kg_s"), source.at("rate_kg_s"));
  EXPECT_GT(b.at("initial_rate_kg_s").get<double>(), source.at("airborne_rate_kg_s").get<double>());  // it falls
  EXPECT_EQ(b.at("averaged_over_s"), 60.0);
  // 2 m3 at 6 bar absolute and about 1 degC hold some 37 kg of chlorine gas (ideal gas).
  EXPECT_NEAR(b.at("vessel_mass_kg").get<double>(), 6.01e5 * 2 * 0.0709 / (8.314 * 274), 2.0);
  r = runDrillsim({"hazard", scenario, "--hazard", "L1", "--wind-speed", "3", "--stability", "D"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("blowing down"), std::string::npos) << r.out;
}

TEST(Cli, HazardsSourceRateIsTheHolesFlow) {
  // Chlorine (data/substances.csv: liquid 1408.97 kg/m3, M 70.90 g/mol, gamma 1.3244) at 5 bar
  // gauge: through a 10 mm hole 2 m below the liquid, Bernoulli (Crowl & Louvar eq. 4-6),
  // C_d 0.62; above it, the choked gas (eq. 4-50) at 20 degC, C_d 0.85.
  const double A = M_PI * 0.01 * 0.01 / 4, rho = 1408.97;
  auto r = runDrillsim({"hazard",
                        nightChlorineWith("bernoulli.yaml", "release: {phase: liquid, hole_mm: 10, head_m: 2, pressure_bar: "
                                                            "5, discharge_coefficient: 0.62}"),
                        "--hazard", "L1", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto source = nlohmann::json::parse(r.out).at("source");
  EXPECT_NEAR(source.at("rate_kg_s").get<double>(), 0.62 * A * std::sqrt(2 * rho * (5e5 + rho * 9.80665 * 2)), 1e-3);
  EXPECT_LT(source.at("airborne_rate_kg_s").get<double>(), source.at("rate_kg_s").get<double>());  // some rains out
  r = runDrillsim({"hazard",
                   nightChlorineWith("choked.yaml", "release: {phase: gas, hole_mm: 10, pressure_bar: 5, temperature_c: 20}"),
                   "--hazard", "L1", "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  source = nlohmann::json::parse(r.out).at("source");
  const double p0 = 5e5 + 101325, T0 = 293.15, g = 1.3244, rho0 = p0 * 0.07090 / (8.314462618 * T0);
  const double choked = 0.85 * A * std::sqrt(g * rho0 * p0 * std::pow(2 / (g + 1), (g + 1) / (g - 1)));
  EXPECT_NEAR(source.at("rate_kg_s").get<double>(), choked, 1e-4 * choked);
  EXPECT_DOUBLE_EQ(source.at("airborne_rate_kg_s").get<double>(), source.at("rate_kg_s").get<double>());
}

// [SECTION] The drill calendar

// The bundled night chlorine scenario's record on 2026-12-07: U2 (化肥厂) never held a drill of its
// comprehensive or a special plan and its last drill, on 2026-05-15, was due again on 2026-11-15;
// U5's two-yearly drill of 2024-11-28 was due on 2026-11-28; U3's yearly one on 2026-12-20.
TEST(Cli, DrillCalendarSaysWhoIsDueMostUrgentFirst) {
  const std::string scenario = sourcePath("data/scenarios/chlorine_night.yaml");
  const auto r = runDrillsim({"drill", "calendar", scenario, "--as-of", "2026-12-07", "--lang", "en"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "Drill calendar of 宝丰示例产业集聚区管委会 on 2026-12-07");
  EXPECT_NE(r.out.find("5 units, 7 drills held. By each unit's most urgent rule: 1 never drilled, 1 overdue, 1 due "
                       "within 30 days, 2 in order\n"), std::string::npos) << r.out;
  std::vector<std::string> statuses;
  for (const char* s : {"never drilled ", "overdue by 22 days", "overdue by 9 days ", "due in 13 days", "in order (due in 81 days)",
                        "in order (due in 83 days)", "in order (due in 91 days)", "in order (due in 446 days)"})
    statuses.push_back(s);
  std::size_t at = 0;
  for (const auto& s : statuses) {
    const auto next = r.out.find(s, at);
    EXPECT_NE(next, std::string::npos) << s << " after offset " << at << "\n" << r.out;
    if (next != std::string::npos) at = next;
  }
  EXPECT_NE(r.out.find("2026-08-31 functional drill, on-site disposal plan"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2027-02-28"), std::string::npos) << r.out;  // 2026-08-31 + 6 months
  EXPECT_NE(r.out.find("  [1] Regulations on Emergency Responses to Work Safety Accidents (State Council Decree No. 708), "
                       "Art. 8 para. 2: "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Plans never drilled:\n  B 全员疏散，按最快到达分配避难场所\n  D "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  U5 县应急管理局: A, B, C, D\n"), std::string::npos) << r.out;
}

TEST(Cli, DrillCalendarAsJson) {
  const std::string scenario = sourcePath("data/scenarios/chlorine_night.yaml");
  const auto r = runDrillsim({"drill", "calendar", scenario, "--as-of", "2026-12-07", "--format", "json", "--lang", "zh"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("as_of"), "2026-12-07");
  EXPECT_EQ(j.at("park_name"), "宝丰示例产业集聚区管委会");
  EXPECT_EQ(j.at("due_soon_days"), 30);
  const auto& units = j.at("units");
  ASSERT_EQ(units.size(), 5u);
  std::vector<std::string> order;
  for (const auto& u : units) order.push_back(u.at("id"));
  EXPECT_EQ(order, (std::vector<std::string>{"U2", "U5", "U3", "U1", "U4"}));
  EXPECT_EQ(units[0].at("status"), "never_drilled");
  EXPECT_EQ(units[0].at("kind"), "hazardous_chemicals");
  EXPECT_TRUE(units[0].at("party").is_null());
  const auto& u2 = units[0].at("rules");
  ASSERT_EQ(u2.size(), 3u);
  EXPECT_EQ(u2[0].at("rule"), "order2_art33_plan");
  EXPECT_TRUE(u2[0].at("last_drill").is_null());
  EXPECT_TRUE(u2[0].at("due").is_null());
  EXPECT_EQ(u2[1].at("rule"), "decree708_art8_hazardous");
  EXPECT_EQ(u2[1].at("interval_months"), 6);
  EXPECT_EQ(u2[1].at("counts"), nlohmann::json::array());
  EXPECT_EQ(u2[1].at("source"), "《生产安全事故应急条例》（国务院令第708号）第八条第二款");
  EXPECT_EQ(u2[1].at("last_drill").at("date"), "2026-05-15");
  EXPECT_EQ(u2[1].at("last_drill").at("scope"), "onsite");
  EXPECT_EQ(u2[1].at("due"), "2026-11-15");
  EXPECT_EQ(u2[1].at("days_left"), -22);
  EXPECT_EQ(u2[1].at("status"), "overdue");
  EXPECT_EQ(units[1].at("rules")[0].at("rule"), "decree708_art8_government");
  EXPECT_EQ(units[1].at("rules")[0].at("interval_months"), 24);
  EXPECT_EQ(units[2].at("status"), "due_soon");
  EXPECT_EQ(units[3].at("party"), "enterprise");
  for (const auto& rule : units[3].at("rules"))
    if (rule.at("rule") == "order2_art33_onsite") {
      EXPECT_EQ(rule.at("due"), "2027-02-28");
    }
  EXPECT_EQ(j.at("plans_never_drilled"), nlohmann::json::parse(R"([{"id": "B", "name": "全员疏散，按最快到达分配避难场所"},
      {"id": "D", "name": "下风向就地避险，其余疏散；企业同步报告应急管理局"}])"));
  EXPECT_EQ(j.at("plans_not_drilled_by_unit")[0], nlohmann::json::parse(R"({"unit": "U1", "plans": ["B", "D"]})"));
  EXPECT_EQ(j.at("drills_after_as_of"), nlohmann::json::array());
}

TEST(Cli, DrillCalendarLeavesOutDrillsAfterItsDateWithAWarning) {
  const std::string scenario = sourcePath("data/scenarios/chlorine_night.yaml");
  const auto r = runDrillsim({"drill", "calendar", scenario, "--as-of", "2026-06-01", "--format", "json", "--lang", "en"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.err, scenario + ":99:12: warning: drills[5].date: 2026-08-31 is after the calendar's date 2026-06-01; this drill is "
                              "left out\n" +
                       scenario + ":100:12: warning: drills[6].date: 2026-09-08 is after the calendar's date 2026-06-01; this "
                                  "drill is left out\n");
  EXPECT_EQ(nlohmann::json::parse(r.out).at("drills_after_as_of").size(), 2u);
}

TEST(Cli, DrillCalendarWithoutUnitsSaysWhatToAdd) {
  const std::string scenario = sourcePath("tests/data/mini/mini.yaml");
  const auto r = runDrillsim({"drill", "calendar", scenario, "--as-of", "2026-12-07", "--lang", "en"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find(scenario + " lists no units that must drill, so there is no drill calendar.\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    - {id: U1, name: 氯碱厂, kind: hazardous_chemicals, party: enterprise}\n"), std::string::npos) << r.out;
}

TEST(Cli, DrillCalendarRefusesABadDateOrFile) {
  const std::string scenario = sourcePath("data/scenarios/chlorine_night.yaml");
  auto r = runDrillsim({"drill", "calendar", scenario, "--as-of", "2026-02-30", "--lang", "en"});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_NE(r.err.find("--as-of: expected a date written YYYY-MM-DD (e.g. 2026-05-20), found '2026-02-30'"), std::string::npos)
      << r.err;
  r = runDrillsim({"drill", "calendar", "--lang", "en"});
  EXPECT_EQ(r.exitCode, 64);
  const std::string bad = chlorineScenarioCopy();
  std::string text = readFile(bad);
  text.replace(text.find("units: [U5]"), 11, "units: [U6]");
  std::ofstream(bad) << text;
  r = runDrillsim({"drill", "calendar", bad, "--lang", "en"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find(bad + ":94:70: error: drills[0].units[0]: unknown unit 'U6'; expected one of U1, U2, U3, U4, U5\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
}

// drillsim edit: values set by their keys, checked as the desk checks them, saved keeping the
// file; a wrong edit saves nothing and says which key and what it expected.
TEST(Cli, EditSetsValuesByTheirKeysAndKeepsTheFile) {
  const std::string scenario = chlorineScenarioCopy();
  const std::string original = readFile(scenario);
  auto r = runDrillsim({"edit", scenario, "plans.A.detection_s=60", "teams.HZ1.turnout_s={uniform: [60, 120]}",
                        "shelters.S03.capacity=900"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find(": saved, 4 lines written anew, the rest of the file as it was; the previous version is in "),
            std::string::npos)
      << r.out;
  EXPECT_EQ(readFile(scenario + ".bak"), original);
  const std::string diff = lineDiff(original, readFile(scenario));
  EXPECT_EQ(diff,
            "-33:   - {id: HZ1, name: 园区危化品救援队, station: ST2, kind: hazmat, turnout_s: {triangular: [60, 120, 300]}, "
            "speed_ms: 10}\n"
            "+33:   - {id: HZ1, name: 园区危化品救援队, station: ST2, kind: hazmat, turnout_s: {uniform: [60, 120]}, speed_ms: 10}\n"
            "-40:     detection_s: {lognormal: {median: 90, sigma: 0.6}}\n"
            "+40:     detection_s: 60\n"
            "+101: shelter_changes:\n"
            "+102:   - {id: S03, capacity: 900}\n");
  // Wrong keys, entries and values: nothing saved, each named with what was expected.
  const std::string edited = readFile(scenario);
  r = runDrillsim({"edit", scenario, "plans.A.detecton_s=60"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("plans.A.detecton_s=60: plans.A has no key detecton_s; expected one of id, name, detection_s, notify, "
                       "dispatch, protect, shelters, close_roads_above (did you mean 'detection_s'?)"),
            std::string::npos)
      << r.err;
  r = runDrillsim({"edit", scenario, "plans.Q.horizon_s=60"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("plans.Q.horizon_s=60: plans: no entry with id Q; expected one of A, B, C, D"), std::string::npos) << r.err;
  r = runDrillsim({"edit", scenario, "plans.B.detection_s=-5"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("plans[1].detection_s: expected a number >= 0, found -5"), std::string::npos) << r.err;
  r = runDrillsim({"edit", scenario, "shelters.S03.capacity=-4"});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("shelters.S03.capacity=-4: expected a whole number of persons, at least 0; found -4"), std::string::npos)
      << r.err;
  r = runDrillsim({"edit", scenario, "horizon_s"});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_EQ(readFile(scenario), edited);
  // Refused edits leave nothing for the desk to "recover".
  EXPECT_FALSE(fs::exists(scenario + ".unsaved"));
  // --dry-run shows the lines, --out writes another file (the original untouched).
  r = runDrillsim({"edit", scenario, "horizon_s=3600", "--dry-run"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, "-8: horizon_s: 7200\n+8: horizon_s: 3600\n");
  EXPECT_EQ(readFile(scenario), edited);
  EXPECT_FALSE(fs::exists(scenario + ".unsaved"));
  const std::string variant = fs::path(scenario).parent_path().string() + "/variant.yaml";
  r = runDrillsim({"edit", scenario, "horizon_s=3600", "--out", variant});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(lineDiff(edited, readFile(variant)), "-8: horizon_s: 7200\n+8: horizon_s: 3600\n");
  EXPECT_EQ(readFile(scenario), edited);
}
