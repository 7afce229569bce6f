// drillsim-gui: the planner's desk (DESIGN.md section 8). With --screenshot it renders a view
// without a person (under Xvfb), waiting for what the view loads in the background, and saves a PNG.
// main: the options, the window and ImGui, what the options open, then the frame loop.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenarios/I18n.hpp"
#include "viz/App.hpp"
#include "viz/Fonts.hpp"
#include "viz/Screenshot.hpp"

namespace {
const char* kUsage =
    "Usage: drillsim-gui SCENARIO.yaml [options]\n\n"
    "The planner's desk: the park map and the scenario's editor, Monte Carlo batches, plan\n"
    "comparison and replay. Mouse: drag to pan (or to move a shelter), wheel to zoom, F to fit.\n"
    "Keys: Ctrl+S save, Ctrl+Z undo, Ctrl+Y redo, Ctrl+Q quit, Space play/pause in the replay.\n\n"
    "Options:\n"
    "  --view V              editor (also: map), batch, compare or replay (default editor)\n"
    "  --results FILE.gpkg   open a batch's results in the comparison\n"
    "  --plan ID             plan to replay (default the first)\n"
    "  --replication R       replication to replay: a number, or median, p95 or worst by clearance\n"
    "                        time (these need --results)\n"
    "  --time T              replay clock [s] (default 0)\n"
    "  --drill DIR           play the drill `drillsim drill --out DIR` wrote: its run in the replay with\n"
    "                        the drill clock (injects due, delivered, observations saved to DIR)\n"
    "  --select ID           select a feature (zone, shelter, station, source) in the editor, or\n"
    "                        'weather' for the weather form, plan:ID for a plan's form, or\n"
    "                        hazard:ID for a hazard's form\n"
    "  --zones-by-persons    colour the editor's zones by their persons instead of their kind\n"
    "  --threat-draw R       show in the editor the steady threat zones under the weather and release\n"
    "                        rates of replication R\n"
    "  --run-batch N         start a batch of N replications per plan at once (the Batch view)\n"
    "  --screenshot FILE.png draw the view, save it as a PNG and exit (run under xvfb-run without a display)\n"
    "  --size WxH            window size (default 1400x900)\n"
    "  --lang zh|en          the desk's language (default: the locale's, LANG=zh_CN.UTF-8 for Chinese)\n"
    "  --frames N            draw N frames as fast as possible, print their mean and worst time, exit\n\n"
    "Exit codes: 0 done, 2 the scenario cannot be opened, 64 bad command line, 70 no OpenGL window\n"
    "could be opened, 73 the picture cannot be written.\n";

// ImGui 1.86 reads keys as they are at each frame, so a press and release that both fall between
// two slow frames (software rendering) is lost; as its GLFW backend does for mouse clicks, keys
// pressed since the last frame are held down for one frame.
// The modifiers are those held when the key went down.
std::vector<std::pair<int, int>> pressedSinceLastFrame;  // key, modifiers
void keyCallback(GLFWwindow* window, int key, int scancode, int action, int mods) {
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
  if (action == GLFW_PRESS && key >= 0 && key < 512) pressedSinceLastFrame.push_back({key, mods});
}

void glfwError(int code, const char* text) { std::fprintf(stderr, "drillsim-gui: GLFW error %d: %s\n", code, text); }

[[noreturn]] void usage(const std::string& message) {
  std::fprintf(stderr, "drillsim-gui: %s\n%s", message.c_str(), kUsage);
  std::exit(64);
}

// The index of the entry with this id (a plan or a hazard of the scenario, for --select WHAT:ID).
template <class Entries>
std::size_t indexOf(const Entries& entries, const std::string& id, const char* what) {
  std::size_t i = 0;
  while (i < entries.size() && entries[i].id != id) ++i;
  if (i == entries.size()) usage(std::string("--select: no ") + what + " '" + id + "' in the scenario");
  return i;
}

// What the command line asks for.
struct Options {
  std::string scenarioPath, screenshot, view = "editor", results, plan, replication, select, drill;
  int width = 1400, height = 900, benchmarkFrames = 0, runBatch = 0, threatDraw = -1;
  bool zonesByPersons = false;
  double time_s = 0;
  bool headless() const { return !screenshot.empty() || benchmarkFrames > 0; }
  bool rankedReplication() const { return replication == "median" || replication == "p95" || replication == "worst"; }
};

// The options, or the usage and exit 64 (exit 0 after --help).
Options parseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    auto count = [&](int lo, int hi) {
      const std::string v = next();
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < lo || n > hi) usage(a + ": expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", found '" + v + "'");
      return int(n);
    };
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else if (a == "--screenshot") {
      o.screenshot = next();
    } else if (a == "--frames") {
      o.benchmarkFrames = count(1, 100000);
    } else if (a == "--threat-draw") {
      o.threatDraw = count(0, 1000000000);
    } else if (a == "--zones-by-persons") {
      o.zonesByPersons = true;
    } else if (a == "--run-batch") {
      o.runBatch = count(1, 1000000);
    } else if (a == "--view") {
      o.view = next();
      if (o.view == "map") o.view = "editor";
      if (o.view != "editor" && o.view != "batch" && o.view != "compare" && o.view != "replay")
        usage("--view: expected editor, map, batch, compare or replay, found '" + o.view + "'");
    } else if (a == "--results") {
      o.results = next();
    } else if (a == "--drill") {
      o.drill = next();
    } else if (a == "--plan") {
      o.plan = next();
    } else if (a == "--replication") {
      o.replication = next();
    } else if (a == "--select") {
      o.select = next();
    } else if (a == "--time") {
      const std::string v = next();
      char* end = nullptr;
      o.time_s = std::strtod(v.c_str(), &end);
      if (v.empty() || *end || o.time_s < 0) usage("--time: expected seconds >= 0, found '" + v + "'");
    } else if (a == "--lang") {
      drillsim::i18n::Language l{};
      const std::string v = next();
      if (!drillsim::i18n::parseLanguage(v, l)) usage("--lang: expected zh or en, found '" + v + "'");
      drillsim::i18n::setLanguage(l);
    } else if (a == "--size") {
      if (std::sscanf(next().c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 200 || o.height < 200 || o.width > 8000 ||
          o.height > 8000)
        usage("--size: expected WxH, e.g. 1400x900");
    } else if (!a.empty() && a[0] == '-') {
      usage("unknown option " + a);
    } else if (o.scenarioPath.empty()) {
      o.scenarioPath = a;
    } else {
      usage("expected one scenario file");
    }
  }
  if (o.scenarioPath.empty()) usage("expected a scenario file");
  const bool ranked = o.rankedReplication();
  if (ranked && o.results.empty()) usage("--replication " + o.replication + " needs --results");
  if (!o.replication.empty() && !ranked && o.replication.find_first_not_of("0123456789") != std::string::npos)
    usage("--replication: expected a number, median, p95 or worst, found '" + o.replication + "'");
  return o;
}

