#pragma once
// The state one replication's actors share: inputs, draws, shelters, cohorts and the outcome
// being written. All actors run in one thread under SimGrid's cooperative scheduling, so plain
// members are safe; only the actor that owns a piece of state changes it.

#include <simgrid/s4u.hpp>

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "scenarios/Validation.hpp"
#include "sim/hazard/HazardFields.hpp"
#include "sim/engine/Outcome.hpp"
#include "sim/engine/Platform.hpp"
#include "sim/engine/Replication.hpp"

namespace drillsim {

/// An order or a dispatch released by the alarm chain, addressed to the evacuation controller or
/// to a team through their mailboxes.
struct Message {
  enum class Kind { PartyNotified, ChainFinished, Dispatch };
  Kind kind = Kind::PartyNotified;
  std::string party;
  std::string target;  // Dispatch: hazard or zone id
};

struct Cohort {
  std::string key;  // "Z04/c3"
  int zone = -1;
  int persons = 0;
  double premovement_s = 0;
  std::size_t preference = 0;  // next entry of the plan's shelter list to try (map rule)
  bool sheltered = false;
};

/// Persons of a cohort reaching a shelter: they arrive evenly from front_s to end_s.
struct ArrivalSegment {
  double front_s = 0, end_s = 0;
  int persons = 0;
};

struct RunState {
  RunState(Platform& p, const LoadedScenario& l, const Plan& pl, std::uint64_t s, std::uint64_t r,
           HazardEffects& h)
      : platform(p), loaded(l), park(l.park), scenario(l.scenario), plan(pl), seed(s), replication(r), hazards(h),
        toxic(h), heat(h), roads(h) {}

  Platform& platform;
  const LoadedScenario& loaded;
  const Park& park;
  const Scenario& scenario;
  const Plan& plan;
  std::uint64_t seed, replication;
  HazardEffects& hazards;  // told when a team stops a release or controls a zone; the draws
  // The same hazards, as each part of the run reads them (sim/hazard/HazardFields.hpp).
  const ToxicField& toxic;  // exposure, the threat zone
  const HeatField& heat;    // burn doses, fire teams
  const RoadHazards& roads; // routes of evacuees and teams, the closure events

  Outcome outcome;
  std::vector<int> occupancy;        // per shelter
  std::vector<double> committed;     // persons walking or queued on each road
  std::vector<Cohort> cohorts;
  std::vector<ArrivalSegment> arrivals;
  std::vector<int> zoneOrder;        // per zone: -1 none, else index of the protect entry applied
  std::vector<std::string> violations;  // invariants broken during the run (see Invariants.hpp)
  long inPlaceEvacuees = 0;          // ordered to evacuate, but sheltered in place: no open route
  std::deque<Message> messages;      // storage the mailboxes point into (a deque never moves its items)
  std::map<std::string, std::set<int>> fireClaims;  // per fire: zones a team is working on
  ReplicationProfile* profile = nullptr;             // where time goes, when measured

  double now() const { return simgrid::s4u::Engine::get_clock(); }
  /// Logs `e` at the clock's time.
  void log(Event e) {
    e.time_s = now();
    outcome.events.push_back(std::move(e));
  }
  /// Posts a message without waiting for the receiver (the alarm chain never blocks on a busy team).
  void post(const std::string& mailbox, Message m);
  /// Draws a uniform-based sample from the stream (seed, replication, purpose, entity).
  double draw(const Distribution& d, const std::string& purpose, const std::string& entity, double floor = 0) const;
};

/// Actor: detection, then each party of the plan's notify list in order; releases orders and
/// dispatches as the parties named in them are told.
class AlarmChain {
 public:
  explicit AlarmChain(RunState& s) : s_(s) {}
  void operator()();

 private:
  RunState& s_;
};

/// Actor: watches the hazards every minute and logs roads closing and reopening and zones entering
/// and leaving the threat zone, so that the event log tells what the hazards did to the run.
class HazardMonitor {
 public:
  explicit HazardMonitor(RunState& s) : s_(s) {}
  void operator()();

 private:
  RunState& s_;
};

/// Actor: one rescue team. Waits for dispatches, turns out, drives, works on scene.
class TeamActor {
 public:
  /// `tasks`: the number of dispatches the plan gives this team; the actor ends after the last.
  TeamActor(RunState& s, const Team& team, int tasks) : s_(s), team_(team), tasks_(tasks) {}
  void operator()();

 private:
  void work(const std::string& target);
  void controlFire(const Hazard& h, const Fire& f);
  RunState& s_;
  const Team& team_;
  int tasks_;
};

/// Actor: applies protective orders to zones and moves the cohorts (DESIGN.md section 3: cohorts
/// are comms started and awaited here, not actors).
class EvacuationController {
 public:
  explicit EvacuationController(RunState& s);
  void operator()();

 private:
  struct Leg {
    int cohort;
    int shelter;
    const WalkRoute* route;
    std::size_t record;  // index into outcome.legs
  };
  struct Timer {
    enum class Kind { Depart, StartSend, ArriveWithoutRoad };
    double time_s;
    std::size_t sequence;  // ties in time keep the order of scheduling
    Kind kind;
    std::size_t index;     // cohort (Depart) or leg
    bool operator>(const Timer& o) const { return time_s != o.time_s ? time_s > o.time_s : sequence > o.sequence; }
  };

  void onPartyNotified(const std::string& party);
  void schedule(double time_s, Timer::Kind kind, std::size_t index);
  void startLeg(int cohort, NodeId from, double fromAccess_m);
  void onTimer(const Timer& t);
  void arrive(Leg leg);  // by value: starting the next leg may grow legs_
  /// A shelter chosen by the plan's rule, and the route to it by open roads.
  struct Choice {
    int shelter = -1;  // -1: no shelter with room can be reached by open roads
    const WalkRoute* route = nullptr;
  };
  Choice chooseShelter(const Cohort& c, NodeId from, double fromAccess_m) const;
  double walkTime(const WalkRoute& r, double fromAccess_m, int shelter) const;
  /// Roads closed to new movements now, for people leaving zone `fleeing` (-1: anyone).
  std::function<bool(int)> closedNow(int fleeing = -1) const;
  /// The cohort's zone when it sets out from home, whose own fire does not hold it back; else -1.
  int fleeing(const Cohort& c, NodeId from) const;
  /// Peak utilisation from each comm's progress since the last event (rates are constant between
  /// events; `finished` is the comm that just completed, or -1).
  void sampleRoadUsage(ssize_t finished);

  RunState& s_;
  // Looked up at every shelter choice: the shelters standing at each road node, and per zone the
  // plan's shelters for it in its order (a `shelters` map; empty otherwise).
  std::vector<std::vector<int>> sheltersAt_;
  std::vector<std::vector<int>> mapped_;
  std::vector<Timer> timers_;  // min-heap
  std::size_t sequence_ = 0;
  std::vector<Leg> legs_;
  std::vector<simgrid::s4u::CommPtr> comms_;  // in flight, in step with commLegs_ and commRemaining_
  std::vector<std::size_t> commLegs_;
  std::vector<double> commRemaining_;  // persons still to pass, at the last sample
  double lastSample_s_ = 0;
  // sampleRoadUsage's working space, kept between events: each road's flow in the interval, the
  // roads given one, and each road's peak in the metrics (so that an event costs what its comms'
  // routes hold, not the whole road network).
  std::vector<double> flow_;
  std::vector<std::size_t> flowing_;
  std::vector<double*> roadPeak_;
};

}  // namespace drillsim
