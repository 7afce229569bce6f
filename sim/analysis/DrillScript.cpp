// The drill script (see DrillScript.hpp).
//
// Index (search for "[SECTION] " and the name):
//   Kinds of drill; Milestones of a run; Windows over a batch; Names of the parties;
//   The script builder; Injects; Objectives; Entry point.
#include "sim/analysis/DrillScript.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/batch/Statistics.hpp"

namespace drillsim {

// [SECTION] Kinds of drill
const char* drillKindName(DrillKind kind) {
  switch (kind) {
    case DrillKind::Tabletop: return "tabletop";
    case DrillKind::Functional: return "functional";
    case DrillKind::FullScale: return "full-scale";
  }
  return "";
}

// [SECTION] Milestones of a run: from its events and legs, teams late to the scene, JSON
namespace {

void first(Milestones& m, const std::string& key, double t) {
  auto [it, inserted] = m.emplace(key, t);
  if (!inserted) it->second = std::min(it->second, t);
}

void last(Milestones& m, const std::string& key, double t) {
  auto [it, inserted] = m.emplace(key, t);
  if (!inserted) it->second = std::max(it->second, t);
}

/// The zone of a cohort key "Z04/c3".
std::string zoneOf(const std::string& cohort) { return cohort.substr(0, cohort.find('/')); }

}  // namespace

namespace {
/// The milestones read from the run's events and legs alone.
Milestones eventMilestones(const Outcome& o) {
  Milestones m;
  for (const Event& e : o.events) {
    if (e.kind == EventKind::Detected) first(m, "detected", e.time_s);
    else if (e.kind == EventKind::Notified) first(m, "notified/" + e.entity, e.time_s);
    else if (e.kind == EventKind::Order) last(m, "orders/" + e.party, e.time_s);
    else if (e.kind == EventKind::Dispatch) first(m, "dispatch/" + e.entity, e.time_s);
    else if (e.kind == EventKind::OnScene) first(m, "on_scene/" + e.entity, e.time_s);
    else if (e.kind == EventKind::Contained) first(m, "contained/" + e.entity, e.time_s);
    else if (e.kind == EventKind::Controlled) first(m, "controlled/" + e.entity, e.time_s);
    else if (e.kind == EventKind::ThreatEnters) first(m, "threat/" + e.entity, e.time_s);
    else if (e.kind == EventKind::Overflow) first(m, "full/" + e.entity, e.time_s);
    else if (e.kind == EventKind::RoadClosed) first(m, "closed/" + e.entity, e.time_s);
  }
  // A zone is cleared when every evacuee of its cohorts was admitted to a shelter.
  std::map<std::string, long> setOut, admitted;
  std::map<std::string, double> lastIn;
  std::set<std::string> seen;
  for (const Leg& l : o.legs) {
    if (l.persons <= 0) continue;  // a team
    const std::string zone = zoneOf(l.who);
    if (seen.insert(l.who).second) setOut[zone] += l.persons;
    admitted[zone] += l.admitted;
    if (l.admitted > 0) lastIn[zone] = std::max(lastIn[zone], l.end_s);
  }
  for (const auto& [zone, n] : setOut)
    if (n > 0 && admitted[zone] >= n) m["cleared/" + zone] = lastIn[zone];
  const long evacuees = o.metrics.sheltered + o.metrics.unsheltered;
  if (evacuees > 0) m["sheltered95"] = o.metrics.arrival_p95_s;
  if (evacuees > 0 && o.metrics.unsheltered == 0) m["evacuated"] = o.metrics.clearance_s;
  return m;
}

void markLateTeams(Milestones& m, const std::set<std::string>& sourceZones) {
  // The threat zone spreading beyond the zones of the hazard sources, before a team got there.
  double spread = std::numeric_limits<double>::infinity();
  for (const auto& [key, t] : m)
    if (key.rfind("threat/", 0) == 0 && !sourceZones.count(key.substr(7))) spread = std::min(spread, t);
  std::vector<std::string> late;
  for (const auto& [key, t] : m)
    if (key.rfind("dispatch/", 0) == 0) {
      const std::string team = key.substr(9);
      const auto on = m.find("on_scene/" + team);
      if (std::isfinite(spread) && (on == m.end() || on->second > spread)) late.push_back(team);
    }
  for (const auto& team : late) m["late/" + team] = spread;
}

std::set<std::string> sourceZones(const LoadedScenario& loaded) {
  std::set<std::string> zones;
  for (const Hazard& h : loaded.scenario.hazards) {
    if (const auto* r = std::get_if<ToxicRelease>(&h.detail))
      for (const auto& src : loaded.park.sources)
        if (src.id == r->source.id) zones.insert(src.zone);
    if (const auto* f = std::get_if<Fire>(&h.detail)) zones.insert(f->zone.id);
  }
  return zones;
}

}  // namespace

Milestones milestonesOf(const LoadedScenario& loaded, const Outcome& outcome) {
  Milestones m = eventMilestones(outcome);
  markLateTeams(m, sourceZones(loaded));
  return m;
}

nlohmann::json milestonesJson(const Milestones& m) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, t] : m) j[k] = t;
  return j;
}

