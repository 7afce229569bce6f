// A batch survives the faults around it (README "Reliability"), each injected here: a worker
// killed by a signal, a replication that never ends, a full disk, a store locked by another
// program or taken by another batch, a store moved away while written. In every case the store
// stays readable, the message says what happened and what to run, and `--resume` completes the
// batch to exactly the table an undisturbed batch gives: nothing lost, nothing counted twice.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <thread>

#include "sim/batch/ResultStore.hpp"
#include "tests/TestPaths.hpp"

using namespace drillsim;
namespace fs = std::filesystem;

extern char** environ;

namespace {
const std::string kScenario = test::sourcePath("tests/data/mini/mini.yaml");
const std::string kTable = test::sourcePath("tests/data/mini/substances.csv");

fs::path scratch(const std::string& name) { return test::scratchPath("fault-test", name); }

std::vector<std::string> batchArgs(const fs::path& out, int replications) {
  return {"batch", kScenario, "--substances", kTable, "--replications", std::to_string(replications), "--jobs", "2",
          "--out", out.string(), "--quiet"};
}

// The CSV of an undisturbed batch of `replications`, made once per size.
std::string wholeTable(int replications) {
  static std::map<int, std::string> tables;
  if (!tables.count(replications)) {
    const fs::path out = scratch("whole-" + std::to_string(replications) + ".gpkg");
    const fs::path csv = scratch("whole-" + std::to_string(replications) + ".csv");
    auto args = batchArgs(out, replications);
    args.insert(args.end(), {"--csv", csv.string()});
    const auto r = test::runDrillsim(args);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    tables[replications] = test::readFile(csv);
  }
  return tables[replications];
}

// Resumes the batch in `out` and returns its CSV.
std::string resumedTable(const fs::path& out) {
  const fs::path csv = fs::path(out.string() + ".csv");
  const auto r = test::runDrillsim({"batch", kScenario, "--substances", kTable, "--out", out.string(), "--resume",
                                    "--csv", csv.string(), "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return test::readFile(csv);
}

// Each (plan, replication) stored at most once, every stored row readable: the number stored.
std::size_t checkStore(const fs::path& out) {
  const auto rows = ResultStore::open(out.string(), false).rows();
  std::set<std::pair<std::string, int>> keys;
  for (const auto& r : rows) {
    EXPECT_TRUE(keys.insert({r.plan, r.replication}).second) << r.plan << "/" << r.replication << " stored twice";
    if (r.status == "ok") {
      EXPECT_TRUE(metricsProblem(r.metrics).empty());
    }
  }
  return rows.size();
}

// A drillsim batch started in the background, its stderr to a file.
struct Background {
  pid_t pid = 0;
  fs::path err;

  Background(const std::vector<std::string>& arguments, const fs::path& errFile) : err(errFile) {
    std::vector<std::string> args = {test::binaryPath()};
    args.insert(args.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    EXPECT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
  }
  int wait() {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }
};

// Waits until the store at `out` holds at least `rows` rows; false when it never does.
bool waitForRows(const fs::path& out, std::size_t rows) {
  for (int i = 0; i < 3000; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    try {
      if (fs::exists(out) && ResultStore::open(out.string(), false).rows().size() >= rows) return true;
    } catch (const std::exception&) {
      // being created, or locked for a moment by the batch's own commit
    }
  }
  return false;
}
}  // namespace

TEST(BatchFaults, AWorkerKilledOrHungIsRecordedAndResumeRunsItAgain) {
  const fs::path out = scratch("worker.gpkg");
  auto args = batchArgs(out, 6);
  args.insert(args.end(), {"--time-limit", "2"});
  setenv("DRILLSIM_FAULT", "kill@A/2,hang@B/4", 1);
  auto r = test::runDrillsim(args);
  unsetenv("DRILLSIM_FAULT");
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("2 failed"), std::string::npos) << r.out;
  std::map<std::string, std::string> status;
  for (const auto& row : ResultStore::open(out.string(), false).rows())
    status[row.plan + "/" + std::to_string(row.replication)] = row.status + ": " + row.error;
  EXPECT_EQ(status["A/2"], "failed: killed by signal 9 (Killed)");
  EXPECT_EQ(status["B/4"], "timeout: exceeded the time limit");
  EXPECT_EQ(status["A/3"], "ok: ");
  // compare reads a store with failed rows and says how many it left out
  r = test::runDrillsim({"compare", out.string(), "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  // --resume runs the two again; the table is then the undisturbed batch's.
  EXPECT_EQ(resumedTable(out), wholeTable(6));
  EXPECT_EQ(checkStore(out), 12u);
}

TEST(BatchFaults, AFullDiskStopsTheBatchWithTheStoreIntact) {
  const fs::path out = scratch("full.gpkg"), err = scratch("full.err");
  // The file size limit makes the store's writes fail as on a full disk once it passes 600 KiB.
  std::string command = "ulimit -f 600; exec '" + test::binaryPath() + "'";
  for (const auto& a : batchArgs(out, 300)) command += " '" + a + "'";
  command += " 2>'" + err.string() + "' >/dev/null";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 73) << test::readFile(err);
  const std::string message = test::readFile(err);
  EXPECT_NE(message.find("cannot store results in " + out.string()), std::string::npos) << message;
  EXPECT_NE(message.find("The store is intact"), std::string::npos) << message;
  EXPECT_NE(message.find("--resume"), std::string::npos) << message;
  const std::size_t stored = checkStore(out);
  EXPECT_GT(stored, 0u);
  EXPECT_LT(stored, 600u);
  EXPECT_EQ(resumedTable(out), wholeTable(300));
}

TEST(BatchFaults, AStoreLockedByAnotherProgramIsWrittenWhenReleased) {
  const fs::path out = scratch("locked.gpkg"), err = scratch("locked.err");
  auto args = batchArgs(out, 500);
  args[7] = "1";  // one job: the batch outlasts the lock
  Background batch(args, err);
  ASSERT_TRUE(waitForRows(out, 10));
  // sqlite3 (Python's) takes the database's exclusive lock for eight seconds:
  // longer than SQLite's own wait for a lock as GDAL sets it (about five seconds).
  const std::string locker = "python3 -c \"import sqlite3, time; c = sqlite3.connect('" + out.string() +
                             "', isolation_level=None); c.execute('BEGIN EXCLUSIVE'); time.sleep(8); c.execute('COMMIT')\"";
  ASSERT_EQ(std::system(locker.c_str()), 0);
  EXPECT_EQ(batch.wait(), 0) << test::readFile(err);
  const std::string message = test::readFile(err);
  EXPECT_NE(message.find("is locked by another program"), std::string::npos) << message;
  EXPECT_NE(message.find("the results held are stored"), std::string::npos) << message;
  EXPECT_EQ(checkStore(out), 1000u);
  EXPECT_EQ(resumedTable(out), wholeTable(500));  // nothing left to run: the same table
}

// Resuming a store another program holds locked is refused as locked (exit 73), not taken for a
// damaged one: SQLite's result code decides, and the store is untouched, so the resume once the
// lock is gone finishes the batch.
TEST(BatchFaults, ResumingAStoreLockedByAnotherProgramSaysSo) {
  const fs::path out = scratch("locked-resume.gpkg");
  auto args = batchArgs(out, 40);
  ASSERT_EQ(test::runDrillsim(args).exitCode, 0);
  const fs::path ready = scratch("locked-resume.ready");
  fs::remove(ready);
  const std::string locker = "python3 -c \"import sqlite3, time; c = sqlite3.connect('" + out.string() +
                             "', isolation_level=None); c.execute('BEGIN EXCLUSIVE'); open('" + ready.string() +
                             "', 'w').close(); time.sleep(6); c.execute('COMMIT')\" &";
  ASSERT_EQ(std::system(locker.c_str()), 0);
  for (int i = 0; i < 100 && !fs::exists(ready); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(fs::exists(ready));
  const auto r = test::runDrillsim({"batch", kScenario, "--substances", kTable, "--out", out.string(), "--resume",
                                    "--quiet"});
  EXPECT_EQ(r.exitCode, 73) << r.err;
  EXPECT_NE(r.err.find(out.string() + " is locked by another program"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("damaged"), std::string::npos) << r.err;
  std::this_thread::sleep_for(std::chrono::seconds(6));
  EXPECT_EQ(checkStore(out), 80u);
}

TEST(BatchFaults, AStoreInUseByAnotherBatchIsRefused) {
  const fs::path out = scratch("shared.gpkg"), err = scratch("shared.err");
  auto args = batchArgs(out, 400);
  args[7] = "1";
  Background first(args, err);
  ASSERT_TRUE(waitForRows(out, 10));
  const auto second = test::runDrillsim({"batch", kScenario, "--substances", kTable, "--out", out.string(), "--resume", "--quiet"});
  EXPECT_EQ(second.exitCode, 73);
  EXPECT_NE(second.err.find("in use by another drillsim batch"), std::string::npos) << second.err;
  EXPECT_EQ(first.wait(), 0) << test::readFile(err);
  EXPECT_EQ(checkStore(out), 800u);
}

TEST(BatchFaults, AStoreMovedAwayWhileWrittenIsCopiedBack) {
  const fs::path out = scratch("moved.gpkg"), away = scratch("away.gpkg"), err = scratch("moved.err");
  auto args = batchArgs(out, 500);
  args[7] = "1";
  Background batch(args, err);
  ASSERT_TRUE(waitForRows(out, 10));
  fs::rename(out, away);
  EXPECT_EQ(batch.wait(), 73);
  const std::string message = test::readFile(err);
  EXPECT_NE(message.find("was moved or deleted"), std::string::npos) << message;
  EXPECT_NE(message.find("copy written to " + out.string()), std::string::npos) << message;
  // The copy holds at least what the moved file holds, and completes to the undisturbed table.
  EXPECT_GE(checkStore(out), checkStore(away));
  EXPECT_EQ(resumedTable(out), wholeTable(500));
}

// The batch process itself killed without warning at three moments, resumed after each.
TEST(BatchFaults, KilledAtAnyMomentAndResumedGivesTheSameTable) {
  const fs::path out = scratch("killed.gpkg"), err = scratch("killed.err");
  const std::size_t at[] = {5, 200, 500};
  for (std::size_t i = 0; i < 3; ++i) {
    auto args = batchArgs(out, 400);
    if (i > 0) args = {"batch", kScenario, "--substances", kTable, "--out", out.string(), "--resume", "--quiet"};
    Background batch(args, err);
    if (!waitForRows(out, at[i])) break;
    kill(batch.pid, SIGKILL);
    batch.wait();
    const std::size_t stored = checkStore(out);
    EXPECT_GE(stored, at[i]);
  }
  EXPECT_EQ(resumedTable(out), wholeTable(400));
  EXPECT_EQ(checkStore(out), 800u);
}

// A store is a file: rows edited or damaged by hand are read as failed rows saying why, and
// settings that do not parse are refused naming the key.
TEST(BatchFaults, ADamagedStoredRowIsReadAsFailedSayingWhy) {
  EXPECT_EQ(storedRow("A", 1, "ok", "", R"({"clearance_s": 120, "shelters": {"S1": {"peak": 3, "overflow": 0}}})").status, "ok");
  const ReplicationRow notJson = storedRow("A", 1, "ok", "", "{\"clearance_s\": 1");
  EXPECT_EQ(notJson.status, "failed");
  EXPECT_EQ(notJson.error, "its stored metrics cannot be read (not JSON)");
  EXPECT_EQ(storedRow("A", 1, "ok", "", R"({"clearance_s": "soon"})").error,
            "its stored metrics cannot be read (clearance_s: expected a number)");
  EXPECT_EQ(storedRow("A", 1, "ok", "", R"({"shelters": {"S1": {"peak": 3}}})").error,
            "its stored metrics cannot be read (shelters.S1.overflow: expected a number)");
  EXPECT_EQ(storedRow("A", 1, "ok", "", "[1, 2]").error, "its stored metrics cannot be read (expected an object)");
  EXPECT_EQ(storedRow("A", 1, "done", "", "{}").error, "unknown status 'done' in the store");
  try {
    storedSettings({{"format", "drillsim_batch 1"}, {"seed", "12x"}, {"replications", "10"}}, "r.gpkg");
    FAIL() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "r.gpkg: batch_settings.seed: expected a whole number up to 18446744073709551615, found '12x'");
  }
  EXPECT_EQ(storedSettings({{"format", "drillsim_batch 1"}, {"seed", "7"}, {"replications", "10"}, {"plans", "A,B"}}, "r.gpkg")
                .plans,
            (std::vector<std::string>{"A", "B"}));
}
