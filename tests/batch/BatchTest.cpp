// Monte Carlo batches: intervals that keep their promise on a model with a known answer, results
// independent of the number of jobs, a batch killed with SIGKILL and resumed giving the same table,
// and common random numbers narrowing the comparison of plans.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "sim/batch/Batch.hpp"
#include "sim/batch/Statistics.hpp"
#include "tests/TestPaths.hpp"
#include "tests/engine/Forked.hpp"
#include "tests/engine/TestPark.hpp"

using namespace drillsim;
namespace fs = std::filesystem;

extern char** environ;

namespace {
fs::path scratch(const std::string& name) { return test::scratchPath("batch-test", name); }

}  // namespace

// One person, one 40 m road of 2 m, pre-movement uniform on [60, 180] s: the clearance is
// U + 40 / 1.2 + 1 / (2 x 1.3), so its mean is 120 + 33.33 + 0.385 s. Over 200 independent batches
// (seeds 1..200) of 10 replications each, the 95 % t-interval of the mean clearance covers it in
// about 95 % of the batches: within 4 binomial standard errors (4 x 0.0154).
TEST(Batch, TheMeanIntervalCoversTheKnownAnswerAsOftenAsPromised) {
  auto l = test::TestPark().road("R", {0, 0}, {40, 0}, 2.0).zone("Z", {0, 0}, 1).shelter("S", {40, 0}, 10).build();
  l.scenario.walking.premovement_s = Distribution(Uniform{60, 180});
  const double truth = 120 + 40 / 1.2 + 1 / (2 * 1.3);
  constexpr int kBatches = 200, kReplications = 10;
  const std::string text = test::runForkedText([&] {
    Platform platform(l);
    int covered = 0;
    std::atomic<bool> stop{false};
    for (int b = 1; b <= kBatches; ++b) {
      std::vector<BatchTask> tasks;
      for (int r = 0; r < kReplications; ++r) tasks.push_back({"A", r});
      std::vector<double> clearance;
      BatchOptions options;
      options.seed = std::uint64_t(b);
      options.jobs = 2;
      runBatch(platform, l, tasks, options, [&](ReplicationRow row) { clearance.push_back(row.metrics.at("clearance_s").get<double>()); }, stop);
      const stats::Summary s = stats::summarise(clearance);
      covered += std::abs(s.mean - truth) <= s.halfWidth95;
    }
    return std::to_string(covered);
  });
  ASSERT_FALSE(text.empty());
  const double share = std::stod(text) / kBatches;
  EXPECT_NEAR(share, 0.95, 4 * std::sqrt(0.95 * 0.05 / kBatches)) << text << " of " << kBatches;
}

