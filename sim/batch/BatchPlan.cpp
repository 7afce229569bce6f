#include "sim/batch/BatchPlan.hpp"

#include <thread>

#include "scenarios/I18n.hpp"

namespace drillsim {

// The reasons are said in the user's language: `drillsim batch` prints them after "cannot resume FILE:".
std::string resumeMismatch(const BatchSettings& stored, const BatchSettings& asked, const ResumeGiven& given) {
  if (stored.scenarioHash != asked.scenarioHash)
    return tf("the scenario file has changed since the batch began ({1} then, {2} now)", stored.scenarioHash,
              asked.scenarioHash);
  if (given.seed && stored.seed != asked.seed) return tf("it was run with seed {1}", stored.seed);
  if (given.replications && stored.replications != asked.replications)
    return tf("it has {1} replications per plan", stored.replications);
  if (given.plans && stored.plans != asked.plans) return tr("it runs other plans");
  if (given.model && stored.model != asked.model) return tf("it was run with --model {1}", stored.model);
  if (given.shard && stored.shardText() != asked.shardText())
    return stored.shards > 1 ? tf("it is shard {1}", stored.shardText())
                             : std::string(tr("it is a whole batch, not a shard"));
  return "";
}

BatchPlan::BatchPlan(const BatchSettings& settings, const std::vector<ReplicationRow>& stored)
    : settings_(settings), total_(std::size_t(settings.heldReplications()) * settings.plans.size()) {
  for (const auto& r : stored)
    if (r.status == "ok") done_.insert({r.plan, r.replication});
}

bool BatchPlan::next(BatchTask& task) {
  for (; nextReplication_ < settings_.replications; ++nextReplication_, nextPlan_ = 0) {
    if (!settings_.holds(nextReplication_)) continue;
    while (nextPlan_ < settings_.plans.size()) {
      const std::string& plan = settings_.plans[nextPlan_++];
      if (!done_.count({plan, nextReplication_})) {
        task = {plan, nextReplication_};
        return true;
      }
    }
  }
  return false;
}

std::vector<BatchTask> BatchPlan::rest() {
  std::vector<BatchTask> tasks;
  for (BatchTask t; next(t);) tasks.push_back(t);
  return tasks;
}

std::vector<BatchTask> shareOfRank(const std::vector<BatchTask>& tasks, int rank, int ranks) {
  std::vector<BatchTask> mine;
  for (std::size_t j = std::size_t(rank); j < tasks.size(); j += std::size_t(ranks)) mine.push_back(tasks[j]);
  return mine;
}

StoreFeed::StoreFeed(StoreWriter& writer, Notice notice)
    : writer_(writer), notice_(std::move(notice)), lastWrite_(std::chrono::steady_clock::now()) {}

void StoreFeed::add(ReplicationRow row) {
  pending_.push_back(std::move(row));
  if (pending_.size() >= 64 || std::chrono::steady_clock::now() - lastWrite_ > std::chrono::milliseconds(500)) flush();
}

void StoreFeed::flush() {
  std::string message;
  const StoreWriter::Result before = state_;
  state_ = writer_.write(std::move(pending_), message);
  pending_.clear();
  lastWrite_ = std::chrono::steady_clock::now();
  if (state_ == StoreWriter::Result::Failed || state_ == StoreWriter::Result::Moved) problem_ = message;
  if (state_ != before && notice_) notice_(before, state_);
}

void StoreFeed::retryWhileLocked(double wait_s, const std::atomic<bool>& stop) {
  const auto from = std::chrono::steady_clock::now();
  while (state_ == StoreWriter::Result::Locked && !stop &&
         std::chrono::steady_clock::now() - from < std::chrono::duration<double>(wait_s)) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    flush();
  }
  if (state_ == StoreWriter::Result::Locked && !stop)
    problem_ = tf("still locked by another program after {1} s (--lock-wait)", long(wait_s));
}

}  // namespace drillsim
