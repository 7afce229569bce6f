// The quickest-flow bound against closed forms, networks solved by hand, and the simulator.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/analysis/QuickestFlow.hpp"
#include "sim/engine/Replication.hpp"
#include "sim/hazard/HazardModel.hpp"
#include "tests/TestPaths.hpp"
#include "tests/engine/Forked.hpp"
#include "tests/engine/TestPark.hpp"

using namespace drillsim;

namespace {

FlowNetwork::Arc arc(int from, int to, double transit_s, double capacity_pps, int road = 0) {
  return {from, to, transit_s, capacity_pps, road};
}

Outcome simulate(const LoadedScenario& l, const std::string& plan = "A") {
  return test::runForked([&] {
    Platform platform(l);
    NoHazardEffects none;
    return runReplication(platform, l, *l.scenario.plan(plan), 1, 0, none);
  });
}

}  // namespace

// One path: the last person leaves at N/u and walks τ, so the clearance is τ + N/u; with every
// time a multiple of the step the time-expanded optimum is exactly that, whatever the step.
TEST(QuickestFlow, SinglePathIsTransitPlusPersonsOverCapacity) {
  FlowNetwork net;
  net.nodes = 2;
  net.arcs = {arc(0, 1, 100, 2)};
  net.sinks = {{1, 0, 1000, 0}};
  net.supplies = {{0, 0, 400}};
  for (double step : {1.0, 5.0, 10.0}) {
    SCOPED_TRACE(step);
    const auto r = quickestTransshipment(net, {step});
    ASSERT_TRUE(r.feasible);
    EXPECT_DOUBLE_EQ(r.bound_s, 100 + 400 / 2.0);
  }
  // Everyone ready after 50 s of pre-movement: the same, 50 s later.
  net.supplies = {{0, 50, 400}};
  EXPECT_DOUBLE_EQ(quickestTransshipment(net).bound_s, 50 + 100 + 200);
  // Times off the step are rounded down: the bound stays below the continuous optimum, by less
  // than a step.
  net.arcs = {arc(0, 1, 100.6, 2)};
  net.supplies = {{0, 0, 401}};
  const double exact = 100.6 + 401 / 2.0;
  const auto r = quickestTransshipment(net, {1.0});
  EXPECT_LE(r.bound_s, exact);
  EXPECT_GT(r.bound_s, exact - 1.0);
}

// A share of the persons: the time by which 95 % can be in is τ + 0.95 N/u on one path. With
// two groups released at 0 and 500 s, 90 % (the first group of 360 and 0 of the second) are in
// by 100 + 180 = 280 s, but the 95 % needs 20 of the late group: 500 + 100 + 10 = 610 s.
TEST(QuickestFlow, AShareOfThePersonsIsShelteredSooner) {
  FlowNetwork net;
  net.nodes = 2;
  net.arcs = {arc(0, 1, 100, 2)};
  net.sinks = {{1, 0, 1000, 0}};
  net.supplies = {{0, 0, 400}};
  QuickestFlowOptions o;
  o.share = 0.95;
  EXPECT_DOUBLE_EQ(quickestTransshipment(net, o).bound_s, 100 + 380 / 2.0);
  net.supplies = {{0, 0, 360}, {0, 500, 40}};
  o.share = 0.9;
  EXPECT_DOUBLE_EQ(quickestTransshipment(net, o).bound_s, 100 + 360 / 2.0);
  o.share = 0.95;
  EXPECT_DOUBLE_EQ(quickestTransshipment(net, o).bound_s, 500 + 100 + 20 / 2.0);
  // Space for 95 % only: the 95 % bound is found, the clearance is infeasible.
  net.sinks = {{1, 0, 380, 0}};
  EXPECT_TRUE(quickestTransshipment(net, o).feasible);
  EXPECT_FALSE(quickestTransshipment(net).feasible);
}

