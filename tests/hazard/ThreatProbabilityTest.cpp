// The share of drawn weathers whose AEGL-2 footprint covers a place, and its interval.
#include "sim/hazard/ThreatProbability.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/batch/Statistics.hpp"

#include "tests/TestPaths.hpp"
#include "tests/hazard/MiniLeak.hpp"

using namespace drillsim;

namespace {
LoadedScenario mini(Distribution windFrom) { return test::miniLeak(std::move(windFrom)); }
}  // namespace

TEST(ThreatProbability, OneWindDirectionGivesCertaintyDownwindAndNothingUpwind) {
  const LoadedScenario l = mini(Distribution(0.0));  // from the north: the plume goes south
  const Point2 source = l.park.sources[0].position;
  const std::vector<Point2> points{{source.x_m, source.y_m - 200}, {source.x_m, source.y_m + 200}};
  const ThreatProbability p = threatProbability(l, "L1", 7, 50, points);
  EXPECT_EQ(p.points[0], 50);
  EXPECT_EQ(p.points[1], 0);
}

TEST(ThreatProbability, TwoEqualDirectionsGiveAboutHalfWithinTheBinomialSpread) {
  // Wind from the north or the south with equal weight: a point 200 m south of the source is
  // covered in the draws from the north. 400 draws: the share lies within 4 standard errors
  // (4 x 0.025) of one half, and the Wilson interval holds one half.
  const LoadedScenario l = mini(Distribution(Choice{{0.0, 180.0}, {1.0, 1.0}}));
  const Point2 source = l.park.sources[0].position;
  const ThreatProbability p = threatProbability(l, "L1", 11, 400, {{source.x_m, source.y_m - 200}});
  EXPECT_NEAR(p.points[0] / 400.0, 0.5, 4 * std::sqrt(0.25 / 400));
  const auto [lo, hi] = stats::wilsonInterval(p.points[0], 400);
  EXPECT_LT(lo, 0.5);
  EXPECT_GT(hi, 0.5);
}

