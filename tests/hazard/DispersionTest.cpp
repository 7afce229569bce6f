#include "sim/hazard/Dispersion.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

using namespace drillsim;
using namespace drillsim::hazard;

namespace {
constexpr std::array<Stability, 6> kClasses = {Stability::A, Stability::B, Stability::C,
                                               Stability::D, Stability::E, Stability::F};
constexpr std::array<double, 7> kDistances_m = {100, 250, 500, 1000, 2500, 5000, 10000};

void expectRelative(double actual, double expected, double rel, const std::string& what) {
  EXPECT_NEAR(actual, expected, rel * std::abs(expected)) << what;
}
}  // namespace

// Briggs (1973) open country, Boubel et al., Fundamentals of Air Pollution 3e, Table 19-7 (typed in again).
TEST(DispersionSigmas, BriggsRuralFollowsTable19_7) {
  for (double x : kDistances_m) {
    const double r = 1 / std::sqrt(1 + 0.0001 * x);
    const std::array<double, 6> sy = {0.22 * x * r, 0.16 * x * r, 0.11 * x * r,
                                      0.08 * x * r, 0.06 * x * r, 0.04 * x * r};
    const std::array<double, 6> sz = {0.20 * x,
                                      0.12 * x,
                                      0.08 * x / std::sqrt(1 + 0.0002 * x),
                                      0.06 * x / std::sqrt(1 + 0.0015 * x),
                                      0.03 * x / (1 + 0.0003 * x),
                                      0.016 * x / (1 + 0.0003 * x)};
    for (int k = 0; k < 6; ++k) {
      const Sigmas s = briggsSigmas(x, kClasses[k], Terrain::Rural);
      const std::string what = "class " + std::string(1, char('A' + k)) + " x = " + std::to_string(x);
      expectRelative(s.y_m, sy[k], 1e-9, what);
      expectRelative(s.z_m, sz[k], 1e-9, what);
    }
  }
}

// Briggs (1973) urban, Boubel et al. 3e Table 19-6: classes A-B, C, D, E-F (typed in again).
TEST(DispersionSigmas, BriggsUrbanFollowsTable19_6) {
  for (double x : kDistances_m) {
    const double r = 1 / std::sqrt(1 + 0.0004 * x);
    const std::array<double, 6> sy = {0.32 * x * r, 0.32 * x * r, 0.22 * x * r,
                                      0.16 * x * r, 0.11 * x * r, 0.11 * x * r};
    const double zAB = 0.24 * x * std::sqrt(1 + 0.001 * x), zEF = 0.08 * x / std::sqrt(1 + 0.0015 * x);
    const std::array<double, 6> sz = {zAB, zAB, 0.20 * x, 0.14 * x / std::sqrt(1 + 0.0003 * x), zEF, zEF};
    for (int k = 0; k < 6; ++k) {
      const Sigmas s = briggsSigmas(x, kClasses[k], Terrain::Urban);
      const std::string what = "class " + std::string(1, char('A' + k)) + " x = " + std::to_string(x);
      expectRelative(s.y_m, sy[k], 1e-9, what);
      expectRelative(s.z_m, sz[k], 1e-9, what);
    }
  }
}

TEST(DispersionSigmas, BriggsHandComputedValues) {
  const Sigmas d = briggsSigmas(1000, Stability::D, Terrain::Rural);
  EXPECT_NEAR(d.y_m, 0.08 * 1000 / std::sqrt(1.1), 1e-9);  // 76.277
  EXPECT_NEAR(d.z_m, 0.06 * 1000 / std::sqrt(2.5), 1e-9);  // 37.947
  EXPECT_NEAR(d.y_m, 76.277, 5e-4);
  EXPECT_NEAR(d.z_m, 37.947, 5e-4);
  const Sigmas f = briggsSigmas(500, Stability::F, Terrain::Rural);
  EXPECT_NEAR(f.y_m, 20 / std::sqrt(1.05), 1e-9);  // 19.518 (hazard.md T4)
  EXPECT_NEAR(f.z_m, 8 / 1.15, 1e-9);              // 6.9565
  const Sigmas ua = briggsSigmas(1000, Stability::A, Terrain::Urban);
  EXPECT_NEAR(ua.y_m, 320 / std::sqrt(1.4), 1e-9);
  EXPECT_NEAR(ua.z_m, 240 * std::sqrt(2.0), 1e-9);
  const Sigmas ue = briggsSigmas(2000, Stability::E, Terrain::Urban);
  EXPECT_NEAR(ue.y_m, 220 / std::sqrt(1.8), 1e-9);
  EXPECT_NEAR(ue.z_m, 160 / 2.0, 1e-9);
  const Sigmas none = briggsSigmas(0, Stability::D, Terrain::Rural);
  EXPECT_EQ(none.y_m, 0);
  EXPECT_EQ(none.z_m, 0);
  EXPECT_EQ(briggsSigmas(-5, Stability::B, Terrain::Urban).y_m, 0);
}

