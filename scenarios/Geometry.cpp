#include "scenarios/Geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace drillsim {

double distance(Point2 a, Point2 b) { return std::hypot(a.x_m - b.x_m, a.y_m - b.y_m); }

double polylineLength(const std::vector<Point2>& line) {
  double length = 0;
  for (std::size_t i = 1; i < line.size(); ++i) length += distance(line[i - 1], line[i]);
  return length;
}

double signedArea(const Ring& ring) {
  double twice = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i)
    twice += ring[i].x_m * ring[i + 1].y_m - ring[i + 1].x_m * ring[i].y_m;
  return twice / 2;
}

Point2 centroid(const std::vector<Ring>& outer, const std::vector<Ring>& holes, double* area_m2) {
  // Centroids are taken relative to the first vertex to keep precision with UTM coordinates.
  Point2 origin = outer.empty() || outer[0].empty() ? Point2{} : outer[0][0];
  double area = 0, cx = 0, cy = 0;
  auto accumulate = [&](const Ring& ring, double sign) {
    const double a = std::abs(signedArea(ring)) * sign;
    double sx = 0, sy = 0, twice = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      const double x0 = ring[i].x_m - origin.x_m, y0 = ring[i].y_m - origin.y_m;
      const double x1 = ring[i + 1].x_m - origin.x_m, y1 = ring[i + 1].y_m - origin.y_m;
      const double cross = x0 * y1 - x1 * y0;
      twice += cross;
      sx += (x0 + x1) * cross;
      sy += (y0 + y1) * cross;
    }
    if (twice != 0) {
      cx += a * sx / (3 * twice);
      cy += a * sy / (3 * twice);
    }
    area += a;
  };
  for (const auto& r : outer) accumulate(r, 1);
  for (const auto& r : holes) accumulate(r, -1);
  if (area_m2) *area_m2 = area;
  if (area <= 0) return origin;
  return {origin.x_m + cx / area, origin.y_m + cy / area};
}

bool contains(const std::vector<Ring>& rings, Point2 p) {
  bool inside = false;
  for (const auto& ring : rings)
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const Point2 a = ring[i], b = ring[j];
      if ((a.y_m > p.y_m) != (b.y_m > p.y_m) &&
          p.x_m < (b.x_m - a.x_m) * (p.y_m - a.y_m) / (b.y_m - a.y_m) + a.x_m)
        inside = !inside;
    }
  return inside;
}

namespace {
// The offset from p to the point of segment ab nearest to it.
Point2 offsetToSegment(Point2 p, Point2 a, Point2 b) {
  const double dx = b.x_m - a.x_m, dy = b.y_m - a.y_m;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x_m - a.x_m) * dx + (p.y_m - a.y_m) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return {p.x_m - (a.x_m + t * dx), p.y_m - (a.y_m + t * dy)};
}
}  // namespace

double distanceToSegment(Point2 p, Point2 a, Point2 b) {
  const Point2 d = offsetToSegment(p, a, b);
  return std::hypot(d.x_m, d.y_m);
}

namespace {
double cross(Point2 o, Point2 a, Point2 b) { return (a.x_m - o.x_m) * (b.y_m - o.y_m) - (a.y_m - o.y_m) * (b.x_m - o.x_m); }
bool segmentsCross(Point2 a, Point2 b, Point2 c, Point2 d) {
  const double d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}
}  // namespace

void Bounds::add(Point2 p) {
  minX = std::min(minX, p.x_m);
  minY = std::min(minY, p.y_m);
  maxX = std::max(maxX, p.x_m);
  maxY = std::max(maxY, p.y_m);
}

void Bounds::add(const std::vector<Point2>& points) {
  for (Point2 p : points) add(p);
}

double Bounds::gapTo(const Bounds& o) const {
  const double dx = std::max({0.0, minX - o.maxX, o.minX - maxX}), dy = std::max({0.0, minY - o.maxY, o.minY - maxY});
  return std::hypot(dx, dy);
}

std::uint64_t squareKey(std::int64_t x, std::int64_t y) {
  return static_cast<std::uint64_t>(x) * 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(y);
}

double distanceToArea(Point2 p, const std::vector<Ring>& outer) {
  if (contains(outer, p)) return 0;
  // The nearest segment is found by squared distance; hypot (careful, and slow: this is the heat
  // flux's inner loop) is taken once, of the nearest offset.
  double best2 = std::numeric_limits<double>::infinity();
  Point2 nearest{best2, best2};
  for (const auto& ring : outer)
    for (std::size_t i = 1; i < ring.size(); ++i) {
      const Point2 d = offsetToSegment(p, ring[i - 1], ring[i]);
      const double d2 = d.x_m * d.x_m + d.y_m * d.y_m;
      if (d2 < best2) {
        best2 = d2;
        nearest = d;
      }
    }
  return std::hypot(nearest.x_m, nearest.y_m);
}

double gapBetween(const std::vector<Ring>& a, const std::vector<Ring>& b) {
  for (const auto& ring : a)
    if (!ring.empty() && contains(b, ring[0])) return 0;
  for (const auto& ring : b)
    if (!ring.empty() && contains(a, ring[0])) return 0;
  double gap = std::numeric_limits<double>::infinity();
  for (const auto& ra : a)
    for (const auto& rb : b)
      for (std::size_t i = 1; i < ra.size(); ++i)
        for (std::size_t j = 1; j < rb.size(); ++j) {
          if (segmentsCross(ra[i - 1], ra[i], rb[j - 1], rb[j])) return 0;
          gap = std::min({gap, distanceToSegment(ra[i - 1], rb[j - 1], rb[j]), distanceToSegment(rb[j - 1], ra[i - 1], ra[i])});
        }
  return gap;
}

}  // namespace drillsim
