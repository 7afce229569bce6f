#pragma once
// Why a hazard closes a road (the plan's close_roads_above, or a fire's heat): given by the hazard
// model to the engine, which logs it as a typed event (sim/engine/Event.hpp).

#include <string>

#include "scenarios/Vocabulary.hpp"

namespace drillsim {

/// Why a road is closed to new movements.
struct RoadClosure {
  enum class Cause {
    None,           // open
    Heat,           // a heat flux of at least heat_kW_m2 somewhere along it
    Concentration,  // a release above the plan's closure level on it
    Unstated,       // closed by a hazard model that gives no reason
  };
  Cause cause = Cause::None;
  std::string hazard{};  // Concentration: the release
  ClosureLevel level = ClosureLevel::None;  // Concentration: the plan's close_roads_above
  double heat_kW_m2 = 0;  // Heat: the flux that closes a road
  explicit operator bool() const { return cause != Cause::None; }
  bool operator==(const RoadClosure&) const = default;
};

}  // namespace drillsim
