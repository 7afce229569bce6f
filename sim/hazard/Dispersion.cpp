// Gaussian dispersion (see Dispersion.hpp): sigmas, concentrations, reaches and footprints.
//
// Index (search for "[SECTION] " and the name):
//   Helpers; Stability classes and sigmas; Plume and puff on the wind axis;
//   Concentration at a point; Reach; Steady footprints; Clouds at a time; Pasquill class.
#include "sim/hazard/Dispersion.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "scenarios/Substance.hpp"
#include "sim/hazard/DenseGas.hpp"
#include "sim/hazard/Puff.hpp"

namespace drillsim::hazard {

// [SECTION] Helpers: the search range, the centreline, the park's frame, bisection
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.14159265358979323846;
// Search range for threat-zone distances [m]: ALOHA reports nothing beyond 10 km (hazard.md section 2).
constexpr double kSearchMin_m = 1;
constexpr double kSearchMax_m = 10000;
constexpr int kGridPerDecade = 200;

int classIndex(Stability s) { return static_cast<int>(s); }

// Ground-level centreline concentration [kg/m3] at downwind distance x.
double centreline_kg_m3(double x_m, double Q_kg_s, double u_ms, double H_m, Stability stability, Terrain terrain) {
  return plumeConcentration_kg_m3(Q_kg_s, u_ms, H_m, 0, 0, briggsSigmas(x_m, stability, terrain));
}

// The point x [m] downwind and y [m] to the left of the source.
Point2 toPark(Point2 source, double windFrom_deg, double x_m, double y_m) {
  const double theta = windFrom_deg * kPi / 180;
  const double dx = -std::sin(theta), dy = -std::cos(theta);  // unit vector the wind blows toward
  return {source.x_m + x_m * dx - y_m * dy, source.y_m + x_m * dy + y_m * dx};
}

// Bisection of the crossing of `level` by f between a and b, where (f(a) >= level) != (f(b) >= level).
template <class F>
double bisect(F f, double a, double b, double level) {
  const bool aAbove = f(a) >= level;
  for (int i = 0; i < 200 && b - a > 1e-9 * b; ++i) {
    const double m = 0.5 * (a + b);
    ((f(m) >= level) == aAbove ? a : b) = m;
  }
  return 0.5 * (a + b);
}

// ISC3 sigma_z = a x^b, x in km, for x up to upTo_km (EPA-454/B-95-003b Table 1-2).
struct SigmaZSegment {
  double upTo_km, a, b;
};
}  // namespace

// [SECTION] Stability classes and sigmas: Briggs, Pasquill-Gifford
std::optional<Stability> stabilityFromLetter(std::string_view letter) {
  if (letter.size() != 1) return std::nullopt;
  const char c = letter[0];
  if (c >= 'A' && c <= 'F') return static_cast<Stability>(c - 'A');
  if (c >= 'a' && c <= 'f') return static_cast<Stability>(c - 'a');
  return std::nullopt;
}

Sigmas briggsSigmas(double x_m, Stability stability, Terrain terrain) {
  if (!(x_m > 0)) return {0, 0};
  const double x = x_m;
  if (terrain == Terrain::Rural) {
    // Briggs (1973) open-country curves, Boubel, Fox, Turner & Stern, Fundamentals of Air Pollution
    // 3e, Table 19-7. sigma_y = a x (1 + 0.0001 x)^-1/2 for every class; a per class A..F.
    static constexpr std::array<double, 6> ay = {0.22, 0.16, 0.11, 0.08, 0.06, 0.04};
    const double sy = ay[classIndex(stability)] * x / std::sqrt(1 + 0.0001 * x);
    double sz = 0;
    switch (stability) {
      case Stability::A: sz = 0.20 * x; break;
      case Stability::B: sz = 0.12 * x; break;
      case Stability::C: sz = 0.08 * x / std::sqrt(1 + 0.0002 * x); break;
      // 0.0015, not the 0.00015 of some reprints of Briggs (1973): ALOHA technical documentation.
      case Stability::D: sz = 0.06 * x / std::sqrt(1 + 0.0015 * x); break;
      case Stability::E: sz = 0.03 * x / (1 + 0.0003 * x); break;
      case Stability::F: sz = 0.016 * x / (1 + 0.0003 * x); break;
    }
    return {sy, sz};
  }
  // Briggs (1973) urban curves (McElroy-Pooler St. Louis data), Boubel et al. 3e Table 19-6;
  // the classes are grouped A-B, C, D, E-F. sigma_y = a x (1 + 0.0004 x)^-1/2.
  switch (stability) {
    case Stability::A:
    case Stability::B: return {0.32 * x / std::sqrt(1 + 0.0004 * x), 0.24 * x * std::sqrt(1 + 0.001 * x)};
    case Stability::C: return {0.22 * x / std::sqrt(1 + 0.0004 * x), 0.20 * x};
    case Stability::D: return {0.16 * x / std::sqrt(1 + 0.0004 * x), 0.14 * x / std::sqrt(1 + 0.0003 * x)};
    case Stability::E:
    case Stability::F: return {0.11 * x / std::sqrt(1 + 0.0004 * x), 0.08 * x / std::sqrt(1 + 0.0015 * x)};
  }
  return {0, 0};
}

