// Zone-level fire spread: Hamada's spread times, their direction, and ignition along links.
#include "sim/hazard/FireSpread.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "scenarios/Geometry.hpp"

using namespace drillsim;
using namespace drillsim::hazard;

// hazard.md section 5 [D], from Himoto & Tanaka (2008) as implemented in wirc-sjsu/firebench:
// a = 10 m, d = 5 m, V = 5 m/s, f_b = 0 gives T = 3.111 / 11.689 / 12.778 min downwind / sideways /
// upwind, that is (a + d) / T = 4.82 / 1.28 / 1.17 m/min. Published to the rounding shown.
TEST(Hamada, PublishedWorkedExample) {
  const HamadaTimes t = hamadaTimes_min(10, 5, 5, 0);
  EXPECT_NEAR(t.downwind_min, 3.111, 5e-4);
  EXPECT_NEAR(t.sideways_min, 11.689, 5e-4);
  EXPECT_NEAR(t.upwind_min, 12.778, 5e-4);
  EXPECT_NEAR(hamadaSpeed_m_min(10, 5, 5, 0, 1), 4.82, 5e-3);
  EXPECT_NEAR(hamadaSpeed_m_min(10, 5, 5, 0, 0), 1.28, 5e-3);
  EXPECT_NEAR(hamadaSpeed_m_min(10, 5, 5, 0, -1), 1.17, 5e-3);
}

// Fire-resistant buildings: the f_b terms alone, by hand from the formula at V = 0:
// downwind (5 + 6.25 + 16*5/25) / 1.5 = 9.6333 min; sideways and upwind 5 + 6.25 + 16 = 27.25 min.
TEST(Hamada, FireResistantBuildingsByHand) {
  const HamadaTimes t = hamadaTimes_min(10, 5, 0, 1);
  EXPECT_NEAR(t.downwind_min, (5 + 6.25 + 16.0 * 5 / 25) / 1.5, 1e-12);
  EXPECT_NEAR(t.sideways_min, 27.25, 1e-12);
  EXPECT_NEAR(t.upwind_min, 27.25, 1e-12);
}

TEST(Hamada, WindShortensTheDelayMostDownwind) {
  const double down = windDelayFactor(10, 10, 6, 0, 1), side = windDelayFactor(10, 10, 6, 0, 0),
               up = windDelayFactor(10, 10, 6, 0, -1);
  EXPECT_LT(down, side);
  EXPECT_LT(down, up);
  EXPECT_LT(down, 1);
  EXPECT_NEAR(windDelayFactor(10, 10, 0, 0, 0.3), 1, 1e-12);  // no wind, no change
  // Stronger wind, shorter downwind delay.
  EXPECT_LT(windDelayFactor(10, 10, 10, 0, 1), down);
  // Between downwind and sideways the speed lies between the two (on the half ellipse).
  const double diagonal = hamadaSpeed_m_min(10, 10, 6, 0, std::sqrt(0.5));
  EXPECT_GT(diagonal, hamadaSpeed_m_min(10, 10, 6, 0, 0));
  EXPECT_LT(diagonal, hamadaSpeed_m_min(10, 10, 6, 0, 1));
}

TEST(FireSpread, IgnitionFollowsTheEarliestPathAndStopsAtControlledZones) {
  // 0 -> 1 (100 s) -> 2 (100 s), and 0 -> 2 directly (500 s); 3 is not linked.
  const std::vector<std::vector<SpreadLink>> links = {{{1, 100}, {2, 500}}, {{2, 100}}, {}, {}};
  const std::vector<double> none(4, kNever);
  auto t = ignitionTimes(links, 0, 50, none);
  EXPECT_EQ(t, (std::vector<double>{50, 150, 250, kNever}));
  // Zone 1 controlled at 200 s, before it could ignite 2 at 250 s: 2 burns by the direct link.
  auto c = none;
  c[1] = 200;
  t = ignitionTimes(links, 0, 50, c);
  EXPECT_EQ(t[2], 550);
  // The origin controlled at 120 s: nothing spreads (its first link would fire at 150 s).
  c = none;
  c[0] = 120;
  t = ignitionTimes(links, 0, 50, c);
  EXPECT_EQ(t, (std::vector<double>{50, kNever, kNever, kNever}));
  // Controlled exactly when the delay runs out: put out first.
  c[0] = 150;
  EXPECT_EQ(ignitionTimes(links, 0, 50, c)[1], kNever);
}

TEST(Geometry, GapBetweenAreas) {
  auto square = [](double x, double y, double side) {
    return std::vector<Ring>{{{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}, {x, y}}};
  };
  EXPECT_DOUBLE_EQ(gapBetween(square(0, 0, 10), square(27, 0, 10)), 17);
  EXPECT_DOUBLE_EQ(gapBetween(square(0, 0, 10), square(13, 14, 10)), 5);  // corner to corner: 3-4-5
  EXPECT_EQ(gapBetween(square(0, 0, 10), square(10, 0, 10)), 0);         // sharing an edge
  EXPECT_EQ(gapBetween(square(0, 0, 10), square(5, 5, 10)), 0);           // overlapping
  EXPECT_EQ(gapBetween(square(0, 0, 30), square(10, 10, 5)), 0);          // one inside the other
  // Crossing without a vertex of either inside the other: a plus sign.
  const std::vector<Ring> wide{{{0, 4}, {20, 4}, {20, 6}, {0, 6}, {0, 4}}}, tall{{{9, -5}, {11, -5}, {11, 15}, {9, 15}, {9, -5}}};
  EXPECT_EQ(gapBetween(wide, tall), 0);
}
