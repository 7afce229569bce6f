#pragma once
// The views of the planner's desk as panels, as Dear ImGui's property editor is one: each holds
// its own UI state (fields, choices, its map's pan and zoom) and draws what it is given. What the
// views share is App's (App.hpp): the scenario's editor and its undo, the selection, the loaded
// results, the run being replayed, the drill, the child processes; what a panel asks of the window
// (open results, a replay, a view; save; run a batch) goes through Commands.
//   EditorPanel   Map & editor: the outline, the forms, the problems, the editor's map
//                 (EditorPanel.cpp; Forms.cpp)
//   BatchPanel    Batch: a batch's settings, its progress (App's), earlier batches (BatchCompare.cpp)
//   ComparePanel  Compare plans: tables, ECDFs, thresholds, zones on the map (BatchCompare.cpp)
//   ReplayPanel   Replay: the timeline, the map of the moment, the event log (ReplayView.cpp)
//   DrillPanel    the drill clock beside the replay (DrillView.cpp)

#include <imgui.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/ScenarioEditor.hpp"
#include "scenarios/YamlInput.hpp"
#include "sim/analysis/Comparison.hpp"
#include "sim/batch/ZoneSummary.hpp"
#include "viz/Drill.hpp"
#include "viz/MapView.hpp"
#include "viz/Replay.hpp"

namespace drillsim::viz {

enum class View { Editor, Batch, Compare, Replay };

/// What the outline and the forms have selected.
struct Selection {
  enum class Kind { None, Settings, Weather, Hazard, Team, Plan, Feature };
  Kind kind = Kind::None;
  std::size_t index = 0;  // Hazard, Team, Plan
  Feature feature;        // Feature
  Selection() = default;
  Selection(Kind k, std::size_t i = 0) : kind(k), index(i) {}
  explicit Selection(Feature f) : kind(Kind::Feature), feature(std::move(f)) {}
  bool operator==(const Selection&) const = default;
};

/// What a panel asks of the window (App), done at once.
class Commands {
 public:
  virtual void setView(View v) = 0;
  virtual void select(const Selection& s) = 0;
  /// Saves, or first asks when the file holds values the editor could not read.
  virtual void saveOrAsk() = 0;
  virtual void startBatch() = 0;
  virtual bool batchRunning() const = 0;
  /// The loaded results are being compared beside the window; a run to replay is running.
  virtual bool comparing() const = 0;
  virtual bool replayRunning() const = 0;
  virtual void cancelBatch() = 0;
  virtual void openResults(const std::string& path) = 0;
  /// The loaded results compared again against another baseline.
  virtual void compareAgainst(const std::string& baseline) = 0;
  virtual void openReplay(const std::string& plan, int replication) = 0;
  virtual void deliverDueInjects() = 0;
  /// A contingency inject delivered at drill time `at_s`.
  virtual void deliverInject(int number, double at_s) = 0;
  virtual void recordObservation(const std::string& text, const std::string& task) = 0;

 protected:
  ~Commands() = default;
};

/// A batch's results as App::openResults read them from its store, for the Compare and Replay panels.
struct LoadedResults {
  std::string path;   // the store, "" when none is loaded
  std::string error;  // why the store could not be read, or the comparison failed
  std::vector<std::string> plans;
  int replications = 0;  // rows in the store
  std::optional<std::uint64_t> seed;  // the batch's seed: its replications are replayed with it
  std::string scenarioHash;           // the scenario file's hash when the batch ran
  std::map<std::string, std::map<std::string, ZoneSummary>> zones;  // plan, zone
  // plan -> metric -> (value, replication) of every stored replication, to pick runs to replay
  std::map<std::string, std::map<std::string, std::vector<std::pair<double, int>>>> ranks;
  std::string baseline;                 // the plan the others are compared against
  std::optional<Comparison> comparison;  // computed beside the window (sim/analysis/Comparison)

