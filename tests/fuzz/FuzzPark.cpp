// Fuzz target: the park loader (GeoJSON layers through GDAL to zones, roads, shelters, stations
// and hazard sources, the road graph and every feature check). One layer of the small test park
// is replaced by the input; the others stay valid, so the fuzzer reaches the checks that need a
// whole park (references between layers, the graph).
//
// Input: one byte choosing the layer (its value modulo 5), then that layer's file.
// Seeds: every layer of data/park, tests/data/mini/park and tests/malformed/parks.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "scenarios/ParkLoader.hpp"

using namespace drillsim;
namespace fs = std::filesystem;

namespace {
const char* const kLayers[] = {"zones", "roads", "shelters", "stations", "hazard_sources"};

// A private copy of the test park in the temporary folder, made once per process.
const fs::path& parkCopy() {
  static const fs::path folder = [] {
    const fs::path to = fs::temp_directory_path() / ("drillsim-fuzz-park-" + std::to_string(getpid()));
    fs::remove_all(to);
    fs::copy(fs::path(DRILLSIM_SOURCE_DIR) / "tests/data/mini/park", to);
    return to;
  }();
  return folder;
}

void write(const fs::path& path, const char* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data, std::streamsize(size));
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return -1;
  const fs::path& folder = parkCopy();
  const fs::path layer = folder / (std::string(kLayers[data[0] % 5]) + ".geojson");
  const fs::path original = fs::path(DRILLSIM_SOURCE_DIR) / "tests/data/mini/park" / layer.filename();
  write(layer, reinterpret_cast<const char*>(data + 1), size - 1);
  Diagnostics d;
  const auto park = loadPark(folder.string(), "park", ParkOptions{}, d);
  (void)d.str();
  if (park) (void)parkBounds(*park);
  fs::copy_file(original, layer, fs::copy_options::overwrite_existing);
  return 0;
}
