#pragma once
// What one replication produces (DESIGN.md section 4, "Outputs of one replication"): the metrics
// with their stable names (documented in the README), the event log, and the movements needed to
// replay the run. Times are seconds from hazard onset; absent values ("the team was never
// dispatched") are empty optionals, written as JSON null.

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/Event.hpp"
#include "sim/hazard/HazardDraws.hpp"

namespace drillsim {

struct ShelterOutcome {
  int peak = 0;      // most persons inside at any time
  int overflow = 0;  // persons turned away because it was full
  int admitted = 0;
};

struct TeamOutcome {
  std::optional<double> dispatch_s;  // first dispatch order received
  std::optional<double> arrival_s;   // first arrival on scene
};

struct HazardOutcome {
  std::optional<double> contained_s;   // toxic release stopped by a team
  std::optional<double> controlled_s;  // fire under control
};

struct ZoneOutcome {
  long persons_over_aegl2 = 0;  // persons of this zone whose toxic load reached the 60 min AEGL-2's
  long persons_over_aegl3 = 0;
  double expected_fatalities = 0;  // by the substance's probit and the burn probit together
  long persons_over_5kw = 0;       // persons of this zone who felt at least 5 kW/m2
  long persons_in_fire = 0;        // persons still in this zone while it burnt
  std::optional<double> ignited_s;  // when this zone caught fire; empty if it did not
};

struct RoadOutcome {
  double peak_utilisation = 0;  // largest share of the walking capacity in use
};

struct Metrics {
  double clearance_s = 0;  // last evacuee sheltered; the horizon if one never is; 0 if nobody evacuates
  double arrival_p50_s = 0, arrival_p90_s = 0, arrival_p95_s = 0;  // over evacuees; unsheltered at the horizon
  long population = 0;
  long sheltered = 0;           // evacuees inside a shelter at the horizon
  long unsheltered = 0;         // evacuees not in a shelter at the horizon (moving, waiting, turned away)
  long sheltered_in_place = 0;  // persons ordered to shelter in place
  long not_ordered = 0;         // persons in zones given no protective order
  long persons_over_aegl2 = 0, persons_over_aegl3 = 0;
  double expected_fatalities = 0;  // toxic and burn together
  long zones_burnt = 0;            // zones that caught fire by the horizon
  long persons_over_5kw = 0;       // persons who felt a heat flux of at least 5 kW/m2
  long persons_in_fire = 0;        // persons still in a zone while it burnt (not given a heat dose)
  std::map<std::string, ShelterOutcome> shelters;
  std::map<std::string, TeamOutcome> teams;
  std::map<std::string, HazardOutcome> hazards;
  std::map<std::string, RoadOutcome> roads;
  std::map<std::string, ZoneOutcome> zones;  // by the zone the persons came from
  std::optional<Draws> draws;                 // empty when the run has no hazard model
};

/// One movement of a cohort or a team, for replay: along `roads` from `from_node` to `to_node`.
struct Leg {
  std::string who;  // cohort "Z04/c3" or team id
  int persons = 0;  // 0 for a team
  int from_node = -1, to_node = -1;
  std::vector<int> roads;
  double depart_s = 0;  // leaves (cohort: front starts walking; team: leaves after turn-out)
  double front_s = 0;   // front reaches the destination
  double end_s = 0;     // last person (or the vehicle) arrives
  std::string destination;  // shelter, hazard or zone id
  int admitted = 0;         // persons the destination shelter took in (cohorts)
};

struct Occupancy {
  double time_s = 0;
  std::string shelter;
  int persons = 0;
};

struct Outcome {
  std::string scenario, plan;
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  double horizon_s = 0;
  Metrics metrics;
  std::vector<Event> events;
  std::vector<Leg> legs;
  std::vector<Occupancy> occupancy;
};

/// The metrics as JSON, with the draws under "draws" when the run has them.
nlohmann::json metricsJson(const Metrics& m);
nlohmann::json drawsJson(const Draws& d);
/// Draws as drawsJson writes them; nullopt when `j` is not such an object.
std::optional<Draws> drawsFromJson(const nlohmann::json& j);
/// One drawn quantity by its name in drawsJson ("wind_speed_ms", "stability", "L1.hole_mm",
/// "F1.start_s"): a number, a word, or null when the draws have no such entry or it is empty.
nlohmann::json drawnValue(const nlohmann::json& draws, const std::string& name);
/// The names drawnValue knows in these draws: the weather's, then each release's and fire's.
std::vector<std::string> drawnNames(const nlohmann::json& draws);
/// The version of replay.json replayJson writes (2: events typed, each with its ids and numbers).
inline constexpr int kReplayFormat = 2;
/// What a replay needs (no metrics): the run's ids, its movements, occupancy and events.
nlohmann::json replayJson(const Outcome& o);
/// The outcome of a replay.json (its metrics empty); throws naming what is missing or of the wrong
/// type, or the format when it is not kReplayFormat.
Outcome replayFromJson(const nlohmann::json& j);
/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csvField(const std::string& s);
std::string eventsCsv(const std::vector<Event>& events);
/// Full round trip, used to bring a replication's outcome back from a child process.
nlohmann::json outcomeJson(const Outcome& o);
Outcome outcomeFromJson(const nlohmann::json& j);

}  // namespace drillsim
