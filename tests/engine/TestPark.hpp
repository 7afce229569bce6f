#pragma once
// Small parks written by the tests, in metres, for verification against closed forms.
#include <string>

#include "scenarios/Validation.hpp"

namespace drillsim::test {

class TestPark {
 public:
  /// A road from (x0, y0) to (x1, y1); capacity_pps given overrides width x specific flow.
  TestPark& road(const std::string& id, Point2 a, Point2 b, double width_m, double capacity_pps = 0, bool oneway = false);
  /// A square zone of 10 m side centred on `at` (so its centroid is exactly on the road node there).
  TestPark& zone(const std::string& id, Point2 at, int persons);
  TestPark& shelter(const std::string& id, Point2 at, int capacity);
  TestPark& station(const std::string& id, Point2 at);
  TestPark& source(const std::string& id, Point2 at, const std::string& zone);

/// A scenario on this park: detection, notification and pre-movement all zero, one plan "A"
  /// that evacuates every zone to the nearest shelter once the enterprise is told.
  LoadedScenario build(double walkingSpeed_ms = 1.2, double specificFlow_pms = 1.3, int cohortSize = 50) const;

 private:
  Park park_;
};

/// Adds a team to a built scenario, dispatched to `target` once the enterprise is told.
void addTeam(LoadedScenario& l, const std::string& id, const std::string& station, const std::string& kind,
             double turnout_s, double speed_ms, const std::string& target);

}  // namespace drillsim::test
