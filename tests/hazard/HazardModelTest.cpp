// The hazards of a replication acting on the run: threat zones, road closures, containment.
#include "sim/hazard/HazardModel.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/hazard/Puff.hpp"
#include "tests/TestPaths.hpp"
#include "tests/hazard/MiniLeak.hpp"

using namespace drillsim;

namespace {
LoadedScenario mini(double windFrom_deg) { return test::miniLeak(Distribution(windFrom_deg)); }
}  // namespace

TEST(HazardModel, WeatherAndReleaseAreDrawnByReplicationNotByPlan) {
  Diagnostics d;
  auto l = loadAndValidate(test::sourcePath("data/scenarios/chlorine_night.yaml"), d);
  ASSERT_TRUE(l) << d.str();
  const HazardModel a(*l, l->scenario.plans[0], 9, 4), b(*l, l->scenario.plans[2], 9, 4), c(*l, l->scenario.plans[0], 9, 5);
  EXPECT_EQ(a.weather().windFrom_deg, b.weather().windFrom_deg);
  EXPECT_EQ(a.weather().windSpeed_ms, b.weather().windSpeed_ms);
  EXPECT_EQ(a.releases()[0].release.rate_kg_s, b.releases()[0].release.rate_kg_s);
  EXPECT_NE(a.weather().windSpeed_ms, c.weather().windSpeed_ms);
}

TEST(HazardModel, TheRoadDownwindClosesAndTheZoneDownwindIsThreatened) {
  // HS1 stands at (100, 60) m local, 60 m north of road R1 (y = 0); zone Z2 lies to the east.
  const LoadedScenario north = mini(0);  // wind from the north blows the plume south, over R1
  const HazardModel h(north, north.scenario.plans[0], 1, 0);  // plan A closes roads above AEGL-3
  const double t = 600;
  EXPECT_TRUE(h.roadClosed(0, t));
  EXPECT_FALSE(h.roadClosed(2, t));  // R3 runs south from x = 400 m, far off the plume's axis
  const auto threatened = h.threatZones(t);
  EXPECT_NE(std::find(threatened.begin(), threatened.end(), 0), threatened.end());  // Z1 holds the source

  const LoadedScenario south = mini(180);  // wind from the south: R1 is upwind
  const HazardModel upwind(south, south.scenario.plans[0], 1, 0);
  EXPECT_FALSE(upwind.roadClosed(0, t));

  const HazardModel never(north, north.scenario.plans[1], 1, 0);  // plan B: close_roads_above none
  EXPECT_FALSE(never.roadClosed(0, t));
}

TEST(HazardModel, ContainmentClearsTheAirOnceTheTailHasPassed) {
  const LoadedScenario l = mini(0);
  HazardModel h(l, l.scenario.plans[0], 1, 0);
  const Point2 source = l.park.sources[0].position;
  const Point2 onR1{source.x_m, source.y_m - 60};  // 60 m downwind of the source, on R1
  const double steady = h.concentration_mg_m3(onR1, 600);
  ASSERT_GT(steady, 0);
  h.stopped("L1", 700);
  // The tail leaves the source at 700 s and reaches R1 60 m / 2 m/s = 30 s later, spread along the
  // wind (Palazzi et al. 1982): half the steady concentration as its centre passes (erf(0) = 0,
  // the front long gone by), most of it before, a trace after, nothing a minute later.
  EXPECT_NEAR(h.concentration_mg_m3(onR1, 730) / steady, 0.5, 1e-9);
  EXPECT_GT(h.concentration_mg_m3(onR1, 720), 0.5 * steady);
  EXPECT_LT(h.concentration_mg_m3(onR1, 740), 0.5 * steady);
  EXPECT_LT(h.concentration_mg_m3(onR1, 790), 1e-6 * steady);
  EXPECT_FALSE(h.roadClosed(0, 800));
}

