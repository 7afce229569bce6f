// The drill script's documents (see DrillDocument.hpp).
#include "sim/analysis/DrillDocument.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace drillsim {

std::string drillClock(double t_s) {
  const long s = std::lround(std::max(0.0, t_s));
  char buf[32];
  std::snprintf(buf, sizeof buf, "T+%02ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return buf;
}

namespace {

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string seconds(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string percentOf(double share) { return std::to_string(std::lround(100 * share)) + " %"; }

/// "T+00:06:10 / T+00:09:30 (P50 / P90)", with the share of runs when not all.
std::string windowText(const Window& w) {
  std::string t = drillClock(w.p50_s) + " / " + drillClock(w.p90_s);
  if (w.happened < w.runs) t += " (" + percentOf(w.share()) + " of runs)";
  return t;
}

const char* kStyle = R"(<style>
  @page { size: A4 landscape; margin: 12mm; }
  body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 10pt; color: #111; }
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
</style>
)";

}  // namespace

std::string mselCsv(const DrillScript& s) {
  std::ostringstream out;
  out << "\xEF\xBB\xBF";  // UTF-8 byte-order mark
  out << "number,time,t_plus_s,type,from,to,method,synopsis,expected_action,objective,window_p50,window_p90,"
         "window_p50_s,window_p90_s,share_of_runs,simulated_event\n";
  for (const Inject& i : s.injects) {
    out << i.number << "," << drillClock(i.time_s) << "," << seconds(i.time_s) << ","
        << (i.contingency ? "contingency" : "standard") << "," << csvField(i.from) << "," << csvField(i.to) << ","
        << csvField(i.method) << "," << csvField(i.synopsis) << "," << csvField(i.action) << "," << i.objective << ",";
    if (i.window)
      out << drillClock(i.window->p50_s) << "," << drillClock(i.window->p90_s) << "," << seconds(i.window->p50_s) << ","
          << seconds(i.window->p90_s) << "," << i.window->share();
    else
      out << ",,,,";
    out << "," << csvField(i.event) << "\n";
  }
  return out.str();
}

std::string drillHtml(const DrillHeader& h, const DrillScript& s) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << html(h.name)
    << "</title>\n" << kStyle << "</head>\n<body>\n";
  o << "<h1>" << html(h.name) << "</h1>\n";
  o << "<p>Master Scenario Events List (MSEL) and evaluation guide, written by DrillSim from " << h.runs
    << " simulated runs of the plan.</p>\n";
  o << "<table>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    o << "<tr><th style=\"width:22%\">" << html(k) << "</th><td>" << html(v) << "</td></tr>\n";
  };
  row("Exercise kind", drillKindName(s.kind));
  row("Scenario", h.scenarioName + " (" + h.scenarioFile + ")");
  row("Plan", s.plan + " " + s.planName);
  for (std::size_t i = 0; i < h.situation.size(); ++i) row(i == 0 ? "Hazard and weather" : "", h.situation[i]);
  std::string orgs;
  for (const auto& g : s.organisations) orgs += (orgs.empty() ? "" : "; ") + g;
  row("Participating organisations", orgs);
  row("Injects drawn from", "replication " + std::to_string(h.replication) + " of seed " + std::to_string(h.seed) +
                                " (" + h.representative + " of " + std::to_string(h.runs) + " runs)");
  row("Provenance", "scenario file hash (FNV-1a 64) " + h.scenarioHash + "; DrillSim " + h.version);
  row("STARTEX / date", "");
  row("Exercise director / controllers", "");
  o << "</table>\n";

  o << "<h2>Objectives</h2>\n<table>\n<tr><th>Id</th><th>Objective</th><th>Measured by</th></tr>\n";
  for (const Objective& ob : s.objectives)
    o << "<tr><td>" << ob.id << "</td><td><b>" << html(ob.title) << "</b><br>" << html(ob.text) << "</td><td>"
      << ob.tasks.size() << " targets in the evaluation guide</td></tr>\n";
  o << "</table>\n";

  o << "<h2 class=\"pagebreak\">MSEL</h2>\n";
  o << "<p class=\"note\">Times are from the onset (T+0) of the representative run; a controller delivers each "
       "inject at its time. Window: when the expected action was complete in the simulated runs, P50 / P90. "
       "Contingency injects (shaded) are delivered only if play reaches the situation they describe; they are "
       "placed at the median time the simulation shows it, and their window is when it arose (P50 / P90) in the "
       "runs that had it.</p>\n";
  o << "<table>\n<tr><th>No.</th><th>Time</th><th>From</th><th>To</th><th>Method</th><th>Synopsis</th>"
       "<th>Expected player action</th><th>Obj.</th><th>Window P50 / P90</th><th>Delivered</th></tr>\n";
  for (const Inject& i : s.injects) {
    o << "<tr" << (i.contingency ? " class=\"contingency\"" : "") << "><td class=\"num\">" << i.number
      << (i.contingency ? "<br>C" : "") << "</td><td class=\"time\">" << drillClock(i.time_s) << "</td><td>"
      << html(i.from) << "</td><td>" << html(i.to) << "</td><td>" << html(i.method) << "</td><td>" << html(i.synopsis)
      << "</td><td>" << html(i.action) << "</td><td>" << i.objective << "</td><td class=\"time\">"
      << (i.window ? html(windowText(*i.window)) : "-") << "</td><td class=\"blank\"></td></tr>\n";
  }
  o << "</table>\n";

  o << "<h2 class=\"pagebreak\">Evaluation guide</h2>\n";
  o << "<p class=\"note\">Targets are the P90 of the simulated runs: the time by which nine runs in ten had the task "
       "done under this plan. Record the time observed and rate each task: P performed without challenges, "
       "S performed with some challenges, M performed with major challenges, U unable to be performed.</p>\n";
  for (const Objective& ob : s.objectives) {
    o << "<h3>" << ob.id << " " << html(ob.title) << "</h3>\n<p>" << html(ob.text) << "</p>\n";
    o << "<table>\n<tr><th>Task</th><th>Target (P90)</th><th>Simulated P50</th><th>Done in</th><th>Observed time"
         "</th><th>Rating</th><th>Observations</th></tr>\n";
    for (const Task& t : ob.tasks)
      o << "<tr><td>" << html(t.text) << "</td><td class=\"time\">by " << drillClock(t.window.p90_s)
        << "</td><td class=\"time\">" << drillClock(t.window.p50_s) << "</td><td class=\"num\">"
        << percentOf(t.window.share()) << " of runs</td><td class=\"blank\"></td>"
        << "<td class=\"box\">&#9744;P &#9744;S &#9744;M &#9744;U</td><td class=\"blank\"></td></tr>\n";
    o << "</table>\n<p>Objective rating: <span class=\"box\">&#9744;P &#9744;S &#9744;M &#9744;U</span>"
         "&nbsp;&nbsp; Evaluator: ____________</p>\n";
  }
  o << "</body>\n</html>\n";
  return o.str();
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
    j["window"] = i.window ? windowJson(*i.window) : json(nullptr);
    injects.push_back(j);
  }
  json objectives = json::array();
  for (const Objective& o : s.objectives) {
    json tasks = json::array();
    for (const Task& t : o.tasks) tasks.push_back({{"text", t.text}, {"milestone", t.milestone}, {"window", windowJson(t.window)}});
    objectives.push_back({{"id", o.id}, {"title", o.title}, {"text", o.text}, {"tasks", tasks}});
  }
  return {{"drillsim_drill", 1},
          {"name", h.name},
          {"kind", drillKindName(s.kind)},
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
          {"organisations", s.organisations},
          {"objectives", objectives},
          {"injects", injects}};
}

}  // namespace drillsim
