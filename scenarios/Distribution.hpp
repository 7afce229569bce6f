#pragma once
// Distributions of uncertain scenario inputs (DESIGN.md section 6): a plain number, uniform,
// triangular, normal, lognormal, exponential, or a discrete choice (a wind rose is a choice).
// Every draw is the inverse CDF of one uniform number from a named stream, so the same stream
// gives monotonically related values under every plan: common random numbers stay synchronised.

#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "scenarios/RandomStream.hpp"

namespace drillsim {

struct Constant {
  double value = 0;
  bool operator==(const Constant&) const = default;
};
struct Uniform {
  double a = 0, b = 0;  // bounds, a <= b
  bool operator==(const Uniform&) const = default;
};
struct Triangular {
  double min = 0, mode = 0, max = 0;
  bool operator==(const Triangular&) const = default;
};
struct Normal {
  double mean = 0, sd = 0;
  bool operator==(const Normal&) const = default;
};
struct LogNormal {
  double median = 0, sigma = 0;  // ln X ~ N(ln median, sigma^2)
  bool operator==(const LogNormal&) const = default;
};
struct Exponential {
  double mean = 0;
  bool operator==(const Exponential&) const = default;
};
struct Choice {
  std::vector<double> values;
  std::vector<double> weights;  // same length as values, non-negative, not all zero
  bool operator==(const Choice&) const = default;
};

class Distribution {
 public:
  using Kind = std::variant<Constant, Uniform, Triangular, Normal, LogNormal, Exponential, Choice>;

  Distribution() = default;
  Distribution(double value) : kind_(Constant{value}) {}  // NOLINT: a plain number is a distribution
  Distribution(Kind kind) : kind_(std::move(kind)) {}     // NOLINT
  template <class T>
    requires(!std::is_same_v<std::decay_t<T>, Kind> && std::is_constructible_v<Kind, T>)
  Distribution(T kind) : kind_(std::move(kind)) {}  // NOLINT: Uniform{...} is a distribution

  /// One draw: quantile(stream.uniform01()).
  double sample(RandomStream& stream) const { return quantile(stream.uniform01()); }
  /// One draw raised to `floor` when below it (a normal delay can dip below zero; the loader warns).
  double sampleAtLeast(RandomStream& stream, double floor) const {
    const double v = sample(stream);
    return v < floor ? floor : v;
  }
  /// Inverse CDF at probability p in (0, 1).
  double quantile(double p) const;
  double mean() const;
  /// Smallest and largest possible values (may be infinite).
  double lowest() const;
  double highest() const;
  bool isConstant() const { return std::holds_alternative<Constant>(kind_); }
  /// Human-readable form, e.g. "lognormal(median 120, sigma 0.6)".
  std::string describe() const;

  const Kind& kind() const { return kind_; }
  bool operator==(const Distribution&) const = default;

 private:
  Kind kind_{Constant{0.0}};
};

/// The index drawn at probability p from `count` values of cumulative `weights` (equal when empty).
std::size_t pickIndex(const std::vector<double>& weights, std::size_t count, double p);

/// A discrete choice among the words of one vocabulary (Pasquill classes, skies: E an enum of
/// scenarios/Vocabulary.hpp), drawn like Choice. Never empty once read.
template <class E>
struct WordChoice {
  std::vector<E> values;
  std::vector<double> weights;  // empty for a single fixed value, or equal weights

  const E& quantile(double p) const { return values[pickIndex(weights, values.size(), p)]; }
  const E& sample(RandomStream& stream) const { return quantile(stream.uniform01()); }
  bool operator==(const WordChoice&) const = default;
};

/// Standard normal inverse CDF, accurate to about 1e-15 (Acklam's rational approximation, 2003,
/// refined by one Halley step against std::erfc).
double standardNormalQuantile(double p);
/// Standard normal CDF Phi(x).
double standardNormalCdf(double x);

}  // namespace drillsim
