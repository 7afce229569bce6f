// drillsim run: one replication of one plan, as a readable story, JSON metrics, or files to replay.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>

#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "scenarios/Validation.hpp"
#include "scenarios/Vocabulary.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/engine/Resources.hpp"
#include "sim/cli/ReleaseText.hpp"
#include "sim/cli/TextTable.hpp"
#include "sim/engine/Replication.hpp"
#include "sim/hazard/HazardModel.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"plan", true, i18n::kNoop("id of the plan to run (required)"), "ID"},
    {"seed", true, i18n::kNoop("random seed (default: the scenario's monte_carlo.seed)"), "N"},
    {"replication", true, i18n::kNoop("replication index: which draws of the seed to use (default 0)"), "R"},
    {"out", true, i18n::kNoop("folder to write metrics.json, events.csv and replay.json into"), "DIR"},
    {"format", true, i18n::kNoop("text (default) or json (the metrics as one object)"), "FORMAT"},
    {"model", true, i18n::kNoop("dispersion of toxic releases: auto (dense or passive by Britter-McQuaid's criterion, the default), passive or dense"), "MODEL"},
    {"substances", true, i18n::kNoop("substance table to use (default: the bundled data/substances.csv)"), "FILE"},
    {"simgrid-log", false, i18n::kNoop("let SimGrid print its own log (silent by default)"), ""},
};

std::string compass(double deg) {
  static const char* names[] = {"N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"};
  return names[int(std::lround(deg / 22.5)) % 16];
}

void printHazards(const HazardModel& h, std::ostream& out) {
  const auto& w = h.weather();
  std::string sky;
  if (const auto d = h.draws(); d && !d->sky.empty())
    if (const auto drawn = fromWord<Sky>(skyNames(), d->sky)) sky = tf(" (from the sky: {1})", shownWord(*drawn));
  out << tf("Weather drawn: wind {1} m/s from {2} deg ({3}), Pasquill class {4}{5}, {6}, air {7} °C", fixed(w.windSpeed_ms, 1),
            fixed(w.windFrom_deg, 0), compass(w.windFrom_deg), wordOf(w.stability), sky, shownWord(w.terrain),
            fixed(w.temperature_K - 273.15, 0))
      << "\n";
  for (const auto& r : h.releases()) {
    const std::string from = r.release.plume() ? tf("from {1} until {2}", clock(r.release.start_s), clock(r.release.stop_s))
                                               : tf("from {1}", clock(r.release.start_s));
    const double reach = r.aegl2Reach_m;
    const std::string reached = reach >= 10000 ? tr("beyond 10 km downwind (the plume model's range)")
                                               : tf("up to {1} m downwind", fixed(reach, 0));
    out << tf("Release {1}: {2}, {3}; {4}, height {5} m, {6}; AEGL-2 (60 min) reached {7}", r.hazard, substanceText(r),
              sourceText(r), from, fixed(r.release.height_m, 1), dispersionText(r), reached)
        << "\n";
  }
  // ALOHA's limits (NOAA, "ALOHA's Limitations"): very light winds are where the dispersion models
  // are least reliable.
  if (w.windSpeed_ms < 1.3) out << tr("Caution: wind below 1.3 m/s; the dispersion models are unreliable in such light winds.") << "\n";
  for (const auto& f : h.fires()) {
    int links = 0;
    for (const auto& l : f.links) links += int(l.size());
    out << tf("Fire {1}: starts in {2} at {3}, spreads to zones within {4} m ({5} spread links)", f.hazard, h.zoneId(f.origin),
              clock(f.start_s), fixed(f.spread_m, 0), links);
    if (f.heatRelease_MW > 0)
      out << tf("; {1} MW per burning zone, 5 kW/m2 up to {2} m from its edge", fixed(f.heatRelease_MW, 0),
                fixed(heatReach_m(f.heatRelease_MW, kHeatClosure_kW_m2), 0))
          << "\n";
    else
      out << tr("; heat radiation not modelled (no heat_release_mw)") << "\n";
  }
}

// The zones with the most persons by `count`, at most six, on one line after `title`.
template <class Count>
void printWorst(const LoadedScenario& l, const Metrics& m, Count count, const std::string& title, std::ostream& out) {
  std::vector<std::pair<long, std::string>> worst;
  for (const auto& [id, z] : m.zones)
    if (count(z) > 0) worst.push_back({count(z), id});
  std::sort(worst.rbegin(), worst.rend());
  if (worst.empty()) return;
  out << "  " << title;
  for (std::size_t i = 0; i < worst.size() && i < 6; ++i) {
    const Zone* z = l.park.zone(worst[i].second);
    out << " " << worst[i].second << " " << (z ? z->name : "") << " " << thousands(worst[i].first) << ";";
  }
  out << "\n";
}