Sigmas pasquillGiffordSigmas(double x_m, Stability stability) {
  if (!(x_m > 0)) return {0, 0};
  const double x_km = x_m / 1000;
  const int k = classIndex(stability);
  // sigma_y = 465.11628 x tan(TH), TH = 0.017453293 (c - d ln x) [rad], x in km: EPA-454/B-95-003b
  // (ISC3 User's Guide vol. II) eq. 1-32 and Table 1-1. Class D c = 8.3330 as ISC3 prints it.
  static constexpr std::array<double, 6> c = {24.1670, 18.3330, 12.5000, 8.3330, 6.2500, 4.1667};
  static constexpr std::array<double, 6> d = {2.5334, 1.8096, 1.0857, 0.72382, 0.54287, 0.36191};
  const double th = 0.017453293 * (c[k] - d[k] * std::log(x_km));
  const double sy = 465.11628 * x_km * std::tan(th);

  // sigma_z = a x^b [m], x in km: EPA-454/B-95-003b Table 1-2 (transcription checked against
  // src/utils/equation_sets/isc3.jl of aefarrell/GasDispersion.jl). Each row holds up to its bound.
  static const std::vector<SigmaZSegment> table[6] = {
      {{0.10, 122.800, 0.94470}, {0.15, 158.080, 1.05420}, {0.20, 170.220, 1.09320}, {0.25, 179.520, 1.12620},
       {0.30, 217.410, 1.26440}, {0.40, 258.890, 1.40940}, {0.50, 346.750, 1.72830}, {kInf, 453.850, 2.11660}},
      {{0.20, 90.673, 0.93198}, {0.40, 98.483, 0.98332}, {kInf, 109.300, 1.09710}},
      {{kInf, 61.141, 0.91465}},
      {{0.30, 34.459, 0.86974}, {1.00, 32.093, 0.81066}, {3.00, 32.093, 0.64403}, {10.00, 33.504, 0.60486},
       {30.00, 36.650, 0.56589}, {kInf, 44.053, 0.51179}},
      {{0.10, 24.260, 0.83660}, {0.30, 23.331, 0.81956}, {1.00, 21.628, 0.75660}, {2.00, 21.628, 0.63077},
       {4.00, 22.534, 0.57154}, {10.00, 24.703, 0.50527}, {20.00, 26.970, 0.46713}, {40.00, 35.420, 0.37615},
       {kInf, 47.618, 0.29592}},
      {{0.20, 15.209, 0.81558}, {0.70, 14.457, 0.78407}, {1.00, 13.953, 0.68465}, {2.00, 13.953, 0.63227},
       {3.00, 14.823, 0.54503}, {7.00, 16.187, 0.46490}, {15.00, 17.836, 0.41507}, {30.00, 22.651, 0.32681},
       {60.00, 27.074, 0.27436}, {kInf, 34.219, 0.21716}},
  };
  const auto& rows = table[k];
  const auto row = std::find_if(rows.begin(), rows.end(), [&](const SigmaZSegment& r) { return x_km <= r.upTo_km; });
  double sz = row->a * std::pow(x_km, row->b);
  // Table 1-2 footnote: sigma_z is capped at 5000 m (reached by classes A, B and C only).
  sz = std::min(sz, 5000.0);
  return {sy, sz};
}

