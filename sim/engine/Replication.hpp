#pragma once
// One replication of one plan (DESIGN.md section 4): the alarm chain, protective orders, cohorts
// walking to shelters as SimGrid comms that share road capacity, shelters that fill and send the
// rest on, and rescue teams. Deterministic for (seed, replication): every random input comes from
// a named stream (DESIGN.md section 5), so the same replication sees the same draws under every
// plan. Runs the process's SimGrid engine up to the horizon: one replication per process (the
// batch forks a child for each).

#include <cstdint>

#include "scenarios/Validation.hpp"
#include "sim/hazard/HazardFields.hpp"
#include "sim/engine/Outcome.hpp"
#include "sim/engine/Platform.hpp"

namespace drillsim {

/// Where a replication's time went, for the cost benchmark (tests/bench/CostCurveBench.cpp), in ms.
struct ReplicationProfile {
  double actors_ms = 0;    // creating the run's actors
  double engine_ms = 0;    // SimGrid's run to the horizon: flows, actors' own work, hazard checks
  double hazardChecks_ms = 0;  // within engine_ms: the hazard monitor's closures and threat zones
  double after_ms = 0;     // metrics at the horizon, doses and harm (assessExposure), events, invariants
};

Outcome runReplication(Platform& platform, const LoadedScenario& loaded, const Plan& plan, std::uint64_t seed,
                       std::uint64_t replication, HazardEffects& hazards, ReplicationProfile* profile = nullptr);

/// Vehicle speed factor on a road carrying evacuees: 1 - 0.8 u, with u the share of the road's
/// walking capacity in use (an assumption of this model, see README "Teams").
double crowdSpeedFactor(double utilisation);

}  // namespace drillsim
