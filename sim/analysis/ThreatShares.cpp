#include "sim/analysis/ThreatShares.hpp"

#include "sim/hazard/ThreatProbability.hpp"

namespace drillsim {

ThreatShares threatShares(const LoadedScenario& loaded, const std::string& hazard, std::uint64_t seed, int draws,
                          const std::vector<Point2>& points) {
  const ThreatProbability counts = threatProbability(loaded, hazard, seed, draws, points);
  auto shares = [draws](const std::vector<int>& hits) {
    std::vector<stats::Proportion> out;
    out.reserve(hits.size());
    for (int k : hits) out.push_back(stats::proportion(k, draws));
    return out;
  };
  return {draws, shares(counts.zones), shares(counts.shelters), shares(counts.points)};
}

}  // namespace drillsim
