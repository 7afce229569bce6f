// The Batch and Compare views: a Monte Carlo batch run by `drillsim batch` beside the window
// (progress on a pipe, cancel with SIGINT, resume), and its plans compared with the numbers of
// `drillsim compare` (sim/analysis/Comparison, computed beside the window on the store's rows),
// distributions drawn as ECDFs, and per-zone summaries on the map.
//
// Index (search for "[SECTION] " and the name):
//   Small helpers; Running a batch; Results from a store; The Batch view; The Compare view.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <future>
#include <set>

#include "sim/batch/ResultStore.hpp"
#include "sim/map/ParkMap.hpp"
#include "viz/App.hpp"

namespace drillsim::viz {

namespace fs = std::filesystem;

// [SECTION] Small helpers: durations, numbers, plan colours
namespace {
double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string duration(double s) {
  char buf[32];
  if (!std::isfinite(s) || s < 0) return "-";
  const long t = std::lround(s);
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%ld h %02ld min", t / 3600, (t / 60) % 60);
  else if (t >= 60) std::snprintf(buf, sizeof buf, "%ld min %02ld s", t / 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%ld s", t);
  return buf;
}

std::string lastLines(const std::string& text, int n) {
  std::size_t at = text.size();
  for (int i = 0; i <= n && at != std::string::npos && at > 0; ++i) at = text.rfind('\n', at - 1);
  return at == std::string::npos ? text : text.substr(at + 1);
}

std::string number(double v, int digits = 1) {
  if (!std::isfinite(v)) return "-";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// Plan colours: Okabe & Ito's colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design").
ImU32 planColour(std::size_t i) {
  static const ImU32 palette[] = {IM_COL32(0, 114, 178, 255), IM_COL32(213, 94, 0, 255), IM_COL32(0, 158, 115, 255),
                                  IM_COL32(204, 121, 167, 255), IM_COL32(230, 159, 0, 255), IM_COL32(86, 180, 233, 255),
                                  IM_COL32(0, 0, 0, 255)};
  return palette[i % 7];
}

ImVec4 verdictColour(const std::string& v) {
  if (v == "better") return ImVec4(0.0f, 0.5f, 0.2f, 1);
  if (v == "worse") return ImVec4(0.75f, 0.1f, 0.1f, 1);
  return ImVec4(0.35f, 0.35f, 0.35f, 1);
}

const std::vector<std::string> kZoneMetrics = {"p_any_over_aegl2", "mean_persons_over_aegl2", "mean_expected_fatalities",
                                               "p_burnt", "mean_persons_in_fire"};
}  // namespace

// [SECTION] Running a batch: starting it; polling the batch, the comparison and the run
void App::startBatch() {
  if (batchRunning()) return;
  std::string plans;
  const Scenario& s = editor_.scenario();
  for (std::size_t i = 0; i < s.plans.size() && i < batchPlans_.size(); ++i)
    if (batchPlans_[i]) plans += (plans.empty() ? "" : ",") + s.plans[i].id;
  if (plans.empty()) {
    batchStatus_ = "Choose at least one plan.";
    return;
  }
  if (!batchResume_) {
    std::error_code ec;
    fs::create_directories(fs::path(batchOut_).parent_path(), ec);
  }
  std::vector<std::string> argv = {drillsimCommand(), "batch", editor_.path(), "--plans", plans, "--replications",
                                   std::to_string(batchReplications_), "--seed", batchSeed_, "--jobs", std::to_string(batchJobs_),
                                   "--out", batchOut_, "--quiet", "--progress-fd", "3"};
  if (batchResume_) argv.push_back("--resume");
  batch_ = std::make_unique<ChildProcess>();
  batchDone_ = batchFailed_ = 0;
  batchTotal_ = long(batchReplications_) * long(std::count(batchPlans_.begin(), batchPlans_.end(), 1));
  batchRate_ = 0;
  batchStarted_ = now_s();
  batchStatus_ = batch_->start(argv, true) ? "running" : batch_->error();
}

void App::pollChildren() {
  if (batch_ && batch_->started()) {
    const bool ended = batch_->takeFinished();
    for (const auto& line : batch_->takeProgressLines()) {
      try {
        const auto j = nlohmann::json::parse(line);
        batchDone_ = j.at("done");
        batchTotal_ = j.at("total");
        batchFailed_ = j.at("failed");
        batchRate_ = j.at("rate");
      } catch (const std::exception&) {
      }
    }
    if (ended) {
      const int code = batch_->exitCode();
      if (code == 0) {
        batchStatus_ = "finished: " + std::to_string(batchDone_) + " replications in " + duration(now_s() - batchStarted_) +
                       (batchFailed_ ? ", " + std::to_string(batchFailed_) + " failed" : "");
        batchResume_ = false;
        openResults(batchOut_);
        setView(View::Compare);
      } else if (code == 130) {
        batchStatus_ = "cancelled: the " + std::to_string(batchDone_) + " replications that finished are kept; Resume completes the batch.";
        batchResume_ = true;
      } else {
        batchStatus_ = "failed (exit " + std::to_string(code) + "): " + lastLines(batch_->err(), 6);
      }
    }
  }
  if (compare_.valid() && compare_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    try {
      comparison_ = compare_.get();
      baseline_ = comparison_->baseline;
      compareError_.clear();
    } catch (const std::exception& e) {
      compareError_ = std::string("the comparison failed: ") + e.what();
    }
  }
  if (run_ && run_->takeFinished()) {
    {
      if (run_->exitCode() == 0) {
        const LoadedScenario loaded{editor_.scenario(), editor_.park(), editor_.substances()};
        if (replay_.load(replayDir_, loaded, replayError_)) replayError_.clear();
      } else {
        replayError_ = lastLines(run_->err(), 6);
      }
    }
  }
}

// [SECTION] Results from a store: zone summaries, ranked replications, the comparison
void App::openResults(const std::string& path) {
  resultsPath_ = resultsInput_ = path;
  comparison_.reset();
  zoneSummary_.clear();
  resultPlans_.clear();
  resultsSeed_.reset();
  compareError_.clear();
  std::vector<ReplicationRow> rows;
  try {
    const ResultStore store = ResultStore::open(path, false);
    resultPlans_ = store.settings().plans;
    resultsSeed_ = store.settings().seed;
    resultsScenarioHash_ = store.settings().scenarioHash;
    rows = store.rows();
    replicationsInStore_ = int(rows.size());
    const auto layers = summaryLayers(rows, editor_.park());
    for (const auto& f : layers.first) {
      std::string plan, zone;
      std::map<std::string, double> values;
      for (const auto& [key, value] : f.attributes) {
        if (const auto* text = std::get_if<std::string>(&value)) {
          if (key == "plan") plan = *text;
          if (key == "zone") zone = *text;
        } else {
          values[key] = std::get<double>(value);
        }
      }
      zoneSummary_[plan][zone] = values;
    }
    replayRanks_.clear();
    for (const auto& r : rows) {
      if (r.status != "ok" || !r.metrics.is_object()) continue;
      for (const auto& [name, v] : scalarMetrics(r.metrics)) replayRanks_[r.plan][name].push_back({v, r.replication});
    }
  } catch (const std::exception& e) {
    compareError_ = e.what();
    return;
  }
  if (fillPlan_.empty() || std::find(resultPlans_.begin(), resultPlans_.end(), fillPlan_) == resultPlans_.end())
    fillPlan_ = resultPlans_.empty() ? "" : resultPlans_.front();
  // The comparison `drillsim compare` prints, computed beside the window on the rows just read.
  if (baseline_.empty() || std::find(resultPlans_.begin(), resultPlans_.end(), baseline_) == resultPlans_.end())
    baseline_ = resultPlans_.empty() ? "" : resultPlans_.front();
  compare_ = std::async(std::launch::async, [rows = std::move(rows), plans = resultPlans_, baseline = baseline_] {
    return compareToBaseline(rows, plans, baseline, 0.05);
  });
}

int App::rankedReplication(const std::string& plan, const std::string& metric, double share) const {
  auto p = replayRanks_.find(plan);
  if (p == replayRanks_.end()) return -1;
  auto m = p->second.find(metric);
  if (m == p->second.end() || m->second.empty()) return -1;
  std::vector<std::pair<double, int>> v;
  for (const auto& x : m->second)
    if (!std::isnan(x.first)) v.push_back(x);
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  // The replication at the type-1 quantile `share` (an actual run, not an interpolation).
  const std::size_t rank = share <= 0 ? 1 : std::size_t(std::ceil(share * double(v.size())));
  const std::size_t k = std::min(v.size(), std::max<std::size_t>(1, rank)) - 1;
  return v[k].second;
}

// [SECTION] The Batch view
void App::batchView() {
  const Scenario& s = editor_.scenario();
  batchPlans_.resize(s.plans.size(), 1);
  ImGui::BeginChild("batch settings", ImVec2(std::min(620.0f, ImGui::GetContentRegionAvail().x), 0));
  ImGui::TextWrapped("Monte Carlo batch: every chosen plan under the same drawn replications (common random numbers).");
  ImGui::BeginDisabled(batchRunning());
  ImGui::Text("Plans");
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    bool on = batchPlans_[i];
    if (ImGui::Checkbox((s.plans[i].id + "  " + s.plans[i].name).c_str(), &on)) batchPlans_[i] = on;
  }
  ImGui::PushItemWidth(220);
  ImGui::InputInt("replications per plan", &batchReplications_, 50, 500);
  batchReplications_ = std::clamp(batchReplications_, 1, 1000000);
  ImGui::InputText("seed", &batchSeed_, ImGuiInputTextFlags_CharsDecimal);
  ImGui::SliderInt("worker processes", &batchJobs_, 1, 64);
  ImGui::PopItemWidth();
  ImGui::SetNextItemWidth(520);
  ImGui::InputText("results file", &batchOut_);
  if (ImGui::SmallButton("new file name")) {
    batchOut_ = defaultResultsPath();
    batchResume_ = false;
  }
  ImGui::EndDisabled();
  ImGui::Spacing();
  if (batchRunning()) {
    const double share = batchTotal_ > 0 ? double(batchDone_) / double(batchTotal_) : 0;
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "%ld / %ld", batchDone_, batchTotal_);
    ImGui::ProgressBar(float(share), ImVec2(520, 0), overlay);
    const double left = batchRate_ > 0 ? double(batchTotal_ - batchDone_) / batchRate_ : NAN;
    ImGui::Text("%.1f replications/s, %s elapsed, about %s left%s", batchRate_, duration(now_s() - batchStarted_).c_str(),
                duration(left).c_str(), batchFailed_ ? (", " + std::to_string(batchFailed_) + " failed").c_str() : "");
    if (ImGui::Button("Cancel")) batch_->interrupt();
    ImGui::TextDisabled("Runs in `drillsim batch` beside this window; finished replications are stored as they come.");
  } else {
    const bool dirty = editor_.dirty();
    if (dirty) ImGui::TextColored(ImVec4(0.7f, 0.3f, 0.0f, 1), "The batch runs the scenario file; its unsaved changes are saved first.");
    if (editor_.problems().hasErrors())
      ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "The scenario has errors (see Map & editor); a batch cannot run it.");
    ImGui::BeginDisabled(editor_.problems().hasErrors());
    if (ImGui::Button(batchResume_ ? "Resume the batch" : dirty ? "Save and run the batch" : "Run the batch")) {
      if (dirty) saveOrAsk();
      if (!editor_.dirty()) startBatch();
    }
    ImGui::EndDisabled();
    if (batchResume_) {
      ImGui::SameLine();
      if (ImGui::Button("Start anew")) {
        batchResume_ = false;
        batchOut_ = defaultResultsPath();
      }
    }
  }
  if (!batchStatus_.empty() && !batchRunning()) ImGui::TextWrapped("%s", batchStatus_.c_str());
  ImGui::EndChild();

