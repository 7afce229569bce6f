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
  /// `settled(n)`, when given, is told each node as its cost becomes final, in order of cost (the
  /// lower index first on a tie), and may end the search early by returning true: nodes not yet
  /// settled then read as unreachable (the nodes told so far, n included, as reached).
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
  // nodes are then candidates together, which the distance test sorts (squareKey).
  std::unordered_map<std::uint64_t, std::vector<NodeId>> squares_;
  std::vector<Arc> arcs_;
  std::vector<std::vector<int>> out_;
};

/// A least-cost search (RoadGraph::shortestPaths) that is run again and again, from one source
/// after another, at the cost of the nodes each run reaches rather than of the whole graph: its
/// arrays are kept between runs and only what a run touched is reset. Platform building runs one
/// from every origin, each stopping once its nearest shelters are settled.
class PathSearch {
 public:
  explicit PathSearch(const RoadGraph& graph);
  /// As RoadGraph::shortestPaths: `cost` per arc (its length when not given), `settled` told each
  /// node as its cost becomes final, ending the run when it returns true.
  void run(NodeId source, const std::function<double(const Arc&)>& cost = {},
           const std::function<bool(NodeId)>& settled = {});
  bool reaches(NodeId n) const;
  /// Least cost from the source (RoadGraph::kUnreachable where it does not reach).
  double cost(NodeId n) const { return reaches(n) ? cost_[static_cast<std::size_t>(n)] : RoadGraph::kUnreachable; }
  /// The arc reaching n on its least-cost path, -1 for the source and where it does not reach.
  int via(NodeId n) const { return reaches(n) ? via_[static_cast<std::size_t>(n)] : -1; }
  /// Road indices from the source to `n`, in travel order; `n` must be reached.
  std::vector<int> roadsTo(NodeId n) const;

 private:
  const RoadGraph& graph_;
  NodeId source_ = kNoNode;
  std::vector<double> cost_;  // kUnreachable where not touched
  std::vector<int> via_;
  std::vector<bool> settled_;  // cost final; a run ended early reaches only these
  std::vector<NodeId> touched_;
  std::vector<std::pair<double, NodeId>> heap_;
};

}  // namespace drillsim
