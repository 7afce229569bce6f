// Reading and writing geodata through GDAL: park layers (GeoJSON files or one GeoPackage), their
// CRS, and the checks that a damaged or wrong file gives a located error, never figures.
//
// Index (search for "[SECTION] " and the name):
//   GDAL helpers; Coordinates to and from longitude, latitude; Sources and layers; Checks of what
//   is read; Reading a layer.
#include "scenarios/GeoLayer.hpp"

#include "scenarios/I18n.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>

#include "scenarios/GdalChecks.hpp"
#include "scenarios/TextFile.hpp"

namespace drillsim {

namespace fs = std::filesystem;

// [SECTION] GDAL helpers: errors, drivers, geometry to points
namespace {

// Collects GDAL's error messages while alive instead of letting GDAL print them.
class GdalErrors {
 public:
  GdalErrors() { CPLPushErrorHandlerEx(&GdalErrors::handler, this); }
  ~GdalErrors() { CPLPopErrorHandler(); }
  GdalErrors(const GdalErrors&) = delete;
  GdalErrors& operator=(const GdalErrors&) = delete;
  std::string last() const { return messages_.empty() ? std::string("no reason given") : messages_.back(); }
  void clear() {
    messages_.clear();
    failure_.clear();
  }
  /// The first failure (not a warning) since the last clear(), or "".
  const std::string& failure() const { return failure_; }

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* message) {
    if (level < CE_Warning) return;
    auto* self = static_cast<GdalErrors*>(CPLGetErrorHandlerUserData());
    if (!self) return;
    self->messages_.emplace_back(message ? printableText(message) : "");
    if (level >= CE_Failure && self->failure_.empty())
      self->failure_ = message && *message ? printableText(message) : "no reason given";
  }
  std::vector<std::string> messages_;
  std::string failure_;
};

void registerDrivers() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

const char* geometryName(OGRwkbGeometryType t) {
  switch (wkbFlatten(t)) {
    case wkbPoint: return "Point";
    case wkbLineString: return "LineString";
    case wkbPolygon: return "Polygon";
    case wkbMultiPoint: return "MultiPoint";
    case wkbMultiLineString: return "MultiLineString";
    case wkbMultiPolygon: return "MultiPolygon";
    case wkbGeometryCollection: return "GeometryCollection";
    default: return "other geometry";
  }
}

std::vector<Point2> points(const OGRSimpleCurve& curve) {
  std::vector<Point2> out;
  out.reserve(static_cast<std::size_t>(curve.getNumPoints()));
  for (int i = 0; i < curve.getNumPoints(); ++i) out.push_back({curve.getX(i), curve.getY(i)});
  return out;
}

void addPolygon(const OGRPolygon& polygon, GeoFeature& f) {
  int rings = 0;
  if (const auto* outer = polygon.getExteriorRing()) {
    f.parts.push_back(points(*outer));
    ++rings;
  }
  for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
    f.parts.push_back(points(*polygon.getInteriorRing(i)));
    ++rings;
  }
  f.ringsPerPolygon.push_back(rings);
}

void extract(const OGRGeometry& g, GeoFeature& f) {
  f.geometryType = geometryName(g.getGeometryType());
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint: {
      const auto& p = *g.toPoint();
      if (!p.IsEmpty()) f.parts.push_back({{p.getX(), p.getY()}});
      break;
    }
    case wkbLineString: f.parts.push_back(points(*g.toLineString())); break;
    case wkbPolygon: addPolygon(*g.toPolygon(), f); break;
    case wkbMultiPolygon:
      for (const auto* polygon : *g.toMultiPolygon()) addPolygon(*polygon, f);
      break;
    default: break;  // the park loader reports the unexpected type
  }
}

