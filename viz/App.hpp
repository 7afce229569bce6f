#pragma once
// The planner's desk (DESIGN.md section 8): one window with four views over one scenario.
//   Editor   the map and the scenario's parts in forms; every change through ScenarioEditor.
//   Batch    a Monte Carlo batch run by `drillsim batch` beside the window, with progress.
//   Compare  a batch's plans side by side (`drillsim compare --format json` and the store's rows).
//   Replay   one replication (`drillsim run --out`) on a timeline.
// UI state lives here; the scenario lives in the editor.

#include <imgui.h>

#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenarios/ScenarioEditor.hpp"
#include "sim/analysis/Comparison.hpp"
#include "viz/ChildProcess.hpp"
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

/// A choice among words as a combo box; true when the person chose another. `value` may be one not
/// in the list (shown as it is, so nothing is lost).
bool wordField(const char* label, std::string& value, const std::vector<std::string>& choices);
/// The same for a word of scenarios/Vocabulary.hpp, `names` its list.
template <class E>
bool wordField(const char* label, E& value, const std::vector<std::string>& names) {
  std::string word = names[std::size_t(value)];
  if (!wordField(label, word, names)) return false;
  value = fromWord<E>(names, word).value_or(value);
  return true;
}

/// An error in red, wrapped at the window's edge (or `width` pixels on, in a window that sizes
/// itself to its content): messages about a damaged file end with how to recover, which must not
/// be cut off.
void errorText(const std::string& message, float width = 0);

/// Draws threat zones on a map: a light fill and the outline, AEGL-3 red and AEGL-2 orange.
void drawThreatRings(ImDrawList* dl, const MapView& map, const std::vector<ThreatRing>& rings);

class App {
 public:
  explicit App(ScenarioEditor editor);
  ~App();

  /// Draws one frame's interface (between ImGui::NewFrame and ImGui::Render).
  void frame();
  /// The window's close button or Ctrl+Q: true when it may close now; otherwise a question about
  /// unsaved changes is shown first.
  bool requestClose();
  /// True once the person has said the window may close.
  bool closeConfirmed() const { return closeConfirmed_; }

  void setView(View v) { view_ = v; viewChanged_ = true; }
  void select(const Selection& s);
  /// Loads a batch's results into the comparison view (in the background).
  void openResults(const std::string& path);
  /// Loads one replication into the replay (runs `drillsim run --out` in the background).
  void openReplay(const std::string& plan, int replication);
  /// Opens a drill written by `drillsim drill --out DIR`: its representative run in the replay,
  /// with the drill clock's panel (injects due, delivered, observations). False with the reason.
  bool openDrill(const std::string& dir, std::string& error);
  DrillSession* drill() { return drill_.get(); }
  /// The drill panel's buttons: every due inject delivered now; an observation at the clock's
  /// time, the moment `task` (a milestone key, or empty) was achieved.
  void deliverDueInjects();
  void recordObservation(const std::string& text, const std::string& task);
  /// Changes whenever texts() may hold new characters (the font atlas is checked then).
  std::string textsKey() const;
  void setReplayTime(double t) { replay_.setTime(t); }
  /// Plays the replay at `speed` simulated seconds per second (the Play button and speed slider).
  void playReplay(float speed) {
    replay_.speed = speed;
    replay_.playing = true;
  }
  double replayTime() const { return replay_.time(); }
  bool replayPlaying() const { return replay_.playing; }
  /// The editor's map: zones by persons instead of kind; the steady threat zones of a weather draw.
  void setZonesByPersons(bool on) { editorFill_ = on ? 1 : 0; }
  void showThreatZones(int draw) {
    showThreat_ = true;
    threatDraw_ = draw;
  }
  /// Something is still loading beside the window (headless screenshots wait for it).
  bool busy() const;
  /// Waits for what loads in the background (headless mode).
  void finishLoading();
  /// Texts of the scenario and the interface, for the font's glyphs.
  std::vector<std::string> texts() const;
  ScenarioEditor& editor() { return editor_; }
  MapView& map() { return map_; }
  /// Tooltips off for unattended screenshots, in every view's map.
  void setTooltips(bool on) {
    for (MapView* m : {&map_, &compareMap_, &replayMap_}) m->setTooltips(on);
  }
  /// Applies whatever a Batch view's settings are (headless: a batch of N with default settings).
  void startBatch();
  void setBatchReplications(int n) { batchReplications_ = n; }
  /// A picture of the window the person asked for (F12): where to save it, once; "" for none.
  std::string takePictureRequest() { return std::exchange(pictureRequest_, std::string()); }
  void pictureSaved(const std::string& message) { message_ = message; }
  bool batchRunning() const { return batch_ && batch_->running(); }
  /// The running batch has reported progress at least once and is at least 20 % done.
  bool batchProgressShown() const { return batchRunning() && batchTotal_ > 0 && batchDone_ * 5 >= batchTotal_; }
  /// The replication of `plan` at the share `share` of `metric` (0.5 the median run, 1 the
  /// largest), -1 when the loaded results hold none.
  int rankedReplication(const std::string& plan, const std::string& metric, double share) const;

