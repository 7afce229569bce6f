#pragma once
// The hazards of one replication acting on the run (DESIGN.md section 4): the scenario's toxic
// releases as Gaussian plumes under the replication's weather, stopped early when a hazmat team
// contains them or the inventory runs out. They decide which zones lie in the threat zone, which
// roads close to new movements under the plan's threshold, and the concentration people breathe.
// Every random input is drawn from the replication's named streams, never by plan.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "scenarios/Validation.hpp"
#include "sim/engine/HazardEffects.hpp"
#include "sim/hazard/Dispersion.hpp"

namespace drillsim {

/// One toxic release as drawn for a replication.
struct DrawnRelease {
  std::string hazard;
  const Substance* substance = nullptr;
  Point2 source;
  hazard::Release release;                                     // stop_s updated when contained
  double aegl2_mg_m3 = 0, aegl3_mg_m3 = 0, closure_mg_m3 = 0;  // 60 min levels; closure 0 = never
  double aegl2Reach_m = 0;  // farthest downwind distance of AEGL-2 on the centreline, steady state
};

class HazardModel final : public HazardEffects {
 public:
  HazardModel(const LoadedScenario& loaded, const Plan& plan, std::uint64_t seed, std::uint64_t replication);

  std::vector<int> threatZones(double t_s) const override;
  double concentration_mg_m3(Point2 p, double t_s) const override;
  bool roadClosed(int road, double t_s) const override;
  void stopped(const std::string& hazard, double t_s) override;
  int releaseCount() const override { return int(releases_.size()); }
  const Substance* releaseSubstance(int i) const override { return releases_[std::size_t(i)].substance; }
  double releaseConcentration_mg_m3(int i, Point2 p, double t_s) const override {
    return concentration_mg_m3(releases_[std::size_t(i)], p, t_s);
  }

  const hazard::Weather& weather() const { return weather_; }
  const std::vector<DrawnRelease>& releases() const { return releases_; }
  /// Concentration of one release [mg/m3] at a point and time (for doses, which are per substance).
  double concentration_mg_m3(const DrawnRelease& r, Point2 p, double t_s) const;

 private:
  const LoadedScenario& loaded_;
  hazard::Weather weather_{};
  std::vector<DrawnRelease> releases_;
};

/// Draws the replication's weather from the scenario (streams weather/wind_speed, weather/wind_from,
/// weather/stability).
hazard::Weather drawWeather(const Scenario& s, std::uint64_t seed, std::uint64_t replication);

/// The AEGL level of a plan's `close_roads_above` in mg/m3 for a substance (60 min values); 0 for none.
double closureLevel_mg_m3(const std::string& level, const Substance& substance);

}  // namespace drillsim