// The window with an OpenGL 3 context, or null (GLFW terminated).
GLFWwindow* openWindow(const Options& o, const std::string& title) {
  glfwSetErrorCallback(glfwError);
  if (!glfwInit()) return nullptr;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(o.width, o.height, title.c_str(), nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(o.headless() ? 0 : 1);
  return window;
}

// ImGui's context, no imgui.ini, and the light style with visible fields.
void createImGui() {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini next to the user's files
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.Colors[ImGuiCol_WindowBg] = ImVec4(251 / 255.f, 251 / 255.f, 248 / 255.f, 1.f);
  style.FrameBorderSize = 1.0f;  // fields and check boxes visible on the light background
  style.Colors[ImGuiCol_FrameBg] = ImVec4(1.f, 1.f, 1.f, 1.f);
  style.Colors[ImGuiCol_Border] = ImVec4(0.62f, 0.62f, 0.60f, 1.f);
}

// --select: a form or a feature of the editor.
void applySelection(drillsim::viz::App& app, const std::string& select) {
  using drillsim::viz::Selection;
  if (select == "weather") {
    app.select(Selection{Selection::Kind::Weather});
  } else if (select.rfind("plan:", 0) == 0) {
    app.select(Selection{Selection::Kind::Plan, indexOf(app.editor().scenario().plans, select.substr(5), "plan")});
  } else if (select.rfind("hazard:", 0) == 0) {
    app.select(Selection{Selection::Kind::Hazard, indexOf(app.editor().scenario().hazards, select.substr(7), "hazard")});
  } else if (!select.empty()) {
    const drillsim::Park& park = app.editor().park();
    using K = drillsim::viz::Feature::Kind;
    const K kind = park.shelter(select) ? K::Shelter : park.zone(select) ? K::Zone : park.station(select) ? K::Station
                 : park.source(select) ? K::Source : K::None;
    if (kind == K::None) usage("--select: no zone, shelter, station or hazard source '" + select + "' in the park");
    app.select(Selection(drillsim::viz::Feature{kind, select}));
  }
}

// What the options open before the first frame: results, a view, a selection, the editor's map,
// a batch, a drill or a replay. An exit code when the drill cannot be opened.
std::optional<int> applyOptions(drillsim::viz::App& app, Options& o) {
  using drillsim::viz::View;
  app.setTooltips(!o.headless());
  if (!o.results.empty()) app.openResults(o.results);
  if (o.view == "batch") app.setView(View::Batch);
  if (o.view == "compare") app.setView(View::Compare);
  applySelection(app, o.select);
  if (o.threatDraw >= 0) app.showThreatZones(o.threatDraw);
  app.setZonesByPersons(o.zonesByPersons);
  if (o.runBatch > 0) {
    app.setView(View::Batch);
    app.setBatchReplications(o.runBatch);
    app.startBatch();
  }
  if (!o.drill.empty()) {
    std::string error;
    if (!app.openDrill(o.drill, error)) {
      std::fprintf(stderr, "drillsim-gui: %s\n", error.c_str());
      return 2;
    }
    o.view = "replay";
  } else if (o.view == "replay") {
    app.finishLoading();  // the results, to rank the replications
    if (o.plan.empty()) o.plan = app.editor().scenario().plans.front().id;
    if (!app.editor().scenario().plan(o.plan)) usage("--plan: no plan '" + o.plan + "' in the scenario");
    int r = 0;
    if (o.rankedReplication()) {
      r = app.rankedReplication(o.plan, "clearance_s", o.replication == "median" ? 0.5 : o.replication == "p95" ? 0.95 : 1.0);
      if (r < 0) usage("--replication " + o.replication + ": the results hold no replication of plan " + o.plan);
      std::printf("replaying plan %s replication %d (%s clearance time)\n", o.plan.c_str(), r, o.replication.c_str());
    } else if (!o.replication.empty()) {
      r = std::atoi(o.replication.c_str());
    }
    app.openReplay(o.plan, r);
    app.setView(View::Replay);
  }
  return std::nullopt;
}

// A new name with characters the atlas lacks: looked for only when the scenario has changed.
void refreshFonts(drillsim::viz::App& app, drillsim::viz::FontBook& fonts, std::string& checkedFor) {
  const std::string textsKey = app.textsKey();
  if (textsKey == checkedFor) return;
  checkedFor = textsKey;
  if (const auto texts = app.texts(); fonts.needs(texts)) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    fonts.load(texts);
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
}

// One frame of the interface, with the keys pressed since the last one held down for it; drawn
// into the framebuffer, whose size it returns.
std::pair<int, int> drawFrame(drillsim::viz::App& app, GLFWwindow* window) {
  const auto latched = std::exchange(pressedSinceLastFrame, {});
  ImGuiIO& io = ImGui::GetIO();
  for (auto [key, mods] : latched) {  // before NewFrame, which derives io.KeyMods from these
    io.KeysDown[key] = true;
    if (mods & GLFW_MOD_CONTROL) io.KeyCtrl = true;
    if (mods & GLFW_MOD_SHIFT) io.KeyShift = true;
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  app.frame();
  for (auto [key, mods] : latched) io.KeysDown[key] = glfwGetKey(window, key) == GLFW_PRESS;
  io.KeyCtrl = glfwGetKey(window, GLFW_KEY_LEFT_CONTROL) == GLFW_PRESS || glfwGetKey(window, GLFW_KEY_RIGHT_CONTROL) == GLFW_PRESS;
  io.KeyShift = glfwGetKey(window, GLFW_KEY_LEFT_SHIFT) == GLFW_PRESS || glfwGetKey(window, GLFW_KEY_RIGHT_SHIFT) == GLFW_PRESS;
  ImGui::Render();
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(window, &fw, &fh);
  glViewport(0, 0, fw, fh);
  // The main window draws no background: the clear colour is its background, one full-window
  // fill fewer (software rendering is fill-bound).
  glClearColor(251 / 255.f, 251 / 255.f, 248 / 255.f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  return {fw, fh};
}

// F12's picture of the window, if one was asked for.
void savePictureRequested(drillsim::viz::App& app, int fw, int fh) {
  if (const std::string picture = app.takePictureRequest(); !picture.empty()) {
    try {
      drillsim::viz::saveFramebufferPng(picture, fw, fh);
      app.pictureSaved("picture saved: " + picture);
    } catch (const std::exception& e) {
      app.pictureSaved(std::string("picture NOT saved: ") + e.what());
    }
  }
}

// The frame loop until the window may close, or (headless) until the picture is saved or the
// frames are timed. The exit code.
int runFrames(drillsim::viz::App& app, GLFWwindow* window, drillsim::viz::FontBook& fonts, const Options& o) {
  int frames = 0, code = 0;
  double worst_ms = 0, total_ms = 0;
  bool loaded = false;
  std::string fontsCheckedFor;
  const auto started = std::chrono::steady_clock::now();
  while (!app.closeConfirmed()) {
    const auto frameStart = std::chrono::steady_clock::now();
    glfwPollEvents();
    if (glfwWindowShouldClose(window)) {
      glfwSetWindowShouldClose(window, GLFW_FALSE);
      app.requestClose();
    }
    if (o.headless() && !loaded && o.runBatch == 0) {  // wait for what the view loads beside the window
      app.finishLoading();
      if (o.view == "replay") app.setReplayTime(o.time_s);
      loaded = true;
    }
    refreshFonts(app, fonts, fontsCheckedFor);
    const auto [fw, fh] = drawFrame(app, window);
    savePictureRequested(app, fw, fh);
    if (o.benchmarkFrames > 0) {
      glFinish();  // the frame's time includes the GPU's (Mesa's) drawing
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart).count();
      if (frames >= 2) {  // the first frames build the font atlas and lay out
        total_ms += ms;
        worst_ms = std::max(worst_ms, ms);
      }
      if (++frames < o.benchmarkFrames + 2) {
        glfwSwapBuffers(window);
        continue;
      }
      std::printf("%d frames of %dx%d, %zu zones, view %s: mean %.2f ms, worst %.2f ms\n", o.benchmarkFrames, fw, fh,
                  app.editor().park().zones.size(), o.view.c_str(), total_ms / o.benchmarkFrames, worst_ms);
      if (!o.screenshot.empty()) drillsim::viz::saveFramebufferPng(o.screenshot, fw, fh);
      break;
    }
    // The first frames lay the window out; the third is the one a person would see. A batch is
    // shown once it has reported progress (or after 60 s).
    const bool batchShown = o.runBatch == 0 || app.batchProgressShown() ||
                            std::chrono::steady_clock::now() - started > std::chrono::seconds(60);
    if (!o.screenshot.empty() && ++frames >= 3 && batchShown) {
      try {
        drillsim::viz::saveFramebufferPng(o.screenshot, fw, fh);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "drillsim-gui: %s\n", e.what());
        code = 73;
      }
      break;
    }
    glfwSwapBuffers(window);
  }
  return code;
}
}  // namespace

