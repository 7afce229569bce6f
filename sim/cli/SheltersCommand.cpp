// drillsim shelters: the subcommands' options and dispatch, and `evaluate`: evidence for the
// shelter committee on one layout of shelters (sim/analysis/ShelterEvaluation.hpp), as text, JSON,
// or a report to print or file (HTML, .docx, Markdown) with a map and a GeoPackage layer. `compare` and `site` live in
// ShelterLayoutsCommand.cpp.
//
// Index (search for "[SECTION] " and the name):
//   Options and the settings; Tables and header; JSON and the report folder; The evaluate
//   subcommand; Help and dispatch.
#include <cmath>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/I18n.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/analysis/QuickestFlow.hpp"
#include "sim/analysis/ShelterEvaluation.hpp"
#include "sim/batch/Batch.hpp"
#include "sim/batch/Statistics.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/DocumentOutput.hpp"
#include "sim/cli/TextTable.hpp"
#include "sim/hazard/ThreatProbability.hpp"
#include "sim/map/ParkMap.hpp"

namespace drillsim::cli {

// [SECTION] Options and the settings: the evaluation's, percentages, the efficiency table
namespace {
const std::vector<OptionSpec> kOptions = {
    {"layout", true, i18n::kNoop("a shelter layout file (shelter_changes: [...]) applied over the scenario's shelters"), "FILE"},
    {"plan", true, i18n::kNoop("the plan whose shelter rule and runs are evaluated (default: the first)"), "ID"},
    {"replications", true, i18n::kNoop("Monte Carlo runs per population for overflow (default 200; 0: none)"), "N"},
    {"threat-draws", true, i18n::kNoop("weather draws for the chance of lying in an AEGL-2 zone (default 500; site 200)"), "N"},
    {"seed", true, i18n::kNoop("random seed (default: the scenario's monte_carlo.seed)"), "N"},
    {"jobs", true, i18n::kNoop("worker processes for the runs (default: the processors)"), "J"},
    {"bound-runs", true, i18n::kNoop("runs (the first ones) whose clearance is set against the quickest-flow bound (default 20)"), "N"},
    {"sites", true, i18n::kNoop("site: how many candidate sites to choose (default 1)"), "K"},
    {"target", true, i18n::kNoop("site: choose the cheapest set whose surrogate is at most this (seconds, or persons for exposure)"), "X"},
    {"objective", true, i18n::kNoop("site: arrival (time for 95 % to be sheltered, default) or exposure (persons over AEGL-2)"), "WHICH"},
    {"finalists", true, i18n::kNoop("site: best sets confirmed by Monte Carlo (default 3)"), "N"},
    {"screen-draws", true, i18n::kNoop("site: pre-movement draws averaged by the screening surrogate (default 4)"), "N"},
    {"radius", true, i18n::kNoop("service radius in metres (default 500)"), "M"},
    {"area-per-person", true, i18n::kNoop("usable area per person in m2 (default 1.5, GB 21734-2008 5.4)"), "M2"},
    {"out", true, i18n::kNoop("evaluate: folder for report.html, report.docx, report.md, map.svg, evaluation.json and shelters.gpkg"), "DIR"},
    {"population", true, i18n::kNoop("compare: day or night (default: the scenario's population)"), "WHICH"},
    {"format", true, i18n::kNoop("text (default), json; compare also md"), "FORMAT"},
    {"substances", true, i18n::kNoop("substance table to use (default: the bundled data/substances.csv)"), "FILE"},
};

/// The evaluation's settings, and the layout it was made on (for the header).
struct Settings : ShelterEvaluationSettings {
  std::string layout, layoutName;
};

std::string percent(double share) { return percentText(share); }
std::string overflowText(const ShelterRuns& r, std::size_t s) { return overflowShareText(r, s); }

/// The plans' efficiency table, its lead and its note.
struct EfficiencyTable {
  std::string lead;
  TextTable table;
  std::string note;
};

EfficiencyTable efficiencyTable(const LoadedScenario& l, const ShelterEvaluation& e) {
  EfficiencyTable out{
      tf("Each plan's first {1} runs ({2}), each set against the quickest-flow bound for its own departures (bound / clearance).",
         e.plans.front().runs.runs, shownWord(l.scenario.population)),
      TextTable({tr("plan"), tr("name"), tr("runs bounded"), tr("mean clearance"), tr("mean bound"), tr("efficiency"), tr("lowest")},
                {false, false, true, true, true, true, true}),
      tr("Runs bounded: those in which anyone evacuated. A run that leaves anyone unsheltered has\n"
         "the horizon as its clearance: a low efficiency.")};
  for (const auto& p : e.plans) {
    const auto& c = p.runs.summary.boundedClearance_s;
    const auto& b = p.runs.summary.bound_s;
    const auto& eff = p.runs.summary.efficiency;
    const bool any = !p.runs.efficiency.empty();
    out.table.row({p.plan->id, p.plan->name, std::to_string(p.runs.efficiency.size()),
                   any ? thousands(std::lround(c.mean)) + " s" : "-", any ? thousands(std::lround(b.mean)) + " s" : "-",
                   any ? percent(eff.mean) : "-", any ? percent(eff.min) : "-"});
  }
  return out;
}

/// The plans' efficiency table (empty when no runs were made).
std::string planEfficiencyTable(const LoadedScenario& l, const ShelterEvaluation& e, bool md) {
  if (e.plans.empty()) return "";
  const EfficiencyTable t = efficiencyTable(l, e);
  std::ostringstream out;
  out << (md ? "\n## " : "\n") << tr("Plan efficiency") << (md ? "\n\n" : "\n") << t.lead << "\n" << (md ? "\n" : "");
  out << t.table.str(md) << (md ? "\n" : "") << t.note << "\n";
  return out.str();
}

// [SECTION] Tables and header
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

/// A table of the evaluation, with its heading (none for the first) and the lines under it.
struct EvaluationTable {
  std::string heading;
  TextTable table;
  std::vector<std::string> notes;
};

/// The tables of the evaluation: the shelters, then each population's catchments.
std::vector<EvaluationTable> evaluationTables(const LoadedScenario& l, const Settings& s, const ShelterEvaluation& e) {
  const Park& park = l.park;
  std::vector<EvaluationTable> out;
  auto emit = [&](std::string heading, const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                  const std::vector<bool>& right) -> EvaluationTable& {
    TextTable t(header, right);
    for (const auto& r : rows) t.row(r);
    out.push_back({std::move(heading), std::move(t), {}});
    return out.back();
  };
  // Shelters, standards and hazards.
  {
    std::vector<std::string> header = {tr("shelter"), tr("name"), tr("kind"), tr("capacity"), tr("area m2"),
                                       tf("holds at {1} m2", fixed(s.areaPerPerson_m2, 1)), tr("nearest source")};
    std::vector<bool> right = {false, false, false, true, true, true, false};
    for (const auto& h : e.threatHazards) {
      header.push_back("P(AEGL-2 " + h + ")");  // the same in both languages
      right.push_back(true);
    }
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < park.shelters.size(); ++k) {
      const Shelter& sh = park.shelters[k];
      std::vector<std::string> r = {sh.id, sh.name, shownWord(sh.kind),
                                    thousands(sh.capacity), sh.area_m2 > 0 ? thousands(std::lround(sh.area_m2)) : "-",
                                    sh.area_m2 > 0 ? thousands(long(sh.area_m2 / s.areaPerPerson_m2)) : "-",
                                    nearestSource(park, sh)};
      for (std::size_t h = 0; h < e.threatHazards.size(); ++h) r.push_back(percent(e.threatShare[h][k]));
      rows.push_back(r);
    }
    emit("", header, rows, right);
  }
  for (const PopulationEvaluation* p : {&e.day, &e.night}) {
    const char* population = shownWord(p->demand.night ? drillsim::Population::Night : drillsim::Population::Day);
    std::string heading = p->demand.night ? tf("Night ({1}, {2} persons)", population, thousands(p->demand.population))
                                          : tf("Day ({1}, {2} persons)", population, thousands(p->demand.population));
    std::vector<std::string> header = {tr("shelter"), tr("capacity"), tr("zones"), tr("demand"), tr("demand/cap"), tr("walk P50"),
                                       tr("walk P95"), tf("beyond {1} m", fixed(s.radius_m, 0))};
    std::vector<bool> right = {false, true, false, true, true, true, true, true};
    if (p->runs.runs > 0) {
      header.insert(header.end(), {tr("P(overflow) [95 % CI]"), tr("mean admitted"), tr("mean peak")});
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
    EvaluationTable& t = emit(std::move(heading), header, rows, right);
    if (p->runs.runs > 0) {
      const auto& c = p->runs.summary.clearance_s;
      const auto& u = p->runs.summary.unsheltered;
      t.notes.push_back(
          tf("Over {1} runs of plan {2}: clearance mean {3} s (P95 {4} s); unsheltered at the horizon mean {5}.", p->runs.runs,
             s.plan->id, thousands(std::lround(c.mean)), thousands(std::lround(c.quantiles[2].value)), fixed(u.mean, 1)));
      if (!p->runs.efficiency.empty()) {
        const auto& b = p->runs.summary.bound_s;
        const auto& eff = p->runs.summary.efficiency;
        t.notes.push_back(
            tf("Plan efficiency over its first {1} runs: the quickest-flow bound for each run's own departures is {2} % of its clearance on average (lowest {3} %; mean bound {4} s).",
               p->runs.efficiency.size(), fixed(100 * eff.mean, 0), fixed(100 * eff.min, 0), thousands(std::lround(b.mean))));
      }
    }
  }
  return out;
}

/// The tables of the evaluation; `md` gives Markdown tables, else aligned text.
std::string tables(const LoadedScenario& l, const Settings& s, const ShelterEvaluation& e, bool md) {
  std::ostringstream out;
  for (const EvaluationTable& t : evaluationTables(l, s, e)) {
    if (!t.heading.empty()) out << "\n" << (md ? "### " : "") << t.heading << "\n" << (md ? "\n" : "");
    out << t.table.str(md);
    for (const auto& line : t.notes) out << (md ? "\n" : "") << "  " << line << "\n";
  }
  return out.str();
}

std::string header(const LoadedScenario& l, const Settings& s) {
  std::ostringstream out;
  out << tf("Shelter evaluation: {1}", l.scenario.name) << "\n";
  if (!s.layout.empty())
    out << (s.layoutName.empty() ? tf("Layout: {1}, applied over the scenario's shelters", s.layout)
                                 : tf("Layout: {1} ({2}), applied over the scenario's shelters", s.layoutName, s.layout))
        << "\n";
  const auto& rule = s.plan->shelters;
  const char* ruleText = rule.kind == ShelterRule::Kind::Map       ? tr("map (listed shelters first)")
                         : rule.kind == ShelterRule::Kind::Fastest ? tc("shelter rule", "fastest")
                                                                   : tc("shelter rule", "nearest");
  out << tf("Plan {1} {2}; shelter rule {3}; seed {4}", s.plan->id, s.plan->name, ruleText, s.seed) << "\n";
  out << tf("Standards: fixed shelters hold >= 15 % of the planned population; service radius {1} m; {2} m2 per person (GB 21734-2008 5.4)",
            fixed(s.radius_m, 0), fixed(s.areaPerPerson_m2, 1))
      << "\n";
  const long cap = l.park.shelterCapacity();
  const long day = l.park.population(false), night = l.park.population(true);
  out << tf("Capacity {1} in {2} shelters: {3} of the day population ({4}), {5} of the night population ({6})", thousands(cap),
            l.park.shelters.size(), percent(double(cap) / double(std::max(1L, day))), thousands(day),
            percent(double(cap) / double(std::max(1L, night))), thousands(night))
      << "\n";
  out << tr("Catchment: each zone's nominal shelter under the plan on empty roads; demand: its persons. P(overflow):\n"
            "share of Monte Carlo runs in which the shelter turned anyone away.")
      << "\n";
  return out.str();
}

// [SECTION] JSON and the report folder: report.md, map.svg, evaluation.json, shelters.gpkg
nlohmann::json toJson(const LoadedScenario& l, const Settings& s, const ShelterEvaluation& e) {
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
  j["findings"] = nlohmann::json::array();
  for (const auto& f : e.findings) j["findings"].push_back(f.text);
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
    for (const PopulationEvaluation* p : {&e.day, &e.night}) {
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
            {"runs", p->runs.efficiency.size()}, {"mean", p->runs.summary.efficiency.mean},
            {"lowest", p->runs.summary.efficiency.min}, {"mean_bound_s", p->runs.summary.bound_s.mean}};
      }
      o[p->demand.night ? "night" : "day"] = pop;
    }
    shelters.push_back(o);
  }
  j["shelters"] = shelters;
  json plans = json::array();
  for (const auto& p : e.plans) {
    json o = {{"plan", p.plan->id}, {"runs", p.runs.runs}, {"runs_bounded", p.runs.efficiency.size()},
              {"mean_clearance_s", p.runs.summary.clearance_s.mean}};
    if (!p.runs.efficiency.empty()) {
      o["mean_bounded_clearance_s"] = p.runs.summary.boundedClearance_s.mean;
      o["mean_bound_s"] = p.runs.summary.bound_s.mean;
      o["mean"] = p.runs.summary.efficiency.mean;
      o["lowest"] = p.runs.summary.efficiency.min;
    }
    plans.push_back(o);
  }
  j["plan_efficiency"] = plans;
  return j;
}

