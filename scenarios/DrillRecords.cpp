// Reading and writing the scenario's drill record: park_name, units and drills. The messages are
// in the user's language; the keys' structure (unknown, missing, duplicate keys) is checked by
// YamlInput as for every other key.
#include "scenarios/DrillRecords.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "scenarios/I18n.hpp"
#include "scenarios/YamlInput.hpp"

namespace drillsim {

namespace {

using std::chrono::year_month_day;

bool isoShape(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
  return true;
}

std::string at(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

/// "A, B, C".
std::string listOf(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  return list;
}

/// " (did you mean 'B'?)" when one of `names` is close to `found`, else nothing.
std::string hintFor(const std::string& found, const std::vector<std::string>& names) {
  const std::string hint = didYouMean(found, names);
  return hint.empty() ? std::string() : tf(" (did you mean '{1}'?)", hint);
}

/// One of the words `names` as its type, or an error naming them.
template <class E>
std::optional<E> wordIn(YamlInput& in, const YAML::Node& n, const std::string& path, const std::vector<std::string>& names) {
  if (n.IsScalar())
    if (auto e = fromWord<E>(names, n.Scalar())) return e;
  const std::string found = n.IsScalar() ? n.Scalar() : std::string();
  in.error(n, path, tf("expected one of {1}, found {2}", listOf(names), YamlInput::describe(n)) + hintFor(found, names));
  return std::nullopt;
}

class RecordReader {
 public:
  RecordReader(YamlInput& in, Scenario& s) : in_(in), s_(s) {
    for (const auto& p : s.plans) {
      planIds_.push_back(p.id);
      for (const auto& n : p.notify)
        if (std::find(parties_.begin(), parties_.end(), n.who) == parties_.end()) parties_.push_back(n.who);
    }
  }

  void readUnits(const YAML::Node& list) {
    if (!in_.checkSequence(list, "units")) return;
    for (std::size_t i = 0; i < list.size(); ++i) unit(list[i], at("units", i));
    for (const auto& u : s_.units) unitIds_.push_back(u.id);
  }

  void readDrills(const YAML::Node& list) {
    if (!in_.checkSequence(list, "drills")) return;
    for (std::size_t i = 0; i < list.size(); ++i) drill(list[i], at("drills", i));
  }

 private:
  void unit(const YAML::Node& n, const std::string& path) {
    if (!in_.checkMap(n, path, {"id", "name", "kind"}, {"party", "plans"})) return;
    DrillUnit u;
    u.where = in_.where(n);
    if (n["id"]) u.id = uniqueId(n["id"], path + ".id");
    if (n["name"]) u.name = in_.text(n["name"], path + ".name").value_or("");
    if (n["kind"]) u.kind = wordIn<UnitKind>(in_, n["kind"], path + ".kind", unitKindNames()).value_or(u.kind);
    if (n["party"]) u.party = party(n["party"], path + ".party");
    if (n["plans"]) u.plans = refList(n["plans"], path + ".plans", planNames());
    s_.units.push_back(std::move(u));
  }

  void drill(const YAML::Node& n, const std::string& path) {
    if (!in_.checkMap(n, path, {"date", "kind", "scope", "units"}, {"plan", "note"})) return;
    PastDrill d;
    // A drill's place is its date's, which messages about its date point at (the calendar's
    // "after the date" warning); the mapping's when it has none.
    d.where = in_.where(n["date"] ? n["date"] : n);
    if (n["date"]) d.date = date(n["date"], path + ".date");
    if (n["kind"]) d.kind = wordIn<ExerciseKind>(in_, n["kind"], path + ".kind", exerciseKindNames()).value_or(d.kind);
    if (n["scope"]) d.scope = wordIn<PlanScope>(in_, n["scope"], path + ".scope", planScopeNames()).value_or(d.scope);
    if (n["plan"]) d.plan = known(n["plan"], path + ".plan", planNames());
    if (n["units"]) {
      d.units = refList(n["units"], path + ".units", unitNames());
      if (n["units"].IsSequence() && n["units"].size() == 0)
        in_.error(n["units"], path + ".units", tr("expected the ids of the units that took part, found an empty list"));
    }
    if (n["note"]) d.note = in_.text(n["note"], path + ".note").value_or("");
    s_.drills.push_back(std::move(d));
  }

  std::string uniqueId(const YAML::Node& n, const std::string& path) {
    const auto v = in_.text(n, path);
    if (!v) return "";
    if (auto [pos, inserted] = ids_.emplace(*v, in_.where(n).line); !inserted)
      in_.error(n, path, tf("duplicate id {1}; it is already used at line {2}", inQuotes(*v), pos->second));
    return *v;
  }

  year_month_day date(const YAML::Node& n, const std::string& path) {
    const std::string t = n.IsScalar() ? n.Scalar() : std::string();
    if (auto d = parseIsoDate(t)) return *d;
    if (isoShape(t))
      in_.error(n, path, tf("expected a date of the calendar, found {1}: that month has no such day", inQuotes(t)));
    else
      in_.error(n, path, tf("expected a date written YYYY-MM-DD (e.g. 2026-05-20), found {1}", YamlInput::describe(n)));
    return {};
  }

  Ref party(const YAML::Node& n, const std::string& path) {
    Ref r{in_.text(n, path).value_or(""), in_.where(n)};
    if (!r.id.empty() && std::find(parties_.begin(), parties_.end(), r.id) == parties_.end())
      in_.warning(n, path, parties_.empty() ? tf("no plan notifies {1}: the plans notify no party", inQuotes(r.id))
                                            : tf("no plan notifies {1}; the plans notify {2}", inQuotes(r.id),
                                                 listOf(parties_)) + hintFor(r.id, parties_));
    return r;
  }

  /// The ids a reference may name and the messages about it.
  struct Names {
    const std::vector<std::string>& ids;
    const char* unknown;  // {1} the id, {2} the ids
    const char* none;     // {1} the id, when there are no ids
    const char* notList;  // {1} what was found
  };

  Names planNames() const {
    return {planIds_, i18n::kNoop("unknown plan {1}; expected one of {2}"),
            i18n::kNoop("unknown plan {1}: the scenario has no plans"),
            i18n::kNoop("expected a list of plan ids, found {1}")};
  }

  Names unitNames() const {
    return {unitIds_, i18n::kNoop("unknown unit {1}; expected one of {2}"),
            i18n::kNoop("unknown unit {1}: the scenario lists no units (add units: with each unit's id, name and kind)"),
            i18n::kNoop("expected a list of unit ids, found {1}")};
  }

  Ref known(const YAML::Node& n, const std::string& path, const Names& names) {
    Ref r{in_.text(n, path).value_or(""), in_.where(n)};
    if (r.id.empty() || std::find(names.ids.begin(), names.ids.end(), r.id) != names.ids.end()) return r;
    if (names.ids.empty()) in_.error(n, path, tf(names.none, inQuotes(r.id)));
    else in_.error(n, path, tf(names.unknown, inQuotes(r.id), listOf(names.ids)) + hintFor(r.id, names.ids));
    return r;
  }

  std::vector<Ref> refList(const YAML::Node& n, const std::string& path, const Names& names) {
    std::vector<Ref> out;
    if (!n.IsSequence()) {
      in_.error(n, path, tf(names.notList, YamlInput::describe(n)));
      return out;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < n.size(); ++i) {
      out.push_back(known(n[i], at(path, i), names));
      if (!out.back().id.empty() && !seen.insert(out.back().id).second)
        in_.error(n[i], at(path, i), tf("{1} is listed twice", inQuotes(out.back().id)));
    }
    return out;
  }

  YamlInput& in_;
  Scenario& s_;
  std::vector<std::string> planIds_, parties_, unitIds_;
  std::map<std::string, int> ids_;
};

void emitRefs(YAML::Emitter& out, const std::vector<Ref>& refs) {
  out << YAML::Flow << YAML::BeginSeq;
  for (const auto& r : refs) out << r.id;
  out << YAML::EndSeq;
}

}  // namespace

std::optional<year_month_day> parseIsoDate(std::string_view t) {
  if (!isoShape(t)) return std::nullopt;
  auto number = [&](std::size_t from, std::size_t count) {
    int v = 0;
    for (std::size_t i = from; i < from + count; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  const year_month_day d{std::chrono::year(number(0, 4)), std::chrono::month(unsigned(number(5, 2))),
                         std::chrono::day(unsigned(number(8, 2)))};
  if (!d.ok()) return std::nullopt;
  return d;
}

std::string isoDate(year_month_day d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()), unsigned(d.day()));
  return text;
}

void readDrillRecords(YamlInput& in, const YAML::Node& root, Scenario& s) {
  if (root["park_name"]) s.park_name = in.text(root["park_name"], "park_name").value_or("");
  RecordReader reader(in, s);
  if (root["units"]) reader.readUnits(root["units"]);
  if (root["drills"]) reader.readDrills(root["drills"]);
}

void emitDrillRecords(YAML::Emitter& out, const Scenario& s) {
  if (!s.units.empty()) {
    out << YAML::Key << "units" << YAML::Value << YAML::BeginSeq;
    for (const auto& u : s.units) {
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "id" << YAML::Value << u.id << YAML::Key << "name" << YAML::Value
          << u.name << YAML::Key << "kind" << YAML::Value << wordOf(u.kind);
      if (!u.party.id.empty()) out << YAML::Key << "party" << YAML::Value << u.party.id;
      if (!u.plans.empty()) {
        out << YAML::Key << "plans" << YAML::Value;
        emitRefs(out, u.plans);
      }
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (s.drills.empty()) return;
  out << YAML::Key << "drills" << YAML::Value << YAML::BeginSeq;
  for (const auto& d : s.drills) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "date" << YAML::Value << isoDate(d.date) << YAML::Key << "kind"
        << YAML::Value << wordOf(d.kind) << YAML::Key << "scope" << YAML::Value << wordOf(d.scope);
    if (!d.plan.id.empty()) out << YAML::Key << "plan" << YAML::Value << d.plan.id;
    out << YAML::Key << "units" << YAML::Value;
    emitRefs(out, d.units);
    if (!d.note.empty()) out << YAML::Key << "note" << YAML::Value << d.note;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

}  // namespace drillsim
