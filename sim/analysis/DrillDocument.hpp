#pragma once
// The drill script's documents: the MSEL as CSV (UTF-8 with a byte-order mark, so that
// spreadsheet programs set to Chinese open it as UTF-8), a printable HTML document (header,
// objectives, MSEL, evaluation guide with P/S/M/U rating boxes), and JSON for the front end's drill
// clock and the debrief.

#include <cstdint>
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
};

/// "T+00:12:30" for 750 s.
std::string drillClock(double t_s);

std::string mselCsv(const DrillScript& script);
std::string drillHtml(const DrillHeader& header, const DrillScript& script);
nlohmann::json drillJson(const DrillHeader& header, const DrillScript& script);

}  // namespace drillsim
