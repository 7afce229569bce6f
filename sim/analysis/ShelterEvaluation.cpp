// Shelter evaluation (see ShelterEvaluation.hpp).
#include "sim/analysis/ShelterEvaluation.hpp"

#include <algorithm>
#include <cmath>

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
  return r;
}

}  // namespace drillsim
