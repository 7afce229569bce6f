// drillsim info: a readable summary of a scenario and its park, for a planner to check before running.
#include <cmath>
#include <iostream>
#include <map>
#include <sstream>

#include "scenarios/I18n.hpp"
#include "scenarios/Validation.hpp"
#include "scenarios/Vocabulary.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/TextTable.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"substances", true, i18n::kNoop("substance table to use (default: the bundled data/substances.csv)"), "FILE"},
};

std::string seconds(const Distribution& d) { return d.describe() + " s"; }

// Items joined with ", " (Chinese: "、").
const char* listSeparator() {
  return tc("list of names", ", ");
}

std::string describeProtect(const Protect& p) {
  const bool evacuate = p.action == ProtectiveAction::Evacuate;
  const std::string after = shownParty(p.after.id);
  std::string text;
  if (p.scope == Protect::Scope::All) {
    text = evacuate ? tf("evacuate all zones once {1} is notified", after)
                    : tf("shelter in place all zones once {1} is notified", after);
  } else if (p.scope == Protect::Scope::Threat) {
    text = evacuate ? tf("evacuate zones in the threat zone once {1} is notified", after)
                    : tf("shelter in place zones in the threat zone once {1} is notified", after);
  } else {
    std::string zones;
    for (const auto& z : p.zones) zones += (zones.empty() ? "" : listSeparator()) + z.id;
    text = evacuate ? tf("evacuate {1} once {2} is notified", zones, after)
                    : tf("shelter in place {1} once {2} is notified", zones, after);
  }
  if (p.air_out_when_cloud_passed) text += tr(", airing out once the cloud has passed");
  return text;
}

void printPark(const LoadedScenario& l, std::ostream& out) {
  const Park& park = l.park;
  const Scenario& s = l.scenario;
  out << tf("Park: {1}", park.path) << "\n  "
      << tf("CRS {1}, centre {2} E, {3} N", park.crs, fixed(park.origin_lon, 4), fixed(park.origin_lat, 4)) << "\n";

  std::map<std::string, std::pair<int, std::pair<long, long>>> byKind;  // kind -> count, (day, night)
  for (const auto& z : park.zones) {
    auto& e = byKind[zoneKindNames()[static_cast<std::size_t>(z.kind)]];
    ++e.first;
    e.second.first += z.pop_day;
    e.second.second += z.pop_night;
  }
  out << "\n" << tf("Zones: {1}", park.zones.size()) << "\n";
  TextTable kinds({tr("kind"), tc("count of zones", "zones"), shownWord(Population::Day), shownWord(Population::Night)},
                  {false, true, true, true});
  // In the order of the file's words, each shown in the user's language.
  for (const auto& [kind, e] : byKind)
    kinds.row({shownWord(*fromWord<ZoneKind>(zoneKindNames(), kind)), std::to_string(e.first),
               thousands(e.second.first), thousands(e.second.second)});
  kinds.row({tr("total"), std::to_string(park.zones.size()), thousands(park.population(false)),
             thousands(park.population(true))});
  out << kinds.str();
  const long people = park.population(s.night());
  out << "  "
      << tnf("This scenario uses {1}: {2} person.", "This scenario uses {1}: {2} persons.", people,
             shownWord(s.population), thousands(people))
      << "\n";

  double length = 0, minWidth = 1e9, maxWidth = 0;
  int oneway = 0;
  for (const auto& r : park.roads) {
    length += r.length_m;
    minWidth = std::min(minWidth, r.width_m);
    maxWidth = std::max(maxWidth, r.width_m);
    oneway += r.oneway;
  }
  const int pieces = park.graph.componentCount();
  out << "\n"
      << tf("Roads: {1} ({2} km, widths {3}-{4} m, {5} oneway), {6} junctions; {7}", park.roads.size(),
            fixed(length / 1000, 1), fixed(minWidth, 0), fixed(maxWidth, 0), oneway, park.graph.nodeCount(),
            pieces == 1 ? std::string(tr("connected")) : tf("in {1} disconnected pieces", pieces))
      << "\n";
  const double flow = s.walking.specific_flow_pms;
  out << "  "
      << tf("Walking capacity at {1} persons/(m s): {2}-{3} persons/s per road", fixed(flow, 2),
            fixed(minWidth * flow, 1), fixed(maxWidth * flow, 1))
      << "\n";

  const long capacity = park.shelterCapacity();
  out << "\n"
      << tf("Shelters: {1}, capacity {2} = {3} % of the {4} population", park.shelters.size(), thousands(capacity),
            fixed(people ? 100.0 * double(capacity) / double(people) : 0, 0), shownWord(s.population))
      << "\n";
  TextTable shelters({tr("id"), tr("name"), tr("kind"), tr("capacity"), tr("road access")},
                     {false, false, false, true, true});
  for (const auto& sh : park.shelters)
    shelters.row({sh.id, sh.name, shownWord(sh.kind), thousands(sh.capacity), fixed(sh.access_m, 0) + " m"});
  out << shelters.str();

  out << "\n" << tf("Stations: {1}", park.stations.size()) << "\n";
  TextTable stations({tr("id"), tr("name"), tr("road access")}, {false, false, true});
  for (const auto& st : park.stations) stations.row({st.id, st.name, fixed(st.access_m, 0) + " m"});
  out << stations.str();

  out << "\n" << tf("Hazard sources: {1}", park.sources.size()) << "\n";
  TextTable sources({tr("id"), tr("name"), tr("substance"), tr("inventory"), tr("zone")},
                    {false, false, false, true, false});
  for (const auto& src : park.sources) {
    const Substance* sub = l.substances.find(src.substance);
    sources.row({src.id, src.name, sub ? sub->id + " " + sub->name_zh : src.substance,
                 fixed(src.inventory_kg / 1000, 1) + " t", src.zone});
  }
  out << sources.str();
}

