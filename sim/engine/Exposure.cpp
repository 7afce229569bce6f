#include "sim/engine/Exposure.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "scenarios/Distribution.hpp"
#include "sim/hazard/Aegl.hpp"
#include "sim/hazard/Dispersion.hpp"
#include "sim/hazard/IndoorAir.hpp"
#include "sim/hazard/Probit.hpp"

namespace drillsim {

namespace {

// What a group breathed of one release: the toxic load in the probit's units, and for the AEGL
// comparison (sim/hazard/Aegl.hpp) the integral of C^m dt [ppm^m s] over each exposure step, one
// series per exponent m the substance's AEGL-2 and AEGL-3 spans use (empty until something is
// breathed).
struct Dose {
  double load = 0;
  std::vector<std::vector<double>> perStep;
};

// The AEGL-2 and AEGL-3 of a substance as guideline curves [ppm], their spans, and the exponents
// their windows use (prepared once per run, asked of every group).
struct Guidelines {
  hazard::GuidelineCurve level2, level3;
  std::vector<hazard::GuidelineSpan> spans2, spans3;
  std::vector<double> exponents;
};

Guidelines guidelinesOf(const Substance& s) {
  Guidelines g;
  for (std::size_t d = 0; d < hazard::kAeglDurations_s.size(); ++d) {
    g.level2.value[d] = s.aegl_ppm[1][d];
    g.level3.value[d] = s.aegl_ppm[2][d];
  }
  g.level2.n = g.level3.n = s.aegl_n;
  g.spans2 = hazard::guidelineSpans(g.level2);
  g.spans3 = hazard::guidelineSpans(g.level3);
  for (const auto* spans : {&g.spans2, &g.spans3})
    for (const auto& span : *spans)
      if (std::find(g.exponents.begin(), g.exponents.end(), span.exponent) == g.exponents.end())
        g.exponents.push_back(span.exponent);
  return g;
}

// Where a walker is at time t on a polyline walked at constant speed from its start at a to its end at b.
Point2 pointAlong(const std::vector<Point2>& path, double a, double b, double t) {
  double total = 0;
  for (std::size_t i = 1; i < path.size(); ++i) total += distance(path[i - 1], path[i]);
  double along = b > a ? total * (t - a) / (b - a) : total;
  for (std::size_t i = 1; i < path.size(); ++i) {
    const double d = distance(path[i - 1], path[i]);
    if (along <= d && d > 0) {
      const double f = along / d;
      return {path[i - 1].x_m + f * (path[i].x_m - path[i - 1].x_m), path[i - 1].y_m + f * (path[i].y_m - path[i - 1].y_m)};
    }
    along -= d;
  }
  return path.back();
}

// Heat felt by a group: the highest flux and the burn dose V, the sum over its places of each
// place's dose (sim/hazard/Probit.hpp: burnDoseStep, burnDoseAtOnePlace, heatFelt_kW_m2).
struct Heat {
  double peak_kW_m2 = 0;
  double dose = 0;  // (kW/m2)^(4/3) s, Eisenberg's V
};

class Integrator {
 public:
  // `ignitions`: each zone's ignition time (HazardEffects::zoneIgnitions).
  Integrator(RunState& s, const std::vector<double>& ignitions) : s_(s), horizon_(s.scenario.horizon_s) {
    steps_ = std::size_t(std::ceil(horizon_ / kExposureStep_s));
    for (double t : ignitions) fires_ = fires_ || t <= horizon_;
    for (int r = 0; r < releases(); ++r) {
      const Substance* sub = s_.toxic.releaseSubstance(r);
      guidelines_.push_back(sub ? guidelinesOf(*sub) : Guidelines{});
    }
  }
  std::size_t steps() const { return steps_; }
  const Guidelines& guidelines(int r) const { return guidelines_[std::size_t(r)]; }
  bool fires() const { return fires_; }

  int releases() const { return s_.toxic.releaseCount(); }

