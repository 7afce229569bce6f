// Fuzz target: the scenario reader (YAML text to a Scenario, with every check of its own) and,
// when the text reads as a scenario, its validation against the bundled park and substance table
// and the save/reload round trip: what was read must be written and read back unchanged.
//
// Input: the bytes of a scenario file. Seeds: data/scenarios and tests/malformed.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "scenarios/ParkLoader.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/Validation.hpp"

using namespace drillsim;

namespace {
struct Reference {
  Park park;
  SubstanceTable substances;
};

const Reference& reference() {
  static const Reference r = [] {
    Diagnostics d;
    const std::string root = DRILLSIM_SOURCE_DIR;
    auto park = loadPark(root + "/data/parks/baofeng", "park", ParkOptions{}, d);
    auto table = SubstanceTable::load(root + "/data/substances.csv", d);
    if (!park || !table) std::abort();  // the bundled data must load
    return Reference{std::move(*park), std::move(*table)};
  }();
  return r;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Reference& ref = reference();
  // Through a file, as a user's scenario comes: the reader's checks of size, encoding and binary
  // content come before the YAML parser.
  static const std::string path = "/tmp/drillsim-fuzz-scenario-" + std::to_string(getpid()) + ".yaml";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
  }
  Diagnostics d;
  std::optional<Scenario> scenario = loadScenario(path, d);
  if (!scenario) return 0;
  validate(*scenario, ref.park, ref.substances, d);
  (void)d.str();  // every message must format
  Diagnostics again;
  const std::optional<Scenario> reread = parseScenario(scenarioToYaml(*scenario), "saved.yaml", again);
  if (!reread || !(*reread == *scenario)) std::abort();  // a save that does not read back loses work
  return 0;
}
