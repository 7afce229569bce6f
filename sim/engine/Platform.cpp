#include "sim/engine/Platform.hpp"

#include <xbt/log.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

namespace drillsim {

namespace sg4 = simgrid::s4u;

Platform::Platform(const LoadedScenario& loaded, bool verboseSimGrid) {
  const auto started = std::chrono::steady_clock::now();
  static int argc = 1;
  static char name[] = "drillsim";
  static char* argv[] = {name, nullptr};
  if (!verboseSimGrid) xbt_log_control_set("root.thres:critical");
  engine_ = std::make_unique<sg4::Engine>(&argc, argv);
  // DESIGN.md section 3: CM02 with unit factors and no cross traffic gives max-min fair sharing.
  sg4::Engine::set_config("network/model:CM02");
  sg4::Engine::set_config("network/crosstraffic:0");
  if (const char* optim = std::getenv("DRILLSIM_NETWORK_OPTIM")) sg4::Engine::set_config(std::string("network/optim:") + optim);
  sg4::Engine::set_config("contexts/stack-size:64");  // KiB; our actors keep little on their stacks

  const Park& park = loaded.park;
  const Scenario& s = loaded.scenario;
  std::set<NodeId> origins, shelters, named;
  for (const auto& z : park.zones) origins.insert(z.node);
  for (const auto& sh : park.shelters) {
    origins.insert(sh.node);
    shelters.insert(sh.node);
  }
  for (const auto& plan : s.plans)
    for (const auto& [zoneRef, list] : plan.shelters.map)
      for (const auto& ref : list)
        if (const Shelter* sh = park.shelter(ref.id)) named.insert(sh->node);

  // Hosts only where routes start or end (zones' and shelters' nodes): a full zone's routing table
  // holds a slot for every pair of hosts, so a host at every junction would make its memory grow
  // as the square of the park's junctions. Roads in between are links on the routes.
  auto* zone = sg4::create_full_zone("park");
  hosts_.assign(park.graph.nodeCount(), nullptr);
  for (NodeId n : origins)
    if (n >= 0 && std::size_t(n) < hosts_.size()) hosts_[std::size_t(n)] = zone->create_host("n" + std::to_string(n), 1);
  control_ = zone->create_host("control", 1);
  for (std::size_t i = 0; i < park.roads.size(); ++i) {
    const Road& r = park.roads[i];
    const double capacity = walkingCapacity_pps(r, s);
    capacity_.push_back(capacity);
    links_.push_back(zone->create_link("r" + std::to_string(i) + ":" + r.id, capacity)->set_latency(0));
  }
  // Actors talk through mailboxes on the control host; its loopback is instantaneous.
  auto* loopback = zone->create_link("control-loopback", 1e15)->set_latency(0);
  zone->add_route(control_->get_netpoint(), control_->get_netpoint(), nullptr, nullptr, {sg4::LinkInRoute(loopback)},
                  false);

  // Every host exists before the first route is declared.
  for (NodeId to : shelters)
    for (int alternative = 1; alternative < kRouteAlternatives; ++alternative)
      detourHosts_[{to, alternative}] = zone->create_host("n" + std::to_string(to) + "~" + std::to_string(alternative), 1);
  std::map<std::pair<NodeId, NodeId>, std::vector<WalkRoute>> routes;
  // Two searches kept from origin to origin (PathSearch), and the detours' road penalties, reset
  // road by road: each origin then costs what its own search reaches, not the whole park.
  PathSearch nearest(park.graph), detour(park.graph);
  std::vector<double> penalty(park.roads.size(), 1.0);
  std::vector<int> penalised;
  for (NodeId from : origins) {
    // The search stops once the nearest shelters and every named one are settled, so that its cost
    // stays local however large the park is.
    std::size_t namedSettled = 0;
    std::vector<NodeId> settledShelters;
    nearest.run(from, {}, [&](NodeId n) {
      if (shelters.count(n)) settledShelters.push_back(n);
      namedSettled += named.count(n);
      return settledShelters.size() >= kShelterChoices && namedSettled == named.size();
    });
    // Routes to the kShelterChoices nearest shelters (and any a plan names): a cohort never walks
    // past that many shelters, and declaring every pair would grow as zones x shelters.
    std::vector<std::pair<double, NodeId>> byDistance;
    for (NodeId to : settledShelters) byDistance.push_back({nearest.cost(to), to});
    std::sort(byDistance.begin(), byDistance.end());
    std::set<NodeId> chosen(named.begin(), named.end());
    for (std::size_t k = 0; k < byDistance.size() && k < kShelterChoices; ++k) chosen.insert(byDistance[k].second);

    for (int road : penalised) penalty[std::size_t(road)] = 1.0;
    penalised.clear();
    for (int alternative = 0; alternative < kRouteAlternatives; ++alternative) {
      std::size_t targetsSettled = 0;
      if (alternative > 0)
        detour.run(
            from, [&](const Arc& arc) { return arc.length_m * penalty[std::size_t(arc.road)]; },
            [&](NodeId n) { return (targetsSettled += chosen.count(n)) == chosen.size(); });
      const PathSearch& tree = alternative == 0 ? nearest : detour;
      for (NodeId to : chosen) {
        if (!tree.reaches(to)) continue;
        WalkRoute r{tree.roadsTo(to), 0, alternative};
        for (int road : r.roads) r.length_m += park.roads[std::size_t(road)].length_m;
        auto& known = routes[{from, to}];
        const bool repeat = std::any_of(known.begin(), known.end(), [&](const WalkRoute& w) { return w.roads == r.roads; });
        for (int road : r.roads) {
          if (penalty[std::size_t(road)] == 1.0) penalised.push_back(road);
          penalty[std::size_t(road)] *= kDetourPenalty;
        }
        if (repeat) continue;
        known.push_back(r);
        if (r.roads.empty()) continue;  // same node: no road to share, no SimGrid route needed
        sg4::Host* destination = alternative == 0 ? hosts_[std::size_t(to)] : detourHosts_.at({to, alternative});
        std::vector<sg4::LinkInRoute> path;
        for (int road : r.roads) path.emplace_back(links_[std::size_t(road)]);
        zone->add_route(hosts_[std::size_t(from)]->get_netpoint(), destination->get_netpoint(), nullptr, nullptr, path,
                        false);
      }
    }
  }
  destinations_.resize(park.graph.nodeCount());
  routes_.resize(park.graph.nodeCount());
  routeCount_ = routes.size();
  for (auto& [pair, list] : routes) {  // in order of (from, to)
    std::stable_sort(list.begin(), list.end(), [](const WalkRoute& a, const WalkRoute& b) { return a.length_m < b.length_m; });
    destinations_[std::size_t(pair.first)].push_back(pair.second);
    routes_[std::size_t(pair.first)].push_back(std::move(list));
  }
  zone->seal();
  buildSeconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

Platform::~Platform() = default;

const std::vector<NodeId>& Platform::destinations(NodeId from) const {
  static const std::vector<NodeId> none;
  return from >= 0 && std::size_t(from) < destinations_.size() ? destinations_[std::size_t(from)] : none;
}

const WalkRoute* Platform::route(NodeId from, NodeId to, const std::function<bool(int road)>& closed) const {
  const std::vector<NodeId>& known = destinations(from);
  const auto it = std::lower_bound(known.begin(), known.end(), to);
  if (it == known.end() || *it != to) return nullptr;
  for (const WalkRoute& r : routes_[std::size_t(from)][std::size_t(it - known.begin())])
    if (!closed || std::none_of(r.roads.begin(), r.roads.end(), closed)) return &r;
  return nullptr;
}

sg4::Host* Platform::destinationHost(NodeId to, int alternative) const {
  if (alternative == 0) return host(to);
  return detourHosts_.at({to, alternative});
}

}  // namespace drillsim
