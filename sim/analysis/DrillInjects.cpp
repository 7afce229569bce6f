// The injects and objectives of a drill script (see DrillScript.hpp): the representative run read
// once (who was told when, which zone got which order, who sent each team), then one inject per
// event of its chain, each to a party already told, and the contingencies the run does not have.
//
// Index (search for "[SECTION] " and the name):
//   The run as read; Channels; Situation in words; Notifications; Teams; Threat, roads, shelters;
//   Endings; Contingencies; Objectives; Entry point.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "sim/analysis/DrillDocument.hpp"
#include "sim/analysis/DrillNames.hpp"
#include "sim/analysis/DrillScript.hpp"

namespace drillsim {

namespace {

/// A zone's protective order in the representative run.
struct ZoneOrder {
  double time_s = 0;
  ProtectiveAction action = ProtectiveAction::Evacuate;
  std::string party{};
};

std::string percent(double share) {
  return std::to_string(std::lround(100 * share)) + " %";
}

std::string oneDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

class Builder {
 public:
  Builder(const LoadedScenario& l, const Plan& plan, DrillKind kind, const std::vector<Milestones>& runs,
          const Outcome& run)
      : l_(l),
        names_(l),
        plan_(plan),
        kind_(kind),
        runs_(runs),
        run_(run),
        rm_(milestonesOf(l, run)),
        batch_(windowsOf(runs)) {
    readRun();
  }

  DrillScript build() {
    DrillScript s;
    s.kind = kind_;
    s.plan = plan_.id;
    s.planName = plan_.name;
    for (const auto& n : plan_.notify) s.organisations.push_back(partyName(n.who));
    for (const auto& t : l_.scenario.teams)
      s.organisations.push_back(names_.teamName(t.id) + " (" + wordOf(t.kind) + ")");
    s.objectives = objectives();
    injectsFromRun(s.injects);
    contingencies(s.injects);
    std::stable_sort(s.injects.begin(), s.injects.end(), [](const Inject& a, const Inject& b) {
      return a.time_s < b.time_s || (a.time_s == b.time_s && !a.contingency && b.contingency);
    });
    for (std::size_t i = 0; i < s.injects.size(); ++i) s.injects[i].number = int(i + 1);
    for (const Inject& i : s.injects) s.incident_s = std::max(s.incident_s, i.time_s);
    return s;
  }

 private:
  // [SECTION] The run as read: notifications, orders, dispatchers, the party giving the orders
  void readRun() {
    for (const Event& e : run_.events) {
      if (e.kind == EventKind::Detected && detected_ < 0) detected_ = e.time_s;
      if (e.kind == EventKind::Notified) notified_.emplace(e.entity, e.time_s);
      if (e.kind == EventKind::Order) orders_.emplace(e.entity, ZoneOrder{e.time_s, e.action, e.party});
      if (e.kind == EventKind::Dispatch) dispatcher_.emplace(e.entity, e.party);
    }
    // The party whose notice releases the protective orders; without any, the last one told.
    for (const auto& p : plan_.protect)
      if (commander_.empty() && !p.after.id.empty() && notified_.count(p.after.id)) commander_ = p.after.id;
    if (commander_.empty())
      for (const auto& n : plan_.notify)
        if (notified_.count(n.who)) commander_ = n.who;
  }

  bool told(const std::string& party, double t) const {
    const auto it = notified_.find(party);
    return it != notified_.end() && it->second <= t;
  }
  /// Whether the plan lets this party give protective orders.
  bool ordersGiver(const std::string& party) const {
    return std::any_of(plan_.protect.begin(), plan_.protect.end(),
                       [&](const Protect& p) { return p.after.id == party; });
  }
  /// Who a field report at time t goes to: the party giving the orders once it has been told,
  /// else the last party told by then; empty when nobody has been told yet.
  std::string reportTo(double t) const {
    if (told(commander_, t)) return commander_;
    std::string latest;
    for (const auto& n : plan_.notify)
      if (told(n.who, t)) latest = n.who;
    return latest;
  }
  double commanderTold() const {
    const auto it = notified_.find(commander_);
    return it != notified_.end() ? it->second : std::numeric_limits<double>::infinity();
  }

