// The names of a drill script (see DrillNames.hpp).
#include "sim/analysis/DrillNames.hpp"

#include <algorithm>

namespace drillsim {

std::string DrillNames::zone(const std::string& id) const {
  for (const Zone& z : l_.park.zones)
    if (z.id == id) return z.id + " " + z.name;
  return id;
}

std::string DrillNames::zoneWithPersons(const std::string& id) const {
  return zone(id) + " (" + std::to_string(persons(id)) + " persons)";
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
      what = "a release from " + r->source.id;
      for (const auto& src : l_.park.sources)
        if (src.id == r->source.id) what = "a " + src.substance + " release from " + src.id + " " + src.name;
    } else if (const auto* f = std::get_if<Fire>(&h.detail)) {
      what = "a fire in " + zone(f->zone.id);
    }
    parts.push_back(what);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
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
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace drillsim
