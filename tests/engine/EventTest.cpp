// The typed event log: each kind's words and sentence (what events.csv and the story print) made
// from its fields, and replay.json's round trip of every field.

#include <gtest/gtest.h>

#include "scenarios/I18n.hpp"
#include "scenarios/Vocabulary.hpp"
#include "sim/engine/Event.hpp"
#include "sim/engine/Outcome.hpp"

namespace drillsim {
namespace {

std::vector<Event> oneOfEach() {
  return {
      {.time_s = 30, .kind = EventKind::Detected},
      {.time_s = 60, .kind = EventKind::Notified, .entity = "enterprise"},
      {.time_s = 61, .kind = EventKind::Order, .entity = "Z1", .party = "enterprise", .persons = 120},
      {.time_s = 61, .kind = EventKind::Order, .entity = "Z2", .party = "enterprise", .persons = 8,
       .action = ProtectiveAction::ShelterInPlace},
      {.time_s = 62, .kind = EventKind::ShelterInPlace, .entity = "Z3/c0", .persons = 40},
      {.time_s = 63, .kind = EventKind::NoShelter, .entity = "Z3/c1", .persons = 41},
      {.time_s = 64, .kind = EventKind::Depart, .entity = "Z1/c0", .shelter = "S1", .persons = 60},
      {.time_s = 65, .kind = EventKind::Arrive, .entity = "Z1/c0", .shelter = "S1", .persons = 55, .occupancy = 480,
       .capacity = 500},
      {.time_s = 66, .kind = EventKind::Overflow, .entity = "S1", .cohort = "Z1/c0", .persons = 5},
      {.time_s = 67, .kind = EventKind::Horizon, .persons = 12},
      {.time_s = 68, .kind = EventKind::Dispatch, .entity = "HM1", .target = "L1", .party = "fire_brigade"},
      {.time_s = 69, .kind = EventKind::CannotReach, .entity = "HM1", .target = "L1"},
      {.time_s = 70, .kind = EventKind::Drive, .entity = "HM1", .target = "L1"},
      {.time_s = 71, .kind = EventKind::OnScene, .entity = "HM1", .target = "L1"},
      {.time_s = 72, .kind = EventKind::Contained, .entity = "L1", .team = "HM1"},
      {.time_s = 73, .kind = EventKind::ZoneControlled, .entity = "Z36", .hazard = "F1", .team = "FB1"},
      {.time_s = 74, .kind = EventKind::Controlled, .entity = "F1", .team = "FB1"},
      {.time_s = 75, .kind = EventKind::Ignited, .entity = "Z37", .hazard = "F1"},
      {.time_s = 76, .kind = EventKind::RoadClosed, .entity = "R1", .closure = {RoadClosure::Cause::Heat, "", ClosureLevel::None, 5}},
      {.time_s = 77, .kind = EventKind::RoadClosed, .entity = "R2",
       .closure = {RoadClosure::Cause::Concentration, "L1", ClosureLevel::Aegl2, 0}},
      {.time_s = 78, .kind = EventKind::RoadClosed, .entity = "R3", .closure = {RoadClosure::Cause::Unstated, "", ClosureLevel::None, 0}},
      {.time_s = 79, .kind = EventKind::RoadReopened, .entity = "R2"},
      {.time_s = 80, .kind = EventKind::ThreatEnters, .entity = "Z4"},
      {.time_s = 81, .kind = EventKind::ThreatLeaves, .entity = "Z4"},
  };
}

TEST(Event, EachKindHasItsWordAndSentence) {
  // The log's words and sentences as events.csv has always written them (tests/golden holds them).
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"detected", "the release or fire is detected"},
      {"notified", ""},
      {"order", "evacuate (120 persons), after enterprise"},
      {"order", "shelter_in_place (8 persons), after enterprise"},
      {"shelter_in_place", "40 persons: no open route to an open shelter"},
      {"no_shelter", "41 persons find no open shelter they can reach"},
      {"depart", "60 persons to S1"},
      {"arrive", "55 persons into S1 (480/500)"},
      {"overflow", "5 persons of Z1/c0 turned away: full"},
      {"horizon", "12 evacuees not in a shelter at the horizon"},
      {"dispatch", "to L1 (fire_brigade notified)"},
      {"cannot_reach", "L1 cannot be reached by road"},
      {"drive", "leaves for L1"},
      {"on_scene", "L1"},
      {"contained", "release stopped by HM1"},
      {"zone_controlled", "F1 in Z36 under control by FB1"},
      {"controlled", "fire under control by FB1"},
      {"ignited", "F1"},
      {"road_closed", "heat flux at least 5 kW/m2"},
      {"road_closed", "L1 above AEGL-2, the plan's closure level"},
      {"road_closed", "closed"},
      {"road_reopened", ""},
      {"threat_enters", ""},
      {"threat_leaves", ""},
  };
  const auto events = oneOfEach();
  ASSERT_EQ(events.size(), expected.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(eventKindName(events[i].kind), expected[i].first) << i;
    EXPECT_EQ(eventDetail(events[i]), expected[i].second) << i;
    EXPECT_EQ(eventKindFromName(expected[i].first), events[i].kind) << i;
  }
  EXPECT_EQ(eventKindFromName("arrived"), std::nullopt);
  EXPECT_EQ(eventKindFromName(""), std::nullopt);
}

