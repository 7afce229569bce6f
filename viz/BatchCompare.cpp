// The Batch and Compare views: a Monte Carlo batch run by `drillsim batch` beside the window
// (progress on a pipe, cancel with SIGINT, resume), and its plans compared with the numbers of
// `drillsim compare` (sim/analysis/Comparison, computed beside the window on the store's rows),
// distributions drawn as ECDFs, and per-zone summaries on the map.
//
// BatchPanel and ComparePanel (viz/Panels.hpp) draw them; App starts the batch, polls the child
// processes and loads the results (LoadedResults), which the Compare and Replay panels read.
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
#include <ctime>
#include <set>
#include <unistd.h>

#include "sim/batch/ResultStore.hpp"
#include "sim/batch/ZoneSummary.hpp"
#include "sim/map/ParkMap.hpp"
#include "scenarios/I18n.hpp"
#include "viz/App.hpp"
#include "viz/Label.hpp"

namespace drillsim::viz {

namespace fs = std::filesystem;
using i18n::tf;
using i18n::tr;

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

// The zone summary's metrics to colour the map by: the probability map of AEGL-2 exposure first
// (the default), then the others in the zone_summary layer's order.
std::vector<std::string> zoneMetricChoices() {
  std::vector<std::string> names = {"p_any_over_aegl2"};
  for (const ZoneMetric& m : zoneMetrics())
    if (m.column != names.front()) names.push_back(m.column);
  return names;
}
}  // namespace

