#pragma once
// Probit models of harm (reference notes: hazard.md sections 4 and 5): the probit Y of an exposure,
// its probability, and the heat flux of a point-source fire. Pure functions.

namespace drillsim::hazard {

/// Probability of the effect, P = Phi(Y - 5) (TNO Purple Book CPR 18E, eq. 5.1).
double probitToProbability(double Y);

/// Toxic probit Y = a + b ln(C^n t) for a constant concentration C over `minutes` (t in min),
/// C in the unit the constants were fitted in (ppm or mg/m3). -infinity when C or t is not positive.
double toxicProbit(double a, double b, double n, double concentration, double minutes);

/// Toxic probit Y = a + b ln(D) from a toxic load D = integral of C^n dt already accumulated, in
/// the probit's units (Purple Book section 5.2.2). -infinity when D is not positive.
double toxicProbitFromLoad(double a, double b, double load);

/// Eisenberg et al. (1975) burn-fatality probit, Y = -14.9 + 2.56 ln(t I^(4/3)), I [kW/m2],
/// t [s] (HSE SPC/Tech/OSD/30). -infinity when I or t is not positive.
double eisenbergProbit(double flux_kW_m2, double seconds);

/// Radiant heat flux [kW/m2] at distance R from a point-source fire,
/// q'' = tau chi_r Q / (4 pi R^2) (NUREG-1805 chapter 5): Q heat release rate [kW], chi_r radiative
/// fraction (about 0.15-0.35, typically 0.3), tau atmospheric transmissivity (<= 1).
double pointSourceFlux_kW_m2(double heatRelease_kW, double radiativeFraction, double transmissivity,
                             double distance_m);

}  // namespace drillsim::hazard
