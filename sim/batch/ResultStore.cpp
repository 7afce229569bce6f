// The results store of a batch: a GeoPackage of settings and one row per replication, with the
// checksums and checks that keep a damaged store from giving figures, its salvage, and the
// summary layers.
//
// Index (search for "[SECTION] " and the name):
//   Checksums and messages; Scalar metrics; Creating; Opening and its checks; Settings; Rows read
//   back; Salvage; Adding rows; Summary layers.
#include "sim/batch/ResultStore.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>
#include <sstream>
#include <stdexcept>

#include "scenarios/GdalChecks.hpp"
#include "scenarios/I18n.hpp"
#include "scenarios/RandomStream.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/batch/ZoneSummary.hpp"

namespace drillsim {

// [SECTION] Checksums and messages for a damaged store
namespace {
constexpr const char* kSettingsTable = "batch_settings";
constexpr const char* kRowsTable = "replications";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double number(const nlohmann::json& j) { return j.is_number() ? j.get<double>() : kNaN; }

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

// The version of the checksums a store's rows and settings carry (batch_settings.checksums).
constexpr const char* kChecksums = "fnv1a64 1";

std::string hex16(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// batch_settings.rows: the number of rows the store holds, updated in the transaction that adds
// them (GDAL's own count in gpkg_ogr_contents is not: it is off after a rolled-back write).
constexpr const char* kRowCountKey = "rows";

// FNV-1a 64 over the settings' "key=value" lines in key order, the checksum itself and the row
// count (which changes with every write) left out.
std::string settingsChecksum(const std::map<std::string, std::string>& values) {
  std::string text;
  for (const auto& [k, v] : values)
    if (k != "settings_fnv1a64" && k != kRowCountKey) text += k + "=" + v + "\n";
  return hex16(fnv1a64(text));
}

// FNV-1a 64 over what a row holds, as stored: plan, replication, seed, status, error, metrics.
std::string rowChecksum(const std::string& plan, int replication, const std::string& seed, const std::string& status,
                        const std::string& error, const std::string& metricsText) {
  const char sep = '\x1f';
  return hex16(fnv1a64(plan + sep + std::to_string(replication) + sep + seed + sep + status + sep + error + sep +
                       metricsText));
}

// "out.gpkg" -> "out.salvaged.gpkg": where the readable rows of a damaged store are copied.
std::string salvagePath(const std::string& path) {
  const std::filesystem::path p(path);
  return (p.parent_path() / (p.stem().string() + ".salvaged.gpkg")).string();
}

}  // namespace

InputError damagedStore(const std::string& path, const std::string& where, const std::string& what,
                        const std::string& scenarioFile, bool salvageable) {
  const std::string salvaged = salvagePath(path);
  const std::string scenario = scenarioFile.empty() ? std::string("SCENARIO.yaml") : scenarioFile;
  Diagnostics d;
  d.error({path, 0, 0, where}, "",
          salvageable
              ? tf("the results store is damaged: {1}. No figures are read from a damaged store. Copy the rows that "
                   "can still be read into a new store with `drillsim compare {2} --salvage {3}`, then run what is "
                   "missing into it with `drillsim batch {4} --out {3} --resume`",
                   what, path, salvaged, scenario)
              : tf("the results store is damaged: {1}. No figures are read from a damaged store. Restore it from a "
                   "backup, or run the batch again into a new store with `drillsim batch {2} --out NEW.gpkg`",
                   what, scenario));
  return InputError(std::move(d));
}

// [SECTION] Scalar metrics and small helpers
const std::vector<std::string>& scalarMetricNames() {
  static const std::vector<std::string> names = {
      "clearance_s",         "arrival_p50_s",      "arrival_p90_s",    "arrival_p95_s",   "population",
      "sheltered",           "unsheltered",        "sheltered_in_place", "not_ordered",     "persons_over_aegl2",
      "persons_over_aegl3",  "expected_fatalities", "zones_burnt",       "persons_over_5kw", "persons_in_fire",
      "shelter_overflow",    "shelters_overflowing", "first_team_arrival_s"};
  return names;
}

std::vector<std::pair<std::string, double>> scalarMetrics(const nlohmann::json& m) {
  std::vector<std::pair<std::string, double>> out;
  double overflow = 0, overflowing = 0, firstArrival = kNaN;
  if (m.contains("shelters"))
    for (const auto& [id, s] : m.at("shelters").items()) {
      overflow += number(s.at("overflow"));
      overflowing += number(s.at("overflow")) > 0;
    }
  if (m.contains("teams"))
    for (const auto& [id, t] : m.at("teams").items())
      if (const double a = number(t.at("arrival_s")); !std::isnan(a)) firstArrival = std::isnan(firstArrival) ? a : std::min(firstArrival, a);
  for (const auto& name : scalarMetricNames()) {
    if (name == "shelter_overflow") out.push_back({name, overflow});
    else if (name == "shelters_overflowing") out.push_back({name, overflowing});
    else if (name == "first_team_arrival_s") out.push_back({name, firstArrival});
    else out.push_back({name, m.contains(name) ? number(m.at(name)) : kNaN});
  }
  return out;
}

std::string fileHash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  return hex16(fnv1a64(std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}));
}

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + ",") {
    if (c == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  return out;
}

// [SECTION] Creating a store
struct ResultStore::Impl {
  // Declared before the dataset, so that it outlives the dataset's connection (set when writing).
  std::unique_ptr<SqliteLockWatch> lockWatch;
  Dataset ds;
  std::string path;
  bool checked = false;  // the store's rows carry checksums (stores written before them do not)
  std::optional<long long> rowCount;  // batch_settings.rows, in stores that keep it
  // Replications stored as failed or timed out, which a resumed batch runs again: their old row is
  // deleted in the transaction that adds the new one. Read at the first add.
  std::optional<std::set<std::pair<std::string, int>>> unsuccessful;
};

ResultStore::~ResultStore() = default;
ResultStore::ResultStore(ResultStore&&) noexcept = default;
ResultStore& ResultStore::operator=(ResultStore&&) noexcept = default;

ResultStore ResultStore::create(const std::string& path, const BatchSettings& settings) {
  GDALAllRegister();
  if (std::filesystem::exists(path))
    throw OutputError(tf("{1} already exists; continue it with --resume or choose another --out", path));
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  ResultStore store;
  store.impl_ = std::make_unique<Impl>();
  store.impl_->path = path;
  store.impl_->ds.reset(driver ? driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr) : nullptr);
  if (!store.impl_->ds) throw OutputError(tf("cannot create {1}: {2}", path, printableText(CPLGetLastErrorMsg())));
  GDALDataset& ds = *store.impl_->ds;
  auto fail = [&](const std::string& what) {
    throw OutputError(tf("cannot write {1} ({2}): {3}", path, what, printableText(CPLGetLastErrorMsg())));
  };
  if (ds.StartTransaction() != OGRERR_NONE) fail("transaction");
  OGRLayer* kv = ds.CreateLayer(kSettingsTable, nullptr, wkbNone, nullptr);
  if (!kv) fail(kSettingsTable);
  for (const char* f : {"key", "value"}) {
    OGRFieldDefn def(f, OFTString);
    kv->CreateField(&def);
  }
  std::string plans;
  for (const auto& p : settings.plans) plans += (plans.empty() ? "" : ",") + p;
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"format", "drillsim_batch 1"},         {"scenario_file", settings.scenarioFile},
      {"scenario_fnv1a64", settings.scenarioHash}, {"program", settings.program},
      {"seed", std::to_string(settings.seed)}, {"replications", std::to_string(settings.replications)},
      {"plans", plans},                       {"model", settings.model}};
  std::vector<std::pair<std::string, std::string>> all = entries;
  if (settings.shards > 1) all.push_back({"shard", settings.shardText()});  // a whole batch's store is as before
  // Every row carries a checksum of what it holds, and the settings one of theirs (README "Results
  // store"): SQLite checks its pages' structure, not their content.
  all.push_back({"checksums", kChecksums});
  all.push_back({kRowCountKey, "0"});
  {
    std::map<std::string, std::string> values(all.begin(), all.end());
    all.push_back({"settings_fnv1a64", settingsChecksum(values)});
  }
  for (const auto& [k, v] : all) {
    OGRFeature f(kv->GetLayerDefn());
    f.SetField("key", k.c_str());
    f.SetField("value", v.c_str());
    if (kv->CreateFeature(&f) != OGRERR_NONE) fail(kSettingsTable);
  }
  OGRLayer* rows = ds.CreateLayer(kRowsTable, nullptr, wkbNone, nullptr);
  if (!rows) fail(kRowsTable);
  auto field = [&](const std::string& name, OGRFieldType type) {
    OGRFieldDefn def(name.c_str(), type);
    if (rows->CreateField(&def) != OGRERR_NONE) fail(name);
  };
  field("plan", OFTString);
  field("replication", OFTInteger);
  field("seed", OFTString);  // 64-bit unsigned, kept exact as text
  field("status", OFTString);
  field("error", OFTString);
  for (const auto& name : scalarMetricNames()) field(name, OFTReal);
  field("metrics_json", OFTString);
  field("row_fnv1a64", OFTString);
  if (ds.CommitTransaction() != OGRERR_NONE) fail("commit");
  store.settings_ = settings;
  store.impl_->checked = true;
  store.impl_->rowCount = 0;
  return store;
}

