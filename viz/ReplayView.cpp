// The Replay view (ReplayPanel, viz/Panels.hpp): one replication on a timeline, for trainers'
// debriefs. Cohorts walk their routes, teams drive, the threat zones grow and shrink, zones burn,
// roads close, shelters fill, and the event log follows the clock (click an event to jump to it;
// bookmarks keep moments to return to). App runs the replication and loads it.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unistd.h>

#include "sim/batch/ResultStore.hpp"
#include "sim/analysis/DrillDocument.hpp"
#include "scenarios/I18n.hpp"
#include "viz/App.hpp"
#include "viz/Label.hpp"

namespace drillsim::viz {

namespace fs = std::filesystem;
using i18n::tf;
using i18n::tr;

namespace {
std::string clock(double t) { return drillClock(t); }
}  // namespace

void drawThreatRings(ImDrawList* dl, const MapView& map, const std::vector<ThreatRing>& rings) {
  for (const auto& r : rings) {
    std::vector<ImVec2> pts;
    for (const auto& p : r.ring) pts.push_back(map.toScreen(p));
    if (pts.size() < 3) continue;
    const bool three = r.level == "AEGL-3";
    // Footprints are not convex: a light fill as a fan of triangles about their mean point, and
    // the outline.
    const ImU32 fill = three ? IM_COL32(200, 0, 0, 60) : IM_COL32(255, 140, 0, 50);
    ImVec2 c(0, 0);
    for (const auto& q : pts) c = ImVec2(c.x + q.x / float(pts.size()), c.y + q.y / float(pts.size()));
    const ImDrawListFlags flags = dl->Flags;
    dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;  // no seams between the fan's triangles
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) dl->AddTriangleFilled(c, pts[i], pts[i + 1], fill);
    dl->Flags = flags;
    dl->AddPolyline(pts.data(), int(pts.size()), three ? IM_COL32(180, 0, 0, 255) : IM_COL32(230, 120, 0, 255), 0, 2.0f);
  }
}

void App::openReplay(const std::string& plan, int replication) {
  if (run_ && run_->running()) return;
  replayPanel_.plan = plan;
  replayPanel_.replication = replication;
  replayError_.clear();
  replay_ = ReplayPlayer();
  if (editor_.dirty()) saveOrAsk();  // the run reads the scenario file
  replayDir_ = (fs::temp_directory_path() / ("drillsim-replay-" + std::to_string(::getpid()) + "-" + plan + "-" +
                                             std::to_string(replication)))
                   .string();
  std::error_code ec;
  fs::create_directories(replayDir_, ec);
  replayDirs_.push_back(replayDir_);
  // A batch's replication is replayed with the batch's seed; otherwise the scenario's.
  // The drill's own run with the drill's seed; a batch's replication with the batch's; else the scenario's.
  const bool drillsRun = drill_ && plan == drill_->script().plan && std::uint64_t(replication) == drill_->header().replication;
  const std::string seed = std::to_string(drillsRun ? drill_->header().seed
                                                    : results_.seed.value_or(editor_.scenario().monte_carlo.seed));
  replayStale_ = results_.seed && !results_.scenarioHash.empty() && fileHash(editor_.path()) != results_.scenarioHash;
  run_ = std::make_unique<ChildProcess>();
  if (!run_->start({drillsimCommand(), "run", editor_.path(), "--plan", plan, "--replication", std::to_string(replication),
                    "--seed", seed, "--out", replayDir_, "--lang", i18n::languageCode(i18n::language())},
                   false))
    replayError_ = run_->error();
  replayPanel_.bookmarks.clear();
}

void ReplayPanel::draw(const ScenarioEditor& editor, ReplayPlayer& replay, const LoadedResults& results, const bool& stale,
                       const std::string& error, DrillSession* drill, DrillPanel* drillPanel, Commands& commands) {
  choice(editor, results, stale, error, commands);
  if (!replay.loaded()) {
    ImGui::TextDisabled("%s", tr("Choose a plan and a replication (or the median or P95 run of a batch) and run it."));
    return;
  }
  timeline(replay, drill, drillPanel && drillPanel->pause);
  mapOfTheMoment(editor.park(), replay);
  const float logWidth = drill ? std::min(640.0f, ImGui::GetContentRegionAvail().x * 0.46f)
                                : std::min(520.0f, ImGui::GetContentRegionAvail().x * 0.38f);
  ImGui::BeginChild("replay map", ImVec2(ImGui::GetContentRegionAvail().x - logWidth, 0));
  ImGui::TextDisabled("%s", tr("blue lines: cohorts walking (front dot); purple squares: teams; orange/red outlines: AEGL-2/3 "
                               "threat zones; red roads: closed; roads yellow to dark red: the run's peak use of their capacity"));
  map.draw();
  ImGui::EndChild();
  ImGui::SameLine();

  // The drill's panel above the event log.
  if (drill) {
    ImGui::BeginGroup();
    ImGui::BeginChild("drill", ImVec2(logWidth, ImGui::GetContentRegionAvail().y * 0.62f), true);
    drillPanel->draw(*drill, replay, editor.path(), commands);
    ImGui::EndChild();
  }
  // Event log in step with the clock.
  ImGui::BeginChild("log", ImVec2(drill ? logWidth : 0, 0), true);
  eventLog(replay);
  ImGui::EndChild();
  if (drill) ImGui::EndGroup();
}