  // [SECTION] Channels: who plays the sender, and how the inject is delivered, by kind
  std::string controller(const std::string& as) const {
    switch (kind_) {
      case DrillKind::Tabletop:
        return "Facilitator (as " + as + ")";
      case DrillKind::Functional:
        return "SimCell (as " + as + ")";
      case DrillKind::FullScale:
        return as;
    }
    return as;
  }
  /// Delivery: by the facilitator at a tabletop; from the simulation cell by phone or radio in a
  /// functional exercise; by the real channel in a full-scale one.
  std::string method(const char* channel) const {
    switch (kind_) {
      case DrillKind::Tabletop:
        return "narrated";
      case DrillKind::Functional:
        return std::string(channel) + " (SimCell)";
      case DrillKind::FullScale:
        return channel;
    }
    return channel;
  }

  /// A field report at time t: to the party reportTo names.
  Inject report(double t, const std::string& as, const char* channel) const {
    Inject i;
    i.time_s = t;
    i.from = controller(as);
    i.recipient = reportTo(t);
    i.to = partyName(i.recipient);
    i.method = method(channel);
    return i;
  }

  /// The window of the inject's expected action: from its own event (`after`, which the run had
  /// at the inject's time) to `milestone`, over the batch.
  void expect(Inject& i, const std::string& milestone, const std::string& after) const {
    i.milestone = milestone;
    i.after = after;
    i.window = windowAfter(runs_, milestone, after, i.time_s);
  }

  // [SECTION] Situation in words: the threat zone and the closed roads at a time of the run
  std::vector<std::string> threatAt(double t) const {
    std::vector<std::string> inside;
    for (const Event& e : run_.events) {
      if (e.time_s > t) break;
      if (e.kind == EventKind::ThreatEnters && std::find(inside.begin(), inside.end(), e.entity) == inside.end())
        inside.push_back(e.entity);
      if (e.kind == EventKind::ThreatLeaves)
        inside.erase(std::remove(inside.begin(), inside.end(), e.entity), inside.end());
    }
    return inside;
  }
  std::vector<std::string> closedStreetsAt(double t) const {
    std::vector<std::string> streets;
    std::set<std::string> closed;
    for (const Event& e : run_.events) {
      if (e.time_s > t) break;
      if (e.kind == EventKind::RoadClosed) closed.insert(e.entity);
      if (e.kind == EventKind::RoadReopened) closed.erase(e.entity);
    }
    for (const auto& road : closed)
      if (const auto s = names_.street(road); std::find(streets.begin(), streets.end(), s) == streets.end())
        streets.push_back(s);
    return streets;
  }
  /// What a party told at t hears of the threat zone and the roads.
  std::string situation(double t) const {
    std::vector<std::string> zones;
    for (const auto& z : threatAt(t))
      if (names_.persons(z) > 0) zones.push_back(names_.zoneWithPersons(z));
    std::string out;
    if (!zones.empty()) out += " The threat zone covers " + DrillNames::list(zones) + ".";
    if (const auto roads = closedStreetsAt(t); !roads.empty())
      out += " These roads are closed: " + DrillNames::list(roads) + ".";
    return out;
  }