// [SECTION] Opening a store and its checks
namespace {
// The key/value settings table as read, with GDAL's failures; throws the damaged-store error when
// it cannot be read whole or fails its checksum. Its rows cannot be salvaged then: without the
// batch's seed and plans no row can be told right, nor a resume run the same replications.
std::map<std::string, std::string> readSettingsTable(GDALDataset& ds, const std::string& path) {
  OGRLayer* kv = ds.GetLayerByName(kSettingsTable);
  std::map<std::string, std::string> values;
  GdalFailures failures;
  kv->ResetReading();
  while (OGRFeature* f = kv->GetNextFeature()) {
    values[f->GetFieldAsString("key")] = f->GetFieldAsString("value");
    OGRFeature::DestroyFeature(f);
  }
  const std::string scenario = values.count("scenario_file") ? values.at("scenario_file") : "";
  if (failures.any())
    throw damagedStore(path, tf("table {1}", kSettingsTable), tf("SQLite cannot read it ({1})", failures.first()),
                       scenario, false);
  if (auto it = values.find("settings_fnv1a64"); it != values.end() && it->second != settingsChecksum(values))
    throw damagedStore(path, tf("table {1}", kSettingsTable),
                       tr("the batch's settings do not match their checksum (settings_fnv1a64)"), scenario, false);
  // A store written with checksums has all of them: one gone (a key's name damaged) would
  // otherwise pass the store for one written before them, whose rows are not checked.
  OGRLayer* rowsLayer = ds.GetLayerByName(kRowsTable);
  const bool rowChecksums =
      rowsLayer && rowsLayer->GetLayerDefn()->GetFieldIndex("row_fnv1a64") >= 0;
  if (rowChecksums || values.count("checksums") || values.count("settings_fnv1a64")) {
    std::string missing;
    for (const char* key : {"checksums", "settings_fnv1a64", kRowCountKey})
      if (!values.count(key)) missing += std::string(missing.empty() ? "" : ", ") + key;
    if (!rowChecksums) missing += std::string(missing.empty() ? "" : ", ") + tr("the column row_fnv1a64");
    if (!missing.empty())
      throw damagedStore(path, tf("table {1}", kSettingsTable),
                         tf("the store's own checks are incomplete (missing: {1})", missing), scenario, false);
    if (values.at("checksums") != kChecksums)
      throw damagedStore(path, tf("table {1}", kSettingsTable),
                         tf("its checksums are of an unknown kind ({1})", inQuotes(values.at("checksums"))), scenario,
                         false);
  }
  return values;
}

Dataset openDataset(const std::string& path, bool update) {
  const unsigned flags = GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
  CPLPushErrorHandler(CPLQuietErrorHandler);  // the reason goes into the message below, not printed twice
  Dataset ds(GDALDataset::Open(path.c_str(), flags, nullptr, nullptr, nullptr));
  CPLPopErrorHandler();
  if (!ds) {
    const std::string why = printableText(CPLGetLastErrorMsg());
    if (path.rfind("/vsi", 0) != 0 && sqliteFileLocked(path))
      throw StoreLocked(
          tf("{1} is locked by another program ({2}); close the program that holds it (sqlite3, a GIS "
             "editing it) and try again",
             path, why));
    char head[16] = {};
    if (VSILFILE* f = VSIFOpenL(path.c_str(), "rb")) {  // through GDAL, so that /vsimem/ paths are read too
      (void)VSIFReadL(head, 1, sizeof head, f);
      VSIFCloseL(f);
    }
    if (std::string(head, sizeof head) == std::string("SQLite format 3\0", 16))
      throw damagedStore(path, "", tf("SQLite cannot open it ({1})", why), "", false);
    VSIStatBufL stat;
    if (VSIStatL(path.c_str(), &stat) == 0 && stat.st_size == 0)
      throw std::runtime_error(
          tf("{1}: the file is empty (0 bytes), so it holds no results: a batch stopped before it "
             "wrote anything, or a copy that failed; start the batch again with --out",
             path));
    const std::string what =
        why.empty() ? std::string(tr("it is not a GeoPackage: its first bytes are not SQLite's")) : why;
    throw std::runtime_error(
        tf("{1}: not a results store GDAL can open ({2}); a store cut short or damaged cannot be "
           "read: start a new batch with another --out",
           path, what));
  }
  if (!ds->GetLayerByName(kSettingsTable) || !ds->GetLayerByName(kRowsTable))
    throw std::runtime_error(
        tf("{1}: not a DrillSim batch store (no {2} and {3} tables)", path, kSettingsTable, kRowsTable));
  return ds;
}
}  // namespace

