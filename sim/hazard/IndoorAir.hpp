#pragma once
// One-box (single-zone, well-mixed) indoor air model for sheltering in place: the indoor
// concentration and dose under a piecewise-constant outdoor concentration, the air-change rate of a
// building from its effective leakage area (ASHRAE basic model), and when airing out helps.
// Pure functions; SI units (the air-change rate lambda in 1/s). Concentrations may be in any unit
// (kg/m3, mg/m3, ppm): the functions are linear in them.
//
// Validity: one well-mixed zone (houses, small open-plan buildings), no indoor sources, sinks or
// deposition (a passive gas), lambda constant over each step. A shelter room isolated from the rest
// of a large building is not one box with the building's air-change rate.

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace drillsim::hazard {

/// Air changes per hour [1/h] to the rate lambda [1/s], and back.
constexpr double perSecondFromAch(double ach) { return ach / 3600.0; }
constexpr double achFromPerSecond(double lambda_per_s) { return lambda_per_s * 3600.0; }

/// Indoor concentration at the end of a step and the indoor dose over it.
struct IndoorStep {
  double cIn_end = 0;  // C_in(t0 + dt), in the unit of the concentrations
  double dose = 0;     // integral of C_in dt over the step, [unit s]
};

/// One-box model dC_in/dt = lambda (C_out - C_in) (Lees, Loss Prevention in the Process Industries
/// 4e, 2012, section 15.51, as quoted in aefarrell.github.io _posts/2021-05-22-
/// building_infiltration_example.md), solved exactly over a step of dt [s] during which C_out and
/// lambda [1/s] are constant:
///   C_in(t0 + dt) = C_out + (C_in(t0) - C_out) e^(-lambda dt)
///   integral C_in dt = C_out dt + (C_in(t0) - C_out) (1 - e^(-lambda dt)) / lambda
/// (from C_in = 0 and a step outdoors, C_in/C_out = 1 - e^(-lambda t), the published step response).
/// lambda = 0 leaves C_in unchanged (dose C_in dt); dt <= 0 returns {cIn, 0}. Exact for any dt, so
/// it can be chained over the simulation's own steps without a stability limit.
IndoorStep indoorStep(double cIn, double cOut, double lambda_per_s, double dt_s);

/// A building's indoor concentration over a run, step by step: `outdoor[k]` the mean outdoor
/// concentration of step k (of dt [s] each), from C_in = 0; the result's [k] the step's mean
/// indoors. The building has `achShut` air changes per hour [1/h] with doors and windows shut; when
/// `airsOut`, its occupants open them from the first step where airing out helps (airingOutHelps),
/// and it has `achAired` from then on. Each step ends at the one-box model's exact value,
/// C_out + (C_in - C_out) e^(-lambda dt); its mean is the mean of its two ends (the trapezoid),
/// which differs from the exact mean (indoorStep's dose / dt) by at most (lambda dt)^2 / 12 of
/// |C_out - C_in| at the step's start (the trapezoid rule's error on an exponential): 6.4e-5 of it
/// at 10 s steps and 10 air changes per hour.
std::vector<double> indoorStepMeans(std::span<const double> outdoor, double achShut, double achAired, bool airsOut,
                                    double dt_s);

/// Building heights of the ASHRAE basic infiltration model's tables.
enum class Storeys { One, Two, Three };

/// Local shielding of the ASHRAE basic model (wind coefficient tables).
enum class ShelterClass {
  NoObstructions = 1,     // 1: no obstructions or local shielding
  IsolatedRural = 2,      // 2: typical shelter for an isolated rural house
  BuildingsAcross = 3,    // 3: typical shelter caused by other buildings across the street
  UrbanLargeLots = 4,     // 4: typical shelter for urban buildings on larger lots
  AdjacentBuildings = 5,  // 5: buildings immediately adjacent (closer than one building height)
};

/// Stack and wind coefficients of the ASHRAE basic (Sherman-Grimsrud 1980) model, in ASHRAE's units.
struct LeakageCoefficients {
  double stack = 0;  // C_s [(L/s)^2 / (cm^4 K)]
  double wind = 0;   // C_w [(L/s)^2 / (cm^4 (m/s)^2)]
};

/// ASHRAE Handbook of Fundamentals (2001 ch. 26; 2005 ch. 27) basic-model coefficients, as printed
/// in the EnergyPlus Input Output Reference (ZoneInfiltration:EffectiveLeakageArea,
/// NREL/EnergyPlus doc/input-output-reference/src/overview/group-airflow.tex):
///   C_s (all shelter classes): one storey 0.000145, two 0.000290, three 0.000435
///   C_w  shelter  one storey  two       three
///        1        0.000319    0.000420  0.000494
///        2        0.000246    0.000325  0.000382
///        3        0.000174    0.000231  0.000271
///        4        0.000104    0.000137  0.000161
///        5        0.000032    0.000042  0.000049
/// The same values (x 100, for A_L in m2) are tabulated from the 2017 Handbook ch. 16 in
/// aefarrell.github.io _posts/2021-06-19-building_infiltration_eg2.md. For low-rise (1-3 storey),
/// residential-type buildings.
LeakageCoefficients ashraeBasicCoefficients(Storeys storeys, ShelterClass shelter);

/// Infiltration flow of the ASHRAE basic model [m3/s] (same sources):
///   Q = (A_L / 1000) sqrt(C_s |dT| + C_w U^2)
/// A_L effective leakage area at 4 Pa [cm2] (blower-door test, or ASHRAE's component tables), dT the
/// indoor-outdoor temperature difference [K], U the wind speed at the local weather station [m/s]
/// (the model's convention, so the 10 m wind of the dispersion weather). 0 when A_L <= 0.
double infiltrationFlow_m3_s(double leakageArea_cm2, double deltaT_K, double windSpeed_ms, LeakageCoefficients c);

/// Air-change rate lambda = Q / V [1/s] of a building of volume V [m3] by the ASHRAE basic model.
/// 0 when V <= 0.
double airChangeRate_per_s(double leakageArea_cm2, double volume_m3, double deltaT_K, double windSpeed_ms,
                           LeakageCoefficients c);

/// Measured whole-house air-change rates with windows or doors open, geometric means over scripted
/// experiments in one test house (Johnson et al. 2004, J. Expo. Anal. Environ. Epidemiol. 14:1-22,
/// as quoted in "The influence of opening windows and doors on the natural ventilation rate of a
/// residential building", HVAC&R Research 2012, https://www.thefreelibrary.com/...-a0282940533;
/// the original not seen) [1/h].
inline constexpr double kAchNoOpenings_Johnson2004 = 0.76;
inline constexpr double kAchOneOpening_Johnson2004 = 1.51;
inline constexpr double kAchTwoOpenings_Johnson2004 = 2.30;
inline constexpr double kAchThreeOrMoreOpenings_Johnson2004 = 2.75;

/// Whether airing out (a higher lambda) lowers the indoor concentration now: with
/// dC_in/dt = lambda (C_out - C_in), a larger lambda brings C_in down faster exactly when
/// C_out < C_in, i.e. once the cloud outdoors has fallen below the indoor concentration (which is
/// also the moment the closed building's C_in peaks). False while C_out >= C_in (airing out would
/// let more in). Pure; in any consistent unit.
bool airingOutHelps(double cIn, double cOut);

/// The first sample i where airingOutHelps(cIn[i], cOut[i]) over two histories sampled at the same
/// times (the shorter length is used); nullopt when it never does.
std::optional<std::size_t> firstAiringOutSample(std::span<const double> cIn, std::span<const double> cOut);

}  // namespace drillsim::hazard
