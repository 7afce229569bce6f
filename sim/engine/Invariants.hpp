#pragma once
// The invariants of one replication (README "Reliability"): what must hold of any run whatever
// the model's inputs, because the numbers are acted on. They are checked at the end of every
// replication, in every build (they cost a pass over the outcome, well under 1 % of a run): a run
// that breaks one is an error of the program, reported with its plan, seed and replication so that
// `drillsim run` reproduces it, never a set of numbers.
//
//  - people conserved: population is the park's for the scenario's time of day, and sheltered +
//    unsheltered + sheltered in place + not ordered = population, none negative;
//  - shelters: occupancy never negative nor above capacity, never falling (nobody leaves), the
//    persons admitted equal to those counted sheltered and to the log's arrivals; overflow equal to
//    the log's;
//  - clocks: every event, occupancy record and movement within [0, horizon] and finite, a
//    movement's departure, front and end in that order, each shelter's records in time order;
//    arrival quantiles ordered P50 <= P90 <= P95 <= clearance <= horizon;
//  - doses: every group's toxic load and heat dose finite and not negative (checked where they are
//    summed, see Exposure.cpp); persons over a level and expected fatalities between 0 and the
//    zone's population, and the zones adding up to the totals.

#include <stdexcept>
#include <string>
#include <vector>

#include "scenarios/Validation.hpp"
#include "sim/engine/Outcome.hpp"

namespace drillsim {

/// A replication broke an invariant: a defect of the program, not of the scenario.
struct InvariantError : std::logic_error {
  using std::logic_error::logic_error;
};

/// Every invariant `outcome` breaks, one line each ("" none). `found` holds those noted during the
/// run (doses).
std::vector<std::string> invariantViolations(const Outcome& outcome, const LoadedScenario& loaded,
                                             const std::vector<std::string>& found = {});

/// Throws InvariantError listing the violations (at most ten), with the plan, seed and replication.
void checkInvariants(const Outcome& outcome, const LoadedScenario& loaded, const std::vector<std::string>& found = {});

}  // namespace drillsim
