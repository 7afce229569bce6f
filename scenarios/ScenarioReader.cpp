// Reading a scenario from YAML: structure, types, distributions and the scenario's own ids.
//
// Index (search for "[SECTION] " and the name):
//   Vocabularies; Top level; Walking and weather; Hazards and teams; Plans; Scenario changes to the
//   park; Parsing the text; Entry points.
#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "scenarios/DrillRecords.hpp"
#include "scenarios/I18n.hpp"
#include "scenarios/Park.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/TextFile.hpp"
#include "scenarios/YamlInput.hpp"

namespace drillsim {

namespace {

// [SECTION] Vocabularies
std::string at(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

const std::vector<std::string> kHazardKinds = {"toxic_release", "fire"};
const std::vector<std::string> kActions = {"evacuate", "shelter_in_place"};
const std::vector<std::string> kFeatureLayers = {"zones", "roads", "hazard_sources"};

/// One of `names` (a list of scenarios/Vocabulary.hpp) as its type; an error and nullopt for any
/// other word.
template <class E>
std::optional<E> typedWord(YamlInput& in, const YAML::Node& node, const std::string& path,
                           const std::vector<std::string>& names) {
  const auto w = in.word(node, path, names);
  return w ? fromWord<E>(names, *w) : std::nullopt;
}

class ScenarioReader {
 public:
  ScenarioReader(const std::string& file, Diagnostics& d) : in_(file, d), file_(file) {}

  // [SECTION] Top level: the scenario, shelter layouts, candidate sites, shared readers
  void readLayout(const YAML::Node& root, ShelterLayoutFile& layout) {
    if (!in_.checkMap(root, "", {"shelter_changes"}, {"name", "description"})) return;
    if (root["name"]) layout.name = in_.text(root["name"], "name").value_or("");
    if (root["description"]) layout.description = in_.text(root["description"], "description").value_or("");
    readList(root["shelter_changes"], "shelter_changes", [&](const YAML::Node& n, const std::string& p) {
      readShelterChange(n, p, layout.changes);
    });
  }

  void readCandidates(const YAML::Node& root, ShelterLayoutFile& sites) {
    if (!in_.checkMap(root, "", {"candidates"}, {"name", "description"})) return;
    if (root["name"]) sites.name = in_.text(root["name"], "name").value_or("");
    if (root["description"]) sites.description = in_.text(root["description"], "description").value_or("");
    readList(root["candidates"], "candidates", [&](const YAML::Node& n, const std::string& p) {
      if (!in_.checkMap(n, p, {"id", "capacity", "lon", "lat"}, {"name", "kind", "cost"})) return;
      readShelterChange(n, p, sites.changes, true);
      double cost = 0;
      if (n["cost"]) cost = in_.number(n["cost"], p + ".cost", Bound::atLeast(0)).value_or(0);
      sites.costs.push_back(cost);
    });
  }

  void read(const YAML::Node& root, Scenario& s) {
    if (!in_.checkMap(root, "",
                      {"drillsim", "name", "park", "horizon_s", "plans"},
                      {"description", "crs", "population", "cohort_size", "walking", "weather", "buildings", "hazards", "teams",
                       "shelter_changes", "park_changes", "monte_carlo", "park_name", "units", "drills"}))
      return;
    if (const YAML::Node v = root["drillsim"]; v && !(v.IsScalar() && v.Scalar() == std::to_string(kScenarioFormat)))
      in_.error(v, "drillsim",
                tf("expected the format version {1}, found {2} (a file for another DrillSim version, or not a scenario?)",
                   kScenarioFormat, YamlInput::describe(v)));
    if (root["name"]) s.name = in_.text(root["name"], "name").value_or("");
    if (root["description"]) s.description = in_.text(root["description"], "description").value_or("");
    if (root["park"]) {
      s.park = in_.text(root["park"], "park").value_or("");
      s.park_where = in_.where(root["park"]);
    }
    if (root["crs"]) s.crs = in_.text(root["crs"], "crs").value_or("");
    if (root["horizon_s"]) s.horizon_s = in_.number(root["horizon_s"], "horizon_s", Bound::above(0)).value_or(s.horizon_s);
    if (root["horizon_s"] && s.horizon_s > 7 * 24 * 3600)
      in_.error(root["horizon_s"], "horizon_s", tf("expected at most 604800 (one week), found {1}", root["horizon_s"].Scalar()));
    if (root["population"]) s.population = typedWord<Population>(in_, root["population"], "population", populationNames()).value_or(s.population);
    if (root["cohort_size"])
      s.cohort_size = int(in_.integer(root["cohort_size"], "cohort_size", 1, 100000).value_or(s.cohort_size));
    if (root["walking"]) readWalking(root["walking"], s.walking);
    if (root["weather"]) readWeather(root["weather"], s.weather);
    if (root["buildings"]) readBuildings(root["buildings"], s.buildings);
    if (root["hazards"]) readList(root["hazards"], "hazards", [&](const YAML::Node& n, const std::string& p) {
      readHazard(n, p, s.hazards);
    });
    if (root["teams"]) readList(root["teams"], "teams", [&](const YAML::Node& n, const std::string& p) {
      readTeam(n, p, s.teams);
    });
    if (root["plans"]) {
      readList(root["plans"], "plans", [&](const YAML::Node& n, const std::string& p) { readPlan(n, p, s.plans); });
      if (root["plans"].IsSequence() && root["plans"].size() == 0)
        in_.error(root["plans"], "plans", tr("expected at least one plan, found an empty list"));
    }
    if (root["shelter_changes"])
      readList(root["shelter_changes"], "shelter_changes", [&](const YAML::Node& n, const std::string& p) {
        readShelterChange(n, p, s.shelter_changes);
      });
    if (root["park_changes"])
      readList(root["park_changes"], "park_changes", [&](const YAML::Node& n, const std::string& p) {
        readFeatureChange(n, p, s.park_changes);
      });
    if (root["monte_carlo"]) readMonteCarlo(root["monte_carlo"], s.monte_carlo);
    readDrillRecords(in_, root, s);  // after the plans, which units and drills name
  }

 private:
  template <class F>
  void readList(const YAML::Node& node, const std::string& path, F each) {
    if (!node.IsDefined()) return;  // a missing required key: checkMap has said so
    if (!in_.checkSequence(node, path)) return;
    for (std::size_t i = 0; i < node.size(); ++i) each(node[i], at(path, i));
  }

  Ref ref(const YAML::Node& node, const std::string& path) {
    return Ref{in_.text(node, path).value_or(""), in_.where(node)};
  }

  // Reads an optional field into `target` when present; target keeps its default otherwise.
  void optDist(const YAML::Node& map, const char* key, const std::string& path, Distribution& target, Bound b) {
    if (map[key]) target = in_.distribution(map[key], path + "." + key, b).value_or(target);
  }

  // An id unique among `seen`, reported at its place otherwise.
  std::string id(const YAML::Node& map, const std::string& path, std::map<std::string, int>& seen) {
    if (!map["id"]) return "";
    auto v = in_.text(map["id"], path + ".id");
    if (!v) return "";
    const int line = in_.where(map["id"]).line;
    if (auto [pos, inserted] = seen.emplace(*v, line); !inserted)
      in_.error(map["id"], path + ".id", tf("duplicate id {1}; it is already used at line {2}", inQuotes(*v), pos->second));
    return *v;
  }

  // [SECTION] Walking and weather (stability classes, skies)
  void readWalking(const YAML::Node& n, Walking& w) {
    if (!in_.checkMap(n, "walking", {}, {"speed_ms", "specific_flow_pms", "premovement_s"})) return;
    if (n["speed_ms"]) w.speed_ms = in_.number(n["speed_ms"], "walking.speed_ms", Bound::above(0)).value_or(w.speed_ms);
    if (n["specific_flow_pms"])
      w.specific_flow_pms =
          in_.number(n["specific_flow_pms"], "walking.specific_flow_pms", Bound::above(0)).value_or(w.specific_flow_pms);
    optDist(n, "premovement_s", "walking", w.premovement_s, Bound::atLeast(0));
    if (w.speed_ms > 3)
      in_.warning(n["speed_ms"], "walking.speed_ms",
                  tr("walking speeds above 3 m/s are running, not walking (RiMEA Table 1 gives 0.46-1.61 m/s)"));
  }

  void readBuildings(const YAML::Node& n, Buildings& b) {
    if (!in_.checkMap(n, "buildings", {}, {"air_changes_per_hour", "leakage", "indoor_c", "aired_out_per_hour"})) return;
    std::vector<std::string> keys = zoneKindNames();
    keys.push_back("shelter");
    keys.push_back("default");
    if (const YAML::Node a = n["air_changes_per_hour"]) {
      if (!a.IsMap()) {
        in_.error(a, "buildings.air_changes_per_hour",
                  tf("expected a mapping of zone kind, shelter or default to air changes per hour, found {1}",
                     YamlInput::describe(a)));
      } else {
        for (const auto& kv : a) {
          const std::string key = kv.first.Scalar();
          const std::string q = "buildings.air_changes_per_hour." + key;
          if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            in_.error(kv.first, q, tf("unknown building kind {1}; {2}", inQuotes(key), expectedOneOf(key, keys)));
            continue;
          }
          if (auto d = in_.distribution(kv.second, q, Bound::above(0))) b.air_changes_per_hour[key] = *d;
        }
      }
    }
    if (const YAML::Node a = n["leakage"]) {
      if (!a.IsMap()) {
        in_.error(a, "buildings.leakage",
                  tf("expected a mapping of zone kind, shelter or default to {area_cm2, volume_m3, storeys, shelter_class}, "
                     "found {1}",
                     YamlInput::describe(a)));
      } else {
        for (const auto& kv : a) {
          const std::string key = kv.first.Scalar();
          const std::string q = "buildings.leakage." + key;
          if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            in_.error(kv.first, q, tf("unknown building kind {1}; {2}", inQuotes(key), expectedOneOf(key, keys)));
            continue;
          }
          if (b.air_changes_per_hour.count(key)) {
            in_.error(kv.first, q, tf("the air changes of {1} are given in air_changes_per_hour "
                                      "already: give them or its leakage, not both",
                                      inQuotes(key)));
            continue;
          }
          const YAML::Node m = kv.second;
          if (!in_.checkMap(m, q, {"area_cm2", "volume_m3"}, {"storeys", "shelter_class"})) continue;
          Leakage l;
          optDist(m, "area_cm2", q, l.area_cm2, Bound::above(0));
          optDist(m, "volume_m3", q, l.volume_m3, Bound::above(0));
          if (m["storeys"]) l.storeys = int(in_.integer(m["storeys"], q + ".storeys", 1, 3).value_or(l.storeys));
          if (m["shelter_class"])
            l.shelter_class = int(in_.integer(m["shelter_class"], q + ".shelter_class", 1, 5).value_or(l.shelter_class));
          b.leakage[key] = l;
        }
      }
    }
    optDist(n, "indoor_c", "buildings", b.indoor_c, Bound::above(-273.15));
    optDist(n, "aired_out_per_hour", "buildings", b.aired_out_per_hour, Bound::above(0));
  }

