#pragma once
// Probit models of harm (reference notes: hazard.md sections 4 and 5): the probit Y of an exposure,
// its probability, the toxic load and the burn dose it is computed from, and the heat flux of a
// point-source fire. Pure functions.

#include "scenarios/Substance.hpp"

namespace drillsim::hazard {

/// Probability of the effect, P = Phi(Y - 5) (TNO Purple Book CPR 18E, eq. 5.1).
double probitToProbability(double Y);

/// Toxic probit Y = a + b ln(C^n t) for a constant concentration C over `minutes` (t in min),
/// C in the unit the constants were fitted in (ppm or mg/m3). -infinity when C or t is not positive.
double toxicProbit(double a, double b, double n, double concentration, double minutes);

/// Toxic probit Y = a + b ln(D) from a toxic load D = integral of C^n dt already accumulated, in
/// the probit's units (Purple Book section 5.2.2). -infinity when D is not positive.
double toxicProbitFromLoad(double a, double b, double load);

/// The units a substance's probit constants were fitted in, as factors from DrillSim's own:
/// concentration per mg/m3 (1, or the ppm of 1 mg/m3 at 25 degC, 1 atm: kMolarVolume_L_mol / M)
/// and time per second (1, or 1/60 for minutes).
struct ProbitUnits {
  double perMgM3 = 1;
  double perSecond = 1;
};
ProbitUnits probitUnits(const Substance& substance);

/// The toxic load breathed over dt [s] at a concentration c [mg/m3] held over it,
/// (c u.perMgM3)^n dt u.perSecond, in the probit's units: the integral of C^n dt summed step by step
/// (Purple Book CPR 18E section 5.2.2; n the probit's exponent). 0 when c or dt is not positive.
double toxicLoadStep(double c_mg_m3, double dt_s, double n, ProbitUnits u);

/// Heat that does harm (hazard.md section 4): a flux below 1.58 kW/m2 can be borne indefinitely
/// (API 521 via h2tools.org) and adds nothing to the burn dose; people move out of the radiation
/// within 60 s (ALOHA's thermal levels of concern assume 60 s), so a longer exposure at one place
/// counts as 60 s of it; walls shield the radiation indoors until it reaches 37.5 kW/m2, the level
/// taken to damage process equipment and buildings (the usual 37.5 / 12.5 / 5 kW/m2 table).
constexpr double kHeatTolerable_kW_m2 = 1.58;
constexpr double kHeatExposure_s = 60;
constexpr double kHeatThroughWalls_kW_m2 = 37.5;

/// The flux [kW/m2] felt by someone at a place where it is q: q outdoors, 0 indoors below
/// kHeatThroughWalls_kW_m2.
double heatFelt_kW_m2(double q_kW_m2, bool indoors);
/// Eisenberg's burn dose V over dt [s] at a felt flux q held over it: q^(4/3) dt [(kW/m2)^(4/3) s]
/// when q >= kHeatTolerable_kW_m2, else 0.
double burnDoseStep(double q_kW_m2, double dt_s);
/// The burn dose of one place, `dose` gathered over `above_s` seconds at or above the tolerable flux,
/// scaled to kHeatExposure_s of it when the exposure lasted longer: dose min(1, 60 / above_s); 0
/// when above_s <= 0.
double burnDoseAtOnePlace(double dose, double above_s);

/// Eisenberg et al. (1975) burn-fatality probit, Y = -14.9 + 2.56 ln(t I^(4/3)), I [kW/m2],
/// t [s] (HSE SPC/Tech/OSD/30). -infinity when I or t is not positive.
double eisenbergProbit(double flux_kW_m2, double seconds);

/// Radiant heat flux [kW/m2] at distance R from a point-source fire,
/// q'' = tau chi_r Q / (4 pi R^2) (NUREG-1805 chapter 5): Q heat release rate [kW], chi_r radiative
/// fraction (about 0.15-0.35, typically 0.3), tau atmospheric transmissivity (<= 1).
double pointSourceFlux_kW_m2(double heatRelease_kW, double radiativeFraction, double transmissivity,
                             double distance_m);

}  // namespace drillsim::hazard
