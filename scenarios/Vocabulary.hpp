#pragma once
// The words of a scenario file that name one of a few things, as types: the reader makes them
// (ScenarioReader.cpp refuses any other word, with a did-you-mean), the writer and the views print
// them through these names, and nothing after validation compares the words again. Each kind's
// names are indexed by its enum's value.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drillsim {

/// Which head count of the zones a scenario uses: `pop_day` or `pop_night`.
enum class Population { Day, Night };
/// What a response team does on scene: a hazmat team stops a toxic release (`containment_s`), a
/// fire team controls a fire (`control_s`); the others go where they are sent.
enum class TeamKind { Hazmat, Fire, Medical, Police, Engineering };
/// Briggs' dispersion coefficient set: open country or built-up.
enum class Terrain { Rural, Urban };
/// Pasquill-Gifford stability class, A (very unstable) ... F (very stable).
enum class Stability { A, B, C, D, E, F };
/// The sky of Pasquill's table, from which the class follows with the wind speed.
enum class Sky { StrongSun, ModerateSun, SlightSun, NightCloudy, NightClear, Overcast };
/// How a vessel's contents leave it: liquid (a hole below the liquid) or gas (above it).
enum class ReleasePhase { Liquid, Gas };
/// What lies under a pool: concrete or (dry) soil.
enum class Ground { Concrete, Soil };
/// Whether a shelter is a building or open ground.
enum class ShelterKind { Indoor, Outdoor };
/// The units a substance's toxic probit constants were fitted in.
enum class ProbitConcentrationUnit { MgM3, Ppm };
enum class ProbitTimeUnit { Minute, Second };
/// Above which AEGL (60 min) a plan closes a road to new movements; None: roads stay open.
enum class ClosureLevel { Aegl1, Aegl2, Aegl3, None };
/// Which of the regulations' drill intervals bind a unit (sim/analysis/DrillCalendar.hpp): a unit
/// producing, trading, storing or carrying hazardous chemicals (危险化学品单位), any other production
/// or business unit (生产经营单位), or a government body (县、乡政府及其部门; the park's management
/// committee as the county government's agency).
enum class UnitKind { HazardousChemicals, Enterprise, Government };
/// The form of a drill held: tabletop (桌面演练), functional, full-scale (实战演练).
enum class ExerciseKind { Tabletop, Functional, FullScale };
/// The level of the plan a drill exercised: a comprehensive plan (综合应急预案), a special plan
/// (专项应急预案) or an on-site disposal plan (现场处置方案).
enum class PlanScope { Comprehensive, Special, Onsite };

/// The words, indexed by value: {"pop_day", "pop_night"}, {"hazmat", ...}, {"rural", "urban"},
/// {"A", ..., "F"}, {"AEGL-1", "AEGL-2", "AEGL-3", "none"}.
const std::vector<std::string>& populationNames();
const std::vector<std::string>& teamKindNames();
const std::vector<std::string>& terrainNames();
const std::vector<std::string>& stabilityNames();
const std::vector<std::string>& closureLevelNames();
/// {"liquid", "gas"}, {"concrete", "soil"}, {"indoor", "outdoor"}, {"mg/m3", "ppm"}, {"min", "s"}.
const std::vector<std::string>& releasePhaseNames();
const std::vector<std::string>& groundNames();
const std::vector<std::string>& shelterKindNames();
const std::vector<std::string>& probitConcentrationUnitNames();
const std::vector<std::string>& probitTimeUnitNames();
/// {"strong_sun", "moderate_sun", "slight_sun", "night_cloudy", "night_clear", "overcast"}.
const std::vector<std::string>& skyNames();
/// {"hazardous_chemicals", "enterprise", "government"}, {"tabletop", "functional", "full-scale"},
/// {"comprehensive", "special", "onsite"}.
const std::vector<std::string>& unitKindNames();
const std::vector<std::string>& exerciseKindNames();
const std::vector<std::string>& planScopeNames();

inline const std::string& wordOf(Population v) { return populationNames()[std::size_t(v)]; }
inline const std::string& wordOf(TeamKind v) { return teamKindNames()[std::size_t(v)]; }
inline const std::string& wordOf(Terrain v) { return terrainNames()[std::size_t(v)]; }
inline const std::string& wordOf(Stability v) { return stabilityNames()[std::size_t(v)]; }
inline const std::string& wordOf(ClosureLevel v) { return closureLevelNames()[std::size_t(v)]; }
inline const std::string& wordOf(Sky v) { return skyNames()[std::size_t(v)]; }
inline const std::string& wordOf(ReleasePhase v) { return releasePhaseNames()[std::size_t(v)]; }
inline const std::string& wordOf(Ground v) { return groundNames()[std::size_t(v)]; }
inline const std::string& wordOf(ShelterKind v) { return shelterKindNames()[std::size_t(v)]; }
inline const std::string& wordOf(ProbitConcentrationUnit v) { return probitConcentrationUnitNames()[std::size_t(v)]; }
inline const std::string& wordOf(ProbitTimeUnit v) { return probitTimeUnitNames()[std::size_t(v)]; }
inline const std::string& wordOf(UnitKind v) { return unitKindNames()[std::size_t(v)]; }
inline const std::string& wordOf(ExerciseKind v) { return exerciseKindNames()[std::size_t(v)]; }
inline const std::string& wordOf(PlanScope v) { return planScopeNames()[std::size_t(v)]; }

/// The value as a user reads it, in the current language (scenarios/I18n); wordOf is the file's
/// own word, which JSON, CSV and the scenario keep.
const char* shownWord(Population v);
const char* shownWord(TeamKind v);
const char* shownWord(Terrain v);
const char* shownWord(Sky v);
const char* shownWord(ReleasePhase v);
const char* shownWord(Ground v);
const char* shownWord(ShelterKind v);
const char* shownWord(ExerciseKind v);  // 桌面演练, 实战演练（功能）, 实战演练（全面）

/// A notify party's body, for the parties DrillSim's plans and forms name (enterprise,
/// park_committee, emergency_bureau, fire_brigade, police, hospital, ecology_bureau): its own
/// Chinese name (园区管委会) and an English word ("park committee"); nullptr for any other id,
/// which is the scenario's own word.
struct PartyWords {
  const char* zh;
  const char* en;
};
const PartyWords* partyWords(std::string_view party);
/// A notify party as the user reads it in a sentence: in Chinese its body's name, in English the
/// id as the scenario writes it (the log's word); an unknown id stays as written.
std::string shownParty(const std::string& party);

/// The value whose word is `word` among `names` (one of the lists above); nullopt for any other.
template <class E>
std::optional<E> fromWord(const std::vector<std::string>& names, std::string_view word) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == word) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace drillsim