TEST(HazardModel, APuffIsSeenByTheMonitorForAMinuteAndResolvedInTheDoses) {
  // The mini leak as 50 kg at once (instantaneous_kg), wind 2 m/s from the north over R1 60 m
  // south of HS1, --model passive: the Gaussian puff passes R1 30 s after the start, in seconds.
  LoadedScenario l = mini(0);
  auto& leak = std::get<ToxicRelease>(l.scenario.hazards[0].detail);
  leak.instantaneous_kg = Distribution(50.0);
  l.scenario.dispersion = DispersionModel::Passive;
  const HazardModel h(l, l.scenario.plans[0], 1, 0);
  ASSERT_EQ(h.releases().size(), 1u);
  const DrawnRelease& r = h.releases()[0];
  EXPECT_EQ(r.release.puff_kg, 50);
  EXPECT_FALSE(r.release.plume());
  EXPECT_EQ(r.dispersionName(), "puff");
  const Point2 source = l.park.sources[0].position;
  const Point2 onR1{source.x_m, source.y_m - 60};
  const double start = r.release.start_s, passes = start + 30;
  const double peak = h.concentration_mg_m3(onR1, passes);
  ASSERT_GT(peak, 0);
  EXPECT_LT(h.concentration_mg_m3(onR1, passes + 20), 1e-3 * peak);  // gone within seconds
  // The monitor looks every minute: R1 is closed at the first look after the puff crossed it
  // (plan A closes above AEGL-3), open again a minute later.
  EXPECT_TRUE(h.roadClosed(0, passes + 50));
  EXPECT_FALSE(h.roadClosed(0, passes + 70));
  EXPECT_FALSE(h.roadClosed(0, start + 5));
  // Exposure steps of 10 s are cut to half the passage's sigma where it passes, not elsewhere.
  const double sigma_s = hazard::puffSigmas(60, hazard::Stability::D).x_m / 2;
  EXPECT_NEAR(h.releaseSubstep_s(0, onR1, passes - 5, passes + 5), sigma_s / 2, 1e-9);
  EXPECT_TRUE(std::isinf(h.releaseSubstep_s(0, onR1, passes + 600, passes + 610)));
}

// stability: {pasquill: SKY} derives the class from the drawn wind speed by Pasquill's table.
// A drawn sky: at 4 m/s a clear night gives E and an overcast one D (Pasquill's table), in the
// shares of the sky's weights, from a stream of its own (weather/sky).
TEST(HazardModel, ADrawnSkyGivesTheClassesOfItsShare) {
  LoadedScenario l = mini(0);
  l.scenario.weather.sky = WordChoice<Sky>{{Sky::NightClear, Sky::Overcast}, {3, 1}};
  l.scenario.weather.wind_speed_ms = Distribution(4.0);
  int e = 0, other = 0;
  for (std::uint64_t r = 0; r < 4000; ++r) {
    std::string sky;
    const auto w = drawWeather(l.scenario, 7, r, &sky);
    if (sky == "night_clear") {
      EXPECT_EQ(w.stability, hazard::Stability::E);
      ++e;
    } else {
      EXPECT_EQ(sky, "overcast");
      EXPECT_EQ(w.stability, hazard::Stability::D);
      ++other;
    }
  }
  // 3 in 4 clear: 3000 of 4000, binomial sd 27; within 4 sd.
  EXPECT_NEAR(e, 3000, 110);
  EXPECT_EQ(e + other, 4000);
}

TEST(HazardModel, StabilityFromTheSkyFollowsPasquillsTable) {
  LoadedScenario l = mini(0);
  l.scenario.weather.sky = WordChoice<Sky>{{Sky::NightClear}, {}};
  l.scenario.weather.wind_speed_ms = Distribution(1.5);
  EXPECT_EQ(HazardModel(l, l.scenario.plans[0], 1, 0).weather().stability, hazard::Stability::F);
  l.scenario.weather.wind_speed_ms = Distribution(4.0);
  EXPECT_EQ(HazardModel(l, l.scenario.plans[0], 1, 0).weather().stability, hazard::Stability::E);
  l.scenario.weather.sky = WordChoice<Sky>{{Sky::StrongSun}, {}};
  EXPECT_EQ(HazardModel(l, l.scenario.plans[0], 1, 0).weather().stability, hazard::Stability::B);
  l.scenario.weather.sky = WordChoice<Sky>{{Sky::Overcast}, {}};
  EXPECT_EQ(HazardModel(l, l.scenario.plans[0], 1, 0).weather().stability, hazard::Stability::D);
}
