// A tabletop's modules and the exercise's clock (see DrillScript.hpp). A tabletop is a discussion:
// the incident is cut into phases at the moments that change what the players decide (the first
// protective order, the last party told, the hazard ended); each module shows the situation at its
// end and asks each role what the plan expects of it, with the plan's answer. The exercise's time
// is shared among the modules by what there is to discuss in each.
#include <algorithm>
#include <cmath>
#include <set>

#include "scenarios/I18n.hpp"
#include "sim/analysis/DrillDocument.hpp"
#include "sim/analysis/DrillNames.hpp"
#include "sim/analysis/DrillScript.hpp"

namespace drillsim {

namespace {

using i18n::tf;
using i18n::tr;

/// A moment that opens a module, and the module's title.
struct Cut {
  double time_s = 0;
  std::string title{};
};

std::vector<Cut> cutsOf(const Outcome& run) {
  std::vector<Cut> cuts = {{0, tr("Alarm and first reports")}};
  double order = -1, ended = -1, lastTold = -1;
  std::string lastParty;
  for (const Event& e : run.events) {
    if (e.kind == EventKind::Order && order < 0) order = e.time_s;
    if ((e.kind == EventKind::Contained || e.kind == EventKind::Controlled) && ended < 0) ended = e.time_s;
    if (e.kind == EventKind::Notified) {
      lastTold = e.time_s;
      lastParty = e.entity;
    }
  }
  if (order > 0) cuts.push_back({order, tr("Protective orders")});
  if (lastTold > order && order > 0) cuts.push_back({lastTold, tf("{1} joins the response", partyName(lastParty))});
  if (ended > 0) cuts.push_back({ended, tr("The hazard ended: all-clear and recovery")});
  std::stable_sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.time_s < b.time_s; });
  return cuts;
}

/// The representative run at time t: its events before t, or up to t with `inclusive` (the last
/// module; the others end where the next one's opening event happens, which belongs to that one).
Situation situationAt(const LoadedScenario& loaded, const Outcome& run, double t, bool inclusive) {
  const DrillNames names(loaded);
  Situation s;
  s.time_s = t;
  std::set<std::string> threat, closed, onScene, full, stopped;
  std::vector<std::string> threatOrder;
  for (const Event& e : run.events) {
    if (e.time_s > t || (!inclusive && e.time_s == t)) break;
    switch (e.kind) {
      case EventKind::ThreatEnters:
        threat.insert(e.entity);
        break;
      case EventKind::ThreatLeaves:
        threat.erase(e.entity);
        break;
      case EventKind::RoadClosed:
        closed.insert(e.entity);
        break;
      case EventKind::RoadReopened:
        closed.erase(e.entity);
        break;
      case EventKind::OnScene:
        onScene.insert(e.entity);
        break;
      case EventKind::Overflow:
        full.insert(e.entity);
        break;
      case EventKind::Contained:
      case EventKind::Controlled:
        stopped.insert(e.entity);
        break;
      case EventKind::Arrive:
        s.sheltered += e.persons;
        break;
      case EventKind::Order:
        if (names.persons(e.entity) == 0) break;  // as the injects count them: zones with people
        if (e.action == ProtectiveAction::ShelterInPlace) {
          s.sheltering.push_back(e.entity);
          s.shelteringPersons += e.persons;
        } else {
          s.evacuating.push_back(e.entity);
          s.evacuatingPersons += e.persons;
        }
        break;
      default:
        break;
    }
  }
  for (const Zone& z : loaded.park.zones)
    if (threat.count(z.id) && names.persons(z.id) > 0) s.threatZones.push_back(z.id);
  for (const auto& team : onScene) s.teamsOnScene.push_back(names.teamName(team));
  for (const auto& road : closed)
    if (const auto street = names.street(road);
        std::find(s.closedRoads.begin(), s.closedRoads.end(), street) == s.closedRoads.end())
      s.closedRoads.push_back(street);
  for (const auto& shelter : full) s.fullShelters.push_back(names.shelter(shelter));
  s.stopped.assign(stopped.begin(), stopped.end());
  return s;
}

