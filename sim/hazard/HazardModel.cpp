#include "sim/hazard/HazardModel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "scenarios/RandomStream.hpp"

namespace drillsim {

namespace {
constexpr double kInfinity = std::numeric_limits<double>::infinity();
// A puff is resolved by steps of half its passage's sigma in time, at least this [s].
constexpr double kShortestSubstep_s = 0.05;
// The hazard monitor looks every minute (Responders.cpp): a puff that crossed a point since the
// last look still counts for the threat zone and the road closures.
constexpr double kPuffLookBack_s = 60;

double draw(const Distribution& d, std::uint64_t seed, std::uint64_t replication, const std::string& purpose,
            const std::string& entity, double floor) {
  RandomStream stream(seed, replication, purpose, entity);
  return d.sampleAtLeast(stream, floor);
}

double aegl60_mg_m3(const Substance& s, int level) {
  const auto& v = s.aegl_ppm[std::size_t(level - 1)][2];
  return v ? s.mgPerM3(*v) : 0;
}
}  // namespace

/// The column of Pasquill's table a sky stands for.
hazard::Insolation insolationOf(Sky sky) {
  switch (sky) {
    case Sky::StrongSun: return hazard::Insolation::Strong;
    case Sky::ModerateSun: return hazard::Insolation::Moderate;
    case Sky::SlightSun: return hazard::Insolation::Slight;
    case Sky::NightCloudy: return hazard::Insolation::NightCloudy;
    case Sky::NightClear: return hazard::Insolation::NightClear;
    case Sky::Overcast: return hazard::Insolation::Overcast;
  }
  return hazard::Insolation::Overcast;
}

hazard::Weather drawWeather(const Scenario& s, std::uint64_t seed, std::uint64_t replication, std::string* skyDrawn) {
  hazard::Weather w{};
  w.windSpeed_ms = draw(s.weather.wind_speed_ms, seed, replication, "weather", "wind_speed", 0.1);
  w.windFrom_deg = std::fmod(draw(s.weather.wind_from_deg, seed, replication, "weather", "wind_from",
                                  -std::numeric_limits<double>::infinity()),
                             360.0);
  if (w.windFrom_deg < 0) w.windFrom_deg += 360;
  RandomStream stability(seed, replication, "weather", "stability");
  w.stability = s.weather.stability.sample(stability);
  if (s.weather.fromSky()) {
    // Pasquill's table, from the drawn wind speed and the sky drawn from the scenario's (a stream
    // of its own, so that a scenario with a fixed class keeps its draws).
    RandomStream sky(seed, replication, "weather", "sky");
    const Sky drawn = s.weather.sky.sample(sky);
    if (skyDrawn) *skyDrawn = wordOf(drawn);
    w.stability = hazard::pasquillClass(w.windSpeed_ms, insolationOf(drawn));
  }
  w.terrain = s.weather.terrain;
  w.temperature_K = draw(s.weather.temperature_c, seed, replication, "weather", "temperature", -90) + 273.15;
  return w;
}

hazard::SourceProperties sourceProperties(const Substance& s) {
  hazard::SourceProperties p;
  p.molarMass_g_mol = s.molar_mass_g_mol;
  p.boilingPoint_K = s.boiling_point_k.value_or(0);
  if (s.antoine_a && s.antoine_b && s.antoine_c)
    p.antoine = {*s.antoine_a, *s.antoine_b, *s.antoine_c, s.antoine_tmin_k.value_or(0), s.antoine_tmax_k.value_or(0)};
  p.liquidDensity_kg_m3 = s.liquid_density_kg_m3.value_or(0);
  p.liquidHeatCapacity_J_kgK = s.liquid_cp_j_kgk.value_or(0);
  p.latentHeat_J_kg = s.latent_heat_j_kg.value_or(0);
  p.gamma = s.vapour_gamma.value_or(0);
  return p;
}

std::string DrawnRelease::dispersionName() const {
  if (release.puff()) return "puff";
  return dense() ? "dense" : "passive";
}

void chooseDispersion(DrawnRelease& r, const hazard::Weather& w, DispersionModel model) {
  r.release.dense.reset();
  r.release.densePuff.reset();
  r.criterion = {};
  r.puffCriterion = {};
  if (r.release.puff() && r.puffCloud.volume_m3_per_kg > 0) {
    hazard::DensePuff puff = hazard::densePuff(r.release.puff_kg, r.substance->molar_mass_g_mol, r.puffCloud, w,
                                               hazard::Ambient{w.temperature_K, hazard::kAtmosphere_Pa});
    r.puffCriterion = puff.criterion;
    const bool heavier = puff.transition_m > 0;
    if (heavier && (model == DispersionModel::Dense || (model == DispersionModel::Auto && puff.criterion.dense)))
      r.release.densePuff = std::make_shared<const hazard::DensePuff>(puff);
  }
  if (r.release.rate_kg_s > 0 && r.cloud.volume_m3_per_kg > 0) {
    hazard::DensePlume plume = hazard::densePlume(r.release.rate_kg_s, r.substance->molar_mass_g_mol, r.cloud, w,
                                                  hazard::Ambient{w.temperature_K, hazard::kAtmosphere_Pa});
    r.criterion = plume.criterion;
    const bool heavier = plume.transition_m > 0;  // a correlation exists: the cloud is heavier than air
    if (heavier && (model == DispersionModel::Dense || (model == DispersionModel::Auto && plume.criterion.dense)))
      r.release.dense = std::make_shared<const hazard::DensePlume>(plume);
  }
  r.aegl2Reach_m = r.aegl2_mg_m3 > 0 ? hazard::centrelineDistanceTo_m(r.aegl2_mg_m3, r.release, w) : 0;
}

double closureLevel_mg_m3(ClosureLevel level, const Substance& substance) {
  switch (level) {
    case ClosureLevel::Aegl1: return aegl60_mg_m3(substance, 1);
    case ClosureLevel::Aegl2: return aegl60_mg_m3(substance, 2);
    case ClosureLevel::Aegl3: return aegl60_mg_m3(substance, 3);
    case ClosureLevel::None: return 0;
  }
  return 0;
}

DrawnFire drawFire(const Hazard& h, const Park& park, const hazard::Weather& w, std::uint64_t seed,
                   std::uint64_t replication) {
  const Fire& f = std::get<Fire>(h.detail);
  DrawnFire d;
  d.hazard = h.id;
  const std::size_t n = park.zones.size();
  for (std::size_t z = 0; z < n; ++z)
    if (park.zones[z].id == f.zone.id) d.origin = int(z);
  d.start_s = draw(h.start_s, seed, replication, "start", h.id, 0);
  if (f.heat_release_mw) d.heatRelease_MW = draw(*f.heat_release_mw, seed, replication, "heat_release", h.id, 0);
  d.spread_m = draw(f.spread_m, seed, replication, "spread_m", h.id, 0);
  d.links.assign(n, {});
  d.controlled_s.assign(n, hazard::kNever);
  if (f.spread_delay_s) {
    const double towards = (w.windFrom_deg + 180) * M_PI / 180;  // direction the wind blows to
    std::vector<Bounds> boxes(n);
    for (std::size_t z = 0; z < n; ++z)
      for (const auto& ring : park.zones[z].outer) boxes[z].add(ring);
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b) {
        if (a == b) continue;
        const Zone &za = park.zones[a], &zb = park.zones[b];
        // Bounding boxes farther apart than the spread distance rule a pair out before the exact gap.
        if (boxes[a].gapTo(boxes[b]) > d.spread_m) continue;
        const double gap = gapBetween(za.outer, zb.outer);
        if (gap > d.spread_m) continue;
        const double dx = zb.centroid.x_m - za.centroid.x_m, dy = zb.centroid.y_m - za.centroid.y_m;
        const double len = std::hypot(dx, dy);
        const double cosTheta = len > 0 ? (dx * std::sin(towards) + dy * std::cos(towards)) / len : 0;
        const double calm = draw(*f.spread_delay_s, seed, replication, "spread", h.id + ":" + za.id + ">" + zb.id, 0);
        const double factor = hazard::windDelayFactor(hazard::kBuildingSide_m, gap, w.windSpeed_ms,
                                                      hazard::kFireResistantShare, cosTheta);
        d.links[a].push_back({int(b), calm * factor});
      }
  }
  d.fireRadius_m = fireRadius_m(d.heatRelease_MW);
  d.spread();
  return d;
}

