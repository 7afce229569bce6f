#include "viz/MapView.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/map/ParkMap.hpp"

namespace drillsim::viz {

ImU32 hexColour(const char* hex, int alpha) {
  unsigned r = 0, g = 0, b = 0;
  std::sscanf(hex, "#%02x%02x%02x", &r, &g, &b);
  return IM_COL32(r, g, b, alpha);
}

ImU32 rampColour(double share) {
  // ColorBrewer YlOrRd, 5 classes (Brewer, colorbrewer2.org), interpolated.
  static const float stops[5][3] = {{255, 255, 178}, {254, 204, 92}, {253, 141, 60}, {240, 59, 32}, {189, 0, 38}};
  const double t = std::clamp(std::isnan(share) ? 0.0 : share, 0.0, 1.0) * 4;
  const int i = std::min(3, int(t));
  const float f = float(t - i);
  auto mix = [&](int c) { return int(stops[i][c] + (stops[i + 1][c] - stops[i][c]) * f); };
  return IM_COL32(mix(0), mix(1), mix(2), 255);
}

ImVec2 MapView::toScreen(Point2 p) const {
  return {float(origin_.x + size_.x / 2 + (p.x_m - centre_.x_m) * pixelsPerMetre_),
          float(origin_.y + size_.y / 2 - (p.y_m - centre_.y_m) * pixelsPerMetre_)};
}

Point2 MapView::toPark(ImVec2 s) const {
  return {centre_.x_m + (s.x - origin_.x - size_.x / 2) / pixelsPerMetre_,
          centre_.y_m - (s.y - origin_.y - size_.y / 2) / pixelsPerMetre_};
}

void MapView::fitTo(ImVec2 size) {
  const Bounds box = parkBounds(*park_);
  if (box.empty()) return;
  centre_ = {(box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2};
  const double margin = 0.92;
  pixelsPerMetre_ = margin * std::min(size.x / std::max(1.0, box.maxX - box.minX), size.y / std::max(1.0, box.maxY - box.minY));
}

Feature MapView::pick(ImVec2 s) const {
  auto near = [&](Point2 p) {
    const ImVec2 q = toScreen(p);
    return std::hypot(q.x - s.x, q.y - s.y) < 10;
  };
  for (const auto& h : park_->sources)
    if (near(h.position)) return {Feature::Kind::Source, h.id};
  for (const auto& x : park_->shelters)
    if (near(x.position)) return {Feature::Kind::Shelter, x.id};
  for (const auto& x : park_->stations)
    if (near(x.position)) return {Feature::Kind::Station, x.id};
  const Point2 p = toPark(s);
  for (const auto& r : park_->roads)
    for (std::size_t i = 1; i < r.line.size(); ++i)
      if (distanceToSegment(p, r.line[i - 1], r.line[i]) * pixelsPerMetre_ < std::max(3.0, r.width_m * pixelsPerMetre_ / 2))
        return {Feature::Kind::Road, r.id};
  for (const auto& z : park_->zones)
    if (contains(z.outer, p)) return {Feature::Kind::Zone, z.id};
  return {};
}

void MapView::tooltip(const Feature& f) const {
  ImGui::BeginTooltip();
  switch (f.kind) {
    case Feature::Kind::Source:
      if (const auto* h = park_->source(f.id))
        ImGui::Text("%s %s: %s, %.0f t", h->id.c_str(), h->name.c_str(), h->substance.c_str(), h->inventory_kg / 1000);
      break;
    case Feature::Kind::Shelter:
      if (const auto* s = park_->shelter(f.id)) {
        ImGui::Text("%s %s: %s, capacity %d", s->id.c_str(), s->name.c_str(),
                    wordOf(s->kind).c_str(), s->capacity);
        if (auto it = occupancy_.find(s->id); it != occupancy_.end()) ImGui::Text("%d persons inside", it->second);
      }
      break;
    case Feature::Kind::Station:
      if (const auto* s = park_->station(f.id)) ImGui::Text("%s %s (rescue station)", s->id.c_str(), s->name.c_str());
      break;
    case Feature::Kind::Zone:
      if (const auto* z = park_->zone(f.id)) {
        ImGui::Text("%s %s", z->id.c_str(), z->name.c_str());
        ImGui::Text("%s, day %d, night %d persons", zoneKindNames()[std::size_t(z->kind)].c_str(), z->pop_day, z->pop_night);
      }
      break;
    case Feature::Kind::Road:
      for (const auto& r : park_->roads)
        if (r.id == f.id) ImGui::Text("road %s %s: %.0f m wide, %.0f m long", r.id.c_str(), r.name.c_str(), r.width_m, r.length_m);
      break;
    case Feature::Kind::None:
      break;
  }
  ImGui::EndTooltip();
}

void MapView::draw(float height) {
  event_ = MapEvent{};
  origin_ = ImGui::GetCursorScreenPos();
  size_ = ImGui::GetContentRegionAvail();
  if (height > 0) size_.y = std::min(size_.y, height);
  if (size_.x < 10 || size_.y < 10) return;
  if (fitPending_) {
    fitTo(size_);
    fitPending_ = false;
  }
  ImGui::InvisibleButton("map", size_, ImGuiButtonFlags_MouseButtonLeft);
  const bool hovered = ImGui::IsItemHovered();
  handleInput(hovered);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin_, ImVec2(origin_.x + size_.x, origin_.y + size_.y), true);
  // Anti-aliasing triples the triangles of every outline and road; on a park of hundreds of
  // zones, mostly a few pixels wide, software rendering cannot afford it and the eye cannot tell.
  const ImDrawListFlags drawFlags = dl->Flags;
  if (park_->zones.size() + park_->roads.size() > 600)
    dl->Flags &= ~(ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedLinesUseTex | ImDrawListFlags_AntiAliasedFill);
  // The background is the window's own (one full-window fill fewer: software rendering is fill-bound).
  drawZonesAndRoads(dl);
  if (overlay_) overlay_(dl);
  LabelPlacer labels{dl, {}};
  drawZoneLabels(labels);
  drawPointFeatures(dl, labels);
  dl->Flags = drawFlags;
  drawScaleNorthLegend(dl);
  dl->PopClipRect();

  if (tooltips_ && hovered && dragging_.empty()) {
    const Feature f = pick(ImGui::GetIO().MousePos);
    if (f.kind != Feature::Kind::None) tooltip(f);
  }
}

// The map's button this frame: picks, shelter drags, pans, clicks, the wheel's zoom.
void MapView::handleInput(bool hovered) {
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemActivated()) {
    pressed_ = pick(io.MousePos);
    dragMoved_ = false;
    dragging_ = editing_ && !addMode_ && pressed_.kind == Feature::Kind::Shelter ? pressed_.id : "";
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    if (!dragging_.empty()) {  // move the shelter under the pointer
      event_.dragShelter = dragging_;
      event_.dragContinues = dragMoved_;
      event_.at = toPark(io.MousePos);
    } else {
      centre_.x_m -= io.MouseDelta.x / pixelsPerMetre_;
      centre_.y_m += io.MouseDelta.y / pixelsPerMetre_;
    }
    dragMoved_ = true;
  }
  if (ImGui::IsItemDeactivated()) {
    if (!dragMoved_ && ImGui::IsItemHovered()) {
      if (addMode_) {
        event_.addShelter = true;
        event_.at = toPark(io.MousePos);
      } else if (pressed_.kind != Feature::Kind::None) {
        event_.clicked = pressed_;
      } else {
        event_.clickedEmpty = true;
      }
    }
    if (!dragging_.empty() && dragMoved_) event_.dragEnded = dragging_;
    dragging_.clear();
  }
  if (hovered && io.MouseWheel != 0) {  // zoom about the cursor
    const Point2 before = toPark(io.MousePos);
    pixelsPerMetre_ *= std::pow(1.2, double(io.MouseWheel));
    const Point2 after = toPark(io.MousePos);
    centre_.x_m += before.x_m - after.x_m;
    centre_.y_m += before.y_m - after.y_m;
  }
  if (hovered && addMode_) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
}

