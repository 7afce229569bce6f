#include "scenarios/RoadGraph.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace drillsim {

namespace {
// Road indices from `source` to `n` along the arcs `via` gives for each node, in travel order.
template <class Via>
std::vector<int> roadsBack(const RoadGraph& g, NodeId source, NodeId n, Via via) {
  std::vector<int> roads;
  for (NodeId at = n; at != source;) {
    const Arc& arc = g.arcs()[static_cast<std::size_t>(via(at))];
    roads.push_back(arc.road);
    at = arc.from;
  }
  std::reverse(roads.begin(), roads.end());
  return roads;
}
}  // namespace

NodeId RoadGraph::nodeAt(Point2 p) {
  // The nearest node within 1 m, the first added on a tie (as a scan in order would find). Points
  // farther than 1 m lie outside the nine squares around p's own.
  static_assert(kNodeMergeDistance_m == 1.0, "the squares are kNodeMergeDistance_m wide");
  constexpr double kSquareLimit = 1e15;  // beyond this (not a park), coordinates skip the squares
  const bool squared = std::abs(p.x_m) < kSquareLimit && std::abs(p.y_m) < kSquareLimit;
  const std::int64_t sx = squared ? static_cast<std::int64_t>(std::floor(p.x_m)) : 0;
  const std::int64_t sy = squared ? static_cast<std::int64_t>(std::floor(p.y_m)) : 0;
  NodeId best = kNoNode;
  double bestDistance = kNodeMergeDistance_m;
  auto consider = [&](NodeId i) {
    const double d = distance(nodes_[static_cast<std::size_t>(i)], p);
    if (d < bestDistance || (d == bestDistance && best != kNoNode && i < best)) {
      bestDistance = d;
      best = i;
    }
  };
  if (squared) {
    for (std::int64_t dx = -1; dx <= 1; ++dx)
      for (std::int64_t dy = -1; dy <= 1; ++dy)
        if (auto it = squares_.find(squareKey(sx + dx, sy + dy)); it != squares_.end())
          for (NodeId i : it->second) consider(i);
  } else {
    for (std::size_t i = 0; i < nodes_.size(); ++i) consider(static_cast<NodeId>(i));
  }
  if (best != kNoNode) return best;
  nodes_.push_back(p);
  out_.emplace_back();
  const NodeId added = static_cast<NodeId>(nodes_.size() - 1);
  if (squared) squares_[squareKey(sx, sy)].push_back(added);
  return added;
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
  // Compared by squared distance (hypot, careful and slow, is taken once): every zone, shelter and
  // station of a park asks this once.
  NodeId best = kNoNode;
  double best2 = kUnreachable;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const double dx = nodes_[i].x_m - p.x_m, dy = nodes_[i].y_m - p.y_m;
    const double d2 = dx * dx + dy * dy;
    if (d2 < best2) {
      best2 = d2;
      best = static_cast<NodeId>(i);
    }
  }
  if (distance_m) *distance_m = best == kNoNode ? kUnreachable : distance(nodes_[static_cast<std::size_t>(best)], p);
  return best;
}

RoadGraph::PathTree RoadGraph::shortestPaths(NodeId source, const std::function<double(const Arc&)>& cost,
                                             const std::function<bool(NodeId)>& settled) const {
  PathSearch search(*this);
  search.run(source, cost, settled);
  PathTree t;
  t.source = source;
  t.cost.resize(nodes_.size());
  t.via.resize(nodes_.size());
  for (std::size_t k = 0; k < nodes_.size(); ++k) {
    t.cost[k] = search.cost(static_cast<NodeId>(k));
    t.via[k] = search.via(static_cast<NodeId>(k));
  }
  return t;
}

PathSearch::PathSearch(const RoadGraph& graph)
    : graph_(graph),
      cost_(graph.nodeCount(), RoadGraph::kUnreachable),
      via_(graph.nodeCount(), -1),
      settled_(graph.nodeCount(), false) {}

void PathSearch::run(NodeId source, const std::function<double(const Arc&)>& cost,
                     const std::function<bool(NodeId)>& settled) {
  for (NodeId n : touched_) {
    cost_[static_cast<std::size_t>(n)] = RoadGraph::kUnreachable;
    via_[static_cast<std::size_t>(n)] = -1;
    settled_[static_cast<std::size_t>(n)] = false;
  }
  touched_.clear();
  heap_.clear();
  source_ = source;
  if (source < 0 || static_cast<std::size_t>(source) >= cost_.size()) return;
  // Dijkstra's algorithm; an arc's ties go to the lower arc index, so that paths never depend on
  // the heap's order.
  const auto later = std::greater<>();
  cost_[static_cast<std::size_t>(source)] = 0;
  touched_.push_back(source);
  heap_.push_back({0, source});
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const auto [d, n] = heap_.back();
    heap_.pop_back();
    if (d > cost_[static_cast<std::size_t>(n)] || settled_[static_cast<std::size_t>(n)]) continue;
    // Its cost is final: every node reached later costs at least as much.
    settled_[static_cast<std::size_t>(n)] = true;
    if (settled && settled(n)) return;  // stop here: nodes not settled read as unreachable
    for (int a : graph_.outArcs(n)) {
      const Arc& arc = graph_.arcs()[static_cast<std::size_t>(a)];
      const double nd = d + (cost ? cost(arc) : arc.length_m);
      const std::size_t to = static_cast<std::size_t>(arc.to);
      if (!settled_[to] && (nd < cost_[to] || (nd == cost_[to] && a < via_[to]))) {
        if (cost_[to] == RoadGraph::kUnreachable) touched_.push_back(arc.to);
        cost_[to] = nd;
        via_[to] = a;
        heap_.push_back({nd, arc.to});
        std::push_heap(heap_.begin(), heap_.end(), later);
      }
    }
  }
}

bool PathSearch::reaches(NodeId n) const {
  return n >= 0 && static_cast<std::size_t>(n) < settled_.size() && settled_[static_cast<std::size_t>(n)];
}

std::vector<int> PathSearch::roadsTo(NodeId n) const {
  return roadsBack(graph_, source_, n, [&](NodeId at) { return via_[static_cast<std::size_t>(at)]; });
}

std::vector<int> RoadGraph::PathTree::roadsTo(NodeId n, const RoadGraph& g) const {
  return roadsBack(g, source, n, [&](NodeId at) { return via[static_cast<std::size_t>(at)]; });
}

std::vector<bool> RoadGraph::reachesAny(const std::vector<NodeId>& targets) const {
  // Backwards from the targets along the arcs reversed.
  std::vector<std::vector<NodeId>> in(nodes_.size());
  for (const Arc& a : arcs_) in[static_cast<std::size_t>(a.to)].push_back(a.from);
  std::vector<bool> reaches(nodes_.size(), false);
  std::vector<NodeId> stack;
  for (NodeId t : targets)
    if (t >= 0 && static_cast<std::size_t>(t) < nodes_.size() && !reaches[static_cast<std::size_t>(t)]) {
      reaches[static_cast<std::size_t>(t)] = true;
      stack.push_back(t);
    }
  while (!stack.empty()) {
    const NodeId n = stack.back();
    stack.pop_back();
    for (NodeId m : in[static_cast<std::size_t>(n)])
      if (!reaches[static_cast<std::size_t>(m)]) {
        reaches[static_cast<std::size_t>(m)] = true;
        stack.push_back(m);
      }
  }
  return reaches;
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
