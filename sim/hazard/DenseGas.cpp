#include "sim/hazard/DenseGas.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/hazard/Puff.hpp"

namespace drillsim::hazard {

namespace {
constexpr double kPlumeNearK = 306, kPlumeNearEnd = 30;  // C = 306 / (306 + (x/D)^2) for x/D <= 30
constexpr double kPuffNearK = 3.24;                      // C = 3.24 / (3.24 + (x/V0^(1/3))^2)

// One nomogram line: log10(x/L) = slope alpha + intercept on alpha <= upTo (upTo of the last
// segment is 1, beyond which it is extended). Transcribed from [CCPS99] via [GD].
struct Segment {
  double upTo, slope, intercept;
};
struct Line {
  double ratio;
  int n;
  std::array<Segment, 4> seg;
};
double evaluate(const Line& line, double alpha) {
  for (int i = 0; i < line.n - 1; ++i)
    if (alpha <= line.seg[i].upTo) return line.seg[i].slope * alpha + line.seg[i].intercept;
  const Segment& last = line.seg[line.n - 1];
  return last.slope * alpha + last.intercept;
}

// Continuous plume, [CCPS99] p. 118 (via [GD] _bm_pl_c_*).
constexpr std::array<Line, 6> kPlumeLines = {{
    {0.100, 3, {{{-0.55, 0, 1.75}, {-0.14, 0.24, 1.88}, {1, -0.50, 1.78}}}},
    {0.050, 4, {{{-0.68, 0, 1.92}, {-0.29, 0.36, 2.16}, {-0.18, 0, 2.06}, {1, -0.56, 1.96}}}},
    {0.020, 4, {{{-0.69, 0, 2.08}, {-0.31, 0.45, 2.39}, {-0.16, 0, 2.25}, {1, -0.54, 2.16}}}},
    {0.010, 4, {{{-0.70, 0, 2.25}, {-0.29, 0.49, 2.59}, {-0.20, 0, 2.45}, {1, -0.52, 2.35}}}},
    {0.005, 4, {{{-0.67, 0, 2.40}, {-0.28, 0.59, 2.80}, {-0.15, 0, 2.63}, {1, -0.48, 2.56}}}},
    {0.002, 4, {{{-0.69, 0, 2.60}, {-0.25, 0.39, 2.87}, {-0.13, 0, 2.77}, {1, -0.50, 2.71}}}},
}};
// Instantaneous puff, [CCPS99] via [GD] _bm_pf_c_*.
constexpr std::array<Line, 7> kPuffLines = {{
    {0.100, 3, {{{-0.44, 0, 0.70}, {0.43, 0.26, 0.81}, {1, 0, 0.93}}}},
    {0.050, 3, {{{-0.56, 0, 0.85}, {0.31, 0.26, 1.00}, {1, -0.12, 1.12}}}},
    {0.020, 3, {{{-0.66, 0, 0.95}, {0.32, 0.36, 1.19}, {1, -0.26, 1.38}}}},
    {0.010, 3, {{{-0.71, 0, 1.15}, {0.37, 0.34, 1.39}, {1, -0.38, 1.66}}}},
    {0.005, 3, {{{-0.52, 0, 1.48}, {0.24, 0.26, 1.62}, {1, -0.30, 1.75}}}},
    {0.002, 2, {{{0.27, 0, 1.83}, {1, -0.32, 1.92}}}},
    {0.001, 2, {{{-0.10, 0, 2.075}, {1, -0.27, 2.05}}}},
}};

template <std::size_t N>
Nomogram nomogramOf(const std::array<Line, N>& lines, double alpha) {
  Nomogram n;
  n.count = int(N);
  n.alphaInRange = alpha >= -1 && alpha <= 1;
  for (std::size_t i = 0; i < N; ++i) {
    n.ratio[i] = lines[i].ratio;
    n.log10Distance[i] = evaluate(lines[i], alpha);
  }
  return n;
}

// Root of the decreasing f(s) = level on s in [1e-3, 1e7] m, by bisection in log s.
template <class F>
double solveDecreasing(F f, double level) {
  double lo = -3, hi = 7;
  if (f(std::pow(10.0, hi)) >= level) return std::pow(10.0, hi);
  if (f(std::pow(10.0, lo)) <= level) return std::pow(10.0, lo);
  for (int i = 0; i < 200 && hi - lo > 1e-13; ++i) {
    const double m = 0.5 * (lo + hi);
    (f(std::pow(10.0, m)) >= level ? lo : hi) = m;
  }
  return std::pow(10.0, 0.5 * (lo + hi));
}
}  // namespace

double gasDensity_kg_m3(double molarMass_g_mol, double T_K, double p_Pa) {
  return p_Pa * molarMass_g_mol * 1e-3 / (kGasConstant_J_molK * T_K);
}
double airDensity_kg_m3(double T_K, double p_Pa) {
  return gasDensity_kg_m3(kAirMolarMass_g_mol, T_K, p_Pa);
}

double reducedGravity_m_s2(double rho0_kg_m3, double rhoa_kg_m3) {
  return kStandardGravity_m_s2 * (rho0_kg_m3 - rhoa_kg_m3) / rhoa_kg_m3;
}

DenseCriterion continuousDenseCriterion(double g0_m_s2, double q0_m3_s, double u_ms) {
  DenseCriterion c{0, 0.15, false};
  if (!(q0_m3_s > 0) || !(u_ms > 0) || !(g0_m_s2 > 0)) return c;
  const double D = std::sqrt(q0_m3_s / u_ms);
  c.value = std::cbrt(g0_m_s2 * q0_m3_s / D) / u_ms;
  c.dense = c.value >= c.threshold;
  return c;
}

DenseCriterion instantaneousDenseCriterion(double g0_m_s2, double V0_m3, double u_ms) {
  DenseCriterion c{0, 0.2, false};
  if (!(V0_m3 > 0) || !(u_ms > 0) || !(g0_m_s2 > 0)) return c;
  c.value = std::sqrt(g0_m_s2 * V0_m3) / (u_ms * std::cbrt(V0_m3));
  c.dense = c.value >= c.threshold;
  return c;
}

ReleaseTiming releaseTiming(double u_ms, double duration_s, double x_m) {
  ReleaseTiming t;
  t.ratio = x_m > 0 ? u_ms * duration_s / x_m : std::numeric_limits<double>::infinity();
  t.mode = t.ratio >= 2.5   ? ReleaseMode::Continuous
           : t.ratio <= 0.6 ? ReleaseMode::Instantaneous
                            : ReleaseMode::Intermediate;
  return t;
}

SourceCloud pureVapour(double molarMass_g_mol, double T_K, double p_Pa) {
  const double rho = gasDensity_kg_m3(molarMass_g_mol, T_K, p_Pa);
  return {rho, T_K, 1, rho > 0 ? 1 / rho : 0, 0};
}

SourceCloud vapourAtBoilingPoint(double molarMass_g_mol, double boilingPoint_K, double p_Pa) {
  return pureVapour(molarMass_g_mol, boilingPoint_K, p_Pa);
}

SourceCloud aerosolSourceCloud(const FlashingRelease& r) {
  const double phi = std::clamp(r.vapourFraction, 0.0, 1.0);
  const double dT = r.airTemperature_K - r.boilingPoint_K;
  if (phi >= 1 || !(dT > 0)) return vapourAtBoilingPoint(r.molarMass_g_mol, r.boilingPoint_K, r.p_Pa);
  const double airKg = (1 - phi) * r.latentHeat_J_kg / (r.airHeatCapacity_J_kgK * dT);
  const double nSub = 1 / r.molarMass_g_mol, nAir = airKg / kAirMolarMass_g_mol;  // moles, in proportion
  const double x = nSub / (nSub + nAir);
  const double mMix = x * r.molarMass_g_mol + (1 - x) * kAirMolarMass_g_mol;
  const double rho = gasDensity_kg_m3(mMix, r.boilingPoint_K, r.p_Pa);
  return {rho, r.boilingPoint_K, x, (1 + airKg) / rho, airKg};
}

double flashFraction(double liquidHeatCapacity_J_kgK, double storage_K, double boilingPoint_K, double latentHeat_J_kg) {
  if (!(storage_K > boilingPoint_K) || !(latentHeat_J_kg > 0)) return 0;
  return 1 - std::exp(-liquidHeatCapacity_J_kgK * (storage_K - boilingPoint_K) / latentHeat_J_kg);
}

double nonIsothermalRatio(double c, double T0_K, double Ta_K) {
  if (!(c > 0)) return 0;
  return c / (c + (1 - c) * T0_K / Ta_K);
}
double isothermalRatio(double c, double T0_K, double Ta_K) {
  if (!(c > 0)) return 0;
  return c / (c + (1 - c) * Ta_K / T0_K);
}

double plumeAlpha(double g0_m_s2, double q0_m3_s, double u_ms) {
  return 0.2 * std::log10(g0_m_s2 * g0_m_s2 * q0_m3_s / std::pow(u_ms, 5));
}
Nomogram plumeNomogram(double alpha) {
  return nomogramOf(kPlumeLines, alpha);
}
double puffAlpha(double g0_m_s2, double V0_m3, double u_ms) {
  return 0.5 * std::log10(g0_m_s2 * std::cbrt(V0_m3) / (u_ms * u_ms));
}
Nomogram puffNomogram(double alpha) {
  return nomogramOf(kPuffLines, alpha);
}

DenseCurve denseCurve(const Nomogram& nomogram, double length_m, bool puff, double T0_K, double Ta_K) {
  DenseCurve c;
  c.length_m = length_m;
  c.T0_K = T0_K;
  c.Ta_K = Ta_K;
  c.nearK = puff ? kPuffNearK : kPlumeNearK;
  const double first = nomogram.log10Distance[0];  // the 0.1 line
  const double nearEnd = std::log10(kPlumeNearEnd);
  if (!puff && first > nearEnd) {
    c.logDistance[c.count] = nearEnd;
    c.logRatio[c.count++] = std::log10(c.nearK / (c.nearK + kPlumeNearEnd * kPlumeNearEnd));
  } else {
    // Squeeze or stretch the near-field rule to meet the 0.1 line: K / (K + (s xi)^2) = 0.1 there.
    c.nearScale = std::sqrt(c.nearK * 9) / std::pow(10.0, first);
  }
  for (int i = 0; i < nomogram.count; ++i) {
    // Guard the (unseen) case of crossing lines far outside the table's range: keep them ordered.
    const double d =
        c.count ? std::max(nomogram.log10Distance[i], c.logDistance[c.count - 1]) : nomogram.log10Distance[i];
    c.logDistance[c.count] = d;
    c.logRatio[c.count++] = std::log10(nomogram.ratio[i]);
  }
  return c;
}

double DenseCurve::last_m() const {
  return length_m * std::pow(10.0, logDistance[count - 1]);
}

double DenseCurve::ratio(double x_m) const {
  if (!(x_m > 0)) return 1;
  const double xi = x_m / length_m, b = std::log10(xi);
  double iso;  // isothermal C_m/C_0 read from the curve
  if (b <= logDistance[0]) {
    const double sx = nearScale * xi;
    iso = nearK / (nearK + sx * sx);
  } else {
    int i = 1;
    while (i < count - 1 && b > logDistance[i]) ++i;
    const double span = logDistance[i] - logDistance[i - 1];
    const double w = span > 0 ? std::min((b - logDistance[i - 1]) / span, 1.0) : 1.0;
    iso = std::pow(10.0, logRatio[i - 1] + w * (logRatio[i] - logRatio[i - 1]));
  }
  return nonIsothermalRatio(iso, T0_K, Ta_K);
}

double DenseCurve::distanceTo_m(double r) const {
  if (!(r > 0)) return last_m();
  if (r >= 1) return 0;
  const double iso = isothermalRatio(r, T0_K, Ta_K), lc = std::log10(iso);
  if (lc >= logRatio[0]) return length_m * std::sqrt(nearK * (1 - iso) / iso) / nearScale;
  int i = 1;
  while (i < count - 1 && lc < logRatio[i]) ++i;
  const double w = std::min((lc - logRatio[i - 1]) / (logRatio[i] - logRatio[i - 1]), 1.0);
  return length_m * std::pow(10.0, logDistance[i - 1] + w * (logDistance[i] - logDistance[i - 1]));
}

// [SECTION] What a plume and a puff share

namespace {
// The common part: the substance's and the cloud's densities in the ambient air, g0'.
DenseCloud denseCloud(double molarMass_g_mol, const SourceCloud& source, const Weather& weather, const Ambient& ambient) {
  DenseCloud c;
  c.molarMass_g_mol = molarMass_g_mol;
  c.source = source;
  c.weather = weather;
  c.ambient = ambient;
  c.g0_m_s2 = reducedGravity_m_s2(source.density_kg_m3, airDensity_kg_m3(ambient.temperature_K, ambient.pressure_Pa));
  c.substance_kg_m3 = gasDensity_kg_m3(molarMass_g_mol, ambient.temperature_K, ambient.pressure_Pa);
  return c;
}
}  // namespace

// [SECTION] Continuous plume

namespace {
double passivePlume_kg_m3(const DensePlume& p, double s_m, double y_m) {
  const Sigmas sig = briggsSigmas(s_m, p.weather.stability, p.weather.terrain);
  return plumeConcentration_kg_m3(p.rate_kg_s, p.weather.windSpeed_ms, 0, y_m, 0, sig);
}
}  // namespace

DensePlume densePlume(double rate_kg_s, double molarMass_g_mol, const SourceCloud& source, const Weather& weather,
                      const Ambient& ambient) {
  DensePlume p;
  static_cast<DenseCloud&>(p) = denseCloud(molarMass_g_mol, source, weather, ambient);
  p.rate_kg_s = rate_kg_s;
  const double u = weather.windSpeed_ms;
  if (!(rate_kg_s > 0) || !(u > 0) || !(source.volume_m3_per_kg > 0)) return p;
  p.q0_m3_s = rate_kg_s * source.volume_m3_per_kg;
  p.D_m = std::sqrt(p.q0_m3_s / u);
  p.criterion = continuousDenseCriterion(p.g0_m_s2, p.q0_m3_s, u);
  p.lb_m = std::max(p.g0_m_s2, 0.0) * p.q0_m3_s / (u * u * u);
  if (!(p.g0_m_s2 > 0)) return p;  // not dense: no correlation (criterion.dense is false)
  p.alpha = plumeAlpha(p.g0_m_s2, p.q0_m3_s, u);
  p.nomogram = plumeNomogram(p.alpha);
  p.curve = denseCurve(p.nomogram, p.D_m, false, source.temperature_K, ambient.temperature_K);
  p.transition_m = p.curve.last_m();
  const double ct = source.volumeFraction * p.curve.ratio(p.transition_m) * p.substance_kg_m3;
  p.virtualSource_m = solveDecreasing([&](double s) { return passivePlume_kg_m3(p, s, 0); }, ct);
  return p;
}

double DensePlume::centrelineFraction(double x_m) const {
  if (!(transition_m > 0)) return 0;
  if (x_m < -(0.5 * D_m + 2 * lb_m)) return 0;
  if (x_m <= transition_m) return source.volumeFraction * curve.ratio(x_m);
  return passivePlume_kg_m3(*this, x_m - transition_m + virtualSource_m, 0) / substance_kg_m3;
}

double DensePlume::centreline_kg_m3(double x_m) const {
  return centrelineFraction(x_m) * substance_kg_m3;
}

double DensePlume::halfWidth_m(double x_m) const {
  if (!(transition_m > 0) || x_m < -(0.5 * D_m + 2 * lb_m)) return 0;
  const double h0 = D_m + 8 * lb_m;
  if (x_m <= 0) return h0;  // upwind: the rectangle of the Yellow Book (via [AF23])
  if (x_m <= transition_m) return h0 + 2.5 * std::cbrt(lb_m * x_m * x_m);
  return briggsSigmas(x_m - transition_m + virtualSource_m, weather.stability, weather.terrain).y_m;
}

double DensePlume::concentration_kg_m3(double x_m, double y_m) const {
  if (x_m > transition_m && transition_m > 0)
    return passivePlume_kg_m3(*this, x_m - transition_m + virtualSource_m, y_m);
  return std::abs(y_m) <= halfWidth_m(x_m) ? centreline_kg_m3(x_m) : 0;
}

double DensePlume::distanceTo_m(double level_kg_m3) const {
  if (!(transition_m > 0) || !(level_kg_m3 > 0)) return 0;
  const double r = level_kg_m3 / (source.volumeFraction * substance_kg_m3);
  if (r >= 1) return 0;
  if (level_kg_m3 >= centreline_kg_m3(transition_m)) return curve.distanceTo_m(r);
  const double s = solveDecreasing([&](double v) { return passivePlume_kg_m3(*this, v, 0); }, level_kg_m3);
  return transition_m + s - virtualSource_m;
}

double DensePlume::halfWidthTo_m(double x_m, double level_kg_m3) const {
  if (!(transition_m > 0) || !(level_kg_m3 > 0)) return 0;
  const double c = centreline_kg_m3(x_m);
  if (!(c >= level_kg_m3)) return 0;
  if (x_m <= transition_m) return halfWidth_m(x_m);
  const double sy = briggsSigmas(x_m - transition_m + virtualSource_m, weather.stability, weather.terrain).y_m;
  return sy * std::sqrt(2 * std::log(c / level_kg_m3));
}

// [SECTION] Instantaneous puff

namespace {
double passivePuff_kg_m3(const DensePuff& p, double s_m) {
  return puffCentreConcentration_kg_m3(p.mass_kg, 0, 0, 0, puffSigmas(s_m, p.weather.stability));
}
}  // namespace

DensePuff densePuff(double mass_kg, double molarMass_g_mol, const SourceCloud& source, const Weather& weather,
                    const Ambient& ambient) {
  DensePuff p;
  static_cast<DenseCloud&>(p) = denseCloud(molarMass_g_mol, source, weather, ambient);
  p.mass_kg = mass_kg;
  const double u = weather.windSpeed_ms;
  if (!(mass_kg > 0) || !(u > 0) || !(source.volume_m3_per_kg > 0)) return p;
  p.V0_m3 = mass_kg * source.volume_m3_per_kg;
  p.criterion = instantaneousDenseCriterion(p.g0_m_s2, p.V0_m3, u);
  if (!(p.g0_m_s2 > 0)) return p;
  p.alpha = puffAlpha(p.g0_m_s2, p.V0_m3, u);
  p.nomogram = puffNomogram(p.alpha);
  p.curve = denseCurve(p.nomogram, std::cbrt(p.V0_m3), true, source.temperature_K, ambient.temperature_K);
  p.transition_m = p.curve.last_m();
  const double ct = source.volumeFraction * p.curve.ratio(p.transition_m) * p.substance_kg_m3;
  p.virtualSource_m = solveDecreasing([&](double s) { return passivePuff_kg_m3(p, s); }, ct);
  return p;
}

double DensePuff::peakFraction(double x_m) const {
  if (!(transition_m > 0) || x_m < 0) return 0;
  if (x_m <= transition_m) return source.volumeFraction * curve.ratio(x_m);
  return passivePuff_kg_m3(*this, x_m - transition_m + virtualSource_m) / substance_kg_m3;
}

double DensePuff::peak_kg_m3(double x_m) const {
  return peakFraction(x_m) * substance_kg_m3;
}

double DensePuff::distanceTo_m(double level_kg_m3) const {
  if (!(transition_m > 0) || !(level_kg_m3 > 0)) return 0;
  const double r = level_kg_m3 / (source.volumeFraction * substance_kg_m3);
  if (r >= 1) return 0;
  if (level_kg_m3 >= peak_kg_m3(transition_m)) return curve.distanceTo_m(r);
  const double s = solveDecreasing([&](double v) { return passivePuff_kg_m3(*this, v); }, level_kg_m3);
  return transition_m + s - virtualSource_m;
}

double DensePuff::initialRadius_m() const { return std::cbrt(V0_m3 / M_PI); }

PuffAxis DensePuff::axis(double x_m) const {
  const double u = weather.windSpeed_ms;
  if (!(transition_m > 0) || !(x_m > 0) || !(u > 0)) return {};
  if (x_m <= transition_m) {
    const double R = puffRadius_m(x_m / u, initialRadius_m(), g0_m_s2, V0_m3);
    return {peak_kg_m3(x_m), 2 * R / std::sqrt(2 * M_PI), 0, R};
  }
  // The passive puff's sigmas at the virtual distance, grown by what the disc had beyond them at
  // x_t (its top-hat's Gaussian equivalent 2 R / sqrt(2 pi) along and across the wind), so that the
  // passage and the dose go on continuously through x_t.
  const PuffSigmas s = puffSigmas(x_m - transition_m + virtualSource_m, weather.stability);
  const PuffSigmas st = puffSigmas(virtualSource_m, weather.stability);
  const double disc = 2 * puffRadius_m(transition_m / u, initialRadius_m(), g0_m_s2, V0_m3) / std::sqrt(2 * M_PI);
  return {peak_kg_m3(x_m), s.x_m + std::max(0.0, disc - st.x_m), s.y_m + std::max(0.0, disc - st.y_m), 0};
}

double puffRadius_m(double t_s, double R0_m, double g0_m_s2, double V0_m3) {
  return std::sqrt(R0_m * R0_m + 1.2 * std::sqrt(std::max(g0_m_s2, 0.0) * V0_m3) * std::max(t_s, 0.0));
}

}  // namespace drillsim::hazard