std::string defaultResultsPath(const std::string& scenarioPath) {
  const fs::path scenario(scenarioPath);
  char stamp[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
  return (scenario.parent_path() / "results" / (scenario.stem().string() + "-" + stamp + ".gpkg")).string();
}

// [SECTION] Running a batch: starting it; polling the batch, the comparison and the run
void App::startBatch() {
  if (batchRunning()) return;
  std::string plans;
  const Scenario& s = editor_.scenario();
  const BatchPanel& b = batchPanel_;
  for (std::size_t i = 0; i < s.plans.size() && i < b.plans.size(); ++i)
    if (b.plans[i]) plans += (plans.empty() ? "" : ",") + s.plans[i].id;
  if (plans.empty()) {
    batchProgress_.status = tr("Choose at least one plan.");
    return;
  }
  if (!b.resume) {
    std::error_code ec;
    fs::create_directories(fs::path(b.out).parent_path(), ec);
  }
  std::vector<std::string> argv = {drillsimCommand(), "batch", editor_.path(), "--plans", plans, "--replications",
                                   std::to_string(b.replications), "--seed", b.seed, "--jobs", std::to_string(b.jobs),
                                   "--out", b.out, "--quiet", "--progress-fd", "3", "--lang", i18n::languageCode(i18n::language())};
  if (b.resume) argv.push_back("--resume");
  batch_ = std::make_unique<ChildProcess>();
  BatchProgress& p = batchProgress_;
  p.done = p.failed = 0;
  p.total = long(b.replications) * long(std::count(b.plans.begin(), b.plans.end(), 1));
  p.rate = 0;
  p.started_s = now_s();
  p.status = batch_->start(argv, true) ? tr("running") : batch_->error();
}

void App::cancelBatch() { batch_->interrupt(); }

// The batch's progress lines, and its end: its results open in the comparison.
void App::pollBatch() {
  BatchProgress& p = batchProgress_;
  const bool ended = batch_->takeFinished();
  for (const auto& line : batch_->takeProgressLines()) {
    try {
      const auto j = nlohmann::json::parse(line);
      p.done = j.at("done");
      p.total = j.at("total");
      p.failed = j.at("failed");
      p.rate = j.at("rate");
    } catch (const std::exception&) {
    }
  }
  if (!ended) return;
  const int code = batch_->exitCode();
  if (code == 0) {
    p.status = p.failed ? tf("finished: {1} replications in {2}, {3} failed", p.done, duration(now_s() - p.started_s), p.failed)
                        : tf("finished: {1} replications in {2}", p.done, duration(now_s() - p.started_s));
    batchPanel_.resume = false;
    openResults(batchPanel_.out);
    setView(View::Compare);
  } else if (code == 130) {
    p.status = tf("cancelled: the {1} replications that finished are kept; Resume completes the batch.", p.done);
    batchPanel_.resume = true;
  } else {
    p.status = tf("failed (exit {1}): {2}", code, lastLines(batch_->err(), 6));
  }
}

void App::pollChildren() {
  if (batch_ && batch_->started()) pollBatch();
  if (compare_.valid() && compare_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    try {
      results_.comparison = compare_.get();
      results_.baseline = results_.comparison->baseline;
      results_.error.clear();
    } catch (const std::exception& e) {
      results_.error = tf("the comparison failed: {1}", e.what());
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
  LoadedResults& r = results_;
  r.path = path;
  comparePanel_.resultsOpening(path);
  r.comparison.reset();
  r.zones.clear();
  r.plans.clear();
  r.seed.reset();
  r.error.clear();
  std::vector<ReplicationRow> rows;
  try {
    const ResultStore store = ResultStore::open(path, false);
    r.plans = store.settings().plans;
    r.seed = store.settings().seed;
    r.scenarioHash = store.settings().scenarioHash;
    rows = store.rows();
    r.replications = int(rows.size());
    for (ZoneSummary& z : zoneSummaries(rows, editor_.park())) r.zones[z.plan][z.zone] = std::move(z);
    r.ranks.clear();
    for (const auto& row : rows) {
      if (row.status != "ok" || !row.metrics.is_object()) continue;
      for (const auto& [name, v] : scalarMetrics(row.metrics)) r.ranks[row.plan][name].push_back({v, row.replication});
    }
  } catch (const std::exception& e) {
    r.error = e.what();
    return;
  }
  comparePanel_.resultsRead(r.plans);
  // The comparison `drillsim compare` prints, computed beside the window on the rows just read.
  if (r.baseline.empty() || std::find(r.plans.begin(), r.plans.end(), r.baseline) == r.plans.end())
    r.baseline = r.plans.empty() ? "" : r.plans.front();
  compare_ = std::async(std::launch::async, [rows = std::move(rows), plans = r.plans, baseline = r.baseline] {
    return compareToBaseline(rows, plans, baseline, 0.05);
  });
}

void App::compareAgainst(const std::string& baseline) {
  results_.baseline = baseline;
  openResults(results_.path);
}

int LoadedResults::rankedReplication(const std::string& plan, const std::string& metric, double share) const {
  auto p = ranks.find(plan);
  if (p == ranks.end()) return -1;
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

void ComparePanel::resultsRead(const std::vector<std::string>& plans) {
  if (fillPlan.empty() || std::find(plans.begin(), plans.end(), fillPlan) == plans.end())
    fillPlan = plans.empty() ? "" : plans.front();
}

// [SECTION] The Batch view: settings, progress, earlier batches
BatchPanel::BatchPanel(const ScenarioEditor& editor) {
  scenarioOpened(editor);
  jobs = int(std::max(1L, std::min(8L, ::sysconf(_SC_NPROCESSORS_ONLN))));
}

void BatchPanel::scenarioOpened(const ScenarioEditor& editor) {
  plans.assign(editor.scenario().plans.size(), 1);
  seed = std::to_string(editor.scenario().monte_carlo.seed);
  out = defaultResultsPath(editor.path());
}

void BatchPanel::draw(const ScenarioEditor& editor, const BatchProgress& progress, const std::string& resultsPath,
                      Commands& commands) {
  plans.resize(editor.scenario().plans.size(), 1);
  ImGui::BeginChild("batch settings", ImVec2(std::min(620.0f, ImGui::GetContentRegionAvail().x), 0));
  settings(editor, commands);
  ImGui::Spacing();
  progressOrRun(editor, progress, commands);
  if (!progress.status.empty() && !commands.batchRunning()) ImGui::TextWrapped("%s", progress.status.c_str());
  ImGui::EndChild();

  ImGui::SameLine();
  earlierBatches(editor, resultsPath, commands);
}

void BatchPanel::settings(const ScenarioEditor& editor, Commands& commands) {
  const Scenario& s = editor.scenario();
  ImGui::TextWrapped("%s", tr("Monte Carlo batch: every chosen plan under the same drawn replications (common random numbers)."));
  ImGui::BeginDisabled(commands.batchRunning());
  ImGui::TextUnformatted(tr("Plans"));
  for (std::size_t i = 0; i < s.plans.size(); ++i) {
    bool on = plans[i];
    if (ImGui::Checkbox((s.plans[i].id + "  " + s.plans[i].name).c_str(), &on)) plans[i] = on;
  }
  ImGui::PushItemWidth(220);
  ImGui::InputInt(label(tr("replications per plan"), "replications").c_str(), &replications, 50, 500);
  replications = std::clamp(replications, 1, 1000000);
  ImGui::InputText(label(tr("seed"), "seed").c_str(), &seed, ImGuiInputTextFlags_CharsDecimal);
  ImGui::SliderInt(label(tr("worker processes"), "jobs").c_str(), &jobs, 1, 64);
  ImGui::PopItemWidth();
  ImGui::SetNextItemWidth(520);
  ImGui::InputText(label(tr("results file"), "out").c_str(), &out);
  if (ImGui::SmallButton(label(tr("new file name"), "newfile").c_str())) {
    out = defaultResultsPath(editor.path());
    resume = false;
  }
  ImGui::EndDisabled();
}

// While it runs, its progress and Cancel; otherwise Run (saving first), Resume or Start anew.
void BatchPanel::progressOrRun(const ScenarioEditor& editor, const BatchProgress& progress, Commands& commands) {
  if (commands.batchRunning()) {
    const double share = progress.total > 0 ? double(progress.done) / double(progress.total) : 0;
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "%ld / %ld", progress.done, progress.total);
    ImGui::ProgressBar(float(share), ImVec2(520, 0), overlay);
    const double left = progress.rate > 0 ? double(progress.total - progress.done) / progress.rate : NAN;
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.1f", progress.rate);
    ImGui::TextUnformatted((tf("{1} replications/s, {2} elapsed, about {3} left", rate, duration(now_s() - progress.started_s),
                               duration(left)) +
                            (progress.failed ? tf(", {1} failed", progress.failed) : ""))
                               .c_str());
    if (ImGui::Button(label(tr("Cancel"), "cancel").c_str())) commands.cancelBatch();
    ImGui::TextDisabled("%s", tr("Runs in `drillsim batch` beside this window; finished replications are stored as they come."));
    return;
  }
  const bool dirty = editor.dirty();
  if (dirty)
    ImGui::TextColored(ImVec4(0.7f, 0.3f, 0.0f, 1), "%s", tr("The batch runs the scenario file; its unsaved changes are saved first."));
  if (editor.problems().hasErrors())
    ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", tr("The scenario has errors (see Map & editor); a batch cannot run it."));
  ImGui::BeginDisabled(editor.problems().hasErrors());
  if (ImGui::Button(
          label(resume ? tr("Resume the batch") : dirty ? tr("Save and run the batch") : tr("Run the batch"), "run").c_str())) {
    if (dirty) commands.saveOrAsk();
    if (!editor.dirty()) commands.startBatch();
  }
  ImGui::EndDisabled();
  if (resume) {
    ImGui::SameLine();
    if (ImGui::Button(label(tr("Start anew"), "anew").c_str())) {
      resume = false;
      out = defaultResultsPath(editor.path());
    }
  }
}

// Earlier batches of this scenario, newest first, to open in the comparison.
void BatchPanel::earlierBatches(const ScenarioEditor& editor, const std::string& resultsPath, Commands& commands) {
  ImGui::BeginChild("earlier batches", ImVec2(0, 0), true);
  ImGui::TextUnformatted(tr("Batches in results/ next to the scenario (click to compare)"));
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  std::error_code ec;
  const fs::path folder = fs::path(editor.path()).parent_path() / "results";
  if (ImGui::GetFrameCount() % 60 == 0 || earlier_.empty()) {  // the folder is read once a second or so
    for (const auto& e : fs::directory_iterator(folder, ec))
      if (e.path().extension() == ".gpkg") files.push_back({e.last_write_time(ec), e.path()});
    std::sort(files.rbegin(), files.rend());
    earlier_.clear();
    for (const auto& f : files) earlier_.push_back(f.second.string());
  }
  if (earlier_.empty()) ImGui::TextDisabled("%s", tr("none yet"));
  for (const auto& path : earlier_) {
    const bool isRunning = commands.batchRunning() && fs::path(path) == fs::path(out);
    if (ImGui::Selectable((fs::path(path).filename().string() + (isRunning ? tr("  (running)") : "")).c_str(), path == resultsPath) &&
        !isRunning) {
      commands.openResults(path);
      commands.setView(View::Compare);
    }
  }
  ImGui::EndChild();
}

// [SECTION] The Compare view: tables, ECDFs, thresholds, zones on the map
namespace {
const PlanStatistics* entryOf(const Comparison& c, const std::string& metric, const std::string& plan) {
  for (const MetricComparison& m : c.metrics)
    if (m.metric == metric)
      for (const PlanStatistics& p : m.plans)
        if (p.plan == plan) return &p;
  return nullptr;
}

std::string verdictOf(const PlanStatistics& p) { return std::string(p.verdict ? stats::verdictWord(*p.verdict) : ""); }
std::string verdictShownOf(const PlanStatistics& p) { return std::string(p.verdict ? stats::verdictShown(*p.verdict) : ""); }
}  // namespace

void ComparePanel::draw(const Park& park, const LoadedResults& results, Commands& commands) {
  ImGui::SetNextItemWidth(520);
  ImGui::InputText("##results", &input);
  ImGui::SameLine();
  if (ImGui::Button(label(tr("Load results"), "load").c_str())) commands.openResults(input);
  if (!results.plans.empty()) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120);
    std::string baseline = results.baseline;
    if (wordField(label(tr("baseline"), "baseline").c_str(), baseline, results.plans)) commands.compareAgainst(baseline);
  }
  if (!results.error.empty()) errorText(results.error);
  if (commands.comparing()) ImGui::TextDisabled("%s", tr("comparing..."));
  if (!results.comparison) {
    if (results.path.empty()) ImGui::TextDisabled("%s", tr("Run a batch, or load a results file written by `drillsim batch`."));
    return;
  }
  std::vector<std::string> names;
  for (const MetricComparison& m : results.comparison->metrics) names.push_back(m.metric);
  if (std::find(names.begin(), names.end(), selectedMetric) == names.end() && !names.empty()) selectedMetric = names.front();

  const float left = ImGui::GetContentRegionAvail().x * 0.56f;
  ImGui::BeginChild("numbers", ImVec2(left, 0));
  overview(results, names);
  ecdf(results);
  detail(results);
  thresholds(results);
  ImGui::EndChild();

  ImGui::SameLine();
  ImGui::BeginGroup();
  zonesMap(park, results, commands);
  ImGui::EndGroup();
}

// Every metric's mean and interval per plan, with its difference against the baseline.
void ComparePanel::overview(const LoadedResults& results, const std::vector<std::string>& names) {
  ImGui::TextUnformatted(tf("{1}: {2} replications stored. Differences: plan minus {3}, same replications; green better, red "
                            "worse, grey: cannot tell.",
                            fs::path(results.path).filename().string(), results.replications, results.baseline)
                             .c_str());
  const int columns = 1 + int(results.plans.size());
  if (ImGui::BeginTable("overview", columns, ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit,
                        ImVec2(0, ImGui::GetContentRegionAvail().y * 0.42f))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(tr("metric (mean; difference)"));
    for (const auto& p : results.plans) ImGui::TableSetupColumn(p.c_str());
    ImGui::TableHeadersRow();
    for (const auto& name : names) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(name.c_str(), name == selectedMetric, ImGuiSelectableFlags_SpanAllColumns)) selectedMetric = name;
      for (const auto& p : results.plans) {
        ImGui::TableNextColumn();
        const PlanStatistics* e = entryOf(*results.comparison, name, p);
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

}

// The selected metric's ECDF per plan, step functions over a common axis.
void ComparePanel::ecdf(const LoadedResults& results) {
  // The selected metric: its ECDF per plan and its numbers.
  ImGui::TextUnformatted(tf("{1}: share of replications at or below a value", selectedMetric).c_str());
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 size(ImGui::GetContentRegionAvail().x - 10, 200);
  ImGui::Dummy(size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& p : results.plans)
    if (const auto* e = entryOf(*results.comparison, selectedMetric, p))
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
    for (std::size_t i = 0; i < results.plans.size(); ++i) {
      const auto* e = entryOf(*results.comparison, selectedMetric, results.plans[i]);
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
      dl->AddText(ImVec2(a.x + 8 + 60 * float(i), a.y + 4), planColour(i), results.plans[i].c_str());
    }
  }
}

// The selected metric's numbers per plan: n, mean, sd, quantiles, the difference against the baseline.
void ComparePanel::detail(const LoadedResults& results) {
  if (ImGui::BeginTable("detail", 8, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    for (const char* h : {tr("plan"), "n", tr("mean [95 % CI]"), "sd", "P50", "P90", tr("P95 [95 % CI]"), tr("vs baseline [CI]")})
      ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < results.plans.size(); ++i) {
      const auto* e = entryOf(*results.comparison, selectedMetric, results.plans[i]);
      if (!e) continue;
      const stats::Summary& m = e->summary;
      const double mean = m.mean, hw = m.halfWidth95;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(planColour(i)), "%s", results.plans[i].c_str());
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
                    std::isfinite(q.interval95.high) ? number(q.interval95.high, 1).c_str() : tr("open"));
      }
      ImGui::TableNextColumn();
      if (!e->baseline) {
        const double diff = e->vsBaseline.meanDifference, dh = e->vsBaseline.halfWidth;
        ImGui::TextColored(verdictColour(verdictOf(*e)), "%+.4g [%+.4g, %+.4g] %s", diff, diff - dh, diff + dh,
                           verdictShownOf(*e).c_str());
      } else {
        ImGui::TextDisabled("%s", tr("baseline"));
      }
    }
    ImGui::EndTable();
  }
}