  /// The replication of `plan` at the share `share` of `metric` (0.5 the median run, 1 the
  /// largest), -1 when the results hold none.
  int rankedReplication(const std::string& plan, const std::string& metric, double share) const;
};

/// A running (or the last) batch's progress, as `drillsim batch --progress-fd` reports it.
struct BatchProgress {
  long done = 0, total = 0, failed = 0;
  double rate = 0, started_s = 0;  // replications per second; when it started (steady clock)
  std::string status;               // how it went, or why it did not start
};

/// Why `text`, typed in a number field of the forms, is refused ("" when it is taken, and `value`
/// set): not a number, outside `bound`, or not whole where `whole`; in validate's words.
std::string numberFieldProblem(const std::string& text, Bound bound, bool whole, double& value);

/// Map & editor: the scenario's outline, the form of the selection, the problems and the map.
struct EditorPanel {
  /// What the panel edits, all App's: the scenario through its editor, the selection (changed
  /// through Commands::select) and the editor's map, which shows it.
  struct Desk {
    ScenarioEditor& editor;
    const Selection& selection;
    MapView& map;
    Commands& commands;
    void select(const Selection& s) { commands.select(s); }
  };

  int newShelterCapacity = 500;
  int fill = 0;  // zones by kind (0) or by persons (1)
  bool showThreat = false;
  int threatDraw = 0;  // the replication whose weather and release the preview shows

  /// The forms' draft again when the scenario or the selection changed (before any drawing).
  void syncDraft(const ScenarioEditor& editor, const Selection& selection);
  void draw(Desk desk);

 private:
  void mapLayers(Desk& desk);
  void mapControls(Desk& desk);
  void mapEvents(Desk& desk);
  void outline(Desk& desk);
  void properties(Desk& desk);
  void problems(Desk& desk);
  void jumpTo(Desk& desk, const Diagnostic& d);
  void settingsForm(Desk& desk);
  void weatherForm(Desk& desk);
  void hazardForm(Desk& desk, std::size_t i);
  void teamForm(Desk& desk, std::size_t i);
  void planForm(Desk& desk, std::size_t i);
  bool alarmChain(Plan& p, const std::string& k);
  bool dispatches(Desk& desk, Plan& p, const std::vector<std::string>& parties);
  bool protectiveActions(Plan& p, const std::string& k, const std::vector<std::string>& parties);
  bool shelterAssignment(Desk& desk, Plan& p, const std::string& k);
  void featureForm(Desk& desk);
  void shelterForm(Desk& desk, const Feature& f);
  void updateThreatPreview(const ScenarioEditor& editor);
  // Form fields: each returns true when the person finished an edit (the draft then commits).
  bool distField(const char* label, const std::string& key, Distribution& d, int lowerBound);
  /// Every number of the forms, one way: the text as typed stays in the field, and a value that
  /// is not a number, not whole where `whole`, or outside `bound` is refused with the reason in
  /// validate's words and not applied. True (with `v` set) when an edit that holds is finished.
  bool numberField(const char* label, const std::string& key, double& v, Bound bound, const char* format = "%.6g");
  bool countField(const char* label, const std::string& key, int& v, Bound bound);
  bool checkedNumber(const char* label, const std::string& key, const std::string& initial, Bound bound, bool whole,
                     double& value);
  /// A finished edit of the field `key`: true when `error` is empty (its old error cleared), else
  /// false with the error kept for fieldErrorLine, which shows it under the field until mended.
  bool fieldChecked(const std::string& key, const std::string& error);
  void fieldErrorLine(const std::string& key) const;
  bool optionalDistField(const char* label, const std::string& key, std::optional<Distribution>& d, int lowerBound,
                         const Distribution& initial);

  Scenario draft_;  // the forms' working copy of the scenario, reloaded when the editor changes
  long draftRevision_ = -1;
  Selection draftSelection_;
  std::map<std::string, std::string> fieldText_, fieldError_;
  long threatRevision_ = -1;
  int threatDrawShown_ = -1;
  std::vector<ThreatRing> threatRings_;
  std::string threatWeather_;
};

/// Batch: the settings of a batch, its progress while it runs, and the earlier batches.
struct BatchPanel {
  explicit BatchPanel(const ScenarioEditor& editor);
  /// Settings for a scenario just opened: every plan, its seed, a new results file.
  void scenarioOpened(const ScenarioEditor& editor);
  void draw(const ScenarioEditor& editor, const BatchProgress& progress, const std::string& resultsPath,
            Commands& commands);

