#include "scenarios/RoadGraph.hpp"

#include <algorithm>
#include <functional>
#include <queue>

namespace drillsim {

NodeId RoadGraph::nodeAt(Point2 p) {
  // A park has at most a few thousand junctions: a linear scan keeps the merge rule obvious and is
  // fast enough (10,000 nodes x 20,000 endpoints = 0.2 G comparisons only for 100x parks).
  NodeId best = kNoNode;
  double bestDistance = kNodeMergeDistance_m;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const double d = distance(nodes_[i], p);
    if (d < bestDistance) {
      bestDistance = d;
      best = static_cast<NodeId>(i);
    }
  }
  if (best != kNoNode) return best;
  nodes_.push_back(p);
  out_.emplace_back();
  return static_cast<NodeId>(nodes_.size() - 1);
}

void RoadGraph::addRoad(int roadIndex, Point2 start, Point2 end, double length_m, bool oneway) {
  const NodeId a = nodeAt(start), b = nodeAt(end);
  auto add = [&](NodeId from, NodeId to) {
    arcs_.push_back({from, to, roadIndex, length_m});
    out_[static_cast<std::size_t>(from)].push_back(static_cast<int>(arcs_.size() - 1));
  };
  add(a, b);
  if (!oneway) add(b, a);
}

NodeId RoadGraph::nearestNode(Point2 p, double* distance_m) const {
  NodeId best = kNoNode;
  double bestDistance = kUnreachable;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const double d = distance(nodes_[i], p);
    if (d < bestDistance) {
      bestDistance = d;
      best = static_cast<NodeId>(i);
    }
  }
  if (distance_m) *distance_m = bestDistance;
  return best;
}

RoadGraph::PathTree RoadGraph::shortestPaths(NodeId source, const std::function<double(const Arc&)>& cost,
                                             const std::function<bool(NodeId)>& settled) const {
  PathTree t;
  t.source = source;
  t.cost.assign(nodes_.size(), kUnreachable);
  t.via.assign(nodes_.size(), -1);
  if (source < 0 || static_cast<std::size_t>(source) >= nodes_.size()) return t;
  using Item = std::pair<double, NodeId>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  t.cost[static_cast<std::size_t>(source)] = 0;
  queue.push({0, source});
  while (!queue.empty()) {
    auto [d, n] = queue.top();
    queue.pop();
    if (d > t.cost[static_cast<std::size_t>(n)]) continue;
    if (settled && settled(n)) {
      // Stop here: forget every node whose cost is not final yet.
      std::vector<bool> final(nodes_.size(), false);
      final[static_cast<std::size_t>(n)] = true;
      for (std::size_t k = 0; k < nodes_.size(); ++k)
        if (t.cost[k] < d) final[k] = true;
      for (std::size_t k = 0; k < nodes_.size(); ++k)
        if (!final[k]) {
          t.cost[k] = kUnreachable;
          t.via[k] = -1;
        }
      return t;
    }
    for (int a : out_[static_cast<std::size_t>(n)]) {
      const Arc& arc = arcs_[static_cast<std::size_t>(a)];
      const double nd = d + (cost ? cost(arc) : arc.length_m);
      const std::size_t to = static_cast<std::size_t>(arc.to);
      if (nd < t.cost[to] || (nd == t.cost[to] && a < t.via[to])) {
        t.cost[to] = nd;
        t.via[to] = a;
        queue.push({nd, arc.to});
      }
    }
  }
  return t;
}

std::vector<int> RoadGraph::PathTree::roadsTo(NodeId n, const RoadGraph& g) const {
  std::vector<int> roads;
  for (NodeId at = n; at != source;) {
    const Arc& arc = g.arcs()[static_cast<std::size_t>(via[static_cast<std::size_t>(at)])];
    roads.push_back(arc.road);
    at = arc.from;
  }
  std::reverse(roads.begin(), roads.end());
  return roads;
}

std::vector<int> RoadGraph::components() const {
  std::vector<std::vector<NodeId>> undirected(nodes_.size());
  for (const Arc& a : arcs_) {
    undirected[static_cast<std::size_t>(a.from)].push_back(a.to);
    undirected[static_cast<std::size_t>(a.to)].push_back(a.from);
  }
  std::vector<int> label(nodes_.size(), -1);
  int next = 0;
  for (std::size_t start = 0; start < nodes_.size(); ++start) {
    if (label[start] >= 0) continue;
    std::vector<NodeId> stack{static_cast<NodeId>(start)};
    label[start] = next;
    while (!stack.empty()) {
      NodeId n = stack.back();
      stack.pop_back();
      for (NodeId m : undirected[static_cast<std::size_t>(n)])
        if (label[static_cast<std::size_t>(m)] < 0) {
          label[static_cast<std::size_t>(m)] = next;
          stack.push_back(m);
        }
    }
    ++next;
  }
  return label;
}

int RoadGraph::componentCount() const {
  int count = 0;
  for (int label : components()) count = std::max(count, label + 1);
  return count;
}

}  // namespace drillsim
