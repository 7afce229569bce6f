// Verification of one replication against closed forms (the RiMEA and IMO cases of
// shared reference evac.md, and max-min fair sharing). The engine is a fluid model: where the
// closed form is exact for it, it must hold to 1e-6 s.
#include <gtest/gtest.h>

#include "scenarios/Distribution.hpp"
#include "sim/engine/Replication.hpp"
#include "tests/engine/Forked.hpp"
#include "tests/engine/TestPark.hpp"

using namespace drillsim;
using drillsim::test::runForked;
using drillsim::test::TestPark;

namespace {
Outcome simulate(const LoadedScenario& l, const std::string& plan = "A", std::uint64_t seed = 1) {
  return runForked([&] {
    Platform platform(l);
    NoHazardEffects none;
    return runReplication(platform, l, *l.scenario.plan(plan), seed, 0, none);
  });
}

}  // namespace

// RiMEA test 1: one person along a 40 m, 2 m wide corridor at 1.33 m/s. The fluid model gives
// L/v + N/(w f) exactly (RiMEA accepts 26-34 s for the walk alone).
TEST(Verification, OnePersonDownACorridor) {
  const auto l = TestPark()
                     .road("R1", {0, 0}, {40, 0}, 2.0)
                     .zone("Z1", {0, 0}, 1)
                     .shelter("S1", {40, 0}, 10)
                     .build(1.33, 1.3);
  const Outcome o = simulate(l);
  const double expected = 40 / 1.33 + 1 / (2.0 * 1.3);
  EXPECT_NEAR(o.metrics.clearance_s, expected, 1e-6);
  EXPECT_GT(40 / 1.33, 26.0);
  EXPECT_LT(40 / 1.33, 34.0);
  EXPECT_EQ(o.metrics.sheltered, 1);
}

// IMO MSC.1/Circ.1238 test 4: 100 persons through a 1 m door at 1.33 persons/(m s) take 75 s
// plus the walk, whether they move as one cohort or two that share the door.
TEST(Verification, HundredPersonsThroughAOneMetreDoor) {
  for (int cohort : {100, 50, 25}) {
    SCOPED_TRACE(cohort);
    const auto l = TestPark()
                       .road("door", {0, 0}, {10, 0}, 1.0)
                       .zone("room", {0, 0}, 100)
                       .shelter("outside", {10, 0}, 1000)
                       .build(1.2, 1.33, cohort);
    const Outcome o = simulate(l);
    EXPECT_NEAR(o.metrics.clearance_s, 10 / 1.2 + 100 / 1.33, 1e-6);
    // Half the persons are out once half the door time has passed (persons arrive evenly).
    EXPECT_NEAR(o.metrics.arrival_p50_s, 10 / 1.2 + 50 / 1.33, 1e-6);
  }
}

// Two cohorts whose routes share a road get max-min fair shares: A is held to 1 p/s by its own
// road R1, so B gets the remaining 2 of the shared road's 3 p/s (not 1.5) and finishes at 50 s;
// A finishes at 100 s. Route lengths are equal so both start sending together.
TEST(Verification, CohortsShareARoadMaxMinFairly) {
  const auto l = TestPark()
                     .road("R1", {0, 0}, {30, 0}, 1, 1.0)
                     .road("R2", {30, 30}, {30, 0}, 1, 5.0)
                     .road("R3", {30, 0}, {60, 0}, 1, 3.0)
                     .zone("A", {0, 0}, 100)
                     .zone("B", {30, 30}, 100)
                     .shelter("S", {60, 0}, 1000)
                     .build(1.0, 1.3, 100);
  const Outcome o = simulate(l);
  const double walk = 60.0;
  ASSERT_EQ(o.legs.size(), 2u);
  for (const auto& leg : o.legs) {
    if (leg.who == "A/c0") {
      EXPECT_NEAR(leg.end_s, walk + 100.0, 1e-6);
    } else {
      EXPECT_EQ(leg.who, "B/c0");
      EXPECT_NEAR(leg.end_s, walk + 50.0, 1e-6);
    }
  }
  // R3 carried 1 + 2 = 3 p/s, its capacity, while both sent; R1 its full 1 p/s; R2 2 of 5.
  EXPECT_NEAR(o.metrics.roads.at("R3").peak_utilisation, 1.0, 1e-9);
  EXPECT_NEAR(o.metrics.roads.at("R1").peak_utilisation, 1.0, 1e-9);
  EXPECT_NEAR(o.metrics.roads.at("R2").peak_utilisation, 0.4, 1e-9);
}

