#pragma once
// Evidence for the shelter committee (DESIGN.md section 2): for a layout of shelters, each
// shelter's nominal catchment under a plan, demand against capacity, its users' walking distances
// against the service radius, its capacity against its area, its distance to each hazard source,
// and, from Monte Carlo runs, how often it overflows; and the findings drawn from them.
// nominalDemand, shelterRuns and shelterFindings are pure; evaluateShelters makes the runs (on a
// SimGrid platform of its own) and the weather draws, then calls them. `drillsim shelters
// evaluate` (sim/cli/SheltersCommand.cpp) only prints the evaluation.
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
#include "sim/batch/Statistics.hpp"

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
  /// Their summaries (stats::summarise of the vectors above), filled by shelterRuns.
  struct Summaries {
    stats::Summary clearance_s, unsheltered, bound_s, efficiency, boundedClearance_s;
  } summary;
};

/// Reads the shelters' outcomes from the runs' metrics (as `metricsJson` writes them).
ShelterRuns shelterRuns(const Park& park, const std::vector<nlohmann::json>& metrics);

/// What an evaluation looks at and with how many runs.
struct ShelterEvaluationSettings {
  const Plan* plan = nullptr;  // whose shelter rule and runs are evaluated
  long replications = 200;     // Monte Carlo runs per population for overflow (0: none)
  int threatDraws = 500;       // weather draws for the chance of lying in an AEGL-2 zone (0: none)
  std::uint64_t seed = 0;
  int jobs = 1;
  double radius_m = kServiceRadius_m;
  double areaPerPerson_m2 = kAreaPerPerson_m2;
  long boundRuns = 20;  // each plan's first runs set against the quickest-flow bound (0: none)
};

/// One population's part of the evaluation: who would go where, and how the runs went.
struct PopulationEvaluation {
  NominalDemand demand;
  ShelterRuns runs;
};

/// One finding for the committee, ranked: by category (0 the code and the space for everyone,
/// 1 shelters in a threat zone, 2 shelters turning people away, 3 catchments over capacity,
/// 4 walks beyond the radius, 5 areas too small), then by weight (how often, how many), larger
/// first.
struct ShelterFinding {
  int category = 0;
  double weight = 0;
  std::string text;
};

struct ShelterEvaluation {
  PopulationEvaluation day, night;
  std::vector<std::string> threatHazards;        // toxic releases evaluated
  std::vector<std::vector<double>> threatShare;  // per hazard, per shelter: share of weather draws in its AEGL-2 zone
  std::vector<ShelterFinding> findings;          // most serious first
  /// Every plan's clearance against the bound, over its first boundRuns runs with the scenario's
  /// population.
  struct PlanEfficiency {
    const Plan* plan = nullptr;
    ShelterRuns runs;
  };
  std::vector<PlanEfficiency> plans;
};

/// The whole evaluation: both populations' demand, the threat shares of every toxic release, the
/// Monte Carlo runs of the plan and every plan's efficiency, then the findings.
ShelterEvaluation evaluateShelters(const LoadedScenario& loaded, const ShelterEvaluationSettings& settings);

/// The findings from an evaluation's figures, most serious first.
std::vector<ShelterFinding> shelterFindings(const LoadedScenario& loaded, const ShelterEvaluationSettings& settings,
                                            const ShelterEvaluation& evaluation);

/// "37 %" for 0.37.
std::string percentText(double share);
/// A shelter's share of runs in which it overflowed with its 95 % Wilson interval: "12 % [8-17]"
/// ("" without runs).
std::string overflowShareText(const ShelterRuns& runs, std::size_t shelter);

}  // namespace drillsim
