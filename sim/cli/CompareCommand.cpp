// drillsim compare: what a batch says about its plans, as sim/analysis/Comparison computes it
// (means, quantiles, paired differences against a baseline, verdicts, threshold probabilities),
// printed as text, Markdown, CSV or JSON, or written as a document to print or file (HTML, .docx).
#include <cmath>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/analysis/Comparison.hpp"
#include "sim/batch/DrawFilter.hpp"
#include "sim/engine/Outcome.hpp"
#include "sim/batch/ResultStore.hpp"
#include "sim/batch/Statistics.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/DocumentOutput.hpp"
#include "sim/cli/TextTable.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"baseline", true, i18n::kNoop("plan the others are compared with (default: the batch's first plan)"), "ID"},
    {"format", true, i18n::kNoop("text (default), csv, json, md, html (a page to print) or docx (a Word/WPS document, with --out)"), "FORMAT"},
    {"out", true, i18n::kNoop("write the html or docx document to this file (html without it: the standard output)"), "FILE"},
    {"precision", true, i18n::kNoop("target half-width of the mean's interval, as a share of the mean (default 0.05)"), "SHARE"},
    {"salvage", true, i18n::kNoop("copy the rows of a damaged store that can still be read into a new store, and stop"), "NEW.gpkg"},
    {"where", true, i18n::kNoop("only the replications whose draws satisfy these conditions, e.g. 'wind_speed_ms<2,stability=F'"), "CONDITIONS"},
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

// A metric's table as the text and the document show it.
TextTable metricTable(const Comparison& c, const MetricComparison& m) {
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
  return table;
}

TextTable thresholdTable(const Comparison& c) {
  TextTable probabilities({tr("event"), tr("plan"), tr("share"), tr("95 % CI (Wilson)")}, {false, false, true, false});
  for (const ThresholdShare& t : c.thresholds)
    probabilities.row({tr(t.event.text.c_str()), t.plan, t.n ? fixed(100.0 * double(t.hits) / double(t.n), 1) + " %" : "-",
                       fixed(100 * t.low95, 1) + " – " + fixed(100 * t.high95, 1) + " %"});
  return probabilities;
}

std::string differencesRead(const Comparison& c) {
  return (c.comparisons > 1
              ? tf("Differences are each plan minus {1} over the same replications (common random numbers), with {2} % intervals (Bonferroni, {3} comparisons).",
                   c.baseline, fixed(100 * c.level, 1), c.comparisons)
              : tf("Differences are each plan minus {1} over the same replications (common random numbers), with 95 % intervals.", c.baseline)) +
         tr(" 'same' means the interval holds 0: the batch cannot tell the plans apart on this metric.");
}

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
  text << differencesRead(c) << "\n";
  for (const MetricComparison& m : c.metrics)
    text << "\n" << m.metric << " — " << tr(m.meaning.meaning) << "\n" << metricTable(c, m).str();
  text << "\n" << tr("Threshold probabilities") << "\n" << thresholdTable(c).str();
  return text.str();
}

// [The document] The comparison as a committee files it (compare --format html|docx): what the
// batch says of each plan against the baseline in sentences, metric by metric, how sure (the
// interval at the corrected level), then the threshold probabilities and every metric's table.

// The scenario the batch ran, when its file is still the one that was run (its hash): the park's
// name for the running header and the plans' names.
std::optional<LoadedScenario> batchScenario(const BatchSettings& settings) {
  if (settings.scenarioHash.empty() || fileHash(settings.scenarioFile) != settings.scenarioHash) return std::nullopt;
  Diagnostics ignored;  // the batch's own run printed them
  return loadAndValidate(settings.scenarioFile, ignored);
}

std::string planShown(const std::optional<LoadedScenario>& loaded, const std::string& id) {
  if (loaded)
    for (const Plan& p : loaded->scenario.plans)
      if (p.id == id && !p.name.empty()) return id + " " + p.name;
  return id;
}

// One plan against the baseline on one metric, in a sentence.
std::string verdictSentence(const Comparison& c, const MetricComparison& m, const PlanStatistics& base, const PlanStatistics& p) {
  const int dg = m.meaning.digits;
  const stats::Paired& d = p.vsBaseline;
  const std::string what = std::string(tr(m.meaning.meaning)) + " (" + m.metric + ")";
  const std::string level = fixed(100 * c.level, 1);
  const std::string low = shown(d.meanDifference - d.halfWidth, dg), high = shown(d.meanDifference + d.halfWidth, dg);
  const std::string planMean = shown(p.summary.mean, dg), baseMean = shown(base.summary.mean, dg);
  if (d.meanDifference == 0 && d.halfWidth == 0)
    return tf("{1} and {2} give the same {3} in every replication: {4} on average.", p.plan, c.baseline, what, planMean);
  switch (*p.verdict) {
    case stats::Verdict::Better:
      return tf("{1} is better than {2} on {3}: {4} against {5} on average, a difference of {6} ({7} % interval {8} to {9}).", p.plan,
                c.baseline, what, planMean, baseMean, shown(d.meanDifference, dg), level, low, high);
    case stats::Verdict::Worse:
      return tf("{1} is worse than {2} on {3}: {4} against {5} on average, a difference of {6} ({7} % interval {8} to {9}).", p.plan,
                c.baseline, what, planMean, baseMean, shown(d.meanDifference, dg), level, low, high);
    default:
      return tf("{1} cannot be told apart from {2} on {3}: {4} against {5} on average; the difference {6} has a {7} % interval of {8} to {9}, which holds 0.",
                p.plan, c.baseline, what, planMean, baseMean, shown(d.meanDifference, dg), level, low, high);
  }
}