HazardModel::HazardModel(const LoadedScenario& loaded, const Plan& plan, std::uint64_t seed, std::uint64_t replication)
    : loaded_(loaded), closureLevel_(plan.close_roads_above) {
  weather_ = drawWeather(loaded.scenario, seed, replication, &sky_);  // sky_ is constructed by now
  for (const Hazard& h : loaded.scenario.hazards) {
    const auto* r = std::get_if<ToxicRelease>(&h.detail);
    if (!r) {
      fires_.push_back(drawFire(h, loaded.park, weather_, seed, replication));
      continue;
    }
    const HazardSource* src = loaded.park.source(r->source.id);
    const Substance* sub = src ? loaded.substances.find(src->substance) : nullptr;
    if (!src || !sub) continue;
    DrawnRelease d;
    d.hazard = h.id;
    d.sourceId = src->id;
    d.substance = sub;
    d.source = src->position;
    d.release.start_s = draw(h.start_s, seed, replication, "start", h.id, 0);
    d.release.height_m = draw(r->height_m, seed, replication, "height", h.id, 0);
    const double duration_s = draw(r->duration_s, seed, replication, "duration", h.id, 0);
    if (r->vessel) {
      drawVessel(d, *r->vessel, *src, duration_s, seed, replication);
    } else if (r->instantaneous_kg) {
      // All at once, at most the inventory: a puff of the pure vapour at the air's temperature.
      d.release.puff_kg = std::min(src->inventory_kg, draw(*r->instantaneous_kg, seed, replication, "mass", h.id, 1e-9));
      d.release.stop_s = d.release.start_s;
      d.puffCloud = hazard::pureVapour(sub->molar_mass_g_mol, weather_.temperature_K);
    } else {
      // The release stops at the end of its duration or when the inventory is exhausted.
      d.release.rate_kg_s = draw(r->rate_kg_s, seed, replication, "rate", h.id, 1e-9);
      d.release.stop_s = d.release.start_s + std::min(duration_s, src->inventory_kg / d.release.rate_kg_s);
      d.cloud = hazard::pureVapour(sub->molar_mass_g_mol, weather_.temperature_K);
    }
    d.aegl2_mg_m3 = aegl60_mg_m3(*sub, 2);
    d.aegl3_mg_m3 = aegl60_mg_m3(*sub, 3);
    d.closure_mg_m3 = closureLevel_mg_m3(plan.close_roads_above, *sub);
    chooseDispersion(d, weather_, loaded.scenario.dispersion);
    d.axis = hazard::windAxis(weather_.windFrom_deg);
    releases_.push_back(d);
  }
  for (const Zone& zone : loaded.park.zones) {
    zoneRings_.push_back(zone.outer);
    zoneRings_.back().insert(zoneRings_.back().end(), zone.holes.begin(), zone.holes.end());
    zoneBounds_.emplace_back();
    for (const Ring& ring : zoneRings_.back()) zoneBounds_.back().add(ring);
  }
  prepareFixedPoints();
  recordDraws();
}