// ISC3, EPA-454/B-95-003b: sigma_y from Table 1-1, sigma_z = a x^b from Table 1-2 (x in km).
TEST(DispersionSigmas, PasquillGiffordFollowsIsc3) {
  const Sigmas d = pasquillGiffordSigmas(1000, Stability::D);
  EXPECT_NEAR(d.y_m, 465.11628 * std::tan(0.017453293 * 8.3330), 1e-9);
  EXPECT_NEAR(d.z_m, 32.093, 1e-9);  // 0.31-1.00 km row: a = 32.093, b = 0.81066
  const Sigmas f = pasquillGiffordSigmas(5000, Stability::F);
  EXPECT_NEAR(f.z_m, 16.187 * std::pow(5.0, 0.46490), 1e-9);            // 3.01-7.00 km row
  EXPECT_NEAR(pasquillGiffordSigmas(5000, Stability::A).z_m, 5000, 0);  // capped beyond 3.11 km
  EXPECT_EQ(pasquillGiffordSigmas(0, Stability::C).z_m, 0);
}

// T1. De Visscher, Air Dispersion Modeling (Wiley 2014), Example 2.1: Q = 100 g/s, u = 7 m/s,
// H = 90 m, class D, Briggs rural, x = 1500 m. Tolerances: half a unit of the last printed digit.
TEST(DispersionPublished, DeVisscherExample2_1) {
  const Sigmas s = briggsSigmas(1500, Stability::D, Terrain::Rural);
  EXPECT_NEAR(s.y_m, 111.90, 0.005);
  EXPECT_NEAR(s.z_m, 49.92, 0.005);
  const double c0_ug = plumeConcentration_kg_m3(0.1, 7, 90, 0, 0, s) * 1e9;
  const double c100_ug = plumeConcentration_kg_m3(0.1, 7, 90, 100, 0, s) * 1e9;
  EXPECT_NEAR(c0_ug, 160.3, 0.05);
  EXPECT_NEAR(c100_ug, 107.5, 0.05);
}

// T2. Boubel, Fox, Turner & Stern, Fundamentals of Air Pollution 3e, section 19.III.D: Q = 0.37 g/s,
// H = 40 m, u = 2 m/s, class B, Pasquill-Gifford sigmas; the maximum lies near sigma_z = H / sqrt(2).
TEST(DispersionPublished, BoubelSection19_III_D) {
  const std::array<double, 3> x_km = {0.26, 0.28, 0.30};
  const std::array<double, 3> sy = {45.9, 49.0, 52.2}, sz = {26.2, 28.2, 30.1}, c = {1.53, 1.56, 1.55};
  for (int i = 0; i < 3; ++i) {
    const Sigmas s = pasquillGiffordSigmas(x_km[i] * 1000, Stability::B);
    EXPECT_NEAR(s.y_m, sy[i], 0.05) << x_km[i];
    EXPECT_NEAR(s.z_m, sz[i], 0.05) << x_km[i];
    EXPECT_NEAR(plumeConcentration_kg_m3(0.37e-3, 2, 40, 0, 0, s) * 1e3 * 1e5, c[i], 0.005) << x_km[i];  // 1e-5 g/m3
  }
}

// T4 of hazard.md (CCPS 1999 p. 97 set-up; derived, the book's answer not seen): ground release.
TEST(DispersionPublished, GroundReleaseClassF) {
  const Sigmas s = briggsSigmas(500, Stability::F, Terrain::Rural);
  EXPECT_NEAR(plumeConcentration_kg_m3(0.1, 2, 0, 0, 0, s), 1.172e-4, 0.0005e-4);
}