report::Document comparisonDocument(const Comparison& c, const std::string& path, const BatchSettings& settings,
                                    const std::string& conditions) {
  const auto loaded = batchScenario(settings);
  report::Document doc = newDocument(loaded && !loaded->scenario.park_name.empty() ? loaded->scenario.park_name
                                     : loaded                                      ? loaded->scenario.name
                                                                                   : settings.scenarioFile,
                                     tr("Comparison of response plans"));
  doc.subtitle = loaded ? loaded->scenario.name : settings.scenarioFile;
  std::string others;
  for (const auto& p : c.plans)
    if (p != c.baseline) others += (others.empty() ? "" : "\n") + planShown(loaded, p);
  std::vector<std::pair<std::string, std::string>> head = {
      {tr("Batch"), path},
      {tr("Scenario file"), settings.scenarioFile},
      {tr("Baseline"), planShown(loaded, c.baseline)},
      {tr("Plans compared"), others},
      {tr("Replications per plan"), tf("{1} (seed {2}; the same draws under every plan)", settings.replications, settings.seed)}};
  for (const auto& p : c.plans)
    if (const auto it = c.failed.find(p); it != c.failed.end() && it->second)
      head.push_back({tr("Failed replications"), tf("plan {1}: {2} replication(s) failed and are left out", p, it->second)});
  if (c.filtered)
    head.push_back({tr("Replications selected"),
                    tf("Only the replications whose draws satisfy {1}: {2} of {3}, the same under every plan.", conditions, c.selected,
                       c.considered)});
  doc.fields(head);

  doc.heading(tr("What the batch says"));
  doc.paragraph(differencesRead(c));
  {  // at a glance: a row per metric that has a better way, a column per plan against the baseline
    report::Table glance;
    glance.columns = {tr("metric")};
    for (const auto& p : c.plans)
      if (p != c.baseline) glance.columns.push_back(tf("{1} against {2}", p, c.baseline));
    for (const MetricComparison& m : c.metrics) {
      if (m.meaning.better == 0) continue;
      std::vector<std::string> row = {std::string(tr(m.meaning.meaning)) + "\n" + m.metric};
      for (const auto& p : m.plans) {
        if (p.baseline) continue;
        const int dg = m.meaning.digits;
        const stats::Paired& d = p.vsBaseline;
        row.push_back(!p.verdict ? "-"
                                 : verdictText(p) + "\n" + shown(d.meanDifference, dg) + " [" + shown(d.meanDifference - d.halfWidth, dg) +
                                       ", " + shown(d.meanDifference + d.halfWidth, dg) + "]");
      }
      glance.rows.push_back(row);
    }
    glance.widths.assign(glance.columns.size(), 1.0);
    glance.widths[0] = 2.0;
    doc.table(glance, tf("Each plan against {1}: the verdict, the mean difference and its {2} % interval", c.baseline,
                         fixed(100 * c.level, 1)));
  }
  for (const auto& plan : c.plans) {
    if (plan == c.baseline) continue;
    std::vector<std::string> better, worse, same;
    for (const MetricComparison& m : c.metrics) {
      if (m.meaning.better == 0) continue;  // neither way is better: in the tables only
      const PlanStatistics* base = nullptr;
      const PlanStatistics* mine = nullptr;
      for (const auto& p : m.plans) {
        if (p.baseline) base = &p;
        if (p.plan == plan) mine = &p;
      }
      if (!base || !mine || !mine->verdict) continue;
      const std::string sentence = verdictSentence(c, m, *base, *mine);
      (*mine->verdict == stats::Verdict::Better ? better : *mine->verdict == stats::Verdict::Worse ? worse : same).push_back(sentence);
    }
    doc.heading(tf("Plan {1} against {2}", planShown(loaded, plan), planShown(loaded, c.baseline)), 2);
    doc.paragraph(tf("Better on {1} metric(s), worse on {2}, not told apart on {3}.", better.size(), worse.size(), same.size()));
    std::vector<std::string> items = better;
    items.insert(items.end(), worse.begin(), worse.end());
    items.insert(items.end(), same.begin(), same.end());
    if (!items.empty()) doc.bullets(items);
  }

  doc.heading(tr("Threshold probabilities"));
  report::Table thresholds = documentTable(thresholdTable(c));
  thresholds.widths = {3, 1, 1, 1.6};
  doc.table(thresholds);

  doc.heading(tr("Each metric"));
  for (const MetricComparison& m : c.metrics) {
    report::Table t = documentTable(metricTable(c, m));
    t.columns[11] = tr("verdict");
    t.widths = {1.3, 0.7, 1, 1.8, 0.9, 0.9, 0.9, 2.2, 1, 1.6, 0.7, 1.1, 1.1};
    doc.table(t, m.metric + " — " + tr(m.meaning.meaning));
  }
  doc.note(tr("Means with 95 % t-intervals; P50, P90 and P95 with distribution-free 95 % intervals; threshold probabilities with "
              "Wilson intervals. The paired differences use the same replications under every plan (common random numbers); r is "
              "the correlation the pairing achieved. 'n for ±5 %' is the number of replications a mean within that share would need."));
  doc.landscape = true;
  return doc;
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
  return std::string(tr("Usage: drillsim compare RESULTS.gpkg [options]\n\n"
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
         "metrics.\n\n")) +
         describeOptions(kOptions) + tr("\nExit codes: 0 done, 2 the file is not a batch or is damaged, 64 bad command line, 73 --salvage cannot\n"
         "write its store.\n");
}