void MapView::drawZonesAndRoads(ImDrawList* dl) const {
  const auto& zones = park_->zones;
  for (std::size_t k = 0; k < zones.size(); ++k) {
    const Zone& z = zones[k];
    const bool chosen = selected_.kind == Feature::Kind::Zone && selected_.id == z.id;
    for (const auto& ring : z.outer) {
      std::vector<ImVec2> pts;
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) pts.push_back(toScreen(ring[i]));
      // Park zones are blocks, convex; a concave zone is filled by its convex outline here.
      dl->AddConvexPolyFilled(pts.data(), int(pts.size()), k < zoneFill_.size() ? zoneFill_[k] : hexColour(zoneKindColour(z.kind)));
      dl->AddPolyline(pts.data(), int(pts.size()), chosen ? IM_COL32(20, 90, 200, 255) : IM_COL32(122, 122, 122, 255),
                      ImDrawFlags_Closed, chosen ? 3.0f : 1.0f);
    }
  }
  for (std::size_t k = 0; k < park_->roads.size(); ++k) {
    const Road& r = park_->roads[k];
    const float w = std::max(1.0f, float(r.width_m * pixelsPerMetre_));
    ImU32 c = k < roadColour_.size() ? roadColour_[k] : r.width_m >= 12 ? IM_COL32(91, 91, 91, 255) : IM_COL32(141, 141, 141, 255);
    if (selected_.kind == Feature::Kind::Road && selected_.id == r.id) c = IM_COL32(20, 90, 200, 255);
    for (std::size_t i = 1; i < r.line.size(); ++i) dl->AddLine(toScreen(r.line[i - 1]), toScreen(r.line[i]), c, w);
  }
}