  void readWeather(const YAML::Node& n, Weather& w) {
    if (!in_.checkMap(n, "weather", {}, {"wind_speed_ms", "wind_from_deg", "stability", "terrain", "temperature_c"}))
      return;
    optDist(n, "temperature_c", "weather", w.temperature_c, Bound::above(-90));
    optDist(n, "wind_speed_ms", "weather", w.wind_speed_ms, Bound::above(0));
    optDist(n, "wind_from_deg", "weather", w.wind_from_deg, Bound::none());
    if (n["stability"]) {
      readStability(n["stability"], w.stability);
      w.sky = sky_;
    }
    if (n["terrain"]) w.terrain = typedWord<Terrain>(in_, n["terrain"], "weather.terrain", terrainNames()).value_or(w.terrain);
  }

  void readStability(const YAML::Node& n, WordChoice<Stability>& c) {
    const std::string path = "weather.stability";
    if (n.IsMap() && n["pasquill"]) {
      if (in_.checkMap(n, path, {"pasquill"}, {})) readWordChoice(n["pasquill"], path + ".pasquill", skyNames(), sky_);
      return;
    }
    readWordChoice(n, path, stabilityNames(), c);
  }

  // One of `words` (the names of E), or {choice: {values: [...], weights: [...]}} of them.
  template <class E>
  void readWordChoice(const YAML::Node& n, const std::string& path, const std::vector<std::string>& words,
                      WordChoice<E>& c) {
    if (n.IsScalar()) {
      if (auto v = typedWord<E>(in_, n, path, words)) c = WordChoice<E>{{*v}, {}};
      return;
    }
    if (!in_.checkMap(n, path, {"choice"}, {}) || !n["choice"]) return;
    const YAML::Node body = n["choice"];
    if (!in_.checkMap(body, path + ".choice", {"values"}, {"weights"}) || !body["values"]) return;
    WordChoice<E> result;
    if (!in_.checkSequence(body["values"], path + ".choice.values")) return;
    bool ok = body["values"].size() > 0;
    for (std::size_t i = 0; i < body["values"].size(); ++i) {
      auto v = typedWord<E>(in_, body["values"][i], at(path + ".choice.values", i), words);
      ok = ok && v.has_value();
      result.values.push_back(v.value_or(E{}));
    }
    if (body["weights"]) {
      const YAML::Node weights = body["weights"];
      if (!weights.IsSequence() || weights.size() != result.values.size()) {
        in_.error(weights, path + ".choice.weights",
                  tf("expected a list of {1} weights, one per value, found {2}", result.values.size(),
                     weights.IsSequence() ? tf("a list of {1}", weights.size()) : YamlInput::describe(weights)));
        return;
      }
      double total = 0;
      for (std::size_t i = 0; i < weights.size(); ++i) {
        auto w = in_.number(weights[i], at(path + ".choice.weights", i), Bound::atLeast(0));
        ok = ok && w.has_value();
        result.weights.push_back(w.value_or(0));
        total += w.value_or(0);
      }
      if (ok && total <= 0) {
        in_.error(weights, path + ".choice.weights", tr("expected at least one weight > 0, found all zero"));
        ok = false;
      }
    }
    if (ok) c = result;
  }

