// Batch statistics against published tables, hand calculations and their own promises (coverage).
#include "sim/batch/Statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "scenarios/Distribution.hpp"
#include "scenarios/RandomStream.hpp"

using namespace drillsim;
using namespace drillsim::stats;

// Student's t quantiles as printed in every table (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2),
// to the 3 decimals printed.
TEST(Statistics, StudentTQuantilesMatchTheTables) {
  EXPECT_NEAR(studentTQuantile(0.975, 1), 12.706, 5e-4);
  EXPECT_NEAR(studentTQuantile(0.975, 9), 2.262, 5e-4);
  EXPECT_NEAR(studentTQuantile(0.975, 30), 2.042, 5e-4);
  EXPECT_NEAR(studentTQuantile(0.995, 10), 3.169, 5e-4);
  EXPECT_NEAR(studentTQuantile(0.95, 5), 2.015, 5e-4);
  EXPECT_NEAR(studentTQuantile(0.025, 9), -2.262, 5e-4);
  EXPECT_NEAR(studentTQuantile(0.975, 1e7), standardNormalQuantile(0.975), 1e-6);
  // Closed forms: with one degree of freedom t is Cauchy, F(t) = 1/2 + atan(t)/pi; with two,
  // F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
  for (double t : {-3.0, -0.5, 0.0, 0.7, 4.0}) {
    EXPECT_NEAR(studentTCdf(t, 1), 0.5 + std::atan(t) / M_PI, 1e-12);
    EXPECT_NEAR(studentTCdf(t, 2), 0.5 + t / (2 * std::sqrt(2 + t * t)), 1e-12);
  }
  // I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b.
  EXPECT_NEAR(incompleteBeta(0.3, 2.5, 1), std::pow(0.3, 2.5), 1e-13);
  EXPECT_NEAR(incompleteBeta(0.3, 1, 4.5), 1 - std::pow(0.7, 4.5), 1e-13);
}

TEST(Statistics, SummaryByHand) {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32/7.
  const Summary s = summarise({9, 4, 2, 4, 5, 7, 4, 5});
  EXPECT_EQ(s.n, 8);
  EXPECT_DOUBLE_EQ(s.mean, 5);
  EXPECT_NEAR(s.sd, std::sqrt(32.0 / 7), 1e-12);
  EXPECT_NEAR(s.halfWidth95, studentTQuantile(0.975, 7) * std::sqrt(32.0 / 7) / std::sqrt(8.0), 1e-12);
  // Type 7: P50 at h = 3.5 between 4 and 5; P90 at h = 6.3 between 7 and 9.
  EXPECT_DOUBLE_EQ(s.quantiles[0].value, 4.5);
  EXPECT_NEAR(s.quantiles[1].value, 7 + 0.3 * 2, 1e-12);
  // With 8 values the 95 % interval of the median is x_(1) .. x_(8) (P(1 <= B < 8) = 0.992; no
  // narrower pair reaches 0.95).
  EXPECT_EQ(s.quantiles[0].interval95.low, 2);
  EXPECT_EQ(s.quantiles[0].interval95.high, 9);
  // With 8 values nothing bounds the P95 from above: at most 1 - 0.95^8 = 34 % of samples of 8
  // have a value above it.
  EXPECT_TRUE(std::isinf(s.quantiles[2].interval95.high));
  const auto e = ecdf({3, 1, 3, 2});
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[2], (std::pair<double, double>{3, 1.0}));
  EXPECT_EQ(e[0], (std::pair<double, double>{1, 0.25}));
}

// The promise of a 95 % interval: over many independent samples it covers the true value about
// 95 % of the time. 2000 samples of 20 uniform(0, 1) values: coverage within 4 binomial standard
// errors (4 x 0.0049) of 0.95, for the mean and for the median's interval (which is at least 95 %).
TEST(Statistics, IntervalsCoverTheTrueValueAsPromised) {
  int meanCovered = 0, medianCovered = 0;
  constexpr int kBatches = 2000;
  for (int b = 0; b < kBatches; ++b) {
    RandomStream r(99, std::uint64_t(b), "coverage", "");
    std::vector<double> x;
    for (int i = 0; i < 20; ++i) x.push_back(r.uniform01());
    const Summary s = summarise(x);
    meanCovered += std::abs(s.mean - 0.5) <= s.halfWidth95;
    medianCovered += s.quantiles[0].interval95.low <= 0.5 && 0.5 <= s.quantiles[0].interval95.high;
  }
  const double se = std::sqrt(0.95 * 0.05 / kBatches);
  EXPECT_NEAR(double(meanCovered) / kBatches, 0.95, 4 * se);
  EXPECT_GE(double(medianCovered) / kBatches, 0.95 - 4 * se);
}