  std::vector<char> plans;  // chosen, by the scenario's plans
  int replications = 200, jobs = 2;
  std::string seed, out;
  bool resume = false;

 private:
  void settings(const ScenarioEditor& editor, Commands& commands);
  void progressOrRun(const ScenarioEditor& editor, const BatchProgress& progress, Commands& commands);
  void earlierBatches(const ScenarioEditor& editor, const std::string& resultsPath, Commands& commands);

  std::vector<std::string> earlier_;  // results/*.gpkg next to the scenario, newest first
};

/// The results file a new batch of the scenario at `scenarioPath` writes: results/NAME-TIME.gpkg beside it.
std::string defaultResultsPath(const std::string& scenarioPath);

/// Compare plans: the loaded results' numbers, the selected metric's ECDFs, thresholds, zones on the map.
struct ComparePanel {
  explicit ComparePanel(const Park& park) : map(park) {}
  /// A store is being opened (its path into the field) / was read (the fill's plan among its plans).
  void resultsOpening(const std::string& path) { input = path; }
  void resultsRead(const std::vector<std::string>& plans);
  void draw(const Park& park, const LoadedResults& results, Commands& commands);

  MapView map;  // its own pan and zoom
  std::string input;  // the results field
  std::string selectedMetric = "clearance_s", fillPlan, fillMetric = "p_any_over_aegl2";

 private:
  void overview(const LoadedResults& results, const std::vector<std::string>& names);
  void ecdf(const LoadedResults& results);
  void detail(const LoadedResults& results);
  void thresholds(const LoadedResults& results);
  void zonesMap(const Park& park, const LoadedResults& results, Commands& commands);
  void applyFill(const Park& park, const LoadedResults& results);
};

/// The drill clock beside the replay: injects due, delivered, contingencies, observations.
struct DrillPanel {
  void draw(const DrillSession& d, ReplayPlayer& replay, const std::string& scenarioPath, Commands& commands);

  std::string note;   // the observation being written
  int task = 0;       // 0: a note; k: the k-th task of the evaluation guide achieved now
  bool pause = true;  // stop the clock at each inject

 private:
  void clock(const DrillSession& d, ReplayPlayer& replay, const std::string& scenarioPath);
  void dueNow(const DrillSession& d, double now, Commands& commands);
  void observations(const DrillSession& d, Commands& commands);
  void contingencies(const DrillSession& d, double now, Commands& commands);
};

/// Replay: one run on a timeline, the map at the moment, the event log (and the drill's panel).
struct ReplayPanel {
  explicit ReplayPanel(const Park& park) : map(park) {}
  /// `drill` and `drillPanel`: the drill being played and its panel beside the log, or null.
  /// `stale` and `error`: App's, of the run it started (they change when a button here starts another).
  void draw(const ScenarioEditor& editor, ReplayPlayer& replay, const LoadedResults& results, const bool& stale,
            const std::string& error, DrillSession* drill, DrillPanel* drillPanel, Commands& commands);

  MapView map;       // its own pan and zoom
  std::string plan;  // the run chosen to replay
  int replication = 0;
  std::vector<std::pair<double, std::string>> bookmarks;

 private:
  void choice(const ScenarioEditor& editor, const LoadedResults& results, const bool& stale, const std::string& error,
              Commands& commands);
  void timeline(ReplayPlayer& replay, DrillSession* drill, bool pauseAtInjects);
  void mapOfTheMoment(const Park& park, const ReplayPlayer& replay);
  void eventLog(ReplayPlayer& replay);

  std::size_t logScrolledTo_ = 0;  // the event the log last scrolled to
};

}  // namespace drillsim::viz
