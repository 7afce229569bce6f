#include "scenarios/Park.hpp"

#include "scenarios/I18n.hpp"
#include "scenarios/Lookup.hpp"

namespace drillsim {

const std::vector<std::string>& zoneKindNames() {
  static const std::vector<std::string> names = {"chemical", "manufacturing", "warehouse", "office", "dormitory",
                                                 "residential", "school", "clinic", "utility", "green"};
  return names;
}

const char* shownWord(ZoneKind kind) {
  switch (kind) {
    case ZoneKind::Chemical: return tc("zone kind", "chemical");
    case ZoneKind::Manufacturing: return tc("zone kind", "manufacturing");
    case ZoneKind::Warehouse: return tc("zone kind", "warehouse");
    case ZoneKind::Office: return tc("zone kind", "office");
    case ZoneKind::Dormitory: return tc("zone kind", "dormitory");
    case ZoneKind::Residential: return tc("zone kind", "residential");
    case ZoneKind::School: return tc("zone kind", "school");
    case ZoneKind::Clinic: return tc("zone kind", "clinic");
    case ZoneKind::Utility: return tc("zone kind", "utility");
    case ZoneKind::Green: return tc("zone kind", "green");
  }
  return "";
}

const Zone* Park::zone(const std::string& id) const { return findById(zones, id); }
const Shelter* Park::shelter(const std::string& id) const { return findById(shelters, id); }
const Station* Park::station(const std::string& id) const { return findById(stations, id); }
const HazardSource* Park::source(const std::string& id) const { return findById(sources, id); }

long Park::population(bool night) const {
  long total = 0;
  for (const auto& z : zones) total += night ? z.pop_night : z.pop_day;
  return total;
}

long Park::shelterCapacity() const {
  long total = 0;
  for (const auto& s : shelters) total += s.capacity;
  return total;
}

Bounds parkBounds(const Park& park) {
  Bounds b;
  for (const auto& z : park.zones)
    for (const auto& r : z.outer) b.add(r);
  for (const auto& r : park.roads) b.add(r.line);
  for (const auto& s : park.shelters) b.add(s.position);
  for (const auto& s : park.stations) b.add(s.position);
  for (const auto& h : park.sources) b.add(h.position);
  return b;
}

}  // namespace drillsim
