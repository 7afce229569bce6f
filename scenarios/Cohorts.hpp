#pragma once
// How a zone's evacuees move: in cohorts of the scenario's cohort_size (the last one smaller), each
// keyed "ZONE/cK" and leaving after its own pre-movement time, drawn from its own stream
// (seed, replication, "premovement", key). The simulator (Evacuation.cpp) and the quickest-flow
// bound (QuickestFlow.cpp) split and draw alike, so that both speak of the same people leaving at
// the same moments.

#include <cstdint>
#include <string>
#include <vector>

#include "scenarios/Scenario.hpp"

namespace drillsim {

struct CohortSplit {
  std::string key;  // "Z04/c3"
  int persons = 0;
  double premovement_s = 0;  // 0 when not drawn
};

/// The pre-movement time of the cohort `key` in that replication [s], at least 0.
double premovementOf(const Scenario& s, std::uint64_t seed, std::uint64_t replication, const std::string& key);
/// `persons` of zone `zoneId` in cohorts, in order; their pre-movement times drawn when
/// `drawPremovement`.
std::vector<CohortSplit> splitIntoCohorts(const Scenario& s, const std::string& zoneId, int persons, std::uint64_t seed,
                                          std::uint64_t replication, bool drawPremovement = true);

}  // namespace drillsim
