#pragma once
// Dense (heavier-than-air) gas dispersion by the correlations of Britter & McQuaid, "Workbook on the
// Dispersion of Dense Gases", HSE Contract Research Report 17/1988 [BM88], with the passive Gaussian
// plume and puff (Dispersion.hpp, Puff.hpp) taking over beyond the correlations' last line. Pure
// functions and plain structs, SI units.
//
// Sources. The workbook itself was not available while this was written. The nomogram lines are
// the piecewise-linear equations of CCPS, "Guidelines for Consequence Analysis of Chemical Releases"
// (AIChE 1999) [CCPS99] p. 118 (plume; the puff table is cited to the same book, page not seen), as
// transcribed in aefarrell/GasDispersion.jl src/utils/britter_mcquaid_correls.jl [GD] and checked
// here only for their own consistency (DenseGasTest). The near-field rules, the non-isothermal
// correction and the plume's extent are [BM88] as reported by [GD] (src/models/britter_mcquaid_*.jl)
// and by A. Farrell, "Taking a second look at the Britter-McQuaid model" (2023) [AF23], which cites
// [BM88] figure 10 for the plume's outline. Rules of DrillSim's own are marked [DrillSim].
//
// Validity ([BM88] via [CCPS99]): ground-level release without momentum, flat unobstructed terrain,
// 10 m wind u >= ~1 m/s, a cloud denser than air by the criteria below; the correlations cover
// -1 <= alpha <= 1 (outside, the lines are extended flat on the left, straight on the right and
// `alphaInRange` is false). Concentrations are those of the workbook's data: short-time maxima on
// the centreline at ground level, top-hat across the plume.

#include <array>

#include "sim/hazard/Dispersion.hpp"