TEST(Plume, FrameFollowsTheWindDirection) {
  const Point2 src{1000, 2000};
  const PlumeFrame south = plumeFrame(src, {1000, 1500}, 0);  // wind from the north
  EXPECT_NEAR(south.downwind_m, 500, 1e-9);
  EXPECT_NEAR(south.crosswind_m, 0, 1e-9);
  const PlumeFrame west = plumeFrame(src, {700, 2000}, 90);  // wind from the east
  EXPECT_NEAR(west.downwind_m, 300, 1e-9);
  EXPECT_NEAR(west.crosswind_m, 0, 1e-9);
  // Facing south (wind from the north), east is on the left.
  EXPECT_NEAR(plumeFrame(src, {1040, 1500}, 0).crosswind_m, 40, 1e-9);
  EXPECT_NEAR(plumeFrame(src, {1000, 2500}, 0).downwind_m, -500, 1e-9);
}

TEST(Plume, ZeroUpwindAndTheFrontAndTailSpreadAlongTheWind) {
  const Release r{0.5, 0, 60, 660, {}, 0, {}};
  const Weather w{2, 0, Stability::D, Terrain::Rural, 293.15};
  const Point2 src{0, 0}, p{0, -400};  // 400 m downwind: the cloud takes 200 s to arrive
  EXPECT_EQ(concentration_mg_m3(r, w, src, {0, 400}, 300), 0);  // upwind
  EXPECT_EQ(concentration_mg_m3(r, w, src, {400, 0}, 300), 0);  // abeam of the source
  const Sigmas s = briggsSigmas(400, Stability::D, Terrain::Rural);
  const double steady = plumeConcentration_kg_m3(0.5, 2, 0, 0, 0, s) * 1e6;
  // Palazzi et al. 1982 with sigma_x = sigma_y(400 m) = 31.4 m, i.e. 15.7 s at 2 m/s: half the
  // steady plume as the front's centre passes (start + x/u = 260 s) and as the tail's does (860 s),
  // all of it in between, none six spreads before the front or after the tail.
  EXPECT_NEAR(concentration_mg_m3(r, w, src, p, 260), 0.5 * steady, 1e-9 * steady);
  EXPECT_NEAR(concentration_mg_m3(r, w, src, p, 860), 0.5 * steady, 1e-9 * steady);
  EXPECT_NEAR(concentration_mg_m3(r, w, src, p, 500), steady, 1e-9 * steady);
  EXPECT_LT(concentration_mg_m3(r, w, src, p, 260 - 6 * 15.7), 1e-8 * steady);
  EXPECT_LT(concentration_mg_m3(r, w, src, p, 860 + 6 * 15.7), 1e-8 * steady);
  EXPECT_EQ(concentration_mg_m3(r, w, src, p, 50), 0);  // before the release starts
  // Spreading moves the cloud's mass in time, it does not make or lose it: the dose is the steady
  // concentration times the release's 600 s (midpoint rule, 0.1 s steps).
  double dose = 0;
  for (double t = 0.05; t < 1200; t += 0.1) dose += concentration_mg_m3(r, w, src, p, t) * 0.1;
  EXPECT_NEAR(dose, steady * 600, 1e-6 * steady * 600);
  const Release endless{0.5, 0, 0, std::numeric_limits<double>::infinity(), {}, 0, {}};
  EXPECT_NEAR(concentration_mg_m3(endless, w, src, p, 1e7), steady, 1e-9 * steady);
  // Within 1 m of the source the gate stays sharp.
  const Point2 near{0, -0.5};
  EXPECT_EQ(concentration_mg_m3(r, w, src, near, 59.9), 0);
  EXPECT_EQ(concentration_mg_m3(r, w, src, near, 660.5), 0);
}

TEST(Plume, SymmetricCrosswind) {
  const Release r{0.5, 10, 0, 1e9, {}, 0, {}};
  const Weather w{3, 90, Stability::C, Terrain::Urban, 293.15};
  for (double y : {5.0, 30.0, 120.0}) {
    const double left = concentration_mg_m3(r, w, {0, 0}, {-600, -y}, 1000);
    const double right = concentration_mg_m3(r, w, {0, 0}, {-600, y}, 1000);
    EXPECT_GT(left, 0);
    EXPECT_NEAR(left, right, 1e-12 * left);
  }
  const Sigmas s{40, 20};
  EXPECT_DOUBLE_EQ(plumeConcentration_kg_m3(1, 2, 5, 17, 1, s), plumeConcentration_kg_m3(1, 2, 5, -17, 1, s));
  EXPECT_EQ(plumeConcentration_kg_m3(1, 2, 5, 0, 0, {0, 20}), 0);
}

