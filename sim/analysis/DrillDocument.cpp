// The drill script's documents (see DrillDocument.hpp).
#include "sim/analysis/DrillDocument.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <type_traits>

#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "sim/analysis/DrillNames.hpp"
#include "sim/map/ParkMap.hpp"
#include "sim/report/Document.hpp"
#include "sim/report/FontSubset.hpp"

namespace drillsim {

std::string drillClock(double t_s) {
  const long s = std::lround(std::max(0.0, t_s));
  char buf[32];
  std::snprintf(buf, sizeof buf, "T+%02ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return buf;
}

std::string exerciseClock(double t_s) {
  const long m = std::lround(std::max(0.0, t_s) / 60);
  char buf[32];
  std::snprintf(buf, sizeof buf, "E+%02ld:%02ld", m / 60, m % 60);
  return buf;
}

namespace {

using i18n::tf;
using i18n::tr;

std::string seconds(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string percentOf(double share) { return std::to_string(std::lround(100 * share)) + " %"; }

/// "T+00:06:10 / T+00:09:30", with the share of runs when not all.
std::string windowText(const Window& w) {
  std::string t = drillClock(w.p50_s) + " / " + drillClock(w.p90_s);
  if (w.happened < w.runs) t += tf(" ({1} of runs)", percentOf(w.share()));
  return t;
}

/// What the MSEL's window column says of an inject: its action's window, or when a contingency's
/// situation arises in the runs that have it.
std::string injectWindowText(const Inject& i) {
  if (i.window) return windowText(*i.window);
  if (i.arises)
    return tf("arises {1} / {2} in {3} of runs", drillClock(i.arises->p50_s), drillClock(i.arises->p90_s),
              percentOf(i.arises->share()));
  return "-";
}

const char* kStyle = R"(<style>
  @page { size: A4 landscape; margin: 12mm; }
  body { font-family: "SimHei", "Microsoft YaHei", "Heiti SC", "Noto Sans CJK SC", "DrillSim CJK", "WenQuanYi Micro Hei", sans-serif; font-size: 10pt; color: #111; }
  h1 { font-size: 16pt; margin-bottom: 2mm; }
  h2 { font-size: 13pt; margin-top: 6mm; border-bottom: 1px solid #555; }
  table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
  th, td { border: 1px solid #777; padding: 1.5mm; vertical-align: top; text-align: left; }
  th { background: #e8e8e8; }
  tr { page-break-inside: avoid; }
  td.num { text-align: right; white-space: nowrap; }
  td.time { white-space: nowrap; font-family: monospace; }
  tr.contingency td { background: #fff3e0; }
  .box { font-size: 12pt; }
  .note { color: #444; font-size: 9pt; }
  .blank { min-width: 30mm; }
  .pagebreak { page-break-before: always; }
  .map svg { width: 160mm; height: auto; }
</style>
)";

}  // namespace

std::string mselCsv(const DrillScript& s) {
  std::ostringstream out;
  out << "\xEF\xBB\xBF";  // UTF-8 byte-order mark
  out << "number,time,t_plus_s,exercise_time,module,type,from,to,method,synopsis,expected_action,objective,window_p50,"
         "window_p90,window_p50_s,window_p90_s,share_of_runs,window_from,arises_p50,arises_p90,arises_share,simulated_event\n";
  for (const Inject& i : s.injects) {
    out << injectLabel(i) << "," << drillClock(i.time_s) << "," << seconds(i.time_s) << "," << exerciseClock(i.exercise_s) << ","
        << (i.module > 0 ? std::to_string(i.module) : "") << "," << (i.contingency ? "contingency" : "standard") << ","
        << csvField(i.from) << "," << csvField(i.to) << "," << csvField(i.method) << "," << csvField(i.synopsis) << ","
        << csvField(i.action) << "," << i.objective << ",";
    if (i.window)
      out << drillClock(i.window->p50_s) << "," << drillClock(i.window->p90_s) << "," << seconds(i.window->p50_s) << ","
          << seconds(i.window->p90_s) << "," << i.window->share() << "," << csvField(i.after);
    else
      out << ",,,,,";
    if (i.arises)
      out << "," << drillClock(i.arises->p50_s) << "," << drillClock(i.arises->p90_s) << "," << i.arises->share();
    else
      out << ",,,";
    out << "," << csvField(i.event) << "\n";
  }
  return out.str();
}

namespace {

/// The tabletop's modules: the exercise's clock, then each module's situation, map and questions.
void htmlModules(std::ostringstream& o, const DrillHeader& h, const DrillScript& s) {
  o << "<h2 class=\"pagebreak\">" << tr("Tabletop modules") << "</h2>\n";
  o << "<p class=\"note\">"
    << markupEscape(tf("A tabletop is a discussion: the facilitator presents each module's situation, reads its injects "
                       "and asks each role the questions below; the expected answers are the plan's. The incident's {1} "
                       "are played in {2} minutes of exercise, each module given time by what there is to discuss in it.",
                       drillClock(s.incident_s), std::lround(s.exerciseMinutes)))
    << "</p>\n";
  o << "<table>\n<tr><th>" << tr("Module") << "</th><th>" << tr("Simulated time") << "</th><th>" << tr("Exercise clock")
    << "</th><th>" << tr("Injects") << "</th></tr>\n";
  for (const Module& m : s.modules) {
    std::string numbers;
    for (const Inject& i : s.injects)
      if (i.module == m.number) numbers += (numbers.empty() ? "" : ", ") + injectLabel(i);
    o << "<tr><td>" << m.number << " " << markupEscape(m.title) << "</td><td class=\"time\">" << drillClock(m.start_s) << " – "
      << drillClock(m.end_s) << "</td><td class=\"time\">" << exerciseClock(m.exerciseStart_s) << " – "
      << exerciseClock(m.exerciseEnd_s) << "</td><td>" << numbers << "</td></tr>\n";
  }
  o << "</table>\n";
  for (std::size_t k = 0; k < s.modules.size(); ++k) {
    const Module& m = s.modules[k];
    o << "<h3>"
      << markupEscape(tf("Module {1}: {2} ({3} – {4}; exercise {5} – {6})", m.number, m.title, drillClock(m.start_s),
                         drillClock(m.end_s), exerciseClock(m.exerciseStart_s), exerciseClock(m.exerciseEnd_s)))
      << "</h3>\n";
    o << "<p><b>" << markupEscape(tf("Situation at the module's end, {1}", drillClock(m.situation.time_s)))
      << "</b></p>\n<ul>\n";
    for (const auto& line : m.summary) o << "<li>" << markupEscape(line) << "</li>\n";
    o << "</ul>\n";
    if (k < h.moduleMaps.size() && !h.moduleMaps[k].empty()) o << "<div class=\"map\">" << h.moduleMaps[k] << "</div>\n";
    o << "<table>\n<tr><th>" << tr("Inject") << "</th><th>" << tr("Role") << "</th><th>" << tr("Question") << "</th><th>"
      << tr("Expected answer (the plan)") << "</th><th>" << tr("Target P50 / P90") << "</th><th>" << tr("Notes")
      << "</th></tr>\n";
    for (const Question& q : m.questions)
      o << "<tr><td class=\"num\">" << q.inject << "</td><td>" << markupEscape(q.role) << "</td><td>" << markupEscape(q.question)
        << "</td><td>" << markupEscape(q.answer) << "</td><td class=\"time\">" << (q.window ? markupEscape(windowText(*q.window)) : "-")
        << "</td><td class=\"blank\"></td></tr>\n";
    o << "</table>\n";
  }
}

void htmlMsel(std::ostringstream& o, const DrillScript& s) {
  const bool tabletop = !s.modules.empty();
  o << "<h2 class=\"pagebreak\">" << tr("MSEL") << "</h2>\n";
  o << "<p class=\"note\">"
    << markupEscape(DrillNames::sentences(
           {tabletop ? tr("Times are from the onset (T+0) of the representative run, each inject at the time of the event "
                          "it stands for in that run; a controller delivers each inject at its time (the exercise clock "
                          "says when in the session).")
                     : tr("Times are from the onset (T+0) of the representative run, each inject at the time of the event "
                          "it stands for in that run; a controller delivers each inject at its time."),
            tr("An inject goes to a party only once that party has been told in the run. Window: when the expected "
               "action is done, the inject's time plus the P50 / P90 over the simulated runs of the time from the same "
               "event to the action's milestone; a window equal to the inject's time is an action the plan takes at "
               "once. Contingency injects (shaded) are delivered only if play reaches the situation they describe, which "
               "this run does not have; they are placed at the median time the simulation shows it, never before their "
               "recipient is told, with when it arises (P50 / P90) in the runs that have it.")}))
    << "</p>\n";
  o << "<table>\n<tr><th>" << tr("No.") << "</th><th>" << tr("Time") << "</th>"
    << (tabletop ? "<th>" + std::string(tr("Exercise")) + "</th>" : "") << "<th>" << tr("From") << "</th><th>" << tr("To")
    << "</th><th>" << tr("Method") << "</th><th>" << tr("Synopsis") << "</th><th>" << tr("Expected player action")
    << "</th><th>" << tr("Obj.") << "</th><th>" << tr("Window P50 / P90") << "</th><th>" << tr("Delivered")
    << "</th></tr>\n";
  for (const Inject& i : s.injects) {
    o << "<tr" << (i.contingency ? " class=\"contingency\"" : "") << "><td class=\"num\">" << injectLabel(i)
      << "</td><td class=\"time\">" << drillClock(i.time_s) << "</td>";
    if (tabletop) o << "<td class=\"time\">" << exerciseClock(i.exercise_s) << "</td>";
    o << "<td>" << markupEscape(i.from) << "</td><td>" << markupEscape(i.to) << "</td><td>" << markupEscape(i.method)
      << "</td><td>" << markupEscape(i.synopsis) << "</td><td>" << markupEscape(i.action) << "</td><td>" << i.objective
      << "</td><td class=\"time\">" << markupEscape(injectWindowText(i)) << "</td><td class=\"blank\"></td></tr>\n";
  }
  o << "</table>\n";
}

void htmlGuide(std::ostringstream& o, const DrillScript& s) {
  o << "<h2 class=\"pagebreak\">" << tr("Evaluation guide") << "</h2>\n";
  o << "<p class=\"note\">"
    << markupEscape(tr("Targets are measured from the task's trigger in the representative run (the notice, the order, the "
                       "dispatch, the team's arrival): its time there plus the P90 of the simulated runs' time from that "
                       "trigger, so that they hold on this script's clock. Simulated P50 likewise; 'this run' is when the "
                       "scripted run had the task done. Record the time observed and rate each task: P performed without "
                       "challenges, S performed with some challenges, M performed with major challenges, U unable to be "
                       "performed."))
    << "</p>\n";
  for (const Objective& ob : s.objectives) {
    o << "<h3>" << ob.id << " " << markupEscape(ob.title) << "</h3>\n<p>" << markupEscape(ob.text) << "</p>\n";
    o << "<table>\n<tr><th>" << tr("Task") << "</th><th>" << tr("Target (P90)") << "</th><th>" << tr("Simulated P50")
      << "</th><th>" << tr("This run") << "</th><th>" << tr("Done in") << "</th><th>" << tr("Observed time") << "</th><th>"
      << tr("Rating") << "</th><th>" << tr("Observations") << "</th></tr>\n";
    for (const Task& t : ob.tasks)
      o << "<tr><td>" << markupEscape(t.text) << "</td><td class=\"time\">" << markupEscape(tf("by {1}", drillClock(t.window.p90_s)))
        << "</td><td class=\"time\">" << drillClock(t.window.p50_s) << "</td><td class=\"time\">"
        << (t.run_s ? drillClock(*t.run_s) : "-") << "</td><td class=\"num\">"
        << markupEscape(tf("{1} of runs", percentOf(t.window.share()))) << "</td><td class=\"blank\"></td>"
        << "<td class=\"box\">&#9744;P &#9744;S &#9744;M &#9744;U</td><td class=\"blank\"></td></tr>\n";
    o << "</table>\n<p>" << tr("Objective rating:") << " <span class=\"box\">&#9744;P &#9744;S &#9744;M &#9744;U</span>"
      << "&nbsp;&nbsp; " << tr("Evaluator:") << " ____________</p>\n";
  }
}

}  // namespace

std::string drillHtml(const DrillHeader& h, const DrillScript& s) {
  std::ostringstream o;  // the body, whose characters the embedded font is cut to
  o << "<h1>" << markupEscape(h.name) << "</h1>\n";
  o << "<p>"
    << markupEscape(tf("Master Scenario Events List (MSEL) and evaluation guide, written by DrillSim from {1} simulated runs "
                       "of the plan.",
                       h.runs))
    << "</p>\n";
  o << "<table>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    o << "<tr><th style=\"width:22%\">" << markupEscape(k) << "</th><td>" << markupEscape(v) << "</td></tr>\n";
  };
  row(tr("Exercise kind"), shownWord(s.kind));
  row(tr("Scenario"), h.scenarioName + " (" + h.scenarioFile + ")");
  row(tr("Plan"), s.plan + " " + s.planName);
  for (std::size_t i = 0; i < h.situation.size(); ++i) row(i == 0 ? tr("Hazard and weather") : "", h.situation[i]);
  std::string orgs;
  for (const auto& g : s.organisations) orgs += (orgs.empty() ? "" : i18n::tc("list of clauses", "; ")) + g;
  row(tr("Participating organisations"), orgs);
  row(tr("Injects drawn from"), injectsDrawnFrom(h));
  row(tr("Provenance"), tf("scenario file hash (FNV-1a 64) {1}; DrillSim {2}", h.scenarioHash, h.version));
  row(tr("STARTEX / date"), "");
  row(tr("Exercise director / controllers"), "");
  o << "</table>\n";

  o << "<h2>" << tr("Objectives") << "</h2>\n<table>\n<tr><th>" << tr("Id") << "</th><th>" << tr("Objective") << "</th><th>"
    << tr("Measured by") << "</th></tr>\n";
  for (const Objective& ob : s.objectives)
    o << "<tr><td>" << ob.id << "</td><td><b>" << markupEscape(ob.title) << "</b><br>" << markupEscape(ob.text) << "</td><td>"
      << markupEscape(i18n::tnf("{1} target in the evaluation guide", "{1} targets in the evaluation guide",
                                long(ob.tasks.size()), ob.tasks.size()))
      << "</td></tr>\n";
  o << "</table>\n";

  if (!s.modules.empty()) htmlModules(o, h, s);
  htmlMsel(o, s);
  htmlGuide(o, s);
  const std::string body = o.str();
  const std::string title = markupEscape(h.name);
  const bool chinese = i18n::language() == i18n::Language::Chinese;
  return "<!DOCTYPE html>\n<html lang=\"" + std::string(chinese ? "zh-CN" : "en") + "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
         title + "</title>\n" + report::embeddedFontStyle(report::codePoints(title + body)) + kStyle + "</head>\n<body>\n" + body +
         "</body>\n</html>\n";
}

nlohmann::json drillJson(const DrillHeader& h, const DrillScript& s) {
  using nlohmann::json;
  auto windowJson = [](const Window& w) {
    return json{{"runs", w.runs}, {"happened", w.happened}, {"p50_s", w.p50_s}, {"p90_s", w.p90_s}};
  };
  json injects = json::array();
  for (const Inject& i : s.injects) {
    json j = {{"number", i.number},     {"time_s", i.time_s},   {"contingency", i.contingency},
              {"from", i.from},         {"to", i.to},           {"method", i.method},
              {"synopsis", i.synopsis}, {"action", i.action},   {"objective", i.objective},
              {"milestone", i.milestone}, {"event", i.event}};
    j["label"] = injectLabel(i);
    j["recipient"] = i.recipient;
    j["after"] = i.after;
    j["exercise_s"] = i.exercise_s;
    j["module"] = i.module;
    j["window"] = i.window ? windowJson(*i.window) : json(nullptr);
    j["arises"] = i.arises ? windowJson(*i.arises) : json(nullptr);
    injects.push_back(j);
  }
  json objectives = json::array();
  for (const Objective& o : s.objectives) {
    json tasks = json::array();
    for (const Task& t : o.tasks)
      tasks.push_back({{"text", t.text}, {"milestone", t.milestone}, {"after", t.after}, {"window", windowJson(t.window)},
                       {"batch", t.batch ? windowJson(*t.batch) : json(nullptr)},
                       {"run_s", t.run_s ? json(*t.run_s) : json(nullptr)}, {"owner", t.owner}, {"item", t.item}});
    objectives.push_back({{"id", o.id}, {"title", o.title}, {"text", o.text}, {"tasks", tasks}});
  }
  json modules = json::array();
  for (const Module& m : s.modules) {
    json questions = json::array();
    for (const Question& q : m.questions)
      questions.push_back({{"inject", q.inject}, {"role", q.role}, {"question", q.question}, {"answer", q.answer},
                           {"window", q.window ? windowJson(*q.window) : json(nullptr)}});
    const Situation& st = m.situation;
    modules.push_back({{"number", m.number}, {"title", m.title}, {"start_s", m.start_s}, {"end_s", m.end_s},
                       {"exercise_start_s", m.exerciseStart_s}, {"exercise_end_s", m.exerciseEnd_s},
                       {"situation", {{"time_s", st.time_s}, {"threat_zones", st.threatZones}, {"evacuating", st.evacuating},
                                      {"sheltering", st.sheltering}, {"evacuating_persons", st.evacuatingPersons},
                                      {"sheltering_persons", st.shelteringPersons}, {"sheltered", st.sheltered},
                                      {"teams_on_scene", st.teamsOnScene}, {"closed_roads", st.closedRoads},
                                      {"full_shelters", st.fullShelters}, {"stopped", st.stopped}}},
                       {"summary", m.summary}, {"questions", questions}});
  }
  return {{"drillsim_drill", 1},
          {"name", h.name},
          {"kind", wordOf(s.kind)},
          {"scenario", h.scenarioName},
          {"scenario_file", h.scenarioFile},
          {"scenario_hash", h.scenarioHash},
          {"version", h.version},
          {"plan", s.plan},
          {"plan_name", s.planName},
          {"seed", h.seed},
          {"replication", h.replication},
          {"representative", h.representative},
          {"runs", h.runs},
          {"situation", h.situation},
          {"organisation", h.organisation},
          {"description", h.description},
          {"date", h.date},
          {"organisations", s.organisations},
          {"objectives", objectives},
          {"injects", injects},
          {"exercise_minutes", s.exerciseMinutes},
          {"incident_s", s.incident_s},
          {"modules", modules}};
}

namespace {
/// Reads j[key] as T, or says which key was not what was expected.
template <typename T>
bool field(const nlohmann::json& j, const char* key, T& out, std::string& error, const std::string& where) {
  if (!j.is_object()) {
    error = where + key + ": expected an object around it, found " + j.dump();
    return false;
  }
  const auto it = j.find(key);
  if (it == j.end()) {
    error = where + key + ": " + tr("missing");
    return false;
  }
  try {
    out = it->get<T>();
  } catch (const nlohmann::json::exception&) {
    error = where + key + ": " +
            tf("expected {1}, found {2}", std::is_arithmetic_v<T> ? tr("a number") : tr("text"), it->dump());
    return false;
  }
  return true;
}

/// Reads j[key] as T when it is there (not null); leaves out as it was otherwise.
template <typename T>
bool optionalField(const nlohmann::json& j, const char* key, T& out, std::string& error, const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  return field(j, key, out, error, where);
}

/// Whether j is an object whose key `tag` is the number 1: the mark of a DrillSim file.
bool tagged(const nlohmann::json& j, const char* tag) {
  if (!j.is_object()) return false;
  const auto it = j.find(tag);
  return it != j.end() && it->is_number_integer() && it->get<long long>() == 1;
}

bool readWindow(const nlohmann::json& j, Window& w, std::string& error, const std::string& where) {
  return j.is_object() && field(j, "runs", w.runs, error, where) && field(j, "happened", w.happened, error, where) &&
         field(j, "p50_s", w.p50_s, error, where) && field(j, "p90_s", w.p90_s, error, where);
}
}  // namespace

namespace {
bool readDrillChecked(const nlohmann::json& j, DrillHeader& h, DrillScript& s, std::string& error) {
  if (!tagged(j, "drillsim_drill")) {
    error = tr("not a drill file: expected \"drillsim_drill\": 1, as `drillsim drill --out` writes it");
    return false;
  }
  std::string kind;
  if (!field(j, "name", h.name, error, "") || !field(j, "kind", kind, error, "") || !field(j, "plan", s.plan, error, "") ||
      !field(j, "scenario", h.scenarioName, error, "") || !field(j, "seed", h.seed, error, "") ||
      !field(j, "replication", h.replication, error, "") || !field(j, "runs", h.runs, error, ""))
    return false;
  s.kind = fromWord<DrillKind>(exerciseKindNames(), kind).value_or(DrillKind::Tabletop);
  if (!optionalField(j, "exercise_minutes", s.exerciseMinutes, error, "") || !optionalField(j, "incident_s", s.incident_s, error, ""))
    return false;
  if (!optionalField(j, "scenario_file", h.scenarioFile, error, "") ||
      !optionalField(j, "scenario_hash", h.scenarioHash, error, "") || !optionalField(j, "version", h.version, error, "") ||
      !optionalField(j, "representative", h.representative, error, "") ||
      !optionalField(j, "plan_name", s.planName, error, "") || !optionalField(j, "organisation", h.organisation, error, "") ||
      !optionalField(j, "description", h.description, error, "") || !optionalField(j, "date", h.date, error, ""))
    return false;
  if (j.contains("situation") && j["situation"].is_array())
    for (const auto& l : j["situation"]) h.situation.push_back(l.is_string() ? l.get<std::string>() : l.dump());
  if (j.contains("organisations") && j["organisations"].is_array())
    for (const auto& o : j["organisations"]) s.organisations.push_back(o.is_string() ? o.get<std::string>() : o.dump());
  const auto injects = j.find("injects");
  if (injects == j.end() || !injects->is_array()) {
    error = "injects: expected a list";
    return false;
  }
  for (std::size_t k = 0; k < injects->size(); ++k) {
    const auto& e = (*injects)[k];
    const std::string where = "injects[" + std::to_string(k) + "].";
    Inject i;
    if (!e.is_object() || !field(e, "number", i.number, error, where) || !field(e, "time_s", i.time_s, error, where) ||
        !field(e, "contingency", i.contingency, error, where))
      return false;
    if (!optionalField(e, "from", i.from, error, where) || !optionalField(e, "to", i.to, error, where) ||
        !optionalField(e, "method", i.method, error, where) || !optionalField(e, "synopsis", i.synopsis, error, where) ||
        !optionalField(e, "action", i.action, error, where) || !optionalField(e, "objective", i.objective, error, where) ||
        !optionalField(e, "milestone", i.milestone, error, where) || !optionalField(e, "event", i.event, error, where) ||
        !optionalField(e, "recipient", i.recipient, error, where) || !optionalField(e, "after", i.after, error, where) ||
        !optionalField(e, "exercise_s", i.exercise_s, error, where) || !optionalField(e, "module", i.module, error, where))
      return false;
    for (const auto& [key, target] : {std::pair{"window", &i.window}, std::pair{"arises", &i.arises}})
      if (e.contains(key) && !e[key].is_null()) {
        Window w;
        if (!readWindow(e[key], w, error, where + key + ".")) return false;
        *target = w;
      }
    s.injects.push_back(i);
  }
  if (j.contains("objectives") && j["objectives"].is_array())
    for (std::size_t k = 0; k < j["objectives"].size(); ++k) {
      const auto& o = j["objectives"][k];
      const std::string where = "objectives[" + std::to_string(k) + "].";
      Objective ob;
      if (!o.is_object() || !field(o, "id", ob.id, error, where) || !field(o, "title", ob.title, error, where)) return false;
      if (!optionalField(o, "text", ob.text, error, where)) return false;
      const auto tasks = o.value("tasks", nlohmann::json::array());
      if (!tasks.is_array()) {
        error = where + "tasks: expected a list";
        return false;
      }
      for (const auto& t : tasks) {
        Task task;
        if (!field(t, "text", task.text, error, where + "tasks.") || !field(t, "milestone", task.milestone, error, where + "tasks.") ||
            !readWindow(t.value("window", nlohmann::json()), task.window, error, where + "tasks.window.") ||
            !optionalField(t, "after", task.after, error, where + "tasks.") ||
            !optionalField(t, "owner", task.owner, error, where + "tasks.") ||
            !optionalField(t, "item", task.item, error, where + "tasks."))
          return false;
        double run = 0;
        if (t.contains("run_s") && !t["run_s"].is_null()) {
          if (!field(t, "run_s", run, error, where + "tasks.")) return false;
          task.run_s = run;
        }
        ob.tasks.push_back(task);
      }
      s.objectives.push_back(ob);
    }
  return true;
}

}  // namespace

std::optional<nlohmann::json> readDrillFile(const std::string& path, std::string& error) {
  Diagnostics d;
  const auto text = readTextFile(path, 64u << 20, "drill file", d);
  if (!text) {
    error = d.str();
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception& e) {  // parse errors, and numbers out of range
    error = path + ": " + tf("not JSON that DrillSim can read ({1})", e.what());
    return std::nullopt;
  }
}

bool readDrill(const nlohmann::json& j, DrillHeader& header, DrillScript& script, std::string& error) {
  try {
    return readDrillChecked(j, header, script, error);
  } catch (const nlohmann::json::exception& e) {  // a value of the wrong type where a default was allowed
    error = tf("a value of the wrong type: {1}", e.what());
    return false;
  }
}

nlohmann::json drillLogJson(const DrillLog& log) {
  using nlohmann::json;
  json delivered = json::array();
  for (const auto& [number, t] : log.delivered) delivered.push_back({{"inject", number}, {"time_s", t}});
  json observations = json::array();
  for (const auto& o : log.observations)
    observations.push_back({{"time_s", o.time_s}, {"task", o.task}, {"inject", o.inject}, {"text", o.text}});
  return {{"drillsim_observations", 1}, {"delivered", delivered}, {"observations", observations}, {"bookmarks", log.bookmarks}};
}

namespace {
bool readDrillLogChecked(const nlohmann::json& j, DrillLog& log, std::string& error) {
  if (!tagged(j, "drillsim_observations")) {
    error = tr("not an observations file: expected \"drillsim_observations\": 1");
    return false;
  }
  for (const char* key : {"delivered", "observations", "bookmarks"})
    if (j.contains(key) && !j[key].is_array()) {
      error = std::string(key) + ": " + tf("expected a list, found {1}", j[key].dump());
      return false;
    }
  for (std::size_t k = 0; k < j.value("delivered", nlohmann::json::array()).size(); ++k) {
    const auto& d = j["delivered"][k];
    int number = 0;
    double t = 0;
    const std::string where = "delivered[" + std::to_string(k) + "].";
    if (!field(d, "inject", number, error, where) || !field(d, "time_s", t, error, where)) return false;
    log.delivered[number] = t;
  }
  for (std::size_t k = 0; k < j.value("observations", nlohmann::json::array()).size(); ++k) {
    const auto& o = j["observations"][k];
    Observation ob;
    const std::string where = "observations[" + std::to_string(k) + "].";
    if (!field(o, "time_s", ob.time_s, error, where)) return false;
    if (!optionalField(o, "task", ob.task, error, where) || !optionalField(o, "inject", ob.inject, error, where) ||
        !optionalField(o, "text", ob.text, error, where))
      return false;
    log.observations.push_back(ob);
  }
  const auto bookmarks = j.value("bookmarks", nlohmann::json::array());
  for (std::size_t k = 0; k < bookmarks.size(); ++k) {
    if (!bookmarks[k].is_number()) {
      error = "bookmarks[" + std::to_string(k) + "]: " + tf("expected {1}, found {2}", tr("a number"), bookmarks[k].dump());
      return false;
    }
    log.bookmarks.push_back(bookmarks[k].get<double>());
  }
  return true;
}

}  // namespace

bool readDrillLog(const nlohmann::json& j, DrillLog& log, std::string& error) {
  try {
    return readDrillLogChecked(j, log, error);
  } catch (const nlohmann::json::exception& e) {
    error = tf("a value of the wrong type: {1}", e.what());
    return false;
  }
}

std::vector<DebriefRow> debriefRows(const DrillScript& script, const DrillLog& log) {
  std::vector<DebriefRow> rows;
  for (const Objective& o : script.objectives)
    for (const Task& t : o.tasks) {
      DebriefRow r{o.id, t.text, t.milestone, t.window, std::nullopt, DebriefRow::Verdict::NotRecorded};
      for (const Observation& ob : log.observations)
        if (ob.task == t.milestone && (!r.achieved_s || ob.time_s < *r.achieved_s)) r.achieved_s = ob.time_s;
      if (r.achieved_s)
        r.verdict = *r.achieved_s <= t.window.p50_s   ? DebriefRow::Verdict::ByP50
                    : *r.achieved_s <= t.window.p90_s ? DebriefRow::Verdict::ByP90
                                                      : DebriefRow::Verdict::SlowerThanP90;
      rows.push_back(r);
    }
  return rows;
}

const char* verdictText(DebriefRow::Verdict v) {
  switch (v) {
    case DebriefRow::Verdict::NotRecorded: return i18n::kNoop("not recorded");
    case DebriefRow::Verdict::ByP50: return i18n::kNoop("by P50");
    case DebriefRow::Verdict::ByP90: return i18n::kNoop("between P50 and P90");
    case DebriefRow::Verdict::SlowerThanP90: return i18n::kNoop("SLOWER THAN P90");
  }
  return "";
}

std::string verdictShown(DebriefRow::Verdict v) { return tr(verdictText(v)); }

std::string injectsDrawnFrom(const DrillHeader& h) {
  return tf("replication {1} of seed {2} ({3} of {4} runs)", h.replication, h.seed, h.representative, h.runs);
}

}  // namespace drillsim
