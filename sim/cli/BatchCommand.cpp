// drillsim batch: many replications of several plans under common random numbers, stored durably
// in a GeoPackage that `drillsim compare` reads and a GIS opens.
//
// Index (search for "[SECTION] " and the name):
//   Options and interrupts; MPI messages; CSV and summary layers; Help; MPI ranks other than 0;
//   Settings and the store; Progress; Running rank 0's batch; Starting a batch.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/batch/Batch.hpp"
#include "sim/batch/BatchPlan.hpp"
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
    {"plans", true, i18n::kNoop("plans to run, separated by commas (default: every plan)"), "A,B,..."},
    {"replications", true, i18n::kNoop("replications per plan (default: the scenario's monte_carlo.replications)"), "N"},
    {"seed", true, i18n::kNoop("random seed (default: the scenario's monte_carlo.seed)"), "S"},
    {"jobs", true, i18n::kNoop("replications run at once (default: the machine's cores)"), "J"},
    {"out", true, i18n::kNoop("results GeoPackage (default: SCENARIO-NAME.results.gpkg here)"), "FILE.gpkg"},
    {"resume", false, i18n::kNoop("finish the batch stored in --out, running only what it lacks"), ""},
    {"shard", true, i18n::kNoop("run only replications r with r mod n = i, for a job array; join the shards with drillsim merge"), "i/n"},
    {"csv", true, i18n::kNoop("also write one row per (plan, replication) as CSV"), "FILE.csv"},
    {"time-limit", true, i18n::kNoop("wall-clock seconds one replication may take before it is stopped (default 300)"), "S"},
    {"lock-wait", true, i18n::kNoop("seconds to keep results in memory while another program locks the store (default 600)"), "S"},
    {"quiet", false, i18n::kNoop("no progress bar"), ""},
    {"progress-fd", true, i18n::kNoop("also write progress as JSON lines to this open file descriptor (for the front end)"), "FD"},
    {"model", true, i18n::kNoop("dispersion of toxic releases: auto (dense or passive by Britter-McQuaid's criterion, the default), passive or dense"), "MODEL"},
    {"substances", true, i18n::kNoop("substance table to use (default: the bundled data/substances.csv)"), "FILE"},
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
  return std::string(tr("Usage: drillsim batch SCENARIO.yaml [options]\n\n"
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
         "zone_summary and shelter_summary).\n\n")) +
         describeOptions(kOptions) + tr("\nExit codes: 0 done, 2 the scenario is invalid or does not match the stored batch, 64 bad command\n"
         "line, 73 the results cannot be written, 75 an MPI batch lost a rank, 130 interrupted (what\n"
         "finished is kept in every case; --resume runs the rest).\n");
}