// [SECTION] Plume and puff on the wind axis: the frame, a puff's passing, a point's exposure
double plumeConcentration_kg_m3(double Q_kg_s, double u_ms, double H_m, double y_m, double z_m, Sigmas s) {
  if (!(s.y_m > 0) || !(s.z_m > 0) || !(u_ms > 0)) return 0;
  const double sy2 = s.y_m * s.y_m, sz2 = s.z_m * s.z_m;
  const double vertical = std::exp(-(z_m - H_m) * (z_m - H_m) / (2 * sz2)) +  // direct
                          std::exp(-(z_m + H_m) * (z_m + H_m) / (2 * sz2));   // image source (reflection)
  return Q_kg_s / (2 * kPi * u_ms * s.y_m * s.z_m) * std::exp(-y_m * y_m / (2 * sy2)) * vertical;
}

WindAxis windAxis(double windFrom_deg) {
  const double theta = windFrom_deg * kPi / 180;
  return {-std::sin(theta), -std::cos(theta)};  // unit vector the wind blows toward
}

PlumeFrame plumeFrame(Point2 source, Point2 p, WindAxis axis) {
  const double dx = axis.dx, dy = axis.dy;
  const double ex = p.x_m - source.x_m, ey = p.y_m - source.y_m;
  return {ex * dx + ey * dy, -ex * dy + ey * dx};  // left of downwind is (dx, dy) turned +90 degrees
}

PlumeFrame plumeFrame(Point2 source, Point2 p, double windFrom_deg) {
  return plumeFrame(source, p, windAxis(windFrom_deg));
}

double PuffAxis::across(double y_m) const {
  if (halfWidth_m > 0) return std::abs(y_m) <= halfWidth_m ? 1 : 0;
  return sigmaY_m > 0 ? std::exp(-y_m * y_m / (2 * sigmaY_m * sigmaY_m)) : 0;
}

double PuffAxis::halfWidthAt(double level_kg_m3, double factor) const {
  const double c = peak_kg_m3 * factor;
  if (!(c > 0) || !(c >= level_kg_m3)) return 0;
  if (halfWidth_m > 0) return halfWidth_m;
  // peak g(y) >= level  <=>  |y| <= sigma_y sqrt(2 ln(peak / level)).
  return sigmaY_m * std::sqrt(2 * std::log(c / level_kg_m3));
}

PuffAxis puffAxis(const Release& release, const Weather& weather, double x_m, double z_m) {
  if (!release.puff() || !(x_m > 0)) return {};
  if (release.densePuff) return release.densePuff->axis(x_m);
  const PuffSigmas s = puffSigmas(x_m, weather.stability);
  return {puffCentreConcentration_kg_m3(release.puff_kg, release.height_m, 0, z_m, s), s.x_m, s.y_m, 0};
}

namespace {
// The puff's along-wind factor at x when its centre is u (t - start) downwind.
double puffPassing(double x_m, double u_ms, double t_s, double start_s, double sigmaX_m) {
  if (!(t_s > start_s) || !(sigmaX_m > 0)) return 0;
  const double d = x_m - u_ms * (t_s - start_s);
  return std::exp(-d * d / (2 * sigmaX_m * sigmaX_m));
}
}  // namespace

double PointExposure::at(const Release& release, double t_s) const {
  double c = 0;
  if (puffPeak_mg_m3 > 0) c = puffPeak_mg_m3 * puffPassing(x_m, u_ms, t_s, release.start_s, puffSigmaX_m);
  if (!(steady_mg_m3 > 0)) return c;
  if (!(sigmaX_m > 0))
    return c + (t_s >= release.start_s + travel_s && t_s <= release.stop_s + travel_s ? steady_mg_m3 : 0);
  return c + steady_mg_m3 * finiteReleaseFraction(x_m, u_ms, t_s, release.start_s, release.stop_s, sigmaX_m);
}