  // [SECTION] Hazards and teams
  void readHazard(const YAML::Node& n, const std::string& path, std::vector<Hazard>& out) {
    if (!n.IsMap()) {
      in_.checkMap(n, path, {"id", "kind"}, {});
      return;
    }
    if (!n["kind"]) {
      in_.error(n, path + ".kind", tr("missing; expected toxic_release or fire"));
      return;
    }
    auto kind = in_.word(n["kind"], path + ".kind", kHazardKinds);
    if (!kind) return;
    Hazard h;
    h.where = in_.where(n);
    if (*kind == "toxic_release") {
      in_.checkMap(n, path, {"id", "kind", "source"},
                   {"rate_kg_s", "instantaneous_kg", "release", "start_s", "duration_s", "height_m", "containment_s"});
      ToxicRelease r;
      if (n["source"]) r.source = ref(n["source"], path + ".source");
      const int given = int(bool(n["rate_kg_s"])) + int(bool(n["instantaneous_kg"])) + int(bool(n["release"]));
      if (given > 1)
        in_.error(n["release"] ? n["release"] : n["instantaneous_kg"], path,
                  tf("a release has one of rate_kg_s (a steady source), instantaneous_kg (all at once) or release (its "
                     "vessel and hole, or its rupture), found {1}: keep one",
                     given));
      else if (given == 0)
        in_.error(n, path + ".rate_kg_s",
                  tr("missing; give rate_kg_s (kg/s), instantaneous_kg (kg) or release: {phase, hole_mm, ...}"));
      optDist(n, "rate_kg_s", path, r.rate_kg_s, Bound::above(0));
      if (n["instantaneous_kg"])
        r.instantaneous_kg = in_.distribution(n["instantaneous_kg"], path + ".instantaneous_kg", Bound::above(0));
      if (n["release"]) r.vessel = readVessel(n["release"], path + ".release");
      optDist(n, "duration_s", path, r.duration_s, Bound::above(0));
      optDist(n, "height_m", path, r.height_m, Bound::atLeast(0));
      if (n["containment_s"]) r.containment_s = in_.distribution(n["containment_s"], path + ".containment_s", Bound::atLeast(0));
      h.detail = r;
    } else {
      in_.checkMap(n, path, {"id", "kind", "zone"}, {"start_s", "spread_m", "spread_delay_s", "control_s", "heat_release_mw"});
      Fire f;
      if (n["zone"]) f.zone = ref(n["zone"], path + ".zone");
      optDist(n, "spread_m", path, f.spread_m, Bound::atLeast(0));
      if (n["spread_delay_s"]) f.spread_delay_s = in_.distribution(n["spread_delay_s"], path + ".spread_delay_s", Bound::atLeast(0));
      if (n["control_s"]) f.control_s = in_.distribution(n["control_s"], path + ".control_s", Bound::atLeast(0));
      if (n["heat_release_mw"])
        f.heat_release_mw = in_.distribution(n["heat_release_mw"], path + ".heat_release_mw", Bound::above(0));
      h.detail = f;
    }
    h.id = id(n, path, hazardIds_);
    optDist(n, "start_s", path, h.start_s, Bound::atLeast(0));
    out.push_back(std::move(h));
  }

