#pragma once
// A scenario's own park: the park's shelters with the scenario's `shelter_changes` applied
// (moved, resized, renamed, removed or added shelters), so that a committee can study layouts
// without editing the park's geodata, and its `park_changes` to zones', roads' and hazard
// sources' attributes (a night shift's headcount, a lane closed by works, a tank's inventory).

#include <string>
#include <vector>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/Park.hpp"
#include "scenarios/Scenario.hpp"

namespace drillsim {

/// Applies `changes` to `park.shelters` in order; a moved or added shelter is attached to its
/// nearest road node. Problems (an unknown id to remove, a new shelter without a position or a
/// capacity) are reported at the change's place under the key shelter_changes[i].
void applyShelterChanges(const std::vector<ShelterChange>& changes, Park& park, Diagnostics& diagnostics);

/// Applies `changes` to the attributes of the park's zones, roads and hazard sources; an unknown
/// id is reported at the change's place under the key park_changes[i].id.
void applyFeatureChanges(const std::vector<FeatureChange>& changes, Park& park, Diagnostics& diagnostics);

/// Both, as a scenario's park is made: features first, then shelters.
void applyParkChanges(const Scenario& scenario, Park& park, Diagnostics& diagnostics);

}  // namespace drillsim