 private:
  void menuBar();
  void shortcuts();
  void modals();
  void editorView();
  void outline();
  void properties();
  void problems();
  void settingsForm();
  void weatherForm();
  void hazardForm(std::size_t i);
  void teamForm(std::size_t i);
  void planForm(std::size_t i);
  void featureForm();
  void batchView();
  void compareView();
  void replayView();
  void drillPanel();
  void pollChildren();
  void reloadDraft();
  void jumpTo(const Diagnostic& d);
  /// Saves, or first asks when the file holds values the editor could not read.
  void saveOrAsk();
  void save();
  void requestPicture();
  void openScenario(const std::string& path);
  void applyCompareFill();
  std::string defaultResultsPath() const;

  // Form fields: each returns true when the person finished an edit (the draft then commits).
  bool distField(const char* label, const std::string& key, Distribution& d, int lowerBound);
  bool optionalDistField(const char* label, const std::string& key, std::optional<Distribution>& d, int lowerBound,
                         const Distribution& initial);

  ScenarioEditor editor_;
  MapView map_, compareMap_, replayMap_;  // each view keeps its own pan and zoom
  View view_ = View::Editor;
  bool viewChanged_ = true;
  Selection sel_;
  Scenario draft_;  // the forms' working copy of the scenario, reloaded when the editor changes
  long draftRevision_ = -1;
  Selection draftSelection_;
  std::map<std::string, std::string> fieldText_, fieldError_;
  std::string message_;
  std::string pictureRequest_;  // last save/open result, shown in the status line
  bool closeAsked_ = false, closeConfirmed_ = false;
  bool openAsked_ = false, saveAsAsked_ = false, saveUnreadAsked_ = false;
  std::string pathInput_;
  std::string openError_;
  int newShelterCapacity_ = 500;
  int editorFill_ = 0;  // zones by kind (0) or by persons (1)
  bool showThreat_ = false;
  int threatDraw_ = 0;  // the replication whose weather and release the preview shows
  long threatRevision_ = -1;
  int threatDrawShown_ = -1;
  std::vector<ThreatRing> threatRings_;
  std::string threatWeather_;
  void updateThreatPreview();

  // Batch
  std::unique_ptr<ChildProcess> batch_;
  std::vector<char> batchPlans_;
  int batchReplications_ = 200, batchJobs_ = 2;
  std::string batchSeed_, batchOut_;
  long batchDone_ = 0, batchTotal_ = 0, batchFailed_ = 0;
  double batchRate_ = 0, batchStarted_ = 0;
  bool batchResume_ = false;
  std::string batchStatus_;
  std::vector<std::string> earlierBatches_;  // results/*.gpkg next to the scenario, newest first

  // Compare
  std::future<Comparison> compare_;  // computed beside the window (sim/analysis/Comparison)
  std::string resultsPath_, resultsInput_, compareError_, baseline_;
  std::optional<Comparison> comparison_;
  std::vector<std::string> resultPlans_;
  std::map<std::string, std::map<std::string, std::map<std::string, double>>> zoneSummary_;  // plan, zone, metric
  std::string selectedMetric_ = "clearance_s", fillPlan_, fillMetric_ = "p_any_over_aegl2";
  int replicationsInStore_ = 0;
  std::optional<std::uint64_t> resultsSeed_;  // the loaded batch's seed: its replications are replayed with it
  std::string resultsScenarioHash_;           // the scenario file's hash when the batch ran
  // plan -> metric -> (value, replication) of every stored replication, to pick runs to replay
  std::map<std::string, std::map<std::string, std::vector<std::pair<double, int>>>> replayRanks_;

  // Replay
  std::unique_ptr<ChildProcess> run_;
  std::string replayDir_, replayError_, replayPlan_;
  int replayReplication_ = 0;
  ReplayPlayer replay_;
  std::vector<std::pair<double, std::string>> bookmarks_;
  std::size_t logScrolledTo_ = 0;
  bool replayStale_ = false;  // the scenario changed since the batch whose run is replayed  // the event the log last scrolled to
  std::vector<std::string> replayDirs_;  // made for runs to replay, removed on exit

  // Drill clock
  std::unique_ptr<DrillSession> drill_;
  std::string drillNote_;  // the observation being written
  int drillTask_ = 0;      // 0: a note; k: the k-th task of the evaluation guide achieved now
  bool drillPause_ = true; // stop the clock at each inject
  int drillRecords_ = 0;   // deliveries and observations made here (for textsKey)
};

}  // namespace drillsim::viz
