#pragma once
// The map of the front end: zones filled by kind, roads drawn to their width, shelters sized by
// capacity, rescue stations and hazard sources, in the park's metric CRS with grid north up; pan
// by dragging, zoom with the wheel about the cursor, fit to the park; a tooltip names what is under
// the cursor; a scale bar and a north arrow. UI state only: it never changes the scenario.

#include <imgui.h>

#include <string>

#include "scenarios/Park.hpp"

namespace drillsim::viz {

class MapView {
 public:
  explicit MapView(const Park& park) : park_(park) {}

  /// Draws the map into the current ImGui window's remaining area and handles its mouse input.
  void draw();
  /// Frames the whole park in the area of the last draw (or the next one).
  void fit() { fitPending_ = true; }
  /// Off for unattended screenshots: no tooltip for wherever the pointer happens to be.
  void setTooltips(bool on) { tooltips_ = on; }

 private:
  ImVec2 toScreen(Point2 p) const;
  Point2 toPark(ImVec2 s) const;
  void fitTo(ImVec2 size);

  const Park& park_;
  Point2 centre_{};
  double pixelsPerMetre_ = 1;
  ImVec2 origin_{}, size_{};
  bool fitPending_ = true;
  bool tooltips_ = true;
};

}  // namespace drillsim::viz
