// The drill script: milestones read from a run, windows and the representative run by hand, and
// the command on the mini park, whose injects follow the representative run's event chain and
// whose windows are recomputed here from the runs' own metrics.
#include <gtest/gtest.h>

#include <filesystem>
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
                              "--replications", std::to_string(n), "--out", dir.string(), "--jobs", "2"});
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

  // The windows, recomputed from the runs' metrics.
  std::map<std::string, std::vector<double>> times;
  for (int rep = 0; rep < n; ++rep) {
    auto one = test::runDrillsim({"run", scenario, "--substances", table, "--plan", "A", "--replication",
                                  std::to_string(rep), "--format", "json"});
    ASSERT_EQ(one.exitCode, 0) << one.err;
    const auto m = nlohmann::json::parse(one.out).at("metrics");
    for (const auto& [team, t] : m.at("teams").items())
      if (!t.at("arrival_s").is_null()) times["on_scene/" + team].push_back(t.at("arrival_s"));
    if (!m.at("hazards").at("L1").at("contained_s").is_null())
      times["contained/L1"].push_back(m.at("hazards").at("L1").at("contained_s"));
    times["sheltered95"].push_back(m.at("arrival_p95_s"));
    if (m.at("unsheltered").get<long>() == 0) times["evacuated"].push_back(m.at("clearance_s"));
  }
  int checked = 0;
  for (const auto& o : drill.at("objectives"))
    for (const auto& t : o.at("tasks")) {
      auto it = times.find(t.at("milestone").get<std::string>());
      if (it == times.end()) continue;
      std::vector<double> v = it->second;
      std::sort(v.begin(), v.end());
      SCOPED_TRACE(it->first);
      EXPECT_EQ(t.at("window").at("happened").get<std::size_t>(), v.size());
      EXPECT_NEAR(t.at("window").at("p50_s").get<double>(), stats::quantileSorted(v, 0.5), 1e-6);
      EXPECT_NEAR(t.at("window").at("p90_s").get<double>(), stats::quantileSorted(v, 0.9), 1e-6);
      ++checked;
    }
  EXPECT_GE(checked, 4);

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
  for (const auto& i : drill.at("injects"))
    EXPECT_NE(html.str().find(drillClock(i.at("time_s").get<double>())), std::string::npos);

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
  s.objectives = {{"O1", "Alarm", "text", {{"enterprise notified", "notified/enterprise", Window{20, 20, 120, 200}},
                                            {"committee notified", "notified/park_committee", Window{20, 18, 300, 400}}}}};
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

// Every bundled scenario's first plan gives a script that follows its run's chain, tabletop and
// full-scale alike.
TEST(DrillScript, EveryBundledScenarioGivesAScriptThatFollowsItsRun) {
  for (const char* name : {"chlorine_night", "ammonia_day", "warehouse_fire_day"})
    for (const char* kind : {"tabletop", "full-scale"}) {
      SCOPED_TRACE(std::string(name) + " " + kind);
      const std::string scenario = test::sourcePath(std::string("data/scenarios/") + name + ".yaml");
      const fs::path dir = fs::temp_directory_path() / ("drillsim-drill-" + std::string(name) + "-" + std::to_string(::getpid()));
      fs::remove_all(dir);
      Diagnostics d;
      const auto l = loadAndValidate(scenario, d);
      ASSERT_TRUE(l) << d.str();
      const auto r = test::runDrillsim({"drill", scenario, "--plan", l->scenario.plans.front().id, "--kind", kind,
                                        "--replications", "20", "--out", dir.string(), "--jobs", "2"});
      ASSERT_EQ(r.exitCode, 0) << r.err;
      std::ifstream in(dir / "drill.json"), rin(dir / "replay.json");
      const auto drill = nlohmann::json::parse(in);
      const auto replay = nlohmann::json::parse(rin);
      EXPECT_GE(followsTheChain(drill, replay), 3);
      EXPECT_FALSE(drill.at("objectives").empty());
      fs::remove_all(dir);
    }
}
