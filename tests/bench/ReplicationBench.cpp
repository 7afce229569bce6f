// Prints the cost of one replication, split into platform build and run (and, within the run,
// the check of its invariants, sim/engine/Invariants.hpp), for every plan of the
// bundled scenarios and for synthetic parks 10x and 100x the bundled one (in zones). Each sample
// runs in its own forked process (one SimGrid engine per process); medians of several samples.
// Then batch throughput: replications per second with one and two jobs, as `drillsim batch` runs
// them (one platform, a forked child per replication).
// Figures only: nothing is asserted, as these machines are shared and timings are noisy.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/batch/Batch.hpp"
#include "sim/engine/Invariants.hpp"
#include "sim/engine/Replication.hpp"
#include "sim/hazard/HazardModel.hpp"
#include "sim/synth/SyntheticPark.hpp"
#include "tests/bench/InChild.hpp"

using namespace drillsim;

namespace {

struct Sample {
  double build_ms = 0, run_ms = 0;
  double check_ms = 0;  // the invariant check alone (also inside run_ms), mean of 20 repeats
  long cohorts = 0;
};

Sample measureOnce(const LoadedScenario& l, const Plan& plan, std::uint64_t replication) {
  return bench::inChild<Sample>([&] {
    const auto t0 = std::chrono::steady_clock::now();
    Platform platform(l);
    const auto t1 = std::chrono::steady_clock::now();
    HazardModel hazards(l, plan, 1, replication);
    const Outcome o = runReplication(platform, l, plan, 1, replication, hazards);
    const auto t2 = std::chrono::steady_clock::now();
    std::size_t broken = 0;
    for (int k = 0; k < 20; ++k) broken += invariantViolations(o, l).size();
    const auto t3 = std::chrono::steady_clock::now();
    long cohorts = 0;
    for (const auto& leg : o.legs) cohorts += leg.persons > 0;
    if (broken) std::fprintf(stderr, "%s: invariants broken\n", plan.id.c_str());  // (and not optimised away)
    return Sample{std::chrono::duration<double, std::milli>(t1 - t0).count(),
                  std::chrono::duration<double, std::milli>(t2 - t1).count(),
                  std::chrono::duration<double, std::milli>(t3 - t2).count() / 20, cohorts};
  });
}

void report(const std::string& name, const LoadedScenario& l, const Plan& plan, int samples) {
  std::vector<double> build, run, check;
  long cohorts = 0;
  for (int k = 0; k < samples; ++k) {
    const Sample s = measureOnce(l, plan, std::uint64_t(k));
    build.push_back(s.build_ms);
    run.push_back(s.run_ms);
    check.push_back(s.check_ms);
    cohorts = std::max(cohorts, s.cohorts);
  }
  std::sort(build.begin(), build.end());
  std::sort(run.begin(), run.end());
  std::sort(check.begin(), check.end());
  std::printf("%-34s %-4s %6zu %6zu %8ld %8ld %10.2f %10.2f %10.3f\n", name.c_str(), plan.id.c_str(), l.park.zones.size(),
              l.park.roads.size(), l.park.population(l.scenario.night()), cohorts, build[build.size() / 2],
              run[run.size() / 2], check[check.size() / 2]);
}

// Replications per second of a batch of `replications` of the first plan with `jobs` workers,
// measured in a forked child that builds the platform once (as `drillsim batch` does).
double batchRate(const LoadedScenario& l, int replications, int jobs) {
  return bench::inChild<double>([&] {
    Platform platform(l);
    std::vector<BatchTask> tasks;
    for (int r = 0; r < replications; ++r) tasks.push_back({l.scenario.plans.front().id, r});
    BatchOptions options;
    options.jobs = jobs;
    std::atomic<bool> stop{false};
    const auto t0 = std::chrono::steady_clock::now();
    runBatch(platform, l, tasks, options, [](ReplicationRow) {}, stop);
    return replications / std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  });
}

// Issue target for the bundled batches: at least 2,000 replications a minute on one core.
constexpr double kTargetPerMinuteCore = 2000;

void reportBatch(const std::string& name, const LoadedScenario& l, int replications) {
  const double one = batchRate(l, replications, 1), two = batchRate(l, replications, 2);
  std::printf("%-34s %6zu %8d %10.1f %10.1f %8.2f %12.0f %8.2f\n", name.c_str(), l.park.zones.size(), replications, one,
              two, one > 0 ? two / one : 0.0, one * 60, one * 60 / kTargetPerMinuteCore);
}

}  // namespace

int main(int argc, char** argv) {
  const int samples = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const bool large = !(argc > 2 && std::string(argv[2]) == "--no-large");
  std::printf("One replication (median of %d samples, each in its own process)\n", samples);
  std::printf("%-34s %-4s %6s %6s %8s %8s %10s %10s %10s\n", "scenario", "plan", "zones", "roads", "persons", "legs",
              "build ms", "run ms", "check ms");
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(DRILLSIM_SOURCE_DIR "/data/scenarios"))
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    Diagnostics d;
    auto l = loadAndValidate(f, d);
    if (!l) {
      std::fprintf(stderr, "%s", d.str().c_str());
      return 2;
    }
    for (const auto& p : l->scenario.plans) report(std::filesystem::path(f).stem().string(), *l, p, samples);
  }
  // The bundled park has 44 zones and ~5,000 persons by night: 10x and 100x in zones.
  for (auto [x, y] : {std::pair{22, 20}, std::pair{70, 63}}) {
    if (x * y > 1000 && !large) continue;
    SyntheticOptions o;
    o.blocksX = x;
    o.blocksY = y;
    const LoadedScenario l = syntheticPark(o);
    for (const auto& p : l.scenario.plans)
      report("synthetic " + std::to_string(x * y) + " zones", l, p, std::max(1, samples / (x * y > 1000 ? 5 : 1)));
  }

  std::printf("\nBatch throughput, first plan (replications per second)\n");
  std::printf("%-34s %6s %8s %10s %10s %8s %12s %8s\n", "scenario", "zones", "reps", "1 job", "2 jobs", "ratio",
              "per min, 1", "/ 2000");
  for (const auto& f : files) {
    Diagnostics d;
    if (auto l = loadAndValidate(f, d)) reportBatch(std::filesystem::path(f).stem().string(), *l, 20 * samples);
  }
  for (auto [x, y] : {std::pair{22, 20}, std::pair{70, 63}}) {
    if (x * y > 1000 && !large) continue;
    SyntheticOptions o;
    o.blocksX = x;
    o.blocksY = y;
    reportBatch("synthetic " + std::to_string(x * y) + " zones", syntheticPark(o), x * y > 1000 ? 4 : 4 * samples);
  }
  return 0;
}