// A shelter of capacity 300 receiving 500 admits exactly 300; the other 200 go on to the next.
TEST(Verification, AFullShelterSendsTheRestOn) {
  const auto l = TestPark()
                     .road("R1", {0, 0}, {100, 0}, 10)
                     .road("R2", {100, 0}, {200, 0}, 10)
                     .zone("Z", {0, 0}, 500)
                     .shelter("S1", {100, 0}, 300)
                     .shelter("S2", {200, 0}, 1000)
                     .build();
  const Outcome o = simulate(l);
  EXPECT_EQ(o.metrics.shelters.at("S1").admitted, 300);
  EXPECT_EQ(o.metrics.shelters.at("S1").peak, 300);
  EXPECT_EQ(o.metrics.shelters.at("S1").overflow, 200);
  EXPECT_EQ(o.metrics.shelters.at("S2").admitted, 200);
  EXPECT_EQ(o.metrics.sheltered, 500);
  EXPECT_EQ(o.metrics.unsheltered, 0);
}

// RiMEA test 9: a crowd limited by its exits. With four 1 m exits and the fastest-arrival rule the
// 1000 persons spread evenly and leave in walk + N/(4 w f); with two exits closed, walk + N/(2 w f):
// the time at the exits doubles, the clearance roughly doubles.
TEST(Verification, ClosingHalfTheExitsRoughlyDoublesClearance) {
  auto room = [](int exits) {
    TestPark p;
    p.zone("hall", {0, 0}, 1000);
    const Point2 ends[] = {{15, 0}, {-15, 0}, {0, 15}, {0, -15}};
    for (int k = 0; k < exits; ++k) {
      p.road("exit" + std::to_string(k), {0, 0}, ends[k], 1.0);
      p.shelter("out" + std::to_string(k), ends[k], 10000);
    }
    auto l = p.build(1.2, 1.3, 50);
    l.scenario.plans[0].shelters.kind = ShelterRule::Kind::Fastest;
    return l;
  };
  const double walk = 15 / 1.2;
  const Outcome four = simulate(room(4)), two = simulate(room(2));
  EXPECT_NEAR(four.metrics.clearance_s, walk + 1000 / (4 * 1.3), 1e-6);
  EXPECT_NEAR(two.metrics.clearance_s, walk + 1000 / (2 * 1.3), 1e-6);
  const double ratio = two.metrics.clearance_s / four.metrics.clearance_s;
  EXPECT_GT(ratio, 1.8);
  EXPECT_LE(ratio, 2.0);
}

namespace {
LoadedScenario teamPark(int evacuees, double turnout_s) {
  auto l = TestPark()
               .road("R1", {0, 0}, {100, 0}, 2.0)
               .station("ST", {0, 0})
               .zone("Z", {100, 0}, evacuees)
               .source("HS", {100, 0}, "Z")
               .shelter("S", {0, 0}, 10000)
               .build(1.2, 1.3, 50);
  test::addTeam(l, "T1", "ST", "hazmat", turnout_s, 12, "L1");
  Hazard h;
  h.id = "L1";
  ToxicRelease r;
  r.source = Ref{"HS", {}};
  r.containment_s = Distribution(600.0);
  h.detail = r;
  l.scenario.hazards.push_back(h);
  return l;
}
}  // namespace

// A team arrives after turn-out plus its drive on empty roads; on a road full of evacuees
// (here walking the other way, so the road is saturated when the team sets out) it is slowed by
// the crowd factor 1 - 0.8 u.
TEST(Verification, TeamArrivalIsTurnOutPlusDriveAndLaterThroughACrowd) {
  const Outcome empty = simulate(teamPark(0, 120));
  ASSERT_TRUE(empty.metrics.teams.at("T1").arrival_s);
  EXPECT_NEAR(*empty.metrics.teams.at("T1").arrival_s, 120 + 100 / 12.0, 1e-6);
  EXPECT_NEAR(*empty.metrics.hazards.at("L1").contained_s, 120 + 100 / 12.0 + 600, 1e-6);

  // 500 evacuees start sending at 100/1.2 = 83.3 s and hold the road until 83.3 + 500/2.6 = 275.6 s.
  const Outcome crowded = simulate(teamPark(500, 120));
  ASSERT_TRUE(crowded.metrics.teams.at("T1").arrival_s);
  EXPECT_NEAR(*crowded.metrics.teams.at("T1").arrival_s, 120 + 100 / (12.0 * crowdSpeedFactor(1.0)), 1e-6);
  EXPECT_GT(*crowded.metrics.teams.at("T1").arrival_s, *empty.metrics.teams.at("T1").arrival_s);
}

