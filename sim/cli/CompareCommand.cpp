// drillsim compare: what a batch says about its plans. For each metric, each plan's mean with its
// 95 % t-interval, spread and quantiles; the paired difference of every plan against a baseline
// under common random numbers, with the correlation the pairing achieved and a verdict corrected
// for multiple comparisons; threshold probabilities with Wilson intervals; and how many
// replications a tighter answer would take.
#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "scenarios/TextFile.hpp"
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

// What each metric means and which way is better, for the committee's reading.
struct MetricInfo {
  const char* meaning;
  int better;  // -1 lower is better, +1 higher, 0 neither
  int digits;
};
const std::map<std::string, MetricInfo>& metricInfo() {
  static const std::map<std::string, MetricInfo> info = {
      {"clearance_s", {"last evacuee in a shelter [s]", -1, 0}},
      {"arrival_p50_s", {"half the evacuees in a shelter [s]", -1, 0}},
      {"arrival_p90_s", {"90 % of the evacuees in a shelter [s]", -1, 0}},
      {"arrival_p95_s", {"95 % of the evacuees in a shelter [s]", -1, 0}},
      {"population", {"persons in the park", 0, 0}},
      {"sheltered", {"evacuees in a shelter at the horizon", 0, 1}},
      {"unsheltered", {"evacuees not in a shelter at the horizon", -1, 1}},
      {"sheltered_in_place", {"persons sheltering in place", 0, 1}},
      {"not_ordered", {"persons given no order", 0, 1}},
      {"persons_over_aegl2", {"persons over AEGL-2", -1, 1}},
      {"persons_over_aegl3", {"persons over AEGL-3", -1, 1}},
      {"expected_fatalities", {"expected fatalities", -1, 2}},
      {"zones_burnt", {"zones burnt", -1, 2}},
      {"persons_over_5kw", {"persons who felt 5 kW/m2", -1, 1}},
      {"persons_in_fire", {"persons still in a burning zone", -1, 1}},
      {"shelter_overflow", {"persons turned away by full shelters", -1, 1}},
      {"shelters_overflowing", {"shelters that overflowed", -1, 2}},
      {"first_team_arrival_s", {"first team on scene [s]", -1, 0}},
  };
  return info;
}

struct Threshold {
  std::string metric;
  double above;
  const char* text;
};
const std::vector<Threshold> kThresholds = {
    {"clearance_s", 1800, "P(clearance > 30 min)"},
    {"shelters_overflowing", 0, "P(a shelter overflows)"},
    {"persons_over_aegl2", 0, "P(anyone over AEGL-2)"},
    {"expected_fatalities", 0.5, "P(expected fatalities > 0.5)"},
    {"unsheltered", 0, "P(evacuees left outside at the horizon)"},
};

