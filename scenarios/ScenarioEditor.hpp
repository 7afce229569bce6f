#pragma once
// Editing a scenario as the front end does (DESIGN.md section 8): every change is one of the named
// operations below, each one undo step; after each the scenario is checked exactly as the command
// line checks a file (written to YAML, read back, validated against the park), so the problem list
// is the one `drillsim validate` would print. The park's geodata is never written: shelters are
// added, moved, resized and removed through the scenario's `shelter_changes`. No GUI code here.

#include <optional>
#include <string>
#include <vector>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/Park.hpp"
#include "scenarios/Scenario.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/Substance.hpp"

namespace drillsim {

class ScenarioEditor {
 public:
  /// `basePark` is the park as its geodata has it (without the scenario's shelter changes).
  ScenarioEditor(Scenario scenario, Park basePark, SubstanceTable substances, std::string path);

  /// Opens a scenario file: nothing when it or its park cannot be read at all (the reasons in
  /// `diagnostics`); a scenario with validation problems opens, so that they can be mended.
  static std::optional<ScenarioEditor> open(const std::string& path, Diagnostics& diagnostics);

  const Scenario& scenario() const { return scenario_; }
  /// The park with the scenario's shelter changes applied.
  const Park& park() const { return park_; }
  const Park& basePark() const { return base_; }
  const SubstanceTable& substances() const { return substances_; }
  /// What `drillsim validate` would report for the scenario as it is now.
  const Diagnostics& problems() const { return problems_; }
  /// Where the scenario as it is now leaves the models' validity (validityWarnings), checked with
  /// problems() and only when the scenario has no errors.
  const Diagnostics& validity() const { return validity_; }
  /// Errors of the file as it was opened: values the editor could not read, which it holds as
  /// their defaults or leaves out. They stay among problems() until the scenario is saved, which
  /// writes the editor's version in place of them.
  const Diagnostics& unread() const { return unread_; }
  /// True while a gesture's steps have not been checked yet (problems() is from before it).
  bool checkPending() const { return unchecked_; }
  const std::string& path() const { return path_; }
  /// True when the scenario differs from the file on disk.
  bool dirty() const { return !(scenario_ == saved_); }
  /// Counts every change, undo and redo: views holding a copy of a part reload it when it moves.
  long revision() const { return revision_; }

  // Shelters, through shelter_changes. Positions are in the park's metric CRS.
  /// Adds a shelter at `at_m` and returns its new id (S01, S02, ... the first unused).
  std::string addShelter(Point2 at_m, int capacity, const std::string& name = "");
  /// `continuing`: part of the same gesture as the last move of this shelter (a drag), merged
  /// into one undo step. Its checks wait for finishGesture (a check of a large park takes longer
  /// than a frame); the park is updated at once.
  void moveShelter(const std::string& id, Point2 at_m, bool continuing = false);
  /// The end of a gesture (the drag released): runs the checks its steps skipped.
  void finishGesture();
  void setShelterCapacity(const std::string& id, int capacity);
  void setShelterName(const std::string& id, const std::string& name);
  void setShelterKind(const std::string& id, ShelterKind kind);
  /// Removes the shelter and every mention of it in the plans' shelter maps.
  void removeShelter(const std::string& id);

  // Attributes of zones, roads and hazard sources, through park_changes (see FeatureChange):
  // a value equal to the geodata's drops the change.
  void setFeatureNumber(const std::string& layer, const std::string& id, const std::string& attribute, double value);
  void setFeatureText(const std::string& layer, const std::string& id, const std::string& attribute, const std::string& value);
  /// The scenario's change to a feature, if it has one.
  const FeatureChange* featureChange(const std::string& layer, const std::string& id) const;

  // The scenario's own parts. Settings are everything but the lists.
  void setSettings(const Scenario& from);
  void setWeather(const Weather& weather);
  void setHazard(std::size_t i, const Hazard& hazard);
  std::string addHazard(const Hazard& hazard);
  /// Also removes dispatches to this hazard.
  void removeHazard(std::size_t i);
  void setTeam(std::size_t i, const Team& team);
  std::string addTeam(const Team& team);
  /// Also removes the team's dispatches.
  void removeTeam(std::size_t i);
  void setPlan(std::size_t i, const Plan& plan);
  /// A copy of plan i with a new id; returns the id.
  std::string duplicatePlan(std::size_t i);
  /// The last plan cannot be removed (a scenario needs one); returns false then.
  bool removePlan(std::size_t i);

