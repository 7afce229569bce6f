// drillsim shelters evaluate: evidence for the shelter committee on one layout of shelters
// (sim/analysis/ShelterEvaluation.hpp), as text, JSON, or a Markdown report with a map and a
// GeoPackage layer.
#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <sys/wait.h>
#include <unistd.h>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/RandomStream.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/analysis/QuickestFlow.hpp"
#include "sim/analysis/ShelterEvaluation.hpp"
#include "sim/analysis/Siting.hpp"
#include "sim/batch/Batch.hpp"
#include "sim/batch/Statistics.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/TextTable.hpp"
#include "sim/hazard/ThreatProbability.hpp"
#include "sim/map/ParkMap.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"layout", true, "a shelter layout file (shelter_changes: [...]) applied over the scenario's shelters", "FILE"},
    {"plan", true, "the plan whose shelter rule and runs are evaluated (default: the first)", "ID"},
    {"replications", true, "Monte Carlo runs per population for overflow (default 200; 0: none)", "N"},
    {"threat-draws", true, "weather draws for the chance of lying in an AEGL-2 zone (default 500)", "N"},
    {"seed", true, "random seed (default: the scenario's monte_carlo.seed)", "N"},
    {"jobs", true, "worker processes for the runs (default: the processors)", "J"},
    {"bound-runs", true, "runs (the first ones) whose clearance is set against the quickest-flow bound (default 20)", "N"},
    {"sites", true, "site: how many candidate sites to choose (default 1)", "K"},
    {"finalists", true, "site: best sets confirmed by Monte Carlo (default 3)", "N"},
    {"screen-draws", true, "site: pre-movement draws averaged by the screening surrogate (default 4)", "N"},
    {"radius", true, "service radius in metres (default 500)", "M"},
    {"area-per-person", true, "usable area per person in m2 (default 1.5, GB 21734-2008 5.4)", "M2"},
    {"out", true, "evaluate: folder for report.md, map.svg, evaluation.json and shelters.gpkg", "DIR"},
    {"population", true, "compare: day or night (default: the scenario's population)", "WHICH"},
    {"format", true, "text (default), json; compare also md", "FORMAT"},
    {"substances", true, "substance table to use (default: the bundled data/substances.csv)", "FILE"},
};

struct Settings {
  std::string layout, layoutName;
  const Plan* plan = nullptr;
  long replications = 200;
  int threatDraws = 500;
  std::uint64_t seed = 0;
  int jobs = 1;
  double radius_m = kServiceRadius_m;
  double areaPerPerson_m2 = kAreaPerPerson_m2;
  long boundRuns = 20;
};

/// Time step of the bound within the evaluation's runs: 2 s keeps it a small part of a run's cost.
constexpr double kEvaluationBoundStep_s = 2.0;

struct Population {
  NominalDemand demand;
  ShelterRuns runs;
};

struct Evaluation {
  Population day, night;
  std::vector<std::string> threatHazards;           // toxic releases evaluated
  std::vector<std::vector<double>> threatShare;      // per hazard, per shelter
  std::vector<std::string> findings;
};

std::string percent(double share) { return fixed(100 * share, 0) + " %"; }

std::string overflowText(const ShelterRuns& r, std::size_t s) {
  if (r.runs == 0) return "";
  const auto [low, high] = stats::wilsonInterval(r.overflowing[s], r.runs);
  return percent(double(r.overflowing[s]) / double(r.runs)) + " [" + fixed(100 * low, 0) + "-" + fixed(100 * high, 0) + "]";
}

/// Runs `replications` of the plan for the given population: their metrics by replication (null
/// where a run failed).
std::vector<nlohmann::json> runMetrics(Platform& platform, const LoadedScenario& base, const Settings& s, bool night) {
  std::vector<nlohmann::json> metrics(std::size_t(std::max(0L, s.replications)));
  if (s.replications <= 0) return metrics;
  LoadedScenario variant = base;
  variant.scenario.population = night ? "pop_night" : "pop_day";
  std::vector<BatchTask> tasks;
  for (long r = 0; r < s.replications; ++r) tasks.push_back({s.plan->id, int(r)});
  BatchOptions options;
  options.seed = s.seed;
  options.jobs = s.jobs;
  // The plan's efficiency: the quickest-flow bound for each run's own evacuees and departures,
  // computed in the child that holds them.
  const long boundRuns = s.boundRuns;
  options.annotate = [&variant, boundRuns](const Outcome& o, nlohmann::json& m) {
    if (long(o.replication) >= boundRuns) return;
    const auto releases = releasesOf(variant, o);
    if (releases.empty()) return;
    const auto b = quickestTransshipment(evacuationNetwork(variant, releases), {kEvaluationBoundStep_s});
    m["bound_s"] = b.feasible ? nlohmann::json(b.bound_s) : nlohmann::json(nullptr);
  };
  std::atomic<bool> stop{false};
  std::fflush(nullptr);
  runBatch(platform, variant, tasks, options,
           [&](ReplicationRow row) {
             if (row.status == "ok") metrics[std::size_t(row.replication)] = std::move(row.metrics);
           },
           stop);
  return metrics;
}

ShelterRuns monteCarlo(Platform& platform, const LoadedScenario& base, const Settings& s, bool night) {
  if (s.replications <= 0) return {};
  return shelterRuns(base.park, runMetrics(platform, base, s, night));
}

