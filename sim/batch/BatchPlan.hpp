#pragma once
// What a batch has left to run and how its rows reach the store (README "Reliability"): whether a
// stored batch may be resumed as asked, the tasks not yet stored (replication-major, so that what
// is stored at any moment is a prefix of every plan's replications), each MPI rank's share, and
// the rows on their way into the store, held while another program locks it. The command line
// (sim/cli/BatchCommand.cpp) parses, calls these and prints.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/batch/Batch.hpp"
#include "sim/batch/ResultStore.hpp"
#include "sim/batch/StoreWriter.hpp"

namespace drillsim {

/// Which settings of a resumed batch were given on its command line: only those must match the
/// stored batch (the rest are taken from it).
struct ResumeGiven {
  bool seed = false, replications = false, plans = false, model = false, shard = false;
};

/// Why the stored batch cannot be resumed with the settings asked ("" when it can): a changed
/// scenario file, or a given seed, replications, plans, model or shard other than the stored ones.
std::string resumeMismatch(const BatchSettings& stored, const BatchSettings& asked, const ResumeGiven& given);

/// The tasks of a batch not yet stored as succeeded, handed out one at a time in
/// replication-major order; failed and timed-out replications run again. Nothing here grows
/// with the replications asked, only with those stored.
class BatchPlan {
 public:
  BatchPlan(const BatchSettings& settings, const std::vector<ReplicationRow>& stored);
  /// Every task of the batch (or shard), done or not.
  std::size_t total() const { return total_; }
  /// Tasks stored as succeeded when the plan was made.
  std::size_t done() const { return done_.size(); }
  /// The next task left; false when none is.
  bool next(BatchTask& task);
  /// Every task left, at once (for the ranks of an MPI batch).
  std::vector<BatchTask> rest();

 private:
  BatchSettings settings_;
  std::set<std::pair<std::string, int>> done_;
  std::size_t total_ = 0;
  int nextReplication_ = 0;
  std::size_t nextPlan_ = 0;
};

/// Rank `rank`'s share of an MPI batch's tasks: every ranks-th one from its own, so that each rank
/// holds a share of every stretch of replications.
std::vector<BatchTask> shareOfRank(const std::vector<BatchTask>& tasks, int rank, int ranks);

/// Finished rows on their way into the store: written in groups (64 rows, or after half a
/// second), held in memory while another program locks the store. `notice` is told each change of
/// the last write's result (e.g. Stored to Locked), for the batch's messages.
class StoreFeed {
 public:
  using Notice = std::function<void(StoreWriter::Result before, StoreWriter::Result now)>;
  StoreFeed(StoreWriter& writer, Notice notice);
  /// Adds a finished row; writes what is held when a group is due.
  void add(ReplicationRow row);
  /// Writes every row held now.
  void flush();
  /// While the store stays locked: tries again every second, up to `wait_s` seconds or until
  /// `stop`; then, if still locked, the problem says so.
  void retryWhileLocked(double wait_s, const std::atomic<bool>& stop);
  /// The last write's result, and why it failed (Failed, Moved, or still Locked at the end).
  StoreWriter::Result state() const { return state_; }
  const std::string& problem() const { return problem_; }
  /// Whether the store cannot take more rows (a failed write, or moved): the batch should stop.
  bool stopped() const { return !problem_.empty(); }

 private:
  StoreWriter& writer_;
  Notice notice_;
  std::vector<ReplicationRow> pending_;
  std::chrono::steady_clock::time_point lastWrite_;
  StoreWriter::Result state_ = StoreWriter::Result::Stored;
  std::string problem_;
};

}  // namespace drillsim