double PointExposure::peakWithin(const Release& release, double a_s, double b_s) const {
  double plume = 0, puff = 0;
  if (steady_mg_m3 > 0) {
    PointExposure p = *this;
    p.puffPeak_mg_m3 = 0;
    plume = std::max({p.at(release, a_s), p.at(release, 0.5 * (a_s + b_s)), p.at(release, b_s)});
  }
  if (puffPeak_mg_m3 > 0) {
    const double centre = std::clamp(puffAt_s(release), a_s, b_s);
    puff = puffPeak_mg_m3 * puffPassing(x_m, u_ms, centre, release.start_s, puffSigmaX_m);
  }
  return plume + puff;
}

// [SECTION] Concentration at a point: the wind at height, the point's exposure, units
double windProfileExponent(Stability stability, Terrain terrain) {
  // ISC3 (EPA-454/B-95-003b) via aefarrell/GasDispersion.jl; see Dispersion.hpp. Rows A..F.
  static constexpr std::array<double, 6> rural = {0.07, 0.07, 0.10, 0.15, 0.35, 0.55};
  static constexpr std::array<double, 6> urban = {0.15, 0.15, 0.20, 0.25, 0.30, 0.30};
  return (terrain == Terrain::Urban ? urban : rural)[std::size_t(classIndex(stability))];
}

double windAtHeight_ms(double u10_ms, double z_m, Stability stability, Terrain terrain) {
  if (!(z_m > 10)) return u10_ms;
  return u10_ms * std::pow(z_m / 10, windProfileExponent(stability, terrain));
}

double transportWind_ms(const Release& release, const Weather& weather) {
  if (release.dense || release.densePuff) return weather.windSpeed_ms;
  return windAtHeight_ms(weather.windSpeed_ms, release.height_m, weather.stability, weather.terrain);
}

namespace {
// Nearer than this the along-wind spread is not resolved: the sharp gate.
constexpr double kSpreadFrom_m = 1.0;

// The weather with the wind that carries the release (transportWind_ms): what every public
// function of a release hands on to the helpers.
Weather carrying(const Release& release, Weather weather) {
  weather.windSpeed_ms = transportWind_ms(release, weather);
  return weather;
}

// The point's exposure; when `t_s` is given and the cloud is nowhere near the point then, the
// steady concentration is left at 0 without computing the plume (the common case for a moving point).
PointExposure exposure(const Release& release, const Weather& weather10, WindAxis axis, Point2 source, Point2 p,
                       double z_m, const double* t_s) {
  const Weather weather = carrying(release, weather10);
  const double u = weather.windSpeed_ms;
  if (!(u > 0)) return {};
  const PlumeFrame f = plumeFrame(source, p, axis);
  const double upwind = release.dense ? release.dense->upwind_m() : 0;  // a dense cloud spreads upwind by L_U
  if (release.dense ? !(f.downwind_m > -upwind) : !(f.downwind_m > 0)) return {};
  PointExposure e;
  e.x_m = std::max(f.downwind_m, 0.0);
  e.u_ms = u;
  e.travel_s = e.x_m / u;  // the cloud moves with the mean wind
  const Sigmas s = e.x_m > 0 ? briggsSigmas(e.x_m, weather.stability, weather.terrain) : Sigmas{};
  if (e.x_m >= kSpreadFrom_m) e.sigmaX_m = s.y_m;  // Palazzi et al. 1982: sigma_x = sigma_y
  PuffAxis puff;
  if (release.puff()) {
    puff = puffAxis(release, weather, e.x_m, z_m);
    e.puffSigmaX_m = puff.sigmaX_m;
  }
  if (t_s && (*t_s < e.earliest_s(release) || *t_s > e.latest_s(release))) return e;
  e.puffPeak_mg_m3 = puff.peak_kg_m3 * puff.across(f.crosswind_m) * 1e6;
  if (!release.plume()) return e;
  if (release.dense) e.steady_mg_m3 = release.dense->concentration_kg_m3(f.downwind_m, f.crosswind_m) * 1e6;
  else e.steady_mg_m3 = plumeConcentration_kg_m3(release.rate_kg_s, u, release.height_m, f.crosswind_m, z_m, s) * 1e6;
  return e;
}
}  // namespace