// Which run: a plan and a replication, or a ranked run of the loaded batch; how running it goes.
void ReplayPanel::choice(const ScenarioEditor& editor, const LoadedResults& results, const bool& stale,
                         const std::string& error, Commands& commands) {
  const Scenario& s = editor.scenario();
  if (plan.empty() && !s.plans.empty()) plan = s.plans.front().id;
  ImGui::SetNextItemWidth(100);
  if (ImGui::BeginCombo(label(tr("plan"), "plan").c_str(), plan.c_str())) {
    for (const auto& p : s.plans)
      if (ImGui::Selectable((p.id + "  " + p.name).c_str(), p.id == plan)) plan = p.id;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110);
  ImGui::InputInt(label(tr("replication"), "replication").c_str(), &replication);
  replication = std::max(0, replication);
  ImGui::SameLine();
  if (ImGui::Button(label(tr("Run and replay"), "runreplay").c_str())) commands.openReplay(plan, replication);
  if (!results.ranks.empty()) {
    for (const auto& [rank, share] : {std::pair<const char*, double>{i18n::kNoop("median clearance (#{1})"), 0.5},
                                      {i18n::kNoop("P95 clearance (#{1})"), 0.95},
                                      {i18n::kNoop("worst clearance (#{1})"), 1.0}}) {
      const int r = results.rankedReplication(plan, "clearance_s", share);
      if (r < 0) continue;
      ImGui::SameLine();
      if (ImGui::SmallButton(label(tf(rank, r), rank).c_str())) commands.openReplay(plan, r);
    }
  }
  if (commands.replayRunning()) ImGui::TextDisabled("%s", tr("running the replication..."));
  if (stale)
    ImGui::TextColored(ImVec4(0.7f, 0.3f, 0.0f, 1), "%s",
                       tr("The scenario has changed since the loaded batch ran: this replay runs it as it is now, "
                          "so it may differ from the batch's replication."));
  if (!error.empty()) errorText(error);
}

// Play, pause, speed, the clock's slider, bookmarks; the drill clock stops at its injects.
void ReplayPanel::timeline(ReplayPlayer& replay, DrillSession* drill, bool pauseAtInjects) {
  const double before = replay.time();
  replay.advance(ImGui::GetIO().DeltaTime);
  if (drill && pauseAtInjects && replay.playing)  // the drill clock stops at each inject, for its reading
    if (const auto at = drill->injectBetween(before, replay.time())) {
      replay.setTime(*at);
      replay.playing = false;
    }
  if (ImGui::Button(label(replay.playing ? tr("Pause") : tr("Play"), "play").c_str()) ||
      (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_SPACE))) {
    if (!replay.playing && replay.time() >= replay.horizon()) replay.setTime(0);
    replay.playing = !replay.playing;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160);
  ImGui::SliderFloat(label(tr("speed"), "speed").c_str(), &replay.speed, 1, 120, "%.0fx", ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  float t = float(replay.time());
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 330);
  if (ImGui::SliderFloat("##time", &t, 0, float(replay.horizon()), clock(t).c_str())) replay.setTime(t);
  ImGui::SameLine();
  if (ImGui::Button(label(tr("Bookmark"), "bookmark").c_str())) {
    bookmarks.push_back({replay.time(), clock(replay.time())});
    if (drill) drill->bookmark(replay.time());  // saved with the drill's observations
  }
  ImGui::SameLine();
  const Outcome& o = replay.outcome();
  ImGui::TextUnformatted(tf("plan {1}, replication {2}, seed {3}", o.plan, o.replication, o.seed).c_str());
}

