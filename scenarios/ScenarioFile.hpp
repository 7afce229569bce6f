#pragma once
// Loading and saving scenario YAML (DESIGN.md section 6). Loading checks the file's own structure
// (keys, types, distributions, ids unique); references to the park are checked by Validation.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/Scenario.hpp"

namespace drillsim {

/// A scenario is a few kilobytes; anything far larger is a mistake, refused before parsing.
constexpr std::uintmax_t kMaxScenarioBytes = 4u << 20;
/// The scenario format this program reads and writes (the `drillsim:` key).
constexpr int kScenarioFormat = 1;

std::optional<Scenario> loadScenario(const std::string& path, Diagnostics& diagnostics);
/// Parses scenario text; `file` names it in messages.
std::optional<Scenario> parseScenario(const std::string& text, const std::string& file, Diagnostics& diagnostics);

/// The scenario as YAML, every key written out, so that load(save(s)) == s.
std::string scenarioToYaml(const Scenario& scenario);
/// As loadScenario, but returns what could be read even when errors were found, so that the
/// references of a broken file are still checked and every problem is reported in one pass.
/// Returns nothing only when the file is unreadable or not a YAML mapping.
std::optional<Scenario> loadScenarioPartial(const std::string& path, Diagnostics& diagnostics);

/// A shelter layout file: a proposed set of changes to the park's shelters, in the notation of a
/// scenario's `shelter_changes` (moved, resized, renamed, removed or added shelters).
struct ShelterLayoutFile {
  std::string file, name, description;
  std::vector<ShelterChange> changes;
  std::vector<double> costs;  // candidate sites only: per change, 0 when not given
};
std::optional<ShelterLayoutFile> loadShelterLayout(const std::string& path, Diagnostics& diagnostics);
/// A layout file holding `changes`, as loadShelterLayout reads it back.
std::string shelterLayoutToYaml(const std::vector<ShelterChange>& changes);
/// Candidate sites for new shelters: `candidates: [{id, capacity, lon, lat, name, kind, cost}]`
/// (id, capacity and position required; cost optional, in any one currency).
std::optional<ShelterLayoutFile> loadCandidateSites(const std::string& path, Diagnostics& diagnostics);
/// Candidate sites as a GIS layer: a GeoJSON file, or the layer `candidates` of a GeoPackage, of
/// points (or polygons, whose capacity may come from their area as for the park's shelters) with
/// attributes id, capacity and optionally name, kind, cost. Positions are read in `parkCrs`.
/// Defined with the park loader, whose feature checks it shares.
std::optional<ShelterLayoutFile> loadCandidateLayer(const std::string& path, const std::string& parkCrs,
                                                    Diagnostics& diagnostics);

/// One distribution in the file's notation, e.g. "{lognormal: {median: 120, sigma: 0.6}}" or "60".
std::string distributionToYaml(const Distribution& d);
/// Reads a distribution written in the file's notation, with the file's checks (every value
/// `lowerBound`: 0 none, 1 at least 0, 2 above 0). Nothing, and the reason in `error`, when it is
/// not one.
std::optional<Distribution> distributionFromYaml(const std::string& text, int lowerBound, std::string& error);

/// Atomic save; throws std::runtime_error with the path and reason on failure.
void saveScenario(const Scenario& scenario, const std::string& path);

/// The text to save `edited` as, in place of the file text `fileText` that was read as `asRead`:
/// that text with only the values and entries that differ between the two rewritten in place
/// (scenarios/YamlPatch), so that the planner's comments, key order, flow style and blank lines
/// survive; `kept` is then true. Where the change cannot be placed in the text, or the patched
/// text would not read back as `edited`, the whole of scenarioToYaml(edited), `kept` false and
/// the reason in `why`.
struct ScenarioText {
  std::string text;
  bool kept = false;
  std::string why;
};
ScenarioText scenarioTextKeepingFile(const std::string& fileText, const Scenario& asRead, const Scenario& edited);

/// The lines that differ between two texts, as "-N: line" (N of `from`) and "+N: line" (N of
/// `to`), one per line, from a longest common subsequence of their lines.
std::string lineDiff(const std::string& from, const std::string& to);
/// The number of lines of `to` that lineDiff marks "+": the lines a save wrote anew.
std::size_t linesWritten(const std::string& from, const std::string& to);

}  // namespace drillsim
