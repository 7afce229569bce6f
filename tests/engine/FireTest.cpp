// Fire in the engine: zone-level spread timed by Hamada's wind factor, a fire team controlling it
// zone by zone, the heat closing roads, and the metrics that say what burnt.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/engine/Replication.hpp"
#include "sim/hazard/HazardModel.hpp"
#include "tests/TestPaths.hpp"
#include "tests/engine/Forked.hpp"
#include "tests/engine/TestPark.hpp"

using namespace drillsim;

namespace {
// Three 10 m zones in a row 10 m apart on an east-west street, the shelter and station 200 m east
// of the last. Wind 2 m/s from the west: each spread link points downwind. Nobody is ordered out.
LoadedScenario row(std::optional<double> heatRelease_MW = std::nullopt) {
  auto l = test::TestPark()
               .road("a", {0, 0}, {20, 0}, 4)
               .road("b", {20, 0}, {40, 0}, 4)
               .road("c", {40, 0}, {240, 0}, 4)
               .zone("Z1", {0, 0}, 50)
               .zone("Z2", {20, 0}, 50)
               .zone("Z3", {40, 0}, 50)
               .shelter("S", {240, 0}, 1000)
               .station("ST", {240, 0})
               .build();
  l.scenario.horizon_s = 3600;
  l.scenario.weather.wind_speed_ms = Distribution(2.0);
  l.scenario.weather.wind_from_deg = Distribution(270.0);
  Fire f;
  f.zone = {"Z1", {}};
  f.spread_m = Distribution(12.0);  // reaches the next zone (10 m), not the one after (30 m)
  f.spread_delay_s = Distribution(600.0);
  f.control_s = Distribution(300.0);
  if (heatRelease_MW) f.heat_release_mw = Distribution(*heatRelease_MW);
  l.scenario.hazards.push_back({"F1", Distribution(0.0), f, {}});
  l.scenario.plans[0].protect.clear();
  return l;
}

Outcome simulate(const LoadedScenario& l) {
  return test::runForked([&] {
    Platform platform(l);
    HazardModel hazards(l, l.scenario.plans[0], 1, 0);
    return runReplication(platform, l, l.scenario.plans[0], 1, 0, hazards);
  });
}

/// The first event of that kind and entity, or null.
const Event* logged(const Outcome& o, EventKind kind, const std::string& entity) {
  const auto it = std::find_if(o.events.begin(), o.events.end(), [&](const Event& e) { return e.kind == kind && e.entity == entity; });
  return it == o.events.end() ? nullptr : &*it;
}
}  // namespace

TEST(Fire, UnfoughtItSpreadsDownTheRowAtHamadaShortenedDelays) {
  const Outcome o = simulate(row());
  const double f = hazard::windDelayFactor(hazard::kBuildingSide_m, 10, 2, hazard::kFireResistantShare, 1);
  ASSERT_LT(f, 1);
  EXPECT_EQ(o.metrics.zones_burnt, 3);
  EXPECT_NEAR(*o.metrics.zones.at("Z1").ignited_s, 0, 1e-9);
  EXPECT_NEAR(*o.metrics.zones.at("Z2").ignited_s, 600 * f, 1e-9);
  EXPECT_NEAR(*o.metrics.zones.at("Z3").ignited_s, 1200 * f, 1e-9);
  const Event* ignited = logged(o, EventKind::Ignited, "Z3");
  ASSERT_NE(ignited, nullptr);
  EXPECT_EQ(ignited->hazard, "F1");
  EXPECT_EQ(o.metrics.persons_in_fire, 150);  // nobody was ordered out
  EXPECT_EQ(o.metrics.zones.at("Z2").persons_in_fire, 50);
  EXPECT_FALSE(o.metrics.hazards.at("F1").controlled_s);
}

TEST(Fire, ATeamOnSceneBeforeTheFirstSpreadKeepsItToOneZone) {
  auto l = row();
  test::addTeam(l, "FT", "ST", "fire", 60, 10, "F1");
  const Outcome o = simulate(l);
  // On scene at turn-out + 240 m / 10 m/s = 84 s; the zone has burnt 84 s, so the 300 s of work
  // grow by 84 / 1800: under control at 84 + 300 (1 + 84/1800) s, before Z2's ignition at 600 f s.
  const double arrival = 60 + 240 / 10.0, controlled = arrival + 300 * (1 + arrival / 1800);
  EXPECT_NEAR(*o.metrics.teams.at("FT").arrival_s, arrival, 1e-6);
  ASSERT_TRUE(o.metrics.hazards.at("F1").controlled_s);
  EXPECT_NEAR(*o.metrics.hazards.at("F1").controlled_s, controlled, 1e-6);
  EXPECT_EQ(o.metrics.zones_burnt, 1);
  EXPECT_FALSE(o.metrics.zones.at("Z2").ignited_s);
  const Event* zoneControlled = logged(o, EventKind::ZoneControlled, "Z1");
  ASSERT_NE(zoneControlled, nullptr);
  EXPECT_EQ(zoneControlled->team, "FT");
}

