// The drill clock, beside the replay: the injects due now with what the controller reads out and
// the action expected, the next one, the contingency injects, and the trainer's observations, each
// saved at once (viz/Drill.hpp). DrillPanel (viz/Panels.hpp) draws it; App opens the drill and
// records what its buttons deliver and observe.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cmath>

#include "scenarios/I18n.hpp"
#include "sim/batch/ResultStore.hpp"
#include "viz/App.hpp"
#include "viz/Label.hpp"

namespace drillsim::viz {

namespace {
using i18n::tf;
using i18n::tr;

std::string windowText(const std::optional<Window>& w) {
  if (!w) return "-";
  return drillClock(w->p50_s) + " / " + drillClock(w->p90_s) + " (P50 / P90)";
}

/// One inject as the controller reads it: number, time, from -> to by method, then the text.
void injectCard(const Inject& i) {
  ImGui::Text("%d%s  %s  %s -> %s (%s)", i.number, i.contingency ? "C" : "", drillClock(i.time_s).c_str(), i.from.c_str(),
              i.to.c_str(), i.method.c_str());
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(ImVec4(0.10f, 0.10f, 0.10f, 1), "%s", tf("Read out: {1}", i.synopsis).c_str());
  ImGui::TextColored(ImVec4(0.15f, 0.30f, 0.55f, 1), "%s", tf("Expected: {1}  [{2}]", i.action, i.objective).c_str());
  ImGui::TextDisabled("%s", (i.window ? tf("Window: {1}", windowText(i.window))
                                      : i.arises ? tf("Arises: {1} in {2} of runs", windowText(i.arises),
                                                      std::to_string(std::lround(100 * i.arises->share())) + " %")
                                                 : tf("Window: {1}", "-"))
                                .c_str());
  ImGui::PopTextWrapPos();
}
}  // namespace

bool App::openDrill(const std::string& dir, std::string& error) {
  auto session = std::make_unique<DrillSession>();
  if (!session->load(dir, error)) return false;
  if (!editor_.scenario().plan(session->script().plan)) {
    error = dir + "/drill.json: " + tf("plan {1} is not in the scenario {2}", session->script().plan, editor_.path());
    return false;
  }
  drill_ = std::move(session);
  ++drillRecords_;
  setView(View::Replay);
  openReplay(drill_->script().plan, int(drill_->header().replication));
  replay_.speed = 10;
  for (double t : drill_->log().bookmarks) replayPanel_.bookmarks.push_back({t, drillClock(t)});  // after openReplay clears them
  return true;
}

void App::deliverDueInjects() {
  if (!drill_) return;
  for (const Inject* i : drill_->due(replay_.time())) drill_->deliver(i->number, replay_.time());
  ++drillRecords_;
}

void App::recordObservation(const std::string& text, const std::string& task) {
  if (!drill_ || (text.empty() && task.empty())) return;
  int inject = 0;  // the last inject delivered by now
  double at = -1;
  for (const auto& [number, t] : drill_->log().delivered)
    if (t <= replay_.time() && t >= at) {
      inject = number;
      at = t;
    }
  drill_->observe({replay_.time(), task, inject, text});
  ++drillRecords_;
}

void App::deliverInject(int number, double at_s) {
  drill_->deliver(number, at_s);
  ++drillRecords_;
}

void DrillPanel::draw(const DrillSession& d, ReplayPlayer& replay, const std::string& scenarioPath, Commands& commands) {
  const double now = replay.time();
  clock(d, replay, scenarioPath);
  dueNow(d, now, commands);
  observations(d, commands);
  contingencies(d, now, commands);
}

// The drill, warnings when the scenario or the run is not the drill's, the clock's speed.
void DrillPanel::clock(const DrillSession& d, ReplayPlayer& replay, const std::string& scenarioPath) {
  const double now = replay.time();
  ImGui::TextUnformatted(d.header().name.c_str());
  ImGui::TextDisabled("%s", tf("{1}; plan {2}; injects from replication {3} ({4})", shownWord(d.script().kind),
                               d.script().plan, d.header().replication, d.header().representative)
                                .c_str());
  const Outcome& shown = replay.outcome();
  if (!d.header().scenarioHash.empty() && d.header().scenarioHash != fileHash(scenarioPath))
    ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s",
                       tr("This scenario file is not the one the drill was written from (its hash differs): "
                          "the replay and the windows may not match."));
  if (shown.plan != d.script().plan || shown.replication != d.header().replication || shown.seed != d.header().seed)
    ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s",
                       tf("The replay shows another run than the drill's (plan {1}, replication {2}).", d.script().plan,
                          d.header().replication)
                           .c_str());
  if (ImGui::SmallButton(label(tr("Real time"), "realtime").c_str())) replay.speed = 1;
  ImGui::SameLine();
  if (ImGui::SmallButton("x10")) replay.speed = 10;
  ImGui::SameLine();
  ImGui::Checkbox(label(tr("stop at each inject"), "stop").c_str(), &pause);
  ImGui::SameLine();
  ImGui::TextUnformatted(tf("drill clock {1}, {2}x", drillClock(now), std::to_string(std::lround(replay.speed))).c_str());
  ImGui::Separator();
}

