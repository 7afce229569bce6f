#pragma once
// The park as the simulation sees it: zones, roads, shelters, stations and hazard sources in a
// metric CRS (metres, x east, y north), read from geodata by ParkLoader (DESIGN.md section 6).
// Extra attributes of each feature are kept in `extra` so that nothing the user wrote is lost.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenarios/Diagnostics.hpp"
#include "scenarios/Geometry.hpp"
#include "scenarios/RoadGraph.hpp"
#include "scenarios/Vocabulary.hpp"

namespace drillsim {

/// Attributes of a feature that DrillSim does not interpret, as text.
using ExtraAttributes = std::map<std::string, std::string>;

enum class ZoneKind { Chemical, Manufacturing, Warehouse, Office, Dormitory, Residential, School, Clinic, Utility, Green };
const std::vector<std::string>& zoneKindNames();
/// A zone kind as the user reads it, in the current language (zoneKindNames are the files' words).
const char* shownWord(ZoneKind kind);

struct Zone {
  std::string id, name, name_en;
  ZoneKind kind = ZoneKind::Manufacturing;
  int pop_day = 0, pop_night = 0;
  std::vector<Ring> outer;   // one ring per polygon part (MultiPolygon allowed)
  std::vector<Ring> holes;   // holes of all parts
  Point2 centroid;
  double area_m2 = 0;
  std::optional<std::string> node_ref;  // optional named access node (nodes layer)
  NodeId node = kNoNode;                 // access node in the road graph
  double access_m = 0;                   // distance from the centroid to the access node
  Location where;
  ExtraAttributes extra;
};

struct Road {
  std::string id, name, name_en;
  double width_m = 0;
  std::optional<double> speed_ms;      // vehicle speed limit; absent: the team's own speed
  std::optional<double> capacity_pps;  // absent: width_m x specific flow of the scenario
  bool oneway = false;
  std::vector<Point2> line;
  double length_m = 0;
  Location where;
  ExtraAttributes extra;
};


struct Shelter {
  std::string id, name, name_en;
  ShelterKind kind = ShelterKind::Outdoor;
  int capacity = 0;
  Point2 position;                  // the point, or the centroid of a polygon
  double area_m2 = 0;               // polygons only
  std::optional<std::string> node_ref;
  NodeId node = kNoNode;
  double access_m = 0;
  Location where;
  ExtraAttributes extra;
};

struct Station {
  std::string id, name, name_en;
  Point2 position;
  std::optional<std::string> node_ref;
  NodeId node = kNoNode;
  double access_m = 0;
  Location where;
  ExtraAttributes extra;
};

struct HazardSource {
  std::string id, name, name_en, substance, zone;
  double inventory_kg = 0;
  Point2 position;
  Location where;
  ExtraAttributes extra;
};

struct Park {
  std::string path;         // as given (folder of GeoJSON files, or a GeoPackage)
  std::string crs;          // the metric CRS of all coordinates, e.g. "EPSG:32649"
  double origin_lon = 0, origin_lat = 0;  // centre of the park in WGS 84, for reference
  std::vector<Zone> zones;
  std::vector<Road> roads;
  std::vector<Shelter> shelters;
  std::vector<Station> stations;
  std::vector<HazardSource> sources;
  RoadGraph graph;

  const Zone* zone(const std::string& id) const;
  const Shelter* shelter(const std::string& id) const;
  const Station* station(const std::string& id) const;
  const HazardSource* source(const std::string& id) const;
  long population(bool night) const;
  long shelterCapacity() const;
};

/// The park's extent: zones, roads, shelters, stations and hazard sources.
Bounds parkBounds(const Park& park);

}  // namespace drillsim
