#pragma once
// Zone-level fire spread (reference notes: hazard.md section 5). Pure functions.
//
// A burning zone ignites each neighbouring zone (within the spread distance) after a delay; the
// delay is shorter downwind by the ratio of Hamada's spread times with and without wind. A zone
// controlled by a fire team before that delay has passed ignites nobody any more.

#include <limits>
#include <vector>

namespace drillsim::hazard {

/// Hamada's time [min] for fire to spread from one building to the next in three directions
/// (Hamada 1951, as given by Himoto & Tanaka, Fire Safety Journal 43 (2008) 477, and implemented in
/// wirc-sjsu/firebench surface_for_urban.py): a building side [m], d gap between buildings [m],
/// V wind [m/s], f_b share of fire-resistant buildings (0..1).
struct HamadaTimes {
  double downwind_min = 0, sideways_min = 0, upwind_min = 0;
};
HamadaTimes hamadaTimes_min(double side_m, double gap_m, double wind_ms, double fireResistantShare);

/// Spread speed [m/min] in a direction at angle theta from downwind, cos_theta = cos(theta): two half
/// ellipses, downwind (semi-axes downwind and sideways speed) and upwind (upwind and sideways),
/// meeting sideways. Speeds are (a + d) / T.
double hamadaSpeed_m_min(double side_m, double gap_m, double wind_ms, double fireResistantShare, double cos_theta);

/// Factor on a calm-air spread delay in that direction under wind V: the calm speed over the windy
/// speed (< 1 downwind for any wind; Hamada's formulas give some speed-up in every direction).
double windDelayFactor(double side_m, double gap_m, double wind_ms, double fireResistantShare, double cos_theta);

/// Building side and fire-resistant share the zone-level model assumes for every zone: 10 m
/// (a small industrial building) and none fire-resistant, the worst case of Hamada's formula.
constexpr double kBuildingSide_m = 10;
constexpr double kFireResistantShare = 0;

struct SpreadLink {
  int to = -1;
  double delay_s = 0;  // after the source zone ignites
};

constexpr double kNever = std::numeric_limits<double>::infinity();

/// Ignition time of every zone: `origin` ignites at `start_s`; zone z ignites n at
/// ignition(z) + delay unless z was controlled at or before that moment (`controlled_s`, kNever when
/// not). Earliest arrival over all paths (Dijkstra). kNever for zones that never ignite.
std::vector<double> ignitionTimes(const std::vector<std::vector<SpreadLink>>& links, int origin, double start_s,
                                  const std::vector<double>& controlled_s);

}  // namespace drillsim::hazard
