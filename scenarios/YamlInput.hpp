#pragma once
// Checked reading of YAML nodes: every accessor reports a problem at the node's line and column
// with its key path, what was expected and what was found, and goes on so that one pass finds
// every problem (DESIGN.md section 6, "Bad input").

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/Distribution.hpp"

namespace drillsim {

/// Lower bound a number or every value of a distribution must respect.
struct Bound {
  enum class Kind { None, AtLeast, Above };
  Kind kind = Kind::None;
  double value = 0;
  static Bound none() { return {}; }
  static Bound atLeast(double v) { return {Kind::AtLeast, v}; }
  static Bound above(double v) { return {Kind::Above, v}; }
  bool admits(double x) const;
  std::string describe() const;  // "a number >= 0", "a number > 0", "a number"
};

class YamlInput {
 public:
  YamlInput(std::string file, Diagnostics& diagnostics) : file_(std::move(file)), diagnostics_(diagnostics) {}

  Location where(const YAML::Node& node) const;
  void error(const YAML::Node& node, const std::string& key, const std::string& message);
  void warning(const YAML::Node& node, const std::string& key, const std::string& message);

  /// Reports unknown keys (with a did-you-mean), duplicate keys and missing required keys.
  /// Returns false when `node` is not a mapping (already reported).
  bool checkMap(const YAML::Node& node, const std::string& path, std::initializer_list<const char*> required,
                std::initializer_list<const char*> optional);
  bool checkSequence(const YAML::Node& node, const std::string& path);

  std::optional<double> number(const YAML::Node& node, const std::string& path, Bound bound = Bound::none());
  std::optional<long long> integer(const YAML::Node& node, const std::string& path, long long min, long long max);
  std::optional<std::uint64_t> unsignedInteger(const YAML::Node& node, const std::string& path);
  std::optional<std::string> text(const YAML::Node& node, const std::string& path);
  /// One of `choices`, reported with a did-you-mean otherwise.
  std::optional<std::string> word(const YAML::Node& node, const std::string& path,
                                  const std::vector<std::string>& choices);
  /// A plain number or one of the distribution forms of DESIGN.md section 6.
  std::optional<Distribution> distribution(const YAML::Node& node, const std::string& path,
                                           Bound bound = Bound::none());

  /// Kind of a node in words for messages: "a mapping", "a list", "the text 'abc'", "nothing".
  static std::string describe(const YAML::Node& node);

 private:
  std::optional<Distribution> distributionBody(const std::string& form, const YAML::Node& body,
                                               const std::string& path);
  std::vector<double> numberList(const YAML::Node& node, const std::string& path, std::size_t count, bool* ok);

  std::string file_;
  Diagnostics& diagnostics_;
  // A blank value ("horizon_s:" with nothing after it) is a null node whose mark points at the
  // next token; messages about it should point at its key instead. Mark position -> key's mark.
  std::map<int, YAML::Mark> blankValueKeys_;
};

}  // namespace drillsim
