// The drill documents of AQ/T 9007-2019 and AQ/T 9009-2015 from a script made by hand: the parts
// each standard names, the evaluation items by kind of drill with their tasks' targets, and the
// evaluation report's findings (where the time was lost, who mends it, by when).
#include <gtest/gtest.h>

#include <algorithm>

#include "scenarios/I18n.hpp"
#include "sim/analysis/DrillForms.hpp"

using namespace drillsim;

namespace {

Task task(const std::string& text, const std::string& milestone, const std::string& after, double run_s, double p50,
          double p90, const std::string& owner, const std::string& item) {
  Task t;
  t.text = text;
  t.milestone = milestone;
  t.after = after;
  t.run_s = run_s;
  t.window = Window{10, 10, p50, p90};
  t.owner = owner;
  t.item = item;
  return t;
}

/// Detection at 60 s, the committee told at 300 s (P90 400), its orders at 300 s (P90 330), two
/// zones sheltering in place, a team on scene.
DrillScript script(DrillKind kind) {
  DrillScript s;
  s.kind = kind;
  s.plan = "C";
  s.planName = "plan C";
  s.organisations = {"enterprise", "park committee", "team T1"};
  Objective o1{"O1", "Alarm", "", {}};
  o1.tasks.push_back(task("incident detected", "detected", "", 60, 60, 90, "enterprise", "alarm"));
  o1.tasks.push_back(task("committee notified", "notified/park_committee", "detected", 300, 350, 400, "enterprise", "alarm"));
  Objective o2{"O2", "Orders", "", {}};
  o2.tasks.push_back(task("orders given", "orders/park_committee", "notified/park_committee", 300, 310, 330, "park committee",
                          "command"));
  Objective o3{"O3", "Protection", "", {}};
  o3.tasks.push_back(task("Z1 sheltering", "sip/Z1", "notified/park_committee", 320, 330, 360, "park committee", "protection"));
  o3.tasks.push_back(task("Z2 sheltering", "sip/Z2", "notified/park_committee", 320, 330, 420, "park committee", "protection"));
  Objective o4{"O4", "Response", "", {}};
  o4.tasks.push_back(task("T1 on scene", "on_scene/T1", "dispatch/T1", 500, 520, 600, "team T1", "response"));
  s.objectives = {o1, o2, o3, o4};
  Inject a;
  a.number = 1;
  a.time_s = 60;
  a.to = "enterprise";
  a.synopsis = "Alarm. More.";
  Inject b = a;
  b.number = 2;
  b.time_s = 300;
  b.synopsis = "The committee is told.";
  Inject c = a;
  c.number = 3;
  c.time_s = 400;
  c.contingency = true;
  s.injects = {a, b, c};
  return s;
}

std::vector<std::string> headings(const report::Document& d) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks)
    if (b.kind == report::Block::Kind::Heading) out.push_back(b.text);
  return out;
}

const report::Table* firstTable(const report::Document& d, std::size_t columns) {
  for (const auto& b : d.blocks)
    if (b.kind == report::Block::Kind::Table && b.table.columns.size() == columns) return &b.table;
  return nullptr;
}

}  // namespace

