#pragma once
// A scenario's shelter layout: the park's shelters with the scenario's `shelter_changes` applied
// (moved, resized, renamed, removed or added shelters), so that a committee can study layouts
// without editing the park's geodata. Also the editor's helpers for writing such changes.

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

}  // namespace drillsim
