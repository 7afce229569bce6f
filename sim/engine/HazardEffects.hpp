#pragma once
// What the hazards do to a run, seen from the engine: which zones lie in the threat zone (for
// `protect: {zones: threat}`), the concentration at a point (for exposure) and which roads are
// closed. The hazard physics (plume, fire spread) implement this; until they do, NoHazardEffects
// states plainly that hazards have no effect on movement: no zone is in the threat zone, no road
// closes, and the concentration is zero everywhere.

#include <string>
#include <vector>

#include "scenarios/Geometry.hpp"
#include "scenarios/Substance.hpp"

namespace drillsim {

class HazardEffects {
 public:
  virtual ~HazardEffects() = default;
  /// Indices of the zones inside the threat zone at time t [s].
  virtual std::vector<int> threatZones(double t_s) const = 0;
  /// Ground-level concentration [mg/m3] at a point at time t.
  virtual double concentration_mg_m3(Point2 p, double t_s) const = 0;
  /// Whether road `road` is closed to new movements at time t.
  virtual bool roadClosed(int road, double t_s) const = 0;
  /// A team has stopped the release or controlled the fire `hazard` at time t.
  virtual void stopped(const std::string& hazard, double t_s) = 0;

  /// Toxic releases, one by one, for doses (which add up per substance, not across substances).
  virtual int releaseCount() const { return 0; }
  virtual const Substance* releaseSubstance(int) const { return nullptr; }
  virtual double releaseConcentration_mg_m3(int, Point2, double) const { return 0; }
};

class NoHazardEffects final : public HazardEffects {
 public:
  std::vector<int> threatZones(double) const override { return {}; }
  double concentration_mg_m3(Point2, double) const override { return 0; }
  bool roadClosed(int, double) const override { return false; }
  void stopped(const std::string&, double) override {}
};

}  // namespace drillsim
