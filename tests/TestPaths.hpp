#pragma once
// Paths of the source tree and of the drillsim binary, for tests that read bundled files or run
// the command line.
#include <string>
#include <vector>

namespace drillsim::test {

std::string sourcePath(const std::string& relative);
std::string binaryPath();
/// The bundled scenarios, data/scenarios/*.yaml, sorted.
std::vector<std::string> bundledScenarioFiles();

struct CommandResult {
  int exitCode = -1;     // -1 when killed by a signal
  int signal = 0;        // the signal that ended it, 0 when it exited
  std::string out, err;  // stdout and stderr
};

/// A folder of the running test's own (tests run in parallel), emptied, holding `parks/baofeng`
/// (a link to the bundled park) and `scenarios/chlorine.yaml` (the bundled night chlorine scenario
/// with `extra` appended), so that the scenario's relative park path resolves and whatever the test
/// writes stays out of the source tree. Returns the scenario's path.
std::string chlorineScenarioCopy(const std::string& extra = "");

/// The bytes of a file ("" when it cannot be read).
std::string readFile(const std::string& path);
/// `name` in a folder of the running test process's own under the temporary folder (made, and
/// `name` removed): tests run in parallel, each in its process. `kind` names the folder.
std::string scratchPath(const std::string& kind, const std::string& name);

/// Runs `drillsim` with arguments in `workingDir` (empty: the current folder) and captures its output.
CommandResult runDrillsim(const std::vector<std::string>& args, const std::string& workingDir = "");
/// Runs the program argv[0] (a path) with its arguments, as runDrillsim does.
CommandResult runProgram(std::vector<std::string> argv, const std::string& workingDir = "");

}  // namespace drillsim::test
