#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenarios/ScenarioFile.hpp"
#include "tests/TestPaths.hpp"

using namespace drillsim;
using drillsim::test::sourcePath;

namespace {
Scenario loadOk(const std::string& path) {
  Diagnostics d;
  auto s = loadScenario(path, d);
  EXPECT_TRUE(s.has_value()) << d.str();
  EXPECT_FALSE(d.hasErrors()) << d.str();
  return s.value_or(Scenario{});
}

std::string parseErrors(const std::string& yaml) {
  Diagnostics d;
  auto s = parseScenario(yaml, "s.yaml", d);
  EXPECT_FALSE(s.has_value());
  return d.str();
}

const char* kMinimal = R"(drillsim: 1
name: t
park: p
horizon_s: 600
plans:
  - {id: A, notify: [{who: enterprise}], protect: [{zones: all, action: evacuate, after: enterprise}]}
)";
}  // namespace

TEST(ScenarioFile, ReadsEveryKeyAndDistributionKind) {
  const Scenario s = loadOk(sourcePath("tests/data/mini/mini.yaml"));
  EXPECT_EQ(s.name, "测试 — mini park");
  EXPECT_EQ(s.population, Population::Night);
  EXPECT_EQ(s.cohort_size, 25);
  EXPECT_EQ(s.walking.premovement_s, Distribution(LogNormal{120, 0.6}));
  EXPECT_EQ(s.weather.wind_speed_ms, Distribution(Uniform{1, 5}));
  EXPECT_EQ(s.weather.wind_from_deg, Distribution(Choice{{45, 180, 270}, {0.5, 0.3, 0.2}}));
  EXPECT_EQ(s.weather.stability, (WordChoice<Stability>{{Stability::D, Stability::E, Stability::F}, {0.5, 0.3, 0.2}}));
  EXPECT_EQ(s.weather.terrain, Terrain::Urban);
  ASSERT_EQ(s.buildings.air_changes_per_hour.size(), 3u);
  EXPECT_EQ(s.buildings.air_changes_per_hour.at("dormitory"), Distribution(LogNormal{0.5, 0.4}));
  EXPECT_EQ(s.buildings.air_changes_per_hour.at("shelter"), Distribution(0.8));
  EXPECT_EQ(s.buildings.aired_out_per_hour, Distribution(2.75));
  ASSERT_EQ(s.hazards.size(), 2u);
  const auto& leak = std::get<ToxicRelease>(s.hazards[0].detail);
  EXPECT_EQ(leak.source.id, "HS1");
  EXPECT_EQ(leak.rate_kg_s, Distribution(Triangular{0.5, 1.5, 3}));
  EXPECT_EQ(*leak.containment_s, Distribution(Normal{900, 200}));
  const auto& fire = std::get<Fire>(s.hazards[1].detail);
  EXPECT_EQ(*fire.spread_delay_s, Distribution(Exponential{900}));
  ASSERT_EQ(s.plans.size(), 2u);
  EXPECT_EQ(s.plans[0].notify.size(), 2u);
  EXPECT_EQ(s.plans[0].dispatch[1].to.id, "Z2");
  EXPECT_EQ(s.plans[1].protect[0].scope, Protect::Scope::List);
  EXPECT_EQ(s.plans[1].protect[0].action, ProtectiveAction::ShelterInPlace);
  EXPECT_TRUE(s.plans[1].protect[0].air_out_when_cloud_passed);
  EXPECT_FALSE(s.plans[0].protect[0].air_out_when_cloud_passed);
  EXPECT_EQ(s.plans[1].protect[1].scope, Protect::Scope::Threat);
  ASSERT_EQ(s.plans[1].shelters.kind, ShelterRule::Kind::Map);
  EXPECT_EQ(s.plans[1].shelters.map[1].second.size(), 2u);
  EXPECT_EQ(s.plans[1].close_roads_above, ClosureLevel::None);
  EXPECT_EQ(s.monte_carlo.seed, 20200324u);
  // References keep where they were written, for messages.
  EXPECT_EQ(leak.source.where.line, 16);
}

TEST(ScenarioFile, LoadSaveLoadGivesAnEqualScenario) {
  const Scenario first = loadOk(sourcePath("tests/data/mini/mini.yaml"));
  const auto dir = std::filesystem::temp_directory_path() / "drillsim-roundtrip";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "saved.yaml").string();
  saveScenario(first, path);
  const Scenario second = loadOk(path);
  EXPECT_EQ(first, second);
  // And saving again writes the same bytes.
  EXPECT_EQ(scenarioToYaml(first), scenarioToYaml(second));
  std::filesystem::remove_all(dir);
}

