// The front end as a user sees it: drillsim-gui renders each view of the bundled park under Xvfb,
// and the pictures must show what the view is for (the park's zones, a selected shelter, the plans'
// distributions, a replay's walking cohorts and threat zone, a running batch's progress bar).
#include <gtest/gtest.h>
#include <png.h>

#include <cstdio>
#include <map>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <vector>

#include "scenarios/Park.hpp"
#include "sim/map/ParkMap.hpp"
#include "tests/TestPaths.hpp"

#include <fstream>

namespace fs = std::filesystem;

namespace {
struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
};

Image readPng(const fs::path& path);

unsigned rgb(int r, int g, int b) { return unsigned(r) << 16 | unsigned(g) << 8 | unsigned(b); }

// Pixels of each colour in the picture.
std::map<unsigned, long> colourCounts(const Image& img) {
  std::map<unsigned, long> counts;
  for (std::size_t i = 0; i + 2 < img.rgb.size(); i += 3) ++counts[rgb(img.rgb[i], img.rgb[i + 1], img.rgb[i + 2])];
  return counts;
}

// Runs drillsim-gui under Xvfb with a 1200x800 window and reads its screenshot.
Image screenshot(const std::string& scenario, const std::string& options) {
  const fs::path out = fs::temp_directory_path() /
                       ("drillsim-gui-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".png");
  fs::remove(out);
  const std::string command = "xvfb-run -a -s '-screen 0 1600x1000x24' '" DRILLSIM_GUI_BINARY "' '" + scenario +
                              "' --screenshot '" + out.string() + "' --size 1200x800 " + options + " 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  Image img = readPng(out);
  EXPECT_EQ(img.width, 1200);
  EXPECT_EQ(img.height, 800);
  return img;
}

Image readPng(const fs::path& path) {
  Image img;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return img;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    std::fclose(f);
    return {};
  }
  png_init_io(png, f);
  png_read_info(png, info);
  img.width = int(png_get_image_width(png, info));
  img.height = int(png_get_image_height(png, info));
  if (png_get_color_type(png, info) != PNG_COLOR_TYPE_RGB || png_get_bit_depth(png, info) != 8) {
    png_destroy_read_struct(&png, &info, nullptr);
    std::fclose(f);
    return {};
  }
  img.rgb.resize(std::size_t(img.width) * std::size_t(img.height) * 3);
  for (int y = 0; y < img.height; ++y) png_read_row(png, img.rgb.data() + std::size_t(y) * std::size_t(img.width) * 3, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  std::fclose(f);
  return img;
}
}  // namespace


TEST(Gui, TheEditorShowsTheParkAndTheSelectedShelter) {
  const Image img = screenshot(drillsim::test::sourcePath("data/scenarios/chlorine_night.yaml"), "--view editor --select S03");
  const auto counts = colourCounts(img);
  // Colours of the zone kinds, as the map fills them.
  long zonePixels = 0;
  int kinds = 0;
  for (std::size_t k = 0; k < drillsim::zoneKindNames().size(); ++k) {
    unsigned r = 0, g = 0, b = 0;
    std::sscanf(drillsim::zoneKindColour(static_cast<drillsim::ZoneKind>(k)), "#%02x%02x%02x", &r, &g, &b);
    auto it = counts.find(rgb(int(r), int(g), int(b)));
    if (it == counts.end()) continue;
    zonePixels += it->second;
    ++kinds;
  }
  // The map takes the right 60 % of the window and frames the whole park, whose station ST1 lies
  // 1.5 km west of the zones: the zones cover about 7 % of the window, in 10 kinds.
  EXPECT_GT(double(zonePixels) / (1200.0 * 800.0), 0.05);
  EXPECT_GE(kinds, 8);
  // The selection ring around S03 (3 px, selection blue).
  EXPECT_GT(counts.count(rgb(20, 90, 200)) ? counts.at(rgb(20, 90, 200)) : 0, 40);
}

