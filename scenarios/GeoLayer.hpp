#pragma once
// Reading one layer of park geodata with GDAL: a GeoJSON file in a folder, or a layer of a
// GeoPackage. Features come back with their attributes as text (so that the park loader reports
// type problems in its own words) and their geometry transformed into the park's metric CRS.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/Geometry.hpp"

namespace drillsim {

/// Caps on geodata, checked before or while reading (see README "Limits").
constexpr std::uintmax_t kMaxLayerFileBytes = 256u << 20;
constexpr std::size_t kMaxFeaturesPerLayer = 200000;

struct GeoFeature {
  Location where;                                      // file and "layer L, feature ID"
  std::string id;                                      // the `id` attribute, or empty
  std::map<std::string, std::optional<std::string>> attributes;  // nullopt: null or unset
  std::string geometryType;                            // "Point", "LineString", "Polygon", ... or "" when none
  std::vector<std::vector<Point2>> parts;              // points / vertices of each line or ring, metric CRS
  std::vector<int> ringsPerPolygon;                    // for (Multi)Polygon: number of rings in each polygon
  std::string invalidReason;                           // non-empty when GDAL says the geometry is not valid
};

struct GeoLayer {
  std::string name;
  std::string file;
  std::vector<std::string> fields;  // attribute names in the layer's schema order
  std::vector<GeoFeature> features;
};

/// Where the park's layers live and how to project them.
class GeoSource {
 public:
  /// `path`: a folder of <layer>.geojson files or a GeoPackage; `displayPath` names it in messages.
  GeoSource(std::string path, std::string displayPath);
  ~GeoSource();
  GeoSource(const GeoSource&) = delete;
  GeoSource& operator=(const GeoSource&) = delete;

  /// False (with a diagnostic) when the path is missing or not readable geodata. `key` and
  /// `expected` say in the message what the file is for (a park, candidate sites, ...).
  bool open(Diagnostics& diagnostics, const std::string& key = "park",
            const std::string& expected = "a folder of GeoJSON layers (zones.geojson, roads.geojson, ...) or a .gpkg file");
  bool hasLayer(const std::string& layer) const;
  /// Longitude and latitude (WGS 84) of the centre of a layer's extent.
  std::optional<std::pair<double, double>> centreLonLat(const std::string& layer, Diagnostics& diagnostics);
  /// Reads a layer, transforming coordinates into `targetCrs` (any definition GDAL accepts).
  std::optional<GeoLayer> read(const std::string& layer, const std::string& targetCrs, Diagnostics& diagnostics);

  struct Impl;  // GDAL handles, kept out of this header

 private:
  std::unique_ptr<Impl> impl_;
};

/// Converts between the park's metric CRS and WGS 84 longitude/latitude (RFC 7946 order).
class LonLatTransform {
 public:
  /// Throws std::runtime_error when GDAL does not know `parkCrs`.
  explicit LonLatTransform(const std::string& parkCrs);
  ~LonLatTransform();
  LonLatTransform(const LonLatTransform&) = delete;
  LonLatTransform& operator=(const LonLatTransform&) = delete;
  /// Park metres to (lon, lat) in x_m/y_m; and back.
  Point2 toLonLat(Point2 p) const;
  Point2 fromLonLat(Point2 lonLat) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A feature to write: a point (one part of one point), a line (one part) or a polygon (its rings,
/// outer first), in the
/// layer's CRS, with attributes that are numbers (NaN: null) or text.
struct OutFeature {
  enum class Kind { Point, Line, Polygon };
  Kind kind = Kind::Polygon;
  std::vector<std::vector<Point2>> parts;
  std::vector<std::pair<std::string, std::variant<double, std::string>>> attributes;
};

/// Writes `features` as layer `layer` of the GeoPackage at `path`, in `crs` (any definition GDAL
/// accepts), replacing a layer of that name and keeping the file's other layers, so that several
/// commands can fill one GeoPackage that QGIS opens over the park. The file is changed atomically:
/// a copy is written and renamed over it. Field types follow the first feature. Throws
/// OutputError with GDAL's reason when it cannot.
void writeGeoPackageLayer(const std::string& path, const std::string& layer, const std::string& crs,
                          const std::vector<OutFeature>& features);

/// EPSG code string of the UTM zone holding a WGS 84 position, e.g. "EPSG:32649".
std::string utmCrsFor(double lon, double lat);

}  // namespace drillsim
