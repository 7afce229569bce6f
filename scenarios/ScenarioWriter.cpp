// Writing a scenario back to YAML with every key explicit, so that load(save(s)) == s.
// Numbers are written in their shortest form that reads back to the same double.
#include <yaml-cpp/yaml.h>

#include <charconv>

#include "scenarios/ScenarioFile.hpp"

#include "scenarios/DrillRecords.hpp"
#include "scenarios/NumberText.hpp"
#include "scenarios/TextFile.hpp"

namespace drillsim {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;


void emitNumbers(YAML::Emitter& out, const std::vector<double>& values) {
  out << YAML::Flow << YAML::BeginSeq;
  for (double v : values) out << roundTripNumber(v);
  out << YAML::EndSeq;
}

// A fixed name, or {choice: {values: [...], weights: [...]}}.
template <class E>
void emitWordChoice(YAML::Emitter& out, const WordChoice<E>& c) {
  if (c.values.size() == 1 && c.weights.empty()) {
    out << wordOf(c.values[0]);
    return;
  }
  out << YAML::Flow << YAML::BeginMap << YAML::Key << "choice" << YAML::Value << YAML::BeginMap << YAML::Key << "values"
      << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& v : c.values) out << wordOf(v);
  out << YAML::EndSeq;
  if (!c.weights.empty()) {
    out << YAML::Key << "weights" << YAML::Value;
    emitNumbers(out, c.weights);
  }
  out << YAML::EndMap << YAML::EndMap;
}

void emit(YAML::Emitter& out, const Distribution& d) {
  std::visit(Overloaded{
                 [&](const Constant& k) { out << roundTripNumber(k.value); },
                 [&](const Uniform& k) {
                   out << YAML::Flow << YAML::BeginMap << YAML::Key << "uniform" << YAML::Value;
                   emitNumbers(out, {k.a, k.b});
                   out << YAML::EndMap;
                 },
                 [&](const Triangular& k) {
                   out << YAML::Flow << YAML::BeginMap << YAML::Key << "triangular" << YAML::Value;
                   emitNumbers(out, {k.min, k.mode, k.max});
                   out << YAML::EndMap;
                 },
                 [&](const Normal& k) {
                   out << YAML::Flow << YAML::BeginMap << YAML::Key << "normal" << YAML::Value << YAML::BeginMap
                       << YAML::Key << "mean" << YAML::Value << roundTripNumber(k.mean) << YAML::Key << "sd" << YAML::Value
                       << roundTripNumber(k.sd) << YAML::EndMap << YAML::EndMap;
                 },
                 [&](const LogNormal& k) {
                   out << YAML::Flow << YAML::BeginMap << YAML::Key << "lognormal" << YAML::Value << YAML::BeginMap
                       << YAML::Key << "median" << YAML::Value << roundTripNumber(k.median) << YAML::Key << "sigma"
                       << YAML::Value << roundTripNumber(k.sigma) << YAML::EndMap << YAML::EndMap;
                 },
                 [&](const Exponential& k) {
                   out << YAML::Flow << YAML::BeginMap << YAML::Key << "exponential" << YAML::Value
                       << YAML::BeginMap << YAML::Key << "mean" << YAML::Value << roundTripNumber(k.mean) << YAML::EndMap
                       << YAML::EndMap;
                 },
                 [&](const Choice& k) {
                   out << YAML::Flow << YAML::BeginMap << YAML::Key << "choice" << YAML::Value << YAML::BeginMap
                       << YAML::Key << "values" << YAML::Value;
                   emitNumbers(out, k.values);
                   if (!k.weights.empty()) {
                     out << YAML::Key << "weights" << YAML::Value;
                     emitNumbers(out, k.weights);
                   }
                   out << YAML::EndMap << YAML::EndMap;
                 },
             },
             d.kind());
}

void field(YAML::Emitter& out, const char* key, const Distribution& d) {
  out << YAML::Key << key << YAML::Value;
  emit(out, d);
}