  // Earlier batches of this scenario, newest first, to open in the comparison.
  ImGui::SameLine();
  ImGui::BeginChild("earlier batches", ImVec2(0, 0), true);
  ImGui::TextUnformatted("Batches in results/ next to the scenario (click to compare)");
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  std::error_code ec;
  const fs::path folder = fs::path(editor_.path()).parent_path() / "results";
  if (ImGui::GetFrameCount() % 60 == 0 || earlierBatches_.empty()) {  // the folder is read once a second or so
    for (const auto& e : fs::directory_iterator(folder, ec))
      if (e.path().extension() == ".gpkg") files.push_back({e.last_write_time(ec), e.path()});
    std::sort(files.rbegin(), files.rend());
    earlierBatches_.clear();
    for (const auto& f : files) earlierBatches_.push_back(f.second.string());
  }
  if (earlierBatches_.empty()) ImGui::TextDisabled("none yet");
  for (const auto& path : earlierBatches_) {
    const bool running = batchRunning() && fs::path(path) == fs::path(batchOut_);
    if (ImGui::Selectable((fs::path(path).filename().string() + (running ? "  (running)" : "")).c_str(), path == resultsPath_) &&
        !running) {
      openResults(path);
      setView(View::Compare);
    }
  }
  ImGui::EndChild();
}

