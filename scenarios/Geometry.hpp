#pragma once
// Plane geometry in the park's metric CRS (metres). Small and exact enough for zones of a park;
// nothing here is geodesic.

#include <cstdint>
#include <limits>
#include <vector>

namespace drillsim {

struct Point2 {
  double x_m = 0, y_m = 0;
  bool operator==(const Point2&) const = default;
};

using Ring = std::vector<Point2>;  // closed ring: first == last

double distance(Point2 a, Point2 b);
double polylineLength(const std::vector<Point2>& line);
/// Signed area by the shoelace formula (positive when counter-clockwise).
double signedArea(const Ring& ring);
/// Area-weighted centroid of outer rings minus holes; the first vertex when the area is zero.
Point2 centroid(const std::vector<Ring>& outer, const std::vector<Ring>& holes, double* area_m2);
/// Even-odd rule over all rings (outer rings and holes).
bool contains(const std::vector<Ring>& rings, Point2 p);
/// Shortest distance from p to the segment ab.
double distanceToSegment(Point2 p, Point2 a, Point2 b);
/// An axis-aligned bounding box; empty until a point is added.
struct Bounds {
  double minX = std::numeric_limits<double>::infinity(), minY = minX, maxX = -minX, maxY = -minX;
  void add(Point2 p);
  void add(const std::vector<Point2>& points);
  bool empty() const { return !(minX <= maxX); }
  /// Whether p lies in the box (edges included).
  bool holds(Point2 p) const { return minX <= p.x_m && p.x_m <= maxX && minY <= p.y_m && p.y_m <= maxY; }
  /// Distance between two boxes: 0 when they touch or overlap.
  double gapTo(const Bounds& o) const;
};
/// A hash key for square (x, y) of a grid, for lookups of what stands near a point. Two squares
/// may share a key: whoever looks things up there must still test the distance.
std::uint64_t squareKey(std::int64_t x, std::int64_t y);
/// Shortest distance from p to an area given by its outer rings: 0 inside it.
double distanceToArea(Point2 p, const std::vector<Ring>& outer);
/// Shortest distance between two areas given by their outer rings: 0 when they touch, overlap or
/// one holds the other.
double gapBetween(const std::vector<Ring>& a, const std::vector<Ring>& b);

}  // namespace drillsim