  // [SECTION] Notifications: each party as the run tells it, with its part of the plan
  Inject notification(const Event& e) const {
    const auto self = std::find_if(plan_.notify.begin(), plan_.notify.end(),
                                   [&](const Notification& n) { return n.who == e.entity; });
    const bool first = self == plan_.notify.begin();
    const std::string prev = first || self == plan_.notify.end() ? "" : (self - 1)->who;
    const std::string next = self == plan_.notify.end() || self + 1 == plan_.notify.end() ? "" : (self + 1)->who;
    Inject i;
    i.time_s = e.time_s;
    i.event = "notified " + e.entity;
    i.recipient = e.entity;
    i.to = partyName(e.entity);
    i.method = method("phone");
    if (prev.empty()) {
      i.from = controller("site operator");
      i.synopsis = "Alarm: the site operator reports " + names_.incident() + ", detected at " +
                   drillClock(std::max(0.0, detected_)) + ".";
    } else {
      i.from = kind_ == DrillKind::FullScale ? partyName(prev) : controller(partyName(prev));
      i.synopsis =
          partyName(e.entity) + " receives the report from " + partyName(prev) + ": " + names_.incident() + ".";
    }
    i.synopsis += situation(e.time_s);

    std::vector<std::string> sip, acts;
    long evacuating = 0, evacuees = 0, sheltering = 0;
    for (const auto& [zone, o] : orders_) {
      if (o.party != e.entity || names_.persons(zone) == 0) continue;
      if (o.action == ProtectiveAction::ShelterInPlace) {
        sip.push_back(names_.zoneWithPersons(zone));
        sheltering += names_.persons(zone);
      } else {
        ++evacuating;
        evacuees += names_.persons(zone);
      }
    }
    if (!sip.empty())
      acts.push_back("Order " + DrillNames::list(sip) +
                     " to shelter in place: doors and windows shut, ventilation off (" + std::to_string(sheltering) +
                     " persons).");
    if (evacuating > 0)
      acts.push_back("Order " + std::to_string(evacuating) + " zones (" + std::to_string(evacuees) +
                     " persons) to evacuate to the shelters.");
    for (const auto& d : plan_.dispatch)
      if (d.after.id == e.entity)
        acts.push_back("Dispatch " + names_.teamName(d.team.id) + " to " + names_.zone(d.to.id) + ".");
    if (!next.empty()) acts.push_back("Report to " + partyName(next) + ".");
    for (const auto& a : acts) i.action += (i.action.empty() ? "" : " ") + a;
    if (i.action.empty()) i.action = "Acknowledge and stand by.";

    const auto dispatch = std::find_if(plan_.dispatch.begin(), plan_.dispatch.end(),
                                       [&](const Dispatch& d) { return d.after.id == e.entity; });
    if (!sip.empty() || evacuating > 0) {
      expect(i, "orders/" + e.entity, "notified/" + e.entity);
      i.objective = "O2";
    } else if (!next.empty()) {
      expect(i, "notified/" + next, "notified/" + e.entity);
      i.objective = "O1";
    } else if (dispatch != plan_.dispatch.end()) {
      expect(i, "dispatch/" + dispatch->team.id, "notified/" + e.entity);
      i.objective = "O4";
    } else {
      i.objective = "O1";
    }
    return i;
  }

  // [SECTION] Teams: on scene, to the party that sent them, with their task
  Inject onScene(const Event& e) const {
    const auto sender = dispatcher_.find(e.entity);
    Inject i;
    i.time_s = e.time_s;
    i.event = "on_scene " + e.entity;
    i.recipient = sender != dispatcher_.end() ? sender->second : reportTo(e.time_s);
    i.to = partyName(i.recipient);
    i.from = kind_ == DrillKind::FullScale ? names_.teamName(e.entity) : controller(names_.teamName(e.entity));
    i.method = method("radio");
    i.synopsis = names_.teamName(e.entity) + " reports on scene at " + names_.zone(e.target) + ".";
    i.objective = "O4";
    const Team* t = names_.team(e.entity);
    const Hazard* h = names_.hazardAt(e.target);
    const bool toxic = h && std::holds_alternative<ToxicRelease>(h->detail);
    const bool fire = h && std::holds_alternative<Fire>(h->detail);
    const auto working = h ? workingTeam_.find(h->id) : workingTeam_.end();
    const bool firstAtWork = working != workingTeam_.end() && working->second == e.entity;
    if (t && t->kind == TeamKind::Hazmat && toxic) {
      if (firstAtWork) {
        i.action = "Stop the release.";
        expect(i, "contained/" + h->id, "working/" + h->id);
      } else {
        i.action = "Join " + names_.teamName(working != workingTeam_.end() ? working->second : "") +
                   " in stopping the release.";
      }
    } else if (t && t->kind == TeamKind::Fire && fire) {
      if (firstAtWork) {
        i.action = "Bring the fire under control.";
        expect(i, "controlled/" + h->id, "working/" + h->id);
      } else {
        i.action =
            "Join " + names_.teamName(working != workingTeam_.end() ? working->second : "") + " in fighting the fire.";
      }
    } else if (t && t->kind == TeamKind::Fire) {
      i.action =
          "Support the work at " + names_.zone(e.target) + ": water curtains to knock the gas down, search and rescue.";
    } else if (t && t->kind == TeamKind::Medical) {
      i.synopsis += casualties(e.target);
      i.action = "Triage and treat casualties at " + names_.zone(e.target) + "; arrange transport to hospital.";
    } else {
      i.action = "Take up the task at " + names_.zone(e.target) + ".";
    }
    return i;
  }

