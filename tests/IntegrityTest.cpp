// A damaged or wrong file never yields figures (README "Reliability"): results stores and park
// GeoPackages damaged by the test itself, special files and loops in input paths, coordinates in
// a CRS they cannot belong to, and the batch's own memory counted before it starts.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <thread>

#include "tests/TestPaths.hpp"

using namespace drillsim::test;
namespace fs = std::filesystem;

namespace {
const std::string kMini = sourcePath("tests/data/mini/mini.yaml");
const std::string kTable = sourcePath("tests/data/mini/substances.csv");

void writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A finished batch of the mini scenario: 2 plans x 20 replications.
std::string miniStore(const std::string& name) {
  const std::string store = scratchPath("integrity", name);
  const auto r = runDrillsim({"batch", kMini, "--substances", kTable, "--replications", "20", "--jobs", "2", "--out", store, "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return store;
}

// compare's text without its first line, which names the file.
std::string comparison(const std::string& store) {
  const auto r = runDrillsim({"compare", store});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  return r.out.substr(r.out.find('\n') + 1);
}

// The first SQLite b-tree leaf page (flag 0x0D) holding `needle`: a page of a table's rows.
std::size_t leafPageHolding(const std::string& bytes, const std::string& needle) {
  const std::size_t pageSize = (std::size_t(static_cast<unsigned char>(bytes[16])) << 8) | static_cast<unsigned char>(bytes[17]);
  for (std::size_t p = pageSize; p + pageSize <= bytes.size(); p += pageSize)
    if (bytes[p] == 0x0D && std::string_view(bytes).substr(p, pageSize).find(needle) != std::string_view::npos)
      return p;
  return std::string::npos;
}
}  // namespace

TEST(Integrity, ADigitChangedInAStoredRowStopsCompareAndResumeAndTheRestIsSalvaged) {
  const std::string store = miniStore("digit.gpkg");
  const std::string before = comparison(store);
  std::string bytes = readFile(store);
  // A digit of a stored metric, in the metrics JSON: the kind of damage SQLite's own check misses.
  std::size_t at = bytes.find("\"clearance_s\":");
  ASSERT_NE(at, std::string::npos);
  at += 14;
  while (!std::isdigit(static_cast<unsigned char>(bytes[at]))) ++at;
  bytes[at] = bytes[at] == '9' ? '8' : char(bytes[at] + 1);
  const std::string damaged = scratchPath("integrity", "digit-damaged.gpkg");
  writeBytes(damaged, bytes);

  auto r = runDrillsim({"compare", damaged});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(has(r.err, "the results store is damaged: the row does not match its checksum (row_fnv1a64)")) << r.err;
  EXPECT_TRUE(has(r.err, "table replications, row ")) << r.err;
  EXPECT_TRUE(has(r.err, "--salvage")) << r.err;
  // --resume neither runs nor stores anything on it.
  r = runDrillsim({"batch", kMini, "--substances", kTable, "--out", damaged, "--resume", "--quiet"});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_FALSE(has(r.out, "run now")) << r.out;
  EXPECT_TRUE(has(r.err, "the results store is damaged")) << r.err;

  // Salvage, then resume into the new store: the batch is whole again and compares as before.
  const std::string salvaged = scratchPath("integrity", "digit-salvaged.gpkg");
  r = runDrillsim({"compare", damaged, "--salvage", salvaged});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(has(r.out, "Copied 39 of the 40 rows")) << r.out;
  EXPECT_TRUE(has(r.out, "1 could not be read or failed their checks")) << r.out;
  EXPECT_TRUE(has(r.out, "Run the 1 replication missing or failed with: drillsim batch ")) << r.out;
  r = runDrillsim({"batch", kMini, "--substances", kTable, "--out", salvaged, "--resume", "--quiet"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(has(r.out, "1 run now")) << r.out;
  EXPECT_EQ(comparison(salvaged), before);
}

TEST(Integrity, ADamagedPageOrACutShortStoreIsRefusedWithTheFinding) {
  const std::string store = miniStore("page.gpkg");
  const std::string bytes = readFile(store);
  // The first cell pointer of a page of the replications table pointed past the page's end.
  const std::size_t page = leafPageHolding(bytes, "\"clearance_s\":");
  ASSERT_NE(page, std::string::npos);
  std::string damaged = bytes;
  damaged[page + 8] = char(0xFF);
  damaged[page + 9] = char(0xF0);
  const std::string path = scratchPath("integrity", "page-damaged.gpkg");
  writeBytes(path, damaged);
  auto r = runDrillsim({"compare", path});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(has(r.err, "the results store is damaged: SQLite's check of its pages (PRAGMA quick_check) reports: ")) << r.err;
  // The scenario is named for the resume even so: the settings page is intact.
  EXPECT_TRUE(has(r.err, "drillsim batch " + kMini + " --out ")) << r.err;

  // Cut short at every eighth of its length: never figures, never a crash.
  for (int eighth = 1; eighth < 8; ++eighth) {
    writeBytes(path, bytes.substr(0, bytes.size() * std::size_t(eighth) / 8));
    r = runDrillsim({"compare", path});
    EXPECT_EQ(r.exitCode, 2) << eighth << "/8: " << r.out << r.err;
    EXPECT_EQ(r.out, "") << eighth << "/8";
  }
}

TEST(Integrity, AnEmptyFileOrAStoreWithoutRowsSaysSoInsteadOfPrintingEmptyTables) {
  const std::string empty = scratchPath("integrity", "zero-bytes.gpkg");
  writeBytes(empty, "");
  auto r = runDrillsim({"compare", empty});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(has(r.err, "the file is empty (0 bytes), so it holds no results")) << r.err;
  EXPECT_FALSE(has(r.err, "()")) << r.err;

  // A store whose rows are all gone (a batch stopped before its first replication ended).
  const std::string store = miniStore("rowless-source.gpkg");
  {
    GDALAllRegister();
    const std::string copy = scratchPath("integrity", "rowless.gpkg");
    fs::copy_file(store, copy, fs::copy_options::overwrite_existing);
    GDALDataset* ds = GDALDataset::Open(copy.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE);
    ASSERT_NE(ds, nullptr);
    ds->ExecuteSQL("DELETE FROM replications", nullptr, nullptr);
    ds->ExecuteSQL("UPDATE batch_settings SET value = '0' WHERE key = 'rows'", nullptr, nullptr);
    GDALClose(ds);
    r = runDrillsim({"compare", copy});
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(has(r.err, "holds no successful replication of the 40 asked (0 stored")) << r.err;
    EXPECT_TRUE(has(r.err, "drillsim batch " + kMini + " --out " + copy + " --resume")) << r.err;
  }
}

TEST(Integrity, AStoreWhoseChecksumKeyIsGoneIsNotTakenForAnOlderStoreWithoutChecks) {
  const std::string store = miniStore("checks-gone-source.gpkg");
  const std::string copy = scratchPath("integrity", "checks-gone.gpkg");
  fs::copy_file(store, copy, fs::copy_options::overwrite_existing);
  GDALAllRegister();
  GDALDataset* ds = GDALDataset::Open(copy.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE);
  ASSERT_NE(ds, nullptr);
  // The names of both keys damaged: taken for a store written before checksums, its rows would be
  // read unchecked, a damaged one as it is.
  ds->ExecuteSQL("UPDATE batch_settings SET key = 'settings_fnv1a6x' WHERE key = 'settings_fnv1a64'", nullptr, nullptr);
  ds->ExecuteSQL("UPDATE batch_settings SET key = 'checksumz' WHERE key = 'checksums'", nullptr, nullptr);
  GDALClose(ds);
  const auto r = runDrillsim({"compare", copy});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(has(r.err, "the store's own checks are incomplete (missing: checksums, settings_fnv1a64)")) << r.err;
}

TEST(Integrity, AScenarioOfThousandsOfPlansIsSaidToBeTooLargeNotToHoldAliases) {
  std::string text = readFile(kMini);
  const std::size_t plans = text.find("plans:\n");
  ASSERT_NE(plans, std::string::npos);
  text.erase(text.find("\nmonte_carlo:", plans) + 1, std::string::npos);
  text.erase(plans);
  text += "plans:\n";
  for (int i = 0; i < 3000; ++i)
    text += "  - {id: P" + std::to_string(i) +
            ", notify: [{who: enterprise, delay_s: 30}, {who: park_committee, delay_s: 60}], dispatch: [{team: HZ1, "
            "to: L1, after: enterprise}, {team: FB1, to: Z2, after: park_committee}], protect: [{zones: [Z1, Z2], "
            "action: evacuate, after: park_committee}], shelters: nearest, close_roads_above: AEGL-3}\n";
  const std::string path = scratchPath("integrity", "three-thousand-plans.yaml");
  writeBytes(path, text);
  auto r = runDrillsim({"validate", path, "--substances", kTable});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  const std::string all = r.out + r.err;
  EXPECT_TRUE(has(all, "the file holds more than 100000 values (plans: holds 3000 entries)")) << all;
  EXPECT_FALSE(has(all, "alias")) << all;
}

namespace {
// The mini park as one GeoPackage (with GDAL's spatial index on each layer) beside a copy of the
// mini scenario that uses it. Returns the scenario's path.
std::string miniGeoPackageScenario(const std::string& tag, std::string& gpkg) {
  GDALAllRegister();
  const std::string scenario = scratchPath("integrity", tag + ".yaml");
  gpkg = scratchPath("integrity", tag + "-park.gpkg");
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  GDALDataset* out = driver->Create(gpkg.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  for (const char* name : {"zones", "roads", "shelters", "stations", "hazard_sources"}) {
    GDALDataset* in = GDALDataset::Open((sourcePath("tests/data/mini/park/") + name + ".geojson").c_str(), GDAL_OF_VECTOR);
    out->CopyLayer(in->GetLayer(0), name, nullptr);
    GDALClose(in);
  }
  GDALClose(out);
  std::string text = readFile(kMini);
  const std::size_t at = text.find("park: park\n");
  text.replace(at, 11, "park: " + fs::path(gpkg).filename().string() + "\n");
  writeBytes(scenario, text);
  return scenario;
}

// Moves the first vertex of the first feature of a GeoPackage geometry blob (magic "GP") found
// after `after` 0.01 degrees east, in the file's bytes: as a damaged sector would, without the
// triggers that keep the spatial index in step with an edit.
bool moveFirstVertex(std::string& bytes, std::size_t after) {
  const std::size_t blob = bytes.find(std::string("GP\0", 3), after);
  if (blob == std::string::npos) return false;
  const unsigned flags = static_cast<unsigned char>(bytes[blob + 3]);
  const std::size_t envelope[] = {0, 32, 48, 48, 64};
  const unsigned kind = (flags >> 1) & 7;
  if (kind > 4 || !(flags & 1)) return false;  // little-endian headers only, as GDAL writes them
  const std::size_t wkb = blob + 8 + envelope[kind];
  const std::size_t x = wkb + 1 + 4 + 4;  // byte order, type, number of points
  double v = 0;
  std::memcpy(&v, bytes.data() + x, sizeof v);
  v += 0.01;
  std::memcpy(bytes.data() + x, &v, sizeof v);
  return true;
}
}  // namespace

TEST(Integrity, ADamagedParkGeoPackageIsAnErrorNamingTheLayer) {
  std::string gpkg;
  const std::string scenario = miniGeoPackageScenario("park", gpkg);
  auto r = runDrillsim({"validate", scenario, "--substances", kTable});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const std::string bytes = readFile(gpkg);

  // A road's vertex moved by a damaged sector: its geometry no longer matches the box its own
  // header records.
  std::string moved = bytes;
  const std::size_t roads = leafPageHolding(bytes, "R1");
  ASSERT_NE(roads, std::string::npos);
  ASSERT_TRUE(moveFirstVertex(moved, roads));
  writeBytes(gpkg, moved);
  r = runDrillsim({"run", scenario, "--substances", kTable, "--plan", "A"});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(has(r.err, "layer roads, feature R")) << r.err;
  EXPECT_TRUE(has(r.err, "the GeoPackage is damaged: its coordinates do not match the box its geometry's header records"))
      << r.err;

  // The same vertex moved by one unit in its last bit: still found (the header's box is exact).
  {
    std::string nudged = bytes;
    const std::size_t blob = nudged.find(std::string("GP\0", 3), roads);
    ASSERT_NE(blob, std::string::npos);
    nudged[blob + 8 + 32 + 9] = char(nudged[blob + 8 + 32 + 9] ^ 1);  // lowest byte of the first x
    writeBytes(gpkg, nudged);
    r = runDrillsim({"run", scenario, "--substances", kTable, "--plan", "A"});
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
    EXPECT_TRUE(has(r.err, "its coordinates do not match the box its geometry's header records")) << r.err;
  }

  // A station (a point: its blob carries no box of its own) moved 3 m east: more than two
  // single-precision steps of its index box.
  {
    std::string shifted = bytes;
    const std::size_t stations = leafPageHolding(bytes, "ST1");
    ASSERT_NE(stations, std::string::npos);
    const std::size_t blob = shifted.find(std::string("GP\0", 3), stations);
    ASSERT_NE(blob, std::string::npos);
    ASSERT_EQ((static_cast<unsigned char>(shifted[blob + 3]) >> 1) & 7, 0u);  // no envelope
    double x = 0;
    std::memcpy(&x, shifted.data() + blob + 8 + 5, sizeof x);
    x += 3.0 / 92500;  // 3 m in degrees of longitude at 34 degrees north
    std::memcpy(shifted.data() + blob + 8 + 5, &x, sizeof x);
    writeBytes(gpkg, shifted);
    r = runDrillsim({"run", scenario, "--substances", kTable, "--plan", "A"});
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
    EXPECT_TRUE(has(r.err, "layer stations, feature ST")) << r.err;
    EXPECT_TRUE(has(r.err, "its geometry does not match the GeoPackage's spatial index (another box)")) << r.err;
  }

  // A box of the spatial index changed (as a damaged page of the index would): the feature no
  // longer matches its entry there.
  writeBytes(gpkg, bytes);
  {
    GDALDataset* ds = GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE);
    ASSERT_NE(ds, nullptr);
    ds->ExecuteSQL("UPDATE rtree_roads_geom SET minx = minx - 0.01 WHERE id = 1", nullptr, nullptr);
    GDALClose(ds);
  }
  r = runDrillsim({"run", scenario, "--substances", kTable, "--plan", "A"});
  EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "the GeoPackage is damaged: its geometry does not match the GeoPackage's spatial index")) << r.err;

  // A page of the zones that SQLite cannot decode: found on opening, before any layer is blamed.
  std::string page = bytes;
  const std::size_t zones = leafPageHolding(bytes, "Z1");
  ASSERT_NE(zones, std::string::npos);
  page[zones + 8] = char(0xFF);
  page[zones + 9] = char(0xF0);
  writeBytes(gpkg, page);
  r = runDrillsim({"validate", scenario, "--substances", kTable});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_TRUE(has(r.err, "the GeoPackage is damaged: SQLite's check of its pages (PRAGMA quick_check) reports: ")) << r.err;
  EXPECT_FALSE(has(r.err, "unknown zone")) << r.err;

  // A byte of a road's id damaged into one that is not UTF-8: a located error, not an internal
  // one when the id is written out.
  std::string text = bytes;
  const std::size_t id = text.find("R1", roads);
  ASSERT_NE(id, std::string::npos);
  text[id + 1] = char(0x83);
  writeBytes(gpkg, text);
  r = runDrillsim({"run", scenario, "--substances", kTable, "--plan", "A", "--format", "json"});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(has(r.err, "the GeoPackage is damaged: the text of its field id is not valid UTF-8 ('R\\x83")) << r.err;

  // Cut short: never figures.
  for (int eighth = 1; eighth < 8; ++eighth) {
    writeBytes(gpkg, bytes.substr(0, bytes.size() * std::size_t(eighth) / 8));
    r = runDrillsim({"run", scenario, "--substances", kTable, "--plan", "A"});
    EXPECT_EQ(r.exitCode, 2) << eighth << "/8: " << r.err;
    EXPECT_EQ(r.out, "") << eighth << "/8";
  }
}

namespace {
// Opens the FIFO for writing after a while and closes it, so that a reader that blocked on it
// would see its end and the test fail on the message instead of hanging.
struct FifoGuard {
  std::string path;
  std::atomic<bool> done{false};
  std::thread t;
  explicit FifoGuard(std::string p) : path(std::move(p)) {
    ::mkfifo(path.c_str(), 0600);
    t = std::thread([this] {
      for (int i = 0; i < 300 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (!done) {
        std::ofstream release(path);
      }
    });
  }
  ~FifoGuard() {
    done = true;
    t.join();
    fs::remove(path);
  }
};
}  // namespace

TEST(Integrity, GeoJsonTextInAnotherEncodingIsAnErrorNamingTheField) {
  const std::string dir = scratchPath("integrity", "gbk-park");
  fs::remove_all(dir);
  fs::create_directories(dir + "/park");
  for (const char* layer : {"zones", "roads", "shelters", "stations", "hazard_sources"})
    fs::copy_file(sourcePath("tests/data/mini/park/") + layer + ".geojson", dir + "/park/" + layer + ".geojson");
  fs::copy_file(kMini, dir + "/mini.yaml");
  // 化工 in GBK (BB AF B9 A4) before a zone's name, as a file saved from a Chinese editor would be.
  std::string zones = readFile(dir + "/park/zones.geojson");
  const std::size_t name = zones.find("\"name\": \"");
  ASSERT_NE(name, std::string::npos);
  zones.insert(name + 9, "\xBB\xAF\xB9\xA4");
  writeBytes(dir + "/park/zones.geojson", zones);
  const auto r = runDrillsim({"validate", dir + "/mini.yaml", "--substances", kTable});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_TRUE(has(r.err, "park/zones.geojson: layer zones, feature Z1: error: name: the text is not UTF-8 ('\\xbb\\xaf\\xb9\\xa4")) << r.err;
}

TEST(Integrity, NamedPipesAndSymbolicLinkLoopsAreRefusedWithThePath) {
  {  // the scenario itself
    FifoGuard fifo(scratchPath("integrity", "scenario.yaml"));
    const auto r = runDrillsim({"validate", fifo.path});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_TRUE(has(r.err, fifo.path + ": error: the scenario: found a named pipe (FIFO)")) << r.err;
  }
  {  // a results store
    FifoGuard fifo(scratchPath("integrity", "store.gpkg"));
    const auto r = runDrillsim({"compare", fifo.path});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_TRUE(has(r.err, "found a named pipe (FIFO)")) << r.err;
  }
  // The park given as a pipe, and a layer file of a park folder that is one.
  const std::string dir = scratchPath("integrity", "pipe-park");
  fs::create_directories(dir + "/park");
  for (const char* layer : {"roads", "shelters", "stations", "hazard_sources"})
    fs::copy_file(sourcePath("tests/data/mini/park/") + layer + ".geojson", dir + "/park/" + layer + ".geojson");
  fs::copy_file(kMini, dir + "/mini.yaml");
  {
    FifoGuard fifo(dir + "/park/zones.geojson");
    const auto r = runDrillsim({"validate", dir + "/mini.yaml", "--substances", kTable});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_TRUE(has(r.err, "the zones layer: found a named pipe (FIFO)")) << r.err;
  }
  // A park folder that is a loop of symbolic links.
  fs::remove_all(dir + "/park");
  fs::create_symlink(dir + "/park2", dir + "/park");
  fs::create_symlink(dir + "/park", dir + "/park2");
  const auto r = runDrillsim({"validate", dir + "/mini.yaml", "--substances", kTable});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_TRUE(has(r.err, "a loop of symbolic links")) << r.err;
  EXPECT_FALSE(has(r.err, "internal error")) << r.err;
}

TEST(Integrity, CoordinatesThatCannotBeInTheDeclaredCrsAreAnError) {
  const std::string dir = scratchPath("integrity", "crs-park");
  fs::create_directories(dir + "/park");
  for (const char* layer : {"zones", "shelters", "stations", "hazard_sources"})
    fs::copy_file(sourcePath("tests/data/mini/park/") + layer + ".geojson", dir + "/park/" + layer + ".geojson");
  fs::copy_file(kMini, dir + "/mini.yaml");
  std::string roads = readFile(sourcePath("tests/data/mini/park/roads.geojson"));
  auto withCrs = [&](const std::string& name) {
    std::string text = roads;
    text.insert(1, "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"" + name + "\"}}, ");
    writeBytes(dir + "/park/roads.geojson", text);
    return runDrillsim({"validate", dir + "/mini.yaml", "--substances", kTable});
  };
  // Degrees declared as UTM metres.
  auto r = withCrs("urn:ogc:def:crs:EPSG::32649");
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_TRUE(has(r.err, "layer roads: error: crs: ")) << r.err;
  EXPECT_TRUE(has(r.err, "features have coordinates that cannot be in the layer's CRS (WGS 84 / UTM zone 49N), e.g. feature R1 at x 113.05")) << r.err;
  EXPECT_TRUE(has(r.err, "are they degrees?")) << r.err;
  // A code PROJ does not know.
  r = withCrs("urn:ogc:def:crs:EPSG::999999");
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_TRUE(has(r.err, "GDAL cannot use the file's crs")) << r.err;
  // Metres with no crs member: GeoJSON's longitude, latitude (RFC 7946) cannot be 500,000.
  std::string metres = roads;
  for (std::size_t at = 0; (at = metres.find("113.05", at)) != std::string::npos; at += 6) metres.replace(at, 6, "500113");
  writeBytes(dir + "/park/roads.geojson", metres);
  r = runDrillsim({"validate", dir + "/mini.yaml", "--substances", kTable});
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_TRUE(has(r.err, "(a geographic CRS: are they metres?)")) << r.err;
}

TEST(Integrity, TheBatchsOwnMemoryIsCountedBeforeItStarts) {
  const std::string store = scratchPath("integrity", "huge.gpkg");
  setenv("DRILLSIM_MEMORY", "1G", 1);
  auto r = runDrillsim({"batch", sourcePath("data/scenarios/chlorine_night.yaml"), "--replications", "10000000", "--jobs", "2",
                        "--out", store, "--quiet"});
  EXPECT_EQ(r.exitCode, 69) << r.err;
  // 4 plans x 10^7 rows of 7.5 x (400 + 35 x 110 roads + 145 x 44 zones + 50 x 12 shelters + 75 x 4 teams) bytes.
  EXPECT_TRUE(has(r.err, "this batch would hold about 3221.5 GiB when it ends (its 40000000 rows, about 84 KiB each")) << r.err;
  EXPECT_TRUE(has(r.err, "but 1.0 GiB is DRILLSIM_MEMORY; refused before starting")) << r.err;
  EXPECT_FALSE(fs::exists(store));
  setenv("DRILLSIM_MEMORY", "abc", 1);
  r = runDrillsim({"batch", kMini, "--substances", kTable, "--out", store, "--quiet"});
  EXPECT_EQ(r.exitCode, 64) << r.err;
  EXPECT_TRUE(has(r.err, "DRILLSIM_MEMORY: expected a size such as 2G or 500M, found 'abc'")) << r.err;
  unsetenv("DRILLSIM_MEMORY");
}
