#include "scenarios/ParkLoader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/I18n.hpp"
#include "scenarios/ScenarioFile.hpp"

namespace drillsim {

namespace {

// The most persons a zone may hold or a shelter take in (README, Limits).
constexpr int kMaxPersons = 10000000;

std::string fmt(double v, int precision = 6) {
  std::ostringstream os;
  os.precision(precision);
  os << v;
  return os.str();
}

// Attribute access with messages naming the layer, feature, attribute, expected and found.
class FeatureReader {
 public:
  FeatureReader(const GeoLayer& layer, std::initializer_list<const char*> required, Diagnostics& d)
      : layer_(layer), diagnostics_(d) {
    if (layer.features.empty()) return;  // an empty collection has no schema; its emptiness is reported
    for (const char* key : required)
      if (std::find(layer.fields.begin(), layer.fields.end(), key) == layer.fields.end()) {
        std::string expected;
        for (const char* k : required) expected += (expected.empty() ? "" : ", ") + std::string(k);
        d.error({layer.file, 0, 0, tf("layer {1}", layer.name)}, key,
                tf("the layer has no such attribute; expected the attributes {1}", expected));
        missing_.insert(key);
      }
  }
  bool usable() const { return missing_.empty(); }

  std::optional<std::string> raw(const GeoFeature& f, const std::string& key) const {
    auto it = f.attributes.find(key);
    if (it == f.attributes.end() || !it->second) return std::nullopt;
    std::string v = *it->second;
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.erase(v.begin());
    if (v.empty()) return std::nullopt;
    return v;
  }

  std::optional<std::string> text(const GeoFeature& f, const std::string& key, bool required) {
    auto v = raw(f, key);
    if (!v && required && !missing_.count(key)) diagnostics_.error(f.where, key, tr("missing; expected a text value"));
    return v;
  }

  std::optional<double> number(const GeoFeature& f, const std::string& key, bool required, double min, bool strict) {
    auto v = raw(f, key);
    const std::string expected = strict ? tf("a number > {1}", fmt(min)) : tf("a number >= {1}", fmt(min));
    if (!v) {
      if (required && !missing_.count(key)) diagnostics_.error(f.where, key, tf("missing; expected {1}", expected));
      return std::nullopt;
    }
    double x = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
    if (ec != std::errc() || end != v->data() + v->size() || !std::isfinite(x) || (strict ? x <= min : x < min)) {
      diagnostics_.error(f.where, key, tf("expected {1}, found {2}", expected, inQuotes(*v)));
      return std::nullopt;
    }
    return x;
  }

  std::optional<int> count(const GeoFeature& f, const std::string& key, bool required) {
    auto v = raw(f, key);
    const std::string expected = tf("a whole number of persons from 0 to {1}", kMaxPersons);
    if (!v) {
      if (required && !missing_.count(key)) diagnostics_.error(f.where, key, tf("missing; expected {1}", expected));
      return std::nullopt;
    }
    double x = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
    if (ec != std::errc() || end != v->data() + v->size() || x < 0 || x > kMaxPersons || x != std::floor(x)) {
      diagnostics_.error(f.where, key, tf("expected {1}, found {2}", expected, inQuotes(*v)));
      return std::nullopt;
    }
    return static_cast<int>(x);
  }

  bool flag(const GeoFeature& f, const std::string& key) {
    auto v = raw(f, key);
    if (!v) return false;
    std::string s = *v;
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    if (s == "1" || s == "true" || s == "yes") return true;
    if (s == "0" || s == "false" || s == "no") return false;
    diagnostics_.error(f.where, key, tf("expected 0 or 1 (or true/false), found {1}", inQuotes(*v)));
    return false;
  }

  /// A unique, present id; empty (reported) otherwise.
  std::string id(const GeoFeature& f) {
    auto v = raw(f, "id");
    if (!v) {
      if (!missing_.count("id")) diagnostics_.error(f.where, "id", tr("missing; every feature needs an id"));
      return {};
    }
    const int number = static_cast<int>(&f - layer_.features.data()) + 1;
    if (auto [it, inserted] = ids_.emplace(*v, number); !inserted) {
      Location at = f.where;
      at.feature = tf("layer {1}, feature #{2} (id {3})", layer_.name, number, *v);
      diagnostics_.error(at, "id", tf("duplicate id {1}; feature #{2} of the layer already has it", inQuotes(*v), it->second));
      return {};
    }
    return *v;
  }