int runCompare(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  if (args.positional().size() != 1) throw UsageError(tr("expected exactly one results file"));
  const std::string format = args.choice("format", {"text", "csv", "json", "md", "html", "docx"}, "text");
  const bool document = documentFormat(args, format);
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
    std::cout << (report.unreadable
                      ? tf("Copied {1} of the {2} rows {3} counts into {4} ({5} succeeded; {6} could not be read or failed their checks).",
                           report.copied, report.expected, path, *salvage, report.ok, report.unreadable)
                      : tf("Copied {1} of the {2} rows {3} counts into {4} ({5} succeeded).", report.copied, report.expected, path,
                           *salvage, report.ok))
              << "\n";
    if (missing)
      std::cout << tnf("Run the {1} replication missing or failed with: {2}", "Run the {1} replications missing or failed with: {2}",
                       long(missing), missing,
                       "drillsim batch " + s.scenarioFile + (s.shards > 1 ? " --shard " + s.shardText() : "") + " --out " +
                           *salvage + " --resume")
                << "\n";
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
    throw UsageError(tf("--baseline: no plan {1} in this batch; {2}", inQuotes(baseline), expectedOneOf(baseline, plans)));

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
      std::cerr << "drillsim compare: "
                << tf("--where: the replications of {1} carry no draws (the store was written before batches kept them); run the "
                      "batch again into a new store to select by them: {2}",
                      args.positional()[0], "drillsim batch " + settings.scenarioFile + " --out NEW.gpkg")
                << "\n";
      return kExitInvalidInput;
    }
    for (const auto& c : where)
      if (std::find(known.begin(), known.end(), c.name) == known.end())
        throw UsageError(tf("--where: no drawn quantity {1}; {2}", inQuotes(c.name), expectedOneOf(c.name, known)));
  }
  const Comparison c = compareToBaseline(rows, plans, baseline, precision, where);
  if (c.successful == 0 && !where.empty() && c.considered > 0) {
    std::cerr << "drillsim compare: "
              << tf("none of the {1} successful replications of {2} drew {3}: there is nothing to compare", c.considered,
                    args.positional()[0], *args.value("where"))
              << "\n";
    return kExitInvalidInput;
  }
  if (c.successful == 0) {  // nothing finished (a batch stopped at once, or every replication failed)
    const long asked = long(settings.replications) * long(plans.size());
    std::cerr << "drillsim compare: "
              << tf("{1} holds no successful replication of the {2} asked ({3} stored, all failed or none yet): there is nothing "
                    "to compare. Run them with: {4}",
                    args.positional()[0], asked, rows.size(),
                    "drillsim batch " + settings.scenarioFile + " --out " + args.positional()[0] + " --resume")
              << "\n";
    return kExitInvalidInput;
  }
  if (document)
    return writeDocumentOutput(args, format, comparisonDocument(c, args.positional()[0], settings, args.value("where").value_or("")));
  if (format == "json") std::cout << comparisonJson(c, args.value("where").value_or("")).dump(2) << "\n";
  else if (format == "csv") std::cout << comparisonCsv(c);
  else if (format == "md")
    std::cout << "## " << tf("Plan comparison (baseline {1})", baseline) << "\n"
              << (where.empty() ? "" : "\n" + tf("Replications whose draws satisfy `{1}`: {2} of {3}.", *args.value("where"),
                                                     c.selected, c.considered) + "\n")
              << comparisonMarkdown(c);
  else std::cout << comparisonText(c, args.positional()[0], settings, args.value("where").value_or(""));
  return kExitOk;
}

}  // namespace drillsim::cli
