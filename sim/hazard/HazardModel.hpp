#pragma once
// The hazards of one replication acting on the run (DESIGN.md section 4): the scenario's toxic
// releases as Gaussian plumes under the replication's weather, stopped early when a hazmat team
// contains them or the inventory runs out, and its fires spreading from zone to zone until fire
// teams control them, radiating heat from each burning zone. They decide which zones lie in the
// threat zone, which roads close to new movements, the concentration people breathe and the heat
// they feel. Every random input is drawn from the replication's named streams, never by plan.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "scenarios/Validation.hpp"
#include "sim/hazard/HazardFields.hpp"
#include "sim/hazard/Dispersion.hpp"
#include "sim/hazard/FireSpread.hpp"
#include "sim/hazard/Probit.hpp"
#include "sim/hazard/VesselRelease.hpp"

namespace drillsim {

/// One toxic release as drawn for a replication.
struct DrawnRelease {
  std::string hazard;
  std::string sourceId;  // the park's hazard source it escapes from
  const Substance* substance = nullptr;
  Point2 source;
  hazard::Release release;                                     // stop_s updated when contained
  double aegl2_mg_m3 = 0, aegl3_mg_m3 = 0, closure_mg_m3 = 0;  // 60 min levels; closure 0 = never
  double aegl2Reach_m = 0;  // farthest downwind distance of AEGL-2 on the centreline, steady state
  hazard::WindAxis axis;    // where the replication's wind blows
  // How the release was found: drawn rate and duration (direct), or from its vessel and hole.
  bool fromVessel = false;
  double hole_mm = 0, storage_C = 0, dischargeCoefficient = 0;
  hazard::VesselSource vessel;  // fromVessel only
  double gauge_bar() const { return (vessel.storagePressure_Pa - hazard::kAtmosphere_Pa) / 1e5; }
  hazard::SourceCloud cloud;    // the plume's cloud at the source, for the dense-gas criterion
  // The dispersion model it got (passive or dense) and Britter-McQuaid's criterion for it.
  hazard::DenseCriterion criterion;
  bool dense() const { return release.dense != nullptr; }
  // A puff (release.puff_kg > 0: instantaneous_kg, or a rupture's flash and aerosol): its cloud
  // at the source, its criterion and model.
  bool rupture = false;
  hazard::SourceCloud puffCloud;
  hazard::DenseCriterion puffCriterion;
  bool densePuff() const { return release.densePuff != nullptr; }
  /// "puff" when there is one (its model is densePuff()), else the plume's "passive" or "dense",
  /// for the JSON and the draws.
  std::string dispersionName() const;
};

/// Sets the release's dense plume and dense puff (or clears them) for a weather, its rate, mass
/// and source clouds, by the model asked for: auto by Britter and McQuaid's continuous criterion
/// for the plume and instantaneous criterion for the puff, dense whenever the cloud is heavier than
/// air, passive never; fills r.criterion and r.puffCriterion. Also its AEGL-2 reach. Call again
/// after changing the weather, the rate or the mass.
void chooseDispersion(DrawnRelease& r, const hazard::Weather& w, DispersionModel model);

/// The source-term properties of a substance from the substance table (SourceTerm.hpp).
hazard::SourceProperties sourceProperties(const Substance& s);


/// One fire as drawn for a replication.
struct DrawnFire {
  std::string hazard;
  int origin = -1;  // zone index
  double start_s = 0;
  double heatRelease_MW = 0;  // per burning zone; 0: radiation not modelled
  double spread_m = 0;
  std::vector<std::vector<hazard::SpreadLink>> links;  // per zone: the neighbours it can ignite
  std::vector<double> controlled_s;                    // per zone, kNever until a team controls it
  std::vector<double> ignition_s;                      // per zone, from links and controls so far
  std::vector<int> ignited;                            // zones with a finite ignition_s, for the hot paths
  double fireRadius_m = 0;                             // of the fire disc, from heatRelease_MW
  /// Recomputes ignition_s and ignited from the links and the controls so far.
  void spread();
};

/// Heat flux at which roads close to walkers, 5 kW/m2: second-degree burns after about 40 s and
/// pain after 13 s (EPA Handbook of Chemical Hazard Analysis Procedures 1989, Table 4.2).
constexpr double kHeatClosure_kW_m2 = 5.0;
/// Radiative fraction of a burning zone's heat release, typical value 0.3 (NUREG-1805 chapter 5).
constexpr double kRadiativeFraction = 0.3;
/// Heat release per unit area of the fire [kW/m2], which sizes it: a disc of Q / 500 kW/m2. Our
/// assumption, in the range EN 1991-1-2 Annex E gives for buildings (not re-verified here). With
/// it the point-source flux at the disc's rim is chi_r 500 / 4 = 37.5 kW/m2 whatever Q.
constexpr double kFireHeatPerArea_kW_m2 = 500;
/// Radius [m] of a burning zone's fire, a disc of Q / kFireHeatPerArea_kW_m2; the point source
/// stands at its centre, the disc placed in the zone as near to each place as it goes.
double fireRadius_m(double heatRelease_MW);
/// How far beyond a burning zone's edge [m] the flux reaches `flux_kW_m2` (0: not beyond the edge).
double heatReach_m(double heatRelease_MW, double flux_kW_m2);

class HazardModel final : public HazardEffects {
 public:
  HazardModel(const LoadedScenario& loaded, const Plan& plan, std::uint64_t seed, std::uint64_t replication);

