// The scenario's drill record (park_name, units, drills): read, refused at its place with what was
// expected and found, written back and kept by the editor's save.
#include <gtest/gtest.h>

#include "scenarios/DrillRecords.hpp"
#include "scenarios/ScenarioEditor.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "tests/TestPaths.hpp"

using namespace drillsim;
using std::chrono::year_month_day;

namespace {

// Two plans, notifying the enterprise and the committee; the record follows from line 7.
const std::string kPlans = R"(drillsim: 1
name: t
park: p
horizon_s: 600
plans:
  - {id: A, notify: [{who: enterprise}, {who: park_committee}], protect: [{zones: all, action: evacuate, after: enterprise}]}
)";

const std::string kUnits = R"(units:
  - {id: U1, name: 氯碱厂, kind: hazardous_chemicals, party: enterprise}
  - {id: U2, name: 园区管委会, kind: government, plans: [A]}
)";

std::string problems(const std::string& yaml) {
  Diagnostics d;
  parseScenario(yaml, "s.yaml", d);
  return d.str();
}

year_month_day ymd(int y, unsigned m, unsigned d) { return {std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)}; }

}  // namespace

TEST(DrillRecords, ReadsParkNameUnitsAndDrills) {
  Diagnostics d;
  const auto s = parseScenario(kPlans + "park_name: 宝丰示例产业集聚区管委会\n" + kUnits +
                                   "drills:\n"
                                   "  - {date: 2026-05-20, kind: full-scale, scope: onsite, plan: A, units: [U1, U2], note: 夜间演练}\n"
                                   "  - {date: 2025-12-01, kind: tabletop, scope: special, units: [U2]}\n",
                               "s.yaml", d);
  ASSERT_TRUE(s) << d.str();
  EXPECT_TRUE(d.empty()) << d.str();
  EXPECT_EQ(s->park_name, "宝丰示例产业集聚区管委会");
  ASSERT_EQ(s->units.size(), 2u);
  EXPECT_EQ(s->units[0].kind, UnitKind::HazardousChemicals);
  EXPECT_EQ(s->units[0].party.id, "enterprise");
  EXPECT_TRUE(s->units[0].plans.empty());
  EXPECT_EQ(s->units[1].kind, UnitKind::Government);
  ASSERT_EQ(s->units[1].plans.size(), 1u);
  EXPECT_EQ(s->units[1].plans[0].id, "A");
  ASSERT_EQ(s->drills.size(), 2u);
  EXPECT_EQ(s->drills[0].date, ymd(2026, 5, 20));
  EXPECT_EQ(s->drills[0].kind, ExerciseKind::FullScale);
  EXPECT_EQ(s->drills[0].scope, PlanScope::Onsite);
  EXPECT_EQ(s->drills[0].plan.id, "A");
  EXPECT_EQ(s->drills[0].units.size(), 2u);
  EXPECT_EQ(s->drills[0].note, "夜间演练");
  EXPECT_EQ(s->drills[0].where.line, 12);
  EXPECT_EQ(s->drills[0].where.column, 12);  // its date
  EXPECT_TRUE(s->drills[1].plan.id.empty());
  EXPECT_EQ(s->drills[1].kind, ExerciseKind::Tabletop);
  EXPECT_EQ(s->drills[1].scope, PlanScope::Special);
}

TEST(DrillRecords, WithoutThemTheScenarioHasNone) {
  Diagnostics d;
  const auto s = parseScenario(kPlans, "s.yaml", d);
  ASSERT_TRUE(s) << d.str();
  EXPECT_TRUE(s->park_name.empty());
  EXPECT_TRUE(s->units.empty());
  EXPECT_TRUE(s->drills.empty());
  EXPECT_EQ(scenarioToYaml(*s).find("units"), std::string::npos);
}

TEST(DrillRecords, DatesAreRealDaysOfTheCalendar) {
  EXPECT_EQ(parseIsoDate("2024-02-29"), ymd(2024, 2, 29));
  EXPECT_EQ(parseIsoDate("2026-02-29"), std::nullopt);
  EXPECT_EQ(parseIsoDate("2026-04-31"), std::nullopt);
  EXPECT_EQ(parseIsoDate("2026-13-01"), std::nullopt);
  EXPECT_EQ(parseIsoDate("2026-5-20"), std::nullopt);
  EXPECT_EQ(parseIsoDate("2026-05-20 "), std::nullopt);
  EXPECT_EQ(parseIsoDate("20260520"), std::nullopt);
  EXPECT_EQ(isoDate(ymd(2027, 2, 28)), "2027-02-28");
}

TEST(DrillRecords, BadDatesKindsAndScopesAreReportedAtTheirPlace) {
  EXPECT_EQ(problems(kPlans + kUnits +
                     "drills:\n"
                     "  - {date: 2026-02-30, kind: tabletop, scope: special, units: [U1]}\n"
                     "  - {date: 20.5.2026, kind: fullscale, scope: onsite, units: [U1]}\n"
                     "  - {date: [2026], kind: tabletop, scope: on-site, units: [U1]}\n"),
            "s.yaml:11:12: error: drills[0].date: expected a date of the calendar, found '2026-02-30': that month has no such day\n"
            "s.yaml:12:12: error: drills[1].date: expected a date written YYYY-MM-DD (e.g. 2026-05-20), found '20.5.2026'\n"
            "s.yaml:12:29: error: drills[1].kind: expected one of tabletop, functional, full-scale, found 'fullscale' (did you "
            "mean 'full-scale'?)\n"
            "s.yaml:13:12: error: drills[2].date: expected a date written YYYY-MM-DD (e.g. 2026-05-20), found a list\n"
            "s.yaml:13:43: error: drills[2].scope: expected one of comprehensive, special, onsite, found 'on-site' (did you "
            "mean 'onsite'?)\n");
}