// What happened when: the run's events in order, orders grouped by the party whose notification
// released them, arrivals left to the shelters' table.
void printEvents(const Outcome& o, std::ostream& out) {
  out << "\n" << tr("What happened when") << "\n";
  for (const auto& e : o.events) {
    if (e.kind == EventKind::Order || e.kind == EventKind::Arrive || e.kind == EventKind::Depart || e.kind == EventKind::Drive ||
        e.kind == EventKind::ThreatLeaves || e.kind == EventKind::RoadReopened)
      continue;
    if (e.kind == EventKind::Notified) {
      std::map<ProtectiveAction, std::pair<int, long>> orders;  // action -> zones, persons
      for (const auto& f : o.events)
        if (f.kind == EventKind::Order && f.time_s == e.time_s && f.party == e.entity) {
          auto& n = orders[f.action];
          ++n.first;
          n.second += f.persons;
        }
      out << "  " << clock(e.time_s) << "  " << tf("{1} notified", shownParty(e.entity));
      // Evacuation first, as the words "evacuate" < "shelter_in_place" ordered them.
      for (ProtectiveAction a : {ProtectiveAction::Evacuate, ProtectiveAction::ShelterInPlace})
        if (const auto it = orders.find(a); it != orders.end())
          out << (a == ProtectiveAction::Evacuate ? tf("; evacuate: {1} zone(s), {2} persons", it->second.first, thousands(it->second.second))
                                                  : tf("; shelter_in_place: {1} zone(s), {2} persons", it->second.first,
                                                       thousands(it->second.second)));
      out << "\n";
      continue;
    }
    out << "  " << clock(e.time_s) << "  " << eventSentence(e) << "\n";
  }
}

void printPeople(const LoadedScenario& l, const Metrics& m, const HazardModel& h, std::ostream& out) {
  out << "\n" << tf("People ({1}, {2} persons)", shownWord(l.scenario.population), thousands(m.population)) << "\n"
      << "  "
      << tf("sheltered {1}, sheltered in place {2}, not in a shelter at the horizon {3}, given no order {4}", thousands(m.sheltered),
            thousands(m.sheltered_in_place), thousands(m.unsheltered), thousands(m.not_ordered))
      << "\n";
  if (m.sheltered + m.unsheltered > 0)
    out << "  "
        << tf("evacuees sheltered: 50 % by {1}, 90 % by {2}, 95 % by {3}; clearance {4}", clock(m.arrival_p50_s),
              clock(m.arrival_p90_s), clock(m.arrival_p95_s), clock(m.clearance_s))
        << (m.unsheltered > 0 ? tr(" (the horizon: not everyone got in)") : "") << "\n";

  if (!h.releases().empty()) {
    out << "  "
        << tf("toxic exposure: {1} persons over AEGL-2, {2} over AEGL-3 (60 min equivalent loads), expected fatalities {3}",
              thousands(m.persons_over_aegl2), thousands(m.persons_over_aegl3), fixed(m.expected_fatalities, 2))
        << "\n";
    printWorst(l, m, [](const ZoneOutcome& z) { return z.persons_over_aegl2; }, tr("most exposed zones (persons over AEGL-2):"), out);
  }
  if (!h.fires().empty()) {
    std::string burnt;
    for (const auto& [id, z] : m.zones)
      if (z.ignited_s) burnt += (burnt.empty() ? "" : ", ") + tf("{1} at {2}", id, clock(*z.ignited_s));
    out << "  " << tf("fire: {1} zone(s) burnt", m.zones_burnt) << (burnt.empty() ? "" : " (" + burnt + ")")
        << tf("; {1} persons felt 5 kW/m2 or more; {2} persons were still in a zone while it burnt; expected fatalities (toxic and burns) {3}",
              thousands(m.persons_over_5kw), thousands(m.persons_in_fire), fixed(m.expected_fatalities, 2))
        << "\n";
    printWorst(l, m, [](const ZoneOutcome& z) { return z.persons_in_fire; }, tr("still in a burning zone:"), out);
  }
}

void printShelters(const LoadedScenario& l, const Metrics& m, const Outcome& o, std::ostream& out) {
  std::map<std::string, double> firstArrival, lastArrival;
  for (const auto& e : o.events)
    if (e.kind == EventKind::Arrive) {
      if (!firstArrival.count(e.shelter)) firstArrival[e.shelter] = e.time_s;
      lastArrival[e.shelter] = e.time_s;
    }
  out << "\n" << tr("Shelters") << "\n";
  TextTable shelters({tr("id"), tr("name"), tr("capacity"), tr("peak"), tr("overflow"), tr("first in"), tr("last in")},
                     {false, false, true, true, true, false, false});
  for (const auto& sh : l.park.shelters) {
    const auto& s = m.shelters.at(sh.id);
    if (s.peak == 0 && s.overflow == 0) continue;
    shelters.row({sh.id, sh.name, thousands(sh.capacity), thousands(s.peak), s.overflow ? thousands(s.overflow) : "",
                  firstArrival.count(sh.id) ? clock(firstArrival[sh.id]) : "", lastArrival.count(sh.id) ? clock(lastArrival[sh.id]) : ""});
  }
  out << shelters.str();
}

