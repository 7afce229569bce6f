// drillsim hazard: concentrations at points and threat zones of one toxic release, for weather and
// a release rate given on the command line or drawn from the scenario.
#include <cmath>
#include <iostream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/TextFile.hpp"
#include "scenarios/Validation.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/TextTable.hpp"
#include "sim/hazard/HazardModel.hpp"
#include "sim/map/ParkMap.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"hazard", true, "id of a toxic release of the scenario (required)", "ID"},
    {"seed", true, "draw weather and release from the scenario with this seed (default: its monte_carlo.seed)", "N"},
    {"replication", true, "which draws of the seed (default 0)", "R"},
    {"wind-speed", true, "wind speed at 10 m [m/s], instead of the drawn one", "U"},
    {"wind-from", true, "direction the wind blows from [deg clockwise from north]", "DEG"},
    {"stability", true, "Pasquill class A-F", "C"},
    {"rate", true, "release rate [kg/s]", "KG_S"},
    {"at", true, "points x,y in the park's CRS metres, separated by ';'", "X,Y[;X,Y...]"},
    {"time", true, "time after the release starts [s] for --at (default: the steady state)", "T"},
    {"format", true, "text (default) or json", "FORMAT"},
    {"lonlat", false, "--at points are longitude,latitude (WGS 84) instead of park metres", ""},
    {"svg", true, "write the park map with the threat zones (AEGL-1/2/3, 60 min) to this file", "FILE.svg"},
    {"geojson", true, "write the threat zones as GeoJSON polygons (WGS 84) for a GIS", "FILE.geojson"},
    {"substances", true, "substance table to use (default: the bundled data/substances.csv)", "FILE"},
};

}  // namespace

std::string helpHazard() {
  return "Usage: drillsim hazard SCENARIO.yaml --hazard ID [options]\n\n"
         "For one toxic release: the downwind distance to each AEGL level (60 min) and, with --at,\n"
         "the ground-level concentration at points; with --svg, the threat zones drawn over the park.\n"
         "Weather and release come from the scenario's distributions (--seed, --replication) unless\n"
         "given with --wind-speed, --wind-from, --stability and --rate. Gaussian plume with Briggs\n"
         "coefficients; see the README for its limits (light winds, the first 100 m, 10 km).\n\n" +
         describeOptions(kOptions) +
         "\n--format json prints {\"points\": [{\"x\":..., \"y\":..., \"t\":..., \"mg_m3\":..., \"ppm\":...}],\n"
         "\"distances_m\": {\"AEGL-1\":..., ...}}.\n"
         "\nExit codes: 0 done, 2 the scenario is invalid, 64 bad command line.\n";
}