void emitHazard(YAML::Emitter& out, const Hazard& h) {
  out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << h.id << YAML::Key << "kind" << YAML::Value
      << h.kindName();
  field(out, "start_s", h.start_s);
  if (const auto* r = std::get_if<ToxicRelease>(&h.detail)) {
    out << YAML::Key << "source" << YAML::Value << r->source.id;
    if (r->vessel) {
      const PhysicalRelease& v = *r->vessel;
      out << YAML::Key << "release" << YAML::Value << YAML::Flow << YAML::BeginMap;
      out << YAML::Key << "phase" << YAML::Value << wordOf(v.phase);
      if (v.rupture) out << YAML::Key << "rupture" << YAML::Value << true;
      else field(out, "hole_mm", v.hole_mm);
      if (v.volume_m3) field(out, "volume_m3", *v.volume_m3);
      if (v.pressure_bar) field(out, "pressure_bar", *v.pressure_bar);
      if (v.temperature_c) field(out, "temperature_c", *v.temperature_c);
      if (!(v.head_m == Distribution{0.0})) field(out, "head_m", v.head_m);
      if (v.discharge_coefficient) field(out, "discharge_coefficient", *v.discharge_coefficient);
      if (v.bund_m2) out << YAML::Key << "bund_m2" << YAML::Value << *v.bund_m2;
      if (v.ground != Ground::Concrete) out << YAML::Key << "ground" << YAML::Value << wordOf(v.ground);
      out << YAML::EndMap;
    } else if (r->instantaneous_kg) {
      field(out, "instantaneous_kg", *r->instantaneous_kg);
    } else {
      field(out, "rate_kg_s", r->rate_kg_s);
    }
    field(out, "duration_s", r->duration_s);
    field(out, "height_m", r->height_m);
    if (r->containment_s) field(out, "containment_s", *r->containment_s);
  } else {
    const auto& f = std::get<Fire>(h.detail);
    out << YAML::Key << "zone" << YAML::Value << f.zone.id;
    field(out, "spread_m", f.spread_m);
    if (f.spread_delay_s) field(out, "spread_delay_s", *f.spread_delay_s);
    if (f.control_s) field(out, "control_s", *f.control_s);
    if (f.heat_release_mw) field(out, "heat_release_mw", *f.heat_release_mw);
  }
  out << YAML::EndMap;
}

/// The key `shelter_changes` and its list, one flow map per change.
void emitShelterChanges(YAML::Emitter& out, const std::vector<ShelterChange>& changes) {
  out << YAML::Key << "shelter_changes" << YAML::Value << YAML::BeginSeq;
  for (const auto& c : changes) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "id" << YAML::Value << c.id;
    if (c.remove) out << YAML::Key << "remove" << YAML::Value << "true";
    if (c.name) out << YAML::Key << "name" << YAML::Value << *c.name;
    if (c.kind) out << YAML::Key << "kind" << YAML::Value << wordOf(*c.kind);
    if (c.capacity) out << YAML::Key << "capacity" << YAML::Value << *c.capacity;
    if (c.lon && c.lat)
      out << YAML::Key << "lon" << YAML::Value << roundTripNumber(*c.lon) << YAML::Key << "lat" << YAML::Value
          << roundTripNumber(*c.lat);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void emitPlan(YAML::Emitter& out, const Plan& p) {
  out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << p.id;
  if (!p.name.empty()) out << YAML::Key << "name" << YAML::Value << p.name;
  field(out, "detection_s", p.detection_s);
  out << YAML::Key << "notify" << YAML::Value << YAML::BeginSeq;
  for (const auto& n : p.notify) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "who" << YAML::Value << n.who;
    field(out, "delay_s", n.delay_s);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::Key << "dispatch" << YAML::Value << YAML::BeginSeq;
  for (const auto& d : p.dispatch)
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "team" << YAML::Value << d.team.id << YAML::Key << "to"
        << YAML::Value << d.to.id << YAML::Key << "after" << YAML::Value << d.after.id << YAML::EndMap;
  out << YAML::EndSeq << YAML::Key << "protect" << YAML::Value << YAML::BeginSeq;
  for (const auto& pr : p.protect) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "zones" << YAML::Value;
    if (pr.scope == Protect::Scope::All) out << "all";
    else if (pr.scope == Protect::Scope::Threat) out << "threat";
    else {
      out << YAML::Flow << YAML::BeginSeq;
      for (const auto& z : pr.zones) out << z.id;
      out << YAML::EndSeq;
    }
    out << YAML::Key << "action" << YAML::Value
        << (pr.action == ProtectiveAction::Evacuate ? "evacuate" : "shelter_in_place") << YAML::Key << "after"
        << YAML::Value << pr.after.id;
    if (pr.air_out_when_cloud_passed) out << YAML::Key << "air_out_when" << YAML::Value << "cloud_passed";
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::Key << "shelters" << YAML::Value;
  if (p.shelters.kind == ShelterRule::Kind::Nearest) out << "nearest";
  else if (p.shelters.kind == ShelterRule::Kind::Fastest) out << "fastest";
  else {
    out << YAML::BeginMap;
    for (const auto& [zone, shelters] : p.shelters.map) {
      out << YAML::Key << zone.id << YAML::Value;
      if (shelters.size() == 1) out << shelters[0].id;
      else {
        out << YAML::Flow << YAML::BeginSeq;
        for (const auto& s : shelters) out << s.id;
        out << YAML::EndSeq;
      }
    }
    out << YAML::EndMap;
  }
  out << YAML::Key << "close_roads_above" << YAML::Value << wordOf(p.close_roads_above) << YAML::EndMap;
}

}  // namespace

