#include "scenarios/GeoLayer.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>

#include "scenarios/TextFile.hpp"

namespace drillsim {

namespace fs = std::filesystem;

namespace {

// Collects GDAL's error messages while alive instead of letting GDAL print them.
class GdalErrors {
 public:
  GdalErrors() { CPLPushErrorHandlerEx(&GdalErrors::handler, this); }
  ~GdalErrors() { CPLPopErrorHandler(); }
  GdalErrors(const GdalErrors&) = delete;
  GdalErrors& operator=(const GdalErrors&) = delete;
  std::string last() const { return messages_.empty() ? std::string("no reason given") : messages_.back(); }
  void clear() { messages_.clear(); }

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* message) {
    if (level < CE_Warning) return;
    auto* self = static_cast<GdalErrors*>(CPLGetErrorHandlerUserData());
    if (self) self->messages_.emplace_back(message ? message : "");
  }
  std::vector<std::string> messages_;
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

struct GeoSource::Impl {
  std::string path, display;
  bool folder = false;
  Dataset package;  // when the park is one GeoPackage

  std::string layerFile(const std::string& layer) const {
    for (const char* ext : {".geojson", ".json"}) {
      const fs::path p = fs::path(path) / (layer + ext);
      if (fs::exists(p)) return p.string();
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
  if (!fs::exists(impl_->path, ec)) {
    diagnostics.error(at, key, "no such folder or GeoPackage; expected " + expected);
    return false;
  }
  impl_->folder = fs::is_directory(impl_->path, ec);
  if (impl_->folder) return true;
  const auto size = fs::file_size(impl_->path, ec);
  if (!ec && size > kMaxLayerFileBytes) {
    diagnostics.error(at, key, "the GeoPackage is " + humanBytes(size) + "; expected at most " +
                                   humanBytes(kMaxLayerFileBytes));
    return false;
  }
  GdalErrors errors;
  impl_->package.reset(GDALDataset::Open(impl_->path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!impl_->package) {
    const std::string why = errors.last();
    diagnostics.error(at, key, "cannot read it as geodata (" +
                                   (why.empty() || why == "no reason given" ? std::string("not a GeoPackage") : why) +
                                   "); expected " + expected);
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
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (!ec && size > kMaxLayerFileBytes) {
    diagnostics.error(at, "", "the " + layer + " layer is " + humanBytes(size) + "; expected at most " +
                                  humanBytes(kMaxLayerFileBytes));
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

std::optional<std::pair<double, double>> GeoSource::centreLonLat(const std::string& layer, Diagnostics& diagnostics) {
  Dataset holder;
  const std::string display = impl_->layerDisplay(layer);
  OGRLayer* l = openLayer(*impl_, layer, holder, display, diagnostics);
  if (!l) return std::nullopt;
  GdalErrors errors;
  OGREnvelope env;
  if (l->GetExtent(&env, TRUE) != OGRERR_NONE) return std::nullopt;
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
  const Location layerAt{display, 0, 0, "layer " + layer};

  OGRSpatialReference target;
  if (target.SetFromUserInput(targetCrs.c_str()) != OGRERR_NONE || !target.IsProjected()) {
    diagnostics.error(layerAt, "crs", "expected a projected CRS in metres (e.g. EPSG:32649), found '" + targetCrs + "'");
    return std::nullopt;
  }
  target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference source;
  if (const OGRSpatialReference* s = l->GetSpatialRef()) source = *s;
  else source.SetWellKnownGeogCS("WGS84");  // GeoJSON without a crs member is WGS 84 (RFC 7946)
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
  l->ResetReading();
  std::size_t index = 0;
  errors.clear();
  for (auto& feature : *l) {
    if (++index > kMaxFeaturesPerLayer) {
      diagnostics.error(layerAt, "", "more than " + std::to_string(kMaxFeaturesPerLayer) +
                                         " features; expected at most that many in one layer");
      return std::nullopt;
    }
    GeoFeature f;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
      std::optional<std::string> value;
      if (feature->IsFieldSetAndNotNull(i)) value = feature->GetFieldAsString(i);
      f.attributes.emplace(out.fields[static_cast<std::size_t>(i)], value);
    }
    if (auto it = f.attributes.find("id"); it != f.attributes.end() && it->second) f.id = *it->second;
    f.where = {display, 0, 0,
               "layer " + layer + ", feature " + (f.id.empty() ? "#" + std::to_string(index) : f.id)};
    if (const OGRGeometry* g = feature->GetGeometryRef(); g && !g->IsEmpty()) {
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
  return out;
}

}  // namespace drillsim
