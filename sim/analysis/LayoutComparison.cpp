// Shelter layouts compared (see LayoutComparison.hpp).
#include "sim/analysis/LayoutComparison.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>

#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/engine/Outcome.hpp"

namespace drillsim {

std::vector<std::size_t> commonReplications(const std::vector<std::vector<nlohmann::json>>& runs) {
  std::vector<std::size_t> both;
  const std::size_t n = runs.empty() ? 0 : runs.front().size();
  for (std::size_t r = 0; r < n; ++r)
    if (std::all_of(runs.begin(), runs.end(), [&](const auto& v) { return r < v.size() && !v[r].is_null(); }))
      both.push_back(r);
  return both;
}

// [SECTION] The layouts' metrics and their paired differences
namespace {
struct MetricDefinition {
  const char* key;
  const char* label;  // in English (the JSON's label), translated where it is shown
  bool share;
  std::function<double(const nlohmann::json&)> value;
};

double metricValue(const nlohmann::json& m, const char* key) { return m.at(key).get<double>(); }

const std::vector<MetricDefinition>& layoutMetrics() {
  static const std::vector<MetricDefinition> metrics = {
      {"clearance_s", i18n::kNoop("clearance [s]"), false,
       [](const nlohmann::json& m) { return metricValue(m, "clearance_s"); }},
      {"arrival_p95_s", i18n::kNoop("95 % sheltered [s]"), false,
       [](const nlohmann::json& m) { return metricValue(m, "arrival_p95_s"); }},
      {"unsheltered", i18n::kNoop("unsheltered at the horizon"), false,
       [](const nlohmann::json& m) { return metricValue(m, "unsheltered"); }},
      {"persons_over_aegl2", i18n::kNoop("persons over AEGL-2"), false,
       [](const nlohmann::json& m) { return metricValue(m, "persons_over_aegl2"); }},
      {"any_overflow", i18n::kNoop("P(a shelter overflows)"), true,
       [](const nlohmann::json& m) {
         for (const auto& [id, sh] : m.at("shelters").items())
           if (sh.at("overflow").get<double>() > 0) return 1.0;
         return 0.0;
       }},
  };
  return metrics;
}
}  // namespace

LayoutComparison compareLayoutRuns(const std::vector<std::string>& names, const std::vector<std::string>& files,
                                   const std::vector<std::vector<nlohmann::json>>& runs) {
  LayoutComparison c;
  c.names = names;
  c.files = files;
  const std::vector<std::size_t> both = commonReplications(runs);
  c.replications = both.size();
  const std::size_t layouts = runs.size();
  c.level = 1 - 0.05 / double(std::max<std::size_t>(1, layouts - 1));  // Bonferroni over the proposals
  for (const auto& m : layoutMetrics()) {
    std::vector<std::vector<double>> v(layouts);
    for (std::size_t k = 0; k < layouts; ++k)
      for (std::size_t r : both) v[k].push_back(m.value(runs[k][r]));
    LayoutMetric row{m.key, m.label, m.share, {}, {}};
    for (std::size_t k = 0; k < layouts; ++k) row.means.push_back(stats::summarise(v[k]).mean);
    for (std::size_t k = 1; k < layouts; ++k) {
      const auto p = stats::paired(v[0], v[k], c.level);
      // Every metric compared here is better lower (overflow, distances, exposure).
      row.differences.push_back({p, stats::verdictOf(p, row.means[0], -1)});
    }
    c.metrics.push_back(std::move(row));
  }
  // Overflow per shelter, for shelters of any layout.
  std::vector<std::string> ids;
  for (const auto& layoutRuns : runs)
    for (std::size_t r : both)
      for (const auto& [id, sh] : layoutRuns[r].at("shelters").items())
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  for (const auto& id : ids) {
    LayoutComparison::ShelterOverflow o{id, {}};
    for (std::size_t k = 0; k < layouts; ++k) {
      long n = 0, hits = 0;
      for (std::size_t r : both)
        if (const auto it = runs[k][r].at("shelters").find(id); it != runs[k][r].at("shelters").end()) {
          ++n;
          hits += it->at("overflow").get<double>() > 0;
        }
      o.share.push_back(n ? std::optional<double>(double(hits) / double(n)) : std::nullopt);
    }
    c.shelters.push_back(std::move(o));
  }
  return c;
}

nlohmann::json layoutComparisonJson(const LayoutComparison& c, const std::string& scenario, const std::string& plan,
                                    const std::string& population, std::uint64_t seed) {
  using nlohmann::json;
  json out = {{"scenario", scenario},       {"plan", plan},        {"population", population},
              {"replications", c.replications}, {"seed", seed}, {"confidence", c.level},
              {"layouts", json::array()}};
  for (std::size_t k = 0; k < c.names.size(); ++k) out["layouts"].push_back({{"name", c.names[k]}, {"file", c.files[k]}});
  json rows = json::array();
  for (const auto& m : c.metrics) {
    json row = {{"metric", m.key}, {"label", m.label}, {"means", m.means}, {"differences", json::array()}};
    for (std::size_t k = 0; k < m.differences.size(); ++k) {
      const auto& d = m.differences[k];
      row["differences"].push_back({{"layout", c.names[k + 1]}, {"mean", d.paired.meanDifference},
                                    {"half_width", d.paired.halfWidth}, {"verdict", stats::verdictWord(d.verdict)}});
    }
    rows.push_back(row);
  }
  out["metrics"] = rows;
  json overflow = json::array();
  for (const auto& o : c.shelters) {
    json shares = json::array();
    for (const auto& p : o.share) shares.push_back(p ? json(*p) : json(nullptr));
    overflow.push_back({{"shelter", o.shelter}, {"p_overflow", shares}});
  }
  out["shelters"] = overflow;
  return out;
}

// [SECTION] Siting: the finalists confirmed
std::string candidateLayoutYaml(const ShelterLayoutFile& candidates, const std::vector<int>& set) {
  std::vector<ShelterChange> changes;
  for (int c : set) {
    const ShelterChange& candidate = candidates.changes[std::size_t(c)];
    ShelterChange add;
    add.id = candidate.id;
    add.capacity = candidate.capacity.value_or(0);
    add.lon = candidate.lon.value_or(0);
    add.lat = candidate.lat.value_or(0);
    add.kind = candidate.kind;
    changes.push_back(add);
  }
  return shelterLayoutToYaml(changes);
}

std::vector<std::vector<Release>> planDepartures(const LoadedScenario& loaded, const std::string& scenarioPath,
                                                 const std::string& substances, const std::string& plan, bool night,
                                                 int draws, const BatchOptions& batch) {
  BatchOptions first = batch;
  first.annotate = [&loaded](const Outcome& o, nlohmann::json& m) {
    nlohmann::json out = nlohmann::json::array();
    for (const Release& r : releasesOf(loaded, o)) out.push_back({r.zone, r.persons, r.ready_s, r.cohort});
    m["departures"] = out;
  };
  std::vector<std::vector<Release>> departures;
  for (const auto& m : planMetricsOnLayout(scenarioPath, substances, "", night, plan, draws, first)) {
    if (m.is_null()) throw std::runtime_error(tf("a run of plan {1} failed while reading its departures", plan));
    std::vector<Release> releases;
    for (const auto& r : m.at("departures")) releases.push_back({r[0], r[1], r[2], r[3]});
    departures.push_back(std::move(releases));
  }
  return departures;
}

SiteConfirmation confirmSites(const std::string& scenario, const std::string& substances,
                              const ShelterLayoutFile& candidates, const std::vector<std::vector<int>>& finalists,
                              const std::string& plan, bool night, long replications, const BatchOptions& batch,
                              const std::string& metric, std::optional<double> target) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("drillsim-site-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  struct RemoveFolder {
    fs::path dir;
    ~RemoveFolder() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } removeFolder{dir};
  std::vector<std::vector<nlohmann::json>> runs;
  runs.push_back(planMetricsOnLayout(scenario, substances, "", night, plan, replications, batch));
  for (std::size_t f = 0; f < finalists.size(); ++f) {
    const std::string file = (dir / ("finalist" + std::to_string(f) + ".yaml")).string();
    writeFileAtomically(file, candidateLayoutYaml(candidates, finalists[f]));
    runs.push_back(planMetricsOnLayout(scenario, substances, file, night, plan, replications, batch));
  }
  SiteConfirmation c;
  const std::vector<std::size_t> both = commonReplications(runs);
  c.replications = both.size();
  c.values.resize(runs.size());
  for (std::size_t k = 0; k < runs.size(); ++k)
    for (std::size_t r : both) c.values[k].push_back(runs[k][r].at(metric).get<double>());
  for (const auto& v : c.values) c.means.push_back(stats::summarise(v).mean);
  for (std::size_t k = 1; k < runs.size(); ++k) {
    const auto d = stats::paired(c.values[0], c.values[k], 1 - 0.05 / double(runs.size() - 1));
    c.differences.push_back(d);
    c.verdicts.push_back(stats::verdictOf(d, c.means[0], -1));
  }
  c.sure = stats::pairedBootstrap(c.values, target, batch.seed, c.resamples);
  return c;
}

}  // namespace drillsim
