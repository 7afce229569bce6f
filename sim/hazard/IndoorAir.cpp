#include "sim/hazard/IndoorAir.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace drillsim::hazard {

namespace {
// x - (1 - e^(-x)) = x + expm1(-x) for x >= 0, without cancellation at small x: the series
// sum_{k>=2} (-x)^k / k! below x = 1 (terms fall below 1e-17 of the sum within ~18 terms).
double excessOverLinear(double x) {
  if (x >= 1) return x + std::expm1(-x);
  double term = x * x / 2, sum = 0;
  for (int k = 3; term != 0 && std::abs(term) > 1e-18 * std::abs(sum); ++k) {
    sum += term;
    term *= -x / k;
  }
  return sum;
}
}  // namespace

IndoorStep indoorStep(double cIn, double cOut, double lambda_per_s, double dt_s) {
  if (!(dt_s > 0)) return {cIn, 0};
  if (!(lambda_per_s > 0)) return {cIn, cIn * dt_s};
  const double x = lambda_per_s * dt_s;
  const double gone = -std::expm1(-x);  // 1 - e^(-lambda dt), accurate for small lambda dt
  const double gap = cOut - cIn;
  // C_in + (C_out - C_in)(1 - e^(-x)) and C_in dt + (C_out - C_in)(dt - (1 - e^(-x))/lambda): the
  // same closed forms as in the header, arranged so that neither cancels when lambda dt is small.
  return {cIn + gap * gone, cIn * dt_s + gap * excessOverLinear(x) / lambda_per_s};
}

LeakageCoefficients ashraeBasicCoefficients(Storeys storeys, ShelterClass shelter) {
  // ASHRAE HoF 2001 ch. 26 / 2005 ch. 27 basic model, via the EnergyPlus I/O Reference (IndoorAir.hpp).
  static constexpr std::array<double, 3> stack = {0.000145, 0.000290, 0.000435};
  static constexpr std::array<std::array<double, 3>, 5> wind = {{
      {0.000319, 0.000420, 0.000494},  // shelter class 1
      {0.000246, 0.000325, 0.000382},  // 2
      {0.000174, 0.000231, 0.000271},  // 3
      {0.000104, 0.000137, 0.000161},  // 4
      {0.000032, 0.000042, 0.000049},  // 5
  }};
  const auto s = static_cast<std::size_t>(storeys);
  const auto c = static_cast<std::size_t>(static_cast<int>(shelter) - 1);
  return {stack[s], wind[c][s]};
}

double infiltrationFlow_m3_s(double leakageArea_cm2, double deltaT_K, double windSpeed_ms, LeakageCoefficients c) {
  if (!(leakageArea_cm2 > 0)) return 0;
  // A_L [cm2] sqrt(...) is in L/s; / 1000 to m3/s.
  return leakageArea_cm2 / 1000 * std::sqrt(c.stack * std::abs(deltaT_K) + c.wind * windSpeed_ms * windSpeed_ms);
}

double airChangeRate_per_s(double leakageArea_cm2, double volume_m3, double deltaT_K, double windSpeed_ms,
                           LeakageCoefficients c) {
  if (!(volume_m3 > 0)) return 0;
  return infiltrationFlow_m3_s(leakageArea_cm2, deltaT_K, windSpeed_ms, c) / volume_m3;
}

bool airingOutHelps(double cIn, double cOut) { return cOut < cIn; }

std::vector<double> indoorStepMeans(std::span<const double> outdoor, double achShut, double achAired, bool airsOut,
                                    double dt_s) {
  const double keepShut = std::exp(-achShut / 3600.0 * dt_s);
  const double keepAired = std::exp(-achAired / 3600.0 * dt_s);
  std::vector<double> means(outdoor.size(), 0.0);
  bool aired = false;
  double inside = 0;
  for (std::size_t k = 0; k < outdoor.size(); ++k) {
    const double outside = outdoor[k];
    aired = aired || (airsOut && airingOutHelps(inside, outside));
    const double next = outside + (inside - outside) * (aired ? keepAired : keepShut);
    means[k] = (inside + next) / 2;
    inside = next;
  }
  return means;
}

std::optional<std::size_t> firstAiringOutSample(std::span<const double> cIn, std::span<const double> cOut) {
  const std::size_t n = std::min(cIn.size(), cOut.size());
  for (std::size_t i = 0; i < n; ++i)
    if (airingOutHelps(cIn[i], cOut[i])) return i;
  return std::nullopt;
}

}  // namespace drillsim::hazard
