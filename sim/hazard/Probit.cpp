#include "sim/hazard/Probit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "scenarios/Distribution.hpp"

namespace drillsim::hazard {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kNegInf = -std::numeric_limits<double>::infinity();
}  // namespace

double probitToProbability(double Y) { return standardNormalCdf(Y - 5); }

double toxicProbit(double a, double b, double n, double concentration, double minutes) {
  if (!(concentration > 0) || !(minutes > 0)) return kNegInf;
  // ln(C^n t) = n ln C + ln t: no overflow of C^n for large n.
  return a + b * (n * std::log(concentration) + std::log(minutes));
}

double toxicProbitFromLoad(double a, double b, double load) {
  if (!(load > 0)) return kNegInf;
  return a + b * std::log(load);
}

double eisenbergProbit(double flux_kW_m2, double seconds) {
  if (!(flux_kW_m2 > 0) || !(seconds > 0)) return kNegInf;
  // -14.9, 2.56: Eisenberg, Lynch & Breeding (1975), as quoted in HSE SPC/Tech/OSD/30 Table 17.
  return -14.9 + 2.56 * (std::log(seconds) + 4.0 / 3.0 * std::log(flux_kW_m2));
}

double pointSourceFlux_kW_m2(double heatRelease_kW, double radiativeFraction, double transmissivity,
                             double distance_m) {
  return transmissivity * radiativeFraction * heatRelease_kW / (4 * kPi * distance_m * distance_m);
}

ProbitUnits probitUnits(const Substance& substance) {
  ProbitUnits u;
  if (substance.probit_conc_unit == ProbitConcentrationUnit::Ppm) u.perMgM3 = kMolarVolume_L_mol / substance.molar_mass_g_mol;
  u.perSecond = substance.probit_time_unit == ProbitTimeUnit::Minute ? 1.0 / 60 : 1.0;
  return u;
}

double toxicLoadStep(double c_mg_m3, double dt_s, double n, ProbitUnits u) {
  if (!(c_mg_m3 > 0) || !(dt_s > 0)) return 0;
  return std::pow(c_mg_m3 * u.perMgM3, n) * dt_s * u.perSecond;
}

double heatFelt_kW_m2(double q_kW_m2, bool indoors) { return indoors && q_kW_m2 < kHeatThroughWalls_kW_m2 ? 0 : q_kW_m2; }

double burnDoseStep(double q_kW_m2, double dt_s) {
  return q_kW_m2 >= kHeatTolerable_kW_m2 && dt_s > 0 ? std::pow(q_kW_m2, 4.0 / 3.0) * dt_s : 0;
}

double burnDoseAtOnePlace(double dose, double above_s) {
  return above_s > 0 ? dose * std::min(1.0, kHeatExposure_s / above_s) : 0;
}

}  // namespace drillsim::hazard