PointExposure pointExposure(const Release& release, const Weather& weather, WindAxis axis, Point2 source, Point2 p,
                            double z_m) {
  return exposure(release, weather, axis, source, p, z_m, nullptr);
}

double concentration_mg_m3(const Release& release, const Weather& weather, WindAxis axis, Point2 source, Point2 p,
                           double t_s, double z_m) {
  return exposure(release, weather, axis, source, p, z_m, &t_s).at(release, t_s);
}

double concentration_mg_m3(const Release& release, const Weather& weather, Point2 source, Point2 p, double t_s,
                           double z_m) {
  return concentration_mg_m3(release, weather, windAxis(weather.windFrom_deg), source, p, t_s, z_m);
}

double ppm(double mg_m3, double molarMass_g_mol) { return mg_m3 * kMolarVolume_L_mol / molarMass_g_mol; }
double mgPerM3(double ppm, double molarMass_g_mol) { return ppm * molarMass_g_mol / kMolarVolume_L_mol; }

// [SECTION] Reach: how far downwind a level holds, on the centreline, for a plume and a puff
namespace {
// The downwind interval [near, far] where the centreline reaches the level; far = 0 when never.
// near = 0 when it is reached at the start of the search (a ground release near its source).
struct Reach {
  double near_m = 0, far_m = 0;
};

// Where c(x) [mg/m3] is at least the level over the stations at(0) ... at(n): the first and last
// station at the level, each bisected against its outer neighbour; nearEnd or farEnd where the
// level holds at the first or the last station. {0, 0} when no station is at the level.
template <class F, class At>
Reach stretchAtLevel(F c, At at, int n, double level_mg_m3, double nearEnd_m, double farEnd_m) {
  int first = -1, last = -1;
  for (int i = 0; i <= n; ++i)
    if (c(at(i)) >= level_mg_m3) {
      if (first < 0) first = i;
      last = i;
    }
  if (last < 0) return {};
  return {first == 0 ? nearEnd_m : bisect(c, at(first - 1), at(first), level_mg_m3),
          last == n ? farEnd_m : bisect(c, at(last), at(last + 1), level_mg_m3)};
}

// Where c(x) [mg/m3] reaches the level between 1 m and 10 km, searched on a log grid.
template <class F>
Reach reachOf(F c, double level_mg_m3) {
  auto grid = [&](int i) { return kSearchMin_m * std::pow(10.0, double(i) / kGridPerDecade); };
  return stretchAtLevel(c, grid, 4 * kGridPerDecade, level_mg_m3, 0, kSearchMax_m);  // 1 m ... 10 km
}

Reach centrelineReach(double level_mg_m3, double Q_kg_s, double u_ms, double H_m, Stability stability,
                      Terrain terrain) {
  if (!(level_mg_m3 > 0) || !(Q_kg_s > 0) || !(u_ms > 0)) return {};
  return reachOf([&](double x) { return centreline_kg_m3(x, Q_kg_s, u_ms, H_m, stability, terrain) * 1e6; },
                 level_mg_m3);
}
}  // namespace

double centrelineDistanceTo_m(double level_mg_m3, double Q_kg_s, double u_ms, double H_m, Stability stability,
                              Terrain terrain) {
  return centrelineReach(level_mg_m3, Q_kg_s, u_ms, H_m, stability, terrain).far_m;
}