void printRoadsAndTeams(const LoadedScenario& l, const Metrics& m, std::ostream& out) {
  out << "\n" << tr("Bottleneck roads (most used share of their walking capacity)") << "\n";
  std::vector<std::pair<double, const Road*>> roads;
  for (const auto& r : l.park.roads)
    if (m.roads.at(r.id).peak_utilisation > 0.5) roads.push_back({m.roads.at(r.id).peak_utilisation, &r});
  std::stable_sort(roads.begin(), roads.end(), [](auto& a, auto& b) { return a.first > b.first; });
  if (roads.size() > 8) roads.resize(8);
  TextTable bottlenecks({tr("road"), tr("name"), tr("width"), tr("peak use")}, {false, false, true, true});
  for (const auto& [u, r] : roads) bottlenecks.row({r->id, r->name, fixed(r->width_m, 0) + " m", fixed(100 * u, 0) + " %"});
  out << (roads.empty() ? "  " + std::string(tr("none above 50 %")) + "\n" : bottlenecks.str());

  if (!m.teams.empty()) {
    out << "\n" << tr("Teams") << "\n";
    TextTable teams({tr("id"), tr("name"), tr("dispatched"), tr("on scene"), tr("response")}, {false, false, false, false, true});
    for (const auto& [id, t] : m.teams) {
      const Team* team = l.scenario.team(id);
      teams.row({id, team ? team->name : "", t.dispatch_s ? clock(*t.dispatch_s) : tr("never"),
                 t.arrival_s ? clock(*t.arrival_s) : tr("not by the horizon"),
                 t.dispatch_s && t.arrival_s ? fixed(*t.arrival_s - *t.dispatch_s, 0) + " s" : ""});
    }
    out << teams.str();
  }
  for (const auto& [id, outcome] : m.hazards) {
    if (outcome.contained_s) out << "  " << tf("{1} contained at {2}", id, clock(*outcome.contained_s)) << "\n";
    if (outcome.controlled_s) out << "  " << tf("{1} under control at {2}", id, clock(*outcome.controlled_s)) << "\n";
  }
}

void printStory(const LoadedScenario& l, const Plan& plan, const Outcome& o, const HazardModel& h, std::ostream& out) {
  out << l.scenario.name << "\n"
      << tf("Plan {1}  {2}   (seed {3}, replication {4}, horizon {5} s)", plan.id, plan.name, o.seed, o.replication,
            fixed(o.horizon_s, 0))
      << "\n";
  printHazards(h, out);
  printEvents(o, out);
  printPeople(l, o.metrics, h, out);
  printShelters(l, o.metrics, o, out);
  printRoadsAndTeams(l, o.metrics, out);
}
}  // namespace

std::string helpRun() {
  return std::string(tr("Usage: drillsim run SCENARIO.yaml --plan ID [options]\n\n"
         "Runs one replication of one plan: the alarm chain, protective orders, evacuees walking\n"
         "to shelters and sharing road capacity, shelters filling, rescue teams. The same seed and\n"
         "replication give the same result, and the same draws under every plan.\n\n")) +
         describeOptions(kOptions) + tr("\nWith --out DIR: metrics.json (as --format json), events.csv (time_s,kind,entity,detail)\n"
         "and replay.json (every movement and shelter occupancy, for the front end's replay).\n"
         "\nExit codes: 0 run, 2 the scenario is invalid, 64 bad command line or unknown plan.\n");
}

int runRun(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  const std::string format = args.choice("format", {"text", "json"}, "text");
  const auto planId = args.value("plan");
  if (!planId) throw UsageError(tr("--plan is required"));
  auto loaded = loadScenarioArgument(args);
  if (!loaded) return kExitInvalidInput;
  const Plan* plan = &planArgument(*loaded, *planId);
  const std::uint64_t seed = args.count("seed", loaded->scenario.monte_carlo.seed);
  const std::uint64_t replication = args.count("replication", 0);

  checkOneRunFits(*loaded);  // a scenario too large for the machine is refused before it starts
  Platform platform(*loaded, args.flag("simgrid-log"));
  HazardModel hazards(*loaded, *plan, seed, replication);
  const Outcome outcome = runReplication(platform, *loaded, *plan, seed, replication, hazards);

  // The draws beside the metrics, not among them (a batch's stored row keeps them among them).
  nlohmann::json result{{"metrics", metricsJson(outcome.metrics)}};
  if (result["metrics"].contains("draws")) {
    result["draws"] = result["metrics"]["draws"];
    result["metrics"].erase("draws");
  }
  if (auto dir = args.value("out")) {
    std::filesystem::create_directories(*dir);
    writeFileAtomically(*dir + "/metrics.json", result.dump(2) + "\n");
    writeFileAtomically(*dir + "/events.csv", eventsCsv(outcome.events));
    writeFileAtomically(*dir + "/replay.json", replayJson(outcome).dump() + "\n");
  }
  if (format == "json") std::cout << result.dump(2) << "\n";
  else printStory(*loaded, *plan, outcome, hazards, std::cout);
  std::cout.flush();
  // SimGrid's teardown of a finished engine costs tens of milliseconds and holds nothing we need.
  std::_Exit(kExitOk);
}

}  // namespace drillsim::cli
