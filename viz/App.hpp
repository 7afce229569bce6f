#pragma once
// The planner's desk (DESIGN.md section 8): one window with four views over one scenario.
//   Editor   the map and the scenario's parts in forms; every change through ScenarioEditor.
//   Batch    a Monte Carlo batch run by `drillsim batch` beside the window, with progress.
//   Compare  a batch's plans side by side: sim/analysis/Comparison on the store's rows.
//   Replay   one replication (`drillsim run --out`) on a timeline, with the drill clock.
// Each view is a panel with its own UI state (viz/Panels.hpp); App holds what they share (the
// scenario in its editor, the selection, the loaded results, the replayed run, the drill, the
// child processes), the menus and dialogs, and draws the current view's panel.

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
#include "viz/Panels.hpp"
#include "viz/Replay.hpp"

namespace drillsim::viz {

/// A choice among words as a combo box; true when the person chose another. `value` may be one not
/// in the list (shown as it is, so nothing is lost).
bool wordField(const char* label, std::string& value, const std::vector<std::string>& choices);
/// A hazard's kind as the desk shows it, in the user's language ("toxic release", "fire").
const char* hazardKindShown(const Hazard& h);
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

class App final : public Commands {
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

  void setView(View v) override { view_ = v; viewChanged_ = true; }
  void select(const Selection& s) override;
  /// Loads a batch's results into the comparison view (in the background).
  void openResults(const std::string& path) override;
  /// Loads one replication into the replay (runs `drillsim run --out` in the background).
  void openReplay(const std::string& plan, int replication) override;
  /// Opens a drill written by `drillsim drill --out DIR`: its representative run in the replay,
  /// with the drill clock's panel (injects due, delivered, observations). False with the reason.
  bool openDrill(const std::string& dir, std::string& error);
  DrillSession* drill() { return drill_.get(); }
  /// The drill panel's buttons: every due inject delivered now; an observation at the clock's
  /// time, the moment `task` (a milestone key, or empty) was achieved.
  void deliverDueInjects() override;
  void recordObservation(const std::string& text, const std::string& task) override;
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
  void setZonesByPersons(bool on) { editorPanel_.fill = on ? 1 : 0; }
  void showThreatZones(int draw) {
    editorPanel_.showThreat = true;
    editorPanel_.threatDraw = draw;
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
    for (MapView* m : {&map_, &comparePanel_.map, &replayPanel_.map}) m->setTooltips(on);
  }
  /// Applies whatever a Batch view's settings are (headless: a batch of N with default settings).
  void startBatch() override;
  void setBatchReplications(int n) { batchPanel_.replications = n; }
  /// A picture of the window the person asked for (F12): where to save it, once; "" for none.
  std::string takePictureRequest() { return std::exchange(pictureRequest_, std::string()); }
  void pictureSaved(const std::string& message) { message_ = message; }
  bool batchRunning() const override { return batch_ && batch_->running(); }
  bool comparing() const override { return compare_.valid(); }
  bool replayRunning() const override { return run_ && run_->running(); }
  /// The running batch has reported progress at least once and is at least 20 % done.
  bool batchProgressShown() const {
    return batchRunning() && batchProgress_.total > 0 && batchProgress_.done * 5 >= batchProgress_.total;
  }
  /// The replication of `plan` at the share `share` of `metric` (0.5 the median run, 1 the
  /// largest), -1 when the loaded results hold none.
  int rankedReplication(const std::string& plan, const std::string& metric, double share) const {
    return results_.rankedReplication(plan, metric, share);
  }

 private:
  void menuBar();
  void shortcuts();
  void modals();
  void recoveryDialog();
  void closeDialog();
  void openDialog();
  void unreadDialog();
  void saveAsDialog();
  void drawView(View v);
  void pollChildren();
  void pollBatch();
  void saveOrAsk() override;
  void save();
  void cancelBatch() override;
  void compareAgainst(const std::string& baseline) override;
  void deliverInject(int number, double at_s) override;
  void requestPicture();
  void openScenario(const std::string& path);

  ScenarioEditor editor_;
  MapView map_;  // the editor's (the other views keep their own pan and zoom)
  View view_ = View::Editor;
  bool viewChanged_ = true;
  Selection sel_;
  std::string message_;
  std::string pictureRequest_;  // last save/open result, shown in the status line
  bool closeAsked_ = false, closeConfirmed_ = false;
  bool openAsked_ = false, saveAsAsked_ = false, saveUnreadAsked_ = false;
  std::string pathInput_;
  std::string openError_;

  // The views' panels.
  EditorPanel editorPanel_;
  BatchPanel batchPanel_;
  ComparePanel comparePanel_;
  ReplayPanel replayPanel_;
  DrillPanel drillPanel_;

  // The batch running beside the window.
  std::unique_ptr<ChildProcess> batch_;
  BatchProgress batchProgress_;

  // The loaded results and their comparison, computed beside the window.
  LoadedResults results_;
  std::future<Comparison> compare_;

  // The run replayed, run beside the window by `drillsim run --out`.
  std::unique_ptr<ChildProcess> run_;
  std::string replayDir_, replayError_;
  ReplayPlayer replay_;
  bool replayStale_ = false;  // the scenario changed since the batch whose run is replayed
  std::vector<std::string> replayDirs_;  // made for runs to replay, removed on exit

  // The drill played.
  std::unique_ptr<DrillSession> drill_;
  int drillRecords_ = 0;  // deliveries and observations made here (for textsKey)
};

}  // namespace drillsim::viz
