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

#include "scenarios/I18n.hpp"
#include "scenarios/Vocabulary.hpp"
#include "sim/analysis/DrillDocument.hpp"
#include "sim/analysis/DrillNames.hpp"
#include "sim/analysis/DrillScript.hpp"

namespace drillsim {

namespace {

using i18n::kNoop;
using i18n::tc;
using i18n::tf;
using i18n::tr;

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
      s.organisations.push_back(tf("{1} ({2})", names_.teamName(t.id), shownWord(t.kind)));
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
    // The team that ends each hazard: the first on scene there that can.
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
        return tf("Facilitator (as {1})", as);
      case DrillKind::Functional:
        return tf("SimCell (as {1})", as);
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
        return tc("delivery", "narrated");
      case DrillKind::Functional:
        return tf("{1} (SimCell)", tr(channel));
      case DrillKind::FullScale:
        return tr(channel);
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
    std::vector<std::string> out;
    if (!zones.empty()) out.push_back(tf("The threat zone covers {1}.", DrillNames::list(zones)));
    if (const auto roads = closedStreetsAt(t); !roads.empty())
      out.push_back(tf("These roads are closed: {1}.", DrillNames::list(roads)));
    return DrillNames::sentences(out);
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
    i.method = method(kNoop("phone"));
    if (prev.empty()) {
      i.from = controller(tr("site operator"));
      i.synopsis = tf("Alarm: the site operator reports {1}, detected at {2}.", names_.incident(),
                      drillClock(std::max(0.0, detected_)));
    } else {
      i.from = kind_ == DrillKind::FullScale ? partyName(prev) : controller(partyName(prev));
      i.synopsis = tf("{1} receives the report from {2}: {3}.", partyName(e.entity), partyName(prev), names_.incident());
    }
    i.synopsis = DrillNames::sentences({i.synopsis, situation(e.time_s)});

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
      acts.push_back(tf("Order {1} to shelter in place: doors and windows shut, ventilation off ({2} persons).",
                        DrillNames::list(sip), sheltering));
    if (evacuating > 0)
      acts.push_back(tf("Order {1} zones ({2} persons) to evacuate to the shelters.", evacuating, evacuees));
    for (const auto& d : plan_.dispatch)
      if (d.after.id == e.entity) acts.push_back(tf("Dispatch {1} to {2}.", names_.teamName(d.team.id), names_.zone(d.to.id)));
    if (!next.empty()) acts.push_back(tf("Report to {1}.", partyName(next)));
    i.action = DrillNames::sentences(acts);
    if (i.action.empty()) i.action = tr("Acknowledge and stand by.");

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
    i.method = method(kNoop("radio"));
    i.synopsis = tf("{1} reports on scene at {2}.", names_.teamName(e.entity), names_.zone(e.target));
    i.objective = "O4";
    const Team* t = names_.team(e.entity);
    const Hazard* h = names_.hazardAt(e.target);
    const bool toxic = h && std::holds_alternative<ToxicRelease>(h->detail);
    const bool fire = h && std::holds_alternative<Fire>(h->detail);
    const auto working = h ? workingTeam_.find(h->id) : workingTeam_.end();
    const bool firstAtWork = working != workingTeam_.end() && working->second == e.entity;
    if (t && t->kind == TeamKind::Hazmat && toxic) {
      if (firstAtWork) {
        i.action = tr("Stop the release.");
        expect(i, "contained/" + h->id, "working/" + h->id);
      } else {
        i.action = tf("Join {1} in stopping the release.",
                      names_.teamName(working != workingTeam_.end() ? working->second : ""));
      }
    } else if (t && t->kind == TeamKind::Fire && fire) {
      if (firstAtWork) {
        i.action = tr("Bring the fire under control.");
        expect(i, "controlled/" + h->id, "working/" + h->id);
      } else {
        i.action = tf("Join {1} in fighting the fire.",
                      names_.teamName(working != workingTeam_.end() ? working->second : ""));
      }
    } else if (t && t->kind == TeamKind::Fire) {
      i.action = tf("Support the work at {1}: water curtains to knock the gas down, search and rescue.",
                    names_.zone(e.target));
    } else if (t && t->kind == TeamKind::Medical) {
      i.synopsis = DrillNames::sentences({i.synopsis, casualties(e.target)});
      i.action = tf("Triage and treat casualties at {1}; arrange transport to hospital.", names_.zone(e.target));
    } else {
      i.action = tf("Take up the task at {1}.", names_.zone(e.target));
    }
    return i;
  }

