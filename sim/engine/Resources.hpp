#pragma once
// Memory a scenario's runs need, against what the machine has (README "Limits"): a scenario too
// large for the machine is refused before it starts, and a batch runs fewer replications at once
// when all its jobs would not fit, rather than have the kernel kill them half-way.

#include <stdexcept>
#include <string>

#include "scenarios/Validation.hpp"

namespace drillsim {

/// A scenario needs more memory than the machine has for it.
struct ResourceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// DRILLSIM_MEMORY is not a size: a setting of the command's environment, exit 64 like a bad option.
struct MemorySettingError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Estimated peak memory [MiB] of one process that loads the scenario, builds its platform and
/// runs one replication: a linear fit, with a 25 % margin, to the peak resident sizes measured on
/// the bundled park and synthetic parks of 110, 1,020 and 4,020 zones (README "Limits"): 80 MiB of
/// program and libraries, 14 KiB per road, 80 bytes per (road junction, shelter) pair (each
/// shelter's routes) and 1.5 KiB per cohort.
double replicationMemoryMiB(const LoadedScenario& loaded);

/// Memory available to DrillSim [MiB]: the least of the kernel's MemAvailable, the room left in
/// the process's control group (memory.max) and the environment variable DRILLSIM_MEMORY (e.g.
/// "2G", "500M": a cap for a shared machine). `source` names the figure that bound it.
double availableMemoryMiB(std::string& source);

/// The most replications that may run at once, at most `jobs`: a batch holds the loaded platform
/// in its own process and one process per running replication. Throws ResourceError, saying what
/// is needed and what is there, when not even one fits. `warning` is set when fewer than `jobs` fit.
int jobsThatFit(const LoadedScenario& loaded, int jobs, std::string& warning);
/// Estimated memory [MiB] a batch's own process holds for `rows` stored rows at its end, when it
/// reads them back for the summary layers and the CSV (as compare and the front end do): each
/// row's metrics as parsed JSON, 7.5 times their text, which is about 400 bytes plus 35 per road,
/// 145 per zone, 50 per shelter and 75 per team (measured on the bundled night chlorine scenario:
/// 11.3 KiB of text and 84 KiB in memory a row, README "Limits"). What the batch holds while it
/// runs does not grow with the replications asked: they are handed out one at a time.
double batchRowsMemoryMiB(const LoadedScenario& loaded, double rows);
/// Throws ResourceError, with the estimate, when the batch's own process would not fit.
void checkBatchFits(const LoadedScenario& loaded, double rows);

/// For one replication in this process (drillsim run): throws ResourceError when it does not fit.
void checkOneRunFits(const LoadedScenario& loaded);

}  // namespace drillsim
