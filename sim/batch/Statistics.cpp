#include "sim/batch/Statistics.hpp"

#include "scenarios/I18n.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "scenarios/Distribution.hpp"
#include "scenarios/RandomStream.hpp"

namespace drillsim::stats {

namespace {
// Continued fraction of I_x(a, b) (DLMF 8.17.22), modified Lentz; converges for x < (a+1)/(a+b+2).
double betaFraction(double x, double a, double b) {
  constexpr double tiny = 1e-300, eps = 1e-15;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::abs(d) < tiny) d = tiny;
  d = 1 / d;
  double f = d;
  for (int m = 1; m <= 1000; ++m) {
    // Even step d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)); odd step d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
    const double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 + even * d;
    c = 1 + even / c;
    if (std::abs(d) < tiny) d = tiny;
    if (std::abs(c) < tiny) c = tiny;
    d = 1 / d;
    f *= d * c;
    const double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + odd * d;
    c = 1 + odd / c;
    if (std::abs(d) < tiny) d = tiny;
    if (std::abs(c) < tiny) c = tiny;
    d = 1 / d;
    const double delta = d * c;
    f *= delta;
    if (std::abs(delta - 1) < eps) break;
  }
  return f;
}
}  // namespace

double incompleteBeta(double x, double a, double b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
  // Use the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges faster.
  if (x < (a + 1) / (a + b + 2)) return front * betaFraction(x, a, b) / a;
  return 1 - front * betaFraction(1 - x, b, a) / b;
}

double studentTCdf(double t, double dof) {
  // P(|T| > |t|) = I_{dof / (dof + t^2)}(dof / 2, 1 / 2).
  const double tail = incompleteBeta(dof / (dof + t * t), dof / 2, 0.5) / 2;
  return t >= 0 ? 1 - tail : tail;
}

