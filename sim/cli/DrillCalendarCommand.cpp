// drillsim drill calendar: which units are due for a drill under the regulations' intervals, and
// which plans were never drilled (sim/analysis/DrillCalendar.hpp), as text or JSON.
#include <algorithm>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "scenarios/DrillRecords.hpp"
#include "scenarios/I18n.hpp"
#include "scenarios/ScenarioFile.hpp"
#include "sim/analysis/DrillCalendar.hpp"
#include "sim/cli/Args.hpp"
#include "sim/cli/Command.hpp"
#include "sim/cli/TextTable.hpp"

namespace drillsim::cli {

namespace {

using std::chrono::year_month_day;

year_month_day today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return {std::chrono::year(local.tm_year + 1900), std::chrono::month(unsigned(local.tm_mon + 1)),
          std::chrono::day(unsigned(local.tm_mday))};
}

year_month_day asOfArgument(const Args& args) {
  const auto v = args.value("as-of");
  if (!v) return today();
  if (auto d = parseIsoDate(*v)) return *d;
  throw UsageError(tf("--as-of: expected a date written YYYY-MM-DD (e.g. 2026-05-20), found {1}", inQuotes(*v)));
}

// [SECTION] Words
const char* kindText(UnitKind k) {
  switch (k) {
    case UnitKind::HazardousChemicals: return tc("unit kind", "hazardous-chemical unit");
    case UnitKind::Enterprise: return tc("unit kind", "enterprise");
    case UnitKind::Government: return tc("unit kind", "government body");
  }
  return "";
}

std::string exerciseText(ExerciseKind k) { return tf("{1} drill", shownWord(k)); }

const char* scopeText(PlanScope s) {
  switch (s) {
    case PlanScope::Comprehensive: return tc("plan level", "comprehensive plan");
    case PlanScope::Special: return tc("plan level", "special plan");
    case PlanScope::Onsite: return tc("plan level", "on-site disposal plan");
  }
  return "";
}

std::string statusText(const RuleStatus& r) {
  switch (r.status) {
    case DueStatus::NeverDrilled: return tr("never drilled");
    case DueStatus::Overdue: return tnf("overdue by {1} day", "overdue by {1} days", -r.daysLeft, -r.daysLeft);
    case DueStatus::DueSoon:
      return r.daysLeft == 0 ? std::string(tr("due today")) : tnf("due in {1} day", "due in {1} days", r.daysLeft, r.daysLeft);
    case DueStatus::InOrder: return tnf("in order (due in {1} day)", "in order (due in {1} days)", r.daysLeft, r.daysLeft);
  }
  return "";
}

const char* statusKey(DueStatus s) {
  switch (s) {
    case DueStatus::NeverDrilled: return "never_drilled";
    case DueStatus::Overdue: return "overdue";
    case DueStatus::DueSoon: return "due_soon";
    case DueStatus::InOrder: return "in_order";
  }
  return "";
}

std::string drillText(const PastDrill& d) {
  std::string s = isoDate(d.date) + " " + exerciseText(d.kind) + ", " + scopeText(d.scope);
  if (!d.plan.id.empty()) s += ", " + tf("plan {1}", d.plan.id);
  return s;
}

int ruleNumber(const DrillRule& r) { return int(&r - drillRules().data()) + 1; }

std::string unitText(const DrillUnit& u) { return u.name.empty() ? u.id : u.id + " " + u.name; }

// [SECTION] Text
void printRows(const DrillCalendar& c) {
  TextTable t({tr("status"), tr("unit"), tr("kind"), tr("rule"), tr("interval"), tr("last drill that counts"), tr("due")});
  for (const RuleStatus& r : c.rows)
    t.row({statusText(r), unitText(*r.unit), kindText(r.unit->kind), "[" + std::to_string(ruleNumber(*r.rule)) + "]",
           tnf("{1} month", "{1} months", r.rule->months, r.rule->months), r.last ? drillText(*r.last) : "-",
           r.due ? isoDate(*r.due) : "-"});
  std::cout << t.str();
}

void printRules(const DrillCalendar& c) {
  std::cout << "\n" << tr("Intervals:") << "\n";
  for (const DrillRule& rule : drillRules()) {
    const bool used = std::any_of(c.rows.begin(), c.rows.end(), [&](const RuleStatus& r) { return r.rule == &rule; });
    if (used) std::cout << tf("  [{1}] {2}: {3}", ruleNumber(rule), tr(rule.source), tr(rule.what)) << "\n";
  }
  std::cout << tr("A due date is the last drill that counts plus the interval in calendar months; where that month is "
                  "shorter, its last day (2026-08-31 + 6 months = 2027-02-28).")
            << "\n";
}

void printPlans(const DrillCalendar& c) {
  std::cout << "\n";
  if (c.plansNeverDrilled.empty()) std::cout << tr("Every plan of the scenario has been drilled.") << "\n";
  else std::cout << tr("Plans never drilled:") << "\n";
  for (const Plan* p : c.plansNeverDrilled) std::cout << "  " << p->id << " " << p->name << "\n";
  if (!c.unitPlans.empty()) std::cout << tr("Plans a unit takes part in but has not drilled:") << "\n";
  for (const UnitPlans& up : c.unitPlans) {
    std::string ids;
    for (const Plan* p : up.notDrilled) ids += (ids.empty() ? "" : ", ") + p->id;
    std::cout << "  " << unitText(*up.unit) << ": " << ids << "\n";
  }
}

void printText(const Scenario& s, const DrillCalendar& c) {
  std::cout << tf("Drill calendar of {1} on {2}", s.park_name.empty() ? s.name : s.park_name, isoDate(c.asOf)) << "\n";
  long count[4] = {0, 0, 0, 0};  // units by the status of their most urgent rule
  for (std::size_t i : c.units) ++count[int(c.rows[i].status)];
  std::cout << tf("{1} units, {2} drills held. By each unit's most urgent rule: {3} never drilled, {4} overdue, {5} due "
                  "within {6} days, {7} in order",
                  long(s.units.size()), long(s.drills.size() - c.afterAsOf.size()), count[0], count[1], count[2],
                  kDueSoonDays, count[3])
            << "\n\n";
  printRows(c);
  printRules(c);
  printPlans(c);
}

void printNoUnits(const Scenario& s) {
  std::cout << tf("{1} lists no units that must drill, so there is no drill calendar.", s.file) << "\n"
            << tr("Add them, and the drills they held, to the scenario, for example:") << "\n"
            << "  park_name: 宝丰示例产业集聚区管委会\n"
               "  units:\n"
               "    - {id: U1, name: 氯碱厂, kind: hazardous_chemicals, party: enterprise}\n"
               "    - {id: U4, name: 园区管委会, kind: government, party: park_committee}\n"
               "  drills:\n"
               "    - {date: 2026-03-18, kind: tabletop, scope: comprehensive, plan: A, units: [U1, U4]}\n"
            << tr("kind: hazardous_chemicals (every 6 months), enterprise (yearly, and its on-site disposal plans every 6 "
                  "months) or government (every 2 years); see README, \"Scenario (YAML)\".")
            << "\n";
}

// [SECTION] JSON
nlohmann::json heldJson(const PastDrill* d) {
  if (!d) return nullptr;
  nlohmann::json j{{"date", isoDate(d->date)}, {"kind", wordOf(d->kind)}, {"scope", wordOf(d->scope)}};
  j["plan"] = d->plan.id.empty() ? nlohmann::json(nullptr) : nlohmann::json(d->plan.id);
  return j;
}

nlohmann::json ruleJson(const RuleStatus& r) {
  nlohmann::json counts = nlohmann::json::array();
  for (PlanScope s : r.rule->scopes) counts.push_back(wordOf(s));
  return {{"rule", r.rule->key},
          {"interval_months", r.rule->months},
          {"counts", counts},
          {"source", r.rule->citation},
          {"last_drill", heldJson(r.last)},
          {"due", r.due ? nlohmann::json(isoDate(*r.due)) : nlohmann::json(nullptr)},
          {"days_left", r.due ? nlohmann::json(r.daysLeft) : nlohmann::json(nullptr)},
          {"status", statusKey(r.status)}};
}

/// Units in the order of their most urgent rule, each with its rules in order of urgency.
nlohmann::json unitsJson(const DrillCalendar& c) {
  nlohmann::json units = nlohmann::json::array();
  for (std::size_t i : c.units) {
    const DrillUnit& u = *c.rows[i].unit;
    nlohmann::json rules = nlohmann::json::array();
    for (const RuleStatus& r : c.rows)
      if (r.unit == &u) rules.push_back(ruleJson(r));
    units.push_back({{"id", u.id}, {"name", u.name}, {"kind", wordOf(u.kind)},
                     {"party", u.party.id.empty() ? nlohmann::json(nullptr) : nlohmann::json(u.party.id)},
                     {"status", statusKey(c.rows[i].status)}, {"rules", rules}});
  }
  return units;
}

nlohmann::json calendarJson(const Scenario& s, const DrillCalendar& c) {
  nlohmann::json never = nlohmann::json::array(), unitPlans = nlohmann::json::array(), after = nlohmann::json::array();
  for (const Plan* p : c.plansNeverDrilled) never.push_back({{"id", p->id}, {"name", p->name}});
  for (const UnitPlans& up : c.unitPlans) {
    nlohmann::json ids = nlohmann::json::array();
    for (const Plan* p : up.notDrilled) ids.push_back(p->id);
    unitPlans.push_back({{"unit", up.unit->id}, {"plans", ids}});
  }
  for (const PastDrill* d : c.afterAsOf) after.push_back(heldJson(d));
  return {{"as_of", isoDate(c.asOf)},     {"park_name", s.park_name},      {"scenario", s.name},
          {"due_soon_days", kDueSoonDays}, {"units", unitsJson(c)},         {"plans_never_drilled", never},
          {"plans_not_drilled_by_unit", unitPlans}, {"drills_after_as_of", after}};
}

/// Drills dated after the calendar's date, as warnings at their place.
void warnAfterAsOf(const Scenario& s, const DrillCalendar& c) {
  Diagnostics d;
  for (const PastDrill* drill : c.afterAsOf)
    d.warning(drill->where, "drills[" + std::to_string(drill - s.drills.data()) + "].date",
              tf("{1} is after the calendar's date {2}; this drill is left out", isoDate(drill->date), isoDate(c.asOf)));
  printDiagnostics(d);
}

}  // namespace

int runDrillCalendar(const Args& args) {
  if (args.positional().size() != 2) throw UsageError(tr("expected the scenario file after 'calendar'"));
  const year_month_day asOf = asOfArgument(args);
  const std::string format = args.choice("format", {"text", "json"}, "text");
  Diagnostics diagnostics;
  const auto scenario = loadScenario(args.positional()[1], diagnostics);
  printDiagnostics(diagnostics);
  if (!scenario) return kExitInvalidInput;
  const DrillCalendar c = drillCalendar(scenario->units, scenario->drills, scenario->plans, asOf);
  warnAfterAsOf(*scenario, c);
  if (format == "json") std::cout << calendarJson(*scenario, c).dump(2) << "\n";
  else if (scenario->units.empty()) printNoUnits(*scenario);
  else printText(*scenario, c);
  return kExitOk;
}

}  // namespace drillsim::cli
