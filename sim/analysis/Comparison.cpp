#include "sim/analysis/Comparison.hpp"

#include <algorithm>
#include <cmath>

#include "scenarios/I18n.hpp"

namespace drillsim {

MetricMeaning metricMeaning(const std::string& metric) {
  static const std::map<std::string, MetricMeaning> meanings = {
      {"clearance_s", {i18n::kNoop("last evacuee in a shelter [s]"), -1, 0}},
      {"arrival_p50_s", {i18n::kNoop("half the evacuees in a shelter [s]"), -1, 0}},
      {"arrival_p90_s", {i18n::kNoop("90 % of the evacuees in a shelter [s]"), -1, 0}},
      {"arrival_p95_s", {i18n::kNoop("95 % of the evacuees in a shelter [s]"), -1, 0}},
      {"population", {i18n::kNoop("persons in the park"), 0, 0}},
      {"sheltered", {i18n::kNoop("evacuees in a shelter at the horizon"), 0, 1}},
      {"unsheltered", {i18n::kNoop("evacuees not in a shelter at the horizon"), -1, 1}},
      {"sheltered_in_place", {i18n::kNoop("persons sheltering in place"), 0, 1}},
      {"not_ordered", {i18n::kNoop("persons given no order"), 0, 1}},
      {"persons_over_aegl2", {i18n::kNoop("persons over AEGL-2"), -1, 1}},
      {"persons_over_aegl3", {i18n::kNoop("persons over AEGL-3"), -1, 1}},
      {"expected_fatalities", {i18n::kNoop("expected fatalities"), -1, 2}},
      {"zones_burnt", {i18n::kNoop("zones burnt"), -1, 2}},
      {"persons_over_5kw", {i18n::kNoop("persons who felt 5 kW/m2"), -1, 1}},
      {"persons_in_fire", {i18n::kNoop("persons still in a burning zone"), -1, 1}},
      {"shelter_overflow", {i18n::kNoop("persons turned away by full shelters"), -1, 1}},
      {"shelters_overflowing", {i18n::kNoop("shelters that overflowed"), -1, 2}},
      {"first_team_arrival_s", {i18n::kNoop("first team on scene [s]"), -1, 0}},
  };
  const auto it = meanings.find(metric);
  return it == meanings.end() ? MetricMeaning{} : it->second;
}

const std::vector<ThresholdEvent>& thresholdEvents() {
  static const std::vector<ThresholdEvent> events = {
      {"clearance_s", 1800, i18n::kNoop("P(clearance > 30 min)")},
      {"shelters_overflowing", 0, i18n::kNoop("P(a shelter overflows)")},
      {"persons_over_aegl2", 0, i18n::kNoop("P(anyone over AEGL-2)")},
      {"expected_fatalities", 0.5, i18n::kNoop("P(expected fatalities > 0.5)")},
      {"unsheltered", 0, i18n::kNoop("P(evacuees left outside at the horizon)")},
  };
  return events;
}

Comparison compareToBaseline(const std::vector<ReplicationRow>& rows, const std::vector<std::string>& plans,
                             const std::string& baseline, double precision, const std::vector<DrawCondition>& where) {
  Comparison c;
  c.baseline = baseline;
  c.plans = plans;
  c.precision = precision;
  c.filtered = !where.empty();
  c.comparisons = plans.size() > 1 ? plans.size() - 1 : 1;
  c.level = 1 - 0.05 / double(c.comparisons);  // Bonferroni

  // plan -> replication -> metric values, in scalarMetricNames() order
  std::map<std::string, std::map<int, std::vector<double>>> values;
  std::set<int> selected, considered;  // replications (the same draws under every plan)
  for (const auto& r : rows) {
    if (r.status != "ok" || !r.metrics.is_object()) {
      ++c.failed[r.plan];
      continue;
    }
    if (c.filtered) {
      considered.insert(r.replication);
      if (!drawsSatisfy(where, r.metrics.value("draws", nlohmann::json()))) continue;
      selected.insert(r.replication);
    }
    std::vector<double> v;
    for (const auto& [name, x] : scalarMetrics(r.metrics)) v.push_back(x);
    values[r.plan][r.replication] = v;
    ++c.successful;
  }
  c.selected = selected.size();
  c.considered = considered.size();

  const auto& names = scalarMetricNames();
  for (std::size_t k = 0; k < names.size(); ++k) {
    // Skip a metric that is the same number everywhere (e.g. the population).
    std::set<double> distinct;
    for (const auto& [plan, reps] : values)
      for (const auto& [r, v] : reps)
        if (!std::isnan(v[k])) distinct.insert(v[k]);
    if (distinct.size() <= 1) continue;
    MetricComparison m{names[k], metricMeaning(names[k]), {}};
    for (const auto& plan : plans) {
      PlanStatistics p;
      p.plan = plan;
      p.baseline = plan == baseline;
      std::vector<double> sample;
      for (const auto& [r, v] : values[plan])
        if (!std::isnan(v[k])) sample.push_back(v[k]);
      p.summary = stats::summarise(sample);
      p.ecdf = stats::ecdf(sample);
      std::vector<double> a, b;  // paired over replications where both have the metric
      for (const auto& [r, v] : values[plan]) {
        const auto it = values[baseline].find(r);
        if (it == values[baseline].end() || std::isnan(v[k]) || std::isnan(it->second[k])) continue;
        a.push_back(it->second[k]);
        b.push_back(v[k]);
      }
      if (!p.baseline) p.vsBaseline = stats::paired(a, b, c.level);
      if (!p.baseline && p.vsBaseline.n > 1) p.verdict = stats::verdictOf(p.vsBaseline, p.summary.mean, m.meaning.better);
      const stats::Summary& s = p.summary;
      p.replicationsNeeded = s.n > 1 && s.mean != 0 ? stats::replicationsNeeded(s.sd, precision * std::abs(s.mean)) : 0;
      m.plans.push_back(std::move(p));
    }
    c.metrics.push_back(std::move(m));
  }

  for (const auto& t : thresholdEvents()) {
    const auto it = std::find(names.begin(), names.end(), t.metric);
    const std::size_t k = std::size_t(it - names.begin());
    for (const auto& plan : plans) {
      ThresholdShare share{t, plan, 0, 0, 0, 0};
      for (const auto& [r, v] : values[plan])
        if (!std::isnan(v[k])) {
          ++share.n;
          share.hits += v[k] > t.above;
        }
      std::tie(share.low95, share.high95) = stats::wilsonInterval(share.hits, share.n);
      c.thresholds.push_back(std::move(share));
    }
  }
  return c;
}

nlohmann::json comparisonJson(const Comparison& c, const std::string& conditions) {
  nlohmann::json metrics = nlohmann::json::array();
  for (const MetricComparison& m : c.metrics)
    for (const PlanStatistics& p : m.plans) {
      const stats::Summary& s = p.summary;
      nlohmann::json j = {{"metric", m.metric}, {"plan", p.plan}, {"n", s.n}, {"mean", s.mean},
                          {"half_width95", s.halfWidth95}, {"sd", s.sd}, {"replications_needed", p.replicationsNeeded}};
      for (const auto& q : s.quantiles)
        j["p" + std::to_string(int(std::lround(q.p * 100)))] = {
            {"value", q.value},
            {"low95", std::isfinite(q.interval95.low) ? nlohmann::json(q.interval95.low) : nlohmann::json(nullptr)},
            {"high95", std::isfinite(q.interval95.high) ? nlohmann::json(q.interval95.high) : nlohmann::json(nullptr)}};
      nlohmann::json e = nlohmann::json::array();
      for (const auto& [x, share] : p.ecdf) e.push_back({x, share});
      j["ecdf"] = e;
      if (!p.baseline) {
        const stats::Paired& d = p.vsBaseline;
        j["vs_baseline"] = {{"difference", d.meanDifference},   {"half_width", d.halfWidth},
                            {"level", c.level},                 {"correlation", d.correlation},
                            {"unpaired_half_width", d.unpairedHalfWidth},
                            {"verdict", p.verdict ? stats::verdictWord(*p.verdict) : ""}};
      }
      metrics.push_back(j);
    }
  nlohmann::json probabilities = nlohmann::json::array();
  for (const ThresholdShare& t : c.thresholds)
    probabilities.push_back({{"event", t.event.text}, {"metric", t.event.metric}, {"above", t.event.above},
                             {"plan", t.plan}, {"n", t.n}, {"k", t.hits},
                             {"share", t.n ? double(t.hits) / double(t.n) : 0.0}, {"low95", t.low95}, {"high95", t.high95}});
  nlohmann::json result{{"baseline", c.baseline}, {"metrics", metrics}, {"probabilities", probabilities}};
  if (c.filtered) result["where"] = {{"conditions", conditions}, {"selected", c.selected}, {"of", c.considered}};
  return result;
}

}  // namespace drillsim
