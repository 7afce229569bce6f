#pragma once
// The durable results of a Monte Carlo batch (DESIGN.md section 5): a GeoPackage, SQLite inside,
// written through GDAL. It holds the batch's settings, one row per (plan, replication) with its
// status and every scalar metric, and, once the batch is summarised, layers QGIS opens: per-zone
// and per-shelter summaries for each plan. Rows are committed in transactions, so a batch killed
// at any moment leaves a readable store that `--resume` completes without losing or repeating a
// replication.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/TextFile.hpp"
#include "scenarios/Validation.hpp"

namespace drillsim {

/// The store cannot be read or written now because another program (sqlite3, a GIS editing it)
/// holds its database lock: SQLite's own result code said so, not the wording of a message.
struct StoreLocked : OutputError {
  using OutputError::OutputError;
};

/// The scalar metrics of a replication by their stable names, in the order the table stores them;
/// NaN where the metric did not happen (e.g. a team never arrived).
std::vector<std::pair<std::string, double>> scalarMetrics(const nlohmann::json& metrics);
/// Their names alone, in the same order.
const std::vector<std::string>& scalarMetricNames();

struct BatchSettings {
  std::string scenarioFile;
  std::string scenarioHash;  // FNV-1a 64 of the scenario file's bytes, hexadecimal
  std::string program;       // DrillSim version
  std::uint64_t seed = 0;
  int replications = 0;
  std::vector<std::string> plans;
  /// The dispersion model of its toxic releases (batch --model); a store written before the model
  /// was a setting was run with the passive plume.
  std::string model = "auto";
  /// A batch split for a job array (`--shard i/n`) holds the replications r with r mod n = i;
  /// n = 1 for a whole batch.
  int shard = 0, shards = 1;

  bool holds(int replication) const { return replication % shards == shard; }
  /// How many of the replications 0 .. replications-1 this store holds.
  long heldReplications() const { return shard < replications ? (replications - shard + shards - 1) / shards : 0; }
  /// "i/n", or "" for a whole batch.
  std::string shardText() const { return shards > 1 ? std::to_string(shard) + "/" + std::to_string(shards) : ""; }
};

/// Reads "i/n" (0 <= i < n <= 100000) into settings; false when the text is not that.
bool parseShard(const std::string& text, BatchSettings& settings);

struct ReplicationRow {
  std::string plan;
  int replication = 0;
  std::string status;  // ok | failed | timeout
  std::string error;   // why it failed
  nlohmann::json metrics;  // the replication's full metrics (null when it failed)
};

/// Why a replication's stored metrics cannot be read by compare, the summaries or the front end
/// ("" when they can): not an object, a scalar metric that is not a number, a shelter, team or
/// zone entry without its numbers. A store is a file a user may have edited or damaged.
std::string metricsProblem(const nlohmann::json& metrics);

/// A stored row as read back: metrics text that does not parse or fails metricsProblem, or a
/// status other than ok/failed/timeout, makes the row a failed one that says why, never a crash
/// later on.
ReplicationRow storedRow(std::string plan, int replication, std::string status, std::string error,
                         const std::string& metricsText);
/// The batch settings from the key/value table; throws std::runtime_error naming `path` and the
/// key when the seed, replications or format is missing or not valid.
BatchSettings storedSettings(const std::map<std::string, std::string>& values, const std::string& path);

class ResultStore {
 public:
  /// Creates a new store; throws OutputError when the file exists or cannot be created.
  static ResultStore create(const std::string& path, const BatchSettings& settings);
  /// Opens an existing store to add rows; throws std::runtime_error when it is not a DrillSim
  /// results store, and the damaged-store error (an InputError) when SQLite's check of its pages
  /// fails or its settings do not match their checksum.
  static ResultStore open(const std::string& path, bool update);
  ~ResultStore();
  ResultStore(ResultStore&&) noexcept;
  ResultStore& operator=(ResultStore&&) noexcept;

  const BatchSettings& settings() const { return settings_; }
  /// Every row stored, in plan then replication order. Throws the damaged-store error (an
  /// InputError) when SQLite fails while reading, fewer rows are read than the store counts, or a
  /// row does not match its checksum.
  std::vector<ReplicationRow> rows() const;
  /// Adds rows in one transaction (committed when this returns).
  void add(const std::vector<ReplicationRow>& rows);

 private:
  ResultStore() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  BatchSettings settings_;
};

/// The summary layers of a batch for a GIS, from its rows: zone_summary (the zones' polygons, one
/// feature per plan and zone: mean persons over AEGL-2, share of replications with anyone over
/// AEGL-2, mean expected fatalities, share of replications it burnt; the columns of ZoneSummary in
/// sim/batch/ZoneSummary.hpp) and shelter_summary (points: mean peak, share overflowing, mean
/// overflow).
std::pair<std::vector<OutFeature>, std::vector<OutFeature>> summaryLayers(const std::vector<ReplicationRow>& rows,
                                                                          const Park& park);

/// The error for a damaged results store: what is damaged (`where`: a table or a row; `what`: the
/// finding) and how to recover: `compare --salvage` into a new store, then `batch --resume` on it
/// (or, when nothing can be salvaged, a backup or a new batch).
InputError damagedStore(const std::string& path, const std::string& where, const std::string& what,
                        const std::string& scenarioFile, bool salvageable = true);

struct SalvageReport {
  BatchSettings settings;
  std::size_t expected = 0;    // rows the damaged store counts
  std::size_t copied = 0;      // rows copied (one per replication and plan)
  std::size_t ok = 0;          // of which succeeded
  std::size_t unreadable = 0;  // rows that could not be read or failed their checks
};
/// Copies every row of the store at `path` that can still be read and passes its checks into a new
/// store at `out` with the same settings, so that `batch --resume` on it runs what is missing.
/// Reads row by row, so that a damaged page loses only the rows on it. Throws the damaged-store
/// error when the settings cannot be read, OutputError when `out` exists or cannot be written.
SalvageReport salvageStore(const std::string& path, const std::string& out);

/// FNV-1a 64 of a file's bytes as 16 hexadecimal digits ("" when unreadable).
std::string fileHash(const std::string& path);
/// "A, B,C" -> {"A", "B", "C"}: the plans of a batch as the command line and the store write them.
std::vector<std::string> splitList(const std::string& text);

}  // namespace drillsim
