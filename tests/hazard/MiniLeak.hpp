#pragma once
// The mini scenario's chlorine leak under fixed weather, for hazard tests: 1 kg/s at 1 m for
// 1800 s, wind 2 m/s from `windFrom` (a distribution, so that tests can draw it), class D; the
// fire's radiation is left out so that only the plume acts.
#include "scenarios/Validation.hpp"

namespace drillsim::test {

LoadedScenario miniLeak(Distribution windFrom);

}  // namespace drillsim::test
