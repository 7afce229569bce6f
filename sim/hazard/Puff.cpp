#include "sim/hazard/Puff.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace drillsim::hazard {

namespace {
constexpr double kPi = std::numbers::pi;

struct PowerLaw {
  double a, b;  // sigma = a x^b, x [m]
};
// Slade (1968) via CCPS (1999) p. 90; see Puff.hpp. Rows A..F.
constexpr std::array<PowerLaw, 6> kPuffY = {{{0.18, 0.92}, {0.14, 0.92}, {0.10, 0.92},
                                              {0.06, 0.92}, {0.04, 0.92}, {0.02, 0.89}}};
constexpr std::array<PowerLaw, 6> kPuffZ = {{{0.60, 0.75}, {0.53, 0.73}, {0.34, 0.71},
                                              {0.15, 0.70}, {0.10, 0.65}, {0.05, 0.61}}};

// The vertical factor with the image source: exp(-(z-H)^2/2sz^2) + exp(-(z+H)^2/2sz^2).
double reflected(double z_m, double H_m, double sz) {
  const double sz2 = sz * sz;
  return std::exp(-(z_m - H_m) * (z_m - H_m) / (2 * sz2)) + std::exp(-(z_m + H_m) * (z_m + H_m) / (2 * sz2));
}

bool positive(PuffSigmas s) { return s.x_m > 0 && s.y_m > 0 && s.z_m > 0; }
}  // namespace

PuffSigmas puffSigmas(double distance_m, Stability stability) {
  if (!(distance_m > 0)) return {};
  const auto k = static_cast<std::size_t>(stability);
  const double sy = kPuffY[k].a * std::pow(distance_m, kPuffY[k].b);
  const double sz = kPuffZ[k].a * std::pow(distance_m, kPuffZ[k].b);
  return {sy, sy, sz};  // sigma_x = sigma_y
}

double puffCentreConcentration_kg_m3(double M_kg, double H_m, double y_m, double z_m, PuffSigmas s) {
  if (!positive(s)) return 0;
  const double norm = std::pow(2 * kPi, 1.5) * s.x_m * s.y_m * s.z_m;
  return M_kg / norm * std::exp(-y_m * y_m / (2 * s.y_m * s.y_m)) * reflected(z_m, H_m, s.z_m);
}

double puffConcentration_kg_m3(double M_kg, double u_ms, double H_m, double x_m, double y_m, double z_m,
                               double t_s, PuffSigmas s) {
  if (!(t_s > 0) || !(u_ms > 0) || !positive(s)) return 0;
  const double dx = x_m - u_ms * t_s;  // distance from the puff's centre along the wind
  return puffCentreConcentration_kg_m3(M_kg, H_m, y_m, z_m, s) * std::exp(-dx * dx / (2 * s.x_m * s.x_m));
}

double puffDose_kg_s_m3(double M_kg, double u_ms, double H_m, double y_m, double z_m, PuffSigmas s) {
  if (!(u_ms > 0) || !(s.y_m > 0) || !(s.z_m > 0)) return 0;
  return M_kg / (2 * kPi * u_ms * s.y_m * s.z_m) * std::exp(-y_m * y_m / (2 * s.y_m * s.y_m)) *
         reflected(z_m, H_m, s.z_m);
}

double puffToxicLoad(double peak, double sigmaX_m, double u_ms, double n) {
  if (!(peak > 0) || !(sigmaX_m > 0) || !(u_ms > 0) || !(n > 0)) return 0;
  // integral of exp(-n (x - u t)^2 / 2 sx^2) dt = sx sqrt(2 pi / n) / u.
  return std::pow(peak, n) * sigmaX_m * std::sqrt(2 * kPi / n) / u_ms;
}

double finiteReleaseFraction(double x_m, double u_ms, double t_s, double start_s, double stop_s, double sigmaX_m) {
  if (!(x_m > 0) || !(u_ms > 0) || !(t_s > start_s)) return 0;
  const double stop = std::min(stop_s, t_s);  // nothing released after t yet
  if (!(stop > start_s)) return 0;
  // Puffs emitted at tau in [start, stop] have their centres at u (t - tau): the tail (last emitted)
  // at u (t - stop), the front (first emitted) at u (t - start).
  const double tail_m = u_ms * (t_s - stop), front_m = u_ms * (t_s - start_s);
  if (!(sigmaX_m > 0)) return x_m >= tail_m && x_m <= front_m ? 1 : 0;
  const double k = 1 / (std::numbers::sqrt2 * sigmaX_m);
  const double f = 0.5 * (std::erf((x_m - tail_m) * k) - std::erf((x_m - front_m) * k));
  return std::clamp(f, 0.0, 1.0);
}

double finiteReleaseConcentration_kg_m3(const Release& release, double u_ms, double x_m, double y_m, double z_m,
                                        double t_s, Sigmas plume, double sigmaX_m) {
  const double f = finiteReleaseFraction(x_m, u_ms, t_s, release.start_s, release.stop_s, sigmaX_m);
  if (!(f > 0)) return 0;
  return f * plumeConcentration_kg_m3(release.rate_kg_s, u_ms, release.height_m, y_m, z_m, plume);
}

}  // namespace drillsim::hazard
