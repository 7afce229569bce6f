// The quickest transshipment on the time-expanded network (see QuickestFlow.hpp).
#include "sim/analysis/QuickestFlow.hpp"

#include "scenarios/Cohorts.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <queue>

#include "scenarios/RandomStream.hpp"
#include "sim/engine/Outcome.hpp"

namespace drillsim {

namespace {

constexpr double kInfinite = std::numeric_limits<double>::infinity();
// Persons are whole but capacities per step are not: flows are real, compared with a tolerance.
constexpr double kEpsilon = 1e-9;

/// Dinic's maximum flow (Dinic, Soviet Math. Doklady 11, 1970) on an adjacency list of paired
/// arcs (arc a and its reverse a ^ 1). Paths are followed with an explicit stack: in a
/// time-expanded network they are as long as the number of steps.
class MaxFlow {
 public:
  explicit MaxFlow(int nodes) : head_(std::size_t(nodes), -1) {}

  int addArc(int from, int to, double capacity) {
    const int a = int(to_.size());
    push(from, to, capacity);
    push(to, from, 0);
    return a;
  }
  double residual(int arc) const { return cap_[std::size_t(arc)]; }
  /// Sets the capacity of an arc that carries no flow yet.
  void setCapacity(int arc, double capacity) { cap_[std::size_t(arc)] = capacity; }
  int arcCount() const { return int(to_.size()); }
  int head(int arc) const { return to_[std::size_t(arc)]; }
  int tail(int arc) const { return to_[std::size_t(arc ^ 1)]; }  // the head of its reverse

  double solve(int source, int sink) {
    double total = 0;
    while (levelGraph(source, sink)) {
      current_ = head_;
      total += blockingFlow(source, sink);
    }
    return total;
  }

  /// Nodes reachable from `source` in the residual network (after solve: the source side of a
  /// minimum cut).
  std::vector<char> reachable(int source) const {
    std::vector<char> seen(head_.size(), 0);
    std::vector<int> stack{source};
    seen[std::size_t(source)] = 1;
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      for (int a = head_[std::size_t(v)]; a >= 0; a = next_[std::size_t(a)])
        if (cap_[std::size_t(a)] > kEpsilon && !seen[std::size_t(to_[std::size_t(a)])]) {
          seen[std::size_t(to_[std::size_t(a)])] = 1;
          stack.push_back(to_[std::size_t(a)]);
        }
    }
    return seen;
  }

 private:
  void push(int from, int to, double capacity) {
    to_.push_back(to);
    cap_.push_back(capacity);
    next_.push_back(head_[std::size_t(from)]);
    head_[std::size_t(from)] = int(to_.size()) - 1;
  }

  bool levelGraph(int source, int sink) {
    level_.assign(head_.size(), -1);
    std::queue<int> queue;
    level_[std::size_t(source)] = 0;
    queue.push(source);
    while (!queue.empty()) {
      const int v = queue.front();
      queue.pop();
      for (int a = head_[std::size_t(v)]; a >= 0; a = next_[std::size_t(a)]) {
        const int w = to_[std::size_t(a)];
        if (cap_[std::size_t(a)] > kEpsilon && level_[std::size_t(w)] < 0) {
          level_[std::size_t(w)] = level_[std::size_t(v)] + 1;
          queue.push(w);
        }
      }
    }
    return level_[std::size_t(sink)] >= 0;
  }

