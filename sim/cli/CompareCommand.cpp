// drillsim compare: what a batch says about its plans, as sim/analysis/Comparison computes it
// (means, quantiles, paired differences against a baseline, verdicts, threshold probabilities),
// printed as text, Markdown, CSV or JSON.
#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/analysis/Comparison.hpp"
#include "sim/batch/DrawFilter.hpp"
#include "sim/engine/Outcome.hpp"
#include "sim/batch/ResultStore.hpp"
#include "sim/batch/Statistics.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/TextTable.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"baseline", true, "plan the others are compared with (default: the batch's first plan)", "ID"},
    {"format", true, "text (default), csv, json or md", "FORMAT"},
    {"precision", true, "target half-width of the mean's interval, as a share of the mean (default 0.05)", "SHARE"},
    {"salvage", true, "copy the rows of a damaged store that can still be read into a new store, and stop", "NEW.gpkg"},
    {"where", true, "only the replications whose draws satisfy these conditions, e.g. 'wind_speed_ms<2,stability=F'", "CONDITIONS"},
};

// A statistic in a table: "-" when there is none, "∞" when unbounded, never "-0".
std::string shown(double v, int digits) {
  if (std::isnan(v)) return "-";
  if (std::isinf(v)) return v > 0 ? "∞" : "-∞";
  if (std::abs(v) < 0.5 * std::pow(10.0, -digits)) v = 0;  // no "-0"
  return fixed(v, digits);
}

// One line of a statistic in a metric's table.
std::string range(double low, double high, int digits) { return shown(low, digits) + " – " + shown(high, digits); }
double quantileValue(const stats::Summary& s, std::size_t i) { return s.quantiles.size() > i ? s.quantiles[i].value : NAN; }
std::string verdictText(const PlanStatistics& p) { return p.verdict ? stats::verdictShown(*p.verdict) : ""; }

std::string comparisonText(const Comparison& c, const std::string& path, const BatchSettings& settings,
                           const std::string& conditions) {
  std::ostringstream text;
  std::string plans;
  for (const auto& p : c.plans) plans += (plans.empty() ? "" : ", ") + p;
  text << tf("Batch {1}: {2}, seed {3}, {4} replications per plan, plans {5}", path, settings.scenarioFile, settings.seed,
             settings.replications, plans)
       << "\n";
  for (const auto& p : c.plans)
    if (const auto it = c.failed.find(p); it != c.failed.end() && it->second)
      text << "  " << tf("plan {1}: {2} replication(s) failed and are left out", p, it->second) << "\n";
  if (c.filtered)
    text << tf("Only the replications whose draws satisfy {1}: {2} of {3}, the same under every plan.", conditions, c.selected,
               c.considered)
         << "\n";
  text << (c.comparisons > 1
               ? tf("Differences are each plan minus {1} over the same replications (common random numbers), with {2} % intervals (Bonferroni, {3} comparisons).",
                    c.baseline, fixed(100 * c.level, 1), c.comparisons)
               : tf("Differences are each plan minus {1} over the same replications (common random numbers), with 95 % intervals.", c.baseline))
       << tr(" 'same' means the interval holds 0: the batch cannot tell the plans apart on this metric.") << "\n";
  for (const MetricComparison& m : c.metrics) {
    TextTable table({tr("plan"), "n", tr("mean"), tr("95 % CI"), "sd", "P50", "P90", tr("P95 [95 % CI]"), tf("vs {1}", c.baseline),
                     "CI", "r", "", tf("n for ±{1} %", fixed(100 * c.precision, 0))},
                    {false, true, true, false, true, true, true, false, true, false, true, false, true});
    const int dg = m.meaning.digits;
    for (const PlanStatistics& p : m.plans) {
      const stats::Summary& s = p.summary;
      const stats::Paired& d = p.vsBaseline;
      const auto& q = s.quantiles;
      table.row({p.plan, std::to_string(s.n), shown(s.mean, dg), s.n > 1 ? range(s.mean - s.halfWidth95, s.mean + s.halfWidth95, dg) : "",
                 shown(s.sd, dg), shown(quantileValue(s, 0), dg), shown(quantileValue(s, 1), dg),
                 q.size() > 2 ? shown(q[2].value, dg) + " [" + shown(q[2].interval95.low, dg) + ", " + shown(q[2].interval95.high, dg) + "]" : "",
                 p.baseline ? "" : shown(d.meanDifference, dg),
                 p.baseline || d.n < 2 ? "" : range(d.meanDifference - d.halfWidth, d.meanDifference + d.halfWidth, dg),
                 p.baseline || d.n < 2 ? "" : fixed(d.correlation, 2), verdictText(p),
                 p.replicationsNeeded > s.n ? thousands(p.replicationsNeeded) : tr("enough")});
    }
    text << "\n" << m.metric << " — " << tr(m.meaning.meaning) << "\n" << table.str();
  }
  TextTable probabilities({tr("event"), tr("plan"), tr("share"), tr("95 % CI (Wilson)")}, {false, false, true, false});
  for (const ThresholdShare& t : c.thresholds)
    probabilities.row({tr(t.event.text.c_str()), t.plan, t.n ? fixed(100.0 * double(t.hits) / double(t.n), 1) + " %" : "-",
                       fixed(100 * t.low95, 1) + " – " + fixed(100 * t.high95, 1) + " %"});
  text << "\n" << tr("Threshold probabilities") << "\n" << probabilities.str();
  return text.str();
}

