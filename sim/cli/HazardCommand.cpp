// drillsim hazard: concentrations at points and threat zones of one toxic release, for weather and
// a release rate given on the command line or drawn from the scenario.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "scenarios/Validation.hpp"
#include "sim/analysis/ThreatShares.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/ReleaseText.hpp"
#include "sim/cli/TextTable.hpp"
#include "sim/hazard/DenseGas.hpp"
#include "sim/hazard/HazardModel.hpp"
#include "sim/map/ParkMap.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"hazard", true, i18n::kNoop("id of a toxic release of the scenario (required)"), "ID"},
    {"seed", true, i18n::kNoop("draw weather and release from the scenario with this seed (default: its monte_carlo.seed)"), "N"},
    {"replication", true, i18n::kNoop("which draws of the seed (default 0)"), "R"},
    {"wind-speed", true, i18n::kNoop("wind speed at 10 m [m/s], instead of the drawn one"), "U"},
    {"wind-from", true, i18n::kNoop("direction the wind blows from [deg clockwise from north]"), "DEG"},
    {"stability", true, i18n::kNoop("Pasquill class A-F"), "C"},
    {"rate", true, i18n::kNoop("release rate [kg/s]: a direct source instead of the drawn one (its vessel, if any, is set aside)"), "KG_S"},
    {"mass", true, i18n::kNoop("instantaneous release [kg]: a direct puff of this mass released at once, instead of the drawn release"), "KG"},
    {"heat-release", true, i18n::kNoop("for a fire: heat release of one burning zone [MW], instead of the drawn one"), "MW"},
    {"at", true, i18n::kNoop("points x,y in the park's CRS metres, separated by ';'"), "X,Y[;X,Y...]"},
    {"time", true, i18n::kNoop("time after the release starts [s], for --at and the threat zones (default: the steady state)"), "T"},
    {"stop", true, i18n::kNoop("the release stops this long after it starts [s]: contained or exhausted (default: never)"), "S"},
    {"format", true, i18n::kNoop("text (default) or json"), "FORMAT"},
    {"lonlat", false, i18n::kNoop("--at points are longitude,latitude (WGS 84) instead of park metres"), ""},
    {"svg", true, i18n::kNoop("write the park map with the threat zones (AEGL-1/2/3, 60 min) to this file"), "FILE.svg"},
    {"geojson", true, i18n::kNoop("write the threat zones as GeoJSON polygons (WGS 84) for a GIS"), "FILE.geojson"},
    {"gpkg", true, i18n::kNoop("write the threat zones as layer threat_zones_ID of this GeoPackage (park CRS)"), "FILE.gpkg"},
    {"probability", true,
     i18n::kNoop("draw N weathers and releases from the scenario: the share in which each zone, shelter and --at point "
                 "lies inside the AEGL-2 footprint"),
     "N"},
    {"model", true, i18n::kNoop("dispersion of toxic releases: auto (dense or passive by Britter-McQuaid's criterion, the default), passive or dense"), "MODEL"},
    {"substances", true, i18n::kNoop("substance table to use (default: the bundled data/substances.csv)"), "FILE"},
};

// RFC 7946 GeoJSON: WGS 84 longitude, latitude to 1e-7 degree (about 1 cm).
std::string lonLatGeoJson(const std::vector<OutFeature>& features, const std::string& crs) {
  const LonLatTransform transform(crs);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : features) {
    nlohmann::json rings = nlohmann::json::array();
    for (const auto& part : f.parts) {
      nlohmann::json ring = nlohmann::json::array();
      for (Point2 p : part) {
        const Point2 ll = transform.toLonLat(p);
        ring.push_back({std::round(ll.x_m * 1e7) / 1e7, std::round(ll.y_m * 1e7) / 1e7});
      }
      rings.push_back(ring);
    }
    nlohmann::json properties = nlohmann::json::object();
    for (const auto& [key, value] : f.attributes)
      std::visit([&properties, &name = key](const auto& v) { properties[name] = v; }, value);
    out.push_back({{"type", "Feature"}, {"properties", properties},
                   {"geometry", {{"type", "Polygon"}, {"coordinates", rings}}}});
  }
  return nlohmann::json{{"type", "FeatureCollection"}, {"features", out}}.dump() + "\n";
}