  // A release given by its vessel and hole (the `release:` block of a toxic release).
  PhysicalRelease readVessel(const YAML::Node& n, const std::string& path) {
    PhysicalRelease v;
    v.where = in_.where(n);
    if (!in_.checkMap(n, path, {"phase"},
                      {"hole_mm", "rupture", "volume_m3", "pressure_bar", "temperature_c", "head_m", "discharge_coefficient",
                       "bund_m2", "ground"}))
      return v;
    if (n["phase"]) v.phase = typedWord<ReleasePhase>(in_, n["phase"], path + ".phase", releasePhaseNames()).value_or(v.phase);
    if (n["rupture"]) v.rupture = in_.word(n["rupture"], path + ".rupture", {"true", "false"}).value_or("") == "true";
    if (v.rupture && n["hole_mm"])
      in_.error(n["hole_mm"], path + ".hole_mm", tr("a rupture has no hole: remove hole_mm, or rupture: true"));
    else if (!v.rupture && !n["hole_mm"])
      in_.error(n, path + ".hole_mm", tr("missing; give the hole's diameter hole_mm, or rupture: true for the vessel's failure"));
    optDist(n, "hole_mm", path, v.hole_mm, Bound::above(0));
    if (n["volume_m3"]) {
      v.volume_m3 = in_.distribution(n["volume_m3"], path + ".volume_m3", Bound::above(0));
      if (v.phase != ReleasePhase::Gas)
        in_.error(n["volume_m3"], path + ".volume_m3",
                  tr("volume_m3 is a compressed-gas vessel's, which blows down through its hole: only with phase: gas"));
      else if (v.rupture)
        in_.error(n["volume_m3"], path + ".volume_m3", tr("a rupture loses the whole inventory at once: remove volume_m3"));
      else if (!n["pressure_bar"])
        in_.error(n, path + ".pressure_bar",
                  tr("missing; a compressed-gas vessel (volume_m3) needs its gauge pressure pressure_bar (bar)"));
    }
    if (v.hole_mm.highest() > 2000)
      in_.error(n["hole_mm"], path + ".hole_mm", tr("expected a hole of at most 2000 mm (a rupture is not a hole)"));
    if (n["pressure_bar"]) v.pressure_bar = in_.distribution(n["pressure_bar"], path + ".pressure_bar", Bound::atLeast(0));
    if (n["temperature_c"])
      v.temperature_c = in_.distribution(n["temperature_c"], path + ".temperature_c", Bound::above(-273.15));
    optDist(n, "head_m", path, v.head_m, Bound::atLeast(0));
    if (n["discharge_coefficient"]) {
      v.discharge_coefficient =
          in_.distribution(n["discharge_coefficient"], path + ".discharge_coefficient", Bound::above(0));
      if (v.discharge_coefficient && v.discharge_coefficient->highest() > 1)
        in_.error(n["discharge_coefficient"], path + ".discharge_coefficient",
                  tf("expected a discharge coefficient in (0, 1] (0.61 sharp-edged, 1 the conservative bound), found "
                     "values up to {1}",
                     std::to_string(v.discharge_coefficient->highest())));
    }
    if (n["bund_m2"]) v.bund_m2 = in_.number(n["bund_m2"], path + ".bund_m2", Bound::above(0));
    if (n["ground"]) v.ground = typedWord<Ground>(in_, n["ground"], path + ".ground", groundNames()).value_or(v.ground);
    return v;
  }

  void readTeam(const YAML::Node& n, const std::string& path, std::vector<Team>& out) {
    if (!in_.checkMap(n, path, {"id", "station", "kind"}, {"name", "turnout_s", "speed_ms"})) return;
    Team t;
    t.where = in_.where(n);
    t.id = id(n, path, teamIds_);
    if (n["name"]) t.name = in_.text(n["name"], path + ".name").value_or("");
    if (n["station"]) t.station = ref(n["station"], path + ".station");
    if (n["kind"]) t.kind = typedWord<TeamKind>(in_, n["kind"], path + ".kind", teamKindNames()).value_or(t.kind);
    optDist(n, "turnout_s", path, t.turnout_s, Bound::atLeast(0));
    if (n["speed_ms"]) t.speed_ms = in_.number(n["speed_ms"], path + ".speed_ms", Bound::above(0)).value_or(t.speed_ms);
    if (t.speed_ms > 40)
      in_.warning(n["speed_ms"], path + ".speed_ms",
                  tf("a vehicle speed of {1} m/s is over 144 km/h; is it in km/h? (expected m/s)", n["speed_ms"].Scalar()));
    out.push_back(std::move(t));
  }