  // What is breathed of release r outdoors at a fixed point over [a, b], added to `dose`.
  void outdoors(Dose& dose, int r, Point2 p, double a, double b) const {
    integrate(dose, r, a, b, [&](double t) { return s_.toxic.releaseConcentration_mg_m3(r, p, t); },
              [&](double) { return std::optional<Point2>(p); });
  }
  // A building: where its air is taken from outdoors, its air changes per hour shut, and whether
  // its occupants open the windows once the cloud has passed.
  struct Building {
    std::string place;  // "zone:ID" or "shelter:ID", with ":aired" when its occupants air out
    Point2 p;
    double ach = kDefaultAirChangesPerHour;
    bool airsOut = false;
  };
  Building zoneBuilding(const Zone& zone, bool airsOut) {
    return {"zone:" + zone.id + (airsOut ? ":aired" : ""), zone.centroid,
            airChanges(zoneKindNames()[std::size_t(zone.kind)]), airsOut};
  }
  Building shelterBuilding(const Shelter& sh) { return {"shelter:" + sh.id, sh.position, airChanges("shelter"), false}; }

  // ... indoors in a building (its indoor air follows the outdoor air at its point).
  void indoors(Dose& dose, int r, const Building& building, double a, double b) {
    const std::vector<double>& inside = indoorSeries(r, building);
    integrate(dose, r, a, b, [&](double t) {
      const std::size_t k = std::min(inside.size() - 1, std::size_t(t / kExposureStep_s));
      return inside[k];
    }, [](double) { return std::optional<Point2>(); });  // the series holds each step's mean already
  }
  // ... walking along a polyline from its start at `a` to its end at `b`.
  void walking(Dose& dose, int r, const std::vector<Point2>& path, double a, double b) const {
    integrate(dose, r, a, b, [&](double t) { return s_.toxic.releaseConcentration_mg_m3(r, pointAlong(path, a, b, t), t); },
              [&](double t) { return std::optional<Point2>(pointAlong(path, a, b, t)); });
  }

  // Heat felt over [a, b] at the place `at(t)`, indoors or out, leaving out the fire of zone
  // `except` (the group's own zone while it is there).
  template <class F>
  void heat(Heat& h, double a, double b, bool indoors, int except, F at) const {
    if (!fires_ || b <= a) return;
    double peak = 0, above = 0, dose = 0;
    for (double t0 = std::floor(a / kExposureStep_s) * kExposureStep_s; t0 < b; t0 += kExposureStep_s) {
      const double lo = std::max(a, t0), hi = std::min(b, t0 + kExposureStep_s);
      if (hi <= lo) continue;
      const double t = (lo + hi) / 2;
      const double q = hazard::heatFelt_kW_m2(s_.heat.heatFlux_kW_m2(at(t), t, except), indoors);
      peak = std::max(peak, q);
      if (q >= hazard::kHeatTolerable_kW_m2) {
        above += hi - lo;
        dose += hazard::burnDoseStep(q, hi - lo);
      }
    }
    h.peak_kW_m2 = std::max(h.peak_kW_m2, peak);
    if (above > 0) h.dose += hazard::burnDoseAtOnePlace(dose, above);
  }