Milestones milestonesFromJson(const nlohmann::json& j) {
  Milestones m;
  for (const auto& [k, t] : j.items()) m[k] = t.get<double>();
  return m;
}

// [SECTION] Windows over a batch, and the representative run
Windows windowsOf(const std::vector<Milestones>& runs) {
  std::map<std::string, std::vector<double>> times;
  for (const auto& r : runs)
    for (const auto& [k, t] : r) times[k].push_back(t);
  Windows w;
  for (auto& [k, v] : times) {
    std::sort(v.begin(), v.end());
    w[k] = {long(runs.size()), long(v.size()), stats::quantileSorted(v, 0.5), stats::quantileSorted(v, 0.9)};
  }
  return w;
}

std::optional<std::size_t> representativeRun(const std::vector<std::optional<double>>& clearance, bool worst) {
  std::vector<std::pair<double, std::size_t>> runs;
  for (std::size_t r = 0; r < clearance.size(); ++r)
    if (clearance[r]) runs.push_back({*clearance[r], r});
  if (runs.empty()) return std::nullopt;
  std::sort(runs.begin(), runs.end());
  const std::size_t n = runs.size();
  const std::size_t at = worst ? std::size_t(std::ceil(0.9 * double(n))) - 1 : (n - 1) / 2;
  return runs[std::min(at, n - 1)].second;
}

// [SECTION] Names of the parties
std::string partyName(const std::string& party) {
  static const std::map<std::string, std::string> names = {
      {"enterprise", "事发企业 (enterprise)"},
      {"park_committee", "园区管委会 (park committee)"},
      {"emergency_bureau", "县应急管理局 (emergency bureau)"},
      {"fire_brigade", "消防救援大队 (fire brigade)"},
      {"police", "公安 (police)"},
      {"hospital", "医院 (hospital)"},
      {"ecology_bureau", "生态环境局 (ecology bureau)"},
  };
  const auto it = names.find(party);
  return it != names.end() ? it->second : party;
}

// [SECTION] The script builder: the script, names, senders and channels
namespace {

/// Builds the injects and objectives of one plan from one run.
class Builder {
 public:
  Builder(const LoadedScenario& l, const Plan& plan, DrillKind kind, const Windows& w)
      : l_(l), plan_(plan), kind_(kind), w_(w) {}

  DrillScript build(const Outcome& run) {
    DrillScript s;
    s.kind = kind_;
    s.plan = plan_.id;
    s.planName = plan_.name;
    for (const auto& n : plan_.notify) s.organisations.push_back(partyName(n.who));
    for (const auto& t : l_.scenario.teams) s.organisations.push_back(teamName(t.id) + " (" + wordOf(t.kind) + ")");
    s.objectives = objectives();
    injectsFromRun(run, s.injects);
    contingencies(s.injects);
    std::stable_sort(s.injects.begin(), s.injects.end(),
                     [](const Inject& a, const Inject& b) { return a.time_s < b.time_s; });
    for (std::size_t i = 0; i < s.injects.size(); ++i) s.injects[i].number = int(i + 1);
    return s;
  }

