#include "scenarios/Distribution.hpp"

#include "scenarios/NumberText.hpp"

#include <cassert>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

namespace drillsim {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;


}  // namespace

std::size_t pickIndex(const std::vector<double>& weights, std::size_t count, double p) {
  if (weights.empty()) return static_cast<std::size_t>(std::min<double>(double(count) - 1, std::floor(p * double(count))));
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double cumulative = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    cumulative += weights[i];
    if (p * total < cumulative) return i;
  }
  return weights.size() - 1;
}

double standardNormalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double standardNormalQuantile(double p) {
  assert(p > 0 && p < 1);
  // P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution
  // function" (2003): relative error below 1.15e-9 before refinement.
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  constexpr double pLow = 0.02425;
  double x;
  if (p < pLow) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - pLow) {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // One Halley step on Phi(x) - p (Acklam's refinement), computed from the nearer tail.
  const double e = x < 0 ? 0.5 * std::erfc(-x / std::sqrt(2.0)) - p : p - 1 + 0.5 * std::erfc(x / std::sqrt(2.0));
  const double u = (x < 0 ? e : -e) * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

double Distribution::quantile(double p) const {
  return std::visit(
      Overloaded{
          [](const Constant& k) { return k.value; },
          [p](const Uniform& k) { return k.a + p * (k.b - k.a); },
          [p](const Triangular& k) {
            const double width = k.max - k.min;
            if (width <= 0) return k.min;
            const double split = (k.mode - k.min) / width;
            return p < split ? k.min + std::sqrt(p * width * (k.mode - k.min))
                             : k.max - std::sqrt((1 - p) * width * (k.max - k.mode));
          },
          [p](const Normal& k) { return k.mean + k.sd * standardNormalQuantile(p); },
          [p](const LogNormal& k) { return k.median * std::exp(k.sigma * standardNormalQuantile(p)); },
          [p](const Exponential& k) { return -k.mean * std::log1p(-p); },
          [p](const Choice& k) { return k.values[pickIndex(k.weights, k.values.size(), p)]; },
      },
      kind_);
}

double Distribution::mean() const {
  return std::visit(
      Overloaded{
          [](const Constant& k) { return k.value; },
          [](const Uniform& k) { return 0.5 * (k.a + k.b); },
          [](const Triangular& k) { return (k.min + k.mode + k.max) / 3; },
          [](const Normal& k) { return k.mean; },
          [](const LogNormal& k) { return k.median * std::exp(k.sigma * k.sigma / 2); },
          [](const Exponential& k) { return k.mean; },
          [](const Choice& k) {
            if (k.weights.empty())
              return std::accumulate(k.values.begin(), k.values.end(), 0.0) / double(k.values.size());
            const double total = std::accumulate(k.weights.begin(), k.weights.end(), 0.0);
            return std::inner_product(k.values.begin(), k.values.end(), k.weights.begin(), 0.0) / total;
          },
      },
      kind_);
}

double Distribution::lowest() const {
  return std::visit(Overloaded{
                        [](const Constant& k) { return k.value; },
                        [](const Uniform& k) { return k.a; },
                        [](const Triangular& k) { return k.min; },
                        [](const Normal& k) { return k.sd > 0 ? -kInf : k.mean; },
                        [](const LogNormal& k) { return k.sigma > 0 ? 0.0 : k.median; },
                        [](const Exponential&) { return 0.0; },
                        [](const Choice& k) {
                          double m = kInf;
                          for (std::size_t i = 0; i < k.values.size(); ++i)
                            if (k.weights.empty() || k.weights[i] > 0) m = std::min(m, k.values[i]);
                          return m;
                        },
                    },
                    kind_);
}

double Distribution::highest() const {
  return std::visit(Overloaded{
                        [](const Constant& k) { return k.value; },
                        [](const Uniform& k) { return k.b; },
                        [](const Triangular& k) { return k.max; },
                        [](const Normal& k) { return k.sd > 0 ? kInf : k.mean; },
                        [](const LogNormal& k) { return k.sigma > 0 ? kInf : k.median; },
                        [](const Exponential& k) { return k.mean > 0 ? kInf : 0.0; },
                        [](const Choice& k) {
                          double m = -kInf;
                          for (std::size_t i = 0; i < k.values.size(); ++i)
                            if (k.weights.empty() || k.weights[i] > 0) m = std::max(m, k.values[i]);
                          return m;
                        },
                    },
                    kind_);
}

std::string Distribution::describe() const {
  return std::visit(
      Overloaded{
          [](const Constant& k) { return significantNumber(k.value, 12); },
          [](const Uniform& k) { return "uniform(" + significantNumber(k.a, 12) + ", " + significantNumber(k.b, 12) + ")"; },
          [](const Triangular& k) {
            return "triangular(" + significantNumber(k.min, 12) + ", " + significantNumber(k.mode, 12) + ", " + significantNumber(k.max, 12) + ")";
          },
          [](const Normal& k) { return "normal(mean " + significantNumber(k.mean, 12) + ", sd " + significantNumber(k.sd, 12) + ")"; },
          [](const LogNormal& k) {
            return "lognormal(median " + significantNumber(k.median, 12) + ", sigma " + significantNumber(k.sigma, 12) + ")";
          },
          [](const Exponential& k) { return "exponential(mean " + significantNumber(k.mean, 12) + ")"; },
          [](const Choice& k) {
            std::string s = "choice(";
            for (std::size_t i = 0; i < k.values.size(); ++i) {
              s += (i ? ", " : "") + significantNumber(k.values[i], 12);
              if (!k.weights.empty()) s += ":" + significantNumber(k.weights[i], 12);
            }
            return s + ")";
          },
      },
      kind_);
}

}  // namespace drillsim