// Two parallel roads (EVACNET's classic example shape): a short narrow one (10 s, 1 p/s) and a
// long wide one (40 s, 2 p/s). Using both from the start, (T - 10) + 2 (T - 40) = 600 gives
// T = 230 s; both roads are bottlenecks.
TEST(QuickestFlow, ParallelRoadsAreBothUsed) {
  FlowNetwork net;
  net.nodes = 2;
  net.arcs = {arc(0, 1, 10, 1, 0), arc(0, 1, 40, 2, 1)};
  net.sinks = {{1, 0, 1000, 0}};
  net.supplies = {{0, 0, 600}};
  const auto r = quickestTransshipment(net);
  ASSERT_TRUE(r.feasible);
  EXPECT_DOUBLE_EQ(r.bound_s, 230);
  ASSERT_EQ(r.bottlenecks.size(), 2u);
  EXPECT_EQ(r.bottlenecks[0].road + r.bottlenecks[1].road, 1);  // roads 0 and 1
}

// A near shelter (10 s away) holds only 100 of 300 persons: 200 must walk 100 s to the far one
// through 10 p/s, arriving by 100 + 20 = 120 s. The near shelter's capacity is a bottleneck.
TEST(QuickestFlow, AFullShelterSendsTheRestFarther) {
  FlowNetwork net;
  net.nodes = 3;
  net.arcs = {arc(0, 1, 10, 10, 0), arc(0, 2, 100, 10, 1)};
  net.sinks = {{1, 0, 100, 0}, {2, 0, 1000, 1}};
  net.supplies = {{0, 0, 300}};
  const auto r = quickestTransshipment(net);
  ASSERT_TRUE(r.feasible);
  EXPECT_DOUBLE_EQ(r.bound_s, 120);
  EXPECT_DOUBLE_EQ(r.shelterPersons[0], 100);
  EXPECT_DOUBLE_EQ(r.shelterPersons[1], 200);
  bool nearShelterBinds = false, farRoadBinds = false;
  for (const auto& b : r.bottlenecks) {
    nearShelterBinds = nearShelterBinds || b.shelter == 0;
    farRoadBinds = farRoadBinds || b.road == 1;
  }
  EXPECT_TRUE(nearShelterBinds);
  EXPECT_TRUE(farRoadBinds);
}

// Two groups of 100 merge onto a shared road (10 s, 5 p/s) to the shelter: A arrives at the
// merge from 20 s, B from 30 s, each at 5 p/s. The shared road is busy from 20 s without a gap
// and passes 200 persons in 40 s: the last enters at 60 s and arrives at 70 s.
FlowNetwork mergeNetwork() {
  FlowNetwork net;
  net.nodes = 4;
  net.arcs = {arc(0, 2, 20, 5, 0), arc(1, 2, 30, 5, 1), arc(2, 3, 10, 5, 2)};
  net.sinks = {{3, 0, 1000, 0}};
  net.supplies = {{0, 0, 100}, {1, 0, 100}};
  return net;
}

TEST(QuickestFlow, MergingGroupsShareTheLastRoad) {
  const auto r = quickestTransshipment(mergeNetwork());
  ASSERT_TRUE(r.feasible);
  EXPECT_DOUBLE_EQ(r.bound_s, 70);
  ASSERT_FALSE(r.bottlenecks.empty());
  EXPECT_EQ(r.bottlenecks[0].road, 2);
}

TEST(QuickestFlow, TooLittleShelterSpaceIsReportedNotSearched) {
  FlowNetwork net;
  net.nodes = 3;
  net.arcs = {arc(0, 1, 10, 5, 0)};
  net.sinks = {{1, 0, 150, 0}, {2, 0, 1000, 1}};  // the big shelter is out of reach
  net.supplies = {{0, 0, 200}};
  const auto r = quickestTransshipment(net);
  EXPECT_FALSE(r.feasible);
  EXPECT_DOUBLE_EQ(r.persons, 200);
  EXPECT_DOUBLE_EQ(r.placeable, 150);
}

