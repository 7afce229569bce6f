#pragma once
// Source terms of a toxic release: how fast gas or liquid leaves a hole, how a pressurised vessel
// blows down, how much of a superheated liquid flashes, rains out and forms a pool, and how fast
// that pool evaporates. Pure functions and plain structs, SI units (molar mass in g/mol, as in
// Dispersion.hpp and DenseGas.hpp). No function throws: a degenerate input (zero hole, no driving
// pressure, t <= 0, a non-positive property) gives 0, never NaN; preconditions are stated.
//
// Sources (equation numbers not checked against the books unless marked "seen"):
//  [CL]   Crowl & Louvar, Chemical Process Safety, 3rd ed. (2011), ch. 4 "Source models".
//  [CCPS] CCPS, Guidelines for Consequence Analysis of Chemical Releases (AIChE 1999), sec. 2.1-2.3;
//         the hole formulas of its pp. 26 and 30 as quoted in aefarrell/GasDispersion.jl
//         docs/src/scenarios.md (seen).
//  [WP]   "Accidental release source terms" (Wikipedia article by M. Beychok; copies seen): the
//         choked / non-choked hole equations and the enthalpy and c_p forms of the adiabatic flash.
//  [AF]   A. Farrell, "Vessel blowdown - ideal gases" (2025) and "Chemical release screening
//         example - butane leak" (2020), aefarrell.github.io (seen); they cite Lees (1996) p. 15/44,
//         CCPS (1996) eq. 4-14 and CCPS (1999) p. 63.
// Formulas that are DrillSim's own are marked [DrillSim].

#include <limits>

namespace drillsim::hazard {

/// Area of a circular hole, A = pi d^2 / 4 [m2]; 0 when d <= 0.
double holeArea_m2(double diameter_m);

// ---------------------------------------------------------------------------------------------
// Gas through a hole: isentropic ideal-gas nozzle flow, the loss lumped in C_d.

/// Critical (choking) pressure ratio r_c = p*/p0 = (2 / (gamma + 1))^(gamma / (gamma - 1)) [-];
/// 0.5283 for gamma = 1.4 ([CL]; [WP]). Requires gamma > 1; 0 otherwise.
double criticalPressureRatio(double gamma);

/// True when the flow through a hole is choked (sonic at the throat): p_a / p0 <= r_c, i.e.
/// p0 >= p_a / r_c (about 1.9 p_a for gamma = 1.4). Absolute pressures [Pa]. False when p0 <= p_a.
bool isChoked(double upstream_Pa, double ambient_Pa, double gamma);

/// The flow through the hole and the state of the gas at its throat (vena contracta).
struct GasHoleFlow {
  double rate_kg_s = 0;  // m = C_d A G
  bool choked = false;
  double throatPressure_Pa = 0;    // p_t = r_c p0 when choked, else p_a
  double throatTemperature_K = 0;  // T_t = T0 (p_t / p0)^((gamma - 1) / gamma)
  double throatVelocity_m_s = 0;   // ideal isentropic velocity at p_t (sonic when choked)
  double throatDensity_kg_m3 = 0;  // rho_t = p_t M / (R T_t)
};

/// Ideal-gas discharge through a hole of area A [m2] from a reservoir at absolute pressure p0 [Pa]
/// and temperature T0 [K] into ambient p_a [Pa] ([CL] eqs. 4-49/4-50; [CCPS] p. 30; [WP]):
///   choked (p_a/p0 <= r_c):  m = C_d A sqrt(gamma rho0 p0 (2/(gamma+1))^((gamma+1)/(gamma-1)))
///   subsonic:                m = C_d A sqrt(2 rho0 p0 gamma/(gamma-1) [r^(2/gamma) - r^((gamma+1)/gamma)]),
/// r = p_a/p0, rho0 = p0 M / (R T0), M the molar mass [g/mol], gamma = c_p/c_v. The throat state
/// is the isentropic one of the frictionless nozzle (C_d = 1). Validity: ideal gas (compressibility
/// Z ~ 1; for a vapour near saturation the real rate is ~ this one / sqrt(Z), [WP]), a hole in the
/// vessel wall (no pipe friction), quasi-steady reservoir. C_d ~ 0.61 sharp-edged to 1.0
/// (conservative). Zero flow unless A, C_d, T0, M > 0, gamma > 1 and p0 > p_a.
GasHoleFlow gasHoleFlow(double dischargeCoefficient, double area_m2, double upstream_Pa, double upstream_K,
                        double molarMass_g_mol, double gamma, double ambient_Pa = 101325.0);

// ---------------------------------------------------------------------------------------------
// Blow-down of a gas vessel of volume V through a hole, computed once per replication.

/// Isothermal: the gas stays at T0 (walls in thermal contact, slow blow-down, large vessels).
/// Adiabatic: the gas expands isentropically in the vessel (fast blow-down, early times; the
/// model of Lees (1996) p. 15/44 per [AF]). Both use the hole formula above, C_d constant.
enum class BlowdownModel { Isothermal, Adiabatic };

/// Closed forms while the hole is choked ([AF], derived there from dm/dt = -w):
///   tau = m0 / w0, m0 = p0 V M / (R T0), w0 the choked rate at p0, T0;
///   isothermal: p/p0 = w/w0 = exp(-t/tau), released = m0 (1 - exp(-t/tau));
///   adiabatic:  s = 1 + (gamma - 1) t / (2 tau), p/p0 = s^(2 gamma/(1 - gamma)),
///               w/w0 = s^((gamma + 1)/(1 - gamma)), released = m0 (1 - s^(-2/(gamma - 1))).
/// The hole unchokes when p = p_a / r_c, at t_c = tau ln(r_c p0 / p_a) (isothermal) or
/// t_c = 2 tau/(gamma - 1) [(r_c p0 / p_a)^((gamma - 1)/(2 gamma)) - 1] (adiabatic). After t_c
/// the subsonic tail is taken as an exponential decay that starts at the choked rate w_c and
/// releases exactly the mass left above ambient pressure, m(t_c) - m_f, so released(t) is
/// continuous, has derivative rate(t) and tends to m0 - m_f [DrillSim]. m_f is the mass at p_a:
/// m0 p_a/p0 (isothermal) or m0 (p_a/p0)^(1/gamma) (adiabatic). A vessel below p_a/r_c at t = 0
/// has only the tail, starting at the subsonic rate. All zero when there is no flow (see
/// gasHoleFlow) or V <= 0.
struct VesselBlowdown {
  BlowdownModel model = BlowdownModel::Isothermal;
  double gamma = 1.4;
  double initialPressure_Pa = 0;  // p0
  double initialMass_kg = 0;      // m0
  double finalMass_kg = 0;        // m_f, left in the vessel at ambient pressure
  double initialRate_kg_s = 0;    // w0, choked or subsonic
  double tau_s = 0;               // m0 / w0 of the choked law
  double chokedUntil_s = 0;       // t_c (0 when never choked)
  double unchokeMass_kg = 0;      // m(t_c)
  double unchokeRate_kg_s = 0;    // w_c
  double tailTau_s = 0;           // (m(t_c) - m_f) / w_c

