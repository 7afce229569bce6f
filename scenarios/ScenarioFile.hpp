#pragma once
// Loading and saving scenario YAML (DESIGN.md section 6). Loading checks the file's own structure
// (keys, types, distributions, ids unique); references to the park are checked by Validation.

#include <cstdint>
#include <optional>
#include <string>

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

/// Atomic save; throws std::runtime_error with the path and reason on failure.
void saveScenario(const Scenario& scenario, const std::string& path);

}  // namespace drillsim
