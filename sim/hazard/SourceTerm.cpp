#include "sim/hazard/SourceTerm.hpp"

#include <algorithm>
#include <cmath>

namespace drillsim::hazard {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kR_J_molK = 8.314462618;  // molar gas constant (CODATA 2018)
constexpr double kG_m_s2 = 9.80665;        // standard gravity
constexpr double kInf = std::numeric_limits<double>::infinity();

double kgPerMol(double molarMass_g_mol) {
  return molarMass_g_mol / 1000.0;
}

// Mass of ideal gas [kg] at p [Pa], T [K] in V [m3].
double gasMass_kg(double p_Pa, double T_K, double V_m3, double M_g_mol) {
  return p_Pa * V_m3 * kgPerMol(M_g_mol) / (kR_J_molK * T_K);
}
}  // namespace

double holeArea_m2(double diameter_m) {
  return diameter_m > 0 ? kPi * diameter_m * diameter_m / 4 : 0;
}

double criticalPressureRatio(double gamma) {
  if (!(gamma > 1)) return 0;
  return std::pow(2 / (gamma + 1), gamma / (gamma - 1));
}

bool isChoked(double upstream_Pa, double ambient_Pa, double gamma) {
  if (!(upstream_Pa > ambient_Pa) || !(gamma > 1) || !(ambient_Pa >= 0)) return false;
  return ambient_Pa / upstream_Pa <= criticalPressureRatio(gamma);
}

GasHoleFlow gasHoleFlow(double Cd, double A_m2, double p0_Pa, double T0_K, double M_g_mol, double gamma, double pa_Pa) {
  GasHoleFlow f;
  if (!(Cd > 0) || !(A_m2 > 0) || !(T0_K > 0) || !(M_g_mol > 0) || !(gamma > 1) || !(pa_Pa >= 0) || !(p0_Pa > pa_Pa))
    return f;
  const double M = kgPerMol(M_g_mol);
  const double rho0 = p0_Pa * M / (kR_J_molK * T0_K);
  const double rc = criticalPressureRatio(gamma);
  f.choked = pa_Pa / p0_Pa <= rc;
  double G = 0;  // ideal mass flux [kg/(m2 s)]
  if (f.choked) {
    G = std::sqrt(gamma * rho0 * p0_Pa * std::pow(2 / (gamma + 1), (gamma + 1) / (gamma - 1)));
    f.throatPressure_Pa = rc * p0_Pa;
  } else {
    const double r = pa_Pa / p0_Pa;
    const double bracket = std::pow(r, 2 / gamma) - std::pow(r, (gamma + 1) / gamma);
    G = std::sqrt(std::max(0.0, 2 * rho0 * p0_Pa * gamma / (gamma - 1) * bracket));
    f.throatPressure_Pa = pa_Pa;
  }
  f.rate_kg_s = Cd * A_m2 * G;
  const double expansion = std::pow(f.throatPressure_Pa / p0_Pa, (gamma - 1) / gamma);  // T_t / T0
  f.throatTemperature_K = T0_K * expansion;
  f.throatVelocity_m_s = std::sqrt(std::max(0.0, 2 * gamma / (gamma - 1) * kR_J_molK * T0_K / M * (1 - expansion)));
  f.throatDensity_kg_m3 = f.throatPressure_Pa * M / (kR_J_molK * f.throatTemperature_K);
  return f;
}

VesselBlowdown vesselBlowdown(double Cd, double A_m2, double V_m3, double p0_Pa, double T0_K, double M_g_mol,
                              double gamma, BlowdownModel model, double pa_Pa) {
  VesselBlowdown b;
  b.model = model;
  b.gamma = gamma;
  b.initialPressure_Pa = p0_Pa;
  const GasHoleFlow first = gasHoleFlow(Cd, A_m2, p0_Pa, T0_K, M_g_mol, gamma, pa_Pa);
  if (!(V_m3 > 0) || !(first.rate_kg_s > 0)) return b;
  b.initialMass_kg = gasMass_kg(p0_Pa, T0_K, V_m3, M_g_mol);
  b.finalMass_kg = model == BlowdownModel::Isothermal ? b.initialMass_kg * pa_Pa / p0_Pa
                                                      : b.initialMass_kg * std::pow(pa_Pa / p0_Pa, 1 / gamma);
  b.initialRate_kg_s = first.rate_kg_s;
  if (first.choked) {
    const double rc = criticalPressureRatio(gamma);
    b.tau_s = b.initialMass_kg / first.rate_kg_s;
    const double ratio = rc * p0_Pa / pa_Pa;  // p0 / p_unchoke >= 1
    if (model == BlowdownModel::Isothermal) {
      b.chokedUntil_s = b.tau_s * std::log(ratio);
    } else {
      b.chokedUntil_s = 2 * b.tau_s / (gamma - 1) * (std::pow(ratio, (gamma - 1) / (2 * gamma)) - 1);
    }
    b.unchokeMass_kg = b.remaining_kg(b.chokedUntil_s);  // choked branch, t <= t_c
    b.unchokeRate_kg_s = b.rate_kg_s(b.chokedUntil_s);
  } else {
    b.unchokeMass_kg = b.initialMass_kg;
    b.unchokeRate_kg_s = first.rate_kg_s;
  }
  const double tailMass = b.unchokeMass_kg - b.finalMass_kg;
  b.tailTau_s = tailMass > 0 && b.unchokeRate_kg_s > 0 ? tailMass / b.unchokeRate_kg_s : 0;
  return b;
}

