// drillsim: the command-line tool. Each subcommand lives in its own file; main only dispatches
// and turns escaping exceptions into the documented exit codes.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/engine/Resources.hpp"

namespace drillsim::cli {

namespace {

const std::vector<Command>& commands() {
  static const std::vector<Command> list = {
      {"validate", i18n::kNoop("check scenario files, their park and the substance table"), helpValidate, runValidate},
      {"edit", i18n::kNoop("set a scenario's values by their keys, keeping the file's comments and style"), helpEdit, runEdit},
      {"info", i18n::kNoop("summarise a scenario: park, population, shelters, teams, plans"), helpInfo, runInfo},
      {"run", i18n::kNoop("run one replication of a plan and tell what happened"), helpRun, runRun},
      {"batch", i18n::kNoop("Monte Carlo replications of the plans, stored in a GeoPackage"), helpBatch, runBatch},
      {"merge", i18n::kNoop("join the shards of a batch run as a job array (batch --shard) into one store"), helpMerge, runMerge},
      {"compare", i18n::kNoop("compare the plans of a batch: intervals, paired differences"), helpCompare, runCompare},
      {"hazard", i18n::kNoop("concentrations and threat zones of a toxic release"), helpHazard, runHazard},
      {"register", i18n::kNoop("the park's hazard-source register: GB 18218 grades and AEGL reach"), helpRegister, runRegister},
      {"shelters", i18n::kNoop("evaluate a layout of shelters for the shelter committee"), helpShelters, runShelters},
      {"bound", i18n::kNoop("the quickest-flow bound: the least clearance time any plan could reach"), helpBound, runBound},
      {"drill", i18n::kNoop("the drill plan, script and evaluation form with target times; the debrief; the drill calendar"), helpDrill, runDrill},
      {"map", i18n::kNoop("draw the scenario's park as an SVG map"), helpMap, runMap},
      {"synth", i18n::kNoop("write a synthetic park and scenario of a given size"), helpSynth, runSynth},
  };
  return list;
}

std::string usage() {
  std::string s = std::string("drillsim " DRILLSIM_VERSION " - ") +
                  tr("evacuation and hazard simulation for industrial parks") + "\n\n" +
                  tr("Usage: drillsim COMMAND [ARGS...] [--lang zh|en]\n       drillsim COMMAND --help\n\nCommands:\n");
  for (const auto& c : commands()) {
    std::string name = std::string("  ") + c.name;
    name.resize(14, ' ');
    s += name + tr(c.summary) + "\n";
  }
  s += std::string("\n") + tr("Exit codes: 0 success, 2 invalid input, 64 bad command line, 70 internal error.") + "\n";
  s += tr("The language follows the locale (LANG=zh_CN.UTF-8 for Chinese); --lang zh or --lang en on any command chooses it.") +
       std::string("\n");
  return s;
}

/// Takes `--lang zh|en` (or `--lang=...`) out of the arguments, wherever it stands, and sets the
/// language from it or else from the locale. False, with the message printed, on a bad value.
bool takeLanguage(std::vector<std::string>& args) {
  i18n::setLanguage(i18n::languageFromEnvironment());
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string word;
    std::size_t take = 0;
    if (args[i] == "--lang" && i + 1 < args.size()) word = args[i + 1], take = 2;
    else if (args[i].rfind("--lang=", 0) == 0) word = args[i].substr(7), take = 1;
    else if (args[i] == "--lang") take = 1;
    if (take == 0) continue;
    i18n::Language l{};
    if (!i18n::parseLanguage(word, l)) {
      std::cerr << "drillsim: " << tf("--lang: expected zh or en, found '{1}'", word) << "\n";
      return false;
    }
    i18n::setLanguage(l);
    args.erase(args.begin() + long(i), args.begin() + long(i + take));
    --i;
  }
  return true;
}

}  // namespace

void printDiagnostics(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.items()) std::cerr << d.str() << "\n";
}

std::optional<LoadedScenario> loadScenarioArgument(const Args& args) {
  if (args.positional().size() != 1) throw UsageError(tr("expected exactly one scenario file"));
  Diagnostics diagnostics;
  auto loaded = loadAndValidate(args.positional()[0], diagnostics, args.value("substances", ""));
  if (loaded) {
    // --model, for the commands that take it (hazard, run, batch): the others keep auto.
    loaded->scenario.dispersion = *dispersionModel(args.choice("model", {"auto", "passive", "dense"}, "auto"));
    validityWarnings(*loaded, diagnostics);
  }
  printDiagnostics(diagnostics);
  return loaded;
}

const Plan& planArgument(const LoadedScenario& loaded, const std::string& id) {
  if (const Plan* plan = loaded.scenario.plan(id)) return *plan;
  std::vector<std::string> ids;
  for (const auto& p : loaded.scenario.plans) ids.push_back(p.id);
  throw UsageError(tf("--plan: unknown plan {1}; {2}", inQuotes(id), expectedOneOf(id, ids)));
}

int main(int argc, char** argv) {
  // A file grown past the process's size limit (ulimit -f) fails its write with EFBIG, which the
  // writers report like a full disk, instead of killing the process half-way.
  std::signal(SIGXFSZ, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!takeLanguage(args)) return kExitUsage;
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << usage();
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "drillsim " DRILLSIM_VERSION "\n";
    return kExitOk;
  }
  const std::string name = args[0];
  args.erase(args.begin());
  for (const auto& c : commands()) {
    if (name != c.name) continue;
    if (std::find(args.begin(), args.end(), "--help") != args.end() ||
        std::find(args.begin(), args.end(), "-h") != args.end()) {
      std::cout << c.help();
      return kExitOk;
    }
    try {
      return c.run(args);
    } catch (const UsageError& e) {
      std::cerr << "drillsim " << name << ": " << e.what() << "\n" << tf("(see drillsim {1} --help)", name) << "\n";
      return kExitUsage;
    } catch (const InputError& e) {
      printDiagnostics(e.diagnostics());
      return kExitInvalidInput;
    } catch (const OutputError& e) {
      std::cerr << "drillsim " << name << ": " << e.what() << "\n";
      return kExitCannotWrite;
    } catch (const MemorySettingError& e) {
      std::cerr << "drillsim " << name << ": " << e.what() << "\n";
      return kExitUsage;
    } catch (const ResourceError& e) {
      std::cerr << "drillsim " << name << ": " << e.what() << "\n";
      return kExitTooLarge;
    } catch (const std::exception& e) {
      std::cerr << "drillsim " << name << ": " << tr("internal error: ") << e.what() << "\n"
                << tr("This is a defect in DrillSim; please report it with the command and files used.") << "\n";
      return kExitInternal;
    }
  }
  std::vector<std::string> names;
  std::string list;  // every command: there are few, and the user is looking for one
  for (const auto& c : commands()) {
    names.push_back(c.name);
    list += (list.empty() ? "" : ", ") + std::string(c.name);
  }
  const std::string hint = didYouMean(name, names);
  std::cerr << "drillsim: " << tf("unknown command {1}; expected one of {2}", inQuotes(name), list)
            << (hint.empty() ? std::string() : tf(" (did you mean '{1}'?)", hint)) << "\n";
  return kExitUsage;
}

}  // namespace drillsim::cli

int main(int argc, char** argv) { return drillsim::cli::main(argc, argv); }
