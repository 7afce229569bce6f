#include "scenarios/Vocabulary.hpp"

#include "scenarios/I18n.hpp"

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

const std::vector<std::string>& unitKindNames() {
  static const std::vector<std::string> names = {"hazardous_chemicals", "enterprise", "government"};
  return names;
}

const std::vector<std::string>& exerciseKindNames() {
  static const std::vector<std::string> names = {"tabletop", "functional", "full-scale"};
  return names;
}

const std::vector<std::string>& planScopeNames() {
  static const std::vector<std::string> names = {"comprehensive", "special", "onsite"};
  return names;
}

// In English each is the file's own word (so English output reads as it always has); translators
// see the word with its list as context.
const char* shownWord(Population v) { return v == Population::Day ? tc("population", "pop_day") : tc("population", "pop_night"); }

const char* shownWord(TeamKind v) {
  switch (v) {
    case TeamKind::Hazmat: return tc("team kind", "hazmat");
    case TeamKind::Fire: return tc("team kind", "fire");
    case TeamKind::Medical: return tc("team kind", "medical");
    case TeamKind::Police: return tc("team kind", "police");
    case TeamKind::Engineering: return tc("team kind", "engineering");
  }
  return "";
}

const char* shownWord(Terrain v) { return v == Terrain::Rural ? tc("terrain", "rural") : tc("terrain", "urban"); }

const char* shownWord(Sky v) {
  switch (v) {
    case Sky::StrongSun: return tc("sky", "strong_sun");
    case Sky::ModerateSun: return tc("sky", "moderate_sun");
    case Sky::SlightSun: return tc("sky", "slight_sun");
    case Sky::NightCloudy: return tc("sky", "night_cloudy");
    case Sky::NightClear: return tc("sky", "night_clear");
    case Sky::Overcast: return tc("sky", "overcast");
  }
  return "";
}

const char* shownWord(ReleasePhase v) { return v == ReleasePhase::Liquid ? tc("release phase", "liquid") : tc("release phase", "gas"); }
const char* shownWord(Ground v) { return v == Ground::Concrete ? tc("ground", "concrete") : tc("ground", "soil"); }
const char* shownWord(ExerciseKind v) {
  switch (v) {
    case ExerciseKind::Tabletop: return tc("drill kind", "tabletop");
    case ExerciseKind::Functional: return tc("drill kind", "functional");
    case ExerciseKind::FullScale: return tc("drill kind", "full-scale");
  }
  return "";
}
const char* shownWord(ShelterKind v) { return v == ShelterKind::Indoor ? tc("shelter kind", "indoor") : tc("shelter kind", "outdoor"); }

// The bodies a county park's alarm chain runs through, in their own names (the plan and the radio
// say 管委会, not "park committee"): the names of 《生产安全事故应急条例》 and the park's organisation.
const PartyWords* partyWords(std::string_view party) {
  static const std::pair<std::string_view, PartyWords> kParties[] = {
      {"enterprise", {"事发企业", "enterprise"}},
      {"park_committee", {"园区管委会", "park committee"}},
      {"emergency_bureau", {"县应急管理局", "emergency bureau"}},
      {"fire_brigade", {"消防救援大队", "fire brigade"}},
      {"police", {"公安", "police"}},
      {"hospital", {"医院", "hospital"}},
      {"ecology_bureau", {"生态环境局", "ecology bureau"}},
  };
  for (const auto& [id, words] : kParties)
    if (id == party) return &words;
  return nullptr;
}

std::string shownParty(const std::string& party) {
  const PartyWords* words = partyWords(party);
  return words && i18n::language() == i18n::Language::Chinese ? words->zh : party;
}

}  // namespace drillsim
