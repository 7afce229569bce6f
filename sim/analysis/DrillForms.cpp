// The drill's documents in the forms of AQ/T 9007-2019 and AQ/T 9009-2015 (see DrillForms.hpp).
//
// Index (search for "[SECTION] " and the name):
//   Words; The drill plan (工作方案); The drill script (脚本); The evaluation form; Findings;
//   The evaluation report.
#include "sim/analysis/DrillForms.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <sstream>

#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/analysis/DrillNames.hpp"

namespace drillsim {

namespace {

using i18n::kNoop;
using i18n::tc;
using i18n::tf;
using i18n::tr;

// [SECTION] Words shared by the documents
std::string languageTag() { return i18n::language() == i18n::Language::Chinese ? "zh-CN" : "en"; }

/// A date "YYYY-MM-DD" as the document's language writes it; the text itself when it is not one.
std::string shownDate(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return iso;
  return report::longDate(y, m, d, languageTag());
}

report::Document documentFor(const DrillHeader& h, const std::string& title) {
  report::Document doc;
  doc.language = languageTag();
  doc.title = title;
  doc.subtitle = h.name;
  doc.organisation = h.organisation.empty() ? h.scenarioName : h.organisation;
  doc.date = shownDate(h.date);
  return doc;
}

/// "桌面演练 · 综合演练": the form (AQ/T 9007-2019 3.4, 3.5) and the content: a script of a whole
/// plan's chain, from the alarm to the all-clear, exercises every function of it (3.3).
std::string kindLine(const DrillScript& s) {
  return tf("{1} · {2}", shownWord(s.kind), tr("comprehensive drill (the plan's whole chain)"));
}

std::string windowLine(const Window& w) {
  std::string t = tf("P50 {1} / P90 {2}", drillClock(w.p50_s), drillClock(w.p90_s));
  if (w.happened < w.runs) t += tf(" ({1} of runs)", std::to_string(std::lround(100 * w.share())) + " %");
  return t;
}

/// A task's target on a form: "QY1 dispatched: by T+00:02:09 (P50 T+00:02:09)".
std::string targetLine(const std::string& text, const Window& w) {
  return tf("{1}: by {2} (P50 {3})", text, drillClock(w.p90_s), drillClock(w.p50_s));
}

/// A task of one zone (sheltering in place, cleared): the forms time the zones as a whole.
bool perZoneKey(const std::string& milestone) {
  return milestone.rfind("sip/", 0) == 0 || milestone.rfind("cleared/", 0) == 0;
}
bool perZone(const Task& t) { return perZoneKey(t.milestone); }

/// The tasks of one zone each (sheltering in place, cleared) as one line per kind: how many zones,
/// and the latest target among them.
std::vector<std::string> zoneSummaries(const std::vector<const Task*>& tasks) {
  long sip = 0, cleared = 0;
  double sipBy = 0, clearedBy = 0;
  for (const Task* t : tasks) {
    if (t->milestone.rfind("sip/", 0) == 0) {
      ++sip;
      sipBy = std::max(sipBy, t->window.p90_s);
    } else if (t->milestone.rfind("cleared/", 0) == 0) {
      ++cleared;
      clearedBy = std::max(clearedBy, t->window.p90_s);
    }
  }
  std::vector<std::string> out;
  if (sip > 0) out.push_back(tf("{1} zones sheltering in place: the last by {2}", sip, drillClock(sipBy)));
  if (cleared > 0) out.push_back(tf("{1} zones cleared: the last by {2}", cleared, drillClock(clearedBy)));
  return out;
}

/// The first sentence of a text (up to "." or "。"), for a line of dialogue.
std::string firstSentence(const std::string& text) {
  const auto zh = text.find("。");
  const auto en = text.find(". ");
  const auto cut = std::min(zh == std::string::npos ? text.size() : zh + std::string("。").size(),
                            en == std::string::npos ? text.size() : en + 1);
  return text.substr(0, cut);
}

bool live(const DrillScript& s) { return s.kind != DrillKind::Tabletop; }

// [SECTION] The drill plan (AQ/T 9007-2019: 演练方案, the plan of the drill's work)
void planPurpose(report::Document& doc, const DrillHeader& h, const DrillScript& s) {
  doc.heading(tr("1 Purpose and requirements"));
  doc.bullets({tf("To test plan {1} ({2}) against the scenario below: the alarm and the notification chain, the "
                  "protective action decisions, evacuation and sheltering, and the hazard response.",
                  s.plan, s.planName),
               tr("To check that the teams, shelters and supplies the plan counts on are ready, and to find what is "
                  "missing."),
               tr("To run in the parties' cooperation: who tells whom, who orders what, by when."),
               tr("To train the responders and make the plan known to those it protects.")});
  doc.paragraph(tr("Requirements: the drill follows the plan as written; every message in it begins and ends with "
                   "\"this is a drill\"; the evaluators time each task of the evaluation form against the simulation's "
                   "window."));
  doc.heading(tr("2 Scenario"));
  std::vector<std::pair<std::string, std::string>> f = {{tr("Scenario"), h.scenarioName}};
  if (!h.description.empty()) f.push_back({tr("Description"), h.description});
  for (std::size_t i = 0; i < h.situation.size(); ++i) f.push_back({i == 0 ? tr("Hazard and weather") : "", h.situation[i]});
  f.push_back({tr("Injects drawn from"), injectsDrawnFrom(h)});
  doc.fields(f);
}

void planScaleAndUnits(report::Document& doc, const DrillScript& s) {
  doc.heading(tr("3 Form, scale and time"));
  doc.fields({{tr("Drill form"), kindLine(s)},
              {tr("Simulated span"), tf("{1}, from the alarm to the last inject", drillClock(s.incident_s))},
              {tr("Exercise length"), tf("{1} minutes", std::lround(s.exerciseMinutes))},
              {tr("Date and place"), ""}});
  doc.heading(tr("4 Participating units and their tasks"));
  report::Table t{{tr("Unit"), tr("Tasks in the drill"), tr("Contact")}, {3, 6, 2}, {}, true};
  std::map<std::string, std::vector<const Task*>> tasks;
  for (const Objective& o : s.objectives)
    for (const Task& k : o.tasks)
      if (!k.owner.empty()) tasks[k.owner].push_back(&k);
  for (const auto& unit : s.organisations) {
    std::vector<std::string> own;
    for (const auto& [owner, list] : tasks)
      if (unit.rfind(owner, 0) == 0) {
        for (const Task* k : list)
          if (!perZone(*k)) own.push_back(k->text);
        for (const auto& line : zoneSummaries(list)) own.push_back(line);
      }
    t.rows.push_back({unit, DrillNames::list(own), ""});
  }
  doc.table(t);
}

void planOrganisation(report::Document& doc) {
  doc.heading(tr("5 Organisation"));
  report::Table t{{tr("Group"), tr("Duties"), tr("Leader and members")}, {2, 6, 3}, {}, true};
  t.rows = {
      {tr("leading group"), tr("Approves the plan, decides the drill's start and end, stops it on a real emergency."), ""},
      {tr("planning and control group"),
       tr("Writes the plan and the script, delivers the injects at their times, keeps the drill clock, directs play."), ""},
      {tr("support group"), tr("Provides the site, the communications, the simulation props, transport, food and safety."),
       ""},
      {tr("evaluation group"),
       tr("Observes and times each task on the evaluation form, leads the participants' self-assessment, writes the "
          "evaluation report."),
       ""},
  };
  doc.table(t);
}

void planSchedule(report::Document& doc, const DrillScript& s) {
  doc.heading(tr("6 Main steps and schedule"));
  report::Table t{{tr("Step"), tr("Content"), tr("Time")}, {2, 5, 3}, {}, false};
  t.rows.push_back({tr("Preparation"), tr("Training of controllers and evaluators; briefing of the players; check of the "
                                          "site, the communications and the props."),
                    ""});
  if (!s.modules.empty())
    for (const Module& m : s.modules)
      t.rows.push_back({tf("Module {1}", m.number), m.title,
                        exerciseClock(m.exerciseStart_s) + " – " + exerciseClock(m.exerciseEnd_s)});
  else
    t.rows.push_back({tc("drill step", "Play"), tf("{1} injects of the drill script, from the alarm to the all-clear", s.injects.size()),
                      exerciseClock(0) + " – " + exerciseClock(s.exerciseMinutes * 60)});
  t.rows.push_back({tr("Hot wash"), tr("The evaluators' comments on site and the participants' self-assessment."), ""});
  t.rows.push_back({tr("Evaluation report"), tr("drillsim drill debrief writes the evaluation report from the recorded times."),
                    ""});
  doc.table(t);
}

void planSafety(report::Document& doc, const DrillScript& s) {
  doc.heading(tr("7 Safety measures"));
  std::vector<std::string> b = {
      tr("Every message of the drill begins and ends with \"this is a drill\"."),
      tr("On a real emergency the leading group stops the drill at once with the words \"drill stopped\"; play "
         "resumes only on its word."),
  };
  if (live(s)) {
    b.push_back(tr("No dangerous substance is released: smoke generators and props stand clear of the plant."));
    b.push_back(tr("A safety officer walks each evacuation route; vehicles keep to walking pace near evacuees."));
    b.push_back(tr("Players wear the protective equipment their task requires; a medical team stands by."));
  } else {
    b.push_back(tr("A tabletop drill moves no one and stops no plant: production goes on as usual."));
  }
  doc.bullets(b);
}

void planExpectedTimes(report::Document& doc, const DrillHeader& h, const DrillScript& s) {
  doc.heading(tr("8 Technical support: the simulation's expected times"));
  doc.note(tf("DrillSim simulated plan {1} {2} times; each task's target is its P90 over those runs, measured from the "
              "task's trigger in the representative run. The evaluation form carries the same targets.",
              s.plan, h.runs));
  report::Table t{{tr("Objective"), tr("Task"), tr("Simulated P50"), tr("Target (P90)"), tr("Done in")}, {3, 5, 2.6, 2.6, 2}, {},
                  false};
  for (const Objective& o : s.objectives) {
    std::vector<const Task*> zones;
    for (const Task& k : o.tasks) {
      if (perZone(k)) {
        zones.push_back(&k);
        continue;
      }
      t.rows.push_back({o.id + " " + o.title, k.text, drillClock(k.window.p50_s), drillClock(k.window.p90_s),
                        tf("{1} of runs", std::to_string(std::lround(100 * k.window.share())) + " %")});
    }
    for (const auto& line : zoneSummaries(zones)) t.rows.push_back({o.id + " " + o.title, line, "", "", ""});
  }
  doc.table(t);
  doc.heading(tr("9 Evaluation and summary"));
  doc.paragraph(tr("The evaluation group rates each item of the evaluation form (AQ/T 9009-2015) and records the time of "
                   "each task with the drill clock; drillsim drill debrief sets the recorded times against the targets "
                   "and writes the evaluation report with the problems found and the corrective actions."));
}

// [SECTION] The drill script (AQ/T 9007-2019: 演练脚本)
std::vector<std::string> scriptColumns(bool tabletop) {
  std::vector<std::string> c = {tr("No."), tr("Time")};
  if (tabletop) c.push_back(tr("Exercise clock"));
  for (const char* k : {kNoop("Scene"), kNoop("Participants"), kNoop("Actions"), kNoop("Commands and dialogue"),
                        kNoop("Narration"), kNoop("Target P50 / P90"), kNoop("Actual time")})
    c.push_back(tr(k));
  return c;
}

std::vector<std::string> scriptRow(const Inject& i, bool tabletop) {
  std::vector<std::string> r = {injectLabel(i), drillClock(i.time_s)};
  if (tabletop) r.push_back(exerciseClock(i.exercise_s));
  const std::string scene = i.contingency ? tf("[contingency] {1}", i.synopsis) : i.synopsis;
  const std::string dialogue = tf("{1} ({2}) to {3}: \"{4}\"", i.from, i.method, i.to, firstSentence(i.synopsis)) + "\n" +
                               tf("{1}: \"Received.\"", i.to);
  const std::string target = i.window ? windowLine(*i.window) : "-";
  const std::string narration =
      i.window ? tf("At {1}: {2} The plan expects {3} to act by {4}.", drillClock(i.time_s), firstSentence(i.synopsis),
                    i.to, drillClock(i.window->p90_s))
               : tf("At {1}: {2}", drillClock(i.time_s), firstSentence(i.synopsis));
  for (const std::string& v : {scene, i.to, i.action, dialogue, narration, target, std::string()}) r.push_back(v);
  return r;
}

// [SECTION] The evaluation form (AQ/T 9009-2015 Annex A, Annex B)
struct ItemSpec {
  const char* key;        // the tasks' item, or empty: observed only
  const char* title;
  const char* criterion;
};

// Annex A (live drills): the items of the standard's table, criteria in our words.
const ItemSpec kLiveItems[] = {
    {"alarm", kNoop("Warning and information reporting"),
     kNoop("The alarm is raised as the plan says, and the report passes along the notification chain in time, with "
           "what happened, where and how much.")},
    {"mobilisation", kNoop("Emergency mobilisation"),
     kNoop("The response is started at the plan's level; the teams are sent out at once.")},
    {"", kNoop("Monitoring and assessment"),
     kNoop("The threat zone and its spread with the wind are watched and assessed, and the commanders told.")},
    {"command", kNoop("Command and coordination"),
     kNoop("The party that gives the protective orders gives them in time and coordinates the units.")},
    {"response", kNoop("Accident response"), kNoop("The teams reach the scene, stop the release or control the fire.")},
    {"", kNoop("Resource management"),
     kNoop("Shelters with room, equipment and supplies are assigned where needed; a full shelter's arrivals are "
           "redirected.")},
    {"", kNoop("Emergency communications"), kNoop("Phones and radios reach every party; no message is lost or delayed.")},
    {"", kNoop("Public information"), kNoop("The public and the zones concerned are told what to do, in time and correctly.")},
    {"protection", kNoop("Protection of people"),
     kNoop("Each zone evacuates to a shelter or shelters in place as ordered; everyone is accounted for.")},
    {"", kNoop("Cordon and traffic control"),
     kNoop("The cordon is set at the threat zone's edge; closed roads are guarded and traffic rerouted.")},
    {"medical", kNoop("Medical rescue"), kNoop("Casualties are triaged, treated and taken to hospital.")},
    {"", kNoop("Site control and recovery"),
     kNoop("The all-clear is given only when it is safe; re-entry is controlled and the site secured.")},
};
// Annex B (tabletop drills): the same functions, judged by what the players say they would do.
const ItemSpec kTabletopItems[] = {
    {"alarm", kNoop("Warning and information reporting"),
     kNoop("The players name who reports to whom, with what, and by when, as the plan says.")},
    {"mobilisation", kNoop("Emergency mobilisation"),
     kNoop("The players start the response at the plan's level and send the teams the plan names.")},
    {"command", kNoop("Command and coordination"),
     kNoop("The party giving the protective orders decides them from the situation and says how it coordinates the "
           "units.")},
    {"response", kNoop("Accident response"),
     kNoop("The players say how the teams stop the release or control the fire, with what, by when.")},
    {"protection", kNoop("Protection of people"),
     kNoop("The players order each zone to evacuate or shelter in place as the plan says, and say where each goes.")},
    {"medical", kNoop("Medical rescue"), kNoop("The players say how casualties are triaged and taken to hospital.")},
    {"", kNoop("Resource management"), kNoop("The players know the shelters' capacity and what to do when one is full.")},
    {"", kNoop("Public information"), kNoop("The players say who informs the public, with what message.")},
    {"", kNoop("Site control and recovery"), kNoop("The players say when and how the all-clear is given.")},
};

// Both annexes open with the drill's preparation.
const ItemSpec kPreparation[] = {
    {"", kNoop("Planning and design"),
     kNoop("The objectives fit the plan and the risk; the scenario follows how such an accident develops.")},
    {"", kNoop("Drill documents"), kNoop("The plan, the script and the evaluation form are complete and agree.")},
    {"", kNoop("Drill support"), kNoop("People, site, communications, props and safety measures are in place.")},
};

std::string resultBoxes() { return tr("☐ good\n☐ fair\n☐ poor"); }

// [SECTION] Findings: where the time was lost, who mends it, by when
struct Recorded {
  std::map<std::string, double> at;  // milestone -> first recorded time
};
Recorded recordedOf(const DrillLog& log) {
  Recorded r;
  for (const Observation& o : log.observations)
    if (!o.task.empty() && (!r.at.count(o.task) || o.time_s < r.at[o.task])) r.at[o.task] = o.time_s;
  return r;
}

const Task* taskOf(const DrillScript& s, const std::string& milestone) {
  for (const Objective& o : s.objectives)
    for (const Task& t : o.tasks)
      if (t.milestone == milestone) return &t;
  return nullptr;
}

/// An inject delivered this much after its time is late for the report: five minutes shift the
/// players' next decisions (DrillSim's threshold, not the standards').
constexpr double kLateInject_s = 300;

/// A duration: in seconds below two minutes, else in whole minutes.
std::string minutes(double s) {
  if (std::fabs(s) < 120) return tf("{1} s", std::to_string(std::lround(s)));
  return tf("{1} min", std::to_string(std::lround(s / 60)));
}

/// Where a slow task lost its time: the span from its trigger (recorded at `triggerAt`, at
/// trigger.run_s in the script) to the task against the simulated P90 of the same span. The part of
/// the lateness that came from upstream is the trigger's own delay; the rest is the step's.
std::string causeOf(const Task& trigger, double triggerAt, double achieved, double p90) {
  const double own = achieved - triggerAt, allowed = std::max(0.0, p90 - *trigger.run_s);
  const double upstream = triggerAt - *trigger.run_s, excess = own - allowed;
  const std::string span = allowed < 1 ? tr("the simulation has it at once") : tf("its simulated P90 is {1}", minutes(allowed));
  if (excess <= 0)
    return tf("The step before it came late: {1} was recorded at {2} against {3} in the script; this step itself took {4} "
              "({5}).",
              trigger.text, drillClock(triggerAt), drillClock(*trigger.run_s), minutes(own), span);
  if (upstream > excess)
    return tf("Mostly upstream: {1} was recorded {2} late (at {3}); this step then took {4} ({5}).", trigger.text,
              minutes(upstream), drillClock(triggerAt), minutes(own), span);
  return tf("This step itself was slow: {1} from {2} ({3}).", minutes(own), trigger.text, span);
}

/// The corrective action for a slow task, by what the task is.
std::string correctiveAction(const Task& t) {
  const std::string& m = t.milestone;
  if (m == "detected") return tr("Check the gas detectors and alarms at the source and train the operators to raise the alarm at once.");
  if (m.rfind("notified/", 0) == 0)
    return tf("{1}: fix who reports, by which phone, within how many minutes; drill the report on its own until it is "
              "quick.",
              t.owner);
  if (m.rfind("orders/", 0) == 0)
    return tf("{1}: prepare the orders for each wind direction beforehand and let the duty leader give them without "
              "waiting.",
              t.owner);
  if (m.rfind("dispatch/", 0) == 0) return tf("{1}: send the teams on the first report, as the plan says.", t.owner);
  if (m.rfind("on_scene/", 0) == 0)
    return tf("{1}: check readiness, turn-out and the route, with a second route for closed roads.", t.owner);
  if (m.rfind("contained/", 0) == 0 || m.rfind("controlled/", 0) == 0)
    return tf("{1}: check the equipment for the task and train its use.", t.owner);
  if (m.rfind("sip/", 0) == 0)
    return tf("{1}: make sure the order to shelter in place reaches every building (broadcast, phone, messengers).", t.owner);
  return tf("{1}: guides for each zone, the routes to the shelters and their capacity, checked before the next drill.", t.owner);
}

}  // namespace

// [SECTION] The drill plan, the script and the form as documents
report::Document drillPlanForm(const DrillHeader& h, const DrillScript& s) {
  report::Document doc = documentFor(h, tr("Emergency drill plan"));
  planPurpose(doc, h, s);
  planScaleAndUnits(doc, s);
  planOrganisation(doc);
  planSchedule(doc, s);
  planSafety(doc, s);
  planExpectedTimes(doc, h, s);
  doc.note(tr("Contents of the drill plan of AQ/T 9007-2019. Written by DrillSim; the blank cells are for the "
              "organisers."));
  return doc;
}

report::Document drillScriptForm(const DrillHeader& h, const DrillScript& s) {
  report::Document doc = documentFor(h, tr("Drill script"));
  doc.landscape = true;  // nine or ten columns
  const bool tabletop = !s.modules.empty();
  doc.fields({{tr("Drill form"), kindLine(s)},
              {tr("Plan"), s.plan + " " + s.planName},
              {tr("Injects drawn from"), injectsDrawnFrom(h)}});
  doc.note(tr("Times are from the onset (T+0) of the representative run, each inject at the time of the event it stands "
              "for there, delivered only to a party already told in it. Target: the P50 / P90 of the simulated runs of "
              "the time from the same event to the action's milestone. Contingency injects are played only if the drill "
              "reaches their situation."));
  if (tabletop)
    for (const Module& m : s.modules) {
      doc.heading(tf("Module {1}: {2}", m.number, m.title), 2);
      doc.paragraph(tf("Simulated {1} – {2}; exercise {3} – {4}.", drillClock(m.start_s), drillClock(m.end_s),
                       exerciseClock(m.exerciseStart_s), exerciseClock(m.exerciseEnd_s)));
      doc.bullets(m.summary);
      report::Table t{scriptColumns(true), {1, 2.6, 2.2, 6, 3, 5, 5, 5, 3.2, 2}, {}, true};
      for (const Inject& i : s.injects)
        if (i.module == m.number) t.rows.push_back(scriptRow(i, true));
      doc.table(t);
    }
  else {
    report::Table t{scriptColumns(false), {1, 2.6, 6, 3, 5, 5, 5, 3.2, 2}, {}, true};
    for (const Inject& i : s.injects) t.rows.push_back(scriptRow(i, false));
    doc.table(t);
  }
  doc.note(tr("Contents of the drill script of AQ/T 9007-2019: scene, participants and their actions, commands and "
              "dialogue, times, narration."));
  return doc;
}

std::vector<EvaluationItem> evaluationItems(const DrillScript& s) {
  std::vector<EvaluationItem> out;
  int n = 0;
  for (const ItemSpec& spec : kPreparation)
    out.push_back({"1." + std::to_string(++n), tr("Drill preparation"), tr(spec.title), tr(spec.criterion), {}});
  n = 0;
  const auto addItems = [&](const auto& specs) {
    for (const ItemSpec& spec : specs) {
      EvaluationItem item{"2." + std::to_string(++n), tr("Drill conduct"), tr(spec.title), tr(spec.criterion), {}};
      std::vector<const Task*> zones;
      for (const Objective& o : s.objectives)
        for (const Task& t : o.tasks) {
          if (!*spec.key || t.item != spec.key) continue;
          if (perZone(t)) zones.push_back(&t);
          else item.windows.push_back(targetLine(t.text, t.window));
        }
      for (const auto& line : zoneSummaries(zones)) item.windows.push_back(line);
      out.push_back(item);
    }
  };
  if (live(s)) addItems(kLiveItems);
  else addItems(kTabletopItems);
  return out;
}

report::Document evaluationForm(const DrillHeader& h, const DrillScript& s) {
  report::Document doc = documentFor(h, tr("Drill evaluation form"));
  doc.fields({{tr("Drill form"), kindLine(s)},
              {tr("Plan"), s.plan + " " + s.planName},
              {tr("Date and place"), ""},
              {tr("Evaluator:"), ""}});
  doc.note(tr("Rate each item and write what you saw. Where an item has simulated targets, record each task's time with "
              "the drill clock: a task done after its P90 is a problem for the report."));
  report::Table t{{tr("No."), tr("Item"), tr("Criterion"), tr("Simulated targets"), tr("Result"), tr("Observations")},
                  {1, 2, 5, 5, 2, 4}, {}, true};
  for (const EvaluationItem& i : evaluationItems(s))
    t.rows.push_back({i.number, i.group + "\n" + i.title, i.criterion,
                      i.windows.empty() ? tr("(observed only)") : [&] {
                        std::string w;
                        for (const auto& l : i.windows) w += (w.empty() ? "" : "\n") + l + tr("  actual: ______");
                        return w;
                      }(),
                      resultBoxes(), ""});
  doc.table(t);
  doc.heading(tr("Overall"), 2);
  doc.fields({{tr("Objectives met"), tr("☐ met  ☐ mostly met  ☐ not met")},
              {tr("Main strengths"), ""},
              {tr("Main problems"), ""},
              {tr("Evaluator's signature and date"), ""}});
  doc.note(live(s) ? tr("Items of AQ/T 9009-2015 Annex A (live drills), criteria worded for this plan.")
                   : tr("Items of AQ/T 9009-2015 Annex B (tabletop drills), criteria worded for this plan."));
  return doc;
}

std::vector<Finding> findingsOf(const DrillScript& s, const DrillLog& log, const DebriefOptions& options) {
  const Recorded rec = recordedOf(log);
  std::string due;
  if (options.year > 0) {
    using namespace std::chrono;
    const sys_days d = sys_days(year_month_day(year(options.year), month(unsigned(options.month)), day(unsigned(options.day)))) +
                       days(options.deadlineDays);
    const year_month_day ymd(d);
    due = report::longDate(int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())), languageTag());
  }
  std::vector<Finding> out;
  std::vector<std::string> unrecorded;
  for (const DebriefRow& r : debriefRows(s, log)) {
    const Task* t = taskOf(s, r.milestone);
    if (!t) continue;
    if (!r.achieved_s) {
      if (!perZone(*t)) unrecorded.push_back(t->text);  // zones are timed as a whole, not each
      continue;
    }
    if (r.verdict != DebriefRow::Verdict::SlowerThanP90) continue;
    Finding f;
    f.task = t->text;
    f.problem = tf("done at {1}, {2} after its target {3} (P90 of the simulated runs)", drillClock(*r.achieved_s),
                   minutes(*r.achieved_s - t->window.p90_s), drillClock(t->window.p90_s));
    const Task* trigger = t->after.empty() ? nullptr : taskOf(s, t->after);
    const auto triggerAt = rec.at.find(t->after);
    if (trigger && trigger->run_s && triggerAt != rec.at.end()) {
      f.cause = causeOf(*trigger, triggerAt->second, *r.achieved_s, t->window.p90_s);
    } else {
      f.cause = tr("The step before it was not recorded, so the delay cannot be placed in the chain.");
    }
    f.action = correctiveAction(*t);
    f.owner = t->owner;
    f.deadline = due;
    out.push_back(f);
  }
  if (!unrecorded.empty())
    out.push_back({DrillNames::list(unrecorded),
                   i18n::tnf("{1} task not recorded", "{1} tasks not recorded", long(unrecorded.size()), unrecorded.size()),
                   tr("No evaluator was placed to see these tasks, or the drill clock was not used for them."),
                   tr("Assign an evaluator to each task of the form and mark it on the drill clock when it is done."),
                   tr("evaluation group"), due});
  for (const Inject& i : s.injects) {
    if (i.contingency) continue;
    const auto d = log.delivered.find(i.number);
    if (d == log.delivered.end())
      out.push_back({tf("inject {1}", injectLabel(i)), tf("not delivered ({1})", firstSentence(i.synopsis)),
                     tr("The controllers did not play it."),
                     tr("Rehearse the script with the controllers; give each inject to one controller by name."),
                     tr("planning and control group"), due});
    else if (d->second - i.time_s > kLateInject_s)
      out.push_back({tf("inject {1}", injectLabel(i)), tf("delivered {1} late", minutes(d->second - i.time_s)),
                     tr("The controllers fell behind the script's clock."),
                     tr("Give the controllers the drill clock and a printed script with the times."),
                     tr("planning and control group"), due});
  }
  return out;
}

