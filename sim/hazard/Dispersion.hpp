#pragma once
// Gaussian plume dispersion of a continuous gas release (reference notes: hazard.md section 1).
// Pure functions: numbers in, numbers out. Coordinates are the park's metric CRS, x east, y north.
//
// Validity: the Briggs (1973) sigma curves are fitted from 100 m to 10 km downwind; closer in they
// are extrapolated (ALOHA warns that the first ~100 m are unreliable). A steady Gaussian plume
// assumes a passive (neutrally buoyant) gas, a wind of at least ~1 m/s and flat terrain.

#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "scenarios/Geometry.hpp"
#include "scenarios/Vocabulary.hpp"

namespace drillsim::hazard {

// The scenario's own types (scenarios/Vocabulary.hpp), made by its reader.
using drillsim::Stability;
using drillsim::Terrain;

/// "A".."F" (either case) to a class; nullopt for anything else.
std::optional<Stability> stabilityFromLetter(std::string_view letter);

/// Dispersion coefficients at one downwind distance.
struct Sigmas {
  double y_m = 0;  // sigma_y [m], crosswind
  double z_m = 0;  // sigma_z [m], vertical
};

/// Briggs (1973) sigmas, open country (Boubel et al. 3e Table 19-7) or urban (Table 19-6, classes
/// grouped A-B, C, D, E-F). Fitted for 100 m <= x <= 10 km; {0, 0} when x <= 0.
Sigmas briggsSigmas(double x_m, Stability stability, Terrain terrain);

/// Pasquill-Gifford sigmas as parameterised in ISC3 (EPA-454/B-95-003b, Tables 1-1 and 1-2), rural.
/// {0, 0} when x <= 0.
Sigmas pasquillGiffordSigmas(double x_m, Stability stability);

/// Continuous point source, Gaussian plume with full ground reflection (ALOHA technical
/// documentation NOAA TM NOS OR&R 43 section 4.3; Boubel et al. 3e ch. 19):
/// C = Q/(2 pi u sy sz) exp(-y^2/2sy^2) [exp(-(z-H)^2/2sz^2) + exp(-(z+H)^2/2sz^2)]  [kg/m3].
/// Q [kg/s], u [m/s], H release height [m], y crosswind [m], z height [m]. 0 when a sigma <= 0.
double plumeConcentration_kg_m3(double Q_kg_s, double u_ms, double H_m, double y_m, double z_m, Sigmas s);

/// A point seen from a source in the frame of the plume.
struct PlumeFrame {
  double downwind_m = 0;   // along the direction the wind blows toward
  double crosswind_m = 0;  // positive to the left of an observer facing downwind
};

/// Meteorological convention: the wind blows FROM windFrom_deg, clockwise from north (0 = from the
/// north, blowing toward the south; 90 = from the east, blowing toward the west).
PlumeFrame plumeFrame(Point2 source, Point2 p, double windFrom_deg);

/// The unit vector the wind blows toward, for a meteorological direction (clockwise from north,
/// where the wind comes from): computed once per weather rather than per point.
struct WindAxis {
  double dx = 0, dy = -1;
};
WindAxis windAxis(double windFrom_deg);
/// As plumeFrame, with the wind's axis computed beforehand (the same numbers).
PlumeFrame plumeFrame(Point2 source, Point2 p, WindAxis axis);

struct DensePlume;  // DenseGas.hpp
struct DensePuff;   // DenseGas.hpp

/// A release: a continuous plume of rate_kg_s between start_s and stop_s (stop_s may be
/// +infinity), a puff of puff_kg released all at once at start_s, or both (a vessel's rupture: the
/// flash and its aerosol at once, then the pool that rained out boiling off). When `dense` is set,
/// the plume is denser than air and the functions below take its concentrations from the
/// Britter-McQuaid plume (DenseGas.hpp, which hands over to this file's Gaussian beyond its last
/// line) instead of the Gaussian plume: at ground level, the height ignored; the same travel time.
/// When `densePuff` is set, the puff's from the Britter-McQuaid instantaneous correlations, else
/// the Gaussian puff of Puff.hpp (Slade's sigmas).
struct Release {
  double rate_kg_s = 0;  // Q
  double height_m = 0;   // H, effective release height
  double start_s = 0;
  double stop_s = std::numeric_limits<double>::infinity();
  std::shared_ptr<const DensePlume> dense;  // built once per release and weather
  double puff_kg = 0;                       // M, released at start_s
  std::shared_ptr<const DensePuff> densePuff;
  bool plume() const { return rate_kg_s > 0 && stop_s > start_s; }
  bool puff() const { return puff_kg > 0; }
};

/// A puff as it passes downwind distance x: the highest concentration the passing cloud brings
/// to a point on its axis there, how it falls off across the wind and how long it takes to pass.
/// The concentration at (x, y) at time t is peak g(y) exp(-(x - u (t - start))^2 / 2 sigma_x^2),
/// g(y) = exp(-y^2 / 2 sigma_y^2), or 1 within halfWidth of the axis and 0 beyond for a top-hat.
struct PuffAxis {
  double peak_kg_m3 = 0;
  double sigmaX_m = 0;  // along the wind
  double sigmaY_m = 0;  // across it (Gaussian)
  double halfWidth_m = 0;  // across it (top-hat; 0: Gaussian)
  double across(double y_m) const;  // g(y)
  /// Half-width [m] where peak factor g(y) >= level (0 where it is below).
  double halfWidthAt(double level_kg_m3, double factor = 1) const;
};

struct Weather {
  double windSpeed_ms = 0;  // u, at 10 m
  double windFrom_deg = 0;  // meteorological direction, clockwise from north
  Stability stability = Stability::D;
  Terrain terrain = Terrain::Rural;
  double temperature_K = 293.15;  // the air's, for source terms and dense clouds
};

/// Wind-profile power-law exponents p of u(z) = u10 (z / 10 m)^p by class A..F, as ISC3 uses them
/// (EPA-454/B-95-003b, the User's Guide vol. II; transcribed from aefarrell/GasDispersion.jl
/// src/utils/equation_sets/isc3.jl and irwin.jl, citing it and Irwin 1979, Atmospheric Environment
/// 13:191-194): rural 0.07, 0.07, 0.10, 0.15, 0.35, 0.55; urban 0.15, 0.15, 0.20, 0.25, 0.30, 0.30.
double windProfileExponent(Stability stability, Terrain terrain);
/// The 10 m wind u10 [m/s] at height z [m] by that power law. Below 10 m the 10 m wind itself
/// [DrillSim]: the Pasquill-Gifford and Briggs curves were fitted to ground-level releases with the
/// wind measured at about 10 m, so a ground release keeps the wind the curves assume.
double windAtHeight_ms(double u10_ms, double z_m, Stability stability, Terrain terrain);
/// The wind that carries a release [m/s]: the 10 m wind at its height (windAtHeight_ms) for a
/// passive release, the 10 m wind itself for a dense one (the Britter-McQuaid correlations are in
/// the 10 m wind, and a dense cloud is at ground level whatever its release height). Every function
/// below takes the weather's 10 m wind and uses this.
double transportWind_ms(const Release& release, const Weather& weather);

/// Concentration [mg/m3] at p and height z at time t: the steady plume (Briggs sigmas) times the
/// share of it present then (PointExposure: the front arriving about start + x/u, the tail leaving
/// about stop + x/u, each spread along the wind). Zero upwind and when u <= 0.
double concentration_mg_m3(const Release& release, const Weather& weather, Point2 source, Point2 p, double t_s,
                           double z_m = 0);

/// A release's concentration at a point as two parts: the steady plume's concentration there
/// [mg/m3] and how the cloud's front and tail pass it. The concentration at time t is `steady`
/// times the share of the steady plume present at the point then, finiteReleaseFraction of
/// Puff.hpp (Palazzi et al. 1982: Gaussian puffs integrated over the release, along-wind spread
/// sigma_x = the plume's sigma_y at the point, Briggs), so that a release's front and tail arrive
/// spread along the wind instead of switched on and off; within 1 m of the source (and upwind of
/// it, in a dense cloud's upwind spread) the sharp gate start + travel <= t <= stop + travel.
/// Split so that a fixed point's part can be kept for the whole replication.
/// A puff adds its passage: puffPeak times exp(-(x - u (t - start))^2 / 2 puffSigmaX^2), its
/// centre passing at start + x/u.
struct PointExposure {
  double steady_mg_m3 = 0;
  double travel_s = 0;   // x / u, the front's arrival after the release starts
  double x_m = 0;        // downwind distance (0 upwind of the source)
  double u_ms = 0;       // the wind carrying the cloud
  double sigmaX_m = 0;   // along-wind spread at the point; 0: the sharp gate
  double puffPeak_mg_m3 = 0;
  double puffSigmaX_m = 0;
  double at(const Release& release, double t_s) const;
  /// The highest concentration over [a, b]: the plume's share at the nearer end of its front or
  /// tail (it rises and falls once) plus the puff's at its passage or the nearer end.
  double peakWithin(const Release& release, double a_s, double b_s) const;
  /// The times outside which the cloud is at most 1e-9 of its steady concentration here.
  double earliest_s(const Release& release) const {
    return std::min(release.plume() ? release.start_s + travel_s - 6 * spread_s() : kNoTime,
                    release.puff() ? puffAt_s(release) - 6 * puffSpread_s() : kNoTime);
  }
  double latest_s(const Release& release) const {
    return std::max(release.plume() ? release.stop_s + travel_s + 6 * spread_s() : -kNoTime,
                    release.puff() ? puffAt_s(release) + 6 * puffSpread_s() : -kNoTime);
  }
  double spread_s() const { return u_ms > 0 ? sigmaX_m / u_ms : 0; }
  double puffSpread_s() const { return u_ms > 0 ? puffSigmaX_m / u_ms : 0; }
  double puffAt_s(const Release& release) const { return release.start_s + travel_s; }