namespace {
// The reach of a release, dense (a ground-level cloud: from its source) or passive.
Reach plumeReach(double level_mg_m3, const Release& release, const Weather& weather) {
  if (!release.plume()) return {};
  if (release.dense) {
    if (!(level_mg_m3 > 0)) return {};
    return {0, std::min(release.dense->distanceTo_m(level_mg_m3 * 1e-6), kSearchMax_m)};
  }
  return centrelineReach(level_mg_m3, release.rate_kg_s, weather.windSpeed_ms, release.height_m, weather.stability,
                         weather.terrain);
}

// Where the peak of the puff's passage reaches the level on its axis.
Reach puffReach(double level_mg_m3, const Release& release, const Weather& weather) {
  if (!release.puff() || !(level_mg_m3 > 0) || !(weather.windSpeed_ms > 0)) return {};
  if (release.densePuff) return {0, std::min(release.densePuff->distanceTo_m(level_mg_m3 * 1e-6), kSearchMax_m)};
  return reachOf([&](double x) { return puffAxis(release, weather, x).peak_kg_m3 * 1e6; }, level_mg_m3);
}

Reach releaseReach(double level_mg_m3, const Release& release, const Weather& weather) {
  const Reach a = plumeReach(level_mg_m3, release, weather), b = puffReach(level_mg_m3, release, weather);
  if (!(a.far_m > 0)) return b;
  if (!(b.far_m > 0)) return a;
  return {std::min(a.near_m, b.near_m), std::max(a.far_m, b.far_m)};
}
}  // namespace

double centrelineDistanceTo_m(double level_mg_m3, const Release& release, const Weather& weather) {
  return releaseReach(level_mg_m3, release, carrying(release, weather)).far_m;
}

// [SECTION] Steady footprints
namespace {
// The footprint between downwind distances x0 and x1 (within the centreline's reach): a ring whose
// ends are cut straight across the wind where the window is narrower than the reach.
// The steady plume's half-width [m] at level at downwind distance x (0 without a plume).
double plumeHalfWidth_m(double level_mg_m3, const Release& release, const Weather& weather, double x_m) {
  if (!release.plume()) return 0;
  if (release.dense) return release.dense->halfWidthTo_m(x_m, level_mg_m3 * 1e-6);
  const Sigmas s = briggsSigmas(x_m, weather.stability, weather.terrain);
  const double ratio = centreline_kg_m3(x_m, release.rate_kg_s, weather.windSpeed_ms, release.height_m,
                                        weather.stability, weather.terrain) * 1e6 / level_mg_m3;
  // C(x, y) = C(x, 0) exp(-y^2 / 2 sigma_y^2) >= level  <=>  |y| <= sigma_y sqrt(2 ln(C(x, 0) / level)).
  return ratio > 1 ? s.y_m * std::sqrt(2 * std::log(ratio)) : 0;
}

// Counter-clockwise ring from stations xs and half-widths ws: out along the right-hand edge, back
// along the left-hand edge.
std::vector<Point2> ringOf(Point2 source, double windFrom_deg, const std::vector<double>& xs,
                           const std::vector<double>& ws);

std::vector<Point2> footprintBetween(double level_mg_m3, const Release& release, const Weather& weather, Point2 source,
                                     int samples, const Reach& reach, double x0, double x1) {
  if (!(x1 > x0)) return {};
  const int n = std::max(samples, 2);
  // Stations on a cosine grid, dense at both ends where the half-width changes fastest; at each
  // the wider of the plume's and the puff's (both lie along the same axis).
  std::vector<double> xs(n + 1), ws(n + 1);
  for (int k = 0; k <= n; ++k) {
    xs[k] = x0 + (x1 - x0) * (1 - std::cos(kPi * k / n)) / 2;
    ws[k] = std::max(plumeHalfWidth_m(level_mg_m3, release, weather, xs[k]),
                     puffAxis(release, weather, xs[k]).halfWidthAt(level_mg_m3 * 1e-6));
  }
  // Where the window meets the reach, the centreline meets the level (or the source): width 0.
  if (x0 <= reach.near_m) ws[0] = 0;
  if (x1 >= reach.far_m) ws[n] = 0;
  return ringOf(source, weather.windFrom_deg, xs, ws);
}

std::vector<Point2> ringOf(Point2 source, double windFrom_deg, const std::vector<double>& xs,
                           const std::vector<double>& ws) {
  const int n = int(xs.size()) - 1;
  std::vector<Point2> ring;
  ring.reserve(2 * std::size_t(n) + 3);
  for (int k = 0; k <= n; ++k) ring.push_back(toPark(source, windFrom_deg, xs[std::size_t(k)], -ws[std::size_t(k)]));
  for (int k = n; k >= 0; --k)
    if (ws[std::size_t(k)] > 0 || (k != 0 && k != n))
      ring.push_back(toPark(source, windFrom_deg, xs[std::size_t(k)], ws[std::size_t(k)]));
  ring.push_back(ring.front());
  return ring;
}

// The stretch of the axis where the puff is at least `level` at time t: its centre u (t - start)
// downwind, the concentration there peak(x) exp(-(x - centre)^2 / 2 sigma_x(x)^2), searched within
// eight sigma_x of the centre and bisected at both ends. {0, 0} when no part is at the level.
Reach puffStretchAt(double level_mg_m3, const Release& release, const Weather& weather, double t_s) {
  const double u = weather.windSpeed_ms;
  if (!release.puff() || !(level_mg_m3 > 0) || !(u > 0) || !(t_s > release.start_s)) return {};
  const double centre = u * (t_s - release.start_s);
  const auto c = [&](double x) {
    const PuffAxis a = puffAxis(release, weather, x);
    return a.peak_kg_m3 * 1e6 * puffPassing(x, u, t_s, release.start_s, a.sigmaX_m);
  };
  const double spread = 8 * std::max(puffAxis(release, weather, centre).sigmaX_m, 1.0);
  const double lo = std::max(kSearchMin_m, centre - spread), hi = std::min(kSearchMax_m, centre + spread);
  if (!(hi > lo)) return {};
  constexpr int kStations = 400;
  const auto at = [&](int i) { return lo + (hi - lo) * i / kStations; };
  return stretchAtLevel(c, at, kStations, level_mg_m3, lo, hi);
}
}  // namespace

