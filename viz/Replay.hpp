#pragma once
// One replication played back (DESIGN.md section 8, the trainer's replay): the legs, shelter
// occupancy and events that `drillsim run --out` wrote to replay.json, and the threat zones and
// burning zones of that replication, redrawn here from the same random streams (the hazard model
// is pure computation; containment and fire control times are taken from the run's events).

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "scenarios/Validation.hpp"
#include "sim/hazard/HazardModel.hpp"
#include "sim/engine/Outcome.hpp"

namespace drillsim::viz {

/// Something moving at a moment: a cohort's front and tail on its route, or a team's vehicle.
struct Mover {
  std::string who;
  int persons = 0;  // 0: a team
  Point2 front, tail;
};

/// A threat zone at a moment: a ring in park metres and its level.
struct ThreatRing {
  std::string hazard, level;  // "AEGL-2", "AEGL-3"
  std::vector<Point2> ring;
};

class ReplayPlayer {
 public:
  /// Reads `dir`/replay.json of a run of `loaded` (the scenario that was run); false and the reason
  /// in `error` when it cannot.
  bool load(const std::string& dir, const LoadedScenario& loaded, std::string& error);
  bool loaded() const { return model_ != nullptr; }
  const Outcome& outcome() const { return outcome_; }

  double time() const { return t_; }
  void setTime(double t);
  double horizon() const { return outcome_.horizon_s; }
  /// Advances the clock by `realSeconds` × speed while playing; stops at the horizon.
  void advance(double realSeconds);
  bool playing = false;
  float speed = 30;  // simulated seconds per real second

  std::vector<Mover> movers() const;
  /// Persons inside each shelter at the current time.
  std::map<std::string, int> occupancy() const;
  std::vector<ThreatRing> threatRings() const;
  /// Zone indices burning now.
  std::set<int> burningZones() const;
  /// Road indices closed now (from the run's road_closed / road_reopened events).
  std::set<int> closedRoads() const;
  /// Each road's peak utilisation in this run (share of its walking capacity), by road index.
  const std::vector<double>& roadUtilisation() const { return utilisation_; }
  /// Index of the first event after the current time (events before it have happened).
  std::size_t eventsSoFar() const;

 private:
  std::vector<Point2> route(const Leg& leg) const;

  std::unique_ptr<LoadedScenario> loaded_;
  std::unique_ptr<HazardModel> model_;
  Outcome outcome_;
  std::vector<std::vector<Point2>> routes_;  // per leg
  std::vector<double> routeLength_;
  std::vector<double> utilisation_;
  double t_ = 0;
};

}  // namespace drillsim::viz
