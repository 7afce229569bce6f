#include "scenarios/Vocabulary.hpp"

namespace drillsim {

const std::vector<std::string>& populationNames() {
  static const std::vector<std::string> names = {"pop_day", "pop_night"};
  return names;
}

const std::vector<std::string>& teamKindNames() {
  static const std::vector<std::string> names = {"hazmat", "fire", "medical", "police", "engineering"};
  return names;
}

const std::vector<std::string>& terrainNames() {
  static const std::vector<std::string> names = {"rural", "urban"};
  return names;
}

const std::vector<std::string>& stabilityNames() {
  static const std::vector<std::string> names = {"A", "B", "C", "D", "E", "F"};
  return names;
}

const std::vector<std::string>& closureLevelNames() {
  static const std::vector<std::string> names = {"AEGL-1", "AEGL-2", "AEGL-3", "none"};
  return names;
}

const std::vector<std::string>& skyNames() {
  static const std::vector<std::string> names = {"strong_sun",   "moderate_sun", "slight_sun",
                                                 "night_cloudy", "night_clear",  "overcast"};
  return names;
}

const std::vector<std::string>& releasePhaseNames() {
  static const std::vector<std::string> names = {"liquid", "gas"};
  return names;
}

const std::vector<std::string>& groundNames() {
  static const std::vector<std::string> names = {"concrete", "soil"};
  return names;
}

const std::vector<std::string>& shelterKindNames() {
  static const std::vector<std::string> names = {"indoor", "outdoor"};
  return names;
}

const std::vector<std::string>& probitConcentrationUnitNames() {
  static const std::vector<std::string> names = {"mg/m3", "ppm"};
  return names;
}

const std::vector<std::string>& probitTimeUnitNames() {
  static const std::vector<std::string> names = {"min", "s"};
  return names;
}

}  // namespace drillsim
