// drillsim drill: a drill script (MSEL), its evaluation guide and the representative run to replay,
// from a batch of runs of one plan (sim/analysis/DrillScript.hpp).
#include <cmath>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include "scenarios/TextFile.hpp"
#include "sim/analysis/DrillDocument.hpp"
#include "sim/analysis/DrillScript.hpp"
#include "sim/batch/Batch.hpp"
#include "sim/batch/ResultStore.hpp"
#include "sim/cli/ReleaseText.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/TextTable.hpp"
#include "sim/engine/Replication.hpp"
#include "sim/hazard/HazardModel.hpp"
#include "sim/map/ParkMap.hpp"

namespace drillsim::cli {

namespace {

const std::vector<OptionSpec> kOptions = {
    {"plan", true, "the plan to drill (required)", "ID"},
    {"kind", true, "tabletop (default), functional or full-scale", "KIND"},
    {"replications", true, "runs behind the windows (default 200)", "N"},
    {"worst", false, "draw the injects from the P90 run by clearance instead of the median one", ""},
    {"name", true, "the exercise's name (default: the scenario's name and the kind)", "TEXT"},
    {"exercise-minutes", true, "the exercise's length, onto which the incident is mapped (default: 120 for a tabletop, else the incident's own time)", "MIN"},
    {"out", true, "folder for msel.csv, drill.html, drill.json and replay.json", "DIR"},
    {"seed", true, "random seed (default: the scenario's monte_carlo.seed)", "N"},
    {"jobs", true, "worker processes (default: the processors)", "J"},
    {"format", true, "text (default) or json; debrief also md (writes debrief.md)", "FORMAT"},
    {"observations", true, "debrief: the observations file (default DIR/observations.json)", "FILE"},
    {"as-of", true, "calendar: the date to judge the intervals on (default today)", "YYYY-MM-DD"},
    {"substances", true, "substance table to use (default: the bundled data/substances.csv)", "FILE"},
};

DrillKind kindArgument(const Args& args) {
  const std::string k = args.choice("kind", {"tabletop", "functional", "full-scale"}, "tabletop");
  return k == "functional" ? DrillKind::Functional : k == "full-scale" ? DrillKind::FullScale : DrillKind::Tabletop;
}

/// The drawn hazard and weather of the representative run, for the document's header.
std::vector<std::string> situation(const LoadedScenario& l, const HazardModel& hazards) {
  std::vector<std::string> out;
  const auto& w = hazards.weather();
  out.push_back("wind from " + fixed(w.windFrom_deg, 0) + " deg at " + fixed(w.windSpeed_ms, 1) + " m/s, stability class " +
                wordOf(w.stability));
  for (const DrawnRelease& r : hazards.releases())
    out.push_back(r.hazard + ": " + (r.substance ? r.substance->name_zh + " " + r.substance->name_en : std::string("release")) + ", " +
                  amountText(r) + "; AEGL-2 (60 min) reaches " + thousands(std::lround(r.aegl2Reach_m)) +
                  " m downwind");
  for (const Hazard& h : l.scenario.hazards)
    if (const auto* f = std::get_if<Fire>(&h.detail)) out.push_back(h.id + ": fire in zone " + f->zone.id);
  return out;
}

/// A tabletop module's situation map: the zones in the threat zone at the module's end shaded, its
/// orders in the note.
std::vector<std::string> moduleMaps(const LoadedScenario& l, const DrillScript& s) {
  std::vector<std::string> maps;
  for (const Module& m : s.modules) {
    MapOptions options;
    options.width_px = 900;
    options.title = "Module " + std::to_string(m.number) + ": " + m.title + " (" + drillClock(m.situation.time_s) + ")";
    for (const auto& z : m.situation.threatZones) options.zoneShare[z] = 1.0;
    options.shareLabel = "in the threat zone at " + drillClock(m.situation.time_s);
    options.note = std::to_string(m.situation.evacuating.size()) + " zones ordered to evacuate, " +
                   std::to_string(m.situation.sheltering.size()) + " to shelter in place";
    maps.push_back(parkMapSvg(l.park, l.substances, options));
  }
  return maps;
}

}  // namespace

std::string helpDrill() {
  return "Usage: drillsim drill SCENARIO.yaml --plan ID [options]\n"
         "       drillsim drill debrief DIR [--observations FILE] [--format text|md|json]\n"
         "       drillsim drill calendar SCENARIO.yaml [--as-of YYYY-MM-DD] [--format text|json]\n\n"
         "Writes a drill script for a plan: the Master Scenario Events List (MSEL) of timed injects\n"
         "that controllers hand to players, each with the action expected of them and its completion\n"
         "window (P50 and P90 over a batch of runs), contingency injects where the runs show a common\n"
         "failure (a shelter full, a road closed, a team arriving after the threat spread), and an\n"
         "evaluation guide with targets and P/S/M/U rating boxes. The injects follow the event chain of\n"
         "one representative run (the median by clearance, or the P90 with --worst), written as a\n"
         "replay file for the front end. Each inject stands at the time of its event in that run and\n"
         "goes to a party once it has been told; a tabletop is cut into modules, each with the situation,\n"
         "a map, questions for each role and the plan's answers, on the exercise's clock.\n\n"
         "debrief reads DIR/drill.json and the observations recorded while the drill was played\n"
         "(drillsim-gui --drill DIR writes DIR/observations.json) and sets each task's recorded time\n"
         "against its simulated P50 and P90, flagging tasks slower than P90; it lists the injects as\n"
         "scheduled and delivered, and the observations.\n\n"
         "calendar reads the scenario's units and the drills they held (units:, drills:) and says which\n"
         "units are due or overdue for a drill under the regulations' intervals, most urgent first:\n"
         "hazardous-chemical units every half year and government bodies every 2 years (Decree No. 708,\n"
         "Art. 8), every enterprise's comprehensive or special plan yearly and its on-site disposal plans\n"
         "every half year (Order No. 2, Art. 33); and which plans were never drilled.\n\n" +
         describeOptions(kOptions) +
         "\nWith --out DIR: msel.csv, drill.html (print it from a browser), drill.json and replay.json.\n"
         "Exit codes: 0 done, 2 the scenario is invalid, 64 bad command line, 73 an output cannot be\n"
         "written.\n";
}

namespace {

/// drillsim drill debrief DIR: the recorded times against the simulated windows.
int debrief(const Args& args) {
  if (args.positional().size() != 2) throw UsageError("expected the drill's folder after 'debrief'");
  const std::string dir = args.positional()[1];
  const std::string logPath = args.value("observations", dir + "/observations.json");
  DrillHeader header;
  DrillScript script;
  DrillLog log;
  std::string error;
  std::error_code ec;
  const auto drill = readDrillFile(dir + "/drill.json", error);
  if (drill && !readDrill(*drill, header, script, error)) error = dir + "/drill.json: " + error;
  if (error.empty() && !args.value("observations") && !std::filesystem::exists(logPath, ec))
    error = logPath + ": no observations recorded yet; play the drill with drillsim-gui SCENARIO --drill " + dir +
            " (it saves them there), or give --observations FILE";
  const auto observed = error.empty() ? readDrillFile(logPath, error) : std::nullopt;
  if (observed && !readDrillLog(*observed, log, error)) error = logPath + ": " + error;
  if (!error.empty()) {
    std::cerr << "drillsim drill debrief: " << error << (error.back() == '\n' ? "" : "\n");
    return kExitInvalidInput;
  }
  const std::string format = args.choice("format", {"text", "md", "json"}, "text");
  const auto rows = debriefRows(script, log);

  if (format == "json") {
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& r : rows)
      tasks.push_back({{"objective", r.objective}, {"task", r.task}, {"milestone", r.milestone}, {"p50_s", r.window.p50_s},
                       {"p90_s", r.window.p90_s}, {"achieved_s", r.achieved_s ? nlohmann::json(*r.achieved_s) : nlohmann::json(nullptr)},
                       {"verdict", verdictText(r.verdict)}});
    std::cout << nlohmann::json{{"drill", header.name}, {"tasks", tasks}, {"log", drillLogJson(log)}}.dump(2) << "\n";
    return kExitOk;
  }
  const bool md = format == "md";
  std::ostringstream out;
  long recorded = 0, slower = 0;
  for (const auto& r : rows) {
    recorded += r.achieved_s.has_value();
    slower += r.verdict == DebriefRow::Verdict::SlowerThanP90;
  }
  out << (md ? "# Debrief: " : "Debrief: ") << header.name << "\n" << (md ? "\n" : "") << "Plan " << script.plan << " "
      << script.planName << "; " << drillKindName(script.kind) << "; windows over " << header.runs << " simulated runs\n"
      << (md ? "\n" : "") << recorded << " of " << rows.size() << " tasks recorded; " << slower << " slower than P90.\n\n";
  out << (md ? "## Tasks\n\n" : "Tasks\n");
  TextTable tasks({"obj.", "task", "simulated P50", "target P90", "achieved", "against P90", "verdict"},
                  {false, false, false, false, false, true, false});
  for (const auto& r : rows) {
    if (!r.achieved_s && r.milestone.rfind("cleared/", 0) == 0) continue;  // zones nobody timed
    tasks.row({r.objective, r.task, drillClock(r.window.p50_s), drillClock(r.window.p90_s),
               r.achieved_s ? drillClock(*r.achieved_s) : "-",
               r.achieved_s ? (*r.achieved_s >= r.window.p90_s ? "+" : "-") + clock(std::fabs(*r.achieved_s - r.window.p90_s)).substr(2) : "",
               verdictText(r.verdict)});
  }
  out << tasks.str(md);
  out << (md ? "\n## Injects\n\n" : "\nInjects\n");
  TextTable injects({"no.", "scheduled", "delivered", "late by", "synopsis"}, {true, false, false, true, false});
  for (const Inject& i : script.injects) {
    const auto d = log.delivered.find(i.number);
    if (i.contingency && d == log.delivered.end()) continue;  // not played
    injects.row({injectLabel(i), drillClock(i.time_s),
                 d == log.delivered.end() ? "not delivered" : drillClock(d->second),
                 d == log.delivered.end() ? "" : fixed(d->second - i.time_s, 0) + " s", i.synopsis});
  }
  out << injects.str(md);
  out << (md ? "\n## Observations\n\n" : "\nObservations\n");
  auto observations = log.observations;
  std::stable_sort(observations.begin(), observations.end(), [](const Observation& a, const Observation& b) { return a.time_s < b.time_s; });
  for (const auto& o : observations)
    out << (md ? "- " : "  ") << drillClock(o.time_s) << (o.inject ? " (inject " + std::to_string(o.inject) + ")" : "")
        << (o.task.empty() ? "" : " [" + o.task + " achieved]") << " " << o.text << "\n";
  if (observations.empty()) out << (md ? "- " : "  ") << "none recorded\n";
  if (!log.bookmarks.empty()) {
    out << "\nBookmarks:";
    for (double t : log.bookmarks) out << " " << drillClock(t);
    out << "\n";
  }
  if (md) {
    writeFileAtomically(dir + "/debrief.md", out.str());
    std::cout << "Written: " << dir << "/debrief.md\n";
  } else {
    std::cout << out.str();
  }
  return kExitOk;
}

}  // namespace