  ExtraAttributes extra(const GeoFeature& f, std::initializer_list<const char*> known) const {
    ExtraAttributes out;
    for (const auto& [name, v] : f.attributes) {
      const std::string& k = name;  // a structured binding is not captured by clang 14's lambdas
      if (v && std::find_if(known.begin(), known.end(), [&](const char* s) { return k == s; }) == known.end())
        out.emplace(k, *v);
    }
    return out;
  }

  bool geometry(const GeoFeature& f, std::initializer_list<const char*> types) {
    if (f.geometryType.empty()) {
      diagnostics_.error(f.where, "geometry",
                         tr("missing or unreadable; the feature has no geometry GDAL could read (coordinates must be "
                            "numbers, not text)"));
      return false;
    }
    if (std::find_if(types.begin(), types.end(), [&](const char* t) { return f.geometryType == t; }) == types.end()) {
      std::string expected;
      for (const char* t : types) expected = expected.empty() ? std::string(t) : tf("{1} or {2}", expected, t);
      diagnostics_.error(f.where, "geometry", tf("expected {1}, found {2}", expected, f.geometryType));
      return false;
    }
    if (!f.invalidReason.empty()) {
      diagnostics_.error(f.where, "geometry", tf("not a valid geometry: {1}", f.invalidReason));
      return false;
    }
    return true;
  }