ResultStore ResultStore::open(const std::string& path, bool update) {
  GDALAllRegister();
  // GDAL's own in-memory and archive paths (/vsimem/, /vsizip/) are not on the file system.
  if (const PathProblem problem = path.rfind("/vsi", 0) == 0 ? PathProblem{} : checkInputPath(path, false))
    throw std::runtime_error(problem.kind == PathProblem::Kind::Missing
                                 ? tf("{1}: no such file; expected a results store written by drillsim batch", path)
                                 : tf("{1}: {2}; expected a results store written by drillsim batch", path, problem.text));
  ResultStore store;
  store.impl_ = std::make_unique<Impl>();
  store.impl_->path = path;
  store.impl_->ds = openDataset(path, update);
  if (const std::string check = sqliteQuickCheck(*store.impl_->ds); check != "ok") {
    if (sqliteLockedByAnother(*store.impl_->ds))
      throw StoreLocked(
          tf("{1} is locked by another program ({2}); close the program that holds it (sqlite3, a GIS "
             "editing it) and try again",
             path, check));
    std::string scenario;  // for the message, when the settings can still be read
    try {
      scenario = readSettingsTable(*store.impl_->ds, path).at("scenario_file");
    } catch (const std::exception&) {
    }
    throw damagedStore(path, "", tf("SQLite's check of its pages (PRAGMA quick_check) reports: {1}", check), scenario);
  }
  const auto values = readSettingsTable(*store.impl_->ds, path);
  store.impl_->checked = values.count("checksums") && values.at("checksums") == kChecksums;
  store.settings_ = storedSettings(values, path);
  if (auto it = values.find(kRowCountKey); it != values.end()) {
    char* end = nullptr;
    const long long n = std::strtoll(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end || n < 0)
      throw damagedStore(path, tf("table {1}", kSettingsTable),
                         tf("its count of rows (batch_settings.rows) is not a count: {1}", inQuotes(it->second)),
                         store.settings_.scenarioFile);
    store.impl_->rowCount = n;
  }
  return store;
}