  bool canUndo() const { return !undo_.empty(); }
  bool canRedo() const { return !redo_.empty(); }
  std::string undoLabel() const { return undo_.empty() ? "" : undo_.back().label; }
  std::string redoLabel() const { return redo_.empty() ? "" : redo_.back().label; }
  bool undo();
  bool redo();

  /// Saves atomically to the scenario's own file, first keeping the file's previous version as
  /// FILE.bak (when it differs). Throws OutputError when it cannot be written; the scenario and its
  /// unsaved state are then unchanged.
  void save();
  /// Saves to another file and edits that one from now on; the `park` key is rewritten relative
  /// to the new file's folder.
  void saveAs(const std::string& path);
  /// What save() would write now: the file's own text with only the changed values and entries
  /// rewritten (`kept`), or the whole scenario written out, for the reason in `why`.
  ScenarioText textToSave() const;
  /// How the last save wrote its file: `kept` when only the changed values and entries were
  /// rewritten in the file's own text (its comments, order and style survive), else the whole
  /// scenario was written out, for the reason in `why`; `linesWritten`: the lines it wrote anew.
  struct SaveReport {
    bool kept = false;
    std::string why;
    std::size_t linesWritten = 0;
  };
  const SaveReport& lastSave() const { return lastSave_; }
  /// A change made by other means than the operations above (the command line's `drillsim edit`),
  /// one undo step named `label`, checked as every change is.
  void replace(const std::string& label, Scenario next) { change(label, std::move(next)); }

  // Recovery of unsaved edits. While the scenario differs from its file, every checked change is
  // also written, atomically, to FILE.unsaved beside it; saving, or undoing back to the file,
  // removes it. A front end that ends without saving (a crash, a killed process, a power cut)
  // leaves it, and the next open of the file finds it.
  std::string recoveryPath() const { return path_ + ".unsaved"; }
  struct Recovery {
    Scenario scenario;
    std::string written;  // when the edits were last written, local time "YYYY-MM-DD HH:MM"
  };
  /// Edits a previous session left unsaved, found when the file was opened (nothing when none, or
  /// when they equal the file). Until recovered or discarded, they are not overwritten.
  const std::optional<Recovery>& recovery() const { return recovery_; }
  /// Takes the recovered edits as the scenario being edited (unsaved; one undo step goes back to
  /// the file as it is on disk).
  void recover();
  /// Deletes the recovered edits.
  void discardRecovery();
  /// Forgets the unsaved edits on purpose (quitting without saving): removes FILE.unsaved.
  void abandonEdits();
  /// Why the unsaved edits cannot be kept for recovery ("" when they are).
  const std::string& recoveryError() const { return recoveryError_; }

  /// An id `prefix` + number not used by any of `taken`, numbered from 1 with at least two digits.
  static std::string freeId(const std::string& prefix, const std::vector<std::string>& taken);

 private:
  struct Step {
    std::string label;
    Scenario before;
  };
  void change(const std::string& label, Scenario next, bool merge = false);
  /// Applies the park changes and, with `check`, runs the command line's checks.
  void refresh(bool check = true);
  /// Writes FILE.unsaved while dirty, removes the one this session wrote when not.
  void keepForRecovery();
  ShelterChange& changeFor(Scenario& s, const std::string& id);
  void setFeature(const std::string& layer, const std::string& id, const std::string& attribute,
                  const std::optional<double>& number, const std::optional<std::string>& text);

  Scenario scenario_, saved_;
  Park base_, park_;
  SubstanceTable substances_;
  std::string path_;
  Diagnostics problems_, validity_, unread_;
  std::vector<Step> undo_, redo_;
  long revision_ = 0;
  bool unchecked_ = false;
  std::optional<Recovery> recovery_;
  bool recoveryWritten_ = false;
  std::string recoveryError_;
  SaveReport lastSave_;
};

}  // namespace drillsim
