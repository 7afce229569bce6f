#pragma once
// The shares `drillsim hazard --probability` reports: for each zone, shelter and point, the share
// of drawn weathers and releases whose steady AEGL-2 (60 min) footprint covers it
// (sim/hazard/ThreatProbability counts them), with its Wilson 95 % interval (sim/batch/Statistics).

#include <cstdint>
#include <string>
#include <vector>

#include "scenarios/Validation.hpp"
#include "sim/batch/Statistics.hpp"

namespace drillsim {

struct ThreatShares {
  int draws = 0;
  std::vector<stats::Proportion> zones;     // per park zone
  std::vector<stats::Proportion> shelters;  // per park shelter
  std::vector<stats::Proportion> points;    // per point asked for
};

/// Draws `draws` replications of `seed` and returns each place's share. The hazard must be a
/// toxic release of the scenario whose substance has an AEGL-2 (60 min).
ThreatShares threatShares(const LoadedScenario& loaded, const std::string& hazard, std::uint64_t seed, int draws,
                          const std::vector<Point2>& points);

}  // namespace drillsim
