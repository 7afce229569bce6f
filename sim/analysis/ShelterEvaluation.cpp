// Shelter evaluation (see ShelterEvaluation.hpp).
#include "sim/analysis/ShelterEvaluation.hpp"

#include "scenarios/I18n.hpp"

#include <algorithm>
#include <cmath>
#include <variant>

#include "scenarios/NumberText.hpp"
#include "sim/analysis/QuickestFlow.hpp"
#include "sim/batch/Batch.hpp"
#include "sim/batch/Statistics.hpp"
#include "sim/engine/Platform.hpp"
#include "sim/hazard/ThreatProbability.hpp"

namespace drillsim {

namespace {

/// Weighted quantile of (value, weight) pairs sorted by value: the least value whose cumulative
/// weight reaches p of the total.
double weightedQuantile(const std::vector<std::pair<double, double>>& sorted, double p) {
  double total = 0;
  for (const auto& [v, w] : sorted) total += w;
  double acc = 0;
  for (const auto& [v, w] : sorted) {
    acc += w;
    if (acc >= p * total - 1e-9) return v;
  }
  return sorted.empty() ? 0 : sorted.back().first;
}

}  // namespace

NominalDemand nominalDemand(const LoadedScenario& loaded, const Plan& plan, bool night, double radius_m) {
  const Park& park = loaded.park;
  NominalDemand d;
  d.night = night;
  d.zoneShelter.assign(park.zones.size(), -1);
  d.zoneWalk_m.assign(park.zones.size(), 0);
  d.catchment.resize(park.shelters.size());
  d.demand.assign(park.shelters.size(), 0);
  d.walk.resize(park.shelters.size());
  std::vector<std::vector<std::pair<double, double>>> users(park.shelters.size());
  for (std::size_t z = 0; z < park.zones.size(); ++z) {
    const Zone& zone = park.zones[z];
    const long persons = night ? zone.pop_night : zone.pop_day;
    d.population += persons;
    if (zone.node == kNoNode) {
      d.unreachable += persons;
      continue;
    }
    const auto distance = park.graph.distancesFrom(zone.node);
    auto walk = [&](std::size_t s) {
      const Shelter& sh = park.shelters[s];
      if (sh.node == kNoNode || !(distance[std::size_t(sh.node)] < RoadGraph::kUnreachable))
        return RoadGraph::kUnreachable;
      return zone.access_m + distance[std::size_t(sh.node)] + sh.access_m;
    };
    int chosen = -1;
    if (plan.shelters.kind == ShelterRule::Kind::Map)
      for (const auto& [ref, list] : plan.shelters.map) {
        if (ref.id != zone.id) continue;
        for (const auto& s : list)
          if (const Shelter* sh = park.shelter(s.id); sh && chosen < 0 && walk(std::size_t(sh - park.shelters.data())) < RoadGraph::kUnreachable)
            chosen = int(sh - park.shelters.data());
      }
    if (chosen < 0) {
      double best = RoadGraph::kUnreachable;
      for (std::size_t s = 0; s < park.shelters.size(); ++s)
        if (park.shelters[s].capacity > 0 && walk(s) < best) {
          best = walk(s);
          chosen = int(s);
        }
    }
    if (chosen < 0) {
      d.unreachable += persons;
      continue;
    }
    d.zoneShelter[z] = chosen;
    d.zoneWalk_m[z] = walk(std::size_t(chosen));
    d.catchment[std::size_t(chosen)].push_back(int(z));
    d.demand[std::size_t(chosen)] += persons;
    if (persons > 0) users[std::size_t(chosen)].push_back({d.zoneWalk_m[z], double(persons)});
  }
  for (std::size_t s = 0; s < park.shelters.size(); ++s) {
    auto& u = users[s];
    std::sort(u.begin(), u.end());
    auto& w = d.walk[s];
    w.p50_m = weightedQuantile(u, 0.50);
    w.p95_m = weightedQuantile(u, 0.95);
    w.max_m = u.empty() ? 0 : u.back().first;
    for (const auto& [m, persons] : u)
      if (m > radius_m) w.beyondRadius += long(persons);
  }
  return d;
}

ShelterRuns shelterRuns(const Park& park, const std::vector<nlohmann::json>& metrics) {
  ShelterRuns r;
  const std::size_t n = park.shelters.size();
  r.overflowing.assign(n, 0);
  r.meanAdmitted.assign(n, 0);
  r.meanPeak.assign(n, 0);
  r.meanOverflow.assign(n, 0);
  for (const auto& m : metrics) {
    if (m.is_null()) continue;
    ++r.runs;
    r.clearance_s.push_back(m.at("clearance_s").get<double>());
    r.unsheltered.push_back(m.at("unsheltered").get<double>());
    r.overAegl2.push_back(m.at("persons_over_aegl2").get<double>());
    if (const auto b = m.find("bound_s"); b != m.end() && b->is_number() && r.clearance_s.back() > 0) {
      r.bound_s.push_back(b->get<double>());
      r.boundedClearance_s.push_back(r.clearance_s.back());
      r.efficiency.push_back(b->get<double>() / r.clearance_s.back());
    }
    const auto& shelters = m.at("shelters");
    for (std::size_t s = 0; s < n; ++s) {
      const auto it = shelters.find(park.shelters[s].id);
      if (it == shelters.end()) continue;
      const double overflow = it->at("overflow").get<double>();
      r.overflowing[s] += overflow > 0;
      r.meanOverflow[s] += overflow;
      r.meanAdmitted[s] += it->at("admitted").get<double>();
      r.meanPeak[s] += it->at("peak").get<double>();
    }
  }
  if (r.runs > 0)
    for (std::size_t s = 0; s < n; ++s) {
      r.meanAdmitted[s] /= double(r.runs);
      r.meanPeak[s] /= double(r.runs);
      r.meanOverflow[s] /= double(r.runs);
    }
  r.summary = {stats::summarise(r.clearance_s), stats::summarise(r.unsheltered), stats::summarise(r.bound_s),
               stats::summarise(r.efficiency), stats::summarise(r.boundedClearance_s)};
  return r;
}

// [SECTION] Monte Carlo runs and plan efficiency
namespace {
/// Time step of the bound within the evaluation's runs: 2 s keeps it a small part of a run's cost.
constexpr double kEvaluationBoundStep_s = 2.0;

/// Runs `replications` of the plan for the given population: their metrics by replication, each
/// of the first s.boundRuns with the quickest-flow bound for its own departures ("bound_s").
std::vector<nlohmann::json> runMetrics(Platform& platform, const LoadedScenario& base, const ShelterEvaluationSettings& s, bool night) {
  LoadedScenario variant = base;
  variant.scenario.population = night ? Population::Night : Population::Day;
  BatchOptions options;
  options.seed = s.seed;
  options.jobs = s.jobs;
  // The plan's efficiency: the bound for each run's own evacuees and departures, computed in the
  // child that holds them.
  const long boundRuns = s.boundRuns;
  options.annotate = [&variant, boundRuns](const Outcome& o, nlohmann::json& m) {
    if (long(o.replication) >= boundRuns) return;
    const auto releases = releasesOf(variant, o);
    if (releases.empty()) return;
    const auto b = quickestTransshipment(evacuationNetwork(variant, releases), {kEvaluationBoundStep_s});
    m["bound_s"] = b.feasible ? nlohmann::json(b.bound_s) : nlohmann::json(nullptr);
  };
  return planMetrics(platform, variant, s.plan->id, s.replications, options);
}

ShelterRuns monteCarlo(Platform& platform, const LoadedScenario& base, const ShelterEvaluationSettings& s, bool night) {
  if (s.replications <= 0) return {};
  return shelterRuns(base.park, runMetrics(platform, base, s, night));
}

/// Each plan's first s.boundRuns runs with the scenario's population, each against its bound.
std::vector<ShelterEvaluation::PlanEfficiency> planEfficiencies(Platform& platform, const LoadedScenario& base, ShelterEvaluationSettings s) {
  std::vector<ShelterEvaluation::PlanEfficiency> out;
  if (s.boundRuns <= 0) return out;
  s.replications = s.boundRuns;
  for (const Plan& plan : base.scenario.plans) {
    s.plan = &plan;
    out.push_back({&plan, shelterRuns(base.park, runMetrics(platform, base, s, base.scenario.night()))});
  }
  return out;
}
}  // namespace

// [SECTION] Findings
std::string percentText(double share) { return fixedNumber(100 * share, 0) + " %"; }

std::string overflowShareText(const ShelterRuns& r, std::size_t s) {
  if (r.runs == 0) return "";
  const auto [low, high] = stats::wilsonInterval(r.overflowing[s], r.runs);
  return percentText(double(r.overflowing[s]) / double(r.runs)) + " [" + fixedNumber(100 * low, 0) + "-" +
         fixedNumber(100 * high, 0) + "]";
}

/// The findings, most serious first: the code and the space for everyone; shelters in a threat
/// zone (by how often); shelters turning people away (by the mean persons turned away per run);
/// catchments over capacity (by the excess); walks beyond the radius (by persons); areas too small.
std::vector<ShelterFinding> shelterFindings(const LoadedScenario& l, const ShelterEvaluationSettings& s,
                                            const ShelterEvaluation& e) {
  const Park& park = l.park;
  std::vector<ShelterFinding> found;
  auto add = [&](int category, double weight, std::string text) { found.push_back({category, weight, std::move(text)}); };
  const long capacity = park.shelterCapacity();
  for (const PopulationEvaluation* p : {&e.day, &e.night}) {
    const char* when = p->demand.night ? tc("time of day", "night") : tc("time of day", "day");
    const long pop = p->demand.population;
    if (pop > 0 && double(capacity) < kMinShelterShare * double(pop))
      add(0, 0, tf("Shelter capacity {1} is below 15 % of the {2} population ({3}): the code for fixed shelters is not met.",
                   groupedNumber(capacity), when, groupedNumber(pop)));
    if (capacity < pop)
      add(0, 0, tf("Shelter capacity {1} cannot hold the whole {2} population ({3}) if everyone evacuates.", groupedNumber(capacity),
                   when, groupedNumber(pop)));
    if (p->demand.unreachable > 0)
      add(0, double(p->demand.unreachable), tf("{1} persons ({2}) reach no shelter by road.", groupedNumber(p->demand.unreachable), when));
    for (std::size_t k = 0; k < park.shelters.size(); ++k) {
      const Shelter& sh = park.shelters[k];
      const long demand = p->demand.demand[k];
      if (demand > sh.capacity)
        add(3, double(demand - sh.capacity),
            tf("{1} {2}: by {3} its nominal catchment sends {4} persons to {5} places ({6}x); the rest must walk on to another shelter.",
               sh.id, sh.name, when, groupedNumber(demand), groupedNumber(sh.capacity), fixedNumber(double(demand) / sh.capacity, 1)));
      if (p->runs.runs > 0 && p->runs.overflowing[k] * 10 >= p->runs.runs)
        add(2, p->runs.meanOverflow[k],
            tf("{1} {2}: turns people away in {3} of {4} runs (mean {5} persons).", sh.id, sh.name, overflowShareText(p->runs, k), when,
               groupedNumber(std::lround(p->runs.meanOverflow[k]))));
      const auto& w = p->demand.walk[k];
      if (w.beyondRadius > 0)
        add(4, double(w.beyondRadius),
            tf("{1} {2}: {3} of its {4} users walk farther than {5} m (P95 {6} m, farthest {7} m, {8} min).", sh.id, sh.name,
               groupedNumber(w.beyondRadius), when, fixedNumber(s.radius_m, 0), fixedNumber(w.p95_m, 0), fixedNumber(w.max_m, 0),
               fixedNumber(w.max_m / l.scenario.walking.speed_ms / 60, 0)));
    }
  }
  for (std::size_t h = 0; h < e.threatHazards.size(); ++h)
    for (std::size_t k = 0; k < park.shelters.size(); ++k)
      if (e.threatShare[h][k] >= 0.05)
        add(1, e.threatShare[h][k],
            tf("{1} {2}: lies in the AEGL-2 zone of {3} in {4} of weather draws.", park.shelters[k].id, park.shelters[k].name,
               e.threatHazards[h], percentText(e.threatShare[h][k])));
  for (const Shelter& sh : park.shelters)
    if (sh.area_m2 > 0 && sh.capacity * s.areaPerPerson_m2 > sh.area_m2)
      add(5, 0,
          tf("{1} {2}: its {3} m2 hold only {4} persons at {5} m2 each, not its capacity {6}.", sh.id, sh.name,
             groupedNumber(std::lround(sh.area_m2)), groupedNumber(long(sh.area_m2 / s.areaPerPerson_m2)),
             fixedNumber(s.areaPerPerson_m2, 1), groupedNumber(sh.capacity)));
  std::stable_sort(found.begin(), found.end(), [](const ShelterFinding& a, const ShelterFinding& b) {
    return a.category != b.category ? a.category < b.category : a.weight > b.weight;
  });
  return found;
}

// [SECTION] The evaluation
ShelterEvaluation evaluateShelters(const LoadedScenario& loaded, const ShelterEvaluationSettings& s) {
  ShelterEvaluation e;
  e.day.demand = nominalDemand(loaded, *s.plan, false, s.radius_m);
  e.night.demand = nominalDemand(loaded, *s.plan, true, s.radius_m);
  for (const Hazard& h : loaded.scenario.hazards) {
    if (!std::holds_alternative<ToxicRelease>(h.detail) || s.threatDraws <= 0) continue;
    const auto t = threatProbability(loaded, h.id, s.seed, s.threatDraws, {});
    e.threatHazards.push_back(h.id);
    std::vector<double> share;
    for (int hits : t.shelters) share.push_back(double(hits) / double(std::max(1, t.replications)));
    e.threatShare.push_back(share);
  }
  if (s.replications > 0) {
    Platform platform(loaded);
    e.day.runs = monteCarlo(platform, loaded, s, false);
    e.night.runs = monteCarlo(platform, loaded, s, true);
    e.plans = planEfficiencies(platform, loaded, s);
  }
  e.findings = shelterFindings(loaded, s, e);
  return e;
}

}  // namespace drillsim