// Labels are placed greedily so that none covers another (zone ids first, then the point
// features' ids beside their symbols: right, left, above, below or at a corner, else left out).
bool MapView::LabelPlacer::overlaps(ImVec2 at, ImVec2 size) const {
  return std::any_of(placed.begin(), placed.end(), [&](const ImVec4& r) {
    return at.x < r.z && at.x + size.x > r.x && at.y < r.w && at.y + size.y > r.y;
  });
}

void MapView::LabelPlacer::beside(ImVec2 c, float r, const std::string& text, ImU32 colour) {
  const ImVec2 t = ImGui::CalcTextSize(text.c_str());
  const ImVec2 candidates[] = {{c.x + r + 2, c.y - t.y / 2},       {c.x - r - 2 - t.x, c.y - t.y / 2},
                               {c.x - t.x / 2, c.y - r - 2 - t.y},   {c.x - t.x / 2, c.y + r + 10},
                               {c.x + r, c.y - r - t.y},             {c.x + r, c.y + r},
                               {c.x - r - t.x, c.y - r - t.y},       {c.x - r - t.x, c.y + r}};
  for (const ImVec2& at : candidates)
    if (!overlaps(at, t)) {
      placed.push_back(ImVec4(at.x, at.y, at.x + t.x, at.y + t.y));
      dl->AddText(at, colour, text.c_str());
      return;
    }
}

float MapView::shelterRadius(const Shelter& s) const {
  return std::clamp(float(std::sqrt(double(s.capacity)) * 0.25 * std::sqrt(pixelsPerMetre_ * 4)), 4.0f, 30.0f);
}

void MapView::drawZoneLabels(LabelPlacer& labels) const {
  ImDrawList* dl = labels.dl;
  std::vector<ImVec4>& placed = labels.placed;
  const auto& zones = park_->zones;
  // Zone ids at the centroid, or in the zone's top-left corner when a point feature sits there.
  std::vector<ImVec2> points;
  for (const auto& s : park_->shelters) points.push_back(toScreen(s.position));
  for (const auto& s : park_->stations) points.push_back(toScreen(s.position));
  for (const auto& h : park_->sources) points.push_back(toScreen(h.position));
  for (std::size_t k = 0; k < zones.size(); ++k) {
    const Zone& z = zones[k];
    if (std::sqrt(z.area_m2) * pixelsPerMetre_ < 36 || z.outer.empty()) continue;  // too small on screen for its id
    const ImVec2 t = ImGui::CalcTextSize(z.id.c_str());
    ImVec2 c = toScreen(z.centroid);
    c = ImVec2(c.x - t.x / 2, c.y - t.y / 2);
    const bool crowded = std::any_of(points.begin(), points.end(), [&](ImVec2 p) {
      return p.x > c.x - 12 && p.x < c.x + t.x + 12 && p.y > c.y - 10 && p.y < c.y + t.y + 10;
    });
    if (crowded) {
      float left = 1e9f, top = 1e9f;
      for (const auto& q : z.outer.front()) {
        const ImVec2 s = toScreen(q);
        left = std::min(left, s.x);
        top = std::min(top, s.y);
      }
      c = ImVec2(left + 4, top + 3);
    }
    // Dark text, or white on a dark fill (Rec. 709 luma below a half).
    const ImU32 fill = k < zoneFill_.size() ? zoneFill_[k] : hexColour(zoneKindColour(z.kind));
    const double luma = 0.2126 * (fill & 0xFF) + 0.7152 * ((fill >> 8) & 0xFF) + 0.0722 * ((fill >> 16) & 0xFF);
    dl->AddText(c, luma < 128 ? IM_COL32(255, 255, 255, 255) : IM_COL32(60, 60, 60, 255), z.id.c_str());
    placed.push_back(ImVec4(c.x, c.y, c.x + t.x, c.y + t.y));
  }
}