// GEOS says "Self-intersection at or near point 113.05329981 33.870542784999998" (or with the
// point in brackets); say it in words, rounded, naming the coordinate order (the point is in the
// layer's own CRS).
std::string invalidityInWords(const std::string& reason) {
  if (reason == "no reason given") return "GDAL reports the geometry as not valid";
  std::size_t cut = reason.find(" at or near point ");
  std::size_t numbers = cut == std::string::npos ? std::string::npos : cut + 18;
  if (cut == std::string::npos && (cut = reason.find('[')) != std::string::npos) numbers = cut + 1;
  std::string what = reason.substr(0, cut);
  if (what == "Self-intersection") what = "its edges cross each other (self-intersection)";
  else if (what == "Ring Self-intersection") what = "a ring touches itself (ring self-intersection)";
  else if (what == "Too few points") what = "it has too few points";
  double x = 0, y = 0;
  if (numbers == std::string::npos || std::sscanf(reason.c_str() + numbers, "%lf %lf", &x, &y) != 2) return what;
  char at[96];
  std::snprintf(at, sizeof at, " near x/lon %.6f, y/lat %.6f", x, y);
  return what + at;
}

bool allFinite(const GeoFeature& f) {
  for (const auto& part : f.parts)
    for (const auto& p : part)
      if (!std::isfinite(p.x_m) || !std::isfinite(p.y_m)) return false;
  return true;
}

}  // namespace

// [SECTION] Coordinates to and from longitude, latitude; the UTM zone
struct LonLatTransform::Impl {
  std::unique_ptr<OGRCoordinateTransformation> toWgs, fromWgs;
};

LonLatTransform::LonLatTransform(const std::string& parkCrs) : impl_(std::make_unique<Impl>()) {
  registerDrivers();
  GdalErrors errors;
  OGRSpatialReference park, wgs;
  if (park.SetFromUserInput(parkCrs.c_str()) != OGRERR_NONE)
    throw std::runtime_error("unknown CRS '" + parkCrs + "': " + errors.last());
  wgs.SetWellKnownGeogCS("WGS84");
  park.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  impl_->toWgs.reset(OGRCreateCoordinateTransformation(&park, &wgs));
  impl_->fromWgs.reset(OGRCreateCoordinateTransformation(&wgs, &park));
  if (!impl_->toWgs || !impl_->fromWgs) throw std::runtime_error("cannot transform " + parkCrs + " to WGS 84");
}

LonLatTransform::~LonLatTransform() = default;

Point2 LonLatTransform::toLonLat(Point2 p) const {
  double x = p.x_m, y = p.y_m;
  impl_->toWgs->Transform(1, &x, &y);
  return {x, y};
}

Point2 LonLatTransform::fromLonLat(Point2 lonLat) const {
  double x = lonLat.x_m, y = lonLat.y_m;
  impl_->fromWgs->Transform(1, &x, &y);
  return {x, y};
}

