#pragma once
// The per-zone summary of a batch: for each plan and zone, what its stored replications say about
// the zone's people (AEGL-2 exposure, expected fatalities, fire). One typed description serves the
// GeoPackage's zone_summary layer (its columns, in order) and the front end (the Compare view's
// "zones coloured by" choice and its values).

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "scenarios/Park.hpp"
#include "sim/batch/ResultStore.hpp"

namespace drillsim {

/// One plan and zone over the successful replications of that plan.
struct ZoneSummary {
  std::string plan, zone, name;  // name: the zone's
  std::size_t zoneIndex = 0;     // the zone's place in the park's zones
  double replications = 0;       // successful replications of the plan
  double mean_persons_over_aegl2 = 0;
  double p_any_over_aegl2 = 0;  // the share of replications with anyone over AEGL-2: the probability map
  double mean_expected_fatalities = 0;
  double p_burnt = 0;  // the share of replications in which the zone burnt
  double mean_persons_in_fire = 0;
};

/// A metric of ZoneSummary: its column in the zone_summary layer, whether it is a share of
/// replications (0 to 1) or a mean, and its field.
struct ZoneMetric {
  const char* column;
  bool share;
  double ZoneSummary::*value;
};

/// The metrics in the order of the zone_summary layer's columns (after plan, zone, name and
/// replications).
const std::vector<ZoneMetric>& zoneMetrics();
/// The metric of that column, or null.
const ZoneMetric* zoneMetric(const std::string& column);

/// The metrics of each plan's successful replications, by plan id: what every summary layer reads.
std::map<std::string, std::vector<const nlohmann::json*>> successfulMetricsByPlan(const std::vector<ReplicationRow>& rows);
/// A stored metric's number; NaN when it is not one (null: the event did not happen).
double metricNumber(const nlohmann::json& value);

/// The summary of every plan with a successful replication (in the plans' order by id) and every
/// zone of `park` (in the park's order). A store written for another park lacks some zones: in a
/// replication without the zone, nothing happened there.
std::vector<ZoneSummary> zoneSummaries(const std::vector<ReplicationRow>& rows, const Park& park);

}  // namespace drillsim