int runDrill(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  if (!args.positional().empty() && args.positional().front() == "debrief") return debrief(args);
  if (!args.positional().empty() && args.positional().front() == "calendar") return runDrillCalendar(args);
  const auto planId = args.value("plan");
  if (!planId) throw UsageError("--plan is required");
  const DrillKind kind = kindArgument(args);
  const std::string format = args.choice("format", {"text", "json"}, "text");
  auto loaded = loadScenarioArgument(args);
  if (!loaded) return kExitInvalidInput;
  const Plan& plan = planArgument(*loaded, *planId);
  const std::uint64_t seed = args.count("seed", loaded->scenario.monte_carlo.seed);
  const long replications = long(std::max<std::uint64_t>(1, args.count("replications", 200)));
  const bool worst = args.flag("worst");

  // The batch: each run's milestones, read in its worker.
  Platform platform(*loaded);
  BatchOptions options;
  options.seed = seed;
  options.jobs = args.jobs();
  const LoadedScenario& scenario = *loaded;
  options.annotate = [&scenario](const Outcome& o, nlohmann::json& m) {
    m["milestones"] = milestonesJson(milestonesOf(scenario, o));
  };
  const auto metrics = planMetrics(platform, *loaded, plan.id, replications, options);
  std::vector<Milestones> runs;
  std::vector<std::optional<double>> clearance;
  for (const auto& m : metrics) {
    clearance.push_back(m.is_null() ? std::nullopt : std::optional<double>(m.at("clearance_s").get<double>()));
    if (!m.is_null()) runs.push_back(milestonesFromJson(m.at("milestones")));
  }
  const auto chosen = representativeRun(clearance, worst);
  if (!chosen) throw std::runtime_error("no run of plan " + plan.id + " finished");

  // The representative run again, in this process, for its events and its replay.
  HazardModel hazards(*loaded, plan, seed, *chosen);
  const Outcome run = runReplication(platform, *loaded, plan, seed, *chosen, hazards);
  DrillOptions drillOptions;
  // From a quarter of an hour to a day of exercise (HSEEP's full-scale exercises last a day or more:
  // shared reference drill.md); 0 takes the kind's default.
  drillOptions.exerciseMinutes = args.number("exercise-minutes", 15, 24 * 60, 0);
  const DrillScript script = buildDrillScript(*loaded, plan, kind, runs, run, drillOptions);

  DrillHeader header;
  header.name = args.value("name", loaded->scenario.name + " — " + drillKindName(kind) + " exercise");
  header.scenarioName = loaded->scenario.name;
  header.scenarioFile = args.positional().front();
  header.scenarioHash = fileHash(args.positional().front());
  header.version = DRILLSIM_VERSION;
  header.seed = seed;
  header.replication = *chosen;
  header.representative = worst ? "the P90 run by clearance" : "the median run by clearance";
  header.runs = long(runs.size());
  header.situation = situation(*loaded, hazards);
  header.moduleMaps = moduleMaps(*loaded, script);

  if (auto dir = args.value("out")) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (ec) throw OutputError("cannot create the folder " + *dir + ": " + ec.message());
    writeFileAtomically(*dir + "/msel.csv", mselCsv(script));
    writeFileAtomically(*dir + "/drill.html", drillHtml(header, script));
    writeFileAtomically(*dir + "/drill.json", drillJson(header, script).dump(2) + "\n");
    writeFileAtomically(*dir + "/replay.json", replayJson(run).dump() + "\n");
  }
  if (format == "json") {
    std::cout << drillJson(header, script).dump(2) << "\n";
  } else {
    std::cout << header.name << "\nPlan " << plan.id << " " << plan.name << "; injects from replication " << *chosen
              << " (" << header.representative << " of " << runs.size() << "); windows P50 / P90 over the runs\n";
    for (const auto& line : header.situation) std::cout << "  " << line << "\n";
    std::cout << "\n";
    TextTable t({"no.", "time", "to", "synopsis", "expected action", "obj.", "window P50 / P90"},
                {true, false, false, false, false, false, false});
    for (const Inject& i : script.injects)
      t.row({injectLabel(i), drillClock(i.time_s), i.to, i.synopsis, i.action, i.objective,
             i.window ? drillClock(i.window->p50_s) + " / " + drillClock(i.window->p90_s) : "-"});
    std::cout << t.str();
    if (auto dir = args.value("out"))
      std::cout << "\nWritten: " << *dir
                << (script.modules.empty() ? "/drill.html (MSEL and evaluation guide, printable), msel.csv, drill.json, replay.json\n"
                                           : "/drill.html (modules, MSEL and evaluation guide, printable), msel.csv, drill.json, "
                                             "replay.json\n");
    if (seed == loaded->scenario.monte_carlo.seed)
      std::cout << "Watch the run: drillsim-gui " << header.scenarioFile << " --view replay --plan " << plan.id
                << " --replication " << *chosen << "\n";
  }
  std::cout.flush();
  std::_Exit(kExitOk);  // as `run`: SimGrid's teardown holds nothing we need
}

}  // namespace drillsim::cli
