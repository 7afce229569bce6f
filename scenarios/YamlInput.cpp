#include "scenarios/YamlInput.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <cmath>
#include <set>
#include <sstream>

#include "scenarios/I18n.hpp"

namespace drillsim {

namespace {
std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

std::string fmt(double v) {
  std::ostringstream os;
  os.precision(10);
  os << v;
  return os.str();
}

// A number followed by letters ("7200s", "1.5 kg/s") is almost always a unit typed into the value.
bool looksLikeNumberWithUnit(const std::string& s) {
  double v;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end != s.data() && end != s.data() + s.size();
}

const std::vector<std::string> kForms = {"uniform", "triangular", "normal", "lognormal", "exponential", "choice"};
}  // namespace

bool Bound::admits(double x) const {
  switch (kind) {
    case Kind::None: return true;
    case Kind::AtLeast: return x >= value;
    case Kind::Above: return x > value;
  }
  return true;
}

std::string Bound::describe() const {
  switch (kind) {
    case Kind::None: return tr("a number");
    case Kind::AtLeast: return tf("a number >= {1}", fmt(value));
    case Kind::Above: return tf("a number > {1}", fmt(value));
  }
  return tr("a number");
}

Location YamlInput::where(const YAML::Node& node) const {
  Location loc{file_, 0, 0, {}};
  try {
    YAML::Mark m = node.Mark();
    if (node.IsNull())
      if (auto it = blankValueKeys_.find(m.pos); it != blankValueKeys_.end()) m = it->second;
    if (!m.is_null()) {
      loc.line = m.line + 1;  // yaml-cpp counts from 0
      loc.column = m.column + 1;
    }
  } catch (const YAML::Exception&) {
    // an absent node has no mark: the file alone is the best place we can name
  }
  return loc;
}

void YamlInput::error(const YAML::Node& node, const std::string& key, const std::string& message) {
  diagnostics_.error(where(node), key, message);
}

void YamlInput::warning(const YAML::Node& node, const std::string& key, const std::string& message) {
  diagnostics_.warning(where(node), key, message);
}

std::string YamlInput::describe(const YAML::Node& node) {
  // TRANSLATORS: what was found where a value was expected, as in "expected a list, found nothing".
  if (!node.IsDefined() || node.IsNull()) return tc("found", "nothing");
  if (node.IsScalar()) return inQuotes(node.Scalar());
  if (node.IsSequence()) return tc("found", "a list");
  if (node.IsMap()) return tc("found", "a mapping");
  return tc("found", "something else");
}

bool YamlInput::checkMap(const YAML::Node& node, const std::string& path,
                         std::initializer_list<const char*> required, std::initializer_list<const char*> optional) {
  if (!node.IsMap()) {
    error(node, path, tf("expected a mapping of keys to values, found {1}", describe(node)));
    return false;
  }
  std::vector<std::string> known;
  for (const char* k : required) known.emplace_back(k);
  for (const char* k : optional) known.emplace_back(k);
  std::map<std::string, int> seen;  // key -> line of its first appearance
  std::set<std::string> suggested;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) {
      error(it->first, path, tf("expected a key name, found {1}", describe(it->first)));
      continue;
    }
    const std::string key = it->first.Scalar();
    const int line = where(it->first).line;
    if (it->second.IsNull()) blankValueKeys_[it->second.Mark().pos] = it->first.Mark();
    if (auto [pos, inserted] = seen.emplace(key, line); !inserted) {
      error(it->first, join(path, key), tf("duplicate key; it was already given at line {1}", pos->second));
      continue;
    }
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      error(it->first, join(path, key), tf("unknown key {1}; {2}", inQuotes(key), expectedOneOf(key, known)));
      suggested.insert(didYouMean(key, known));
    }
  }
  // A required key that an unknown key was taken for ("horizon" for "horizon_s") is already
  // reported with its fix; saying it is missing as well would be the same mistake twice.
  for (const char* k : required)
    if (!seen.count(k) && !suggested.count(k)) error(node, join(path, k), tr("missing; this key is required here"));
  return true;
}

bool YamlInput::checkSequence(const YAML::Node& node, const std::string& path) {
  if (node.IsSequence()) return true;
  error(node, path, tf("expected a list, found {1}", describe(node)));
  return false;
}