std::string scenarioToYaml(const Scenario& s) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "drillsim" << YAML::Value << s.format;
  out << YAML::Key << "name" << YAML::Value << s.name;
  if (!s.description.empty()) out << YAML::Key << "description" << YAML::Value << s.description;
  if (!s.park_name.empty()) out << YAML::Key << "park_name" << YAML::Value << s.park_name;
  out << YAML::Key << "park" << YAML::Value << s.park;
  if (!s.crs.empty()) out << YAML::Key << "crs" << YAML::Value << s.crs;
  out << YAML::Key << "horizon_s" << YAML::Value << roundTripNumber(s.horizon_s);
  out << YAML::Key << "population" << YAML::Value << wordOf(s.population);
  out << YAML::Key << "cohort_size" << YAML::Value << s.cohort_size;

  out << YAML::Key << "walking" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "speed_ms" << YAML::Value << roundTripNumber(s.walking.speed_ms);
  out << YAML::Key << "specific_flow_pms" << YAML::Value << roundTripNumber(s.walking.specific_flow_pms);
  field(out, "premovement_s", s.walking.premovement_s);
  out << YAML::EndMap;

  out << YAML::Key << "weather" << YAML::Value << YAML::BeginMap;
  field(out, "wind_speed_ms", s.weather.wind_speed_ms);
  field(out, "wind_from_deg", s.weather.wind_from_deg);
  out << YAML::Key << "stability" << YAML::Value;
  if (s.weather.fromSky()) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "pasquill" << YAML::Value;
    emitWordChoice(out, s.weather.sky);
    out << YAML::EndMap;
  } else {
    emitWordChoice(out, s.weather.stability);
  }
  out << YAML::Key << "terrain" << YAML::Value << wordOf(s.weather.terrain);
  if (!(s.weather.temperature_c == Distribution{20.0})) field(out, "temperature_c", s.weather.temperature_c);
  out << YAML::EndMap;

  if (!(s.buildings == Buildings{})) {
    out << YAML::Key << "buildings" << YAML::Value << YAML::BeginMap;
    if (!s.buildings.air_changes_per_hour.empty()) {
      out << YAML::Key << "air_changes_per_hour" << YAML::Value << YAML::BeginMap;
      for (const auto& [key, d] : s.buildings.air_changes_per_hour) field(out, key.c_str(), d);
      out << YAML::EndMap;
    }
    if (!s.buildings.leakage.empty()) {
      out << YAML::Key << "leakage" << YAML::Value << YAML::BeginMap;
      for (const auto& [key, l] : s.buildings.leakage) {
        out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap;
        field(out, "area_cm2", l.area_cm2);
        field(out, "volume_m3", l.volume_m3);
        out << YAML::Key << "storeys" << YAML::Value << l.storeys << YAML::Key << "shelter_class" << YAML::Value
            << l.shelter_class << YAML::EndMap;
      }
      out << YAML::EndMap;
    }
    if (!(s.buildings.indoor_c == Distribution{20.0})) field(out, "indoor_c", s.buildings.indoor_c);
    if (!(s.buildings.aired_out_per_hour == Distribution{kAiredAirChangesPerHour}))
      field(out, "aired_out_per_hour", s.buildings.aired_out_per_hour);
    out << YAML::EndMap;
  }

  out << YAML::Key << "hazards" << YAML::Value << YAML::BeginSeq;
  for (const auto& h : s.hazards) emitHazard(out, h);
  out << YAML::EndSeq;

  out << YAML::Key << "teams" << YAML::Value << YAML::BeginSeq;
  for (const auto& t : s.teams) {
    out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << t.id;
    if (!t.name.empty()) out << YAML::Key << "name" << YAML::Value << t.name;
    out << YAML::Key << "station" << YAML::Value << t.station.id << YAML::Key << "kind" << YAML::Value << wordOf(t.kind);
    field(out, "turnout_s", t.turnout_s);
    out << YAML::Key << "speed_ms" << YAML::Value << roundTripNumber(t.speed_ms) << YAML::EndMap;
  }
  out << YAML::EndSeq;

  out << YAML::Key << "plans" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : s.plans) emitPlan(out, p);
  out << YAML::EndSeq;

  if (!s.shelter_changes.empty()) emitShelterChanges(out, s.shelter_changes);

  if (!s.park_changes.empty()) {
    out << YAML::Key << "park_changes" << YAML::Value << YAML::BeginSeq;
    for (const auto& c : s.park_changes) {
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "layer" << YAML::Value << c.layer << YAML::Key << "id"
          << YAML::Value << c.id;
      for (const auto& [k, v] : c.texts) out << YAML::Key << k << YAML::Value << v;
      for (const auto& [k, v] : c.numbers) out << YAML::Key << k << YAML::Value << roundTripNumber(v);
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }

  emitDrillRecords(out, s);

  out << YAML::Key << "monte_carlo" << YAML::Value << YAML::BeginMap << YAML::Key << "replications" << YAML::Value
      << s.monte_carlo.replications << YAML::Key << "seed" << YAML::Value << s.monte_carlo.seed << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string shelterLayoutToYaml(const std::vector<ShelterChange>& changes) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  emitShelterChanges(out, changes);
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string distributionToYaml(const Distribution& d) {
  YAML::Emitter out;
  emit(out, d);
  return out.c_str();
}

void saveScenario(const Scenario& scenario, const std::string& path) {
  writeFileAtomically(path, scenarioToYaml(scenario));
}

}  // namespace drillsim