// The map at the replay's moment: burning zones, roads by use, closed roads, shelters filling,
// threat zones, cohorts and teams.
void ReplayPanel::mapOfTheMoment(const Park& park, const ReplayPlayer& replay) {
  const std::set<int> burning = replay.burningZones(), closed = replay.closedRoads();
  std::vector<ImU32> fills;
  if (!burning.empty())
    for (std::size_t z = 0; z < park.zones.size(); ++z)
      fills.push_back(burning.count(int(z)) ? IM_COL32(230, 80, 20, 255) : hexColour("#ececec"));
  map.setPark(park);
  map.setEditing(false);
  map.setAddShelterMode(false);
  map.setZoneFill(std::move(fills), burning.empty() ? "" : tr("orange: burning zones"));
  // Roads by the run's peak utilisation: grey below a tenth of their capacity, then the ramp.
  std::vector<ImU32> roads;
  for (std::size_t r = 0; r < park.roads.size(); ++r) {
    const double u = r < replay.roadUtilisation().size() ? replay.roadUtilisation()[r] : 0;
    roads.push_back(u < 0.1 ? IM_COL32(141, 141, 141, 255) : rampColour(u));
  }
  map.setRoadColours(std::move(roads));
  map.setShelterOccupancy(replay.occupancy());
  const auto rings = replay.threatRings();
  const auto movers = replay.movers();
  map.setOverlay([this, &park, rings, movers, closed](ImDrawList* dl) {
    drawThreatRings(dl, map, rings);
    // Closed roads over the threat zones, so that they stay visible.
    for (int r : closed) {
      const Road& road = park.roads[std::size_t(r)];
      const float w = std::max(3.0f, float(road.width_m * map.pixelsPerMetre()));
      for (std::size_t i = 1; i < road.line.size(); ++i)
        dl->AddLine(map.toScreen(road.line[i - 1]), map.toScreen(road.line[i]), IM_COL32(200, 30, 30, 255), w);
    }
    for (const auto& m : movers) {
      const ImVec2 f = map.toScreen(m.front), tl = map.toScreen(m.tail);
      if (m.persons > 0) {
        dl->AddLine(tl, f, IM_COL32(30, 90, 200, 200), std::clamp(float(m.persons) / 15.0f, 2.0f, 6.0f));
        dl->AddCircleFilled(f, 4, IM_COL32(20, 60, 160, 255));
      } else {
        dl->AddRectFilled(ImVec2(f.x - 6, f.y - 6), ImVec2(f.x + 6, f.y + 6), IM_COL32(120, 40, 160, 255));
        dl->AddText(ImVec2(f.x + 8, f.y - 8), IM_COL32(90, 20, 130, 255), m.who.c_str());
      }
    }
  });
}

// Bookmarks, and the event log following the clock (a click jumps there).
void ReplayPanel::eventLog(ReplayPlayer& replay) {
  if (!bookmarks.empty()) {
    ImGui::TextUnformatted(tr("Bookmarks"));
    for (std::size_t i = 0; i < bookmarks.size(); ++i) {
      if (ImGui::SmallButton((bookmarks[i].second + "##b" + std::to_string(i)).c_str())) replay.setTime(bookmarks[i].first);
      ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::Separator();
  }
  const Outcome& o = replay.outcome();
  const std::size_t now = replay.eventsSoFar();
  ImGui::TextUnformatted(tf("Event log: {1} of {2} so far", now, o.events.size()).c_str());
  if (ImGui::BeginTable("events", 3, ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn(tr("time"));
    ImGui::TableSetupColumn(tr("event"));
    ImGui::TableSetupColumn(tr("detail"), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    // Only the rows in sight are laid out (and the current one, to scroll to it).
    ImGuiListClipper clipper;
    clipper.Begin(int(o.events.size()));
    if (now > 0) clipper.ForceDisplayRangeByIndices(int(now) - 1, int(now));
    while (clipper.Step())
      for (std::size_t i = std::size_t(clipper.DisplayStart); i < std::size_t(clipper.DisplayEnd); ++i) {
        const Event& e = o.events[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const bool past = i < now;
        if (!past) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.6f, 0.6f, 0.6f, 1));
        if (ImGui::Selectable((clock(e.time_s) + "##e" + std::to_string(i)).c_str(), i + 1 == now, ImGuiSelectableFlags_SpanAllColumns)) {
          replay.setTime(e.time_s);
          replay.playing = false;
        }
        if (i + 1 == now && now != logScrolledTo_) {
          ImGui::SetScrollHereY(0.5f);
          logScrolledTo_ = now;
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(eventKindShown(e.kind));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(eventSentence(e).c_str());
        if (!past) ImGui::PopStyleColor();
      }
    ImGui::EndTable();
  }
}

}  // namespace drillsim::viz