TEST(DrillForms, TheDrillPlanHasEveryPartOfAQT9007) {
  DrillHeader h;
  h.name = "night drill";
  h.scenarioName = "chlorine";
  h.runs = 10;
  const auto d = drillPlanForm(h, script(DrillKind::Tabletop));
  const std::vector<std::string> expected = {"1 Purpose and requirements", "2 Scenario", "3 Form, scale and time",
                                             "4 Participating units and their tasks", "5 Organisation",
                                             "6 Main steps and schedule", "7 Safety measures",
                                             "8 Technical support: the simulation's expected times",
                                             "9 Evaluation and summary"};
  EXPECT_EQ(headings(d), expected);
  // The four groups of the drill's organisation, each with a blank for its people.
  const report::Table* org = nullptr;
  for (const auto& b : d.blocks)
    if (b.kind == report::Block::Kind::Table && !b.table.columns.empty() && b.table.columns[0] == "Group") org = &b.table;
  ASSERT_NE(org, nullptr);
  ASSERT_EQ(org->rows.size(), 4u);
  EXPECT_EQ(org->rows[0][0], "leading group");
  EXPECT_EQ(org->rows[1][0], "planning and control group");
  EXPECT_EQ(org->rows[2][0], "support group");
  EXPECT_EQ(org->rows[3][0], "evaluation group");
  EXPECT_TRUE(org->forHand);
  // The expected times: one row per task, the zones' own tasks summed up in one line.
  const report::Table* times = firstTable(d, 5);
  ASSERT_NE(times, nullptr);
  std::vector<std::string> tasks;
  for (const auto& r : times->rows) tasks.push_back(r[1]);
  EXPECT_EQ(tasks, (std::vector<std::string>{"incident detected", "committee notified", "orders given",
                                             "2 zones sheltering in place: the last by T+00:07:00", "T1 on scene"}));
  EXPECT_EQ(times->rows[1][3], "T+00:06:40");  // P90 400 s
  EXPECT_EQ(d.organisation, "chlorine");       // no park named: the scenario's name
}

TEST(DrillForms, TheScriptIsTheStandardsTable) {
  DrillHeader h;
  const auto d = drillScriptForm(h, script(DrillKind::FullScale));
  const report::Table* t = firstTable(d, 9);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->columns, (std::vector<std::string>{"No.", "Time", "Scene", "Participants", "Actions", "Commands and dialogue",
                                                  "Narration", "Target P50 / P90", "Actual time"}));
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[2][0], "3C");
  EXPECT_EQ(t->rows[2][2], "[contingency] Alarm. More.");
  EXPECT_NE(t->rows[0][5].find("\"Alarm.\""), std::string::npos);  // the first sentence is the call
  EXPECT_EQ(t->rows[0][8], "");                                      // for the controller's pen
  EXPECT_TRUE(t->forHand);
}

TEST(DrillForms, EvaluationItemsFollowTheAnnexOfTheDrillsKind) {
  const auto live = evaluationItems(script(DrillKind::FullScale));
  const auto tabletop = evaluationItems(script(DrillKind::Tabletop));
  ASSERT_EQ(live.size(), 3u + 12u);  // preparation, then Annex A's twelve functions
  ASSERT_EQ(tabletop.size(), 3u + 9u);
  EXPECT_EQ(live[0].number, "1.1");
  EXPECT_EQ(live[3].number, "2.1");
  EXPECT_EQ(live[3].title, "Warning and information reporting");
  EXPECT_EQ(live[3].windows, (std::vector<std::string>{"incident detected: by T+00:01:30 (P50 T+00:01:00)",
                                                        "committee notified: by T+00:06:40 (P50 T+00:05:50)"}));
  const auto protection = std::find_if(live.begin(), live.end(), [](const auto& i) { return i.title == "Protection of people"; });
  ASSERT_NE(protection, live.end());
  EXPECT_EQ(protection->windows, (std::vector<std::string>{"2 zones sheltering in place: the last by T+00:07:00"}));
  const auto comms = std::find_if(live.begin(), live.end(), [](const auto& i) { return i.title == "Emergency communications"; });
  ASSERT_NE(comms, live.end());
  EXPECT_TRUE(comms->windows.empty());  // observed only
}