void writeGeoPackageLayer(const std::string& path, const std::string& layer, const std::string& crs,
                          const std::vector<OutFeature>& features) {
  registerDrivers();
  GdalErrors errors;
  OGRSpatialReference srs;
  if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) throw OutputError("unknown CRS '" + crs + "'");
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const fs::path target(path);
  const fs::path temporary = target.string() + ".writing";
  std::error_code ec;
  fs::remove(temporary, ec);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!driver) throw OutputError("GDAL has no GeoPackage driver");
  Dataset ds;
  if (fs::exists(target)) {
    fs::copy_file(target, temporary, ec);
    if (ec) throw OutputError("cannot copy " + path + ": " + ec.message());
    ds.reset(GDALDataset::Open(temporary.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
    if (!ds) {
      fs::remove(temporary, ec);
      throw OutputError(path + " is not a GeoPackage GDAL can update: " + errors.last());
    }
  } else {
    ds.reset(driver->Create(temporary.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw OutputError("cannot create " + path + ": " + errors.last());
  }
  auto fail = [&](const std::string& what) {
    ds.reset();
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw OutputError(what + ": " + errors.last());
  };
  for (int i = 0; i < ds->GetLayerCount(); ++i)
    if (layer == ds->GetLayer(i)->GetName() && ds->DeleteLayer(i) != OGRERR_NONE) fail("cannot replace layer " + layer);
  const OutFeature::Kind kind = features.empty() ? OutFeature::Kind::Polygon : features.front().kind;
  const OGRwkbGeometryType type = kind == OutFeature::Kind::Point  ? wkbPoint
                                  : kind == OutFeature::Kind::Line ? wkbLineString
                                                                   : wkbPolygon;
  OGRLayer* out = ds->CreateLayer(layer.c_str(), &srs, type, nullptr);
  if (!out) fail("cannot create layer " + layer);
  if (!features.empty())
    for (const auto& [name, value] : features.front().attributes) {
      OGRFieldDefn field(name.c_str(), std::holds_alternative<double>(value) ? OFTReal : OFTString);
      if (out->CreateField(&field) != OGRERR_NONE) fail("cannot create field " + name);
    }
  if (out->StartTransaction() != OGRERR_NONE) fail("cannot write layer " + layer);
  for (const auto& f : features) {
    OGRFeature feature(out->GetLayerDefn());
    for (const auto& [name, value] : f.attributes) {
      if (const auto* d = std::get_if<double>(&value)) {
        if (std::isfinite(*d)) feature.SetField(name.c_str(), *d);  // otherwise left null
      } else
      {
        feature.SetField(name.c_str(), std::get<std::string>(value).c_str());
      }
    }
    if (f.kind == OutFeature::Kind::Point && !f.parts.empty() && !f.parts[0].empty()) {
      OGRPoint p(f.parts[0][0].x_m, f.parts[0][0].y_m);
      feature.SetGeometry(&p);
    } else if (f.kind == OutFeature::Kind::Line && !f.parts.empty()) {
      OGRLineString line;
      for (Point2 p : f.parts[0]) line.addPoint(p.x_m, p.y_m);
      feature.SetGeometry(&line);
    } else if (f.kind == OutFeature::Kind::Polygon) {
      OGRPolygon polygon;
      for (const auto& ring : f.parts) {
        OGRLinearRing r;
        for (Point2 p : ring) r.addPoint(p.x_m, p.y_m);
        r.closeRings();
        polygon.addRing(&r);
      }
      feature.SetGeometry(&polygon);
    }
    if (out->CreateFeature(&feature) != OGRERR_NONE) fail("cannot write a feature of " + layer);
  }
  if (out->CommitTransaction() != OGRERR_NONE) fail("cannot write layer " + layer);
  ds.reset();  // closes and flushes the file
  fs::rename(temporary, target, ec);
  if (ec) throw OutputError("cannot replace " + path + ": " + ec.message());
}

std::string utmCrsFor(double lon, double lat) {
  // Clamped before the conversion: a layer whose coordinates are not degrees (found by fuzzing:
  // 1e10) would otherwise overflow the int.
  const double z = std::floor((lon + 180.0) / 6.0) + 1;
  const int zone = std::isfinite(z) ? static_cast<int>(std::clamp(z, 1.0, 60.0)) : 1;
  return "EPSG:" + std::to_string((lat >= 0 ? 32600 : 32700) + zone);
}

// [SECTION] Sources and layers: opening a folder or a GeoPackage
struct GeoSource::Impl {
  std::string path, display;
  bool folder = false;
  Dataset package;  // when the park is one GeoPackage

  std::string layerFile(const std::string& layer) const {
    for (const char* ext : {".geojson", ".json"}) {
      const fs::path p = fs::path(path) / (layer + ext);
      std::error_code ec;
      // Anything at that name is the layer (a loop or a pipe there is refused when it is read).
      if (fs::symlink_status(p, ec).type() != fs::file_type::not_found && !ec) return p.string();
    }
    return {};
  }
  std::string layerDisplay(const std::string& layer) const {
    if (!folder) return display;
    const std::string file = layerFile(layer);
    return (fs::path(display) / fs::path(file).filename()).string();
  }
};

GeoSource::GeoSource(std::string path, std::string displayPath) : impl_(std::make_unique<Impl>()) {
  impl_->path = std::move(path);
  impl_->display = std::move(displayPath);
}

GeoSource::~GeoSource() = default;

bool GeoSource::open(Diagnostics& diagnostics, const std::string& key, const std::string& expected) {
  registerDrivers();
  const Location at{impl_->display, 0, 0, {}};
  std::error_code ec;
  if (const PathProblem problem = checkInputPath(impl_->path, true)) {
    diagnostics.error(at, key, problem.kind == PathProblem::Kind::Missing ? "no such folder or GeoPackage; expected " + expected
                                                                          : problem.text + "; expected " + expected);
    return false;
  }
  impl_->folder = fs::is_directory(impl_->path, ec);
  if (impl_->folder) return true;
  const auto size = fs::file_size(impl_->path, ec);
  if (!ec && size > kMaxLayerFileBytes) {
    diagnostics.error(at, key, sizeOverLimit("GeoPackage", size, kMaxLayerFileBytes));
    return false;
  }
  GdalErrors errors;
  impl_->package.reset(GDALDataset::Open(impl_->path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!impl_->package) {
    const std::string why = errors.last();
    char head[16] = {};
    std::ifstream(impl_->path, std::ios::binary).read(head, sizeof head);
    if (std::string(head, sizeof head) == std::string("SQLite format 3\0", 16)) {  // a GeoPackage GDAL cannot open
      diagnostics.error(at, key, "the GeoPackage is damaged or cut short: SQLite cannot open it (" + why +
                                     "). Restore the file from a backup or export its layers again from the GIS");
      return false;
    }
    diagnostics.error(at, key, "cannot read it as geodata (" +
                                   (why.empty() || why == "no reason given" ? std::string("not a GeoPackage") : why) +
                                   "); expected " + expected);
    return false;
  }
  // A GeoPackage is SQLite: a damaged page must stop the park here, not drop the features on it.
  if (const std::string check = sqliteQuickCheck(*impl_->package); check != "ok") {
    diagnostics.error(at, key, "the GeoPackage is damaged: SQLite's check of its pages (PRAGMA quick_check) reports: " +
                                   check + ". Restore the file from a backup or export its layers again from the GIS");
    impl_->package.reset();
    return false;
  }
  return true;
}

bool GeoSource::hasLayer(const std::string& layer) const {
  if (impl_->folder) return !impl_->layerFile(layer).empty();
  return impl_->package && impl_->package->GetLayerByName(layer.c_str()) != nullptr;
}

namespace {
// Opens the dataset holding `layer` (the folder's file, or the shared GeoPackage).
OGRLayer* openLayer(GeoSource::Impl& impl, const std::string& layer, Dataset& holder, const std::string& display,
                    Diagnostics& diagnostics) {
  GdalErrors errors;
  if (!impl.folder) {
    OGRLayer* l = impl.package->GetLayerByName(layer.c_str());
    if (!l) diagnostics.error({display, 0, 0, "layer " + layer}, "", "the GeoPackage has no layer '" + layer + "'");
    return l;
  }
  const std::string file = impl.layerFile(layer);
  const Location at{display, 0, 0, {}};
  if (const std::string problem = inputPathProblem(file, false); !problem.empty()) {
    diagnostics.error(at, "", "the " + layer + " layer: " + problem);
    return nullptr;
  }
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (!ec && size > kMaxLayerFileBytes) {
    diagnostics.error(at, "", sizeOverLimit(layer + " layer", size, kMaxLayerFileBytes));
    return nullptr;
  }
  if (!ec && size == 0) {
    diagnostics.error(at, "", "the file is empty; expected a GeoJSON FeatureCollection of " + layer);
    return nullptr;
  }
  // Only the GeoJSON driver is asked: the file is read as what it claims to be, and GDAL does not
  // try each of its two hundred drivers on it first.
  static const char* const kGeoJson[] = {"GeoJSON", nullptr};
  holder.reset(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, kGeoJson));
  if (!holder || holder->GetLayerCount() < 1) {
    diagnostics.error(at, "", "cannot read it as GeoJSON: " + errors.last());
    return nullptr;
  }
  // GDAL reads a file whose crs member names no known CRS as WGS 84 after saying so: refused.
  if (!errors.failure().empty()) {
    diagnostics.error(at, "crs", "GDAL cannot use the file's crs (" + errors.failure() +
                                     "); expected a CRS PROJ knows, e.g. EPSG:4326 (longitude, latitude) or EPSG:32649, "
                                     "or no crs member for longitude, latitude in WGS 84 (RFC 7946)");
    return nullptr;
  }
  return holder->GetLayer(0);
}
}  // namespace

namespace {
// PROJ takes milliseconds to work out a transformation, far longer than reading a small layer:
// each (source CRS, target CRS) pair is worked out once per process. The program is single-
// threaded where it reads geodata.
OGRCoordinateTransformation* cachedTransformation(const OGRSpatialReference& source,
                                                  const OGRSpatialReference& target, const std::string& targetCrs) {
  static std::map<std::pair<std::string, std::string>, std::unique_ptr<OGRCoordinateTransformation>> cache;
  char* wkt = nullptr;
  source.exportToWkt(&wkt);
  std::pair<std::string, std::string> key{wkt ? wkt : "", targetCrs};
  CPLFree(wkt);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second.get();
  std::unique_ptr<OGRCoordinateTransformation> made(OGRCreateCoordinateTransformation(&source, &target));
  if (!made) return nullptr;  // not cached: the next try reports the error again
  return cache.emplace(std::move(key), std::move(made)).first->second.get();
}
}  // namespace

// [SECTION] Checks of what is read: CRS bounds, header and index boxes
namespace {
// The coordinates a layer's CRS can hold, in that CRS: longitude and latitude within their ranges
// for a geographic CRS; for a projected one, its area of use (from the EPSG database, through
// PROJ) widened by 1 degree on every side, as parks drawn in a UTM zone next to theirs are. `what`
// says it in words for a message.
struct CrsBounds {
  OGREnvelope box;
  std::string what;
};
std::optional<CrsBounds> crsBounds(const OGRSpatialReference& crs) {
  char buf[200];
  if (crs.IsGeographic()) {
    CrsBounds b;
    b.box.MinX = -180, b.box.MaxX = 180, b.box.MinY = -90, b.box.MaxY = 90;
    b.what = "longitude from -180 to 180 and latitude from -90 to 90 (a geographic CRS: are they metres?)";
    return b;
  }
  double west = 0, south = 0, east = 0, north = 0;
  const char* area = nullptr;
  if (!crs.IsProjected() || !crs.GetAreaOfUse(&west, &south, &east, &north, &area) || west > east) return std::nullopt;
  west = std::max(-180.0, west - 1), east = std::min(180.0, east + 1);
  south = std::max(-90.0, south - 1), north = std::min(90.0, north + 1);
  OGRSpatialReference wgs;
  wgs.SetWellKnownGeogCS("WGS84");
  wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference projected(crs);
  projected.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs, &projected));
  CrsBounds b;
  if (!ct || !ct->TransformBounds(west, south, east, north, &b.box.MinX, &b.box.MinY, &b.box.MaxX, &b.box.MaxY, 21))
    return std::nullopt;
  std::snprintf(buf, sizeof buf, "its area of use, %.0f to %.0f m east and %.0f to %.0f m north (%s, widened by 1 degree)",
                b.box.MinX, b.box.MaxX, b.box.MinY, b.box.MaxY, area ? area : "from the EPSG database");
  b.what = buf;
  b.what += " (are they degrees?)";
  return b;
}

// The boxes of a GeoPackage layer's spatial index (rtree_<table>_<geometry column>) by feature
// id: a second record of where each feature lies, written with it. None when the layer has no
// index or it cannot be read.
// Boxes by feature id from a query whose rows are (id, min x, max x, min y, max y). GDAL may take
// the id column for the result's own FID, leaving the four sides as its fields. None when the
// query fails.
std::optional<std::map<GIntBig, OGREnvelope>> boxesFromQuery(GDALDataset& ds, const std::string& sql) {
  GdalFailures failures;
  OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (!result) return std::nullopt;
  std::map<GIntBig, OGREnvelope> boxes;
  const int first = result->GetLayerDefn()->GetFieldCount() == 4 ? 0 : 1;
  result->ResetReading();
  while (OGRFeature* f = result->GetNextFeature()) {
    if (f->IsFieldSetAndNotNull(first)) {
      OGREnvelope e;
      e.MinX = f->GetFieldAsDouble(first), e.MaxX = f->GetFieldAsDouble(first + 1);
      e.MinY = f->GetFieldAsDouble(first + 2), e.MaxY = f->GetFieldAsDouble(first + 3);
      boxes[first == 0 ? f->GetFID() : f->GetFieldAsInteger64(0)] = e;
    }
    OGRFeature::DestroyFeature(f);
  }
  ds.ReleaseResultSet(result);
  if (failures.any()) return std::nullopt;
  return boxes;
}

std::optional<std::map<GIntBig, OGREnvelope>> indexBoxes(GDALDataset& ds, OGRLayer& layer) {
  const std::string column = layer.GetGeometryColumn();
  if (column.empty()) return std::nullopt;
  const std::string table = "rtree_" + std::string(layer.GetName()) + "_" + column;
  return boxesFromQuery(ds, "SELECT id, minx, maxx, miny, maxy FROM \"" + table + "\"");
}

// The box each feature's geometry blob records in its own header (GeoPackage 1.3, section 2.1.3:
// the envelope, in doubles, that writers such as GDAL put before the WKB of every line and
// polygon), read by the GeoPackage's ST_MinX... functions, which return the header's envelope
// when it has one. A min and max of coordinates involve no rounding, so an intact feature matches
// its header exactly: a coordinate damaged in place that moves the feature's box by as little as
// its last bit is found, where the single-precision index only sees 4e-7 of the value.
std::optional<std::map<GIntBig, OGREnvelope>> headerBoxes(GDALDataset& ds, OGRLayer& layer) {
  const std::string column = layer.GetGeometryColumn(), fid = layer.GetFIDColumn();
  if (column.empty() || fid.empty()) return std::nullopt;
  const std::string sql = "SELECT \"" + fid + "\", ST_MinX(\"" + column + "\"), ST_MaxX(\"" + column + "\"), ST_MinY(\"" +
                          column + "\"), ST_MaxY(\"" + column + "\") FROM \"" + std::string(layer.GetName()) + "\" WHERE \"" +
                          column + "\" IS NOT NULL AND NOT ST_IsEmpty(\"" + column + "\")";
  return boxesFromQuery(ds, sql);
}

// The index keeps single-precision boxes rounded outward (SQLite's R*Tree module, rtreeValueDown
// and rtreeValueUp in sqlite3.c): a feature matches its box when the box holds it and each side is
// within two single-precision steps of the feature's (at longitude 113 degrees a step is 7.6e-6
// degrees, about 0.7 m; at latitude 34, 3.8e-6 degrees, 0.4 m). A point, whose GeoPackage blob
// carries no box of its own, moved by more than that is found; by less, it is not.
bool matchesBox(const OGREnvelope& feature, const OGREnvelope& box) {
  auto step = [](double v) {
    const float f = static_cast<float>(v);
    return double(std::nextafter(f, std::numeric_limits<float>::infinity())) - double(f);
  };
  auto near = [&](double a, double b) { return std::abs(a - b) <= 2 * step(b) + 1e-300; };
  return box.MinX <= feature.MinX && feature.MaxX <= box.MaxX && box.MinY <= feature.MinY && feature.MaxY <= box.MaxY &&
         near(feature.MinX, box.MinX) && near(feature.MaxX, box.MaxX) && near(feature.MinY, box.MinY) &&
         near(feature.MaxY, box.MaxY);
}

std::string pointText(double x, double y) {
  char buf[80];
  std::snprintf(buf, sizeof buf, "x %.6g, y %.6g", x, y);
  return buf;
}
}  // namespace

// [SECTION] Reading a layer: the park's centre, features and their checks
std::optional<std::pair<double, double>> GeoSource::centreLonLat(const std::string& layer, Diagnostics& diagnostics) {
  Dataset holder;
  const std::string display = impl_->layerDisplay(layer);
  OGRLayer* l = openLayer(*impl_, layer, holder, display, diagnostics);
  if (!l) return std::nullopt;
  GdalErrors errors;
  // The extent of the features themselves, not the one the file records for the layer (a
  // GeoPackage's gpkg_contents): a damaged or stale record there would otherwise choose another
  // UTM zone and change every distance without a word. A layer GDAL cannot read to its end is
  // reported, with the place, when read() reads it.
  OGREnvelope env;
  bool any = false;
  l->ResetReading();
  while (OGRFeature* f = l->GetNextFeature()) {
    if (const OGRGeometry* g = f->GetGeometryRef(); g && !g->IsEmpty()) {
      OGREnvelope e;
      g->getEnvelope(&e);
      if (any) env.Merge(e);
      else env = e;
      any = true;
    }
    OGRFeature::DestroyFeature(f);
  }
  if (!any) return std::nullopt;
  const OGRSpatialReference* src = l->GetSpatialRef();
  double x = (env.MinX + env.MaxX) / 2, y = (env.MinY + env.MaxY) / 2;
  if (!src) return std::make_pair(x, y);  // assumed WGS 84 like GeoJSON (RFC 7946)
  OGRSpatialReference wgs84, source(*src);
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRCoordinateTransformation* ct = cachedTransformation(source, wgs84, "WGS84 lon, lat");
  if (!ct || !ct->Transform(1, &x, &y)) return std::nullopt;
  return std::make_pair(x, y);
}

std::optional<GeoLayer> GeoSource::read(const std::string& layer, const std::string& targetCrs,
                                        Diagnostics& diagnostics) {
  Dataset holder;
  const std::string display = impl_->layerDisplay(layer);
  OGRLayer* l = openLayer(*impl_, layer, holder, display, diagnostics);
  if (!l) return std::nullopt;
  GdalErrors errors;
  const Location layerAt{display, 0, 0, tf("layer {1}", layer)};

  OGRSpatialReference target;
  if (target.SetFromUserInput(targetCrs.c_str()) != OGRERR_NONE || !target.IsProjected()) {
    diagnostics.error(layerAt, "crs", "expected a projected CRS in metres (e.g. EPSG:32649), found '" + targetCrs + "'");
    return std::nullopt;
  }
  target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference source;
  errors.clear();
  if (const OGRSpatialReference* s = l->GetSpatialRef()) source = *s;
  else source.SetWellKnownGeogCS("WGS84");  // GeoJSON without a crs member is WGS 84 (RFC 7946)
  if (!errors.failure().empty()) {
    diagnostics.error(layerAt, "crs", "GDAL cannot use the layer's CRS (" + errors.failure() +
                                          "); expected a CRS PROJ knows, e.g. EPSG:4326 or EPSG:32649");
    return std::nullopt;
  }
  source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRCoordinateTransformation* ct = cachedTransformation(source, target, targetCrs);
  if (!ct) {
    diagnostics.error(layerAt, "", "cannot transform its coordinates to " + targetCrs + ": " + errors.last());
    return std::nullopt;
  }

  GeoLayer out;
  out.name = layer;
  out.file = display;
  OGRFeatureDefn* defn = l->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) out.fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
  // What the file says of itself, to check what is read against: its count of features and, in a
  // GeoPackage, the box of each in its spatial index.
  const GIntBig counted = impl_->folder ? -1 : l->GetFeatureCount(FALSE);
  std::optional<std::map<GIntBig, OGREnvelope>> boxes;
  std::optional<std::map<GIntBig, OGREnvelope>> headers;
  if (!impl_->folder) {
    boxes = indexBoxes(*impl_->package, *l);
    headers = headerBoxes(*impl_->package, *l);
  }
  const std::optional<CrsBounds> bounds = crsBounds(source);
  std::size_t outside = 0;
  std::string firstOutside;
  auto damaged = [&](const std::string& where, const std::string& what) {
    diagnostics.error({display, 0, 0, where}, "",
                      "the " + std::string(impl_->folder ? "file" : "GeoPackage") + " is damaged: " + what +
                          ". Restore it from a backup or export the layer again from the GIS");
    return std::nullopt;
  };
  l->ResetReading();
  std::size_t index = 0;
  std::string lastRead = "none";
  for (;;) {
    errors.clear();
    std::unique_ptr<OGRFeature> feature(l->GetNextFeature());
    if (!errors.failure().empty())
      return damaged("layer " + layer, "GDAL stops reading the layer after " + std::to_string(index) +
                                           " features (the last read: " + lastRead + "): " + errors.failure());
    if (!feature) break;
    if (++index > kMaxFeaturesPerLayer) {
      diagnostics.error(layerAt, "", "more than " + std::to_string(kMaxFeaturesPerLayer) +
                                         " features; expected at most that many in one layer");
      return std::nullopt;
    }
    GeoFeature f;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
      std::optional<std::string> value;
      if (feature->IsFieldSetAndNotNull(i)) value = feature->GetFieldAsString(i);
      if (value && invalidUtf8At(*value) != std::string_view::npos) {
        // Text is UTF-8 in a GeoPackage, where a stray byte is damage, and in GeoJSON (RFC 8259),
        // where it is a file saved in another encoding, such as GBK.
        const auto id = f.attributes.find("id");
        const std::string where = printableText(
            tf("layer {1}, feature {2}", layer, id != f.attributes.end() && id->second ? *id->second : "#" + std::to_string(index)));
        const std::string field = out.fields[static_cast<std::size_t>(i)], text = inQuotes(printableText(*value));
        if (!impl_->folder) return damaged(where, "the text of its field " + field + " is not valid UTF-8 (" + text + ")");
        diagnostics.error({display, 0, 0, where}, field,
                          "the text is not UTF-8 (" + text + "); save the file as UTF-8 (GeoJSON is UTF-8 by definition)");
        return std::nullopt;
      }
      f.attributes.emplace(out.fields[static_cast<std::size_t>(i)], value);
    }
    if (auto it = f.attributes.find("id"); it != f.attributes.end() && it->second) f.id = *it->second;
    f.where = {display, 0, 0, tf("layer {1}, feature {2}", layer, f.id.empty() ? "#" + std::to_string(index) : f.id), layer,
               f.id};
    lastRead = f.id.empty() ? "#" + std::to_string(index) : f.id;
    if (const OGRGeometry* g = feature->GetGeometryRef(); g && !g->IsEmpty()) {
      OGREnvelope env;
      g->getEnvelope(&env);
      if (headers) {
        auto box = headers->find(feature->GetFID());
        if (box != headers->end() && !(env.MinX == box->second.MinX && env.MaxX == box->second.MaxX &&
                                       env.MinY == box->second.MinY && env.MaxY == box->second.MaxY))
          return damaged(f.where.feature, "its coordinates do not match the box its geometry's header records");
      }
      if (boxes) {
        auto box = boxes->find(feature->GetFID());
        if (box == boxes->end() || !matchesBox(env, box->second))
          return damaged(f.where.feature, "its geometry does not match the GeoPackage's spatial index (" +
                                              std::string(box == boxes->end() ? "no entry for it" : "another box") + ")");
      }
      if (bounds && (env.MinX < bounds->box.MinX || env.MaxX > bounds->box.MaxX || env.MinY < bounds->box.MinY ||
                     env.MaxY > bounds->box.MaxY)) {
        if (!outside++) firstOutside = lastRead + " at " + pointText(env.MinX, env.MinY);
        out.features.push_back(std::move(f));
        continue;
      }
      std::unique_ptr<OGRGeometry> copy(g->clone());
      errors.clear();
      if (wkbFlatten(copy->getGeometryType()) != wkbPoint && !copy->IsValid())
        f.invalidReason = invalidityInWords(errors.last());
      if (copy->transform(ct) != OGRERR_NONE) {
        f.invalidReason = "its coordinates cannot be transformed to " + targetCrs + " (are they longitude, latitude?)";
        f.geometryType = geometryName(copy->getGeometryType());
      } else {
        extract(*copy, f);
        if (!allFinite(f)) f.invalidReason = "it has coordinates that are not finite numbers";
      }
    }
    out.features.push_back(std::move(f));
  }
  if (outside) {
    const char* name = source.GetName();
    diagnostics.error(layerAt, "crs", std::to_string(outside) + " of " + std::to_string(index) +
                                          " features have coordinates that cannot be in the layer's CRS (" +
                                          (name ? name : "unnamed") + "), e.g. feature " + firstOutside +
                                          "; expected " + bounds->what +
                                          ". Declare the CRS the coordinates were drawn in");
    return std::nullopt;
  }
  if (counted >= 0 && GIntBig(index) != counted)
    return damaged("layer " + layer, std::to_string(index) + " features could be read where the GeoPackage counts " +
                                         std::to_string(counted) + " (gpkg_ogr_contents)");
  return out;
}

}  // namespace drillsim
