#include "sim/cli/Args.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/I18n.hpp"

namespace drillsim::cli {

Args::Args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs) {
  std::vector<std::string> names;
  for (const auto& s : specs) names.push_back("--" + s.name);
  bool onlyPositional = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (onlyPositional || a.size() < 2 || a.compare(0, 2, "--") != 0) {
      if (!onlyPositional && a.size() > 1 && a[0] == '-' && a != "-")
        throw UsageError(tf("unknown option {1}; options start with two dashes ({2})", inQuotes(a), expectedOneOf(a, names)));
      positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      onlyPositional = true;
      continue;
    }
    std::string name = a.substr(2), value;
    bool inlineValue = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inlineValue = true;
    }
    auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) throw UsageError(tf("unknown option {1}; {2}", inQuotes("--" + name), expectedOneOf("--" + name, names)));
    if (!spec->takesValue) {
      if (inlineValue) throw UsageError(tf("option --{1} takes no value", name));
      flags_[name] = true;
      continue;
    }
    if (!inlineValue) {
      if (i + 1 >= argv.size()) throw UsageError(tf("option --{1} needs a value ({2})", name, spec->valueName));
      value = argv[++i];
    }
    values_[name] = value;
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Args::value(const std::string& name, const std::string& fallback) const {
  return value(name).value_or(fallback);
}

std::string Args::choice(const std::string& name, const std::vector<std::string>& choices,
                         const std::string& fallback) const {
  std::string v = value(name, fallback);
  if (std::find(choices.begin(), choices.end(), v) == choices.end())
    throw UsageError(tf("--{1}: {2}, found {3}", name, expectedOneOf(v, choices), inQuotes(v)));
  return v;
}

double Args::number(const std::string& name, double low, double high, double fallback) const {
  const auto text = value(name);
  if (!text) return fallback;
  std::size_t used = 0;
  double v = std::nan("");
  try {
    v = std::stod(*text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text->size() || !(v >= low && v <= high)) {
    char from[48], to[48];
    std::snprintf(from, sizeof from, "%g", low);
    std::snprintf(to, sizeof to, "%g", high);
    throw UsageError(tf("--{1}: expected a number from {2} to {3}, found '{4}'", name, from, to, *text));
  }
  return v;
}

int Args::jobs() const {
  const std::uint64_t jobs = count("jobs", std::max(1u, std::thread::hardware_concurrency()));
  if (jobs < 1 || jobs > 1024) throw UsageError(tr("--jobs: expected a whole number from 1 to 1024"));
  return int(jobs);
}

std::uint64_t Args::count(const std::string& name, std::uint64_t fallback) const {
  const auto text = value(name);
  if (!text) return fallback;
  std::size_t used = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(*text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text->size() || text->empty() || (*text)[0] == '-')
    throw UsageError(tf("--{1}: expected a whole number >= 0, found '{2}'", name, *text));
  return v;
}

std::string describeOptions(const std::vector<OptionSpec>& specs) {
  std::string s = tr("Options:\n");
  for (const auto& o : specs) {
    std::string left = "  --" + o.name + (o.takesValue ? " " + o.valueName : "");
    if (left.size() < 26) left.resize(26, ' ');
    else left += "\n" + std::string(26, ' ');
    s += left + tr(o.help.c_str()) + "\n";  // marked where each command lists its options
  }
  return s;
}

}  // namespace drillsim::cli