void addFindings(const LoadedScenario& l, const Settings& s, Evaluation& e) {
  const Park& park = l.park;
  const long capacity = park.shelterCapacity();
  for (const Population* p : {&e.day, &e.night}) {
    const char* when = p->demand.night ? "night" : "day";
    const long pop = p->demand.population;
    if (pop > 0 && double(capacity) < kMinShelterShare * double(pop))
      e.findings.push_back("Shelter capacity " + thousands(capacity) + " is below 15 % of the " + when + " population (" +
                           thousands(pop) + "): the code for fixed shelters is not met.");
    if (capacity < pop)
      e.findings.push_back("Shelter capacity " + thousands(capacity) + " cannot hold the whole " + when + " population (" +
                           thousands(pop) + ") if everyone evacuates.");
    if (p->demand.unreachable > 0)
      e.findings.push_back(thousands(p->demand.unreachable) + " persons (" + when + ") reach no shelter by road.");
    for (std::size_t k = 0; k < park.shelters.size(); ++k) {
      const Shelter& sh = park.shelters[k];
      const long demand = p->demand.demand[k];
      if (demand > sh.capacity)
        e.findings.push_back(sh.id + " " + sh.name + ": by " + when + " its nominal catchment sends " + thousands(demand) +
                             " persons to " + thousands(sh.capacity) + " places (" + fixed(double(demand) / sh.capacity, 1) +
                             "x); the rest must walk on to another shelter.");
      if (p->runs.runs > 0 && p->runs.overflowing[k] * 10 >= p->runs.runs)
        e.findings.push_back(sh.id + " " + sh.name + ": turns people away in " + overflowText(p->runs, k) + " of " +
                             when + " runs (mean " + thousands(std::lround(p->runs.meanOverflow[k])) + " persons).");
      const auto& w = p->demand.walk[k];
      if (w.beyondRadius > 0)
        e.findings.push_back(sh.id + " " + sh.name + ": " + thousands(w.beyondRadius) + " of its " + when +
                             " users walk farther than " + fixed(s.radius_m, 0) + " m (P95 " + fixed(w.p95_m, 0) +
                             " m, farthest " + fixed(w.max_m, 0) + " m, " + fixed(w.max_m / l.scenario.walking.speed_ms / 60, 0) +
                             " min).");
    }
  }
  for (std::size_t h = 0; h < e.threatHazards.size(); ++h)
    for (std::size_t k = 0; k < park.shelters.size(); ++k)
      if (e.threatShare[h][k] >= 0.05)
        e.findings.push_back(park.shelters[k].id + " " + park.shelters[k].name + ": lies in the AEGL-2 zone of " +
                             e.threatHazards[h] + " in " + percent(e.threatShare[h][k]) + " of weather draws.");
  for (const Shelter& sh : park.shelters)
    if (sh.area_m2 > 0 && sh.capacity * s.areaPerPerson_m2 > sh.area_m2)
      e.findings.push_back(sh.id + " " + sh.name + ": its " + thousands(std::lround(sh.area_m2)) + " m2 hold only " +
                           thousands(long(sh.area_m2 / s.areaPerPerson_m2)) + " persons at " + fixed(s.areaPerPerson_m2, 1) +
                           " m2 each, not its capacity " + thousands(sh.capacity) + ".");
}

std::string nearestSource(const Park& park, const Shelter& sh) {
  const HazardSource* best = nullptr;
  double bestD = 0;
  for (const auto& src : park.sources) {
    const double d = distance(src.position, sh.position);
    if (!best || d < bestD) {
      best = &src;
      bestD = d;
    }
  }
  return best ? best->id + " " + fixed(bestD, 0) + " m" : "";
}