  // [SECTION] Plans: alarm chain, dispatch, protective actions, shelter rules
  void readPlan(const YAML::Node& n, const std::string& path, std::vector<Plan>& out) {
    if (!in_.checkMap(n, path, {"id", "notify", "protect"},
                      {"name", "detection_s", "dispatch", "shelters", "close_roads_above"}))
      return;
    Plan p;
    p.where = in_.where(n);
    p.id = id(n, path, planIds_);
    if (n["name"]) p.name = in_.text(n["name"], path + ".name").value_or("");
    optDist(n, "detection_s", path, p.detection_s, Bound::atLeast(0));
    if (n["notify"]) {
      std::map<std::string, int> parties;
      readList(n["notify"], path + ".notify", [&](const YAML::Node& m, const std::string& q) {
        if (!in_.checkMap(m, q, {"who"}, {"delay_s"})) return;
        Notification note;
        note.where = in_.where(m);
        if (m["who"]) {
          note.who = in_.text(m["who"], q + ".who").value_or("");
          const int line = note.where.line;
          if (auto [pos, inserted] = parties.emplace(note.who, line); !inserted && !note.who.empty())
            in_.error(m["who"], q + ".who", tf("{1} is already notified at line {2}", inQuotes(note.who), pos->second));
        }
        optDist(m, "delay_s", q, note.delay_s, Bound::atLeast(0));
        p.notify.push_back(std::move(note));
      });
    }
    if (n["dispatch"]) {
      readList(n["dispatch"], path + ".dispatch", [&](const YAML::Node& m, const std::string& q) {
        if (!in_.checkMap(m, q, {"team", "to", "after"}, {})) return;
        Dispatch d;
        if (m["team"]) d.team = ref(m["team"], q + ".team");
        if (m["to"]) d.to = ref(m["to"], q + ".to");
        if (m["after"]) d.after = ref(m["after"], q + ".after");
        p.dispatch.push_back(std::move(d));
      });
    }
    if (n["protect"]) {
      readList(n["protect"], path + ".protect", [&](const YAML::Node& m, const std::string& q) { readProtect(m, q, p); });
    }
    if (n["shelters"]) readShelterRule(n["shelters"], path + ".shelters", p.shelters);
    if (n["close_roads_above"])
      p.close_roads_above = typedWord<ClosureLevel>(in_, n["close_roads_above"], path + ".close_roads_above", closureLevelNames())
                                .value_or(p.close_roads_above);
    out.push_back(std::move(p));
  }

  void readProtect(const YAML::Node& m, const std::string& q, Plan& p) {
    if (!in_.checkMap(m, q, {"zones", "action", "after"}, {"air_out_when"})) return;
    Protect pr;
    pr.where = in_.where(m);
    if (const YAML::Node z = m["zones"]) {
      if (z.IsScalar()) {
        if (auto w = in_.word(z, q + ".zones", {"all", "threat"}))
          pr.scope = *w == "all" ? Protect::Scope::All : Protect::Scope::Threat;
      } else if (z.IsSequence()) {
        pr.scope = Protect::Scope::List;
        if (z.size() == 0) in_.error(z, q + ".zones", tr("expected all, threat or a list of zone ids, found an empty list"));
        for (std::size_t i = 0; i < z.size(); ++i) pr.zones.push_back(ref(z[i], at(q + ".zones", i)));
      } else {
        in_.error(z, q + ".zones", tf("expected all, threat or a list of zone ids, found {1}", YamlInput::describe(z)));
      }
    }
    if (m["action"])
      if (auto a = in_.word(m["action"], q + ".action", kActions))
        pr.action = *a == "evacuate" ? ProtectiveAction::Evacuate : ProtectiveAction::ShelterInPlace;
    if (m["after"]) pr.after = ref(m["after"], q + ".after");
    if (const YAML::Node a = m["air_out_when"]) {
      if (auto w = in_.word(a, q + ".air_out_when", {"cloud_passed", "never"})) pr.air_out_when_cloud_passed = *w == "cloud_passed";
      if (pr.action != ProtectiveAction::ShelterInPlace)
        in_.error(a, q + ".air_out_when", tr("only sheltering in place airs out; this entry's action is evacuate"));
    }
    p.protect.push_back(std::move(pr));
  }

  void readShelterRule(const YAML::Node& n, const std::string& path, ShelterRule& rule) {
    if (n.IsScalar()) {
      if (auto w = in_.word(n, path, {"nearest", "fastest"}))
        rule.kind = *w == "nearest" ? ShelterRule::Kind::Nearest : ShelterRule::Kind::Fastest;
      return;
    }
    if (!n.IsMap()) {
      in_.error(n, path,
                tf("expected nearest, fastest or a mapping of zone id to shelter id(s), found {1}", YamlInput::describe(n)));
      return;
    }
    rule.kind = ShelterRule::Kind::Map;
    std::set<std::string> zones;
    for (auto it = n.begin(); it != n.end(); ++it) {
      Ref zone = ref(it->first, path);
      const std::string q = path + "." + zone.id;
      if (!zones.insert(zone.id).second) in_.error(it->first, q, tr("duplicate zone in the shelter map"));
      std::vector<Ref> shelters;
      if (it->second.IsSequence()) {
        if (it->second.size() == 0) in_.error(it->second, q, tr("expected a shelter id or a list of them, found an empty list"));
        for (std::size_t i = 0; i < it->second.size(); ++i) shelters.push_back(ref(it->second[i], at(q, i)));
      } else {
        shelters.push_back(ref(it->second, q));
      }
      rule.map.emplace_back(std::move(zone), std::move(shelters));
    }
  }

