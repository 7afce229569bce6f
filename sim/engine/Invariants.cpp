#include "sim/engine/Invariants.hpp"

#include "scenarios/NumberText.hpp"

#include <cmath>
#include <map>

namespace drillsim {

namespace {
}  // namespace

std::vector<std::string> invariantViolations(const Outcome& o, const LoadedScenario& loaded,
                                             const std::vector<std::string>& found) {
  std::vector<std::string> bad = found;
  const Metrics& m = o.metrics;
  const Park& park = loaded.park;
  const double horizon = o.horizon_s;
  // Each check builds its message only when it fails: the check runs after every replication.
  auto inClock = [&](double t) { return std::isfinite(t) && t >= 0 && t <= horizon + 1e-6; };

  // People conserved.
  const long population = park.population(loaded.scenario.night());
  if (!(m.population == population))
    bad.push_back("population " + std::to_string(m.population) + " differs from the park's " +
                  std::to_string(population));
  for (const auto& [name, v] : {std::pair<const char*, long>{"sheltered", m.sheltered},
                                {"unsheltered", m.unsheltered},
                                {"sheltered_in_place", m.sheltered_in_place},
                                {"not_ordered", m.not_ordered}})
    if (!(v >= 0)) bad.push_back(std::string(name) + " is negative (" + std::to_string(v) + ")");
  if (!(m.sheltered + m.unsheltered + m.sheltered_in_place + m.not_ordered == m.population))
    bad.push_back("sheltered + unsheltered + sheltered_in_place + not_ordered = " +
                  std::to_string(m.sheltered + m.unsheltered + m.sheltered_in_place + m.not_ordered) + ", population " +
                  std::to_string(m.population));

  // Shelters.
  long admitted = 0, overflow = 0;
  for (const auto& [id, s] : m.shelters) {
    const Shelter* sh = park.shelter(id);
    if (!sh) {
      bad.push_back("shelter " + id + " is not in the park");
      continue;
    }
    if (!(s.peak >= 0 && s.peak <= sh->capacity))
      bad.push_back("shelter " + id + " peak " + std::to_string(s.peak) + " outside 0.." +
                    std::to_string(sh->capacity));
    if (!(s.admitted >= 0 && s.admitted <= sh->capacity))
      bad.push_back("shelter " + id + " admitted " + std::to_string(s.admitted) + " outside 0.." +
                    std::to_string(sh->capacity));
    if (!(s.overflow >= 0)) bad.push_back("shelter " + id + " overflow is negative");
    admitted += s.admitted;
    overflow += s.overflow;
  }
  if (!(admitted == m.sheltered))
    bad.push_back("shelters admitted " + std::to_string(admitted) + " persons, sheltered is " +
                  std::to_string(m.sheltered));
  std::map<std::string, Occupancy> last;
  for (const Occupancy& c : o.occupancy) {
    const Shelter* sh = park.shelter(c.shelter);
    if (!(sh && c.persons >= 0 && c.persons <= sh->capacity))
      bad.push_back("shelter " + c.shelter + " holds " + std::to_string(c.persons) + " at " + significantNumber(c.time_s));
    if (!(inClock(c.time_s))) bad.push_back("shelter " + c.shelter + " occupancy recorded at " + significantNumber(c.time_s));
    if (auto it = last.find(c.shelter); it != last.end()) {
      if (!(c.time_s >= it->second.time_s))
        bad.push_back("shelter " + c.shelter + " occupancy goes back in time at " + significantNumber(c.time_s));
      if (!(c.persons >= it->second.persons))
        bad.push_back("shelter " + c.shelter + " occupancy falls at " + significantNumber(c.time_s));
    }
    last[c.shelter] = c;
  }
  long inLog = 0, overflowLog = 0;
  for (std::size_t i = 0; i < o.events.size(); ++i) {
    const Event& e = o.events[i];
    if (!(inClock(e.time_s))) bad.push_back(std::string("event ") + eventKindName(e.kind) + " " + e.entity + " at " + significantNumber(e.time_s));
    if (i > 0 && !(e.time_s >= o.events[i - 1].time_s))
      bad.push_back(std::string("event log goes back in time at ") + eventKindName(e.kind) + " " + e.entity);
    if (e.kind == EventKind::Arrive) inLog += e.persons;
    if (e.kind == EventKind::Overflow) overflowLog += e.persons;
  }
  if (!(inLog == m.sheltered))
    bad.push_back("the log's arrivals add to " + std::to_string(inLog) + ", sheltered is " +
                  std::to_string(m.sheltered));
  if (!(overflowLog == overflow))
    bad.push_back("the log's overflows add to " + std::to_string(overflowLog) + ", the shelters' to " +
                  std::to_string(overflow));

  // Clocks of movements and arrivals.
  for (const Leg& l : o.legs) {
    const bool done = l.end_s > 0;
    if (!(inClock(l.depart_s) &&
          (!done || (l.depart_s <= l.front_s + 1e-9 && l.front_s <= l.end_s + 1e-9 && inClock(l.end_s)))))
      bad.push_back("movement of " + l.who + " departs " + significantNumber(l.depart_s) + ", front " + significantNumber(l.front_s) + ", end " +
                    significantNumber(l.end_s));
  }
  if (!(m.arrival_p50_s >= 0 && m.arrival_p50_s <= m.arrival_p90_s && m.arrival_p90_s <= m.arrival_p95_s &&
        m.arrival_p95_s <= m.clearance_s + 1e-9 && m.clearance_s <= horizon + 1e-9))
    bad.push_back("arrival P50 " + significantNumber(m.arrival_p50_s) + ", P90 " + significantNumber(m.arrival_p90_s) + ", P95 " +
                  significantNumber(m.arrival_p95_s) + ", clearance " + significantNumber(m.clearance_s) + ", horizon " + significantNumber(horizon) +
                  " out of order");

  // Doses and their counts.
  long over2 = 0, over3 = 0, over5kw = 0;
  double deaths = 0;
  for (const auto& [id, z] : m.zones) {
    const Zone* zone = park.zone(id);
    const long people = zone ? (loaded.scenario.night() ? zone->pop_night : zone->pop_day) : 0;
    for (const auto& [what, v] : {std::pair<const char*, long>{"persons_over_aegl2", z.persons_over_aegl2},
                                  {"persons_over_aegl3", z.persons_over_aegl3},
                                  {"persons_over_5kw", z.persons_over_5kw},
                                  {"persons_in_fire", z.persons_in_fire}})
      if (!(v >= 0 && v <= people))
        bad.push_back("zone " + id + " " + what + " " + std::to_string(v) + " outside 0.." + std::to_string(people));
    if (!(std::isfinite(z.expected_fatalities) && z.expected_fatalities >= 0 &&
          z.expected_fatalities <= double(people) + 1e-6))
      bad.push_back("zone " + id + " expected fatalities " + significantNumber(z.expected_fatalities) + " outside 0.." +
                    std::to_string(people));
    over2 += z.persons_over_aegl2;
    over3 += z.persons_over_aegl3;
    over5kw += z.persons_over_5kw;
    deaths += z.expected_fatalities;
  }
  if (!(over2 == m.persons_over_aegl2 && over3 == m.persons_over_aegl3 && over5kw == m.persons_over_5kw))
    bad.push_back("the zones' persons over AEGL-2/AEGL-3/5 kW do not add to the totals");
  if (!(std::abs(deaths - m.expected_fatalities) <= 1e-6 * std::max(1.0, deaths)))
    bad.push_back("the zones' expected fatalities " + significantNumber(deaths) + " do not add to the total " +
                  significantNumber(m.expected_fatalities));
  return bad;
}

void checkInvariants(const Outcome& o, const LoadedScenario& loaded, const std::vector<std::string>& found) {
  const auto bad = invariantViolations(o, loaded, found);
  if (bad.empty()) return;
  std::string text = "invariant broken in plan " + o.plan + ", seed " + std::to_string(o.seed) + ", replication " +
                     std::to_string(o.replication) + " (a defect of DrillSim; rerun it with drillsim run):";
  for (std::size_t i = 0; i < bad.size() && i < 10; ++i) text += "\n  - " + bad[i];
  if (bad.size() > 10) text += "\n  - and " + std::to_string(bad.size() - 10) + " more";
  throw InvariantError(text);
}

}  // namespace drillsim
