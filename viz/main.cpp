// drillsim-gui: the planner's desk (DESIGN.md section 8). This first view is the park map; with
// --screenshot it renders once without a person (under Xvfb) and saves a PNG.
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
#include <string>
#include <vector>

#include "scenarios/TextFile.hpp"
#include "scenarios/Validation.hpp"
#include "viz/Fonts.hpp"
#include "viz/MapView.hpp"
#include "viz/Screenshot.hpp"

namespace {
const char* kUsage =
    "Usage: drillsim-gui SCENARIO.yaml [--screenshot FILE.png] [--view map] [--size WxH] [--frames N]\n\n"
    "The park map of the scenario: drag to pan, wheel to zoom, F to fit. With --screenshot the\n"
    "window is drawn, saved as a PNG and closed (run it under xvfb-run on a machine without a\n"
    "display). --frames N draws N frames as fast as it can, prints their mean and worst time and\n"
    "exits (a benchmark; with --screenshot the last frame is saved).\n\nExit codes: 0 done, 2 the scenario is invalid, 64 bad command line, 70 no OpenGL\n"
    "window could be opened, 73 the picture cannot be written.\n";

void glfwError(int code, const char* text) { std::fprintf(stderr, "drillsim-gui: GLFW error %d: %s\n", code, text); }
}  // namespace

int main(int argc, char** argv) {
  std::string scenarioPath, screenshot, view = "map";
  int width = 1400, height = 900, benchmarkFrames = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "drillsim-gui: %s needs a value\n%s", a.c_str(), kUsage);
        std::exit(64);
      }
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--screenshot") {
      screenshot = next();
    } else if (a == "--frames") {
      benchmarkFrames = std::atoi(next().c_str());
      if (benchmarkFrames < 1 || benchmarkFrames > 100000) {
        std::fprintf(stderr, "drillsim-gui: --frames: expected a number from 1 to 100000\n");
        return 64;
      }
    } else if (a == "--view") {
      view = next();
    } else if (a == "--size") {
      if (std::sscanf(next().c_str(), "%dx%d", &width, &height) != 2 || width < 200 || height < 200 || width > 8000 ||
          height > 8000) {
        std::fprintf(stderr, "drillsim-gui: --size: expected WxH, e.g. 1400x900\n");
        return 64;
      }
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "drillsim-gui: unknown option %s\n%s", a.c_str(), kUsage);
      return 64;
    } else if (scenarioPath.empty()) {
      scenarioPath = a;
    } else {
      std::fprintf(stderr, "drillsim-gui: expected one scenario file\n%s", kUsage);
      return 64;
    }
  }
  if (scenarioPath.empty()) {
    std::fprintf(stderr, "%s", kUsage);
    return 64;
  }
  if (view != "map") {
    std::fprintf(stderr, "drillsim-gui: --view: only 'map' exists so far\n");
    return 64;
  }
  drillsim::Diagnostics d;
  auto loaded = drillsim::loadAndValidate(scenarioPath, d);
  if (!d.empty()) std::fprintf(stderr, "%s", d.str().c_str());
  if (!loaded) return 2;

  glfwSetErrorCallback(glfwError);
  if (!glfwInit()) return 70;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(width, height, ("DrillSim — " + loaded->scenario.name).c_str(), nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return 70;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(screenshot.empty() && benchmarkFrames == 0 ? 1 : 0);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini next to the user's files
  ImGui::StyleColorsLight();
  ImGui::GetStyle().Colors[ImGuiCol_WindowBg] = ImVec4(251 / 255.f, 251 / 255.f, 248 / 255.f, 1.f);
  std::vector<std::string> texts = {loaded->scenario.name, "DrillSim —"};
  for (const auto& z : loaded->park.zones) texts.push_back(z.name);
  for (const auto& s : loaded->park.shelters) texts.push_back(s.name);
  for (const auto& h : loaded->park.sources) texts.push_back(h.name);
  for (const auto& p : loaded->scenario.plans) texts.push_back(p.name);
  const std::string font = drillsim::viz::loadFonts(texts, 16.0f);
  if (font.empty()) std::fprintf(stderr, "drillsim-gui: the font fonts-wqy-microhei is missing; Chinese names will not show\n");
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  drillsim::viz::MapView map(loaded->park);
  map.setTooltips(screenshot.empty());
  int frames = 0, code = 0;
  double worst_ms = 0, total_ms = 0;
  while (!glfwWindowShouldClose(window)) {
    const auto frameStart = std::chrono::steady_clock::now();
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("Map", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::TextUnformatted(loaded->scenario.name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("  %zu zones, %zu roads, %zu shelters  |  drag to pan, wheel to zoom", loaded->park.zones.size(),
                        loaded->park.roads.size(), loaded->park.shelters.size());
    ImGui::SameLine();
    if (ImGui::SmallButton("Fit (F)") || (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_F))) map.fit();
    map.draw();
    ImGui::End();
    ImGui::Render();
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window, &fw, &fh);
    glViewport(0, 0, fw, fh);
    glClearColor(0.98f, 0.98f, 0.97f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (benchmarkFrames > 0) {
      glFinish();  // the frame's time includes the GPU's (Mesa's) drawing
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart).count();
      if (frames >= 2) {  // the first frames build the font atlas and lay out
        total_ms += ms;
        worst_ms = std::max(worst_ms, ms);
      }
      if (++frames < benchmarkFrames + 2) {
        glfwSwapBuffers(window);
        continue;
      }
      std::printf("%d frames of %dx%d, %zu zones: mean %.2f ms, worst %.2f ms\n", benchmarkFrames, fw, fh,
                  loaded->park.zones.size(), total_ms / benchmarkFrames, worst_ms);
      if (!screenshot.empty()) drillsim::viz::saveFramebufferPng(screenshot, fw, fh);
      break;
    }
    // The first frames lay the window out; the third is the one a person would see.
    if (!screenshot.empty() && ++frames == 3) {
      try {
        drillsim::viz::saveFramebufferPng(screenshot, fw, fh);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "drillsim-gui: %s\n", e.what());
        code = 73;
      }
      break;
    }
    glfwSwapBuffers(window);
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return code;
}
