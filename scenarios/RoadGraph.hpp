#pragma once
// The walkable and drivable road network: nodes are road endpoints (endpoints closer than
// kNodeMergeDistance_m are one node, DESIGN.md section 6), arcs are roads in each direction a
// person may use them (one arc for a oneway road, two otherwise).

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "scenarios/Geometry.hpp"

namespace drillsim {

using NodeId = int;
constexpr NodeId kNoNode = -1;
constexpr double kNodeMergeDistance_m = 1.0;

struct Arc {
  NodeId from = kNoNode, to = kNoNode;
  int road = -1;  // index into Park::roads
  double length_m = 0;
};

class RoadGraph {
 public:
  /// Adds a road between two endpoints, merging each with an existing node within 1 m.
  /// Creates one arc for a oneway road, two otherwise.
  void addRoad(int roadIndex, Point2 start, Point2 end, double length_m, bool oneway);
  /// Node for a point: an existing one within 1 m, or a new one.
  NodeId nodeAt(Point2 p);

  std::size_t nodeCount() const { return nodes_.size(); }
  std::size_t arcCount() const { return arcs_.size(); }
  Point2 position(NodeId n) const { return nodes_[static_cast<std::size_t>(n)]; }
  const std::vector<Arc>& arcs() const { return arcs_; }
  const std::vector<int>& outArcs(NodeId n) const { return out_[static_cast<std::size_t>(n)]; }

  /// Nearest node to p (kNoNode when the graph is empty); its distance in *distance_m.
  NodeId nearestNode(Point2 p, double* distance_m = nullptr) const;
  /// Least-cost paths from `source` along arcs, each arc costing `cost(arc)` (its length when
  /// not given). Ties are broken by arc index, so paths never depend on the heap's order.
  struct PathTree {
    NodeId source = kNoNode;
    std::vector<double> cost;  // infinity where unreachable
    std::vector<int> via;      // arc reaching each node, -1 for the source and unreachable nodes
    bool reaches(NodeId n) const { return cost[static_cast<std::size_t>(n)] < kUnreachable; }
    /// Road indices from the source to `n`, in travel order; `n` must be reachable.
    std::vector<int> roadsTo(NodeId n, const RoadGraph& g) const;
  };
  /// `settled(n)`, when given, is told each node as its cost becomes final, in order of cost, and
  /// may end the search early by returning true: nodes not yet settled then read as unreachable.
  PathTree shortestPaths(NodeId source, const std::function<double(const Arc&)>& cost = {},
                         const std::function<bool(NodeId)>& settled = {}) const;
  /// Shortest walking distances from `source` along arcs (infinity where unreachable).
  std::vector<double> distancesFrom(NodeId source) const { return shortestPaths(source).cost; }
  /// Per node, whether some node of `targets` can be reached from it along arcs (oneway kept).
  std::vector<bool> reachesAny(const std::vector<NodeId>& targets) const;
  /// Number of weakly connected components (oneway ignored).
  int componentCount() const;
  /// Component label of every node (oneway ignored), labels 0..componentCount()-1.
  std::vector<int> components() const;

  static constexpr double kUnreachable = std::numeric_limits<double>::infinity();

 private:
  std::vector<Point2> nodes_;
  // Nodes by the square metre they stand in (kNodeMergeDistance_m squares), so that nodeAt looks
  // at the nine squares around a point instead of every node. Two squares may share a key; their
  // nodes are then candidates together, which the distance test sorts.
  std::unordered_map<std::uint64_t, std::vector<NodeId>> squares_;
  static std::uint64_t squareKey(std::int64_t x, std::int64_t y);
  std::vector<Arc> arcs_;
  std::vector<std::vector<int>> out_;
};

}  // namespace drillsim
