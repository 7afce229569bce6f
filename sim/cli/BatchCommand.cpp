// drillsim batch: many replications of several plans under common random numbers, stored durably
// in a GeoPackage that `drillsim compare` reads and a GIS opens.
//
// Index (search for "[SECTION] " and the name):
//   Options and interrupts; MPI messages; CSV and summary layers; Help; MPI ranks other than 0;
//   Starting a batch; Resume and planning; Running and reporting.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>
#include <thread>

#include "scenarios/TextFile.hpp"
#include "sim/batch/Batch.hpp"
#include "sim/batch/ResultStore.hpp"
#include "sim/batch/StoreWriter.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/MpiLink.hpp"
#include "sim/engine/Outcome.hpp"
#include "sim/engine/Resources.hpp"

namespace drillsim::cli {

// [SECTION] Options and interrupts
namespace {
const std::vector<OptionSpec> kOptions = {
    {"plans", true, "plans to run, separated by commas (default: every plan)", "A,B,..."},
    {"replications", true, "replications per plan (default: the scenario's monte_carlo.replications)", "N"},
    {"seed", true, "random seed (default: the scenario's monte_carlo.seed)", "S"},
    {"jobs", true, "replications run at once (default: the machine's cores)", "J"},
    {"out", true, "results GeoPackage (default: SCENARIO-NAME.results.gpkg here)", "FILE.gpkg"},
    {"resume", false, "finish the batch stored in --out, running only what it lacks", ""},
    {"shard", true, "run only replications r with r mod n = i, for a job array; join the shards with drillsim merge", "i/n"},
    {"csv", true, "also write one row per (plan, replication) as CSV", "FILE.csv"},
    {"time-limit", true, "wall-clock seconds one replication may take before it is stopped (default 300)", "S"},
    {"lock-wait", true, "seconds to keep results in memory while another program locks the store (default 600)", "S"},
    {"quiet", false, "no progress bar", ""},
    {"progress-fd", true, "also write progress as JSON lines to this open file descriptor (for the front end)", "FD"},
    {"model", true, "dispersion of toxic releases: auto (dense or passive by Britter-McQuaid's criterion, the default), passive or dense", "MODEL"},
    {"substances", true, "substance table to use (default: the bundled data/substances.csv)", "FILE"},
};

// `stopping` ends the batch's loop; `interrupted` says the user asked for it (Ctrl-C, SIGTERM).
std::atomic<bool> stopping{false}, interrupted{false};
extern "C" void onInterrupt(int) {
  interrupted = true;
  stopping = true;
}

// Ctrl-C and SIGTERM stop the batch, keeping what finished; returns SIGINT's previous action.
struct sigaction catchInterrupts() {
  stopping = interrupted = false;
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  struct sigaction previous {};
  sigaction(SIGINT, &action, &previous);
  sigaction(SIGTERM, &action, nullptr);
  return previous;
}

std::string duration(double s) {
  char buf[32];
  const long t = std::lround(s);
  std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
  return buf;
}

// [SECTION] MPI messages: rows from the other ranks, telling them to stop
// Messages from the other ranks to rank 0 in an MPI batch.
constexpr int kTagRows = 1;  // a JSON list of finished replications
constexpr int kTagDone = 2;  // {"ran": N, "error": "..."}: the rank has sent all it will

nlohmann::json rowsJson(const std::vector<ReplicationRow>& rows) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : rows)
    list.push_back({{"plan", r.plan}, {"replication", r.replication}, {"status", r.status}, {"error", r.error},
                    {"metrics", r.metrics}});
  return list;
}

std::vector<ReplicationRow> rowsFromJson(const nlohmann::json& list) {
  std::vector<ReplicationRow> rows;
  for (const auto& r : list)
    rows.push_back({r.at("plan").get<std::string>(), r.at("replication").get<int>(), r.at("status").get<std::string>(),
                    r.at("error").get<std::string>(), r.at("metrics")});
  return rows;
}

