#pragma once
// The drill script's documents: the MSEL as CSV (UTF-8 with a byte-order mark, so that
// spreadsheet programs set to Chinese open it as UTF-8), a printable HTML document (header,
// objectives, MSEL, evaluation guide with P/S/M/U rating boxes), and JSON for the front end's drill
// clock and the debrief.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/analysis/DrillScript.hpp"

namespace drillsim {

/// What the document says about where the script came from.
struct DrillHeader {
  std::string name;                      // exercise name
  std::string scenarioName, scenarioFile, scenarioHash, version;
  std::uint64_t seed = 0, replication = 0;
  std::string representative;            // how the run was chosen, e.g. "median clearance"
  long runs = 0;                         // runs behind the windows
  std::vector<std::string> situation;    // hazard and weather of the representative run, one line each
  std::vector<std::string> moduleMaps;   // tabletop: an SVG map per module (the threat zone then), or none
  std::string organisation;              // who holds the drill: the park's name, else the scenario's
  std::string description;               // the scenario's own description
  std::string date;                      // when the documents were written, YYYY-MM-DD
};

/// "T+00:12:30" for 750 s.
std::string drillClock(double t_s);
/// The exercise's clock: "E+01:05" for 3900 s (hours and minutes from STARTEX).
std::string exerciseClock(double t_s);


std::string mselCsv(const DrillScript& script);
std::string drillHtml(const DrillHeader& header, const DrillScript& script);
nlohmann::json drillJson(const DrillHeader& header, const DrillScript& script);

/// A JSON file of a drill (drill.json, observations.json) parsed, or nothing with the reason.
std::optional<nlohmann::json> readDrillFile(const std::string& path, std::string& error);

/// A drill.json read back; false with the reason (key, expected, found) when it is not one. A
/// tabletop's modules are for the documents and are not read back.
bool readDrill(const nlohmann::json& j, DrillHeader& header, DrillScript& script, std::string& error);

/// What the trainer recorded while the drill was played (observations.json beside drill.json):
/// when each inject was delivered, and observations on the drill clock, each optionally the moment
/// a task of the evaluation guide was achieved.
struct Observation {
  double time_s = 0;      // drill clock
  std::string task;       // a task's milestone key ("on_scene/HZ1"): achieved now; empty: a note
  int inject = 0;         // the inject it concerns, 0 none
  std::string text;
  bool operator==(const Observation&) const = default;
};
struct DrillLog {
  std::map<int, double> delivered;  // inject number -> drill clock when delivered
  std::vector<Observation> observations;
  std::vector<double> bookmarks;    // moments of the drill clock to return to
  bool operator==(const DrillLog&) const = default;
};
nlohmann::json drillLogJson(const DrillLog& log);
bool readDrillLog(const nlohmann::json& j, DrillLog& log, std::string& error);

/// The after-action comparison: each task of the evaluation guide against the time recorded for
/// it (the first observation naming the task).
struct DebriefRow {
  std::string objective, task, milestone;
  Window window;
  std::optional<double> achieved_s;
  enum class Verdict { NotRecorded, ByP50, ByP90, SlowerThanP90 } verdict = Verdict::NotRecorded;
};
std::vector<DebriefRow> debriefRows(const DrillScript& script, const DrillLog& log);
const char* verdictText(DebriefRow::Verdict v);   // JSON's words
std::string verdictShown(DebriefRow::Verdict v);  // in the user's language
/// "replication 3 of seed 1 (the median run by clearance of 200 runs)".
std::string injectsDrawnFrom(const DrillHeader& h);

}  // namespace drillsim