/// The situation in whole sentences, one each.
std::vector<std::string> summaryOf(const LoadedScenario& loaded, const Situation& s) {
  const DrillNames names(loaded);
  std::vector<std::string> out;
  std::vector<std::string> zones, sheltering;
  for (const auto& z : s.threatZones) zones.push_back(names.zoneWithPersons(z));
  for (const auto& z : s.sheltering)
    if (names.persons(z) > 0) sheltering.push_back(names.zone(z));
  out.push_back(zones.empty() ? tr("No zone with people lies in the threat zone.")
                              : tf("The threat zone covers {1}.", DrillNames::list(zones)));
  if (s.evacuating.empty() && s.sheltering.empty()) out.push_back(tr("No protective order has been given yet."));
  if (!s.evacuating.empty())
    out.push_back(tf("{1} zones ({2} persons) are ordered to evacuate; {3} persons have reached a shelter.",
                     s.evacuating.size(), s.evacuatingPersons, s.sheltered));
  if (!sheltering.empty())
    out.push_back(tf("{1} ({2} persons) are ordered to shelter in place.", DrillNames::list(sheltering), s.shelteringPersons));
  out.push_back(s.teamsOnScene.empty() ? tr("No team is on scene yet.")
                                       : tf("Teams on scene: {1}.", DrillNames::list(s.teamsOnScene)));
  if (!s.closedRoads.empty()) out.push_back(tf("Closed roads: {1}.", DrillNames::list(s.closedRoads)));
  if (!s.fullShelters.empty())
    out.push_back(tf("Shelters full and turning evacuees away: {1}.", DrillNames::list(s.fullShelters)));
  if (!s.stopped.empty()) out.push_back(tf("Hazards stopped or under control: {1}.", DrillNames::list(s.stopped)));
  return out;
}

}  // namespace

void cutIntoModules(const LoadedScenario& loaded, const Outcome& run, DrillScript& s) {
  s.modules.clear();
  if (s.kind != DrillKind::Tabletop || s.injects.empty()) return;
  const double end = std::max(s.incident_s, 1.0);
  std::vector<Module> modules;
  for (const Cut& c : cutsOf(run)) {
    if (c.time_s > end) continue;
    if (!modules.empty() && c.time_s <= modules.back().start_s) {  // two cuts at one moment: the later title
      modules.back().title = c.title;
      continue;
    }
    Module m;
    m.title = c.title;
    m.start_s = c.time_s;
    modules.push_back(m);
  }
  for (std::size_t k = 0; k < modules.size(); ++k)
    modules[k].end_s = k + 1 < modules.size() ? modules[k + 1].start_s : end;
  // Each inject in the module whose span holds its time; the last module holds the end.
  auto moduleOf = [&](double t) {
    std::size_t k = 0;
    while (k + 1 < modules.size() && t >= modules[k + 1].start_s) ++k;
    return k;
  };
  std::vector<int> injects(modules.size(), 0);
  for (const Inject& i : s.injects) ++injects[moduleOf(i.time_s)];
  // A module without injects has nothing to discuss: its span joins the one before.
  for (std::size_t k = modules.size(); k-- > 1;)
    if (injects[k] == 0) {
      modules[k - 1].end_s = modules[k].end_s;
      modules.erase(modules.begin() + std::ptrdiff_t(k));
      injects.erase(injects.begin() + std::ptrdiff_t(k));
    }
  for (std::size_t k = 0; k < modules.size(); ++k) modules[k].number = int(k + 1);
  for (Inject& i : s.injects) {
    const std::size_t k = moduleOf(i.time_s);
    i.module = modules[k].number;
    if (i.contingency) continue;  // played only if the discussion reaches it
    Question q;
    q.inject = i.number;
    q.role = i.to;
    q.question = DrillNames::sentences({i.synopsis, tf("What does {1} do now, and by when?", i.to)});
    q.answer = i.action;
    q.window = i.window;
    modules[k].questions.push_back(q);
  }
  // The exercise's time, shared by what there is to discuss: one share for the module's situation
  // briefing and one for each question.
  double shares = 0;
  for (const Module& m : modules) shares += 1.0 + double(m.questions.size());
  double at = 0;
  for (Module& m : modules) {
    const bool last = &m == &modules.back();
    m.exerciseStart_s = at;
    at += s.exerciseMinutes * 60 * (1.0 + double(m.questions.size())) / shares;
    m.exerciseEnd_s = at;
    m.situation = situationAt(loaded, run, m.end_s, last);
    m.summary = summaryOf(loaded, m.situation);
  }
  s.modules = modules;
}

double exerciseTime(const DrillScript& s, double t_s) {
  if (!s.modules.empty()) {
    std::size_t k = 0;
    while (k + 1 < s.modules.size() && t_s >= s.modules[k + 1].start_s) ++k;
    const Module& m = s.modules[k];
    const double span = m.end_s - m.start_s;
    const double share = span > 0 ? std::clamp((t_s - m.start_s) / span, 0.0, 1.0) : 0.0;
    return m.exerciseStart_s + share * (m.exerciseEnd_s - m.exerciseStart_s);
  }
  if (s.incident_s > 0 && s.exerciseMinutes > 0) return t_s * s.exerciseMinutes * 60 / s.incident_s;
  return t_s;
}

}  // namespace drillsim
