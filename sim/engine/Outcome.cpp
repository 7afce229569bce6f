#include "sim/engine/Outcome.hpp"

#include <stdexcept>

namespace drillsim {

using nlohmann::json;

namespace {
json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
std::optional<double> opt(const json& j) { return j.is_null() ? std::nullopt : std::optional<double>(j.get<double>()); }

}  // namespace

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

json drawsJson(const Draws& d) {
  json releases = json::object(), fires = json::object();
  for (const auto& [id, r] : d.releases)
    releases[id] = {{"start_s", r.start_s},   {"rate_kg_s", r.rate_kg_s}, {"duration_s", r.duration_s},
                    {"hole_mm", opt(r.hole_mm)}, {"dispersion", r.dispersion}};
  for (const auto& [id, r] : d.releases)
    if (r.puff_kg) {  // only where there is a puff, so that other scenarios' columns stay as they were
      releases[id]["puff_kg"] = *r.puff_kg;
      releases[id]["puff_dispersion"] = r.puff_dispersion;
    }
  for (const auto& [id, f] : d.fires)
    fires[id] = {{"start_s", f.start_s}, {"heat_release_mw", f.heat_release_mw}, {"spread_m", f.spread_m}};
  return {{"wind_speed_ms", d.wind_speed_ms},
          {"wind_from_deg", d.wind_from_deg},
          {"stability", d.stability},
          {"sky", d.sky.empty() ? json(nullptr) : json(d.sky)},
          {"temperature_c", d.temperature_c},
          {"releases", releases},
          {"fires", fires}};
}

std::optional<Draws> drawsFromJson(const json& j) {
  if (!j.is_object()) return std::nullopt;
  try {
    Draws d;
    d.wind_speed_ms = j.at("wind_speed_ms");
    d.wind_from_deg = j.at("wind_from_deg");
    d.stability = j.at("stability");
    d.sky = j.at("sky").is_null() ? "" : j.at("sky").get<std::string>();
    d.temperature_c = j.at("temperature_c");
    for (const auto& [id, r] : j.at("releases").items())
      d.releases[id] = {r.at("start_s"), r.at("rate_kg_s"), r.at("duration_s"), opt(r.at("hole_mm")), r.at("dispersion"),
                        r.contains("puff_kg") ? opt(r.at("puff_kg")) : std::nullopt, r.value("puff_dispersion", "")};
    for (const auto& [id, f] : j.at("fires").items()) d.fires[id] = {f.at("start_s"), f.at("heat_release_mw"), f.at("spread_m")};
    return d;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

json drawnValue(const json& draws, const std::string& name) {
  if (!draws.is_object()) return nullptr;
  if (draws.contains(name) && !draws.at(name).is_object()) return draws.at(name);
  const auto dot = name.find('.');
  if (dot == std::string::npos) return nullptr;
  const std::string id = name.substr(0, dot), field = name.substr(dot + 1);
  for (const char* group : {"releases", "fires"}) {
    if (!draws.contains(group) || !draws.at(group).is_object() || !draws.at(group).contains(id)) continue;
    const json& entry = draws.at(group).at(id);
    if (entry.is_object() && entry.contains(field)) return entry.at(field);
  }
  return nullptr;
}

std::vector<std::string> drawnNames(const json& draws) {
  std::vector<std::string> names;
  if (!draws.is_object()) return names;
  for (const auto& [name, v] : draws.items())
    if (!v.is_object()) names.push_back(name);
  for (const char* group : {"releases", "fires"})
    if (draws.contains(group) && draws.at(group).is_object())
      for (const auto& [id, entry] : draws.at(group).items())
        if (entry.is_object())
          for (const auto& [field, v] : entry.items()) names.push_back(id + "." + field);
  return names;
}

json metricsJson(const Metrics& m) {
  json j = {{"clearance_s", m.clearance_s},
            {"arrival_p50_s", m.arrival_p50_s},
            {"arrival_p90_s", m.arrival_p90_s},
            {"arrival_p95_s", m.arrival_p95_s},
            {"population", m.population},
            {"sheltered", m.sheltered},
            {"unsheltered", m.unsheltered},
            {"sheltered_in_place", m.sheltered_in_place},
            {"not_ordered", m.not_ordered},
            {"persons_over_aegl2", m.persons_over_aegl2},
            {"persons_over_aegl3", m.persons_over_aegl3},
            {"expected_fatalities", m.expected_fatalities},
            {"zones_burnt", m.zones_burnt},
            {"persons_over_5kw", m.persons_over_5kw},
            {"persons_in_fire", m.persons_in_fire}};
  j["shelters"] = json::object();
  for (const auto& [id, s] : m.shelters) j["shelters"][id] = {{"peak", s.peak}, {"overflow", s.overflow}, {"admitted", s.admitted}};
  j["teams"] = json::object();
  for (const auto& [id, t] : m.teams) j["teams"][id] = {{"dispatch_s", opt(t.dispatch_s)}, {"arrival_s", opt(t.arrival_s)}};
  j["hazards"] = json::object();
  for (const auto& [id, h] : m.hazards)
    j["hazards"][id] = {{"contained_s", opt(h.contained_s)}, {"controlled_s", opt(h.controlled_s)}};
  j["roads"] = json::object();
  for (const auto& [id, r] : m.roads) j["roads"][id] = {{"peak_utilisation", r.peak_utilisation}};
  j["zones"] = json::object();
  for (const auto& [id, z] : m.zones)
    j["zones"][id] = {{"persons_over_aegl2", z.persons_over_aegl2},
                      {"persons_over_aegl3", z.persons_over_aegl3},
                      {"expected_fatalities", z.expected_fatalities},
                      {"persons_over_5kw", z.persons_over_5kw},
                      {"persons_in_fire", z.persons_in_fire},
                      {"ignited_s", opt(z.ignited_s)}};
  if (m.draws) j["draws"] = drawsJson(*m.draws);
  return j;
}

json replayJson(const Outcome& o) {
  json legs = json::array();
  for (const auto& l : o.legs)
    legs.push_back({{"who", l.who}, {"persons", l.persons}, {"from_node", l.from_node}, {"to_node", l.to_node},
                    {"roads", l.roads}, {"depart_s", l.depart_s}, {"front_s", l.front_s}, {"end_s", l.end_s},
                    {"destination", l.destination}, {"admitted", l.admitted}});
  json occupancy = json::array();
  for (const auto& c : o.occupancy) occupancy.push_back({{"time_s", c.time_s}, {"shelter", c.shelter}, {"persons", c.persons}});
  json events = json::array();
  for (const auto& e : o.events) events.push_back(eventJson(e));
  return {{"drillsim_replay", kReplayFormat}, {"scenario", o.scenario}, {"plan", o.plan},   {"seed", o.seed},
          {"replication", o.replication}, {"horizon_s", o.horizon_s}, {"legs", legs}, {"occupancy", occupancy},
          {"events", events}};
}

std::string eventsCsv(const std::vector<Event>& events) {
  std::string s = "time_s,kind,entity,detail\n";
  char t[32];
  for (const auto& e : events) {
    std::snprintf(t, sizeof t, "%.3f", e.time_s);
    s += std::string(t) + "," + csvField(eventKindName(e.kind)) + "," + csvField(e.entity) + "," + csvField(eventDetail(e)) + "\n";
  }
  return s;
}

json outcomeJson(const Outcome& o) {
  json j = replayJson(o);
  j["metrics"] = metricsJson(o.metrics);
  return j;
}

Outcome replayFromJson(const json& j) {
  if (const int format = j.at("drillsim_replay"); format != kReplayFormat)
    throw std::invalid_argument("replay format " + std::to_string(format) + ", this DrillSim reads format " +
                                std::to_string(kReplayFormat) + ": run the replication again to write it anew");
  Outcome o;
  o.scenario = j.at("scenario");
  o.plan = j.at("plan");
  o.seed = j.at("seed");
  o.replication = j.at("replication");
  o.horizon_s = j.at("horizon_s");
  for (const auto& l : j.at("legs"))
    o.legs.push_back({l.at("who"), l.at("persons"), l.at("from_node"), l.at("to_node"), l.at("roads"), l.at("depart_s"),
                      l.at("front_s"), l.at("end_s"), l.at("destination"), l.at("admitted")});
  for (const auto& c : j.at("occupancy")) o.occupancy.push_back({c.at("time_s"), c.at("shelter"), c.at("persons")});
  for (const auto& e : j.at("events")) o.events.push_back(eventFromJson(e));
  return o;
}

Outcome outcomeFromJson(const json& j) {
  Outcome o = replayFromJson(j);
  const json& m = j.at("metrics");
  Metrics& x = o.metrics;
  x.clearance_s = m.at("clearance_s");
  x.arrival_p50_s = m.at("arrival_p50_s");
  x.arrival_p90_s = m.at("arrival_p90_s");
  x.arrival_p95_s = m.at("arrival_p95_s");
  x.population = m.at("population");
  x.sheltered = m.at("sheltered");
  x.unsheltered = m.at("unsheltered");
  x.sheltered_in_place = m.at("sheltered_in_place");
  x.not_ordered = m.at("not_ordered");
  x.persons_over_aegl2 = m.at("persons_over_aegl2");
  x.persons_over_aegl3 = m.at("persons_over_aegl3");
  x.expected_fatalities = m.at("expected_fatalities");
  x.zones_burnt = m.at("zones_burnt");
  x.persons_over_5kw = m.at("persons_over_5kw");
  x.persons_in_fire = m.at("persons_in_fire");
  for (const auto& [id, z] : m.at("zones").items())
    x.zones[id] = {z.at("persons_over_aegl2"), z.at("persons_over_aegl3"), z.at("expected_fatalities"),
                   z.at("persons_over_5kw"),   z.at("persons_in_fire"),    opt(z.at("ignited_s"))};
  for (const auto& [id, s] : m.at("shelters").items()) x.shelters[id] = {s.at("peak"), s.at("overflow"), s.at("admitted")};
  for (const auto& [id, t] : m.at("teams").items()) x.teams[id] = {opt(t.at("dispatch_s")), opt(t.at("arrival_s"))};
  for (const auto& [id, h] : m.at("hazards").items()) x.hazards[id] = {opt(h.at("contained_s")), opt(h.at("controlled_s"))};
  for (const auto& [id, r] : m.at("roads").items()) x.roads[id] = {r.at("peak_utilisation")};
  if (m.contains("draws")) x.draws = drawsFromJson(m.at("draws"));
  return o;
}

}  // namespace drillsim