TEST(DrillRecords, BadUnitsAreReportedAtTheirPlace) {
  EXPECT_EQ(problems(kPlans +
                     "units:\n"
                     "  - {id: U1, name: 氯碱厂, kind: chemicals, party: enterprize}\n"
                     "  - {id: U1, name: 化肥厂, kind: enterprise, plans: [A, B]}\n"
                     "  - {id: U3, kind: government, plans: A}\n"),
            "s.yaml:8:37: error: units[0].kind: expected one of hazardous_chemicals, enterprise, government, found "
            "'chemicals'\n"
            "s.yaml:8:55: warning: units[0].party: no plan notifies 'enterprize'; the plans notify enterprise, "
            "park_committee (did you mean 'enterprise'?)\n"
            "s.yaml:9:10: error: units[1].id: duplicate id 'U1'; it is already used at line 8\n"
            "s.yaml:9:60: error: units[1].plans[1]: unknown plan 'B'; expected one of A (did you mean 'A'?)\n"
            "s.yaml:10:5: error: units[2].name: missing; this key is required here\n"
            "s.yaml:10:39: error: units[2].plans: expected a list of plan ids, found 'A'\n");
}

TEST(DrillRecords, ADrillNamesUnitsAndPlansOfTheScenario) {
  EXPECT_EQ(problems(kPlans + kUnits +
                     "drills:\n"
                     "  - {date: 2026-03-01, kind: tabletop, scope: special, plan: B, units: [U1, U9, U1]}\n"
                     "  - {date: 2026-03-02, kind: tabletop, scope: special, units: []}\n"
                     "  - {date: 2026-03-03, kind: tabletop, units: [U2]}\n"),
            "s.yaml:11:62: error: drills[0].plan: unknown plan 'B'; expected one of A (did you mean 'A'?)\n"
            "s.yaml:11:77: error: drills[0].units[1]: unknown unit 'U9'; expected one of U1, U2\n"
            "s.yaml:11:81: error: drills[0].units[2]: 'U1' is listed twice\n"
            "s.yaml:12:63: error: drills[1].units: expected the ids of the units that took part, found an empty list\n"
            "s.yaml:13:5: error: drills[2].scope: missing; this key is required here\n");
  // Drills without units: to add them is the way out.
  EXPECT_EQ(problems(kPlans + "drills:\n  - {date: 2026-03-01, kind: tabletop, scope: special, units: [U1]}\n"),
            "s.yaml:8:64: error: drills[0].units[0]: unknown unit 'U1': the scenario lists no units (add units: with each "
            "unit's id, name and kind)\n");
}

TEST(DrillRecords, SaveAndLoadGiveAnEqualScenario) {
  Diagnostics d;
  const auto s = parseScenario(kPlans + "park_name: 示例园区管委会\n" + kUnits +
                                   "drills:\n"
                                   "  - {date: 2026-05-20, kind: functional, scope: comprehensive, plan: A, units: [U1, U2], "
                                   "note: '演练: 夜间, 有风'}\n"
                                   "  - {date: 2025-01-09, kind: full-scale, scope: onsite, units: [U1]}\n",
                               "s.yaml", d);
  ASSERT_TRUE(s) << d.str();
  const std::string saved = scenarioToYaml(*s);
  Diagnostics e;
  const auto again = parseScenario(saved, "saved.yaml", e);
  ASSERT_TRUE(again) << e.str() << saved;
  EXPECT_TRUE(e.empty()) << e.str();
  EXPECT_EQ(*again, *s);
  EXPECT_EQ(scenarioToYaml(*again), saved);
  EXPECT_NE(saved.find("park_name: 示例园区管委会\n"), std::string::npos) << saved;
  EXPECT_NE(saved.find("  - {date: 2025-01-09, kind: full-scale, scope: onsite, units: [U1]}\n"), std::string::npos) << saved;
  // Each part of the record is content: a change makes another scenario.
  Scenario other = *s;
  other.drills[1].date = ymd(2025, 1, 10);
  EXPECT_FALSE(other == *s);
  other = *s;
  other.units[0].party.id = "park_committee";
  EXPECT_FALSE(other == *s);
  other = *s;
  other.park_name.clear();
  EXPECT_FALSE(other == *s);
}

// The desk saves through the editor: an edit elsewhere keeps the bundled scenario's record.
TEST(DrillRecords, TheEditorsSaveKeepsTheRecord) {
  const std::string path = test::chlorineScenarioCopy();
  Diagnostics d;
  auto before = loadScenario(path, d);
  ASSERT_TRUE(before) << d.str();
  ASSERT_FALSE(before->units.empty());
  ASSERT_FALSE(before->drills.empty());
  auto editor = ScenarioEditor::open(path, d);
  ASSERT_TRUE(editor) << d.str();
  editor->setShelterCapacity("S03", 1111);
  editor->save();
  const auto after = loadScenario(path, d);
  ASSERT_TRUE(after) << d.str();
  EXPECT_EQ(after->park_name, before->park_name);
  EXPECT_EQ(after->units, before->units);
  EXPECT_EQ(after->drills, before->drills);
}