// Shelters (with their occupancy), stations and hazard sources, then their ids beside them.
void MapView::drawPointFeatures(ImDrawList* dl, LabelPlacer& labels) const {
  std::vector<ImVec4>& placed = labels.placed;
  auto symbol = [&](ImVec2 c, float r) { placed.push_back(ImVec4(c.x - r, c.y - r, c.x + r, c.y + r)); };
  for (const auto& s : park_->shelters) symbol(toScreen(s.position), shelterRadius(s));
  for (const auto& s : park_->stations) symbol(toScreen(s.position), 8);
  for (const auto& h : park_->sources) symbol(toScreen(h.position), 9);
  for (const auto& s : park_->shelters) {
    const ImVec2 c = toScreen(s.position);
    const float r = shelterRadius(s);
    if (s.kind == ShelterKind::Indoor) {
      dl->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), IM_COL32(63, 163, 77, 255));
      dl->AddRect(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), IM_COL32(29, 94, 32, 255));
    } else {
      dl->AddCircleFilled(c, r, IM_COL32(126, 209, 127, 230));
      dl->AddCircle(c, r, IM_COL32(29, 94, 32, 255));
    }
    if (selected_.kind == Feature::Kind::Shelter && selected_.id == s.id) dl->AddCircle(c, r + 5, IM_COL32(20, 90, 200, 255), 0, 3);
    if (auto it = occupancy_.find(s.id); it != occupancy_.end() && s.capacity > 0) {
      // Occupancy bar: grey frame the shelter's capacity, fill the persons inside, red when full.
      const double share = double(it->second) / s.capacity;
      const ImVec2 a(c.x - 16, c.y + r + 3), b(c.x + 16, c.y + r + 9);
      dl->AddRectFilled(a, b, IM_COL32(255, 255, 255, 230));
      dl->AddRectFilled(a, ImVec2(a.x + 32 * float(std::min(1.0, share)), b.y),
                        share >= 1 ? IM_COL32(200, 30, 30, 255) : IM_COL32(30, 110, 200, 255));
      dl->AddRect(a, b, IM_COL32(60, 60, 60, 255));
    }
  }
  for (const auto& st : park_->stations) {
    const ImVec2 c = toScreen(st.position);
    dl->AddQuadFilled(ImVec2(c.x, c.y - 8), ImVec2(c.x + 8, c.y), ImVec2(c.x, c.y + 8), ImVec2(c.x - 8, c.y), IM_COL32(43, 108, 212, 255));
  }
  for (const auto& h : park_->sources) {
    const ImVec2 c = toScreen(h.position);
    dl->AddTriangleFilled(ImVec2(c.x, c.y - 9), ImVec2(c.x + 9, c.y + 7), ImVec2(c.x - 9, c.y + 7), IM_COL32(214, 40, 40, 255));
  }
  // Ids beside the symbols, the hazard sources' first (names are in the tooltips).
  for (const auto& h : park_->sources) labels.beside(toScreen(h.position), 9, h.id, IM_COL32(150, 20, 20, 255));
  for (const auto& st : park_->stations) labels.beside(toScreen(st.position), 8, st.id, IM_COL32(43, 108, 212, 255));
  for (const auto& x : park_->shelters) labels.beside(toScreen(x.position), shelterRadius(x), x.id, IM_COL32(29, 94, 32, 255));
}

// Scale bar (bottom left), north arrow (top right), legend (bottom right).
void MapView::drawScaleNorthLegend(ImDrawList* dl) const {
  const double bar = niceLength(size_.x * 0.2 / pixelsPerMetre_);
  const ImVec2 b0(origin_.x + 20, origin_.y + size_.y - 24);
  dl->AddRectFilled(b0, ImVec2(b0.x + float(bar * pixelsPerMetre_), b0.y + 6), IM_COL32(34, 34, 34, 255));
  char label[32];
  std::snprintf(label, sizeof label, bar >= 1000 ? "%.0f km" : "%.0f m", bar >= 1000 ? bar / 1000 : bar);
  dl->AddText(ImVec2(b0.x, b0.y - 18), IM_COL32(34, 34, 34, 255), label);
  const ImVec2 n(origin_.x + size_.x - 30, origin_.y + 20);
  dl->AddTriangleFilled(n, ImVec2(n.x + 9, n.y + 26), ImVec2(n.x - 9, n.y + 26), IM_COL32(34, 34, 34, 255));
  dl->AddText(ImVec2(n.x - 4, n.y + 28), IM_COL32(34, 34, 34, 255), "N");
  if (!legend_.empty()) {
    const ImVec2 t = ImGui::CalcTextSize(legend_.c_str());
    const ImVec2 p(origin_.x + size_.x - t.x - 16, origin_.y + size_.y - t.y - 14);
    dl->AddRectFilled(ImVec2(p.x - 6, p.y - 4), ImVec2(p.x + t.x + 6, p.y + t.y + 4), IM_COL32(255, 255, 255, 220));
    dl->AddText(p, IM_COL32(34, 34, 34, 255), legend_.c_str());
  }
}

}  // namespace drillsim::viz
