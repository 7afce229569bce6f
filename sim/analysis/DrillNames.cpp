// The names of a drill script (see DrillNames.hpp).
#include "sim/analysis/DrillNames.hpp"

#include <algorithm>

#include "scenarios/I18n.hpp"

namespace drillsim {

std::string DrillNames::zone(const std::string& id) const {
  for (const Zone& z : l_.park.zones)
    if (z.id == id) return z.id + " " + z.name;
  return id;
}

std::string DrillNames::zoneWithPersons(const std::string& id) const {
  return i18n::tf("{1} ({2} persons)", zone(id), persons(id));
}

int DrillNames::persons(const std::string& zone) const {
  for (const Zone& z : l_.park.zones)
    if (z.id == zone) return l_.scenario.night() ? z.pop_night : z.pop_day;
  return 0;
}

std::string DrillNames::shelter(const std::string& id) const {
  for (const Shelter& s : l_.park.shelters)
    if (s.id == id) return s.id + " " + s.name;
  return id;
}

const Team* DrillNames::team(const std::string& id) const {
  for (const Team& t : l_.scenario.teams)
    if (t.id == id) return &t;
  return nullptr;
}

std::string DrillNames::teamName(const std::string& id) const {
  const Team* t = team(id);
  return t && !t->name.empty() && t->name != t->id ? t->name + " " + t->id : id;
}

std::string DrillNames::street(const std::string& road) const {
  for (const Road& r : l_.park.roads)
    if (r.id == road && !r.name.empty()) return r.name;
  return road;
}

const Hazard* DrillNames::hazardAt(const std::string& target) const {
  for (const Hazard& h : l_.scenario.hazards) {
    const auto* f = std::get_if<Fire>(&h.detail);
    if (h.id == target || (f && f->zone.id == target)) return &h;
  }
  return nullptr;
}

std::string DrillNames::incident() const {
  std::vector<std::string> parts;
  for (const Hazard& h : l_.scenario.hazards) {
    std::string what;
    if (const auto* r = std::get_if<ToxicRelease>(&h.detail)) {
      what = i18n::tf("a release from {1}", r->source.id);
      for (const auto& src : l_.park.sources)
        if (src.id == r->source.id) what = i18n::tf("a {1} release from {2} {3}", substanceName(src.substance), src.id, src.name);
    } else if (const auto* f = std::get_if<Fire>(&h.detail)) {
      what = i18n::tf("a fire in {1}", zone(f->zone.id));
    }
    parts.push_back(what);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : i18n::tc("list of clauses", "; ")) + p;
  return out;
}

std::string DrillNames::substanceName(const std::string& id) const {
  const Substance* s = l_.substances.find(id);
  return s && i18n::language() == i18n::Language::Chinese && !s->name_zh.empty() ? s->name_zh : id;
}

bool DrillNames::hasToxic() const {
  return std::any_of(l_.scenario.hazards.begin(), l_.scenario.hazards.end(),
                     [](const Hazard& h) { return std::holds_alternative<ToxicRelease>(h.detail); });
}

bool DrillNames::hasFire() const {
  return std::any_of(l_.scenario.hazards.begin(), l_.scenario.hazards.end(),
                     [](const Hazard& h) { return std::holds_alternative<Fire>(h.detail); });
}

std::string DrillNames::list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : i18n::tc("list of names", ", ")) + i;
  return out;
}

std::string DrillNames::sentences(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items)
    if (!i.empty()) out += (out.empty() || i18n::language() == i18n::Language::Chinese ? "" : " ") + i;  // 中文句间无空格
  return out;
}

}  // namespace drillsim
