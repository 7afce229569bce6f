// drillsim drill: a drill script (MSEL), its evaluation guide and the representative run to replay,
// from a batch of runs of one plan (sim/analysis/DrillScript.hpp).
#include <cmath>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/analysis/DrillDocument.hpp"
#include "sim/analysis/DrillForms.hpp"
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

using i18n::tf;
using i18n::tr;

const std::vector<OptionSpec> kOptions = {
    {"plan", true, i18n::kNoop("the plan to drill (required)"), "ID"},
    {"kind", true, i18n::kNoop("tabletop (default), functional or full-scale"), "KIND"},
    {"replications", true, i18n::kNoop("runs behind the windows (default 200)"), "N"},
    {"worst", false, i18n::kNoop("draw the injects from the P90 run by clearance instead of the median one"), ""},
    {"name", true, i18n::kNoop("the exercise's name (default: the scenario's name and the kind)"), "TEXT"},
    {"exercise-minutes", true, i18n::kNoop("the exercise's length, onto which the incident is mapped (default: 120 for a tabletop, else the incident's own time)"), "MIN"},
    {"form", true,
     i18n::kNoop("aqt (default): the drill plan, script and evaluation form of AQ/T 9007-2019 and AQ/T 9009-2015; "
                 "hseep: the HSEEP MSEL and evaluation guide"),
     "FORM"},
    {"out", true, i18n::kNoop("folder for the documents, drill.json and replay.json"), "DIR"},
    {"seed", true, i18n::kNoop("random seed (default: the scenario's monte_carlo.seed)"), "N"},
    {"jobs", true, i18n::kNoop("worker processes (default: the processors)"), "J"},
    {"format", true, i18n::kNoop("text (default) or json; debrief also md (writes debrief.md)"), "FORMAT"},
    {"observations", true, i18n::kNoop("debrief: the observations file (default DIR/observations.json)"), "FILE"},
    {"date", true, i18n::kNoop("debrief: the evaluation report's date (default today)"), "YYYY-MM-DD"},
    {"deadline-days", true, i18n::kNoop("debrief: days from the report's date to the corrective actions' deadline (default 30)"), "N"},
    {"as-of", true, i18n::kNoop("calendar: the date to judge the intervals on (default today)"), "YYYY-MM-DD"},
    {"substances", true, i18n::kNoop("substance table to use (default: the bundled data/substances.csv)"), "FILE"},
};

DrillKind kindArgument(const Args& args) {
  return *fromWord<DrillKind>(exerciseKindNames(), args.choice("kind", exerciseKindNames(), "tabletop"));
}

/// The drawn hazard and weather of the representative run, for the document's header.
std::vector<std::string> situation(const LoadedScenario& l, const HazardModel& hazards) {
  std::vector<std::string> out;
  const auto& w = hazards.weather();
  out.push_back(tf("wind from {1} deg at {2} m/s, stability class {3}", fixed(w.windFrom_deg, 0), fixed(w.windSpeed_ms, 1),
                   wordOf(w.stability)));
  for (const DrawnRelease& r : hazards.releases())
    out.push_back(tf("{1}: {2}, {3}; AEGL-2 (60 min) reaches {4} m downwind", r.hazard,
                     r.substance ? (i18n::language() == i18n::Language::Chinese ? r.substance->name_zh
                                                                              : r.substance->name_zh + " " + r.substance->name_en)
                                 : std::string(tr("release")), amountText(r),
                     thousands(std::lround(r.aegl2Reach_m))));
  for (const Hazard& h : l.scenario.hazards)
    if (const auto* f = std::get_if<Fire>(&h.detail)) out.push_back(tf("{1}: fire in zone {2}", h.id, f->zone.id));
  return out;
}

/// A tabletop module's situation map: the zones in the threat zone at the module's end shaded, its
/// orders in the note.
std::vector<std::string> moduleMaps(const LoadedScenario& l, const DrillScript& s) {
  std::vector<std::string> maps;
  for (const Module& m : s.modules) {
    MapOptions options;
    options.width_px = 900;
    options.title = tf("Module {1}: {2} ({3})", m.number, m.title, drillClock(m.situation.time_s));
    for (const auto& z : m.situation.threatZones) options.zoneShare[z] = 1.0;
    options.shareLabel = tf("in the threat zone at {1}", drillClock(m.situation.time_s));
    options.note = tf("{1} zones ordered to evacuate, {2} to shelter in place", m.situation.evacuating.size(),
                      m.situation.sheltering.size());
    maps.push_back(parkMapSvg(l.park, l.substances, options));
  }
  return maps;
}

