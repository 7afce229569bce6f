#pragma once
// A drill script from the simulation (DESIGN.md section 2, the trainer; `drillsim drill`): the
// Master Scenario Events List (MSEL) of an exercise, its objectives and the evaluation guide's
// targets, following the Homeland Security Exercise and Evaluation Program's practice (shared
// reference drill.md: an MSEL is a chronological list of injects that controllers deliver to
// prompt player actions, with scenario time, synopsis, expected action, objective, originator,
// recipient and delivery method; contingency injects redirect play; an evaluation guide lists
// measurable targets and critical tasks, rated P/S/M/U).
//
// The injects follow the event chain of one representative run, each at the time of the event it
// stands for there (a party's notification, a team on scene, the threat reaching a zone, a road
// closed, a shelter full, the release stopped, the last evacuee in), and each goes to a party only
// once that party has been told in that run; a team's report goes to the party that sent it, and
// what concerns protective orders to the party that gives them. An inject that sets off an action
// carries the action's window: its own time plus P50 and P90, over a batch of runs, of the time
// from that same event to the action's milestone (the batch's spread, placed on this run's clock),
// so that the inject never comes after its own target. Contingency injects stand where the batch
// shows a common failure the representative run does not have. For a tabletop the script is cut
// into modules (phases of the incident), each with the situation at its end, questions for each
// role and the plan's answers, on the exercise's own clock. Pure: the runs' milestones and the
// representative outcome are passed in.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/Validation.hpp"
#include "sim/engine/Outcome.hpp"

