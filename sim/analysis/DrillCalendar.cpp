#include "sim/analysis/DrillCalendar.hpp"

#include <algorithm>

#include "scenarios/I18n.hpp"

namespace drillsim {

using std::chrono::year_month_day;

namespace {

constexpr const char* kDecree708Art8Para1 = "《生产安全事故应急条例》（国务院令第708号）第八条第一款";
constexpr const char* kDecree708Art8Para2 = "《生产安全事故应急条例》（国务院令第708号）第八条第二款";
constexpr const char* kOrder2Art33 = "《生产安全事故应急预案管理办法》（应急管理部令第2号）第三十三条";

bool counts(const DrillRule& rule, const PastDrill& d) {
  return rule.scopes.empty() || std::find(rule.scopes.begin(), rule.scopes.end(), d.scope) != rule.scopes.end();
}

bool tookPart(const PastDrill& d, const std::string& unit) {
  return std::any_of(d.units.begin(), d.units.end(), [&](const Ref& r) { return r.id == unit; });
}

RuleStatus statusOf(const DrillUnit& unit, const DrillRule& rule, const std::vector<const PastDrill*>& held,
                    year_month_day asOf) {
  RuleStatus r;
  r.unit = &unit;
  r.rule = &rule;
  for (const PastDrill* d : held)
    if (counts(rule, *d) && tookPart(*d, unit.id) && (!r.last || r.last->date < d->date)) r.last = d;
  if (!r.last) return r;
  r.due = addMonths(r.last->date, rule.months);
  r.daysLeft = daysBetween(asOf, *r.due);
  r.status = r.daysLeft < 0 ? DueStatus::Overdue : r.daysLeft <= kDueSoonDays ? DueStatus::DueSoon : DueStatus::InOrder;
  return r;
}

/// Most urgent first: never drilled, then by the days left (the most overdue first); ties in the
/// units' order, then the rules'.
bool moreUrgent(const RuleStatus& a, const RuleStatus& b) {
  const bool neverA = a.status == DueStatus::NeverDrilled, neverB = b.status == DueStatus::NeverDrilled;
  if (neverA != neverB) return neverA;
  if (!neverA && a.daysLeft != b.daysLeft) return a.daysLeft < b.daysLeft;
  return false;
}

/// The unit's plans: those it names, else those that notify its party.
std::vector<const Plan*> plansOf(const DrillUnit& unit, const std::vector<Plan>& plans) {
  std::vector<const Plan*> out;
  for (const Plan& p : plans) {
    const bool named = std::any_of(unit.plans.begin(), unit.plans.end(), [&](const Ref& r) { return r.id == p.id; });
    const bool notified = unit.plans.empty() && !unit.party.id.empty() &&
                          std::any_of(p.notify.begin(), p.notify.end(), [&](const Notification& n) { return n.who == unit.party.id; });
    if (named || notified) out.push_back(&p);
  }
  return out;
}

bool drilled(const Plan& plan, const std::vector<const PastDrill*>& held, const DrillUnit* unit) {
  return std::any_of(held.begin(), held.end(), [&](const PastDrill* d) {
    return d->plan.id == plan.id && (!unit || tookPart(*d, unit->id));
  });
}

}  // namespace

const std::vector<DrillRule>& drillRules() {
  static const std::vector<DrillRule> rules = {
      {DrillRule::Id::HazardousHalfYear, 6, {}, "decree708_art8_hazardous", kDecree708Art8Para2,
       i18n::kNoop("Regulations on Emergency Responses to Work Safety Accidents (State Council Decree No. 708), Art. 8 para. 2"),
       i18n::kNoop("a drill of its emergency plans at least every half year, reported to the county regulator")},
      {DrillRule::Id::PlanYearly, 12, {PlanScope::Comprehensive, PlanScope::Special}, "order2_art33_plan", kOrder2Art33,
       i18n::kNoop("Measures for the Administration of Emergency Plans for Work Safety Accidents (Ministry of Emergency "
                   "Management Order No. 2), Art. 33"),
       i18n::kNoop("a drill of its comprehensive or a special emergency plan at least once a year")},
      {DrillRule::Id::OnsiteHalfYear, 6, {PlanScope::Onsite}, "order2_art33_onsite", kOrder2Art33,
       i18n::kNoop("Measures for the Administration of Emergency Plans for Work Safety Accidents (Ministry of Emergency "
                   "Management Order No. 2), Art. 33"),
       i18n::kNoop("a drill of an on-site disposal plan at least every half year")},
      {DrillRule::Id::GovernmentTwoYears, 24, {}, "decree708_art8_government", kDecree708Art8Para1,
       i18n::kNoop("Regulations on Emergency Responses to Work Safety Accidents (State Council Decree No. 708), Art. 8 para. 1"),
       i18n::kNoop("a drill of its emergency plans at least every 2 years")},
  };
  return rules;
}

std::vector<const DrillRule*> rulesFor(UnitKind kind) {
  const auto& r = drillRules();
  switch (kind) {
    case UnitKind::HazardousChemicals: return {&r[0], &r[1], &r[2]};
    case UnitKind::Enterprise: return {&r[1], &r[2]};
    case UnitKind::Government: return {&r[3]};
  }
  return {};
}

year_month_day addMonths(year_month_day date, int months) {
  const std::chrono::year_month ym = std::chrono::year_month(date.year(), date.month()) + std::chrono::months(months);
  const std::chrono::day last = std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month())).day();
  return {ym.year(), ym.month(), std::min(date.day(), last)};
}

long daysBetween(year_month_day from, year_month_day to) {
  return long((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

DrillCalendar drillCalendar(const std::vector<DrillUnit>& units, const std::vector<PastDrill>& drills,
                            const std::vector<Plan>& plans, year_month_day asOf) {
  DrillCalendar c;
  c.asOf = asOf;
  std::vector<const PastDrill*> held;
  for (const PastDrill& d : drills) (asOf < d.date ? c.afterAsOf : held).push_back(&d);
  for (const DrillUnit& u : units)
    for (const DrillRule* rule : rulesFor(u.kind)) c.rows.push_back(statusOf(u, *rule, held, asOf));
  std::stable_sort(c.rows.begin(), c.rows.end(), moreUrgent);
  for (std::size_t i = 0; i < c.rows.size(); ++i)
    if (std::none_of(c.units.begin(), c.units.end(), [&](std::size_t j) { return c.rows[j].unit == c.rows[i].unit; }))
      c.units.push_back(i);
  for (const Plan& p : plans)
    if (!drilled(p, held, nullptr)) c.plansNeverDrilled.push_back(&p);
  for (const DrillUnit& u : units) {
    UnitPlans up{&u, {}};
    for (const Plan* p : plansOf(u, plans))
      if (!drilled(*p, held, &u)) up.notDrilled.push_back(p);
    if (!up.notDrilled.empty()) c.unitPlans.push_back(std::move(up));
  }
  return c;
}

}  // namespace drillsim