std::vector<Point2> footprint(double level_mg_m3, const Release& release, const Weather& weather10, Point2 source,
                              int samples) {
  const Weather weather = carrying(release, weather10);
  const Reach reach = releaseReach(level_mg_m3, release, weather);
  if (!(reach.far_m > 0)) return {};
  return footprintBetween(level_mg_m3, release, weather, source, samples, reach, reach.near_m, reach.far_m);
}

// [SECTION] Clouds at a time: a plume's and a puff's extent and footprint at time t
namespace {
// The share of the steady plume present at x at time t (PointExposure's: Palazzi's fraction with
// sigma_x = the Briggs sigma_y at x, the sharp gate within kSpreadFrom_m of the source).
double presentShare(const Release& release, const Weather& weather, double x_m, double t_s) {
  const double sx = x_m >= kSpreadFrom_m ? briggsSigmas(x_m, weather.stability, weather.terrain).y_m : 0;
  return finiteReleaseFraction(x_m, weather.windSpeed_ms, t_s, release.start_s, release.stop_s, sx);
}

// The steady plume's centreline at x [mg/m3], dense or passive.
double steadyCentreline_mg_m3(const Release& release, const Weather& weather, double x_m) {
  if (release.dense) return release.dense->centreline_kg_m3(x_m) * 1e6;
  return centreline_kg_m3(x_m, release.rate_kg_s, weather.windSpeed_ms, release.height_m, weather.stability,
                          weather.terrain) * 1e6;
}

// Where the plume's centreline is at least `level` at time t: its steady value times the share
// present then, searched on 800 stations within the steady reach and bisected at both ends (the
// front and the tail spread along the wind, as a run and --at see them).
CloudExtent plumeExtentAt(double level_mg_m3, const Release& release, const Weather& weather, double t_s) {
  const Reach reach = plumeReach(level_mg_m3, release, weather);
  if (!(reach.far_m > 0) || !(t_s > release.start_s)) return {};
  const auto c = [&](double x) { return steadyCentreline_mg_m3(release, weather, x) * presentShare(release, weather, x, t_s); };
  const double lo = std::max(reach.near_m, kSearchMin_m), hi = reach.far_m;
  if (!(hi > lo)) return {};
  constexpr int kStations = 800;
  const auto at = [&](int i) { return lo * std::pow(hi / lo, double(i) / kStations); };
  const Reach r = stretchAtLevel(c, at, kStations, level_mg_m3, reach.near_m, hi);
  return {r.near_m, r.far_m};
}
}  // namespace