 private:
  // Midpoint rule on the exposure grid, clipped to [a, b]: adds the sum of C^n dt in probit units
  // to the load and each step's C^m dt [ppm^m s] to the AEGL series. `where(t)` is the place
  // breathed outdoors (empty indoors), for sub-steps where a puff passes.
  template <class F, class W>
  void integrate(Dose& dose, int r, double a, double b, F concentration, W where) const {
    const Substance* sub = s_.toxic.releaseSubstance(r);
    if (!sub || b <= a) return;
    const hazard::ProbitUnits u = hazard::probitUnits(*sub);
    const std::vector<double>& exponents = guidelines_[std::size_t(r)].exponents;
    for (double t0 = std::floor(a / kExposureStep_s) * kExposureStep_s; t0 < b; t0 += kExposureStep_s) {
      const double lo = std::max(a, t0), hi = std::min(b, t0 + kExposureStep_s);
      if (hi <= lo) continue;
      // Midpoints of the step, or of its sub-steps where a puff passes (releaseSubstep_s).
      const std::optional<Point2> at = where((lo + hi) / 2);
      const int pieces = at ? this->pieces(r, *at, lo, hi) : 1;
      const double width = (hi - lo) / pieces;
      const std::size_t k = std::min(steps_, std::size_t(t0 / kExposureStep_s));
      for (int piece = 0; piece < pieces; ++piece) {
        const double c_mg_m3 = concentration(lo + (piece + 0.5) * width);
        if (!(c_mg_m3 > 0)) continue;
        if (sub->probit_n) dose.load += hazard::toxicLoadStep(c_mg_m3, width, *sub->probit_n, u);
        if (exponents.empty()) continue;
        if (dose.perStep.empty()) dose.perStep.assign(exponents.size(), std::vector<double>(steps_ + 1, 0.0));
        const double ppm = hazard::ppm(c_mg_m3, sub->molar_mass_g_mol);
        for (std::size_t e = 0; e < exponents.size(); ++e) dose.perStep[e][k] += std::pow(ppm, exponents[e]) * width;
      }
    }
  }

  // How many equal pieces [lo, hi] needs for release r near p (1 unless a puff passes then).
  int pieces(int r, Point2 p, double lo, double hi) const {
    const double step = s_.toxic.releaseSubstep_s(r, p, lo, hi);
    if (!(step < hi - lo)) return 1;
    return int(std::min(kMostPieces, std::ceil((hi - lo) / step)));
  }
  static constexpr double kMostPieces = 1000;

  const std::vector<double>& indoorSeries(int r, const Building& b) {
    auto& series = indoor_[{r, b.place}];
    if (!series.empty()) return series;
    // Each step's mean outdoors, from its sub-steps where a puff passes; the indoor air follows it
    // (sim/hazard/IndoorAir.hpp, indoorStepMeans).
    std::vector<double> outdoor(steps_ + 1, 0.0);
    for (std::size_t k = 0; k <= steps_; ++k) {
      const double lo = double(k) * kExposureStep_s, hi = lo + kExposureStep_s;
      const int n = pieces(r, b.p, lo, hi);
      for (int piece = 0; piece < n; ++piece)
        outdoor[k] += s_.toxic.releaseConcentration_mg_m3(r, b.p, lo + (piece + 0.5) * kExposureStep_s / n) / n;
    }
    series = hazard::indoorStepMeans(outdoor, b.ach, airedAirChanges(), b.airsOut, kExposureStep_s);
    return series;
  }

  // Air changes per hour of the buildings of `kind` (a zone kind or "shelter"), drawn once per
  // replication and key of the scenario's buildings (stream buildings/KEY).
  // Given (air_changes_per_hour) or computed from the leakage (the ASHRAE basic model under the
  // replication's 10 m wind and indoor-outdoor temperature difference); the kind's own key, else
  // "default", else kDefaultAirChangesPerHour.
  double airChanges(const std::string& kind) {
    const Buildings& b = s_.scenario.buildings;
    const std::string key = b.air_changes_per_hour.count(kind) || b.leakage.count(kind) ? kind : "default";
    const auto given = b.air_changes_per_hour.find(key);
    const auto leaky = b.leakage.find(key);
    if (given == b.air_changes_per_hour.end() && leaky == b.leakage.end()) return kDefaultAirChangesPerHour;
    auto [drawn, fresh] = ach_.emplace(key, 0.0);
    if (!fresh) return drawn->second;
    if (given != b.air_changes_per_hour.end()) return drawn->second = s_.draw(given->second, "buildings", key, 1e-6);
    const Leakage& l = leaky->second;
    const auto weather = s_.hazards.draws();
    if (!weather) return drawn->second = kDefaultAirChangesPerHour;  // no hazards: nothing to breathe
    const double area = s_.draw(l.area_cm2, "buildings", key + ":area", 1e-6);
    const double volume = s_.draw(l.volume_m3, "buildings", key + ":volume", 1e-6);
    const double indoor = s_.draw(b.indoor_c, "buildings", "indoor", -273.15);
    const auto c = hazard::ashraeBasicCoefficients(hazard::Storeys(l.storeys - 1), hazard::ShelterClass(l.shelter_class));
    const double lambda =
        hazard::airChangeRate_per_s(area, volume, indoor - weather->temperature_c, weather->wind_speed_ms, c);
    return drawn->second = std::max(hazard::achFromPerSecond(lambda), 1e-6);
  }
  double airedAirChanges() {
    if (!aired_) aired_ = s_.draw(s_.scenario.buildings.aired_out_per_hour, "buildings", "aired_out", 1e-6);
    return *aired_;
  }