// The --at points, in park metres.
std::vector<Point2> atPoints(const Args& args, const Park& park) {
  std::vector<Point2> out;
  const auto at = args.value("at");
  if (!at) return out;
  std::stringstream list(*at);
  std::string item;
  while (std::getline(list, item, ';')) {
    double x = 0, y = 0;
    char comma = 0;
    std::istringstream in(item);
    if (!(in >> x >> comma >> y) || comma != ',')
      throw UsageError(tf("--at: expected points as x,y separated by ';', found '{1}'", item));
    out.push_back(args.flag("lonlat") ? LonLatTransform(park.crs).fromLonLat({x, y}) : Point2{x, y});
  }
  return out;
}

std::string percent(const stats::Proportion& p) { return fixed(100.0 * p.share, 1) + " %"; }
std::string interval(const stats::Proportion& p) {
  return fixed(100 * p.interval95.low, 1) + "-" + fixed(100 * p.interval95.high, 1) + " %";
}

// drillsim hazard --probability N: the share of drawn weathers whose AEGL-2 footprint covers each
// zone, shelter and point.
int runProbability(const Args& args, const LoadedScenario& loaded, const DrawnRelease& release, const std::string& format) {
  for (const char* fixedOption : {"wind-speed", "wind-from", "stability", "rate", "time"})
    if (args.value(fixedOption))
      throw UsageError(tf("--probability draws the weather and release from the scenario; --{1} cannot be combined with it",
                          fixedOption));
  const int n = int(args.count("probability", 100));
  if (n < 1 || n > 100000) throw UsageError(tr("--probability: expected a number of draws from 1 to 100000"));
  if (release.aegl2_mg_m3 <= 0) throw UsageError(tf("--probability: {1} has no AEGL-2 (60 min)", release.substance->id));
  const std::uint64_t seed = args.count("seed", loaded.scenario.monte_carlo.seed);
  const Park& park = loaded.park;
  const std::vector<Point2> points = atPoints(args, park);
  const ThreatShares p = threatShares(loaded, release.hazard, seed, n, points);

  nlohmann::json zones = nlohmann::json::object(), shelters = nlohmann::json::object(), pts = nlohmann::json::array();
  std::vector<std::pair<int, std::size_t>> zoneOrder, shelterOrder;
  std::vector<OutFeature> features;
  MapOptions map;
  for (std::size_t z = 0; z < park.zones.size(); ++z) {
    const stats::Proportion& share = p.zones[z];
    const double lo = share.interval95.low, hi = share.interval95.high;
    zones[park.zones[z].id] = {{"probability", share.share}, {"low95", lo}, {"high95", hi}};
    if (share.hits > 0) zoneOrder.push_back({-int(share.hits), z});
    map.zoneShare[park.zones[z].id] = share.share;
    features.push_back({OutFeature::Kind::Polygon, park.zones[z].outer,
                        {{"id", park.zones[z].id}, {"name", park.zones[z].name}, {"probability", share.share},
                         {"low95", lo}, {"high95", hi}, {"draws", double(n)}}});
  }
  for (std::size_t s = 0; s < park.shelters.size(); ++s) {
    const stats::Proportion& share = p.shelters[s];
    shelters[park.shelters[s].id] = {{"probability", share.share}, {"low95", share.interval95.low}, {"high95", share.interval95.high}};
    if (share.hits > 0) shelterOrder.push_back({-int(share.hits), s});
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    const stats::Proportion& share = p.points[i];
    pts.push_back({{"x", points[i].x_m}, {"y", points[i].y_m}, {"probability", share.share},
                   {"low95", share.interval95.low}, {"high95", share.interval95.high}});
  }
  if (auto file = args.value("gpkg")) writeGeoPackageLayer(*file, "threat_probability_" + release.hazard, park.crs, features);
  if (auto svg = args.value("svg")) {
    map.title = tf("{1} — {2}: chance of lying in the AEGL-2 zone", loaded.scenario.name, release.hazard);
    map.shareLabel = tf("Share of {1} drawn weathers", n);
    map.note = tf("{1}, steady AEGL-2 (60 min) footprint of each draw\nseed {2}", substanceText(release), seed);
    writeFileAtomically(*svg, parkMapSvg(park, loaded.substances, map));
  }
  if (format == "json") {
    std::cout << nlohmann::json{{"probability", {{"hazard", release.hazard}, {"level", "AEGL-2"}, {"draws", n}, {"seed", seed},
                                                {"zones", zones}, {"shelters", shelters}, {"points", pts}}}}
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  std::sort(zoneOrder.begin(), zoneOrder.end());
  std::sort(shelterOrder.begin(), shelterOrder.end());
  std::cout << tf("{1}: {2} from {3}, {4} weathers and releases drawn from the scenario (seed {5}).", release.hazard,
                  substanceText(release), release.sourceId, n, seed)
            << "\n"
            << tr("Share of draws whose steady AEGL-2 (60 min) footprint covers each place, with its 95 % interval (Wilson).")
            << "\n\n";
  TextTable zt({tr("zone"), tr("name"), tr("people day"), tr("people night"), tr("share"), tr("95 % interval")},
               {false, false, true, true, true, false});
  for (const auto& [neg, z] : zoneOrder)
    zt.row({park.zones[z].id, park.zones[z].name, thousands(park.zones[z].pop_day), thousands(park.zones[z].pop_night),
            percent(p.zones[z]), interval(p.zones[z])});
  std::cout << tf("Zones ({1} of {2} ever inside)", zoneOrder.size(), park.zones.size()) << "\n" << zt.str();
  TextTable st({tr("shelter"), tr("name"), tr("capacity"), tr("share"), tr("95 % interval")}, {false, false, true, true, false});
  for (const auto& [neg, s] : shelterOrder)
    st.row({park.shelters[s].id, park.shelters[s].name, thousands(park.shelters[s].capacity), percent(p.shelters[s]),
            interval(p.shelters[s])});
  std::cout << "\n" << tf("Shelters ({1} of {2} ever inside)", shelterOrder.size(), park.shelters.size()) << "\n"
            << (shelterOrder.empty() ? "  " + std::string(tr("none")) + "\n" : st.str());
  for (std::size_t i = 0; i < points.size(); ++i)
    std::cout << (i ? "" : "\n" + std::string(tr("Points")) + "\n") << "  "
              << tf("at {1}, {2}: {3} ({4})", fixed(points[i].x_m, 1), fixed(points[i].y_m, 1), percent(p.points[i]),
                    interval(p.points[i]))
              << "\n";
  return kExitOk;
}

// The line at distance r around a zone, traced along rays from its centroid (exact for a zone
// that every such ray leaves once, as convex blocks do).
Ring outline(const Zone& zone, double r) {
  Ring ring;
  for (int k = 0; k <= 120; ++k) {
    const double a = 2 * M_PI * k / 120, dx = std::cos(a), dy = std::sin(a);
    auto at = [&](double t) { return Point2{zone.centroid.x_m + t * dx, zone.centroid.y_m + t * dy}; };
    double lo = 0, hi = r + 1;
    while (distanceToArea(at(hi), zone.outer) < r) hi *= 2;
    for (int i = 0; i < 60; ++i) {
      const double mid = (lo + hi) / 2;
      (distanceToArea(at(mid), zone.outer) < r ? lo : hi) = mid;
    }
    ring.push_back(at(hi));
  }
  return ring;
}

// drillsim hazard --hazard FIRE: how far the heat of one burning zone reaches, by the point-source
// model, for each of the usual thresholds.
int runFireHeat(const Args& args, const LoadedScenario& loaded, const DrawnFire& fire, const std::string& format) {
  const Zone& zone = loaded.park.zones[std::size_t(fire.origin)];
  const double q_MW = args.number("heat-release", 1e-3, 1e6, fire.heatRelease_MW);
  struct Level {
    double kW_m2;
    const char* meaning;
    const char* colour;
  };
  // hazard.md section 4: 37.5 damage to process equipment, 12.5 piloted ignition of wood, 5 pain
  // and second-degree burns within a minute (EPA 1989 Table 4.2); roads close at 5.
  const Level levels[] = {{37.5, tr("damage to process equipment; lethal within a minute"), "#d00000"},
                          {12.5, tr("piloted ignition of wood, melting of plastics"), "#f07f00"},
                          {5.0, tr("pain within 13 s, second-degree burns within 40 s; roads close"), "#f2c200"}};
  std::ostringstream text;
  nlohmann::json distances = nlohmann::json::object();
  std::vector<MapOverlay> overlays;
  text << tf("{1}: fire starting in {2} {3}, {4}", fire.hazard, zone.id, zone.name,
             q_MW > 0 ? tf("{1} MW per burning zone, {2} % radiated", fixed(q_MW, 0), fixed(100 * kRadiativeFraction, 0))
                      : std::string(tr("no heat release given (heat_release_mw): its radiation is not modelled")))
       << "\n"
       << tf("Point source at the centre of a fire of {1} kW/m2 ({2} m across) standing at the zone's edge nearest each place\n"
             "(NUREG-1805 ch. 5). Distances from the zone's edge:",
             fixed(kFireHeatPerArea_kW_m2, 0), fixed(2 * fireRadius_m(q_MW), 0))
       << "\n";
  for (const Level& l : levels) {
    const double r = heatReach_m(q_MW, l.kW_m2);
    distances[fixed(l.kW_m2, 1) + " kW/m2"] = r;
    text << "  " << fixed(l.kW_m2, 1) << " kW/m2 (" << l.meaning << "): "
         << (r > 0.5 ? tf("up to {1} m", fixed(r, 0)) : std::string(tr("at the zone's edge only"))) << "\n";
    overlays.push_back({fixed(l.kW_m2, 1) + " kW/m2", l.colour, r > 0 ? outline(zone, r) : Ring{}});
  }
  std::reverse(overlays.begin(), overlays.end());  // widest first, under the hotter rings
  if (auto svg = args.value("svg")) {
    MapOptions options;
    options.title = tf("{1} — {2} heat of one burning zone", loaded.scenario.name, fire.hazard);
    options.overlays = overlays;
    options.note = tf("{1} MW, {2} % radiated, from the edge of {3}", fixed(q_MW, 0), fixed(100 * kRadiativeFraction, 0), zone.id);
    writeFileAtomically(*svg, parkMapSvg(loaded.park, loaded.substances, options));
  }
  if (format == "json") std::cout << nlohmann::json{{"distances_m", distances}, {"heat_release_mw", q_MW}}.dump(2) << "\n";
  else std::cout << text.str();
  return kExitOk;
}

}  // namespace

