#include "sim/engine/Replication.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "sim/engine/Exposure.hpp"
#include "sim/engine/Invariants.hpp"
#include "sim/engine/RunState.hpp"

namespace drillsim {

namespace sg4 = simgrid::s4u;

namespace {

// Time by which a fraction q of the evacuees had arrived, each arrival segment spreading its
// persons evenly; evacuees never sheltered count as arriving at the horizon.
double arrivalQuantile(std::vector<ArrivalSegment> segments, long evacuees, double q, double horizon_s) {
  if (evacuees <= 0) return 0;
  const double target = q * double(evacuees);
  // Sweep over the piecewise-linear cumulative arrivals.
  std::vector<double> cuts;
  for (const auto& s : segments) {
    cuts.push_back(s.front_s);
    cuts.push_back(s.end_s);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  auto arrivedBy = [&](double t) {
    double n = 0;
    for (const auto& s : segments) {
      if (t >= s.end_s) n += s.persons;
      else if (t > s.front_s) n += s.persons * (t - s.front_s) / (s.end_s - s.front_s);
    }
    return n;
  };
  // The first cut reaching the target, by bisection (the cumulative arrivals never fall), then
  // linear between it and the cut before: O(n log n) where a scan of every cut was O(n^2).
  std::size_t lo = 0, hi = cuts.size();  // the first reaching cut lies in [lo, hi); hi: none
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (arrivedBy(cuts[mid]) >= target - 1e-9) hi = mid;
    else lo = mid + 1;
  }
  if (lo == cuts.size()) return horizon_s;
  const double t = cuts[lo], n = arrivedBy(t);
  const double previousT = lo > 0 ? cuts[lo - 1] : 0, previousN = lo > 0 ? arrivedBy(previousT) : 0;
  if (n - previousN <= 0) return t;
  return previousT + (t - previousT) * (target - previousN) / (n - previousN);
}

}  // namespace

Outcome runReplication(Platform& platform, const LoadedScenario& loaded, const Plan& plan, std::uint64_t seed,
                       std::uint64_t replication, HazardEffects& hazards, ReplicationProfile* profile) {
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  const auto t0 = Clock::now();
  RunState s(platform, loaded, plan, seed, replication, hazards);
  s.profile = profile;
  const Park& park = loaded.park;
  s.outcome.scenario = loaded.scenario.name;
  s.outcome.plan = plan.id;
  s.outcome.seed = seed;
  s.outcome.replication = replication;
  s.outcome.horizon_s = loaded.scenario.horizon_s;
  s.occupancy.assign(park.shelters.size(), 0);
  s.committed.assign(park.roads.size(), 0);
  s.zoneOrder.assign(park.zones.size(), -1);
  for (const auto& sh : park.shelters) s.outcome.metrics.shelters[sh.id] = {};
  for (const auto& r : park.roads) s.outcome.metrics.roads[r.id] = {};
  for (const auto& h : loaded.scenario.hazards) s.outcome.metrics.hazards[h.id] = {};
  s.outcome.metrics.draws = hazards.draws();

  sg4::Host* control = platform.controlHost();
  sg4::Actor::create("alarm-chain", control, AlarmChain(s));
  sg4::Actor::create("evacuation", control, EvacuationController(s));
  if (!loaded.scenario.hazards.empty()) sg4::Actor::create("hazard-monitor", control, HazardMonitor(s));
  std::vector<std::string> dispatched;
  for (const Dispatch& d : plan.dispatch)
    if (std::find(dispatched.begin(), dispatched.end(), d.team.id) == dispatched.end()) dispatched.push_back(d.team.id);
  for (const auto& id : dispatched)
    if (const Team* t = loaded.scenario.team(id)) {
      s.outcome.metrics.teams[id] = {};
      const auto tasks = std::count_if(plan.dispatch.begin(), plan.dispatch.end(),
                                       [&](const Dispatch& d) { return d.team.id == id; });
      sg4::Actor::create("team:" + id, control, TeamActor(s, *t, int(tasks)));
    }

  const auto t1 = Clock::now();
  platform.engine().run_until(loaded.scenario.horizon_s);
  const auto t2 = Clock::now();

  // Metrics at the horizon.
  Metrics& m = s.outcome.metrics;
  long evacuees = 0;
  for (std::size_t z = 0; z < park.zones.size(); ++z) {
    const int people = loaded.scenario.night() ? park.zones[z].pop_night : park.zones[z].pop_day;
    m.population += people;
    if (s.zoneOrder[z] < 0) m.not_ordered += people;
    else if (plan.protect[std::size_t(s.zoneOrder[z])].action == ProtectiveAction::Evacuate) evacuees += people;
  }
  for (const auto& a : s.arrivals) m.sheltered += a.persons;
  m.unsheltered = evacuees - m.sheltered - s.inPlaceEvacuees;
  double last = 0;
  for (const auto& a : s.arrivals) last = std::max(last, a.end_s);
  // Over the evacuees who set out; those held in place by closed roads are counted apart.
  const long setOut = evacuees - s.inPlaceEvacuees;
  m.clearance_s = setOut <= 0 ? 0 : m.unsheltered > 0 ? loaded.scenario.horizon_s : last;
  m.arrival_p50_s = arrivalQuantile(s.arrivals, setOut, 0.50, loaded.scenario.horizon_s);
  m.arrival_p90_s = arrivalQuantile(s.arrivals, setOut, 0.90, loaded.scenario.horizon_s);
  m.arrival_p95_s = arrivalQuantile(s.arrivals, setOut, 0.95, loaded.scenario.horizon_s);
  if (m.unsheltered > 0)
    s.log({.kind = EventKind::Horizon, .persons = m.unsheltered});
  assessExposure(s);
  // Ignitions at their exact times (known only now: later controls may have prevented some).
  for (const Hazard& h : loaded.scenario.hazards)
    if (std::holds_alternative<Fire>(h.detail))
      for (std::size_t z = 0; z < park.zones.size(); ++z)
        if (const double t = hazards.ignitedAt_s(h.id, int(z)); t <= loaded.scenario.horizon_s)
          s.outcome.events.push_back({.time_s = t, .kind = EventKind::Ignited, .entity = park.zones[z].id, .hazard = h.id});
  std::stable_sort(s.outcome.events.begin(), s.outcome.events.end(),
                   [](const Event& a, const Event& b) { return a.time_s < b.time_s; });
  checkInvariants(s.outcome, loaded, s.violations);
  if (profile) {
    profile->actors_ms = ms(t0, t1);
    profile->engine_ms = ms(t1, t2);
    profile->after_ms = ms(t2, Clock::now());
  }
  return std::move(s.outcome);
}

}  // namespace drillsim
