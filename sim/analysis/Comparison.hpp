#pragma once
// What a batch says about its plans (`drillsim compare` and the desk's comparison): for each
// metric, each plan's mean with its 95 % t-interval, spread and quantiles; the paired difference of
// every plan against a baseline under common random numbers, with the correlation the pairing
// achieved and a verdict corrected for multiple comparisons (Bonferroni); threshold probabilities
// with Wilson intervals; and how many replications a tighter answer would take. The statistics are
// in sim/batch/Statistics; this module chooses what is compared and how it reads.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/batch/DrawFilter.hpp"
#include "sim/batch/ResultStore.hpp"
#include "sim/batch/Statistics.hpp"

namespace drillsim {

/// What a metric means and which way is better, for the committee's reading.
struct MetricMeaning {
  const char* meaning = "";
  int better = 0;  // -1 lower is better, +1 higher, 0 neither
  int digits = 2;  // decimals it is shown with
};
/// The meaning of one of scalarMetricNames(); {"", 0, 2} for a name it does not know.
MetricMeaning metricMeaning(const std::string& metric);

/// An event whose probability the comparison gives: the metric above a level.
struct ThresholdEvent {
  std::string metric;
  double above = 0;
  std::string text;  // "P(clearance > 30 min)"
};
const std::vector<ThresholdEvent>& thresholdEvents();

struct PlanStatistics {
  std::string plan;
  bool baseline = false;
  stats::Summary summary;                        // over its replications that have the metric
  std::vector<std::pair<double, double>> ecdf;   // (value, share at or below)
  stats::Paired vsBaseline;                      // plan minus baseline; n = 0 for the baseline
  std::optional<stats::Verdict> verdict;         // empty for the baseline or fewer than 2 pairs
  long replicationsNeeded = 0;                   // for the mean's half-width to be `precision` of it
};

struct MetricComparison {
  std::string metric;
  MetricMeaning meaning;
  std::vector<PlanStatistics> plans;  // in the batch's order
};

struct ThresholdShare {
  ThresholdEvent event;
  std::string plan;
  long n = 0, hits = 0;
  double low95 = 0, high95 = 0;  // Wilson interval of hits / n
};

struct Comparison {
  std::string baseline;
  std::vector<std::string> plans;
  std::size_t comparisons = 1;  // plans other than the baseline (at least 1)
  double level = 0.95;          // of the difference intervals: 1 - 0.05 / comparisons
  double precision = 0.05;
  std::map<std::string, long> failed;  // replications that failed or cannot be read, by plan
  std::size_t successful = 0;          // replications compared, over all plans
  bool filtered = false;               // only the replications whose draws satisfy conditions
  std::size_t selected = 0, considered = 0;  // when filtered: replications kept, of those that succeeded
  std::vector<MetricComparison> metrics;     // those that are not one number everywhere
  std::vector<ThresholdShare> thresholds;
};

/// Compares the stored replications of `plans` with `baseline` (one of them). `where` keeps only
/// the replications whose draws satisfy it, the same under every plan (empty: all). `precision` is
/// the target half-width of a mean's interval as a share of the mean.
Comparison compareToBaseline(const std::vector<ReplicationRow>& rows, const std::vector<std::string>& plans,
                             const std::string& baseline, double precision, const std::vector<DrawCondition>& where = {});

/// The comparison as `drillsim compare --format json` prints it; `conditions` the --where text.
nlohmann::json comparisonJson(const Comparison& c, const std::string& conditions = "");

}  // namespace drillsim