std::string helpHazard() {
  return std::string(tr("Usage: drillsim hazard SCENARIO.yaml --hazard ID [options]\n\n"
         "For one toxic release: the downwind distance to each AEGL level (60 min) and, with --at,\n"
         "the ground-level concentration at points; with --svg, --geojson or --gpkg, the threat zones\n"
         "over the park (steady, or at --time T of a release stopped at --stop S). Weather and release\n"
         "come from the scenario's distributions (--seed, --replication) unless given with --wind-speed,\n"
         "--wind-from, --stability and --rate. With --probability N: over N drawn weathers, the share\n"
         "in which each zone, shelter and --at point lies inside the AEGL-2 footprint. Gaussian plume\n"
         "with Briggs coefficients, or Britter and McQuaid's dense-gas correlations where the cloud is\n"
         "heavier than air by their criterion (--model); see the README for the limits of each.\n"
         "For a fire: how far 37.5, 12.5 and 5 kW/m2 reach from one burning zone (point source).\n\n")) +
         describeOptions(kOptions) + tr("\n--format json prints {\"hazard\":..., \"source\": {\"id\", \"x\", \"y\", \"rate_kg_s\" (the initial rate out of the\n"
         "vessel, or the rate given), \"airborne_rate_kg_s\" (what the plume carries: jet and pool), \"height_m\",\n"
         "\"flash_fraction\", \"rainout_fraction\", \"duration_s\", \"instantaneous_kg\" (the puff, or null), and for a release\n"
         "given by its vessel \"rupture\", \"hole_mm\" (null for a rupture), \"blowdown\" (a compressed-gas vessel's),\n"
         "\"pressure_bar_gauge\", \"storage_temperature_c\", \"outflow_kg_s\", \"pool_m2\")},\n"
         "\"weather\": {\"wind_speed_ms\", \"wind_from_deg\", \"stability\", \"terrain\", \"temperature_c\"},\n"
         "\"dispersion\": \"passive\", \"dense\" or \"puff\", \"criterion\": {\"value\", \"threshold\", \"dense\"} (the puff's\n"
         "when there is one), \"model\", for a puff \"puff\": {\"mass_kg\", \"dispersion\", \"criterion\"} and with it a\n"
         "rupture's pool \"plume\": {\"rate_kg_s\", \"dispersion\", \"criterion\"},\n"
         "\"points\": [{\"x\":..., \"y\":..., \"t\":..., \"mg_m3\":..., \"ppm\":...}], \"distances_m\": {\"AEGL-1\":..., ...}}.\n"
         "\nExit codes: 0 done, 2 the scenario is invalid, 64 bad command line, 73 an output cannot be written.\n");
}