  double blockingFlow(int source, int sink) {
    double total = 0;
    std::vector<int> path;  // arcs from the source
    int v = source;
    for (;;) {
      if (v == sink) {
        double f = kInfinite;
        for (int a : path) f = std::min(f, cap_[std::size_t(a)]);
        std::size_t firstFull = path.size();
        for (std::size_t k = 0; k < path.size(); ++k) {
          cap_[std::size_t(path[k])] -= f;
          cap_[std::size_t(path[k] ^ 1)] += f;
          if (firstFull == path.size() && cap_[std::size_t(path[k])] <= kEpsilon) firstFull = k;
        }
        total += f;
        path.resize(firstFull);  // retreat to the tail of the first saturated arc
        v = path.empty() ? source : to_[std::size_t(path.back())];
        continue;
      }
      int& a = current_[std::size_t(v)];
      while (a >= 0 && !(cap_[std::size_t(a)] > kEpsilon &&
                         level_[std::size_t(to_[std::size_t(a)])] == level_[std::size_t(v)] + 1))
        a = next_[std::size_t(a)];
      if (a >= 0) {
        path.push_back(a);
        v = to_[std::size_t(a)];
        continue;
      }
      // Dead end: no augmenting path goes through v in this phase.
      level_[std::size_t(v)] = -1;
      if (path.empty()) return total;
      const int back = path.back();
      path.pop_back();
      v = to_[std::size_t(back ^ 1)];
      current_[std::size_t(v)] = next_[std::size_t(current_[std::size_t(v)])];
    }
  }

  std::vector<int> head_, to_, next_, level_, current_;
  std::vector<double> cap_;
};

long stepsOf(double t_s, double step_s) { return long(std::floor(t_s / step_s + 1e-9)); }

/// A time-expanded network of `steps` steps whose arrivals into shelters are let in step by
/// step: with arrivals open up to step K it is the network of horizon K (later steps cannot reach
/// a shelter), so the maximum flow of horizon K + 1 continues from that of horizon K.
struct Expanded {
  MaxFlow flow;
  int source = 0, sink = 0;
  long steps = 0, open = 0;  // arrivals before step `open` are let in
  double value = 0;
  std::vector<int> roadArc;                  // per arc index / 2: index into FlowNetwork::arcs, or -1
  std::vector<int> shelterArc;               // per sink of the network: its arc into the super sink
  std::vector<std::vector<int>> arrivalArcs; // per step: arcs into a shelter arriving in it
  std::vector<std::pair<int, int>> supplyArcs;  // arcs from the source, with their road node
  explicit Expanded(int nodes) : flow(nodes) {}

