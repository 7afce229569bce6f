// Fuzz target: the results reader, what `drillsim compare`, `--resume` and the front end do with a
// results store: its settings table, every row and its metrics, the scalar metrics and the GIS
// summary layers over the small test park.
//
// Input, by its first byte modulo 3:
//   0: the rest is a whole GeoPackage file, opened from GDAL's in-memory file system;
//   1: the rest is lines "key=value" for the settings table up to a line "--", then rows as
//      "plan<TAB>replication<TAB>status<TAB>metrics JSON" lines, read as the store reads its
//      tables (this reaches the row checks far more often than mutated SQLite pages do);
//   2: damage to a finished store: the rest is records of 5 bytes applied to a reference store
//      written once by this target (2 plans x 60 replications over the mini park). A record
//      [p1 p0 o1 o0 v] names page ((p1 & 0x7f) << 8 | p0) modulo the store's pages and offset
//      (o1 << 8 | o0) in it; with p1's high bit clear it XORs the byte there with v (0 means
//      0xff), with it set the file is cut short there and later records are ignored. The promise
//      checked, as `compare` and `--resume` rely on it: a damaged store either is refused or reads
//      back exactly the reference rows and settings; a salvage copies only rows that are
//      reference rows.
// Seeds: tools/fuzz-corpus.sh writes small stores made by `drillsim batch`, their rows as text,
// and a few damage records.
#include <gdal_priv.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <tuple>

#include "scenarios/ParkLoader.hpp"
#include "sim/batch/ResultStore.hpp"

using namespace drillsim;

namespace {
const Park& park() {
  static const Park p = [] {
    Diagnostics d;
    auto loaded = loadPark(std::string(DRILLSIM_SOURCE_DIR) + "/tests/data/mini/park", "park", ParkOptions{}, d);
    if (!loaded) std::abort();
    return std::move(*loaded);
  }();
  return p;
}

void readRows(const std::vector<ReplicationRow>& rows) {
  for (const auto& r : rows)
    if (r.status == "ok") {
      if (!r.metrics.is_object()) std::abort();  // storedRow promises readable metrics for ok rows
      (void)scalarMetrics(r.metrics);
    }
  (void)summaryLayers(rows, park());
}

void fromFile(const std::string& bytes) {
  GDALAllRegister();
  CPLPushErrorHandler(CPLQuietErrorHandler);
  const std::string path = "/vsimem/fuzz.gpkg";
  VSILFILE* f = VSIFileFromMemBuffer(path.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())),
                                     vsi_l_offset(bytes.size()), FALSE);
  if (f) {
    VSIFCloseL(f);
    try {
      const ResultStore store = ResultStore::open(path, false);
      readRows(store.rows());
    } catch (const std::runtime_error&) {
      // a clear refusal is the expected outcome for most inputs
    }
    VSIUnlink(path.c_str());
  }
  CPLPopErrorHandler();
}

void fromTables(const std::string& text) {
  std::istringstream in(text);
  std::map<std::string, std::string> values;
  std::string line;
  while (std::getline(in, line) && line != "--")
    if (auto eq = line.find('='); eq != std::string::npos) values[line.substr(0, eq)] = line.substr(eq + 1);
  try {
    (void)storedSettings(values, "fuzz.gpkg");
  } catch (const std::runtime_error&) {
  }
  std::vector<ReplicationRow> rows;
  while (std::getline(in, line)) {
    std::string field[4];
    std::size_t at = 0;
    for (int i = 0; i < 4; ++i) {
      const std::size_t tab = i < 3 ? line.find('\t', at) : std::string::npos;
      field[i] = line.substr(at, tab == std::string::npos ? std::string::npos : tab - at);
      if (tab == std::string::npos) break;
      at = tab + 1;
    }
    rows.push_back(storedRow(field[0], std::atoi(field[1].c_str()), field[2], "", field[3]));
  }
  readRows(rows);
}

// The reference store's bytes and what it holds, written once through ResultStore as a batch writes.
struct Reference {
  std::string bytes;
  BatchSettings settings;
  std::vector<ReplicationRow> rows;
};

nlohmann::json referenceMetrics(int plan, int replication) {
  const double x = 1000 + 37.5 * replication + 400 * plan;
  nlohmann::json m = nlohmann::json::object();
  int k = 0;
  for (const auto& name : scalarMetricNames()) m[name] = x + 11 * k++;
  m["arrival_p95_s"] = nullptr;  // a metric that did not happen
  m["shelters"] = {{"S1", {{"peak", 120 + replication}, {"overflow", replication % 7 == 0 ? 15 : 0}}},
                   {"S2", {{"peak", 80}, {"overflow", 0}}}};
  m["teams"] = {{"HZ1", {{"arrival_s", 600 + replication}}}, {"FB1", {{"arrival_s", nullptr}}}};
  m["zones"] = {{"Z1", {{"persons_over_aegl2", replication % 5}, {"expected_fatalities", 0.01 * replication},
                        {"ignited_s", nullptr}, {"persons_in_fire", 0}}},
                {"Z2", {{"persons_over_aegl2", 0}, {"expected_fatalities", 0}, {"ignited_s", 900}, {"persons_in_fire", 3}}}};
  return m;
}

