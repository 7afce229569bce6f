// Turning the roads into the graph and attaching zones, shelters and stations to it
// (DESIGN.md section 6: endpoints within 1 m are one node; features attach to the nearest node
// unless they name one in the nodes layer).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <sstream>
#include <unordered_map>

#include "scenarios/I18n.hpp"
#include "scenarios/ParkLoader.hpp"

namespace drillsim {

namespace {
std::string metres(double v) {
  std::ostringstream os;
  if (v >= 10000) {
    os << std::fixed;
    os.precision(0);
    os << v / 1000 << " km";
    return os.str();
  }
  os.precision(v < 10 ? 2 : 4);
  os << v << " m";
  return os.str();
}

// Access distances beyond this are reported: a zone 500 m from any road is probably misplaced.
constexpr double kFarAccess_m = 500.0;
// A hazard source farther than this outside its zone is refused as a wrong coordinate or zone.
constexpr double kMaxSourceGapM = 1000.0;

// Roads by the squares of a grid their pieces pass within 1 m of, so that the check of road ends
// looks at the roads near each end rather than every road (it was quadratic in the roads).
class RoadSquares {
 public:
  explicit RoadSquares(const std::vector<Road>& roads) {
    double length = 0;
    std::size_t pieces = 0;
    for (const Road& r : roads) {
      length += polylineLength(r.line);
      pieces += r.line.size() > 1 ? r.line.size() - 1 : 0;
    }
    // Squares about as wide as a road's piece; a piece over more than kMaxSquares of them (absurd
    // coordinates) is kept on a list every end looks at.
    size_ = std::max(10.0, pieces ? length / double(pieces) : 10.0);
    if (!std::isfinite(size_)) size_ = 10.0;
    for (std::size_t i = 0; i < roads.size(); ++i)
      for (std::size_t k = 1; k < roads[i].line.size(); ++k) {
        Bounds b;
        b.add(roads[i].line[k - 1]);
        b.add(roads[i].line[k]);
        const double x0 = std::floor((b.minX - kNodeMergeDistance_m) / size_), x1 = std::floor((b.maxX + kNodeMergeDistance_m) / size_);
        const double y0 = std::floor((b.minY - kNodeMergeDistance_m) / size_), y1 = std::floor((b.maxY + kNodeMergeDistance_m) / size_);
        if (!((x1 - x0 + 1) * (y1 - y0 + 1) <= kMaxSquares) || !(std::abs(x0) + std::abs(x1) + std::abs(y0) + std::abs(y1) < 1e15)) {
          everywhere_.push_back(i);
          continue;
        }
        for (double x = x0; x <= x1; ++x)
          for (double y = y0; y <= y1; ++y) {
            auto& list = squares_[squareKey(std::int64_t(x), std::int64_t(y))];
            if (list.empty() || list.back() != i) list.push_back(i);
          }
      }
  }
  /// The roads that may pass within 1 m of p, in index order, each once (and maybe others: the
  /// caller tests the distance).
  std::vector<std::size_t> near(Point2 p) const {
    std::vector<std::size_t> roads = everywhere_;
    const double x = std::floor(p.x_m / size_), y = std::floor(p.y_m / size_);
    if (std::abs(x) + std::abs(y) < 1e15)
      if (auto it = squares_.find(squareKey(std::int64_t(x), std::int64_t(y))); it != squares_.end())
        roads.insert(roads.end(), it->second.begin(), it->second.end());
    std::sort(roads.begin(), roads.end());
    roads.erase(std::unique(roads.begin(), roads.end()), roads.end());
    return roads;
  }

