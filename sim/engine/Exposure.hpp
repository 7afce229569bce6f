#pragma once
// Toxic exposure of everyone in the park over one replication (DESIGN.md section 4, "Exposure
// and harm"): each group of persons breathes the concentration where it is (its zone until it
// leaves, along its route, at its shelter), indoors through the building's air exchange; its
// toxic load is the integral of C^n dt in the probit's units. Persons whose load reaches the load
// of the 60 min AEGL-2 or AEGL-3 (ten Berge: the same C^n t) count as over that level; expected
// fatalities follow the substance's probit. Heat: each group feels the radiant flux of the burning
// zones where it is (indoors shielded below 37.5 kW/m2); persons at 5 kW/m2 or more are counted,
// and the burn probit adds to the expected fatalities. Persons still in a zone while it burns are
// counted apart: a zone-level model cannot place them relative to the flames.

#include "sim/engine/RunState.hpp"

namespace drillsim {

/// Indoors, the concentration follows dC_in/dt = lambda (C_out - C_in) with the building's air
/// changes per hour (scenario `buildings:`, by zone kind and for indoor shelters; default
/// kDefaultAirChangesPerHour), switching to `aired_out_per_hour` for persons who air out once the
/// air outdoors is cleaner than indoors (`air_out_when: cloud_passed`).
/// Integration step of the doses [s].
constexpr double kExposureStep_s = 10.0;

/// Adds persons_over_aegl2/3, persons_over_5kw, persons_in_fire, zones_burnt and expected_fatalities,
/// in total and per zone, to the outcome.
void assessExposure(RunState& state);

}  // namespace drillsim