namespace drillsim::hazard {

inline constexpr double kStandardGravity_m_s2 = 9.80665;
inline constexpr double kAtmosphere_Pa = 101325;
inline constexpr double kGasConstant_J_molK = 8.314462618;
inline constexpr double kAirMolarMass_g_mol = 28.96;    // dry air
inline constexpr double kAirHeatCapacity_J_kgK = 1005;  // dry air, c_p near 0-20 degC

/// Ideal-gas density rho = p M / (R T) [kg/m3]; M [g/mol], T [K], p [Pa].
double gasDensity_kg_m3(double molarMass_g_mol, double T_K, double p_Pa = kAtmosphere_Pa);
/// Dry air, M = 28.96 g/mol: 1.1843 kg/m3 at 298 K and 1 atm.
double airDensity_kg_m3(double T_K, double p_Pa = kAtmosphere_Pa);

/// Reduced gravity g0' = g (rho0 - rhoa) / rhoa [m/s2] of a source cloud of density rho0 in air of
/// density rhoa [kg/m3] ([BM88] via [CCPS99] and [GD]). Negative for a buoyant cloud.
double reducedGravity_m_s2(double rho0_kg_m3, double rhoa_kg_m3);

/// A dense-gas criterion: its value, the threshold and whether the release is dense.
struct DenseCriterion {
  double value = 0;
  double threshold = 0;
  bool dense = false;  // value >= threshold
};
/// Continuous release ([BM88] via [CCPS99]): (g0' q0 / D)^(1/3) / u >= 0.15, D = sqrt(q0 / u) [m];
/// g0' [m/s2], q0 the source cloud's volume flow [m3/s], u the 10 m wind [m/s].
DenseCriterion continuousDenseCriterion(double g0_m_s2, double q0_m3_s, double u_ms);
/// Instantaneous release: (g0' V0)^(1/2) / (u V0^(1/3)) >= 0.2; V0 the source cloud's volume [m3].
DenseCriterion instantaneousDenseCriterion(double g0_m_s2, double V0_m3, double u_ms);

/// How the workbook treats a release of duration T_d seen at distance x: u T_d / x >= 2.5
/// continuous (plume), <= 0.6 instantaneous (puff), in between both bound the answer ([BM88] via
/// [CCPS99]; the workbook's choice between the two there was not seen: both are upper bounds, and
/// the caller may take the lower, or the higher to stay conservative).
enum class ReleaseMode { Continuous, Instantaneous, Intermediate };
struct ReleaseTiming {
  double ratio = 0;  // u T_d / x
  ReleaseMode mode = ReleaseMode::Continuous;
};
ReleaseTiming releaseTiming(double u_ms, double duration_s, double x_m);

/// The cloud as it leaves the source: what the correlations call rho0, T0, C0 and q0 (or V0).
struct SourceCloud {
  double density_kg_m3 = 0;     // rho0
  double temperature_K = 0;     // T0
  double volumeFraction = 1;    // C0, the substance's volume (mole) fraction in the cloud
  double volume_m3_per_kg = 0;  // cloud volume per kg of substance released: q0 = Q v, V0 = M v
  double air_kg_per_kg = 0;     // air entrained per kg of substance (0 for a pure vapour)
};

/// Pure vapour at its normal boiling point T_b [K] (the simplest source cloud, as in the LNG example
/// of [CCPS99] p. 122: 1.76 kg/m3 at -162 degC): rho0 = p M / (R T_b), C0 = 1.
SourceCloud vapourAtBoilingPoint(double molarMass_g_mol, double boilingPoint_K, double p_Pa = kAtmosphere_Pa);
/// The same pure vapour at any temperature T [K]: rho0 = p M / (R T), C0 = 1 (a gas release at its
/// storage temperature, or a release given only by its rate at the air's temperature [DrillSim]).
SourceCloud pureVapour(double molarMass_g_mol, double T_K, double p_Pa = kAtmosphere_Pa);

/// A flashing release: a vapour fraction phi (by mass) at the boiling point, the rest liquid
/// droplets carried with it (no rain-out).
struct FlashingRelease {
  double molarMass_g_mol = 0;
  double boilingPoint_K = 0;         // T_b
  double latentHeat_J_kg = 0;        // h_fg at T_b
  double vapourFraction = 1;         // phi, 0..1
  double airTemperature_K = 293.15;  // T_a of the air entrained
  double airHeatCapacity_J_kgK = kAirHeatCapacity_J_kgK;
  double p_Pa = kAtmosphere_Pa;
};
/// Source cloud of a flashing release whose aerosol evaporates by taking heat from entrained air
/// (adiabatic mixing at constant pressure: the homogeneous-equilibrium idea of the aerosol models
/// of e.g. [CCPS99] and the TNO Yellow Book, whose own equations were not seen; formula [DrillSim]):
/// the least air that evaporates all of it cools from T_a to T_b,
///   m_air = (1 - phi) h_fg / (c_p,air (T_a - T_b))   [kg air per kg substance],
/// and the cloud is substance vapour plus that air at T_b: C0 = n_s / (n_s + n_air),
/// rho0 = p M_mix / (R T_b), v = (1 + m_air) / rho0. Neglected: the heat of the vapour and the
/// droplets' sensible heat, humidity (water condensing would add heat and droplets) and the lower
/// equilibrium temperature of a mixture (the substance's partial pressure is below p). With phi = 1
/// this is vapourAtBoilingPoint. Requires T_a > T_b.
SourceCloud aerosolSourceCloud(const FlashingRelease& release);

/// Mass fraction flashing when a liquid stored at T_s [K] is released to the boiling point T_b:
/// phi = 1 - exp(-c_p,l (T_s - T_b) / h_fg) (isenthalpic flash, the energy balance integrated as the
/// liquid cools; the form of Crowl & Louvar, Chemical Process Safety, on flashing liquids, equation
/// number not checked); ~ c_p,l (T_s - T_b) / h_fg for small superheat; 0 when T_s <= T_b.
double flashFraction(double liquidHeatCapacity_J_kgK, double storage_K, double boilingPoint_K, double latentHeat_J_kg);

/// The correction of [BM88] section 5.5 (via [GD], [AF23]) for a cloud released at T0 into air at
/// Ta: the correlations give the isothermal dilution c' (volume of source cloud over volume of
/// mixture, each at its own temperature); the mole fraction of source cloud is then
///   c = c' / (c' + (1 - c') T0 / Ta),
/// and its inverse c' = c / (c + (1 - c) Ta / T0), the value at which to read the curves for a
/// target c.
double nonIsothermalRatio(double isothermalRatio, double T0_K, double Ta_K);
double isothermalRatio(double actualRatio, double T0_K, double Ta_K);

/// The nomogram at one alpha: for each line C_m/C_0 = ratio[i], log10(x / L) = log10Distance[i],
/// L = D for the plume, V0^(1/3) for the puff. Ratios fall and distances grow with i.
struct Nomogram {
  int count = 0;
  std::array<double, 7> ratio{};
  std::array<double, 7> log10Distance{};
  bool alphaInRange = true;  // -1 <= alpha <= 1
};
/// Continuous plume: alpha = log10[(g0'^2 q0 / u^5)^(1/5)]; lines 0.1, 0.05, 0.02, 0.01, 0.005,
/// 0.002 ([CCPS99] p. 118 equations, transcribed by [GD]).
double plumeAlpha(double g0_m_s2, double q0_m3_s, double u_ms);
Nomogram plumeNomogram(double alpha);
/// Instantaneous puff: alpha = log10[(g0' V0^(1/3) / u^2)^(1/2)]; lines 0.1 ... 0.001 ([CCPS99]
/// via [GD]).
double puffAlpha(double g0_m_s2, double V0_m3, double u_ms);
Nomogram puffNomogram(double alpha);

/// C_m/C_0 against distance at one alpha: the nomogram's lines joined by straight segments in
/// log10(C_m/C_0) against log10(x/L) (a local power law, [DrillSim]; [GD] interpolates linearly
/// in C_m/C_0), and nearer the source the near-field rule C = K / (K + (s x/L)^2):
///  - plume, K = 306, s = 1, for x/D <= 30 ([BM88] via [CCPS99], [GD]), then a segment to the 0.1
///    line; where that line lies inside 30 D (alpha > ~0.6) the rule is squeezed (s > 1) to meet it;
///  - puff, K = 3.24, s such that the rule meets the 0.1 line ([GD]'s rule, which clamps at 0.1
///    instead; s [DrillSim]).
/// `ratio` includes the non-isothermal correction; the source cloud is ratio 1. Beyond the last line
/// the curve is not defined here (the passive model takes over).
struct DenseCurve {
  double length_m = 0;  // L
  double nearK = 0, nearScale = 1;
  int count = 0;  // nodes in log space, ascending distance
  std::array<double, 8> logDistance{}, logRatio{};
  double T0_K = 0, Ta_K = 0;
  /// Actual C_m/C_0 at x >= 0 [m], up to the last line (x <= last_m()).
  double ratio(double x_m) const;
  /// The distance [m] where the actual ratio falls to r (0 < r <= 1), at most last_m().
  double distanceTo_m(double r) const;
  double last_m() const;  // distance of the last line
};
DenseCurve denseCurve(const Nomogram& nomogram, double length_m, bool puff, double T0_K, double Ta_K);

/// The air the cloud is released into.
struct Ambient {
  double temperature_K = 293.15;
  double pressure_Pa = kAtmosphere_Pa;
};

/// What a dense plume and a dense puff share: the substance, its source cloud, the weather and
/// the ambient air, the cloud's reduced gravity, the criterion, the correlation's lines and where
/// the passive model takes over.
struct DenseCloud {
  double molarMass_g_mol = 0;
  SourceCloud source;
  Weather weather;
  Ambient ambient;
  double g0_m_s2 = 0, alpha = 0;
  DenseCriterion criterion;
  Nomogram nomogram;
  DenseCurve curve;
  double substance_kg_m3 = 0;  // pure substance at ambient T and p
  double transition_m = 0;     // x_t
  double virtualSource_m = 0;  // s
};

/// A continuous dense release of Q [kg/s] of substance, built once per release and weather.
/// Centreline: the workbook curve out to the last line at x_t, then the passive ground-level
/// Gaussian plume (briggsSigmas, plumeConcentration_kg_m3 with the weather's class and terrain)
/// from a virtual source: evaluated at x - x_t + s, with s chosen so that it equals the dense value
/// at x_t ([DrillSim]: the usual virtual-source construction, applied where the workbook's data
/// end; [GD] instead continues the last line as (x/D)^-2). Crosswind: top-hat of half-width L_H
/// out to x_t, Gaussian beyond. Upwind: the source cloud within L_U of the source. When the release
/// is not dense (criterion.dense false) the correlations do not apply: a buoyant cloud (g0' <= 0)
/// gets no curve here (all zero) and the caller should use Dispersion.hpp's plume.
/// The plume's outline ([BM88] fig. 10 and text, via [AF23]), l_b = g0' q0 / u^3 [m]:
///   L_U = D/2 + 2 l_b, L_H0 = D + 8 l_b, L_H = L_H0 + 2.5 (l_b x^2)^(1/3).
/// [BM88] calls L_H the "lateral plume extent"; its figure draws it as the half-width and the TNO
/// Yellow Book (CPR 14E eq. 4.104 and its figure, via [AF23]) reads it so, as here. Concentrations in kg/m3 are the
/// substance's volume fraction times its density at the ambient temperature and pressure.
struct DensePlume : DenseCloud {
  double rate_kg_s = 0;
  double q0_m3_s = 0, D_m = 0, lb_m = 0;