void HazardModel::recordDraws() {
  draws_.wind_speed_ms = weather_.windSpeed_ms;
  draws_.wind_from_deg = weather_.windFrom_deg;
  draws_.stability = wordOf(weather_.stability);
  draws_.sky = sky_;
  draws_.temperature_c = weather_.temperature_K - 273.15;
  for (const DrawnRelease& r : releases_) {
    ReleaseDraw& d = draws_.releases[r.hazard];
    d.start_s = r.release.start_s;
    d.rate_kg_s = r.release.rate_kg_s;
    d.duration_s = r.release.stop_s - r.release.start_s;
    if (r.fromVessel && !r.rupture) d.hole_mm = r.hole_mm;
    d.dispersion = r.dispersionName();
    if (r.release.puff()) {
      d.puff_kg = r.release.puff_kg;
      d.puff_dispersion = r.densePuff() ? "dense" : "passive";
    }
  }
  for (const DrawnFire& f : fires_) draws_.fires[f.hazard] = {f.start_s, f.heatRelease_MW, f.spread_m};
}

void HazardModel::drawVessel(DrawnRelease& d, const PhysicalRelease& v, const HazardSource& src, double duration_s,
                             std::uint64_t seed, std::uint64_t replication) const {
  const bool liquid = v.phase == ReleasePhase::Liquid;
  hazard::VesselConditions c;
  c.phase = v.phase;
  d.fromVessel = true;
  d.rupture = c.rupture = v.rupture;
  if (!v.rupture) d.hole_mm = draw(v.hole_mm, seed, replication, "hole", d.hazard, 1e-3);
  c.hole_m = d.hole_mm / 1000;
  d.storage_C = v.temperature_c ? draw(*v.temperature_c, seed, replication, "storage_temperature", d.hazard, -273)
                                : weather_.temperature_K - 273.15;
  c.storage_K = d.storage_C + 273.15;
  if (v.pressure_bar) c.gauge_Pa = draw(*v.pressure_bar, seed, replication, "pressure", d.hazard, 0) * 1e5;
  c.head_m = draw(v.head_m, seed, replication, "head", d.hazard, 0);
  if (v.volume_m3) c.gasVolume_m3 = draw(*v.volume_m3, seed, replication, "volume", d.hazard, 1e-6);
  d.dischargeCoefficient =
      v.discharge_coefficient ? std::min(1.0, draw(*v.discharge_coefficient, seed, replication, "discharge", d.hazard, 1e-3))
                              : liquid ? 0.62 : 0.85;  // README defaults: sharp-edged hole, liquid (Crowl & Louvar 0.61); gas
  c.dischargeCoefficient = d.dischargeCoefficient;
  if (v.bund_m2) c.bund_m2 = *v.bund_m2;
  c.ground = v.ground == Ground::Soil ? hazard::kSoilGround : hazard::kConcreteGround;
  c.ambient_K = weather_.temperature_K;
  c.inventory_kg = src.inventory_kg;
  c.maxLeak_s = duration_s;
  d.vessel = hazard::vesselSource(sourceProperties(*d.substance), c);
  d.release.rate_kg_s = d.vessel.rate_kg_s;
  d.release.stop_s = d.release.start_s + d.vessel.duration_s;
  d.cloud = d.vessel.cloud;
  d.release.puff_kg = d.vessel.puff_kg;
  d.puffCloud = d.vessel.puffCloud;
}

