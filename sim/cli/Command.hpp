#pragma once
// A subcommand of `drillsim`: its name, one-line summary, help text and behaviour.

#include <optional>
#include <string>
#include <vector>

#include "scenarios/Validation.hpp"
#include "sim/batch/ResultStore.hpp"

namespace drillsim {
class Diagnostics;
}

namespace drillsim::cli {

struct Command {
  const char* name;
  const char* summary;
  std::string (*help)();
  int (*run)(const std::vector<std::string>& args);
};

int runValidate(const std::vector<std::string>& args);
std::string helpValidate();
int runEdit(const std::vector<std::string>& args);
std::string helpEdit();
int runInfo(const std::vector<std::string>& args);
std::string helpInfo();
int runMap(const std::vector<std::string>& args);
std::string helpMap();
int runRun(const std::vector<std::string>& args);
std::string helpRun();
int runHazard(const std::vector<std::string>& args);
std::string helpHazard();
int runRegister(const std::vector<std::string>& args);
std::string helpRegister();
int runBatch(const std::vector<std::string>& args);
std::string helpBatch();
int runMerge(const std::vector<std::string>& args);
std::string helpMerge();
/// One row per (plan, replication) with its status and scalar metrics, as `batch --csv` writes it.
std::string batchCsv(const std::vector<ReplicationRow>& rows);
/// Writes a finished store's summary layers for a GIS (the store itself closed), and the CSV.
void summariseStore(const std::string& out, const std::vector<ReplicationRow>& rows, const Park& park,
                    const std::optional<std::string>& csv);
int runCompare(const std::vector<std::string>& args);
std::string helpCompare();
int runShelters(const std::vector<std::string>& args);
std::string helpShelters();
/// The `shelters compare` and `shelters site` subcommands (ShelterLayoutsCommand.cpp); `args`
/// as parsed by `shelters`, their subcommand first.
int compareLayouts(const Args& args);
int siteShelters(const Args& args);
int runBound(const std::vector<std::string>& args);
std::string helpBound();
int runDrill(const std::vector<std::string>& args);
std::string helpDrill();
/// `drill calendar SCENARIO` (DrillCalendarCommand.cpp); `args` as parsed by `drill`.
int runDrillCalendar(const Args& args);
int runSynth(const std::vector<std::string>& args);
std::string helpSynth();

/// Prints diagnostics to stderr, warnings and errors alike, each on its own line.
void printDiagnostics(const Diagnostics& diagnostics);

/// The one scenario a command works on (its only positional argument, and --substances if
/// given), loaded and validated; its warnings and errors are printed. Empty when invalid.
std::optional<LoadedScenario> loadScenarioArgument(const class Args& args);

/// The scenario's plan `id` given with --plan, or a UsageError listing the plans there are.
const Plan& planArgument(const LoadedScenario& loaded, const std::string& id);

}  // namespace drillsim::cli