void printScenario(const Scenario& s, std::ostream& out) {
  out << "\n"
      << tf("Simulation: horizon {1} s ({2} min), cohorts of {3} persons", fixed(s.horizon_s, 0),
            fixed(s.horizon_s / 60, 0), s.cohort_size)
      << "\n  "
      << tf("walking {1} m/s, specific flow {2} persons/(m s), pre-movement {3}", fixed(s.walking.speed_ms, 2),
            fixed(s.walking.specific_flow_pms, 2), seconds(s.walking.premovement_s))
      << "\n";
  const auto& w = s.weather;
  if (w.fromSky()) {
    std::string skies;
    for (std::size_t i = 0; i < w.sky.values.size(); ++i)
      skies += (i ? listSeparator() : "") + std::string(shownWord(w.sky.values[i])) +
               (w.sky.weights.empty() ? "" : ":" + fixed(w.sky.weights[i], 2));
    out << tf(
        "Weather: wind {1} m/s from {2} deg, stability from the wind speed and the sky (Pasquill), sky {3}, "
        "{4} terrain, air {5} degC",
        w.wind_speed_ms.describe(), w.wind_from_deg.describe(), skies, shownWord(w.terrain),
        w.temperature_c.describe());
  } else {
    std::string stability;
    for (std::size_t i = 0; i < w.stability.values.size(); ++i)
      stability += (i ? listSeparator() : "") + wordOf(w.stability.values[i]) +
                   (w.stability.weights.empty() ? "" : ":" + fixed(w.stability.weights[i], 2));
    out << tf("Weather: wind {1} m/s from {2} deg, stability {3}, {4} terrain, air {5} degC",
              w.wind_speed_ms.describe(), w.wind_from_deg.describe(), stability, shownWord(w.terrain),
              w.temperature_c.describe());
  }
  out << "\n";
  // The zone kinds (and shelter, default) are the file's own keys. Each part brings the space
  // before it, which Chinese puts no space for.
  out << tr("Buildings, air changes per hour shut:");
  if (s.buildings.air_changes_per_hour.empty() && s.buildings.leakage.empty())
    out << tf(" {1} everywhere (the default)", fixed(kDefaultAirChangesPerHour, 1));
  for (const auto& [kind, d] : s.buildings.air_changes_per_hour)
    out << tcf("a zone kind's air changes per hour", " {1} {2};", kind, d.describe());
  for (const auto& [kind, l] : s.buildings.leakage)
    out << tnf(
        " {1} from its leakage (ASHRAE basic model: {2} cm2 in {3} m3, {4} storey, "
        "shelter class {5}, indoors {6} degC);",
        " {1} from its leakage (ASHRAE basic model: {2} cm2 in {3} m3, {4} storeys, "
        "shelter class {5}, indoors {6} degC);",
        l.storeys, kind, l.area_cm2.describe(), l.volume_m3.describe(), l.storeys, l.shelter_class,
        s.buildings.indoor_c.describe());
  out << tf(" aired out {1}", s.buildings.aired_out_per_hour.describe()) << "\n";

  out << "\n" << tf("Hazards: {1}", s.hazards.size()) << "\n";
  for (const auto& h : s.hazards) {
    out << "  " << h.id << "  ";
    if (const auto* r = std::get_if<ToxicRelease>(&h.detail)) {
      out << tf("toxic release from {1} starting at {2}", r->source.id, seconds(h.start_s));
      if (r->vessel && r->vessel->rupture) {
        const PhysicalRelease& v = *r->vessel;
        out << tf(", the {1} vessel's rupture (its whole inventory at once), {2}", shownWord(v.phase),
                  v.temperature_c ? tf("stored at {1} degC", v.temperature_c->describe())
                                  : std::string(tr("at the air's temperature")));
      } else if (r->vessel) {
        const PhysicalRelease& v = *r->vessel;
        const std::string pressure = v.pressure_bar ? tf("{1} bar gauge", v.pressure_bar->describe())
                                                    : std::string(tr("at its vapour pressure"));
        out << (v.volume_m3
                    ? tf(", {1} from a vessel of {2} m3 of compressed gas through a hole of {3} mm, {4}",
                         shownWord(v.phase), v.volume_m3->describe(), v.hole_mm.describe(), pressure)
                    : tf(", {1} through a hole of {2} mm, {3}", shownWord(v.phase), v.hole_mm.describe(), pressure))
            << (v.temperature_c ? tf(", stored at {1} degC", v.temperature_c->describe()) : std::string());
      } else if (r->instantaneous_kg) {
        out << tf(", {1} kg at once", r->instantaneous_kg->describe());
      } else {
        out << tf(", rate {1} kg/s", r->rate_kg_s.describe());
      }
      if (r->vessel && r->vessel->rupture)
        out << tf(", its pool boiling for up to {1}", seconds(r->duration_s));
      else if (!r->instantaneous_kg)
        out << tf(" for up to {1}", seconds(r->duration_s));
      out << tf(", height {1} m", r->height_m.describe());
      if (r->containment_s) out << tf(", containment takes {1} on scene", seconds(*r->containment_s));
    } else {
      const auto& f = std::get<Fire>(h.detail);
      out << tf("fire in zone {1} starting at {2}, spreads within {3} m", f.zone.id, seconds(h.start_s),
                f.spread_m.describe());
      if (f.spread_delay_s) out << tf(" after {1}", seconds(*f.spread_delay_s));
      if (f.control_s) out << tf(", control takes {1} on scene", seconds(*f.control_s));
    }
    out << "\n";
  }

  out << "\n" << tf("Teams: {1}", s.teams.size()) << "\n";
  TextTable teams({tr("id"), tr("name"), tr("kind"), tr("station"), tr("turn-out"), tc("a team's vehicle", "speed")});
  for (const auto& t : s.teams)
    teams.row({t.id, t.name, shownWord(t.kind), t.station.id, seconds(t.turnout_s), fixed(t.speed_ms, 1) + " m/s"});
  out << teams.str();

  out << "\n" << tf("Plans: {1}", s.plans.size()) << "\n";
  for (const auto& p : s.plans) {
    out << "  " << p.id << "  " << p.name << "\n    " << tf("detection after {1}", seconds(p.detection_s)) << "\n    "
        << tr("alarm chain:");
    for (const auto& n : p.notify) out << " -> " << shownParty(n.who) << " (+" << seconds(n.delay_s) << ")";
    out << "\n";
    for (const auto& d : p.dispatch)
      out << "    " << tf("dispatch {1} to {2} once {3} is notified", d.team.id, d.to.id, shownParty(d.after.id)) << "\n";
    for (const auto& pr : p.protect) out << "    " << describeProtect(pr) << "\n";
    std::string rule;
    if (p.shelters.kind == ShelterRule::Kind::Nearest)
      rule = tr("nearest by walking time");
    else if (p.shelters.kind == ShelterRule::Kind::Fastest)
      rule = tr("fastest, counting queues on the way");
    else {
      rule = tr("assigned");
      for (const auto& [zone, list] : p.shelters.map) {
        rule += " " + zone.id + "->";
        for (std::size_t i = 0; i < list.size(); ++i) rule += (i ? "/" : "") + list[i].id;
      }
    }
    out << "    " << tf("shelters: {1}", rule) << "\n    "
        << (p.close_roads_above == ClosureLevel::None ? std::string(tr("close roads above none"))
                                                      : tf("close roads above {1}", wordOf(p.close_roads_above)))
        << "\n";
  }
  out << "\n"
      << tf("Monte Carlo: {1} replications, seed {2}", thousands(s.monte_carlo.replications), s.monte_carlo.seed)
      << "\n";
}
}  // namespace

std::string helpInfo() {
  return std::string(tr("Usage: drillsim info SCENARIO.yaml [options]\n\n"
         "Prints a summary of the scenario and its park: zones and population by kind, roads,\n"
         "shelter capacity against the population, stations, hazard sources, hazards, teams and\n"
         "each plan's alarm chain, dispatches and protective actions. Warnings are printed first.\n\n")) +
         describeOptions(kOptions) + tr("\nExit codes: 0 printed, 2 the scenario is invalid, 64 bad command line.\n");
}

int runInfo(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  auto loaded = loadScenarioArgument(args);
  if (!loaded) return kExitInvalidInput;
  const std::string file = args.positional()[0];
  const Scenario& s = loaded->scenario;
  std::cout << s.name << "  (" << file << ")\n";
  std::string description = s.description;
  while (!description.empty() && (description.back() == '\n' || description.back() == ' ')) description.pop_back();
  if (!description.empty()) std::cout << description << "\n";
  std::cout << "\n";
  printPark(*loaded, std::cout);
  printScenario(s, std::cout);
  return kExitOk;
}

}  // namespace drillsim::cli
