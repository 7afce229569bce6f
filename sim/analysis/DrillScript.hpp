#pragma once
// A drill script from the simulation (DESIGN.md section 2, the trainer; `drillsim drill`): the
// Master Scenario Events List (MSEL) of an exercise, its objectives and the evaluation guide's
// targets, following the Homeland Security Exercise and Evaluation Program's practice (shared
// reference drill.md: an MSEL is a chronological list of injects that controllers deliver to
// prompt player actions, with scenario time, synopsis, expected action, objective, originator,
// recipient and delivery method; contingency injects redirect play; an evaluation guide lists
// measurable targets and critical tasks, rated P/S/M/U).
//
// The injects follow the event chain of one representative run (its detection, notifications,
// orders, teams on scene, threat reaching zones, containment, the end of the evacuation); each
// expected action carries its completion window, P50 and P90 of its milestone over a batch of
// runs. Contingency injects stand where the batch shows a common failure: a shelter turning
// people away, a road closing, a team arriving after the threat reached a zone. Pure: the runs'
// milestones and the representative outcome are passed in.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/Validation.hpp"
#include "sim/engine/Outcome.hpp"

namespace drillsim {

enum class DrillKind { Tabletop, Functional, FullScale };
const char* drillKindName(DrillKind kind);  // tabletop | functional | full-scale

/// When each milestone of the event chain first happened in one run, in seconds from the onset;
/// absent when it did not happen. Keys:
///   detected; notified/PARTY; orders/PARTY (the last order given after PARTY was told);
///   dispatch/TEAM; on_scene/TEAM; contained/HAZARD; controlled/HAZARD; threat/ZONE (the threat
///   zone reaches it); cleared/ZONE (its last evacuee in a shelter, when all of them got in);
///   full/SHELTER (turns someone away); closed/ROAD; sheltered95 (95 % of evacuees in);
///   evacuated (the last evacuee in, when all got in); late/TEAM (the threat zone reached a zone
///   beyond the hazards' own zones before the dispatched team was on scene: when it did).
using Milestones = std::map<std::string, double>;
Milestones milestonesOf(const LoadedScenario& loaded, const Outcome& outcome);
/// As JSON (an object of key -> seconds) and back, for milestones read in batch workers.
nlohmann::json milestonesJson(const Milestones& m);
Milestones milestonesFromJson(const nlohmann::json& j);

/// A milestone over a batch: in how many runs it happened, and its P50 and P90 there.
struct Window {
  long runs = 0, happened = 0;
  double p50_s = 0, p90_s = 0;
  double share() const { return runs > 0 ? double(happened) / double(runs) : 0; }
};
using Windows = std::map<std::string, Window>;
/// Quantiles are Hyndman and Fan type 7 over the runs in which the milestone happened.
Windows windowsOf(const std::vector<Milestones>& runs);

/// The representative run: the replication whose clearance is the median (lower median) of the
/// runs, or with `worst` the P90 (the ceil(0.9 n)-th smallest); ties to the lower replication.
/// `clearance` holds each run's clearance, nullopt where a run failed.
std::optional<std::size_t> representativeRun(const std::vector<std::optional<double>>& clearance, bool worst);

struct Inject {
  int number = 0;
  double time_s = 0;     // T+ in the representative run (contingency: P50 of the batch)
  bool contingency = false;
  std::string from, to, method;
  std::string synopsis, action;
  std::string objective;  // O1 ..
  std::string milestone;  // the window's key; empty when the action has no simulated milestone
  std::optional<Window> window;
  std::string event;      // the simulated event it stands for: "kind entity"
};

struct Task {
  std::string text;       // e.g. "Z07 cleared"
  std::string milestone;
  Window window;
};

struct Objective {
  std::string id, title, text;
  std::vector<Task> tasks;
};

struct DrillScript {
  DrillKind kind = DrillKind::Tabletop;
  std::string plan, planName;
  std::vector<std::string> organisations;
  std::vector<Objective> objectives;
  std::vector<Inject> injects;
};

/// The readable name of a notification party (enterprise 事发企业, ...), else the id itself.
std::string partyName(const std::string& party);

/// Builds the script from the batch's windows and the representative run's outcome.
DrillScript buildDrillScript(const LoadedScenario& loaded, const Plan& plan, DrillKind kind, const Windows& windows,
                             const Outcome& representative);

}  // namespace drillsim