  // [SECTION] Scenario changes to the park: shelter_changes, park_changes; Monte Carlo
  void readShelterChange(const YAML::Node& n, const std::string& path, std::vector<ShelterChange>& out,
                         bool candidate = false) {
    if (!candidate && !in_.checkMap(n, path, {"id"}, {"name", "kind", "capacity", "lon", "lat", "remove"})) return;
    ShelterChange c;
    c.id = id(n, path, shelterIds_);
    c.where = in_.where(n);
    if (n["name"]) c.name = in_.text(n["name"], path + ".name");
    if (n["kind"]) c.kind = typedWord<ShelterKind>(in_, n["kind"], path + ".kind", shelterKindNames());
    if (n["capacity"]) {
      if (auto v = in_.integer(n["capacity"], path + ".capacity", 0, 10000000)) c.capacity = int(*v);
    }
    if (n["lon"]) c.lon = in_.number(n["lon"], path + ".lon");
    if (n["lat"]) c.lat = in_.number(n["lat"], path + ".lat");
    if (c.lon && std::abs(*c.lon) > 180)
      in_.error(n["lon"], path + ".lon", tf("expected a longitude from -180 to 180 degrees, found {1}", n["lon"].Scalar()));
    if (c.lat && std::abs(*c.lat) > 90)
      in_.error(n["lat"], path + ".lat", tf("expected a latitude from -90 to 90 degrees, found {1}", n["lat"].Scalar()));
    if (n["lon"].IsDefined() != n["lat"].IsDefined())
      in_.error(n, path, tf("expected both lon and lat, found only {1}", n["lon"] ? "lon" : "lat"));
    if (n["remove"]) {
      c.remove = in_.word(n["remove"], path + ".remove", {"true", "false"}).value_or("false") == "true";
      if (c.remove && (n["name"] || n["kind"] || n["capacity"] || n["lon"] || n["lat"]))
        in_.error(n["remove"], path + ".remove", tr("a removed shelter takes no other change; found remove: true with other keys"));
    }
    out.push_back(std::move(c));
  }

  void readFeatureChange(const YAML::Node& n, const std::string& path, std::vector<FeatureChange>& out) {
    if (!n.IsMap() || !n["layer"]) {
      in_.checkMap(n, path, {"layer", "id"}, {});
      return;
    }
    FeatureChange c;
    c.where = in_.where(n);
    c.layer = in_.word(n["layer"], path + ".layer", kFeatureLayers).value_or("");
    if (c.layer.empty()) return;
    const bool zones = c.layer == "zones", roads = c.layer == "roads";
    if (zones) {
      if (!in_.checkMap(n, path, {"layer", "id"}, {"name", "kind", "pop_day", "pop_night"})) return;
    } else if (roads) {
      if (!in_.checkMap(n, path, {"layer", "id"}, {"name", "width_m", "speed_ms", "capacity_pps"})) return;
    } else if (!in_.checkMap(n, path, {"layer", "id"}, {"name", "inventory_kg"})) {
      return;
    }
    if (n["id"]) c.id = in_.text(n["id"], path + ".id").value_or("");
    const std::string key = c.layer + "/" + c.id;
    if (auto [pos, inserted] = featureChangeIds_.emplace(key, in_.where(n).line); !inserted)
      in_.error(n["id"], path + ".id",
                tf("a second change to {1} {2}; the first is at line {3} (put the attributes in one change)", c.layer,
                   inQuotes(c.id), pos->second));
    for (auto it = n.begin(); it != n.end(); ++it) {
      const std::string k = it->first.Scalar();
      const std::string q = path + "." + k;
      if (k == "layer" || k == "id") continue;
      if (k == "name") {
        if (auto v = in_.text(it->second, q)) c.texts[k] = *v;
      } else if (k == "kind") {
        if (auto v = in_.word(it->second, q, zoneKindNames())) c.texts[k] = *v;
      } else if (k == "pop_day" || k == "pop_night") {
        if (auto v = in_.integer(it->second, q, 0, 10000000)) c.numbers[k] = double(*v);
      } else if (k == "inventory_kg") {
        if (auto v = in_.number(it->second, q, Bound::atLeast(0))) c.numbers[k] = *v;
      } else if (auto v = in_.number(it->second, q, Bound::above(0))) {  // width_m, speed_ms, capacity_pps
        c.numbers[k] = *v;
      }
    }
    out.push_back(std::move(c));
  }

  void readMonteCarlo(const YAML::Node& n, MonteCarlo& mc) {
    if (!in_.checkMap(n, "monte_carlo", {}, {"replications", "seed"})) return;
    if (n["replications"])
      mc.replications = int(in_.integer(n["replications"], "monte_carlo.replications", 1, 10000000).value_or(mc.replications));
    if (n["seed"]) mc.seed = in_.unsignedInteger(n["seed"], "monte_carlo.seed").value_or(mc.seed);
  }

  YamlInput in_;
  std::string file_;
  std::map<std::string, int> hazardIds_, teamIds_, planIds_, shelterIds_, featureChangeIds_;
  WordChoice<Sky> sky_{{}, {}};
};

}  // namespace

