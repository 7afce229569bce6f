// The drill script: milestones read from a run, windows and the representative run by hand, and
// the command on the mini park, whose injects follow the representative run's event chain and
// whose windows are recomputed here from the runs' own metrics.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <fstream>
#include <sstream>

#include "sim/analysis/DrillDocument.hpp"
#include "sim/analysis/DrillScript.hpp"
#include "scenarios/Validation.hpp"
#include "sim/batch/Statistics.hpp"
#include "tests/TestPaths.hpp"

using namespace drillsim;
namespace fs = std::filesystem;

TEST(DrillScript, WindowsAreType7QuantilesOverTheRunsThatHadTheMilestone) {
  std::vector<Milestones> runs = {{{"a", 10}, {"b", 5}}, {{"a", 20}}, {{"a", 30}}, {{"a", 40}, {"b", 7}}, {}};
  const Windows w = windowsOf(runs);
  // a: 10, 20, 30, 40 -> P50 = 25, P90 = 30 + 0.7 (40 - 30) = 37.
  EXPECT_EQ(w.at("a").runs, 5);
  EXPECT_EQ(w.at("a").happened, 4);
  EXPECT_DOUBLE_EQ(w.at("a").p50_s, 25);
  EXPECT_DOUBLE_EQ(w.at("a").p90_s, 37);
  EXPECT_DOUBLE_EQ(w.at("b").p50_s, 6);
  EXPECT_DOUBLE_EQ(w.at("b").share(), 0.4);
}

TEST(DrillScript, AWindowAfterATriggerIsTheBatchsDelaysPlacedAtTheTrigger) {
  // Delays of b after a: 5, 15, 25 in three runs; the fourth run has a but not b, the fifth neither.
  std::vector<Milestones> runs = {{{"a", 100}, {"b", 105}}, {{"a", 200}, {"b", 215}}, {{"a", 50}, {"b", 75}}, {{"a", 10}}, {}};
  const auto w = windowAfter(runs, "b", "a", 1000);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->runs, 4);      // the runs that had the trigger
  EXPECT_EQ(w->happened, 3);  // of which b followed
  EXPECT_DOUBLE_EQ(w->p50_s, 1000 + 15);
  EXPECT_DOUBLE_EQ(w->p90_s, 1000 + 15 + 0.8 * (25 - 15));  // type 7: h = 0.9 * 2 = 1.8
  // From the onset: the milestone's own times.
  const auto onset = windowAfter(runs, "b", "", 0);
  ASSERT_TRUE(onset);
  EXPECT_EQ(onset->runs, 5);
  EXPECT_DOUBLE_EQ(onset->p50_s, 105);
  EXPECT_FALSE(windowAfter(runs, "c", "a", 0));
}

TEST(DrillScript, TheRepresentativeRunIsTheMedianOrTheP90ByClearance) {
  // Clearances by replication: 50, failed, 10, 40, 30, 20 -> sorted 10 (r2), 20 (r5), 30 (r4), 40 (r3), 50 (r0).
  const std::vector<std::optional<double>> c = {50, std::nullopt, 10, 40, 30, 20};
  EXPECT_EQ(representativeRun(c, false), std::optional<std::size_t>(4));  // lower median of 5: the 3rd
  EXPECT_EQ(representativeRun(c, true), std::optional<std::size_t>(0));   // ceil(0.9 * 5) = 5th
  EXPECT_EQ(representativeRun({std::nullopt}, false), std::nullopt);
}