// A plan that orders no evacuation sends no one.
TEST(Verification, APlanWithoutEvacuationSendsNoOne) {
  auto l = TestPark().road("R1", {0, 0}, {100, 0}, 4).zone("Z", {0, 0}, 300).shelter("S", {100, 0}, 1000).build();
  l.scenario.plans[0].protect[0].action = ProtectiveAction::ShelterInPlace;
  const Outcome o = simulate(l);
  EXPECT_EQ(o.metrics.sheltered, 0);
  EXPECT_EQ(o.metrics.sheltered_in_place, 300);
  EXPECT_EQ(o.metrics.clearance_s, 0);
  EXPECT_TRUE(o.legs.empty());
  for (const auto& e : o.events) EXPECT_NE(e.kind, EventKind::Depart);

  l.scenario.plans[0].protect.clear();
  const Outcome none = simulate(l);
  EXPECT_EQ(none.metrics.not_ordered, 300);
  EXPECT_TRUE(none.legs.empty());
}

// People still on their way at the horizon are counted, never lost.
TEST(Verification, PeopleStillMovingAtTheHorizonAreCounted) {
  auto l = TestPark().road("R1", {0, 0}, {1000, 0}, 1, 0.1).zone("Z", {0, 0}, 200).shelter("S", {1000, 0}, 1000).build();
  l.scenario.horizon_s = 1200;  // the walk alone takes 833 s; 200 persons at 0.1 p/s take 2000 s more
  const Outcome o = simulate(l);
  EXPECT_EQ(o.metrics.sheltered, 0);
  EXPECT_EQ(o.metrics.unsheltered, 200);
  EXPECT_EQ(o.metrics.clearance_s, 1200);
  EXPECT_EQ(o.metrics.sheltered + o.metrics.unsheltered + o.metrics.sheltered_in_place + o.metrics.not_ordered,
            o.metrics.population);
}

namespace {
// Closes the given roads from the start, as the hazard physics will when a road's concentration
// exceeds the plan's threshold.
class ClosedRoads final : public HazardEffects {
 public:
  explicit ClosedRoads(std::vector<int> roads) : roads_(std::move(roads)) {}
  std::vector<int> threatZones(double) const override { return {}; }
  double concentration_mg_m3(Point2, double) const override { return 0; }
  bool roadClosed(int road, double) const override {
    return std::find(roads_.begin(), roads_.end(), road) != roads_.end();
  }
  void stopped(const std::string&, double) override {}

 private:
  std::vector<int> roads_;
};

Outcome simulateClosed(const LoadedScenario& l, std::vector<int> closed) {
  return runForked([&] {
    Platform platform(l);
    ClosedRoads hazards(closed);
    return runReplication(platform, l, l.scenario.plans[0], 1, 0, hazards);
  });
}
}  // namespace

// Roads closed to new movements: cohorts take a declared detour; teams drive around; with every
// route closed a cohort shelters in place in its zone, and a team drives through the closed road
// (with protective equipment) rather than not at all.
TEST(Verification, ClosedRoadsAreAvoidedOrTheZoneSheltersInPlace) {
  auto l = TestPark()
               .road("direct", {0, 0}, {200, 0}, 4)
               .road("up", {0, 0}, {100, 100}, 4)
               .road("down", {100, 100}, {200, 0}, 4)
               .zone("Z", {0, 0}, 100)
               .source("HS", {0, 0}, "Z")
               .station("ST", {200, 0})
               .shelter("S", {200, 0}, 1000)
               .build(1.2, 1.3, 100);
  test::addTeam(l, "T1", "ST", "fire", 60, 10, "Z");

  const Outcome open = simulateClosed(l, {});
  EXPECT_NEAR(open.metrics.clearance_s, 200 / 1.2 + 100 / (4 * 1.3), 1e-6);
  EXPECT_NEAR(*open.metrics.teams.at("T1").arrival_s, 60 + 200 / 10.0, 1e-6);

  const Outcome detour = simulateClosed(l, {0});
  const double around = 2 * std::hypot(100.0, 100.0);
  EXPECT_NEAR(detour.metrics.clearance_s, around / 1.2 + 100 / (4 * 1.3), 1e-6);
  ASSERT_FALSE(detour.legs.empty());
  EXPECT_EQ(detour.legs[0].roads, (std::vector<int>{1, 2}));
  EXPECT_NEAR(*detour.metrics.teams.at("T1").arrival_s, 60 + around / 10.0, 1e-6);

  const Outcome shut = simulateClosed(l, {0, 1});
  EXPECT_EQ(shut.metrics.sheltered, 0);
  EXPECT_EQ(shut.metrics.sheltered_in_place, 100);
  EXPECT_EQ(shut.metrics.unsheltered, 0);
  EXPECT_NEAR(*shut.metrics.teams.at("T1").arrival_s, 60 + around / 10.0, 1e-6);  // via "down" (open) and "up" (closed)
  const Outcome sealed = simulateClosed(l, {0, 1, 2});
  EXPECT_NEAR(*sealed.metrics.teams.at("T1").arrival_s, 60 + 200 / 10.0, 1e-6);
}

