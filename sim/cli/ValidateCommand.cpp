// drillsim validate: every problem of each scenario, its park and the substance table, at once.
#include <iostream>

#include "scenarios/I18n.hpp"
#include "scenarios/Validation.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"

namespace drillsim::cli {

namespace {
const std::vector<OptionSpec> kOptions = {
    {"substances", true, i18n::kNoop("substance table to use (default: the bundled data/substances.csv)"), "FILE"},
    {"quiet", false, i18n::kNoop("print errors only, not warnings nor the per-file verdict"), ""},
    {"strict", false, i18n::kNoop("treat warnings as errors (exit 2 when any is found)"), ""},
};
}  // namespace

std::string helpValidate() {
  return std::string(tr("Usage: drillsim validate SCENARIO.yaml... [options]\n\n"
         "Loads each scenario with its park geodata and the substance table and reports every\n"
         "problem found, each as FILE:LINE:COLUMN (or FILE: layer L, feature ID): error|warning:\n"
         "KEY: what was expected and what was found.\n\n")) +
         describeOptions(kOptions) + tr("\nExit codes: 0 all files valid (warnings allowed unless --strict), 2 a file is invalid,\n"
         "64 bad command line.\n");
}

int runValidate(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  if (args.positional().empty()) throw UsageError(tr("expected at least one scenario file"));
  const bool quiet = args.flag("quiet"), strict = args.flag("strict");
  int status = kExitOk;
  for (const auto& file : args.positional()) {
    Diagnostics diagnostics;
    auto loaded = loadAndValidate(file, diagnostics, args.value("substances", ""));
    for (const auto& d : diagnostics.items())
      if (!quiet || d.severity == Severity::Error) std::cerr << d.str() << "\n";
    const bool bad = !loaded || (strict && diagnostics.warningCount() > 0);
    if (bad) status = kExitInvalidInput;
    Diagnostics validity;  // where the models are least reliable: shown, never a reason to refuse
    if (loaded) validityWarnings(*loaded, validity);
    if (!quiet)
      for (const auto& d : validity.items()) std::cerr << d.str() << "\n";
    if (!quiet) {
      const long errors = long(diagnostics.errorCount()), warnings = long(diagnostics.warningCount());
      const std::string onValidity =
          validity.warningCount() ? tf("; {1} on the models' validity, see README \"Validity limits\"", validity.warningCount()) : "";
      // TRANSLATORS: the verdict line: file, "ok" or "INVALID", the errors, the warnings, then the
      // validity warnings' clause (which begins with its own separator) or nothing.
      std::cout << tf("{1}: {2} ({3}, {4}{5})", file, bad ? tr("INVALID") : tr("ok"), tnf("{1} error", "{1} errors", errors, errors),
                      tnf("{1} warning", "{1} warnings", warnings, warnings), onValidity)
                << "\n";
    }
  }
  return status;
}

}  // namespace drillsim::cli