/// The tables of the evaluation; `md` gives Markdown tables, else aligned text.
std::string tables(const LoadedScenario& l, const Settings& s, const Evaluation& e, bool md) {
  const Park& park = l.park;
  std::ostringstream out;
  auto emit = [&](const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                  const std::vector<bool>& right) {
    if (md) {
      out << "|";
      for (const auto& h : header) out << " " << h << " |";
      out << "\n|";
      for (std::size_t c = 0; c < header.size(); ++c) out << (right[c] ? "---:|" : "---|");
      out << "\n";
      for (const auto& r : rows) {
        out << "|";
        for (const auto& c : r) out << " " << c << " |";
        out << "\n";
      }
    } else {
      TextTable t(header, right);
      for (const auto& r : rows) t.row(r);
      out << t.str();
    }
  };
  // Shelters, standards and hazards.
  {
    std::vector<std::string> header = {"shelter", "name", "kind", "capacity", "area m2", "holds at " + fixed(s.areaPerPerson_m2, 1) + " m2", "nearest source"};
    std::vector<bool> right = {false, false, false, true, true, true, false};
    for (const auto& h : e.threatHazards) {
      header.push_back("P(AEGL-2 " + h + ")");
      right.push_back(true);
    }
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < park.shelters.size(); ++k) {
      const Shelter& sh = park.shelters[k];
      std::vector<std::string> r = {sh.id, sh.name, sh.kind == ShelterKind::Indoor ? "indoor" : "outdoor",
                                    thousands(sh.capacity), sh.area_m2 > 0 ? thousands(std::lround(sh.area_m2)) : "-",
                                    sh.area_m2 > 0 ? thousands(long(sh.area_m2 / s.areaPerPerson_m2)) : "-",
                                    nearestSource(park, sh)};
      for (std::size_t h = 0; h < e.threatHazards.size(); ++h) r.push_back(percent(e.threatShare[h][k]));
      rows.push_back(r);
    }
    emit(header, rows, right);
  }
  for (const Population* p : {&e.day, &e.night}) {
    out << "\n" << (md ? "### " : "") << (p->demand.night ? "Night" : "Day") << " (" << (p->demand.night ? "pop_night" : "pop_day")
        << ", " << thousands(p->demand.population) << " persons)\n" << (md ? "\n" : "");
    std::vector<std::string> header = {"shelter", "capacity", "zones", "demand", "demand/cap", "walk P50", "walk P95",
                                       "beyond " + fixed(s.radius_m, 0) + " m"};
    std::vector<bool> right = {false, true, false, true, true, true, true, true};
    if (p->runs.runs > 0) {
      header.insert(header.end(), {"P(overflow) [95 % CI]", "mean admitted", "mean peak"});
      right.insert(right.end(), {true, true, true});
    }
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < park.shelters.size(); ++k) {
      const Shelter& sh = park.shelters[k];
      std::string zones;
      for (int z : p->demand.catchment[k]) zones += (zones.empty() ? "" : " ") + park.zones[std::size_t(z)].id;
      const auto& w = p->demand.walk[k];
      std::vector<std::string> r = {sh.id, thousands(sh.capacity), zones.empty() ? "-" : zones,
                                    thousands(p->demand.demand[k]),
                                    sh.capacity > 0 ? percent(double(p->demand.demand[k]) / sh.capacity) : "-",
                                    fixed(w.p50_m, 0) + " m", fixed(w.p95_m, 0) + " m", thousands(w.beyondRadius)};
      if (p->runs.runs > 0) {
        r.push_back(overflowText(p->runs, k));
        r.push_back(thousands(std::lround(p->runs.meanAdmitted[k])));
        r.push_back(thousands(std::lround(p->runs.meanPeak[k])));
      }
      rows.push_back(r);
    }
    emit(header, rows, right);
    if (p->runs.runs > 0) {
      const auto c = stats::summarise(p->runs.clearance_s);
      const auto u = stats::summarise(p->runs.unsheltered);
      out << (md ? "\n" : "") << "  Over " << p->runs.runs << " runs of plan " << s.plan->id << ": clearance mean "
          << thousands(std::lround(c.mean)) << " s (P95 " << thousands(std::lround(c.quantiles[2].value))
          << " s); unsheltered at the horizon mean " << fixed(u.mean, 1) << ".\n";
      if (!p->runs.efficiency.empty()) {
        const auto b = stats::summarise(p->runs.bound_s);
        const auto eff = stats::summarise(p->runs.efficiency);
        out << (md ? "\n" : "") << "  Plan efficiency over its first " << p->runs.efficiency.size()
            << " runs: the quickest-flow bound for each run's own departures is " << fixed(100 * eff.mean, 0)
            << " % of its clearance on average (lowest " << fixed(100 * eff.min, 0) << " %; mean bound "
            << thousands(std::lround(b.mean)) << " s).\n";
      }
    }
  }
  return out.str();
}

std::string header(const LoadedScenario& l, const Settings& s) {
  std::ostringstream out;
  out << "Shelter evaluation: " << l.scenario.name << "\n";
  if (!s.layout.empty())
    out << "Layout: " << (s.layoutName.empty() ? "" : s.layoutName + " (") << s.layout
        << (s.layoutName.empty() ? "" : ")") << ", applied over the scenario's shelters\n";
  const auto& rule = s.plan->shelters;
  out << "Plan " << s.plan->id << " " << s.plan->name << "; shelter rule "
      << (rule.kind == ShelterRule::Kind::Map ? "map (listed shelters first)"
                                              : rule.kind == ShelterRule::Kind::Fastest ? "fastest" : "nearest")
      << "; seed " << s.seed << "\n";
  out << "Standards: fixed shelters hold >= 15 % of the planned population; service radius " << fixed(s.radius_m, 0)
      << " m; " << fixed(s.areaPerPerson_m2, 1) << " m2 per person (GB 21734-2008 5.4)\n";
  const long cap = l.park.shelterCapacity();
  const long day = l.park.population(false), night = l.park.population(true);
  out << "Capacity " << thousands(cap) << " in " << l.park.shelters.size() << " shelters: " << percent(double(cap) / double(std::max(1L, day)))
      << " of the day population (" << thousands(day) << "), " << percent(double(cap) / double(std::max(1L, night)))
      << " of the night population (" << thousands(night) << ")\n";
  out << "Catchment: each zone's nominal shelter under the plan on empty roads; demand: its persons. P(overflow):\n"
         "share of Monte Carlo runs in which the shelter turned anyone away.\n";
  return out.str();
}