void HazardModel::prepareFixedPoints() {
  // The plume's axis as threatZones samples it: 96 points to the steady AEGL-2 reach, denser near
  // the source.
  constexpr int kAxisSamples = 96;
  const Park& park = loaded_.park;
  for (const DrawnRelease& r : releases_) {
    const auto exposure = [&](Point2 p) { return hazard::pointExposure(r.release, weather_, r.axis, r.source, p); };
    FixedPoints f;
    if (r.aegl2_mg_m3 > 0) {
      for (const Zone& zone : park.zones) {
        std::vector<hazard::PointExposure> points{exposure(zone.centroid)};
        for (const auto& ring : zone.outer)
          for (const auto& corner : ring) points.push_back(exposure(corner));
        f.zones.push_back(std::move(points));
      }
      const double towards = (weather_.windFrom_deg + 180) * M_PI / 180;  // direction the plume travels
      const double east = std::sin(towards), north = std::cos(towards);
      for (int k = 1; k <= kAxisSamples; ++k) {
        const double x = r.aegl2Reach_m * std::pow(double(k) / kAxisSamples, 2);
        const Point2 p{r.source.x_m + x * east, r.source.y_m + x * north};
        f.axis.push_back({p, exposure(p)});
      }
    }
    if (r.closure_mg_m3 > 0)
      for (const Road& road : park.roads) {
        const Point2 mid{(road.line.front().x_m + road.line.back().x_m) / 2,
                         (road.line.front().y_m + road.line.back().y_m) / 2};
        f.roads.push_back({exposure(road.line.front()), exposure(mid), exposure(road.line.back())});
      }
    fixed_.push_back(std::move(f));
  }
}

double HazardModel::concentration_mg_m3(const DrawnRelease& r, Point2 p, double t_s) const {
  return hazard::concentration_mg_m3(r.release, weather_, r.axis, r.source, p, t_s);
}

double HazardModel::releaseSubstep_s(int i, Point2 p, double a_s, double b_s) const {
  const DrawnRelease& r = releases_[std::size_t(i)];
  const double u = hazard::transportWind_ms(r.release, weather_);
  if (!r.release.puff() || !(u > 0)) return kInfinity;
  const double x = hazard::plumeFrame(r.source, p, r.axis).downwind_m;
  const double sigma_s = hazard::puffAxis(r.release, weather_, x).sigmaX_m / u;
  if (!(sigma_s > 0)) return kInfinity;
  // The centre passes x at start + x/u; a point that moves during [a, b] is given the step's length
  // on either side.
  const double centre = r.release.start_s + x / u, margin = 6 * sigma_s + (b_s - a_s);
  if (centre + margin < a_s || centre - margin > b_s) return kInfinity;
  return std::max(sigma_s / 2, kShortestSubstep_s);
}

