#include "sim/batch/ResultStore.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>
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
  // Replications stored as failed or timed out, which a resumed batch runs again: their old row is
  // deleted in the transaction that adds the new one. Read at the first add.
  std::optional<std::set<std::pair<std::string, int>>> unsuccessful;
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
  std::vector<std::pair<std::string, std::string>> all = entries;
  if (settings.shards > 1) all.push_back({"shard", settings.shardText()});  // a whole batch's store is as before
  for (const auto& [k, v] : all) {
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
  CPLPushErrorHandler(CPLQuietErrorHandler);  // the reason goes into the message below, not printed twice
  store.impl_->ds.reset(GDALDataset::Open(path.c_str(), flags, nullptr, nullptr, nullptr));
  CPLPopErrorHandler();
  if (!store.impl_->ds)
    throw std::runtime_error(path + ": not a results store GDAL can open (" + CPLGetLastErrorMsg() +
                             "); a store cut short or damaged cannot be read: start a new batch with another --out");
  OGRLayer* kv = store.impl_->ds->GetLayerByName(kSettingsTable);
  if (!kv || !store.impl_->ds->GetLayerByName(kRowsTable))
    throw std::runtime_error(path + ": not a DrillSim batch store (no " + std::string(kSettingsTable) + " and " + kRowsTable + " tables)");
  std::map<std::string, std::string> values;
  kv->ResetReading();
  while (OGRFeature* f = kv->GetNextFeature()) {
    values[f->GetFieldAsString("key")] = f->GetFieldAsString("value");
    OGRFeature::DestroyFeature(f);
  }
  store.settings_ = storedSettings(values, path);
  return store;
}

