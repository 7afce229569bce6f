// The evacuation controller: protective orders, departures, shelter choice, cohorts as comms
// sharing road capacity, admission and overflow (DESIGN.md sections 3 and 4).
#include <algorithm>
#include <cmath>
#include <limits>

#include "scenarios/Cohorts.hpp"
#include "sim/engine/RunState.hpp"

namespace drillsim {

namespace sg4 = simgrid::s4u;

EvacuationController::EvacuationController(RunState& s)
    : s_(s), sheltersAt_(s.park.graph.nodeCount()), mapped_(s.park.zones.size()) {
  const auto& shelters = s_.park.shelters;
  for (std::size_t i = 0; i < shelters.size(); ++i)
    if (shelters[i].node >= 0 && std::size_t(shelters[i].node) < sheltersAt_.size())
      sheltersAt_[std::size_t(shelters[i].node)].push_back(int(i));
  if (s_.plan.shelters.kind == ShelterRule::Kind::Map)
    for (const auto& [zone, list] : s_.plan.shelters.map)
      if (const Zone* z = s_.park.zone(zone.id))
        for (const Ref& ref : list)
          if (const Shelter* sh = s_.park.shelter(ref.id))
            mapped_[std::size_t(z - s_.park.zones.data())].push_back(int(sh - shelters.data()));
}

void EvacuationController::schedule(double time_s, Timer::Kind kind, std::size_t index) {
  timers_.push_back({time_s, sequence_++, kind, index});
  std::push_heap(timers_.begin(), timers_.end(), std::greater<>());
}

void EvacuationController::operator()() {
  auto mailbox = sg4::Mailbox::by_name("controller");
  Message* message = nullptr;
  sg4::CommPtr orders = mailbox->get_async<Message>(&message);
  bool chainFinished = false;
  while (!chainFinished || !timers_.empty() || !comms_.empty()) {
    std::vector<sg4::CommPtr> waitFor = comms_;
    if (!chainFinished) waitFor.push_back(orders);
    const double timeout = timers_.empty() ? -1 : std::max(0.0, timers_.front().time_s - s_.now());
    const ssize_t done = waitFor.empty() ? -1 : sg4::Comm::wait_any_for(waitFor, timeout);
    if (waitFor.empty()) sg4::this_actor::sleep_until(timers_.front().time_s);
    sampleRoadUsage(done >= 0 && std::size_t(done) < comms_.size() ? done : -1);
    if (done < 0) {
      while (!timers_.empty() && timers_.front().time_s <= s_.now()) {
        std::pop_heap(timers_.begin(), timers_.end(), std::greater<>());
        const Timer t = timers_.back();
        timers_.pop_back();
        onTimer(t);
      }
    } else if (!chainFinished && std::size_t(done) == comms_.size()) {
      if (message->kind == Message::Kind::ChainFinished) chainFinished = true;
      else onPartyNotified(message->party);
      if (!chainFinished) orders = mailbox->get_async<Message>(&message);
    } else {
      const std::size_t leg = commLegs_[std::size_t(done)];
      comms_.erase(comms_.begin() + done);
      commLegs_.erase(commLegs_.begin() + done);
      commRemaining_.erase(commRemaining_.begin() + done);
      arrive(legs_[leg]);
    }
  }
}

void EvacuationController::onPartyNotified(const std::string& party) {
  const auto& entries = s_.plan.protect;
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const Protect& entry = entries[e];
    if (entry.after.id != party) continue;
    std::vector<int> zones;
    if (entry.scope == Protect::Scope::All) {
      for (std::size_t z = 0; z < s_.park.zones.size(); ++z) zones.push_back(int(z));
    } else if (entry.scope == Protect::Scope::Threat) {
      zones = s_.toxic.threatZones(s_.now());
    } else {
      for (const Ref& r : entry.zones)
        if (const Zone* z = s_.park.zone(r.id)) zones.push_back(int(z - s_.park.zones.data()));
    }
    for (int z : zones) {
      if (s_.zoneOrder[std::size_t(z)] >= 0) continue;
      // The first listed entry covering a zone applies to it: an earlier entry of fixed scope not
      // yet released keeps the zone for itself.
      bool earlierGoverns = false;
      for (std::size_t k = 0; k < e && !earlierGoverns; ++k) {
        const Protect& prior = entries[k];
        if (prior.scope == Protect::Scope::All) earlierGoverns = true;
        for (const Ref& r : prior.zones) earlierGoverns = earlierGoverns || r.id == s_.park.zones[std::size_t(z)].id;
      }
      if (earlierGoverns) continue;
      s_.zoneOrder[std::size_t(z)] = int(e);
      const Zone& zone = s_.park.zones[std::size_t(z)];
      const int people = s_.scenario.night() ? zone.pop_night : zone.pop_day;
      s_.log({.kind = EventKind::Order, .entity = zone.id, .party = party, .persons = people, .action = entry.action});
      if (entry.action == ProtectiveAction::ShelterInPlace) {
        s_.outcome.metrics.sheltered_in_place += people;
        continue;
      }
      // Cohorts of cohort_size, each with its own pre-movement time (scenarios/Cohorts.hpp).
      for (const CohortSplit& split : splitIntoCohorts(s_.scenario, zone.id, people, s_.seed, s_.replication)) {
        Cohort c;
        c.key = split.key;
        c.zone = z;
        c.persons = split.persons;
        c.premovement_s = split.premovement_s;
        s_.cohorts.push_back(c);
        schedule(s_.now() + c.premovement_s, Timer::Kind::Depart, s_.cohorts.size() - 1);
      }
    }
  }
}