TEST(ScenarioFile, DefaultsApplyToOmittedKeys) {
  Diagnostics d;
  auto s = parseScenario(kMinimal, "s.yaml", d);
  ASSERT_TRUE(s) << d.str();
  EXPECT_EQ(s->population, Population::Day);
  EXPECT_EQ(s->cohort_size, 50);
  EXPECT_DOUBLE_EQ(s->walking.specific_flow_pms, 1.3);
  EXPECT_TRUE(d.empty());
}

TEST(ScenarioFile, UnknownKeyIsReportedWithPlaceAndSuggestion) {
  std::string yaml = kMinimal;
  yaml += "horizon: 7200\n";
  EXPECT_EQ(parseErrors(yaml),
            "s.yaml:7:1: error: horizon: unknown key 'horizon'; expected one of drillsim, name, park, horizon_s, "
            "plans, description, crs, population, cohort_size, walking, weather, buildings, ... (20 in all) "
            "(did you mean 'horizon_s'?)\n");
}

TEST(ScenarioFile, EveryProblemIsReportedAtOnce) {
  const std::string yaml = R"(drillsim: 1
name: t
park: p
horizon_s: -5
cohort_size: many
walking: {speed_ms: 1.2 m/s}
plans:
  - {id: A, notify: [{who: enterprise}], protect: [{zones: all, action: evacuat, after: enterprise}]}
)";
  EXPECT_EQ(parseErrors(yaml),
            "s.yaml:4:12: error: horizon_s: expected a number > 0, found -5\n"
            "s.yaml:5:14: error: cohort_size: expected a whole number from 1 to 100000, found 'many'\n"
            "s.yaml:6:21: error: walking.speed_ms: expected a number > 0, found '1.2 m/s' (write the number alone: "
            "the unit is in the key's name)\n"
            "s.yaml:8:73: error: plans[0].protect[0].action: expected one of evacuate, shelter_in_place (did you mean "
            "'evacuate'?), found 'evacuat'\n");
}

TEST(ScenarioFile, DistributionsAreChecked) {
  const std::string yaml = std::string(kMinimal) + R"(walking:
  premovement_s: {uniform: [300, 60]}
weather:
  wind_speed_ms: {gaussian: {mean: 3, sd: 1}}
  wind_from_deg: {choice: {values: [0, 90], weights: [1]}}
)";
  EXPECT_EQ(parseErrors(yaml),
            "s.yaml:8:28: error: walking.premovement_s.uniform: expected [low, high] with low <= high, found [300, 60]\n"
            "s.yaml:10:19: error: weather.wind_speed_ms.gaussian: unknown distribution 'gaussian'; expected one of "
            "uniform, triangular, normal, lognormal, exponential, choice (a Gaussian is normal: {mean: m, sd: s})\n"
            "s.yaml:11:54: error: weather.wind_from_deg.choice.weights: expected a list of 2 numbers, found a list of 1\n");
}

TEST(ScenarioFile, NegativeValuesOfANormalAreAWarning) {
  const std::string yaml = std::string(kMinimal) + "walking: {premovement_s: {normal: {mean: 60, sd: 40}}}\n";
  Diagnostics d;
  auto s = parseScenario(yaml, "s.yaml", d);
  ASSERT_TRUE(s);
  EXPECT_EQ(d.str(),
            "s.yaml:7:26: warning: walking.premovement_s: normal(mean 60, sd 40) falls below 0 with probability 6.7 %; "
            "such draws are taken as 0\n");
}

TEST(ScenarioFile, NotAMappingAndNotYaml) {
  EXPECT_EQ(parseErrors("- a\n- b\n"),
            "s.yaml:1:1: error: expected a scenario (a mapping with drillsim:, name:, park:, horizon_s:, plans: ...), "
            "found a list\n");
  EXPECT_EQ(parseErrors("name: [unclosed\n"), "s.yaml:2:1: error: not valid YAML: a list opened with '[' is never closed with ']' (parser: end of "
            "sequence flow not found)\n");
  EXPECT_EQ(parseErrors(""),
            "s.yaml: error: expected a scenario (a mapping with drillsim:, name:, park:, horizon_s:, plans: ...), "
            "found an empty file (or only comments)\n");
}

