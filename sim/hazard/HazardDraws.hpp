#pragma once
// What a replication's hazard model drew (the weather, each release's and fire's source), kept in
// the run's metrics (sim/engine/Outcome.hpp) for `compare --where` and the draws' columns.

#include <map>
#include <optional>
#include <string>

namespace drillsim {

/// What one replication drew before anything happened: the weather and, per hazard, its source.
/// Common random numbers make them the same under every plan, so a planner can see which weathers
/// and releases give the bad runs (and `compare --where` can select them).
struct ReleaseDraw {
  double start_s = 0;
  double rate_kg_s = 0;   // the steady rate the plume carries (jet and pool together)
  double duration_s = 0;  // until the inventory or the drawn duration ends it, before any team stops it
  std::optional<double> hole_mm;  // released from a vessel and hole; empty for a direct rate_kg_s
  std::string dispersion;         // "passive" or "dense", as chosen for this weather
  std::optional<double> puff_kg;  // released at once (instantaneous_kg or a rupture); empty: none
  std::string puff_dispersion;    // the puff's "passive" or "dense"
};

struct FireDraw {
  double start_s = 0;
  double heat_release_mw = 0;  // per burning zone
  double spread_m = 0;
};

struct Draws {
  double wind_speed_ms = 0, wind_from_deg = 0;  // at 10 m; meteorological direction
  std::string stability;                        // Pasquill class, "A" ... "F"
  std::string sky;                              // the sky drawn when the class follows it, else ""
  double temperature_c = 0;                     // the air's
  std::map<std::string, ReleaseDraw> releases;  // by hazard id
  std::map<std::string, FireDraw> fires;
};

}  // namespace drillsim