// [SECTION] MPI ranks other than 0: their share of the work, sent to rank 0
namespace {
// A rank other than 0 in an MPI batch: told the work by rank 0, it runs its share with its own
// workers and sends the rows to rank 0 as they finish.
int runBatchRank(const Args& args, std::optional<LoadedScenario>& loaded, int rank, int ranks) {
  const auto work = nlohmann::json::parse(mpi::broadcast(""));
  if (work.contains("stop")) return kExitOk;  // rank 0 says why and gives the exit code
  if (!loaded) {
    mpi::sendToRoot(nlohmann::json{{"ran", 0}, {"error", tf("cannot load {1} there", args.positional()[0])}}.dump(),
                    kTagDone);
    return kExitOk;
  }
  loaded->scenario.dispersion = dispersionModel(work.value("model", "auto")).value_or(DispersionModel::Auto);
  std::vector<BatchTask> all;
  for (const auto& t : work.at("tasks")) all.push_back({t.at(0).get<std::string>(), t.at(1).get<int>()});
  const std::vector<BatchTask> mine = shareOfRank(all, rank, ranks);
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

// [SECTION] Settings and the store: what was asked, the store created or resumed
namespace {
/// The batch's settings as asked on the command line, over the scenario's own.
BatchSettings askedSettings(const Args& args, const Scenario& sc, const std::string& scenarioFile) {
  std::vector<std::string> allPlans;
  for (const auto& p : sc.plans) allPlans.push_back(p.id);
  BatchSettings settings;
  settings.scenarioFile = scenarioFile;
  settings.scenarioHash = fileHash(scenarioFile);
  settings.program = "drillsim " DRILLSIM_VERSION;
  settings.seed = args.count("seed", sc.monte_carlo.seed);
  settings.replications = int(args.count("replications", std::uint64_t(sc.monte_carlo.replications)));
  if (settings.replications < 1 || settings.replications > 10000000)
    throw UsageError(tr("--replications: expected a whole number from 1 to 10000000"));
  settings.plans = args.value("plans") ? splitList(*args.value("plans")) : allPlans;
  settings.model = dispersionName(sc.dispersion);
  if (auto shard = args.value("shard"); shard && !parseShard(*shard, settings))
    throw UsageError(tf("--shard: expected i/n with 0 <= i < n <= 100000 (e.g. 3/8: the fourth of eight), found {1}",
                        inQuotes(*shard)));
  for (const auto& p : settings.plans)
    if (!sc.plan(p)) throw UsageError(tf("--plans: no plan {1}; {2}", inQuotes(p), expectedOneOf(p, allPlans)));
  return settings;
}

/// The store: created, or opened with --resume when it matches what was asked (then the stored
/// settings and model replace those asked). Nothing, with the message printed, when it cannot be
/// resumed; throws for a store in use, locked, damaged or that cannot be created.
std::optional<StoreWriter> openStore(const Args& args, const std::string& out, BatchSettings& settings,
                                     LoadedScenario& loaded, BatchOptions& options) {
  // The rows the batch reads back at its end must fit: checked before anything is written.
  const auto checkFits = [&] { checkBatchFits(loaded, double(settings.heldReplications()) * double(settings.plans.size())); };
  if (!args.flag("resume")) {
    checkFits();
    return StoreWriter::create(out, settings);
  }
  if (!std::filesystem::exists(out)) throw UsageError(tf("--resume: {1} does not exist; run without --resume to start it", out));
  std::optional<StoreWriter> writer;
  try {
    writer.emplace(StoreWriter::resume(out));
  } catch (const OutputError&) {  // in use, or locked by another program: exit 73
    throw;
  } catch (const InputError&) {  // a damaged store: located, exit 2
    throw;
  } catch (const std::runtime_error& e) {
    std::cerr << "drillsim batch: " << e.what() << "\n";
    return std::nullopt;
  }
  const BatchSettings& stored = writer->store().settings();
  const std::string mismatch =
      resumeMismatch(stored, settings,
                     {bool(args.value("seed")), bool(args.value("replications")), bool(args.value("plans")),
                      bool(args.value("model")), bool(args.value("shard"))});
  if (!mismatch.empty()) {
    std::cerr << "drillsim batch: " << tf("cannot resume {1}: {2}; start a new batch with another --out", out, mismatch)
              << "\n";
    return std::nullopt;
  }
  settings = stored;
  options.seed = stored.seed;
  loaded.scenario.dispersion = *dispersionModel(stored.model);  // the model the batch began with
  checkFits();
  return writer;
}

// [SECTION] Progress: the bar on the terminal and the JSON lines for the front end
class Progress {
 public:
  explicit Progress(const Args& args) : bar_(!args.flag("quiet") && isatty(STDERR_FILENO)) {
    if (!args.value("progress-fd")) return;
    const int fd = int(args.count("progress-fd", 0));
    out_ = fd > 2 ? fdopen(fd, "w") : nullptr;
    if (!out_) throw UsageError(tr("--progress-fd: expected an open file descriptor above 2"));
  }
  ~Progress() {
    if (out_) std::fclose(out_);
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }
  /// Replications run in this invocation per second so far.
  double rate(std::size_t thisRun) const { return elapsed() > 0 ? double(thisRun) / elapsed() : 0; }

  void show(std::size_t finished, std::size_t total, std::size_t failed, std::size_t thisRun) {
    if (bar_) drawBar(finished, total, failed, thisRun);
    if (out_) {  // {"done": D, "total": T, "failed": F, "rate": R} per line
      std::fprintf(out_, "{\"done\": %zu, \"total\": %zu, \"failed\": %zu, \"rate\": %.3f}\n", finished, total, failed,
                   rate(thisRun));
      std::fflush(out_);
    }
  }
  /// The bar's last state, and the end of its line.
  void end(std::size_t finished, std::size_t total, std::size_t failed, std::size_t thisRun) {
    if (out_) std::fclose(out_);
    out_ = nullptr;
    if (!bar_) return;
    drawBar(finished, total, failed, thisRun);
    std::cerr << "\n";
  }

 private:
  void drawBar(std::size_t finished, std::size_t total, std::size_t failed, std::size_t thisRun) const {
    const double r = rate(thisRun);
    const double share = total ? double(finished) / double(total) : 1;
    std::string line = "\r[";
    for (int i = 0; i < 30; ++i) line += i < int(share * 30) ? '#' : '.';
    char rateText[32];
    std::snprintf(rateText, sizeof rateText, "%.1f", r);
    const std::string left = r > 0 ? duration(double(total - finished) / r) : "?";
    line += "] ";
    line += failed ? tf("{1}/{2}  {3} rep/s  left {4}, {5} failed", finished, total, rateText, left, failed)
                   : tf("{1}/{2}  {3} rep/s  left {4}", finished, total, rateText, left);
    std::cerr << line << " " << std::flush;
  }
  bool bar_;
  FILE* out_ = nullptr;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// [SECTION] Running rank 0's batch: its share, the other ranks' rows, the store, how it ended
class Rank0Batch {
 public:
  Rank0Batch(const Args& args, LoadedScenario& loaded, std::string out, BatchSettings settings, BatchOptions options,
             StoreWriter& writer, int ranks)
      : args_(args), loaded_(loaded), out_(std::move(out)), settings_(std::move(settings)), options_(std::move(options)),
        writer_(writer), ranks_(ranks), plan_(settings_, writer.store().rows()), progress_(args),
        feed_(writer, [this](StoreWriter::Result before, StoreWriter::Result now) { storeChanged(before, now); }) {
    finished_ = plan_.done();
  }

  /// An MPI batch: every rank is told the work (what is not stored yet) and takes its share.
  void shareTheWork(StopOthersUnlessReleased& stopOthers) {
    tasks_ = plan_.rest();
    nlohmann::json work{{"seed", options_.seed}, {"model", settings_.model}, {"tasks", nlohmann::json::array()}};
    for (const BatchTask& t : tasks_) work["tasks"].push_back({t.plan, t.replication});
    stopOthers.armed = false;
    mpi::broadcast(work.dump());
    tasks_ = shareOfRank(tasks_, 0, ranks_);
  }

  int run() {
    Platform platform(loaded_);
    const struct sigaction previous = catchInterrupts();
    const auto onRow = [this](ReplicationRow row) { addRow(std::move(row)); };
    if (ranks_ > 1) {
      options_.tick = [this] { takeMessages(); };
      drillsim::runBatch(platform, loaded_, tasks_, options_, onRow, stopping);
    } else {
      drillsim::runBatch(platform, loaded_, [this](BatchTask& t) { return plan_.next(t); }, options_, onRow, stopping);
    }
    waitForOtherRanks();
    if (!feed_.stopped()) feed_.flush();
    // Results held while another program locks the store: keep trying, up to --lock-wait.
    feed_.retryWhileLocked(args_.number("lock-wait", 0, 1e6, 600), interrupted);
    progress_.end(finished_, plan_.total(), failed_, thisRun_);
    sigaction(SIGINT, &previous, nullptr);
    return finish();
  }

 private:
  void addRow(ReplicationRow row) {
    failed_ += row.status != "ok";
    ++finished_;
    ++thisRun_;
    feed_.add(std::move(row));
    progress_.show(finished_, plan_.total(), failed_, thisRun_);
  }

  void storeChanged(StoreWriter::Result before, StoreWriter::Result now) {
    if (now == StoreWriter::Result::Locked)
      std::cerr << "\ndrillsim batch: "
                << tf("{1} is locked by another program; results are held and written when it is released", out_)
                << "\n";
    if (now == StoreWriter::Result::Stored && before == StoreWriter::Result::Locked)
      std::cerr << "\ndrillsim batch: " << tf("{1} is released; the results held are stored", out_) << "\n";
    if (now == StoreWriter::Result::Failed || now == StoreWriter::Result::Moved) stopping = true;
  }

  /// The other ranks' rows, as they arrive; the ranks that have sent all they will.
  void takeMessages() {
    std::string text;
    int tag = 0, from = 0;
    for (;;) {
      try {
        if (linkLost_ || !mpi::receive(text, tag, from)) return;
      } catch (const mpi::LinkLost&) {  // mpirun is ending the job: keep what arrived, stop
        linkLost_ = true;
        stopping = true;
        return;
      }
      const auto message = nlohmann::json::parse(text);
      if (tag == kTagRows)
        for (ReplicationRow& row : rowsFromJson(message)) addRow(std::move(row));
      if (tag == kTagDone) {
        ++ranksDone_;
        if (!message.value("error", "").empty())
          rankProblems_ += tf("rank {1}: {2}", from, message.value("error", "")) + "\n";
      }
    }
  }

  /// Rank 0's share is done: wait for the others' (a rank that dies ends the whole job: mpirun
  /// stops every rank, and what is stored is kept for --resume).
  void waitForOtherRanks() {
    const auto ownDone = std::chrono::steady_clock::now();
    while (ranks_ > 1 && ranksDone_ < ranks_ - 1 && !feed_.stopped() && !linkLost_ &&
           !(interrupted && std::chrono::steady_clock::now() - ownDone > std::chrono::seconds(10))) {
      takeMessages();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  /// How the batch ended, said with what to run next; the summary layers when it is complete.
  int finish() {
    const std::string resumeLine = "drillsim batch " + settings_.scenarioFile +
                                   (args_.value("substances") ? " --substances " + *args_.value("substances") : "") +
                                   (settings_.shards > 1 ? " --shard " + settings_.shardText() : "") + " --out ";
    const std::size_t unstored = writer_.pending(), total = plan_.total();
    if (feed_.state() == StoreWriter::Result::Moved) {
      const std::string copy = writer_.restore();
      std::size_t inCopy = 0;
      try {
        inCopy = ResultStore::open(copy, false).rows().size();
      } catch (const std::runtime_error&) {
      }
      std::cerr
          << "drillsim batch: "
          << tf("{1}.\nThe {2} replications it had stored are in the copy written to {3} (if you moved the file, they "
                "are also where you put it); the {4} finished since will run again.\nFinish the batch with: {5}",
                feed_.problem(), inCopy, copy, unstored, resumeLine + copy + " --resume")
          << "\n";
      if (ranks_ > 1) mpi::abort(kExitCannotWrite);  // the other ranks are still running
      return kExitCannotWrite;
    }
    if (feed_.stopped()) {
      std::cerr
          << "drillsim batch: "
          << tf("cannot store results in {1}: {2}.\nThe store is intact: {3} of {4} replications are in it; the {5} "
                "finished but not stored will run again.\nFree space (or release the file) and finish with: {6}",
                out_, feed_.problem(), finished_ - unstored, total, unstored, resumeLine + out_ + " --resume")
          << "\n";
      if (ranks_ > 1) mpi::abort(kExitCannotWrite);
      return kExitCannotWrite;
    }
    if (interrupted) {
      const std::size_t stored = finished_ - unstored;
      const std::string again = resumeLine + out_ + " --resume";
      std::string said;
      if (ranks_ > 1)
        said = unstored
                   ? tf("stopped by mpirun (a rank died, or the job was interrupted: mpirun's message says which); {1} "
                        "of {2} replications are stored in {3} ({4} finished while it was locked will run again).\n"
                        "Finish it with: {5}",
                        stored, total, out_, unstored, again)
                   : tf("stopped by mpirun (a rank died, or the job was interrupted: mpirun's message says which); {1} "
                        "of {2} replications are stored in {3}.\nFinish it with: {4}",
                        stored, total, out_, again);
      else
        said = unstored
                   ? tf("interrupted; {1} of {2} replications are stored in {3} ({4} finished while it was locked will "
                        "run again).\nFinish it with: {5}",
                        stored, total, out_, unstored, again)
                   : tf("interrupted; {1} of {2} replications are stored in {3}.\nFinish it with: {4}", stored, total,
                        out_, again);
      std::cerr << "drillsim batch: " << said << "\n";
      if (ranks_ > 1 && ranksDone_ < ranks_ - 1) mpi::abort(130);
      return 130;
    }
    if (linkLost_) {
      std::cerr
          << "drillsim batch: "
          << tf("the MPI job lost a rank (mpirun says which, above) and is ending; {1} of {2} replications are stored "
                "in {3}.\nFinish it with (under mpirun or not): {4}",
                finished_ - unstored, total, out_, resumeLine + out_ + " --resume")
          << "\n";
      return kExitJobLost;
    }
    if (!rankProblems_.empty()) {
      std::cerr
          << rankProblems_ << "drillsim batch: "
          << tf("{1} of {2} replications are stored in {3}; the ranks above ran none of theirs.\nFinish it with: {4}",
                finished_, total, out_, resumeLine + out_ + " --resume")
          << "\n";
      return kExitInvalidInput;
    }
    const std::vector<ReplicationRow> rows = writer_.store().rows();
    writer_.close();  // closes the GeoPackage before its summary layers are written
    summariseStore(out_, rows, loaded_.park, args_.value("csv"));
    printDone(rows);
    return kExitOk;
  }

  void printDone(const std::vector<ReplicationRow>& rows) const {
    long failedAll = 0;
    for (const auto& r : rows) failedAll += r.status != "ok";
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.1f", progress_.rate(thisRun_));
    const BatchSettings& s = settings_;
    const std::string& name = loaded_.scenario.name;
    std::cout << (s.shards > 1
                      ? tf("{1}: {2} replications ({3} plans x {4}, seed {5}, shard {6}: replications r with r mod {7} "
                           "= {8}) in {9}",
                           name, rows.size(), s.plans.size(), s.replications, s.seed, s.shardText(), s.shards, s.shard,
                           out_)
                      : tf("{1}: {2} replications ({3} plans x {4}, seed {5}) in {6}", name, rows.size(),
                           s.plans.size(), s.replications, s.seed, out_))
              << tf("; {1} run now in {2} ({3}/s, {4})", thisRun_, duration(progress_.elapsed()), rate,
                    ranks_ > 1 ? tf("{1} MPI ranks", ranks_) : tf("{1} jobs", options_.jobs))
              << (failedAll ? tf("; {1} failed (see the status column; --resume runs them again)", failedAll) : "")
              << "\n"
              << (s.shards > 1 ? tf("Join the shards with: {1}",
                                    "drillsim merge " + s.scenarioFile + " SHARDS.gpkg... --out FILE.gpkg")
                               : tf("Compare the plans with: {1}", "drillsim compare " + out_))
              << "\n";
  }

  const Args& args_;
  LoadedScenario& loaded_;
  const std::string out_;
  const BatchSettings settings_;
  BatchOptions options_;
  StoreWriter& writer_;
  const int ranks_;
  BatchPlan plan_;
  std::vector<BatchTask> tasks_;  // rank 0's share, in an MPI batch
  Progress progress_;
  StoreFeed feed_;
  std::size_t finished_ = 0, failed_ = 0, thisRun_ = 0;
  int ranksDone_ = 0;
  std::string rankProblems_;
  bool linkLost_ = false;
};
}  // namespace

// [SECTION] Starting a batch: MPI, the scenario, then rank 0's batch or another rank's share
int runBatch(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  // Under mpirun every rank runs this; rank 0 keeps the store and hands out the replications.
  int rank = 0, ranks = 1;
  if (mpi::underMpirun()) {
    if (!mpi::available())
      throw UsageError(tr("started by mpirun, but this drillsim was built without MPI (install libopenmpi-dev and build "
                          "again); or split the batch with --shard i/n and join the shards with drillsim merge"));
    mpi::init(rank, ranks);
  }
  struct Finalize {  // last, after the other ranks are told to stop
    bool on;
    ~Finalize() {
      if (on) mpi::finalize();
    }
  } finalize{true};  // nothing when no MPI helper was started
  if (ranks > 1 && args.value("shard")) throw UsageError(tr("--shard: not with mpirun, which splits the batch itself"));
  if (ranks > 1 && args.value("progress-fd")) throw UsageError(tr("--progress-fd: not with mpirun"));
  StopOthersUnlessReleased stopOthers{ranks > 1 && rank == 0};
  std::optional<LoadedScenario> loaded;
  if (rank == 0) {
    loaded = loadScenarioArgument(args);
  } else {  // the same files: rank 0 has printed their warnings
    if (args.positional().size() != 1) throw UsageError(tr("expected exactly one scenario file"));
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
  const std::string scenarioFile = args.positional()[0];
  const std::string out = args.value("out").value_or(std::filesystem::path(scenarioFile).stem().string() + ".results.gpkg");
  BatchSettings settings = askedSettings(args, loaded->scenario, scenarioFile);
  BatchOptions options;
  options.seed = settings.seed;
  options.timeLimit_s = args.number("time-limit", 1, 1e6, 300);
  std::string fewer;
  options.jobs = jobsThatFit(*loaded, args.jobs(), fewer);  // refuses a scenario too large before anything is written
  if (!fewer.empty()) std::cerr << "drillsim batch: " << fewer << "\n";
  args.number("lock-wait", 0, 1e6, 600);  // checked before the store is touched
  std::optional<StoreWriter> writer = openStore(args, out, settings, *loaded, options);
  if (!writer) return kExitInvalidInput;
  Rank0Batch batch(args, *loaded, out, settings, options, *writer, ranks);
  if (ranks > 1) batch.shareTheWork(stopOthers);
  return batch.run();
}

}  // namespace drillsim::cli
