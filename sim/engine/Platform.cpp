#include "sim/engine/Platform.hpp"

#include <xbt/log.h>

#include <chrono>
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
  sg4::Engine::set_config("contexts/stack-size:64");  // KiB; our actors keep little on their stacks

  const Park& park = loaded.park;
  const Scenario& s = loaded.scenario;
  auto* zone = sg4::create_full_zone("park");
  hosts_.reserve(park.graph.nodeCount());
  for (std::size_t i = 0; i < park.graph.nodeCount(); ++i) hosts_.push_back(zone->create_host("n" + std::to_string(i), 1));
  control_ = zone->create_host("control", 1);
  for (std::size_t i = 0; i < park.roads.size(); ++i) {
    const Road& r = park.roads[i];
    const double capacity = r.capacity_pps ? *r.capacity_pps : r.width_m * s.walking.specific_flow_pms;
    capacity_.push_back(capacity);
    links_.push_back(zone->create_link("r" + std::to_string(i) + ":" + r.id, capacity)->set_latency(0));
  }
  // Actors talk through mailboxes on the control host; its loopback is instantaneous.
  auto* loopback = zone->create_link("control-loopback", 1e15)->set_latency(0);
  zone->add_route(control_->get_netpoint(), control_->get_netpoint(), nullptr, nullptr, {sg4::LinkInRoute(loopback)},
                  false);

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
  for (NodeId from : origins) {
    const RoadGraph::PathTree paths = park.graph.shortestPaths(from);
    // Routes to the kShelterChoices nearest shelters (and any a plan names): a cohort never walks
    // past that many shelters, and declaring every pair would grow as zones x shelters.
    std::vector<std::pair<double, NodeId>> byDistance;
    for (NodeId to : shelters)
      if (paths.reaches(to)) byDistance.push_back({paths.cost[std::size_t(to)], to});
    std::sort(byDistance.begin(), byDistance.end());
    std::set<NodeId> chosen(named.begin(), named.end());
    for (std::size_t k = 0; k < byDistance.size() && k < kShelterChoices; ++k) chosen.insert(byDistance[k].second);
    for (NodeId to : chosen) {
      if (!paths.reaches(to)) continue;
      const WalkRoute& r = routes_[{from, to}] = WalkRoute{paths.roadsTo(to, park.graph), paths.cost[std::size_t(to)]};
      if (r.roads.empty()) continue;  // same node: no road to share, no SimGrid route needed
      std::vector<sg4::LinkInRoute> path;
      for (int road : r.roads) path.emplace_back(links_[std::size_t(road)]);
      zone->add_route(hosts_[std::size_t(from)]->get_netpoint(), hosts_[std::size_t(to)]->get_netpoint(), nullptr,
                      nullptr, path, false);
    }
  }
  zone->seal();
  buildSeconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

Platform::~Platform() = default;

const WalkRoute* Platform::route(NodeId from, NodeId to) const {
  auto it = routes_.find({from, to});
  return it == routes_.end() ? nullptr : &it->second;
}

}  // namespace drillsim