/// A date as year, month and day: --date's (YYYY-MM-DD), or today's.
struct Ymd {
  int year = 0, month = 0, day = 0;
};
Ymd dateArgument(const Args& args) {
  Ymd d;
  if (const auto text = args.value("date")) {
    char tail = 0;
    if (std::sscanf(text->c_str(), "%4d-%2d-%2d%c", &d.year, &d.month, &d.day, &tail) != 3)
      throw UsageError(tf("--date: expected a date YYYY-MM-DD, found '{1}'", *text));
    try {
      report::isoDate(d.year, d.month, d.day);
    } catch (const std::invalid_argument&) {
      throw UsageError(tf("--date: {1} is not a day of the calendar", *text));
    }
    return d;
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

/// The task a milestone key stands for, as the script words it; the key when the script has none.
std::string taskText(const DrillScript& script, const std::string& milestone) {
  for (const Objective& o : script.objectives)
    for (const Task& t : o.tasks)
      if (t.milestone == milestone) return t.text;
  return milestone;
}

/// A document as DIR/NAME.html and DIR/NAME.docx.
void writeDocument(const std::string& dir, const std::string& name, const report::Document& doc) {
  writeFileAtomically(dir + "/" + name + ".html", report::toHtml(doc));
  writeFileAtomically(dir + "/" + name + ".docx", report::toDocx(doc));
}

}  // namespace

std::string helpDrill() {
  return std::string(tr("Usage: drillsim drill SCENARIO.yaml --plan ID [options]\n"
         "       drillsim drill debrief DIR [--observations FILE] [--format text|md|json] [--date YYYY-MM-DD]\n"
         "       drillsim drill calendar SCENARIO.yaml [--as-of YYYY-MM-DD] [--format text|json]\n\n"
         "Writes the documents of a drill of a plan, by default in the forms of AQ/T 9007-2019 and\n"
         "AQ/T 9009-2015: the drill plan, the drill script as the standard's table and the evaluation\n"
         "form; with --form hseep, the Master Scenario Events List (MSEL) of timed injects\n"
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
         "scheduled and delivered, and the observations; it writes the evaluation report of AQ/T 9009-2015\n"
         "(problems found, their cause, corrective actions with owner and deadline) as DIR/evaluation-report.html\n"
         "and .docx.\n\n"
         "calendar reads the scenario's units and the drills they held (units:, drills:) and says which\n"
         "units are due or overdue for a drill under the regulations' intervals, most urgent first:\n"
         "hazardous-chemical units every half year and government bodies every 2 years (Decree No. 708,\n"
         "Art. 8), every enterprise's comprehensive or special plan yearly and its on-site disposal plans\n"
         "every half year (Order No. 2, Art. 33); and which plans were never drilled.\n\n")) +
         describeOptions(kOptions) + tr("\nWith --out DIR: plan, script and evaluation-form as .html (print it from a browser) and .docx,\n"
         "script.csv, drill.json and replay.json; with --form hseep msel.csv and drill.html instead of the three.\n"
         "Exit codes: 0 done, 2 the scenario is invalid, 64 bad command line, 73 an output cannot be\n"
         "written.\n");
}

namespace {

/// drillsim drill debrief DIR: the recorded times against the simulated windows.
int debrief(const Args& args) {
  if (args.positional().size() != 2) throw UsageError(tr("expected the drill's folder after 'debrief'"));
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
    error = logPath + ": " +
            tf("no observations recorded yet; play the drill with drillsim-gui SCENARIO --drill {1} (it saves them there), "
               "or give --observations FILE",
               dir);
  const auto observed = error.empty() ? readDrillFile(logPath, error) : std::nullopt;
  if (observed && !readDrillLog(*observed, log, error)) error = logPath + ": " + error;
  if (!error.empty()) {
    std::cerr << "drillsim drill debrief: " << error << (error.back() == '\n' ? "" : "\n");
    return kExitInvalidInput;
  }
  const std::string format = args.choice("format", {"text", "md", "json"}, "text");
  const auto rows = debriefRows(script, log);
  const Ymd date = dateArgument(args);
  DebriefOptions reportOptions{date.year, date.month, date.day,
                               int(args.number("deadline-days", 1, 365, 30))};
  report::Document evaluation = evaluationReport(header, script, log, reportOptions);
  evaluation.dated(date.year, date.month, date.day);
  writeDocument(dir, "evaluation-report", evaluation);

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
  out << (md ? "# " : "") << tf("Debrief: {1}", header.name) << "\n" << (md ? "\n" : "")
      << tf("Plan {1} {2}; {3}; windows over {4} simulated runs", script.plan, script.planName, shownWord(script.kind),
            header.runs)
      << "\n" << (md ? "\n" : "") << tf("{1} of {2} tasks recorded; {3} slower than P90.", recorded, rows.size(), slower)
      << "\n\n";
  out << (md ? "## " : "") << tr("Tasks") << (md ? "\n\n" : "\n");
  TextTable tasks({tr("obj."), tr("task"), tr("simulated P50"), tr("target P90"), tr("achieved"), tr("against P90"), tr("verdict")},
                  {false, false, false, false, false, true, false});
  for (const auto& r : rows) {
    if (!r.achieved_s && r.milestone.rfind("cleared/", 0) == 0) continue;  // zones nobody timed
    tasks.row({r.objective, r.task, drillClock(r.window.p50_s), drillClock(r.window.p90_s),
               r.achieved_s ? drillClock(*r.achieved_s) : "-",
               r.achieved_s ? (*r.achieved_s >= r.window.p90_s ? "+" : "-") + clock(std::fabs(*r.achieved_s - r.window.p90_s)).substr(2) : "",
               verdictShown(r.verdict)});
  }
  out << tasks.str(md);
  out << "\n" << (md ? "## " : "") << tr("Injects") << (md ? "\n\n" : "\n");
  TextTable injects({tr("no."), tr("scheduled"), tr("delivered"), tr("late by"), tr("synopsis")}, {true, false, false, true, false});
  for (const Inject& i : script.injects) {
    const auto d = log.delivered.find(i.number);
    if (i.contingency && d == log.delivered.end()) continue;  // not played
    injects.row({injectLabel(i), drillClock(i.time_s),
                 d == log.delivered.end() ? tr("not delivered") : drillClock(d->second),
                 d == log.delivered.end() ? "" : fixed(d->second - i.time_s, 0) + " s", i.synopsis});
  }
  out << injects.str(md);
  out << "\n" << (md ? "## " : "") << tr("Observations") << (md ? "\n\n" : "\n");
  auto observations = log.observations;
  std::stable_sort(observations.begin(), observations.end(), [](const Observation& a, const Observation& b) { return a.time_s < b.time_s; });
  for (const auto& o : observations)
    out << (md ? "- " : "  ") << drillClock(o.time_s) << (o.inject ? tf(" (inject {1})", o.inject) : "")
        << (o.task.empty() ? "" : tf(" [{1} achieved]", taskText(script, o.task))) << " " << o.text << "\n";
  if (observations.empty()) out << (md ? "- " : "  ") << tr("none recorded") << "\n";
  if (!log.bookmarks.empty()) {
    out << "\n" << tr("Bookmarks:");
    for (double t : log.bookmarks) out << " " << drillClock(t);
    out << "\n";
  }
  if (md) {
    writeFileAtomically(dir + "/debrief.md", out.str());
    std::cout << tf("Written: {1}", dir + "/debrief.md") << "\n";
  } else {
    std::cout << out.str();
  }
  std::cout << "\n"
            << tf("Written: {1} (the evaluation report of AQ/T 9009-2015, printable) and {2}",
                  dir + "/evaluation-report.html", "evaluation-report.docx")
            << "\n";
  return kExitOk;
}

}  // namespace

int runDrill(const std::vector<std::string>& argv) {
  Args args(argv, kOptions);
  if (!args.positional().empty() && args.positional().front() == "debrief") return debrief(args);
  if (!args.positional().empty() && args.positional().front() == "calendar") return runDrillCalendar(args);
  const auto planId = args.value("plan");
  if (!planId) throw UsageError(tr("--plan is required"));
  const DrillKind kind = kindArgument(args);
  const std::string format = args.choice("format", {"text", "json"}, "text");
  const bool hseep = args.choice("form", {"aqt", "hseep"}, "aqt") == "hseep";
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
  if (!chosen) throw std::runtime_error(tf("no run of plan {1} finished", plan.id));

  // The representative run again, in this process, for its events and its replay.
  HazardModel hazards(*loaded, plan, seed, *chosen);
  const Outcome run = runReplication(platform, *loaded, plan, seed, *chosen, hazards);
  DrillOptions drillOptions;
  // From a quarter of an hour to a day of exercise (HSEEP's full-scale exercises last a day or more:
  // shared reference drill.md); 0 takes the kind's default.
  drillOptions.exerciseMinutes = args.number("exercise-minutes", 15, 24 * 60, 0);
  const DrillScript script = buildDrillScript(*loaded, plan, kind, runs, run, drillOptions);

  DrillHeader header;
  header.name = args.value("name", tf("{1} — {2} exercise", loaded->scenario.name, shownWord(kind)));
  header.scenarioName = loaded->scenario.name;
  header.scenarioFile = args.positional().front();
  header.scenarioHash = fileHash(args.positional().front());
  header.version = DRILLSIM_VERSION;
  header.seed = seed;
  header.replication = *chosen;
  header.representative = worst ? tr("the P90 run by clearance") : tr("the median run by clearance");
  header.runs = long(runs.size());
  header.situation = situation(*loaded, hazards);
  header.moduleMaps = moduleMaps(*loaded, script);
  header.organisation = loaded->scenario.park_name.empty() ? loaded->scenario.name : loaded->scenario.park_name;
  header.description = loaded->scenario.description;
  const Ymd today = dateArgument(args);
  header.date = report::isoDate(today.year, today.month, today.day);

  if (auto dir = args.value("out")) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (ec) throw OutputError(tf("cannot create the folder {1}: {2}", *dir, ec.message()));
    if (hseep) {
      writeFileAtomically(*dir + "/msel.csv", mselCsv(script));
      writeFileAtomically(*dir + "/drill.html", drillHtml(header, script));
    } else {
      writeDocument(*dir, "plan", drillPlanForm(header, script).dated(today.year, today.month, today.day));
      writeDocument(*dir, "script", drillScriptForm(header, script).dated(today.year, today.month, today.day));
      writeFileAtomically(*dir + "/script.csv", drillScriptCsv(script));
      writeDocument(*dir, "evaluation-form", evaluationForm(header, script).dated(today.year, today.month, today.day));
    }
    writeFileAtomically(*dir + "/drill.json", drillJson(header, script).dump(2) + "\n");
    writeFileAtomically(*dir + "/replay.json", replayJson(run).dump() + "\n");
  }
  if (format == "json") {
    std::cout << drillJson(header, script).dump(2) << "\n";
  } else {
    std::cout << header.name << "\n"
              << tf("Plan {1} {2}; injects from replication {3} ({4} of {5}); windows P50 / P90 over the runs", plan.id,
                    plan.name, *chosen, header.representative, runs.size())
              << "\n";
    for (const auto& line : header.situation) std::cout << "  " << line << "\n";
    std::cout << "\n";
    TextTable t({tr("no."), tr("time"), tr("to"), tr("synopsis"), tr("expected action"), tr("obj."), tr("window P50 / P90")},
                {true, false, false, false, false, false, false});
    for (const Inject& i : script.injects)
      t.row({injectLabel(i), drillClock(i.time_s), i.to, i.synopsis, i.action, i.objective,
             i.window ? drillClock(i.window->p50_s) + " / " + drillClock(i.window->p90_s) : "-"});
    std::cout << t.str();
    if (auto dir = args.value("out"); dir && !hseep)
      std::cout << "\n"
                << tf("Written: {1}/plan.html, script.html, evaluation-form.html (the drill plan, script and evaluation "
                      "form of AQ/T 9007-2019 and AQ/T 9009-2015, printable), the same as .docx, script.csv, drill.json, "
                      "replay.json",
                      *dir)
                << "\n";
    else if (dir)
      std::cout << "\n"
                << (script.modules.empty()
                        ? tf("Written: {1}/drill.html (MSEL and evaluation guide, printable), msel.csv, drill.json, replay.json",
                             *dir)
                        : tf("Written: {1}/drill.html (modules, MSEL and evaluation guide, printable), msel.csv, drill.json, "
                             "replay.json",
                             *dir))
                << "\n";
    if (seed == loaded->scenario.monte_carlo.seed)
      std::cout << tf("Watch the run: {1}", "drillsim-gui " + header.scenarioFile + " --view replay --plan " + plan.id +
                                                 " --replication " + std::to_string(*chosen))
                << "\n";
  }
  std::cout.flush();
  std::_Exit(kExitOk);  // as `run`: SimGrid's teardown holds nothing we need
}

}  // namespace drillsim::cli
