#pragma once
// The park as a SimGrid platform (DESIGN.md section 3): a host at every road node where a zone or
// shelter attaches (where routes start and end; detour hosts beside the shelters'), one link per road
// whose bandwidth is its walking capacity in persons/s and whose latency is zero (cohorts wait
// their free-flow walking time themselves, so that CM02 shares capacity max-min fairly), and
// shortest walking routes from every zone and shelter node to every shelter, computed here and
// declared in a full zone before sealing. Built once per process, before any replication.

#include <simgrid/s4u.hpp>

#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "scenarios/Validation.hpp"

namespace drillsim {

struct WalkRoute {
  std::vector<int> roads;  // road indices in walking order
  double length_m = 0;     // along the roads (access walks to and from the roads not included)
  int alternative = 0;     // which of the destination's hosts the route is declared to
};

/// Shelters a cohort considers from any point: the nearest this many by walking distance, plus
/// every shelter a plan names. Beyond it, routes would grow as zones x shelters.
constexpr std::size_t kShelterChoices = 16;
/// Routes declared per origin and shelter: the shortest, and detours found by penalising the
/// origin's shortest routes (their roads count four times their length). SimGrid fixes one route
/// per pair of hosts once the platform is sealed, so every detour a run may need when roads close
/// is declared now, each to its own destination host at the shelter's node (shelters are few;
/// a full zone's routing table grows as the square of its hosts).
constexpr int kRouteAlternatives = 3;
constexpr double kDetourPenalty = 4.0;

class Platform {
 public:
  /// Creates the SimGrid engine and the platform. One per process: SimGrid refuses a second engine.
  explicit Platform(const LoadedScenario& loaded, bool verboseSimGrid = false);
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  simgrid::s4u::Engine& engine() { return *engine_; }
  /// The host of a zone's or shelter's node (where routes start); nullptr at other junctions.
  simgrid::s4u::Host* host(NodeId n) const { return hosts_[static_cast<std::size_t>(n)]; }
  simgrid::s4u::Host* controlHost() const { return control_; }
  simgrid::s4u::Link* link(int road) const { return links_[static_cast<std::size_t>(road)]; }
  /// Walking capacity of a road [persons/s]: capacity_pps, else width x specific flow.
  double capacity_pps(int road) const { return capacity_[static_cast<std::size_t>(road)]; }
  /// Shortest declared walking route between two nodes that uses no road for which `closed` is
  /// true (no road is closed when `closed` is empty); nullptr if there is none.
  const WalkRoute* route(NodeId from, NodeId to, const std::function<bool(int road)>& closed = {}) const;
  /// The nodes `from` has declared routes to (its nearest shelters' and the named ones'), in
  /// increasing order; empty for a node that is no origin.
  const std::vector<NodeId>& destinations(NodeId from) const;
  /// The host a route's comm is sent to: the destination's own host or one of its detour hosts.
  simgrid::s4u::Host* destinationHost(NodeId to, int alternative) const;
  double buildSeconds() const { return buildSeconds_; }
  std::size_t routeCount() const { return routeCount_; }

 private:
  std::unique_ptr<simgrid::s4u::Engine> engine_;
  std::vector<simgrid::s4u::Host*> hosts_;
  std::vector<simgrid::s4u::Link*> links_;
  std::vector<double> capacity_;
  simgrid::s4u::Host* control_ = nullptr;
  // Per origin node: the destinations it has routes to, in increasing order, and in step with
  // them their routes, shortest first. Looked up for every shelter choice, so by the origin's
  // index and a short search rather than in one map of every pair.
  std::vector<std::vector<NodeId>> destinations_;
  std::vector<std::vector<std::vector<WalkRoute>>> routes_;
  std::size_t routeCount_ = 0;  // pairs of origin and destination
  std::map<std::pair<NodeId, int>, simgrid::s4u::Host*> detourHosts_;
  double buildSeconds_ = 0;
};

}  // namespace drillsim
