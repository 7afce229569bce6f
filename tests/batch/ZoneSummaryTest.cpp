// The zone summary: its values over a batch's rows, and the zone_summary layer's columns, which are
// its table of metrics in order (the front end colours the map by the same table).
#include "sim/batch/ZoneSummary.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

namespace drillsim {
namespace {

Park twoZones() {
  Park park;
  for (const char* id : {"Z1", "Z2"}) {
    Zone z;
    z.id = id;
    z.name = std::string("zone ") + id;
    z.outer = {Ring{{0, 0}, {10, 0}, {10, 10}, {0, 0}}};
    park.zones.push_back(z);
  }
  return park;
}

nlohmann::json zone(double over2, double deaths, nlohmann::json ignited, double inFire) {
  return {{"persons_over_aegl2", over2}, {"expected_fatalities", deaths}, {"ignited_s", ignited}, {"persons_in_fire", inFire}};
}

// Plan A: two successful replications and a failed one; plan B: one, from a store without Z2.
std::vector<ReplicationRow> rows() {
  return {
      {"A", 0, "ok", "", {{"zones", {{"Z1", zone(3, 0.5, nullptr, 0)}, {"Z2", zone(0, 0, 100.0, 4)}}}}},
      {"A", 1, "ok", "", {{"zones", {{"Z1", zone(0, 0, nullptr, 0)}, {"Z2", zone(0, 0, nullptr, 0)}}}}},
      {"A", 2, "failed", "crashed", nullptr},
      {"B", 0, "ok", "", {{"zones", {{"Z1", zone(7, 1, nullptr, 0)}}}}},
  };
}

TEST(ZoneSummary, MeansAndSharesOverTheSuccessfulReplications) {
  const auto s = zoneSummaries(rows(), twoZones());
  ASSERT_EQ(s.size(), 4u);  // plans A and B, zones Z1 and Z2 each
  EXPECT_EQ(s[0].plan, "A");
  EXPECT_EQ(s[0].zone, "Z1");
  EXPECT_EQ(s[0].name, "zone Z1");
  EXPECT_EQ(s[0].replications, 2);
  EXPECT_DOUBLE_EQ(s[0].mean_persons_over_aegl2, 1.5);
  EXPECT_DOUBLE_EQ(s[0].p_any_over_aegl2, 0.5);
  EXPECT_DOUBLE_EQ(s[0].mean_expected_fatalities, 0.25);
  EXPECT_DOUBLE_EQ(s[0].p_burnt, 0);
  EXPECT_EQ(s[1].zone, "Z2");
  EXPECT_EQ(s[1].zoneIndex, 1u);
  EXPECT_DOUBLE_EQ(s[1].p_burnt, 0.5);
  EXPECT_DOUBLE_EQ(s[1].mean_persons_in_fire, 2);
  // A replication without the zone: nothing happened there.
  EXPECT_EQ(s[3].plan, "B");
  EXPECT_EQ(s[3].zone, "Z2");
  EXPECT_EQ(s[3].replications, 1);
  EXPECT_DOUBLE_EQ(s[3].mean_persons_over_aegl2, 0);
  EXPECT_DOUBLE_EQ(s[3].p_any_over_aegl2, 0);
  EXPECT_DOUBLE_EQ(s[2].p_any_over_aegl2, 1);
}

TEST(ZoneSummary, TheLayerHasTheTablesColumnsAndValues) {
  const Park park = twoZones();
  const auto summaries = zoneSummaries(rows(), park);
  const auto [zones, shelters] = summaryLayers(rows(), park);
  ASSERT_EQ(zones.size(), summaries.size());
  // The columns a GIS reads (README, Results store), in the order written.
  const std::vector<std::string> columns = {"plan",           "zone", "name", "replications", "mean_persons_over_aegl2",
                                            "p_any_over_aegl2", "mean_expected_fatalities", "p_burnt",
                                            "mean_persons_in_fire"};
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const OutFeature& f = zones[i];
    ASSERT_EQ(f.attributes.size(), columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) EXPECT_EQ(f.attributes[c].first, columns[c]);
    EXPECT_EQ(std::get<std::string>(f.attributes[0].second), summaries[i].plan);
    EXPECT_EQ(std::get<std::string>(f.attributes[1].second), summaries[i].zone);
    EXPECT_EQ(f.parts, park.zones[summaries[i].zoneIndex].outer);
    for (std::size_t m = 0; m < zoneMetrics().size(); ++m) {
      const ZoneMetric& metric = zoneMetrics()[m];
      EXPECT_EQ(f.attributes[4 + m].first, metric.column);
      EXPECT_EQ(std::get<double>(f.attributes[4 + m].second), summaries[i].*metric.value) << metric.column;
    }
  }
}

TEST(ZoneSummary, MetricsByColumn) {
  ASSERT_NE(zoneMetric("p_any_over_aegl2"), nullptr);
  EXPECT_TRUE(zoneMetric("p_any_over_aegl2")->share);
  EXPECT_TRUE(zoneMetric("p_burnt")->share);
  EXPECT_FALSE(zoneMetric("mean_persons_over_aegl2")->share);
  EXPECT_FALSE(zoneMetric("mean_expected_fatalities")->share);
  EXPECT_FALSE(zoneMetric("mean_persons_in_fire")->share);
  EXPECT_EQ(zoneMetric("mean_persons_in_fire")->value, &ZoneSummary::mean_persons_in_fire);
  EXPECT_EQ(zoneMetric("replications"), nullptr);
}

}  // namespace
}  // namespace drillsim