TEST(Plume, CentrelineDistanceFindsTheFarEdgeOfAnElevatedPlume) {
  // T1's stack: the centreline rises to a peak near 1.5 km, then falls.
  auto c = [](double x) {
    return plumeConcentration_kg_m3(0.1, 7, 90, 0, 0, briggsSigmas(x, Stability::D, Terrain::Rural)) * 1e6;
  };
  const double level = 0.1;  // mg/m3, below the peak of about 0.16
  const double far = centrelineDistanceTo_m(level, 0.1, 7, 90, Stability::D, Terrain::Rural);
  EXPECT_GT(far, 1500);
  EXPECT_NEAR(c(far), level, 1e-6 * level);
  EXPECT_LT(c(far * 1.001), level);
  EXPECT_GT(c(far * 0.999), level);
  EXPECT_EQ(centrelineDistanceTo_m(1.0, 0.1, 7, 90, Stability::D, Terrain::Rural), 0);       // above the peak
  EXPECT_EQ(centrelineDistanceTo_m(1e-9, 0.1, 7, 90, Stability::D, Terrain::Rural), 10000);  // capped at 10 km
}

namespace {
double ringArea(const std::vector<Point2>& ring) {
  return signedArea(ring);
}
}  // namespace

TEST(PlumeFootprint, PointsDownwindAndEndsAtTheCentrelineDistance) {
  const Release r{1.0, 0, 0, 1e9, {}, 0, {}};
  const Weather w{3, 90, Stability::D, Terrain::Rural, 293.15};  // from the east: the zone lies to the west
  const Point2 src{500, 800};
  const double level = 50;  // mg/m3
  const auto ring = footprint(level, r, w, src);
  ASSERT_GE(ring.size(), 4u);
  EXPECT_EQ(ring.front(), ring.back());
  EXPECT_GT(ringArea(ring), 0);  // counter-clockwise
  const double far = centrelineDistanceTo_m(level, 1.0, 3, 0, Stability::D, Terrain::Rural);
  double tip = 0;
  for (Point2 p : ring) {
    const PlumeFrame f = plumeFrame(src, p, w.windFrom_deg);
    EXPECT_GE(f.downwind_m, -1e-9);
    EXPECT_LE(f.downwind_m, far + 1e-9);
    EXPECT_LE(p.x_m, src.x_m + 1e-9);
    tip = std::max(tip, f.downwind_m);
  }
  EXPECT_NEAR(tip, far, 1e-9 * far);
  EXPECT_TRUE(contains({ring}, {src.x_m - far / 2, src.y_m}));
  EXPECT_FALSE(contains({ring}, {src.x_m + far / 2, src.y_m}));
  // Its edge is where the steady concentration equals the level.
  const PlumeFrame edge = plumeFrame(src, ring[ring.size() / 4], w.windFrom_deg);
  const Sigmas s = briggsSigmas(edge.downwind_m, w.stability, w.terrain);
  EXPECT_NEAR(plumeConcentration_kg_m3(1.0, 3, 0, edge.crosswind_m, 0, s) * 1e6, level, 1e-9 * level);
}

TEST(PlumeFootprint, ShrinksWhenTheRateDrops) {
  const Weather w{2, 225, Stability::E, Terrain::Rural, 293.15};
  const auto big = footprint(20, {2.0, 0, 0, 1e9, {}, 0, {}}, w, {0, 0});
  const auto small = footprint(20, {0.5, 0, 0, 1e9, {}, 0, {}}, w, {0, 0});
  ASSERT_FALSE(big.empty());
  ASSERT_FALSE(small.empty());
  EXPECT_LT(ringArea(small), ringArea(big));
  EXPECT_LT(centrelineDistanceTo_m(20, 0.5, 2, 0, w.stability, w.terrain),
            centrelineDistanceTo_m(20, 2.0, 2, 0, w.stability, w.terrain));
  for (Point2 p : big) EXPECT_GE(p.x_m + p.y_m, -1e-9);  // from the south-west: blown north-east
  // A 50 m stack: the ground-level peak is about 12 mg/m3.
  EXPECT_TRUE(footprint(100, {0.5, 50, 0, 1e9, {}, 0, {}}, w, {0, 0}).empty());
}

