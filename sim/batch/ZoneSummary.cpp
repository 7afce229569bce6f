#include "sim/batch/ZoneSummary.hpp"

#include <cmath>
#include <limits>
#include <map>

namespace drillsim {

double metricNumber(const nlohmann::json& j) {
  return j.is_number() ? j.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

std::map<std::string, std::vector<const nlohmann::json*>> successfulMetricsByPlan(const std::vector<ReplicationRow>& rows) {
  std::map<std::string, std::vector<const nlohmann::json*>> byPlan;
  for (const auto& r : rows)
    if (r.status == "ok" && r.metrics.is_object()) byPlan[r.plan].push_back(&r.metrics);
  return byPlan;
}

const std::vector<ZoneMetric>& zoneMetrics() {
  static const std::vector<ZoneMetric> metrics = {
      {"mean_persons_over_aegl2", false, &ZoneSummary::mean_persons_over_aegl2},
      {"p_any_over_aegl2", true, &ZoneSummary::p_any_over_aegl2},
      {"mean_expected_fatalities", false, &ZoneSummary::mean_expected_fatalities},
      {"p_burnt", true, &ZoneSummary::p_burnt},
      {"mean_persons_in_fire", false, &ZoneSummary::mean_persons_in_fire}};
  return metrics;
}

const ZoneMetric* zoneMetric(const std::string& column) {
  for (const ZoneMetric& m : zoneMetrics())
    if (column == m.column) return &m;
  return nullptr;
}

std::vector<ZoneSummary> zoneSummaries(const std::vector<ReplicationRow>& rows, const Park& park) {
  std::vector<ZoneSummary> out;
  for (const auto& [plan, ms] : successfulMetricsByPlan(rows)) {
    const double n = double(ms.size());
    for (std::size_t k = 0; k < park.zones.size(); ++k) {
      const Zone& z = park.zones[k];
      double over2 = 0, anyOver2 = 0, deaths = 0, burnt = 0, inFire = 0;
      for (const auto* m : ms) {
        if (!m->contains("zones") || !m->at("zones").contains(z.id)) continue;
        const auto& zj = m->at("zones").at(z.id);
        over2 += metricNumber(zj.at("persons_over_aegl2"));
        anyOver2 += metricNumber(zj.at("persons_over_aegl2")) > 0;
        deaths += metricNumber(zj.at("expected_fatalities"));
        burnt += !zj.at("ignited_s").is_null();
        inFire += metricNumber(zj.at("persons_in_fire"));
      }
      out.push_back({plan, z.id, z.name, k, n, over2 / n, anyOver2 / n, deaths / n, burnt / n, inFire / n});
    }
  }
  return out;
}

}  // namespace drillsim
