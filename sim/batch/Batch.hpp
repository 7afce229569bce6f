#pragma once
// A Monte Carlo batch (DESIGN.md sections 3 and 5): the platform is built once in this process;
// every (plan, replication) runs in a child forked from it (SimGrid allows one engine per
// process), at most `jobs` at a time. Replications are taken in replication-major order so that
// a batch stopped early holds complete pairs of plans. A child that crashes, or outlives the time
// limit, is recorded as failed with its seed and the batch goes on.

#include <atomic>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/batch/ResultStore.hpp"
#include "sim/engine/Outcome.hpp"
#include "sim/engine/Platform.hpp"

namespace drillsim {

struct BatchTask {
  std::string plan;
  int replication = 0;
};

struct BatchOptions {
  std::uint64_t seed = 1;
  int jobs = 1;
  double timeLimit_s = 300;  // wall-clock per replication
  /// Called in the child with the replication's outcome and the metrics about to be sent back,
  /// to add figures computed from what only the child holds (e.g. its departures).
  std::function<void(const Outcome&, nlohmann::json& metrics)> annotate;
  /// Called in this process at least every 50 ms while the batch runs (e.g. to take in results
  /// other processes send); none by default.
  std::function<void()> tick;
};

/// Runs `tasks` and hands each result to `onResult` in this process as it arrives (in no fixed
/// order). Returns early, killing the children still running, when `stop` becomes true; their
/// tasks are not reported.
void runBatch(Platform& platform, const LoadedScenario& loaded, const std::vector<BatchTask>& tasks,
              const BatchOptions& options, const std::function<void(ReplicationRow)>& onResult,
              const std::atomic<bool>& stop);
/// The same, with the tasks handed out one at a time by `next` (false when there are no more), so
/// that a batch of ten million replications holds no list of them.
void runBatch(Platform& platform, const LoadedScenario& loaded, const std::function<bool(BatchTask&)>& next,
              const BatchOptions& options, const std::function<void(ReplicationRow)>& onResult,
              const std::atomic<bool>& stop);

/// Replications 0 .. n-1 of one plan: their metrics by replication (null where a run failed).
std::vector<nlohmann::json> planMetrics(Platform& platform, const LoadedScenario& loaded, const std::string& plan,
                                        long replications, const BatchOptions& options);

/// As planMetrics, for the scenario at `scenarioPath` with a shelter layout file applied (none
/// when `layoutPath` is empty) and the given population. Each layout is its own platform, and a
/// process holds one SimGrid engine: the runs are made from a child process, which sends their
/// metrics back. Throws std::runtime_error when the child fails.
std::vector<nlohmann::json> planMetricsOnLayout(const std::string& scenarioPath, const std::string& substancesPath,
                                                const std::string& layoutPath, bool night, const std::string& plan,
                                                long replications, const BatchOptions& options);

}  // namespace drillsim