TEST(PlumeFootprint, ElevatedReleaseLeavesTheGroundNearTheSourceOutside) {
  // T1's stack, wind from the north: T1's 7 m/s is the wind at the stack's 90 m, so the 10 m wind
  // a scenario gives is 7 / 9^0.15 (ISC3's rural class D exponent, windAtHeight_ms).
  const Weather w{7 / std::pow(9.0, 0.15), 0, Stability::D, Terrain::Rural, 293.15};
  ASSERT_NEAR(transportWind_ms({0.1, 90, 0, 1e9, {}, 0, {}}, w), 7, 1e-12);
  const auto ring = footprint(0.1, {0.1, 90, 0, 1e9, {}, 0, {}}, w, {0, 0});
  ASSERT_FALSE(ring.empty());
  EXPECT_FALSE(contains({ring}, {0, -200}));  // 200 m downwind: the plume has not reached the ground
  EXPECT_TRUE(contains({ring}, {0, -1500}));  // near the peak of the centreline
  EXPECT_TRUE(contains({ring}, {80, -1500}));
}

TEST(PlumeFootprint, ContainedEarlyTheCloudDriftsOffAndTheZoneShrinks) {
  // Wind 2 m/s from the north, class D: a 1 kg/s ground release reaches 50 mg/m3 some way south.
  const Weather w{2, 0, Stability::D, Terrain::Rural, 293.15};
  const double level = 50;
  const Release open{1.0, 0, 0, 1e9, {}, 0, {}}, contained{1.0, 0, 0, 300, {}, 0, {}};
  const double far = centrelineDistanceTo_m(level, 1.0, 2, 0, Stability::D, Terrain::Rural);
  ASSERT_GT(far, 600);
  // Long after the start, an unstopped release gives the steady footprint (to a micrometre: the
  // edges are bisected on the share present, 1 - 1e-300 there).
  const auto steady = footprint(level, open, w, {0, 0});
  const auto late = footprintAt(level, open, w, {0, 0}, 1e6);
  ASSERT_EQ(steady.size(), late.size());
  for (std::size_t i = 0; i < steady.size(); ++i) {
    EXPECT_NEAR(steady[i].x_m, late[i].x_m, 1e-6);
    EXPECT_NEAR(steady[i].y_m, late[i].y_m, 1e-6);
  }
  // 100 s in, the front's centre has reached 200 m, spread along the wind: the zone ends where the
  // concentration a run breathes there (concentration_mg_m3) falls to the level. One answer.
  const auto early = footprintAt(level, open, w, {0, 0}, 100);
  double south = 0;
  for (Point2 p : early) south = std::min(south, p.y_m);
  EXPECT_GT(south, -260);
  EXPECT_LT(south, -140);
  EXPECT_NEAR(concentration_mg_m3(open, w, {0, 0}, {0, south}, 100), level, 1e-6 * level);
  EXPECT_NEAR(cloudExtentAt(level, open, w, 100).far_m, -south, 1e-6);
  // Stopped at 300 s, at 450 s the cloud's tail (its centre 300 m out) has left the first stretch.
  const auto tail = footprintAt(level, contained, w, {0, 0}, 450);
  ASSERT_FALSE(tail.empty());
  double north = -1e300;
  for (Point2 p : tail) north = std::max(north, p.y_m);
  EXPECT_LT(north, -240);
  EXPECT_GT(north, -360);
  EXPECT_NEAR(concentration_mg_m3(contained, w, {0, 0}, {0, north}, 450), level, 1e-6 * level);
  EXPECT_LT(ringArea(tail), ringArea(footprintAt(level, open, w, {0, 0}, 450)));
  EXPECT_FALSE(contains({tail}, {0, -100}));
  EXPECT_TRUE(contains({tail}, {0, -400}));
  // Across the wind, a station inside is as wide as where the concentration then meets the level.
  double widest = 0;
  for (Point2 p : tail) widest = std::max(widest, std::abs(p.x_m));
  ASSERT_GT(widest, 0);
  // Once the tail is past the far end, nothing is left.
  EXPECT_TRUE(footprintAt(level, contained, w, {0, 0}, 300 + far / 2 + 1).empty());
}