  /// Lets in arrivals before step `k` and brings the maximum flow up to date.
  void openUpTo(long k) {
    for (; open < std::min(k, steps); ++open)
      for (int a : arrivalArcs[std::size_t(open)]) flow.setCapacity(a, kInfinite);
    value += flow.solve(source, sink);
  }
};

Expanded buildExpanded(const FlowNetwork& net, long steps, double step_s) {
  const long nodeCount = long(net.nodes) * steps + long(net.sinks.size()) + 2;
  Expanded e{int(nodeCount)};
  e.steps = steps;
  e.arrivalArcs.resize(std::size_t(steps));
  auto at = [&](int v, long s) { return int(long(v) * steps + s); };
  const int sinkBase = int(long(net.nodes) * steps);
  e.source = sinkBase + int(net.sinks.size());
  e.sink = e.source + 1;
  auto add = [&](int from, int to, double cap, int road) {
    e.roadArc.push_back(road);
    return e.flow.addArc(from, to, cap);
  };
  for (int v = 0; v < net.nodes; ++v)
    for (long s = 0; s + 1 < steps; ++s) add(at(v, s), at(v, s + 1), kInfinite, -1);
  for (std::size_t i = 0; i < net.arcs.size(); ++i) {
    const auto& a = net.arcs[i];
    const long d = stepsOf(a.transit_s, step_s);
    for (long s = 0; s + d < steps; ++s) add(at(a.from, s), at(a.to, s + d), a.capacity_pps * step_s, int(i));
  }
  for (std::size_t k = 0; k < net.sinks.size(); ++k) {
    const auto& sk = net.sinks[k];
    const long d = stepsOf(sk.access_s, step_s);
    for (long s = 0; s + d < steps; ++s)
      e.arrivalArcs[std::size_t(s + d)].push_back(add(at(sk.node, s), sinkBase + int(k), 0, -1));
    e.shelterArc.push_back(add(sinkBase + int(k), e.sink, sk.capacity, -1));
  }
  // Persons ready in the same step at the same node share one arc from the source.
  std::map<std::pair<int, long>, double> ready;
  for (const auto& s : net.supplies) ready[{s.node, stepsOf(s.release_s, step_s)}] += s.persons;
  for (const auto& [where, persons] : ready)
    if (where.second < steps) e.supplyArcs.push_back({add(e.source, at(where.first, where.second), persons, -1), where.first});
  return e;
}

double totalPersons(const FlowNetwork& net) {
  double n = 0;
  for (const auto& s : net.supplies) n += s.persons;
  return n;
}

/// Persons who can reach a shelter with room at all, whatever the time: a static maximum flow.
double placeable(const FlowNetwork& net) {
  MaxFlow f(net.nodes + int(net.sinks.size()) + 2);
  const int source = net.nodes + int(net.sinks.size()), sink = source + 1;
  for (const auto& a : net.arcs) f.addArc(a.from, a.to, kInfinite);
  for (std::size_t k = 0; k < net.sinks.size(); ++k) {
    f.addArc(net.sinks[k].node, net.nodes + int(k), kInfinite);
    f.addArc(net.nodes + int(k), sink, net.sinks[k].capacity);
  }
  for (const auto& s : net.supplies) f.addArc(source, s.node, s.persons);
  return f.solve(source, sink);
}

/// Fewest steps in which the releases could bring `needed` persons to a shelter if each walked
/// alone to its nearest one: the search starts there.
long earliestSteps(const FlowNetwork& net, double step_s, double needed) {
  // Steps from each node to its nearest shelter, by Dijkstra on the reversed arcs.
  std::vector<long> toShelter(std::size_t(net.nodes), std::numeric_limits<long>::max());
  using Item = std::pair<long, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  for (const auto& sk : net.sinks) {
    const long d = stepsOf(sk.access_s, step_s);
    if (d < toShelter[std::size_t(sk.node)]) {
      toShelter[std::size_t(sk.node)] = d;
      queue.push({d, sk.node});
    }
  }
  std::vector<std::vector<int>> in(std::size_t(net.nodes));
  for (std::size_t i = 0; i < net.arcs.size(); ++i) in[std::size_t(net.arcs[i].to)].push_back(int(i));
  while (!queue.empty()) {
    const auto [d, v] = queue.top();
    queue.pop();
    if (d > toShelter[std::size_t(v)]) continue;
    for (int i : in[std::size_t(v)]) {
      const auto& a = net.arcs[std::size_t(i)];
      const long nd = d + stepsOf(a.transit_s, step_s);
      if (nd < toShelter[std::size_t(a.from)]) {
        toShelter[std::size_t(a.from)] = nd;
        queue.push({nd, a.from});
      }
    }
  }
  // Each release's earliest arrival; the horizon must reach the one that completes the share.
  std::vector<std::pair<long, double>> arrivals;
  for (const auto& s : net.supplies)
    if (s.persons > 0 && toShelter[std::size_t(s.node)] != std::numeric_limits<long>::max())
      arrivals.push_back({stepsOf(s.release_s, step_s) + toShelter[std::size_t(s.node)] + 1, s.persons});
  std::sort(arrivals.begin(), arrivals.end());
  long k = 1;
  double arrived = 0;
  for (const auto& [steps, persons] : arrivals) {
    k = std::max(k, steps);
    arrived += persons;
    if (arrived >= needed) break;
  }
  return k;
}

/// The fewest steps in which everyone reaches a shelter, given `failing` (a number of steps known
/// to be too few) and a first guess. Searches upwards from just below the guess, each horizon's
/// flow continuing into the next one's; widens the window when the guess was off. Leaves in
/// `cut` the source side of a minimum cut of one step fewer, in the returned network.
struct Search {
  std::unique_ptr<Expanded> network;
  long steps = 0;
  std::vector<char> cut;
  std::map<int, double> shortBy;  // per road node: persons not yet in a shelter at that horizon
  int solves = 0;
  bool reachedLimit = false;
};

Search fewestSteps(const FlowNetwork& net, double step_s, long failing, long guess, long maxSteps, double needed) {
  Search out;
  long margin = std::max(4L, guess / 64);
  long lo = std::max(failing, guess - margin), hi = std::max(lo + 1, guess + margin);
  for (;;) {
    hi = std::min(hi, maxSteps);
    if (lo >= hi) {
      out.reachedLimit = true;
      return out;
    }
    auto e = std::make_unique<Expanded>(buildExpanded(net, hi, step_s));
    ++out.solves;
    e->openUpTo(lo);
    if (e->value >= needed) {
      if (lo == failing) throw std::logic_error("quickest flow: a horizon known to fail succeeded");
      hi = lo;  // the guess was too high: look below it
      margin *= 2;
      lo = std::max(failing, lo - margin);
      continue;
    }
    for (long k = lo;;) {
      out.cut = e->flow.reachable(e->source);
      out.shortBy.clear();
      for (const auto& [arc, node] : e->supplyArcs)
        if (e->flow.residual(arc) > 1e-6) out.shortBy[node] += e->flow.residual(arc);
      if (k == hi) break;
      ++k;
      ++out.solves;
      e->openUpTo(k);
      if (e->value >= needed) {
        out.steps = k;
        out.network = std::move(e);
        return out;
      }
    }
    if (hi >= maxSteps) {
      out.reachedLimit = true;
      return out;
    }
    lo = hi;
    margin *= 2;
    hi += margin;
  }
}

}  // namespace

