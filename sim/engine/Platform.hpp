#pragma once
// The park as a SimGrid platform (DESIGN.md section 3): one host per road node, one link per road
// whose bandwidth is its walking capacity in persons/s and whose latency is zero (cohorts wait
// their free-flow walking time themselves, so that CM02 shares capacity max-min fairly), and
// shortest walking routes from every zone and shelter node to every shelter, computed here and
// declared in a full zone before sealing. Built once per process, before any replication.

#include <simgrid/s4u.hpp>

#include <map>
#include <memory>
#include <vector>

#include "scenarios/Validation.hpp"

namespace drillsim {

struct WalkRoute {
  std::vector<int> roads;  // road indices in walking order
  double length_m = 0;     // along the roads (access walks to and from the roads not included)
};

/// Shelters a cohort considers from any point: the nearest this many by walking distance, plus
/// every shelter a plan names. Beyond it, routes would grow as zones x shelters.
constexpr std::size_t kShelterChoices = 16;

class Platform {
 public:
  /// Creates the SimGrid engine and the platform. One per process: SimGrid refuses a second engine.
  explicit Platform(const LoadedScenario& loaded, bool verboseSimGrid = false);
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  simgrid::s4u::Engine& engine() { return *engine_; }
  simgrid::s4u::Host* host(NodeId n) const { return hosts_[static_cast<std::size_t>(n)]; }
  simgrid::s4u::Host* controlHost() const { return control_; }
  simgrid::s4u::Link* link(int road) const { return links_[static_cast<std::size_t>(road)]; }
  /// Walking capacity of a road [persons/s]: capacity_pps, else width x specific flow.
  double capacity_pps(int road) const { return capacity_[static_cast<std::size_t>(road)]; }
  /// Shortest walking route between two nodes declared on the platform; nullptr if none exists.
  const WalkRoute* route(NodeId from, NodeId to) const;
  double buildSeconds() const { return buildSeconds_; }
  std::size_t routeCount() const { return routes_.size(); }

 private:
  std::unique_ptr<simgrid::s4u::Engine> engine_;
  std::vector<simgrid::s4u::Host*> hosts_;
  std::vector<simgrid::s4u::Link*> links_;
  std::vector<double> capacity_;
  simgrid::s4u::Host* control_ = nullptr;
  std::map<std::pair<NodeId, NodeId>, WalkRoute> routes_;
  double buildSeconds_ = 0;
};

}  // namespace drillsim