  /// The run's casualties as its metrics hold them (doses over the whole run), for the medical team.
  std::string casualties(const std::string& target) const {
    const Metrics& m = run_.metrics;
    std::string out;
    const auto zone = m.zones.find(target);
    if (names_.hasToxic()) {
      if (zone != m.zones.end())
        out += " In this run " + std::to_string(zone->second.persons_over_aegl2) + " persons of " +
               names_.zone(target) + " breathe a dose over AEGL-2 and " +
               std::to_string(zone->second.persons_over_aegl3) + " over AEGL-3 (60 min equivalent loads), with " +
               oneDecimal(zone->second.expected_fatalities) + " expected deaths.";
      out += " In the whole park " + std::to_string(m.persons_over_aegl2) + " persons breathe a dose over AEGL-2 and " +
             std::to_string(m.persons_over_aegl3) + " over AEGL-3, with " + oneDecimal(m.expected_fatalities) +
             " expected deaths.";
    }
    if (names_.hasFire())
      out += " In this run " + std::to_string(m.persons_over_5kw) + " persons feel 5 kW/m2 or more and " +
             std::to_string(m.persons_in_fire) + " are still in a zone while it burns; " +
             oneDecimal(m.expected_fatalities) + " expected deaths in all.";
    return out;
  }

  // [SECTION] Threat, roads, shelters: reports of the run's events to the party giving the orders
  /// The threat zone reaching a zone with people, once the party giving the orders has been told
  /// (before, the zones it covers are part of the notifications).
  Inject threat(const Event& e) const {
    Inject i = report(
        e.time_s,
        names_.hasToxic() ? (names_.hasFire() ? "air monitoring and fire watch" : "air monitoring") : "fire watch",
        "radio");
    i.event = "threat_enters " + e.entity;
    i.objective = "O3";
    const std::string zone = names_.zoneWithPersons(e.entity), id = e.entity;
    const auto order = orders_.find(id);
    const bool ordered = order != orders_.end() && order->second.time_s <= e.time_s;
    const auto cleared = rm_.find("cleared/" + id);
    if (ordered && order->second.action == ProtectiveAction::ShelterInPlace) {
      i.synopsis = "The threat zone has reached " + zone + ", which is sheltering in place.";
      i.action =
          "Confirm that " + id + " stays indoors with doors and windows shut and ventilation off until the all-clear.";
    } else if (ordered && cleared != rm_.end() && cleared->second <= e.time_s) {
      i.synopsis = "The threat zone has reached " + zone + ", which has been cleared.";
      i.action = "Keep " + id + " closed to all but the response teams.";
    } else if (ordered) {
      i.synopsis = "The threat zone has reached " + zone + ", which is under an order to evacuate.";
      i.action = "Confirm that " + id + " is evacuating and that its evacuees keep out of the threat zone.";
    } else {
      i.synopsis = "The threat zone has reached " + zone + ", which has no protective order.";
      i.action = ordersGiver(i.recipient)
                     ? "Decide on a protective order for " + id + " and give it."
                     : "Decide with the plan's parties whether " + id + " must evacuate or shelter in place.";
      i.objective = "O2";
    }
    return i;
  }

