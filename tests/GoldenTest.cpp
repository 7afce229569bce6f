// Golden outputs (SimGrid's .tesh, ns-3's .reflog): every bundled scenario and plan's event log
// and metrics JSON of one replication, and every bundled scenario's stored metrics of a
// 20-replication batch, compared byte for byte with tests/golden/. A change of behaviour shows
// here first; when it is on purpose, tools/golden.sh regenerates the files and the commit says why.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/TestPaths.hpp"

using namespace drillsim::test;
namespace fs = std::filesystem;

namespace {
const fs::path kGolden = sourcePath("tests/golden");

// The first line where two texts differ, both versions, for the failure message.
std::string firstDifference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string le, la;
  for (int line = 1;; ++line) {
    const bool moreE = bool(std::getline(e, le)), moreA = bool(std::getline(a, la));
    if (!moreE && !moreA) return "they differ only in line endings";
    if (le != la || moreE != moreA)
      return "line " + std::to_string(line) + ":\n  golden: " + (moreE ? le : "(end)") + "\n  now:    " + (moreA ? la : "(end)");
  }
}

void expectSame(const fs::path& golden, const std::string& actual) {
  const std::string expected = readFile(golden.string());
  EXPECT_TRUE(expected == actual) << golden.filename().string() << " changed, " << firstDifference(expected, actual)
                                  << "\nIf on purpose: tools/golden.sh, review git diff tests/golden, say why in the commit.";
}

struct GoldenCase {
  std::string scenario, plan;
};
std::vector<GoldenCase> goldenRuns() {
  std::vector<GoldenCase> runs;
  for (const auto& entry : fs::directory_iterator(kGolden / "runs")) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".events.csv";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    const std::string stem = name.substr(0, name.size() - suffix.size());
    const auto dot = stem.rfind('.');
    runs.push_back({stem.substr(0, dot), stem.substr(dot + 1)});
  }
  std::sort(runs.begin(), runs.end(), [](const GoldenCase& a, const GoldenCase& b) { return a.scenario + a.plan < b.scenario + b.plan; });
  return runs;
}
}  // namespace

class GoldenRun : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenRun, EventLogAndMetricsAreTheGoldenOnes) {
  const GoldenCase& r = GetParam();
  const std::string out = scratchPath("golden", r.scenario + "." + r.plan);
  fs::remove_all(out);
  const auto run = runDrillsim({"run", sourcePath("data/scenarios/" + r.scenario + ".yaml"), "--plan", r.plan, "--out", out});
  ASSERT_EQ(run.exitCode, 0) << run.err;
  expectSame(kGolden / "runs" / (r.scenario + "." + r.plan + ".events.csv"), readFile(out + "/events.csv"));
  expectSame(kGolden / "runs" / (r.scenario + "." + r.plan + ".metrics.json"), readFile(out + "/metrics.json"));
}

INSTANTIATE_TEST_SUITE_P(Bundled, GoldenRun, ::testing::ValuesIn(goldenRuns()),
                         [](const ::testing::TestParamInfo<GoldenCase>& i) { return i.param.scenario + "_" + i.param.plan; });

TEST(GoldenRun, EveryBundledScenarioAndPlanHasItsGoldenFiles) {
  // A new bundled scenario or plan without golden files would go unchecked: regenerate them.
  std::vector<std::string> scenarios;
  for (const auto& entry : fs::directory_iterator(sourcePath("data/scenarios")))
    if (entry.path().extension() == ".yaml") scenarios.push_back(entry.path().stem().string());
  ASSERT_FALSE(scenarios.empty());
  for (const std::string& s : scenarios) {
    EXPECT_TRUE(fs::exists(kGolden / "batches" / (s + ".csv"))) << s << ": run tools/golden.sh";
    const std::string text = readFile(sourcePath("data/scenarios/" + s + ".yaml"));
    for (std::size_t at = text.find("\n  - id: "); at != std::string::npos; at = text.find("\n  - id: ", at + 1)) {
      const std::size_t from = at + 9, to = text.find_first_of(" \n", from);
      const std::string plan = text.substr(from, to - from);
      // Only plans (the teams and hazards of the bundled scenarios are written "- {id: ...}").
      EXPECT_TRUE(fs::exists(kGolden / "runs" / (s + "." + plan + ".events.csv"))) << s << " plan " << plan;
    }
  }
}

class GoldenBatch : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenBatch, StoredMetricsOfTwentyReplicationsAreTheGoldenOnes) {
  const std::string scenario = GetParam();
  const std::string store = scratchPath("golden", scenario + ".gpkg"), csv = scratchPath("golden", scenario + ".csv");
  fs::remove(store);
  fs::remove(csv);
  const auto run = runDrillsim({"batch", sourcePath("data/scenarios/" + scenario + ".yaml"), "--replications", "20", "--jobs",
                                "2", "--out", store, "--csv", csv, "--quiet"});
  ASSERT_EQ(run.exitCode, 0) << run.err;
  expectSame(kGolden / "batches" / (scenario + ".csv"), readFile(csv));
}

INSTANTIATE_TEST_SUITE_P(Bundled, GoldenBatch, ::testing::Values("ammonia_day", "chlorine_night", "warehouse_fire_day"));