std::string num(double v, int digits) {
  if (std::isnan(v)) return "-";
  if (std::isinf(v)) return v > 0 ? "∞" : "-∞";
  if (std::abs(v) < 0.5 * std::pow(10.0, -digits)) v = 0;  // no "-0"
  return fixed(v, digits);
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
  // plan -> replication -> metric values
  std::map<std::string, std::map<int, std::vector<double>>> values;
  std::map<std::string, long> failed;
  std::set<int> selected, considered;  // replications (the same draws under every plan)
  for (const auto& r : rows) {
    if (r.status != "ok" || !r.metrics.is_object()) {
      ++failed[r.plan];
      continue;
    }
    if (!where.empty()) {
      considered.insert(r.replication);
      if (!drawsSatisfy(where, r.metrics.value("draws", nlohmann::json()))) continue;
      selected.insert(r.replication);
    }
    std::vector<double> v;
    for (const auto& [name, x] : scalarMetrics(r.metrics)) v.push_back(x);
    values[r.plan][r.replication] = v;
  }
  if (values.empty() && !where.empty() && !considered.empty()) {
    std::cerr << "drillsim compare: none of the " << considered.size() << " successful replications of " << args.positional()[0]
              << " drew " << *args.value("where") << ": there is nothing to compare\n";
    return kExitInvalidInput;
  }
  if (values.empty()) {  // nothing finished (a batch stopped at once, or every replication failed)
    const long asked = long(settings.replications) * long(plans.size());
    std::cerr << "drillsim compare: " << args.positional()[0] << " holds no successful replication of the " << asked
              << " asked (" << rows.size() << " stored, all failed or none yet): there is nothing to compare. Run them "
              << "with: drillsim batch " << settings.scenarioFile << " --out " << args.positional()[0] << " --resume\n";
    return kExitInvalidInput;
  }
  const auto& names = scalarMetricNames();
  const std::size_t comparisons = plans.size() > 1 ? plans.size() - 1 : 1;
  const double level = 1 - 0.05 / double(comparisons);  // Bonferroni

  nlohmann::json out = nlohmann::json::array();
  std::ostringstream text, md;
  std::string csv = "metric,plan,n,mean,mean_low95,mean_high95,sd,p50,p50_low,p50_high,p90,p90_low,p90_high,p95,p95_low,p95_high,"
                    "difference,difference_low,difference_high,correlation,distinguishable,replications_needed\n";
  text << "Batch " << args.positional()[0] << ": " << settings.scenarioFile << ", seed " << settings.seed << ", "
       << settings.replications << " replications per plan, plans " << [&] {
            std::string s;
            for (const auto& p : plans) s += (s.empty() ? "" : ", ") + p;
            return s;
          }() << "\n";
  for (const auto& p : plans)
    if (failed[p]) text << "  plan " << p << ": " << failed[p] << " replication(s) failed and are left out\n";
  if (!where.empty())
    text << "Only the replications whose draws satisfy " << *args.value("where") << ": " << selected.size() << " of "
         << considered.size() << ", the same under every plan.\n";
  text << "Differences are each plan minus " << baseline << " over the same replications (common random numbers), "
       << (comparisons > 1 ? "with " + fixed(100 * level, 1) + " % intervals (Bonferroni, " + std::to_string(comparisons) + " comparisons)"
                           : std::string("with 95 % intervals"))
       << ". 'same' means the interval holds 0: the batch cannot tell the plans apart on this metric.\n";

  for (std::size_t k = 0; k < names.size(); ++k) {
    const std::string& metric = names[k];
    const MetricInfo info = metricInfo().count(metric) ? metricInfo().at(metric) : MetricInfo{"", 0, 2};
    // Skip a metric that is the same number everywhere (e.g. the population).
    std::set<double> distinct;
    for (const auto& [plan, reps] : values)
      for (const auto& [r, v] : reps)
        if (!std::isnan(v[k])) distinct.insert(v[k]);
    if (distinct.size() <= 1) continue;
    TextTable table({"plan", "n", "mean", "95 % CI", "sd", "P50", "P90", "P95 [95 % CI]", "vs " + baseline, "CI", "r", "",
                     "n for ±" + fixed(100 * precision, 0) + " %"},
                    {false, true, true, false, true, true, true, false, true, false, true, false, true});
    md << "\n### " << metric << " — " << info.meaning << "\n\n| plan | n | mean | 95 % CI | sd | P50 | P90 | P95 | vs " << baseline
       << " | CI | r |\n|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& plan : plans) {
      std::vector<double> sample;
      for (const auto& [r, v] : values[plan])
        if (!std::isnan(v[k])) sample.push_back(v[k]);
      const stats::Summary s = stats::summarise(sample);
      std::vector<double> a, b;  // paired over replications where both have the metric
      for (const auto& [r, v] : values[plan]) {
        auto it = values[baseline].find(r);
        if (it == values[baseline].end() || std::isnan(v[k]) || std::isnan(it->second[k])) continue;
        a.push_back(it->second[k]);
        b.push_back(v[k]);
      }
      const bool isBase = plan == baseline;
      const stats::Paired d = isBase ? stats::Paired{} : stats::paired(a, b, level);
      std::string verdict;
      if (!isBase && d.n > 1) {
        // Differences of rounding size (the same run under both plans, summed in another order) are none.
        const bool same = std::abs(d.meanDifference) <= std::max(d.halfWidth, 1e-9 * (1 + std::abs(s.mean)));
        verdict = same ? "same" : (d.meanDifference < 0) == (info.better < 0) ? "better" : "worse";
        if (!same && info.better == 0) verdict = d.meanDifference < 0 ? "lower" : "higher";
      }
      const long needed = s.n > 1 && s.mean != 0 ? stats::replicationsNeeded(s.sd, precision * std::abs(s.mean)) : 0;
      const int dg = info.digits;
      const auto& q = s.quantiles;
      auto qv = [&](std::size_t i) { return q.size() > i ? q[i].value : NAN; };
      table.row({plan, std::to_string(s.n), num(s.mean, dg),
                 s.n > 1 ? num(s.mean - s.halfWidth95, dg) + " – " + num(s.mean + s.halfWidth95, dg) : "",
                 num(s.sd, dg), num(qv(0), dg), num(qv(1), dg),
                 q.size() > 2 ? num(q[2].value, dg) + " [" + num(q[2].interval95.low, dg) + ", " + num(q[2].interval95.high, dg) + "]" : "",
                 isBase ? "" : num(d.meanDifference, dg),
                 isBase || d.n < 2 ? "" : num(d.meanDifference - d.halfWidth, dg) + " – " + num(d.meanDifference + d.halfWidth, dg),
                 isBase || d.n < 2 ? "" : fixed(d.correlation, 2), verdict,
                 needed > s.n ? thousands(needed) : "enough"});
      md << "| " << plan << " | " << s.n << " | " << num(s.mean, dg) << " | ±" << num(s.halfWidth95, dg) << " | " << num(s.sd, dg)
         << " | " << num(qv(0), dg) << " | " << num(qv(1), dg) << " | " << num(qv(2), dg) << " | "
         << (isBase ? "" : num(d.meanDifference, dg)) << " | " << (isBase ? "" : "±" + num(d.halfWidth, dg) + " " + verdict)
         << " | " << (isBase ? "" : fixed(d.correlation, 2)) << " |\n";
      nlohmann::json j = {{"metric", metric}, {"plan", plan}, {"n", s.n}, {"mean", s.mean}, {"half_width95", s.halfWidth95},
                          {"sd", s.sd}, {"replications_needed", needed}};
      for (const auto& qq : q)
        j["p" + std::to_string(int(std::lround(qq.p * 100)))] = {
            {"value", qq.value},
            {"low95", std::isfinite(qq.interval95.low) ? nlohmann::json(qq.interval95.low) : nlohmann::json(nullptr)},
            {"high95", std::isfinite(qq.interval95.high) ? nlohmann::json(qq.interval95.high) : nlohmann::json(nullptr)}};
      nlohmann::json e = nlohmann::json::array();
      for (const auto& [x, share] : stats::ecdf(sample)) e.push_back({x, share});
      j["ecdf"] = e;
      if (!isBase) j["vs_baseline"] = {{"difference", d.meanDifference}, {"half_width", d.halfWidth}, {"level", level},
                                       {"correlation", d.correlation}, {"unpaired_half_width", d.unpairedHalfWidth},
                                       {"verdict", verdict}};
      out.push_back(j);
      auto c = [](double v) {
        if (!std::isfinite(v)) return std::string();
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.10g", v);
        return std::string(buf);
      };
      csv += metric + "," + plan + "," + std::to_string(s.n) + "," + c(s.mean) + "," + c(s.mean - s.halfWidth95) + "," +
             c(s.mean + s.halfWidth95) + "," + c(s.sd);
      for (std::size_t i = 0; i < 3; ++i)
        csv += i < q.size() ? "," + c(q[i].value) + "," + c(q[i].interval95.low) + "," + c(q[i].interval95.high) : ",,,";
      csv += isBase ? ",,,,," : "," + c(d.meanDifference) + "," + c(d.meanDifference - d.halfWidth) + "," +
                                    c(d.meanDifference + d.halfWidth) + "," + c(d.correlation) + "," + (verdict == "same" ? "no" : "yes");
      csv += "," + std::to_string(needed) + "\n";
    }
    text << "\n" << metric << " — " << info.meaning << "\n" << table.str();
  }

  // Threshold probabilities.
  TextTable probabilities({"event", "plan", "share", "95 % CI (Wilson)"}, {false, false, true, false});
  nlohmann::json probs = nlohmann::json::array();
  for (const auto& t : kThresholds) {
    const auto it = std::find(names.begin(), names.end(), t.metric);
    const std::size_t k = std::size_t(it - names.begin());
    for (const auto& plan : plans) {
      long n = 0, hit = 0;
      for (const auto& [r, v] : values[plan])
        if (!std::isnan(v[k])) {
          ++n;
          hit += v[k] > t.above;
        }
      const auto [lo, hi] = stats::wilsonInterval(hit, n);
      probabilities.row({t.text, plan, n ? fixed(100.0 * double(hit) / double(n), 1) + " %" : "-",
                         fixed(100 * lo, 1) + " – " + fixed(100 * hi, 1) + " %"});
      probs.push_back({{"event", t.text}, {"metric", t.metric}, {"above", t.above}, {"plan", plan}, {"n", n}, {"k", hit},
                       {"share", n ? double(hit) / double(n) : 0.0}, {"low95", lo}, {"high95", hi}});
    }
  }
  text << "\nThreshold probabilities\n" << probabilities.str();

  nlohmann::json result{{"baseline", baseline}, {"metrics", out}, {"probabilities", probs}};
  if (!where.empty())
    result["where"] = {{"conditions", *args.value("where")}, {"selected", selected.size()}, {"of", considered.size()}};
  if (format == "json") std::cout << result.dump(2) << "\n";
  else if (format == "csv") std::cout << csv;
  else if (format == "md")
    std::cout << "## Plan comparison (baseline " << baseline << ")\n"
              << (where.empty() ? "" : "\nReplications whose draws satisfy `" + *args.value("where") + "`: " +
                                           std::to_string(selected.size()) + " of " + std::to_string(considered.size()) + ".\n")
              << md.str();
  else std::cout << text.str();
  return kExitOk;
}

}  // namespace drillsim::cli
