// drillsim synth: a synthetic park and scenario of a chosen size, written as files every other
// command reads, for scale tests.
#include <cmath>
#include <filesystem>
#include <iostream>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/I18n.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/synth/SyntheticPark.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"zones", true, i18n::kNoop("number of zones, at least (default 440, ten times the bundled park)"), "N"},
    {"seed", true, i18n::kNoop("seed of the populations and zone kinds (default 1)"), "S"},
    {"out", true, i18n::kNoop("folder to write park.gpkg and synthetic.yaml into (required)"), "DIR"},
};

// The generator works around (0, 0); the files place the park near the bundled one, in UTM 49N.
constexpr double kEast_m = 680000, kNorth_m = 3740000;
Point2 placed(Point2 p) { return {p.x_m + kEast_m, p.y_m + kNorth_m}; }
std::vector<Point2> placed(const std::vector<Point2>& ring) {
  std::vector<Point2> out;
  for (Point2 p : ring) out.push_back(placed(p));
  return out;
}
}  // namespace

std::string helpSynth() {
  return std::string(tr("Usage: drillsim synth --zones N [--seed S] --out DIR\n\n"
         "Writes a synthetic park of at least N zones (a grid of blocks, main roads every fourth street,\n"
         "shelters every fourth block, one chlorine source, one rescue station; populations drawn from\n"
         "the seed) as DIR/park.gpkg, and DIR/synthetic.yaml with two plans (nearest and fastest\n"
         "shelter). Validate, run or batch it like any scenario. For scale tests and benchmarks.\n\n")) +
         describeOptions(kOptions) + tr("\nExit codes: 0 written, 64 bad command line, 73 the files cannot be written.\n");
}

int runSynth(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  if (!args.positional().empty()) throw UsageError(tr("synth takes no file argument; use --out DIR"));
  const auto out = args.value("out");
  if (!out) throw UsageError(tr("--out is required"));
  const std::uint64_t zones = args.count("zones", 440);
  if (zones < 1 || zones > 200000) throw UsageError(tr("--zones: expected a whole number from 1 to 200000"));
  SyntheticOptions o;
  o.seed = args.count("seed", 1);
  o.blocksX = int(std::ceil(std::sqrt(double(zones) * 1.1)));
  o.blocksY = int(std::ceil(double(zones) / o.blocksX));
  LoadedScenario l = syntheticPark(o);
  std::error_code ec;
  std::filesystem::create_directories(*out, ec);
  if (ec) throw OutputError(tf("cannot create {1}: {2}", *out, ec.message()));
  const std::string gpkg = (std::filesystem::path(*out) / "park.gpkg").string();
  std::filesystem::remove(gpkg, ec);
  const Park& park = l.park;
  std::vector<OutFeature> zs, rs, ss, sts, hs;
  for (const Zone& z : park.zones)
    zs.push_back({OutFeature::Kind::Polygon, {placed(z.outer[0])},
                  {{"id", z.id}, {"name", z.name}, {"kind", zoneKindNames()[std::size_t(z.kind)]},
                   {"pop_day", double(z.pop_day)}, {"pop_night", double(z.pop_night)}}});
  for (const Road& r : park.roads)
    rs.push_back({OutFeature::Kind::Line, {placed(r.line)},
                  {{"id", r.id}, {"width_m", r.width_m}, {"speed_ms", r.speed_ms.value_or(8.3)}}});
  for (const Shelter& s : park.shelters)
    ss.push_back({OutFeature::Kind::Point, {{placed(s.position)}},
                  {{"id", s.id}, {"name", s.name}, {"capacity", double(s.capacity)},
                   {"kind", wordOf(s.kind)}}});
  for (const Station& s : park.stations)
    sts.push_back({OutFeature::Kind::Point, {{placed(s.position)}}, {{"id", s.id}, {"name", s.name}}});
  for (const HazardSource& h : park.sources)
    hs.push_back({OutFeature::Kind::Point, {{placed(h.position)}},
                  {{"id", h.id}, {"name", h.name}, {"substance", h.substance}, {"inventory_kg", h.inventory_kg}, {"zone", h.zone}}});
  writeGeoPackageLayer(gpkg, "zones", park.crs, zs);
  writeGeoPackageLayer(gpkg, "roads", park.crs, rs);
  writeGeoPackageLayer(gpkg, "shelters", park.crs, ss);
  writeGeoPackageLayer(gpkg, "stations", park.crs, sts);
  writeGeoPackageLayer(gpkg, "hazard_sources", park.crs, hs);
  l.scenario.park = "park.gpkg";
  // The file's own text, the same whatever the language (as the park's names are).
  l.scenario.description = "Synthetic park, " + std::to_string(park.zones.size()) + " zones, seed " +
                           std::to_string(o.seed) + " (drillsim synth). Not a real place.";
  const std::string yaml = (std::filesystem::path(*out) / "synthetic.yaml").string();
  saveScenario(l.scenario, yaml);
  long people = 0;
  for (const Zone& z : park.zones) people += z.pop_night;
  std::cout << tf("Wrote {1} and {2}: {3} zones, {4} roads, {5} shelters, {6} persons by night", yaml, gpkg,
                  park.zones.size(), park.roads.size(), park.shelters.size(), people)
            << "\n";
  return kExitOk;
}

}  // namespace drillsim::cli
