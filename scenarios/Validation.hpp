#pragma once
// Checks that need the scenario, the park and the substance table together: every reference
// resolves, and the physical picture is sane (capacity against population, every zone can reach
// a shelter). Problems of a single file are found by its loader.

#include <optional>
#include <string>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/Park.hpp"
#include "scenarios/Scenario.hpp"
#include "scenarios/Substance.hpp"

namespace drillsim {

/// The most persons a park may hold (README "Limits").
constexpr long kMaxParkPopulation = 10'000'000;

void validate(const Scenario& scenario, const Park& park, const SubstanceTable& substances, Diagnostics& diagnostics);

/// Everything a run needs, loaded and validated together.
struct LoadedScenario {
  Scenario scenario;
  Park park;
  SubstanceTable substances;
};

/// Where the scenario leaves the models' validity (README "Validity limits"), as warnings: winds
/// below 1.3 m/s or stable air possible with a toxic release, populated zones within 100 m of a
/// release's source or beyond 10 km. Not problems of the files: `validate` shows them apart and
/// --strict does not count them; the commands that run print them once before running.
void validityWarnings(const LoadedScenario& loaded, Diagnostics& diagnostics);
void validityWarnings(const Scenario& scenario, const Park& park, const SubstanceTable& substances,
                      Diagnostics& diagnostics);

/// Walking capacity of a road [persons/s]: its capacity_pps, else its width times the scenario's
/// specific flow (DESIGN.md section 6).
inline double walkingCapacity_pps(const Road& road, const Scenario& scenario) {
  return road.capacity_pps ? *road.capacity_pps : road.width_m * scenario.walking.specific_flow_pms;
}

/// Loads the scenario, its park and the substance table, and validates them. Returns nothing
/// when any error was found; warnings alone do not stop it. `substancesPath` empty: the default.
/// `layoutPath`, when given, is a shelter layout file whose changes apply after the scenario's own.
std::optional<LoadedScenario> loadAndValidate(const std::string& scenarioPath, Diagnostics& diagnostics,
                                              const std::string& substancesPath = "",
                                              const std::string& layoutPath = "");

/// The park folder of a scenario: its `park` key resolved against the scenario file's folder.
std::string resolveParkPath(const std::string& scenarioPath, const std::string& park);

}  // namespace drillsim
