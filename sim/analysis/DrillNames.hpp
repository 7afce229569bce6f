#pragma once
// The names a drill script gives the scenario's places, teams and hazards (zones with their
// Chinese names, teams with theirs, streets for road segments), shared by the injects and the
// tabletop's modules. Internal to sim/analysis/Drill*.

#include <string>
#include <vector>

#include "scenarios/Validation.hpp"

namespace drillsim {

class DrillNames {
 public:
  explicit DrillNames(const LoadedScenario& loaded) : l_(loaded) {}

  /// "Z26 职工公寓一区", else the id.
  std::string zone(const std::string& id) const;
  /// "Z26 职工公寓一区 (900 persons)".
  std::string zoneWithPersons(const std::string& id) const;
  /// Persons in a zone under the scenario's population (day or night).
  int persons(const std::string& zone) const;
  std::string shelter(const std::string& id) const;
  const Team* team(const std::string& id) const;
  std::string teamName(const std::string& id) const;
  /// A road segment's street name, else its id.
  std::string street(const std::string& road) const;
  /// The hazard a team's target names: the hazard id, or a fire's zone.
  const Hazard* hazardAt(const std::string& target) const;
  /// A substance as the documents name it: its Chinese name in Chinese, else its id ("chlorine").
  std::string substanceName(const std::string& id) const;
  /// What happened, in words: each hazard and its place.
  std::string incident() const;
  bool hasToxic() const;
  bool hasFire() const;

  /// Items joined with ", " (Chinese: "、").
  static std::string list(const std::vector<std::string>& items);
  /// Sentences joined with a space (Chinese: none), the empty ones left out.
  static std::string sentences(const std::vector<std::string>& items);

 private:
  const LoadedScenario& l_;
};

}  // namespace drillsim
