#pragma once
// Loading the park's geodata (DESIGN.md section 6): layers zones, roads, shelters, stations,
// hazard_sources (and an optional nodes layer that features may name in their `node` attribute),
// projected to a metric CRS, checked feature by feature, and turned into the road graph with
// zones, shelters and stations attached to their nodes.

#include <map>
#include <optional>
#include <string>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/Park.hpp"

namespace drillsim {

struct ParkOptions {
  std::string crs;                        // metric CRS; empty: the UTM zone of the park's centre
  double area_per_person_m2 = 2.0;        // shelter polygons without a capacity (see README, assumption)
};

/// Builds park.graph from park.roads and attaches zones, shelters and stations to their nodes
/// (by `node_ref` into `namedNodes`, else the nearest node); reports problems into `diagnostics`.
void buildGraph(Park& park, Diagnostics& diagnostics, const std::map<std::string, Point2>& namedNodes = {});

/// Attaches a shelter (added or moved after loading) to its nearest road node; warns when far.
void attachToNearestNode(Park& park, Shelter& shelter, Diagnostics& diagnostics);

/// `path` is the folder or GeoPackage; `displayPath` is how messages name it.
std::optional<Park> loadPark(const std::string& path, const std::string& displayPath, const ParkOptions& options,
                             Diagnostics& diagnostics);

}  // namespace drillsim
