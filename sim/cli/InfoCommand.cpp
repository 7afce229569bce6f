// drillsim info: a readable summary of a scenario and its park, for a planner to check before running.
#include <cmath>
#include <iostream>
#include <map>
#include <sstream>

#include "scenarios/I18n.hpp"
#include "scenarios/Validation.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/TextTable.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"substances", true, i18n::kNoop("substance table to use (default: the bundled data/substances.csv)"), "FILE"},
};

std::string seconds(const Distribution& d) { return d.describe() + " s"; }

std::string plural(long long n, const std::string& word) {
  return thousands(n) + " " + word + (n == 1 ? "" : "s");
}

std::string describeProtect(const Protect& p) {
  std::string zones;
  if (p.scope == Protect::Scope::All) zones = "all zones";
  else if (p.scope == Protect::Scope::Threat) zones = "zones in the threat zone";
  else
    for (const auto& z : p.zones) zones += (zones.empty() ? "" : ", ") + z.id;
  return std::string(p.action == ProtectiveAction::Evacuate ? "evacuate " : "shelter in place ") + zones +
         " once " + p.after.id + " is notified" +
         (p.air_out_when_cloud_passed ? ", airing out once the cloud has passed" : "");
}

void printPark(const LoadedScenario& l, std::ostream& out) {
  const Park& park = l.park;
  const Scenario& s = l.scenario;
  out << "Park: " << park.path << "\n  CRS " << park.crs << ", centre " << fixed(park.origin_lon, 4) << " E, "
      << fixed(park.origin_lat, 4) << " N\n";

  std::map<std::string, std::pair<int, std::pair<long, long>>> byKind;  // kind -> count, (day, night)
  for (const auto& z : park.zones) {
    auto& e = byKind[zoneKindNames()[static_cast<std::size_t>(z.kind)]];
    ++e.first;
    e.second.first += z.pop_day;
    e.second.second += z.pop_night;
  }
  out << "\nZones: " << park.zones.size() << "\n";
  TextTable kinds({"kind", "zones", "pop_day", "pop_night"}, {false, true, true, true});
  for (const auto& [kind, e] : byKind)
    kinds.row({kind, std::to_string(e.first), thousands(e.second.first), thousands(e.second.second)});
  kinds.row({"total", std::to_string(park.zones.size()), thousands(park.population(false)),
             thousands(park.population(true))});
  out << kinds.str();
  const long people = park.population(s.night());
  out << "  This scenario uses " << wordOf(s.population) << ": " << plural(people, "person") << ".\n";

  double length = 0, minWidth = 1e9, maxWidth = 0;
  int oneway = 0;
  for (const auto& r : park.roads) {
    length += r.length_m;
    minWidth = std::min(minWidth, r.width_m);
    maxWidth = std::max(maxWidth, r.width_m);
    oneway += r.oneway;
  }
  const int pieces = park.graph.componentCount();
  out << "\nRoads: " << park.roads.size() << " (" << fixed(length / 1000, 1) << " km, widths " << fixed(minWidth, 0)
      << "-" << fixed(maxWidth, 0) << " m, " << oneway << " oneway), " << park.graph.nodeCount() << " junctions; "
      << (pieces == 1 ? "connected" : "in " + std::to_string(pieces) + " disconnected pieces") << "\n";
  const double flow = s.walking.specific_flow_pms;
  out << "  Walking capacity at " << fixed(flow, 2) << " persons/(m s): " << fixed(minWidth * flow, 1) << "-"
      << fixed(maxWidth * flow, 1) << " persons/s per road\n";

  const long capacity = park.shelterCapacity();
  out << "\nShelters: " << park.shelters.size() << ", capacity " << thousands(capacity) << " = "
      << fixed(people ? 100.0 * double(capacity) / double(people) : 0, 0) << " % of the " << wordOf(s.population)
      << " population\n";
  TextTable shelters({"id", "name", "kind", "capacity", "road access"}, {false, false, false, true, true});
  for (const auto& sh : park.shelters)
    shelters.row({sh.id, sh.name, wordOf(sh.kind), thousands(sh.capacity),
                  fixed(sh.access_m, 0) + " m"});
  out << shelters.str();

  out << "\nStations: " << park.stations.size() << "\n";
  TextTable stations({"id", "name", "road access"}, {false, false, true});
  for (const auto& st : park.stations) stations.row({st.id, st.name, fixed(st.access_m, 0) + " m"});
  out << stations.str();

  out << "\nHazard sources: " << park.sources.size() << "\n";
  TextTable sources({"id", "name", "substance", "inventory", "zone"}, {false, false, false, true, false});
  for (const auto& src : park.sources) {
    const Substance* sub = l.substances.find(src.substance);
    sources.row({src.id, src.name, sub ? sub->id + " " + sub->name_zh : src.substance,
                 fixed(src.inventory_kg / 1000, 1) + " t", src.zone});
  }
  out << sources.str();
}

