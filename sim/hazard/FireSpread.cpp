#include "sim/hazard/FireSpread.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>

namespace drillsim::hazard {

HamadaTimes hamadaTimes_min(double a, double d, double V, double fb) {
  // T = [(1 - f_b)(3 + 0.375 a + 8 d / w) + f_b (5 + 0.625 a + 16 d / w)] / divisor, with the wind
  // term w and the divisor of each direction (Himoto & Tanaka 2008, eqs. for Hamada's model).
  auto time = [&](double w, double divisor) {
    return ((1 - fb) * (3 + 0.375 * a + 8 * d / w) + fb * (5 + 0.625 * a + 16 * d / w)) / divisor;
  };
  HamadaTimes t;
  t.downwind_min = time(25 + 2.5 * V, 1.5 * (1 + 0.1 * V + 0.007 * V * V));
  t.sideways_min = time(5 + 0.25 * V, 1 + 0.005 * V * V);
  t.upwind_min = time(5 + 0.2 * V, 1 + 0.002 * V * V);
  return t;
}

double hamadaSpeed_m_min(double a, double d, double V, double fb, double cos_theta) {
  const HamadaTimes t = hamadaTimes_min(a, d, V, fb);
  const double c = std::clamp(cos_theta, -1.0, 1.0), s = std::sqrt(1 - c * c);
  const double along = (a + d) / (c >= 0 ? t.downwind_min : t.upwind_min);
  const double side = (a + d) / t.sideways_min;
  // On the half ellipse x = along cos(phi), y = side sin(phi), the point in direction theta.
  return 1 / std::sqrt((c / along) * (c / along) + (s / side) * (s / side));
}

double windDelayFactor(double a, double d, double V, double fb, double cos_theta) {
  return hamadaSpeed_m_min(a, d, 0, fb, cos_theta) / hamadaSpeed_m_min(a, d, V, fb, cos_theta);
}

std::vector<double> ignitionTimes(const std::vector<std::vector<SpreadLink>>& links, int origin, double start_s,
                                  const std::vector<double>& controlled_s) {
  std::vector<double> t(links.size(), kNever);
  if (origin < 0 || std::size_t(origin) >= links.size()) return t;
  using Item = std::pair<double, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  t[std::size_t(origin)] = start_s;
  queue.push({start_s, origin});
  while (!queue.empty()) {
    const auto [at, z] = queue.top();
    queue.pop();
    if (at > t[std::size_t(z)]) continue;
    for (const SpreadLink& l : links[std::size_t(z)]) {
      const double reach = at + l.delay_s;
      if (reach >= controlled_s[std::size_t(z)]) continue;  // put under control first
      if (reach < t[std::size_t(l.to)]) {
        t[std::size_t(l.to)] = reach;
        queue.push({reach, l.to});
      }
    }
  }
  return t;
}

}  // namespace drillsim::hazard
