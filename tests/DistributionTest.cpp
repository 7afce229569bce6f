#include "scenarios/Distribution.hpp"
#include "scenarios/Vocabulary.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

using namespace drillsim;

TEST(StandardNormal, QuantileMatchesPublishedValues) {
  // Values of the standard normal quantile to 15 digits (Wichura 1988, AS 241 test values).
  EXPECT_NEAR(standardNormalQuantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(standardNormalQuantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(standardNormalQuantile(0.025), -1.959963984540054, 1e-14);
  EXPECT_NEAR(standardNormalQuantile(0.95), 1.644853626951473, 1e-14);
  EXPECT_NEAR(standardNormalQuantile(1e-10), -6.361340902404056, 1e-12);
}

TEST(StandardNormal, QuantileInvertsTheCdf) {
  for (double x = -7; x <= 7; x += 0.25) {
    const double p = standardNormalCdf(x);
    // p itself is only known to the spacing of doubles near it; that uncertainty, divided by the
    // density phi(x), bounds how well any quantile function can recover x (large in the upper tail).
    const double phi = std::exp(-x * x / 2) / std::sqrt(2 * M_PI);
    const double pSpacing = std::nextafter(p, 2.0) - p;
    EXPECT_NEAR(standardNormalQuantile(p), x, 1e-12 * std::max(1.0, std::abs(x)) + 4 * pSpacing / phi) << "x = " << x;
  }
}

TEST(Distribution, QuantilesFollowTheClosedForms) {
  EXPECT_DOUBLE_EQ(Distribution(7.0).quantile(0.3), 7.0);
  EXPECT_DOUBLE_EQ(Distribution(Uniform{2, 6}).quantile(0.25), 3.0);
  // Triangular(0, 1, 4): F(1) = 1/4; quantile(1/4) is the mode.
  EXPECT_NEAR(Distribution(Triangular{0, 1, 4}).quantile(0.25), 1.0, 1e-12);
  EXPECT_NEAR(Distribution(Triangular{0, 1, 4}).quantile(0.0625), 0.5, 1e-12);
  EXPECT_NEAR(Distribution(Normal{10, 2}).quantile(0.975), 10 + 2 * 1.959963984540054, 1e-12);
  EXPECT_NEAR(Distribution(LogNormal{120, 0.6}).quantile(0.5), 120.0, 1e-9);
  EXPECT_NEAR(Distribution(Exponential{900}).quantile(0.5), 900 * std::log(2.0), 1e-9);
  const Distribution rose(Choice{{0, 90, 180}, {1, 1, 2}});
  EXPECT_EQ(rose.quantile(0.1), 0);
  EXPECT_EQ(rose.quantile(0.3), 90);
  EXPECT_EQ(rose.quantile(0.6), 180);
}

namespace {
struct Moments {
  double mean = 0, sd = 0, low = 1e300, high = -1e300;
};
Moments draw(const Distribution& d, int n, const char* entity) {
  RandomStream s(11, 0, "test", entity);
  double sum = 0, sumSq = 0;
  Moments m;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(s);
    sum += x;
    sumSq += x * x;
    m.low = std::min(m.low, x);
    m.high = std::max(m.high, x);
  }
  m.mean = sum / n;
  m.sd = std::sqrt(sumSq / n - m.mean * m.mean);
  return m;
}
}  // namespace

struct Case {
  const char* name;
  Distribution d;
  double mean, sd;  // closed forms
};

TEST(Distribution, SampleMeansAndBoundsOverManyDraws) {
  const double ln = std::exp(0.36);  // lognormal sigma 0.6: E = m e^{s^2/2}, Var = m^2 e^{s^2}(e^{s^2}-1)
  const Case cases[] = {
      {"uniform", Uniform{60, 180}, 120, 120 / std::sqrt(12.0)},
      {"triangular", Triangular{0.5, 1.5, 3}, 5.0 / 3,
       std::sqrt((0.25 + 2.25 + 9 - 0.75 - 1.5 - 4.5) / 18)},
      {"normal", Normal{900, 200}, 900, 200},
      {"lognormal", LogNormal{120, 0.6}, 120 * std::exp(0.18), 120 * std::sqrt(ln * (ln - 1))},
      {"exponential", Exponential{900}, 900, 900},
      {"choice", Choice{{0, 90, 180, 270}, {4, 3, 2, 1}}, (0 * 4 + 90 * 3 + 180 * 2 + 270 * 1) / 10.0,
       std::sqrt((0 * 4 + 8100 * 3 + 32400 * 2 + 72900 * 1) / 10.0 - 90 * 90)},
  };
  const int n = 200000;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_NEAR(c.d.mean(), c.mean, 1e-9 * std::abs(c.mean));
    const Moments m = draw(c.d, n, c.name);
    // The sample mean lies within 5 standard errors of the true mean.
    EXPECT_NEAR(m.mean, c.mean, 5 * c.sd / std::sqrt(double(n)));
    EXPECT_NEAR(m.sd, c.sd, 0.02 * c.sd);
    EXPECT_GE(m.low, c.d.lowest());
    EXPECT_LE(m.high, c.d.highest());
  }
}

TEST(Distribution, UniformAndTriangularReachNearTheirBounds) {
  const Moments u = draw(Uniform{1, 5}, 100000, "u");
  EXPECT_LT(u.low, 1.001);
  EXPECT_GT(u.high, 4.999);
  const Moments t = draw(Triangular{0.5, 1.5, 3}, 100000, "t");
  EXPECT_GE(t.low, 0.5);
  EXPECT_LE(t.high, 3.0);
}

TEST(Distribution, ChoiceFrequenciesFollowTheWeights) {
  const Distribution d(Choice{{1, 2, 3}, {0.5, 0.3, 0.2}});
  RandomStream s(3, 0, "test", "choice");
  std::map<double, int> counts;
  const int n = 100000;
  for (int i = 0; i < n; ++i) ++counts[d.sample(s)];
  for (auto [value, p] : {std::pair{1.0, 0.5}, {2.0, 0.3}, {3.0, 0.2}})
    EXPECT_NEAR(counts[value] / double(n), p, 5 * std::sqrt(p * (1 - p) / n));
}

TEST(Distribution, SampleAtLeastRaisesLowDraws) {
  const Distribution d(Normal{10, 100});
  RandomStream s(3, 0, "test", "floor");
  for (int i = 0; i < 10000; ++i) ASSERT_GE(d.sampleAtLeast(s, 0.0), 0.0);
}

TEST(WordChoice, DrawsClassesByWeight) {
  const WordChoice<Stability> c{{Stability::D, Stability::E, Stability::F}, {0.6, 0.3, 0.1}};
  RandomStream s(9, 0, "test", "stability");
  std::map<Stability, int> counts;
  const int n = 50000;
  for (int i = 0; i < n; ++i) ++counts[c.sample(s)];
  EXPECT_NEAR(counts[Stability::D] / double(n), 0.6, 5 * std::sqrt(0.24 / n));
  EXPECT_NEAR(counts[Stability::F] / double(n), 0.1, 5 * std::sqrt(0.09 / n));
  const WordChoice<Stability> fixed{{Stability::F}, {}};
  EXPECT_EQ(fixed.sample(s), Stability::F);
}

TEST(Distribution, DescribeIsReadable) {
  EXPECT_EQ(Distribution(LogNormal{120, 0.6}).describe(), "lognormal(median 120, sigma 0.6)");
  EXPECT_EQ(Distribution(Uniform{1, 5}).describe(), "uniform(1, 5)");
  EXPECT_EQ(Distribution(30.0).describe(), "30");
}