namespace {
// A fixed concentration everywhere from t = 0, of one substance, for checking doses by hand.
class UniformCloud final : public HazardEffects {
 public:
  UniformCloud(const Substance& s, double mg_m3) : substance_(s), mg_m3_(mg_m3) {}
  std::vector<int> threatZones(double) const override { return {}; }
  double concentration_mg_m3(Point2, double) const override { return mg_m3_; }
  bool roadClosed(int, double) const override { return false; }
  void stopped(const std::string&, double) override {}
  int releaseCount() const override { return 1; }
  const Substance* releaseSubstance(int) const override { return &substance_; }
  double releaseConcentration_mg_m3(int, Point2, double) const override { return mg_m3_; }

 private:
  Substance substance_;
  double mg_m3_;
};
}  // namespace

// Doses: indoors the building's air
// follows it with one air change per hour. The toxic load over the horizon is checked by hand.
TEST(Verification, ToxicLoadIndoorsMatchesTheClosedForm) {
  Substance cl;
  cl.id = "chlorine";
  cl.molar_mass_g_mol = 70.90;
  cl.probit_a = -6.35;  // Purple Book CPR 18E Table 5.2, mg/m3 and min
  cl.probit_b = 0.5;
  cl.probit_n = 2.75;
  cl.probit_conc_unit = drillsim::ProbitConcentrationUnit::MgM3;
  cl.probit_time_unit = drillsim::ProbitTimeUnit::Minute;
  cl.aegl_ppm[1][2] = 2.0;  // 1 h values only, scaled by ten Berge's n = 2 (sim/hazard/Aegl.hpp)
  cl.aegl_ppm[2][2] = 20.0;
  cl.aegl_n = 2;
  auto l = TestPark().road("R1", {0, 0}, {100, 0}, 4).zone("Z", {0, 0}, 100).shelter("S", {100, 0}, 1000).build();
  l.scenario.horizon_s = 1800;
  l.scenario.plans[0].protect[0].action = ProtectiveAction::ShelterInPlace;
  const double c = 100;  // mg/m3, about 34 ppm: above AEGL-3 outdoors
  const Outcome o = runForked([&] {
    Platform platform(l);
    UniformCloud cloud(cl, c);
    return runReplication(platform, l, l.scenario.plans[0], 1, 0, cloud);
  });
  // Indoors from t = 0: C_in(t) = c (1 - e^{-lambda t}), lambda = 1/h; the load is the integral of
  // C_in^n over 30 min (in minutes). Computed here by fine quadrature of the closed form.
  double load = 0;
  const double lambda = 1.0 / 3600;
  for (double t = 0.05; t < 1800; t += 0.1) load += std::pow(c * (1 - std::exp(-lambda * t)), 2.75) * 0.1 / 60;
  // Against the AEGLs, the load of C_in^2 [ppm^2 s] (ten Berge's n = 2, which makes g(W)^2 W the
  // same for every window): over AEGL-2 when it reaches 2^2 x 3600, over AEGL-3 at 20^2 x 3600.
  double ppmLoad = 0;
  const double cPpm = c * 24.45 / cl.molar_mass_g_mol;
  for (double t = 0.05; t < 1800; t += 0.1) ppmLoad += std::pow(cPpm * (1 - std::exp(-lambda * t)), 2) * 0.1;
  ASSERT_GT(ppmLoad, 2.0 * 2.0 * 3600);
  ASSERT_LT(ppmLoad, 20.0 * 20.0 * 3600);
  EXPECT_EQ(o.metrics.persons_over_aegl2, 100);
  EXPECT_EQ(o.metrics.persons_over_aegl3, 0);
  const double p = standardNormalCdf(-6.35 + 0.5 * std::log(load) - 5);
  // The engine steps the building's air in 10 s steps: agreement to the step's error, 1 %.
  EXPECT_NEAR(o.metrics.expected_fatalities, 100 * p, 0.01 * 100 * p + 1e-12);
  EXPECT_EQ(o.metrics.zones.at("Z").persons_over_aegl2, 100);
}