double VesselBlowdown::rate_kg_s(double t_s) const {
  if (!(t_s >= 0) || !(initialRate_kg_s > 0)) return 0;
  if (t_s <= chokedUntil_s && tau_s > 0) {
    if (model == BlowdownModel::Isothermal) return initialRate_kg_s * std::exp(-t_s / tau_s);
    const double s = 1 + (gamma - 1) * t_s / (2 * tau_s);
    return initialRate_kg_s * std::pow(s, (gamma + 1) / (1 - gamma));
  }
  if (!(tailTau_s > 0) || std::isinf(t_s)) return 0;
  return unchokeRate_kg_s * std::exp(-(t_s - chokedUntil_s) / tailTau_s);
}

double VesselBlowdown::released_kg(double t_s) const {
  if (!(t_s > 0) || !(initialRate_kg_s > 0)) return 0;
  if (t_s <= chokedUntil_s && tau_s > 0) {
    if (model == BlowdownModel::Isothermal) return initialMass_kg * -std::expm1(-t_s / tau_s);
    const double s = 1 + (gamma - 1) * t_s / (2 * tau_s);
    return initialMass_kg * (1 - std::pow(s, -2 / (gamma - 1)));
  }
  const double atUnchoke = initialMass_kg - unchokeMass_kg;
  const double tail = unchokeMass_kg - finalMass_kg;
  if (!(tailTau_s > 0)) return atUnchoke;
  return atUnchoke + tail * -std::expm1(-(t_s - chokedUntil_s) / tailTau_s);
}

double VesselBlowdown::remaining_kg(double t_s) const {
  return initialMass_kg - released_kg(t_s);
}

double VesselBlowdown::pressure_Pa(double t_s) const {
  if (!(initialMass_kg > 0)) return initialPressure_Pa;
  const double fraction = std::max(0.0, remaining_kg(t_s) / initialMass_kg);  // m / m0
  return model == BlowdownModel::Isothermal ? initialPressure_Pa * fraction
                                            : initialPressure_Pa * std::pow(fraction, gamma);
}

double liquidHoleRate_kg_s(double Cd, double A_m2, double rho_kg_m3, double gauge_Pa, double head_m) {
  if (!(Cd > 0) || !(A_m2 > 0) || !(rho_kg_m3 > 0)) return 0;
  const double drive_Pa = gauge_Pa + rho_kg_m3 * kG_m_s2 * head_m;
  if (!(drive_Pa > 0)) return 0;
  return Cd * A_m2 * std::sqrt(2 * rho_kg_m3 * drive_Pa);
}

double antoinePressure_Pa(const AntoineConstants& a, double T_K) {
  if (!a.valid() || !(T_K + a.C > 0)) return 0;
  return std::pow(10.0, a.A - a.B / (T_K + a.C));
}

double clausiusClapeyronPressure_Pa(double T_K, double Tb_K, double hfg_J_kg, double M_g_mol, double pb_Pa) {
  if (!(T_K > 0) || !(Tb_K > 0) || !(hfg_J_kg > 0) || !(M_g_mol > 0) || !(pb_Pa > 0)) return 0;
  return pb_Pa * std::exp(hfg_J_kg * kgPerMol(M_g_mol) / kR_J_molK * (1 / Tb_K - 1 / T_K));
}

double vapourPressure_Pa(const SourceProperties& s, double T_K) {
  if (s.antoine.valid() && s.antoine.covers(T_K)) return antoinePressure_Pa(s.antoine, T_K);
  const double cc = clausiusClapeyronPressure_Pa(T_K, s.boilingPoint_K, s.latentHeat_J_kg, s.molarMass_g_mol);
  if (cc > 0) return cc;
  return antoinePressure_Pa(s.antoine, T_K);
}

