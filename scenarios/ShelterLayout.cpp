#include "scenarios/ShelterLayout.hpp"

#include <algorithm>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/ParkLoader.hpp"

namespace drillsim {

void applyShelterChanges(const std::vector<ShelterChange>& changes, Park& park, Diagnostics& d) {
  if (changes.empty()) return;
  std::optional<LonLatTransform> lonLat;
  try {
    lonLat.emplace(park.crs);
  } catch (const std::exception& e) {
    d.error(changes.front().where, "shelter_changes", e.what());
    return;
  }
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const ShelterChange& c = changes[i];
    const std::string key = "shelter_changes[" + std::to_string(i) + "]";
    auto it = std::find_if(park.shelters.begin(), park.shelters.end(), [&](const Shelter& s) { return s.id == c.id; });
    if (c.remove) {
      if (it == park.shelters.end()) {
        std::vector<std::string> ids;
        for (const auto& s : park.shelters) ids.push_back(s.id);
        d.error(c.where, key + ".id", "cannot remove shelter " + inQuotes(c.id) + ": the park has no such shelter; " +
                                          expectedOneOf(c.id, ids));
      } else {
        park.shelters.erase(it);
      }
      continue;
    }
    if (it == park.shelters.end()) {
      if (!c.lon || !c.lat || !c.capacity) {
        d.error(c.where, key, "the park has no shelter " + inQuotes(c.id) +
                                  ", so this change adds one and needs lon, lat and capacity; found " +
                                  std::string(c.lon ? "" : "no lon/lat ") + (c.capacity ? "" : "no capacity"));
        continue;
      }
      Shelter s;
      s.id = c.id;
      s.where = c.where;
      s.where.feature = "shelter_changes, shelter " + c.id;
      park.shelters.push_back(std::move(s));
      it = park.shelters.end() - 1;
    }
    Shelter& s = *it;
    if (c.name) s.name = *c.name;
    if (c.kind) s.kind = *c.kind == "indoor" ? ShelterKind::Indoor : ShelterKind::Outdoor;
    if (c.capacity) s.capacity = *c.capacity;
    if (c.lon && c.lat) {
      s.position = lonLat->fromLonLat({*c.lon, *c.lat});
      s.node_ref.reset();
      s.area_m2 = 0;  // a moved polygon shelter keeps its capacity, not its outline
      Diagnostics attached;
      attachToNearestNode(park, s, attached);
      for (auto item : attached.items()) {
        item.where = c.where;
        item.key = key;
        d.add(std::move(item));
      }
    }
  }
}

}  // namespace drillsim