std::function<bool(int)> EvacuationController::closedNow(int fleeing) const {
  const double t = s_.now();
  return [this, t, fleeing](int road) { return s_.roads.roadClosedFor(road, t, fleeing); };
}

int EvacuationController::fleeing(const Cohort& c, NodeId from) const {
  return from == s_.park.zones[std::size_t(c.zone)].node ? c.zone : -1;
}

double EvacuationController::walkTime(const WalkRoute& r, double fromAccess_m, int shelter) const {
  return (fromAccess_m + r.length_m + s_.park.shelters[std::size_t(shelter)].access_m) / s_.scenario.walking.speed_ms;
}

EvacuationController::Choice EvacuationController::chooseShelter(const Cohort& c, NodeId from, double fromAccess_m) const {
  const auto& shelters = s_.park.shelters;
  const auto closed = closedNow(fleeing(c, from));
  // The route to shelter i by open roads, if the shelter has room; nullptr otherwise.
  auto openRoute = [&](int i) -> const WalkRoute* {
    return s_.occupancy[std::size_t(i)] < shelters[std::size_t(i)].capacity
               ? s_.platform.route(from, shelters[std::size_t(i)].node, closed)
               : nullptr;
  };
  const ShelterRule& rule = s_.plan.shelters;
  for (int i : mapped_[std::size_t(c.zone)])
    if (const WalkRoute* r = openRoute(i)) return {i, r};
  // Every listed shelter is full or out of reach (or the zone is not in the map): the nearest open
  // one, of those with routes from here, in the shelters' order (the first wins a tie).
  std::vector<int> reachable;
  for (NodeId n : s_.platform.destinations(from))
    if (std::size_t(n) < sheltersAt_.size()) reachable.insert(reachable.end(), sheltersAt_[std::size_t(n)].begin(), sheltersAt_[std::size_t(n)].end());
  std::sort(reachable.begin(), reachable.end());
  Choice best;
  double bestCost = std::numeric_limits<double>::infinity();
  for (int i : reachable) {
    const WalkRoute* route = openRoute(i);
    if (!route) continue;
    const WalkRoute& r = *route;
    double cost = walkTime(r, fromAccess_m, i);
    if (rule.kind == ShelterRule::Kind::Fastest) {
      // Estimated arrival of the cohort's last person: the walk plus the time the most loaded
      // road on the way needs to pass everyone already committed to it and this cohort.
      double queue_s = 0;
      for (int road : r.roads)
        queue_s = std::max(queue_s, (s_.committed[std::size_t(road)] + c.persons) / s_.platform.capacity_pps(road));
      cost += queue_s;
    }
    if (cost < bestCost) {
      bestCost = cost;
      best = {i, route};
    }
  }
  return best;
}

void EvacuationController::startLeg(int cohort, NodeId from, double fromAccess_m) {
  Cohort& c = s_.cohorts[std::size_t(cohort)];
  const auto [shelter, route] = chooseShelter(c, from, fromAccess_m);
  if (shelter < 0) {
    const bool atHome = from == s_.park.zones[std::size_t(c.zone)].node;
    if (atHome) {
      // No shelter is open by an open road: the cohort stays in its zone and shelters in place.
      s_.inPlaceEvacuees += c.persons;
      s_.outcome.metrics.sheltered_in_place += c.persons;
      s_.log({.kind = EventKind::ShelterInPlace, .entity = c.key, .persons = c.persons});
    } else {
      s_.log({.kind = EventKind::NoShelter, .entity = c.key, .persons = c.persons});
    }
    return;
  }
  const Shelter& target = s_.park.shelters[std::size_t(shelter)];
  const double walk_s = walkTime(*route, fromAccess_m, shelter);
  Leg leg{cohort, shelter, route, s_.outcome.legs.size()};
  s_.outcome.legs.push_back({c.key, c.persons, from, target.node, route->roads, s_.now(), s_.now() + walk_s, 0, target.id});
  for (int road : route->roads) s_.committed[std::size_t(road)] += c.persons;
  legs_.push_back(leg);
  s_.log({.kind = EventKind::Depart, .entity = c.key, .shelter = target.id, .persons = c.persons});
  schedule(s_.now() + walk_s, route->roads.empty() ? Timer::Kind::ArriveWithoutRoad : Timer::Kind::StartSend,
           legs_.size() - 1);
}