 private:
  std::optional<Window> window(const std::string& key) const {
    const auto it = w_.find(key);
    if (it == w_.end()) return std::nullopt;
    return it->second;
  }

  std::string zoneName(const std::string& id) const {
    for (const Zone& z : l_.park.zones)
      if (z.id == id) return z.id + " " + z.name;
    return id;
  }
  bool hasToxic() const {
    return std::any_of(l_.scenario.hazards.begin(), l_.scenario.hazards.end(),
                       [](const Hazard& h) { return std::holds_alternative<ToxicRelease>(h.detail); });
  }
  bool hasFire() const {
    return std::any_of(l_.scenario.hazards.begin(), l_.scenario.hazards.end(),
                       [](const Hazard& h) { return std::holds_alternative<Fire>(h.detail); });
  }
  /// Who reports the threat zone's spread: air monitoring for a release, the fire watch for a fire.
  std::string monitoring() const { return hasToxic() ? (hasFire() ? "air monitoring and fire watch" : "air monitoring") : "fire watch"; }
  /// Why the hazard closes roads: the plan's concentration level, or the heat (5 kW/m2).
  std::string closureReason() const {
    if (hasToxic() && hasFire()) return "the gas or the heat there is above the plan's closure level";
    return hasToxic() ? "the concentration there is above the plan's closure level" : "the heat there is too much to pass";
  }

  /// Persons in a zone under the scenario's population (day or night).
  int persons(const std::string& zone) const {
    for (const Zone& z : l_.park.zones)
      if (z.id == zone) return l_.scenario.night() ? z.pop_night : z.pop_day;
    return 0;
  }
  std::string shelterName(const std::string& id) const {
    for (const Shelter& s : l_.park.shelters)
      if (s.id == id) return s.id + " " + s.name;
    return id;
  }
  const Team* team(const std::string& id) const {
    for (const Team& t : l_.scenario.teams)
      if (t.id == id) return &t;
    return nullptr;
  }
  std::string teamName(const std::string& id) const {
    const Team* t = team(id);
    return t && !t->name.empty() && t->name != t->id ? t->name + " " + t->id : id;
  }

  /// What happened, in words: each hazard and its place.
  std::string incident() const {
    std::string out;
    for (const Hazard& h : l_.scenario.hazards) {
      std::string what;
      if (const auto* r = std::get_if<ToxicRelease>(&h.detail)) {
        what = "release from " + r->source.id;
        for (const auto& src : l_.park.sources)
          if (src.id == r->source.id) what = src.substance + " release from " + src.id + " " + src.name;
      } else if (const auto* f = std::get_if<Fire>(&h.detail)) {
        what = "fire in " + zoneName(f->zone.id);
      }
      out += (out.empty() ? "" : "; ") + what;
    }
    return out;
  }

  /// The party to whom field reports go: the one whose notice sets off the protective orders,
  /// else the last one told.
  std::string command() const {
    for (const auto& p : plan_.protect)
      if (!p.after.id.empty()) return partyName(p.after.id);
    return plan_.notify.empty() ? "command post" : partyName(plan_.notify.back().who);
  }

  std::string controller(const std::string& as) const {
    switch (kind_) {
      case DrillKind::Tabletop: return "Facilitator (as " + as + ")";
      case DrillKind::Functional: return "SimCell (as " + as + ")";
      case DrillKind::FullScale: return as;
    }
    return as;
  }
  /// Delivery: by the facilitator at a tabletop; from the simulation cell by phone or radio in a
  /// functional exercise; by the real channel in a full-scale one.
  std::string method(const char* channel) const {
    switch (kind_) {
      case DrillKind::Tabletop: return "narrated";
      case DrillKind::Functional: return std::string(channel) + " (SimCell)";
      case DrillKind::FullScale: return channel;
    }
    return channel;
  }