void ComparePanel::thresholds(const LoadedResults& results) {
  ImGui::TextUnformatted(tr("Threshold probabilities (Wilson 95 % intervals)"));
  if (ImGui::BeginTable("thresholds", 1 + int(results.plans.size()), ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn(tr("event"));
    for (const auto& p : results.plans) ImGui::TableSetupColumn(p.c_str());
    ImGui::TableHeadersRow();
    std::vector<std::string> events;
    for (const ThresholdShare& q : results.comparison->thresholds)
      if (std::find(events.begin(), events.end(), q.event.text) == events.end()) events.push_back(q.event.text);
    for (const auto& ev : events) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(tr(ev.c_str()));
      for (const auto& p : results.plans) {
        ImGui::TableNextColumn();
        for (const ThresholdShare& q : results.comparison->thresholds)
          if (q.event.text == ev && q.plan == p)
            ImGui::Text("%.1f %% [%.1f, %.1f]", q.n ? 100.0 * double(q.hits) / double(q.n) : 0.0, 100 * q.low95, 100 * q.high95);
      }
    }
    ImGui::EndTable();
  }
}

// The map's zones coloured by a metric of one plan's zone summary, and runs of it to replay.
void ComparePanel::zonesMap(const Park& park, const LoadedResults& results, Commands& commands) {
  ImGui::SetNextItemWidth(90);
  wordField(label(tr("plan"), "fillplan").c_str(), fillPlan, results.plans);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(230);
  wordField(label(tr("zones coloured by"), "fillmetric").c_str(), fillMetric, zoneMetricChoices());
  const int median = results.rankedReplication(fillPlan, selectedMetric, 0.5), p95 = results.rankedReplication(fillPlan, selectedMetric, 0.95);
  if (median >= 0) {
    if (ImGui::SmallButton(label(tf("Replay the median run of {1} by {2}", fillPlan, selectedMetric), "replaymedian").c_str())) {
      commands.openReplay(fillPlan, median);
      commands.setView(View::Replay);
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(label(tr("the P95 run"), "replayp95").c_str())) {
      commands.openReplay(fillPlan, p95);
      commands.setView(View::Replay);
    }
  }
  map.setPark(park);
  map.setEditing(false);
  map.setAddShelterMode(false);
  map.setRoadColours({});
  map.setOverlay({});
  map.setShelterOccupancy({});
  applyFill(park, results);
  map.draw();
}