  /// The sentence of a road closure, by what closes roads in this scenario.
  std::string closedSentence(const std::vector<std::string>& streets) const {
    const std::string list = DrillNames::list(streets);
    const bool many = streets.size() > 1;
    if (names_.hasToxic() && names_.hasFire())
      return many ? "These roads are closed: " + list + "; the gas or the heat there is above the plan's closure level."
                  : list + " is closed: the gas or the heat there is above the plan's closure level.";
    if (names_.hasToxic())
      return many ? "These roads are closed: " + list + "; the concentration there is above the plan's closure level."
                  : list + " is closed: the concentration there is above the plan's closure level.";
    return many ? "These roads are closed: " + list + "; the heat there is too much to pass."
                : list + " is closed: the heat there is too much to pass.";
  }

  // [SECTION] The injects of the run's chain, in its order
  void injectsFromRun(std::vector<Inject>& out) {
    for (const Event& e : run_.events) {
      if (e.kind != EventKind::OnScene) continue;
      const Hazard* h = names_.hazardAt(e.target);
      const auto w = h ? rm_.find("working/" + h->id) : rm_.end();
      if (w != rm_.end() && w->second == e.time_s && !workingTeam_.count(h->id)) {
        const Team* t = names_.team(e.entity);
        const bool toxic = std::holds_alternative<ToxicRelease>(h->detail);
        if (t && ((toxic && t->kind == TeamKind::Hazmat) || (!toxic && t->kind == TeamKind::Fire)))
          workingTeam_[h->id] = e.entity;
      }
    }
    // Threat entries after the orders' party was told: at a tabletop the three with most people.
    std::vector<const Event*> threats;
    for (const Event& e : run_.events)
      if (e.kind == EventKind::ThreatEnters && e.time_s > commanderTold() && names_.persons(e.entity) > 0)
        threats.push_back(&e);
    if (kind_ == DrillKind::Tabletop && threats.size() > kTabletopThreats) {
      std::vector<const Event*> most = threats;
      std::stable_sort(most.begin(), most.end(), [&](const Event* a, const Event* b) {
        return names_.persons(a->entity) > names_.persons(b->entity);
      });
      most.resize(kTabletopThreats);
      threats.erase(
          std::remove_if(threats.begin(), threats.end(),
                         [&](const Event* e) { return std::find(most.begin(), most.end(), e) == most.end(); }),
          threats.end());
    }
    // Streets closed after the orders' party was told, grouped by the moment they close.
    std::map<double, std::vector<std::string>> closing;
    std::set<std::string> streetsSeen;
    for (const Event& e : run_.events)
      if (e.kind == EventKind::RoadClosed && streetsSeen.insert(names_.street(e.entity)).second &&
          e.time_s > commanderTold())
        closing[e.time_s].push_back(names_.street(e.entity));
    std::set<std::string> full;
    for (const Event& e : run_.events) {
      if (e.kind == EventKind::Notified) {
        out.push_back(notification(e));
      } else if (e.kind == EventKind::OnScene) {
        out.push_back(onScene(e));
      } else if (e.kind == EventKind::ThreatEnters && std::find(threats.begin(), threats.end(), &e) != threats.end()) {
        out.push_back(threat(e));
      } else if (e.kind == EventKind::RoadClosed && closing.count(e.time_s) && !reportTo(e.time_s).empty()) {
        Inject i = report(e.time_s, "traffic post", "radio");
        i.event = "road_closed " + e.entity;
        i.synopsis = closedSentence(closing.at(e.time_s));
        i.action = closing.at(e.time_s).size() > 1 ? "Reroute evacuees and teams around them."
                                                   : "Reroute evacuees and teams around it.";
        i.objective = "O3";
        closing.erase(e.time_s);
        out.push_back(i);
      } else if (e.kind == EventKind::Overflow && full.insert(e.entity).second && !reportTo(e.time_s).empty()) {
        Inject i = report(e.time_s, "shelter manager of " + names_.shelter(e.entity), "phone");
        i.event = "overflow " + e.entity;
        i.synopsis = names_.shelter(e.entity) + " is full and turning evacuees away.";
        i.action = "Redirect arrivals to the nearest shelter with room and tell the zones still walking there.";
        i.objective = "O3";
        out.push_back(i);
      } else if ((e.kind == EventKind::Contained || e.kind == EventKind::Controlled) && !reportTo(e.time_s).empty()) {
        out.push_back(ended(e));
      }
    }
    if (run_.metrics.sheltered + run_.metrics.unsheltered > 0) {
      const double t = run_.metrics.unsheltered == 0 ? run_.metrics.clearance_s : run_.horizon_s;
      Inject i = report(t, "shelter managers", "phone");
      i.objective = "O3";
      if (run_.metrics.unsheltered == 0) {
        i.event = "evacuated";
        i.synopsis = "The last evacuees have reached a shelter (" + std::to_string(run_.metrics.sheltered) +
                     " persons in shelters).";
        i.action = "Account for everyone: head counts at the shelters against the zones' rolls.";
      } else {
        i.event = eventKindName(EventKind::Horizon);
        i.synopsis = std::to_string(run_.metrics.unsheltered) + " evacuees are still not in a shelter.";
        i.action = "Find them and bring them to a shelter with room.";
      }
      if (!i.recipient.empty()) out.push_back(i);
    }
  }