  std::string orders(const std::string& party) const {
    std::string out;
    for (const auto& p : plan_.protect) {
      if (p.after.id != party) continue;
      std::string zones = p.scope == Protect::Scope::All ? "all zones" : p.scope == Protect::Scope::Threat ? "the zones in the threat zone" : "";
      for (const auto& z : p.zones) zones += (zones.empty() ? "" : ", ") + z.id;
      out += (out.empty() ? "" : "; ") + std::string(p.action == ProtectiveAction::Evacuate ? "order " + zones + " to evacuate"
                                                                                           : "order " + zones + " to shelter in place");
    }
    return out;
  }

  void add(std::vector<Inject>& out, Inject i) const {
    if (!i.milestone.empty()) i.window = window(i.milestone);
    out.push_back(std::move(i));
  }

  // [SECTION] Injects: from the representative run, and the contingencies common in the batch
  void injectsFromRun(const Outcome& run, std::vector<Inject>& out) {
    std::string previous;
    int threats = 0;
    // Zones the threat zone covers before anyone knows: told with the alarm, not as monitoring.
    double detected = std::numeric_limits<double>::infinity();
    for (const Event& e : run.events) {
      if (e.kind == EventKind::Detected) detected = std::min(detected, e.time_s);
      if (e.kind == EventKind::Notified) notified_.emplace(e.entity, e.time_s);
    }
    detected_ = std::isfinite(detected) ? detected : 0;
    std::string already;
    std::set<std::string> covered;
    for (const Event& e : run.events)
      if (e.kind == EventKind::ThreatEnters && e.time_s <= detected && covered.insert(e.entity).second)
        already += (already.empty() ? "" : ", ") + zoneName(e.entity);
    for (const Event& e : run.events) {
      Inject i;
      i.time_s = e.time_s;
      i.event = eventKindName(e.kind) + (e.entity.empty() ? "" : " " + e.entity);
      if (e.kind == EventKind::Detected) {
        i.from = controller("site operator");
        i.to = plan_.notify.empty() ? command() : partyName(plan_.notify.front().who);
        i.method = method("phone");
        i.synopsis = "Alarm: " + incident() + "." + (already.empty() ? "" : " The threat zone already covers " + already + ".");
        i.action = "Confirm the incident and start the notification chain.";
        if (!plan_.notify.empty()) i.milestone = "notified/" + plan_.notify.front().who;
        i.objective = "O1";
      } else if (e.kind == EventKind::Notified) {
        i.from = previous.empty() ? controller("site operator") : partyName(previous);
        if (kind_ != DrillKind::FullScale && !previous.empty()) i.from = controller(partyName(previous));
        i.to = partyName(e.entity);
        i.method = method("phone");
        i.synopsis = partyName(e.entity) + " receives the report: " + incident() + ".";
        std::vector<std::string> acts;
        if (auto o = orders(e.entity); !o.empty()) acts.push_back(o);
        for (const auto& d : plan_.dispatch)
          if (d.after.id == e.entity) acts.push_back("dispatch " + teamName(d.team.id) + " to " + d.to.id);
        const auto next = std::find_if(plan_.notify.begin(), plan_.notify.end(), [&](const Notification& n) { return n.who == e.entity; });
        if (next != plan_.notify.end() && next + 1 != plan_.notify.end()) acts.push_back("report to " + partyName((next + 1)->who));
        for (const auto& a : acts) i.action += (i.action.empty() ? "" : "; ") + a;
        if (i.action.empty()) i.action = "Acknowledge and stand by.";
        else i.action[0] = char(std::toupper(static_cast<unsigned char>(i.action[0])));
        i.action += ".";
        if (!orders(e.entity).empty()) {
          i.milestone = "orders/" + e.entity;
          i.objective = "O2";
        } else if (auto d = std::find_if(plan_.dispatch.begin(), plan_.dispatch.end(), [&](const Dispatch& x) { return x.after.id == e.entity; });
                   d != plan_.dispatch.end()) {
          i.milestone = "dispatch/" + d->team.id;
          i.objective = "O4";
        } else {
          if (next != plan_.notify.end() && next + 1 != plan_.notify.end()) i.milestone = "notified/" + (next + 1)->who;
          i.objective = "O1";
        }
        previous = e.entity;
      } else if (e.kind == EventKind::OnScene) {
        const Team* t = team(e.entity);
        i.from = kind_ == DrillKind::FullScale ? teamName(e.entity) : controller(teamName(e.entity));
        i.to = commandAt(e.time_s);
        i.method = method("radio");
        i.synopsis = teamName(e.entity) + " reports on scene at " + e.target + ".";
        teamTask(t ? std::optional<TeamKind>(t->kind) : std::nullopt, e.target, i);
        i.objective = "O4";
      } else if (e.kind == EventKind::ThreatEnters) {
        if (e.time_s <= detected || (kind_ == DrillKind::Tabletop && threats >= 3) || persons(e.entity) == 0) continue;
        ++threats;
        i.from = controller(monitoring());
        i.to = commandAt(e.time_s);
        i.method = method("radio");
        i.synopsis = "The threat zone has reached " + zoneName(e.entity) + " (" + std::to_string(persons(e.entity)) +
                     " persons).";
        i.action = "Confirm that " + e.entity + " has its protective order and is carrying it out.";
        i.milestone = "cleared/" + e.entity;
        i.objective = "O3";
      } else if (e.kind == EventKind::Contained || e.kind == EventKind::Controlled) {
        i.from = controller("the team on scene");
        i.to = commandAt(e.time_s);
        i.method = method("radio");
        i.synopsis = e.entity + (e.kind == EventKind::Contained ? ": the release has been stopped (" : ": the fire is under control (") +
                     eventDetail(e) + ").";
        i.action = "Decide on the all-clear and re-entry.";
        i.objective = "O4";
      } else {
        continue;
      }
      add(out, i);
    }
    if (run.metrics.sheltered + run.metrics.unsheltered > 0) {
      Inject i;
      i.from = controller("shelter managers");
      i.to = commandAt(run.metrics.unsheltered == 0 ? run.metrics.clearance_s : run.horizon_s);
      i.method = method("phone");
      i.objective = "O3";
      if (run.metrics.unsheltered == 0) {
        i.time_s = run.metrics.clearance_s;
        i.event = "evacuated";
        i.synopsis = "The last evacuees have reached a shelter (" + std::to_string(run.metrics.sheltered) + " persons in shelters).";
        i.action = "Account for everyone: head counts at the shelters against the zones' rolls.";
        i.milestone = "evacuated";
      } else {
        i.time_s = run.horizon_s;
        i.event = eventKindName(EventKind::Horizon);
        i.synopsis = std::to_string(run.metrics.unsheltered) + " evacuees are still not in a shelter.";
        i.action = "Find them and bring them to a shelter with room.";
        i.contingency = true;
      }
      add(out, i);
    }
  }