  double centrelineFraction(double x_m) const;  // substance volume fraction on the centreline
  double centreline_kg_m3(double x_m) const;
  double halfWidth_m(double x_m) const;  // L_H (0 upwind of -L_U); sigma_y based beyond x_t
  double concentration_kg_m3(double x_m, double y_m) const;
  /// Farthest downwind distance [m] where the centreline is at least level [kg/m3]; 0 if never.
  double distanceTo_m(double level_kg_m3) const;
  /// Half-width [m] of the ground-level area at least `level` [kg/m3] at downwind distance x: the
  /// top-hat's L_H where the centreline reaches the level out to x_t, beyond it the Gaussian's
  /// sigma_y sqrt(2 ln(C(x, 0) / level)); 0 where the centreline is below the level.
  double halfWidthTo_m(double x_m, double level_kg_m3) const;
  /// How far upwind of the source the cloud spreads, L_U = D/2 + 2 l_b [m] (0 when not dense).
  double upwind_m() const { return transition_m > 0 ? 0.5 * D_m + 2 * lb_m : 0; }
};
DensePlume densePlume(double rate_kg_s, double molarMass_g_mol, const SourceCloud& source, const Weather& weather,
                      const Ambient& ambient = {});

/// An instantaneous dense release of M [kg] of substance. peak(x) is the workbook's C_m: the highest
/// concentration the passing cloud brings to ground level at downwind distance x. Beyond the last
/// line (0.001) the passive Gaussian puff's centre concentration (puffSigmas,
/// puffCentreConcentration_kg_m3) from a virtual source matched at x_t, as for the plume.
struct DensePuff : DenseCloud {
  double mass_kg = 0;
  double V0_m3 = 0;