  /// The run's casualties as its metrics hold them (doses over the whole run), for the medical team.
  std::string casualties(const std::string& target) const {
    const Metrics& m = run_.metrics;
    std::vector<std::string> out;
    const auto zone = m.zones.find(target);
    if (names_.hasToxic()) {
      if (zone != m.zones.end())
        out.push_back(tf("In this run {1} persons of {2} breathe a dose over AEGL-2 and {3} over AEGL-3 (60 min "
                         "equivalent loads), with {4} expected deaths.",
                         zone->second.persons_over_aegl2, names_.zone(target), zone->second.persons_over_aegl3,
                         oneDecimal(zone->second.expected_fatalities)));
      out.push_back(tf("In the whole park {1} persons breathe a dose over AEGL-2 and {2} over AEGL-3, with {3} expected "
                       "deaths.",
                       m.persons_over_aegl2, m.persons_over_aegl3, oneDecimal(m.expected_fatalities)));
    }
    if (names_.hasFire())
      out.push_back(tf("In this run {1} persons feel 5 kW/m2 or more and {2} are still in a zone while it burns; {3} "
                       "expected deaths in all.",
                       m.persons_over_5kw, m.persons_in_fire, oneDecimal(m.expected_fatalities)));
    return DrillNames::sentences(out);
  }

  // [SECTION] Threat, roads, shelters: reports of the run's events to the party giving the orders
  /// The threat zone reaching a zone with people, once the party giving the orders has been told
  /// (before, the zones it covers are part of the notifications).
  Inject threat(const Event& e) const {
    Inject i = report(e.time_s,
                      names_.hasToxic() ? (names_.hasFire() ? tr("air monitoring and fire watch") : tr("air monitoring"))
                                        : tr("fire watch"),
                      kNoop("radio"));
    i.event = "threat_enters " + e.entity;
    i.objective = "O3";
    const std::string zone = names_.zoneWithPersons(e.entity), id = e.entity;
    const auto order = orders_.find(id);
    const bool ordered = order != orders_.end() && order->second.time_s <= e.time_s;
    const auto cleared = rm_.find("cleared/" + id);
    if (ordered && order->second.action == ProtectiveAction::ShelterInPlace) {
      i.synopsis = tf("The threat zone has reached {1}, which is sheltering in place.", zone);
      i.action = tf("Confirm that {1} stays indoors with doors and windows shut and ventilation off until the all-clear.", id);
    } else if (ordered && cleared != rm_.end() && cleared->second <= e.time_s) {
      i.synopsis = tf("The threat zone has reached {1}, which has been cleared.", zone);
      i.action = tf("Keep {1} closed to all but the response teams.", id);
    } else if (ordered) {
      i.synopsis = tf("The threat zone has reached {1}, which is under an order to evacuate.", zone);
      i.action = tf("Confirm that {1} is evacuating and that its evacuees keep out of the threat zone.", id);
    } else {
      i.synopsis = tf("The threat zone has reached {1}, which has no protective order.", zone);
      i.action = ordersGiver(i.recipient) ? tf("Decide on a protective order for {1} and give it.", id)
                                          : tf("Decide with the plan's parties whether {1} must evacuate or shelter in place.", id);
      i.objective = "O2";
    }
    return i;
  }

  /// The sentence of a road closure, by what closes roads in this scenario.
  std::string closedSentence(const std::vector<std::string>& streets) const {
    const std::string list = DrillNames::list(streets);
    const bool many = streets.size() > 1;
    if (names_.hasToxic() && names_.hasFire())
      return many ? tf("These roads are closed: {1}; the gas or the heat there is above the plan's closure level.", list)
                  : tf("{1} is closed: the gas or the heat there is above the plan's closure level.", list);
    if (names_.hasToxic())
      return many ? tf("These roads are closed: {1}; the concentration there is above the plan's closure level.", list)
                  : tf("{1} is closed: the concentration there is above the plan's closure level.", list);
    return many ? tf("These roads are closed: {1}; the heat there is too much to pass.", list)
                : tf("{1} is closed: the heat there is too much to pass.", list);
  }