 private:
  static constexpr double kNoTime = std::numeric_limits<double>::infinity();
};
PointExposure pointExposure(const Release& release, const Weather& weather, WindAxis axis, Point2 source, Point2 p,
                            double z_m = 0);
/// concentration_mg_m3 with the wind's axis computed beforehand.
double concentration_mg_m3(const Release& release, const Weather& weather, WindAxis axis, Point2 source, Point2 p,
                           double t_s, double z_m = 0);

/// Gas concentration conversions at 25 degC and 1 atm (molar volume 24.45 L/mol).
double ppm(double mg_m3, double molarMass_g_mol);
double mgPerM3(double ppm, double molarMass_g_mol);

/// Farthest downwind distance [m] (searched over 1 m ... 10 km) at which the ground-level
/// centreline steady concentration reaches level [mg/m3]; 0 when it never does, 10 km when it
/// still does there. For an elevated release the centreline rises then falls: this is the far edge.
double centrelineDistanceTo_m(double level_mg_m3, double Q_kg_s, double u_ms, double H_m, Stability stability,
                              Terrain terrain);
/// The same for a release, dense or passive, plume or puff: its ground-level centreline's far
/// reach [m], for a puff where the peak of its passage reaches the level, the farther of the two
/// for a release with both.
double centrelineDistanceTo_m(double level_mg_m3, const Release& release, const Weather& weather);

/// Threat zone in the manner of ALOHA: the ground-level area where the steady concentration (for
/// a puff, the peak of its passage; for both, the higher) is at least level [mg/m3], as a closed
/// ring (first == last) in park coordinates, turned to the wind. `samples` downwind stations; empty
/// when the level is never reached.
std::vector<Point2> footprint(double level_mg_m3, const Release& release, const Weather& weather, Point2 source,
                              int samples = 64);

/// The plume's threat zone at time t [s] of a release that started at start_s and stopped at
/// stop_s: where its concentration then (concentration_mg_m3: the steady plume times the share
/// present, its front and tail spread along the wind) is at least the level. At each station x the
/// steady plume's half-width at level / share(x, t); the ends where the centreline meets the level.
/// Empty when no part of the cloud is at the level at t.
std::vector<Point2> footprintAt(double level_mg_m3, const Release& release, const Weather& weather, Point2 source,
                                double t_s, int samples = 64);
/// The puff's part of the threat zone at time t: where the puff, its centre u (t - start)
/// downwind, is at least `level` then (PuffAxis at each station). Empty without a puff or when no
/// part of it is at the level. A release with both draws both rings.
std::vector<Point2> puffFootprintAt(double level_mg_m3, const Release& release, const Weather& weather, Point2 source,
                                    double t_s, int samples = 64);
/// The puff at downwind distance x: dense (release.densePuff) or the Gaussian puff at height z.
PuffAxis puffAxis(const Release& release, const Weather& weather, double x_m, double z_m = 0);

/// The downwind extent [m] of that threat zone at time t: the near and far distances along the
/// centreline where the cloud is at least `level` [mg/m3] then, for the plume where its steady
/// centreline times the share present then reaches the level, for a puff the stretch about its centre
/// where it is at the level, for both the span of the two; {0, 0} when no part of the cloud is at
/// the level at t (the same answer footprintAt and puffFootprintAt draw).
struct CloudExtent {
  double near_m = 0, far_m = 0;
  bool reached() const { return far_m > near_m; }
};
CloudExtent cloudExtentAt(double level_mg_m3, const Release& release, const Weather& weather, double t_s);

/// Daytime insolation or night-time cloud, as the columns of the Pasquill table.
enum class Insolation {
  Strong,
  Moderate,
  Slight,
  NightCloudy,  // night, thin overcast or > 4/8 low cloud
  NightClear,   // night, <= 4/8 cloud
  Overcast,     // heavy overcast, day or night
};

/// Pasquill (1961) stability class from the surface wind speed (at 10 m) and insolation, as printed
/// by NOAA READY (https://www.ready.noaa.gov/READYpgclass.php). Where the table gives two classes
/// (A-B, B-C, C-D) this returns the more stable one, the conservative choice for ground-level
/// concentrations far downwind. Rows: u < 2, 2 <= u < 3, 3 <= u < 5, 5 <= u < 6, u >= 6 m/s.
Stability pasquillClass(double windSpeed_ms, Insolation insolation);

}  // namespace drillsim::hazard