  // [SECTION] Endings: the release stopped or the fire under control
  Inject ended(const Event& e) const {
    const bool toxic = e.kind == EventKind::Contained;
    Inject i = report(e.time_s, names_.teamName(e.team), "radio");
    if (kind_ == DrillKind::FullScale) i.from = names_.teamName(e.team);
    if (!told(commander_, e.time_s)) {
      const auto sender = dispatcher_.find(e.team);
      if (sender != dispatcher_.end()) i.recipient = sender->second;
      i.to = partyName(i.recipient);
    }
    i.event = std::string(eventKindName(e.kind)) + " " + e.entity;
    i.synopsis = toxic ? names_.teamName(e.team) + " reports that the release " + e.entity + " has been stopped."
                       : names_.teamName(e.team) + " reports that the fire " + e.entity + " is under control.";
    i.action = ordersGiver(i.recipient) || i.recipient == commander_ ? "Decide on the all-clear and re-entry."
                                                                     : "Report it to " + partyName(commander_) + ".";
    i.objective = "O4";
    return i;
  }

  // [SECTION] Contingencies: common failures of the batch that the representative run does not
  // have, to the party giving the orders, at their median time and never before it was told
  Inject contingency(double p50, const std::string& as, const char* channel) const {
    Inject i = report(std::max(p50, commanderTold()), as, channel);
    i.contingency = true;
    return i;
  }