 private:
  static constexpr double kMaxSquares = 4096;
  double size_ = 10;
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> squares_;
  std::vector<std::size_t> everywhere_;
};

// `far` is the warning for a feature far from any road, "the zone is {1} from the nearest road end; ...".
template <class T>
void attach(T& feature, const char* far, RoadGraph& graph, const std::map<std::string, Point2>& named,
            Point2 from, Diagnostics& d) {
  if (feature.node_ref) {
    auto it = named.find(*feature.node_ref);
    if (it == named.end()) {
      std::vector<std::string> names;
      for (const auto& [k, v] : named) names.push_back(k);
      d.error(feature.where, "node",
              tf("unknown node {1}; {2}", inQuotes(*feature.node_ref), expectedOneOf(*feature.node_ref, names)));
      return;
    }
    double gap = 0;
    feature.node = graph.nearestNode(it->second, &gap);
    if (gap > kNodeMergeDistance_m) {
      d.error(feature.where, "node",
              tf("node {1} is {2} from the nearest road end; expected it on a road end (within 1 m)",
                 inQuotes(*feature.node_ref), metres(gap)));
      feature.node = kNoNode;
      return;
    }
    feature.access_m = distance(from, graph.position(feature.node));
    return;
  }
  feature.node = graph.nearestNode(from, &feature.access_m);
  if (feature.access_m > kFarAccess_m)
    d.warning(feature.where, "", tf(far, metres(feature.access_m)));
}
}  // namespace

void attachToNearestNode(Park& park, Shelter& shelter, Diagnostics& d) {
  attach(shelter, i18n::kNoop("the shelter is {1} from the nearest road end; is it placed right?"), park.graph, {},
         shelter.position, d);
}

void buildGraph(Park& park, Diagnostics& d, const std::map<std::string, Point2>& namedNodes) {
  RoadGraph& g = park.graph;
  for (std::size_t i = 0; i < park.roads.size(); ++i) {
    const Road& r = park.roads[i];
    g.addRoad(static_cast<int>(i), r.line.front(), r.line.back(), r.length_m, r.oneway);
  }
  for (auto& z : park.zones)
    attach(z, i18n::kNoop("the zone is {1} from the nearest road end; is it placed right?"), g, namedNodes, z.centroid, d);
  for (auto& s : park.shelters)
    attach(s, i18n::kNoop("the shelter is {1} from the nearest road end; is it placed right?"), g, namedNodes, s.position,
           d);
  for (auto& s : park.stations)
    attach(s, i18n::kNoop("the station is {1} from the nearest road end; is it placed right?"), g, namedNodes, s.position,
           d);

  // A road that ends on the middle of another without a shared node is almost always a road that
  // should have been split there; people would not be able to turn at that junction.
  const RoadSquares squares(park.roads);
  for (const Road& a : park.roads)
    for (Point2 end : {a.line.front(), a.line.back()})
      for (const std::size_t bi : squares.near(end)) {
        const Road& b = park.roads[bi];
        if (&a == &b) continue;
        if (distance(end, b.line.front()) <= kNodeMergeDistance_m || distance(end, b.line.back()) <= kNodeMergeDistance_m)
          continue;
        for (std::size_t k = 1; k < b.line.size(); ++k)
          if (distanceToSegment(end, b.line[k - 1], b.line[k]) <= kNodeMergeDistance_m) {
            d.warning(a.where, "geometry",
                      tf("ends on the middle of road {1} but they share no node; split {2} there so that people can turn "
                         "at the junction",
                         inQuotes(b.id), b.id));
            break;
          }
      }

  // Connectivity: report every piece of the network apart from the largest.
  const std::vector<int> label = g.components();
  const int count = g.componentCount();
  if (count > 1) {
    std::vector<int> size(static_cast<std::size_t>(count), 0);
    for (int l : label) ++size[static_cast<std::size_t>(l)];
    const int main = static_cast<int>(std::max_element(size.begin(), size.end()) - size.begin());
    std::map<int, std::vector<std::string>> roadsOf;
    for (const Arc& arc : g.arcs())
      if (label[static_cast<std::size_t>(arc.from)] != main) {
        auto& ids = roadsOf[label[static_cast<std::size_t>(arc.from)]];
        const std::string& id = park.roads[static_cast<std::size_t>(arc.road)].id;
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
      }
    for (const auto& [l, ids] : roadsOf) {
      std::string list;
      for (std::size_t i = 0; i < ids.size() && i < 10; ++i) list += (i ? ", " : "") + ids[i];
      if (ids.size() > 10) list += ", ...";
      d.warning(Location{park.roads[0].where.file.empty() ? park.path : park.roads[0].where.file, 0, 0,
                         tf("layer {1}", "roads")},
                "", tf("the road network falls apart: {1} road(s) are not connected to the rest ({2})", ids.size(), list));
    }
  }

  // Hazard sources: their zone must exist and should contain them.
  std::vector<std::string> zoneIds;
  for (const auto& z : park.zones) zoneIds.push_back(z.id);
  for (const auto& s : park.sources) {
    const Zone* z = park.zone(s.zone);
    if (!z) {
      d.error(s.where, "zone", tf("unknown zone {1}; {2}", inQuotes(s.zone), expectedOneOf(s.zone, zoneIds)));
      continue;
    }
    std::vector<Ring> rings = z->outer;
    rings.insert(rings.end(), z->holes.begin(), z->holes.end());
    if (contains(rings, s.position)) continue;
    // A tank just over a zone's edge is a drawing matter; one kilometres away is a wrong coordinate
    // (or a wrong zone), and the zone's people and the plume would be placed apart.
    const double gap = distanceToArea(s.position, z->outer);
    if (gap > kMaxSourceGapM)
      d.error(s.where, "zone",
              tf("the source lies {1} outside its zone {2}; expected inside it or within {3} of its edge (are the source's "
                 "coordinates or its zone wrong?)",
                 metres(gap), inQuotes(s.zone), metres(kMaxSourceGapM)));
    else
      d.warning(s.where, "zone", tf("the source lies outside its zone {1} ({2} from its edge)", inQuotes(s.zone), metres(gap)));
  }
}

}  // namespace drillsim
