#include "tests/engine/TestPark.hpp"

#include <gtest/gtest.h>

#include "scenarios/ParkLoader.hpp"

namespace drillsim::test {

TestPark& TestPark::road(const std::string& id, Point2 a, Point2 b, double width_m, double capacity_pps, bool oneway) {
  Road r;
  r.id = id;
  r.width_m = width_m;
  if (capacity_pps > 0) r.capacity_pps = capacity_pps;
  r.oneway = oneway;
  r.line = {a, b};
  r.length_m = distance(a, b);
  park_.roads.push_back(r);
  return *this;
}

TestPark& TestPark::zone(const std::string& id, Point2 at, int persons) {
  Zone z;
  z.id = z.name = id;
  z.pop_day = z.pop_night = persons;
  z.outer = {{{at.x_m - 5, at.y_m - 5}, {at.x_m + 5, at.y_m - 5}, {at.x_m + 5, at.y_m + 5}, {at.x_m - 5, at.y_m + 5},
              {at.x_m - 5, at.y_m - 5}}};
  z.centroid = at;  // exact, as the loader would compute for this square
  z.area_m2 = 100;
  park_.zones.push_back(z);
  return *this;
}

TestPark& TestPark::shelter(const std::string& id, Point2 at, int capacity) {
  Shelter s;
  s.id = s.name = id;
  s.capacity = capacity;
  s.position = at;
  park_.shelters.push_back(s);
  return *this;
}

TestPark& TestPark::station(const std::string& id, Point2 at) {
  Station s;
  s.id = s.name = id;
  s.position = at;
  park_.stations.push_back(s);
  return *this;
}

TestPark& TestPark::source(const std::string& id, Point2 at, const std::string& zone) {
  HazardSource s;
  s.id = s.name = id;
  s.substance = "chlorine";
  s.inventory_kg = 1000;
  s.zone = zone;
  s.position = at;
  park_.sources.push_back(s);
  return *this;
}

LoadedScenario TestPark::build(double walkingSpeed_ms, double specificFlow_pms, int cohortSize) const {
  LoadedScenario l;
  l.park = park_;
  l.park.crs = "EPSG:32649";
  Diagnostics d;
  buildGraph(l.park, d);
  EXPECT_FALSE(d.hasErrors()) << d.str();
  Scenario& s = l.scenario;
  s.name = "test";
  s.horizon_s = 7200;
  s.cohort_size = cohortSize;
  s.walking.speed_ms = walkingSpeed_ms;
  s.walking.specific_flow_pms = specificFlow_pms;
  s.walking.premovement_s = Distribution(0.0);
  Plan p;
  p.id = "A";
  p.detection_s = Distribution(0.0);
  p.notify.push_back({"enterprise", Distribution(0.0), {}});
  Protect all;
  all.after = Ref{"enterprise", {}};
  p.protect.push_back(all);
  s.plans.push_back(p);
  return l;
}

void addTeam(LoadedScenario& l, const std::string& id, const std::string& station, const std::string& kind,
             double turnout_s, double speed_ms, const std::string& target) {
  Team t;
  t.id = id;
  t.station = Ref{station, {}};
  t.kind = fromWord<TeamKind>(teamKindNames(), kind).value();
  t.turnout_s = Distribution(turnout_s);
  t.speed_ms = speed_ms;
  l.scenario.teams.push_back(t);
  l.scenario.plans[0].dispatch.push_back({Ref{id, {}}, Ref{target, {}}, Ref{"enterprise", {}}});
}

}  // namespace drillsim::test