// The evaluation as the committee files it (report.html, report.docx): the same header, map,
// findings and tables as report.md.
report::Document evaluationDocument(const LoadedScenario& l, const Settings& s, const ShelterEvaluation& e, const std::string& mapSvg) {
  report::Document doc = scenarioDocument(l, tr("Shelter evaluation"));
  doc.subtitle = l.scenario.name;
  const std::string h = header(l, s);
  doc.paragraph(h.substr(h.find('\n') + 1, h.size() - h.find('\n') - 2));
  doc.heading(tr("Findings"));
  if (e.findings.empty()) doc.paragraph(tr("Nothing above the thresholds."));
  std::vector<std::string> findings;
  for (const auto& f : e.findings) findings.push_back(f.text);
  if (!findings.empty()) doc.bullets(findings);
  doc.picture(mapSvg, tr("Shelter catchments by night"));
  doc.heading(tr("Shelters"));
  for (const EvaluationTable& t : evaluationTables(l, s, e)) {
    if (!t.heading.empty()) doc.heading(t.heading, 2);
    report::Table table = documentTable(t.table);
    // the names and the zone lists wide, the figures narrow
    table.widths = t.heading.empty() ? std::vector<double>{0.8, 2.6, 0.8, 0.9, 0.9, 1.2, 1.4}
                                     : std::vector<double>{0.9, 0.9, 2.0, 0.8, 1.0, 0.9, 0.9, 0.9, 1.6, 1.0, 1.0};
    table.widths.resize(table.columns.size(), 1.1);
    doc.table(table);
    for (const auto& line : t.notes) doc.paragraph(line);
  }
  if (!e.plans.empty()) {
    const EfficiencyTable t = efficiencyTable(l, e);
    doc.heading(tr("Plan efficiency"), 2).paragraph(t.lead).table(documentTable(t.table)).note(t.note);
  }
  doc.landscape = true;
  return doc;
}