  /// What a team on scene is expected to do, by its kind and its target (a hazard or a zone), and
  /// the milestone that ends it: a hazmat team stops a toxic release; a fire team controls a fire
  /// (the fire of the target zone, or the target fire); others have no simulated end.
  void teamTask(std::optional<TeamKind> kind, const std::string& target, Inject& i) const {
    const Hazard* hazard = nullptr;
    for (const Hazard& h : l_.scenario.hazards) {
      const auto* f = std::get_if<Fire>(&h.detail);
      if (h.id == target || (f && f->zone.id == target)) hazard = &h;
    }
    const bool toxic = hazard && std::holds_alternative<ToxicRelease>(hazard->detail);
    const bool fire = hazard && std::holds_alternative<Fire>(hazard->detail);
    if (kind == TeamKind::Hazmat && toxic) {
      i.action = "Stop the release.";
      i.milestone = "contained/" + hazard->id;
    } else if (kind == TeamKind::Fire && fire) {
      i.action = "Bring the fire under control.";
      i.milestone = "controlled/" + hazard->id;
    } else if (kind == TeamKind::Fire) {
      i.action = "Support the work at " + target + ": water curtains to knock the gas down, search and rescue.";
    } else if (kind == TeamKind::Medical) {
      i.action = "Triage and treat casualties at " + target + "; arrange transport to hospital.";
    } else {
      i.action = "Take up the task at " + target + ".";
    }
  }

