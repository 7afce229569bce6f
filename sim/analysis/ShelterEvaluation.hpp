#pragma once
// Evidence for the shelter committee (DESIGN.md section 2): for a layout of shelters, each
// shelter's nominal catchment under a plan, demand against capacity, its users' walking distances
// against the service radius, its capacity against its area, its distance to each hazard source,
// and, from Monte Carlo runs, how often it overflows. Pure: the runs and threat counts are passed
// in by the caller.
//
// Standards used (see the README, "Shelter evaluation"):
//   - fixed shelters hold at least 15 % of the planned population (the mandatory full-text code on
//     emergency shelters, shared reference hazard.md);
//   - an emergency shelter serves a radius of about 500 m, about a 10 min walk (Guangdong
//     provincial emergency-shelter plan, hazard.md);
//   - at least 1.5 m2 per person (GB 21734-2008, 5.4: 人均居住面积应大于1.5m², seen at
//     gf.cabr-fire.com/article-50452.htm).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenarios/Validation.hpp"

namespace drillsim {

constexpr double kServiceRadius_m = 500.0;      // Guangdong emergency-shelter plan (hazard.md)
constexpr double kMinShelterShare = 0.15;       // fixed shelters >= 15 % of planned population
constexpr double kAreaPerPerson_m2 = 1.5;       // GB 21734-2008 5.4

/// Who would go where under a plan on empty roads: each zone to the first shelter of its plan's
/// list, else to the one nearest by walking (what `nearest` and, on empty roads, `fastest` choose).
struct NominalDemand {
  bool night = false;
  long population = 0;
  long unreachable = 0;                    // persons of zones that reach no shelter
  std::vector<int> zoneShelter;            // per zone: shelter index, -1 none
  std::vector<double> zoneWalk_m;          // per zone: access + road + shelter access
  std::vector<std::vector<int>> catchment; // per shelter: zone indices
  std::vector<long> demand;                // per shelter: persons of its catchment
  struct Walk {
    double p50_m = 0, p95_m = 0, max_m = 0;  // over its users, weighted by persons
    long beyondRadius = 0;                   // users walking farther than the service radius
  };
  std::vector<Walk> walk;                  // per shelter
};

NominalDemand nominalDemand(const LoadedScenario& loaded, const Plan& plan, bool night,
                            double radius_m = kServiceRadius_m);

/// Per shelter, over Monte Carlo runs of one plan: the share of runs it overflowed in, and means.
struct ShelterRuns {
  long runs = 0;
  std::vector<long> overflowing;     // runs in which it turned anyone away
  std::vector<double> meanAdmitted;  // persons
  std::vector<double> meanPeak;
  std::vector<double> meanOverflow;
  std::vector<double> clearance_s, unsheltered, overAegl2;  // per run
  /// Runs whose metrics carry the quickest-flow bound for their own departures ("bound_s"):
  /// the bound and the plan's efficiency (bound / clearance) in each.
  std::vector<double> bound_s, efficiency, boundedClearance_s;  // the last: those runs' clearance
};

/// Reads the shelters' outcomes from the runs' metrics (as `metricsJson` writes them).
ShelterRuns shelterRuns(const Park& park, const std::vector<nlohmann::json>& metrics);

}  // namespace drillsim