BatchSettings storedSettings(const std::map<std::string, std::string>& values, const std::string& path) {
  auto value = [&](const std::string& key) {
    auto it = values.find(key);
    return it == values.end() ? std::string() : it->second;
  };
  if (value("format") != "drillsim_batch 1")
    throw std::runtime_error(path + ": batch_settings.format: expected 'drillsim_batch 1', found '" + value("format") + "'");
  BatchSettings s;
  s.scenarioFile = value("scenario_file");
  s.scenarioHash = value("scenario_fnv1a64");
  s.program = value("program");
  auto whole = [&](const std::string& key, unsigned long long most) {
    const std::string text = value(key);
    std::size_t used = 0;
    unsigned long long v = 0;
    try {
      v = std::stoull(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (text.empty() || used != text.size() || text[0] == '-' || v > most)
      throw std::runtime_error(path + ": batch_settings." + key + ": expected a whole number up to " + std::to_string(most) +
                               ", found '" + text + "'");
    return v;
  };
  s.seed = whole("seed", std::numeric_limits<std::uint64_t>::max());
  s.replications = int(whole("replications", 10000000));
  s.plans = splitList(value("plans"));
  if (values.count("shard") && !parseShard(value("shard"), s))
    throw std::runtime_error(path + ": batch_settings.shard: expected i/n with 0 <= i < n <= 100000, found '" +
                             value("shard") + "'");
  return s;
}

bool parseShard(const std::string& text, BatchSettings& settings) {
  const auto slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size() || text.size() > 13) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (i != slash && !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  const long i = std::stol(text.substr(0, slash)), n = std::stol(text.substr(slash + 1));
  if (n < 1 || n > 100000 || i >= n) return false;
  settings.shard = int(i);
  settings.shards = int(n);
  return true;
}

namespace {
// A number, or null where the metric did not happen.
bool numberOrNull(const nlohmann::json& j) { return j.is_number() || j.is_null(); }

// `j[key]` is an object whose entries are objects holding each of `fields` as a number or null.
std::string entriesProblem(const nlohmann::json& j, const char* key, std::initializer_list<const char*> fields) {
  if (!j.contains(key)) return "";
  const auto& entries = j.at(key);
  if (!entries.is_object()) return std::string(key) + ": expected an object";
  for (const auto& [id, e] : entries.items()) {
    if (!e.is_object()) return std::string(key) + "." + id + ": expected an object";
    for (const char* f : fields)
      if (!e.contains(f) || !numberOrNull(e.at(f))) return std::string(key) + "." + id + "." + f + ": expected a number";
  }
  return "";
}
}  // namespace

std::string metricsProblem(const nlohmann::json& m) {
  if (!m.is_object()) return "expected an object";
  for (const auto& name : scalarMetricNames())
    if (m.contains(name) && !numberOrNull(m.at(name))) return name + ": expected a number";
  for (auto problem : {entriesProblem(m, "shelters", {"peak", "overflow"}), entriesProblem(m, "teams", {"arrival_s"}),
                       entriesProblem(m, "zones", {"persons_over_aegl2", "expected_fatalities", "ignited_s", "persons_in_fire"})})
    if (!problem.empty()) return problem;
  return "";
}

ReplicationRow storedRow(std::string plan, int replication, std::string status, std::string error,
                         const std::string& metricsText) {
  ReplicationRow r{std::move(plan), replication, std::move(status), std::move(error), nullptr};
  if (r.status != "ok" && r.status != "failed" && r.status != "timeout") {
    r.error = "unknown status '" + r.status + "' in the store";
    r.status = "failed";
  }
  if (r.status != "ok") return r;
  r.metrics = nlohmann::json::parse(metricsText, nullptr, false);
  std::string problem = r.metrics.is_discarded() ? "not JSON" : metricsProblem(r.metrics);
  if (!problem.empty()) {
    r.metrics = nullptr;
    r.status = "failed";
    r.error = "its stored metrics cannot be read (" + problem + ")";
  }
  return r;
}

std::vector<ReplicationRow> ResultStore::rows() const {
  std::vector<ReplicationRow> out;
  OGRLayer* layer = impl_->ds->GetLayerByName(kRowsTable);
  layer->ResetReading();
  while (OGRFeature* f = layer->GetNextFeature()) {
    out.push_back(storedRow(f->GetFieldAsString("plan"), f->GetFieldAsInteger("replication"), f->GetFieldAsString("status"),
                            f->GetFieldAsString("error"), f->GetFieldAsString("metrics_json")));
    OGRFeature::DestroyFeature(f);
  }
  // A replication stored twice (a failed run that --resume ran again, written before the old row
  // was removed) counts once: the later row, which is read after the earlier one.
  std::stable_sort(out.begin(), out.end(), [](const ReplicationRow& a, const ReplicationRow& b) {
    return a.plan != b.plan ? a.plan < b.plan : a.replication < b.replication;
  });
  std::vector<ReplicationRow> unique;
  for (auto& r : out) {
    if (!unique.empty() && unique.back().plan == r.plan && unique.back().replication == r.replication) unique.pop_back();
    unique.push_back(std::move(r));
  }
  return unique;
}

void ResultStore::add(const std::vector<ReplicationRow>& rows) {
  if (rows.empty()) return;
  // Failures are reported by the exception below, not printed by GDAL as well.
  struct QuietGdal {
    QuietGdal() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdal() { CPLPopErrorHandler(); }
  } quiet;
  GDALDataset& ds = *impl_->ds;
  OGRLayer* layer = ds.GetLayerByName(kRowsTable);
  auto fail = [&](const std::string& what) {
    const std::string why = CPLGetLastErrorMsg();  // before the rollback's own messages replace it
    ds.RollbackTransaction();
    throw OutputError("cannot write " + impl_->path + " (" + what + "): " + why);
  };
  if (!impl_->unsuccessful) {
    impl_->unsuccessful.emplace();
    layer->SetAttributeFilter("status <> 'ok'");
    layer->ResetReading();
    while (OGRFeature* f = layer->GetNextFeature()) {
      impl_->unsuccessful->insert({f->GetFieldAsString("plan"), f->GetFieldAsInteger("replication")});
      OGRFeature::DestroyFeature(f);
    }
    layer->SetAttributeFilter(nullptr);
  }
  if (ds.StartTransaction() != OGRERR_NONE) fail("transaction");
  for (const auto& r : rows) {
    if (impl_->unsuccessful->count({r.plan, r.replication})) {
      std::string plan;
      for (char c : r.plan) plan += c == '\'' ? std::string("''") : std::string(1, c);
      const std::string sql = std::string("DELETE FROM ") + kRowsTable + " WHERE plan = '" + plan +
                              "' AND replication = " + std::to_string(r.replication);
      CPLErrorReset();
      ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
      if (CPLGetLastErrorType() == CE_Failure) fail("replacing a failed row");
    }
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
  for (const auto& r : rows) {
    if (r.status == "ok") impl_->unsuccessful->erase({r.plan, r.replication});
    else impl_->unsuccessful->insert({r.plan, r.replication});
  }
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
        // A store written for another park lacks some zones: they count as nothing happening.
        if (!m->contains("zones") || !m->at("zones").contains(z.id)) continue;
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
        if (!m->contains("shelters") || !m->at("shelters").contains(s.id)) continue;
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