// [SECTION] A toxic release at one weather: the release given, its threat zones, points, files
namespace {
/// One toxic release at one weather, as the command line gives them, and what is found of it.
struct ToxicQuery {
  DrawnRelease release;
  hazard::Weather w;
  std::optional<double> givenDuration_s;  // a release given on the command line: how long it lasts
  std::optional<double> at_s;             // --time
  std::ostringstream text;                // what the text format prints
  nlohmann::json distances = nlohmann::json::object(), points = nlohmann::json::array();
  std::vector<MapOverlay> overlays;       // each level's threat zone (and the puff's), most severe first
};

/// The scenario's drawn release and weather, with what the command line gives over them.
void givenRelease(const Args& args, const LoadedScenario& l, const HazardModel& model, const DrawnRelease& drawn,
                  ToxicQuery& q) {
  const LoadedScenario* loaded = &l;
  const DrawnRelease* found = &drawn;
  DrawnRelease& release = q.release;
  release = *found;
  hazard::Weather& w = q.w;
  w = model.weather();
  w.windSpeed_ms = args.number("wind-speed", 0.1, 60, w.windSpeed_ms);
  w.windFrom_deg = args.number("wind-from", 0, 360, w.windFrom_deg);
  if (auto c = args.value("stability")) {
    auto st = hazard::stabilityFromLetter(*c);
    if (!st) throw UsageError(tf("--stability: expected one of A, B, C, D, E, F, found '{1}'", *c));
    w.stability = *st;
  }
  std::optional<double>& givenDuration_s = q.givenDuration_s;
  if (args.value("rate") && args.value("mass")) throw UsageError(tr("--rate and --mass: give one (a steady rate or a mass at once)"));
  if (args.value("mass")) {
    // A mass given is a direct puff, as `instantaneous_kg` in a scenario.
    release.release.puff_kg = args.number("mass", 1e-6, 1e9, 1.0);
    release.release.rate_kg_s = 0;
    release.fromVessel = release.rupture = false;
    release.puffCloud = hazard::pureVapour(release.substance->molar_mass_g_mol, w.temperature_K);
    givenDuration_s = 0;
  }
  if (args.value("rate")) {
    // A rate given is a direct source, as `rate_kg_s` in a scenario: the vessel drawn no longer
    // describes it; its cloud is the pure vapour at the air's temperature, lasting until the
    // inventory is gone.
    release.release.rate_kg_s = args.number("rate", 1e-6, 1e5, release.release.rate_kg_s);
    release.release.puff_kg = 0;
    release.fromVessel = release.rupture = false;
    release.cloud = hazard::pureVapour(release.substance->molar_mass_g_mol, w.temperature_K);
    if (const HazardSource* src = loaded->park.source(release.sourceId))
      givenDuration_s = src->inventory_kg / release.release.rate_kg_s;
  }
  // The dense or passive model for the weather and rate given (the scenario's draw chose for its own).
  chooseDispersion(release, w, loaded->scenario.dispersion);
  // Steady state: the release has been going long enough for the plume to reach every point.
  release.release.start_s = 0;
  release.release.stop_s = release.release.rate_kg_s > 0 ? args.number("stop", 0, 1e7, std::numeric_limits<double>::infinity()) : 0;
  std::optional<double>& at_s = q.at_s;
  if (args.value("time")) at_s = args.number("time", 0, 1e7, 0);
}

/// The header lines, and each AEGL level's distance downwind and threat zone.
void threatZones(const LoadedScenario& l, ToxicQuery& q) {
  const LoadedScenario* loaded = &l;
  const DrawnRelease& release = q.release;
  const hazard::Weather& w = q.w;
  const std::optional<double>& at_s = q.at_s;
  nlohmann::json& distances = q.distances;
  std::vector<MapOverlay>& overlays = q.overlays;
  std::ostringstream& text = q.text;
  const Substance& sub = *release.substance;
  const char* levels[] = {"AEGL-1", "AEGL-2", "AEGL-3"};
  const char* colours[] = {"#f2c200", "#f07f00", "#d00000"};
  text << tf("{1}: {2} {3} from {4}, {5}, height {6} m", release.hazard, sub.id, sub.name_zh, release.sourceId, amountText(release, tr(", then ")),
             fixed(release.release.height_m, 1))
       << "\n"
       << tf("Wind {1} m/s from {2} deg, class {3}, {4}, air {5} degC", fixed(w.windSpeed_ms, 1), fixed(w.windFrom_deg, 0),
             wordOf(w.stability), shownWord(w.terrain), fixed(w.temperature_K - 273.15, 1))
       << "\n";
  if (release.fromVessel) text << tf("Source: {1}", sourceText(release)) << "\n";
  text << tf("Dispersion: {1}", dispersionText(release));
  if (release.release.puff())
    text << tf("; dense-gas criterion of the puff {1} (dense at {2} or more)", fixed(release.puffCriterion.value, 3),
               fixed(release.puffCriterion.threshold, 2));
  if (release.release.plume())
    text << (release.release.puff() ? tf("; dense-gas criterion of the plume {1} (dense at {2} or more)",
                                         fixed(release.criterion.value, 3), fixed(release.criterion.threshold, 2))
                                    : tf("; dense-gas criterion {1} (dense at {2} or more)", fixed(release.criterion.value, 3),
                                         fixed(release.criterion.threshold, 2)));
  text << (loaded->scenario.dispersion == DispersionModel::Auto ? "" : std::string(", --model ") +
                          dispersionName(loaded->scenario.dispersion)) << "\n";
  if (release.release.puff() && !at_s)
    text << tr("Distances and zones below are where the peak of the passing puff reaches each level.") << "\n";
  for (int level = 1; level <= 3; ++level) {
    const auto& ppm = sub.aegl_ppm[std::size_t(level - 1)][2];
    if (!ppm) continue;
    const double mg = sub.mgPerM3(*ppm);
    // One answer for the text, the JSON and the map: at --time T the threat zone is the part of the
    // cloud at the level then (footprintAt), so its far edge is the distance reported.
    double reach = 0;
    if (at_s) reach = hazard::cloudExtentAt(mg, release.release, w, *at_s).far_m;
    else reach = hazard::centrelineDistanceTo_m(mg, release.release, w);
    distances[levels[level - 1]] = reach;
    text << "  " << levels[level - 1] << " (60 min, " << fixed(*ppm, 2) << " ppm): "
         << (reach >= 10000 ? std::string(tr("beyond 10 km"))
             : reach > 0    ? tf("{1} m downwind", fixed(reach, 0))
             : at_s         ? tf("not reached {1} s after the start", fixed(*at_s, 0))
                            : std::string(tr("not reached")))
         << "\n";
    overlays.insert(overlays.begin(), {std::string(levels[level - 1]) + " (60 min)", colours[level - 1],
                                       at_s ? hazard::footprintAt(mg, release.release, w, release.source, *at_s)
                                            : hazard::footprint(mg, release.release, w, release.source)});
    // At --time T a puff is a cloud of its own downwind of the plume's: a second ring of the level.
    if (at_s && release.release.puff())
      overlays.insert(overlays.begin(), {std::string(levels[level - 1]) + " (60 min, puff)", colours[level - 1],
                                         hazard::puffFootprintAt(mg, release.release, w, release.source, *at_s)});
  }
}

/// The concentration at each --at point.
void pointConcentrations(const Args& args, const LoadedScenario& l, ToxicQuery& q) {
  const LoadedScenario* loaded = &l;
  const DrawnRelease& release = q.release;
  const Substance& sub = *release.substance;
  const hazard::Weather& w = q.w;
  const std::optional<double>& at_s = q.at_s;
  nlohmann::json& points = q.points;
  std::ostringstream& text = q.text;
  if (args.value("at")) {
    const double t = at_s.value_or(std::numeric_limits<double>::max() / 4);
    for (Point2 p : atPoints(args, loaded->park)) {
      // The weather and release given on the command line, not the scenario's draw; without --time
      // the steady plume and the peak of a puff passing, as the distances and the map.
      const hazard::PointExposure e =
          hazard::pointExposure(release.release, w, hazard::windAxis(w.windFrom_deg), release.source, p);
      const double c = at_s ? hazard::concentration_mg_m3(release.release, w, release.source, p, t)
                            : e.steady_mg_m3 + e.puffPeak_mg_m3;
      points.push_back({{"x", p.x_m}, {"y", p.y_m}, {"t", at_s ? nlohmann::json(t) : nlohmann::json(nullptr)},
                        {"mg_m3", c}, {"ppm", hazard::ppm(c, sub.molar_mass_g_mol)}});
      text << "  "
           << tf("at {1}, {2}: {3} mg/m3 = {4} ppm", fixed(p.x_m, 1), fixed(p.y_m, 1), fixed(c, 3),
                 fixed(hazard::ppm(c, sub.molar_mass_g_mol), 3))
           << "\n";
    }
  }
}

/// The map (--svg) and the threat zones for a GIS (--geojson, --gpkg).
void writeThreatZones(const Args& args, const LoadedScenario& l, const ToxicQuery& q) {
  const LoadedScenario* loaded = &l;
  const DrawnRelease& release = q.release;
  const Substance& sub = *release.substance;
  const hazard::Weather& w = q.w;
  const std::optional<double>& at_s = q.at_s;
  const nlohmann::json& distances = q.distances;
  const std::vector<MapOverlay>& overlays = q.overlays;
  if (auto svg = args.value("svg")) {
    MapOptions options;
    options.title = tf("{1} — {2} threat zones", loaded->scenario.name, release.hazard);
    options.overlays = overlays;
    std::ostringstream note;
    note << tf("Wind {1} m/s from {2} deg, class {3}", fixed(w.windSpeed_ms, 1), fixed(w.windFrom_deg, 0), wordOf(w.stability))
         << "\n" << sub.id << " " << amountText(release, tr(",\nthen "))
         << (release.release.plume() && std::isfinite(release.release.stop_s)
                 ? tf(", stopped at {1} s", fixed(release.release.stop_s, 0)) : "")
         << (at_s ? tf(", {1} s after the start", fixed(*at_s, 0)) : std::string(tr(", steady state")));
    options.note = note.str();
    writeFileAtomically(*svg, parkMapSvg(loaded->park, loaded->substances, options));
  }
  // One polygon per level reached, most severe last, with what drew it.
  std::vector<OutFeature> footprints;
  for (const auto& o : overlays) {
    if (o.ring.empty()) continue;
    const std::string level = o.label.substr(0, o.label.find(' '));
    footprints.push_back({OutFeature::Kind::Polygon, {o.ring},
                          {{"hazard", release.hazard}, {"substance", sub.id}, {"level", level},
                           {"downwind_m", distances.value(level, 0.0)}, {"wind_speed_ms", w.windSpeed_ms},
                           {"wind_from_deg", w.windFrom_deg}, {"stability", wordOf(w.stability)},
                           {"rate_kg_s", release.release.rate_kg_s}, {"puff_kg", release.release.puff_kg}}});
  }
  if (auto file = args.value("geojson")) writeFileAtomically(*file, lonLatGeoJson(footprints, loaded->park.crs));
  if (auto file = args.value("gpkg")) writeGeoPackageLayer(*file, "threat_zones_" + release.hazard, loaded->park.crs, footprints);
}

/// The JSON format's answer.
nlohmann::json toxicJson(const LoadedScenario& l, const DrawnRelease& drawn, const ToxicQuery& q) {
  const LoadedScenario* loaded = &l;
  const DrawnRelease* found = &drawn;
  const DrawnRelease& release = q.release;
  const hazard::Weather& w = q.w;
  const std::optional<double>& givenDuration_s = q.givenDuration_s;
  const nlohmann::json& points = q.points;
  const nlohmann::json& distances = q.distances;
  nlohmann::json source = {{"id", release.sourceId},
                            {"x", release.source.x_m},
                            {"y", release.source.y_m},
                            // The initial rate out of the vessel (through its hole; for a direct
                            // source the rate given); the plume carries airborne_rate_kg_s.
                            {"rate_kg_s", release.fromVessel && !release.rupture ? release.vessel.outflow_kg_s
                                                                                 : release.release.rate_kg_s},
                            {"airborne_rate_kg_s", release.release.rate_kg_s},
                            {"height_m", release.release.height_m},
                            {"flash_fraction", release.fromVessel ? release.vessel.split.flash : 0.0},
                            {"rainout_fraction", release.fromVessel ? release.vessel.split.rainout : 0.0},
                            {"duration_s", givenDuration_s.value_or(found->release.stop_s - found->release.start_s)},
                            {"instantaneous_kg", release.release.puff() ? nlohmann::json(release.release.puff_kg)
                                                                        : nlohmann::json(nullptr)}};
  if (release.fromVessel) {
    source["rupture"] = release.rupture;
    source["hole_mm"] = release.rupture ? nlohmann::json(nullptr) : nlohmann::json(release.hole_mm);
    source["pressure_bar_gauge"] = release.gauge_bar();
    source["storage_temperature_c"] = release.storage_C;
    source["outflow_kg_s"] = release.vessel.outflow_kg_s;
    source["pool_m2"] = release.vessel.poolArea_m2;
    if (release.vessel.blowdown.initialMass_kg > 0) {
      source["blowdown"] = {{"initial_rate_kg_s", release.vessel.outflow_kg_s},
                            {"tau_s", release.vessel.blowdown.tau_s},
                            {"vessel_mass_kg", release.vessel.blowdown.initialMass_kg},
                            {"averaged_over_s", hazard::kBlowdownAverage_s}};
    }
  }
  const nlohmann::json weather = {{"wind_speed_ms", w.windSpeed_ms},
                                  {"wind_from_deg", w.windFrom_deg},
                                  {"stability", wordOf(w.stability)},
                                  {"terrain", wordOf(w.terrain)},
                                  {"temperature_c", w.temperature_K - 273.15}};
  const auto criterionJson = [](const hazard::DenseCriterion& c) {
    return nlohmann::json{{"value", c.value}, {"threshold", c.threshold}, {"dense", c.dense}};
  };
  nlohmann::json out{{"hazard", release.hazard}, {"source", source}, {"weather", weather},
                     {"dispersion", release.dispersionName()},
                     {"criterion", criterionJson(release.release.puff() ? release.puffCriterion : release.criterion)},
                     {"model", dispersionName(loaded->scenario.dispersion)},
                     {"points", points}, {"distances_m", distances}};
  if (release.release.puff())
    out["puff"] = {{"mass_kg", release.release.puff_kg}, {"dispersion", release.densePuff() ? "dense" : "passive"},
                   {"criterion", criterionJson(release.puffCriterion)}};
  if (release.release.puff() && release.release.plume())
    out["plume"] = {{"rate_kg_s", release.release.rate_kg_s}, {"dispersion", release.dense() ? "dense" : "passive"},
                    {"criterion", criterionJson(release.criterion)}};
  return out;
}
}  // namespace

int runHazard(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  const auto id = args.value("hazard");
  if (!id) throw UsageError(tr("--hazard is required"));
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
  for (const auto& f : model.fires()) {
    ids.push_back(f.hazard);
    if (f.hazard == *id) return runFireHeat(args, *loaded, f, format);
  }
  if (!found) throw UsageError(tf("--hazard: no hazard {1}; {2}", inQuotes(*id), expectedOneOf(*id, ids)));
  if (args.value("probability")) return runProbability(args, *loaded, *found, format);
  ToxicQuery q;
  givenRelease(args, *loaded, model, *found, q);
  threatZones(*loaded, q);
  pointConcentrations(args, *loaded, q);
  writeThreatZones(args, *loaded, q);
  if (format == "json") std::cout << toxicJson(*loaded, *found, q).dump(2) << "\n";
  else std::cout << q.text.str();
  return kExitOk;
}

}  // namespace drillsim::cli