nlohmann::json toJson(const LoadedScenario& l, const Settings& s, const Evaluation& e) {
  using nlohmann::json;
  json j;
  j["scenario"] = l.scenario.name;
  j["layout"] = s.layout;
  j["layout_name"] = s.layoutName;
  j["plan"] = s.plan->id;
  j["seed"] = s.seed;
  j["radius_m"] = s.radius_m;
  j["area_per_person_m2"] = s.areaPerPerson_m2;
  j["capacity"] = l.park.shelterCapacity();
  j["findings"] = e.findings;
  json shelters = json::array();
  for (std::size_t k = 0; k < l.park.shelters.size(); ++k) {
    const Shelter& sh = l.park.shelters[k];
    json o = {{"id", sh.id}, {"name", sh.name}, {"capacity", sh.capacity}, {"area_m2", sh.area_m2}};
    json sources = json::object();
    for (const auto& src : l.park.sources) sources[src.id] = distance(src.position, sh.position);
    o["source_distance_m"] = sources;
    json threat = json::object();
    for (std::size_t h = 0; h < e.threatHazards.size(); ++h) threat[e.threatHazards[h]] = e.threatShare[h][k];
    o["p_in_aegl2"] = threat;
    for (const Population* p : {&e.day, &e.night}) {
      json zones = json::array();
      for (int z : p->demand.catchment[k]) zones.push_back(l.park.zones[std::size_t(z)].id);
      const auto& w = p->demand.walk[k];
      json pop = {{"catchment", zones}, {"demand", p->demand.demand[k]}, {"walk_p50_m", w.p50_m},
                  {"walk_p95_m", w.p95_m}, {"walk_max_m", w.max_m}, {"beyond_radius", w.beyondRadius}};
      if (p->runs.runs > 0) {
        pop["runs"] = p->runs.runs;
        pop["p_overflow"] = double(p->runs.overflowing[k]) / double(p->runs.runs);
        pop["mean_admitted"] = p->runs.meanAdmitted[k];
        pop["mean_peak"] = p->runs.meanPeak[k];
        pop["mean_overflow"] = p->runs.meanOverflow[k];
      }
      if (k == 0 && !p->runs.efficiency.empty()) {
        j[std::string("efficiency_") + (p->demand.night ? "night" : "day")] = {
            {"runs", p->runs.efficiency.size()}, {"mean", stats::summarise(p->runs.efficiency).mean},
            {"lowest", stats::summarise(p->runs.efficiency).min}, {"mean_bound_s", stats::summarise(p->runs.bound_s).mean}};
      }
      o[p->demand.night ? "night" : "day"] = pop;
    }
    shelters.push_back(o);
  }
  j["shelters"] = shelters;
  return j;
}

void writeOutputs(const std::string& dir, const LoadedScenario& l, const Settings& s, const Evaluation& e) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create the folder " + dir + ": " + ec.message());
  // The map: each zone's nominal night shelter, red where the walk is beyond the radius.
  MapOptions map;
  map.title = "Shelter catchments by night: " + l.scenario.name;
  map.linksLabel = "zone to its shelter (night)";
  map.flaggedLabel = "walk beyond " + fixed(s.radius_m, 0) + " m";
  for (std::size_t z = 0; z < l.park.zones.size(); ++z) {
    const int sh = e.night.demand.zoneShelter[z];
    if (sh < 0 || l.park.zones[z].pop_night <= 0) continue;
    map.links.push_back({l.park.zones[z].centroid, l.park.shelters[std::size_t(sh)].position,
                         e.night.demand.zoneWalk_m[z] > s.radius_m});
  }
  writeFileAtomically(dir + "/map.svg", parkMapSvg(l.park, l.substances, map));
  std::ostringstream md;
  md << "# " << header(l, s).substr(0, header(l, s).find('\n')) << "\n\n";
  std::string h = header(l, s);
  md << h.substr(h.find('\n') + 1) << "\n![Shelter catchments by night](map.svg)\n\n## Findings\n\n";
  if (e.findings.empty()) md << "Nothing above the thresholds.\n";
  for (const auto& f : e.findings) md << "- " << f << "\n";
  md << "\n## Shelters\n\n" << tables(l, s, e, true);
  writeFileAtomically(dir + "/report.md", md.str());
  writeFileAtomically(dir + "/evaluation.json", toJson(l, s, e).dump(2) + "\n");
  std::vector<OutFeature> features;
  for (std::size_t k = 0; k < l.park.shelters.size(); ++k) {
    const Shelter& sh = l.park.shelters[k];
    OutFeature f{OutFeature::Kind::Point, {{sh.position}}, {}};
    f.attributes = {{"shelter", sh.id}, {"name", sh.name}, {"capacity", double(sh.capacity)},
                    {"demand_day", double(e.day.demand.demand[k])}, {"demand_night", double(e.night.demand.demand[k])},
                    {"walk_p95_day_m", e.day.demand.walk[k].p95_m}, {"walk_p95_night_m", e.night.demand.walk[k].p95_m},
                    {"beyond_radius_day", double(e.day.demand.walk[k].beyondRadius)},
                    {"beyond_radius_night", double(e.night.demand.walk[k].beyondRadius)}};
    auto share = [](const ShelterRuns& r, std::size_t i) {
      return r.runs ? double(r.overflowing[i]) / double(r.runs) : std::nan("");
    };
    f.attributes.push_back({"p_overflow_day", share(e.day.runs, k)});
    f.attributes.push_back({"p_overflow_night", share(e.night.runs, k)});
    for (std::size_t hz = 0; hz < e.threatHazards.size(); ++hz)
      f.attributes.push_back({"p_aegl2_" + e.threatHazards[hz], e.threatShare[hz][k]});
    features.push_back(std::move(f));
  }
  writeGeoPackageLayer(dir + "/shelters.gpkg", "shelter_evaluation", l.park.crs, features);
}

