// drillsim shelters compare and site: shelter layouts set against the current shelters under
// common random numbers, and new sites chosen from candidates (sim/analysis/Siting.hpp).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "scenarios/I18n.hpp"
#include "scenarios/RandomStream.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/analysis/LayoutComparison.hpp"
#include "sim/analysis/Siting.hpp"
#include "sim/batch/Batch.hpp"
#include "sim/batch/Statistics.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/TextTable.hpp"
#include "sim/engine/Outcome.hpp"

namespace drillsim::cli {

namespace {
/// Worker processes: --jobs, else the processors.
int jobsArgument(const Args& args) {
  return args.jobs();
}

/// The scenario's own shelters, as the tables name them ("current" in the JSON).
std::string currentShown() {
  return tc("shelter layout", "current");
}
}  // namespace

int compareLayouts(const Args& args) {
  if (args.positional().size() < 3)
    throw UsageError(tr("expected a scenario file and at least one layout file after 'compare'"));
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
  const int jobs = jobsArgument(args);
  const bool night = args.choice("population", {"day", "night"}, base->scenario.night() ? "night" : "day") == "night";
  const std::string format = args.choice("format", {"text", "json", "md"}, "text");

  BatchOptions batch;
  batch.seed = seed;
  batch.jobs = jobs;
  std::vector<std::vector<nlohmann::json>> runs;
  for (const auto& layout : layouts)
    runs.push_back(planMetricsOnLayout(scenario, substances, layout, night, plan.id, replications, batch));

  const LayoutComparison c = compareLayoutRuns(names, layouts, runs);
  const std::string population = wordOf(night ? Population::Night : Population::Day);
  if (format == "json") {
    std::cout << layoutComparisonJson(c, base->scenario.name, plan.id, population, seed).dump(2) << "\n";
    return kExitOk;
  }
  const bool md = format == "md";
  std::cout << (md ? "# " : "") << tf("Shelter layouts compared: {1}", base->scenario.name) << "\n"
            << (md ? "\n" : "")
            << tf("Plan {1} {2}, {3}, {4} replications of seed {5} on every layout (common random numbers: the same "
                  "weather, leak\nand pre-movement draws); differences are paired, layout minus current, with {6} % "
                  "intervals.",
                  plan.id, plan.name, shownWord(night ? Population::Night : Population::Day), c.replications, seed,
                  fixed(100 * c.level, 1))
            << "\n";
  for (std::size_t k = 1; k < layouts.size(); ++k) std::cout << (md ? "- " : "  ") << names[k] << ": " << layouts[k] << "\n";
  std::cout << "\n";
  std::vector<std::string> header = {tr("metric"), currentShown()};
  for (std::size_t k = 1; k < layouts.size(); ++k) {
    header.push_back(names[k]);
    header.push_back(tr("difference [CI]"));
    header.push_back(tr("verdict"));
  }
  std::vector<std::vector<std::string>> table;
  for (const LayoutMetric& m : c.metrics) {
    auto show = [&](double x) { return m.share ? fixed(100 * x, 0) + " %" : thousands(std::lround(x)); };
    auto showDiff = [&](double x) {
      return m.share ? tcf("percentage points", "{1} pts", fixed(100 * x, 0)) : fixed(x, 0);
    };
    std::vector<std::string> cells = {tr(m.label.c_str()), show(m.means[0])};
    for (std::size_t k = 1; k < layouts.size(); ++k) {
      const stats::Paired& d = m.differences[k - 1].paired;
      const double mean = d.meanDifference, h = d.halfWidth;
      cells.push_back(show(m.means[k]));
      cells.push_back(showDiff(mean) + " [" + showDiff(mean - h) + ", " + showDiff(mean + h) + "]");
      cells.push_back(stats::verdictShown(m.differences[k - 1].verdict));
    }
    table.push_back(cells);
  }
  std::vector<std::string> sheltersHeader = {tr("shelter P(overflow)"), currentShown()};
  for (std::size_t k = 1; k < names.size(); ++k) sheltersHeader.push_back(names[k]);
  std::vector<std::vector<std::string>> sheltersTable;
  for (const auto& o : c.shelters) {
    std::vector<std::string> cells = {o.shelter};
    for (const auto& p : o.share) cells.push_back(p ? fixed(100 * *p, 0) + " %" : "-");
    sheltersTable.push_back(cells);
  }
  auto emit = [&](const std::vector<std::string>& h, const std::vector<std::vector<std::string>>& rowsText) {
    std::vector<bool> right(h.size(), true);
    right[0] = false;
    TextTable t(h, right);
    for (const auto& r : rowsText) t.row(r);
    std::cout << t.str(md);
  };
  emit(header, table);
  std::cout << "\n";
  emit(sheltersHeader, sheltersTable);
  return kExitOk;
}

namespace {
/// The candidates file: a YAML list, or a GIS point (or polygon) layer read in the park's CRS.
std::optional<ShelterLayoutFile> candidateSites(const std::string& file, const Park& park, Diagnostics& d) {
  const std::string ext = std::filesystem::path(file).extension().string();
  if (ext == ".geojson" || ext == ".json" || ext == ".gpkg") return loadCandidateLayer(file, park.crs, d);
  return loadCandidateSites(file, d);
}

}  // namespace

namespace {
/// What a siting run is about, for its printing: the scenario, the candidates, the options and
/// the plan, and how a set and a surrogate are said.
struct SiteContext {
  const LoadedScenario& base;
  const ShelterLayoutFile& candidates;
  const std::string& sitesFile;
  const SitingOptions& options;
  const Plan& plan;
  bool exposure = false, night = false;
  std::uint64_t seed = 0;

