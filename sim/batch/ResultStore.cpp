#include "sim/batch/ResultStore.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <stdexcept>

#include "scenarios/RandomStream.hpp"
#include "scenarios/TextFile.hpp"

namespace drillsim {

namespace {
constexpr const char* kSettingsTable = "batch_settings";
constexpr const char* kRowsTable = "replications";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double number(const nlohmann::json& j) { return j.is_number() ? j.get<double>() : kNaN; }

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};
}  // namespace

const std::vector<std::string>& scalarMetricNames() {
  static const std::vector<std::string> names = {
      "clearance_s",         "arrival_p50_s",      "arrival_p90_s",    "arrival_p95_s",   "population",
      "sheltered",           "unsheltered",        "sheltered_in_place", "not_ordered",     "persons_over_aegl2",
      "persons_over_aegl3",  "expected_fatalities", "zones_burnt",       "persons_over_5kw", "persons_in_fire",
      "shelter_overflow",    "shelters_overflowing", "first_team_arrival_s"};
  return names;
}

std::vector<std::pair<std::string, double>> scalarMetrics(const nlohmann::json& m) {
  std::vector<std::pair<std::string, double>> out;
  double overflow = 0, overflowing = 0, firstArrival = kNaN;
  if (m.contains("shelters"))
    for (const auto& [id, s] : m.at("shelters").items()) {
      overflow += number(s.at("overflow"));
      overflowing += number(s.at("overflow")) > 0;
    }
  if (m.contains("teams"))
    for (const auto& [id, t] : m.at("teams").items())
      if (const double a = number(t.at("arrival_s")); !std::isnan(a)) firstArrival = std::isnan(firstArrival) ? a : std::min(firstArrival, a);
  for (const auto& name : scalarMetricNames()) {
    if (name == "shelter_overflow") out.push_back({name, overflow});
    else if (name == "shelters_overflowing") out.push_back({name, overflowing});
    else if (name == "first_team_arrival_s") out.push_back({name, firstArrival});
    else out.push_back({name, m.contains(name) ? number(m.at(name)) : kNaN});
  }
  return out;
}

std::string fileHash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a64(bytes)));
  return buf;
}

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + ",") {
    if (c == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  return out;
}

struct ResultStore::Impl {
  std::unique_ptr<GDALDataset, DatasetCloser> ds;
  std::string path;
};

ResultStore::~ResultStore() = default;
ResultStore::ResultStore(ResultStore&&) noexcept = default;
ResultStore& ResultStore::operator=(ResultStore&&) noexcept = default;

ResultStore ResultStore::create(const std::string& path, const BatchSettings& settings) {
  GDALAllRegister();
  if (std::filesystem::exists(path))
    throw OutputError(path + " already exists; continue it with --resume or choose another --out");
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  ResultStore store;
  store.impl_ = std::make_unique<Impl>();
  store.impl_->path = path;
  store.impl_->ds.reset(driver ? driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr) : nullptr);
  if (!store.impl_->ds) throw OutputError("cannot create " + path + ": " + CPLGetLastErrorMsg());
  GDALDataset& ds = *store.impl_->ds;
  auto fail = [&](const std::string& what) { throw OutputError("cannot write " + path + " (" + what + "): " + CPLGetLastErrorMsg()); };
  if (ds.StartTransaction() != OGRERR_NONE) fail("transaction");
  OGRLayer* kv = ds.CreateLayer(kSettingsTable, nullptr, wkbNone, nullptr);
  if (!kv) fail(kSettingsTable);
  for (const char* f : {"key", "value"}) {
    OGRFieldDefn def(f, OFTString);
    kv->CreateField(&def);
  }
  std::string plans;
  for (const auto& p : settings.plans) plans += (plans.empty() ? "" : ",") + p;
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"format", "drillsim_batch 1"},         {"scenario_file", settings.scenarioFile},
      {"scenario_fnv1a64", settings.scenarioHash}, {"program", settings.program},
      {"seed", std::to_string(settings.seed)}, {"replications", std::to_string(settings.replications)},
      {"plans", plans}};
  for (const auto& [k, v] : entries) {
    OGRFeature f(kv->GetLayerDefn());
    f.SetField("key", k.c_str());
    f.SetField("value", v.c_str());
    if (kv->CreateFeature(&f) != OGRERR_NONE) fail(kSettingsTable);
  }
  OGRLayer* rows = ds.CreateLayer(kRowsTable, nullptr, wkbNone, nullptr);
  if (!rows) fail(kRowsTable);
  auto field = [&](const std::string& name, OGRFieldType type) {
    OGRFieldDefn def(name.c_str(), type);
    if (rows->CreateField(&def) != OGRERR_NONE) fail(name);
  };
  field("plan", OFTString);
  field("replication", OFTInteger);
  field("seed", OFTString);  // 64-bit unsigned, kept exact as text
  field("status", OFTString);
  field("error", OFTString);
  for (const auto& name : scalarMetricNames()) field(name, OFTReal);
  field("metrics_json", OFTString);
  if (ds.CommitTransaction() != OGRERR_NONE) fail("commit");
  store.settings_ = settings;
  return store;
}