namespace drillsim {

/// The kind of a drill is the scenario's own (a drill held, `drills:`): its word is wordOf, as
/// JSON writes it, and shownWord in the user's language (scenarios/Vocabulary.hpp).
using DrillKind = ExerciseKind;

/// When each milestone of the event chain first happened in one run, in seconds from the onset;
/// absent when it did not happen. Keys:
///   detected; notified/PARTY; orders/PARTY (the last order given after PARTY was told);
///   dispatch/TEAM; on_scene/TEAM; contained/HAZARD; controlled/HAZARD; threat/ZONE (the threat
///   zone reaches it); cleared/ZONE (its last evacuee in a shelter, when all of them got in);
///   full/SHELTER (turns someone away); closed/ROAD; sheltered95 (95 % of evacuees in);
///   evacuated (the last evacuee in, when all got in); late/TEAM (the threat zone reached a zone
///   beyond the hazards' own zones before the dispatched team was on scene: when it did);
///   ordered/ZONE (its protective order), sip/ZONE (when that order is to shelter in place);
///   evacuation_ordered (the first order to evacuate); working/HAZARD (the first team on scene
///   that can end it: a hazmat team at a release, a fire team at a fire).
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
/// The window of `key` measured from `after` and placed at `after_s`: over the runs that had
/// `after` (all runs when it is empty, measured from the onset), in how many `key` followed, and
/// after_s plus P50 and P90 (type 7) of key - after there. Nullopt when no run had both.
std::optional<Window> windowAfter(const std::vector<Milestones>& runs, const std::string& key, const std::string& after,
                                  double after_s);

/// The representative run: the replication whose clearance is the median (lower median) of the
/// runs, or with `worst` the P90 (the ceil(0.9 n)-th smallest); ties to the lower replication.
/// `clearance` holds each run's clearance, nullopt where a run failed.
std::optional<std::size_t> representativeRun(const std::vector<std::optional<double>>& clearance, bool worst);

struct Inject {
  int number = 0;
  double time_s = 0;      // T+ in the representative run (contingency: when the batch shows it, see contingencies)
  double exercise_s = 0;  // the same moment on the exercise's clock (see exerciseTime)
  bool contingency = false;
  std::string from{}, to{}, method{};
  std::string recipient{};  // the party or team id behind `to`
  std::string synopsis{}, action{};
  std::string objective{};  // O1 ..
  std::string milestone{};  // the window's key; empty when the action has no simulated milestone
  std::string after{};      // the milestone the window is measured from: this inject's own event
  std::optional<Window> window{};  // when the expected action is done: time_s plus the batch's P50 / P90
  std::optional<Window> arises{};  // contingency: when the situation arises in the runs that have it
  std::string event{};      // the simulated event it stands for: "kind entity"
  int module = 0;         // tabletop: the module it belongs to (1 ..), else 0
};
/// The inject's number as every document writes it: "12", or "12C" for a contingency.
std::string injectLabel(const Inject& i);

struct Task {
  std::string text{};       // e.g. "Z07 cleared"
  std::string milestone{};
  std::string after{};      // what the target is measured from (a milestone of the run); empty: the onset
  Window window{};          // the target: the run's time of `after` plus the batch's P50 / P90 after it
  std::optional<Window> batch{};  // the milestone over the batch, from the onset
  std::optional<double> run_s{};  // when the representative run had it
  std::string owner{};      // who carries it out, as shown: a party or a team
  std::string item{};       // the evaluation item it belongs to (see EvaluationItem): alarm, mobilisation,
                            // command, response, protection, medical
};

struct Objective {
  std::string id{}, title{}, text{};
  std::vector<Task> tasks{};
};

/// The representative run at one moment, as a tabletop's situation map shows it.
struct Situation {
  double time_s = 0;
  std::vector<std::string> threatZones{};      // zone ids in the threat zone, with people
  std::vector<std::string> evacuating{};       // zones ordered to evacuate
  std::vector<std::string> sheltering{};       // zones ordered to shelter in place
  long evacuatingPersons = 0, shelteringPersons = 0, sheltered = 0;  // sheltered: in shelters by then
  std::vector<std::string> teamsOnScene{}, closedRoads{}, fullShelters{}, stopped{};
};

struct Question {
  int inject = 0;         // the inject that raises it
  std::string role{};       // who is asked
  std::string question{};
  std::string answer{};     // what the plan expects
  std::optional<Window> window{};
};

/// A module of a tabletop: one phase of the incident, discussed in one block of the exercise.
struct Module {
  int number = 0;
  std::string title{};
  double start_s = 0, end_s = 0;                  // simulated
  double exerciseStart_s = 0, exerciseEnd_s = 0;  // on the exercise's clock
  Situation situation{};                            // at the module's end
  std::vector<std::string> summary{};               // the situation in sentences
  std::vector<Question> questions{};
};

struct DrillScript {
  DrillKind kind = DrillKind::Tabletop;
  std::string plan{}, planName{};
  std::vector<std::string> organisations{};
  std::vector<Objective> objectives{};
  std::vector<Inject> injects{};
  std::vector<Module> modules{};  // tabletop only
  double exerciseMinutes = 0;   // the exercise's length; its clock maps the incident onto it
  double incident_s = 0;        // the simulated span the script covers (to its last inject)
};

struct DrillOptions {
  /// The exercise's length in minutes; 0: a tabletop takes kTabletopMinutes, a functional or
  /// full-scale exercise runs on the incident's own clock.
  double exerciseMinutes = 0;
};
/// A tabletop's default length: two hours, as issue 22 item 6 asks ("a 65-minute incident in a
/// two-hour tabletop"); shorter than HSEEP's 4-8 h for a full tabletop (shared reference drill.md),
/// since the script plays one incident of one plan. --exercise-minutes sets it.
inline constexpr double kTabletopMinutes = 120;

/// The readable name of a notification party: its Chinese name, with the English word beside it in
/// English ("事发企业 (enterprise)"), else the id itself.
std::string partyName(const std::string& party);

/// Builds the script from the batch's milestones (one map per run) and the representative run's
/// outcome.
DrillScript buildDrillScript(const LoadedScenario& loaded, const Plan& plan, DrillKind kind, const std::vector<Milestones>& runs,
                             const Outcome& representative, const DrillOptions& options = {});

/// The tabletop's modules of a script whose injects are built (DrillModules.cpp), and every
/// inject's time on the exercise's clock.
void cutIntoModules(const LoadedScenario& loaded, const Outcome& representative, DrillScript& script);
/// The exercise's clock for a simulated time: piecewise linear over the modules of a tabletop,
/// else scaled from the incident's span onto exerciseMinutes.
double exerciseTime(const DrillScript& script, double t_s);

}  // namespace drillsim