  /// Who field reports go to at time t of the representative run: the party that gives the
  /// protective orders once it has been told, else the last party told, else the first one.
  std::string commandAt(double t) const {
    std::string latest;
    for (const auto& [party, at] : notified_)
      if (at <= t && (latest.empty() || at >= notified_.at(latest))) latest = party;
    for (const auto& p : plan_.protect)
      if (!p.after.id.empty() && notified_.count(p.after.id) && notified_.at(p.after.id) <= t) return partyName(p.after.id);
    if (!latest.empty()) return partyName(latest);
    return plan_.notify.empty() ? command() : partyName(plan_.notify.front().who);
  }

  /// Common failures in the batch (at least 10 % of runs), placed at their median time. Road
  /// closures go by street (a street's segments close together), the five most frequent each
  /// an inject, the rest named in one more.
  void contingencies(std::vector<Inject>& out) const {
    constexpr double kCommon = 0.10;
    constexpr std::size_t kStreets = 5;
    struct Street {
      std::string name;
      Window window;  // of its first segment to close; share: its most frequent segment's
    };
    std::map<std::string, Street> streets;
    for (const auto& [key, win] : w_) {
      if (key.rfind("closed/", 0) != 0 || win.share() < kCommon) continue;
      const std::string road = key.substr(7);
      std::string street = road;
      for (const Road& r : l_.park.roads)
        if (r.id == road && !r.name.empty()) street = r.name;
      auto [it, inserted] = streets.emplace(street, Street{street, win});
      if (!inserted) {
        const long most = std::max(it->second.window.happened, win.happened);  // kept across the swap
        if (win.p50_s < it->second.window.p50_s) it->second.window = win;
        it->second.window.happened = most;
      }
    }
    std::vector<Street> byShare;
    for (const auto& [name, st] : streets) byShare.push_back(st);
    std::stable_sort(byShare.begin(), byShare.end(), [](const Street& a, const Street& b) { return a.window.share() > b.window.share(); });
    std::string others;
    Window othersWindow;
    for (std::size_t k = 0; k < byShare.size(); ++k) {
      const Street& st = byShare[k];
      if (k >= kStreets) {
        others += (others.empty() ? "" : ", ") + st.name;
        if (othersWindow.runs == 0 || st.window.p50_s < othersWindow.p50_s) othersWindow = st.window;
        continue;
      }
      Inject i;
      i.contingency = true;
      i.time_s = std::max(st.window.p50_s, detected_);
      i.event = "road_closed " + st.name;
      i.window = st.window;
      i.from = controller("traffic post");
      i.to = commandAt(i.time_s);
      i.method = method("radio");
      i.synopsis = st.name + " is closed: " + closureReason() + " (in " +
                   std::to_string(std::lround(100 * st.window.share())) + " % of runs).";
      i.action = "Reroute evacuees and teams around it.";
      i.objective = "O3";
      out.push_back(i);
    }
    if (!others.empty()) {
      Inject i;
      i.contingency = true;
      i.time_s = std::max(othersWindow.p50_s, detected_);
      i.event = eventKindName(EventKind::RoadClosed);
      i.from = controller("traffic post");
      i.to = commandAt(i.time_s);
      i.method = method("radio");
      i.synopsis = "Further closures in some runs: " + others + ".";
      i.action = "Reroute evacuees and teams around them.";
      i.objective = "O3";
      out.push_back(i);
    }
    // Shelters full, each; teams not yet there when the threat spread, together.
    std::string lateTeams;
    Window late;
    for (const auto& [key, win] : w_) {
      if (win.share() < kCommon) continue;
      const auto slash = key.find('/');
      const std::string what = key.substr(0, slash), id = slash == std::string::npos ? "" : key.substr(slash + 1);
      if (what == "late") {
        lateTeams += (lateTeams.empty() ? "" : ", ") + teamName(id);
        if (late.runs == 0 || win.happened > late.happened) late = win;
        continue;
      }
      if (what != "full") continue;
      Inject i;
      i.contingency = true;
      i.time_s = std::max(win.p50_s, detected_);
      i.event = key;
      i.window = win;
      i.from = controller("shelter manager of " + shelterName(id));
      i.to = commandAt(i.time_s);
      i.method = method("phone");
      i.synopsis = shelterName(id) + " is full and turning evacuees away (in " + std::to_string(std::lround(100 * win.share())) +
                   " % of runs).";
      i.action = "Redirect arrivals to the nearest shelter with room and tell the zones still walking there.";
      i.objective = "O3";
      out.push_back(i);
    }
    if (!lateTeams.empty()) {
      Inject i;
      i.contingency = true;
      i.time_s = std::max(late.p50_s, detected_);
      i.event = "threat spread before the teams";
      i.window = late;
      i.from = controller(monitoring());
      i.to = commandAt(i.time_s);
      i.method = method("radio");
      i.synopsis = "The threat zone has spread beyond the hazard's own zone before " + lateTeams + " reached the scene (in " +
                   std::to_string(std::lround(100 * late.share())) + " % of runs).";
      i.action = "Order the zones downwind to shelter in place or leave now; ask the teams for their arrival times.";
      i.objective = "O4";
      out.push_back(i);
    }
  }

