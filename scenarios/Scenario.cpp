#include "scenarios/Scenario.hpp"

#include "scenarios/Lookup.hpp"

namespace drillsim {

const Plan* Scenario::plan(const std::string& id) const { return findById(plans, id); }
const Team* Scenario::team(const std::string& id) const { return findById(teams, id); }
const Hazard* Scenario::hazard(const std::string& id) const { return findById(hazards, id); }

}  // namespace drillsim