TEST(ScenarioFile, DeepNestingIsRefusedWithoutCrashing) {
  const std::string yaml = "name: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  const std::string errors = parseErrors(yaml);
  EXPECT_NE(errors.find("nested more than"), std::string::npos) << errors;
}

TEST(ScenarioFile, SaveIsAtomicAndKeepsTheOldFileOnFailure) {
  const Scenario s = loadOk(sourcePath("tests/data/mini/mini.yaml"));
  EXPECT_THROW(saveScenario(s, "/nonexistent-folder/x.yaml"), std::runtime_error);
}

// The sky itself may be a distribution; the class then follows the drawn wind and the drawn sky.
TEST(ScenarioFile, TheSkyMayBeDrawn) {
  const std::string yaml = std::string(kMinimal) +
                           "weather: {stability: {pasquill: {choice: {values: [night_clear, overcast], weights: [3, 1]}}}}\n";
  Diagnostics d;
  auto s = parseScenario(yaml, "s.yaml", d);
  ASSERT_TRUE(s) << d.str();
  EXPECT_EQ(s->weather.sky, (WordChoice<Sky>{{Sky::NightClear, Sky::Overcast}, {3, 1}}));
  Diagnostics e;
  auto again = parseScenario(scenarioToYaml(*s), "saved.yaml", e);
  ASSERT_TRUE(again) << e.str();
  EXPECT_EQ(again->weather, s->weather);
  Diagnostics f;
  EXPECT_FALSE(parseScenario(std::string(kMinimal) + "weather: {stability: {pasquill: {choice: {values: [night, overcast]}}}}\n",
                             "s.yaml", f));
  EXPECT_NE(f.str().find("weather.stability.pasquill.choice.values[0]"), std::string::npos) << f.str();
}

TEST(ScenarioFile, StabilityMayComeFromTheSky) {
  const std::string yaml = std::string(kMinimal) + "weather: {stability: {pasquill: night_clear}}\n";
  Diagnostics d;
  auto s = parseScenario(yaml, "s.yaml", d);
  ASSERT_TRUE(s) << d.str();
  EXPECT_EQ(s->weather.sky, (WordChoice<Sky>{{Sky::NightClear}, {}}));
  Diagnostics e;
  auto again = parseScenario(scenarioToYaml(*s), "saved.yaml", e);
  ASSERT_TRUE(again) << e.str();
  EXPECT_EQ(*s, *again);
  EXPECT_EQ(parseErrors(std::string(kMinimal) + "weather: {stability: {pasquill: night}}\n"),
            "s.yaml:7:33: error: weather.stability.pasquill: expected one of strong_sun, moderate_sun, slight_sun, "
            "night_cloudy, night_clear, overcast, found 'night'\n");
}

