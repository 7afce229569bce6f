// The drill calendar: calendar months with month ends clamped, the rules each kind of unit is held
// to, the last drill that counts for each, due dates and their order, plans never drilled.
#include <gtest/gtest.h>

#include "sim/analysis/DrillCalendar.hpp"

using namespace drillsim;
using std::chrono::year_month_day;

namespace {

year_month_day ymd(int y, unsigned m, unsigned d) { return {std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)}; }

DrillUnit unit(const std::string& id, UnitKind kind, const std::string& party = "", std::vector<std::string> plans = {}) {
  DrillUnit u;
  u.id = id;
  u.name = id + " name";
  u.kind = kind;
  u.party.id = party;
  for (auto& p : plans) u.plans.push_back(Ref{p, {}});
  return u;
}

PastDrill held(year_month_day date, PlanScope scope, std::vector<std::string> units, const std::string& plan = "") {
  PastDrill d;
  d.date = date;
  d.scope = scope;
  d.plan.id = plan;
  for (auto& u : units) d.units.push_back(Ref{u, {}});
  return d;
}

Plan plan(const std::string& id, std::vector<std::string> parties) {
  Plan p;
  p.id = id;
  for (auto& who : parties) p.notify.push_back(Notification{who, Distribution(0.0), {}});
  return p;
}

const RuleStatus& row(const DrillCalendar& c, const std::string& unit, DrillRule::Id rule) {
  for (const auto& r : c.rows)
    if (r.unit->id == unit && r.rule->id == rule) return r;
  throw std::runtime_error("no row for " + unit);
}

}  // namespace

TEST(DrillCalendar, MonthsAreCalendarMonthsWithTheirEndsClamped) {
  EXPECT_EQ(addMonths(ymd(2026, 8, 31), 6), ymd(2027, 2, 28));
  EXPECT_EQ(addMonths(ymd(2027, 8, 31), 6), ymd(2028, 2, 29));  // 2028 is a leap year
  EXPECT_EQ(addMonths(ymd(2026, 1, 31), 1), ymd(2026, 2, 28));
  EXPECT_EQ(addMonths(ymd(2026, 3, 31), 6), ymd(2026, 9, 30));
  EXPECT_EQ(addMonths(ymd(2026, 11, 30), 3), ymd(2027, 2, 28));
  EXPECT_EQ(addMonths(ymd(2026, 5, 20), 24), ymd(2028, 5, 20));
  EXPECT_EQ(addMonths(ymd(2026, 12, 15), 12), ymd(2027, 12, 15));
  EXPECT_EQ(addMonths(ymd(2024, 2, 29), 12), ymd(2025, 2, 28));
  EXPECT_EQ(daysBetween(ymd(2026, 12, 7), ymd(2027, 2, 28)), 83);
  EXPECT_EQ(daysBetween(ymd(2026, 12, 7), ymd(2026, 11, 15)), -22);
}

TEST(DrillCalendar, EachKindOfUnitIsHeldToItsRules) {
  using Id = DrillRule::Id;
  auto ids = [](UnitKind k) {
    std::vector<Id> out;
    for (const DrillRule* r : rulesFor(k)) out.push_back(r->id);
    return out;
  };
  EXPECT_EQ(ids(UnitKind::HazardousChemicals), (std::vector<Id>{Id::HazardousHalfYear, Id::PlanYearly, Id::OnsiteHalfYear}));
  EXPECT_EQ(ids(UnitKind::Enterprise), (std::vector<Id>{Id::PlanYearly, Id::OnsiteHalfYear}));
  EXPECT_EQ(ids(UnitKind::Government), (std::vector<Id>{Id::GovernmentTwoYears}));
  const auto& rules = drillRules();
  EXPECT_EQ(rules[0].months, 6);
  EXPECT_TRUE(rules[0].scopes.empty());
  EXPECT_EQ(rules[1].months, 12);
  EXPECT_EQ(rules[1].scopes, (std::vector<PlanScope>{PlanScope::Comprehensive, PlanScope::Special}));
  EXPECT_EQ(rules[2].months, 6);
  EXPECT_EQ(rules[2].scopes, (std::vector<PlanScope>{PlanScope::Onsite}));
  EXPECT_EQ(rules[3].months, 24);
  EXPECT_STREQ(rules[0].citation, "《生产安全事故应急条例》（国务院令第708号）第八条第二款");
  EXPECT_STREQ(rules[3].citation, "《生产安全事故应急条例》（国务院令第708号）第八条第一款");
  EXPECT_STREQ(rules[1].citation, "《生产安全事故应急预案管理办法》（应急管理部令第2号）第三十三条");
}