void EvacuationController::onTimer(const Timer& t) {
  switch (t.kind) {
    case Timer::Kind::Depart: {
      const Cohort& c = s_.cohorts[t.index];
      const Zone& z = s_.park.zones[std::size_t(c.zone)];
      startLeg(int(t.index), z.node, z.access_m);
      break;
    }
    case Timer::Kind::StartSend: {
      // The front has reached the shelter: the cohort now holds its route's roads until its last
      // person arrives, sharing each road's capacity with every other cohort on it.
      const Leg& leg = legs_[t.index];
      const Cohort& c = s_.cohorts[std::size_t(leg.cohort)];
      const NodeId from = s_.outcome.legs[leg.record].from_node, to = s_.outcome.legs[leg.record].to_node;
      comms_.push_back(sg4::Comm::sendto_async(s_.platform.host(from),
                                               s_.platform.destinationHost(to, leg.route->alternative),
                                               std::uint64_t(c.persons)));
      commLegs_.push_back(t.index);
      commRemaining_.push_back(c.persons);
      break;
    }
    case Timer::Kind::ArriveWithoutRoad: arrive(legs_[t.index]); break;
  }
}

void EvacuationController::arrive(Leg leg) {
  Cohort& c = s_.cohorts[std::size_t(leg.cohort)];
  auto& record = s_.outcome.legs[leg.record];
  record.end_s = s_.now();
  for (int road : leg.route->roads) s_.committed[std::size_t(road)] -= c.persons;
  const Shelter& shelter = s_.park.shelters[std::size_t(leg.shelter)];
  int& inside = s_.occupancy[std::size_t(leg.shelter)];
  const int admitted = std::min(c.persons, shelter.capacity - inside);
  auto& metrics = s_.outcome.metrics.shelters[shelter.id];
  record.admitted = std::max(admitted, 0);
  if (admitted > 0) {
    inside += admitted;
    metrics.admitted += admitted;
    metrics.peak = std::max(metrics.peak, inside);
    // The front of the cohort gets in; its persons arrived evenly between front and end.
    const double span = record.end_s - record.front_s;
    s_.arrivals.push_back({record.front_s, record.front_s + span * admitted / c.persons, admitted});
    s_.outcome.occupancy.push_back({s_.now(), shelter.id, inside});
    s_.log({.kind = EventKind::Arrive,
            .entity = c.key,
            .shelter = shelter.id,
            .persons = admitted,
            .occupancy = inside,
            .capacity = shelter.capacity});
  }
  const int rest = c.persons - std::max(admitted, 0);
  if (rest == 0) {
    c.sheltered = true;
    return;
  }
  metrics.overflow += rest;
  s_.log({.kind = EventKind::Overflow, .entity = shelter.id, .cohort = c.key, .persons = rest});
  c.persons = rest;
  startLeg(leg.cohort, shelter.node, shelter.access_m);
}

void EvacuationController::sampleRoadUsage(ssize_t finished) {
  const double dt = s_.now() - lastSample_s_;
  lastSample_s_ = s_.now();
  if (dt <= 0) return;
  // Link::get_usage() is not usable here: at a completion it no longer counts the finished comm,
  // so the busiest interval would be missed. Each comm's rate over the interval is exact instead.
  if (roadPeak_.empty()) {
    flow_.assign(s_.park.roads.size(), 0.0);
    for (const Road& r : s_.park.roads) roadPeak_.push_back(&s_.outcome.metrics.roads[r.id].peak_utilisation);
  }
  for (std::size_t i = 0; i < comms_.size(); ++i) {
    const double remaining = ssize_t(i) == finished ? 0.0 : comms_[i]->get_remaining();
    const double rate = (commRemaining_[i] - remaining) / dt;
    commRemaining_[i] = remaining;
    for (int road : legs_[commLegs_[i]].route->roads) {
      if (flow_[std::size_t(road)] == 0.0) flowing_.push_back(std::size_t(road));
      flow_[std::size_t(road)] += rate;
    }
  }
  for (std::size_t road : flowing_) {
    if (flow_[road] > 0) *roadPeak_[road] = std::max(*roadPeak_[road], flow_[road] / s_.platform.capacity_pps(int(road)));
    flow_[road] = 0.0;
  }
  flowing_.clear();
}

}  // namespace drillsim
