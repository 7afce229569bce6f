// Shelter siting (see Siting.hpp).
#include "sim/analysis/Siting.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "scenarios/ShelterLayout.hpp"
#include "sim/analysis/QuickestFlow.hpp"

namespace drillsim {

double sitingSurrogate(const LoadedScenario& base, const std::vector<ShelterChange>& added, const SitingOptions& options) {
  LoadedScenario l = base;
  Diagnostics d;
  applyShelterChanges(added, l.park, d);
  if (d.hasErrors()) return std::numeric_limits<double>::infinity();
  double sum = 0;
  for (int r = 0; r < options.draws; ++r) {
    const auto releases = orderAtZero(l, l.scenario.monte_carlo.seed, std::uint64_t(r), true);
    const auto b = quickestTransshipment(evacuationNetwork(l, releases), {options.step_s});
    if (!b.feasible) return std::numeric_limits<double>::infinity();
    sum += b.bound_s;
  }
  return sum / std::max(1, options.draws);
}

SitingResult chooseSites(const LoadedScenario& base, const ShelterLayoutFile& candidates, const SitingOptions& options) {
  SitingResult result;
  std::map<std::vector<int>, double> scored;  // every set evaluated, by its sorted indices
  auto score = [&](std::vector<int> set) {
    std::sort(set.begin(), set.end());
    if (auto it = scored.find(set); it != scored.end()) return it->second;
    std::vector<ShelterChange> added;
    for (int c : set) added.push_back(candidates.changes[std::size_t(c)]);
    ++result.evaluations;
    return scored[set] = sitingSurrogate(base, added, options);
  };
  result.current_s = score({});
  const int n = int(candidates.changes.size());
  const int k = std::min(options.sites, n);
  // Greedy: add the candidate that lowers the surrogate most, k times.
  std::vector<int> chosen;
  for (int step = 0; step < k; ++step) {
    int best = -1;
    double bestScore = std::numeric_limits<double>::infinity();
    for (int c = 0; c < n; ++c) {
      if (std::find(chosen.begin(), chosen.end(), c) != chosen.end()) continue;
      auto trial = chosen;
      trial.push_back(c);
      const double v = score(trial);
      if (best < 0 || v < bestScore) {
        best = c;
        bestScore = v;
      }
    }
    chosen.push_back(best);
  }
  // Swaps: replace a chosen site by an unchosen one while that improves the surrogate.
  for (bool improved = true; improved;) {
    improved = false;
    const double now = score(chosen);
    for (std::size_t i = 0; i < chosen.size() && !improved; ++i)
      for (int c = 0; c < n && !improved; ++c) {
        if (std::find(chosen.begin(), chosen.end(), c) != chosen.end()) continue;
        auto trial = chosen;
        trial[i] = c;
        if (score(trial) < now - 1e-9) {
          chosen = trial;
          improved = true;
        }
      }
  }
  std::vector<SiteSet> full;
  for (const auto& [set, v] : scored)
    if (int(set.size()) == k) full.push_back({set, v});
  std::stable_sort(full.begin(), full.end(), [](const SiteSet& a, const SiteSet& b) { return a.score_s < b.score_s; });
  if (int(full.size()) > options.finalists) full.resize(std::size_t(std::max(1, options.finalists)));
  result.finalists = full;
  return result;
}

}  // namespace drillsim