std::optional<double> YamlInput::number(const YAML::Node& node, const std::string& path, Bound bound) {
  if (!node.IsScalar()) {
    error(node, path, tf("expected {1}, found {2}", bound.describe(), describe(node)));
    return std::nullopt;
  }
  const std::string& s = node.Scalar();
  double v = 0;
  const char* begin = s.data() + (s.size() > 1 && s[0] == '+' ? 1 : 0);
  auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v) || s.empty()) {
    error(node, path,
          looksLikeNumberWithUnit(s)
              ? tf("expected {1}, found {2} (write the number alone: the unit is in the key's name)", bound.describe(),
                   inQuotes(s))
              : tf("expected {1}, found {2}", bound.describe(), inQuotes(s)));
    return std::nullopt;
  }
  if (!bound.admits(v)) {
    error(node, path, tf("expected {1}, found {2}", bound.describe(), fmt(v)));
    return std::nullopt;
  }
  return v;
}

std::optional<long long> YamlInput::integer(const YAML::Node& node, const std::string& path, long long min,
                                            long long max) {
  const std::string expected = tf("a whole number from {1} to {2}", min, max);
  if (!node.IsScalar()) {
    error(node, path, tf("expected {1}, found {2}", expected, describe(node)));
    return std::nullopt;
  }
  const std::string& s = node.Scalar();
  long long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || v < min || v > max) {
    error(node, path, tf("expected {1}, found {2}", expected, inQuotes(s)));
    return std::nullopt;
  }
  return v;
}

std::optional<std::uint64_t> YamlInput::unsignedInteger(const YAML::Node& node, const std::string& path) {
  const std::string expected = tf("a whole number from {1} to {2}", 0, "18446744073709551615");
  if (!node.IsScalar()) {
    error(node, path, tf("expected {1}, found {2}", expected, describe(node)));
    return std::nullopt;
  }
  const std::string& s = node.Scalar();
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) {
    error(node, path, tf("expected {1}, found {2}", expected, inQuotes(s)));
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> YamlInput::text(const YAML::Node& node, const std::string& path) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    error(node, path, tf("expected a text value, found {1}", describe(node)));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<std::string> YamlInput::word(const YAML::Node& node, const std::string& path,
                                           const std::vector<std::string>& choices) {
  auto s = text(node, path);
  if (!s) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *s) == choices.end()) {
    // TRANSLATORS: {1} is "expected one of a, b, c (did you mean 'b'?)", translated on its own.
    error(node, path, tf("{1}, found {2}", expectedOneOf(*s, choices), inQuotes(*s)));
    return std::nullopt;
  }
  return s;
}

std::vector<double> YamlInput::numberList(const YAML::Node& node, const std::string& path, std::size_t count,
                                          bool* ok) {
  std::vector<double> values;
  *ok = false;
  if (!node.IsSequence() || (count && node.size() != count)) {
    std::string expected = count ? tf("a list of {1} numbers", count) : std::string(tr("a list of numbers"));
    std::string found = node.IsSequence() ? tf("a list of {1}", node.size()) : describe(node);
    error(node, path, tf("expected {1}, found {2}", expected, found));
    return values;
  }
  bool good = node.size() > 0;
  if (!good) error(node, path, tr("expected a list of numbers, found an empty list"));
  for (std::size_t i = 0; i < node.size(); ++i) {
    auto v = number(node[i], path + "[" + std::to_string(i) + "]");
    good = good && v.has_value();
    values.push_back(v.value_or(0));
  }
  *ok = good;
  return values;
}