void ComparePanel::applyFill(const Park& park, const LoadedResults& results) {
  auto plan = results.zones.find(fillPlan);
  if (plan == results.zones.end()) {
    map.setZoneFill({});
    return;
  }
  const ZoneMetric* metric = zoneMetric(fillMetric);
  const auto value = [&](const ZoneSummary& z) { return metric ? z.*metric->value : NAN; };
  const bool share = metric && metric->share;  // shares on 0 to 1, means up to the largest
  double top = share ? 1.0 : 0.0;
  if (!share)
    for (const auto& [zone, summary] : plan->second)
      if (const double v = value(summary); std::isfinite(v)) top = std::max(top, v);
  std::vector<ImU32> fills;
  for (const auto& z : park.zones) {
    auto it = plan->second.find(z.id);
    const double v = it != plan->second.end() ? value(it->second) : NAN;
    fills.push_back(std::isnan(v) ? IM_COL32(225, 225, 225, 255) : v <= 0 ? IM_COL32(245, 245, 240, 255) : rampColour(top > 0 ? v / top : 0));
  }
  char topText[32];
  std::snprintf(topText, sizeof topText, "%.3g", top);
  map.setZoneFill(std::move(fills), tf("plan {1}: {2}, white 0, dark red {3}", fillPlan, fillMetric, topText));
}

}  // namespace drillsim::viz