TEST(Fire, ALateTeamControlsZoneByZoneAndTheWorkGrowsWithBurnTime) {
  auto l = row();
  test::addTeam(l, "FT", "ST", "fire", 900, 10, "F1");  // turns out after 15 min
  const Outcome o = simulate(l);
  const double f = hazard::windDelayFactor(hazard::kBuildingSide_m, 10, 2, hazard::kFireResistantShare, 1);
  // On scene at 924 s: Z1 and Z2 (600 f = 462 s) burn. Z1 is nearest: done at 924 + 300 (1 + 924/1800).
  // Z2 had by then ignited Z3 (at 1200 f = 925 s); the team takes Z2, then Z3.
  const double arrival = 924, z1 = arrival + 300 * (1 + arrival / 1800);
  const double z2 = z1 + 300 * (1 + (z1 - 600 * f) / 1800), z3 = z2 + 300 * (1 + (z2 - 1200 * f) / 1800);
  EXPECT_EQ(o.metrics.zones_burnt, 3);
  ASSERT_TRUE(o.metrics.hazards.at("F1").controlled_s);
  EXPECT_NEAR(*o.metrics.hazards.at("F1").controlled_s, z3, 1e-6);
}

TEST(Fire, HeatClosesTheRoadByTheBurningZoneOnly) {
  // 10 MW, 30 % radiated, from a fire disc of radius sqrt(10 000 / (500 pi)) = 2.5 m at Z1's edge:
  // 5 kW/m2 reaches sqrt(0.3 * 10 000 / (4 pi 5)) - 2.5 = 4.4 m beyond the edge. Road a starts
  // inside Z1; road b starts 15 m from its edge (0.8 kW/m2).
  auto l = row(10.0);
  l.scenario.hazards[0].detail = [&] {
    Fire f = std::get<Fire>(l.scenario.hazards[0].detail);
    f.spread_delay_s.reset();  // no spread: one zone burns
    return f;
  }();
  const Outcome o = simulate(l);
  const Event* closed = logged(o, EventKind::RoadClosed, "a");
  ASSERT_NE(closed, nullptr);
  EXPECT_EQ(closed->closure.cause, RoadClosure::Cause::Heat);
  EXPECT_EQ(eventDetail(*closed), "heat flux at least 5 kW/m2");
  EXPECT_EQ(logged(o, EventKind::RoadClosed, "b"), nullptr);
  EXPECT_EQ(o.metrics.zones_burnt, 1);
}

TEST(Fire, TheQuickHeatCheckGivesTheFluxsAnswer) {
  // heatReaches settles most places from the burning zones' boxes; its answer must be the flux's
  // own, at places near and far, at the closure level and others, while the bundled fire spreads.
  Diagnostics d;
  const auto l = loadAndValidate(test::sourcePath("data/scenarios/warehouse_fire_day.yaml"), d);
  ASSERT_TRUE(l) << d.str();
  std::vector<Point2> places;
  for (const Zone& z : l->park.zones) {
    places.push_back(z.centroid);
    for (const Ring& ring : z.outer)
      for (std::size_t i = 1; i < ring.size(); ++i)  // beside each edge, inside and out
        for (double out : {-3.0, 0.0, 2.0, 5.0, 9.0, 20.0}) {
          const Point2 a = ring[i - 1], b = ring[i];
          const double len = distance(a, b);
          if (len <= 0) continue;
          places.push_back({(a.x_m + b.x_m) / 2 + out * (b.y_m - a.y_m) / len,
                            (a.y_m + b.y_m) / 2 - out * (b.x_m - a.x_m) / len});
        }
  }
  for (const Road& r : l->park.roads) places.insert(places.end(), r.line.begin(), r.line.end());
  int yes = 0, no = 0;
  for (std::uint64_t rep = 0; rep < 8; ++rep) {
    const HazardModel h(*l, l->scenario.plans[0], 20240521, rep);
    for (double t = 0; t <= 3600; t += 300)
      for (double level : {1.0, kHeatClosure_kW_m2, 12.5, 37.5})
        for (int except : {-1, 0}) {
          for (const Point2 p : places) {
            const bool exact = h.heatFlux_kW_m2(p, t, except) >= level;
            ASSERT_EQ(h.heatReaches(p, t, except, level), exact) << p.x_m << " " << p.y_m << " t " << t;
            ++(exact ? yes : no);
          }
        }
  }
  EXPECT_GT(yes, 100);  // both answers were asked for, many times
  EXPECT_GT(no, 100);
}