  double peakFraction(double x_m) const;
  double peak_kg_m3(double x_m) const;
  double distanceTo_m(double level_kg_m3) const;
  /// The cloud as it passes downwind distance x [m] (Dispersion.hpp's PuffAxis), with the peak
  /// above. Out to x_t [DrillSim]: a disc of the slumping radius R (puffRadius_m at t = x / u from
  /// R0 = (V0 / pi)^(1/3), a cylinder as tall as it is wide), top-hat across the wind within R and
  /// passing a point as a Gaussian pulse of sigma_x = 2 R / sqrt(2 pi), which gives the dose of the
  /// disc's diameter 2 R carried past at u at the peak concentration; the workbook gives the peak,
  /// not the passage. Beyond x_t the passive puff's Slade sigmas at x - x_t + s, each grown by what
  /// the disc's Gaussian equivalent 2 R_t / sqrt(2 pi) exceeded them by at x_t, so that the
  /// passage and the dose are continuous there (the peak is matched by s). Nothing upwind.
  /// Near the source, where the centre passes within a few sigma_t = sigma_x / u of the release,
  /// the pulse is cut at the release (nothing arrives before it): the dose there is that of the
  /// disc times Phi(x / sigma_x), 0.93 at 300 m for the workbook's Potchefstroom cloud.
  PuffAxis axis(double x_m) const;
  double initialRadius_m() const;
};
DensePuff densePuff(double mass_kg, double molarMass_g_mol, const SourceCloud& source, const Weather& weather,
                    const Ambient& ambient = {});

/// Radius [m] at time t [s] of a slumping dense cloud of volume V0 [m3] and initial radius R0 [m]:
/// R^2 = R0^2 + 1.2 sqrt(g0' V0) t ([BM88] via [GD]; it is the gravity-current front
/// dR/dt = 1.07 sqrt(g0' h), h = V0 / (pi R^2), integrated: 2 x 1.07 / sqrt(pi) = 1.2). The cloud's
/// centre moves at 0.4 u ([BM88] via [GD], [AF23]; not checked against the workbook).
double puffRadius_m(double t_s, double R0_m, double g0_m_s2, double V0_m3);

}  // namespace drillsim::hazard
