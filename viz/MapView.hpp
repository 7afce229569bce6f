#pragma once
// The map of the front end: zones filled by kind (or by colours a view chooses, e.g. a metric),
// roads drawn to their width, shelters sized by capacity (with an occupancy bar when a view gives
// one), rescue stations and hazard sources, in the park's metric CRS with grid north up; pan by
// dragging, zoom with the wheel about the cursor, fit to the park; a tooltip names what is under
// the cursor; a scale bar and a north arrow. It reports clicks, shelter drags and clicks for a new
// shelter as events; it never changes the scenario itself (the editor does, through its operations).

#include <imgui.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "scenarios/Park.hpp"

namespace drillsim::viz {

/// A feature of the park: what the map picks and the editor selects.
struct Feature {
  enum class Kind { None, Zone, Road, Shelter, Station, Source };
  Kind kind = Kind::None;
  std::string id;
  bool operator==(const Feature&) const = default;
};

/// What the person did on the map during the last draw.
struct MapEvent {
  Feature clicked;              // a click (without dragging) on a feature
  bool clickedEmpty = false;    // a click on no feature
  bool addShelter = false;      // in add-shelter mode: a click at `at`
  std::string dragShelter;      // a shelter being dragged to `at` (editing only)
  bool dragContinues = false;   // not the drag's first step
  std::string dragEnded;        // a shelter drag was released this frame
  Point2 at;
};

class MapView {
 public:
  explicit MapView(const Park& park) : park_(&park) {}

  /// Draws the map into the current ImGui window's area (`height` 0: all that remains).
  void draw(float height = 0);
  const MapEvent& event() const { return event_; }

  void setPark(const Park& park) { park_ = &park; }
  /// Frames the whole park in the area of the last draw (or the next one).
  void fit() { fitPending_ = true; }
  /// Centres the view on a point without changing the zoom.
  void centreOn(Point2 p) { centre_ = p; }
  /// Off for unattended screenshots: no tooltip for wherever the pointer happens to be.
  void setTooltips(bool on) { tooltips_ = on; }
  /// Shelters can be dragged (the editor).
  void setEditing(bool on) { editing_ = on; }
  /// The next click asks for a new shelter instead of selecting.
  void setAddShelterMode(bool on) { addMode_ = on; }
  bool addShelterMode() const { return addMode_; }
  void setSelected(const Feature& f) { selected_ = f; }

  /// Zone fills by zone index; empty: by kind. A legend line describes them.
  void setZoneFill(std::vector<ImU32> fills, std::string legend = "") {
    zoneFill_ = std::move(fills);
    legend_ = std::move(legend);
  }
  /// Road colours by road index; empty: grey by width.
  void setRoadColours(std::vector<ImU32> colours) { roadColour_ = std::move(colours); }
  /// Occupancy of shelters (persons inside), drawn as a bar under each; empty: none.
  void setShelterOccupancy(std::map<std::string, int> persons) { occupancy_ = std::move(persons); }
  /// Drawn after the roads and before the labels (threat zones, cohorts, teams).
  void setOverlay(std::function<void(ImDrawList*)> overlay) { overlay_ = std::move(overlay); }

  ImVec2 toScreen(Point2 p) const;
  Point2 toPark(ImVec2 s) const;
  double pixelsPerMetre() const { return pixelsPerMetre_; }
  /// The feature under a screen position: points first (within 10 px), then zones, then roads.
  Feature pick(ImVec2 s) const;

 private:
  // Labels placed so far this draw, none covering another.
  struct LabelPlacer {
    ImDrawList* dl;
    std::vector<ImVec4> placed;  // x0, y0, x1, y1 of the labels and symbols drawn
    bool overlaps(ImVec2 at, ImVec2 size) const;
    /// A point feature's id beside its symbol (centre `c`, radius `r`), where it covers no other.
    void beside(ImVec2 c, float r, const std::string& text, ImU32 colour);
  };

  void fitTo(ImVec2 size);
  void tooltip(const Feature& f) const;
  void handleInput(bool hovered);
  void drawZonesAndRoads(ImDrawList* dl) const;
  void drawZoneLabels(LabelPlacer& labels) const;
  void drawPointFeatures(ImDrawList* dl, LabelPlacer& labels) const;
  void drawScaleNorthLegend(ImDrawList* dl) const;
  float shelterRadius(const Shelter& s) const;

  const Park* park_;
  Point2 centre_{};
  double pixelsPerMetre_ = 1;
  ImVec2 origin_{}, size_{};
  bool fitPending_ = true, tooltips_ = true, editing_ = false, addMode_ = false;
  Feature selected_, pressed_;
  std::string dragging_;
  bool dragMoved_ = false;
  std::vector<ImU32> zoneFill_, roadColour_;
  std::string legend_;
  std::map<std::string, int> occupancy_;
  std::function<void(ImDrawList*)> overlay_;
  MapEvent event_;
};

/// "#rrggbb" to an ImGui colour with the given alpha.
ImU32 hexColour(const char* hex, int alpha = 255);
/// A sequential colour ramp (light yellow to dark red) for a share from 0 to 1.
ImU32 rampColour(double share);

}  // namespace drillsim::viz
