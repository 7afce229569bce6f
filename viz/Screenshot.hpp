#pragma once
// Saving what the window shows as a PNG (for headless tests and the README's pictures).

#include <string>

namespace drillsim::viz {

/// Reads the current framebuffer (width x height, RGBA) and writes it to `path` as an 8-bit RGB
/// PNG, top row first. Throws OutputError when the file cannot be written.
void saveFramebufferPng(const std::string& path, int width, int height);

}  // namespace drillsim::viz