double HazardModel::concentration_mg_m3(Point2 p, double t_s) const {
  double c = 0;
  for (const auto& r : releases_) c += concentration_mg_m3(r, p, t_s);
  return c;
}

namespace {
// What the monitor sees at a fixed point at t: the concentration then, and the peak of a puff
// that passed within the last look-back.
double seen(const hazard::PointExposure& e, const hazard::Release& r, double t_s) {
  return r.puff() ? e.peakWithin(r, t_s - kPuffLookBack_s, t_s) : e.at(r, t_s);
}
}  // namespace

std::vector<int> HazardModel::threatZones(double t_s) const {
  // A zone is in the threat zone when the concentration reaches the substance's 60 min AEGL-2 now
  // (ALOHA's AEGL-2 threat zone, at this moment) at its centroid, at a corner, or on the plume's
  // centreline where it crosses the zone: a plume a few metres wide can cross a zone between its
  // corners, and a zone holding the source is threatened although its centroid is upwind. The
  // points' steady concentrations are prepared once (prepareFixedPoints).
  std::vector<int> zones;
  std::vector<std::vector<Point2>> axes;  // per release: centreline points above AEGL-2 now
  for (std::size_t i = 0; i < releases_.size(); ++i) {
    std::vector<Point2> axis;
    for (const auto& [p, e] : fixed_[i].axis)
      if (seen(e, releases_[i].release, t_s) >= releases_[i].aegl2_mg_m3) axis.push_back(p);
    axes.push_back(std::move(axis));
  }
  for (std::size_t z = 0; z < loaded_.park.zones.size(); ++z) {
    const std::vector<Ring>& rings = zoneRings_[z];
    bool inside = false;
    for (std::size_t i = 0; i < releases_.size() && !inside; ++i) {
      const auto& r = releases_[i];
      if (r.aegl2_mg_m3 <= 0) continue;
      for (const auto& e : fixed_[i].zones[z]) inside = inside || seen(e, r.release, t_s) >= r.aegl2_mg_m3;
      const Bounds& box = zoneBounds_[z];
      for (const auto& p : axes[i]) inside = inside || (box.holds(p) && contains(rings, p));
    }
    // A zone burning, or one where the radiation reaches the road-closure level at its centroid.
    for (const auto& f : fires_) inside = inside || (f.ignition_s[z] <= t_s && t_s < f.controlled_s[z]);
    inside = inside || heatReaches(loaded_.park.zones[z].centroid, t_s, int(z), kHeatClosure_kW_m2);
    if (inside) zones.push_back(int(z));
  }
  return zones;
}

RoadClosure HazardModel::closure(int road, double t_s, int fleeing) const {
  const Road& r = loaded_.park.roads[std::size_t(road)];
  // Too hot to walk through anywhere along it (checked at its vertices and the middle of each piece).
  if (!fires_.empty()) {
    for (std::size_t i = 0; i < r.line.size(); ++i) {
      std::vector<Point2> points{r.line[i]};
      if (i > 0) points.push_back({(r.line[i - 1].x_m + r.line[i].x_m) / 2, (r.line[i - 1].y_m + r.line[i].y_m) / 2});
      for (Point2 p : points)
        if (heatReaches(p, t_s, fleeing, kHeatClosure_kW_m2)) return {RoadClosure::Cause::Heat, "", ClosureLevel::None, kHeatClosure_kW_m2};
    }
  }
  for (std::size_t i = 0; i < releases_.size(); ++i) {
    const DrawnRelease& rel = releases_[i];
    if (rel.closure_mg_m3 <= 0) continue;
    // Checked at both ends and the middle of the road (prepared once, prepareFixedPoints).
    for (const auto& e : fixed_[i].roads[std::size_t(road)])
      if (seen(e, rel.release, t_s) >= rel.closure_mg_m3)
        return {RoadClosure::Cause::Concentration, rel.hazard, closureLevel_};
  }
  return {};
}