// [SECTION] Settings as stored
BatchSettings storedSettings(const std::map<std::string, std::string>& values, const std::string& path) {
  auto value = [&](const std::string& key) {
    auto it = values.find(key);
    return it == values.end() ? std::string() : it->second;
  };
  if (value("format") != "drillsim_batch 1")
    throw std::runtime_error(
        tf("{1}: batch_settings.format: expected 'drillsim_batch 1', found '{2}'", path, value("format")));
  BatchSettings s;
  s.scenarioFile = value("scenario_file");
  s.scenarioHash = value("scenario_fnv1a64");
  s.program = value("program");
  auto whole = [&](const std::string& key, unsigned long long most) {
    const std::string text = value(key);
    std::size_t used = 0;
    unsigned long long v = 0;
    try {
      v = std::stoull(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (text.empty() || used != text.size() || text[0] == '-' || v > most)
      throw std::runtime_error(
          tf("{1}: batch_settings.{2}: expected a whole number up to {3}, found '{4}'", path, key, most, text));
    return v;
  };
  s.seed = whole("seed", std::numeric_limits<std::uint64_t>::max());
  s.replications = int(whole("replications", 10000000));
  s.plans = splitList(value("plans"));
  s.model = values.count("model") ? value("model") : "passive";
  if (!dispersionModel(s.model))
    throw std::runtime_error(
        tf("{1}: batch_settings.model: expected auto, passive or dense, found '{2}'", path, s.model));
  if (values.count("shard") && !parseShard(value("shard"), s))
    throw std::runtime_error(
        tf("{1}: batch_settings.shard: expected i/n with 0 <= i < n <= 100000, found '{2}'", path, value("shard")));
  return s;
}

bool parseShard(const std::string& text, BatchSettings& settings) {
  const auto slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size() || text.size() > 13) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (i != slash && !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  const long i = std::stol(text.substr(0, slash)), n = std::stol(text.substr(slash + 1));
  if (n < 1 || n > 100000 || i >= n) return false;
  settings.shard = int(i);
  settings.shards = int(n);
  return true;
}

// [SECTION] Rows read back: metrics checks, checksums, the latest of each
namespace {
// A number, or null where the metric did not happen.
bool numberOrNull(const nlohmann::json& j) { return j.is_number() || j.is_null(); }

// `j[key]` is an object whose entries are objects holding each of `fields` as a number or null.
std::string entriesProblem(const nlohmann::json& j, const char* key, std::initializer_list<const char*> fields) {
  if (!j.contains(key)) return "";
  const auto& entries = j.at(key);
  if (!entries.is_object()) return std::string(key) + ": expected an object";
  for (const auto& [id, e] : entries.items()) {
    if (!e.is_object()) return std::string(key) + "." + id + ": expected an object";
    for (const char* f : fields)
      if (!e.contains(f) || !numberOrNull(e.at(f))) return std::string(key) + "." + id + "." + f + ": expected a number";
  }
  return "";
}
}  // namespace

std::string metricsProblem(const nlohmann::json& m) {
  if (!m.is_object()) return "expected an object";
  for (const auto& name : scalarMetricNames())
    if (m.contains(name) && !numberOrNull(m.at(name))) return name + ": expected a number";
  for (auto problem : {entriesProblem(m, "shelters", {"peak", "overflow"}), entriesProblem(m, "teams", {"arrival_s"}),
                       entriesProblem(m, "zones", {"persons_over_aegl2", "expected_fatalities", "ignited_s", "persons_in_fire"})})
    if (!problem.empty()) return problem;
  return "";
}

ReplicationRow storedRow(std::string plan, int replication, std::string status, std::string error,
                         const std::string& metricsText) {
  ReplicationRow r{std::move(plan), replication, std::move(status), std::move(error), nullptr};
  if (r.status != "ok" && r.status != "failed" && r.status != "timeout") {
    r.error = "unknown status '" + r.status + "' in the store";
    r.status = "failed";
  }
  if (r.status != "ok") return r;
  r.metrics = nlohmann::json::parse(metricsText, nullptr, false);
  std::string problem = r.metrics.is_discarded() ? "not JSON" : metricsProblem(r.metrics);
  if (!problem.empty()) {
    r.metrics = nullptr;
    r.status = "failed";
    r.error = "its stored metrics cannot be read (" + problem + ")";
  }
  return r;
}

namespace {
// A row as stored, with `problem` set when it does not match its checksum or its scalar columns
// do not match its metrics (only checked in stores whose rows carry checksums): what is wrong with
// the row, in the user's language.
ReplicationRow readStoredFeature(const OGRFeature& f, bool checked, std::string& problem) {
  problem.clear();
  const std::string plan = f.GetFieldAsString("plan"), status = f.GetFieldAsString("status"),
                    error = f.GetFieldAsString("error"), metricsText = f.GetFieldAsString("metrics_json");
  const int replication = f.GetFieldAsInteger("replication");
  ReplicationRow row = storedRow(plan, replication, status, error, metricsText);
  if (!checked) return row;
  if (rowChecksum(plan, replication, f.GetFieldAsString("seed"), status, error, metricsText) !=
      f.GetFieldAsString("row_fnv1a64")) {
    problem = tr("the row does not match its checksum (row_fnv1a64)");
    return row;
  }
  const OGRFeatureDefn* defn = f.GetDefnRef();
  const bool hasMetrics = row.status == "ok" && row.metrics.is_object();
  for (const auto& [name, value] : hasMetrics ? scalarMetrics(row.metrics) : std::vector<std::pair<std::string, double>>{}) {
    const int i = defn->GetFieldIndex(name.c_str());
    if (i < 0) continue;
    const bool stored = f.IsFieldSetAndNotNull(i);
    if (stored != !std::isnan(value) || (stored && f.GetFieldAsDouble(i) != value)) {
      problem = tf("the row has a column {1} that does not match its metrics", name);
      return row;
    }
  }
  return row;
}

std::string rowPlace(const OGRFeature& f) {
  return tf("table {1}, row {2} (plan {3}, replication {4})", kRowsTable, f.GetFID(), f.GetFieldAsString("plan"),
            f.GetFieldAsInteger("replication"));
}

// A replication stored twice (a failed run that --resume ran again, written before the old row
// was removed) counts once: the later row, which is read after the earlier one.
std::vector<ReplicationRow> latestOfEach(std::vector<ReplicationRow> rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const ReplicationRow& a, const ReplicationRow& b) {
    return a.plan != b.plan ? a.plan < b.plan : a.replication < b.replication;
  });
  std::vector<ReplicationRow> unique;
  for (auto& r : rows) {
    if (!unique.empty() && unique.back().plan == r.plan && unique.back().replication == r.replication) unique.pop_back();
    unique.push_back(std::move(r));
  }
  return unique;
}
}  // namespace

