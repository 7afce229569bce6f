#pragma once
// A toxic release given by its vessel and hole (a scenario's `release:` block), turned into what
// the dispersion models need: the rate into the air, how long it lasts and the cloud as it leaves
// the source. Composes SourceTerm.hpp (hole flow, flash, rain-out, pool) and DenseGas.hpp (the
// source cloud). Pure functions, SI units; computed once per replication.
//
// The composition is DrillSim's own ([DrillSim] below); each physical law it uses carries its
// source in SourceTerm.hpp or DenseGas.hpp. Validity, beyond theirs: one hole in the wall of a
// vessel holding a liquefied gas at its vapour pressure (or at the given gauge pressure); the
// pressure and head are those at the start (the largest rate) for the whole leak, as the vapour
// space of a liquefied gas is kept at its vapour pressure by boiling while liquid remains (the
// cooling of the liquid as it boils is neglected: conservative); a gas vessel's blow-down is not
// modelled here (see vesselBlowdown for a vessel of compressed gas).
#include <limits>

#include "scenarios/Vocabulary.hpp"
#include "sim/hazard/DenseGas.hpp"
#include "sim/hazard/SourceTerm.hpp"

namespace drillsim::hazard {

using drillsim::ReleasePhase;  // scenarios/Vocabulary.hpp

/// The vessel, its hole and the air around it, as drawn for one replication.
struct VesselConditions {
  ReleasePhase phase = ReleasePhase::Liquid;
  double hole_m = 0.025;
  double storage_K = 293.15;
  /// Gauge pressure of the vapour space [Pa]; NaN: the substance's vapour pressure at storage_K.
  double gauge_Pa = std::numeric_limits<double>::quiet_NaN();
  double head_m = 0;  // liquid above the hole (liquid phase)
  double dischargeCoefficient = 0.62;
  double bund_m2 = std::numeric_limits<double>::infinity();  // no bund: infinite
  GroundThermal ground = kConcreteGround;
  double ambient_K = 293.15;
  double ambient_Pa = kAtmosphere_Pa;
  double inventory_kg = 0;
  /// The leak is stopped (isolated) after this long unless the vessel is empty before [s]; for a
  /// rupture, the pool's boiling (covered, or pumped out) after this long.
  double maxLeak_s = std::numeric_limits<double>::infinity();
  /// The vessel fails: its whole inventory is lost at once instead of through a hole.
  bool rupture = false;
  /// A vessel of compressed (not liquefied) gas of this volume [m3], blowing down through the hole
  /// (gas phase only); 0: the vapour space of a liquefied gas, kept at its vapour pressure.
  double gasVolume_m3 = 0;
};

/// Over how long the dispersion models' one steady rate of a blow-down is averaged: one minute,
/// ALOHA's "maximum average sustained release rate" (NOAA TM NOS OR&R 43, the source-strength
/// chapter; the term as ALOHA prints it, the document's section not re-checked here).
inline constexpr double kBlowdownAverage_s = 60;

/// The release as the dispersion models see it.
struct VesselSource {
  double storagePressure_Pa = 0;  // absolute
  double outflow_kg_s = 0;        // through the hole
  bool choked = false;            // gas phase: sonic at the hole
  TwoPhaseSplit split;            // of the outflow; a gas release is all flash
  double leak_s = 0;              // how long the hole releases: min(maxLeak_s, inventory / outflow)
  double pool_kg = 0;             // rained out over the leak
  double poolArea_m2 = 0;         // spread to 1 cm, within the bund
  bool poolBoils = false;         // the ground is warmer than the boiling point
  double poolDuringLeak_kg = 0;   // evaporated from the pool while the hole releases
  double airborne_kg = 0;         // everything that reaches the air
  double rate_kg_s = 0;           // into the air while the hole releases (jet + pool)
  double duration_s = 0;          // airborne_kg / rate_kg_s
  SourceCloud cloud;              // the cloud at the source, for the dense-gas criterion
  VesselBlowdown blowdown;        // a compressed-gas vessel's (gasVolume_m3 > 0)
  double puff_kg = 0;             // rupture: airborne at once (flash and aerosol, or all the gas)
  SourceCloud puffCloud;          // rupture: the puff's cloud at the source
  /// Share of the airborne mass that leaves as the jet's vapour and aerosol [-].
  double jetShare() const { return airborne_kg > 0 ? split.airborne() * outflow_kg_s * leak_s / airborne_kg : 0; }
};

/// The release from the vessel [DrillSim composition]:
///  - liquid: Bernoulli through the hole with the vapour space's gauge pressure and the head
///    (liquidHoleRate_kg_s); the superheated liquid flashes (flashFractionLinear, the form that
///    matches tabulated enthalpies), twice the flash is carried as vapour and aerosol
///    (twoPhaseSplit, k = 1) and the rest rains out into a pool of 1 cm within the bund
///    (poolArea_m2 of all the liquid rained out over the leak);
///  - gas: the vapour space through the hole, choked or not (gasHoleFlow), at the storage
///    temperature; all of it airborne. A vessel of compressed gas (gasVolume_m3 > 0) blows down
///    (vesselBlowdown, isothermal: the walls keep the gas at the storage temperature, the slower
///    of the two laws) until the leak is isolated or the vessel is at ambient pressure, at most
///    the inventory: the steady rate is the mean over the first kBlowdownAverage_s (the mass of
///    that minute over a minute, or all of it over the leak when it is shorter), lasting as long as
///    the mass released needs; the initial rate is outflow_kg_s.
/// The pool boils by conduction from the ground at the air's temperature (boilingPoolEvaporated_kg
/// at its final area over the leak, at most what rained out: an upper bound while it spreads); all
/// of it boils off in the end. A pool on ground no warmer than the boiling point is not evaporated
/// (poolBoils false): a non-boiling pool needs the vapour's diffusivity, not in the substance table.
/// The dispersion models take one steady release: rate = jet + pool evaporation during the leak,
/// lasting airborne_kg / rate, so that the mass in the air is conserved (the pool's remainder is
/// carried on at that rate after the hole stops).
/// Source cloud (DenseGas.hpp): a flashing liquid's is its vapour and aerosol at the boiling point
/// with the air that evaporates the aerosol (aerosolSourceCloud, vapour fraction flash / airborne);
/// a pool's alone, its vapour at the boiling point; a gas release's, the pure vapour at the storage
/// temperature (the jet's expansion cooling and the air it entrains are neglected).
/// All zero when the hole, the coefficient or the inventory is not positive or nothing drives the flow.
/// A rupture (vessel.rupture) is vesselRupture's.
VesselSource vesselSource(const SourceProperties& substance, const VesselConditions& vessel);

/// A catastrophic failure of the vessel: the whole inventory is lost at t = 0 [DrillSim
/// composition of the laws of SourceTerm.hpp, as QRA treats an instantaneous release, e.g. the
/// Purple Book CPR 18E's "instantaneous release of the complete inventory"]:
///  - liquid: the superheated liquid flashes at once (flashFractionLinear), twice the flash is
///    airborne as a puff (twoPhaseSplit, k = 1) with the aerosol cloud of a flashing jet
///    (aerosolSourceCloud); the rest rains out into one pool of 1 cm within the bund, which boils
///    by conduction from the ground (boilingPoolEvaporated_kg at its area) until it is gone or for
///    maxLeak_s, whichever is shorter: a plume at that period's mean rate, its cloud the vapour at
///    the boiling point. A pool on ground no warmer than the boiling point is not evaporated (as
///    in vesselSource);
///  - gas: the whole inventory is the puff, the pure vapour at the storage temperature.
/// The pressure wave and fragments of the burst are not modelled (issue of explosions), nor the
/// puff's momentum: the cloud starts at rest with the wind. Zero when the inventory is not positive.
VesselSource vesselRupture(const SourceProperties& substance, const VesselConditions& vessel);

}  // namespace drillsim::hazard