QuickestFlowResult quickestTransshipment(const FlowNetwork& net, const QuickestFlowOptions& options) {
  QuickestFlowResult r;
  r.step_s = options.step_s;
  r.persons = totalPersons(net);
  r.placeable = placeable(net);
  r.shelterPersons.assign(net.sinks.size(), 0);
  const double share = std::clamp(options.share, 0.0, 1.0);
  const double needed = share * r.persons - 1e-7 * std::max(1.0, r.persons);
  r.feasible = r.placeable >= needed;
  if (!r.feasible || r.persons <= 0) return r;

  // A coarse solve (steps eight times longer, a network eight times smaller) guesses where the
  // fine one ends; the fine search then needs only a few steps around the guess.
  const double coarse_s = 8 * options.step_s;
  const long coarseFailing = earliestSteps(net, coarse_s, needed) - 1;
  const Search coarse = fewestSteps(net, coarse_s, coarseFailing, coarseFailing + 1, options.maxSteps, needed);
  r.maxFlowSolves += coarse.solves;
  const long failing = earliestSteps(net, options.step_s, needed) - 1;
  const long guess = coarse.reachedLimit ? failing + 1 : std::max(failing + 1, coarse.steps * 8);
  Search fine = fewestSteps(net, options.step_s, failing, guess, options.maxSteps, needed);
  r.maxFlowSolves += fine.solves;
  if (fine.reachedLimit) {
    r.feasible = false;
    r.reachedStepLimit = true;
    return r;
  }
  r.steps = fine.steps;
  r.bound_s = double(fine.steps) * options.step_s;
  const Expanded& e = *fine.network;
  for (std::size_t k = 0; k < net.sinks.size(); ++k)
    r.shelterPersons[k] = net.sinks[k].capacity - e.flow.residual(e.shelterArc[k]);

  // Bottlenecks: the arcs of the minimum cut one step short of the bound.
  std::map<int, double> byRoad;
  for (std::size_t half = 0; half < e.roadArc.size(); ++half) {
    const int arc = int(half * 2);
    if (!fine.cut[std::size_t(e.flow.tail(arc))] || fine.cut[std::size_t(e.flow.head(arc))]) continue;
    if (e.roadArc[half] >= 0) byRoad[net.arcs[std::size_t(e.roadArc[half])].road] += options.step_s;
  }
  for (const auto& [node, persons] : fine.shortBy) r.lastOut.push_back({node, persons});
  std::stable_sort(r.lastOut.begin(), r.lastOut.end(), [](auto& a, auto& b) { return a.second > b.second; });
  for (const auto& [road, seconds] : byRoad) r.bottlenecks.push_back({road, -1, seconds});
  std::stable_sort(r.bottlenecks.begin(), r.bottlenecks.end(),
                   [](const FlowBottleneck& a, const FlowBottleneck& b) { return a.saturated_s > b.saturated_s; });
  for (std::size_t k = 0; k < net.sinks.size(); ++k)
    if (fine.cut[std::size_t(e.flow.tail(e.shelterArc[k]))] && !fine.cut[std::size_t(e.sink)])
      r.bottlenecks.push_back({-1, net.sinks[k].shelter, 0});
  return r;
}