CloudExtent cloudExtentAt(double level_mg_m3, const Release& release, const Weather& weather10, double t_s) {
  const Weather weather = carrying(release, weather10);
  const CloudExtent plume = plumeExtentAt(level_mg_m3, release, weather, t_s);
  const Reach puff = puffStretchAt(level_mg_m3, release, weather, t_s);
  if (!(puff.far_m > puff.near_m)) return plume;
  if (!plume.reached()) return {puff.near_m, puff.far_m};
  return {std::min(plume.near_m, puff.near_m), std::max(plume.far_m, puff.far_m)};
}

std::vector<Point2> footprintAt(double level_mg_m3, const Release& release, const Weather& weather10, Point2 source,
                                double t_s, int samples) {
  const Weather weather = carrying(release, weather10);
  const Reach reach = plumeReach(level_mg_m3, release, weather);
  const CloudExtent extent = plumeExtentAt(level_mg_m3, release, weather, t_s);
  if (!extent.reached()) return {};
  // Stations as for the steady footprint, each as wide as the steady plume is at the level
  // raised by the share present then; both ends where the centreline meets the level.
  const int n = std::max(samples, 2);
  std::vector<double> xs(std::size_t(n) + 1), ws(std::size_t(n) + 1);
  for (int k = 0; k <= n; ++k) {
    const double x = extent.near_m + (extent.far_m - extent.near_m) * (1 - std::cos(kPi * k / n)) / 2;
    const double share = presentShare(release, weather, x, t_s);
    xs[std::size_t(k)] = x;
    ws[std::size_t(k)] = share > 0 ? plumeHalfWidth_m(level_mg_m3 / share, release, weather, x) : 0;
  }
  if (extent.near_m <= reach.near_m || presentShare(release, weather, extent.near_m, t_s) < 1) ws.front() = 0;
  ws.back() = 0;
  return ringOf(source, weather.windFrom_deg, xs, ws);
}

std::vector<Point2> puffFootprintAt(double level_mg_m3, const Release& release, const Weather& weather10, Point2 source,
                                    double t_s, int samples) {
  const Weather weather = carrying(release, weather10);
  const Reach stretch = puffStretchAt(level_mg_m3, release, weather, t_s);
  if (!(stretch.far_m > stretch.near_m)) return {};
  const int n = std::max(samples, 2);
  std::vector<double> xs(std::size_t(n) + 1), ws(std::size_t(n) + 1);
  for (int k = 0; k <= n; ++k) {
    const double x = stretch.near_m + (stretch.far_m - stretch.near_m) * (1 - std::cos(kPi * k / n)) / 2;
    const PuffAxis a = puffAxis(release, weather, x);
    xs[std::size_t(k)] = x;
    ws[std::size_t(k)] =
        a.halfWidthAt(level_mg_m3 * 1e-6, puffPassing(x, weather.windSpeed_ms, t_s, release.start_s, a.sigmaX_m));
  }
  // The ends are where the axis meets the level (unless cut at the search's bounds).
  ws.front() = 0;
  ws.back() = 0;
  return ringOf(source, weather.windFrom_deg, xs, ws);
}

// [SECTION] Pasquill class from the wind and the sky
Stability pasquillClass(double windSpeed_ms, Insolation insolation) {
  using enum Stability;
  if (insolation == Insolation::Overcast) return D;  // NOAA READY: D for overcast, day or night
  // Pasquill (1961) via NOAA READY; columns Strong, Moderate, Slight, NightCloudy, NightClear.
  // Two-class cells keep the more stable class: A-B -> B, B-C -> C, C-D -> D.
  static constexpr Stability table[5][5] = {
      {A, B /*A-B*/, B, E, F},  // u < 2 m/s
      {B /*A-B*/, B, C, E, F},  // 2 - 3 m/s
      {B, C /*B-C*/, C, D, E},  // 3 - 5 m/s
      {C, D /*C-D*/, D, D, D},  // 5 - 6 m/s
      {C, D, D, D, D},          // > 6 m/s
  };
  const int row = windSpeed_ms < 2 ? 0 : windSpeed_ms < 3 ? 1 : windSpeed_ms < 5 ? 2 : windSpeed_ms < 6 ? 3 : 4;
  return table[row][static_cast<int>(insolation)];
}

}  // namespace drillsim::hazard