  std::vector<int> threatZones(double t_s) const override;
  double concentration_mg_m3(Point2 p, double t_s) const override;
  bool roadClosed(int road, double t_s) const override { return bool(closure(road, t_s)); }
  bool roadClosedFor(int road, double t_s, int fleeing) const override { return bool(closure(road, t_s, fleeing)); }
  RoadClosure closure(int road, double t_s) const override { return closure(road, t_s, -1); }
  /// Why road `road` is closed at t to people leaving zone `fleeing` (-1: to anyone).
  RoadClosure closure(int road, double t_s, int fleeing) const;
  void stopped(const std::string& hazard, double t_s) override;
  int releaseCount() const override { return int(releases_.size()); }
  const Substance* releaseSubstance(int i) const override { return releases_[std::size_t(i)].substance; }
  double releaseConcentration_mg_m3(int i, Point2 p, double t_s) const override {
    return concentration_mg_m3(releases_[std::size_t(i)], p, t_s);
  }
  double releaseSubstep_s(int i, Point2 p, double a_s, double b_s) const override;

  std::vector<int> burningZones(const std::string& hazard, double t_s) const override;
  double ignitedAt_s(const std::string& hazard, int zone) const override;
  void controlZone(const std::string& hazard, int zone, double t_s) override;
  double heatFlux_kW_m2(Point2 p, double t_s, int except = -1) const override;
  std::vector<double> zoneIgnitions() const override;
  std::optional<Draws> draws() const override { return draws_; }
  /// Whether the heat flux at p reaches `level`: the same answer as heatFlux_kW_m2(p, t_s, except)
  /// >= level. Most places are far from every burning zone: an upper bound of the flux, from each
  /// zone's box (never farther than its edge), settles them without the distance to the edge.
  bool heatReaches(Point2 p, double t_s, int except, double level) const;

  const hazard::Weather& weather() const { return weather_; }
  const std::vector<DrawnFire>& fires() const { return fires_; }
  const std::string& zoneId(int zone) const { return loaded_.park.zones[std::size_t(zone)].id; }
  const std::vector<DrawnRelease>& releases() const { return releases_; }
  /// Concentration of one release [mg/m3] at a point and time (for doses, which are per substance).
  double concentration_mg_m3(const DrawnRelease& r, Point2 p, double t_s) const;

 private:
  const LoadedScenario& loaded_;
  hazard::Weather weather_{};
  std::string sky_;  // the sky drawn when the class follows it
  Draws draws_;      // as drawn, before any team acts
  ClosureLevel closureLevel_;  // the plan's close_roads_above
  std::vector<DrawnRelease> releases_;
  std::vector<DrawnFire> fires_;
  // The fixed points the hazard monitor looks at every minute: each release's steady
  // concentration and travel time there, computed once per replication (the weather does not
  // change within one) instead of every minute. Per release: per zone its centroid then the
  // corners of its outer rings; per road its first point, middle and last point; the plume's axis.
  struct FixedPoints {
    std::vector<std::vector<hazard::PointExposure>> zones;
    std::vector<std::array<hazard::PointExposure, 3>> roads;
    std::vector<std::pair<Point2, hazard::PointExposure>> axis;
  };
  std::vector<FixedPoints> fixed_;
  std::vector<std::vector<Ring>> zoneRings_;  // each zone's outer rings and holes, for contains()
  std::vector<Bounds> zoneBounds_;            // the box of each zone's rings: contains() is false outside it
  void prepareFixedPoints();
  void recordDraws();
  /// The rate and duration of a release given by its vessel and hole (streams hole/ID,
  /// storage_temperature/ID, pressure/ID, head/ID, discharge/ID), its leak isolated after duration_s.
  void drawVessel(DrawnRelease& d, const PhysicalRelease& v, const HazardSource& src, double duration_s,
                  std::uint64_t seed, std::uint64_t replication) const;
  /// The radiated heat flux of every zone burning at t_s but `except`, each zone z's fire placed
  /// `distance(z)` metres from the place beyond its disc.
  template <class Distance>
  double heatSum(double t_s, int except, Distance distance) const;
};

/// Draws a fire for a replication: its start, heat release, spread distance and the delay of every
/// spread link (streams start/ID, heat_release/ID, spread_m/ID, spread/ID:FROM>TO), each delay
/// scaled by Hamada's wind factor for its direction under the drawn wind.
DrawnFire drawFire(const Hazard& h, const Park& park, const hazard::Weather& w, std::uint64_t seed,
                   std::uint64_t replication);

/// Draws the replication's weather from the scenario (streams weather/wind_speed, weather/wind_from,
/// weather/stability, and weather/sky when the class follows the sky, which `skyDrawn` then receives).
hazard::Weather drawWeather(const Scenario& s, std::uint64_t seed, std::uint64_t replication,
                            std::string* skyDrawn = nullptr);

/// The AEGL level of a plan's `close_roads_above` in mg/m3 for a substance (60 min values); 0 for none.
double closureLevel_mg_m3(ClosureLevel level, const Substance& substance);

}  // namespace drillsim