// [SECTION] The evaluation report (AQ/T 9009-2015, the report; GB/T 46792-2025 Annex E)
namespace {

void reportFacts(report::Document& doc, const DrillHeader& h, const DrillScript& s) {
  doc.heading(tr("1 The drill"));
  doc.fields({{tr("Organiser"), h.organisation.empty() ? h.scenarioName : h.organisation},
              {tr("Drill form"), kindLine(s)},
              {tr("Plan"), s.plan + " " + s.planName},
              {tr("Scenario"), h.scenarioName},
              {tr("Participating organisations"), DrillNames::list(s.organisations)},
              {tr("Date and place"), ""}});
}

void reportCourse(report::Document& doc, const DrillHeader& h, const DrillScript& s, const DrillLog& log) {
  doc.heading(tr("2 Course of the evaluation"));
  long scheduled = 0, delivered = 0;
  for (const Inject& i : s.injects)
    if (!i.contingency) {
      ++scheduled;
      delivered += long(log.delivered.count(i.number));
    }
  doc.paragraph(tf("The evaluators followed the evaluation form and recorded {1} observations on the drill clock; {2} of "
                   "the {3} scheduled injects were delivered. Each recorded task is set against its target: the P90 over "
                   "{4} simulated runs of the plan.",
                   log.observations.size(), delivered, scheduled, h.runs));
}

void reportAnalysis(report::Document& doc, const std::vector<DebriefRow>& rows) {
  doc.heading(tr("3 Analysis of the tasks"));
  report::Table t{{tr("Objective"), tr("Task"), tr("Simulated P50"), tr("Target (P90)"), tr("Achieved"), tr("Verdict")},
                  {1.2, 4.5, 2.6, 2.6, 2.6, 2.5}, {}, false};
  for (const DebriefRow& r : rows) {
    if (!r.achieved_s && perZoneKey(r.milestone)) continue;  // zones nobody timed
    t.rows.push_back({r.objective, r.task, drillClock(r.window.p50_s), drillClock(r.window.p90_s),
                      r.achieved_s ? drillClock(*r.achieved_s) : "-", verdictShown(r.verdict)});
  }
  doc.table(t);
}

void reportConclusion(report::Document& doc, const std::vector<DebriefRow>& rows, const std::vector<Finding>& f) {
  doc.heading(tr("5 Conclusion"));
  long tasks = 0, recorded = 0, slower = 0;
  std::vector<std::string> owners;
  for (const DebriefRow& r : rows) {
    if (!r.achieved_s && perZoneKey(r.milestone)) continue;
    ++tasks;
    recorded += r.achieved_s.has_value();
    slower += r.verdict == DebriefRow::Verdict::SlowerThanP90;
  }
  for (const Finding& x : f)
    if (std::find(owners.begin(), owners.end(), x.owner) == owners.end()) owners.push_back(x.owner);
  std::string verdict;
  if (slower == 0 && recorded == tasks) verdict = tr("Every task was done within its target: the drill met its objectives in time.");
  else if (slower == 0) verdict = tr("No recorded task was slower than its target; the tasks not recorded cannot be judged.");
  else verdict = tf("The chain loses time at {1}: see the corrective actions above.", DrillNames::list(owners));
  doc.paragraph(DrillNames::sentences(
      {tf("{1} of {2} tasks recorded; {3} slower than P90.", recorded, tasks, slower), verdict}));
}

}  // namespace