// [SECTION] The Compare view: tables, ECDFs, thresholds, zones on the map
void App::applyCompareFill() {
  auto plan = zoneSummary_.find(fillPlan_);
  if (plan == zoneSummary_.end()) {
    compareMap_.setZoneFill({});
    return;
  }
  const bool share = fillMetric_.rfind("p_", 0) == 0;
  double top = share ? 1.0 : 0.0;
  if (!share)
    for (const auto& [zone, values] : plan->second)
      if (auto it = values.find(fillMetric_); it != values.end() && std::isfinite(it->second)) top = std::max(top, it->second);
  std::vector<ImU32> fills;
  for (const auto& z : editor_.park().zones) {
    auto it = plan->second.find(z.id);
    const double v = it != plan->second.end() && it->second.count(fillMetric_) ? it->second.at(fillMetric_) : NAN;
    fills.push_back(std::isnan(v) ? IM_COL32(225, 225, 225, 255) : v <= 0 ? IM_COL32(245, 245, 240, 255) : rampColour(top > 0 ? v / top : 0));
  }
  char legend[160];
  std::snprintf(legend, sizeof legend, "plan %s: %s, white 0, dark red %.3g", fillPlan_.c_str(), fillMetric_.c_str(), top);
  compareMap_.setZoneFill(std::move(fills), legend);
}