TEST(Statistics, PairedDifferencesUnderCommonRandomNumbers) {
  // b = a + 1 + small noise: the paired interval is far narrower than the unpaired one.
  RandomStream r(5, 0, "paired", "");
  std::vector<double> a, b;
  for (int i = 0; i < 50; ++i) {
    const double x = 100 * r.uniform01();
    a.push_back(x);
    b.push_back(x + 1 + 0.1 * (r.uniform01() - 0.5));
  }
  const Paired p = paired(a, b);
  EXPECT_NEAR(p.meanDifference, 1, 0.02);
  EXPECT_GT(p.correlation, 0.999);
  EXPECT_LT(p.halfWidth * 50, p.unpairedHalfWidth);
  EXPECT_GT(p.halfWidth, 0);
  // By hand on three pairs: differences 1, 2, 3: mean 2, sd 1, half-width t(0.975, 2) / sqrt(3).
  const Paired h = paired({0, 0, 0}, {1, 2, 3});
  EXPECT_DOUBLE_EQ(h.meanDifference, 2);
  EXPECT_NEAR(h.halfWidth, studentTQuantile(0.975, 2) / std::sqrt(3.0), 1e-12);
  EXPECT_EQ(h.correlation, 0);  // a is constant
}

TEST(Statistics, ReplicationsNeededForATargetHalfWidth) {
  // sd 10, target 1: about (1.96 x 10)^2 = 384, a little more for t.
  const long n = replicationsNeeded(10, 1);
  EXPECT_LE(studentTQuantile(0.975, double(n - 1)) * 10 / std::sqrt(double(n)), 1);
  EXPECT_GT(studentTQuantile(0.975, double(n - 2)) * 10 / std::sqrt(double(n - 1)), 1);
  EXPECT_GE(n, 385);
  EXPECT_LE(n, 390);
}

// Wilson (1927) score interval, checked by hand: k = 0, n = 10 gives [0, z^2 / (n + z^2)] = [0, 0.2775];
// k = 5, n = 10 gives 0.5 -+ 0.2634, the interval 0.2366 to 0.7634 quoted in textbooks.
TEST(Statistics, WilsonIntervalByHand) {
  const double z = 1.959963984540054;
  auto [lo0, hi0] = stats::wilsonInterval(0, 10);
  EXPECT_NEAR(lo0, 0, 1e-12);
  EXPECT_NEAR(hi0, z * z / (10 + z * z), 1e-12);
  auto [lo5, hi5] = stats::wilsonInterval(5, 10);
  const double half = z * std::sqrt(0.025 + z * z / 400) / (1 + z * z / 10);
  EXPECT_NEAR(lo5, 0.5 - half, 1e-12);
  EXPECT_NEAR(hi5, 0.5 + half, 1e-12);
  EXPECT_NEAR(lo5, 0.2366, 1e-4);
  EXPECT_NEAR(hi5, 0.7634, 1e-4);
  // The same case as a proportion, and no draws at all: a share of 0 over the whole interval.
  const stats::Proportion p = stats::proportion(5, 10);
  EXPECT_EQ(p.hits, 5);
  EXPECT_DOUBLE_EQ(p.share, 0.5);
  EXPECT_NEAR(p.interval95.low, 0.2366, 1e-4);
  EXPECT_NEAR(p.interval95.high, 0.7634, 1e-4);
  const stats::Proportion none = stats::proportion(0, 0);
  EXPECT_EQ(none.share, 0);
  EXPECT_EQ(none.interval95.low, 0);
  EXPECT_EQ(none.interval95.high, 1);
}

// The paired bootstrap keeps the pairing: a series lower than another in every replication is
// best in every resample, whatever the replications' spread; the target's share is that of the
// resampled means at most the target.
TEST(Statistics, PairedBootstrapKeepsThePairing) {
  const std::vector<double> a = {100, 5, 300, 40, 220, 7, 90, 150};
  std::vector<double> b;
  for (double x : a) b.push_back(x - 1);  // always 1 lower, the spread far larger
  const auto s = stats::pairedBootstrap({a, b}, std::nullopt, 3, 500);
  EXPECT_DOUBLE_EQ(s.best[0], 0.0);
  EXPECT_NEAR(s.best[1], 1.0, 1e-9);
  EXPECT_EQ(s.meetsTarget, (std::vector<double>{0, 0}));
  // Every resampled mean of a constant series is that constant.
  const auto t = stats::pairedBootstrap({{5, 5, 5}, {7, 7, 7}}, 6.0, 3, 200);
  EXPECT_NEAR(t.meetsTarget[0], 1.0, 1e-9);
  EXPECT_DOUBLE_EQ(t.meetsTarget[1], 0.0);
}
