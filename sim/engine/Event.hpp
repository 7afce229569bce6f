#pragma once
// One entry of a replication's event log (DESIGN.md section 4), typed: what happened (EventKind),
// to whom, and the ids and numbers that go with it. Nothing reads an event's text: the words of the
// log (`eventKindName`, `eventDetail`, English and stable) are made here, only when an event is
// written (events.csv, replay.json); its words for people (`eventKindShown`, `eventSentence`, in the
// user's language) only when it is shown (the run's story, the replay's log, a drill's injects).

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "scenarios/Scenario.hpp"
#include "sim/hazard/RoadClosure.hpp"

namespace drillsim {

enum class EventKind {
  Detected,        // the release or fire is detected
  Notified,        // entity: the party told
  Order,           // entity: the zone; action, persons, party (whose notification released it)
  ShelterInPlace,  // entity: the cohort; persons: held in place, no open route to an open shelter
  NoShelter,       // entity: the cohort; persons: on the way, no open shelter they can reach
  Depart,          // entity: the cohort; persons, shelter (where it walks to)
  Arrive,          // entity: the cohort; persons (admitted), shelter, occupancy and capacity after
  Overflow,        // entity: the shelter; persons (turned away), cohort
  Horizon,         // persons: evacuees not in a shelter at the horizon
  Dispatch,        // entity: the team; target, party (whose notification sent it)
  CannotReach,     // entity: the team; target (no road leads there)
  Drive,           // entity: the team; target (leaves for it)
  OnScene,         // entity: the team; target
  Contained,       // entity: the toxic release; team
  ZoneControlled,  // entity: the zone; hazard (the fire), team
  Controlled,      // entity: the fire; team
  Ignited,         // entity: the zone; hazard (the fire)
  RoadClosed,      // entity: the road; closure (why)
  RoadReopened,    // entity: the road
  ThreatEnters,    // entity: the zone (the threat zone now covers it)
  ThreatLeaves,    // entity: the zone
};

struct Event {
  double time_s = 0;
  EventKind kind = EventKind::Detected;
  std::string entity{};  // whose event (see EventKind); "" for detected and horizon
  // The other ids, as the kind has them.
  std::string shelter{}, cohort{}, target{}, hazard{}, party{}, team{};
  long persons = 0;
  int occupancy = 0, capacity = 0;  // arrive: persons in the shelter after, and its capacity
  ProtectiveAction action = ProtectiveAction::Evacuate;  // order
  RoadClosure closure{};                                 // road_closed
  bool operator==(const Event&) const = default;
};

/// The log's word for a kind: "detected", "road_closed", ...
const char* eventKindName(EventKind kind);
std::ostream& operator<<(std::ostream& out, EventKind kind);
/// The kind of a word eventKindName gives; nullopt for any other.
std::optional<EventKind> eventKindFromName(std::string_view name);
/// The log's sentence for an event: "120 persons into S3 (480/1500)", "" when the kind needs none.
std::string eventDetail(const Event& e);
/// The kind as a user reads it, in the current language ("road closed", "道路封闭").
const char* eventKindShown(EventKind kind);
/// The event as a user reads it, in the current language: what happened and to whom, with its
/// numbers ("S3: 120 persons admitted (480/1500)"). The log's own words stay eventKindName and
/// eventDetail, in English, whatever the language.
std::string eventSentence(const Event& e);
/// An event as replay.json keeps it: time_s, kind, entity, its other fields, and its detail.
nlohmann::json eventJson(const Event& e);
/// An event of replay.json; throws std::invalid_argument naming the field when it is not one.
Event eventFromJson(const nlohmann::json& j);

}  // namespace drillsim