void App::compareView() {
  ImGui::SetNextItemWidth(520);
  ImGui::InputText("##results", &resultsInput_);
  ImGui::SameLine();
  if (ImGui::Button("Load results")) openResults(resultsInput_);
  if (!resultPlans_.empty()) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120);
    if (wordField("baseline", baseline_, resultPlans_)) openResults(resultsPath_);
  }
  if (!compareError_.empty()) errorText(compareError_);
  if (compare_.valid()) ImGui::TextDisabled("comparing...");
  if (!comparison_) {
    if (resultsPath_.empty()) ImGui::TextDisabled("Run a batch, or load a results file written by `drillsim batch`.");
    return;
  }
  std::vector<std::string> names;
  for (const MetricComparison& m : comparison_->metrics) names.push_back(m.metric);
  if (std::find(names.begin(), names.end(), selectedMetric_) == names.end() && !names.empty()) selectedMetric_ = names.front();
  auto entry = [&](const std::string& metric, const std::string& plan) -> const PlanStatistics* {
    for (const MetricComparison& m : comparison_->metrics)
      if (m.metric == metric)
        for (const PlanStatistics& p : m.plans)
          if (p.plan == plan) return &p;
    return nullptr;
  };
  auto verdictOf = [](const PlanStatistics& p) { return std::string(p.verdict ? stats::verdictWord(*p.verdict) : ""); };

  const float left = ImGui::GetContentRegionAvail().x * 0.56f;
  ImGui::BeginChild("numbers", ImVec2(left, 0));
  ImGui::Text("%s: %d replications stored. Differences: plan minus %s, same replications; green better, red worse, grey: cannot tell.",
              fs::path(resultsPath_).filename().c_str(), replicationsInStore_, baseline_.c_str());
  const int columns = 1 + int(resultPlans_.size());
  if (ImGui::BeginTable("overview", columns, ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit,
                        ImVec2(0, ImGui::GetContentRegionAvail().y * 0.42f))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("metric (mean; difference)");
    for (const auto& p : resultPlans_) ImGui::TableSetupColumn(p.c_str());
    ImGui::TableHeadersRow();
    for (const auto& name : names) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(name.c_str(), name == selectedMetric_, ImGuiSelectableFlags_SpanAllColumns)) selectedMetric_ = name;
      for (const auto& p : resultPlans_) {
        ImGui::TableNextColumn();
        const PlanStatistics* e = entry(name, p);
        if (!e) continue;
        const int digits = std::abs(e->summary.mean) >= 100 ? 0 : 2;
        ImGui::Text("%s ±%s", number(e->summary.mean, digits).c_str(), number(e->summary.halfWidth95, digits).c_str());
        if (!e->baseline) {
          ImGui::SameLine();
          ImGui::TextColored(verdictColour(verdictOf(*e)), "%+.*f", digits, e->vsBaseline.meanDifference);
        }
      }
    }
    ImGui::EndTable();
  }

  // The selected metric: its ECDF per plan and its numbers.
  ImGui::Text("%s: share of replications at or below a value", selectedMetric_.c_str());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 size(ImGui::GetContentRegionAvail().x - 10, 200);
  ImGui::Dummy(size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& p : resultPlans_)
    if (const auto* e = entry(selectedMetric_, p))
      for (const auto& [x, share] : e->ecdf) {
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
  const float padL = 50, padB = 22;
  const ImVec2 a(origin.x + padL, origin.y + 4), b(origin.x + size.x, origin.y + size.y - padB);
  dl->AddRect(a, b, IM_COL32(150, 150, 150, 255));
  if (std::isfinite(lo)) {
    if (hi <= lo) hi = lo + 1;
    auto X = [&](double x) { return a.x + float((x - lo) / (hi - lo)) * (b.x - a.x); };
    auto Y = [&](double y) { return b.y - float(y) * (b.y - a.y); };
    for (double y : {0.0, 0.5, 0.9, 1.0}) {
      dl->AddLine(ImVec2(a.x, Y(y)), ImVec2(b.x, Y(y)), IM_COL32(225, 225, 225, 255));
      char t[16];
      std::snprintf(t, sizeof t, "%.1f", y);
      dl->AddText(ImVec2(origin.x + 18, Y(y) - 7), IM_COL32(90, 90, 90, 255), t);
    }
    for (int k = 0; k <= 4; ++k) {
      const double x = lo + (hi - lo) * k / 4;
      char t[32];
      std::snprintf(t, sizeof t, "%.4g", x);
      const float w = ImGui::CalcTextSize(t).x;
      dl->AddText(ImVec2(std::clamp(X(x) - w / 2, a.x, b.x - w), b.y + 3), IM_COL32(90, 90, 90, 255), t);
    }
    for (std::size_t i = 0; i < resultPlans_.size(); ++i) {
      const auto* e = entry(selectedMetric_, resultPlans_[i]);
      if (!e) continue;
      std::vector<ImVec2> pts;
      double prev = 0;
      for (const auto& [x, y] : e->ecdf) {  // a step function
        pts.push_back(ImVec2(X(x), Y(prev)));
        pts.push_back(ImVec2(X(x), Y(y)));
        prev = y;
      }
      if (!pts.empty()) pts.push_back(ImVec2(b.x, pts.back().y));
      dl->AddPolyline(pts.data(), int(pts.size()), planColour(i), 0, 2.0f);
      dl->AddText(ImVec2(a.x + 8 + 60 * float(i), a.y + 4), planColour(i), resultPlans_[i].c_str());
    }
  }
  if (ImGui::BeginTable("detail", 8, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    for (const char* h : {"plan", "n", "mean [95 % CI]", "sd", "P50", "P90", "P95 [95 % CI]", "vs baseline [CI]"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < resultPlans_.size(); ++i) {
      const auto* e = entry(selectedMetric_, resultPlans_[i]);
      if (!e) continue;
      const stats::Summary& m = e->summary;
      const double mean = m.mean, hw = m.halfWidth95;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(planColour(i)), "%s", resultPlans_[i].c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%ld", m.n);
      ImGui::TableNextColumn();
      ImGui::Text("%.4g [%.4g, %.4g]", mean, mean - hw, mean + hw);
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", m.sd);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(m.quantiles.size() > 0 ? number(m.quantiles[0].value, 1).c_str() : "-");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(m.quantiles.size() > 1 ? number(m.quantiles[1].value, 1).c_str() : "-");
      ImGui::TableNextColumn();
      if (m.quantiles.size() > 2) {
        const auto& q = m.quantiles[2];
        ImGui::Text("%s [%s, %s]", number(q.value, 1).c_str(),
                    std::isfinite(q.interval95.low) ? number(q.interval95.low, 1).c_str() : "-∞",
                    std::isfinite(q.interval95.high) ? number(q.interval95.high, 1).c_str() : "open");
      }
      ImGui::TableNextColumn();
      if (!e->baseline) {
        const double diff = e->vsBaseline.meanDifference, dh = e->vsBaseline.halfWidth;
        ImGui::TextColored(verdictColour(verdictOf(*e)), "%+.4g [%+.4g, %+.4g] %s", diff, diff - dh, diff + dh,
                           verdictOf(*e).c_str());
      } else {
        ImGui::TextDisabled("baseline");
      }
    }
    ImGui::EndTable();
  }
  ImGui::Text("Threshold probabilities (Wilson 95 %% intervals)");
  if (ImGui::BeginTable("thresholds", 1 + int(resultPlans_.size()), ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("event");
    for (const auto& p : resultPlans_) ImGui::TableSetupColumn(p.c_str());
    ImGui::TableHeadersRow();
    std::vector<std::string> events;
    for (const ThresholdShare& q : comparison_->thresholds)
      if (std::find(events.begin(), events.end(), q.event.text) == events.end()) events.push_back(q.event.text);
    for (const auto& ev : events) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ev.c_str());
      for (const auto& p : resultPlans_) {
        ImGui::TableNextColumn();
        for (const ThresholdShare& q : comparison_->thresholds)
          if (q.event.text == ev && q.plan == p)
            ImGui::Text("%.1f %% [%.1f, %.1f]", q.n ? 100.0 * double(q.hits) / double(q.n) : 0.0, 100 * q.low95, 100 * q.high95);
      }
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::SetNextItemWidth(90);
  wordField("plan##fill", fillPlan_, resultPlans_);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(230);
  wordField("zones coloured by", fillMetric_, kZoneMetrics);
  const int median = rankedReplication(fillPlan_, selectedMetric_, 0.5), p95 = rankedReplication(fillPlan_, selectedMetric_, 0.95);
  if (median >= 0) {
    if (ImGui::SmallButton(("Replay the median run of " + fillPlan_ + " by " + selectedMetric_).c_str())) {
      openReplay(fillPlan_, median);
      setView(View::Replay);
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("the P95 run")) {
      openReplay(fillPlan_, p95);
      setView(View::Replay);
    }
  }
  compareMap_.setPark(editor_.park());
  compareMap_.setEditing(false);
  compareMap_.setAddShelterMode(false);
  compareMap_.setRoadColours({});
  compareMap_.setOverlay({});
  compareMap_.setShelterOccupancy({});
  applyCompareFill();
  compareMap_.draw();
  ImGui::EndGroup();
}

}  // namespace drillsim::viz
