#include "viz/MapView.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/map/ParkMap.hpp"

namespace drillsim::viz {

namespace {
// "#rrggbb" to an ImGui colour with the given alpha.
ImU32 colour(const char* hex, int alpha = 255) {
  unsigned r = 0, g = 0, b = 0;
  std::sscanf(hex, "#%02x%02x%02x", &r, &g, &b);
  return IM_COL32(r, g, b, alpha);
}
}  // namespace

ImVec2 MapView::toScreen(Point2 p) const {
  return {float(origin_.x + size_.x / 2 + (p.x_m - centre_.x_m) * pixelsPerMetre_),
          float(origin_.y + size_.y / 2 - (p.y_m - centre_.y_m) * pixelsPerMetre_)};
}

Point2 MapView::toPark(ImVec2 s) const {
  return {centre_.x_m + (s.x - origin_.x - size_.x / 2) / pixelsPerMetre_,
          centre_.y_m - (s.y - origin_.y - size_.y / 2) / pixelsPerMetre_};
}

void MapView::fitTo(ImVec2 size) {
  const Bounds box = parkBounds(park_);
  if (box.empty()) return;
  centre_ = {(box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2};
  const double margin = 0.92;
  pixelsPerMetre_ = margin * std::min(size.x / std::max(1.0, box.maxX - box.minX), size.y / std::max(1.0, box.maxY - box.minY));
}

void MapView::draw() {
  origin_ = ImGui::GetCursorScreenPos();
  size_ = ImGui::GetContentRegionAvail();
  if (size_.x < 10 || size_.y < 10) return;
  if (fitPending_) {
    fitTo(size_);
    fitPending_ = false;
  }
  ImGui::InvisibleButton("map", size_, ImGuiButtonFlags_MouseButtonLeft);
  const bool hovered = ImGui::IsItemHovered();
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    centre_.x_m -= io.MouseDelta.x / pixelsPerMetre_;
    centre_.y_m += io.MouseDelta.y / pixelsPerMetre_;
  }
  if (hovered && io.MouseWheel != 0) {  // zoom about the cursor
    const Point2 before = toPark(io.MousePos);
    pixelsPerMetre_ *= std::pow(1.2, double(io.MouseWheel));
    const Point2 after = toPark(io.MousePos);
    centre_.x_m += before.x_m - after.x_m;
    centre_.y_m += before.y_m - after.y_m;
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin_, ImVec2(origin_.x + size_.x, origin_.y + size_.y), true);
  // The background is the window's own (one full-window fill fewer: software rendering is fill-bound).
  const Zone* under = nullptr;
  const Point2 mouse = toPark(io.MousePos);
  for (const auto& z : park_.zones) {
    for (const auto& ring : z.outer) {
      std::vector<ImVec2> pts;
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) pts.push_back(toScreen(ring[i]));
      // Park zones are blocks, convex; a concave zone is filled by its convex outline here.
      dl->AddConvexPolyFilled(pts.data(), int(pts.size()), colour(zoneKindColour(z.kind)));
      dl->AddPolyline(pts.data(), int(pts.size()), IM_COL32(122, 122, 122, 255), ImDrawFlags_Closed, 1.0f);
    }
    if (hovered && contains(z.outer, mouse)) under = &z;
  }
  for (const auto& r : park_.roads) {
    const float w = std::max(1.0f, float(r.width_m * pixelsPerMetre_));
    for (std::size_t i = 1; i < r.line.size(); ++i)
      dl->AddLine(toScreen(r.line[i - 1]), toScreen(r.line[i]), r.width_m >= 12 ? IM_COL32(91, 91, 91, 255) : IM_COL32(141, 141, 141, 255), w);
  }
  for (const auto& z : park_.zones) {
    if (std::sqrt(z.area_m2) * pixelsPerMetre_ < 36) continue;  // too small on screen for its id
    const ImVec2 c = toScreen(z.centroid);
    const ImVec2 t = ImGui::CalcTextSize(z.id.c_str());
    dl->AddText(ImVec2(c.x - t.x / 2, c.y - t.y / 2), IM_COL32(60, 60, 60, 255), z.id.c_str());
  }
  for (const auto& s : park_.shelters) {
    const ImVec2 c = toScreen(s.position);
    const float r = std::clamp(float(std::sqrt(double(s.capacity)) * 0.25 * std::sqrt(pixelsPerMetre_ * 4)), 4.0f, 30.0f);
    if (s.kind == ShelterKind::Indoor) {
      dl->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), IM_COL32(63, 163, 77, 255));
      dl->AddRect(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), IM_COL32(29, 94, 32, 255));
    } else {
      dl->AddCircleFilled(c, r, IM_COL32(126, 209, 127, 230));
      dl->AddCircle(c, r, IM_COL32(29, 94, 32, 255));
    }
    dl->AddText(ImVec2(c.x + r + 2, c.y - 7), IM_COL32(29, 94, 32, 255), s.id.c_str());
  }
  for (const auto& st : park_.stations) {
    const ImVec2 c = toScreen(st.position);
    dl->AddQuadFilled(ImVec2(c.x, c.y - 8), ImVec2(c.x + 8, c.y), ImVec2(c.x, c.y + 8), ImVec2(c.x - 8, c.y), IM_COL32(43, 108, 212, 255));
    dl->AddText(ImVec2(c.x + 10, c.y - 7), IM_COL32(43, 108, 212, 255), st.id.c_str());
  }
  for (const auto& h : park_.sources) {
    const ImVec2 c = toScreen(h.position);
    dl->AddTriangleFilled(ImVec2(c.x, c.y - 9), ImVec2(c.x + 9, c.y + 7), ImVec2(c.x - 9, c.y + 7), IM_COL32(214, 40, 40, 255));
    dl->AddText(ImVec2(c.x + 11, c.y - 7), IM_COL32(150, 20, 20, 255), h.id.c_str());  // names in the tooltip
  }
  // Scale bar (bottom left) and north arrow (top right).
  const double bar = niceLength(size_.x * 0.2 / pixelsPerMetre_);
  const ImVec2 b0(origin_.x + 20, origin_.y + size_.y - 24);
  dl->AddRectFilled(b0, ImVec2(b0.x + float(bar * pixelsPerMetre_), b0.y + 6), IM_COL32(34, 34, 34, 255));
  char label[32];
  std::snprintf(label, sizeof label, bar >= 1000 ? "%.0f km" : "%.0f m", bar >= 1000 ? bar / 1000 : bar);
  dl->AddText(ImVec2(b0.x, b0.y - 18), IM_COL32(34, 34, 34, 255), label);
  const ImVec2 n(origin_.x + size_.x - 30, origin_.y + 20);
  dl->AddTriangleFilled(n, ImVec2(n.x + 9, n.y + 26), ImVec2(n.x - 9, n.y + 26), IM_COL32(34, 34, 34, 255));
  dl->AddText(ImVec2(n.x - 4, n.y + 28), IM_COL32(34, 34, 34, 255), "N");
  dl->PopClipRect();

  // Sources and shelters within 10 pixels of the pointer take the tooltip before zones.
  const HazardSource* source = nullptr;
  const Shelter* shelter = nullptr;
  if (hovered) {
    auto near = [&](Point2 p) {
      const ImVec2 s = toScreen(p);
      return std::hypot(s.x - io.MousePos.x, s.y - io.MousePos.y) < 10;
    };
    for (const auto& h : park_.sources)
      if (near(h.position)) source = &h;
    for (const auto& s : park_.shelters)
      if (near(s.position)) shelter = &s;
  }
  if (tooltips_ && (source || shelter)) {
    ImGui::BeginTooltip();
    if (source) ImGui::Text("%s %s: %s, %.0f t", source->id.c_str(), source->name.c_str(), source->substance.c_str(), source->inventory_kg / 1000);
    if (shelter) ImGui::Text("%s %s: %s, capacity %d", shelter->id.c_str(), shelter->name.c_str(), shelter->kind == ShelterKind::Indoor ? "indoor" : "outdoor", shelter->capacity);
    ImGui::EndTooltip();
  } else if (under && tooltips_) {
    ImGui::BeginTooltip();
    ImGui::Text("%s %s", under->id.c_str(), under->name.c_str());
    ImGui::Text("%s, day %d, night %d persons", zoneKindNames()[std::size_t(under->kind)].c_str(), under->pop_day, under->pop_night);
    ImGui::EndTooltip();
  }
}

}  // namespace drillsim::viz