TEST(Dispersion, UnitsAndLetters) {
  EXPECT_NEAR(ppm(117.2, 30), 117.2 * 24.45 / 30, 1e-12);
  EXPECT_NEAR(mgPerM3(ppm(80, 70.9), 70.9), 80, 1e-12);
  EXPECT_NEAR(mgPerM3(1, 24.45), 1, 1e-12);
  EXPECT_EQ(stabilityFromLetter("A"), Stability::A);
  EXPECT_EQ(stabilityFromLetter("f"), Stability::F);
  EXPECT_EQ(stabilityFromLetter("G"), std::nullopt);
  EXPECT_EQ(stabilityFromLetter("DE"), std::nullopt);
  EXPECT_EQ(stabilityFromLetter(""), std::nullopt);
}

// Pasquill (1961) as printed by NOAA READY; two-class cells give the more stable class.
TEST(Pasquill, ClassesFollowTheTable) {
  using enum Stability;
  using I = Insolation;
  const std::array<I, 5> cols = {I::Strong, I::Moderate, I::Slight, I::NightCloudy, I::NightClear};
  const std::array<double, 5> speeds = {1.5, 2.5, 4.0, 5.5, 8.0};
  const Stability expected[5][5] = {
      {A, B, B, E, F}, {B, B, C, E, F}, {B, C, C, D, E}, {C, D, D, D, D}, {C, D, D, D, D}};
  for (int row = 0; row < 5; ++row)
    for (int col = 0; col < 5; ++col)
      EXPECT_EQ(pasquillClass(speeds[row], cols[col]), expected[row][col]) << "row " << row << " col " << col;
  for (double u : speeds) EXPECT_EQ(pasquillClass(u, I::Overcast), D);
  // Row boundaries: 2, 3, 5, 6 m/s open the next row.
  EXPECT_EQ(pasquillClass(1.99, I::Strong), A);
  EXPECT_EQ(pasquillClass(2.0, I::Strong), B);
  EXPECT_EQ(pasquillClass(3.0, I::NightCloudy), D);
  EXPECT_EQ(pasquillClass(5.0, I::Strong), C);
  EXPECT_EQ(pasquillClass(6.0, I::Moderate), D);
}

TEST(WindProfile, TheReleaseHeightsWindByIsc3sPowerLaw) {
  // ISC3's exponents (EPA-454/B-95-003b via GasDispersion.jl): rural D 0.15, urban F 0.30.
  EXPECT_DOUBLE_EQ(windProfileExponent(Stability::D, Terrain::Rural), 0.15);
  EXPECT_DOUBLE_EQ(windProfileExponent(Stability::F, Terrain::Rural), 0.55);
  EXPECT_DOUBLE_EQ(windProfileExponent(Stability::A, Terrain::Urban), 0.15);
  EXPECT_DOUBLE_EQ(windProfileExponent(Stability::F, Terrain::Urban), 0.30);
  EXPECT_NEAR(windAtHeight_ms(3, 30, Stability::D, Terrain::Rural), 3 * std::pow(3.0, 0.15), 1e-12);  // 3.537 m/s
  EXPECT_EQ(windAtHeight_ms(3, 2, Stability::F, Terrain::Rural), 3);  // below 10 m: the 10 m wind
  // A 30 m stack's plume is carried by the wind at 30 m: the closed form with that wind, and its
  // front arrives x / u(30 m) after the start.
  const Weather w{3.0, 270, Stability::D, Terrain::Rural, 293.15};
  const Release stack{1.0, 30, 0, 1e9, {}, 0, {}};
  const double u30 = windAtHeight_ms(3, 30, Stability::D, Terrain::Rural);
  EXPECT_DOUBLE_EQ(transportWind_ms(stack, w), u30);
  const PointExposure e = pointExposure(stack, w, windAxis(w.windFrom_deg), {0, 0}, {800, 0});
  EXPECT_NEAR(e.steady_mg_m3,
              plumeConcentration_kg_m3(1.0, u30, 30, 0, 0, briggsSigmas(800, Stability::D, Terrain::Rural)) * 1e6,
              1e-9 * e.steady_mg_m3);
  EXPECT_NEAR(e.travel_s, 800 / u30, 1e-9);
  // A ground release keeps the 10 m wind.
  const Release ground{1.0, 1, 0, 1e9, {}, 0, {}};
  EXPECT_DOUBLE_EQ(transportWind_ms(ground, w), 3.0);
}
