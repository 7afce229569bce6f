// Batches beyond one process: shards of a job array (`batch --shard i/n`) joined by `merge`, and
// MPI batches of 2 and 3 ranks (`mpirun -n K drillsim batch`), give exactly the table of a
// single-machine batch with the same seed; a missing shard, or the replications of a rank that
// died, are completed by `--resume`; shards of another batch are refused with the reason.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/TestPaths.hpp"

namespace fs = std::filesystem;
using drillsim::test::readFile;
using drillsim::test::runDrillsim;
using drillsim::test::sourcePath;

namespace {
// A file of the running test in this test process's folder (scratchPath removes the file it
// names, so paths of files written earlier are made from the folder).
fs::path scratch(const std::string& name) {
  static const fs::path folder = fs::path(drillsim::test::scratchPath("distributed-test", "none")).parent_path();
  const fs::path dir = folder / ::testing::UnitTest::GetInstance()->current_test_info()->name();
  fs::create_directories(dir);
  return dir / name;
}

const std::string kScenario = sourcePath("tests/data/mini/mini.yaml");
const std::string kTable = sourcePath("tests/data/mini/substances.csv");

// A batch of the mini scenario, 13 replications per plan (not a multiple of the shards), with
// `extra` arguments; returns its CSV.
std::string batch(const std::string& name, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"batch", kScenario, "--substances", kTable, "--replications", "13",
                                   "--out", scratch(name + ".gpkg").string(), "--csv", scratch(name + ".csv").string(),
                                   "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = runDrillsim(args);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return readFile(scratch(name + ".csv").string());
}

drillsim::test::CommandResult merge(const std::vector<std::string>& shards, const std::string& out) {
  std::vector<std::string> args = {"merge", kScenario, "--substances", kTable};
  for (const auto& s : shards) args.push_back(scratch(s + ".gpkg").string());
  args.insert(args.end(), {"--out", scratch(out + ".gpkg").string(), "--csv", scratch(out + ".csv").string()});
  return runDrillsim(args);
}
}  // namespace

TEST(Shards, MergedShardsGiveTheTableOfOneMachine) {
  const std::string whole = batch("whole", {"--jobs", "1"});
  ASSERT_EQ(std::count(whole.begin(), whole.end(), '\n'), 1 + 2 * 13);
  for (int i = 0; i < 3; ++i) {
    const std::string shard = batch("s" + std::to_string(i), {"--shard", std::to_string(i) + "/3", "--jobs", "2"});
    // A shard holds only its replications: 5, 4 and 4 of 13, for both plans.
    EXPECT_EQ(std::count(shard.begin(), shard.end(), '\n'), 1 + 2 * (i == 0 ? 5 : 4)) << shard;
  }
  const auto r = merge({"s2", "s0", "s1"}, "merged");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("3 of 3 shard(s) merged"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("26 of 26 succeeded"), std::string::npos) << r.out;
  EXPECT_EQ(readFile(scratch("merged.csv").string()), whole);

  // The comparison reads the merged store as it reads the whole batch's.
  const auto a = runDrillsim({"compare", scratch("whole.gpkg").string()});
  const auto b = runDrillsim({"compare", scratch("merged.gpkg").string()});
  ASSERT_EQ(a.exitCode, 0) << a.err;
  ASSERT_EQ(b.exitCode, 0) << b.err;
  EXPECT_EQ(a.out.substr(a.out.find('\n')), b.out.substr(b.out.find('\n')));  // all but the line naming the file
}

TEST(Shards, AMissingShardIsNamedAndResumeCompletesIt) {
  const std::string whole = batch("whole", {"--jobs", "2"});
  batch("s0", {"--shard", "0/2"});
  const auto r = merge({"s0"}, "partial");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("Shards not given: 1/2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("12 replications are missing or failed; run only those with: drillsim batch"), std::string::npos)
      << r.out;
  const auto resumed = runDrillsim({"batch", kScenario, "--substances", kTable, "--out", scratch("partial.gpkg").string(),
                                    "--resume", "--csv", scratch("resumed.csv").string(), "--quiet"});
  ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("12 run now"), std::string::npos) << resumed.out;
  EXPECT_EQ(readFile(scratch("resumed.csv").string()), whole);
}