  void contingencies(std::vector<Inject>& out) const {
    if (!std::isfinite(commanderTold())) return;
    constexpr double kCommon = 0.10;  // a failure in at least one run in ten gets a contingency
    // Streets: by street, the window of its first segment to close and its most frequent segment's share.
    std::map<std::string, Window> streets;
    for (const auto& [key, win] : batch_) {
      if (key.rfind("closed/", 0) != 0 || win.share() < kCommon || rm_.count(key)) continue;
      const std::string street = names_.street(key.substr(7));
      bool inRun = false;
      for (const auto& [k, t] : rm_)
        inRun = inRun || (k.rfind("closed/", 0) == 0 && names_.street(k.substr(7)) == street);
      if (inRun) continue;
      auto [it, inserted] = streets.emplace(street, win);
      if (!inserted) {
        const long most = std::max(it->second.happened, win.happened);
        if (win.p50_s < it->second.p50_s) it->second = win;
        it->second.happened = most;
      }
    }
    // One inject per moment of delivery, its streets most frequent first.
    std::map<double, std::vector<std::pair<std::string, Window>>> byTime;
    for (const auto& [street, win] : streets) byTime[std::max(win.p50_s, commanderTold())].push_back({street, win});
    for (auto& [t, group] : byTime) {
      std::stable_sort(group.begin(), group.end(),
                       [](const auto& a, const auto& b) { return a.second.share() > b.second.share(); });
      Inject i = contingency(t, "traffic post", "radio");
      i.event = "road_closed " + group.front().first;
      i.arises = group.front().second;
      std::vector<std::string> listed;
      for (const auto& [street, win] : group) {
        listed.push_back(street + " (" + percent(win.share()) + " of runs)");
        if (win.p50_s < i.arises->p50_s) i.arises = win;
      }
      i.synopsis = group.size() == 1 ? "In some runs " + listed.front() +
                                           " is closed by now: the plan's closure level is exceeded there."
                                     : "In some runs these roads are closed by now: " + DrillNames::list(listed) +
                                           "; the plan's closure level is exceeded there.";
      i.action =
          group.size() == 1 ? "Reroute evacuees and teams around it." : "Reroute evacuees and teams around them.";
      i.objective = "O3";
      out.push_back(i);
    }
    for (const auto& [key, win] : batch_) {
      if (key.rfind("full/", 0) != 0 || win.share() < kCommon || rm_.count(key)) continue;
      const std::string id = key.substr(5);
      Inject i = contingency(win.p50_s, "shelter manager of " + names_.shelter(id), "phone");
      i.event = key;
      i.arises = win;
      i.synopsis =
          names_.shelter(id) + " is full and turning evacuees away (as in " + percent(win.share()) + " of runs).";
      i.action = "Redirect arrivals to the nearest shelter with room and tell the zones still walking there.";
      i.objective = "O3";
      out.push_back(i);
    }
    // Teams not yet there when the threat spread: only when this run did not have it, naming the
    // teams still not on scene at the moment of delivery.
    bool lateInRun = false;
    for (const auto& [k, t] : rm_) lateInRun = lateInRun || k.rfind("late/", 0) == 0;
    if (lateInRun) return;
    std::vector<std::string> late;
    Window spread;
    for (const auto& [key, win] : batch_) {
      if (key.rfind("late/", 0) != 0 || win.share() < kCommon) continue;
      if (spread.runs == 0 || win.happened > spread.happened) spread = win;
    }
    if (spread.runs == 0) return;
    const double t = std::max(spread.p50_s, commanderTold());
    for (const auto& [key, win] : batch_) {
      if (key.rfind("late/", 0) != 0 || win.share() < kCommon) continue;
      const auto on = rm_.find("on_scene/" + key.substr(5));
      if (on == rm_.end() || on->second > t) late.push_back(names_.teamName(key.substr(5)));
    }
    if (late.empty()) return;
    Inject i = contingency(spread.p50_s, names_.hasToxic() ? "air monitoring" : "fire watch", "radio");
    i.event = "threat spread before the teams";
    i.arises = spread;
    i.synopsis = "As in " + percent(spread.share()) +
                 " of runs, the threat zone spreads beyond the hazard's own zone before " + DrillNames::list(late) +
                 " reach the scene.";
    i.action = "Order the zones downwind to shelter in place or leave now; ask the teams for their arrival times.";
    i.objective = "O4";
    out.push_back(i);
  }

  // [SECTION] Objectives and their tasks: targets measured from the run's own trigger
  void task(Objective& o, const std::string& text, const std::string& key, std::string after) const {
    const auto from = rm_.find(after);
    if (!after.empty() && from == rm_.end()) after.clear();  // the run never had the trigger: from the onset
    auto w = windowAfter(runs_, key, after, after.empty() ? 0.0 : from->second);
    if (!w || w->happened == 0) return;
    Task t;
    t.text = text;
    t.milestone = key;
    t.after = after;
    t.window = *w;
    if (const auto b = batch_.find(key); b != batch_.end()) t.batch = b->second;
    if (const auto r = rm_.find(key); r != rm_.end()) t.run_s = r->second;
    o.tasks.push_back(t);
  }

