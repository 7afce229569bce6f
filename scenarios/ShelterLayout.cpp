#include "scenarios/ShelterLayout.hpp"

#include <algorithm>

#include "scenarios/GeoLayer.hpp"
#include "scenarios/I18n.hpp"
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
    // Numbered within the file that wrote it: a layout file's changes follow the scenario's own.
    const auto inSameFile = std::count_if(changes.begin(), changes.begin() + std::ptrdiff_t(i),
                                          [&](const ShelterChange& o) { return o.where.file == c.where.file; });
    const std::string key = "shelter_changes[" + std::to_string(inSameFile) + "]";
    auto it = std::find_if(park.shelters.begin(), park.shelters.end(), [&](const Shelter& s) { return s.id == c.id; });
    if (c.remove) {
      if (it == park.shelters.end()) {
        std::vector<std::string> ids;
        for (const auto& s : park.shelters) ids.push_back(s.id);
        d.error(c.where, key + ".id",
                tf("cannot remove shelter {1}: the park has no such shelter; {2}", inQuotes(c.id), expectedOneOf(c.id, ids)));
      } else {
        park.shelters.erase(it);
      }
      continue;
    }
    if (it == park.shelters.end()) {
      if (!c.lon || !c.lat || !c.capacity) {
        // What is missing, said whole: lon (and lat with it), the capacity, or both.
        const char* missing =
            !c.lon && !c.capacity
                ? i18n::kNoop("the park has no shelter {1}, so this change adds one and needs lon, lat and capacity; "
                              "found no lon/lat no capacity")
            : !c.lon ? i18n::kNoop("the park has no shelter {1}, so this change adds one and needs lon, lat and capacity; "
                                   "found no lon/lat ")
            : !c.capacity ? i18n::kNoop("the park has no shelter {1}, so this change adds one and needs lon, lat and "
                                        "capacity; found no capacity")
                          : i18n::kNoop("the park has no shelter {1}, so this change adds one and needs lon, lat and "
                                        "capacity; found ");
        d.error(c.where, key, tf(missing, inQuotes(c.id)));
        continue;
      }
      Shelter s;
      s.id = c.id;
      s.where = c.where;
      s.where.feature = tf("shelter_changes, shelter {1}", c.id);
      park.shelters.push_back(std::move(s));
      it = park.shelters.end() - 1;
    }
    Shelter& s = *it;
    if (c.name) s.name = *c.name;
    if (c.kind) s.kind = *c.kind;
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

namespace {
template <class T>
T* byId(std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

template <class T>
void unknown(const std::vector<T>& items, const FeatureChange& c, const std::string& key, Diagnostics& d) {
  std::vector<std::string> ids;
  for (const auto& x : items) ids.push_back(x.id);
  d.error(c.where, key, tf("the park has no {1} feature {2}; {3}", c.layer, inQuotes(c.id), expectedOneOf(c.id, ids)));
}
}  // namespace

void applyFeatureChanges(const std::vector<FeatureChange>& changes, Park& park, Diagnostics& d) {
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const FeatureChange& c = changes[i];
    const std::string key = "park_changes[" + std::to_string(i) + "].id";
    auto number = [&](const char* k, auto& target) {
      if (auto it = c.numbers.find(k); it != c.numbers.end()) target = static_cast<std::remove_reference_t<decltype(target)>>(it->second);
    };
    if (c.layer == "zones") {
      Zone* z = byId(park.zones, c.id);
      if (!z) {
        unknown(park.zones, c, key, d);
        continue;
      }
      if (c.texts.count("name")) z->name = c.texts.at("name");
      if (c.texts.count("kind")) {
        const auto& names = zoneKindNames();
        z->kind = ZoneKind(std::find(names.begin(), names.end(), c.texts.at("kind")) - names.begin());
      }
      number("pop_day", z->pop_day);
      number("pop_night", z->pop_night);
    } else if (c.layer == "roads") {
      Road* r = byId(park.roads, c.id);
      if (!r) {
        unknown(park.roads, c, key, d);
        continue;
      }
      if (c.texts.count("name")) r->name = c.texts.at("name");
      number("width_m", r->width_m);
      if (c.numbers.count("speed_ms")) r->speed_ms = c.numbers.at("speed_ms");
      if (c.numbers.count("capacity_pps")) r->capacity_pps = c.numbers.at("capacity_pps");
    } else if (c.layer == "hazard_sources") {
      HazardSource* h = byId(park.sources, c.id);
      if (!h) {
        unknown(park.sources, c, key, d);
        continue;
      }
      if (c.texts.count("name")) h->name = c.texts.at("name");
      number("inventory_kg", h->inventory_kg);
    }
  }
}

void applyParkChanges(const Scenario& scenario, Park& park, Diagnostics& d) {
  applyFeatureChanges(scenario.park_changes, park, d);
  applyShelterChanges(scenario.shelter_changes, park, d);
}

}  // namespace drillsim
