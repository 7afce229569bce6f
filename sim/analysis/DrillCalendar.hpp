#pragma once
// The drill calendar behind `drillsim drill calendar`: from the scenario's units and the drills
// they held, which unit is due or overdue for a drill under the regulations' intervals, and which
// plans were never drilled. Pure: no clock, no files; the caller gives the date to judge by.
//
// The intervals (README "drillsim drill calendar"):
//   《生产安全事故应急条例》(国务院令第708号, 2019) 第八条: 县级以上地方人民政府及其负有安全生产监督
//   管理职责的部门, 乡、镇人民政府以及街道办事处等派出机关, 至少每2年组织1次生产安全事故应急救援
//   预案演练; 危险化学品等危险物品的生产、经营、储存、运输单位 (and mines, metal smelting, urban
//   rail, construction, crowded places) 至少每半年组织1次, 并将演练情况报送所在地县级以上地方人民
//   政府负有安全生产监督管理职责的部门.
//   《生产安全事故应急预案管理办法》(应急管理部令第2号, 2019 修正) 第三十三条: 生产经营单位每年至少
//   组织一次综合应急预案演练或者专项应急预案演练, 每半年至少组织一次现场处置方案演练.

#include <chrono>
#include <optional>
#include <vector>

#include "scenarios/Scenario.hpp"

namespace drillsim {

/// One interval a regulation sets, and which drills count towards it.
struct DrillRule {
  enum class Id { HazardousHalfYear, PlanYearly, OnsiteHalfYear, GovernmentTwoYears };
  Id id;
  int months;                     // the longest a unit may go from one drill that counts to the next
  std::vector<PlanScope> scopes;  // the plans' levels whose drills count; empty: any drill
  const char* key;                // stable name for JSON: "decree708_art8_hazardous", ...
  const char* citation;           // the article by its official title: "《生产安全事故应急条例》（国务院令第708号）第八条第二款"
  const char* source;             // the same in English, marked for translation (shown in the user's language)
  const char* what;               // what it asks, in English, marked for translation: "a drill of any plan every 6 months"
};

/// The four rules, in the order of DrillRule::Id.
const std::vector<DrillRule>& drillRules();
/// The rules that bind a unit of `kind`: a hazardous-chemical unit the half-yearly drill of
/// Decree 708 Art. 8 and both rules of Order No. 2 Art. 33 (it is a production and business unit
/// too); any other enterprise those two; a government body the two-yearly drill of Art. 8.
std::vector<const DrillRule*> rulesFor(UnitKind kind);

/// Days ahead of a due date within which a unit is reported as due: a month's notice to prepare a
/// drill. A choice of this tool, not a figure of the regulations.
inline constexpr int kDueSoonDays = 30;

enum class DueStatus { NeverDrilled, Overdue, DueSoon, InOrder };  // most urgent first

/// Where one unit stands under one rule on the as-of date.
struct RuleStatus {
  const DrillUnit* unit = nullptr;
  const DrillRule* rule = nullptr;
  const PastDrill* last = nullptr;                   // the unit's latest drill that counts, none after the as-of date
  std::optional<std::chrono::year_month_day> due;  // last drill + the rule's months; none when never drilled
  long daysLeft = 0;                                 // due - as-of in days; negative: overdue by that many
  DueStatus status = DueStatus::NeverDrilled;
};

/// A unit's plans (its `plans:`, or the plans that notify its party) that it took part in no drill of.
struct UnitPlans {
  const DrillUnit* unit = nullptr;
  std::vector<const Plan*> notDrilled;
};

struct DrillCalendar {
  std::chrono::year_month_day asOf{};
  std::vector<RuleStatus> rows;             // every unit under every rule binding it, most urgent first
  std::vector<std::size_t> units;           // each unit's most urgent row (an index into rows), most urgent first
  std::vector<const Plan*> plansNeverDrilled;  // plans no drill up to the as-of date followed
  std::vector<UnitPlans> unitPlans;         // units with plans they have not drilled, in the units' order
  std::vector<const PastDrill*> afterAsOf;  // drills dated after the as-of date: left out of everything above
};

/// The calendar on `asOf`. The result points into `units`, `drills` and `plans`.
DrillCalendar drillCalendar(const std::vector<DrillUnit>& units, const std::vector<PastDrill>& drills,
                            const std::vector<Plan>& plans, std::chrono::year_month_day asOf);

/// `date` plus `months` calendar months, the day clamped to the month's last where that month is
/// shorter: 2026-08-31 + 6 months = 2027-02-28, 2027-08-31 + 6 months = 2028-02-29.
std::chrono::year_month_day addMonths(std::chrono::year_month_day date, int months);

/// to - from in days.
long daysBetween(std::chrono::year_month_day from, std::chrono::year_month_day to);

}  // namespace drillsim
