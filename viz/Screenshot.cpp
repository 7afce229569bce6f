#include "viz/Screenshot.hpp"

#include <GL/gl.h>
#include <png.h>

#include <cstdio>
#include <vector>

#include "scenarios/TextFile.hpp"

namespace drillsim::viz {

void saveFramebufferPng(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(std::size_t(width) * std::size_t(height) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  const std::string temporary = path + ".writing";
  FILE* f = std::fopen(temporary.c_str(), "wb");
  if (!f) throw OutputError("cannot write " + path);
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    std::fclose(f);
    std::remove(temporary.c_str());
    throw OutputError("cannot encode " + path);
  }
  png_init_io(png, f);
  png_set_IHDR(png, info, png_uint_32(width), png_uint_32(height), 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = height - 1; y >= 0; --y)  // OpenGL's first row is the bottom one
    png_write_row(png, pixels.data() + std::size_t(y) * std::size_t(width) * 3);
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  if (std::fclose(f) != 0 || std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw OutputError("cannot write " + path);
  }
}

}  // namespace drillsim::viz
