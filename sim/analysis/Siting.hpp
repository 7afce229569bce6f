#pragma once
// Shelter siting (DESIGN.md section 2, the shelter committee): choose candidate sites to add to
// the park's shelters, either k of them for the best objective, or the cheapest set that meets a
// target. A fast surrogate screens the candidates; the caller confirms the finalists by Monte
// Carlo under common random numbers.
//
// Objectives and their surrogates:
//   - arrival: the time for 95 % of the persons to be sheltered. Surrogate: the mean, over a few
//     replications, of the quickest-flow bound for 95 % of the evacuees (QuickestFlow.hpp) given
//     when they leave: the plan's own departures in those runs (alarm chain and pre-movement as
//     simulated; the caller passes them, since they do not depend on the shelters), else everyone
//     ordered out at T+0 with the simulator's pre-movement draws. It rewards sites that shorten
//     walks and relieve bottleneck roads and full shelters, and ignores what the bound ignores
//     (the plan's shelter rule, hazard closures). Being a bound on the same departures, it is no
//     more than what the plan achieves in those runs (to within the bound's time step): a set
//     whose surrogate misses a time target does not meet it there either.
//   - exposure: persons over AEGL-2. Surrogate: the persons the plan's nominal catchments send to
//     each shelter (ShelterEvaluation.hpp, at most its capacity), times the share of weather draws
//     in which the shelter lies in a toxic release's AEGL-2 zone (ThreatProbability.hpp), summed
//     over shelters and releases: the persons expected to shelter inside a threat zone. It leaves
//     out exposure on the way, which the sites change less. Ties go to the arrival surrogate.
// Search for k sites: greedy addition, then swaps until none improves (Teitz and Bart, "Heuristic
// methods for estimating the generalized vertex median of a weighted graph", Operations Research
// 16(5), 1968). For a target: greedy addition by improvement per unit cost until the target is
// met, then, while it stays met, dropping a site or exchanging one for one or two cheaper ones.
// Each set is scored once; a pass of exchanges scores at most k n^2 / 2 sets for n candidates.

#include <optional>
#include <vector>

#include "scenarios/ScenarioFile.hpp"
#include "scenarios/Validation.hpp"
#include "sim/analysis/QuickestFlow.hpp"

namespace drillsim {

enum class SitingObjective { Arrival, Exposure };

struct SitingOptions {
  SitingObjective objective = SitingObjective::Arrival;
  int sites = 1;                  // k, when no target is given
  std::optional<double> target;   // the cheapest set whose surrogate is at most this (s or persons)
  int draws = 4;                  // replications 0..draws-1 averaged by the arrival surrogate
  /// Per replication 0..draws-1, the plan's departures (releasesOf a run); empty: everyone ordered
  /// out at T+0 (orderAtZero).
  std::vector<std::vector<Release>> departures;
  double step_s = 5.0;            // time step of the bound
  double share = 0.95;            // share of the persons the arrival surrogate waits for
  int threatDraws = 200;          // weather draws for the exposure surrogate
  int finalists = 3;              // best sets kept for confirmation
};

struct SiteSet {
  std::vector<int> candidates;  // indices into the candidate list, ascending
  double score = 0;             // the objective's surrogate; infinity when someone cannot be placed
  double arrival_s = 0;         // the arrival surrogate [s]
  double exposed = 0;           // the exposure surrogate [persons] (exposure objective only)
  double cost = 0;              // sum of the sites' costs
};

struct SitingResult {
  SiteSet current;                // the park's own shelters
  SiteSet all;                    // every candidate added (target mode: the best the list can do)
  std::vector<SiteSet> finalists; // best first (target mode: cheapest first among those meeting it)
  bool targetMet = false;         // target mode: the current shelters' surrogate or some set's meets it
                                  // (finalists empty when the current shelters do)
  int evaluations = 0;            // surrogate evaluations made
};

/// Screens candidate sets for `plan` by the surrogate of `options.objective` (see above).
SitingResult chooseSites(const LoadedScenario& base, const ShelterLayoutFile& candidates, const Plan& plan,
                         const SitingOptions& options);

}  // namespace drillsim