std::optional<Distribution> YamlInput::distributionBody(const std::string& form, const YAML::Node& body,
                                                        const std::string& path) {
  const std::string p = join(path, form);
  bool ok = false;
  if (form == "uniform") {
    auto v = numberList(body, p, 2, &ok);
    if (!ok) return std::nullopt;
    if (v[0] > v[1]) {
      error(body, p, tf("expected [low, high] with low <= high, found [{1}, {2}]", fmt(v[0]), fmt(v[1])));
      return std::nullopt;
    }
    return Distribution(Uniform{v[0], v[1]});
  }
  if (form == "triangular") {
    auto v = numberList(body, p, 3, &ok);
    if (!ok) return std::nullopt;
    if (!(v[0] <= v[1] && v[1] <= v[2]) || v[0] == v[2]) {
      error(body, p, tf("expected [min, mode, max] with min <= mode <= max and min < max, found [{1}, {2}, {3}]", fmt(v[0]),
                        fmt(v[1]), fmt(v[2])));
      return std::nullopt;
    }
    return Distribution(Triangular{v[0], v[1], v[2]});
  }
  if (form == "normal") {
    if (!checkMap(body, p, {"mean", "sd"}, {})) return std::nullopt;
    auto mean = body["mean"] ? number(body["mean"], p + ".mean") : std::nullopt;
    auto sd = body["sd"] ? number(body["sd"], p + ".sd", Bound::atLeast(0)) : std::nullopt;
    if (!mean || !sd) return std::nullopt;
    return Distribution(Normal{*mean, *sd});
  }
  if (form == "lognormal") {
    if (!checkMap(body, p, {"median", "sigma"}, {})) return std::nullopt;
    auto median = body["median"] ? number(body["median"], p + ".median", Bound::above(0)) : std::nullopt;
    auto sigma = body["sigma"] ? number(body["sigma"], p + ".sigma", Bound::atLeast(0)) : std::nullopt;
    if (!median || !sigma) return std::nullopt;
    return Distribution(LogNormal{*median, *sigma});
  }
  if (form == "exponential") {
    if (!checkMap(body, p, {"mean"}, {})) return std::nullopt;
    auto mean = body["mean"] ? number(body["mean"], p + ".mean", Bound::above(0)) : std::nullopt;
    if (!mean) return std::nullopt;
    return Distribution(Exponential{*mean});
  }
  // choice
  if (!checkMap(body, p, {"values"}, {"weights"})) return std::nullopt;
  if (!body["values"]) return std::nullopt;
  Choice c;
  c.values = numberList(body["values"], p + ".values", 0, &ok);
  if (!ok) return std::nullopt;
  if (body["weights"]) {
    c.weights = numberList(body["weights"], p + ".weights", c.values.size(), &ok);
    if (!ok) return std::nullopt;
    double total = 0;
    for (double w : c.weights) {
      if (w < 0) {
        error(body["weights"], p + ".weights", tf("expected weights >= 0, found {1}", fmt(w)));
        return std::nullopt;
      }
      total += w;
    }
    if (total <= 0) {
      error(body["weights"], p + ".weights", tr("expected at least one weight > 0, found all zero"));
      return std::nullopt;
    }
  }
  return Distribution(c);
}

std::optional<Distribution> YamlInput::distribution(const YAML::Node& node, const std::string& path, Bound bound) {
  std::optional<Distribution> d;
  if (node.IsScalar()) {
    auto v = number(node, path, bound);
    return v ? std::optional<Distribution>(Distribution(*v)) : std::nullopt;
  }
  if (!node.IsMap() || node.size() != 1) {
    if (node.IsMap() && node.size() > 1) {
      std::string keys;  // the keys given, "a and b" (the file's own words)
      for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string("?");
        keys = it == node.begin() ? key : tf("{1} and {2}", keys, key);
      }
      error(node, path,
            tf("expected a number or one distribution (uniform, triangular, normal, lognormal, exponential, choice), found "
               "both {1}; keep one",
               keys));
    } else {
      error(node, path,
            tf("expected a number or one distribution (uniform, triangular, normal, lognormal, exponential, choice), found "
               "{1}",
               node.IsMap() ? std::string(tr("an empty mapping")) : describe(node)));
    }
    return std::nullopt;
  }
  const auto entry = *node.begin();
  const std::string form = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
  if (std::find(kForms.begin(), kForms.end(), form) == kForms.end()) {
    error(entry.first, join(path, form),
          form == "gaussian" || form == "gauss"
              ? tf("unknown distribution {1}; {2} (a Gaussian is normal: {mean: m, sd: s})", inQuotes(form),
                   expectedOneOf(form, kForms))
              : tf("unknown distribution {1}; {2}", inQuotes(form), expectedOneOf(form, kForms)));
    return std::nullopt;
  }
  d = distributionBody(form, entry.second, path);
  if (!d) return d;
  // Every value the distribution can give must respect the quantity's bound.
  const double low = d->lowest();
  const bool openBelow = std::holds_alternative<LogNormal>(d->kind()) || std::holds_alternative<Exponential>(d->kind());
  const bool admitted = bound.admits(low) || (openBelow && low >= bound.value);
  if (!admitted) {
    if (std::isinf(low)) {
      const auto& n = std::get<Normal>(d->kind());
      const double p = standardNormalCdf((bound.value - n.mean) / n.sd);
      if (p > 1e-3)
        warning(node, path, tf("{1} falls below {2} with probability {3} %; such draws are taken as {2}", d->describe(),
                               fmt(bound.value), fmt(std::round(p * 1000) / 10)));
    } else {
      error(node, path,
            tf("expected every value to be {1}, but {2} can give {3}", bound.describe(), d->describe(), fmt(low)));
      return std::nullopt;
    }
  }
  return d;
}

}  // namespace drillsim