// The sentence shown to users is, in English, the log's own line "kind entity: detail" word for
// word (so the story in English reads as it always has); in Chinese it is the catalogue's, with
// the event's ids and numbers and no English word of the log.
TEST(Event, ShownSentenceIsTheLogsLineInEnglishAndChineseInChinese) {
  for (const Event& e : oneOfEach()) {
    const std::string detail = eventDetail(e);
    const std::string line =
        std::string(eventKindName(e.kind)) + (e.entity.empty() ? "" : " " + e.entity) + (detail.empty() ? "" : ": " + detail);
    EXPECT_EQ(eventSentence(e), line);
  }
  i18n::setLanguage(i18n::Language::Chinese);
  for (const Event& e : oneOfEach()) {
    const std::string s = eventSentence(e);
    // A party by its body's name (园区管委会 for park_committee), any other entity by its id.
    EXPECT_NE(s.find(e.kind == EventKind::Notified ? shownParty(e.entity) : e.entity), std::string::npos) << s;
    EXPECT_EQ(s.find(eventKindName(e.kind)), std::string::npos) << s;
    EXPECT_STRNE(eventKindShown(e.kind), eventKindName(e.kind));
    if (e.persons > 0) {
      EXPECT_NE(s.find(std::to_string(e.persons)), std::string::npos) << s;
    }
  }
  EXPECT_EQ(eventSentence(oneOfEach()[6]), "出发 Z1/c0：60 人前往 S1");
  i18n::setLanguage(i18n::Language::English);
}

TEST(Event, ReplayJsonKeepsEveryField) {
  Outcome o;
  o.scenario = "s";
  o.plan = "A";
  o.events = oneOfEach();
  const Outcome back = replayFromJson(nlohmann::json::parse(replayJson(o).dump()));
  EXPECT_EQ(back.events, o.events);
  // The text is written beside the fields, for readers of the file; it is not read back.
  EXPECT_EQ(replayJson(o).at("events").at(7).at("detail"), "55 persons into S1 (480/500)");
}

TEST(Event, ReplayJsonOfAnotherFormatOrKindIsRefusedByName) {
  Outcome o;
  o.events = oneOfEach();
  nlohmann::json j = replayJson(o);
  j["drillsim_replay"] = 1;
  try {
    replayFromJson(j);
    ADD_FAILURE() << "format 1 read";
  } catch (const std::exception& e) {
    EXPECT_EQ(std::string(e.what()), "replay format 1, this DrillSim reads format 2: run the replication again to write it anew");
  }
  j = replayJson(o);
  j["events"][0]["kind"] = "exploded";
  try {
    replayFromJson(j);
    ADD_FAILURE() << "unknown kind read";
  } catch (const std::exception& e) {
    EXPECT_EQ(std::string(e.what()), "event kind \"exploded\" is not one DrillSim writes");
  }
}

}  // namespace
}  // namespace drillsim