void writeOutputs(const std::string& dir, const LoadedScenario& l, const Settings& s, const ShelterEvaluation& e) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create the folder " + dir + ": " + ec.message());
  // The map: each zone's nominal night shelter, red where the walk is beyond the radius.
  MapOptions map;
  map.title = tf("Shelter catchments by night: {1}", l.scenario.name);
  map.linksLabel = tr("zone to its shelter (night)");
  map.flaggedLabel = tf("walk beyond {1} m", fixed(s.radius_m, 0));
  for (std::size_t z = 0; z < l.park.zones.size(); ++z) {
    const int sh = e.night.demand.zoneShelter[z];
    if (sh < 0 || l.park.zones[z].pop_night <= 0) continue;
    map.links.push_back({l.park.zones[z].centroid, l.park.shelters[std::size_t(sh)].position,
                         e.night.demand.zoneWalk_m[z] > s.radius_m});
  }
  const std::string mapSvg = parkMapSvg(l.park, l.substances, map);
  writeFileAtomically(dir + "/map.svg", mapSvg);
  std::ostringstream md;
  md << "# " << header(l, s).substr(0, header(l, s).find('\n')) << "\n\n";
  std::string h = header(l, s);
  md << h.substr(h.find('\n') + 1) << "\n![" << tr("Shelter catchments by night") << "](map.svg)\n\n## " << tr("Findings")
     << "\n\n";
  if (e.findings.empty()) md << tr("Nothing above the thresholds.") << "\n";
  for (const auto& f : e.findings) md << "- " << f.text << "\n";
  md << "\n## " << tr("Shelters") << "\n\n" << tables(l, s, e, true) << planEfficiencyTable(l, e, true);
  writeFileAtomically(dir + "/report.md", md.str());
  const report::Document doc = evaluationDocument(l, s, e, mapSvg);
  writeFileAtomically(dir + "/report.html", report::toHtml(doc));
  writeFileAtomically(dir + "/report.docx", report::toDocx(doc));
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

