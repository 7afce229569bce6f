// The bundled park and scenarios: they load without errors, round-trip, and meet what a planner
// was promised (size of the park, connectivity, every zone reaches a shelter).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "scenarios/ScenarioFile.hpp"
#include "scenarios/Validation.hpp"
#include "tests/TestPaths.hpp"

using namespace drillsim;
namespace fs = std::filesystem;

class BundledScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(BundledScenario, LoadsWithoutErrorsOrWarnings) {
  Diagnostics d;
  auto loaded = loadAndValidate(GetParam(), d);
  ASSERT_TRUE(loaded) << d.str();
  EXPECT_TRUE(d.empty()) << d.str();
  EXPECT_GE(loaded->scenario.plans.size(), 2u);
}

TEST_P(BundledScenario, RoundTripsThroughSave) {
  Diagnostics d;
  auto first = loadScenario(GetParam(), d);
  ASSERT_TRUE(first) << d.str();
  Diagnostics e;
  auto second = parseScenario(scenarioToYaml(*first), "saved.yaml", e);
  ASSERT_TRUE(second) << e.str();
  EXPECT_EQ(*first, *second);
}

INSTANTIATE_TEST_SUITE_P(Data, BundledScenario, ::testing::ValuesIn(test::bundledScenarioFiles()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return fs::path(param.param).stem().string();
                         });

TEST(BundledData, ThereAreAtLeastThreeScenarios) { EXPECT_GE(test::bundledScenarioFiles().size(), 3u); }

TEST(BundledData, TheParkIsLargeEnoughConnectedAndEveryZoneReachesAShelter) {
  Diagnostics d;
  auto loaded = loadAndValidate(test::bundledScenarioFiles().front(), d);
  ASSERT_TRUE(loaded) << d.str();
  const Park& park = loaded->park;
  EXPECT_GE(park.zones.size(), 40u);
  EXPECT_GE(park.roads.size(), 80u);
  EXPECT_GE(park.shelters.size(), 8u);
  EXPECT_GE(park.stations.size(), 3u);
  EXPECT_GE(park.sources.size(), 4u);
  std::set<std::string> substances, shelterKinds, zoneKinds;
  for (const auto& s : park.sources) substances.insert(s.substance);
  for (const auto& s : park.shelters) shelterKinds.insert(s.kind == ShelterKind::Indoor ? "indoor" : "outdoor");
  for (const auto& z : park.zones) zoneKinds.insert(zoneKindNames()[std::size_t(z.kind)]);
  EXPECT_GE(substances.size(), 3u);
  EXPECT_EQ(shelterKinds.size(), 2u);
  for (const char* kind : {"chemical", "manufacturing", "warehouse", "office", "dormitory"})
    EXPECT_TRUE(zoneKinds.count(kind)) << kind;
  EXPECT_TRUE(zoneKinds.count("school") || zoneKinds.count("clinic"));
  EXPECT_GE(park.population(false), 1000);
  EXPECT_GE(park.population(true), 1000);
  EXPECT_EQ(park.graph.componentCount(), 1);

  // Every zone reaches at least one shelter along the directed road graph.
  for (const auto& z : park.zones) {
    const auto dist = park.graph.distancesFrom(z.node);
    const bool reaches = std::any_of(park.shelters.begin(), park.shelters.end(), [&](const Shelter& s) {
      return dist[std::size_t(s.node)] < RoadGraph::kUnreachable;
    });
    EXPECT_TRUE(reaches) << z.id;
  }
  // Names in Chinese with an English gloss.
  for (const auto& z : park.zones) EXPECT_FALSE(z.name_en.empty()) << z.id;
}