TEST(Batch, ResultsAreIdenticalWhateverTheNumberOfJobs) {
  const std::string scenario = test::sourcePath("tests/data/mini/mini.yaml");
  const std::string table = test::sourcePath("tests/data/mini/substances.csv");
  std::string csv[2];
  for (int jobs = 1; jobs <= 2; ++jobs) {
    const fs::path out = scratch("jobs" + std::to_string(jobs) + ".gpkg"), file = scratch("jobs" + std::to_string(jobs) + ".csv");
    const auto r = test::runDrillsim({"batch", scenario, "--substances", table, "--replications", "12", "--jobs",
                                      std::to_string(jobs), "--out", out.string(), "--csv", file.string(), "--quiet"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    csv[jobs - 1] = test::readFile(file);
  }
  EXPECT_EQ(csv[0], csv[1]);
  EXPECT_EQ(std::count(csv[0].begin(), csv[0].end(), '\n'), 1 + 2 * 12);  // header, plans A and B
  EXPECT_EQ(csv[0].rfind("plan,replication,status,clearance_s,", 0), 0u);
}

TEST(Batch, KilledWithSigkillThenResumedGivesTheSameTable) {
  const std::string scenario = test::sourcePath("tests/data/mini/mini.yaml");
  const std::string table = test::sourcePath("tests/data/mini/substances.csv");
  const fs::path whole = scratch("whole.gpkg"), wholeCsv = scratch("whole.csv");
  auto r = test::runDrillsim({"batch", scenario, "--substances", table, "--replications", "150", "--jobs", "1", "--out",
                              whole.string(), "--csv", wholeCsv.string(), "--quiet"});
  ASSERT_EQ(r.exitCode, 0) << r.err;

  const fs::path cut = scratch("cut.gpkg"), cutCsv = scratch("cut.csv");
  const std::string binary = test::binaryPath();
  std::vector<std::string> args = {binary, "batch", scenario, "--substances", table, "--replications", "150",
                                   "--jobs", "1", "--out", cut.string(), "--quiet"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  // Once it has stored a few replications, kill it without warning.
  for (int i = 0; i < 1000; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    try {
      if (fs::exists(cut) && ResultStore::open(cut.string(), false).rows().size() >= 10) break;
    } catch (const std::exception&) {
      // not yet a complete store
    }
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the batch finished before it could be killed; make it longer";

  // The store is readable, partial, and --resume completes it to the same table.
  r = test::runDrillsim({"compare", cut.string(), "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto partial = nlohmann::json::parse(r.out);
  const long stored = partial.at("metrics").at(0).at("n").get<long>();
  EXPECT_GT(stored, 0);
  EXPECT_LT(stored, 150);  // plan A's count: the kill came before the end
  r = test::runDrillsim({"batch", scenario, "--substances", table, "--out", cut.string(), "--resume", "--csv",
                         cutCsv.string(), "--quiet"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(test::readFile(cutCsv), test::readFile(wholeCsv));

  // Without --resume an existing store is never overwritten.
  r = test::runDrillsim({"batch", scenario, "--substances", table, "--out", cut.string(), "--quiet"});
  EXPECT_EQ(r.exitCode, 73);
  EXPECT_NE(r.err.find("--resume"), std::string::npos) << r.err;
}

TEST(Batch, CommonRandomNumbersNarrowThePairedComparison) {
  const fs::path out = scratch("crn.gpkg");
  auto r = test::runDrillsim({"batch", test::sourcePath("data/scenarios/chlorine_night.yaml"), "--plans", "A,B",
                              "--replications", "40", "--out", out.string(), "--quiet"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  r = test::runDrillsim({"compare", out.string(), "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  int compared = 0;
  for (const auto& m : j.at("metrics")) {
    if (!m.contains("vs_baseline") || m["vs_baseline"]["half_width"].get<double>() <= 0) continue;
    const std::string metric = m["metric"];
    if (metric != "arrival_p50_s" && metric != "arrival_p90_s" && metric != "persons_over_aegl2") continue;
    ++compared;
    EXPECT_GT(m["vs_baseline"]["correlation"].get<double>(), 0.5) << metric;
    EXPECT_LT(m["vs_baseline"]["half_width"].get<double>(), m["vs_baseline"]["unpaired_half_width"].get<double>()) << metric;
  }
  EXPECT_EQ(compared, 3);
}

TEST(Batch, AFailingOrOverlongReplicationIsRecordedAndTheBatchGoesOn) {
  auto l = test::TestPark().road("R", {0, 0}, {40, 0}, 2.0).zone("Z", {0, 0}, 1).shelter("S", {40, 0}, 10).build();
  const std::string text = test::runForkedText([&] {
    Platform platform(l);
    std::atomic<bool> stop{false};
    std::string statuses;
    BatchOptions options;
    // Plan "X" does not exist: the child reports the error; replication 1 of plan A runs normally.
    runBatch(platform, l, {{"X", 0}, {"A", 1}}, options, [&](ReplicationRow row) {
      statuses += row.plan + ":" + row.status + ":" + row.error + ";";
    }, stop);
    // A limit far below any run's time: stopped and recorded as a timeout.
    options.timeLimit_s = 1e-6;
    runBatch(platform, l, {{"A", 2}}, options, [&](ReplicationRow row) { statuses += row.plan + ":" + row.status + ";"; }, stop);
    return statuses;
  });
  EXPECT_NE(text.find("X:failed:no plan X;"), std::string::npos) << text;
  EXPECT_NE(text.find("A:ok:;"), std::string::npos) << text;
  EXPECT_NE(text.find("A:timeout;"), std::string::npos) << text;
}

TEST(Batch, ProgressGoesAsJsonLinesToTheDescriptorAsked) {
  const fs::path out = scratch("progress.gpkg"), lines = scratch("progress.jsonl");
  const std::string command = "'" + test::binaryPath() + "' batch '" + test::sourcePath("tests/data/mini/mini.yaml") +
                              "' --substances '" + test::sourcePath("tests/data/mini/substances.csv") +
                              "' --replications 3 --out '" + out.string() + "' --progress-fd 3 3>'" + lines.string() +
                              "' >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::istringstream in(test::readFile(lines));
  std::string line;
  long last = 0, count = 0;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j.at("total").get<long>(), 6);
    EXPECT_EQ(j.at("done").get<long>(), last + 1);
    last = j.at("done").get<long>();
    ++count;
  }
  EXPECT_EQ(count, 6);
}