int evaluate(const Args& args) {
  Diagnostics diagnostics;
  if (args.positional().size() != 2) throw UsageError("expected exactly one scenario file after 'evaluate'");
  Settings s;
  s.layout = args.value("layout", "");
  auto loaded = loadAndValidate(args.positional()[1], diagnostics, args.value("substances", ""), s.layout);
  printDiagnostics(diagnostics);
  if (!loaded) return kExitInvalidInput;
  if (!s.layout.empty()) {
    Diagnostics again;  // read and checked above; only its name is wanted here
    if (const auto layout = loadShelterLayout(s.layout, again)) s.layoutName = layout->name;
  }
  s.plan = args.value("plan") ? &planArgument(*loaded, *args.value("plan")) : &loaded->scenario.plans.front();
  s.replications = long(args.count("replications", 200));
  s.threatDraws = int(args.count("threat-draws", 500));
  s.seed = args.count("seed", loaded->scenario.monte_carlo.seed);
  s.jobs = int(std::max<std::uint64_t>(1, args.count("jobs", std::max(1u, std::thread::hardware_concurrency()))));
  s.radius_m = args.number("radius", 1, 100000, kServiceRadius_m);
  s.boundRuns = long(args.count("bound-runs", 20));
  s.areaPerPerson_m2 = args.number("area-per-person", 0.1, 100, kAreaPerPerson_m2);
  const std::string format = args.choice("format", {"text", "json"}, "text");

  Evaluation e;
  e.day.demand = nominalDemand(*loaded, *s.plan, false, s.radius_m);
  e.night.demand = nominalDemand(*loaded, *s.plan, true, s.radius_m);
  for (const Hazard& h : loaded->scenario.hazards) {
    if (!std::holds_alternative<ToxicRelease>(h.detail) || s.threatDraws <= 0) continue;
    const auto t = threatProbability(*loaded, h.id, s.seed, s.threatDraws, {});
    e.threatHazards.push_back(h.id);
    std::vector<double> share;
    for (int hits : t.shelters) share.push_back(double(hits) / double(std::max(1, t.replications)));
    e.threatShare.push_back(share);
  }
  if (s.replications > 0) {
    Platform platform(*loaded);
    e.day.runs = monteCarlo(platform, *loaded, s, false);
    e.night.runs = monteCarlo(platform, *loaded, s, true);
  }
  addFindings(*loaded, s, e);
  if (format == "json") {
    std::cout << toJson(*loaded, s, e).dump(2) << "\n";
  } else {
    std::cout << header(*loaded, s) << "\nFindings\n";
    if (e.findings.empty()) std::cout << "  nothing above the thresholds\n";
    for (const auto& f : e.findings) std::cout << "  - " << f << "\n";
    std::cout << "\nShelters\n" << tables(*loaded, s, e, false);
  }
  if (auto dir = args.value("out")) {
    writeOutputs(*dir, *loaded, s, e);
    if (format == "text") std::cout << "\nReport: " << *dir << "/report.md (map.svg, evaluation.json, shelters.gpkg)\n";
  }
  std::cout.flush();
  std::_Exit(kExitOk);  // as `run`: SimGrid's teardown holds nothing we need
}