report::Document evaluationReport(const DrillHeader& h, const DrillScript& s, const DrillLog& log,
                                  const DebriefOptions& options) {
  report::Document doc = documentFor(h, tr("Drill evaluation report"));
  if (options.year > 0) doc.date = report::longDate(options.year, options.month, options.day, languageTag());
  reportFacts(doc, h, s);
  reportCourse(doc, h, s, log);
  const std::vector<DebriefRow> rows = debriefRows(s, log);
  reportAnalysis(doc, rows);
  const std::vector<Finding> findings = findingsOf(s, log, options);
  doc.heading(tr("4 Problems found and corrective actions"));
  report::Table t{{tr("No."), tr("Problem"), tr("Cause"), tr("Corrective action"), tr("Owner"), tr("Deadline"), tr("Done")},
                  {1, 5, 5, 5, 2, 2, 2}, {}, true};
  for (std::size_t k = 0; k < findings.size(); ++k) {
    const Finding& f = findings[k];
    t.rows.push_back({std::to_string(k + 1), f.task + ": " + f.problem, f.cause, f.action, f.owner, f.deadline, ""});
  }
  if (findings.empty()) doc.paragraph(tr("No problem found."));
  else doc.table(t);
  reportConclusion(doc, rows, findings);
  doc.heading(tr("Annex: observations"));
  std::vector<std::string> lines;
  for (const Observation& o : log.observations)
    lines.push_back(drillClock(o.time_s) + (o.inject ? tf(" (inject {1})", o.inject) : "") + " " + o.text);
  if (lines.empty()) lines.push_back(tr("none recorded"));
  doc.bullets(lines);
  doc.fields({{tr("Head of the evaluation group"), ""}, {tr("Signature and date"), ""}});
  doc.note(tr("Contents of the evaluation report of AQ/T 9009-2015: the drill, the evaluation's course, the analysis, "
              "the problems with corrective actions, the conclusion."));
  return doc;
}

std::string drillScriptCsv(const DrillScript& s) {
  const bool tabletop = !s.modules.empty();
  std::ostringstream out;
  out << "\xEF\xBB\xBF";  // UTF-8 byte-order mark
  const auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t k = 0; k < cells.size(); ++k) out << (k ? "," : "") << csvField(cells[k]);
    out << "\n";
  };
  line(scriptColumns(tabletop));
  for (const Inject& i : s.injects) line(scriptRow(i, tabletop));
  return out.str();
}

}  // namespace drillsim