double studentTQuantile(double p, double dof) {
  if (!(p > 0 && p < 1) || !(dof > 0)) return std::numeric_limits<double>::quiet_NaN();
  double lo = -1, hi = 1;
  while (studentTCdf(lo, dof) > p) lo *= 2;
  while (studentTCdf(hi, dof) < p) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * std::max(1.0, std::abs(hi)); ++i) {
    const double mid = (lo + hi) / 2;
    (studentTCdf(mid, dof) < p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

std::pair<double, double> wilsonInterval(long k, long n, double alpha) {
  if (n <= 0) return {0, 1};
  const double z = standardNormalQuantile(1 - alpha / 2);
  const double p = double(k) / double(n), z2n = z * z / double(n);
  const double centre = (p + z2n / 2) / (1 + z2n);
  const double half = z * std::sqrt(p * (1 - p) / double(n) + z * z / (4.0 * double(n) * double(n))) / (1 + z2n);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Proportion proportion(long hits, long n) {
  const auto [lo, hi] = wilsonInterval(hits, n);
  return {hits, n, n > 0 ? double(hits) / double(n) : 0.0, {lo, hi}};
}

double quantileSorted(const std::vector<double>& x, double p) {
  if (x.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = (double(x.size()) - 1) * p;
  const std::size_t lo = std::size_t(std::floor(h));
  const std::size_t hi = std::min(x.size() - 1, lo + 1);
  return x[lo] + (h - double(lo)) * (x[hi] - x[lo]);
}

namespace {
// Distribution-free interval of the p-quantile from order statistics (e.g. Conover, Practical
// Nonparametric Statistics, section 3.2): the widest-needed pair (l, u), 1-based, with
// P(l <= B < u) >= 0.95 for B ~ Bin(n, p), as symmetric in probability as it goes.
Interval quantileInterval(const std::vector<double>& x, double p) {
  const long n = long(x.size());
  std::vector<double> cdf(std::size_t(n) + 1);  // P(B <= k)
  double logTerm = double(n) * std::log1p(-p), acc = 0;  // k = 0
  for (long k = 0; k <= n; ++k) {
    if (k > 0) logTerm += std::log(double(n - k + 1)) - std::log(double(k)) + std::log(p) - std::log1p(-p);
    acc += std::exp(logTerm);
    cdf[std::size_t(k)] = std::min(1.0, acc);
  }
  // l: the largest with P(B <= l - 1) <= 0.025; u: the smallest with P(B <= u - 1) >= 0.975.
  long l = 0, u = n + 1;
  for (long k = 1; k <= n; ++k)
    if (cdf[std::size_t(k - 1)] <= 0.025) l = k;
  for (long k = n; k >= 1; --k)
    if (cdf[std::size_t(k - 1)] >= 0.975) u = k;
  // Too few values to bound a side: that side is open (the quantile may lie beyond the sample).
  Interval i;
  i.low = l >= 1 ? x[std::size_t(l - 1)] : -std::numeric_limits<double>::infinity();
  i.high = u <= n ? x[std::size_t(u - 1)] : std::numeric_limits<double>::infinity();
  return i;
}
}  // namespace

Summary summarise(std::vector<double> v) {
  Summary s;
  s.n = long(v.size());
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  s.min = v.front();
  s.max = v.back();
  s.mean = std::accumulate(v.begin(), v.end(), 0.0) / double(s.n);
  double ss = 0;
  for (double x : v) ss += (x - s.mean) * (x - s.mean);
  s.sd = s.n > 1 ? std::sqrt(ss / double(s.n - 1)) : 0;
  if (s.n > 1) s.halfWidth95 = studentTQuantile(0.975, double(s.n - 1)) * s.sd / std::sqrt(double(s.n));
  for (double p : {0.5, 0.9, 0.95}) s.quantiles.push_back({p, quantileSorted(v, p), quantileInterval(v, p)});
  return s;
}

std::vector<std::pair<double, double>> ecdf(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::vector<std::pair<double, double>> out;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (i + 1 == v.size() || v[i + 1] != v[i]) out.push_back({v[i], double(i + 1) / double(v.size())});
  return out;
}

Paired paired(const std::vector<double>& a, const std::vector<double>& b, double level) {
  Paired p;
  p.n = long(std::min(a.size(), b.size()));
  if (p.n == 0) return p;
  const double n = double(p.n);
  double ma = 0, mb = 0;
  for (long i = 0; i < p.n; ++i) {
    ma += a[std::size_t(i)];
    mb += b[std::size_t(i)];
  }
  ma /= n;
  mb /= n;
  p.meanDifference = mb - ma;
  double saa = 0, sbb = 0, sab = 0, sdd = 0;
  for (long i = 0; i < p.n; ++i) {
    const double da = a[std::size_t(i)] - ma, db = b[std::size_t(i)] - mb;
    saa += da * da;
    sbb += db * db;
    sab += da * db;
    sdd += (db - da) * (db - da);
  }
  p.correlation = saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0;
  if (p.n > 1) {
    const double t = studentTQuantile(1 - (1 - level) / 2, n - 1);
    p.halfWidth = t * std::sqrt(sdd / (n - 1) / n);
    p.unpairedHalfWidth = t * std::sqrt((saa + sbb) / (n - 1) / n);
  }
  return p;
}

long replicationsNeeded(double sd, double target) {
  if (!(target > 0)) return std::numeric_limits<long>::max();
  if (sd <= 0) return 2;
  const double z = standardNormalQuantile(0.975);
  long n = std::max(2L, long(std::ceil(std::pow(z * sd / target, 2))));
  while (studentTQuantile(0.975, double(n - 1)) * sd / std::sqrt(double(n)) > target) ++n;
  return n;
}

Verdict verdictOf(const Paired& d, double scale, int better) {
  const bool same = std::abs(d.meanDifference) <= std::max(d.halfWidth, 1e-9 * (1 + std::abs(scale)));
  if (same) return Verdict::Same;
  if (better == 0) return d.meanDifference < 0 ? Verdict::Lower : Verdict::Higher;
  return (d.meanDifference < 0) == (better < 0) ? Verdict::Better : Verdict::Worse;
}

const char* verdictShown(Verdict v) {
  switch (v) {
    case Verdict::Same: return tc("verdict", "same");
    case Verdict::Better: return tc("verdict", "better");
    case Verdict::Worse: return tc("verdict", "worse");
    case Verdict::Lower: return tc("verdict", "lower");
    case Verdict::Higher: return tc("verdict", "higher");
  }
  return "";
}

const char* verdictWord(Verdict v) {
  switch (v) {
    case Verdict::Same: return "same";
    case Verdict::Better: return "better";
    case Verdict::Worse: return "worse";
    case Verdict::Lower: return "lower";
    case Verdict::Higher: return "higher";
  }
  return "";
}

BootstrapShares pairedBootstrap(const std::vector<std::vector<double>>& values, std::optional<double> target,
                                std::uint64_t seed, int resamples) {
  const std::size_t series = values.size(), n = values.empty() ? 0 : values.front().size();
  BootstrapShares b;
  b.best.assign(series, 0);
  b.meetsTarget.assign(series, 0);
  RandomStream stream(seed, 0, "siting-bootstrap", "");
  for (int r = 0; r < resamples && n > 0; ++r) {
    std::vector<double> sum(series, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t pick = std::min(n - 1, std::size_t(stream.uniform01() * double(n)));
      for (std::size_t k = 0; k < series; ++k) sum[k] += values[k][pick];
    }
    b.best[std::size_t(std::min_element(sum.begin(), sum.end()) - sum.begin())] += 1.0 / resamples;
    for (std::size_t k = 0; k < series; ++k)
      if (target && sum[k] / double(n) <= *target) b.meetsTarget[k] += 1.0 / resamples;
  }
  return b;
}

}  // namespace drillsim::stats
