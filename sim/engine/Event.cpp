#include "sim/engine/Event.hpp"

#include <array>
#include <cstdio>
#include <ostream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "scenarios/I18n.hpp"
#include "scenarios/Vocabulary.hpp"

namespace drillsim {

using nlohmann::json;

namespace {
constexpr std::array<std::pair<EventKind, const char*>, 21> kNames{{
    {EventKind::Detected, "detected"},
    {EventKind::Notified, "notified"},
    {EventKind::Order, "order"},
    {EventKind::ShelterInPlace, "shelter_in_place"},
    {EventKind::NoShelter, "no_shelter"},
    {EventKind::Depart, "depart"},
    {EventKind::Arrive, "arrive"},
    {EventKind::Overflow, "overflow"},
    {EventKind::Horizon, "horizon"},
    {EventKind::Dispatch, "dispatch"},
    {EventKind::CannotReach, "cannot_reach"},
    {EventKind::Drive, "drive"},
    {EventKind::OnScene, "on_scene"},
    {EventKind::Contained, "contained"},
    {EventKind::ZoneControlled, "zone_controlled"},
    {EventKind::Controlled, "controlled"},
    {EventKind::Ignited, "ignited"},
    {EventKind::RoadClosed, "road_closed"},
    {EventKind::RoadReopened, "road_reopened"},
    {EventKind::ThreatEnters, "threat_enters"},
    {EventKind::ThreatLeaves, "threat_leaves"},
}};

constexpr std::array<std::pair<RoadClosure::Cause, const char*>, 4> kCauses{{
    {RoadClosure::Cause::None, "none"},
    {RoadClosure::Cause::Heat, "heat"},
    {RoadClosure::Cause::Concentration, "concentration"},
    {RoadClosure::Cause::Unstated, "unstated"},
}};

}  // namespace

const char* eventKindName(EventKind kind) {
  for (const auto& [k, name] : kNames)
    if (k == kind) return name;
  return "";
}

std::ostream& operator<<(std::ostream& out, EventKind kind) { return out << eventKindName(kind); }

std::optional<EventKind> eventKindFromName(std::string_view name) {
  for (const auto& [k, word] : kNames)
    if (name == word) return k;
  return std::nullopt;
}

const char* eventKindShown(EventKind kind) {
  switch (kind) {
    case EventKind::Detected: return tc("event", "detected");
    case EventKind::Notified: return tc("event", "notified");
    case EventKind::Order: return tc("event", "order");
    case EventKind::ShelterInPlace: return tc("event", "sheltering in place");
    case EventKind::NoShelter: return tc("event", "no shelter");
    case EventKind::Depart: return tc("event", "departs");
    case EventKind::Arrive: return tc("event", "arrives");
    case EventKind::Overflow: return tc("event", "shelter full");
    case EventKind::Horizon: return tc("event", "horizon");
    case EventKind::Dispatch: return tc("event", "dispatched");
    case EventKind::CannotReach: return tc("event", "cannot reach");
    case EventKind::Drive: return tc("event", "drives");
    case EventKind::OnScene: return tc("event", "on scene");
    case EventKind::Contained: return tc("event", "release contained");
    case EventKind::ZoneControlled: return tc("event", "fire in zone under control");
    case EventKind::Controlled: return tc("event", "fire under control");
    case EventKind::Ignited: return tc("event", "ignited");
    case EventKind::RoadClosed: return tc("event", "road closed");
    case EventKind::RoadReopened: return tc("event", "road reopened");
    case EventKind::ThreatEnters: return tc("event", "threat enters");
    case EventKind::ThreatLeaves: return tc("event", "threat leaves");
  }
  return "";
}

namespace {
/// An event's line: its pattern, "kind entity: detail" in English (marked for the catalogue), and
/// the arguments of its placeholders. The log's detail and the shown sentence are both made from it.
struct Line {
  const char* pattern = "";
  std::vector<std::string> args;
};

Line lineOf(const Event& e) {
  using i18n::kNoop;
  const std::string n = std::to_string(e.persons);
  const std::string& who = e.entity;
  switch (e.kind) {
    case EventKind::Detected: return {kNoop("detected: the release or fire is detected"), {}};
    case EventKind::Notified: return {kNoop("notified {1}"), {who}};
    case EventKind::Order:
      return {e.action == ProtectiveAction::Evacuate ? kNoop("order {1}: evacuate ({2} persons), after {3}")
                                                     : kNoop("order {1}: shelter_in_place ({2} persons), after {3}"),
              {who, n, e.party}};
    case EventKind::ShelterInPlace: return {kNoop("shelter_in_place {1}: {2} persons: no open route to an open shelter"), {who, n}};
    case EventKind::NoShelter: return {kNoop("no_shelter {1}: {2} persons find no open shelter they can reach"), {who, n}};
    case EventKind::Depart: return {kNoop("depart {1}: {2} persons to {3}"), {who, n, e.shelter}};
    case EventKind::Arrive:
      return {kNoop("arrive {1}: {2} persons into {3} ({4}/{5})"),
              {who, n, e.shelter, std::to_string(e.occupancy), std::to_string(e.capacity)}};
    case EventKind::Overflow: return {kNoop("overflow {1}: {2} persons of {3} turned away: full"), {who, n, e.cohort}};
    case EventKind::Horizon: return {kNoop("horizon: {1} evacuees not in a shelter at the horizon"), {n}};
    case EventKind::Dispatch: return {kNoop("dispatch {1}: to {2} ({3} notified)"), {who, e.target, e.party}};
    case EventKind::CannotReach: return {kNoop("cannot_reach {1}: {2} cannot be reached by road"), {who, e.target}};
    case EventKind::Drive: return {kNoop("drive {1}: leaves for {2}"), {who, e.target}};
    case EventKind::OnScene: return {kNoop("on_scene {1}: {2}"), {who, e.target}};
    case EventKind::Contained: return {kNoop("contained {1}: release stopped by {2}"), {who, e.team}};
    case EventKind::ZoneControlled: return {kNoop("zone_controlled {1}: {2} in {1} under control by {3}"), {who, e.hazard, e.team}};
    case EventKind::Controlled: return {kNoop("controlled {1}: fire under control by {2}"), {who, e.team}};
    case EventKind::Ignited: return {kNoop("ignited {1}: {2}"), {who, e.hazard}};
    case EventKind::RoadClosed: {
      const RoadClosure& c = e.closure;
      switch (c.cause) {
        case RoadClosure::Cause::None: return {kNoop("road_closed {1}"), {who}};
        case RoadClosure::Cause::Heat: {
          char flux[32];
          std::snprintf(flux, sizeof flux, "%g", c.heat_kW_m2);
          return {kNoop("road_closed {1}: heat flux at least {2} kW/m2"), {who, flux}};
        }
        case RoadClosure::Cause::Concentration:
          return {kNoop("road_closed {1}: {2} above {3}, the plan's closure level"), {who, c.hazard, wordOf(c.level)}};
        case RoadClosure::Cause::Unstated: return {kNoop("road_closed {1}: closed"), {who}};
      }
      return {};
    }
    case EventKind::RoadReopened: return {kNoop("road_reopened {1}"), {who}};
    case EventKind::ThreatEnters: return {kNoop("threat_enters {1}"), {who}};
    case EventKind::ThreatLeaves: return {kNoop("threat_leaves {1}"), {who}};
  }
  return {};
}

std::string filled(const Line& l, const char* pattern) { return i18n::substitute(pattern, l.args.data(), l.args.size()); }
}  // namespace

std::string eventDetail(const Event& e) {
  // The English line without its "kind entity: ".
  const Line l = lineOf(e);
  const std::string line = filled(l, l.pattern);
  const std::string head = std::string(eventKindName(e.kind)) + (e.entity.empty() ? "" : " " + e.entity) + ": ";
  return line.rfind(head, 0) == 0 ? line.substr(head.size()) : "";
}

std::string eventSentence(const Event& e) {
  Line l = lineOf(e);
  // The parties by their bodies' names in Chinese (园区管委会 notified); the English keeps the
  // log's ids.
  const auto party = [&](std::size_t arg) {
    if (arg < l.args.size()) l.args[arg] = shownParty(l.args[arg]);
  };
  if (e.kind == EventKind::Notified) party(0);
  if (e.kind == EventKind::Order || e.kind == EventKind::Dispatch) party(2);
  return filled(l, tr(l.pattern));
}

json eventJson(const Event& e) {
  json j = {{"time_s", e.time_s}, {"kind", eventKindName(e.kind)}, {"entity", e.entity}};
  for (const auto& [key, id] : {std::pair<const char*, const std::string*>{"shelter", &e.shelter},
                                {"cohort", &e.cohort},
                                {"target", &e.target},
                                {"hazard", &e.hazard},
                                {"party", &e.party},
                                {"team", &e.team}})
    if (!id->empty()) j[key] = *id;
  switch (e.kind) {
    case EventKind::Order:
      j["action"] = e.action == ProtectiveAction::Evacuate ? "evacuate" : "shelter_in_place";
      j["persons"] = e.persons;
      break;
    case EventKind::Arrive:
      j["persons"] = e.persons;
      j["occupancy"] = e.occupancy;
      j["capacity"] = e.capacity;
      break;
    case EventKind::ShelterInPlace:
    case EventKind::NoShelter:
    case EventKind::Depart:
    case EventKind::Overflow:
    case EventKind::Horizon: j["persons"] = e.persons; break;
    case EventKind::RoadClosed:
      for (const auto& [cause, word] : kCauses)
        if (cause == e.closure.cause) j["closure"] = {{"cause", word}};
      if (!e.closure.hazard.empty()) j["closure"]["hazard"] = e.closure.hazard;
      if (e.closure.cause == RoadClosure::Cause::Concentration) j["closure"]["level"] = wordOf(e.closure.level);
      if (e.closure.cause == RoadClosure::Cause::Heat) j["closure"]["heat_kW_m2"] = e.closure.heat_kW_m2;
      break;
    default: break;
  }
  j["detail"] = eventDetail(e);
  return j;
}

Event eventFromJson(const json& j) {
  Event e;
  e.time_s = j.at("time_s");
  const std::string kind = j.at("kind");
  const auto k = eventKindFromName(kind);
  if (!k) throw std::invalid_argument("event kind \"" + kind + "\" is not one DrillSim writes");
  e.kind = *k;
  e.entity = j.at("entity");
  e.shelter = j.value("shelter", "");
  e.cohort = j.value("cohort", "");
  e.target = j.value("target", "");
  e.hazard = j.value("hazard", "");
  e.party = j.value("party", "");
  e.team = j.value("team", "");
  e.persons = j.value("persons", 0L);
  e.occupancy = j.value("occupancy", 0);
  e.capacity = j.value("capacity", 0);
  if (e.kind == EventKind::Order) {
    const std::string action = j.at("action");
    if (action != "evacuate" && action != "shelter_in_place")
      throw std::invalid_argument("order action \"" + action + "\" is neither evacuate nor shelter_in_place");
    e.action = action == "evacuate" ? ProtectiveAction::Evacuate : ProtectiveAction::ShelterInPlace;
  }
  if (e.kind == EventKind::RoadClosed) {
    const json& c = j.at("closure");
    const std::string cause = c.at("cause");
    bool known = false;
    for (const auto& [value, word] : kCauses)
      if (cause == word) {
        e.closure.cause = value;
        known = true;
      }
    if (!known) throw std::invalid_argument("road closure cause \"" + cause + "\" is not one DrillSim writes");
    e.closure.hazard = c.value("hazard", "");
    if (e.closure.cause == RoadClosure::Cause::Concentration) {
      const std::string level = c.at("level");
      const auto v = fromWord<ClosureLevel>(closureLevelNames(), level);
      if (!v) throw std::invalid_argument("road closure level \"" + level + "\" is not one DrillSim writes");
      e.closure.level = *v;
    }
    e.closure.heat_kW_m2 = c.value("heat_kW_m2", 0.0);
  }
  return e;
}

}  // namespace drillsim
