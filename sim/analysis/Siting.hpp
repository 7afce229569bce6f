#pragma once
// Shelter siting (DESIGN.md section 2, the shelter committee): choose k of a set of candidate
// sites to add to the park's shelters so that evacuation ends soonest. A fast surrogate screens
// the candidates; the caller confirms the finalists by Monte Carlo under common random numbers.
//
// Surrogate: the mean, over a few pre-movement draws, of the quickest-flow bound for everyone
// ordered out at T+0 (QuickestFlow.hpp) with the candidates added. It rewards sites that shorten
// walks and relieve bottleneck roads and full shelters, and ignores what the bound ignores (the
// plan's shelter rule, hazard closures). Search: greedy addition, then swaps until none improves
// (Teitz and Bart, "Heuristic methods for estimating the generalized vertex median of a weighted
// graph", Operations Research 16(5), 1968).

#include <vector>

#include "scenarios/ScenarioFile.hpp"
#include "scenarios/Validation.hpp"

namespace drillsim {

struct SitingOptions {
  int sites = 1;            // k
  int draws = 4;            // pre-movement draws (replications 0..draws-1) averaged by the surrogate
  double step_s = 5.0;      // time step of the bound
  int finalists = 3;        // best sets kept for confirmation
};

struct SiteSet {
  std::vector<int> candidates;  // indices into the candidate list, ascending
  double score_s = 0;           // surrogate: mean bound [s]; infinity when someone cannot be placed
};

struct SitingResult {
  double current_s = 0;             // surrogate of the park's own shelters
  std::vector<SiteSet> finalists;   // best first
  int evaluations = 0;              // surrogate evaluations made
};

/// The surrogate of the park with `added` candidate sites (their changes applied to a copy).
double sitingSurrogate(const LoadedScenario& base, const std::vector<ShelterChange>& added, const SitingOptions& options);

SitingResult chooseSites(const LoadedScenario& base, const ShelterLayoutFile& candidates, const SitingOptions& options);

}  // namespace drillsim