TEST(DrillForms, FindingsPlaceTheDelayInTheChainWithOwnerAndDeadline) {
  const DrillScript s = script(DrillKind::FullScale);
  DrillLog log;
  log.delivered = {{1, 60}, {3, 900}};  // inject 2 never delivered; the contingency does not count
  // Detection late (its trigger is the onset); the committee told 500 s after detection (P90 340 s:
  // its own step slow); the orders 20 s after the committee was told (P90 30 s: late only because
  // the notice was).
  log.observations = {{200, "detected", 0, ""}, {700, "notified/park_committee", 0, ""}, {720, "orders/park_committee", 0, ""}};
  const auto f = findingsOf(s, log, {2026, 12, 2, 30});
  ASSERT_EQ(f.size(), 5u);
  EXPECT_EQ(f[0].task, "incident detected");
  EXPECT_EQ(f[0].cause, "The step before it was not recorded, so the delay cannot be placed in the chain.");
  EXPECT_EQ(f[1].task, "committee notified");
  EXPECT_EQ(f[1].problem, "done at T+00:11:40, 5 min after its target T+00:06:40 (P90 of the simulated runs)");
  EXPECT_EQ(f[1].cause, "This step itself was slow: 8 min from incident detected (its simulated P90 is 6 min).");
  EXPECT_EQ(f[1].owner, "enterprise");
  EXPECT_EQ(f[2].task, "orders given");
  EXPECT_EQ(f[2].cause,
            "The step before it came late: committee notified was recorded at T+00:11:40 against T+00:05:00 in the "
            "script; this step itself took 20 s (its simulated P90 is 30 s).");
  EXPECT_EQ(f[2].owner, "park committee");
  EXPECT_EQ(f[2].deadline, "1 January 2027");  // 2 December 2026 + 30 days
  EXPECT_EQ(f[3].task, "T1 on scene");  // the zones' own tasks are timed as a whole, not each
  EXPECT_EQ(f[3].problem, "1 task not recorded");
  EXPECT_EQ(f[3].owner, "evaluation group");
  EXPECT_EQ(f[4].task, "inject 2");
  EXPECT_EQ(f[4].owner, "planning and control group");
}

TEST(DrillForms, AStepSlowerThanItsSpanButLateMostlyFromUpstreamSaysSo) {
  DrillLog log;
  // The committee told 400 s late; its orders then 40 s after, 10 s over their span's P90 of 30 s.
  log.observations = {{200, "detected", 0, ""}, {700, "notified/park_committee", 0, ""}, {740, "orders/park_committee", 0, ""}};
  const auto f = findingsOf(script(DrillKind::FullScale), log, {});
  ASSERT_GE(f.size(), 3u);
  EXPECT_EQ(f[2].cause,
            "Mostly upstream: committee notified was recorded 7 min late (at T+00:11:40); this step then took 40 s (its "
            "simulated P90 is 30 s).");
  EXPECT_EQ(f[2].deadline, "");  // no report date given
}

TEST(DrillForms, TheEvaluationReportHasThePartsOfAQT9009) {
  DrillHeader h;
  h.name = "night drill";
  h.organisation = "示例园区管委会";
  h.runs = 10;
  DrillLog log;
  const auto d = evaluationReport(h, script(DrillKind::Tabletop), log, {2026, 12, 2, 30});
  EXPECT_EQ(headings(d), (std::vector<std::string>{"1 The drill", "2 Course of the evaluation", "3 Analysis of the tasks",
                                                   "4 Problems found and corrective actions", "5 Conclusion",
                                                   "Annex: observations"}));
  EXPECT_EQ(d.organisation, "示例园区管委会");
  EXPECT_EQ(d.date, "2 December 2026");
  const report::Table* problems = firstTable(d, 7);
  ASSERT_NE(problems, nullptr);
  EXPECT_EQ(problems->columns[4], "Owner");
  EXPECT_EQ(problems->columns[5], "Deadline");
}

TEST(DrillForms, InChineseTheDocumentsUseTheStandardsTerms) {
  i18n::setLanguage(i18n::Language::Chinese);
  DrillHeader h;
  const auto plan = drillPlanForm(h, script(DrillKind::Tabletop));
  const auto form = evaluationForm(h, script(DrillKind::Tabletop));
  const auto report = evaluationReport(h, script(DrillKind::Tabletop), DrillLog{}, {2026, 12, 2, 30});
  i18n::setLanguage(i18n::Language::English);
  EXPECT_EQ(plan.title, "应急演练方案");
  EXPECT_EQ(form.title, "应急演练评估表");
  EXPECT_EQ(report.title, "应急演练评估报告");
  EXPECT_EQ(report.date, "2026年12月2日");
  EXPECT_EQ(headings(plan)[4], "五、演练组织机构及职责");
}
