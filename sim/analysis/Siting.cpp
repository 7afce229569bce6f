// Shelter siting (see Siting.hpp).
#include "sim/analysis/Siting.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "scenarios/ShelterLayout.hpp"
#include "sim/analysis/QuickestFlow.hpp"
#include "sim/analysis/ShelterEvaluation.hpp"
#include "sim/hazard/ThreatProbability.hpp"

namespace drillsim {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// Scores candidate sets by the surrogate, each set once.
class Scorer {
 public:
  Scorer(const LoadedScenario& base, const ShelterLayoutFile& candidates, const Plan& plan, const SitingOptions& options)
      : base_(base), candidates_(candidates), plan_(plan), options_(options) {
    if (options.objective != SitingObjective::Exposure) return;
    // Each shelter's and site's share of weather draws inside an AEGL-2 zone, summed over releases.
    LoadedScenario all = base;
    Diagnostics d;
    applyShelterChanges(candidates.changes, all.park, d);
    for (const Hazard& h : base.scenario.hazards) {
      if (!std::holds_alternative<ToxicRelease>(h.detail)) continue;
      const auto t = threatProbability(all, h.id, base.scenario.monte_carlo.seed, options.threatDraws, {});
      for (std::size_t s = 0; s < all.park.shelters.size(); ++s)
        threat_[all.park.shelters[s].id] += double(t.shelters[s]) / double(std::max(1, t.replications));
    }
  }

  const SiteSet& operator()(std::vector<int> set) {
    std::sort(set.begin(), set.end());
    if (auto it = scored_.find(set); it != scored_.end()) return it->second;
    ++evaluations;
    SiteSet s;
    s.candidates = set;
    std::vector<ShelterChange> added;
    for (int c : set) {
      added.push_back(candidates_.changes[std::size_t(c)]);
      s.cost += candidates_.costs[std::size_t(c)];
    }
    LoadedScenario l = base_;
    Diagnostics d;
    applyShelterChanges(added, l.park, d);
    s.arrival_s = d.hasErrors() ? kInfinity : arrival(l);
    s.exposed = std::isfinite(s.arrival_s) && options_.objective == SitingObjective::Exposure ? exposed(l) : 0;
    s.score = options_.objective == SitingObjective::Exposure && std::isfinite(s.arrival_s) ? s.exposed : s.arrival_s;
    return scored_[set] = s;
  }

  std::vector<SiteSet> all() const {
    std::vector<SiteSet> out;
    for (const auto& [set, s] : scored_) out.push_back(s);
    return out;
  }

  int evaluations = 0;

 private:
  double arrival(const LoadedScenario& l) const {
    double sum = 0;
    QuickestFlowOptions flow;
    flow.step_s = options_.step_s;
    flow.share = options_.share;
    const int draws = options_.departures.empty() ? options_.draws : int(options_.departures.size());
    for (int r = 0; r < draws; ++r) {
      const auto releases = options_.departures.empty()
                                ? orderAtZero(l, l.scenario.monte_carlo.seed, std::uint64_t(r), true)
                                : options_.departures[std::size_t(r)];
      const auto b = quickestTransshipment(evacuationNetwork(l, releases), flow);
      if (!b.feasible) return kInfinity;
      sum += b.bound_s;
    }
    return sum / std::max(1, draws);
  }

  double exposed(const LoadedScenario& l) const {
    const NominalDemand demand = nominalDemand(l, plan_, l.scenario.night());
    double sum = 0;
    for (std::size_t k = 0; k < l.park.shelters.size(); ++k) {
      const auto it = threat_.find(l.park.shelters[k].id);
      if (it != threat_.end()) sum += double(std::min<long>(demand.demand[k], l.park.shelters[k].capacity)) * it->second;
    }
    return sum;
  }

