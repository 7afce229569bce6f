#pragma once
// Gaussian puff of an instantaneous release, its time-integrated concentration (dose) and toxic
// load at a point, and a release of finite duration as the integral of puffs along the release
// (Palazzi et al. 1982). Reference notes: hazard.md section 1 (test case T5). Pure functions:
// numbers in, numbers out; SI units. Coordinates are in the frame of the wind (see PlumeFrame in
// Dispersion.hpp): x downwind of the source, y crosswind, z height above the ground.
//
// Validity: passive (neutrally buoyant) gas, flat terrain with full ground reflection, a wind of at
// least ~1 m/s, dispersion coefficients held constant over the cloud (they are evaluated at one
// distance). The puff coefficients below are power-law fits whose fitted range was not checked
// against Slade (1968) here; like the plume curves they are least reliable within ~100 m.

#include "sim/hazard/Dispersion.hpp"

namespace drillsim::hazard {

/// Puff dispersion coefficients at one distance [m].
struct PuffSigmas {
  double x_m = 0;  // sigma_x, along the wind
  double y_m = 0;  // sigma_y, crosswind
  double z_m = 0;  // sigma_z, vertical
};

/// Pasquill-Gifford puff coefficients of Slade (1968), "Diffusion from instantaneous sources",
/// Meteorology and Atomic Energy, TID-24190, pp. 163-175, as tabulated in CCPS, Guidelines for
/// Consequence Analysis of Chemical Releases (1999) p. 90: sigma_x = sigma_y = a x^b,
/// sigma_z = c x^d, x [m] the distance travelled by the puff centre (CCPS) or, for a dose at a fixed
/// point, that point's downwind distance.
///   class  a     b     c     d
///   A      0.18  0.92  0.60  0.75
///   B      0.14  0.92  0.53  0.73
///   C      0.10  0.92  0.34  0.71
///   D      0.06  0.92  0.15  0.70
///   E      0.04  0.92  0.10  0.65
///   F      0.02  0.89  0.05  0.61
/// Transcribed from aefarrell/GasDispersion.jl src/utils/pasquill_gifford.jl (citing Slade 1968) and
/// checked against the same table in its docs/src/puff.md (citing CCPS 1999) and in
/// aefarrell.github.io _posts/2021-06-19-building_infiltration_eg2.md (citing CCPS 1996).
/// {0, 0, 0} when distance <= 0.
PuffSigmas puffSigmas(double distance_m, Stability stability);

/// Instantaneous point release of M [kg] at height H [m] at t = 0, carried by the wind u [m/s]
/// (CCPS 1999 section 2.1.3; Crowl & Louvar, Chemical Process Safety, eq. 5-38 ff.):
///   C = M / ((2 pi)^(3/2) sx sy sz) exp(-(x - u t)^2 / 2 sx^2) exp(-y^2 / 2 sy^2)
///       [exp(-(z - H)^2 / 2 sz^2) + exp(-(z + H)^2 / 2 sz^2)]              [kg/m3]
/// with full ground reflection (image source). x, y, z [m], t [s] since the release. The sigmas are
/// the caller's: CCPS evaluates them at the centre's distance u t. 0 when t <= 0, u <= 0 or a
/// sigma <= 0.
double puffConcentration_kg_m3(double M_kg, double u_ms, double H_m, double x_m, double y_m, double z_m,
                               double t_s, PuffSigmas s);

/// The concentration at (y, z) when the puff's centre passes, x = u t (the peak in time at a fixed
/// point for sigmas held constant): M / ((2 pi)^(3/2) sx sy sz) exp(-y^2/2sy^2) [reflection terms]
/// [kg/m3]. For a ground release at ground level, on the axis: 2 M / ((2 pi)^(3/2) sx sy sz).
double puffCentreConcentration_kg_m3(double M_kg, double H_m, double y_m, double z_m, PuffSigmas s);

/// Time-integrated concentration (dose) of the puff at a fixed point [kg s/m3], exact for sigmas
/// held at that point's downwind distance (and a good approximation while sigma_x << x):
///   integral C dt = M / (2 pi u sy sz) exp(-y^2/2sy^2) [exp(-(z-H)^2/2sz^2) + exp(-(z+H)^2/2sz^2)]
/// (the Gaussian in time integrates to 1/u); at z = 0: M / (pi u sy sz) exp(-y^2/2sy^2)
/// exp(-H^2/2sz^2). The steady plume's formula with Q [kg/s] replaced by M [kg]. 0 when u <= 0 or a
/// sigma <= 0; sigma_x does not enter.
double puffDose_kg_s_m3(double M_kg, double u_ms, double H_m, double y_m, double z_m, PuffSigmas s);

/// Toxic load of a Gaussian pulse in time, integral of C(t)^n dt for C(t) = peak exp(-(x-ut)^2/2sx^2):
///   peak^n sx sqrt(2 pi / n) / u       [unit(peak)^n s]
/// n > 0 the probit's concentration exponent, sx [m], u [m/s]; `peak` in the probit's unit (ppm or
/// mg/m3, e.g. puffCentreConcentration_kg_m3 * 1e6); divide by 60 for a load in unit^n min. With
/// n = 1 and the centre concentration it equals puffDose_kg_s_m3. 0 when an argument is not positive.
double puffToxicLoad(double peak, double sigmaX_m, double u_ms, double n);

/// Fraction of the steady plume present at downwind distance x [m] at time t [s] for a release
/// between start_s and stop_s, from integrating Gaussian puffs emitted over the release with
/// along-wind spread sigma_x held at x (Palazzi, De Faveri, Fumarola & Ferraiolo 1982, "Diffusion
/// from a steady source of short duration", Atmospheric Environment 16:2785-2790):
///   f = 1/2 [erf((x - u (t - t_stop')) / (sqrt2 sx)) - erf((x - u (t - t_start)) / (sqrt2 sx))]
/// with t_stop' = min(t_stop, t): only material already released counts (the front of a release
/// still going is x = u (t - t_start), the tail of a stopped one x = u (t - t_stop)). 0 <= f <= 1;
/// f -> 1 far inside a long release, -> 0 long after its tail; f = 1/2 where the front or the tail
/// is. sigma_x <= 0 gives the sharp gate of concentration_mg_m3 (1 between tail and front, else 0).
/// Palazzi take sigma_x = sigma_y of the plume at x. 0 when t <= t_start, x <= 0 or u <= 0.
double finiteReleaseFraction(double x_m, double u_ms, double t_s, double start_s, double stop_s, double sigmaX_m);

/// Concentration [kg/m3] at (x, y, z) and time t of a release of rate Q [kg/s] between start and
/// stop (release.stop_s may be +infinity): the steady plume C = plumeConcentration_kg_m3(Q, u, H, y,
/// z, plume) times finiteReleaseFraction(x, u, t, start, stop, sigmaX). `plume` are the steady
/// plume's sigmas at x (the plume module's, e.g. briggsSigmas(x, ...)), sigmaX the along-wind
/// spread at x. 0 where x <= 0.
double finiteReleaseConcentration_kg_m3(const Release& release, double u_ms, double x_m, double y_m, double z_m,
                                        double t_s, Sigmas plume, double sigmaX_m);

}  // namespace drillsim::hazard