// [SECTION] The evaluate subcommand
int evaluate(const Args& args) {
  Diagnostics diagnostics;
  if (args.positional().size() != 2) throw UsageError(tr("expected exactly one scenario file after 'evaluate'"));
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
  s.jobs = args.jobs();
  s.radius_m = args.number("radius", 1, 100000, kServiceRadius_m);
  s.boundRuns = long(args.count("bound-runs", 20));
  s.areaPerPerson_m2 = args.number("area-per-person", 0.1, 100, kAreaPerPerson_m2);
  const std::string format = args.choice("format", {"text", "json"}, "text");

  const ShelterEvaluation e = evaluateShelters(*loaded, s);
  if (format == "json") {
    std::cout << toJson(*loaded, s, e).dump(2) << "\n";
  } else {
    std::cout << header(*loaded, s) << "\n" << tr("Findings") << "\n";
    if (e.findings.empty()) std::cout << "  " << tr("nothing above the thresholds") << "\n";
    for (const auto& f : e.findings) std::cout << "  - " << f.text << "\n";
    std::cout << "\n" << tr("Shelters") << "\n" << tables(*loaded, s, e, false) << planEfficiencyTable(*loaded, e, false);
  }
  if (auto dir = args.value("out")) {
    writeOutputs(*dir, *loaded, s, e);
    if (format == "text") std::cout << "\n" << tf("Report: {1}/report.html and report.docx (report.md, map.svg, evaluation.json, shelters.gpkg)", *dir) << "\n";
  }
  std::cout.flush();
  std::_Exit(kExitOk);  // as `run`: SimGrid's teardown holds nothing we need
}

}  // namespace