const Reference& reference() {
  static const Reference ref = [] {
    GDALAllRegister();
    Reference r;
    r.settings.scenarioFile = "mini.yaml";
    r.settings.scenarioHash = "0123456789abcdef";
    r.settings.program = "fuzz";
    r.settings.seed = 20240117;
    r.settings.replications = 60;
    r.settings.plans = {"A", "B"};
    const std::string path = "/vsimem/fuzz-reference.gpkg";
    {
      ResultStore store = ResultStore::create(path, r.settings);
      for (int p = 0; p < 2; ++p) {
        std::vector<ReplicationRow> batch;
        for (int i = 0; i < r.settings.replications; ++i) {
          if (p == 1 && i % 13 == 4)
            batch.push_back({r.settings.plans[std::size_t(p)], i, "failed", "the worker crashed", nullptr});
          else
            batch.push_back({r.settings.plans[std::size_t(p)], i, "ok", "", referenceMetrics(p, i)});
        }
        store.add(batch);
      }
    }
    r.rows = ResultStore::open(path, false).rows();
    vsi_l_offset length = 0;
    GByte* buffer = VSIGetMemFileBuffer(path.c_str(), &length, FALSE);
    if (!buffer || r.rows.size() != 120) std::abort();
    r.bytes.assign(reinterpret_cast<const char*>(buffer), std::size_t(length));
    VSIUnlink(path.c_str());
    return r;
  }();
  return ref;
}

bool sameRow(const ReplicationRow& a, const ReplicationRow& b) {
  return std::tie(a.plan, a.replication, a.status, a.error) == std::tie(b.plan, b.replication, b.status, b.error) &&
         a.metrics == b.metrics;
}

bool sameSettings(const BatchSettings& a, const BatchSettings& b) {
  return std::tie(a.scenarioFile, a.scenarioHash, a.program, a.seed, a.replications, a.plans, a.shard, a.shards) ==
         std::tie(b.scenarioFile, b.scenarioHash, b.program, b.seed, b.replications, b.plans, b.shard, b.shards);
}

void damaged(const std::string& records) {
  CPLPushErrorHandler(CPLQuietErrorHandler);
  const Reference& ref = reference();
  std::string bytes = ref.bytes;
  const std::size_t pageSize =
      (std::size_t(static_cast<unsigned char>(bytes[16])) << 8) | static_cast<unsigned char>(bytes[17]);
  const std::size_t pages = bytes.size() / pageSize;
  for (std::size_t i = 0; i + 5 <= records.size(); i += 5) {
    const auto b = [&](std::size_t k) { return std::size_t(static_cast<unsigned char>(records[i + k])); };
    const std::size_t at = ((((b(0) & 0x7f) << 8) | b(1)) % pages) * pageSize + (((b(2) << 8) | b(3)) % pageSize);
    if (b(0) & 0x80) {
      bytes.resize(at);
      break;
    }
    bytes[at] = char(static_cast<unsigned char>(bytes[at]) ^ (b(4) ? b(4) : 0xff));
  }
  const std::string path = "/vsimem/fuzz-damaged.gpkg", salvaged = "/vsimem/fuzz-salvaged.gpkg";
  VSILFILE* f = VSIFileFromMemBuffer(path.c_str(), reinterpret_cast<GByte*>(bytes.data()), vsi_l_offset(bytes.size()), FALSE);
  if (!f) std::abort();
  VSIFCloseL(f);
  try {
    const ResultStore store = ResultStore::open(path, false);
    const std::vector<ReplicationRow> rows = store.rows();
    // Read without a complaint: then it must be what was stored, to the last digit.
    if (!sameSettings(store.settings(), ref.settings) || rows.size() != ref.rows.size()) std::abort();
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (!sameRow(rows[i], ref.rows[i])) std::abort();
  } catch (const std::runtime_error&) {
    // refused: what `compare` and `--resume` then print is tested in tests/IntegrityTest.cpp
  }
  try {
    (void)salvageStore(path, salvaged);
    for (const auto& row : ResultStore::open(salvaged, false).rows()) {
      bool known = false;
      for (const auto& r : ref.rows) known = known || sameRow(row, r);
      if (!known) std::abort();  // a salvage must never invent or alter a row
    }
  } catch (const std::runtime_error&) {
  }
  VSIUnlink(salvaged.c_str());
  VSIUnlink(path.c_str());
  CPLPopErrorHandler();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return -1;
  const std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] % 3 == 0) fromFile(rest);
  else if (data[0] % 3 == 1) fromTables(rest);
  else damaged(rest);
  return 0;
}
