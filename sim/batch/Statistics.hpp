#pragma once
// Statistics of a Monte Carlo batch (DESIGN.md section 5; reference notes drill.md (c)): per plan
// and metric the mean with its 95 % t-interval, the spread, quantiles with distribution-free
// intervals, threshold probabilities with Wilson intervals, paired differences between plans
// under common random numbers, and the replications still needed for a target precision.
// Pure functions on samples; nothing here knows about parks or plans.

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace drillsim::stats {

/// Regularised incomplete beta function I_x(a, b), by its continued fraction (DLMF 8.17.22)
/// evaluated with the modified Lentz method.
double incompleteBeta(double x, double a, double b);
/// Student's t distribution with `dof` degrees of freedom: P(T <= t).
double studentTCdf(double t, double dof);
/// The p-quantile of Student's t (0 < p < 1), by bisection on the CDF to 1e-12.
double studentTQuantile(double p, double dof);

/// Wilson score interval (Wilson 1927) of a proportion k / n at the two-sided level 1 - alpha: the
/// honest interval near 0 and 1, where the normal approximation fails.
std::pair<double, double> wilsonInterval(long k, long n, double alpha = 0.05);

struct Interval {
  double low = 0, high = 0;
};

/// A proportion k / n with its Wilson 95 % interval.
struct Proportion {
  long hits = 0, n = 0;
  double share = 0;  // hits / n (0 when n = 0)
  Interval interval95;
};
Proportion proportion(long hits, long n);

struct Quantile {
  double p = 0.5;
  double value = 0;     // linear interpolation between order statistics (Hyndman & Fan type 7)
  Interval interval95;  // order statistics x_(l), x_(u) with P(l <= B < u) >= 0.95, B ~ Bin(n, p);
                        // a side is +-infinity when the sample is too small to bound it
};

struct Summary {
  long n = 0;
  double mean = 0, sd = 0;
  double halfWidth95 = 0;  // of the t-interval for the mean; 0 when n < 2
  double min = 0, max = 0;
  std::vector<Quantile> quantiles;  // P50, P90, P95
};

/// Summary of a sample (values need not be sorted). Empty samples give n = 0.
Summary summarise(std::vector<double> values);

/// Type-7 quantile of sorted values.
double quantileSorted(const std::vector<double>& sorted, double p);

/// The empirical CDF as (value, share <= value) at each distinct value.
std::vector<std::pair<double, double>> ecdf(std::vector<double> values);

/// Paired difference b - a over replications run with the same random numbers.
struct Paired {
  long n = 0;
  double meanDifference = 0;
  double halfWidth = 0;          // of the paired t-interval at the given level
  double correlation = 0;        // Pearson's r between a and b (0 when either is constant)
  double unpairedHalfWidth = 0;  // what independent runs of the same size would give
};
/// `level` is the two-sided confidence (0.95, or 1 - 0.05 / m for m Bonferroni comparisons).
Paired paired(const std::vector<double>& a, const std::vector<double>& b, double level = 0.95);

/// What a paired difference (plan minus baseline) says. Same: its interval holds 0, or it is of
/// rounding size (at most 1e-9 of 1 + |scale|, scale the size of the metric: the same run under
/// both, summed in another order). Otherwise better or worse by the metric's good direction
/// (`better` -1: lower is better, +1: higher is better), or lower or higher when it has none (0).
enum class Verdict { Same, Better, Worse, Lower, Higher };
Verdict verdictOf(const Paired& d, double scale, int better);
/// "same", "better", "worse", "lower", "higher".
const char* verdictWord(Verdict v);
/// The verdict as a user reads it, in the current language (verdictWord is the JSON's word).
const char* verdictShown(Verdict v);

/// Replications needed for the 95 % t-interval of the mean to have half-width `target`, given a
/// sample standard deviation `sd`: the least n with t(0.975, n-1) sd / sqrt(n) <= target.
long replicationsNeeded(double sd, double target);

/// Shares of paired bootstrap resamples of the replications (every series resampled together,
/// so that the pairing stays; Efron and Tibshirani, "An Introduction to the Bootstrap",
/// Chapman & Hall, 1993) in which each series has the lowest mean, and in which each mean is at most `target`
/// (when given). values[k][i]: series k, replication i, every series of one length.
struct BootstrapShares {
  std::vector<double> best, meetsTarget;
};
BootstrapShares pairedBootstrap(const std::vector<std::vector<double>>& values, std::optional<double> target,
                                std::uint64_t seed, int resamples);

}  // namespace drillsim::stats