std::vector<ReplicationRow> ResultStore::rows() const {
  std::vector<ReplicationRow> out;
  OGRLayer* layer = impl_->ds->GetLayerByName(kRowsTable);
  GdalFailures failures;
  const std::string place = tf("table {1}", kRowsTable);
  const std::string scenario = settings_.scenarioFile;
  layer->ResetReading();
  std::string problem;
  while (OGRFeature* f = layer->GetNextFeature()) {
    out.push_back(readStoredFeature(*f, impl_->checked, problem));
    if (!problem.empty()) {
      const std::string where = rowPlace(*f);
      OGRFeature::DestroyFeature(f);
      throw damagedStore(impl_->path, where, problem, scenario);
    }
    OGRFeature::DestroyFeature(f);
  }
  if (failures.any())
    throw damagedStore(impl_->path, place,
                       tf("SQLite stops reading its rows after {1} ({2})", out.size(), failures.first()), scenario);
  if (impl_->rowCount && (long long)(out.size()) != *impl_->rowCount)
    throw damagedStore(
        impl_->path, place,
        tf("{1} rows could be read where the store counts {2} (batch_settings.rows)", out.size(), *impl_->rowCount),
        scenario);
  return latestOfEach(std::move(out));
}

// [SECTION] Salvage of a damaged store
SalvageReport salvageStore(const std::string& path, const std::string& out) {
  GDALAllRegister();
  if (const std::string problem = inputPathProblem(path, false); !problem.empty())
    throw std::runtime_error(tf("{1}: {2}; expected a results store written by drillsim batch", path, problem));
  if (std::filesystem::exists(out))
    throw OutputError(tf("{1} already exists; choose another file for the rows saved", out));
  Dataset ds = openDataset(path, false);
  const auto values = readSettingsTable(*ds, path);
  const bool checked = values.count("checksums") && values.at("checksums") == kChecksums;
  SalvageReport report;
  report.settings = storedSettings(values, path);
  OGRLayer* layer = ds->GetLayerByName(kRowsTable);
  GIntBig last = -1, expected = -1;
  {
    GdalFailures failures;
    expected = values.count(kRowCountKey) ? GIntBig(std::strtoll(values.at(kRowCountKey).c_str(), nullptr, 10))
                                          : layer->GetFeatureCount(FALSE);
    OGRLayer* seq = ds->ExecuteSQL(("SELECT seq FROM sqlite_sequence WHERE name = '" + std::string(kRowsTable) + "'").c_str(),
                                   nullptr, nullptr);
    if (seq) {
      if (OGRFeature* f = seq->GetNextFeature()) {
        last = f->GetFieldAsInteger64(0);
        OGRFeature::DestroyFeature(f);
      }
      ds->ReleaseResultSet(seq);
    }
  }
  report.expected = expected >= 0 ? std::size_t(expected) : 0;
  // Row by row, by id: a damaged page loses the rows on it, not those after it.
  if (last < 0) last = std::max<GIntBig>(expected, 0) * 2 + 1024;
  std::vector<ReplicationRow> rows;
  std::set<std::string> plans(report.settings.plans.begin(), report.settings.plans.end());
  std::string problem;
  for (GIntBig fid = 1; fid <= last; ++fid) {
    GdalFailures failures;
    OGRFeature* f = layer->GetFeature(fid);
    if (!f) {
      report.unreadable += failures.any();
      continue;
    }
    ReplicationRow row = readStoredFeature(*f, checked, problem);
    OGRFeature::DestroyFeature(f);
    if (failures.any() || !problem.empty() || !plans.count(row.plan) || row.replication < 0 ||
        row.replication >= report.settings.replications) {
      ++report.unreadable;
      continue;
    }
    rows.push_back(std::move(row));
  }
  rows = latestOfEach(std::move(rows));
  ResultStore copy = ResultStore::create(out, report.settings);
  for (std::size_t i = 0; i < rows.size(); i += 1000)
    copy.add(std::vector<ReplicationRow>(rows.begin() + std::ptrdiff_t(i),
                                         rows.begin() + std::ptrdiff_t(std::min(rows.size(), i + 1000))));
  report.copied = rows.size();
  for (const auto& r : rows) report.ok += r.status == "ok";
  return report;
}