ResultStore ResultStore::open(const std::string& path, bool update) {
  GDALAllRegister();
  ResultStore store;
  store.impl_ = std::make_unique<Impl>();
  store.impl_->path = path;
  const unsigned flags = GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
  store.impl_->ds.reset(GDALDataset::Open(path.c_str(), flags, nullptr, nullptr, nullptr));
  if (!store.impl_->ds) throw std::runtime_error(path + ": not a GeoPackage GDAL can open (" + CPLGetLastErrorMsg() + ")");
  OGRLayer* kv = store.impl_->ds->GetLayerByName(kSettingsTable);
  if (!kv || !store.impl_->ds->GetLayerByName(kRowsTable))
    throw std::runtime_error(path + ": not a DrillSim batch store (no " + std::string(kSettingsTable) + " and " + kRowsTable + " tables)");
  std::map<std::string, std::string> values;
  kv->ResetReading();
  while (OGRFeature* f = kv->GetNextFeature()) {
    values[f->GetFieldAsString("key")] = f->GetFieldAsString("value");
    OGRFeature::DestroyFeature(f);
  }
  BatchSettings& s = store.settings_;
  s.scenarioFile = values["scenario_file"];
  s.scenarioHash = values["scenario_fnv1a64"];
  s.program = values["program"];
  try {
    s.seed = std::stoull(values["seed"]);
    s.replications = std::stoi(values["replications"]);
  } catch (const std::exception&) {
    throw std::runtime_error(path + ": its batch_settings table has no valid seed or replications");
  }
  s.plans = splitList(values["plans"]);
  return store;
}

std::vector<ReplicationRow> ResultStore::rows() const {
  std::vector<ReplicationRow> out;
  OGRLayer* layer = impl_->ds->GetLayerByName(kRowsTable);
  layer->ResetReading();
  while (OGRFeature* f = layer->GetNextFeature()) {
    ReplicationRow r;
    r.plan = f->GetFieldAsString("plan");
    r.replication = f->GetFieldAsInteger("replication");
    r.status = f->GetFieldAsString("status");
    r.error = f->GetFieldAsString("error");
    const std::string text = f->GetFieldAsString("metrics_json");
    r.metrics = text.empty() ? nlohmann::json() : nlohmann::json::parse(text, nullptr, false);
    if (r.metrics.is_discarded()) r.metrics = nlohmann::json();
    out.push_back(std::move(r));
    OGRFeature::DestroyFeature(f);
  }
  std::sort(out.begin(), out.end(), [](const ReplicationRow& a, const ReplicationRow& b) {
    return a.plan != b.plan ? a.plan < b.plan : a.replication < b.replication;
  });
  return out;
}

void ResultStore::add(const std::vector<ReplicationRow>& rows) {
  if (rows.empty()) return;
  GDALDataset& ds = *impl_->ds;
  OGRLayer* layer = ds.GetLayerByName(kRowsTable);
  auto fail = [&](const std::string& what) {
    ds.RollbackTransaction();
    throw OutputError("cannot write " + impl_->path + " (" + what + "): " + CPLGetLastErrorMsg());
  };
  if (ds.StartTransaction() != OGRERR_NONE) fail("transaction");
  for (const auto& r : rows) {
    OGRFeature f(layer->GetLayerDefn());
    f.SetField("plan", r.plan.c_str());
    f.SetField("replication", r.replication);
    f.SetField("seed", std::to_string(settings_.seed).c_str());
    f.SetField("status", r.status.c_str());
    f.SetField("error", r.error.c_str());
    if (!r.metrics.is_null()) {
      for (const auto& [name, value] : scalarMetrics(r.metrics))
        if (!std::isnan(value)) f.SetField(name.c_str(), value);
      f.SetField("metrics_json", r.metrics.dump().c_str());
    }
    if (layer->CreateFeature(&f) != OGRERR_NONE) fail("row");
  }
  if (ds.CommitTransaction() != OGRERR_NONE) fail("commit");
}

std::pair<std::vector<OutFeature>, std::vector<OutFeature>> summaryLayers(const std::vector<ReplicationRow>& rows,
                                                                          const Park& park) {
  std::map<std::string, std::vector<const nlohmann::json*>> byPlan;
  for (const auto& r : rows)
    if (r.status == "ok" && r.metrics.is_object()) byPlan[r.plan].push_back(&r.metrics);
  std::vector<OutFeature> zones, shelters;
  for (const auto& [plan, ms] : byPlan) {
    const double n = double(ms.size());
    for (const Zone& z : park.zones) {
      double over2 = 0, anyOver2 = 0, deaths = 0, burnt = 0, inFire = 0;
      for (const auto* m : ms) {
        const auto& zj = m->at("zones").at(z.id);
        over2 += number(zj.at("persons_over_aegl2"));
        anyOver2 += number(zj.at("persons_over_aegl2")) > 0;
        deaths += number(zj.at("expected_fatalities"));
        burnt += !zj.at("ignited_s").is_null();
        inFire += number(zj.at("persons_in_fire"));
      }
      zones.push_back({OutFeature::Kind::Polygon, z.outer,
                       {{"plan", plan}, {"zone", z.id}, {"name", z.name}, {"replications", n},
                        {"mean_persons_over_aegl2", over2 / n}, {"p_any_over_aegl2", anyOver2 / n},
                        {"mean_expected_fatalities", deaths / n}, {"p_burnt", burnt / n},
                        {"mean_persons_in_fire", inFire / n}}});
    }
    for (const Shelter& s : park.shelters) {
      double peak = 0, overflowing = 0, overflow = 0;
      for (const auto* m : ms) {
        const auto& sj = m->at("shelters").at(s.id);
        peak += number(sj.at("peak"));
        overflowing += number(sj.at("overflow")) > 0;
        overflow += number(sj.at("overflow"));
      }
      shelters.push_back({OutFeature::Kind::Point, {{s.position}},
                          {{"plan", plan}, {"shelter", s.id}, {"name", s.name}, {"capacity", double(s.capacity)},
                           {"replications", n}, {"mean_peak", peak / n}, {"p_overflow", overflowing / n},
                           {"mean_overflow", overflow / n}}});
    }
  }
  return {zones, shelters};
}

}  // namespace drillsim