  const LoadedScenario& base_;
  const ShelterLayoutFile& candidates_;
  const Plan& plan_;
  const SitingOptions& options_;
  std::map<std::string, double> threat_;
  std::map<std::vector<int>, SiteSet> scored_;
};

/// Whether a is better than b: lower surrogate, ties to the sooner arrival.
bool better(const SiteSet& a, const SiteSet& b) {
  if (a.score < b.score - 1e-9) return true;
  if (b.score < a.score - 1e-9) return false;
  return a.arrival_s < b.arrival_s - 1e-9;
}

bool contains(const std::vector<int>& set, int c) { return std::find(set.begin(), set.end(), c) != set.end(); }

std::vector<int> with(std::vector<int> set, int c) {
  set.push_back(c);
  return set;
}

std::vector<int> without(std::vector<int> set, int c) {
  set.erase(std::remove(set.begin(), set.end(), c), set.end());
  return set;
}

/// k sites: greedy addition, then swaps while one improves.
std::vector<int> bestOfSize(Scorer& score, int n, int k) {
  std::vector<int> chosen;
  for (int step = 0; step < k; ++step) {
    int best = -1;
    for (int c = 0; c < n; ++c)
      if (!contains(chosen, c) && (best < 0 || better(score(with(chosen, c)), score(with(chosen, best))))) best = c;
    chosen.push_back(best);
  }
  for (bool improved = true; improved;) {
    improved = false;
    for (std::size_t i = 0; i < chosen.size() && !improved; ++i)
      for (int c = 0; c < n && !improved; ++c) {
        if (contains(chosen, c)) continue;
        auto trial = chosen;
        trial[i] = c;
        if (better(score(trial), score(chosen))) {
          chosen = trial;
          improved = true;
        }
      }
  }
  return chosen;
}

/// The cheapest set meeting the target: add by gain per unit cost until it is met, then drop what
/// is not needed and swap for cheaper sites while it stays met.
void cheapestMeeting(Scorer& score, const ShelterLayoutFile& candidates, double target) {
  const int n = int(candidates.changes.size());
  auto meets = [&](const std::vector<int>& set) { return score(set).score <= target + 1e-9; };
  auto cost = [&](int c) { return candidates.costs[std::size_t(c)]; };
  std::vector<int> chosen;
  while (!meets(chosen) && int(chosen.size()) < n) {
    const SiteSet now = score(chosen);
    int best = -1;
    double bestRatio = -kInfinity;
    for (int c = 0; c < n; ++c) {
      if (contains(chosen, c)) continue;
      const SiteSet& trial = score(with(chosen, c));
      const double gain = !std::isfinite(now.score) ? (std::isfinite(trial.score) ? kInfinity : 0) : now.score - trial.score;
      const double ratio = gain <= 0 ? -kInfinity : gain / std::max(cost(c), 1e-9);
      if (best < 0 || ratio > bestRatio || (ratio == bestRatio && better(trial, score(with(chosen, best))))) {
        best = c;
        bestRatio = ratio;
      }
    }
    chosen.push_back(best);
  }
  if (!meets(chosen)) return;
  // Then local moves that lower the cost while the target stays met: drop a site, or exchange one
  // for one or two cheaper ones (a pair catches sites that only help together).
  auto total = [&](const std::vector<int>& set) {
    double sum = 0;
    for (int c : set) sum += cost(c);
    return sum;
  };
  auto tryMove = [&](const std::vector<int>& trial) {
    if (total(trial) >= total(chosen) - 1e-9 || !meets(trial)) return false;
    chosen = trial;
    return true;
  };
  for (bool improved = true; improved;) {
    improved = false;
    for (std::size_t i = 0; i < chosen.size() && !improved; ++i) {
      const std::vector<int> rest = without(chosen, chosen[i]);
      improved = tryMove(rest);
      for (int a = 0; a < n && !improved; ++a) {
        if (contains(chosen, a)) continue;
        improved = tryMove(with(rest, a));
        for (int b = a + 1; b < n && !improved; ++b)
          if (!contains(chosen, b)) improved = tryMove(with(with(rest, a), b));
      }
    }
  }
}

}  // namespace

SitingResult chooseSites(const LoadedScenario& base, const ShelterLayoutFile& candidates, const Plan& plan,
                         const SitingOptions& options) {
  Scorer score(base, candidates, plan, options);
  SitingResult result;
  result.current = score({});
  const int n = int(candidates.changes.size());
  std::vector<SiteSet> kept;
  if (options.target) {
    std::vector<int> every(static_cast<std::size_t>(n));
    for (int c = 0; c < n; ++c) every[std::size_t(c)] = c;
    result.all = score(every);
    if (result.current.score <= *options.target + 1e-9) {
      result.targetMet = true;  // no site needed; the caller checks the plan's runs
    } else {
      cheapestMeeting(score, candidates, *options.target);
      for (const SiteSet& s : score.all())
        if (!s.candidates.empty() && s.score <= *options.target + 1e-9) kept.push_back(s);
      std::stable_sort(kept.begin(), kept.end(), [](const SiteSet& a, const SiteSet& b) {
        return a.cost < b.cost - 1e-9 || (a.cost <= b.cost + 1e-9 && better(a, b));
      });
      result.targetMet = !kept.empty();
    }
  } else {
    const int k = std::min(options.sites, n);
    bestOfSize(score, n, k);
    for (const SiteSet& s : score.all())
      if (int(s.candidates.size()) == k) kept.push_back(s);
    std::stable_sort(kept.begin(), kept.end(), better);
  }
  if (int(kept.size()) > options.finalists) kept.resize(std::size_t(std::max(1, options.finalists)));
  result.finalists = kept;
  result.evaluations = score.evaluations;
  return result;
}

}  // namespace drillsim
