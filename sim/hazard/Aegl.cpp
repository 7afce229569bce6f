#include "sim/hazard/Aegl.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace drillsim::hazard {

bool GuidelineCurve::defined() const {
  return std::any_of(value.begin(), value.end(), [](const std::optional<double>& v) { return v && *v > 0; });
}

double guidelineAt(const GuidelineCurve& curve, double duration_s) {
  std::vector<std::pair<double, double>> table;  // (duration [s], value) where tabulated
  for (std::size_t i = 0; i < kAeglDurations_s.size(); ++i)
    if (curve.value[i] && *curve.value[i] > 0) table.push_back({kAeglDurations_s[i], *curve.value[i]});
  if (table.empty()) return 0;
  const double t = std::max(duration_s, kAeglDurations_s.front());  // below 10 min: the 10 min value
  const bool scales = curve.n && *curve.n > 0;
  // Outside the tabulated durations: ten Berge's C^n t = k with the document's n.
  if (t <= table.front().first)
    return scales ? table.front().second * std::pow(table.front().first / t, 1 / *curve.n) : table.front().second;
  if (t >= table.back().first)
    return scales ? table.back().second * std::pow(table.back().first / t, 1 / *curve.n) : table.back().second;
  std::size_t i = 0;
  while (table[i + 1].first < t) ++i;
  const auto [t0, v0] = table[i];
  const auto [t1, v1] = table[i + 1];
  // The power law through both tabulated points: log C linear in log t.
  return v0 * std::pow(t / t0, std::log(v1 / v0) / std::log(t1 / t0));
}

std::vector<GuidelineSpan> guidelineSpans(const GuidelineCurve& curve) {
  if (!curve.defined()) return {};
  std::vector<double> cuts{kAeglDurations_s.front(), kAeglDurations_s.back()};
  for (std::size_t i = 0; i < kAeglDurations_s.size(); ++i)
    if (curve.value[i] && *curve.value[i] > 0) cuts.push_back(kAeglDurations_s[i]);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  // The least of the document's n (1 without one) and the local exponents so far.
  double m = curve.n && *curve.n > 0 ? *curve.n : 1.0;
  std::vector<GuidelineSpan> spans;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const double g0 = guidelineAt(curve, cuts[i]), g1 = guidelineAt(curve, cuts[i + 1]);
    const double local = g0 > g1 ? std::log(cuts[i + 1] / cuts[i]) / std::log(g0 / g1)
                                 : std::numeric_limits<double>::infinity();
    m = std::min(m, local);
    spans.push_back({cuts[i], cuts[i + 1], m});
  }
  return spans;
}

namespace {

// Whether some window of a..b steps holds a load of at least g(W)^m W, over one span.
struct SpanSearch {
  const std::vector<double>& prefix;  // prefix sums of the loads C^m dt per step
  double step_s, m;
  const GuidelineCurve& curve;

  double largest(std::size_t w) const {  // the largest load in a window of w steps
    const std::size_t steps = prefix.size() - 1;
    if (w >= steps) return prefix[steps];
    double best = 0;
    for (std::size_t k = 0; k + w <= steps; ++k) best = std::max(best, prefix[k + w] - prefix[k]);
    return best;
  }
  double threshold(std::size_t w) const {  // g(W)^m W
    const double W = double(w) * step_s;
    return std::pow(guidelineAt(curve, W), m) * W;
  }
  // S(w) grows with w and T(w) is monotone on the span, so S(b) < min(T(a), T(b)) rules [a, b]
  // out and S(a) >= T(a) or S(b) >= T(b) settles it; otherwise halve it.
  bool search(std::size_t a, std::size_t b) const {
    const double Sb = largest(b), Ta = threshold(a), Tb = threshold(b);
    if (Sb >= Tb || largest(a) >= Ta) return true;
    if (Sb < std::min(Ta, Tb) || b - a <= 1) return false;
    const std::size_t mid = a + (b - a) / 2;
    return search(a, mid) || search(mid, b);
  }
};

}  // namespace

bool exceedsGuideline(const LoadPerStep& loadPerStep, double step_s, const GuidelineCurve& curve) {
  return exceedsGuideline(loadPerStep, step_s, curve, guidelineSpans(curve));
}

bool exceedsGuideline(const LoadPerStep& loadPerStep, double step_s, const GuidelineCurve& curve,
                      const std::vector<GuidelineSpan>& spans) {
  if (!(step_s > 0)) return false;
  std::vector<double> prefix;
  double prefixExponent = -1;
  for (const GuidelineSpan& span : spans) {
    const std::vector<double>& load = loadPerStep(span.exponent);
    const std::size_t steps = load.size();
    if (steps == 0) return false;
    if (span.exponent != prefixExponent) {
      prefix.assign(steps + 1, 0.0);
      for (std::size_t k = 0; k < steps; ++k) prefix[k + 1] = prefix[k] + load[k];
      prefixExponent = span.exponent;
    }
    if (!(prefix[steps] > 0)) continue;
    // The span's windows in whole steps, from its first duration (rounded up, at least one step)
    // to its last (rounded down). A window longer than the history holds all of its load: after
    // the history nothing more is breathed.
    const std::size_t a = std::max<std::size_t>(1, std::size_t(std::ceil(span.from_s / step_s - 1e-9)));
    const std::size_t b = std::max(a, std::size_t(std::floor(span.to_s / step_s + 1e-9)));
    const SpanSearch s{prefix, step_s, span.exponent, curve};
    // Nothing to find when the whole history's load is below the span's least threshold.
    if (prefix[steps] < std::min(s.threshold(a), s.threshold(b))) continue;
    if (s.search(a, b)) return true;
  }
  return false;
}

}  // namespace drillsim::hazard