TEST(Shards, ShardsOfAnotherBatchOrGivenTwiceAreRefused) {
  batch("s0", {"--shard", "0/2"});
  batch("s1", {"--shard", "1/2"});
  batch("other", {"--shard", "1/2", "--seed", "99"});
  batch("whole", {});
  struct Case {
    std::vector<std::string> shards;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{
           {{"s0", "other"}, "other.gpkg is not a shard of this batch: seed 99, "},
           {{"s0", "whole"}, "whole.gpkg is not a shard of this batch: it is a whole batch, "},
           {{"s0", "s0"}, "s0.gpkg is given twice; give each shard once"},
       }) {
    const auto r = merge(c.shards, "refused");
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(scratch("refused.gpkg")));
  }
  // A shard's store resumes as that shard only.
  const auto wrong = runDrillsim({"batch", kScenario, "--substances", kTable, "--out", scratch("s1.gpkg").string(),
                                  "--resume", "--shard", "0/2"});
  EXPECT_EQ(wrong.exitCode, 2);
  EXPECT_NE(wrong.err.find("cannot resume"), std::string::npos) << wrong.err;
  EXPECT_NE(wrong.err.find("it is shard 1/2"), std::string::npos) << wrong.err;
  const auto bad = runDrillsim({"batch", kScenario, "--substances", kTable, "--shard", "2/2"});
  EXPECT_EQ(bad.exitCode, 64);
  EXPECT_NE(bad.err.find("--shard: expected i/n with 0 <= i < n"), std::string::npos) << bad.err;
}

#ifdef DRILLSIM_MPIEXEC
namespace {
// mpirun -n K drillsim batch (the mini scenario, 13 replications per plan, one job per rank).
drillsim::test::CommandResult mpiBatch(int ranks, const std::string& name, const std::vector<std::string>& extra) {
  // CI runs as root; Open MPI refuses root unless told twice.
  setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
  setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
  std::vector<std::string> args = {DRILLSIM_MPIEXEC, "--oversubscribe", "-n", std::to_string(ranks),
                                   drillsim::test::binaryPath(), "batch", kScenario, "--substances", kTable,
                                   "--out", scratch(name + ".gpkg").string(), "--csv", scratch(name + ".csv").string(),
                                   "--jobs", "1", "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return drillsim::test::runProgram(args);
}
}  // namespace

TEST(Mpi, TwoAndThreeRanksGiveTheTableOfOneJob) {
  const std::string whole = batch("whole", {"--jobs", "1"});
  for (int ranks : {2, 3}) {  // 3 ranks on a machine of 2 cores: oversubscribed
    SCOPED_TRACE(std::to_string(ranks) + " ranks");
    const auto r = mpiBatch(ranks, "mpi" + std::to_string(ranks), {"--replications", "13"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("26 replications (2 plans x 13"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(std::to_string(ranks) + " MPI ranks"), std::string::npos) << r.out;
    EXPECT_EQ(readFile(scratch("mpi" + std::to_string(ranks) + ".csv").string()), whole);
  }
}

TEST(Mpi, ARankThatDiesIsReportedAndItsReplicationsResume) {
  const std::string whole = batch("whole", {"--jobs", "1"});
  setenv("DRILLSIM_FAULT", "rank-kill@1", 1);  // rank 1 dies by SIGKILL, its rows unsent
  const auto r = mpiBatch(2, "killed", {"--replications", "13"});
  unsetenv("DRILLSIM_FAULT");
  EXPECT_NE(r.exitCode, 0);
  const std::string said = r.out + r.err;
  EXPECT_NE(said.find("rank 1"), std::string::npos) << said;      // mpirun names the rank ...
  EXPECT_NE(said.find("signal 9"), std::string::npos) << said;    // ... and how it died
  EXPECT_NE(said.find("replications are stored in"), std::string::npos) << said;  // rank 0 says what is kept
  // What was stored is readable and --resume, with or without mpirun, completes exactly.
  const auto resumed = mpiBatch(2, "killed", {"--resume"});
  ASSERT_EQ(resumed.exitCode, 0) << resumed.out << resumed.err;
  EXPECT_EQ(resumed.out.find(" 0 run now"), std::string::npos) << resumed.out;  // rank 1's share ran again
  EXPECT_EQ(readFile(scratch("killed.csv").string()), whole);
}

TEST(Mpi, StartedByMpirunWithoutItsHelperItRefusesToRun) {
  // A drillsim without drillsim-mpi beside it (built without MPI), in an environment as mpirun
  // makes it: it must not run a whole batch per rank into one store.
  const fs::path lone = scratch("lone-drillsim");
  fs::copy_file(drillsim::test::binaryPath(), lone, fs::copy_options::overwrite_existing);
  setenv("OMPI_COMM_WORLD_SIZE", "2", 1);
  const auto r = drillsim::test::runProgram({lone.string(), "batch", kScenario, "--substances", kTable, "--out",
                                             scratch("lone.gpkg").string()});
  unsetenv("OMPI_COMM_WORLD_SIZE");
  EXPECT_EQ(r.exitCode, 64) << r.err;
  EXPECT_NE(r.err.find("started by mpirun, but this drillsim was built without MPI"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(scratch("lone.gpkg")));
}
#else
TEST(Mpi, NotBuilt) { GTEST_SKIP() << "built without MPI (DRILLSIM_MPI off): the MPI batch tests do not run"; }
#endif
