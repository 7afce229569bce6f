#pragma once
// A scenario: the hazards, weather, teams and response plans to simulate on a park
// (DESIGN.md sections 4 and 6). Plain structs, validated once after loading; the engine never
// parses text. Every reference to another entity keeps where it was written, so a bad reference
// is reported at its own line and column.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/Distribution.hpp"
#include "scenarios/Vocabulary.hpp"

namespace drillsim {

/// A name of another entity (team, zone, shelter, hazard, party) and where it was written.
struct Ref {
  std::string id;
  Location where;
  bool operator==(const Ref& o) const { return id == o.id; }  // where it was written is not content
};

struct Walking {
  double speed_ms = 1.2;           // free walking speed, IMO MSC.1/Circ.1238 corridor speed at low density
  double specific_flow_pms = 1.3;  // persons per metre of width per second, IMO MSC.1/Circ.1238 Annex 1
  Distribution premovement_s{LogNormal{120, 0.6}};
  bool operator==(const Walking&) const = default;
};

struct Weather {
  Distribution wind_speed_ms{3.0};  // at 10 m
  Distribution wind_from_deg{0.0};  // meteorological: the direction the wind blows from
  WordChoice<Stability> stability{{Stability::D}, {}};  // Pasquill-Gifford class
  // When it has values, the class is derived from the drawn wind speed and a sky drawn from it
  // (Pasquill's table): strong_sun | moderate_sun | slight_sun | night_cloudy | night_clear | overcast.
  WordChoice<Sky> sky{{}, {}};
  bool fromSky() const { return !sky.values.empty(); }
  Terrain terrain = Terrain::Rural;  // Briggs coefficient set
  Distribution temperature_c{20.0};  // the air's, for releases given by their vessel and dense clouds
  bool operator==(const Weather&) const = default;
};

/// Air changes per hour with doors and windows shut of a building with no kind given, 1 /h: an
/// assumption of this model (typical of closed residential and office buildings; not taken from a
/// standard). README "Model", indoor air.
inline constexpr double kDefaultAirChangesPerHour = 1.0;
/// With three or more windows or doors open, 2.75 /h: the geometric mean measured in one test house
/// by Johnson et al. 2004 (sim/hazard/IndoorAir.hpp, kAchThreeOrMoreOpenings_Johnson2004).
inline constexpr double kAiredAirChangesPerHour = 2.75;

/// The park's buildings as the indoor air sees them: air changes per hour with doors and windows
/// shut by zone kind (chemical, ..., green) and for indoor shelters ("shelter"), any kind not given
/// taking "default"; and with windows open, for persons who air out. Each a distribution, drawn once
/// per replication and key (stream buildings/KEY).
/// A building kind's air changes computed instead of given: the ASHRAE basic (effective leakage
/// area) model of sim/hazard/IndoorAir.hpp under the replication's 10 m wind and the difference
/// between the indoor and the outdoor air's temperatures.
struct Leakage {
  Distribution area_cm2{0.0};   // effective leakage area at 4 Pa
  Distribution volume_m3{0.0};  // the building's (or the room's) air volume
  int storeys = 1;              // 1, 2 or 3: the stack coefficient
  int shelter_class = 3;        // 1 (no obstructions) ... 5 (buildings adjacent): the wind coefficient
  bool operator==(const Leakage&) const = default;
};

struct Buildings {
  std::map<std::string, Distribution> air_changes_per_hour;  // by zone kind, "shelter" or "default"
  std::map<std::string, Leakage> leakage;                    // the same keys, computed (not in both)
  Distribution indoor_c{20.0};                               // the indoor air's temperature, for leakage
  Distribution aired_out_per_hour{kAiredAirChangesPerHour};
  bool operator==(const Buildings&) const = default;
};

/// Which dispersion model a run uses for its toxic releases (README "Model"): per release and
/// weather by Britter and McQuaid's criterion (auto), or one model whatever the cloud. Set by the
/// commands' --model, not by the scenario file.
enum class DispersionModel { Auto, Passive, Dense };
/// "auto", "passive", "dense"; and back (nullopt for another word).
const char* dispersionName(DispersionModel m);
std::optional<DispersionModel> dispersionModel(const std::string& name);

/// A release given by its vessel and hole instead of its rate (sim/hazard/VesselRelease.hpp).
struct PhysicalRelease {
  ReleasePhase phase = ReleasePhase::Liquid;
  Distribution hole_mm{25.0};                // the hole's diameter (not with rupture)
  bool rupture = false;                      // the vessel fails: its whole inventory at once
  std::optional<Distribution> volume_m3;     // a compressed-gas vessel's volume (phase gas): it blows down
  std::optional<Distribution> pressure_bar;  // gauge; none: the substance's vapour pressure at the temperature
  std::optional<Distribution> temperature_c;  // of the stored substance; none: the air's
  Distribution head_m{0.0};                  // liquid above the hole
  std::optional<Distribution> discharge_coefficient;  // none: 0.62 liquid, 0.85 gas
  std::optional<double> bund_m2;             // floor area of the bund that holds a pool; none: no bund
  Ground ground = Ground::Concrete;          // under a pool
  Location where;
  bool operator==(const PhysicalRelease& o) const {
    return phase == o.phase && hole_mm == o.hole_mm && rupture == o.rupture && volume_m3 == o.volume_m3 && pressure_bar == o.pressure_bar &&
           temperature_c == o.temperature_c && head_m == o.head_m && discharge_coefficient == o.discharge_coefficient &&
           bund_m2 == o.bund_m2 && ground == o.ground;
  }
};

struct ToxicRelease {
  Ref source;  // hazard source id in the park
  Distribution rate_kg_s{1.0};            // a direct source, when neither of the next is given
  std::optional<Distribution> instantaneous_kg;  // a direct puff: this mass released at once
  std::optional<PhysicalRelease> vessel;  // the scenario's `release:` block
  Distribution duration_s{1800.0};
  Distribution height_m{1.0};
  std::optional<Distribution> containment_s;  // time on scene a hazmat team needs to stop it
  bool operator==(const ToxicRelease&) const = default;
};

struct Fire {
  Ref zone;
  Distribution spread_m{100.0};
  std::optional<Distribution> spread_delay_s;
  std::optional<Distribution> control_s;  // time on scene a fire team needs to control one zone
  // Heat release rate of one burning zone [MW], for its thermal radiation; none: not modelled.
  std::optional<Distribution> heat_release_mw;
  bool operator==(const Fire&) const = default;
};

struct Hazard {
  std::string id;
  Distribution start_s{0.0};
  std::variant<ToxicRelease, Fire> detail;
  Location where;
  std::string kindName() const { return std::holds_alternative<ToxicRelease>(detail) ? "toxic_release" : "fire"; }
  bool operator==(const Hazard& o) const { return id == o.id && start_s == o.start_s && detail == o.detail; }
};

struct Team {
  std::string id, name;
  Ref station;
  TeamKind kind = TeamKind::Hazmat;
  Distribution turnout_s{60.0};
  double speed_ms = 10.0;  // vehicle speed on empty roads
  Location where;
  bool operator==(const Team& o) const {
    return id == o.id && name == o.name && station == o.station && kind == o.kind && turnout_s == o.turnout_s &&
           speed_ms == o.speed_ms;
  }
};

struct Notification {
  std::string who;  // a party: enterprise, park_committee, emergency_bureau, ...
  Distribution delay_s{0.0};
  Location where;
  bool operator==(const Notification& o) const { return who == o.who && delay_s == o.delay_s; }
};

struct Dispatch {
  Ref team;
  Ref to;     // hazard id or zone id
  Ref after;  // a party in the plan's notify list
  bool operator==(const Dispatch&) const = default;
};

enum class ProtectiveAction { Evacuate, ShelterInPlace };

struct Protect {
  enum class Scope { All, Threat, List };
  Scope scope = Scope::All;
  std::vector<Ref> zones;  // when scope is List
  ProtectiveAction action = ProtectiveAction::Evacuate;
  Ref after;
  /// Shelter in place only: open the windows once the air outdoors is cleaner than indoors (the
  /// standard advice once the cloud has passed), instead of staying shut to the horizon.
  bool air_out_when_cloud_passed = false;
  Location where;
  bool operator==(const Protect& o) const {
    return scope == o.scope && zones == o.zones && action == o.action && after == o.after &&
           air_out_when_cloud_passed == o.air_out_when_cloud_passed;
  }
};

struct ShelterRule {
  enum class Kind { Nearest, Fastest, Map };
  Kind kind = Kind::Nearest;
  // zone id -> shelters in order of preference (Map only); zone refs keep where they were written
  std::vector<std::pair<Ref, std::vector<Ref>>> map;
  bool operator==(const ShelterRule&) const = default;
};

struct Plan {
  std::string id, name;
  Distribution detection_s{60.0};
  std::vector<Notification> notify;
  std::vector<Dispatch> dispatch;
  std::vector<Protect> protect;
  ShelterRule shelters;
  ClosureLevel close_roads_above = ClosureLevel::Aegl3;
  Location where;
  bool operator==(const Plan& o) const {
    return id == o.id && name == o.name && detection_s == o.detection_s && notify == o.notify &&
           dispatch == o.dispatch && protect == o.protect && shelters == o.shelters &&
           close_roads_above == o.close_roads_above;
  }
};

/// One change this scenario makes to the park's shelters layer, so that a shelter layout can be
/// studied without touching the park's geodata: an id the park has is moved, resized, renamed or
/// removed; a new id adds a shelter (it needs a position and a capacity). Positions are WGS 84
/// longitude and latitude, so that they do not depend on the park's metric CRS.
struct ShelterChange {
  std::string id;
  std::optional<std::string> name;
  std::optional<ShelterKind> kind;
  std::optional<int> capacity;      // persons
  std::optional<double> lon, lat;   // degrees, both or neither
  bool remove = false;
  Location where;
  bool operator==(const ShelterChange& o) const {
    return id == o.id && name == o.name && kind == o.kind && capacity == o.capacity && lon == o.lon && lat == o.lat &&
           remove == o.remove;
  }
};

/// A change this scenario makes to attributes of one park feature (the geodata stays as it is):
/// zones' name, kind, pop_day, pop_night; roads' name, width_m, speed_ms, capacity_pps; hazard
/// sources' name, inventory_kg.
struct FeatureChange {
  std::string layer;  // zones | roads | hazard_sources
  std::string id;
  std::map<std::string, double> numbers;     // attribute -> value
  std::map<std::string, std::string> texts;  // attribute -> value (name, kind)
  Location where;
  bool operator==(const FeatureChange& o) const {
    return layer == o.layer && id == o.id && numbers == o.numbers && texts == o.texts;
  }
};

/// A unit that must drill its emergency plans (`units:`), for the drill calendar.
struct DrillUnit {
  std::string id, name;
  UnitKind kind = UnitKind::Enterprise;
  Ref party;               // the plans' notify party it acts as (enterprise, park_committee, ...); may be empty
  std::vector<Ref> plans;  // the scenario's plans it takes part in; empty: those that notify its party
  Location where;
  bool operator==(const DrillUnit& o) const {
    return id == o.id && name == o.name && kind == o.kind && party == o.party && plans == o.plans;
  }
};

/// A drill held (`drills:`): when, its form, the level of plan it exercised, the scenario's plan
/// it followed (if any) and the units that took part.
struct PastDrill {
  std::chrono::year_month_day date{};
  ExerciseKind kind = ExerciseKind::Tabletop;
  PlanScope scope = PlanScope::Comprehensive;
  Ref plan;  // a plan id, or empty
  std::vector<Ref> units;
  std::string note;
  Location where;
  bool operator==(const PastDrill& o) const {
    return date == o.date && kind == o.kind && scope == o.scope && plan == o.plan && units == o.units && note == o.note;
  }
};

struct MonteCarlo {
  int replications = 100;
  std::uint64_t seed = 1;
  bool operator==(const MonteCarlo&) const = default;
};

struct Scenario {
  int format = 1;  // the `drillsim:` key
  std::string name;
  std::string description;
  std::string park_name;   // the park's (or the organising unit's) name for documents' headers; may be empty
  std::string park;        // as written, relative to the scenario file
  std::string crs;         // optional metric CRS, e.g. "EPSG:32649"; empty: UTM zone of the park
  double horizon_s = 7200;
  Population population = Population::Day;
  int cohort_size = 50;
  Walking walking;
  Weather weather;
  Buildings buildings;
  std::vector<Hazard> hazards;
  std::vector<Team> teams;
  std::vector<Plan> plans;
  std::vector<ShelterChange> shelter_changes;
  std::vector<FeatureChange> park_changes;
  std::vector<DrillUnit> units;   // who must drill (drill calendar); not used by runs
  std::vector<PastDrill> drills;  // the drills they held
  MonteCarlo monte_carlo;

  std::string file;     // where it was loaded from, as given; not part of its content
  Location park_where;  // where the park key was written
  DispersionModel dispersion = DispersionModel::Auto;  // from the command line; not part of its content

  bool night() const { return population == Population::Night; }
  const Plan* plan(const std::string& id) const;
  const Team* team(const std::string& id) const;
  const Hazard* hazard(const std::string& id) const;

  bool operator==(const Scenario& o) const {
    return format == o.format && name == o.name && description == o.description && park_name == o.park_name &&
           park == o.park &&
           crs == o.crs && horizon_s == o.horizon_s && population == o.population &&
           cohort_size == o.cohort_size && walking == o.walking && weather == o.weather && buildings == o.buildings &&
           hazards == o.hazards && teams == o.teams && plans == o.plans && shelter_changes == o.shelter_changes &&
           park_changes == o.park_changes && units == o.units && drills == o.drills &&
           monte_carlo == o.monte_carlo;
  }
};

}  // namespace drillsim