// Tells the other ranks of an MPI batch that rank 0 stopped before handing out the work (an
// invalid scenario, a store that cannot be written, ...), whichever way it leaves.
struct StopOthersUnlessReleased {
  bool armed = false;
  ~StopOthersUnlessReleased() {
    if (!armed) return;
    try {
      mpi::broadcast(nlohmann::json{{"stop", true}}.dump());
    } catch (const std::exception&) {  // the job is ending anyway; nothing more to tell
    }
  }
};

// [SECTION] CSV and summary layers
std::string csvNumber(double v) {
  if (std::isnan(v)) return "";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}
}  // namespace

std::string batchCsv(const std::vector<ReplicationRow>& rows) {
  // The draws' columns after the metrics', named as the first row with draws names them (every
  // replication of one scenario draws the same quantities).
  std::vector<std::string> drawn;
  for (const auto& r : rows)
    if (r.metrics.is_object() && r.metrics.contains("draws")) {
      drawn = drawnNames(r.metrics.at("draws"));
      break;
    }
  std::string s = "plan,replication,status";
  for (const auto& name : scalarMetricNames()) s += "," + name;
  for (const auto& name : drawn) s += "," + csvField(name);
  s += "\n";
  for (const auto& r : rows) {
    s += r.plan + "," + std::to_string(r.replication) + "," + r.status;
    if (r.metrics.is_object()) {
      for (const auto& [name, value] : scalarMetrics(r.metrics)) s += "," + csvNumber(value);
      const nlohmann::json draws = r.metrics.value("draws", nlohmann::json());
      for (const auto& name : drawn) {
        const nlohmann::json v = drawnValue(draws, name);
        s += "," + (v.is_number() ? csvNumber(v.get<double>()) : v.is_string() ? csvField(v.get<std::string>()) : "");
      }
    } else {
      s += std::string(scalarMetricNames().size() + drawn.size(), ',');
    }
    s += "\n";
  }
  return s;
}

void summariseStore(const std::string& out, const std::vector<ReplicationRow>& rows, const Park& park,
                    const std::optional<std::string>& csv) {
  const auto [zones, shelters] = summaryLayers(rows, park);
  writeGeoPackageLayer(out, "zone_summary", park.crs, zones);
  writeGeoPackageLayer(out, "shelter_summary", park.crs, shelters);
  if (csv) writeFileAtomically(*csv, batchCsv(rows));
}

// [SECTION] Help
std::string helpBatch() {
  return "Usage: drillsim batch SCENARIO.yaml [options]\n\n"
         "Runs every plan (or --plans) for N replications under common random numbers: replication r\n"
         "draws the same weather, release, pre-movement and team delays under every plan. The platform\n"
         "is built once; each replication runs in its own child process, --jobs at a time. Results go\n"
         "to a GeoPackage, committed as they come: interrupt with Ctrl-C (or lose the machine) and\n"
         "--resume finishes the batch without repeating or losing a replication. A replication that\n"
         "crashes or passes --time-limit is stored as failed; re-run it alone with\n"
         "`drillsim run SCENARIO --plan P --seed S --replication R`; --resume runs failed ones again.\n"
         "Results are identical whatever --jobs is, and whatever --shard split them (drillsim merge joins\n"
         "the shards of a job array into one store). Under `mpirun -n K drillsim batch ...` the ranks\n"
         "share the replications, each with its own --jobs workers, and rank 0 writes the store.\n"
         "A store locked by another program (sqlite3, a GIS editing it) is written when it is released,\n"
         "results held meanwhile; a full disk stops the batch with what is stored intact; a store moved\n"
         "or deleted while running is copied back.\n"
         "Read them with `drillsim compare FILE.gpkg`, sqlite3, or a GIS (layers\n"
         "zone_summary and shelter_summary).\n\n" +
         describeOptions(kOptions) +
         "\nExit codes: 0 done, 2 the scenario is invalid or does not match the stored batch, 64 bad command\n"
         "line, 73 the results cannot be written, 75 an MPI batch lost a rank, 130 interrupted (what\n"
         "finished is kept in every case; --resume runs the rest).\n";
}