  std::vector<Objective> objectives() const {
    std::vector<Objective> out;
    Objective o1{
        "O1", "Alarm and notification", "Detect the incident and pass the report along the notification chain.", {}};
    task(o1, "incident detected", "detected", "");
    std::string previous = "detected";
    for (const auto& n : plan_.notify) {
      task(o1, partyName(n.who) + " notified", "notified/" + n.who, previous);
      previous = "notified/" + n.who;
    }
    Objective o2{
        "O2", "Protective action decisions", "Order each zone to evacuate or shelter in place as the plan says.", {}};
    for (const auto& n : plan_.notify)
      if (ordersGiver(n.who))
        task(o2, "orders given after " + partyName(n.who) + " was told", "orders/" + n.who, "notified/" + n.who);
    Objective o3{"O3",
                 "Evacuation and sheltering",
                 "Bring the evacuees into shelters with room, zone by zone, and keep the others indoors.",
                 {}};
    task(o3, "95 % of evacuees in a shelter", "sheltered95", "evacuation_ordered");
    task(o3, "every evacuee in a shelter", "evacuated", "evacuation_ordered");
    for (const Zone& z : l_.park.zones) {
      const auto order = orders_.find(z.id);
      if (order == orders_.end() || names_.persons(z.id) == 0) continue;
      if (order->second.action == ProtectiveAction::ShelterInPlace)
        task(o3, names_.zone(z.id) + " sheltering in place", "sip/" + z.id, "notified/" + order->second.party);
      else
        task(o3, names_.zone(z.id) + " cleared", "cleared/" + z.id, "ordered/" + z.id);
    }
    Objective o4{"O4", "Hazard response", "Send the teams, reach the scene, stop the release or control the fire.", {}};
    for (const auto& d : plan_.dispatch) {
      task(o4, names_.teamName(d.team.id) + " dispatched", "dispatch/" + d.team.id, "notified/" + d.after.id);
      task(o4, names_.teamName(d.team.id) + " on scene", "on_scene/" + d.team.id, "dispatch/" + d.team.id);
    }
    for (const Hazard& h : l_.scenario.hazards) {
      task(o4, h.id + " release stopped", "contained/" + h.id, "working/" + h.id);
      task(o4, h.id + " fire under control", "controlled/" + h.id, "working/" + h.id);
    }
    for (auto* o : {&o1, &o2, &o3, &o4})
      if (!o->tasks.empty()) out.push_back(*o);
    return out;
  }

  /// At a tabletop, the threat zone's further spread is told for the zones with most people only.
  static constexpr std::size_t kTabletopThreats = 3;

  const LoadedScenario& l_;
  DrillNames names_;
  const Plan& plan_;
  DrillKind kind_;
  const std::vector<Milestones>& runs_;
  const Outcome& run_;
  Milestones rm_;                                   // the representative run's milestones
  Windows batch_;                                   // every milestone over the batch, from the onset
  double detected_ = -1;                            // when the run detected the incident; -1 before it is read
  std::map<std::string, double> notified_;          // party -> when told
  std::map<std::string, ZoneOrder> orders_;         // zone -> its order
  std::map<std::string, std::string> dispatcher_;   // team -> the party whose notice sent it
  std::map<std::string, std::string> workingTeam_;  // hazard -> the first team on scene that can end it
  std::string commander_;                           // the party giving the protective orders
};

}  // namespace

// [SECTION] Entry point
DrillScript buildDrillScript(const LoadedScenario& loaded, const Plan& plan, DrillKind kind,
                             const std::vector<Milestones>& runs, const Outcome& representative,
                             const DrillOptions& options) {
  DrillScript s = Builder(loaded, plan, kind, runs, representative).build();
  s.exerciseMinutes = options.exerciseMinutes > 0   ? options.exerciseMinutes
                      : kind == DrillKind::Tabletop ? kTabletopMinutes
                                                    : s.incident_s / 60;
  cutIntoModules(loaded, representative, s);
  for (Inject& i : s.injects) i.exercise_s = exerciseTime(s, i.time_s);
  return s;
}

}  // namespace drillsim
