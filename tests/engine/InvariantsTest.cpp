// The invariants of a replication (sim/engine/Invariants.hpp): they hold on real runs of every
// bundled plan over many replications (each batch child checks them), and each one is caught when
// an outcome is broken by hand.
#include <gtest/gtest.h>

#include "sim/batch/Batch.hpp"
#include "sim/engine/Invariants.hpp"
#include "sim/engine/Replication.hpp"
#include "sim/hazard/HazardModel.hpp"
#include "tests/TestPaths.hpp"
#include "tests/engine/Forked.hpp"

using namespace drillsim;

namespace {
struct RealRun {
  LoadedScenario loaded;
  Outcome outcome;
};

// Plan A of the night chlorine scenario, replication 3: shelters fill, doses are taken.
const RealRun& chlorineRun() {
  static const RealRun run = [] {
    Diagnostics d;
    const std::string file = test::sourcePath("data/scenarios/chlorine_night.yaml");
    auto l = loadAndValidate(file, d);
    if (!l) throw std::runtime_error(d.str());
    Outcome o = test::runForked([&] {
      Platform platform(*l);
      HazardModel hazards(*l, *l->scenario.plan("A"), 7, 3);
      return runReplication(platform, *l, *l->scenario.plan("A"), 7, 3, hazards);
    });
    return RealRun{std::move(*l), std::move(o)};
  }();
  return run;
}

// The violations of the run after `breakIt` changed a copy of its outcome.
std::string violationsAfter(const std::function<void(Outcome&)>& breakIt) {
  Outcome o = chlorineRun().outcome;
  breakIt(o);
  std::string all;
  for (const auto& v : invariantViolations(o, chlorineRun().loaded)) all += v + "\n";
  return all;
}
}  // namespace

TEST(Invariants, HoldOnARealRunWithOverflowAndDoses) {
  const RealRun& run = chlorineRun();
  ASSERT_FALSE(run.outcome.events.empty());
  EXPECT_GT(run.outcome.metrics.persons_over_aegl2, 0);  // the run exercises the dose checks
  long overflow = 0;
  for (const auto& [id, s] : run.outcome.metrics.shelters) overflow += s.overflow;
  EXPECT_GT(overflow, 0);  // and the overflow checks
  EXPECT_TRUE(invariantViolations(run.outcome, run.loaded).empty());
}

TEST(Invariants, EachBrokenInvariantIsNamed) {
  const std::string shelter = chlorineRun().outcome.metrics.shelters.begin()->first;
  const int capacity = chlorineRun().loaded.park.shelter(shelter)->capacity;
  EXPECT_NE(violationsAfter([](Outcome& o) { ++o.metrics.population; }).find("population"), std::string::npos);
  EXPECT_NE(violationsAfter([](Outcome& o) { ++o.metrics.unsheltered; }).find("sheltered + unsheltered"), std::string::npos);
  EXPECT_NE(violationsAfter([&](Outcome& o) { o.metrics.shelters[shelter].peak = capacity + 1; }).find("peak"),
            std::string::npos);
  EXPECT_NE(violationsAfter([](Outcome& o) { o.metrics.sheltered += 1, o.metrics.unsheltered -= 1; })
                .find("shelters admitted"),
            std::string::npos);
  EXPECT_NE(violationsAfter([](Outcome& o) { o.occupancy.push_back({o.occupancy.back().time_s + 1, o.occupancy.back().shelter, 0}); })
                .find("occupancy falls"),
            std::string::npos);
  EXPECT_NE(violationsAfter([](Outcome& o) { o.events.back().time_s = o.horizon_s + 60; }).find("event"), std::string::npos);
  EXPECT_NE(violationsAfter([](Outcome& o) { std::swap(o.events.front().time_s, o.events.back().time_s); })
                .find("goes back in time"),
            std::string::npos);
  EXPECT_NE(violationsAfter([](Outcome& o) { o.legs.front().front_s = o.legs.front().depart_s - 10; }).find("movement"),
            std::string::npos);
  EXPECT_NE(violationsAfter([](Outcome& o) { o.metrics.arrival_p90_s = o.metrics.arrival_p95_s + 1; }).find("P90"),
            std::string::npos);
  EXPECT_NE(violationsAfter([](Outcome& o) { o.metrics.zones.begin()->second.expected_fatalities = -0.5; })
                .find("expected fatalities"),
            std::string::npos);
  EXPECT_NE(violationsAfter([](Outcome& o) { o.metrics.persons_over_aegl2 += 1; }).find("AEGL-2"), std::string::npos);
}

TEST(Invariants, ABrokenRunIsAnErrorThatSaysHowToRerunIt) {
  Outcome o = chlorineRun().outcome;
  o.metrics.population += 5;
  try {
    checkInvariants(o, chlorineRun().loaded, {"a toxic load of zone Z01 is -1"});
    FAIL() << "no error";
  } catch (const InvariantError& e) {
    const std::string text = e.what();
    EXPECT_NE(text.find("plan A, seed 7, replication 3"), std::string::npos) << text;
    EXPECT_NE(text.find("toxic load of zone Z01"), std::string::npos) << text;
    EXPECT_NE(text.find("population"), std::string::npos) << text;
  }
}

// Every plan of every bundled scenario, 25 replications each: every child checked its run.
TEST(Invariants, HoldInEveryReplicationOfEveryBundledPlan) {
  for (const auto& file : test::bundledScenarioFiles()) {
    SCOPED_TRACE(file);
    const std::string failures = test::runForkedText([&] {
      Diagnostics d;
      auto l = loadAndValidate(file, d);
      if (!l) throw std::runtime_error(d.str());
      Platform platform(*l);
      std::vector<BatchTask> tasks;
      for (const auto& p : l->scenario.plans)
        for (int r = 0; r < 25; ++r) tasks.push_back({p.id, r});
      BatchOptions options;
      options.seed = 11;
      options.jobs = 2;
      std::string text;
      const std::atomic<bool> stop{false};
      runBatch(platform, *l, tasks, options, [&](ReplicationRow row) {
        if (row.status != "ok") text += row.plan + "/" + std::to_string(row.replication) + ": " + row.error + "\n";
      }, stop);
      return text;
    });
    EXPECT_EQ(failures, "");
  }
}
