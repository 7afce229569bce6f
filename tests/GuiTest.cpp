// The front end as a user sees it: drillsim-gui renders the bundled park under Xvfb, and the
// picture must show the park (zone colours over a good part of it), not a blank or black window.
#include <gtest/gtest.h>
#include <png.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <vector>

#include "scenarios/Park.hpp"
#include "sim/map/ParkMap.hpp"
#include "tests/TestPaths.hpp"

namespace fs = std::filesystem;

namespace {
struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
};

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

TEST(Gui, TheMapScreenshotShowsThePark) {
  const fs::path out = fs::temp_directory_path() / "drillsim-gui-test.png";
  fs::remove(out);
  const std::string command = "xvfb-run -a -s '-screen 0 1600x1000x24' '" DRILLSIM_GUI_BINARY "' '" +
                              drillsim::test::sourcePath("data/scenarios/chlorine_night.yaml") + "' --screenshot '" +
                              out.string() + "' --size 1200x800 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const Image img = readPng(out);
  ASSERT_EQ(img.width, 1200);
  ASSERT_EQ(img.height, 800);
  // Colours of the zone kinds, as the map fills them.
  std::set<unsigned> kinds;
  for (std::size_t k = 0; k < drillsim::zoneKindNames().size(); ++k) {
    unsigned r = 0, g = 0, b = 0;
    std::sscanf(drillsim::zoneKindColour(static_cast<drillsim::ZoneKind>(k)), "#%02x%02x%02x", &r, &g, &b);
    kinds.insert(r << 16 | g << 8 | b);
  }
  std::set<unsigned> seenKinds;
  long zonePixels = 0;
  for (std::size_t i = 0; i + 2 < img.rgb.size(); i += 3) {
    const unsigned c = unsigned(img.rgb[i]) << 16 | unsigned(img.rgb[i + 1]) << 8 | img.rgb[i + 2];
    if (kinds.count(c)) {
      ++zonePixels;
      seenKinds.insert(c);
    }
  }
  // The bundled park fills about half the window; its zones are of 10 kinds.
  EXPECT_GT(double(zonePixels) / (1200.0 * 800.0), 0.2);
  EXPECT_GE(seenKinds.size(), 8u);
}
