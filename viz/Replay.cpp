#include "viz/Replay.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

namespace drillsim::viz {

namespace {
double length(const std::vector<Point2>& line) {
  double l = 0;
  for (std::size_t i = 1; i < line.size(); ++i) l += distance(line[i - 1], line[i]);
  return l;
}

// The point `d` metres along a polyline.
Point2 along(const std::vector<Point2>& line, double d) {
  if (line.empty()) return {};
  for (std::size_t i = 1; i < line.size(); ++i) {
    const double seg = distance(line[i - 1], line[i]);
    if (d <= seg && seg > 0) {
      const double f = d / seg;
      return {line[i - 1].x_m + f * (line[i].x_m - line[i - 1].x_m), line[i - 1].y_m + f * (line[i].y_m - line[i - 1].y_m)};
    }
    d -= seg;
  }
  return line.back();
}
}  // namespace

std::vector<Point2> ReplayPlayer::route(const Leg& leg) const {
  const Park& park = loaded_->park;
  std::vector<Point2> line;
  if (leg.from_node >= 0 && std::size_t(leg.from_node) < park.graph.nodeCount()) line.push_back(park.graph.position(leg.from_node));
  for (int r : leg.roads) {
    if (r < 0 || std::size_t(r) >= park.roads.size()) continue;
    std::vector<Point2> pts = park.roads[std::size_t(r)].line;
    // Each road runs from where the route has got to.
    if (!line.empty() && distance(line.back(), pts.back()) < distance(line.back(), pts.front())) std::reverse(pts.begin(), pts.end());
    line.insert(line.end(), pts.begin(), pts.end());
  }
  return line;
}

bool ReplayPlayer::load(const std::string& dir, const LoadedScenario& loaded, std::string& error) {
  model_.reset();
  const std::string path = dir + "/replay.json";
  std::ifstream in(path);
  if (!in) {
    error = "cannot read " + path;
    return false;
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
    outcome_ = replayFromJson(j);
  } catch (const std::exception& e) {
    error = path + ": cannot be replayed (" + e.what() + ")";
    return false;
  }
  utilisation_.assign(loaded.park.roads.size(), 0.0);
  try {  // metrics.json: {"metrics": {"roads": {id: {"peak_utilisation": u}}}}; optional for the replay
    std::ifstream m(dir + "/metrics.json");
    if (m) {
      const auto metrics = nlohmann::json::parse(m);
      const auto& roads = metrics.contains("metrics") ? metrics["metrics"]["roads"] : metrics["roads"];
      for (std::size_t r = 0; r < loaded.park.roads.size(); ++r)
        if (roads.contains(loaded.park.roads[r].id)) utilisation_[r] = roads[loaded.park.roads[r].id].value("peak_utilisation", 0.0);
    }
  } catch (const std::exception&) {
    utilisation_.assign(loaded.park.roads.size(), 0.0);
  }
  const Plan* plan = loaded.scenario.plan(outcome_.plan);
  if (!plan) {
    error = path + ": plan " + outcome_.plan + " is not in the scenario";
    return false;
  }
  loaded_ = std::make_unique<LoadedScenario>(loaded);
  auto model = std::make_unique<HazardModel>(*loaded_, *loaded_->scenario.plan(outcome_.plan), outcome_.seed, outcome_.replication);
  // Containment and fire control as the run had them.
  for (const auto& e : outcome_.events) {
    if (e.kind == EventKind::Contained) model->stopped(e.entity, e.time_s);
    if (e.kind == EventKind::ZoneControlled) {
      const auto& zones = loaded_->park.zones;
      for (std::size_t z = 0; z < zones.size(); ++z)
        if (zones[z].id == e.entity) model->controlZone(e.hazard, int(z), e.time_s);
    }
  }
  model_ = std::move(model);
  routes_.clear();
  routeLength_.clear();
  for (const auto& l : outcome_.legs) {
    routes_.push_back(route(l));
    routeLength_.push_back(length(routes_.back()));
  }
  t_ = 0;
  return true;
}

void ReplayPlayer::setTime(double t) { t_ = std::clamp(t, 0.0, outcome_.horizon_s); }

void ReplayPlayer::advance(double realSeconds) {
  if (!playing) return;
  setTime(t_ + realSeconds * speed);
  if (t_ >= outcome_.horizon_s) playing = false;
}

std::vector<Mover> ReplayPlayer::movers() const {
  std::vector<Mover> out;
  for (std::size_t i = 0; i < outcome_.legs.size(); ++i) {
    const Leg& l = outcome_.legs[i];
    if (t_ < l.depart_s || t_ >= l.end_s || routes_[i].empty()) continue;
    const double travel = std::max(1e-9, l.front_s - l.depart_s);
    const double L = routeLength_[i];
    // The front walks the route from departure to front_s; the tail starts end_s - front_s later
    // at the same speed, so that it arrives at end_s.
    const double front = L * std::clamp((t_ - l.depart_s) / travel, 0.0, 1.0);
    const double tail = L * std::clamp((t_ - l.depart_s - (l.end_s - l.front_s)) / travel, 0.0, 1.0);
    out.push_back({l.who, l.persons, along(routes_[i], front), along(routes_[i], tail)});
  }
  return out;
}

std::map<std::string, int> ReplayPlayer::occupancy() const {
  std::map<std::string, int> inside;
  for (const auto& s : loaded_->park.shelters) inside[s.id] = 0;
  for (const auto& c : outcome_.occupancy)  // in time order: the last record at or before t
    if (c.time_s <= t_) inside[c.shelter] = c.persons;
  return inside;
}

std::vector<ThreatRing> ReplayPlayer::threatRings() const {
  std::vector<ThreatRing> rings;
  if (!model_) return rings;
  for (const auto& r : model_->releases()) {
    for (const auto& [level, mg] : {std::pair<const char*, double>{"AEGL-2", r.aegl2_mg_m3}, {"AEGL-3", r.aegl3_mg_m3}}) {
      if (mg <= 0) continue;
      // The plume's part and, for an instantaneous release or a rupture, the puff's own cloud.
      for (auto ring : {hazard::footprintAt(mg, r.release, model_->weather(), r.source, t_),
                        hazard::puffFootprintAt(mg, r.release, model_->weather(), r.source, t_)})
        if (!ring.empty()) rings.push_back({r.hazard, level, std::move(ring)});
    }
  }
  return rings;
}

std::set<int> ReplayPlayer::burningZones() const {
  std::set<int> zones;
  if (!model_) return zones;
  for (const auto& f : model_->fires())
    for (int z : model_->burningZones(f.hazard, t_)) zones.insert(z);
  return zones;
}

std::set<int> ReplayPlayer::closedRoads() const {
  std::set<int> closed;
  const auto& roads = loaded_->park.roads;
  for (const auto& e : outcome_.events) {
    if (e.time_s > t_) break;
    if (e.kind != EventKind::RoadClosed && e.kind != EventKind::RoadReopened) continue;
    for (std::size_t r = 0; r < roads.size(); ++r)
      if (roads[r].id == e.entity) {
        if (e.kind == EventKind::RoadClosed) closed.insert(int(r));
        else closed.erase(int(r));
      }
  }
  return closed;
}

std::size_t ReplayPlayer::eventsSoFar() const {
  std::size_t n = 0;
  while (n < outcome_.events.size() && outcome_.events[n].time_s <= t_) ++n;
  return n;
}

}  // namespace drillsim::viz