double flashFractionLinear(double cp_J_kgK, double T_K, double Tb_K, double hfg_J_kg) {
  if (!(T_K > Tb_K) || !(cp_J_kgK > 0) || !(hfg_J_kg > 0)) return 0;
  return std::min(1.0, cp_J_kgK * (T_K - Tb_K) / hfg_J_kg);
}

double flashFractionExponential(double cp_J_kgK, double T_K, double Tb_K, double hfg_J_kg) {
  if (!(T_K > Tb_K) || !(cp_J_kgK > 0) || !(hfg_J_kg > 0)) return 0;
  return -std::expm1(-cp_J_kgK * (T_K - Tb_K) / hfg_J_kg);
}

double flashFractionFromEnthalpies(double hStorage_J_kg, double hBoiling_J_kg, double hfg_J_kg) {
  if (!(hfg_J_kg > 0)) return 0;
  const double f = (hStorage_J_kg - hBoiling_J_kg) / hfg_J_kg;
  return std::isnan(f) ? 0 : std::clamp(f, 0.0, 1.0);
}

TwoPhaseSplit twoPhaseSplit(double flashFraction, double aerosolPerFlash) {
  TwoPhaseSplit s;
  s.flash = std::isnan(flashFraction) ? 0 : std::clamp(flashFraction, 0.0, 1.0);
  const double k = aerosolPerFlash > 0 ? aerosolPerFlash : 0;  // NaN -> 0
  s.aerosol = std::min(k * s.flash, 1 - s.flash);
  s.rainout = std::max(0.0, 1 - s.flash - s.aerosol);
  return s;
}

double poolArea_m2(double V_m3, double hMin_m, double bund_m2) {
  if (!(V_m3 > 0) || !(hMin_m > 0)) return 0;
  const double spread = V_m3 / hMin_m;
  const bool bunded = bund_m2 > 0 && bund_m2 < kInf;
  return bunded ? std::min(spread, bund_m2) : spread;
}

double poolDiameter_m(double area_m2) {
  return area_m2 > 0 ? std::sqrt(4 * area_m2 / kPi) : 0;
}

double mackayMatsuguCoefficient_m_s(double u_m_s, double Z_m, double Sc) {
  if (!(u_m_s > 0) || !(Z_m > 0) || !(Sc > 0)) return 0;
  return 0.0048 * std::pow(u_m_s, 7.0 / 9.0) * std::pow(Z_m, -1.0 / 9.0) * std::pow(Sc, -2.0 / 3.0);
}

double nonBoilingEvaporation_kg_s(double km_m_s, double A_m2, double pv_Pa, double M_g_mol, double TL_K) {
  if (!(km_m_s > 0) || !(A_m2 > 0) || !(pv_Pa > 0) || !(M_g_mol > 0) || !(TL_K > 0)) return 0;
  return km_m_s * A_m2 * pv_Pa * kgPerMol(M_g_mol) / (kR_J_molK * TL_K);
}

namespace {
bool groundUsable(const GroundThermal& g, double Tg_K, double Tb_K) {
  return g.conductivity_W_mK > 0 && g.diffusivity_m2_s > 0 && Tg_K > Tb_K;
}
}  // namespace

double groundHeatFlux_W_m2(const GroundThermal& g, double Tg_K, double Tb_K, double t_s) {
  if (!groundUsable(g, Tg_K, Tb_K) || !(t_s > 0) || std::isinf(t_s)) return 0;
  return g.conductivity_W_mK * (Tg_K - Tb_K) / std::sqrt(kPi * g.diffusivity_m2_s * t_s);
}

double boilingPoolEvaporation_kg_s(const GroundThermal& g, double Tg_K, double Tb_K, double A_m2, double hfg_J_kg,
                                   double t_s) {
  if (!(A_m2 > 0) || !(hfg_J_kg > 0)) return 0;
  return groundHeatFlux_W_m2(g, Tg_K, Tb_K, t_s) * A_m2 / hfg_J_kg;
}

double boilingPoolEvaporated_kg(const GroundThermal& g, double Tg_K, double Tb_K, double A_m2, double hfg_J_kg,
                                double t_s) {
  if (!groundUsable(g, Tg_K, Tb_K) || !(A_m2 > 0) || !(hfg_J_kg > 0) || !(t_s > 0)) return 0;
  return 2 * g.conductivity_W_mK * (Tg_K - Tb_K) * A_m2 * std::sqrt(t_s / (kPi * g.diffusivity_m2_s)) / hfg_J_kg;
}

}  // namespace drillsim::hazard
