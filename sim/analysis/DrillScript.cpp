// The drill script (see DrillScript.hpp).
//
// Index (search for "[SECTION] " and the name):
//   Milestones of a run; Windows over a batch; Names of the parties; Entry point.
// The injects and objectives are built in DrillInjects.cpp, a tabletop's modules in
// DrillModules.cpp.
#include "sim/analysis/DrillScript.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "scenarios/I18n.hpp"
#include "scenarios/Vocabulary.hpp"
#include "sim/analysis/DrillNames.hpp"
#include "sim/batch/Statistics.hpp"

namespace drillsim {

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
    else if (e.kind == EventKind::Order) {
      last(m, "orders/" + e.party, e.time_s);
      first(m, "ordered/" + e.entity, e.time_s);
      if (e.action == ProtectiveAction::ShelterInPlace) first(m, "sip/" + e.entity, e.time_s);
      else first(m, "evacuation_ordered", e.time_s);
    }
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

/// The first team on scene at each hazard that can end it: a hazmat team at a toxic release, a
/// fire team at a fire (TeamActor::work: only these contain or control).
void markWorking(Milestones& m, const LoadedScenario& loaded, const Outcome& o) {
  const DrillNames names(loaded);
  for (const Event& e : o.events) {
    if (e.kind != EventKind::OnScene) continue;
    const Team* t = names.team(e.entity);
    const Hazard* h = names.hazardAt(e.target);
    if (!t || !h) continue;
    const bool toxic = std::holds_alternative<ToxicRelease>(h->detail);
    if ((toxic && t->kind == TeamKind::Hazmat) || (!toxic && t->kind == TeamKind::Fire)) first(m, "working/" + h->id, e.time_s);
  }
}

}  // namespace

Milestones milestonesOf(const LoadedScenario& loaded, const Outcome& outcome) {
  Milestones m = eventMilestones(outcome);
  markWorking(m, loaded, outcome);
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

std::optional<Window> windowAfter(const std::vector<Milestones>& runs, const std::string& key, const std::string& after,
                                  double after_s) {
  std::vector<double> delays;
  long set = 0;
  for (const auto& r : runs) {
    const auto from = after.empty() ? r.end() : r.find(after);
    if (!after.empty() && from == r.end()) continue;
    ++set;
    const auto to = r.find(key);
    if (to != r.end()) delays.push_back(to->second - (after.empty() ? 0.0 : from->second));
  }
  if (delays.empty()) return std::nullopt;
  std::sort(delays.begin(), delays.end());
  return Window{set, long(delays.size()), after_s + stats::quantileSorted(delays, 0.5), after_s + stats::quantileSorted(delays, 0.9)};
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
// The bodies' own Chinese names, which the English documents keep beside the English word (the
// players' radios and the plan say 管委会, not "park committee").
std::string partyName(const std::string& party) {
  const PartyWords* words = partyWords(party);
  if (!words) return party;
  if (i18n::language() == i18n::Language::Chinese) return words->zh;
  return std::string(words->zh) + " (" + words->en + ")";
}

std::string injectLabel(const Inject& i) { return std::to_string(i.number) + (i.contingency ? "C" : ""); }

}  // namespace drillsim
