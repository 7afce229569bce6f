#pragma once
// Command-line parsing shared by every subcommand: options `--name value` or `--name=value`,
// flags, and positional arguments; unknown options are usage errors with a did-you-mean.

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace drillsim::cli {

/// Exit codes of `drillsim` (documented in the README).
enum ExitCode : int {
  kExitOk = 0,
  kExitInvalidInput = 2,   // an input file is unreadable or fails validation
  kExitUsage = 64,         // the command line itself is wrong (sysexits EX_USAGE)
  kExitCannotWrite = 73,   // an output file cannot be written (sysexits EX_CANTCREAT)
  kExitInternal = 70,      // a defect in DrillSim (sysexits EX_SOFTWARE)
  kExitTooLarge = 69,      // the scenario needs more memory than there is (sysexits EX_UNAVAILABLE)
  kExitJobLost = 75,       // an MPI batch lost a rank; what finished is stored (sysexits EX_TEMPFAIL)
};

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;        // without dashes
  bool takesValue = false;
  std::string help;
  std::string valueName;   // e.g. "FILE"
};

class Args {
 public:
  /// Parses argv[first..]; throws UsageError on unknown or malformed options.
  Args(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs);

  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  std::string value(const std::string& name, const std::string& fallback) const;
  /// One of `choices`, or a UsageError.
  std::string choice(const std::string& name, const std::vector<std::string>& choices, const std::string& fallback) const;
  /// The option's value as a number in [low, high], or `fallback` when it is absent; a
  /// UsageError naming the option, the range and what was found otherwise.
  double number(const std::string& name, double low, double high, double fallback) const;
  /// The option's value as a whole number >= 0, or `fallback` when absent.
  std::uint64_t count(const std::string& name, std::uint64_t fallback) const;
  /// --jobs: worker processes, by default one per core the machine has; a UsageError outside
  /// 1 ... 1024.
  int jobs() const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> values_;
  std::map<std::string, bool> flags_;
  std::vector<std::string> positional_;
};

/// The "Options:" block of a help text.
std::string describeOptions(const std::vector<OptionSpec>& specs);

}  // namespace drillsim::cli
