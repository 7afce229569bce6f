// drillsim merge: the shards of a batch run as a job array (`batch --shard i/n` on several
// machines) joined into one results store, as if one machine had run the batch.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/batch/ResultStore.hpp"
#include "sim/batch/StoreWriter.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"out", true, i18n::kNoop("the merged results store to create (required)"), "FILE.gpkg"},
    {"csv", true, i18n::kNoop("also write one row per (plan, replication) as CSV"), "FILE.csv"},
    {"substances", true, i18n::kNoop("substance table to use (default: the bundled data/substances.csv)"), "FILE"},
};

// Why shard `s` (read from `path`) cannot join the batch `first` (read from `firstPath`), or "".
std::string mismatch(const BatchSettings& s, const BatchSettings& first, const std::string& firstPath) {
  if (s.seed != first.seed) return tf("seed {1}, {2} seed {3}", s.seed, firstPath, first.seed);
  if (s.replications != first.replications)
    return tf("{1} replications per plan, {2} {3}", s.replications, firstPath, first.replications);
  if (s.plans != first.plans) return tf("other plans than {1}", firstPath);
  if (s.model != first.model) return tf("dispersion model {1}, {2} {3}", s.model, firstPath, first.model);
  const auto split = [](int n) { return n > 1 ? tf("a shard of {1}", n) : std::string(tr("a whole batch")); };
  if (s.shards != first.shards) return tf("it is {1}, {2} {3}", split(s.shards), firstPath, split(first.shards));
  if (s.program != first.program) return tf("run by {1}, {2} by {3}", s.program, firstPath, first.program);
  return "";
}
}  // namespace

std::string helpMerge() {
  return std::string(tr("Usage: drillsim merge SCENARIO.yaml SHARD.gpkg... --out FILE.gpkg [options]\n\n"
         "Joins the stores of a batch split with `drillsim batch --shard i/n` (one per job of a job\n"
         "array, each on its own machine) into one store, the same as one machine running the whole\n"
         "batch would have written: `drillsim compare` and `batch --csv` give identical figures. The\n"
         "shards must come from the same scenario file (checked by its hash), seed, replications,\n"
         "plans and DrillSim version. Shards that are missing or unfinished are allowed: the merged\n"
         "store says what it lacks, and `drillsim batch SCENARIO.yaml --out FILE.gpkg --resume`\n"
         "runs only that.\n\n")) +
         describeOptions(kOptions) + tr("\nExit codes: 0 done, 2 a shard is unreadable or not of this batch, 64 bad command line, 73 the\n"
         "merged store cannot be written.\n");
}