namespace {

// [SECTION] Parsing the text: YAML errors in words, indentation, open quotes, alias bombs
// yaml-cpp's parser messages in words a planner can act on.
std::string plainYamlMessage(const std::string& msg) {
  static const std::pair<const char*, const char*> kPlain[] = {
      {"end of sequence flow not found", i18n::kNoop("a list opened with '[' is never closed with ']' (parser: {1})")},
      {"end of map flow not found", i18n::kNoop("a mapping opened with '{' is never closed with '}' (parser: {1})")},
      {"end of map not found", i18n::kNoop("the indentation is inconsistent here (parser: {1})")},
      {"end of sequence not found", i18n::kNoop("the items of a list are not aligned (parser: {1})")},
      {"illegal map value", i18n::kNoop("a ':' where a value cannot start (text containing ': ' needs quotes, or the "
                                        "indentation is off) (parser: {1})")},
  };
  for (const auto& [from, to] : kPlain)
    if (msg == from) return tf(to, msg);
  return msg;
}

// The first line up to `lastLine` indented with a tab or a no-break space: the usual cause of a
// parse error in a file edited in a word processor or pasted from an email.
std::optional<Location> badIndentation(const std::string& text, const std::string& file, int lastLine,
                                       std::string* what) {
  int line = 1;
  for (std::size_t i = 0; i < text.size() && line <= lastLine; ++line) {
    std::size_t column = 1;
    for (; i < text.size(); ++column) {
      if (text[i] == ' ') {
        ++i;
      } else if (text[i] == '\t') {
        *what = tr("a tab is used for indentation; YAML needs ordinary spaces");
        return Location{file, line, int(column), {}};
      } else if (text.compare(i, 2, "\xC2\xA0") == 0) {
        *what = tr("a no-break space (U+00A0, often pasted from an email or a web page) is used for indentation; "
                   "use ordinary spaces");
        return Location{file, line, int(column), {}};
      } else {
        break;
      }
    }
    while (i < text.size() && text[i] != '\n') ++i;
    ++i;
  }
  return std::nullopt;
}

// yaml-cpp reads a quote left open to the end of the file as one long text; find such a quote.
bool reportUnclosedQuote(const YAML::Node& n, const std::string& text, YamlInput& in, int depth) {
  if (depth > 64) return false;
  if (n.IsScalar() && n.Tag() == "!") {
    const int pos = n.Mark().pos;
    if (pos < 0 || std::size_t(pos) >= text.size() || (text[std::size_t(pos)] != '"' && text[std::size_t(pos)] != '\''))
      return false;
    const char q = text[std::size_t(pos)];
    for (std::size_t i = std::size_t(pos) + 1; i < text.size(); ++i) {
      if (q == '"' && text[i] == '\\') ++i;
      else if (text[i] == q && q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;
      else if (text[i] == q) return false;
    }
    in.error(n, "", tf("the text quoted with {1} starting here is never closed; add the closing {1}", std::string(1, q)));
    return true;
  }
  if (n.IsMap()) {
    for (auto it = n.begin(); it != n.end(); ++it)
      if (reportUnclosedQuote(it->first, text, in, depth + 1) || reportUnclosedQuote(it->second, text, in, depth + 1))
        return true;
  } else if (n.IsSequence()) {
    for (const auto& item : n)
      if (reportUnclosedQuote(item, text, in, depth + 1)) return true;
  }
  return false;
}

// The number of values a node stands for once its aliases (*name) are expanded, counted once per
// distinct node (aliased nodes share theirs), up to `cap`: a few lines of anchors can stand for
// billions of values (the "billion laughs"), which no reader should walk. `aliases` counts the
// nodes reached a second time, that is the aliases met.
long expandedSize(const YAML::Node& n, std::map<std::pair<int, int>, long>& seen, long cap, long& aliases) {
  if (!n.IsMap() && !n.IsSequence()) return 1;
  const std::pair<int, int> id{n.Mark().pos, n.IsMap() ? 1 : 2};
  if (auto it = seen.find(id); it != seen.end()) {
    ++aliases;
    return it->second;
  }
  seen[id] = cap;  // a node reached again while being counted: treat as too large
  long total = 1;
  if (n.IsMap()) {
    for (auto it = n.begin(); it != n.end() && total < cap; ++it)
      total += expandedSize(it->first, seen, cap, aliases) + expandedSize(it->second, seen, cap, aliases);
  } else {
    for (auto it = n.begin(); it != n.end() && total < cap; ++it) total += expandedSize(*it, seen, cap, aliases);
  }
  total = std::min(total, cap);
  seen[id] = total;
  return total;
}

// The message for a file that stands for more values than any scenario: an alias bomb, or simply a
// file far larger than a scenario (thousands of plans), said as what it is.
std::string tooManyValues(const YAML::Node& root, long cap, long aliases) {
  if (aliases > 0)
    return tf("the file stands for more than {1} values once its {2} aliases (*name) are expanded; a scenario needs a "
              "few hundred",
              cap, aliases);
  std::string where;
  bool largest = false;  // a list or mapping of the top level holds the most entries
  std::size_t most = 0;
  if (root.IsMap()) {
    for (auto it = root.begin(); it != root.end(); ++it)
      if ((it->second.IsSequence() || it->second.IsMap()) && it->second.size() > most && it->first.IsScalar()) {
        most = it->second.size();
        where = it->first.Scalar();
        largest = true;
      }
  }
  if (!largest)
    return tf("the file holds more than {1} values; a scenario needs a few hundred: split it into several scenarios, or "
              "is it the right file?",
              cap);
  return tf("the file holds more than {1} values ({2}: holds {3} entries); a scenario needs a few hundred: split it into "
            "several scenarios, or is it the right file?",
            cap, where, most);
}

// The line of a '---' that starts a second YAML document (two files joined, or a copy pasted below
// the first), or 0. A document marker stands at column 1, where no scalar's text can (YAML 1.2,
// section 9.1); one before any content only opens the first document, one with nothing after it
// ends the file.
int secondDocumentLine(const std::string& text) {
  bool content = false;
  int line = 0, marker = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t end = std::min(text.find('\n', i), text.size());
    const std::string_view l(text.data() + i, end - i);
    ++line;
    const bool isMarker = l.substr(0, 3) == "---" && (l.size() == 3 || l[3] == ' ' || l[3] == '\t' || l[3] == '\r');
    const auto first = l.find_first_not_of(" \t\r");
    const bool blank = first == std::string_view::npos || l[first] == '#';
    if (isMarker) {
      if (content && !marker) marker = line;
    } else if (!blank) {
      if (marker) return marker;
      content = true;
    }
    i = end + 1;
  }
  return 0;
}

/// The YAML of a scenario or layout file, or nothing with the reason in `diagnostics`.
std::optional<YAML::Node> parseYaml(const std::string& text, const std::string& file, Diagnostics& diagnostics) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '<') {
    diagnostics.error({file, 1, int(first) + 1, {}}, "",
                      tr("this looks like an HTML or XML page, not a scenario (a web page saved instead of the file?)"));
    return std::nullopt;
  }
  if (const int line = secondDocumentLine(text)) {
    diagnostics.error({file, line, 1, {}}, "",
                      tr("a second YAML document starts here ('---'); a scenario file holds one: remove this line and "
                         "what follows, or move it to a file of its own"));
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    diagnostics.error({file, e.mark.line + 1, e.mark.column + 1, {}}, "",
                      tf("the YAML is nested more than {1} levels deep; a scenario needs fewer than 10", e.depth()));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    Location loc{file, e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1, {}};
    std::string cause;
    if (auto bad = badIndentation(text, file, loc.line ? loc.line : 1 << 30, &cause)) {
      diagnostics.error(*bad, "", tf("not valid YAML: {1} (the parser stopped at line {2}: {3})", cause, loc.line, e.msg));
      return std::nullopt;
    }
    diagnostics.error(loc, "", tf("not valid YAML: {1}", plainYamlMessage(e.msg)));
    return std::nullopt;
  }
  {
    constexpr long kMaxValues = 100000;  // a scenario holds a few hundred values
    std::map<std::pair<int, int>, long> seen;
    long aliases = 0;
    if (expandedSize(root, seen, kMaxValues, aliases) >= kMaxValues) {
      diagnostics.error({file, 0, 0, {}}, "", tooManyValues(root, kMaxValues, aliases));
      return std::nullopt;
    }
  }
  {
    Diagnostics quotes;
    YamlInput in(file, quotes);
    if (reportUnclosedQuote(root, text, in, 0)) {
      diagnostics.append(quotes);
      return std::nullopt;
    }
  }
  return root;
}