/// The metrics of `replications` runs of a plan on one layout ("" : the scenario's own shelters),
/// by replication (null where a run failed). Each layout is a different platform, and a process
/// holds one SimGrid engine: the runs are made from a child process, which sends them back as JSON.
std::vector<nlohmann::json> runsOnLayout(const std::string& scenario, const std::string& substances,
                                         const std::string& layout, const std::string& plan, bool night,
                                         long replications, std::uint64_t seed, int jobs) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    close(fds[0]);
    int code = 0;
    try {
      Diagnostics d;
      auto loaded = loadAndValidate(scenario, d, substances, layout);
      if (!loaded) _exit(2);
      Settings s;
      s.plan = loaded->scenario.plan(plan);
      s.replications = replications;
      s.seed = seed;
      s.jobs = jobs;
      Platform platform(*loaded);
      const auto metrics = runMetrics(platform, *loaded, s, night);
      const std::string text = nlohmann::json(metrics).dump();
      for (std::size_t at = 0; at < text.size();) {
        const ssize_t n = write(fds[1], text.data() + at, text.size() - at);
        if (n <= 0) _exit(4);
        at += std::size_t(n);
      }
    } catch (...) {
      code = 3;
    }
    _exit(code);  // no SimGrid cleanup (DESIGN.md section 3)
  }
  close(fds[1]);
  std::string text;
  char buf[65536];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) text.append(buf, std::size_t(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("the runs on layout " + (layout.empty() ? std::string("(current)") : layout) + " failed");
  return nlohmann::json::parse(text).get<std::vector<nlohmann::json>>();
}

int compareLayouts(const Args& args) {
  if (args.positional().size() < 3)
    throw UsageError("expected a scenario file and at least one layout file after 'compare'");
  const std::string scenario = args.positional()[1];
  const std::string substances = args.value("substances", "");
  std::vector<std::string> layouts = {""}, names = {"current"};
  Diagnostics diagnostics;
  auto base = loadAndValidate(scenario, diagnostics, substances);
  for (std::size_t i = 2; i < args.positional().size(); ++i) {
    const std::string file = args.positional()[i];
    auto withLayout = loadAndValidate(scenario, diagnostics, substances, file);
    Diagnostics again;
    const auto layout = withLayout ? loadShelterLayout(file, again) : std::nullopt;
    layouts.push_back(file);
    names.push_back(layout && !layout->name.empty() ? layout->name : std::filesystem::path(file).stem().string());
    if (!withLayout) base.reset();
  }
  printDiagnostics(diagnostics);
  if (!base) return kExitInvalidInput;
  const Plan& plan = args.value("plan") ? planArgument(*base, *args.value("plan")) : base->scenario.plans.front();
  const long replications = long(std::max<std::uint64_t>(2, args.count("replications", 200)));
  const std::uint64_t seed = args.count("seed", base->scenario.monte_carlo.seed);
  const int jobs = int(std::max<std::uint64_t>(1, args.count("jobs", std::max(1u, std::thread::hardware_concurrency()))));
  const bool night = args.choice("population", {"day", "night"}, base->scenario.night() ? "night" : "day") == "night";
  const std::string format = args.choice("format", {"text", "json", "md"}, "text");

  std::vector<std::vector<nlohmann::json>> runs;
  for (const auto& layout : layouts)
    runs.push_back(runsOnLayout(scenario, substances, layout, plan.id, night, replications, seed, jobs));

  // Paired over the replications that ran on every layout.
  std::vector<std::size_t> both;
  for (std::size_t r = 0; r < std::size_t(replications); ++r)
    if (std::all_of(runs.begin(), runs.end(), [&](const auto& v) { return !v[r].is_null(); })) both.push_back(r);
  struct Metric {
    std::string key, label;
    std::function<double(const nlohmann::json&)> value;
  };
  const std::vector<Metric> metrics = {
      {"clearance_s", "clearance [s]", [](const nlohmann::json& m) { return m.at("clearance_s").get<double>(); }},
      {"arrival_p95_s", "95 % sheltered [s]", [](const nlohmann::json& m) { return m.at("arrival_p95_s").get<double>(); }},
      {"unsheltered", "unsheltered at the horizon", [](const nlohmann::json& m) { return m.at("unsheltered").get<double>(); }},
      {"persons_over_aegl2", "persons over AEGL-2", [](const nlohmann::json& m) { return m.at("persons_over_aegl2").get<double>(); }},
      {"any_overflow", "P(a shelter overflows)", [](const nlohmann::json& m) {
         for (const auto& [id, sh] : m.at("shelters").items())
           if (sh.at("overflow").get<double>() > 0) return 1.0;
         return 0.0;
       }},
  };
  const double level = 1 - 0.05 / double(layouts.size() - 1);  // Bonferroni over the proposals
  nlohmann::json out = {{"scenario", base->scenario.name}, {"plan", plan.id}, {"population", night ? "pop_night" : "pop_day"},
                        {"replications", both.size()}, {"seed", seed}, {"confidence", level}, {"layouts", nlohmann::json::array()}};
  for (std::size_t k = 0; k < layouts.size(); ++k) out["layouts"].push_back({{"name", names[k]}, {"file", layouts[k]}});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& m : metrics) {
    std::vector<std::vector<double>> v(layouts.size());
    for (std::size_t k = 0; k < layouts.size(); ++k)
      for (std::size_t r : both) v[k].push_back(m.value(runs[k][r]));
    nlohmann::json row = {{"metric", m.key}, {"label", m.label}, {"means", nlohmann::json::array()}, {"differences", nlohmann::json::array()}};
    for (std::size_t k = 0; k < layouts.size(); ++k) row["means"].push_back(stats::summarise(v[k]).mean);
    for (std::size_t k = 1; k < layouts.size(); ++k) {
      const auto p = stats::paired(v[0], v[k], level);
      const bool same = std::fabs(p.meanDifference) <= p.halfWidth;
      row["differences"].push_back({{"layout", names[k]}, {"mean", p.meanDifference}, {"half_width", p.halfWidth},
                                    {"verdict", same ? "same" : p.meanDifference < 0 ? "better" : "worse"}});
    }
    rows.push_back(row);
  }
  out["metrics"] = rows;
  // Overflow per shelter, for shelters of any layout.
  std::vector<std::string> shelterIds;
  for (const auto& layoutRuns : runs)
    for (std::size_t r : both)
      for (const auto& [id, sh] : layoutRuns[r].at("shelters").items())
        if (std::find(shelterIds.begin(), shelterIds.end(), id) == shelterIds.end()) shelterIds.push_back(id);
  std::sort(shelterIds.begin(), shelterIds.end());
  nlohmann::json overflow = nlohmann::json::array();
  for (const auto& id : shelterIds) {
    nlohmann::json o = {{"shelter", id}, {"p_overflow", nlohmann::json::array()}};
    for (std::size_t k = 0; k < layouts.size(); ++k) {
      long n = 0, hits = 0;
      for (std::size_t r : both)
        if (const auto it = runs[k][r].at("shelters").find(id); it != runs[k][r].at("shelters").end()) {
          ++n;
          hits += it->at("overflow").get<double>() > 0;
        }
      o["p_overflow"].push_back(n ? nlohmann::json(double(hits) / double(n)) : nlohmann::json(nullptr));
    }
    overflow.push_back(o);
  }
  out["shelters"] = overflow;

  if (format == "json") {
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  const bool md = format == "md";
  std::cout << (md ? "# " : "") << "Shelter layouts compared: " << base->scenario.name << "\n" << (md ? "\n" : "")
            << "Plan " << plan.id << " " << plan.name << ", " << (night ? "pop_night" : "pop_day") << ", " << both.size()
            << " replications of seed " << seed << " on every layout (common random numbers: the same weather, leak\n"
            << "and pre-movement draws); differences are paired, layout minus current, with "
            << fixed(100 * level, 1) << " % intervals.\n";
  for (std::size_t k = 1; k < layouts.size(); ++k) std::cout << (md ? "- " : "  ") << names[k] << ": " << layouts[k] << "\n";
  std::cout << "\n";
  std::vector<std::string> header = {"metric", "current"};
  for (std::size_t k = 1; k < layouts.size(); ++k) {
    header.push_back(names[k]);
    header.push_back("difference [CI]");
    header.push_back("verdict");
  }
  std::vector<std::vector<std::string>> table;
  for (const auto& row : rows) {
    const bool share = row["metric"] == "any_overflow";
    auto show = [&](double x) { return share ? fixed(100 * x, 0) + " %" : thousands(std::lround(x)); };
    auto showDiff = [&](double x) { return share ? fixed(100 * x, 0) + " pts" : fixed(x, 0); };
    std::vector<std::string> cells = {row["label"], show(row["means"][0])};
    for (std::size_t k = 1; k < layouts.size(); ++k) {
      const auto& d = row["differences"][k - 1];
      const double m = d["mean"], h = d["half_width"];
      cells.push_back(show(row["means"][k]));
      cells.push_back(showDiff(m) + " [" + showDiff(m - h) + ", " + showDiff(m + h) + "]");
      cells.push_back(d["verdict"]);
    }
    table.push_back(cells);
  }
  std::vector<std::string> sheltersHeader = {"shelter P(overflow)"};
  for (const auto& n : names) sheltersHeader.push_back(n);
  std::vector<std::vector<std::string>> sheltersTable;
  for (const auto& o : overflow) {
    std::vector<std::string> cells = {o["shelter"]};
    for (const auto& p : o["p_overflow"]) cells.push_back(p.is_null() ? "-" : fixed(100 * p.get<double>(), 0) + " %");
    sheltersTable.push_back(cells);
  }
  auto emit = [&](const std::vector<std::string>& h, const std::vector<std::vector<std::string>>& rowsText) {
    if (md) {
      std::cout << "|";
      for (const auto& c : h) std::cout << " " << c << " |";
      std::cout << "\n|";
      for (std::size_t c = 0; c < h.size(); ++c) std::cout << (c ? "---:|" : "---|");
      std::cout << "\n";
      for (const auto& r : rowsText) {
        std::cout << "|";
        for (const auto& c : r) std::cout << " " << c << " |";
        std::cout << "\n";
      }
    } else {
      std::vector<bool> right(h.size(), true);
      right[0] = false;
      TextTable t(h, right);
      for (const auto& r : rowsText) t.row(r);
      std::cout << t.str();
    }
  };
  emit(header, table);
  std::cout << "\n";
  emit(sheltersHeader, sheltersTable);
  return kExitOk;
}

/// A candidate set as a layout file, for the runs that confirm it.
std::string layoutYaml(const ShelterLayoutFile& candidates, const std::vector<int>& set) {
  std::ostringstream y;
  y.precision(10);
  y << "shelter_changes:\n";
  for (int c : set) {
    const ShelterChange& ch = candidates.changes[std::size_t(c)];
    y << "  - {id: \"" << ch.id << "\", capacity: " << ch.capacity.value_or(0) << ", lon: " << ch.lon.value_or(0)
      << ", lat: " << ch.lat.value_or(0);
    if (ch.kind) y << ", kind: " << *ch.kind;
    y << "}\n";
  }
  return y.str();
}

int siteShelters(const Args& args) {
  if (args.positional().size() != 3) throw UsageError("expected a scenario file and a candidate sites file after 'site'");
  const std::string scenario = args.positional()[1], sitesFile = args.positional()[2];
  const std::string substances = args.value("substances", "");
  Diagnostics diagnostics;
  auto base = loadAndValidate(scenario, diagnostics, substances);
  const auto candidates = loadCandidateSites(sitesFile, diagnostics);
  printDiagnostics(diagnostics);
  if (!base || !candidates) return kExitInvalidInput;
  SitingOptions options;
  options.sites = int(std::max<std::uint64_t>(1, args.count("sites", 1)));
  options.finalists = int(std::max<std::uint64_t>(1, args.count("finalists", 3)));
  options.draws = int(std::max<std::uint64_t>(1, args.count("screen-draws", 4)));
  if (options.sites > int(candidates->changes.size()))
    throw UsageError("--sites: " + std::to_string(options.sites) + " sites asked for, but the file offers " +
                     std::to_string(candidates->changes.size()));
  const Plan& plan = args.value("plan") ? planArgument(*base, *args.value("plan")) : base->scenario.plans.front();
  const long replications = long(std::max<std::uint64_t>(2, args.count("replications", 100)));
  const std::uint64_t seed = args.count("seed", base->scenario.monte_carlo.seed);
  const int jobs = int(std::max<std::uint64_t>(1, args.count("jobs", std::max(1u, std::thread::hardware_concurrency()))));
  const bool night = base->scenario.night();

  const SitingResult found = chooseSites(*base, *candidates, options);
  auto names = [&](const std::vector<int>& set) {
    std::string t;
    for (int c : set) {
      const auto& ch = candidates->changes[std::size_t(c)];
      t += (t.empty() ? "" : " + ") + ch.id + (ch.name ? " " + *ch.name : "");
    }
    return t;
  };
  std::cout << "Shelter siting: " << base->scenario.name << "\n" << options.sites << " of " << candidates->changes.size()
            << " candidate sites (" << sitesFile << "), plan " << plan.id << ", " << (night ? "pop_night" : "pop_day") << "\n\n"
            << "Screening (" << found.evaluations << " layouts): the quickest-flow bound for everyone ordered out at T+0,\n"
            << "averaged over " << options.draws << " pre-movement draws (time step " << fixed(options.step_s, 0) << " s)\n";
  TextTable screen({"layout", "surrogate", "cost"}, {false, true, true});
  screen.row({"current", thousands(std::lround(found.current_s)) + " s", ""});
  for (const auto& f : found.finalists) {
    double cost = 0;
    for (int c : f.candidates) cost += candidates->costs[std::size_t(c)];
    screen.row({names(f.candidates), std::isfinite(f.score_s) ? thousands(std::lround(f.score_s)) + " s" : "not everyone placed",
                fixed(cost, 0)});
  }
  std::cout << screen.str();

  // Confirmation: the plan on the current shelters and on each finalist, same random numbers.
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("drillsim-site-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::vector<std::vector<nlohmann::json>> runs;
  runs.push_back(runsOnLayout(scenario, substances, "", plan.id, night, replications, seed, jobs));
  for (std::size_t f = 0; f < found.finalists.size(); ++f) {
    const std::string file = (dir / ("finalist" + std::to_string(f) + ".yaml")).string();
    writeFileAtomically(file, layoutYaml(*candidates, found.finalists[f].candidates));
    runs.push_back(runsOnLayout(scenario, substances, file, plan.id, night, replications, seed, jobs));
  }
  fs::remove_all(dir);
  std::vector<std::size_t> both;
  for (std::size_t r = 0; r < std::size_t(replications); ++r)
    if (std::all_of(runs.begin(), runs.end(), [&](const auto& v) { return !v[r].is_null(); })) both.push_back(r);
  std::vector<std::vector<double>> p95(runs.size());
  for (std::size_t k = 0; k < runs.size(); ++k)
    for (std::size_t r : both) p95[k].push_back(runs[k][r].at("arrival_p95_s").get<double>());
  // How sure the ranking is: the share of bootstrap resamples of the replications (resampled
  // together, so the pairing stays) in which each layout has the lowest mean.
  const int resamples = 2000;
  std::vector<int> wins(runs.size(), 0);
  RandomStream stream(seed, 0, "siting-bootstrap", "");
  for (int b = 0; b < resamples && !both.empty(); ++b) {
    std::vector<double> sum(runs.size(), 0);
    for (std::size_t i = 0; i < both.size(); ++i) {
      const std::size_t pick = std::min(both.size() - 1, std::size_t(stream.uniform01() * double(both.size())));
      for (std::size_t k = 0; k < runs.size(); ++k) sum[k] += p95[k][pick];
    }
    ++wins[std::size_t(std::min_element(sum.begin(), sum.end()) - sum.begin())];
  }
  std::cout << "\nConfirmation: plan " << plan.id << ", " << both.size() << " replications of seed " << seed
            << " on every layout (common random numbers); 95 % sheltered [s], paired against current\n";
  TextTable confirm({"layout", "mean", "difference [95 % CI]", "verdict", "P(best)"}, {false, true, true, false, true});
  confirm.row({"current", thousands(std::lround(stats::summarise(p95[0]).mean)), "", "",
               fixed(100.0 * wins[0] / resamples, 0) + " %"});
  for (std::size_t k = 1; k < runs.size(); ++k) {
    const auto d = stats::paired(p95[0], p95[k], 1 - 0.05 / double(runs.size() - 1));
    const bool same = std::fabs(d.meanDifference) <= d.halfWidth;
    confirm.row({names(found.finalists[k - 1].candidates), thousands(std::lround(stats::summarise(p95[k]).mean)),
                 fixed(d.meanDifference, 0) + " [" + fixed(d.meanDifference - d.halfWidth, 0) + ", " +
                     fixed(d.meanDifference + d.halfWidth, 0) + "]",
                 same ? "same" : d.meanDifference < 0 ? "better" : "worse", fixed(100.0 * wins[k] / resamples, 0) + " %"});
  }
  std::cout << confirm.str();
  std::cout << "\nP(best): share of " << resamples << " paired bootstrap resamples of the replications in which the\n"
               "layout has the lowest mean time for 95 % to be sheltered.\n";
  return kExitOk;
}
}  // namespace

std::string helpShelters() {
  return "Usage: drillsim shelters evaluate SCENARIO.yaml [options]\n"
         "       drillsim shelters compare SCENARIO.yaml LAYOUT.yaml... [options]\n"
         "       drillsim shelters site SCENARIO.yaml CANDIDATES.yaml --sites K [options]\n\n"
         "Evidence for the shelter committee on the scenario's shelters (or on a proposed layout\n"
         "with --layout), by day and by night: each shelter's catchment under the plan and its\n"
         "demand against capacity, its users' walking distances against the service radius, its\n"
         "capacity against its area, its distance to the hazard sources and the chance of lying in\n"
         "an AEGL-2 zone over the weather, and, over Monte Carlo runs of the plan, how often it\n"
         "overflows. Findings first, then the tables.\n\n"
         "A layout file holds `shelter_changes:` in the scenario's notation (optionally `name:` and\n"
         "`description:`): moved, resized, renamed, removed or added shelters.\n\n"
         "compare runs the plan on the current shelters and on each layout with the same random\n"
         "numbers, and gives the paired differences in clearance, unsheltered persons, persons over\n"
         "AEGL-2 and the chance that a shelter overflows, and each shelter's overflow probability.\n\n"
         "site chooses K of the candidate sites (candidates: [{id, capacity, lon, lat, name, kind,\n"
         "cost}]) to add: a quickest-flow surrogate screens them (greedy, then swaps), and Monte\n"
         "Carlo runs of the plan confirm the finalists against the current shelters, with how sure\n"
         "the ranking is.\n\n" +
         describeOptions(kOptions) +
         "\nExit codes: 0 done, 2 the scenario or layout is invalid, 64 bad command line,\n"
         "73 the output cannot be written.\n";
}

int runShelters(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  if (args.positional().empty()) throw UsageError("expected a subcommand: evaluate, compare or site");
  const std::string sub = args.positional()[0];
  if (sub == "evaluate") return evaluate(args);
  if (sub == "compare") return compareLayouts(args);
  if (sub == "site") return siteShelters(args);
  throw UsageError("unknown subcommand " + inQuotes(sub) + "; " + expectedOneOf(sub, {"evaluate", "compare", "site"}));
}

}  // namespace drillsim::cli