int runMerge(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  const auto& positional = args.positional();
  if (positional.size() < 2) throw UsageError(tr("expected the scenario file, then one or more shard stores"));
  const auto out = args.value("out");
  if (!out) throw UsageError(tr("--out: expected the merged store's file name"));
  const std::string& scenarioFile = positional[0];
  Diagnostics diagnostics;
  const auto loaded = loadAndValidate(scenarioFile, diagnostics, args.value("substances", ""));
  printDiagnostics(diagnostics);
  if (!loaded) return kExitInvalidInput;
  const std::string hash = fileHash(scenarioFile);
  if (std::filesystem::exists(*out)) {
    std::cerr << "drillsim merge: " << tf("{1} already exists; choose another --out (merge writes a new store)", *out)
              << "\n";
    return kExitCannotWrite;
  }

  std::optional<BatchSettings> first;
  std::string firstPath;
  std::map<int, std::string> shardFiles;  // shard index -> its file
  std::vector<ReplicationRow> rows;
  for (std::size_t k = 1; k < positional.size(); ++k) {
    const std::string& path = positional[k];
    if (const std::string problem = inputPathProblem(path, false); !problem.empty()) {
      std::cerr << "drillsim merge: " << path << ": " << problem << "\n";
      return kExitInvalidInput;
    }
    std::optional<ResultStore> store;
    try {
      store.emplace(ResultStore::open(path, false));
    } catch (const InputError&) {  // a damaged store: located, exit 2
      throw;
    } catch (const std::runtime_error& e) {
      std::cerr << "drillsim merge: " << e.what() << "\n";
      return kExitInvalidInput;
    }
    const BatchSettings& s = store->settings();
    std::string problem;
    if (s.scenarioHash != hash)
      problem = tf("it was run on another version of the scenario file ({1} then, {2} now)", s.scenarioHash, hash);
    else if (first)
      problem = mismatch(s, *first, firstPath);
    if (problem.empty() && shardFiles.count(s.shard)) {
      std::error_code ec;
      std::cerr << "drillsim merge: "
                << (std::filesystem::equivalent(path, shardFiles[s.shard], ec)
                        ? tf("{1} is given twice; give each shard once", path)
                        : tf("{1} and {2} are both shard {3}; give each shard once", path, shardFiles[s.shard],
                             s.shards > 1 ? s.shardText() : std::string("0/1")))
                << "\n";
      return kExitInvalidInput;
    }
    if (!problem.empty()) {
      std::cerr << "drillsim merge: " << tf("{1} is not a shard of this batch: {2}", path, problem) << "\n";
      return kExitInvalidInput;
    }
    for (ReplicationRow& r : store->rows()) {
      if (r.replication < 0 || r.replication >= s.replications || !s.holds(r.replication) ||
          std::find(s.plans.begin(), s.plans.end(), r.plan) == s.plans.end()) {
        std::cerr << "drillsim merge: "
                  << tf("{1} holds {2}/{3}, which shard {4} of this batch does not run; the store is damaged or not of "
                        "this batch",
                        path, r.plan, r.replication, s.shardText())
                  << "\n";
        return kExitInvalidInput;
      }
      rows.push_back(std::move(r));
    }
    shardFiles[s.shard] = path;
    if (!first) {
      first = s;
      firstPath = path;
    }
  }

  BatchSettings merged = *first;
  merged.shard = 0;
  merged.shards = 1;
  std::optional<StoreWriter> writer;
  writer.emplace(StoreWriter::create(*out, merged));  // OutputError (exit 73) when it exists
  std::string message;
  const std::size_t count = rows.size();
  if (writer->write(rows, message) != StoreWriter::Result::Stored) {
    std::cerr << "drillsim merge: " << tf("cannot write {1}: {2}", *out, message) << "\n";
    return kExitCannotWrite;
  }
  const std::vector<ReplicationRow> stored = writer->store().rows();
  writer->close();
  summariseStore(*out, stored, loaded->park, args.value("csv"));

  std::size_t ok = 0;
  for (const auto& r : stored) ok += r.status == "ok";
  const std::size_t total = std::size_t(merged.replications) * merged.plans.size();
  std::string absent;
  for (int i = 0; i < first->shards; ++i)
    if (!shardFiles.count(i))
      absent +=
          (absent.empty() ? "" : tc("list of names", ", ")) + std::to_string(i) + "/" + std::to_string(first->shards);
  std::cout << loaded->scenario.name << ": "
            << tf("{1} of {2} shard(s) merged into {3}: {4} replications stored, {5} of {6} succeeded ({7} plans x "
                  "{8}, seed {9})",
                  shardFiles.size(), first->shards, *out, count, ok, total, merged.plans.size(), merged.replications,
                  merged.seed)
            << "\n";
  if (!absent.empty()) std::cout << tf("Shards not given: {1}", absent) << "\n";
  if (ok < total)
    std::cout
        << tf("{1} replications are missing or failed; run only those with: drillsim batch {2} --out {3} --resume",
              total - ok, scenarioFile, *out)
        << "\n";
  std::cout << tf("Compare the plans with: drillsim compare {1}", *out) << "\n";
  return kExitOk;
}

}  // namespace drillsim::cli
