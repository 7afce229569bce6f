#pragma once
// What the hazards do to a run, as the engine sees them, in three narrow interfaces owned by the
// hazard physics: a toxic field (each release's concentration at a point and time, and the threat
// zone, for exposure and for `protect: {zones: threat}`), a heat field (which zones burn and the
// radiant flux at a point, for burn doses and fire teams), and the roads the hazards close.
// HazardEffects is all three, plus what teams do to the hazards (stop a release, control a
// zone's fire) and what the replication drew. HazardModel (HazardModel.hpp) implements it;
// NoHazardEffects states plainly that hazards have no effect.

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/Geometry.hpp"
#include "scenarios/Substance.hpp"
#include "sim/hazard/HazardDraws.hpp"
#include "sim/hazard/RoadClosure.hpp"

namespace drillsim {

/// The toxic releases of a run. Doses add up per substance, not across substances, so the
/// exposure reads the releases one by one.
class ToxicField {
 public:
  virtual ~ToxicField() = default;
  /// Indices of the zones inside the threat zone at time t [s].
  virtual std::vector<int> threatZones(double t_s) const = 0;
  /// Ground-level concentration [mg/m3] at a point at time t, every release together.
  virtual double concentration_mg_m3(Point2 p, double t_s) const = 0;
  virtual int releaseCount() const { return 0; }
  virtual const Substance* releaseSubstance(int) const { return nullptr; }
  /// Release r's ground-level concentration [mg/m3] at a point at time t.
  virtual double releaseConcentration_mg_m3(int, Point2, double) const { return 0; }
  /// The time step [s] that resolves release r's concentration near p over [a, b]: a puff
  /// passing there in seconds needs sub-steps that the exposure's 10 s steps would miss or
  /// over-count; infinity where nothing changes faster than those steps.
  virtual double releaseSubstep_s(int, Point2, double, double) const { return std::numeric_limits<double>::infinity(); }
};

/// The fires of a run.
class HeatField {
 public:
  virtual ~HeatField() = default;
  /// Zones of fire `hazard` burning at time t (ignited and not yet under control).
  virtual std::vector<int> burningZones(const std::string& /*hazard*/, double /*t_s*/) const { return {}; }
  /// When zone `zone` ignited in fire `hazard` (given the controls so far); infinity if it has not.
  virtual double ignitedAt_s(const std::string& /*hazard*/, int /*zone*/) const {
    return std::numeric_limits<double>::infinity();
  }
  /// Radiant heat flux [kW/m2] at a point at time t from every burning zone, leaving out the
  /// zone `except` (-1: none), whose own occupants the zone-level model cannot place near the flames.
  virtual double heatFlux_kW_m2(Point2 /*p*/, double /*t_s*/, int /*except*/ = -1) const { return 0; }
  /// Earliest ignition of each zone over all fires at the end of the run; infinity if never.
  virtual std::vector<double> zoneIgnitions() const { return {}; }
};

/// The roads the hazards close.
class RoadHazards {
 public:
  virtual ~RoadHazards() = default;
  /// Whether road `road` is closed to new movements at time t.
  virtual bool roadClosed(int road, double t_s) const = 0;
  /// Whether road `road` is closed at time t to people leaving zone `fleeing`: the heat of their own
  /// burning zone does not stop them getting away from it. -1: closed as for anyone.
  virtual bool roadClosedFor(int road, double t_s, int /*fleeing*/) const { return roadClosed(road, t_s); }
  /// Why it is closed, for the event log (cause None when open).
  virtual RoadClosure closure(int road, double t_s) const {
    return {roadClosed(road, t_s) ? RoadClosure::Cause::Unstated : RoadClosure::Cause::None, "", ClosureLevel::None, 0};
  }
};

class HazardEffects : public ToxicField, public HeatField, public RoadHazards {
 public:
  /// A team has stopped the release or controlled the fire `hazard` at time t.
  virtual void stopped(const std::string& hazard, double t_s) = 0;
  /// A fire team has put zone `zone` of fire `hazard` under control at time t: it spreads no more.
  virtual void controlZone(const std::string& /*hazard*/, int /*zone*/, double /*t_s*/) {}
  /// What the replication drew (weather, sources), as they were before any team acted; empty
  /// for a model that draws nothing.
  virtual std::optional<Draws> draws() const { return std::nullopt; }
};

/// No zone is in the threat zone, no road closes, nothing burns and the concentration is zero
/// everywhere.
class NoHazardEffects final : public HazardEffects {
 public:
  std::vector<int> threatZones(double) const override { return {}; }
  double concentration_mg_m3(Point2, double) const override { return 0; }
  bool roadClosed(int, double) const override { return false; }
  void stopped(const std::string&, double) override {}
};

}  // namespace drillsim