void printScenario(const Scenario& s, std::ostream& out) {
  out << "\nSimulation: horizon " << fixed(s.horizon_s, 0) << " s (" << fixed(s.horizon_s / 60, 0)
      << " min), cohorts of " << s.cohort_size << " persons\n"
      << "  walking " << fixed(s.walking.speed_ms, 2) << " m/s, specific flow " << fixed(s.walking.specific_flow_pms, 2)
      << " persons/(m s), pre-movement " << seconds(s.walking.premovement_s) << "\n";
  std::string stability;
  for (std::size_t i = 0; i < s.weather.stability.values.size(); ++i)
    stability += (i ? ", " : "") + wordOf(s.weather.stability.values[i]) +
                 (s.weather.stability.weights.empty() ? "" : ":" + fixed(s.weather.stability.weights[i], 2));
  if (s.weather.fromSky()) {
    std::string skies;
    for (std::size_t i = 0; i < s.weather.sky.values.size(); ++i)
      skies += (i ? ", " : "") + wordOf(s.weather.sky.values[i]) +
               (s.weather.sky.weights.empty() ? "" : ":" + fixed(s.weather.sky.weights[i], 2));
    stability = "from the wind speed and the sky (Pasquill), sky " + skies;
  }
  out << "Weather: wind " << s.weather.wind_speed_ms.describe() << " m/s from " << s.weather.wind_from_deg.describe()
      << " deg, stability " << stability << ", " << wordOf(s.weather.terrain) << " terrain, air "
      << s.weather.temperature_c.describe() << " degC\n";
  out << "Buildings, air changes per hour shut:";
  if (s.buildings.air_changes_per_hour.empty() && s.buildings.leakage.empty())
    out << " " << fixed(kDefaultAirChangesPerHour, 1) << " everywhere (the default)";
  for (const auto& [kind, d] : s.buildings.air_changes_per_hour) out << " " << kind << " " << d.describe() << ";";
  for (const auto& [kind, l] : s.buildings.leakage)
    out << " " << kind << " from its leakage (ASHRAE basic model: " << l.area_cm2.describe() << " cm2 in "
        << l.volume_m3.describe() << " m3, " << l.storeys << " storey" << (l.storeys > 1 ? "s" : "") << ", shelter class "
        << l.shelter_class << ", indoors " << s.buildings.indoor_c.describe() << " degC);";
  out << " aired out " << s.buildings.aired_out_per_hour.describe() << "\n";

  out << "\nHazards: " << s.hazards.size() << "\n";
  for (const auto& h : s.hazards) {
    out << "  " << h.id << "  ";
    if (const auto* r = std::get_if<ToxicRelease>(&h.detail)) {
      out << "toxic release from " << r->source.id << " starting at " << seconds(h.start_s);
      if (r->vessel && r->vessel->rupture) {
        const PhysicalRelease& v = *r->vessel;
        out << ", the " << wordOf(v.phase) << " vessel's rupture (its whole inventory at once), "
            << (v.temperature_c ? "stored at " + v.temperature_c->describe() + " degC" : std::string("at the air's temperature"));
      } else if (r->vessel) {
        const PhysicalRelease& v = *r->vessel;
        out << ", " << wordOf(v.phase) << (v.volume_m3 ? " from a vessel of " + v.volume_m3->describe() + " m3 of compressed gas" : "")
            << " through a hole of " << v.hole_mm.describe() << " mm, "
            << (v.pressure_bar ? v.pressure_bar->describe() + " bar gauge" : std::string("at its vapour pressure"))
            << (v.temperature_c ? ", stored at " + v.temperature_c->describe() + " degC" : std::string());
      } else if (r->instantaneous_kg) {
        out << ", " << r->instantaneous_kg->describe() << " kg at once";
      } else {
        out << ", rate " << r->rate_kg_s.describe() << " kg/s";
      }
      if (r->vessel && r->vessel->rupture) out << ", its pool boiling for up to " << seconds(r->duration_s);
      else if (!r->instantaneous_kg) out << " for up to " << seconds(r->duration_s);
      out << ", height " << r->height_m.describe() << " m";
      if (r->containment_s) out << ", containment takes " << seconds(*r->containment_s) << " on scene";
    } else {
      const auto& f = std::get<Fire>(h.detail);
      out << "fire in zone " << f.zone.id << " starting at " << seconds(h.start_s) << ", spreads within "
          << f.spread_m.describe() << " m";
      if (f.spread_delay_s) out << " after " << seconds(*f.spread_delay_s);
      if (f.control_s) out << ", control takes " << seconds(*f.control_s) << " on scene";
    }
    out << "\n";
  }

  out << "\nTeams: " << s.teams.size() << "\n";
  TextTable teams({"id", "name", "kind", "station", "turn-out", "speed"});
  for (const auto& t : s.teams)
    teams.row({t.id, t.name, wordOf(t.kind), t.station.id, seconds(t.turnout_s), fixed(t.speed_ms, 1) + " m/s"});
  out << teams.str();

  out << "\nPlans: " << s.plans.size() << "\n";
  for (const auto& p : s.plans) {
    out << "  " << p.id << "  " << p.name << "\n    detection after " << seconds(p.detection_s) << "\n    alarm chain:";
    for (const auto& n : p.notify) out << " -> " << n.who << " (+" << seconds(n.delay_s) << ")";
    out << "\n";
    for (const auto& d : p.dispatch)
      out << "    dispatch " << d.team.id << " to " << d.to.id << " once " << d.after.id << " is notified\n";
    for (const auto& pr : p.protect) out << "    " << describeProtect(pr) << "\n";
    out << "    shelters: ";
    if (p.shelters.kind == ShelterRule::Kind::Nearest) out << "nearest by walking time";
    else if (p.shelters.kind == ShelterRule::Kind::Fastest) out << "fastest, counting queues on the way";
    else {
      out << "assigned";
      for (const auto& [zone, list] : p.shelters.map) {
        out << " " << zone.id << "->";
        for (std::size_t i = 0; i < list.size(); ++i) out << (i ? "/" : "") << list[i].id;
      }
    }
    out << "\n    close roads above " << wordOf(p.close_roads_above) << "\n";
  }
  out << "\nMonte Carlo: " << thousands(s.monte_carlo.replications) << " replications, seed " << s.monte_carlo.seed
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
