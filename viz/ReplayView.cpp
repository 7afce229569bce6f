// The Replay view: one replication on a timeline, for trainers' debriefs. Cohorts walk their routes,
// teams drive, the threat zones grow and shrink, zones burn, roads close, shelters fill, and the
// event log follows the clock (click an event to jump to it; bookmarks keep moments to return to).
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unistd.h>

#include "sim/batch/ResultStore.hpp"
#include "sim/analysis/DrillDocument.hpp"
#include "viz/App.hpp"

namespace drillsim::viz {

namespace fs = std::filesystem;

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
  replayPlan_ = plan;
  replayReplication_ = replication;
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
                                                    : resultsSeed_.value_or(editor_.scenario().monte_carlo.seed));
  replayStale_ = resultsSeed_ && !resultsScenarioHash_.empty() && fileHash(editor_.path()) != resultsScenarioHash_;
  run_ = std::make_unique<ChildProcess>();
  if (!run_->start({drillsimCommand(), "run", editor_.path(), "--plan", plan, "--replication", std::to_string(replication),
                    "--seed", seed, "--out", replayDir_},
                   false))
    replayError_ = run_->error();
  bookmarks_.clear();
}

void App::replayView() {
  const Scenario& s = editor_.scenario();
  if (replayPlan_.empty() && !s.plans.empty()) replayPlan_ = s.plans.front().id;
  ImGui::SetNextItemWidth(100);
  if (ImGui::BeginCombo("plan", replayPlan_.c_str())) {
    for (const auto& p : s.plans)
      if (ImGui::Selectable((p.id + "  " + p.name).c_str(), p.id == replayPlan_)) replayPlan_ = p.id;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110);
  ImGui::InputInt("replication", &replayReplication_);
  replayReplication_ = std::max(0, replayReplication_);
  ImGui::SameLine();
  if (ImGui::Button("Run and replay")) openReplay(replayPlan_, replayReplication_);
  if (!replayRanks_.empty()) {
    for (const auto& [label, share] : {std::pair<const char*, double>{"median", 0.5}, {"P95", 0.95}, {"worst", 1.0}}) {
      const int r = rankedReplication(replayPlan_, "clearance_s", share);
      if (r < 0) continue;
      ImGui::SameLine();
      if (ImGui::SmallButton((std::string(label) + " clearance (#" + std::to_string(r) + ")").c_str())) openReplay(replayPlan_, r);
    }
  }
  if (run_ && run_->running()) ImGui::TextDisabled("running the replication...");
  if (replayStale_)
    ImGui::TextColored(ImVec4(0.7f, 0.3f, 0.0f, 1),
                       "The scenario has changed since the loaded batch ran: this replay runs it as it is now, "
                       "so it may differ from the batch's replication.");
  if (!replayError_.empty()) errorText(replayError_);
  if (!replay_.loaded()) {
    ImGui::TextDisabled("Choose a plan and a replication (or the median or P95 run of a batch) and run it.");
    return;
  }

  // Timeline.
  const Outcome& o = replay_.outcome();
  const double before = replay_.time();
  replay_.advance(ImGui::GetIO().DeltaTime);
  if (drill_ && drillPause_ && replay_.playing)  // the drill clock stops at each inject, for its reading
    if (const auto at = drill_->injectBetween(before, replay_.time())) {
      replay_.setTime(*at);
      replay_.playing = false;
    }
  if (ImGui::Button(replay_.playing ? "Pause" : "Play") ||
      (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_SPACE))) {
    if (!replay_.playing && replay_.time() >= replay_.horizon()) replay_.setTime(0);
    replay_.playing = !replay_.playing;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160);
  ImGui::SliderFloat("speed", &replay_.speed, 1, 120, "%.0fx", ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  float t = float(replay_.time());
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - 330);
  if (ImGui::SliderFloat("##time", &t, 0, float(replay_.horizon()), clock(t).c_str())) replay_.setTime(t);
  ImGui::SameLine();
  if (ImGui::Button("Bookmark")) {
    bookmarks_.push_back({replay_.time(), clock(replay_.time())});
    if (drill_) drill_->bookmark(replay_.time());  // saved with the drill's observations
  }
  ImGui::SameLine();
  ImGui::Text("plan %s, replication %d, seed %llu", o.plan.c_str(), int(o.replication), (unsigned long long)o.seed);

  // Map with the moment's state.
  const std::set<int> burning = replay_.burningZones(), closed = replay_.closedRoads();
  std::vector<ImU32> fills;
  if (!burning.empty())
    for (std::size_t z = 0; z < editor_.park().zones.size(); ++z)
      fills.push_back(burning.count(int(z)) ? IM_COL32(230, 80, 20, 255) : hexColour("#ececec"));
  replayMap_.setPark(editor_.park());
  replayMap_.setEditing(false);
  replayMap_.setAddShelterMode(false);
  replayMap_.setZoneFill(std::move(fills), burning.empty() ? "" : "orange: burning zones");
  // Roads by the run's peak utilisation: grey below a tenth of their capacity, then the ramp.
  std::vector<ImU32> roads;
  for (std::size_t r = 0; r < editor_.park().roads.size(); ++r) {
    const double u = r < replay_.roadUtilisation().size() ? replay_.roadUtilisation()[r] : 0;
    roads.push_back(u < 0.1 ? IM_COL32(141, 141, 141, 255) : rampColour(u));
  }
  replayMap_.setRoadColours(std::move(roads));
  replayMap_.setShelterOccupancy(replay_.occupancy());
  const auto rings = replay_.threatRings();
  const auto movers = replay_.movers();
  replayMap_.setOverlay([this, rings, movers, closed](ImDrawList* dl) {
    drawThreatRings(dl, replayMap_, rings);
    // Closed roads over the threat zones, so that they stay visible.
    for (int r : closed) {
      const Road& road = editor_.park().roads[std::size_t(r)];
      const float w = std::max(3.0f, float(road.width_m * replayMap_.pixelsPerMetre()));
      for (std::size_t i = 1; i < road.line.size(); ++i)
        dl->AddLine(replayMap_.toScreen(road.line[i - 1]), replayMap_.toScreen(road.line[i]), IM_COL32(200, 30, 30, 255), w);
    }
    for (const auto& m : movers) {
      const ImVec2 f = replayMap_.toScreen(m.front), tl = replayMap_.toScreen(m.tail);
      if (m.persons > 0) {
        dl->AddLine(tl, f, IM_COL32(30, 90, 200, 200), std::clamp(float(m.persons) / 15.0f, 2.0f, 6.0f));
        dl->AddCircleFilled(f, 4, IM_COL32(20, 60, 160, 255));
      } else {
        dl->AddRectFilled(ImVec2(f.x - 6, f.y - 6), ImVec2(f.x + 6, f.y + 6), IM_COL32(120, 40, 160, 255));
        dl->AddText(ImVec2(f.x + 8, f.y - 8), IM_COL32(90, 20, 130, 255), m.who.c_str());
      }
    }
  });
  const float logWidth = drill_ ? std::min(640.0f, ImGui::GetContentRegionAvail().x * 0.46f)
                                : std::min(520.0f, ImGui::GetContentRegionAvail().x * 0.38f);
  ImGui::BeginChild("replay map", ImVec2(ImGui::GetContentRegionAvail().x - logWidth, 0));
  ImGui::TextDisabled("blue lines: cohorts walking (front dot); purple squares: teams; orange/red outlines: AEGL-2/3 threat zones; red roads: closed; roads yellow to dark red: the run's peak use of their capacity");
  replayMap_.draw();
  ImGui::EndChild();
  ImGui::SameLine();

  // The drill's panel above the event log.
  if (drill_) {
    ImGui::BeginGroup();
    ImGui::BeginChild("drill", ImVec2(logWidth, ImGui::GetContentRegionAvail().y * 0.62f), true);
    drillPanel();
    ImGui::EndChild();
  }
  // Event log in step with the clock.
  ImGui::BeginChild("log", ImVec2(drill_ ? logWidth : 0, 0), true);
  if (!bookmarks_.empty()) {
    ImGui::TextUnformatted("Bookmarks");
    for (std::size_t i = 0; i < bookmarks_.size(); ++i) {
      if (ImGui::SmallButton((bookmarks_[i].second + "##b" + std::to_string(i)).c_str())) replay_.setTime(bookmarks_[i].first);
      ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::Separator();
  }
  const std::size_t now = replay_.eventsSoFar();
  ImGui::Text("Event log: %zu of %zu so far", now, o.events.size());
  if (ImGui::BeginTable("events", 3, ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("time");
    ImGui::TableSetupColumn("event");
    ImGui::TableSetupColumn("detail", ImGuiTableColumnFlags_WidthStretch);
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
          replay_.setTime(e.time_s);
          replay_.playing = false;
        }
        if (i + 1 == now && now != logScrolledTo_) {
          ImGui::SetScrollHereY(0.5f);
          logScrolledTo_ = now;
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(eventKindName(e.kind));
        ImGui::TableNextColumn();
        ImGui::Text("%s %s", e.entity.c_str(), eventDetail(e).c_str());
        if (!past) ImGui::PopStyleColor();
      }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  if (drill_) ImGui::EndGroup();
}

}  // namespace drillsim::viz