// [SECTION] Adding rows
void ResultStore::add(const std::vector<ReplicationRow>& rows) {
  if (rows.empty()) return;
  // Failures are reported by the exception below, not printed by GDAL as well.
  struct QuietGdal {
    QuietGdal() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdal() { CPLPopErrorHandler(); }
  } quiet;
  GDALDataset& ds = *impl_->ds;
  OGRLayer* layer = ds.GetLayerByName(kRowsTable);
  auto fail = [&](const std::string& what) {
    // Both before the rollback's own messages and result code replace them.
    const std::string why = printableText(CPLGetLastErrorMsg());
    const bool locked = (impl_->lockWatch && impl_->lockWatch->gaveUp()) || sqliteLockedByAnother(ds);
    ds.RollbackTransaction();
    const std::string message = tf("cannot write {1} ({2}): {3}", impl_->path, what, why);
    if (locked) throw StoreLocked(message);
    throw OutputError(message);
  };
  if (!impl_->unsuccessful) {
    impl_->unsuccessful.emplace();
    layer->SetAttributeFilter("status <> 'ok'");
    layer->ResetReading();
    while (OGRFeature* f = layer->GetNextFeature()) {
      impl_->unsuccessful->insert({f->GetFieldAsString("plan"), f->GetFieldAsInteger("replication")});
      OGRFeature::DestroyFeature(f);
    }
    layer->SetAttributeFilter(nullptr);
  }
  if (!impl_->lockWatch) impl_->lockWatch = std::make_unique<SqliteLockWatch>(ds);
  impl_->lockWatch->reset();
  if (ds.StartTransaction() != OGRERR_NONE) fail("transaction");
  std::optional<long long> count = impl_->rowCount;
  for (const auto& r : rows) {
    if (impl_->unsuccessful->count({r.plan, r.replication})) {
      std::string plan;
      for (char c : r.plan) plan += c == '\'' ? std::string("''") : std::string(1, c);
      const std::string where = std::string(" FROM ") + kRowsTable + " WHERE plan = '" + plan +
                                "' AND replication = " + std::to_string(r.replication);
      CPLErrorReset();
      if (count)
        if (OGRLayer* n = ds.ExecuteSQL(("SELECT COUNT(*)" + where).c_str(), nullptr, nullptr)) {
          if (OGRFeature* f = n->GetNextFeature()) {
            *count -= f->GetFieldAsInteger64(0);
            OGRFeature::DestroyFeature(f);
          }
          ds.ReleaseResultSet(n);
        }
      ds.ExecuteSQL(("DELETE" + where).c_str(), nullptr, nullptr);
      if (CPLGetLastErrorType() == CE_Failure) fail(tr("replacing a failed row"));
    }
    OGRFeature f(layer->GetLayerDefn());
    const std::string seed = std::to_string(settings_.seed);
    f.SetField("plan", r.plan.c_str());
    f.SetField("replication", r.replication);
    f.SetField("seed", seed.c_str());
    f.SetField("status", r.status.c_str());
    f.SetField("error", r.error.c_str());
    std::string metricsText;
    if (!r.metrics.is_null()) {
      for (const auto& [name, value] : scalarMetrics(r.metrics))
        if (!std::isnan(value)) f.SetField(name.c_str(), value);
      metricsText = r.metrics.dump();
      f.SetField("metrics_json", metricsText.c_str());
    }
    if (impl_->checked)
      f.SetField("row_fnv1a64", rowChecksum(r.plan, r.replication, seed, r.status, r.error, metricsText).c_str());
    if (layer->CreateFeature(&f) != OGRERR_NONE) fail(tc("writing a results store", "row"));
    if (count) ++*count;
  }
  if (count) {
    CPLErrorReset();
    ds.ExecuteSQL(("UPDATE " + std::string(kSettingsTable) + " SET value = '" + std::to_string(*count) +
                   "' WHERE key = '" + kRowCountKey + "'").c_str(),
                  nullptr, nullptr);
    if (CPLGetLastErrorType() == CE_Failure) fail(tr("row count"));
  }
  if (ds.CommitTransaction() != OGRERR_NONE) fail("commit");
  impl_->rowCount = count;
  for (const auto& r : rows) {
    if (r.status == "ok") impl_->unsuccessful->erase({r.plan, r.replication});
    else impl_->unsuccessful->insert({r.plan, r.replication});
  }
}