TEST(Gui, TheComparisonDrawsEveryPlansDistribution) {
  const fs::path scenario = drillsim::test::chlorineScenarioCopy();
  const fs::path results = scenario.parent_path() / "r.gpkg";
  const auto batch = drillsim::test::runDrillsim({"batch", scenario.string(), "--plans", "A,C", "--replications", "20",
                                                  "--out", results.string(), "--quiet"});
  ASSERT_EQ(batch.exitCode, 0) << batch.err;
  const Image img = screenshot(scenario.string(), "--view compare --results '" + results.string() + "'");
  const auto counts = colourCounts(img);
  auto n = [&](unsigned c) { return counts.count(c) ? counts.at(c) : 0L; };
  // The ECDF lines of plans A and C in the first two colours of the palette. Under common random
  // numbers many runs of A and C end alike, and C's line, drawn last, covers A's where they
  // coincide: A shows in its label and where it differs.
  EXPECT_GT(n(rgb(0, 114, 178)), 20);
  EXPECT_GT(n(rgb(213, 94, 0)), 200);
  // The zones coloured by the share of replications with anyone over AEGL-2: zones no replication
  // touched are near-white, and some zones carry the ramp's colours (not the kinds').
  EXPECT_GT(n(rgb(245, 245, 240)), 1000);
}

TEST(Gui, TheReplayShowsCohortsWalkingAndTheThreatZone) {
  const fs::path scenario = drillsim::test::chlorineScenarioCopy();
  auto replayFolders = [] {
    int n = 0;
    for (const auto& e : fs::directory_iterator(fs::temp_directory_path()))
      n += e.path().filename().string().rfind("drillsim-replay-", 0) == 0;
    return n;
  };
  const int before = replayFolders();
  const Image img = screenshot(scenario.string(), "--view replay --plan A --replication 3 --time 900");
  const auto counts = colourCounts(img);
  auto n = [&](unsigned c) { return counts.count(c) ? counts.at(c) : 0L; };
  EXPECT_GT(n(rgb(20, 60, 160)), 20);   // the front of walking cohorts
  EXPECT_GT(n(rgb(230, 120, 0)), 20);   // the AEGL-2 threat zone's outline
  EXPECT_EQ(replayFolders(), before);  // the run's files are removed when the window closes
}

// A drill opened at T+20 min: its run in the replay, and beside it the drill clock with the
// injects due, on their amber card.
TEST(Gui, ADrillShowsTheInjectsDueBesideItsRun) {
  const fs::path scenario = drillsim::test::chlorineScenarioCopy();
  const fs::path dir = scenario.parent_path() / "drill";
  auto r = drillsim::test::runDrillsim({"drill", scenario.string(), "--plan", "A", "--replications", "10", "--out", dir.string()});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  const Image img = screenshot(scenario.string(), "--drill '" + dir.string() + "' --time 1200");
  const auto counts = colourCounts(img);
  auto n = [&](unsigned c) { return counts.count(c) ? counts.at(c) : 0L; };
  EXPECT_GT(n(rgb(255, 237, 179)), 5000);  // the card of the injects due
  EXPECT_GT(n(rgb(20, 60, 160)), 20);      // cohorts walking in the run
}

TEST(Gui, ABatchRunsBesideTheWindowWithAProgressBar) {
  const fs::path scenario = drillsim::test::chlorineScenarioCopy();
  // The picture is taken once the batch has done 20 % of its replications, while it runs.
  const Image img = screenshot(scenario.string(), "--run-batch 100");
  const auto counts = colourCounts(img);
  // ImGui's light style fills progress bars with PlotHistogram (0.90, 0.70, 0.00).
  long bar = 0;
  for (const auto& [c, k] : counts)
    if ((c >> 16) >= 228 && (c >> 16) <= 231 && ((c >> 8) & 255) >= 177 && ((c >> 8) & 255) <= 180 && (c & 255) <= 1) bar += k;
  EXPECT_GT(bar, 500);
  // Results go next to the scenario, in results/.
  EXPECT_TRUE(fs::exists(scenario.parent_path() / "results"));
}

TEST(Gui, TheEditorShowsPersonsByZoneAndAWeatherDrawsThreatZones) {
  const Image img = screenshot(drillsim::test::sourcePath("data/scenarios/chlorine_night.yaml"),
                               "--view editor --zones-by-persons --threat-draw 3");
  const auto counts = colourCounts(img);
  auto n = [&](unsigned c) { return counts.count(c) ? counts.at(c) : 0L; };
  // The most populous zone in the ramp's darkest colour (ColorBrewer YlOrRd's last class).
  EXPECT_GT(n(rgb(189, 0, 38)), 500);
  // Draw 3's steady AEGL-2 footprint, outlined in orange.
  EXPECT_GT(n(rgb(230, 120, 0)), 50);
}