  // [SECTION] Objectives and their tasks
  std::vector<Objective> objectives() const {
    std::vector<Objective> out;
    auto task = [&](Objective& o, const std::string& text, const std::string& key) {
      if (auto w = window(key); w && w->happened > 0) o.tasks.push_back({text, key, *w});
    };
    Objective o1{"O1", "Alarm and notification", "Detect the incident and pass the report along the notification chain.", {}};
    task(o1, "incident detected", "detected");
    for (const auto& n : plan_.notify) task(o1, partyName(n.who) + " notified", "notified/" + n.who);
    Objective o2{"O2", "Protective action decisions", "Order each zone to evacuate or shelter in place as the plan says.", {}};
    for (const auto& n : plan_.notify) task(o2, "orders given after " + partyName(n.who) + " was told", "orders/" + n.who);
    Objective o3{"O3", "Evacuation and sheltering", "Bring the evacuees into shelters with room, zone by zone.", {}};
    task(o3, "95 % of evacuees in a shelter", "sheltered95");
    task(o3, "every evacuee in a shelter", "evacuated");
    for (const Zone& z : l_.park.zones) task(o3, zoneName(z.id) + " cleared", "cleared/" + z.id);
    Objective o4{"O4", "Hazard response", "Send the teams, reach the scene, stop the release or control the fire.", {}};
    for (const auto& d : plan_.dispatch) {
      task(o4, teamName(d.team.id) + " dispatched", "dispatch/" + d.team.id);
      task(o4, teamName(d.team.id) + " on scene", "on_scene/" + d.team.id);
    }
    for (const Hazard& h : l_.scenario.hazards) {
      task(o4, h.id + " release stopped", "contained/" + h.id);
      task(o4, h.id + " fire under control", "controlled/" + h.id);
    }
    for (auto* o : {&o1, &o2, &o3, &o4})
      if (!o->tasks.empty()) out.push_back(*o);
    return out;
  }

  const LoadedScenario& l_;
  const Plan& plan_;
  DrillKind kind_;
  const Windows& w_;
  std::map<std::string, double> notified_;  // party -> when told, in the representative run
  double detected_ = 0;                      // when the incident was detected in it: no inject before
};

}  // namespace

// [SECTION] Entry point
DrillScript buildDrillScript(const LoadedScenario& loaded, const Plan& plan, DrillKind kind, const Windows& windows,
                             const Outcome& representative) {
  return Builder(loaded, plan, kind, windows).build(representative);
}

}  // namespace drillsim