  /// A set by its candidates' ids and names; "current" for none.
  std::string names(const std::vector<int>& set) const {
    std::string t;
    for (int c : set) {
      const auto& ch = candidates.changes[std::size_t(c)];
      t += (t.empty() ? "" : " + ") + ch.id + (ch.name ? " " + *ch.name : "");
    }
    return t.empty() ? currentShown() : t;
  }
  /// The objective's surrogate (or its Monte Carlo metric) in words and units.
  std::string shown(double v) const {
    if (!std::isfinite(v)) return tr("not everyone placed");
    return exposure ? tf("{1} persons", fixed(v, 1)) : thousands(std::lround(v)) + " s";
  }
};

/// The screening: the surrogate's sets, and what it says of the target. False when no set meets
/// the target, so that nothing is left to confirm.
bool printScreening(const SiteContext& c, const SitingResult& found) {
  const LoadedScenario* base = &c.base;
  const ShelterLayoutFile* candidates = &c.candidates;
  const std::string& sitesFile = c.sitesFile;
  const SitingOptions& options = c.options;
  const Plan& plan = c.plan;
  const bool exposure = c.exposure, night = c.night;
  auto names = [&c](const std::vector<int>& set) { return c.names(set); };
  auto shown = [&c](double v) { return c.shown(v); };
  const char* population = shownWord(night ? Population::Night : Population::Day);
  const char* objective = exposure ? tr("persons over AEGL-2") : tr("time for 95 % to be sheltered");
  std::cout << tf("Shelter siting: {1}", base->scenario.name) << "\n"
            << (options.target ? tf("the cheapest set of {1} candidate sites ({2}), plan {3}, {4}",
                                    candidates->changes.size(), sitesFile, plan.id, population)
                               : tf("{1} of {2} candidate sites ({3}), plan {4}, {5}", options.sites,
                                    candidates->changes.size(), sitesFile, plan.id, population))
            << "\n"
            << (options.target ? tf("Objective: {1}, target at most {2}", objective, shown(*options.target))
                               : tf("Objective: {1}", objective));
  std::cout << "\n\n"
            << (exposure
                    ? tf("Screening ({1} layouts): persons the plan's catchments send to shelters inside an AEGL-2 "
                         "zone,\nover {2} weather draws (ties: the arrival bound)",
                         found.evaluations, options.threatDraws)
                    : tf("Screening ({1} layouts): the quickest-flow bound for 95 % of the evacuees given the plan's "
                         "own\ndepartures, averaged over its first {2} runs (time step {3} s)",
                         found.evaluations, options.draws, fixed(options.step_s, 0)))
            << "\n";
  TextTable screen({tr("layout"), tr("surrogate"), tr("95 % in (bound)"), tr("cost")}, {false, true, true, true});
  auto screenRow = [&](const std::string& name, const SiteSet& s) {
    screen.row({name, shown(s.score), std::isfinite(s.arrival_s) ? thousands(std::lround(s.arrival_s)) + " s" : "-",
                fixed(s.cost, 0)});
  };
  screenRow(currentShown(), found.current);
  if (options.target) screenRow(tf("all {1} candidates", candidates->changes.size()), found.all);
  for (const auto& f : found.finalists) screenRow(names(f.candidates), f);
  std::cout << screen.str();
  if (options.target && found.targetMet && found.finalists.empty())
    std::cout << "\n"
              << tr("The current shelters already meet the target by the surrogate: no site is needed by this\n"
                    "screen. The surrogate is optimistic; the runs below say whether the plan meets it.")
              << "\n";
  if (options.target && !found.targetMet) {
    if (exposure)
      std::cout << "\n"
                << tf("The search found no set of these candidates that meets the target by the surrogate (with\n"
                      "all of them it is {1}). The exposure surrogate does not only fall as sites\n"
                      "are added, and the search is heuristic: this is not a proof that none exists.",
                      shown(found.all.score))
                << "\n";
    else
      std::cout
          << "\n"
          << tf("No set of these candidates meets the target by the surrogate: with all of them it is {1}.\n"
                "Adding sites never raises the bound, and the bound is a lower bound (to within its {2} s step) "
                "on\nthe time for 95 % to be sheltered given the plan's own departures: the plan's mean over those "
                "runs\nmisses the target, by the step's margin, on every layout made from these candidates.\n"
                "Sites nearer the zones that are last in, wider roads, or an earlier alarm are needed.",
                shown(found.all.score), fixed(options.step_s, 0))
          << "\n";
    return false;
  }
  return true;
}

/// The confirmation's table: each finalist's runs against the current shelters.
void printConfirmation(const SiteContext& c, const SitingResult& found, const SiteConfirmation& sure) {
  const SitingOptions& options = c.options;
  const Plan& plan = c.plan;
  const bool exposure = c.exposure;
  const std::uint64_t seed = c.seed;
  auto names = [&c](const std::vector<int>& set) { return c.names(set); };
  const auto& values = sure.values;
  std::cout << "\n"
            << tf("Confirmation: plan {1}, {2} replications of seed {3} on every layout (common random numbers); {4}, "
                  "paired against current",
                  plan.id, sure.replications, seed, exposure ? tr("persons over AEGL-2") : tr("95 % sheltered [s]"))
            << "\n";
  std::vector<std::string> header = {tr("layout"),  tr("cost"),   tr("mean"), tr("difference [95 % CI]"),
                                     tr("verdict"), tr("P(best)")};
  if (options.target) header.push_back(tr("P(mean meets target)"));
  TextTable confirm(header, {false, true, true, true, false, true, true});
  auto mean = [&](std::size_t k) {
    return exposure ? fixed(sure.means[k], 1) : thousands(std::lround(sure.means[k]));
  };
  auto percentOf = [](double share) { return fixed(100.0 * share, 0) + " %"; };
  std::vector<std::string> first = {currentShown(), "0", mean(0), "", "", percentOf(sure.sure.best[0])};
  if (options.target) first.push_back(percentOf(sure.sure.meetsTarget[0]));
  confirm.row(first);
  for (std::size_t k = 1; k < values.size(); ++k) {
    const stats::Paired& d = sure.differences[k - 1];
    const int digits = exposure ? 1 : 0;
    std::vector<std::string> row = {names(found.finalists[k - 1].candidates),
                                    fixed(found.finalists[k - 1].cost, 0),
                                    mean(k),
                                    fixed(d.meanDifference, digits) + " [" +
                                        fixed(d.meanDifference - d.halfWidth, digits) + ", " +
                                        fixed(d.meanDifference + d.halfWidth, digits) + "]",
                                    stats::verdictShown(sure.verdicts[k - 1]),
                                    percentOf(sure.sure.best[k])};
    if (options.target) row.push_back(percentOf(sure.sure.meetsTarget[k]));
    confirm.row(row);
  }
  std::cout << confirm.str();
  std::cout << "\n"
            << (options.target
                    ? tf("P(best): share of {1} paired bootstrap resamples of the replications in which the\n"
                         "layout has the lowest mean; P(mean meets target): in which its mean is at most the "
                         "target.",
                         sure.resamples)
                    : tf("P(best): share of {1} paired bootstrap resamples of the replications in which the\n"
                         "layout has the lowest mean.",
                         sure.resamples))
            << "\n";
}
}  // namespace

int siteShelters(const Args& args) {
  if (args.positional().size() != 3) throw UsageError(tr("expected a scenario file and a candidate sites file after 'site'"));
  const std::string scenario = args.positional()[1], sitesFile = args.positional()[2];
  const std::string substances = args.value("substances", "");
  Diagnostics diagnostics;
  auto base = loadAndValidate(scenario, diagnostics, substances);
  const auto candidates = base ? candidateSites(sitesFile, base->park, diagnostics) : std::nullopt;
  if (base && candidates)
    for (const ShelterChange& c : candidates->changes)
      if (base->park.shelter(c.id))
        diagnostics.error(
            c.where, "id",
            tf("expected a new shelter id, found {1}, which the park's shelters already use", inQuotes(c.id)));
  printDiagnostics(diagnostics);
  if (!base || !candidates || diagnostics.hasErrors()) return kExitInvalidInput;
  SitingOptions options;
  const bool exposure = args.choice("objective", {"arrival", "exposure"}, "arrival") == "exposure";
  options.objective = exposure ? SitingObjective::Exposure : SitingObjective::Arrival;
  if (args.value("target")) {
    if (args.value("sites")) throw UsageError(tr("--sites and --target: give one (K sites, or the cheapest set meeting a target)"));
    options.target = args.number("target", 0, 1e9, 0);
  }
  options.sites = int(std::max<std::uint64_t>(1, args.count("sites", 1)));
  options.finalists = int(std::max<std::uint64_t>(1, args.count("finalists", 3)));
  options.draws = int(std::max<std::uint64_t>(1, args.count("screen-draws", 4)));
  options.threatDraws = int(std::max<std::uint64_t>(1, args.count("threat-draws", 200)));
  if (!options.target && options.sites > int(candidates->changes.size()))
    throw UsageError(tf("--sites: {1} sites asked for, but the file offers {2}", options.sites, candidates->changes.size()));
  if (exposure && std::none_of(base->scenario.hazards.begin(), base->scenario.hazards.end(),
                               [](const Hazard& h) { return std::holds_alternative<ToxicRelease>(h.detail); }))
    throw UsageError(tr("--objective exposure: the scenario has no toxic release; expected one whose AEGL-2 zone the "
                        "sites should avoid, or --objective arrival"));
  const Plan& plan = args.value("plan") ? planArgument(*base, *args.value("plan")) : base->scenario.plans.front();
  const long replications = long(std::max<std::uint64_t>(2, args.count("replications", 100)));
  const std::uint64_t seed = args.count("seed", base->scenario.monte_carlo.seed);
  const bool night = base->scenario.night();

  BatchOptions batch;
  batch.seed = seed;
  batch.jobs = jobsArgument(args);
  // The plan's departures in the first runs on the current shelters: the arrival surrogate's
  // releases (they do not depend on where the shelters are).
  options.departures = planDepartures(*base, scenario, substances, plan.id, night, options.draws, batch);
  const SitingResult found = chooseSites(*base, *candidates, plan, options);
  const SiteContext context{*base, *candidates, sitesFile, options, plan, exposure, night, seed};
  if (!printScreening(context, found)) return kExitOk;
  // Confirmation: the plan on the current shelters and on each finalist, same random numbers.
  std::vector<std::vector<int>> finalists;
  for (const auto& f : found.finalists) finalists.push_back(f.candidates);
  const SiteConfirmation sure = confirmSites(scenario, substances, *candidates, finalists, plan.id, night, replications,
                                             batch, exposure ? "persons_over_aegl2" : "arrival_p95_s", options.target);
  printConfirmation(context, found, sure);
  return kExitOk;
}

}  // namespace drillsim::cli
