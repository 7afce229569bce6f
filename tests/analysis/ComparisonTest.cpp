// The comparison of plans without the command: which metrics are compared, the paired differences,
// the verdicts by each metric's good direction, failures left out, --where's selection and the
// threshold probabilities, on stored rows made here.

#include "sim/analysis/Comparison.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace drillsim {
namespace {

ReplicationRow row(const std::string& plan, int r, double clearance, double fatalities, double wind) {
  return {plan, r, "ok", "",
          nlohmann::json{{"clearance_s", clearance},
                         {"expected_fatalities", fatalities},
                         {"population", 500},
                         {"draws", {{"wind_speed_ms", wind}}}}};
}

// Plan B clears 60 s later in every replication and has the same fatalities plus a tiny rounding.
std::vector<ReplicationRow> rows() {
  std::vector<ReplicationRow> out;
  for (int r = 0; r < 30; ++r) {
    const double clearance = 1000 + 37.0 * (r % 7), deaths = 0.1 * (r % 5), wind = 1 + r % 4;
    out.push_back(row("A", r, clearance, deaths, wind));
    out.push_back(row("B", r, clearance + 60, deaths + 1e-13, wind));
  }
  out.push_back({"B", 30, "failed", "killed", nullptr});
  return out;
}

const PlanStatistics& of(const Comparison& c, const std::string& metric, const std::string& plan) {
  for (const auto& m : c.metrics)
    if (m.metric == metric)
      for (const auto& p : m.plans)
        if (p.plan == plan) return p;
  throw std::runtime_error("no " + metric + " of " + plan);
}

TEST(Comparison, PairedDifferencesAndVerdictsByTheMetricsDirection) {
  const Comparison c = compareToBaseline(rows(), {"A", "B"}, "A", 0.05);
  EXPECT_EQ(c.baseline, "A");
  EXPECT_EQ(c.comparisons, 1u);
  EXPECT_DOUBLE_EQ(c.level, 0.95);
  EXPECT_EQ(c.successful, 60u);
  EXPECT_EQ(c.failed.at("B"), 1);
  // The population is the same number everywhere: not compared.
  for (const auto& m : c.metrics) EXPECT_NE(m.metric, "population");
  const PlanStatistics& a = of(c, "clearance_s", "A");
  EXPECT_TRUE(a.baseline);
  EXPECT_FALSE(a.verdict);
  const PlanStatistics& b = of(c, "clearance_s", "B");
  EXPECT_EQ(b.summary.n, 30);
  EXPECT_NEAR(b.vsBaseline.meanDifference, 60, 1e-9);
  EXPECT_NEAR(b.vsBaseline.halfWidth, 0, 1e-9);  // every pair differs by exactly 60
  ASSERT_TRUE(b.verdict);
  EXPECT_EQ(*b.verdict, stats::Verdict::Worse);  // later clearance is worse
  // A difference of rounding size is none.
  ASSERT_TRUE(of(c, "expected_fatalities", "B").verdict);
  EXPECT_EQ(*of(c, "expected_fatalities", "B").verdict, stats::Verdict::Same);
  // The other way round B is the baseline and A is better.
  const Comparison back = compareToBaseline(rows(), {"A", "B"}, "B", 0.05);
  EXPECT_EQ(*of(back, "clearance_s", "A").verdict, stats::Verdict::Better);
}

TEST(Comparison, WhereKeepsTheSameReplicationsUnderEveryPlan) {
  const Comparison c = compareToBaseline(rows(), {"A", "B"}, "A", 0.05, parseDrawConditions("wind_speed_ms<2"));
  EXPECT_TRUE(c.filtered);
  EXPECT_EQ(c.considered, 30u);  // replication 30 failed
  EXPECT_EQ(c.selected, 8u);     // wind 1 in replications 0, 4, ..., 28
  EXPECT_EQ(of(c, "clearance_s", "A").summary.n, 8);
  EXPECT_EQ(of(c, "clearance_s", "B").vsBaseline.n, 8);
  const nlohmann::json j = comparisonJson(c, "wind_speed_ms<2");
  EXPECT_EQ(j.at("where").at("selected"), 8);
  EXPECT_EQ(j.at("where").at("of"), 30);
  EXPECT_EQ(j.at("where").at("conditions"), "wind_speed_ms<2");
}

TEST(Comparison, ThresholdProbabilitiesCountTheReplicationsAbove) {
  const Comparison c = compareToBaseline(rows(), {"A", "B"}, "A", 0.05);
  for (const ThresholdShare& t : c.thresholds)
    if (t.event.metric == "expected_fatalities") {
      EXPECT_EQ(t.n, 30);
      EXPECT_EQ(t.hits, 0);  // at most 0.4, never above 0.5
      EXPECT_EQ(t.low95, 0);
    }
  const nlohmann::json j = comparisonJson(c);
  EXPECT_EQ(j.at("probabilities").size(), thresholdEvents().size() * 2);
  EXPECT_FALSE(j.contains("where"));
  EXPECT_EQ(metricMeaning("clearance_s").better, -1);
  EXPECT_STREQ(metricMeaning("no_such_metric").meaning, "");
}

}  // namespace
}  // namespace drillsim
