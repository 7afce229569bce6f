// Fuzz target: the results reader, what `drillsim compare`, `--resume` and the front end do with a
// results store: its settings table, every row and its metrics, the scalar metrics and the GIS
// summary layers over the small test park.
//
// Input, by its first byte:
//   even: the rest is a whole GeoPackage file, opened from GDAL's in-memory file system;
//   odd:  the rest is lines "key=value" for the settings table up to a line "--", then rows as
//         "plan<TAB>replication<TAB>status<TAB>metrics JSON" lines, read as the store reads its
//         tables (this reaches the row checks far more often than mutated SQLite pages do).
// Seeds: tools/fuzz-corpus.sh writes small stores made by `drillsim batch` and their rows as text.
#include <gdal_priv.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

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
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return -1;
  const std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] % 2 == 0) fromFile(rest);
  else fromTables(rest);
  return 0;
}