// [SECTION] Help and dispatch
std::string helpShelters() {
  return std::string(tr("Usage: drillsim shelters evaluate SCENARIO.yaml [options]\n"
         "       drillsim shelters compare SCENARIO.yaml LAYOUT.yaml... [options]\n"
         "       drillsim shelters site SCENARIO.yaml CANDIDATES --sites K | --target X [options]\n\n"
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
         "site chooses K of the candidate sites to add, or with --target the cheapest set that meets\n"
         "the target. CANDIDATES is a YAML file (candidates: [{id, capacity, lon, lat, name, kind,\n"
         "cost}]), a GeoJSON file or a GeoPackage with a layer `candidates` (points or polygons with\n"
         "id, capacity, name, kind, cost). --objective arrival minimises the time for 95 % to be\n"
         "sheltered (surrogate: the quickest-flow bound); exposure, the persons over AEGL-2\n"
         "(surrogate: persons sheltering inside an AEGL-2 zone over the weather). The surrogate\n"
         "screens the sets; Monte Carlo runs of the plan confirm the finalists against the current\n"
         "shelters, with how sure the ranking is.\n\n")) +
         describeOptions(kOptions) + tr("\nExit codes: 0 done, 2 the scenario or layout is invalid, 64 bad command line,\n"
         "73 the output cannot be written.\n");
}

int runShelters(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  if (args.positional().empty()) throw UsageError(tr("expected a subcommand: evaluate, compare or site"));
  const std::string sub = args.positional()[0];
  if (sub == "evaluate") return evaluate(args);
  if (sub == "compare") return compareLayouts(args);
  if (sub == "site") return siteShelters(args);
  throw UsageError(tf("unknown subcommand {1}; {2}", inQuotes(sub), expectedOneOf(sub, {"evaluate", "compare", "site"})));
}

}  // namespace drillsim::cli