 private:
  const GeoLayer& layer_;
  Diagnostics& diagnostics_;
  std::set<std::string> missing_;
  std::map<std::string, int> ids_;  // id -> feature number (1-based)
};

void readZones(const GeoLayer& layer, Park& park, Diagnostics& d) {
  FeatureReader r(layer, {"id", "name", "kind", "pop_day", "pop_night"}, d);
  for (const auto& f : layer.features) {
    Zone z;
    z.where = f.where;
    z.id = r.id(f);
    z.name = r.text(f, "name", true).value_or(z.id);
    z.name_en = r.text(f, "name_en", false).value_or("");
    if (auto kind = r.text(f, "kind", true)) {
      const auto& names = zoneKindNames();
      auto it = std::find(names.begin(), names.end(), *kind);
      if (it == names.end()) d.error(f.where, "kind", tf("{1}, found {2}", expectedOneOf(*kind, names), inQuotes(*kind)));
      else z.kind = static_cast<ZoneKind>(it - names.begin());
    }
    z.pop_day = r.count(f, "pop_day", true).value_or(0);
    z.pop_night = r.count(f, "pop_night", true).value_or(0);
    z.node_ref = r.text(f, "node", false);
    z.extra = r.extra(f, {"id", "name", "name_en", "kind", "pop_day", "pop_night", "node"});
    if (r.geometry(f, {"Polygon", "MultiPolygon"})) {
      std::size_t part = 0;
      for (int rings : f.ringsPerPolygon)
        for (int k = 0; k < rings; ++k, ++part) (k == 0 ? z.outer : z.holes).push_back(f.parts[part]);
      z.centroid = centroid(z.outer, z.holes, &z.area_m2);
      if (z.area_m2 <= 0) d.error(f.where, "geometry", tr("expected a polygon with an area, found one of area 0"));
    }
    park.zones.push_back(std::move(z));
  }
}

void readRoads(const GeoLayer& layer, Park& park, Diagnostics& d) {
  FeatureReader r(layer, {"id", "width_m"}, d);
  for (const auto& f : layer.features) {
    Road road;
    road.where = f.where;
    road.id = r.id(f);
    road.name = r.text(f, "name", false).value_or("");
    road.name_en = r.text(f, "name_en", false).value_or("");
    road.width_m = r.number(f, "width_m", true, 0, true).value_or(0);
    road.speed_ms = r.number(f, "speed_ms", false, 0, true);
    road.capacity_pps = r.number(f, "capacity_pps", false, 0, true);
    road.oneway = r.flag(f, "oneway");
    road.extra = r.extra(f, {"id", "name", "name_en", "width_m", "speed_ms", "capacity_pps", "oneway"});
    if (r.geometry(f, {"LineString"})) {
      road.line = f.parts[0];
      road.length_m = polylineLength(road.line);
      if (road.line.size() < 2 || road.length_m <= 0)
        d.error(f.where, "geometry", tf("expected a line of length > 0, found {1} point(s) of length {2} m", road.line.size(),
                                        fmt(road.length_m)));
    }
    park.roads.push_back(std::move(road));
  }
}

/// A shelter feature: a point with a capacity, or a polygon whose capacity, when not given, comes
/// from its area. Also read for candidate sites, whose name and kind may be left out.
Shelter readShelter(FeatureReader& r, const GeoFeature& f, const ParkOptions& options, bool named, Diagnostics& d) {
  Shelter s;
  s.where = f.where;
  s.id = r.id(f);
  s.name = r.text(f, "name", named).value_or(s.id);
  s.name_en = r.text(f, "name_en", false).value_or("");
  if (auto kind = r.text(f, "kind", named)) {
    if (const auto k = fromWord<ShelterKind>(shelterKindNames(), *kind)) s.kind = *k;
    else d.error(f.where, "kind", tf("{1}, found {2}", expectedOneOf(*kind, shelterKindNames()), inQuotes(*kind)));
  }
  s.node_ref = r.text(f, "node", false);
  const bool polygon = f.geometryType == "Polygon" || f.geometryType == "MultiPolygon";
  auto capacity = r.count(f, "capacity", !polygon);
  if (r.geometry(f, {"Point", "Polygon", "MultiPolygon"})) {
    if (polygon) {
      std::vector<Ring> outer, holes;
      std::size_t part = 0;
      for (int rings : f.ringsPerPolygon)
        for (int k = 0; k < rings; ++k, ++part) (k == 0 ? outer : holes).push_back(f.parts[part]);
      s.position = centroid(outer, holes, &s.area_m2);
      const double fromArea = std::floor(s.area_m2 / options.area_per_person_m2);
      if (!capacity && !r.raw(f, "capacity") && !(fromArea <= kMaxPersons)) {
        // Checked before the conversion to int: a polygon drawn in the wrong units is huge.
        d.error(f.where, "capacity",
                tf("not given, and the area {1} m2 would hold more than {2} persons; expected a shelter's area (are the "
                   "coordinates degrees?)",
                   fmt(s.area_m2, 7), kMaxPersons));
      } else if (!capacity && !r.raw(f, "capacity")) {  // given but wrong is an error already, not "not given"
        capacity = static_cast<int>(fromArea);
        d.warning(f.where, "capacity",
                  tf("not given; taken as {1} persons from the area {2} m2 at {3} m2 per person (give capacity to override)",
                     *capacity, fmt(s.area_m2, 7), fmt(options.area_per_person_m2)));
      }
    } else {
      s.position = f.parts.empty() ? Point2{} : f.parts[0][0];
    }
  }
  s.capacity = capacity.value_or(0);
  return s;
}

void readShelters(const GeoLayer& layer, Park& park, const ParkOptions& options, Diagnostics& d) {
  FeatureReader r(layer, {"id", "name", "kind"}, d);
  for (const auto& f : layer.features) {
    Shelter s = readShelter(r, f, options, true, d);
    s.extra = r.extra(f, {"id", "name", "name_en", "kind", "capacity", "node"});
    park.shelters.push_back(std::move(s));
  }
}

void readStations(const GeoLayer& layer, Park& park, Diagnostics& d) {
  FeatureReader r(layer, {"id", "name"}, d);
  for (const auto& f : layer.features) {
    Station s;
    s.where = f.where;
    s.id = r.id(f);
    s.name = r.text(f, "name", true).value_or(s.id);
    s.name_en = r.text(f, "name_en", false).value_or("");
    s.node_ref = r.text(f, "node", false);
    s.extra = r.extra(f, {"id", "name", "name_en", "node"});
    if (r.geometry(f, {"Point"})) s.position = f.parts[0][0];
    park.stations.push_back(std::move(s));
  }
}

void readSources(const GeoLayer& layer, Park& park, Diagnostics& d) {
  FeatureReader r(layer, {"id", "name", "substance", "inventory_kg", "zone"}, d);
  for (const auto& f : layer.features) {
    HazardSource s;
    s.where = f.where;
    s.id = r.id(f);
    s.name = r.text(f, "name", true).value_or(s.id);
    s.name_en = r.text(f, "name_en", false).value_or("");
    s.substance = r.text(f, "substance", true).value_or("");
    s.inventory_kg = r.number(f, "inventory_kg", true, 0, true).value_or(0);
    s.zone = r.text(f, "zone", true).value_or("");
    s.extra = r.extra(f, {"id", "name", "name_en", "substance", "inventory_kg", "zone"});
    if (r.geometry(f, {"Point"})) s.position = f.parts[0][0];
    park.sources.push_back(std::move(s));
  }
}

}  // namespace

std::optional<Park> loadPark(const std::string& path, const std::string& displayPath, const ParkOptions& options,
                             Diagnostics& diagnostics) {
  GeoSource source(path, displayPath);
  if (!source.open(diagnostics)) return std::nullopt;
  Diagnostics found;
  Park park;
  park.path = displayPath;

  const char* required[] = {"zones", "roads", "shelters"};
  bool complete = true;
  for (const char* layer : required)
    if (!source.hasLayer(layer)) {
      found.error({displayPath, 0, 0, {}}, "",
                  tf("the park has no {1} layer; expected {1}.geojson in the folder or a layer {1} in the GeoPackage", layer));
      complete = false;
    }
  if (!complete) {
    diagnostics.append(found);
    return std::nullopt;
  }

  auto centre = source.centreLonLat("zones", found);
  if (centre) {
    park.origin_lon = centre->first;
    park.origin_lat = centre->second;
  }
  park.crs = !options.crs.empty() ? options.crs : centre ? utmCrsFor(centre->first, centre->second) : "";
  if (park.crs.empty()) {
    diagnostics.append(found);
    return std::nullopt;
  }

  // A layer that cannot be read (damaged, in a CRS it cannot be in) ends the loading: the layers
  // after it would only be blamed for what it lacks (an unknown zone, an unconnected shelter).
  bool unreadable = false;
  auto readLayer = [&](const char* name, bool mustHaveFeatures) -> std::optional<GeoLayer> {
    if (unreadable || !source.hasLayer(name)) return std::nullopt;
    auto layer = source.read(name, park.crs, found);
    unreadable = !layer;
    if (layer && layer->features.empty() && mustHaveFeatures)
      found.error({layer->file, 0, 0, tf("layer {1}", name)}, "", tr("the layer is empty; expected at least one feature"));
    return layer;
  };
  if (auto l = readLayer("zones", true)) readZones(*l, park, found);
  if (auto l = readLayer("roads", true)) readRoads(*l, park, found);
  if (auto l = readLayer("shelters", true)) readShelters(*l, park, options, found);
  if (auto l = readLayer("stations", false)) readStations(*l, park, found);
  if (auto l = readLayer("hazard_sources", false)) readSources(*l, park, found);
  std::map<std::string, Point2> namedNodes;
  if (auto l = readLayer("nodes", false)) {
    for (const auto& f : l->features)
      if (!f.id.empty() && f.geometryType == "Point" && !f.parts.empty()) namedNodes[f.id] = f.parts[0][0];
      else found.error(f.where, "", tr("expected a Point with an id"));
  }

  if (!found.hasErrors() && !unreadable) buildGraph(park, found, namedNodes);
  const bool ok = !found.hasErrors() && !unreadable;
  diagnostics.append(found);
  if (!ok) return std::nullopt;
  return park;
}

std::optional<ShelterLayoutFile> loadCandidateLayer(const std::string& path, const std::string& parkCrs,
                                                    Diagnostics& diagnostics) {
  namespace fs = std::filesystem;
  // A GeoPackage holds a layer `candidates`; a GeoJSON file is its folder's layer of its name.
  const bool package = fs::path(path).extension() == ".gpkg";
  const std::string parent = fs::path(path).parent_path().string();
  const std::string folder = package ? path : parent.empty() ? "." : parent;
  const std::string name = package ? "candidates" : fs::path(path).stem().string();
  GeoSource source(folder, package ? path : folder);
  if (!source.open(diagnostics, "candidates",
                   "a GeoJSON file of candidate sites, or a .gpkg file with a layer candidates"))
    return std::nullopt;
  if (!source.hasLayer(name) || (!package && !fs::exists(path))) {
    diagnostics.error({path, 0, 0, {}}, "",
                      package ? tr("the GeoPackage has no layer candidates; expected the candidate sites in a layer of that name")
                              : tr("no such file; expected a GeoJSON file of candidate sites"));
    return std::nullopt;
  }
  Diagnostics found;
  auto layer = source.read(name, parkCrs, found);
  if (layer && layer->features.empty())
    found.error({path, 0, 0, tf("layer {1}", name)}, "", tr("the layer is empty; expected at least one candidate site"));
  ShelterLayoutFile out;
  out.file = path;
  if (layer) {
    FeatureReader r(*layer, {"id"}, found);
    const LonLatTransform lonLat(parkCrs);
    for (const auto& f : layer->features) {
      const Shelter s = readShelter(r, f, ParkOptions{}, false, found);
      ShelterChange c;
      c.where = f.where;
      c.id = s.id;
      if (r.raw(f, "name")) c.name = s.name;
      if (r.raw(f, "kind")) c.kind = s.kind;
      c.capacity = s.capacity;
      const Point2 ll = lonLat.toLonLat(s.position);
      c.lon = ll.x_m;
      c.lat = ll.y_m;
      out.changes.push_back(c);
      out.costs.push_back(r.number(f, "cost", false, 0, false).value_or(0));
    }
  }
  const bool ok = !found.hasErrors();
  diagnostics.append(found);
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace drillsim
