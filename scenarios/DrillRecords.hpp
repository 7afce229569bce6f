#pragma once
// The scenario's record of drills (README "Scenario (YAML)"): `park_name`, the `units` that must
// drill their emergency plans and the `drills` they held, read with located messages and written
// back by the scenario writer. What the record means under the regulations is
// sim/analysis/DrillCalendar.hpp's.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "scenarios/Scenario.hpp"

namespace YAML {
class Node;
class Emitter;
}  // namespace YAML

namespace drillsim {

class YamlInput;

/// "2026-05-20" as a date; nothing for another form (the four-digit year, two-digit month and
/// day of ISO 8601) or a day the calendar does not have (2026-02-30).
std::optional<std::chrono::year_month_day> parseIsoDate(std::string_view text);
/// The date as ISO 8601: "2026-05-20".
std::string isoDate(std::chrono::year_month_day date);

/// Reads `park_name`, `units` and `drills` of the scenario's top level into `s`, after its plans:
/// a unit's plans and a drill's plan must be plans of `s`, a drill's units its units.
void readDrillRecords(YamlInput& in, const YAML::Node& root, Scenario& s);
/// Writes `units` and `drills` (when there are any) as keys of the open top-level mapping.
void emitDrillRecords(YAML::Emitter& out, const Scenario& s);

}  // namespace drillsim