  // [SECTION] The injects of the run's chain, in its order
  void injectsFromRun(std::vector<Inject>& out) {
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
        Inject i = report(e.time_s, tr("traffic post"), kNoop("radio"));
        i.event = "road_closed " + e.entity;
        i.synopsis = closedSentence(closing.at(e.time_s));
        i.action = closing.at(e.time_s).size() > 1 ? tr("Reroute evacuees and teams around them.")
                                                   : tr("Reroute evacuees and teams around it.");
        i.objective = "O3";
        closing.erase(e.time_s);
        out.push_back(i);
      } else if (e.kind == EventKind::Overflow && full.insert(e.entity).second && !reportTo(e.time_s).empty()) {
        Inject i = report(e.time_s, tf("shelter manager of {1}", names_.shelter(e.entity)), kNoop("phone"));
        i.event = "overflow " + e.entity;
        i.synopsis = tf("{1} is full and turning evacuees away.", names_.shelter(e.entity));
        i.action = tr("Redirect arrivals to the nearest shelter with room and tell the zones still walking there.");
        i.objective = "O3";
        out.push_back(i);
      } else if ((e.kind == EventKind::Contained || e.kind == EventKind::Controlled) && !reportTo(e.time_s).empty()) {
        out.push_back(ended(e));
      }
    }
    if (run_.metrics.sheltered + run_.metrics.unsheltered > 0) {
      const double t = run_.metrics.unsheltered == 0 ? run_.metrics.clearance_s : run_.horizon_s;
      Inject i = report(t, tr("shelter managers"), kNoop("phone"));
      i.objective = "O3";
      if (run_.metrics.unsheltered == 0) {
        i.event = "evacuated";
        i.synopsis = tf("The last evacuees have reached a shelter ({1} persons in shelters).", run_.metrics.sheltered);
        i.action = tr("Account for everyone: head counts at the shelters against the zones' rolls.");
      } else {
        i.event = eventKindName(EventKind::Horizon);
        i.synopsis = tf("{1} evacuees are still not in a shelter.", run_.metrics.unsheltered);
        i.action = tr("Find them and bring them to a shelter with room.");
      }
      if (!i.recipient.empty()) out.push_back(i);
    }
  }

  // [SECTION] Endings: the release stopped or the fire under control
  Inject ended(const Event& e) const {
    const bool toxic = e.kind == EventKind::Contained;
    Inject i = report(e.time_s, names_.teamName(e.team), kNoop("radio"));
    if (kind_ == DrillKind::FullScale) i.from = names_.teamName(e.team);
    if (!told(commander_, e.time_s)) {
      const auto sender = dispatcher_.find(e.team);
      if (sender != dispatcher_.end()) i.recipient = sender->second;
      i.to = partyName(i.recipient);
    }
    i.event = std::string(eventKindName(e.kind)) + " " + e.entity;
    i.synopsis = toxic ? tf("{1} reports that the release {2} has been stopped.", names_.teamName(e.team), e.entity)
                       : tf("{1} reports that the fire {2} is under control.", names_.teamName(e.team), e.entity);
    i.action = ordersGiver(i.recipient) || i.recipient == commander_ ? tr("Decide on the all-clear and re-entry.")
                                                                     : tf("Report it to {1}.", partyName(commander_));
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
      Inject i = contingency(t, tr("traffic post"), kNoop("radio"));
      i.event = "road_closed " + group.front().first;
      i.arises = group.front().second;
      std::vector<std::string> listed;
      for (const auto& [street, win] : group) {
        listed.push_back(tf("{1} ({2} of runs)", street, percent(win.share())));
        if (win.p50_s < i.arises->p50_s) i.arises = win;
      }
      i.synopsis =
          group.size() == 1
              ? tf("In some runs {1} is closed by now: the plan's closure level is exceeded there.", listed.front())
              : tf("In some runs these roads are closed by now: {1}; the plan's closure level is exceeded there.",
                   DrillNames::list(listed));
      i.action = group.size() == 1 ? tr("Reroute evacuees and teams around it.") : tr("Reroute evacuees and teams around them.");
      i.objective = "O3";
      out.push_back(i);
    }
    for (const auto& [key, win] : batch_) {
      if (key.rfind("full/", 0) != 0 || win.share() < kCommon || rm_.count(key)) continue;
      const std::string id = key.substr(5);
      Inject i = contingency(win.p50_s, tf("shelter manager of {1}", names_.shelter(id)), kNoop("phone"));
      i.event = key;
      i.arises = win;
      i.synopsis = tf("{1} is full and turning evacuees away (as in {2} of runs).", names_.shelter(id), percent(win.share()));
      i.action = tr("Redirect arrivals to the nearest shelter with room and tell the zones still walking there.");
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
    Inject i = contingency(spread.p50_s, names_.hasToxic() ? tr("air monitoring") : tr("fire watch"), kNoop("radio"));
    i.event = "threat spread before the teams";
    i.arises = spread;
    i.synopsis = tf("As in {1} of runs, the threat zone spreads beyond the hazard's own zone before {2} reach the scene.",
                    percent(spread.share()), DrillNames::list(late));
    i.action = tr("Order the zones downwind to shelter in place or leave now; ask the teams for their arrival times.");
    i.objective = "O4";
    out.push_back(i);
  }

  // [SECTION] Objectives and their tasks: targets measured from the run's own trigger
  void task(Objective& o, const std::string& text, const std::string& key, std::string after, std::string owner,
            const char* item) const {
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
    t.owner = std::move(owner);
    t.item = item;
    o.tasks.push_back(t);
  }

  std::vector<Objective> objectives() const {
    std::vector<Objective> out;
    Objective o1{"O1", tr("Alarm and notification"), tr("Detect the incident and pass the report along the notification chain."),
                 {}};
    const std::string first = plan_.notify.empty() ? "" : partyName(plan_.notify.front().who);
    task(o1, tr("incident detected"), "detected", "", first, "alarm");
    std::string previous = "detected", reporter = first;
    for (const auto& n : plan_.notify) {
      task(o1, tf("{1} notified", partyName(n.who)), "notified/" + n.who, previous, reporter, "alarm");
      previous = "notified/" + n.who;
      reporter = partyName(n.who);
    }
    Objective o2{"O2", tr("Protective action decisions"), tr("Order each zone to evacuate or shelter in place as the plan says."),
                 {}};
    for (const auto& n : plan_.notify)
      if (ordersGiver(n.who))
        task(o2, tf("orders given after {1} was told", partyName(n.who)), "orders/" + n.who, "notified/" + n.who,
             partyName(n.who), "command");
    Objective o3{"O3", tr("Evacuation and sheltering"),
                 tr("Bring the evacuees into shelters with room, zone by zone, and keep the others indoors."), {}};
    const std::string commander = partyName(commander_);
    task(o3, tr("95 % of evacuees in a shelter"), "sheltered95", "evacuation_ordered", commander, "protection");
    task(o3, tr("every evacuee in a shelter"), "evacuated", "evacuation_ordered", commander, "protection");
    for (const Zone& z : l_.park.zones) {
      const auto order = orders_.find(z.id);
      if (order == orders_.end() || names_.persons(z.id) == 0) continue;
      if (order->second.action == ProtectiveAction::ShelterInPlace)
        task(o3, tf("{1} sheltering in place", names_.zone(z.id)), "sip/" + z.id, "notified/" + order->second.party,
             partyName(order->second.party), "protection");
      else
        task(o3, tf("{1} cleared", names_.zone(z.id)), "cleared/" + z.id, "ordered/" + z.id, commander, "protection");
    }
    Objective o4{"O4", tr("Hazard response"), tr("Send the teams, reach the scene, stop the release or control the fire."), {}};
    for (const auto& d : plan_.dispatch) {
      const Team* t = names_.team(d.team.id);
      const char* item = t && t->kind == TeamKind::Medical ? "medical" : "response";
      task(o4, tf("{1} dispatched", names_.teamName(d.team.id)), "dispatch/" + d.team.id, "notified/" + d.after.id,
           partyName(d.after.id), "mobilisation");
      task(o4, tf("{1} on scene", names_.teamName(d.team.id)), "on_scene/" + d.team.id, "dispatch/" + d.team.id,
           names_.teamName(d.team.id), item);
    }
    for (const Hazard& h : l_.scenario.hazards) {
      const auto working = workingTeam_.find(h.id);
      const std::string team = working != workingTeam_.end() ? names_.teamName(working->second) : std::string();
      task(o4, tf("{1} release stopped", h.id), "contained/" + h.id, "working/" + h.id, team, "response");
      task(o4, tf("{1} fire under control", h.id), "controlled/" + h.id, "working/" + h.id, team, "response");
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