std::string comparisonMarkdown(const Comparison& c) {
  std::ostringstream md;
  for (const MetricComparison& m : c.metrics) {
    md << "\n### " << m.metric << " — " << tr(m.meaning.meaning) << "\n\n| " << tr("plan") << " | n | " << tr("mean") << " | "
       << tr("95 % CI") << " | sd | P50 | P90 | P95 | " << tf("vs {1}", c.baseline)
       << " | CI | r |\n|---|---|---|---|---|---|---|---|---|---|---|\n";
    const int dg = m.meaning.digits;
    for (const PlanStatistics& p : m.plans) {
      const stats::Summary& s = p.summary;
      const stats::Paired& d = p.vsBaseline;
      md << "| " << p.plan << " | " << s.n << " | " << shown(s.mean, dg) << " | ±" << shown(s.halfWidth95, dg) << " | "
         << shown(s.sd, dg) << " | " << shown(quantileValue(s, 0), dg) << " | " << shown(quantileValue(s, 1), dg) << " | "
         << shown(quantileValue(s, 2), dg) << " | " << (p.baseline ? "" : shown(d.meanDifference, dg)) << " | "
         << (p.baseline ? "" : "±" + shown(d.halfWidth, dg) + " " + verdictText(p)) << " | "
         << (p.baseline ? "" : fixed(d.correlation, 2)) << " |\n";
    }
  }
  return md.str();
}

std::string comparisonCsv(const Comparison& c) {
  std::string csv = "metric,plan,n,mean,mean_low95,mean_high95,sd,p50,p50_low,p50_high,p90,p90_low,p90_high,p95,p95_low,p95_high,"
                    "difference,difference_low,difference_high,correlation,distinguishable,replications_needed\n";
  auto g = [](double v) {
    if (!std::isfinite(v)) return std::string();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return std::string(buf);
  };
  for (const MetricComparison& m : c.metrics)
    for (const PlanStatistics& p : m.plans) {
      const stats::Summary& s = p.summary;
      const stats::Paired& d = p.vsBaseline;
      const auto& q = s.quantiles;
      csv += m.metric + "," + p.plan + "," + std::to_string(s.n) + "," + g(s.mean) + "," + g(s.mean - s.halfWidth95) + "," +
             g(s.mean + s.halfWidth95) + "," + g(s.sd);
      for (std::size_t i = 0; i < 3; ++i)
        csv += i < q.size() ? "," + g(q[i].value) + "," + g(q[i].interval95.low) + "," + g(q[i].interval95.high) : ",,,";
      csv += p.baseline ? ",,,,,"
                        : "," + g(d.meanDifference) + "," + g(d.meanDifference - d.halfWidth) + "," +
                              g(d.meanDifference + d.halfWidth) + "," + g(d.correlation) + "," +
                              (p.verdict == stats::Verdict::Same ? "no" : "yes");
      csv += "," + std::to_string(p.replicationsNeeded) + "\n";
    }
  return csv;
}
}  // namespace

std::string helpCompare() {
  return "Usage: drillsim compare RESULTS.gpkg [options]\n\n"
         "Reads a batch written by `drillsim batch` and compares its plans metric by metric: mean with\n"
         "its 95 % t-interval, standard deviation, P50/P90/P95 with distribution-free intervals; for\n"
         "each plan against the baseline the paired difference (same replications, common random\n"
         "numbers) with its interval, Bonferroni-corrected when more than one plan is compared, the\n"
         "correlation the pairing achieved and whether the plans can be told apart; threshold\n"
         "probabilities with Wilson intervals; and the replications a mean within --precision would need.\n"
         "Only replications with status ok are used; failed ones are counted. A store whose file is damaged\n"
         "(a page SQLite cannot read, a row that does not match its checksum, fewer rows than it counts)\n"
         "gives no figures: --salvage copies the rows that can still be read into a new store, which\n"
         "`drillsim batch SCENARIO --out NEW.gpkg --resume` completes.\n"
         "--where selects replications by what they drew (the weather, each release's rate, duration, hole\n"
         "and dispersion, each fire's start), e.g. --where 'wind_speed_ms<2,stability=F' or\n"
         "--where 'L1.dispersion=dense'; the names are the columns `drillsim batch --csv` writes after the\n"
         "metrics.\n\n" +
         describeOptions(kOptions) +
         "\nExit codes: 0 done, 2 the file is not a batch or is damaged, 64 bad command line, 73 --salvage cannot\n"
         "write its store.\n";
}

