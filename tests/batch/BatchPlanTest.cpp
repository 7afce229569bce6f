// The batch's plan without running anything: what is left after a store's rows, in which order,
// each MPI rank's share, and which differences stop a resume.
#include <gtest/gtest.h>

#include "sim/batch/BatchPlan.hpp"

using namespace drillsim;

namespace {
BatchSettings twoPlans(int replications) {
  BatchSettings s;
  s.scenarioHash = "abc";
  s.seed = 7;
  s.replications = replications;
  s.plans = {"A", "B"};
  return s;
}

std::vector<std::string> names(const std::vector<BatchTask>& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) out.push_back(t.plan + std::to_string(t.replication));
  return out;
}
}  // namespace

TEST(BatchPlan, LeavesOutStoredSuccessesAndRunsFailuresAgainReplicationMajor) {
  const std::vector<ReplicationRow> stored = {
      {"A", 0, "ok", "", nullptr}, {"B", 0, "failed", "boom", nullptr}, {"B", 1, "ok", "", nullptr},
      {"A", 2, "timeout", "", nullptr}};
  BatchPlan plan(twoPlans(3), stored);
  EXPECT_EQ(plan.total(), 6u);
  EXPECT_EQ(plan.done(), 2u);
  EXPECT_EQ(names(plan.rest()), (std::vector<std::string>{"B0", "A1", "A2", "B2"}));
  BatchTask t;
  EXPECT_FALSE(plan.next(t));
}

TEST(BatchPlan, AShardHoldsEveryNthReplication) {
  BatchSettings s = twoPlans(7);
  ASSERT_TRUE(parseShard("1/3", s));
  BatchPlan plan(s, {});
  EXPECT_EQ(plan.total(), 4u);  // replications 1 and 4, two plans
  EXPECT_EQ(names(plan.rest()), (std::vector<std::string>{"A1", "B1", "A4", "B4"}));
}

TEST(BatchPlan, RanksTakeEveryRanksThTaskFromTheirOwn) {
  BatchPlan plan(twoPlans(3), {});
  const auto all = plan.rest();
  EXPECT_EQ(names(shareOfRank(all, 0, 2)), (std::vector<std::string>{"A0", "A1", "A2"}));
  EXPECT_EQ(names(shareOfRank(all, 1, 2)), (std::vector<std::string>{"B0", "B1", "B2"}));
  EXPECT_TRUE(shareOfRank(all, 5, 6).size() == 1 && shareOfRank(all, 5, 6)[0].plan == "B");
}

TEST(ResumeMismatch, OnlyWhatWasGivenMustMatch) {
  const BatchSettings stored = twoPlans(100);
  BatchSettings asked = stored;
  asked.seed = 8;
  asked.replications = 50;
  EXPECT_EQ(resumeMismatch(stored, asked, {}), "");
  EXPECT_EQ(resumeMismatch(stored, asked, {.seed = true}), "it was run with seed 7");
  EXPECT_EQ(resumeMismatch(stored, asked, {.replications = true}), "it has 100 replications per plan");
  asked = stored;
  asked.plans = {"A"};
  EXPECT_EQ(resumeMismatch(stored, asked, {.plans = true}), "it runs other plans");
  asked = stored;
  asked.model = "dense";
  EXPECT_EQ(resumeMismatch(stored, asked, {.model = true}), "it was run with --model auto");
  asked = stored;
  ASSERT_TRUE(parseShard("0/2", asked));
  EXPECT_EQ(resumeMismatch(stored, asked, {.shard = true}), "it is a whole batch, not a shard");
  asked = stored;
  asked.scenarioHash = "def";
  EXPECT_EQ(resumeMismatch(stored, asked, {}),
            "the scenario file has changed since the batch began (abc then, def now)");
}