#ifdef DRILLSIM_SANITIZED
// In the checking build (DRILLSIM_SANITIZE): Mesa's OpenGL driver, loaded and unloaded by the
// system's libraries, leaves allocations that LeakSanitizer reports from an unloaded module, where
// no suppression can name them. Leaks are checked in the engine, the command line and the tests;
// AddressSanitizer's other checks stay on here.
extern "C" const char* __asan_default_options() { return "detect_leaks=0"; }
#endif

int main(int argc, char** argv) {
  drillsim::i18n::setLanguage(drillsim::i18n::languageFromEnvironment());
  Options o = parseOptions(argc, argv);
  drillsim::Diagnostics d;
  auto editor = drillsim::ScenarioEditor::open(o.scenarioPath, d);
  if (!d.empty()) std::fprintf(stderr, "%s", d.str().c_str());
  if (!editor) return 2;
  drillsim::viz::App app(std::move(*editor));

  GLFWwindow* window = openWindow(o, "DrillSim — " + app.editor().scenario().name);
  if (!window) return 70;
  createImGui();
  drillsim::viz::FontBook fonts(16.0f);
  if (fonts.load(app.texts()).empty())
    std::fprintf(stderr, "drillsim-gui: the font fonts-wqy-microhei is missing; Chinese names will not show\n");
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  glfwSetKeyCallback(window, keyCallback);  // chains to ImGui's

  if (const auto failed = applyOptions(app, o)) return *failed;
  const int code = runFrames(app, window, fonts, o);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return code;
}
