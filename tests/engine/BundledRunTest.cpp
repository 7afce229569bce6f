// Every plan of every bundled scenario runs, conserves people, matches its own event log, and is
// deterministic: the same seed and replication give byte-identical outcomes.
#include <gtest/gtest.h>

#include <filesystem>

#include "sim/engine/Replication.hpp"
#include "sim/hazard/HazardModel.hpp"
#include "tests/TestPaths.hpp"
#include "tests/engine/Forked.hpp"

using namespace drillsim;
namespace fs = std::filesystem;

namespace {

std::string runRaw(const std::string& file, const std::string& plan, std::uint64_t seed, std::uint64_t replication) {
  return test::runForkedRaw([&] {
    Diagnostics d;
    auto l = loadAndValidate(file, d);
    if (!l) throw std::runtime_error(d.str());
    Platform platform(*l);
    HazardModel hazards(*l, *l->scenario.plan(plan), seed, replication);
    return runReplication(platform, *l, *l->scenario.plan(plan), seed, replication, hazards);
  });
}
}  // namespace

class BundledRun : public ::testing::TestWithParam<std::string> {};

TEST_P(BundledRun, EveryPlanConservesPeopleAndAgreesWithItsEvents) {
  Diagnostics d;
  auto l = loadAndValidate(GetParam(), d);
  ASSERT_TRUE(l) << d.str();
  for (const auto& plan : l->scenario.plans) {
    SCOPED_TRACE(plan.id);
    const Outcome o = outcomeFromJson(nlohmann::json::parse(runRaw(GetParam(), plan.id, 7, 3)));
    const Metrics& m = o.metrics;
    EXPECT_EQ(m.population, l->park.population(l->scenario.night()));
    EXPECT_EQ(m.sheltered + m.unsheltered + m.sheltered_in_place + m.not_ordered, m.population);
    long admitted = 0, inLog = 0, overflowLog = 0, overflow = 0;
    for (const auto& [id, s] : m.shelters) {
      admitted += s.admitted;
      overflow += s.overflow;
      const Shelter* sh = l->park.shelter(id);
      ASSERT_NE(sh, nullptr);
      EXPECT_LE(s.peak, sh->capacity) << id;
    }
    for (const auto& e : o.events) {
      if (e.kind == EventKind::Arrive) inLog += e.persons;
      if (e.kind == EventKind::Overflow) overflowLog += e.persons;
    }
    EXPECT_EQ(admitted, m.sheltered);
    EXPECT_EQ(inLog, m.sheltered);
    EXPECT_EQ(overflowLog, overflow);
    EXPECT_LE(m.arrival_p50_s, m.arrival_p90_s);
    EXPECT_LE(m.arrival_p90_s, m.arrival_p95_s);
    EXPECT_LE(m.arrival_p95_s, m.clearance_s + 1e-9);
    for (std::size_t i = 1; i < o.events.size(); ++i) EXPECT_LE(o.events[i - 1].time_s, o.events[i].time_s);
  }
}

TEST_P(BundledRun, SameSeedGivesByteIdenticalOutcomes) {
  Diagnostics d;
  auto l = loadAndValidate(GetParam(), d);
  ASSERT_TRUE(l) << d.str();
  const std::string plan = l->scenario.plans.back().id;
  EXPECT_EQ(runRaw(GetParam(), plan, 11, 5), runRaw(GetParam(), plan, 11, 5));
  EXPECT_NE(runRaw(GetParam(), plan, 11, 5), runRaw(GetParam(), plan, 11, 6));
}

TEST_P(BundledRun, PlansOfOneReplicationShareTheirDraws) {
  Diagnostics d;
  auto l = loadAndValidate(GetParam(), d);
  ASSERT_TRUE(l) << d.str();
  // Common random numbers: detection is keyed by replication, not by plan.
  double first = -1;
  for (const auto& plan : l->scenario.plans) {
    const Outcome o = outcomeFromJson(nlohmann::json::parse(runRaw(GetParam(), plan.id, 3, 1)));
    double detected = -1;
    for (const auto& e : o.events)
      if (e.kind == EventKind::Detected) detected = e.time_s;
    if (first < 0) first = detected;
    if (plan.detection_s == l->scenario.plans[0].detection_s) {
      EXPECT_EQ(detected, first) << plan.id;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Data, BundledRun, ::testing::ValuesIn(test::bundledScenarioFiles()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return fs::path(param.param).stem().string();
                         });

// The chlorine night: evacuating everyone (plan A) and sheltering the threatened zones in place
// (plan C) expose people differently in the same replications (same weather, same leak).
TEST(BundledRunChlorine, EvacuationAndShelteringInPlaceExposeDifferently) {
  const std::string file = test::sourcePath("data/scenarios/chlorine_night.yaml");
  bool differs = false;
  for (std::uint64_t r = 0; r < 6 && !differs; ++r) {
    const Outcome a = outcomeFromJson(nlohmann::json::parse(runRaw(file, "A", 1, r)));
    const Outcome c = outcomeFromJson(nlohmann::json::parse(runRaw(file, "C", 1, r)));
    differs = a.metrics.persons_over_aegl2 != c.metrics.persons_over_aegl2 ||
              a.metrics.expected_fatalities != c.metrics.expected_fatalities;
  }
  EXPECT_TRUE(differs);
}
