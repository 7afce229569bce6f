// The cost curve of the engine: time and memory of one replication against the park's size, for
// synthetic parks (sim/synth) from 10 to 2,000 zones at 100 persons per zone (up to 200,000
// persons), with where the time goes:
//   build     the SimGrid platform (hosts, links, routes), once per process in a batch
//   hazards   drawing the replication's hazards and preparing their fixed points
//   actors    creating the run's actors
//   engine    SimGrid's run to the horizon: the flows of evacuees on shared roads, the actors' own
//             work (orders, routing, teams) and, shown apart, the hazard monitor's checks
//   after     metrics at the horizon, doses and harm, events, invariants
//   output    the metrics as the JSON a batch worker sends back
// and the replication process's peak resident memory. Each sample runs in its own forked process
// (one SimGrid engine per process); medians of the samples. Figures only: nothing is asserted.
//
//   build/tests/drillsim_cost [samples]      (default 3)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "sim/engine/Replication.hpp"
#include "sim/hazard/HazardModel.hpp"
#include "sim/synth/SyntheticPark.hpp"
#include "tests/bench/InChild.hpp"

using namespace drillsim;

namespace {
using Clock = std::chrono::steady_clock;

struct Sample {
  double build_ms = 0, hazards_ms = 0, output_ms = 0, total_ms = 0;
  ReplicationProfile run;
  long cohorts = 0, peakKiB = 0;
};

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

Sample measureOnce(const LoadedScenario& l, const Plan& plan, std::uint64_t replication) {
  return bench::inChild<Sample>([&] {
    Sample s;
    const auto t0 = Clock::now();
    Platform platform(l);
    s.build_ms = msSince(t0);
    const auto t1 = Clock::now();
    HazardModel hazards(l, plan, 1, replication);
    s.hazards_ms = msSince(t1);
    const Outcome o = runReplication(platform, l, plan, 1, replication, hazards, &s.run);
    const auto t2 = Clock::now();
    const std::string text = metricsJson(o.metrics).dump();
    s.output_ms = msSince(t2);
    s.total_ms = msSince(t0);
    for (const auto& leg : o.legs) s.cohorts += leg.persons > 0;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    s.peakKiB = usage.ru_maxrss;
    if (text.empty()) s.cohorts = -1;  // (and the text is not optimised away)
    return s;
  });
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  const int samples = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  std::printf("One replication of plan A on synthetic parks (median of %d samples, each in its own process), ms\n",
              samples);
  std::printf("%6s %6s %8s %7s %8s %8s %8s %8s %8s %8s %8s %8s %8s\n", "zones", "roads", "persons", "legs", "build",
              "hazards", "actors", "engine", "(checks)", "after", "output", "run", "peak MiB");
  for (auto [x, y] : {std::pair{5, 2}, std::pair{10, 5}, std::pair{20, 10}, std::pair{25, 20}, std::pair{40, 25},
                      std::pair{50, 40}}) {
    SyntheticOptions o;
    o.blocksX = x;
    o.blocksY = y;
    o.meanPopulation = 100;
    const LoadedScenario l = syntheticPark(o);
    const Plan& plan = l.scenario.plans.front();
    std::vector<double> build, hazards, actors, engine, checks, after, output, run, peak;
    long cohorts = 0;
    for (int k = 0; k < samples; ++k) {
      const Sample s = measureOnce(l, plan, std::uint64_t(k));
      build.push_back(s.build_ms);
      hazards.push_back(s.hazards_ms);
      actors.push_back(s.run.actors_ms);
      engine.push_back(s.run.engine_ms);
      checks.push_back(s.run.hazardChecks_ms);
      after.push_back(s.run.after_ms);
      output.push_back(s.output_ms);
      // What a batch pays per replication: everything but the platform, built once.
      run.push_back(s.total_ms - s.build_ms);
      peak.push_back(double(s.peakKiB) / 1024);
      cohorts = std::max(cohorts, s.cohorts);
    }
    std::printf("%6zu %6zu %8ld %7ld %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8.0f\n", l.park.zones.size(),
                l.park.roads.size(), l.park.population(l.scenario.night()), cohorts, median(build), median(hazards),
                median(actors), median(engine), median(checks), median(after), median(output), median(run),
                median(peak));
    std::fflush(stdout);
  }
  return 0;
}
