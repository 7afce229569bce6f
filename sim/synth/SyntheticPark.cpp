#include "sim/synth/SyntheticPark.hpp"

#include <cmath>

#include "scenarios/ParkLoader.hpp"
#include "scenarios/RandomStream.hpp"

namespace drillsim {

LoadedScenario syntheticPark(const SyntheticOptions& o) {
  LoadedScenario l;
  Park& park = l.park;
  park.path = "synthetic";
  park.crs = "EPSG:32649";
  const double b = o.block_m;
  auto node = [&](int i, int j) { return Point2{i * b, j * b}; };
  auto id = [](const char* prefix, int n) { return prefix + std::to_string(n); };
  // Streets: horizontal and vertical segments between grid nodes; every fourth street is a main road.
  for (int j = 0; j <= o.blocksY; ++j)
    for (int i = 0; i < o.blocksX; ++i) {
      Road r;
      r.id = id("H", int(park.roads.size()));
      r.width_m = j % 4 == 0 ? 16 : 6;
      r.speed_ms = j % 4 == 0 ? 13.9 : 8.3;
      r.line = {node(i, j), node(i + 1, j)};
      r.length_m = b;
      park.roads.push_back(r);
    }
  for (int i = 0; i <= o.blocksX; ++i)
    for (int j = 0; j < o.blocksY; ++j) {
      Road r;
      r.id = id("V", int(park.roads.size()));
      r.width_m = i % 4 == 0 ? 16 : 6;
      r.speed_ms = i % 4 == 0 ? 13.9 : 8.3;
      r.line = {node(i, j), node(i, j + 1)};
      r.length_m = b;
      park.roads.push_back(r);
    }
  int block = 0;
  for (int j = 0; j < o.blocksY; ++j)
    for (int i = 0; i < o.blocksX; ++i, ++block) {
      RandomStream draws(o.seed, 0, "synthetic", id("Z", block));
      Zone z;
      z.id = z.name = id("Z", block);
      z.kind = static_cast<ZoneKind>(std::size_t(draws.uniform01() * 6) % 6);
      const double m = 10, x0 = i * b + m, y0 = j * b + m, x1 = (i + 1) * b - m, y1 = (j + 1) * b - m;
      z.outer = {{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}};
      z.centroid = centroid(z.outer, z.holes, &z.area_m2);
      const double scale = 0.3 + 1.4 * draws.uniform01();
      z.pop_night = int(std::lround(o.meanPopulation * scale));
      z.pop_day = int(std::lround(o.meanPopulation * scale * 1.6));
      park.zones.push_back(z);
      if (block % o.shelterEvery == 0) {
        Shelter s;
        s.id = s.name = id("S", int(park.shelters.size()));
        s.kind = park.shelters.size() % 2 ? ShelterKind::Indoor : ShelterKind::Outdoor;
        s.capacity = o.meanPopulation * o.shelterEvery * 2;
        s.position = node(i + 1, j + 1);
        park.shelters.push_back(s);
      }
    }
  Station st;
  st.id = st.name = "ST1";
  st.position = node(0, 0);
  park.stations.push_back(st);
  HazardSource src;
  src.id = src.name = "HS1";
  src.substance = "chlorine";
  src.inventory_kg = 50000;
  src.zone = park.zones[std::size_t(park.zones.size() / 2)].id;
  src.position = park.zones[std::size_t(park.zones.size() / 2)].centroid;
  park.sources.push_back(src);
  Diagnostics d;
  buildGraph(park, d);

  Scenario& s = l.scenario;
  s.name = "synthetic " + std::to_string(o.blocksX) + "x" + std::to_string(o.blocksY);
  s.population = Population::Night;
  s.horizon_s = 7200;
  s.walking.premovement_s = Distribution(LogNormal{180, 0.6});
  Team hazmat;
  hazmat.id = "HZ1";
  hazmat.station = Ref{"ST1", {}};
  hazmat.kind = TeamKind::Hazmat;
  hazmat.turnout_s = Distribution(Uniform{60, 180});
  s.teams.push_back(hazmat);
  Hazard leak;
  leak.id = "L1";
  ToxicRelease r;
  r.source = Ref{"HS1", {}};
  r.containment_s = Distribution(LogNormal{1200, 0.5});
  leak.detail = r;
  s.hazards.push_back(leak);
  Plan p;
  p.id = "A";
  p.name = "evacuate all to the nearest shelter";
  p.detection_s = Distribution(LogNormal{60, 0.5});
  p.notify = {{"enterprise", Distribution(30.0), {}}, {"park_committee", Distribution(Uniform{60, 300}), {}}};
  p.dispatch = {{Ref{"HZ1", {}}, Ref{"L1", {}}, Ref{"enterprise", {}}}};
  Protect all;
  all.after = Ref{"park_committee", {}};
  p.protect = {all};
  s.plans.push_back(p);
  Plan fastest = p;
  fastest.id = "B";
  fastest.name = "evacuate all, fastest shelter";
  fastest.shelters.kind = ShelterRule::Kind::Fastest;
  s.plans.push_back(fastest);
  return l;
}

}  // namespace drillsim