void HazardModel::stopped(const std::string& hazard, double t_s) {
  for (auto& r : releases_)
    if (r.hazard == hazard) r.release.stop_s = std::min(r.release.stop_s, t_s);
  for (auto& f : fires_) {
    if (f.hazard != hazard) continue;
    for (int z : f.ignited)
      if (f.ignition_s[std::size_t(z)] <= t_s) f.controlled_s[std::size_t(z)] = std::min(f.controlled_s[std::size_t(z)], t_s);
    f.spread();
  }
}

void DrawnFire::spread() {
  ignition_s = hazard::ignitionTimes(links, origin, start_s, controlled_s);
  ignited.clear();
  for (std::size_t z = 0; z < ignition_s.size(); ++z)
    if (ignition_s[z] < hazard::kNever) ignited.push_back(int(z));
}

std::vector<int> HazardModel::burningZones(const std::string& hazard, double t_s) const {
  std::vector<int> zones;
  for (const auto& f : fires_)
    if (f.hazard == hazard)
      for (int z : f.ignited)
        if (f.ignition_s[std::size_t(z)] <= t_s && t_s < f.controlled_s[std::size_t(z)]) zones.push_back(z);
  return zones;
}

double HazardModel::ignitedAt_s(const std::string& hazard, int zone) const {
  for (const auto& f : fires_)
    if (f.hazard == hazard) return f.ignition_s[std::size_t(zone)];
  return hazard::kNever;
}

void HazardModel::controlZone(const std::string& hazard, int zone, double t_s) {
  for (auto& f : fires_) {
    if (f.hazard != hazard) continue;
    double& c = f.controlled_s[std::size_t(zone)];
    c = std::min(c, t_s);
    f.spread();
  }
}

template <class Distance>
double HazardModel::heatSum(double t_s, int except, Distance distance) const {
  double q = 0;
  for (const auto& f : fires_) {
    if (f.heatRelease_MW <= 0) continue;
    for (int zi : f.ignited) {
      const std::size_t z = std::size_t(zi);
      if (zi == except || !(f.ignition_s[z] <= t_s && t_s < f.controlled_s[z])) continue;
      q += hazard::pointSourceFlux_kW_m2(f.heatRelease_MW * 1000, kRadiativeFraction, 1.0, f.fireRadius_m + distance(z));
    }
  }
  return q;
}

double HazardModel::heatFlux_kW_m2(Point2 p, double t_s, int except) const {
  // Where in the zone the flames stand is not known: each place is given the worst case, the fire
  // at the zone's edge nearest to it.
  return heatSum(t_s, except, [&](std::size_t z) { return distanceToArea(p, loaded_.park.zones[z].outer); });
}

bool HazardModel::heatReaches(Point2 p, double t_s, int except, double level) const {
  // The same sum as heatFlux_kW_m2 with each zone's distance replaced by one no larger: the distance
  // to its box less 1 mm (rounding in either distance is nanometres at projected coordinates of
  // 10^7 m). Each term is then at least the one heatFlux_kW_m2 adds, and so is the sum (rounding is
  // monotone), so a bound below the level is the same "no".
  const double bound = heatSum(t_s, except, [&](std::size_t z) {
    const Bounds& b = zoneBounds_[z];
    const double dx = std::max({0.0, b.minX - p.x_m, p.x_m - b.maxX});
    const double dy = std::max({0.0, b.minY - p.y_m, p.y_m - b.maxY});
    return std::max(0.0, std::sqrt(dx * dx + dy * dy) - 1e-3);
  });
  return bound >= level && heatFlux_kW_m2(p, t_s, except) >= level;
}

double fireRadius_m(double heatRelease_MW) { return std::sqrt(heatRelease_MW * 1000 / (M_PI * kFireHeatPerArea_kW_m2)); }

double heatReach_m(double heatRelease_MW, double flux_kW_m2) {
  if (!(heatRelease_MW > 0)) return 0;
  // q = chi_r Q / (4 pi R^2) solved for R, less the disc's radius (R is from its centre).
  const double r = std::sqrt(kRadiativeFraction * heatRelease_MW * 1000 / (4 * M_PI * flux_kW_m2));
  return std::max(0.0, r - fireRadius_m(heatRelease_MW));
}

std::vector<double> HazardModel::zoneIgnitions() const {
  std::vector<double> t(loaded_.park.zones.size(), hazard::kNever);
  for (const auto& f : fires_)
    for (int z : f.ignited) t[std::size_t(z)] = std::min(t[std::size_t(z)], f.ignition_s[std::size_t(z)]);
  return t;
}

}  // namespace drillsim