// A hazardous-chemical unit: any drill counts for the half-yearly rule of Decree 708, only a
// comprehensive or special one for the yearly rule, only an on-site one for the half-yearly one of
// Order No. 2.
TEST(DrillCalendar, TheLastDrillThatCountsSetsTheDueDate) {
  const std::vector<DrillUnit> units = {unit("U1", UnitKind::HazardousChemicals)};
  const std::vector<PastDrill> drills = {held(ymd(2026, 1, 10), PlanScope::Comprehensive, {"U1"}),
                                         held(ymd(2026, 3, 31), PlanScope::Onsite, {"U1"}),
                                         held(ymd(2026, 2, 1), PlanScope::Special, {"U2"})};  // another unit's
  const DrillCalendar c = drillCalendar(units, drills, {}, ymd(2026, 10, 5));
  ASSERT_EQ(c.rows.size(), 3u);
  const RuleStatus& any = row(c, "U1", DrillRule::Id::HazardousHalfYear);
  EXPECT_EQ(any.last, &drills[1]);
  EXPECT_EQ(any.due, ymd(2026, 9, 30));
  EXPECT_EQ(any.daysLeft, -5);
  EXPECT_EQ(any.status, DueStatus::Overdue);
  const RuleStatus& yearly = row(c, "U1", DrillRule::Id::PlanYearly);
  EXPECT_EQ(yearly.last, &drills[0]);
  EXPECT_EQ(yearly.due, ymd(2027, 1, 10));
  EXPECT_EQ(yearly.daysLeft, 97);
  EXPECT_EQ(yearly.status, DueStatus::InOrder);
  const RuleStatus& onsite = row(c, "U1", DrillRule::Id::OnsiteHalfYear);
  EXPECT_EQ(onsite.last, &drills[1]);
  EXPECT_EQ(onsite.status, DueStatus::Overdue);
}

TEST(DrillCalendar, DueWithinThirtyDaysOnTheDayAndOverdueTheDayAfter) {
  const std::vector<DrillUnit> units = {unit("G1", UnitKind::Government)};
  const std::vector<PastDrill> drills = {held(ymd(2024, 10, 20), PlanScope::Comprehensive, {"G1"})};
  auto on = [&](year_month_day asOf) { return drillCalendar(units, drills, {}, asOf).rows.at(0); };
  EXPECT_EQ(on(ymd(2026, 9, 19)).status, DueStatus::InOrder);  // 31 days ahead
  EXPECT_EQ(on(ymd(2026, 9, 20)).status, DueStatus::DueSoon);  // 30 days ahead
  EXPECT_EQ(on(ymd(2026, 9, 20)).daysLeft, 30);
  EXPECT_EQ(on(ymd(2026, 10, 20)).status, DueStatus::DueSoon);
  EXPECT_EQ(on(ymd(2026, 10, 20)).daysLeft, 0);
  EXPECT_EQ(on(ymd(2026, 10, 21)).status, DueStatus::Overdue);
  EXPECT_EQ(on(ymd(2026, 10, 21)).daysLeft, -1);
}