std::optional<Scenario> parse(const std::string& text, const std::string& file, Diagnostics& diagnostics,
                              bool partial) {
  const auto parsed = parseYaml(text, file, diagnostics);
  if (!parsed) return std::nullopt;
  const YAML::Node& root = *parsed;
  Diagnostics found;
  if (!root.IsMap()) {
    YamlInput in(file, found);
    const std::string what = root.IsNull() ? tr("an empty file (or only comments)") : YamlInput::describe(root);
    in.error(root, "", tf("expected a scenario (a mapping with drillsim:, name:, park:, horizon_s:, plans: ...), found {1}", what));
    diagnostics.append(found);
    return std::nullopt;
  }
  Scenario s;
  s.file = file;
  ScenarioReader(file, found).read(root, s);
  const bool ok = !found.hasErrors();
  diagnostics.append(found);
  if (!ok && !partial) return std::nullopt;
  return s;
}
}  // namespace

// [SECTION] Entry points: scenarios, distributions, shelter layouts and candidate sites
std::optional<Distribution> distributionFromYaml(const std::string& text, int lowerBound, std::string& error) {
  Diagnostics d;
  std::optional<Distribution> result;
  try {
    const YAML::Node node = YAML::Load(text);
    YamlInput in("", d);
    const Bound bound = lowerBound == 2 ? Bound::above(0) : lowerBound == 1 ? Bound::atLeast(0) : Bound::none();
    result = in.distribution(node, "value", bound);
  } catch (const YAML::Exception& e) {
    error = tf("not valid YAML: {1}", plainYamlMessage(e.msg));
    return std::nullopt;
  }
  if (!result || d.hasErrors()) {
    error = d.empty() ? tr("expected a number or a distribution") : d.items().front().message;
    return std::nullopt;
  }
  return result;
}

std::optional<Scenario> parseScenario(const std::string& text, const std::string& file, Diagnostics& diagnostics) {
  return parse(text, file, diagnostics, false);
}

std::optional<Scenario> loadScenario(const std::string& path, Diagnostics& diagnostics) {
  auto text = readTextFile(path, kMaxScenarioBytes, i18n::kNoop("scenario"), diagnostics);
  if (!text) return std::nullopt;
  return parse(*text, path, diagnostics, false);
}

namespace {
/// A shelter layout or candidate sites file: `what` names it in messages (in English, marked for
/// translation; readTextFile and the message below translate it), `listKey` is its list,
/// `read` is the reader's method for its keys.
std::optional<ShelterLayoutFile> loadShelterList(const std::string& path, Diagnostics& diagnostics, const std::string& what,
                                                 const std::string& listKey,
                                                 void (ScenarioReader::*read)(const YAML::Node&, ShelterLayoutFile&)) {
  auto text = readTextFile(path, kMaxScenarioBytes, what, diagnostics);
  if (!text) return std::nullopt;
  const auto root = parseYaml(*text, path, diagnostics);
  if (!root) return std::nullopt;
  Diagnostics found;
  ShelterLayoutFile file;
  file.file = path;
  if (!root->IsMap()) {
    YamlInput in(path, found);
    in.error(*root, "", tf("expected a mapping with {1}: [...] ({2}), found {3}", listKey, tr(what.c_str()),
                           root->IsNull() ? std::string(tr("an empty file (or only comments)")) : YamlInput::describe(*root)));
  } else {
    ScenarioReader reader(path, found);
    (reader.*read)(*root, file);
  }
  const bool ok = !found.hasErrors();
  diagnostics.append(found);
  if (!ok) return std::nullopt;
  return file;
}
}  // namespace

std::optional<ShelterLayoutFile> loadShelterLayout(const std::string& path, Diagnostics& diagnostics) {
  return loadShelterList(path, diagnostics, i18n::kNoop("shelter layout"), "shelter_changes", &ScenarioReader::readLayout);
}

std::optional<ShelterLayoutFile> loadCandidateSites(const std::string& path, Diagnostics& diagnostics) {
  return loadShelterList(path, diagnostics, i18n::kNoop("candidate sites"), "candidates", &ScenarioReader::readCandidates);
}

std::optional<Scenario> loadScenarioPartial(const std::string& path, Diagnostics& diagnostics) {
  auto text = readTextFile(path, kMaxScenarioBytes, i18n::kNoop("scenario"), diagnostics);
  if (!text) return std::nullopt;
  return parse(*text, path, diagnostics, true);
}

}  // namespace drillsim