TEST(DrillScript, MilestonesOfARun) {
  LoadedScenario l;
  Zone z;
  z.id = "Z1";
  l.park.zones.push_back(z);
  Outcome o;
  o.events = {{.time_s = 30, .kind = EventKind::Detected},
              {.time_s = 60, .kind = EventKind::Notified, .entity = "enterprise"},
              {.time_s = 90, .kind = EventKind::Order, .entity = "Z1", .party = "enterprise", .persons = 100},
              {.time_s = 95, .kind = EventKind::Order, .entity = "Z2", .party = "enterprise", .persons = 50},
              {.time_s = 100, .kind = EventKind::Dispatch, .entity = "T1", .target = "L1", .party = "enterprise"},
              {.time_s = 120, .kind = EventKind::ThreatEnters, .entity = "Z2"},
              {.time_s = 300, .kind = EventKind::OnScene, .entity = "T1", .target = "L1"},
              {.time_s = 400, .kind = EventKind::Overflow, .entity = "S1", .cohort = "Z1/c0", .persons = 5},
              {.time_s = 500, .kind = EventKind::Overflow, .entity = "S1", .cohort = "Z1/c1", .persons = 2}};
  // Z1: two cohorts, all admitted (one after an overflow); Z2: one cohort, 10 of 50 never in.
  Leg a{"Z1/c0", 50, 0, 1, {}, 90, 200, 400, "S1", 45};
  Leg b{"Z1/c0", 5, 1, 2, {}, 400, 450, 460, "S2", 5};
  Leg c{"Z1/c1", 50, 0, 1, {}, 90, 200, 350, "S1", 50};
  Leg d{"Z2/c0", 50, 0, 1, {}, 95, 200, 380, "S1", 40};
  o.legs = {a, b, c, d};
  o.metrics.sheltered = 140;
  o.metrics.unsheltered = 10;
  o.metrics.arrival_p95_s = 455;
  const Milestones m = milestonesOf(l, o);
  EXPECT_DOUBLE_EQ(m.at("detected"), 30);
  EXPECT_DOUBLE_EQ(m.at("notified/enterprise"), 60);
  EXPECT_DOUBLE_EQ(m.at("orders/enterprise"), 95);  // the last order given after it
  EXPECT_DOUBLE_EQ(m.at("on_scene/T1"), 300);
  EXPECT_DOUBLE_EQ(m.at("full/S1"), 400);  // the first time
  EXPECT_DOUBLE_EQ(m.at("cleared/Z1"), 460);
  EXPECT_EQ(m.count("cleared/Z2"), 0u);
  EXPECT_DOUBLE_EQ(m.at("sheltered95"), 455);
  EXPECT_EQ(m.count("evacuated"), 0u);  // 10 never got in
  // The threat reached Z2 (no hazard source there) at 120 s, before T1 was on scene.
  EXPECT_DOUBLE_EQ(m.at("late/T1"), 120);
  EXPECT_EQ(milestonesFromJson(milestonesJson(m)), m);
}

namespace {
/// Checks that the injects are in time order and that each standard one stands for an event of
/// the replay, found in the replay's order; returns how many standard injects there are.
int followsTheChain(const nlohmann::json& drill, const nlohmann::json& replay) {
  const auto& events = replay.at("events");
  std::size_t at = 0;
  double last = -1;
  int standard = 0;
  for (const auto& i : drill.at("injects")) {
    EXPECT_GE(i.at("time_s").get<double>(), last);
    last = i.at("time_s").get<double>();
    for (const char* key : {"from", "to", "method", "synopsis", "action", "objective"})
      EXPECT_FALSE(i.at(key).get<std::string>().empty()) << "inject " << i.at("number") << ": " << key;
    if (!i.at("window").is_null()) {
      EXPECT_LE(i.at("window").at("p50_s").get<double>(), i.at("window").at("p90_s").get<double>());
    }
    if (i.at("contingency").get<bool>() || i.at("event") == "evacuated" || i.at("event") == "horizon") continue;
    ++standard;
    bool found = false;
    for (; at < events.size() && !found; ++at) {
      const auto& e = events[at];
      const std::string name = e.at("kind").get<std::string>() +
                               (e.at("entity").get<std::string>().empty() ? "" : " " + e.at("entity").get<std::string>());
      found = name == i.at("event") && std::abs(e.at("time_s").get<double>() - i.at("time_s").get<double>()) < 1e-9;
    }
    EXPECT_TRUE(found) << "inject " << i.at("number") << " (" << i.at("event") << ") not in the replay's order";
  }
  return standard;
}

std::vector<std::string> csvRows(const std::string& text) {
  std::vector<std::string> rows;
  std::string row;
  bool quoted = false;
  for (char ch : text) {
    if (ch == '"') quoted = !quoted;
    if (ch == '\n' && !quoted) {
      rows.push_back(row);
      row.clear();
    } else {
      row += ch;
    }
  }
  return rows;
}
}  // namespace