// Due now, in a box of fixed height so that the controls below stay where they are; delivered
// with one button, the time recorded.
void DrillPanel::dueNow(const DrillSession& d, double now, Commands& commands) {
  const auto due = d.due(now);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, due.empty() ? ImVec4(0.96f, 0.96f, 0.94f, 1) : ImVec4(1.0f, 0.93f, 0.70f, 1));
  ImGui::BeginChild("due", ImVec2(0, std::max(150.0f, ImGui::GetContentRegionAvail().y * 0.45f)), true);
  if (due.empty()) {
    if (const Inject* n = d.next(now))
      ImGui::TextDisabled("%s", tf("Next: inject {1} at {2}, in {3}", n->number, drillClock(n->time_s),
                                   drillClock(n->time_s - now).substr(2))
                                    .c_str());
    else
      ImGui::TextDisabled("%s", tr("No more scheduled injects."));
  } else {
    ImGui::TextUnformatted(i18n::tnf("Due now: {1} inject", "Due now: {1} injects", long(due.size()), due.size()).c_str());
    for (const Inject* i : due) {
      ImGui::Separator();
      injectCard(*i);
    }
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::BeginDisabled(due.empty());
  if (ImGui::Button(label(tr("Delivered"), "delivered").c_str())) commands.deliverDueInjects();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("%s", due.empty() ? tr("nothing due") : tf("records the delivery at {1}", drillClock(now)).c_str());
}

// An observation (a note, or a task of the evaluation guide achieved now), and the last ones.
void DrillPanel::observations(const DrillSession& d, Commands& commands) {
  ImGui::Separator();
  ImGui::TextUnformatted(tr("Observation"));
  ImGui::InputTextMultiline("##note", &note, ImVec2(-1, 48));
  std::vector<const Task*> tasks;
  for (const Objective& o : d.script().objectives)
    for (const Task& t : o.tasks) tasks.push_back(&t);
  task = std::clamp(task, 0, int(tasks.size()));
  ImGui::SetNextItemWidth(-110);
  if (ImGui::BeginCombo(label(tr("achieved now"), "achieved").c_str(),
                        task == 0 ? tr("(a note only)") : tasks[std::size_t(task - 1)]->text.c_str())) {
    if (ImGui::Selectable(label(tr("(a note only)"), "note").c_str(), task == 0)) task = 0;
    for (std::size_t k = 0; k < tasks.size(); ++k)
      if (ImGui::Selectable((tasks[k]->text + "  (P90 " + drillClock(tasks[k]->window.p90_s) + ")##t" + std::to_string(k)).c_str(),
                            task == int(k + 1)))
        task = int(k + 1);
    ImGui::EndCombo();
  }
  if (ImGui::Button(label(tr("Record"), "record").c_str())) {
    commands.recordObservation(note, task == 0 ? "" : tasks[std::size_t(task - 1)]->milestone);
    note.clear();
    task = 0;
  }
  ImGui::SameLine();
  if (d.saveError().empty())
    ImGui::TextDisabled("%s", tf("{1} recorded; saved to {2}", d.log().observations.size(), d.dir() + "/observations.json").c_str());
  else
    ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", tf("NOT SAVED: {1}", d.saveError()).c_str());
  const auto& obs = d.log().observations;
  for (std::size_t k = obs.size(); k-- > 0 && k + 4 >= obs.size();) {
    std::string achieved;
    for (const Task* t : tasks)
      if (t->milestone == obs[k].task) achieved = tf("[{1} achieved] ", t->text);
    ImGui::BulletText("%s %s%s", drillClock(obs[k].time_s).c_str(), achieved.c_str(), obs[k].text.c_str());
  }
}

// Contingency injects: delivered when play reaches them.
void DrillPanel::contingencies(const DrillSession& d, double now, Commands& commands) {
  const auto injects = d.contingencies();
  if (!injects.empty() &&
      ImGui::CollapsingHeader(label(tf("Contingency injects ({1})", injects.size()), "contingencies").c_str())) {
    for (const Inject* i : injects) {
      ImGui::PushID(i->number);
      injectCard(*i);
      if (ImGui::SmallButton(label(tr("Deliver now"), "delivernow").c_str())) commands.deliverInject(i->number, now);
      ImGui::PopID();
      ImGui::Separator();
    }
  }
}

}  // namespace drillsim::viz
