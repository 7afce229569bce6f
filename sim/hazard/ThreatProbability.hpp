#pragma once
// How likely each place is to lie inside a toxic release's AEGL-2 threat zone, over the scenario's
// weather and release distributions (DESIGN.md section 4; ALOHA draws one footprint per weather,
// this draws many). For each replication the weather and release are drawn from the same streams
// as a run's, and the steady-state AEGL-2 (60 min) footprint is traced; a place counts as inside
// when the footprint covers it. A planner reads it as "in what share of weathers is this shelter
// downwind enough to be threatened".

#include <cstdint>
#include <string>
#include <vector>

#include "scenarios/Validation.hpp"

namespace drillsim {

struct ThreatProbability {
  int replications = 0;
  std::vector<int> zones;     // per park zone: replications whose footprint touches the zone
  std::vector<int> shelters;  // per park shelter: replications whose footprint holds its position
  std::vector<int> points;    // per point asked for
};

/// Whether a footprint (closed ring) and a zone overlap: a vertex of either inside the other, or
/// the zone's centroid inside the footprint. Exact for convex shapes crossing by their corners;
/// a footprint narrower than the zone passing between its vertices is caught by its own vertices.
bool footprintTouches(const std::vector<Point2>& footprint, const Zone& zone);

/// Counts, over replications 0 .. n-1 of `seed`, the footprints of toxic release `hazard` that
/// cover each zone, shelter and point. The hazard must be a toxic release of the scenario whose
/// substance has an AEGL-2 (60 min).
ThreatProbability threatProbability(const LoadedScenario& loaded, const std::string& hazard, std::uint64_t seed,
                                    int replications, const std::vector<Point2>& points);


}  // namespace drillsim
