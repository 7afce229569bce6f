#pragma once
// Shelter layouts set against the current shelters (`drillsim shelters compare` and the
// confirmation of `shelters site`): the plan's runs on every layout under common random numbers
// (the same weather, leak and pre-movement draws), paired differences, layout minus current, with
// Bonferroni-corrected intervals over the proposals, the same/better/worse verdict of
// stats::verdictOf, each shelter's share of runs in which it overflowed, and for the siting
// finalists how sure the ranking is (a paired bootstrap). The command line only prints these.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenarios/ScenarioFile.hpp"
#include "sim/analysis/QuickestFlow.hpp"
#include "sim/batch/Batch.hpp"
#include "sim/batch/Statistics.hpp"

namespace drillsim {

/// The replications that ran on every layout (runs[layout][replication], null when it failed).
std::vector<std::size_t> commonReplications(const std::vector<std::vector<nlohmann::json>>& runs);

/// One metric over the layouts: its mean on each (the current first) and each proposal's paired
/// difference from the current.
struct LayoutMetric {
  std::string key, label;
  bool share = false;  // a share of runs (shown in %), else a count or seconds
  std::vector<double> means;
  struct Difference {
    stats::Paired paired;
    stats::Verdict verdict = stats::Verdict::Same;
  };
  std::vector<Difference> differences;  // per proposal (layout 1, 2, ...)
};

struct LayoutComparison {
  std::vector<std::string> names, files;  // per layout, the current first (file "")
  std::size_t replications = 0;           // those that ran on every layout
  double level = 0.95;                    // the intervals' confidence, Bonferroni over the proposals
  std::vector<LayoutMetric> metrics;      // clearance, 95 % sheltered, unsheltered, over AEGL-2, P(any overflow)
  struct ShelterOverflow {
    std::string shelter;
    std::vector<std::optional<double>> share;  // per layout; none where the layout lacks it
  };
  std::vector<ShelterOverflow> shelters;  // every shelter of any layout, by id
};

/// Compares the layouts' runs (runs[k] for layout k, the current first). Every metric compared is
/// better lower.
LayoutComparison compareLayoutRuns(const std::vector<std::string>& names, const std::vector<std::string>& files,
                                   const std::vector<std::vector<nlohmann::json>>& runs);
/// As `drillsim shelters compare --format json` writes it.
nlohmann::json layoutComparisonJson(const LayoutComparison& c, const std::string& scenario, const std::string& plan,
                                    const std::string& population, std::uint64_t seed);

/// A candidate set as a layout file (`shelter_changes:` adding each chosen site), for the runs
/// that confirm it.
std::string candidateLayoutYaml(const ShelterLayoutFile& candidates, const std::vector<int>& set);

/// The plan's departures in its first `draws` runs on the current shelters (releasesOf each run):
/// the arrival surrogate's releases, which do not depend on where the shelters are. `loaded` is
/// the scenario at `scenarioPath`, loaded. Throws std::runtime_error when a run fails.
std::vector<std::vector<Release>> planDepartures(const LoadedScenario& loaded, const std::string& scenarioPath,
                                                 const std::string& substances, const std::string& plan, bool night,
                                                 int draws, const BatchOptions& batch);

/// The confirmation of siting finalists: one metric of the plan's runs on the current shelters
/// and on each finalist, paired against the current, and the bootstrap's shares.
struct SiteConfirmation {
  std::size_t replications = 0;              // those that ran on every layout
  std::vector<std::vector<double>> values;   // per layout (current first), per replication
  std::vector<double> means;                 // per layout: the mean of its values
  std::vector<stats::Paired> differences;    // per finalist, against the current
  std::vector<stats::Verdict> verdicts;      // per finalist
  stats::BootstrapShares sure;               // per layout
  int resamples = 2000;
};

/// Runs the plan on the current shelters and on each finalist set (a layout file written to a
/// temporary folder), `replications` each under common random numbers, and compares `metric`
/// (better lower).
SiteConfirmation confirmSites(const std::string& scenario, const std::string& substances,
                              const ShelterLayoutFile& candidates, const std::vector<std::vector<int>>& finalists,
                              const std::string& plan, bool night, long replications, const BatchOptions& batch,
                              const std::string& metric, std::optional<double> target);

}  // namespace drillsim