int runCompare(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  if (args.positional().size() != 1) throw UsageError("expected exactly one results file");
  const std::string format = args.choice("format", {"text", "csv", "json", "md"}, "text");
  const double precision = args.number("precision", 1e-6, 10, 0.05);
  if (const auto salvage = args.value("salvage")) {
    const std::string& path = args.positional()[0];
    SalvageReport report;
    try {
      report = salvageStore(path, *salvage);
    } catch (const OutputError&) {
      throw;
    } catch (const InputError&) {
      throw;
    } catch (const std::runtime_error& e) {
      std::cerr << "drillsim compare: " << e.what() << "\n";
      return kExitInvalidInput;
    }
    const BatchSettings& s = report.settings;
    const std::size_t asked = std::size_t(s.replications) * s.plans.size() / std::size_t(std::max(1, s.shards));
    const std::size_t missing = asked > report.ok ? asked - report.ok : 0;
    std::cout << "Copied " << report.copied << " of the " << report.expected << " rows " << path << " counts into "
              << *salvage << " (" << report.ok << " succeeded"
              << (report.unreadable ? "; " + std::to_string(report.unreadable) + " could not be read or failed their checks"
                                    : std::string())
              << ").\n";
    if (missing)
      std::cout << "Run the " << missing << " replication" << (missing == 1 ? "" : "s")
                << " missing or failed with: drillsim batch " << s.scenarioFile
                << (s.shards > 1 ? " --shard " + s.shardText() : "") << " --out " << *salvage << " --resume\n";
    return kExitOk;
  }
  std::optional<ResultStore> store;
  try {
    store = ResultStore::open(args.positional()[0], false);
  } catch (const InputError&) {  // a damaged store: located, exit 2
    throw;
  } catch (const std::runtime_error& e) {
    std::cerr << "drillsim compare: " << e.what() << "\n";
    return kExitInvalidInput;
  }
  const BatchSettings& settings = store->settings();
  const std::vector<ReplicationRow> rows = store->rows();
  std::vector<std::string> plans = settings.plans;
  const std::string baseline = args.value("baseline").value_or(plans.empty() ? "" : plans.front());
  if (std::find(plans.begin(), plans.end(), baseline) == plans.end())
    throw UsageError("--baseline: no plan " + inQuotes(baseline) + " in this batch; " + expectedOneOf(baseline, plans));

  // --where: the replications whose draws satisfy the conditions (the same under every plan).
  std::vector<DrawCondition> where;
  if (const auto w = args.value("where")) {
    try {
      where = parseDrawConditions(*w);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("--where: ") + e.what());
    }
    std::vector<std::string> known;
    for (const auto& r : rows)
      if (r.metrics.is_object() && r.metrics.contains("draws")) {
        known = drawnNames(r.metrics.at("draws"));
        break;
      }
    if (known.empty() && !rows.empty()) {
      std::cerr << "drillsim compare: --where: the replications of " << args.positional()[0]
                << " carry no draws (the store was written before batches kept them); run the batch again into a new "
                << "store to select by them: drillsim batch " << settings.scenarioFile << " --out NEW.gpkg\n";
      return kExitInvalidInput;
    }
    for (const auto& c : where)
      if (std::find(known.begin(), known.end(), c.name) == known.end())
        throw UsageError("--where: no drawn quantity " + inQuotes(c.name) + "; " + expectedOneOf(c.name, known));
  }
  const Comparison c = compareToBaseline(rows, plans, baseline, precision, where);
  if (c.successful == 0 && !where.empty() && c.considered > 0) {
    std::cerr << "drillsim compare: none of the " << c.considered << " successful replications of " << args.positional()[0]
              << " drew " << *args.value("where") << ": there is nothing to compare\n";
    return kExitInvalidInput;
  }
  if (c.successful == 0) {  // nothing finished (a batch stopped at once, or every replication failed)
    const long asked = long(settings.replications) * long(plans.size());
    std::cerr << "drillsim compare: " << args.positional()[0] << " holds no successful replication of the " << asked
              << " asked (" << rows.size() << " stored, all failed or none yet): there is nothing to compare. Run them "
              << "with: drillsim batch " << settings.scenarioFile << " --out " << args.positional()[0] << " --resume\n";
    return kExitInvalidInput;
  }
  if (format == "json") std::cout << comparisonJson(c, args.value("where").value_or("")).dump(2) << "\n";
  else if (format == "csv") std::cout << comparisonCsv(c);
  else if (format == "md")
    std::cout << "## Plan comparison (baseline " << baseline << ")\n"
              << (where.empty() ? "" : "\nReplications whose draws satisfy `" + *args.value("where") + "`: " +
                                           std::to_string(c.selected) + " of " + std::to_string(c.considered) + ".\n")
              << comparisonMarkdown(c);
  else std::cout << comparisonText(c, args.positional()[0], settings, args.value("where").value_or(""));
  return kExitOk;
}

}  // namespace drillsim::cli