// [SECTION] MPI ranks other than 0: their share of the work, sent to rank 0
namespace {
// A rank other than 0 in an MPI batch: told the work by rank 0, it runs its share with its own
// workers and sends the rows to rank 0 as they finish.
int runBatchRank(const Args& args, std::optional<LoadedScenario>& loaded, int rank, int ranks) {
  const auto work = nlohmann::json::parse(mpi::broadcast(""));
  if (work.contains("stop")) return kExitOk;  // rank 0 says why and gives the exit code
  if (!loaded) {
    mpi::sendToRoot(nlohmann::json{{"ran", 0}, {"error", "cannot load " + args.positional()[0] + " there"}}.dump(),
                    kTagDone);
    return kExitOk;
  }
  loaded->scenario.dispersion = dispersionModel(work.value("model", "auto")).value_or(DispersionModel::Auto);
  std::vector<BatchTask> mine;
  const auto& tasks = work.at("tasks");
  for (std::size_t j = std::size_t(rank); j < tasks.size(); j += std::size_t(ranks))
    mine.push_back({tasks[j].at(0).get<std::string>(), tasks[j].at(1).get<int>()});
  BatchOptions options;
  options.seed = work.at("seed").get<std::uint64_t>();
  std::string fewer;
  options.jobs = jobsThatFit(*loaded, args.jobs(), fewer);
  options.timeLimit_s = args.number("time-limit", 1, 1e6, 300);
  // Fault injection for the tests (README "Reliability"): DRILLSIM_FAULT="rank-kill@K" kills rank K
  // by SIGKILL when it first has rows to send, so that they are lost with it.
  const char* fault = std::getenv("DRILLSIM_FAULT");
  const bool killBeforeSend = fault && std::string(fault).find("rank-kill@" + std::to_string(rank)) != std::string::npos;

  Platform platform(*loaded);
  catchInterrupts();
  std::vector<ReplicationRow> held;
  long ran = 0;
  auto lastSent = std::chrono::steady_clock::now();
  bool linkLost = false;
  const auto send = [&] {
    if (held.empty() || linkLost) return;
    if (killBeforeSend) raise(SIGKILL);
    try {
      mpi::sendToRoot(rowsJson(held).dump(), kTagRows);
    } catch (const mpi::LinkLost&) {  // mpirun is ending the job; it says why
      linkLost = true;
      stopping = true;
      return;
    }
    held.clear();
    lastSent = std::chrono::steady_clock::now();
  };
  options.tick = [&] {
    if (held.size() >= 32 || std::chrono::steady_clock::now() - lastSent > std::chrono::milliseconds(500)) send();
  };
  drillsim::runBatch(platform, *loaded, mine, options,
                     [&](ReplicationRow row) {
                       ++ran;
                       held.push_back(std::move(row));
                     },
                     stopping);
  send();
  if (linkLost) return kExitJobLost;
  mpi::sendToRoot(nlohmann::json{{"ran", ran}, {"error", ""}}.dump(), kTagDone);
  return kExitOk;
}
}  // namespace

