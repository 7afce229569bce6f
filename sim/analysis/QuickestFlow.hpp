#pragma once
// The quickest-flow bound on clearance time (DESIGN.md section 7, `drillsim bound`): the least
// time in which every evacuee can be in a shelter, given road capacities, free-flow walking times,
// shelter capacities and when each person is ready to leave. It is the quickest transshipment on
// the time-expanded network, as EVACNET computes it (Kisko and Francis, "EVACNET+: a computer
// program to determine optimal building evacuation plans", Fire Safety Journal 9(2), 1985;
// Ford and Fulkerson, "Flows in Networks", 1962, ch. III, for the time-expanded network):
//
//   - time runs in steps of `step_s`; node (v, s) is road node v during [s Δ, (s+1) Δ);
//   - a road arc from v to w with walking time τ carries at most u Δ persons from (v, s) to
//     (w, s + ⌊τ/Δ⌋), u its capacity in persons/s;
//   - people may wait at any node; persons become available at the step their release falls in;
//   - a shelter takes in at most its capacity, after its access walk from its road node.
//
// Rounding walking and release times down makes the discrete problem a relaxation of the
// continuous one, so the clearance found, K Δ for the fewest steps K that get everyone in, is not
// above the continuous optimum except in its last step, which is counted whole: the continuous
// optimum lies above K Δ - Δ, and equals K Δ when every time is a multiple of Δ and the last step
// is full. A coarse solve at 8 Δ guesses the fewest steps; the fine search then raises the horizon
// one step at a time from just below the guess, each step's maximum flow (Dinic's algorithm)
// carrying on into the next.
//
// Bottlenecks are read from the minimum cut one step short of the bound: the road arcs and
// shelters in it are saturated by every maximum flow of that horizon, so they are what holds the
// clearance where it is. Pure: no SimGrid, usable by the command line and the evaluation alike.

#include <cstdint>
#include <string>
#include <vector>

#include "scenarios/Validation.hpp"

namespace drillsim {

struct Outcome;

/// The evacuation network the bound works on: road arcs with walking time and capacity,
/// shelters with their access walk and capacity, and the persons to move.
struct FlowNetwork {
  struct Arc {
    int from = 0, to = 0;
    double transit_s = 0;
    double capacity_pps = 0;
    int road = -1;  // index into Park::roads
  };
  struct Sink {
    int node = 0;
    double access_s = 0;  // walk from the road node into the shelter
    double capacity = 0;  // persons
    int shelter = -1;     // index into Park::shelters
  };
  struct Supply {
    int node = 0;
    double release_s = 0;  // ready to walk from the road node (pre-movement and access walk done)
    double persons = 0;
  };
  int nodes = 0;
  std::vector<Arc> arcs;
  std::vector<Sink> sinks;
  std::vector<Supply> supplies;
};

struct QuickestFlowOptions {
  double step_s = 1.0;
  /// The share of the persons to shelter: 1 for clearance, 0.95 for the time by which 95 % can be
  /// in (a lower bound on a plan's P95 arrival time in the same way).
  double share = 1.0;
  /// The search gives up beyond this many steps (the time-expanded network grows with it).
  long maxSteps = 200000;
};

struct FlowBottleneck {
  int road = -1;            // index into Park::roads (roads), or -1
  int shelter = -1;         // index into Park::shelters (shelters), or -1
  double saturated_s = 0;   // road: time its arcs spend in the minimum cut (at capacity)
};

struct QuickestFlowResult {
  double persons = 0;       // to move
  double placeable = 0;     // that can reach a shelter with room at all (>= the share when feasible)
  bool feasible = false;    // everyone (the share asked for) can be sheltered
  bool reachedStepLimit = false;
  double bound_s = 0;       // K Δ: the clearance bound, or the share's (meaningful when feasible)
  double step_s = 1.0;
  long steps = 0;           // K
  int maxFlowSolves = 0;
  std::vector<FlowBottleneck> bottlenecks;  // roads by time saturated (longest first), then shelters
  /// Where the last persons start: per road node, the persons that no flow gets into a shelter
  /// one step before the bound (the zones that set it).
  std::vector<std::pair<int, double>> lastOut;
  std::vector<double> shelterPersons;       // per sink: persons one optimal flow shelters there
};

/// Solves the quickest transshipment on `net` (see the header comment).
QuickestFlowResult quickestTransshipment(const FlowNetwork& net, const QuickestFlowOptions& options = {});

/// Who must move and when: persons of `zone` ready to leave its centroid at `ready_s`.
struct Release {
  int zone = -1;
  double persons = 0;
  double ready_s = 0;
  std::string cohort;  // the simulator's cohort key, "Z04/c3"
};

/// The scenario's evacuation network (its roads, walking speed, specific flow and shelters) for
/// the given releases: each zone's access walk is added to its release time.
FlowNetwork evacuationNetwork(const LoadedScenario& loaded, const std::vector<Release>& releases);

/// Everyone in every zone (the scenario's day or night population), ordered to leave at t = 0,
/// in cohorts as the simulator splits them, each ready after its pre-movement time drawn from
/// the simulator's own stream (seed, replication, "premovement", cohort) - or at once when
/// `premovement` is false.
std::vector<Release> orderAtZero(const LoadedScenario& loaded, std::uint64_t seed, std::uint64_t replication,
                                 bool premovement);

/// The evacuees of a simulated run and when they left their zones: each cohort's first leg.
std::vector<Release> releasesOf(const LoadedScenario& loaded, const Outcome& outcome);

/// The same releases as if nobody lingered: each cohort ready when its order came, its
/// pre-movement draw (seed, replication, "premovement", cohort) taken off.
std::vector<Release> withoutPremovement(const LoadedScenario& loaded, std::vector<Release> releases,
                                        std::uint64_t seed, std::uint64_t replication);

}  // namespace drillsim
