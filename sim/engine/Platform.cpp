#include "sim/engine/Platform.hpp"

#include <xbt/log.h>

#include <chrono>
#include <functional>
#include <queue>
#include <set>

namespace drillsim {

namespace sg4 = simgrid::s4u;

std::vector<std::optional<WalkRoute>> shortestRoutesFrom(const Park& park, NodeId source) {
  const RoadGraph& g = park.graph;
  const std::size_t n = g.nodeCount();
  std::vector<double> dist(n, RoadGraph::kUnreachable);
  std::vector<int> viaArc(n, -1);
  using Item = std::pair<double, NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  dist[std::size_t(source)] = 0;
  queue.push({0, source});
  while (!queue.empty()) {
    auto [d, u] = queue.top();
    queue.pop();
    if (d > dist[std::size_t(u)]) continue;
    for (int a : g.outArcs(u)) {
      const Arc& arc = g.arcs()[std::size_t(a)];
      const double nd = d + arc.length_m;
      // Ties broken by arc index so that routes do not depend on the heap's order.
      if (nd < dist[std::size_t(arc.to)] || (nd == dist[std::size_t(arc.to)] && a < viaArc[std::size_t(arc.to)])) {
        dist[std::size_t(arc.to)] = nd;
        viaArc[std::size_t(arc.to)] = a;
        queue.push({nd, arc.to});
      }
    }
  }
  std::vector<std::optional<WalkRoute>> routes(n);
  for (std::size_t v = 0; v < n; ++v) {
    if (dist[v] == RoadGraph::kUnreachable) continue;
    WalkRoute r;
    r.length_m = dist[v];
    for (NodeId at = NodeId(v); at != source;) {
      const Arc& arc = g.arcs()[std::size_t(viaArc[std::size_t(at)])];
      r.roads.push_back(arc.road);
      at = arc.from;
    }
    std::reverse(r.roads.begin(), r.roads.end());
    routes[v] = std::move(r);
  }
  return routes;
}

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

  std::set<NodeId> origins, shelters;
  for (const auto& z : park.zones) origins.insert(z.node);
  for (const auto& sh : park.shelters) {
    origins.insert(sh.node);
    shelters.insert(sh.node);
  }
  for (NodeId from : origins) {
    const auto all = shortestRoutesFrom(park, from);
    for (NodeId to : shelters) {
      const auto& r = all[std::size_t(to)];
      if (!r) continue;
      routes_[{from, to}] = *r;
      if (r->roads.empty()) continue;  // same node: no road to share, no SimGrid route needed
      std::vector<sg4::LinkInRoute> path;
      for (int road : r->roads) path.emplace_back(links_[std::size_t(road)]);
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