// [SECTION] Starting a batch: MPI, the scenario, the settings
int runBatch(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  // Under mpirun every rank runs this; rank 0 keeps the store and hands out the replications.
  int rank = 0, ranks = 1;
  if (mpi::underMpirun()) {
    if (!mpi::available())
      throw UsageError("started by mpirun, but this drillsim was built without MPI (install libopenmpi-dev and build "
                       "again); or split the batch with --shard i/n and join the shards with drillsim merge");
    mpi::init(rank, ranks);
  }
  struct Finalize {  // last, after the other ranks are told to stop
    bool on;
    ~Finalize() {
      if (on) mpi::finalize();
    }
  } finalize{true};  // nothing when no MPI helper was started
  if (ranks > 1 && args.value("shard")) throw UsageError("--shard: not with mpirun, which splits the batch itself");
  if (ranks > 1 && args.value("progress-fd")) throw UsageError("--progress-fd: not with mpirun");
  StopOthersUnlessReleased stopOthers{ranks > 1 && rank == 0};
  std::optional<LoadedScenario> loaded;
  if (rank == 0) {
    loaded = loadScenarioArgument(args);
  } else {  // the same files: rank 0 has printed their warnings
    if (args.positional().size() != 1) throw UsageError("expected exactly one scenario file");
    Diagnostics quiet;
    loaded = loadAndValidate(args.positional()[0], quiet, args.value("substances", ""));
  }
  if (rank > 0) {
    try {
      return runBatchRank(args, loaded, rank, ranks);
    } catch (const mpi::LinkLost&) {  // mpirun is ending the job and says why; rank 0 reports the store
      return kExitJobLost;
    }
  }
  if (!loaded) return kExitInvalidInput;
  const Scenario& sc = loaded->scenario;
  const std::string scenarioFile = args.positional()[0];
  const std::string out = args.value("out").value_or(std::filesystem::path(scenarioFile).stem().string() + ".results.gpkg");

  std::vector<std::string> allPlans;
  for (const auto& p : sc.plans) allPlans.push_back(p.id);
  BatchSettings settings;
  settings.scenarioFile = scenarioFile;
  settings.scenarioHash = fileHash(scenarioFile);
  settings.program = "drillsim " DRILLSIM_VERSION;
  settings.seed = args.count("seed", sc.monte_carlo.seed);
  settings.replications = int(args.count("replications", std::uint64_t(sc.monte_carlo.replications)));
  if (settings.replications < 1 || settings.replications > 10000000)
    throw UsageError("--replications: expected a whole number from 1 to 10000000");
  settings.plans = args.value("plans") ? splitList(*args.value("plans")) : allPlans;
  settings.model = dispersionName(sc.dispersion);
  if (auto shard = args.value("shard"); shard && !parseShard(*shard, settings))
    throw UsageError("--shard: expected i/n with 0 <= i < n <= 100000 (e.g. 3/8: the fourth of eight), found " +
                     inQuotes(*shard));
  for (const auto& p : settings.plans)
    if (!sc.plan(p)) throw UsageError("--plans: no plan " + inQuotes(p) + "; " + expectedOneOf(p, allPlans));
  const int jobs = args.jobs();
  BatchOptions options;
  options.seed = settings.seed;
  options.jobs = jobs;
  options.timeLimit_s = args.number("time-limit", 1, 1e6, 300);
  std::string fewer;
  options.jobs = jobsThatFit(*loaded, jobs, fewer);  // refuses a scenario too large before anything is written
  if (!fewer.empty()) std::cerr << "drillsim batch: " << fewer << "\n";

  // [SECTION] Resume and planning: the store opened or created, the tasks left, the ranks' shares
  // The rows the batch reads back at its end must fit: checked before anything is written.
  const auto checkFits = [&] { checkBatchFits(*loaded, double(settings.heldReplications()) * double(settings.plans.size())); };
  const double lockWait = args.number("lock-wait", 0, 1e6, 600);
  std::optional<StoreWriter> writer;
  if (args.flag("resume")) {
    if (!std::filesystem::exists(out)) throw UsageError("--resume: " + out + " does not exist; run without --resume to start it");
    try {
      writer.emplace(StoreWriter::resume(out));
    } catch (const OutputError&) {  // in use, or locked by another program: exit 73
      throw;
    } catch (const InputError&) {  // a damaged store: located, exit 2
      throw;
    } catch (const std::runtime_error& e) {
      std::cerr << "drillsim batch: " << e.what() << "\n";
      return kExitInvalidInput;
    }
    const BatchSettings& stored = writer->store().settings();
    std::string mismatch;
    if (stored.scenarioHash != settings.scenarioHash)
      mismatch = "the scenario file has changed since the batch began (" + stored.scenarioHash + " then, " + settings.scenarioHash + " now)";
    else if (args.value("seed") && stored.seed != settings.seed)
      mismatch = "it was run with seed " + std::to_string(stored.seed);
    else if (args.value("replications") && stored.replications != settings.replications)
      mismatch = "it has " + std::to_string(stored.replications) + " replications per plan";
    else if (args.value("plans") && stored.plans != settings.plans)
      mismatch = "it runs other plans";
    else if (args.value("model") && stored.model != settings.model)
      mismatch = "it was run with --model " + stored.model;
    else if (args.value("shard") && stored.shardText() != settings.shardText())
      mismatch = stored.shards > 1 ? "it is shard " + stored.shardText() : "it is a whole batch, not a shard";
    if (!mismatch.empty()) {
      std::cerr << "drillsim batch: cannot resume " << out << ": " << mismatch << "; start a new batch with another --out\n";
      return kExitInvalidInput;
    }
    settings = stored;
    options.seed = stored.seed;
    loaded->scenario.dispersion = *dispersionModel(stored.model);  // the model the batch began with
    checkFits();
  } else {
    checkFits();
    writer.emplace(StoreWriter::create(out, settings));
  }

  // What is stored and succeeded is done; failed and timed-out replications run again. The tasks
  // are handed out one at a time, in replication-major order: nothing here grows with the
  // replications asked, only with those stored.
  std::set<std::pair<std::string, int>> done;
  for (const auto& r : writer->store().rows())
    if (r.status == "ok") done.insert({r.plan, r.replication});
  const std::size_t total = std::size_t(settings.heldReplications()) * settings.plans.size();
  int nextReplication = 0;
  std::size_t nextPlan = 0;
  const auto nextTask = [&](BatchTask& t) {
    for (; nextReplication < settings.replications; ++nextReplication, nextPlan = 0) {
      if (!settings.holds(nextReplication)) continue;
      while (nextPlan < settings.plans.size()) {
        const std::string& p = settings.plans[nextPlan++];
        if (!done.count({p, nextReplication})) {
          t = {p, nextReplication};
          return true;
        }
      }
    }
    return false;
  };
  // An MPI batch: every rank is told the work (what is not stored yet) and takes every ranks-th
  // task, so that each holds a share of every stretch of replications.
  std::vector<BatchTask> tasks;
  if (ranks > 1) {
    nlohmann::json work{{"seed", options.seed}, {"model", settings.model}, {"tasks", nlohmann::json::array()}};
    for (BatchTask t; nextTask(t);) {
      work["tasks"].push_back({t.plan, t.replication});
      tasks.push_back(t);
    }
    stopOthers.armed = false;
    mpi::broadcast(work.dump());
    std::vector<BatchTask> mine;
    for (std::size_t j = 0; j < tasks.size(); j += std::size_t(ranks)) mine.push_back(tasks[j]);
    tasks.swap(mine);
  }

  // [SECTION] Running and reporting: progress, the store, the other ranks' rows, how to finish
  Platform platform(*loaded);
  const struct sigaction previous = catchInterrupts();

  const bool bar = !args.flag("quiet") && isatty(STDERR_FILENO);
  // Machine-readable progress: {"done": D, "total": T, "failed": F, "rate": R} per line.
  FILE* progressOut = nullptr;
  if (args.value("progress-fd")) {
    const int fd = int(args.count("progress-fd", 0));
    progressOut = fd > 2 ? fdopen(fd, "w") : nullptr;
    if (!progressOut) throw UsageError("--progress-fd: expected an open file descriptor above 2");
  }
  const auto start = std::chrono::steady_clock::now();
  auto lastFlush = start;
  std::vector<ReplicationRow> pending;
  std::size_t finished = done.size(), failed = 0, thisRun = 0;
  // The store's state: the last write's result, and the problem that stopped the batch.
  StoreWriter::Result written = StoreWriter::Result::Stored;
  std::string storeProblem;
  auto flush = [&] {
    std::string message;
    const bool wasLocked = written == StoreWriter::Result::Locked;
    written = writer->write(std::move(pending), message);
    pending.clear();
    lastFlush = std::chrono::steady_clock::now();
    if (written == StoreWriter::Result::Locked && !wasLocked)
      std::cerr << "\ndrillsim batch: " << out
                << " is locked by another program; results are held and written when it is released\n";
    if (written == StoreWriter::Result::Stored && wasLocked)
      std::cerr << "\ndrillsim batch: " << out << " is released; the results held are stored\n";
    if (written == StoreWriter::Result::Failed || written == StoreWriter::Result::Moved) {
      storeProblem = message;
      stopping = true;
    }
  };
  auto progress = [&] {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double rate = elapsed > 0 ? double(thisRun) / elapsed : 0;
    const double share = total ? double(finished) / double(total) : 1;
    std::string line = "\r[";
    for (int i = 0; i < 30; ++i) line += i < int(share * 30) ? '#' : '.';
    char buf[160];
    std::snprintf(buf, sizeof buf, "] %zu/%zu  %.1f rep/s  left %s%s ", finished, total, rate,
                  rate > 0 ? duration(double(total - finished) / rate).c_str() : "?",
                  failed ? (", " + std::to_string(failed) + " failed").c_str() : "");
    std::cerr << line << buf << std::flush;
  };
  const auto onRow = [&](ReplicationRow row) {
    failed += row.status != "ok";
    ++finished;
    ++thisRun;
    pending.push_back(std::move(row));
    if (pending.size() >= 64 || std::chrono::steady_clock::now() - lastFlush > std::chrono::milliseconds(500)) flush();
    if (bar) progress();
    if (progressOut) {
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(progressOut, "{\"done\": %zu, \"total\": %zu, \"failed\": %zu, \"rate\": %.3f}\n", finished,
                   total, failed, elapsed > 0 ? double(thisRun) / elapsed : 0.0);
      std::fflush(progressOut);
    }
  };
  // The other ranks' rows, as they arrive; the ranks that have sent all they will.
  int ranksDone = 0;
  std::string rankProblems;
  bool linkLost = false;
  const auto takeMessages = [&] {
    std::string text;
    int tag = 0, from = 0;
    for (;;) {
      try {
        if (linkLost || !mpi::receive(text, tag, from)) return;
      } catch (const mpi::LinkLost&) {  // mpirun is ending the job: keep what arrived, stop
        linkLost = true;
        stopping = true;
        return;
      }
      const auto message = nlohmann::json::parse(text);
      if (tag == kTagRows)
        for (ReplicationRow& row : rowsFromJson(message)) onRow(std::move(row));
      if (tag == kTagDone) {
        ++ranksDone;
        if (!message.value("error", "").empty())
          rankProblems += "rank " + std::to_string(from) + ": " + message.value("error", "") + "\n";
      }
    }
  };
  if (ranks > 1) options.tick = takeMessages;
  if (ranks > 1) drillsim::runBatch(platform, *loaded, tasks, options, onRow, stopping);
  else drillsim::runBatch(platform, *loaded, nextTask, options, onRow, stopping);
  // Rank 0's share is done: wait for the others' (a rank that dies ends the whole job: mpirun
  // stops every rank, and what is stored is kept for --resume).
  const auto ownDone = std::chrono::steady_clock::now();
  while (ranks > 1 && ranksDone < ranks - 1 && storeProblem.empty() && !linkLost &&
         !(interrupted && std::chrono::steady_clock::now() - ownDone > std::chrono::seconds(10))) {
    takeMessages();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (storeProblem.empty()) flush();
  // Results held while another program locks the store: keep trying, up to --lock-wait.
  const auto waitFrom = std::chrono::steady_clock::now();
  while (written == StoreWriter::Result::Locked && !interrupted &&
         std::chrono::steady_clock::now() - waitFrom < std::chrono::duration<double>(lockWait)) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    flush();
  }
  if (written == StoreWriter::Result::Locked && !interrupted)
    storeProblem = "still locked by another program after " + std::to_string(long(lockWait)) + " s (--lock-wait)";
  if (progressOut) std::fclose(progressOut);
  sigaction(SIGINT, &previous, nullptr);
  if (bar) {
    progress();
    std::cerr << "\n";
  }
  const std::string resumeLine = "drillsim batch " + scenarioFile +
                                 (args.value("substances") ? " --substances " + *args.value("substances") : "") +
                                 (settings.shards > 1 ? " --shard " + settings.shardText() : "") + " --out ";
  const std::size_t unstored = writer->pending();
  if (written == StoreWriter::Result::Moved) {
    const std::string copy = writer->restore();
    std::size_t inCopy = 0;
    try {
      inCopy = ResultStore::open(copy, false).rows().size();
    } catch (const std::runtime_error&) {
    }
    std::cerr << "drillsim batch: " << storeProblem << ".\nThe " << inCopy << " replications it had stored are in the copy "
              << "written to " << copy << " (if you moved the file, they are also where you put it); the " << unstored
              << " finished since will run again.\nFinish the batch with: " << resumeLine << copy << " --resume\n";
    if (ranks > 1) mpi::abort(kExitCannotWrite);  // the other ranks are still running
    return kExitCannotWrite;
  }
  if (!storeProblem.empty()) {
    std::cerr << "drillsim batch: cannot store results in " << out << ": " << storeProblem << ".\nThe store is intact: "
              << finished - unstored << " of " << total << " replications are in it; the " << unstored
              << " finished but not stored will run again.\nFree space (or release the file) and finish with: "
              << resumeLine << out << " --resume\n";
    if (ranks > 1) mpi::abort(kExitCannotWrite);
    return kExitCannotWrite;
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (interrupted) {
    std::cerr << "drillsim batch: "
              << (ranks > 1 ? "stopped by mpirun (a rank died, or the job was interrupted: mpirun's message says which); "
                            : "interrupted; ")
              << finished - unstored << " of " << total << " replications are stored in "
              << out << (unstored ? " (" + std::to_string(unstored) + " finished while it was locked will run again)" : "")
              << ".\nFinish it with: " << resumeLine << out << " --resume\n";
    if (ranks > 1 && ranksDone < ranks - 1) mpi::abort(130);
    return 130;
  }
  if (linkLost) {
    std::cerr << "drillsim batch: the MPI job lost a rank (mpirun says which, above) and is ending; " << finished - unstored
              << " of " << total << " replications are stored in " << out
              << ".\nFinish it with (under mpirun or not): " << resumeLine << out << " --resume\n";
    return kExitJobLost;
  }
  if (!rankProblems.empty()) {
    std::cerr << rankProblems << "drillsim batch: " << finished << " of " << total << " replications are stored in " << out
              << "; the ranks above ran none of theirs.\nFinish it with: " << resumeLine << out << " --resume\n";
    return kExitInvalidInput;
  }
  const std::vector<ReplicationRow> rows = writer->store().rows();
  writer->close();  // closes the GeoPackage before its summary layers are written
  summariseStore(out, rows, loaded->park, args.value("csv"));
  long failedAll = 0;
  for (const auto& r : rows) failedAll += r.status != "ok";
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f", elapsed > 0 ? double(thisRun) / elapsed : 0.0);
  std::cout << sc.name << ": " << rows.size() << " replications (" << settings.plans.size() << " plans x "
            << settings.replications << ", seed " << settings.seed
            << (settings.shards > 1 ? ", shard " + settings.shardText() + ": replications r with r mod " +
                                          std::to_string(settings.shards) + " = " + std::to_string(settings.shard)
                                    : "")
            << ") in " << out << "; " << thisRun
            << " run now in " << duration(elapsed) << " (" << rate << "/s, "
            << (ranks > 1 ? std::to_string(ranks) + " MPI ranks" : std::to_string(options.jobs) + " jobs") << ")"
            << (failedAll ? "; " + std::to_string(failedAll) + " failed (see the status column; --resume runs them again)" : "")
            << "\n"
            << (settings.shards > 1 ? "Join the shards with: drillsim merge " + scenarioFile + " SHARDS.gpkg... --out FILE.gpkg\n"
                                    : "Compare the plans with: drillsim compare " + out + "\n");
  return kExitOk;
}

}  // namespace drillsim::cli