int runHazard(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  const auto id = args.value("hazard");
  if (!id) throw UsageError("--hazard is required");
  const std::string format = args.choice("format", {"text", "json"}, "text");
  auto loaded = loadScenarioArgument(args);
  if (!loaded) return kExitInvalidInput;
  const std::uint64_t seed = args.count("seed", loaded->scenario.monte_carlo.seed);
  const std::uint64_t replication = args.count("replication", 0);
  HazardModel model(*loaded, loaded->scenario.plans.front(), seed, replication);
  const DrawnRelease* found = nullptr;
  std::vector<std::string> ids;
  for (const auto& r : model.releases()) {
    ids.push_back(r.hazard);
    if (r.hazard == *id) found = &r;
  }
  if (!found) throw UsageError("--hazard: no toxic release " + inQuotes(*id) + "; " + expectedOneOf(*id, ids));
  DrawnRelease release = *found;
  hazard::Weather w = model.weather();
  w.windSpeed_ms = args.number("wind-speed", 0.1, 60, w.windSpeed_ms);
  w.windFrom_deg = args.number("wind-from", 0, 360, w.windFrom_deg);
  if (auto c = args.value("stability")) {
    auto st = hazard::stabilityFromLetter(*c);
    if (!st) throw UsageError("--stability: expected one of A, B, C, D, E, F, found '" + *c + "'");
    w.stability = *st;
  }
  release.release.rate_kg_s = args.number("rate", 1e-6, 1e5, release.release.rate_kg_s);
  // Steady state: the release has been going long enough for the plume to reach every point.
  release.release.start_s = 0;
  release.release.stop_s = std::numeric_limits<double>::infinity();

  const Substance& sub = *release.substance;
  const char* levels[] = {"AEGL-1", "AEGL-2", "AEGL-3"};
  const char* colours[] = {"#f2c200", "#f07f00", "#d00000"};
  nlohmann::json distances = nlohmann::json::object();
  std::vector<MapOverlay> overlays;
  std::ostringstream text;
  const char* classes = "ABCDEF";
  text << release.hazard << ": " << sub.id << " " << sub.name_zh << " from " << release.hazard << " at "
       << fixed(release.release.rate_kg_s, 2) << " kg/s, height " << fixed(release.release.height_m, 1) << " m\n"
       << "Wind " << fixed(w.windSpeed_ms, 1) << " m/s from " << fixed(w.windFrom_deg, 0) << " deg, class "
       << classes[int(w.stability)] << ", " << (w.terrain == hazard::Terrain::Urban ? "urban" : "rural") << "\n";
  for (int level = 1; level <= 3; ++level) {
    const auto& ppm = sub.aegl_ppm[std::size_t(level - 1)][2];
    if (!ppm) continue;
    const double mg = sub.mgPerM3(*ppm);
    const double reach = hazard::centrelineDistanceTo_m(mg, release.release.rate_kg_s, w.windSpeed_ms,
                                                        release.release.height_m, w.stability, w.terrain);
    distances[levels[level - 1]] = reach;
    text << "  " << levels[level - 1] << " (60 min, " << fixed(*ppm, 2) << " ppm): "
         << (reach >= 10000 ? std::string("beyond 10 km") : fixed(reach, 0) + " m downwind") << "\n";
    overlays.insert(overlays.begin(), {std::string(levels[level - 1]) + " (60 min)", colours[level - 1],
                                       hazard::footprint(mg, release.release, w, release.source)});
  }
  nlohmann::json points = nlohmann::json::array();
  if (auto at = args.value("at")) {
    const double t = args.number("time", 0, 1e7, std::numeric_limits<double>::max() / 4);
    std::stringstream list(*at);
    std::string item;
    while (std::getline(list, item, ';')) {
      double x = 0, y = 0;
      char comma = 0;
      std::istringstream in(item);
      if (!(in >> x >> comma >> y) || comma != ',')
        throw UsageError("--at: expected points as x,y separated by ';', found '" + item + "'");
      if (args.flag("lonlat")) {
        const Point2 p = LonLatTransform(loaded->park.crs).fromLonLat({x, y});
        x = p.x_m;
        y = p.y_m;
      }
      const double c = model.concentration_mg_m3(release, {x, y}, t);
      points.push_back({{"x", x}, {"y", y}, {"t", args.value("time") ? nlohmann::json(t) : nlohmann::json(nullptr)},
                        {"mg_m3", c}, {"ppm", hazard::ppm(c, sub.molar_mass_g_mol)}});
      text << "  at " << fixed(x, 1) << ", " << fixed(y, 1) << ": " << fixed(c, 3) << " mg/m3 = "
           << fixed(hazard::ppm(c, sub.molar_mass_g_mol), 3) << " ppm\n";
    }
  }
  if (auto svg = args.value("svg")) {
    MapOptions options;
    options.title = loaded->scenario.name + " — " + release.hazard + " threat zones";
    options.overlays = overlays;
    std::ostringstream note;
    note << "Wind " << fixed(w.windSpeed_ms, 1) << " m/s from " << fixed(w.windFrom_deg, 0) << " deg, class "
         << classes[int(w.stability)] << "\n" << sub.id << " " << fixed(release.release.rate_kg_s, 2) << " kg/s, steady state";
    options.note = note.str();
    writeFileAtomically(*svg, parkMapSvg(loaded->park, loaded->substances, options));
  }
  if (auto file = args.value("geojson")) {
    // RFC 7946: WGS 84 longitude, latitude; one polygon per level reached, most severe last.
    const LonLatTransform transform(loaded->park.crs);
    nlohmann::json features = nlohmann::json::array();
    for (const auto& o : overlays) {
      if (o.ring.empty()) continue;
      nlohmann::json ring = nlohmann::json::array();
      for (Point2 p : o.ring) {
        const Point2 ll = transform.toLonLat(p);
        ring.push_back({std::round(ll.x_m * 1e7) / 1e7, std::round(ll.y_m * 1e7) / 1e7});
      }
      const std::string level = o.label.substr(0, o.label.find(' '));
      features.push_back({{"type", "Feature"},
                          {"properties", {{"hazard", release.hazard}, {"substance", sub.id}, {"level", level},
                                          {"downwind_m", distances.value(level, 0.0)},
                                          {"wind_speed_ms", w.windSpeed_ms}, {"wind_from_deg", w.windFrom_deg},
                                          {"stability", std::string(1, classes[int(w.stability)])},
                                          {"rate_kg_s", release.release.rate_kg_s}}},
                          {"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}}});
    }
    writeFileAtomically(*file, nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump() + "\n");
  }
  if (format == "json") std::cout << nlohmann::json{{"points", points}, {"distances_m", distances}}.dump(2) << "\n";
  else std::cout << text.str();
  return kExitOk;
}

}  // namespace drillsim::cli