FlowNetwork evacuationNetwork(const LoadedScenario& loaded, const std::vector<Release>& releases) {
  const Park& park = loaded.park;
  const Scenario& s = loaded.scenario;
  const double speed = s.walking.speed_ms;
  FlowNetwork net;
  net.nodes = int(park.graph.nodeCount());
  for (const Arc& a : park.graph.arcs())
    net.arcs.push_back({a.from, a.to, a.length_m / speed,
                        walkingCapacity_pps(park.roads[std::size_t(a.road)], s), a.road});
  for (std::size_t i = 0; i < park.shelters.size(); ++i) {
    const Shelter& sh = park.shelters[i];
    if (sh.node != kNoNode && sh.capacity > 0) net.sinks.push_back({sh.node, sh.access_m / speed, double(sh.capacity), int(i)});
  }
  for (const Release& r : releases) {
    const Zone& z = park.zones[std::size_t(r.zone)];
    if (z.node == kNoNode || r.persons <= 0) continue;
    net.supplies.push_back({z.node, r.ready_s + z.access_m / speed, r.persons});
  }
  return net;
}

std::vector<Release> orderAtZero(const LoadedScenario& loaded, std::uint64_t seed, std::uint64_t replication,
                                 bool premovement) {
  const Scenario& s = loaded.scenario;
  std::vector<Release> out;
  for (std::size_t z = 0; z < loaded.park.zones.size(); ++z) {
    const Zone& zone = loaded.park.zones[z];
    const int people = s.night() ? zone.pop_night : zone.pop_day;
    // The simulator's split and streams (scenarios/Cohorts.hpp).
    for (const CohortSplit& c : splitIntoCohorts(s, zone.id, people, seed, replication, premovement))
      out.push_back({int(z), double(c.persons), c.premovement_s, c.key});
  }
  return out;
}

std::vector<Release> releasesOf(const LoadedScenario& loaded, const Outcome& outcome) {
  std::vector<Release> out;
  std::map<std::string, bool> seen;
  for (const auto& leg : outcome.legs) {
    const auto slash = leg.who.rfind("/c");
    if (leg.persons <= 0 || slash == std::string::npos || seen[leg.who]) continue;
    seen[leg.who] = true;  // the first leg of a cohort leaves its zone; later ones leave a full shelter
    const Zone* z = loaded.park.zone(leg.who.substr(0, slash));
    if (z) out.push_back({int(z - loaded.park.zones.data()), double(leg.persons), leg.depart_s, leg.who});
  }
  return out;
}

std::vector<Release> withoutPremovement(const LoadedScenario& loaded, std::vector<Release> releases,
                                        std::uint64_t seed, std::uint64_t replication) {
  for (Release& r : releases) r.ready_s -= premovementOf(loaded.scenario, seed, replication, r.cohort);
  return releases;
}

}  // namespace drillsim