  RunState& s_;
  double horizon_;
  std::size_t steps_ = 0;
  bool fires_ = false;  // some zone burns before the horizon
  std::map<std::pair<int, std::string>, std::vector<double>> indoor_;
  std::map<std::string, double> ach_;  // drawn per key of the scenario's buildings
  std::optional<double> aired_;
  std::vector<Guidelines> guidelines_;  // per release
};

struct Group {
  int zone;
  int persons;
  std::vector<Dose> dose;  // per release
  Heat heat;
  bool inFire = false;  // in its own zone while the zone burnt
};

// Walking path of a leg: from its start point over the road nodes to the destination's position.
std::vector<Point2> legPath(const RunState& s, const Leg& leg, Point2 start, const Shelter* destination) {
  std::vector<Point2> path{start, s.park.graph.position(leg.from_node)};
  NodeId at = leg.from_node;
  for (int road : leg.roads)
    for (int a : s.park.graph.outArcs(at)) {
      const Arc& arc = s.park.graph.arcs()[std::size_t(a)];
      if (arc.road != road) continue;
      at = arc.to;
      path.push_back(s.park.graph.position(at));
      break;
    }
  if (destination) path.push_back(destination->position);
  return path;
}

/// Whether zone `zone` had caught fire before time t.
bool ignitedBefore(const std::vector<double>& ignited, int zone, double t) {
  return !ignited.empty() && ignited[std::size_t(zone)] < t;
}

/// Persons who stay in their zone all along (no order, or shelter in place): indoors throughout.
void stayingGroups(const RunState& s, Integrator& in, const std::vector<double>& ignited, std::vector<Group>& groups) {
  const int n = in.releases();
  const double horizon = s.scenario.horizon_s;
  auto burnsBefore = [&](int zone, double t) { return ignitedBefore(ignited, zone, t); };
  for (std::size_t z = 0; z < s.park.zones.size(); ++z) {
    const Zone& zone = s.park.zones[z];
    const int people = s.scenario.night() ? zone.pop_night : zone.pop_day;
    const int order = s.zoneOrder[z];
    if (order >= 0 && s.plan.protect[std::size_t(order)].action == ProtectiveAction::Evacuate) continue;
    Group g{int(z), people, std::vector<Dose>(std::size_t(n)), {}, burnsBefore(int(z), horizon)};
    const bool airsOut = order >= 0 && s.plan.protect[std::size_t(order)].air_out_when_cloud_passed;
    const auto building = in.zoneBuilding(zone, airsOut);
    for (int r = 0; r < n; ++r) in.indoors(g.dose[std::size_t(r)], r, building, 0, horizon);
    in.heat(g.heat, 0, horizon, true, int(z), [&](double) { return zone.centroid; });
    groups.push_back(g);
  }
}

/// Evacuees: indoors in their zone until their cohort leaves, then along each leg, waiting at its
/// end while the cohort passes, and in the shelter that admits them (or outside, turned away).
void evacueeGroups(const RunState& s, Integrator& in, const std::vector<double>& ignited, std::vector<Group>& groups) {
  const int n = in.releases();
  const double horizon = s.scenario.horizon_s;
  auto burnsBefore = [&](int zone, double t) { return ignitedBefore(ignited, zone, t); };
  std::unordered_map<std::string, const Shelter*> shelterById;  // every leg asks: not a search each
  for (const Shelter& sh : s.park.shelters) shelterById.emplace(sh.id, &sh);
  const auto destination = [&](const Leg& leg) -> const Shelter* {
    const auto it = shelterById.find(leg.destination);
    return it == shelterById.end() ? nullptr : it->second;
  };
  std::map<std::string, std::vector<const Leg*>> legsOf;
  for (const auto& leg : s.outcome.legs)
    if (leg.persons > 0) legsOf[leg.who].push_back(&leg);
  for (const Cohort& c : s.cohorts) {
    const Zone& zone = s.park.zones[std::size_t(c.zone)];
    const auto& legs = legsOf[c.key];
    const int persons = legs.empty() ? c.persons : legs.front()->persons;
    Group base{c.zone, persons, std::vector<Dose>(std::size_t(n)), {}, false};
    const double leaves = legs.empty() ? horizon : legs.front()->depart_s;
    const auto building = in.zoneBuilding(zone, false);
    for (int r = 0; r < n; ++r) in.indoors(base.dose[std::size_t(r)], r, building, 0, leaves);
    in.heat(base.heat, 0, leaves, true, c.zone, [&](double) { return zone.centroid; });
    base.inFire = burnsBefore(c.zone, leaves);
    Point2 at = zone.centroid;
    for (std::size_t i = 0; i < legs.size(); ++i) {
      const Leg& leg = *legs[i];
      const std::vector<Point2> path = legPath(s, leg, at, destination(leg));
      const double front = std::min(leg.front_s, horizon);
      const double end = leg.end_s > 0 ? std::min(leg.end_s, horizon) : horizon;
      for (int r = 0; r < n; ++r) {
        in.walking(base.dose[std::size_t(r)], r, path, leg.depart_s, front);
        in.outdoors(base.dose[std::size_t(r)], r, path.back(), front, end);
      }
      // Walking out of their own burning zone, people are as unplaceable as inside it (persons_in_fire).
      in.heat(base.heat, leg.depart_s, front, false, i == 0 ? c.zone : -1,
              [&](double t) { return pointAlong(path, leg.depart_s, front, t); });
      in.heat(base.heat, front, end, false, -1, [&](double) { return path.back(); });
      at = path.back();
      const int admitted = leg.admitted;
      if (admitted > 0) {
        const Shelter* sh = destination(leg);
        const bool indoor = sh->kind == ShelterKind::Indoor;
        Group g = base;
        g.persons = admitted;
        for (int r = 0; r < n; ++r) {
          if (indoor) in.indoors(g.dose[std::size_t(r)], r, in.shelterBuilding(*sh), end, horizon);
          else in.outdoors(g.dose[std::size_t(r)], r, sh->position, end, horizon);
        }
        in.heat(g.heat, end, horizon, indoor, -1, [&](double) { return sh->position; });
        groups.push_back(g);
      }
      if (i + 1 == legs.size()) {
        const int left = leg.persons - admitted;
        if (left > 0) {  // turned away with nowhere to go, or still on the way at the horizon
          Group g = base;
          g.persons = left;
          for (int r = 0; r < n; ++r) in.outdoors(g.dose[std::size_t(r)], r, at, end, horizon);
          in.heat(g.heat, end, horizon, false, -1, [&](double) { return at; });
          groups.push_back(g);
        }
      }
    }
    if (legs.empty()) groups.push_back(base);
  }
}

/// Each group's harm into the metrics, whole and by zone: over AEGL-2 and AEGL-3 (by its own
/// exposure history), 5 kW/m2 felt, in a burning zone, and expected fatalities (toxic and burn
/// probits together); a dose not finite or negative is an invariant broken.
void tallyGroups(RunState& s, const Integrator& in, const std::vector<Group>& groups) {
  const int n = in.releases();
  Metrics& m = s.outcome.metrics;
  const std::vector<double> none;
  for (const Group& g : groups) {
    for (const Dose& d : g.dose)
      if (!std::isfinite(d.load) || d.load < 0)
        s.violations.push_back("a toxic load of zone " + s.park.zones[std::size_t(g.zone)].id + " is " + std::to_string(d.load));
    if (!std::isfinite(g.heat.dose) || g.heat.dose < 0)
      s.violations.push_back("a heat dose of zone " + s.park.zones[std::size_t(g.zone)].id + " is " + std::to_string(g.heat.dose));
    bool over2 = false, over3 = false;
    double survive = 1;
    for (int r = 0; r < n; ++r) {
      const Substance& sub = *s.toxic.releaseSubstance(r);
      const Dose& d = g.dose[std::size_t(r)];
      // Over an AEGL when some window of the group's own exposure history holds the load of a
      // constant exposure at the AEGL for that window (the table read at its duration).
      const Guidelines& guide = in.guidelines(r);
      const hazard::LoadPerStep series = [&](double exponent) -> const std::vector<double>& {
        const auto it = std::find(guide.exponents.begin(), guide.exponents.end(), exponent);
        return d.perStep.empty() || it == guide.exponents.end() ? none : d.perStep[std::size_t(it - guide.exponents.begin())];
      };
      over2 = over2 || (!d.perStep.empty() && hazard::exceedsGuideline(series, kExposureStep_s, guide.level2, guide.spans2));
      over3 = over3 || (!d.perStep.empty() && hazard::exceedsGuideline(series, kExposureStep_s, guide.level3, guide.spans3));
      if (sub.probit_a && sub.probit_b && sub.probit_n && d.load > 0)
        survive *= 1 - hazard::probitToProbability(hazard::toxicProbitFromLoad(*sub.probit_a, *sub.probit_b, d.load));
    }
    // Eisenberg's burn probit on the heat dose V = I^(4/3) t (HSE SPC/Tech/OSD/30).
    if (g.heat.dose > 0) survive *= 1 - hazard::probitToProbability(hazard::eisenbergProbit(1.0, g.heat.dose));
    auto& zone = m.zones[s.park.zones[std::size_t(g.zone)].id];
    const double deaths = g.persons * (1 - survive);
    if (over2) {
      m.persons_over_aegl2 += g.persons;
      zone.persons_over_aegl2 += g.persons;
    }
    if (over3) {
      m.persons_over_aegl3 += g.persons;
      zone.persons_over_aegl3 += g.persons;
    }
    if (g.heat.peak_kW_m2 >= 5.0) {
      m.persons_over_5kw += g.persons;
      zone.persons_over_5kw += g.persons;
    }
    if (g.inFire) {
      m.persons_in_fire += g.persons;
      zone.persons_in_fire += g.persons;
    }
    m.expected_fatalities += deaths;
    zone.expected_fatalities += deaths;
  }
}

}  // namespace

void assessExposure(RunState& s) {
  const std::vector<double> ignited = s.heat.zoneIgnitions();
  Integrator in(s, ignited);
  const int n = in.releases();
  Metrics& m = s.outcome.metrics;
  for (const auto& z : s.park.zones) m.zones[z.id] = {};
  const double horizon = s.scenario.horizon_s;
  for (std::size_t z = 0; z < ignited.size(); ++z)
    if (ignited[z] <= horizon) {
      ++m.zones_burnt;
      m.zones[s.park.zones[z].id].ignited_s = ignited[z];
    }
  if (n == 0 && !in.fires()) return;
  std::vector<Group> groups;
  stayingGroups(s, in, ignited, groups);
  evacueeGroups(s, in, ignited, groups);
  tallyGroups(s, in, groups);
}

}  // namespace drillsim
