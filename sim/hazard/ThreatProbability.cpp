#include "sim/hazard/ThreatProbability.hpp"

#include <cmath>
#include <limits>

#include "sim/hazard/HazardModel.hpp"

namespace drillsim {

bool footprintTouches(const std::vector<Point2>& footprint, const Zone& zone) {
  if (footprint.empty()) return false;
  const std::vector<Ring> area{footprint};
  if (contains(area, zone.centroid)) return true;
  for (const auto& ring : zone.outer)
    for (Point2 p : ring)
      if (contains(area, p)) return true;
  for (Point2 p : footprint)
    if (contains(zone.outer, p)) return true;
  return false;
}

ThreatProbability threatProbability(const LoadedScenario& loaded, const std::string& hazard, std::uint64_t seed,
                                    int replications, const std::vector<Point2>& points) {
  const Park& park = loaded.park;
  ThreatProbability p;
  p.replications = replications;
  p.zones.assign(park.zones.size(), 0);
  p.shelters.assign(park.shelters.size(), 0);
  p.points.assign(points.size(), 0);
  for (int r = 0; r < replications; ++r) {
    const HazardModel model(loaded, loaded.scenario.plans.front(), seed, std::uint64_t(r));
    for (const DrawnRelease& d : model.releases()) {
      if (d.hazard != hazard || d.aegl2_mg_m3 <= 0) continue;
      hazard::Release steady = d.release;
      steady.start_s = 0;
      steady.stop_s = std::numeric_limits<double>::infinity();
      const std::vector<Point2> ring = hazard::footprint(d.aegl2_mg_m3, steady, model.weather(), d.source);
      if (ring.empty()) continue;
      const std::vector<Ring> area{ring};
      for (std::size_t z = 0; z < park.zones.size(); ++z) p.zones[z] += footprintTouches(ring, park.zones[z]);
      for (std::size_t s = 0; s < park.shelters.size(); ++s) p.shelters[s] += contains(area, park.shelters[s].position);
      for (std::size_t i = 0; i < points.size(); ++i) p.points[i] += contains(area, points[i]);
    }
  }
  return p;
}

}  // namespace drillsim