// The command on the mini park: documents written; non-contingency injects in time order, each
// standing for an event of the replay, in the replay's order; windows equal to P50/P90 recomputed
// from each run's metrics as `drillsim run` prints them.
TEST(DrillScript, TheCommandFollowsTheEventChainAndItsWindowsMatchTheRuns) {
  const std::string scenario = test::sourcePath("tests/data/mini/mini.yaml");
  const std::string table = test::sourcePath("tests/data/mini/substances.csv");
  const fs::path dir = fs::temp_directory_path() / ("drillsim-drill-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const int n = 24;
  auto r = test::runDrillsim({"drill", scenario, "--substances", table, "--plan", "A", "--kind", "functional",
                              "--replications", std::to_string(n), "--out", dir.string(), "--jobs", "2", "--form", "hseep"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  for (const char* f : {"msel.csv", "drill.html", "drill.json", "replay.json"}) EXPECT_TRUE(fs::exists(dir / f)) << f;
  std::ifstream in(dir / "drill.json");
  const auto drill = nlohmann::json::parse(in);
  std::ifstream rin(dir / "replay.json");
  const auto replay = nlohmann::json::parse(rin);
  EXPECT_EQ(drill.at("kind"), "functional");
  EXPECT_EQ(drill.at("runs"), n);
  EXPECT_EQ(replay.at("replication"), drill.at("replication"));

  // The chain: each standard inject is an event of the replay, found in order.
  EXPECT_GE(followsTheChain(drill, replay), 5);  // alarm, two notifications, two teams on scene at least
  for (const auto& i : drill.at("injects"))
    if (!i.at("contingency").get<bool>()) {
      EXPECT_NE(i.at("method").get<std::string>().find("SimCell"), std::string::npos);
    }

  // The windows, recomputed from the runs' metrics: over the batch from the onset (`batch`), and a
  // team's arrival as the target measured from its dispatch in the representative run.
  std::map<std::string, std::vector<double>> times, delays;
  for (int rep = 0; rep < n; ++rep) {
    auto one = test::runDrillsim({"run", scenario, "--substances", table, "--plan", "A", "--replication",
                                  std::to_string(rep), "--format", "json"});
    ASSERT_EQ(one.exitCode, 0) << one.err;
    const auto m = nlohmann::json::parse(one.out).at("metrics");
    for (const auto& [team, t] : m.at("teams").items())
      if (!t.at("arrival_s").is_null()) {
        times["on_scene/" + team].push_back(t.at("arrival_s"));
        delays["on_scene/" + team].push_back(t.at("arrival_s").get<double>() - t.at("dispatch_s").get<double>());
      }
    if (!m.at("hazards").at("L1").at("contained_s").is_null())
      times["contained/L1"].push_back(m.at("hazards").at("L1").at("contained_s"));
    times["sheltered95"].push_back(m.at("arrival_p95_s"));
    if (m.at("unsheltered").get<long>() == 0) times["evacuated"].push_back(m.at("clearance_s"));
  }
  std::map<std::string, double> dispatched;  // in the representative run
  for (const auto& e : replay.at("events"))
    if (e.at("kind") == "dispatch" && !dispatched.count(e.at("entity"))) dispatched[e.at("entity")] = e.at("time_s");
  int checked = 0, arrivals = 0;
  for (const auto& o : drill.at("objectives"))
    for (const auto& t : o.at("tasks")) {
      const std::string key = t.at("milestone");
      SCOPED_TRACE(key);
      if (auto it = times.find(key); it != times.end()) {
        std::vector<double> v = it->second;
        std::sort(v.begin(), v.end());
        ASSERT_FALSE(t.at("batch").is_null());
        EXPECT_EQ(t.at("batch").at("happened").get<std::size_t>(), v.size());
        EXPECT_NEAR(t.at("batch").at("p50_s").get<double>(), stats::quantileSorted(v, 0.5), 1e-6);
        EXPECT_NEAR(t.at("batch").at("p90_s").get<double>(), stats::quantileSorted(v, 0.9), 1e-6);
        ++checked;
      }
      if (auto it = delays.find(key); it != delays.end()) {
        const std::string team = key.substr(9);
        std::vector<double> v = it->second;
        std::sort(v.begin(), v.end());
        EXPECT_EQ(t.at("after"), "dispatch/" + team);
        EXPECT_NEAR(t.at("window").at("p50_s").get<double>(), dispatched.at(team) + stats::quantileSorted(v, 0.5), 1e-6);
        EXPECT_NEAR(t.at("window").at("p90_s").get<double>(), dispatched.at(team) + stats::quantileSorted(v, 0.9), 1e-6);
        ++arrivals;
      }
    }
  EXPECT_GE(checked, 4);
  EXPECT_GE(arrivals, 2);

  // The CSV: a byte-order mark, a header and one row per inject; the HTML holds every inject.
  std::ifstream csvIn(dir / "msel.csv");
  std::stringstream csv;
  csv << csvIn.rdbuf();
  ASSERT_EQ(csv.str().rfind("\xEF\xBB\xBFnumber,time,", 0), 0u);
  EXPECT_EQ(csvRows(csv.str()).size(), drill.at("injects").size() + 1);
  std::ifstream htmlIn(dir / "drill.html");
  std::stringstream html;
  html << htmlIn.rdbuf();
  EXPECT_NE(html.str().find("Evaluation guide"), std::string::npos);
  EXPECT_NE(html.str().find("&#9744;P &#9744;S &#9744;M &#9744;U"), std::string::npos);
  for (const auto& i : drill.at("injects")) {
    EXPECT_NE(html.str().find(drillClock(i.at("time_s").get<double>())), std::string::npos);
    EXPECT_NE(html.str().find("<td class=\"num\">" + i.at("label").get<std::string>() + "</td>"), std::string::npos);
  }

  // The debrief: a team timed after its P90 is flagged, one before its P50 is not; injects as
  // delivered. A broken observations file is refused with the key at fault.
  const auto& hz1 = [&]() -> const nlohmann::json& {
    for (const auto& o : drill.at("objectives"))
      for (const auto& t : o.at("tasks"))
        if (t.at("milestone") == "on_scene/HZ1") return t;
    throw std::runtime_error("no task on_scene/HZ1");
  }();
  const double p90 = hz1.at("window").at("p90_s"), p50 = hz1.at("window").at("p50_s");
  std::ofstream(dir / "observations.json") << nlohmann::json{
      {"drillsim_observations", 1},
      {"delivered", {{{"inject", 1}, {"time_s", 40}}}},
      {"observations",
       {{{"time_s", p90 + 60}, {"task", "on_scene/HZ1"}, {"inject", 0}, {"text", "HZ1 到场较慢"}},
        {{"time_s", p50 - 10}, {"task", "on_scene/FB1"}, {"inject", 0}, {"text", "FB1 on scene"}},
        {{"time_s", p50 - 20}, {"task", ""}, {"inject", 1}, {"text", "a note"}}}}};
  r = test::runDrillsim({"drill", "debrief", dir.string(), "--format", "json"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto debrief = nlohmann::json::parse(r.out);
  for (const char* f : {"evaluation-report.html", "evaluation-report.docx"}) EXPECT_TRUE(fs::exists(dir / f)) << f;
  std::map<std::string, std::string> verdicts;
  for (const auto& t : debrief.at("tasks")) verdicts[t.at("milestone")] = t.at("verdict");
  EXPECT_EQ(verdicts.at("on_scene/HZ1"), "SLOWER THAN P90");
  EXPECT_EQ(verdicts.at("contained/L1"), "not recorded");
  r = test::runDrillsim({"drill", "debrief", dir.string(), "--format", "md"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::ifstream mdIn(dir / "debrief.md");
  std::stringstream md;
  md << mdIn.rdbuf();
  EXPECT_NE(md.str().find("HZ1 到场较慢"), std::string::npos);
  EXPECT_NE(md.str().find("1 slower than P90"), std::string::npos) << md.str();
  std::ofstream(dir / "observations.json") << R"({"drillsim_observations": 1, "observations": [{"text": "no time"}]})";
  r = test::runDrillsim({"drill", "debrief", dir.string()});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("observations[0].time_s: missing"), std::string::npos) << r.err;
  fs::remove_all(dir);

  // A plan that does not exist: a usage error naming the plans there are.
  r = test::runDrillsim({"drill", scenario, "--substances", table, "--plan", "Q"});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_NE(r.err.find("Q"), std::string::npos) << r.err;
}

// A drill file read back gives the script it was written from; debrief verdicts by hand.
TEST(DrillScript, ADrillFileReadsBackAndDebriefsByHand) {
  DrillScript s;
  s.kind = DrillKind::FullScale;
  s.plan = "A";
  Inject i;
  i.number = 1;
  i.time_s = 100;
  i.synopsis = "警报";
  i.milestone = "notified/enterprise";
  i.window = Window{20, 20, 120, 200};
  s.injects = {i};
  s.objectives = {{"O1", "Alarm", "text", {{.text = "enterprise notified", .milestone = "notified/enterprise", .window = Window{20, 20, 120, 200}},
                                            {.text = "committee notified", .milestone = "notified/park_committee", .window = Window{20, 18, 300, 400}}}}};
  DrillHeader h;
  h.name = "演练";
  h.runs = 20;
  DrillHeader h2;
  DrillScript s2;
  std::string error;
  ASSERT_TRUE(readDrill(drillJson(h, s), h2, s2, error)) << error;
  EXPECT_EQ(h2.name, "演练");
  EXPECT_EQ(s2.kind, DrillKind::FullScale);
  ASSERT_EQ(s2.injects.size(), 1u);
  EXPECT_EQ(s2.injects[0].synopsis, "警报");
  ASSERT_TRUE(s2.injects[0].window);
  EXPECT_DOUBLE_EQ(s2.injects[0].window->p90_s, 200);
  ASSERT_EQ(s2.objectives.size(), 1u);
  EXPECT_EQ(s2.objectives[0].tasks.size(), 2u);
  EXPECT_FALSE(readDrill(nlohmann::json{{"name", "x"}}, h2, s2, error));
  EXPECT_NE(error.find("drillsim_drill"), std::string::npos);
  // A number beyond a double is a message naming the file, not an exception.
  const fs::path bad = fs::temp_directory_path() / ("drillsim-bad-drill-" + std::to_string(::getpid()) + ".json");
  std::ofstream(bad) << R"({"drillsim_drill": 1, "seed": 1e400})";
  error.clear();
  EXPECT_FALSE(readDrillFile(bad.string(), error));
  EXPECT_NE(error.find(bad.string()), std::string::npos) << error;
  fs::remove(bad);

  DrillLog log;
  log.delivered[1] = 105;
  log.observations = {{150, "notified/enterprise", 1, "told"}, {90, "notified/enterprise", 0, "told earlier"},
                      {450, "notified/park_committee", 0, "late"}};
  log.bookmarks = {300, 420.5};
  DrillLog back;
  ASSERT_TRUE(readDrillLog(drillLogJson(log), back, error)) << error;
  EXPECT_EQ(back, log);
  const auto rows = debriefRows(s, log);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_DOUBLE_EQ(*rows[0].achieved_s, 90);  // the first time recorded
  EXPECT_EQ(rows[0].verdict, DebriefRow::Verdict::ByP50);
  EXPECT_EQ(rows[1].verdict, DebriefRow::Verdict::SlowerThanP90);
}

// A key that may be left out but is given with the wrong type is named, with where it is.
TEST(DrillScript, AWrongTypedOptionalKeyIsNamed) {
  DrillHeader h;
  DrillScript s;
  s.plan = "A";
  Inject i;
  i.number = 1;
  s.injects = {i};
  std::string error;
  auto drill = drillJson(h, s);
  drill["plan_name"] = 7;
  EXPECT_FALSE(readDrill(drill, h, s, error));
  EXPECT_EQ(error, "plan_name: expected text, found 7");
  drill = drillJson(h, s);
  drill["injects"][0]["synopsis"] = {{"zh", "警报"}};
  EXPECT_FALSE(readDrill(drill, h, s, error));
  EXPECT_EQ(error, R"(injects[0].synopsis: expected text, found {"zh":"警报"})");
  drill = drillJson(h, s);
  drill["drillsim_drill"] = "1";
  EXPECT_FALSE(readDrill(drill, h, s, error));
  EXPECT_NE(error.find("not a drill file"), std::string::npos) << error;

  DrillLog log;
  log.observations = {{150, "notified/enterprise", 1, "told"}};
  auto observations = drillLogJson(log);
  observations["observations"][0]["inject"] = "one";
  EXPECT_FALSE(readDrillLog(observations, log, error));
  EXPECT_EQ(error, R"(observations[0].inject: expected a number, found "one")");
  observations = drillLogJson(log);
  observations["bookmarks"] = {300, "later"};
  EXPECT_FALSE(readDrillLog(observations, log, error));
  EXPECT_EQ(error, R"(bookmarks[1]: expected a number, found "later")");
}

namespace {

/// What a script must hold against the run it comes from (issue 22 item 6): every inject to a party
/// already told in that run, its window measured from its own event, orders asked only of a party
/// that gives them, one label everywhere, the zones' tasks by their orders, the run's casualties
/// in the triage inject, the threat injects of a tabletop for the zones with most people, and the
/// modules on the exercise's clock.
void checkAgainstTheRun(const LoadedScenario& l, const Plan& plan, const std::string& scenario, const fs::path& dir,
                        const std::string& kind) {
  std::ifstream in(dir / "drill.json"), rin(dir / "replay.json");
  const auto drill = nlohmann::json::parse(in);
  const auto replay = nlohmann::json::parse(rin);
  const auto& events = replay.at("events");
  EXPECT_GE(followsTheChain(drill, replay), 3);
  EXPECT_FALSE(drill.at("objectives").empty());
  auto persons = [&](const std::string& zone) {
    for (const Zone& z : l.park.zones)
      if (z.id == zone) return l.scenario.night() ? z.pop_night : z.pop_day;
    return 0;
  };
  std::map<std::string, double> told;
  for (const auto& e : events)
    if (e.at("kind") == "notified") told.emplace(e.at("entity"), e.at("time_s"));
  std::set<std::string> givers;
  for (const Protect& p : plan.protect) givers.insert(p.after.id);

  // Each inject: to a party told by then; the window from its own event, never before it.
  for (const auto& i : drill.at("injects")) {
    SCOPED_TRACE("inject " + i.at("label").get<std::string>() + " " + i.at("synopsis").get<std::string>());
    const double t = i.at("time_s");
    const std::string to = i.at("recipient");
    ASSERT_TRUE(told.count(to)) << "to " << to << ", never told in the run";
    EXPECT_LE(told.at(to), t) << to << " is told at " << told.at(to);
    if (!i.at("window").is_null()) {
      EXPECT_LE(t, i.at("window").at("p50_s").get<double>());
      EXPECT_LE(i.at("window").at("p50_s").get<double>(), i.at("window").at("p90_s").get<double>());
      const std::string after = i.at("after"), event = i.at("event");
      EXPECT_TRUE((event.rfind("notified ", 0) == 0 && after == "notified/" + event.substr(9)) ||
                  (event.rfind("on_scene ", 0) == 0 && after.rfind("working/", 0) == 0))
          << "window measured from " << after << ", not the inject's own event " << event;
    }
    const std::string action = i.at("action");
    if (action.find("Order ") != std::string::npos || action.find("protective order") != std::string::npos) {
      EXPECT_TRUE(givers.count(to)) << to << " gives no orders under plan " << plan.id;
    }
    EXPECT_EQ(i.at("label").get<std::string>(), std::to_string(i.at("number").get<int>()) + (i.at("contingency").get<bool>() ? "C" : ""));
  }

  // One label in the CSV, the JSON and the HTML.
  std::ifstream csvIn(dir / "msel.csv"), htmlIn(dir / "drill.html");
  std::stringstream csv, html;
  csv << csvIn.rdbuf();
  html << htmlIn.rdbuf();
  const auto rows = csvRows(csv.str());
  ASSERT_EQ(rows.size(), drill.at("injects").size() + 1);
  for (std::size_t k = 0; k < drill.at("injects").size(); ++k) {
    const std::string label = drill.at("injects")[k].at("label");
    EXPECT_EQ(rows[k + 1].substr(0, rows[k + 1].find(',')), label);
    EXPECT_NE(html.str().find("<td class=\"num\">" + label + "</td>"), std::string::npos) << label;
  }

  // The zones' tasks follow their orders in the run: shelter in place, or cleared; the source zone too.
  std::set<std::string> tasks;
  for (const auto& o : drill.at("objectives"))
    for (const auto& t : o.at("tasks")) tasks.insert(t.at("milestone").get<std::string>());
  std::set<std::string> sourceZones;
  for (const Hazard& h : l.scenario.hazards) {
    if (const auto* r = std::get_if<ToxicRelease>(&h.detail))
      for (const auto& src : l.park.sources)
        if (src.id == r->source.id) sourceZones.insert(src.zone);
    if (const auto* f = std::get_if<Fire>(&h.detail)) sourceZones.insert(f->zone.id);
  }
  int sip = 0;
  for (const auto& e : events) {
    if (e.at("kind") != "order" || persons(e.at("entity")) == 0) continue;
    const std::string zone = e.at("entity");
    SCOPED_TRACE(zone);
    if (e.at("action") == "shelter_in_place") {
      ++sip;
      EXPECT_TRUE(tasks.count("sip/" + zone));
      EXPECT_FALSE(tasks.count("cleared/" + zone));
    } else {
      EXPECT_FALSE(tasks.count("sip/" + zone));
    }
    if (sourceZones.count(zone)) {
      EXPECT_TRUE(tasks.count("sip/" + zone) || tasks.count("cleared/" + zone)) << "the source zone has no task";
    }
  }
  if (sip > 0) {
    bool told_ = false;
    for (const auto& i : drill.at("injects")) told_ = told_ || i.at("action").get<std::string>().find("to shelter in place") != std::string::npos;
    EXPECT_TRUE(told_) << "zones shelter in place in the run, and no inject orders it";
  }

  // The triage inject holds the run's casualties, as `drillsim run` counts them.
  const auto run = test::runDrillsim({"run", scenario, "--plan", plan.id, "--replication",
                                      std::to_string(drill.at("replication").get<long>()), "--format", "json"});
  ASSERT_EQ(run.exitCode, 0) << run.err;
  const auto m = nlohmann::json::parse(run.out).at("metrics");
  for (const auto& i : drill.at("injects")) {
    const std::string event = i.at("event");
    const Team* t = nullptr;
    for (const Team& team : l.scenario.teams)
      if (event == "on_scene " + team.id) t = &team;
    if (!t || t->kind != TeamKind::Medical) continue;
    const std::string synopsis = i.at("synopsis");
    const bool toxic = std::any_of(l.scenario.hazards.begin(), l.scenario.hazards.end(),
                                   [](const Hazard& h) { return std::holds_alternative<ToxicRelease>(h.detail); });
    if (toxic)
      EXPECT_NE(synopsis.find("In the whole park " + std::to_string(m.at("persons_over_aegl2").get<long>()) +
                              " persons breathe a dose over AEGL-2 and " + std::to_string(m.at("persons_over_aegl3").get<long>()) +
                              " over AEGL-3"),
                std::string::npos)
          << synopsis;
    else
      EXPECT_NE(synopsis.find(std::to_string(m.at("persons_over_5kw").get<long>()) + " persons feel 5 kW/m2 or more"), std::string::npos)
          << synopsis;
  }

  if (kind != "tabletop") {
    EXPECT_TRUE(drill.at("modules").empty());
    return;
  }
  // A tabletop's threat injects: the zones with most people the threat reached after the orders'
  // party was told (at most three).
  std::string commander;
  for (const Protect& p : plan.protect)
    if (commander.empty() && told.count(p.after.id)) commander = p.after.id;
  if (!commander.empty()) {
    std::vector<int> reached, injected;
    for (const auto& e : events)
      if (e.at("kind") == "threat_enters" && e.at("time_s").get<double>() > told.at(commander) && persons(e.at("entity")) > 0)
        reached.push_back(persons(e.at("entity")));
    for (const auto& i : drill.at("injects"))
      if (i.at("event").get<std::string>().rfind("threat_enters ", 0) == 0) injected.push_back(persons(i.at("event").get<std::string>().substr(14)));
    std::sort(reached.rbegin(), reached.rend());
    std::sort(injected.rbegin(), injected.rend());
    reached.resize(std::min<std::size_t>(reached.size(), 3));
    EXPECT_EQ(injected, reached);
  }
  // The modules: consecutive, covering the exercise's clock, every inject in one, each with its
  // situation and a question for each standard inject.
  const auto& modules = drill.at("modules");
  ASSERT_FALSE(modules.empty());
  double at = 0;
  std::size_t questions = 0;
  for (const auto& mod : modules) {
    EXPECT_NEAR(mod.at("exercise_start_s").get<double>(), at, 1e-6);
    at = mod.at("exercise_end_s");
    EXPECT_FALSE(mod.at("summary").empty());
    questions += mod.at("questions").size();
  }
  EXPECT_NEAR(at, drill.at("exercise_minutes").get<double>() * 60, 1e-6);
  std::size_t standard = 0;
  double last = -1;
  for (const auto& i : drill.at("injects")) {
    standard += !i.at("contingency").get<bool>();
    EXPECT_GE(i.at("module").get<int>(), 1);
    EXPECT_LE(i.at("module").get<std::size_t>(), modules.size());
    EXPECT_GE(i.at("exercise_s").get<double>(), last);
    last = i.at("exercise_s");
  }
  EXPECT_EQ(questions, standard);
}

}  // namespace

// Every bundled scenario and plan: a tabletop script that agrees with its run, and the first
// plan's full-scale script too.
TEST(DrillScript, EveryBundledScenarioAndPlanGivesAScriptThatAgreesWithItsRun) {
  for (const char* name : {"chlorine_night", "ammonia_day", "warehouse_fire_day"}) {
    const std::string scenario = test::sourcePath(std::string("data/scenarios/") + name + ".yaml");
    Diagnostics d;
    const auto l = loadAndValidate(scenario, d);
    ASSERT_TRUE(l) << d.str();
    for (const Plan& plan : l->scenario.plans)
      for (const char* kind : {"tabletop", "full-scale"}) {
        if (std::string(kind) == "full-scale" && plan.id != l->scenario.plans.front().id) continue;
        SCOPED_TRACE(std::string(name) + " plan " + plan.id + " " + kind);
        const fs::path dir = fs::temp_directory_path() / ("drillsim-drill-" + std::string(name) + "-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        const auto r = test::runDrillsim({"drill", scenario, "--plan", plan.id, "--kind", kind, "--replications", "20", "--out",
                                          dir.string(), "--jobs", "2", "--form", "hseep"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        checkAgainstTheRun(*l, plan, scenario, dir, kind);
        fs::remove_all(dir);
      }
  }
}

// --exercise-minutes sets the tabletop's clock; out of range it is a usage error.
TEST(DrillScript, TheExerciseClockTakesItsLength) {
  const std::string scenario = test::sourcePath("tests/data/mini/mini.yaml");
  const std::string table = test::sourcePath("tests/data/mini/substances.csv");
  auto r = test::runDrillsim({"drill", scenario, "--substances", table, "--plan", "A", "--replications", "8", "--exercise-minutes",
                              "90", "--format", "json", "--jobs", "2"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const auto drill = nlohmann::json::parse(r.out);
  EXPECT_DOUBLE_EQ(drill.at("exercise_minutes").get<double>(), 90);
  ASSERT_FALSE(drill.at("modules").empty());
  EXPECT_NEAR(drill.at("modules").back().at("exercise_end_s").get<double>(), 90 * 60, 1e-6);
  r = test::runDrillsim({"drill", scenario, "--substances", table, "--plan", "A", "--exercise-minutes", "5"});
  EXPECT_EQ(r.exitCode, 64);
  EXPECT_NE(r.err.find("exercise-minutes"), std::string::npos) << r.err;
}