// The merge network as a park: walking at 1 m/s, each road's length its walking time. Everyone
// leaves at once and the plan's nearest-shelter routing is the only routing, so the simulator's
// clearance must equal the bound exactly; so must a single corridor's.
TEST(QuickestFlow, TheSimulatorMeetsTheBoundWhereItsRoutingIsOptimal) {
  const auto merge = test::TestPark()
                         .road("RA", {0, 0}, {20, 0}, 1, 5)
                         .road("RB", {20, 30}, {20, 0}, 1, 5)
                         .road("RS", {20, 0}, {30, 0}, 1, 5)
                         .zone("A", {0, 0}, 100)
                         .zone("B", {20, 30}, 100)
                         .shelter("S", {30, 0}, 1000)
                         .build(1.0, 1.3, 50);
  const auto corridor = test::TestPark()
                            .road("R", {0, 0}, {120, 0}, 1, 2)
                            .zone("Z", {0, 0}, 100)
                            .shelter("S", {120, 0}, 1000)
                            .build(1.2, 1.3, 25);
  for (const auto* l : {&merge, &corridor}) {
    const Outcome o = simulate(*l);
    const auto r = quickestTransshipment(evacuationNetwork(*l, releasesOf(*l, o)));
    ASSERT_TRUE(r.feasible);
    EXPECT_NEAR(o.metrics.clearance_s, r.bound_s, 1e-6);
  }
  EXPECT_NEAR(simulate(merge).metrics.clearance_s, 70, 1e-6);
}

// The releases handed to the bound are the simulator's own: the same cohorts and pre-movement
// draws, so with the order at t = 0 they are exactly the departures of a run ordered at once.
TEST(QuickestFlow, OrderAtZeroUsesTheSimulatorsPremovementStreams) {
  auto l = test::TestPark()
               .road("R", {0, 0}, {120, 0}, 1, 2)
               .zone("Z", {0, 0}, 120)
               .shelter("S", {120, 0}, 1000)
               .build(1.2, 1.3, 50);
  l.scenario.walking.premovement_s = LogNormal{120, 0.6};
  const Outcome o = simulate(l);
  auto fromRun = releasesOf(l, o);
  auto drawn = orderAtZero(l, 1, 0, true);
  EXPECT_EQ(drawn.back().persons, 20);  // cohorts of 50, the last one smaller
  // The run lists cohorts as they leave, the draws as they are numbered.
  auto byReady = [](const Release& a, const Release& b) { return a.ready_s < b.ready_s; };
  std::sort(fromRun.begin(), fromRun.end(), byReady);
  std::sort(drawn.begin(), drawn.end(), byReady);
  ASSERT_EQ(fromRun.size(), 3u);
  ASSERT_EQ(drawn.size(), 3u);
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    EXPECT_EQ(drawn[i].persons, fromRun[i].persons);
    EXPECT_NEAR(drawn[i].ready_s, fromRun[i].ready_s, 1e-9);
  }
  for (const auto& r : orderAtZero(l, 1, 0, false)) EXPECT_EQ(r.ready_s, 0);
}

// On every plan of every bundled scenario, the bound for a run's own evacuees and departures is
// never above the clearance the simulator found for that run.
TEST(QuickestFlow, NeverAboveTheSimulatedClearanceOfABundledPlan) {
  for (const auto& file : test::bundledScenarioFiles()) {
    Diagnostics d;
    auto l = loadAndValidate(file, d);
    ASSERT_TRUE(l) << d.str();
    for (const auto& plan : l->scenario.plans)
      for (std::uint64_t rep : {0u, 1u, 2u}) {
        SCOPED_TRACE(file + " plan " + plan.id + " replication " + std::to_string(rep));
        const Outcome o = test::runForked([&] {
          Platform platform(*l);
          HazardModel hazards(*l, plan, 11, rep);
          return runReplication(platform, *l, plan, 11, rep, hazards);
        });
        const auto releases = releasesOf(*l, o);
        if (releases.empty()) continue;
        const auto r = quickestTransshipment(evacuationNetwork(*l, releases));
        ASSERT_TRUE(r.feasible);
        EXPECT_LE(r.bound_s, o.metrics.clearance_s);
        EXPECT_GT(r.bound_s, 0);
      }
  }
}