  double rate_kg_s(double t_s) const;     // w(t), 0 for t < 0
  double released_kg(double t_s) const;   // integral of w from 0 to t, 0 for t <= 0
  double remaining_kg(double t_s) const;  // m0 - released(t)
  double pressure_Pa(double t_s) const;   // vessel pressure from the mass left (ideal gas)
  double releasable_kg() const { return initialMass_kg - finalMass_kg; }
};

VesselBlowdown vesselBlowdown(double dischargeCoefficient, double area_m2, double volume_m3, double initial_Pa,
                              double initial_K, double molarMass_g_mol, double gamma, BlowdownModel model,
                              double ambient_Pa = 101325.0);

// ---------------------------------------------------------------------------------------------
// Liquid through a hole.

/// Bernoulli flow of an incompressible liquid through a hole ([CL] eq. 4-6; [CCPS] p. 26):
///   m = C_d A sqrt(2 rho (dP + rho g h))  [kg/s],
/// dP [Pa] the gauge pressure of the gas space above the liquid (absolute minus ambient), h [m]
/// the liquid head above the hole, rho [kg/m3], g = 9.80665 m/s2. Validity: sub-cooled liquid (no
/// flashing inside the hole, true for holes in a vessel wall, i.e. L < ~10 cm: [AF] after CCPS
/// (1996) p. 37), head and pressure taken as constant (the initial, largest rate). C_d = 0.61 for
/// a sharp-edged hole at Re > 30,000 ([CL]). 0 when A, C_d or rho <= 0 or dP + rho g h <= 0.
double liquidHoleRate_kg_s(double dischargeCoefficient, double area_m2, double density_kg_m3, double gauge_Pa,
                           double head_m);

// ---------------------------------------------------------------------------------------------
// Vapour pressure.

/// Antoine constants for log10(p / Pa) = A - B / (T / K + C), valid over [Tmin, Tmax] (both 0:
/// no range given). The NIST WebBook gives p in bar: add 5 to its A.
struct AntoineConstants {
  double A = 0, B = 0, C = 0;
  double Tmin_K = 0, Tmax_K = 0;
  bool valid() const { return B > 0; }
  bool covers(double T_K) const { return Tmin_K == Tmax_K || (T_K >= Tmin_K && T_K <= Tmax_K); }
};
/// Antoine vapour pressure [Pa], evaluated as given (also outside its range); 0 when the constants
/// are not valid or T + C <= 0.
double antoinePressure_Pa(const AntoineConstants& antoine, double T_K);

/// Clausius-Clapeyron through the normal boiling point, constant latent heat, ideal vapour and a
/// negligible liquid volume: p = p_b exp[(h_fg M / R) (1/T_b - 1/T)]  [Pa], p_b = 1 atm. Accuracy
/// checked in SourceTermTest: within 2 % of tabulated data for chlorine 240-310 K (NIST SRD 134)
/// and ammonia 253-313 K; it worsens towards the critical point. 0 when T, T_b, h_fg or M <= 0.
double clausiusClapeyronPressure_Pa(double T_K, double boilingPoint_K, double latentHeat_J_kg, double molarMass_g_mol,
                                    double boilingPressure_Pa = 101325.0);

// ---------------------------------------------------------------------------------------------
// The substance, as the engine fills it from the substance table.

struct SourceProperties {
  double molarMass_g_mol = 0;           // M
  double boilingPoint_K = 0;            // T_b at 1 atm
  AntoineConstants antoine;             // optional (valid() false when absent)
  double liquidDensity_kg_m3 = 0;       // at storage temperature
  double liquidHeatCapacity_J_kgK = 0;  // mean c_p,l between T_b and the storage temperature
  double latentHeat_J_kg = 0;           // h_fg at T_b
  double gamma = 0;                     // c_p/c_v of the vapour near ambient temperature
};

/// Vapour pressure [Pa] at T: Antoine where its constants are valid and cover T, else
/// Clausius-Clapeyron from T_b and h_fg, else Antoine extrapolated, else 0. This is the absolute
/// storage pressure of a liquefied gas at T when the user gives none.
double vapourPressure_Pa(const SourceProperties& substance, double T_K);

// ---------------------------------------------------------------------------------------------
// Flash, aerosol and rain-out of a superheated liquid released to 1 atm.

/// Isenthalpic flash by the energy balance with constant c_p and h_fg ([CL] eq. 4-88; CCPS (1996)
/// eq. 4-14 per [AF]; [WP]):  F = c_p (T - T_b) / h_fg, capped at 1; 0 when T <= T_b. This is the
/// exact equilibrium flash h_L(T) = (1 - F) h_L(T_b) + F h_V(T_b) when c_p is the mean over
/// [T_b, T]. THE ENGINE SHOULD USE THIS FORM: with ammonia at 20 degC it agrees with tabulated
/// enthalpies within 1.8 % (c_p from Perry's), where the exponential form below is 10 % low
/// (SourceTermTest). Note that DenseGas.hpp's flashFraction is the exponential form.
double flashFractionLinear(double liquidHeatCapacity_J_kgK, double storage_K, double boilingPoint_K,
                           double latentHeat_J_kg);
/// The integrated form F = 1 - exp(-c_p (T - T_b) / h_fg) ([CL] eq. 4-90): the vapour formed is
/// taken to leave at once as the liquid cools (a differential flash); below the linear form by
/// about F^2/2, always < 1. 0 when T <= T_b.
double flashFractionExponential(double liquidHeatCapacity_J_kgK, double storage_K, double boilingPoint_K,
                                double latentHeat_J_kg);
/// The same balance from tabulated enthalpies ([WP]; the steam-table method of [CL]):
/// F = (h_L(T) - h_L(T_b)) / h_fg(T_b), clamped to [0, 1]; 0 when h_fg <= 0.
double flashFractionFromEnthalpies(double liquidEnthalpyStorage_J_kg, double liquidEnthalpyBoiling_J_kg,
                                   double latentHeat_J_kg);

/// Mass fractions of the released liquid: flashed vapour, aerosol carried with it, rain-out to a
/// pool; flash + aerosol + rainout = 1.
struct TwoPhaseSplit {
  double flash = 0, aerosol = 0, rainout = 0;
  double airborne() const { return flash + aerosol; }
};
/// The rule of thumb that the liquid carried as aerosol is k times the flashed mass, k = 1 by
/// default (airborne = min(1, 2F)); the rest rains out. [AF] (2020) reports the range k = 1..2
/// (airborne 2F..3F) after CCPS; the CCPS/Lees wording of k = 1 is not
/// checked. Validity: a screening rule for a jet from a hole; it ignores drop size, jet velocity
/// and height (RELEASE, CCPS 1999, models those). F is clamped to [0, 1], k to >= 0.
TwoPhaseSplit twoPhaseSplit(double flashFraction, double aerosolPerFlash = 1.0);

// ---------------------------------------------------------------------------------------------
// Pool: spreading and evaporation.

/// Pool area [m2] of V [m3] of liquid: spread to a uniform minimum thickness, A = V / h_min, capped
/// by the bund (dike) floor area when there is one. h_min = 1 cm is the US EPA RMP worst-case rule
/// (40 CFR 68.25(d)(2), "spreads to 1 centimeter deep unless passive mitigation ... limit[s] the
/// surface area"; quoted from memory, not checked here). bundArea_m2 <= 0 or infinite: no bund.
/// 0 when V <= 0 or h_min <= 0. Instantaneous spreading: it overstates the area early on.
double poolArea_m2(double liquidVolume_m3, double minThickness_m = 0.01,
                   double bundArea_m2 = std::numeric_limits<double>::infinity());
/// Diameter of the circle of that area, D = sqrt(4 A / pi) [m] (the length Z of Mackay-Matsugu).
double poolDiameter_m(double area_m2);

/// Mass-transfer coefficient of Mackay & Matsugu (1973) in SI form ([CCPS] sec. 2.3; TNO Yellow
/// Book CPR 14E ch. 3; the form as commonly quoted, not checked in either):  k_m = 0.0048 u^(7/9) Z^(-1/9) Sc^(-2/3) [m/s],
/// u the wind speed at 10 m [m/s], Z the pool length along the wind [m] (its diameter), Sc the
/// vapour's Schmidt number in air, nu_air / D_vapour [-]. Fitted to pools of about 1-10 m and winds
/// of 1-10 m/s; Mackay & Matsugu's own form, 0.0292 U^0.78 X^-0.11 Sc^-0.67 in m/h with U in m/h
/// (from memory, not seen), gives the same 0.0048 (SourceTermTest). 0 when u, Z or Sc <= 0.
double mackayMatsuguCoefficient_m_s(double wind_m_s, double poolLength_m, double schmidtNumber);

/// Evaporation of a non-boiling pool, E = k_m A p_v M / (R T_L)  [kg/s] ([CCPS] sec. 2.3): p_v the
/// vapour pressure at the liquid temperature T_L [Pa], M [g/mol], A [m2]; the air carries no vapour.
/// Valid while p_v is well below ambient pressure (a pool at its boiling point is heat-limited:
/// use the boiling-pool functions). 0 when any input <= 0.
double nonBoilingEvaporation_kg_s(double massTransfer_m_s, double area_m2, double vapourPressure_Pa,
                                  double molarMass_g_mol, double liquid_K);

/// Thermal properties of the ground under a pool.
struct GroundThermal {
  double conductivity_W_mK = 0;  // k_s
  double diffusivity_m2_s = 0;   // alpha_s = k_s / (rho_s c_s)
};
/// Concrete and soil of D. P. Bentz, NISTIR 6551 (NIST 2000), Table 1 (seen): concrete k = 1.5
/// W/(m K), c = 1000 J/(kg K), rho = 2350 kg/m3; soil (from the FHWA HIPERPAV report) k = 0.3,
/// c = 800, rho = 1600, a dry soil: moist soils conduct more and boil a pool faster. alpha [derived].
inline constexpr GroundThermal kConcreteGround{1.5, 1.5 / (2350.0 * 1000.0)};
inline constexpr GroundThermal kSoilGround{0.3, 0.3 / (1600.0 * 800.0)};

/// Heat flux from the ground into a boiling (refrigerated or cryogenic) pool by transient conduction
/// into a semi-infinite solid whose surface drops to T_b at t = 0 ([CCPS] p. 63 per [AF]; Yellow
/// Book ch. 3):  q = k_s (T_g - T_b) / sqrt(pi alpha_s t)  [W/m2], t [s] since the ground was wetted.
/// Neglects heat from the air and the sun, and film boiling (cryogens on warm ground at first).
/// 0 when t <= 0 (integrable singularity: use the evaporated-mass integral), T_g <= T_b or a
/// property <= 0.
double groundHeatFlux_W_m2(const GroundThermal& ground, double ground_K, double boilingPoint_K, double t_s);
/// Evaporation rate of a boiling pool of fixed area, E = q A / h_fg  [kg/s].
double boilingPoolEvaporation_kg_s(const GroundThermal& ground, double ground_K, double boilingPoint_K, double area_m2,
                                   double latentHeat_J_kg, double t_s);
/// Mass evaporated from 0 to t from a pool of fixed area, the integral of the rate:
/// m = 2 k_s (T_g - T_b) A sqrt(t / (pi alpha_s)) / h_fg  [kg]. 0 when t <= 0.
double boilingPoolEvaporated_kg(const GroundThermal& ground, double ground_K, double boilingPoint_K, double area_m2,
                                double latentHeat_J_kg, double t_s);

}  // namespace drillsim::hazard