// [SECTION] Summary layers for a GIS
std::pair<std::vector<OutFeature>, std::vector<OutFeature>> summaryLayers(const std::vector<ReplicationRow>& rows,
                                                                          const Park& park) {
  std::vector<OutFeature> zones, shelters;
  // zone_summary: the columns of ZoneSummary, the metrics in the order of zoneMetrics().
  for (const ZoneSummary& s : zoneSummaries(rows, park)) {
    OutFeature f{OutFeature::Kind::Polygon, park.zones[s.zoneIndex].outer,
                 {{"plan", s.plan}, {"zone", s.zone}, {"name", s.name}, {"replications", s.replications}}};
    for (const ZoneMetric& m : zoneMetrics()) f.attributes.push_back({m.column, s.*m.value});
    zones.push_back(std::move(f));
  }
  for (const auto& [plan, ms] : successfulMetricsByPlan(rows)) {
    const double n = double(ms.size());
    for (const Shelter& s : park.shelters) {
      double peak = 0, overflowing = 0, overflow = 0;
      for (const auto* m : ms) {
        if (!m->contains("shelters") || !m->at("shelters").contains(s.id)) continue;
        const auto& sj = m->at("shelters").at(s.id);
        peak += number(sj.at("peak"));
        overflowing += number(sj.at("overflow")) > 0;
        overflow += number(sj.at("overflow"));
      }
      shelters.push_back({OutFeature::Kind::Point, {{s.position}},
                          {{"plan", plan}, {"shelter", s.id}, {"name", s.name}, {"capacity", double(s.capacity)},
                           {"replications", n}, {"mean_peak", peak / n}, {"p_overflow", overflowing / n},
                           {"mean_overflow", overflow / n}}});
    }
  }
  return {zones, shelters};
}

}  // namespace drillsim