TEST(DrillCalendar, DrillsAfterTheDateAreLeftOutAndOneOnTheDateCounts) {
  const std::vector<DrillUnit> units = {unit("G1", UnitKind::Government)};
  const std::vector<PastDrill> drills = {held(ymd(2026, 6, 1), PlanScope::Special, {"G1"}),
                                         held(ymd(2026, 6, 2), PlanScope::Special, {"G1"})};
  const DrillCalendar c = drillCalendar(units, drills, {}, ymd(2026, 6, 1));
  ASSERT_EQ(c.afterAsOf.size(), 1u);
  EXPECT_EQ(c.afterAsOf[0], &drills[1]);
  EXPECT_EQ(c.rows.at(0).last, &drills[0]);
  EXPECT_EQ(c.rows.at(0).due, ymd(2028, 6, 1));
  const DrillCalendar before = drillCalendar(units, drills, {}, ymd(2026, 5, 31));
  EXPECT_EQ(before.rows.at(0).status, DueStatus::NeverDrilled);
  EXPECT_EQ(before.afterAsOf.size(), 2u);
}

TEST(DrillCalendar, MostUrgentFirst) {
  const std::vector<DrillUnit> units = {unit("E1", UnitKind::Enterprise), unit("G1", UnitKind::Government),
                                        unit("G2", UnitKind::Government), unit("G3", UnitKind::Government)};
  const std::vector<PastDrill> drills = {held(ymd(2024, 1, 1), PlanScope::Special, {"G1"}),    // due 2026-01-01
                                         held(ymd(2024, 6, 1), PlanScope::Special, {"G2"}),    // due 2026-06-01
                                         held(ymd(2025, 1, 1), PlanScope::Special, {"G3"})};   // due 2027-01-01
  const DrillCalendar c = drillCalendar(units, drills, {}, ymd(2026, 3, 1));
  std::vector<std::string> order;
  for (const auto& r : c.rows) order.push_back(r.unit->id + (r.rule->id == DrillRule::Id::OnsiteHalfYear ? "/onsite" : ""));
  EXPECT_EQ(order, (std::vector<std::string>{"E1", "E1/onsite", "G1", "G2", "G3"}));
  EXPECT_EQ(c.units, (std::vector<std::size_t>{0, 2, 3, 4}));  // each unit's most urgent row
  EXPECT_EQ(c.rows[2].status, DueStatus::Overdue);
  EXPECT_EQ(c.rows[3].status, DueStatus::InOrder);
}

TEST(DrillCalendar, PlansNeverDrilledAndPlansAUnitHasNotDrilled) {
  const std::vector<Plan> plans = {plan("A", {"enterprise", "park_committee"}), plan("B", {"enterprise"}),
                                   plan("C", {"park_committee"})};
  const std::vector<DrillUnit> units = {unit("U1", UnitKind::HazardousChemicals, "enterprise"),
                                        unit("U2", UnitKind::Government, "park_committee", {"C"}),
                                        unit("U3", UnitKind::Enterprise)};
  const std::vector<PastDrill> drills = {held(ymd(2026, 1, 10), PlanScope::Comprehensive, {"U2"}, "A"),
                                         held(ymd(2026, 2, 10), PlanScope::Onsite, {"U1"}),
                                         held(ymd(2026, 9, 10), PlanScope::Special, {"U1"}, "B")};  // after the date
  const DrillCalendar c = drillCalendar(units, drills, plans, ymd(2026, 6, 1));
  ASSERT_EQ(c.plansNeverDrilled.size(), 2u);
  EXPECT_EQ(c.plansNeverDrilled[0]->id, "B");
  EXPECT_EQ(c.plansNeverDrilled[1]->id, "C");
  // U1's plans are those notifying the enterprise (A and B); U2 names C alone, though the
  // committee is notified in A too; U3 has no plans.
  ASSERT_EQ(c.unitPlans.size(), 2u);
  EXPECT_EQ(c.unitPlans[0].unit->id, "U1");
  ASSERT_EQ(c.unitPlans[0].notDrilled.size(), 2u);
  EXPECT_EQ(c.unitPlans[0].notDrilled[0]->id, "A");
  EXPECT_EQ(c.unitPlans[0].notDrilled[1]->id, "B");
  EXPECT_EQ(c.unitPlans[1].unit->id, "U2");
  ASSERT_EQ(c.unitPlans[1].notDrilled.size(), 1u);
  EXPECT_EQ(c.unitPlans[1].notDrilled[0]->id, "C");
}
