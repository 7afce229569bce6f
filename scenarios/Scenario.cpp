#include "scenarios/Scenario.hpp"

#include "scenarios/Lookup.hpp"

namespace drillsim {

const char* dispersionName(DispersionModel m) {
  return m == DispersionModel::Passive ? "passive" : m == DispersionModel::Dense ? "dense" : "auto";
}

std::optional<DispersionModel> dispersionModel(const std::string& name) {
  for (DispersionModel m : {DispersionModel::Auto, DispersionModel::Passive, DispersionModel::Dense})
    if (name == dispersionName(m)) return m;
  return std::nullopt;
}

const Plan* Scenario::plan(const std::string& id) const { return findById(plans, id); }
const Team* Scenario::team(const std::string& id) const { return findById(teams, id); }
const Hazard* Scenario::hazard(const std::string& id) const { return findById(hazards, id); }

}  // namespace drillsim
