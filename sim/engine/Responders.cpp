// The alarm chain and the rescue teams: the actors whose procedures a planner writes down.
#include <chrono>
#include <cmath>
#include <limits>

#include "sim/hazard/FireSpread.hpp"

#include "sim/engine/Replication.hpp"
#include "sim/engine/RunState.hpp"

namespace drillsim {

namespace sg4 = simgrid::s4u;

double crowdSpeedFactor(double utilisation) { return 1.0 - 0.8 * std::clamp(utilisation, 0.0, 1.0); }

void RunState::post(const std::string& mailbox, Message m) {
  messages.push_back(std::move(m));
  sg4::Mailbox::by_name(mailbox)->put_init(&messages.back(), 0)->detach();
}

double RunState::draw(const Distribution& d, const std::string& purpose, const std::string& entity, double floor) const {
  RandomStream stream(seed, replication, purpose, entity);
  return d.sampleAtLeast(stream, floor);
}

void AlarmChain::operator()() {
  // The streams are keyed by party, not by plan, so that two plans with the same delay for a
  // party see the same delay in the same replication (common random numbers).
  sg4::this_actor::sleep_for(s_.draw(s_.plan.detection_s, "detection", ""));
  s_.log({.kind = EventKind::Detected});
  for (const Notification& n : s_.plan.notify) {
    sg4::this_actor::sleep_for(s_.draw(n.delay_s, "notify", n.who));
    s_.log({.kind = EventKind::Notified, .entity = n.who});
    s_.post("controller", {Message::Kind::PartyNotified, n.who, ""});
    for (const Dispatch& d : s_.plan.dispatch)
      if (d.after.id == n.who) s_.post("team:" + d.team.id, {Message::Kind::Dispatch, n.who, d.to.id});
  }
  s_.post("controller", {Message::Kind::ChainFinished, "", ""});
}

void HazardMonitor::operator()() {
  constexpr double kInterval_s = 60;  // how often the monitor looks; closures themselves act at once
  std::vector<bool> closed(s_.park.roads.size(), false), threat(s_.park.zones.size(), false);
  for (double t = 0; t <= s_.scenario.horizon_s; t += kInterval_s) {
    sg4::this_actor::sleep_until(t);
    const auto started = std::chrono::steady_clock::now();
    for (std::size_t r = 0; r < closed.size(); ++r) {
      RoadClosure why = s_.roads.closure(int(r), t);
      const bool now = bool(why);
      if (now != closed[r])
        s_.log({.kind = now ? EventKind::RoadClosed : EventKind::RoadReopened, .entity = s_.park.roads[r].id, .closure = std::move(why)});
      closed[r] = now;
    }
    std::vector<bool> inside(threat.size(), false);
    for (int z : s_.toxic.threatZones(t)) inside[std::size_t(z)] = true;
    for (std::size_t z = 0; z < threat.size(); ++z)
      if (inside[z] != threat[z])
        s_.log({.kind = inside[z] ? EventKind::ThreatEnters : EventKind::ThreatLeaves, .entity = s_.park.zones[z].id});
    threat = inside;
    if (s_.profile)
      s_.profile->hazardChecks_ms +=
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  }
}

namespace {
// Node a team drives to for a hazard or zone id.
NodeId targetNode(const RunState& s, const std::string& target) {
  if (const Hazard* h = s.scenario.hazard(target)) {
    if (const auto* r = std::get_if<ToxicRelease>(&h->detail)) {
      if (const HazardSource* src = s.park.source(r->source.id)) return s.park.graph.nearestNode(src->position);
    } else if (const Zone* z = s.park.zone(std::get<Fire>(h->detail).zone.id)) {
      return z->node;
    }
  }
  if (const Zone* z = s.park.zone(target)) return z->node;
  return kNoNode;
}

// Fastest drive on the road graph at departure, each road at the team's speed (capped by the
// road's limit) slowed by the evacuees on it at that moment. Teams keep out of closed roads where
// they can, but may drive into them (with their protective equipment) when there is no other way:
// the road to a leak is always closed. A closed road counts ten times its driving time.
constexpr double kClosedRoadPenalty = 10.0;
double driveTime(const RunState& s, const Team& team, const Arc& arc) {
  const Road& road = s.park.roads[std::size_t(arc.road)];
  const double limit = road.speed_ms ? std::min(*road.speed_ms, team.speed_ms) : team.speed_ms;
  const double u = s.platform.link(arc.road)->get_usage() / s.platform.capacity_pps(arc.road);
  return arc.length_m / (limit * crowdSpeedFactor(u));
}

std::optional<std::pair<double, std::vector<int>>> drive(const RunState& s, const Team& team, NodeId from, NodeId to) {
  const double now = s.now();
  const auto tree = s.park.graph.shortestPaths(from, [&](const Arc& arc) {
    const double penalty = s.roads.roadClosed(arc.road, now) ? kClosedRoadPenalty : 1.0;
    return penalty * driveTime(s, team, arc);
  });
  if (!tree.reaches(to)) return std::nullopt;
  // The time actually driven, without the penalty that steered the choice of route.
  std::vector<int> roads = tree.roadsTo(to, s.park.graph);
  double time_s = 0;
  NodeId at = from;
  for (int road : roads) {
    for (int a : s.park.graph.outArcs(at)) {
      const Arc& arc = s.park.graph.arcs()[std::size_t(a)];
      if (arc.road != road) continue;
      time_s += driveTime(s, team, arc);
      at = arc.to;
      break;
    }
  }
  return std::make_pair(time_s, roads);
}
}  // namespace

void TeamActor::operator()() {
  auto mailbox = sg4::Mailbox::by_name("team:" + team_.id);
  const Station* station = s_.park.station(team_.station.id);
  NodeId at = station ? station->node : kNoNode;
  bool turnedOut = false;
  auto& metrics = s_.outcome.metrics.teams[team_.id];
  for (int k = 0; k < tasks_; ++k) {
    const Message* task = mailbox->get<Message>();
    s_.log({.kind = EventKind::Dispatch, .entity = team_.id, .target = task->target, .party = task->party});
    if (!metrics.dispatch_s) metrics.dispatch_s = s_.now();
    if (!turnedOut) {
      sg4::this_actor::sleep_for(s_.draw(team_.turnout_s, "turnout", team_.id));
      turnedOut = true;
    }
    const NodeId to = targetNode(s_, task->target);
    const auto route = at == kNoNode || to == kNoNode ? std::nullopt : drive(s_, team_, at, to);
    if (!route) {
      s_.log({.kind = EventKind::CannotReach, .entity = team_.id, .target = task->target});
      continue;
    }
    const double leaves = s_.now();
    s_.log({.kind = EventKind::Drive, .entity = team_.id, .target = task->target});
    sg4::this_actor::sleep_for(route->first);
    s_.outcome.legs.push_back({team_.id, 0, at, to, route->second, leaves, s_.now(), s_.now(), task->target});
    at = to;
    s_.log({.kind = EventKind::OnScene, .entity = team_.id, .target = task->target});
    if (!metrics.arrival_s) metrics.arrival_s = s_.now();
    work(task->target);
  }
}

void TeamActor::work(const std::string& target) {
  const Hazard* h = s_.scenario.hazard(target);
  if (!h) return;  // sent to a zone: the team stays there (first aid, traffic control)
  auto& outcome = s_.outcome.metrics.hazards[h->id];
  if (const auto* r = std::get_if<ToxicRelease>(&h->detail); r && r->containment_s && team_.kind == TeamKind::Hazmat) {
    sg4::this_actor::sleep_for(s_.draw(*r->containment_s, "containment", h->id));
    if (!outcome.contained_s) {
      outcome.contained_s = s_.now();
      s_.hazards.stopped(h->id, s_.now());
      s_.log({.kind = EventKind::Contained, .entity = h->id, .team = team_.id});
    }
  } else if (const auto* f = std::get_if<Fire>(&h->detail); f && f->control_s && team_.kind == TeamKind::Fire) {
    controlFire(*h, *f);
  }
}

void TeamActor::controlFire(const Hazard& h, const Fire& f) {
  // Zone by zone, nearest first, each zone's work growing with how long it has burnt: the sampled
  // time is for a zone caught as it ignites, and it doubles for every kControlGrowth_s of free
  // burning before the team starts on it (an assumption: no source found gives control time
  // against burn time for a zone-level model). Teams on the same fire take different zones.
  constexpr double kControlGrowth_s = 1800;
  constexpr double kLookAgain_s = 60;  // a team with no zone of its own looks again after this
  const Zone* origin = s_.park.zone(f.zone.id);
  Point2 here = origin ? origin->centroid : Point2{};
  auto& claimed = s_.fireClaims[h.id];
  while (true) {
    const double now = s_.now();
    const std::vector<int> burning = s_.heat.burningZones(h.id, now);
    if (burning.empty()) {
      const double first = origin ? s_.heat.ignitedAt_s(h.id, int(origin - s_.park.zones.data())) : hazard::kNever;
      if (first > now && std::isfinite(first)) {  // on scene before the fire started
        sg4::this_actor::sleep_until(first);
        continue;
      }
      break;
    }
    int zone = -1;
    double nearest = std::numeric_limits<double>::infinity();
    for (int z : burning)
      if (!claimed.count(z) && distance(here, s_.park.zones[std::size_t(z)].centroid) < nearest) {
        nearest = distance(here, s_.park.zones[std::size_t(z)].centroid);
        zone = z;
      }
    if (zone < 0) {
      sg4::this_actor::sleep_for(kLookAgain_s);
      continue;
    }
    const Zone& target = s_.park.zones[std::size_t(zone)];
    claimed.insert(zone);
    const double burnt = now - s_.heat.ignitedAt_s(h.id, zone);
    const double work = s_.draw(*f.control_s, "control", h.id + "/" + target.id) * (1 + burnt / kControlGrowth_s);
    sg4::this_actor::sleep_for(work);
    s_.hazards.controlZone(h.id, zone, s_.now());
    claimed.erase(zone);
    s_.log({.kind = EventKind::ZoneControlled, .entity = target.id, .hazard = h.id, .team = team_.id});
    here = target.centroid;
  }
  auto& outcome = s_.outcome.metrics.hazards[h.id];
  if (!outcome.controlled_s) {
    outcome.controlled_s = s_.now();
    s_.log({.kind = EventKind::Controlled, .entity = h.id, .team = team_.id});
  }
}

}  // namespace drillsim