TEST(ScenarioFile, BuildingsAndAiringOutAreChecked) {
  const std::string yaml = R"(drillsim: 1
name: t
park: p
horizon_s: 600
buildings:
  air_changes_per_hour: {dormitry: 0.5, school: -1}
  aired_out_per_hour: 0
plans:
  - {id: A, notify: [{who: enterprise}], protect: [{zones: all, action: evacuate, after: enterprise, air_out_when: cloud_passed}]}
  - {id: B, notify: [{who: enterprise}], protect: [{zones: all, action: shelter_in_place, after: enterprise, air_out_when: later}]}
)";
  const std::string errors = parseErrors(yaml);
  EXPECT_NE(errors.find("s.yaml:6:26: error: buildings.air_changes_per_hour.dormitry: unknown building kind 'dormitry'; "
                        "expected one of chemical, manufacturing, warehouse, office, dormitory"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("(did you mean 'dormitory'?)"), std::string::npos) << errors;
  EXPECT_NE(errors.find("buildings.air_changes_per_hour.school: expected a number > 0, found -1"), std::string::npos) << errors;
  EXPECT_NE(errors.find("buildings.aired_out_per_hour: expected a number > 0, found 0"), std::string::npos) << errors;
  EXPECT_NE(errors.find("plans[0].protect[0].air_out_when: only sheltering in place airs out; this entry's action is evacuate"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("plans[1].protect[0].air_out_when: expected one of cloud_passed, never"), std::string::npos) << errors;
}

TEST(ScenarioFile, InstantaneousReleasesAndRupturesAreChecked) {
  const std::string yaml = R"(drillsim: 1
name: t
park: p
horizon_s: 600
hazards:
  - {id: L1, kind: toxic_release, source: HS1, instantaneous_kg: 0}
  - {id: L2, kind: toxic_release, source: HS1, instantaneous_kg: 10, rate_kg_s: 1}
  - {id: L3, kind: toxic_release, source: HS1, release: {phase: liquid, rupture: true, hole_mm: 25}}
  - {id: L4, kind: toxic_release, source: HS1, release: {phase: liquid}}
  - {id: L5, kind: toxic_release, source: HS1, release: {phase: gas, rupture: maybe}}
  - {id: L6, kind: toxic_release, source: HS1, release: {phase: liquid, hole_mm: 5, volume_m3: 2}}
  - {id: L7, kind: toxic_release, source: HS1, release: {phase: gas, hole_mm: 5, volume_m3: 2}}
plans:
  - {id: A, notify: [{who: enterprise}], protect: [{zones: all, action: evacuate, after: enterprise}]}
)";
  const std::string errors = parseErrors(yaml);
  EXPECT_NE(errors.find("hazards[0].instantaneous_kg: expected a number > 0, found 0"), std::string::npos) << errors;
  EXPECT_NE(errors.find("hazards[1]: a release has one of rate_kg_s (a steady source), instantaneous_kg (all at once) or "
                        "release (its vessel and hole, or its rupture), found 2: keep one"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("hazards[2].release.hole_mm: a rupture has no hole"), std::string::npos) << errors;
  EXPECT_NE(errors.find("hazards[3].release.hole_mm: missing; give the hole's diameter hole_mm, or rupture: true"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("hazards[4].release.rupture: expected one of true, false"), std::string::npos) << errors;
  EXPECT_NE(errors.find("hazards[5].release.volume_m3: volume_m3 is a compressed-gas vessel's, which blows down through "
                        "its hole: only with phase: gas"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("hazards[6].release.pressure_bar: missing; a compressed-gas vessel (volume_m3) needs its gauge "
                        "pressure pressure_bar (bar)"),
            std::string::npos)
      << errors;
}

TEST(ScenarioFile, LeakageIsCheckedAndNotGivenTwice) {
  const std::string yaml = R"(drillsim: 1
name: t
park: p
horizon_s: 600
buildings:
  air_changes_per_hour: {dormitory: 0.5}
  leakage: {dormitory: {area_cm2: 500, volume_m3: 300}, office: {area_cm2: 0, volume_m3: 300, storeys: 4}, shed: {area_cm2: 1, volume_m3: 1}}
plans:
  - {id: A, notify: [{who: enterprise}], protect: [{zones: all, action: evacuate, after: enterprise}]}
)";
  const std::string errors = parseErrors(yaml);
  EXPECT_NE(errors.find("buildings.leakage.dormitory: the air changes of 'dormitory' are given in air_changes_per_hour "
                        "already: give them or its leakage, not both"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("buildings.leakage.office.area_cm2: expected a number > 0, found 0"), std::string::npos) << errors;
  EXPECT_NE(errors.find("buildings.leakage.office.storeys:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("buildings.leakage.shed: unknown building kind 'shed'"), std::string::npos) << errors;
}

TEST(ScenarioFile, LeakageAndTheNewReleasesSurviveASave) {
  const std::string yaml = R"(drillsim: 1
name: t
park: p
horizon_s: 600
buildings:
  leakage: {dormitory: {area_cm2: {uniform: [400, 900]}, volume_m3: 300, storeys: 2, shelter_class: 4}}
  indoor_c: 18
hazards:
  - {id: L1, kind: toxic_release, source: HS1, instantaneous_kg: {uniform: [500, 2000]}}
  - {id: L2, kind: toxic_release, source: HS1, release: {phase: liquid, rupture: true}}
  - {id: L3, kind: toxic_release, source: HS1, release: {phase: gas, hole_mm: 10, volume_m3: 2, pressure_bar: 150}}
plans:
  - {id: A, notify: [{who: enterprise}], protect: [{zones: all, action: evacuate, after: enterprise}]}
)";
  Diagnostics d;
  const auto s = parseScenario(yaml, "s.yaml", d);
  ASSERT_TRUE(s) << d.str();
  ASSERT_EQ(s->buildings.leakage.count("dormitory"), 1u);
  EXPECT_EQ(s->buildings.leakage.at("dormitory").shelter_class, 4);
  const auto again = parseScenario(scenarioToYaml(*s), "again.yaml", d);
  ASSERT_TRUE(again) << d.str();
  EXPECT_EQ(again->buildings, s->buildings);
  EXPECT_EQ(again->hazards, s->hazards);
}
