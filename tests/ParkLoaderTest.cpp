#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenarios/ParkLoader.hpp"
#include "tests/TestPaths.hpp"

using namespace drillsim;
using drillsim::test::sourcePath;
namespace fs = std::filesystem;

namespace {
Park loadOk(const std::string& path, const std::string& crs = "") {
  Diagnostics d;
  auto park = loadPark(path, path, ParkOptions{crs, 2.0}, d);
  EXPECT_TRUE(park.has_value()) << d.str();
  EXPECT_FALSE(d.hasErrors()) << d.str();
  return park.value_or(Park{});
}

// A scratch folder with GeoJSON layers written by the test.
struct ScratchPark {
  fs::path dir;
  explicit ScratchPark(const std::string& name) : dir(fs::temp_directory_path() / ("drillsim-" + name)) {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~ScratchPark() { fs::remove_all(dir); }
  void layer(const std::string& name, const std::string& features) const {
    std::ofstream(dir / (name + ".geojson")) << R"({"type":"FeatureCollection","features":[)" << features << "]}";
  }
  std::string path() const { return dir.string(); }
};

// Lon/lat of a point x metres east and y metres north of 113.05 E, 33.87 N (local approximation).
std::string lonlat(double x, double y) {
  const double lon = 113.05 + x / (111320 * std::cos(33.87 * M_PI / 180)), lat = 33.87 + y / 110540;
  char buf[80];
  std::snprintf(buf, sizeof buf, "[%.9f,%.9f]", lon, lat);
  return buf;
}
std::string road(const std::string& id, std::pair<double, double> a, std::pair<double, double> b, int oneway = 0) {
  return R"({"type":"Feature","properties":{"id":")" + id + R"(","width_m":4,"oneway":)" + std::to_string(oneway) +
         R"(},"geometry":{"type":"LineString","coordinates":[)" + lonlat(a.first, a.second) + "," +
         lonlat(b.first, b.second) + "]}}";
}
const char* kZone =
    R"({"type":"Feature","properties":{"id":"Z1","name":"z","kind":"office","pop_day":10,"pop_night":1},
        "geometry":{"type":"Polygon","coordinates":[[[113.05,33.8701],[113.0505,33.8701],[113.0505,33.8705],[113.05,33.8705],[113.05,33.8701]]]}})";
std::string shelterAt(double x, double y) {
  return R"({"type":"Feature","properties":{"id":"S1","name":"s","kind":"outdoor","capacity":100},"geometry":{"type":"Point","coordinates":)" +
         lonlat(x, y) + "}}";
}
}  // namespace

TEST(ParkLoader, LoadsTheMiniParkInUtm) {
  const Park park = loadOk(sourcePath("tests/data/mini/park"));
  EXPECT_EQ(park.crs, "EPSG:32649");  // 113.05 E lies in UTM zone 49 (108-114 E)
  ASSERT_EQ(park.zones.size(), 2u);
  EXPECT_EQ(park.zones[0].name, "氯碱厂");
  EXPECT_EQ(park.zones[1].extra.at("floors"), "5");  // attributes DrillSim does not use are kept
  EXPECT_EQ(park.population(false), 160);
  EXPECT_EQ(park.population(true), 330);
  // Zone Z1 is a 200 m x 100 m rectangle (to the accuracy of the local lon/lat conversion).
  EXPECT_NEAR(park.zones[0].area_m2, 20000, 20000 * 0.005);
  ASSERT_EQ(park.roads.size(), 3u);
  EXPECT_NEAR(park.roads[0].length_m, 200, 1.0);
  EXPECT_NEAR(park.roads[1].length_m, 200, 1.0);
  EXPECT_TRUE(park.roads[2].oneway);
  EXPECT_EQ(*park.roads[2].capacity_pps, 2.0);
  EXPECT_FALSE(park.roads[0].capacity_pps.has_value());
  EXPECT_EQ(park.graph.nodeCount(), 4u);
  EXPECT_EQ(park.graph.arcCount(), 5u);  // two two-way roads and one oneway
  EXPECT_EQ(park.graph.componentCount(), 1);
  EXPECT_LT(park.shelters[0].access_m, 6.0);
  EXPECT_EQ(park.sources[0].substance, "chlorine");
}

TEST(ParkLoader, EndpointsWithinOneMetreAreOneNode) {
  ScratchPark p("merge");
  p.layer("zones", kZone);
  p.layer("roads", road("R1", {0, 0}, {100, 0}) + "," + road("R2", {100.6, 0}, {200, 0}) + "," +
                       road("R3", {201.5, 0}, {300, 0}));
  p.layer("shelters", shelterAt(300, 0));
  const Park park = loadOk(p.path());
  // R1 and R2 meet (0.6 m apart); R3 starts 1.5 m from R2's end, so it is a separate node.
  EXPECT_EQ(park.graph.nodeCount(), 5u);
  EXPECT_EQ(park.graph.componentCount(), 2);
}

TEST(ParkLoader, OnewayRoadsCanOnlyBeWalkedForward) {
  ScratchPark p("oneway");
  p.layer("zones", kZone);
  p.layer("roads", road("R1", {0, 0}, {100, 0}, 1));
  p.layer("shelters", shelterAt(100, 0));
  const Park park = loadOk(p.path());
  const NodeId a = park.graph.nearestNode({park.roads[0].line.front()});
  const NodeId b = park.graph.nearestNode({park.roads[0].line.back()});
  EXPECT_NEAR(park.graph.distancesFrom(a)[std::size_t(b)], park.roads[0].length_m, 1e-9);
  EXPECT_EQ(park.graph.distancesFrom(b)[std::size_t(a)], RoadGraph::kUnreachable);
}

// A source just over its zone's edge is a warning; one kilometres away is a wrong coordinate.
TEST(ParkLoader, ASourceFarFromItsZoneIsRefusedAndOneNearItIsWarned) {
  ScratchPark p("source-gap");
  p.layer("zones", kZone);
  p.layer("roads", road("R1", {0, 0}, {100, 0}));
  p.layer("shelters", shelterAt(100, 0));
  const auto source = [](double x) {
    return R"({"type":"Feature","properties":{"id":"HS1","name":"tank","substance":"chlorine","inventory_kg":1000,"zone":"Z1"},)"
           R"("geometry":{"type":"Point","coordinates":)" + lonlat(x, 30) + "}}";
  };
  p.layer("hazard_sources", source(300));  // about 254 m east of the zone's edge
  {
    Diagnostics d;
    const auto park = loadPark(p.path(), p.path(), ParkOptions{"", 2.0}, d);
    ASSERT_TRUE(park.has_value()) << d.str();
    EXPECT_FALSE(d.hasErrors()) << d.str();
    EXPECT_NE(d.str().find("the source lies outside its zone 'Z1' (25"), std::string::npos) << d.str();
  }
  p.layer("hazard_sources", source(20000));  // about 20 km away
  Diagnostics d;
  (void)loadPark(p.path(), p.path(), ParkOptions{"", 2.0}, d);
  EXPECT_TRUE(d.hasErrors());
  EXPECT_NE(d.str().find("the source lies 20 km outside its zone 'Z1'; expected inside it or within 1000 m of its edge"),
            std::string::npos)
      << d.str();
}

// A shelter polygon with no capacity takes it from its area, unless the area is absurd.
TEST(ParkLoader, AShelterAreaForMoreThanTenMillionPersonsIsRefused) {
  ScratchPark p("huge-shelter");
  p.layer("zones", kZone);
  p.layer("roads", road("R1", {0, 0}, {100, 0}));
  p.layer("shelters",
          R"({"type":"Feature","properties":{"id":"S1","name":"s","kind":"outdoor"},"geometry":{"type":"Polygon",)"
          R"("coordinates":[[[113.0,33.87],[113.1,33.87],[113.1,34.87],[113.0,34.87],[113.0,33.87]]]}})");
  Diagnostics d;
  (void)loadPark(p.path(), p.path(), ParkOptions{"", 2.0}, d);
  EXPECT_TRUE(d.hasErrors());
  EXPECT_NE(d.str().find("feature S1: error: capacity: not given, and the area 1.0"), std::string::npos) << d.str();
  EXPECT_NE(d.str().find("m2 would hold more than 10000000 persons"), std::string::npos) << d.str();
  // The place as data too, for the desk to go to the feature, whatever the language of its text.
  bool found = false;
  for (const Diagnostic& x : d.items())
    if (x.key == "capacity") {
      found = true;
      EXPECT_EQ(x.where.layer, "shelters");
      EXPECT_EQ(x.where.featureId, "S1");
      EXPECT_EQ(x.where.feature, "layer shelters, feature S1");
    }
  EXPECT_TRUE(found) << d.str();
}

TEST(ParkLoader, ReadsAGeoPackageInAChineseCrsToTheSameCoordinates) {
  // Convert the mini park to one GeoPackage in CGCS2000 / 3-degree Gauss-Kruger CM 114E
  // (EPSG:4547), the kind of file a Chinese surveying office delivers.
  GDALAllRegister();
  const fs::path gpkg = fs::temp_directory_path() / "drillsim-mini.gpkg";
  fs::remove(gpkg);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  ASSERT_NE(driver, nullptr);
  GDALDataset* out = driver->Create(gpkg.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  ASSERT_NE(out, nullptr);
  OGRSpatialReference cgcs;
  cgcs.importFromEPSG(4547);
  cgcs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  for (const char* name : {"zones", "roads", "shelters", "stations", "hazard_sources"}) {
    const std::string src = sourcePath("tests/data/mini/park/") + name + ".geojson";
    GDALDataset* in = GDALDataset::Open(src.c_str(), GDAL_OF_VECTOR);
    ASSERT_NE(in, nullptr);
    OGRLayer* l = in->GetLayer(0);
    OGRSpatialReference wgs(*l->GetSpatialRef());
    wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs, &cgcs));
    OGRLayer* o = out->CreateLayer(name, &cgcs, l->GetGeomType(), nullptr);
    for (int i = 0; i < l->GetLayerDefn()->GetFieldCount(); ++i) o->CreateField(l->GetLayerDefn()->GetFieldDefn(i));
    for (auto& f : *l) {
      OGRFeature g(o->GetLayerDefn());
      g.SetFrom(f.get());
      g.GetGeometryRef()->transform(ct.get());
      ASSERT_EQ(o->CreateFeature(&g), OGRERR_NONE);
    }
    GDALClose(in);
  }
  GDALClose(out);

  const Park fromJson = loadOk(sourcePath("tests/data/mini/park"));
  const Park fromGpkg = loadOk(gpkg.string());
  EXPECT_EQ(fromGpkg.crs, "EPSG:32649");
  ASSERT_EQ(fromGpkg.roads.size(), fromJson.roads.size());
  for (std::size_t i = 0; i < fromJson.roads.size(); ++i) {
    // Both end in UTM 49N; the detour through CGCS2000 may differ by the datum shift model, well under a metre.
    EXPECT_NEAR(fromGpkg.roads[i].line[0].x_m, fromJson.roads[i].line[0].x_m, 1.0);
    EXPECT_NEAR(fromGpkg.roads[i].line[0].y_m, fromJson.roads[i].line[0].y_m, 1.0);
  }
  EXPECT_EQ(fromGpkg.zones[0].name, "氯碱厂");
  fs::remove(gpkg);
}

TEST(ParkLoader, AnExplicitCrsIsUsed) {
  const Park park = loadOk(sourcePath("tests/data/mini/park"), "EPSG:4547");
  EXPECT_EQ(park.crs, "EPSG:4547");
  // Gauss-Kruger CM 114E has a false easting of 500 km; the park lies about 90 km west of 114E.
  EXPECT_GT(park.roads[0].line[0].x_m, 400000);
  EXPECT_LT(park.roads[0].line[0].x_m, 420000);
}

TEST(ParkLoader, AGeographicCrsIsRefused) {
  Diagnostics d;
  auto park = loadPark(sourcePath("tests/data/mini/park"), "park", ParkOptions{"EPSG:4326", 2.0}, d);
  EXPECT_FALSE(park);
  EXPECT_NE(d.str().find("expected a projected CRS in metres"), std::string::npos) << d.str();
}

// A road ending on the middle of another, with no node there, is warned (the check looks only at
// roads near each end); one ending 5 m away is not.
TEST(ParkLoader, ARoadEndingOnTheMiddleOfAnotherIsWarned) {
  ScratchPark p("mid-end");
  p.layer("zones", kZone);
  p.layer("roads", road("R1", {0, 0}, {200, 0}) + "," + road("R2", {100, 100}, {100, 0.5}) + "," +
                       road("R3", {50, 100}, {50, 5}) + "," + road("R4", {0, 0}, {0, -50}) + "," +
                       road("R5", {0, -50}, {3000, -50}) + "," + road("R6", {2500, -300}, {2500, -50.4}));
  p.layer("shelters", shelterAt(200, 0));
  Diagnostics d;
  ASSERT_TRUE(loadPark(p.path(), p.path(), ParkOptions{"", 2.0}, d)) << d.str();
  const std::string s = d.str();
  EXPECT_NE(s.find("feature R2: warning: geometry: ends on the middle of road 'R1'"), std::string::npos) << s;
  EXPECT_NE(s.find("feature R6: warning: geometry: ends on the middle of road 'R5'"), std::string::npos) << s;
  EXPECT_EQ(s.find("feature R3: warning: geometry: ends"), std::string::npos) << s;
  EXPECT_EQ(s.find("ends on the middle of road 'R4'"), std::string::npos) << s;
}

// nodeAt merges a point with the nearest node within 1 m (the first added on a tie), as a scan of
// every node would: checked on points crowded around square edges.
TEST(RoadGraph, NodesMergeAsAScanOfEveryNodeWould) {
  RoadGraph g;
  std::vector<Point2> nodes;
  std::uint64_t x = 88172645463325252ull;
  const auto next = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return double(x % 100000) / 100000;
  };
  int merged = 0;
  for (int i = 0; i < 3000; ++i) {
    const Point2 p{-20 + 40 * next(), i % 3 == 0 ? std::round(10 * next()) : 10 * next()};
    NodeId expected = kNoNode;
    double best = kNodeMergeDistance_m;
    for (std::size_t k = 0; k < nodes.size(); ++k)
      if (distance(nodes[k], p) < best) best = distance(nodes[k], p), expected = NodeId(k);
    if (expected == kNoNode) {
      expected = NodeId(nodes.size());
      nodes.push_back(p);
    } else {
      ++merged;
    }
    ASSERT_EQ(g.nodeAt(p), expected) << i;
  }
  EXPECT_EQ(g.nodeCount(), nodes.size());
  EXPECT_GT(merged, 1000);
  EXPECT_GT(nodes.size(), 100u);
}

// reachesAny agrees with a search from every node, oneway roads kept.
TEST(RoadGraph, WhatReachesTheTargetsFollowsOnewayRoads) {
  RoadGraph g;
  // a -> b <-> c, d -> c (oneway), e alone; target c.
  g.addRoad(0, {0, 0}, {10, 0}, 10, true);
  g.addRoad(1, {10, 0}, {20, 0}, 10, false);
  g.addRoad(2, {30, 0}, {20, 0}, 10, true);
  g.addRoad(3, {50, 0}, {60, 0}, 10, false);
  const NodeId c = g.nearestNode({20, 0});
  const std::vector<bool> reaches = g.reachesAny({c});
  for (NodeId n = 0; n < NodeId(g.nodeCount()); ++n)
    EXPECT_EQ(reaches[std::size_t(n)], g.distancesFrom(n)[std::size_t(c)] < RoadGraph::kUnreachable) << n;
  EXPECT_TRUE(reaches[std::size_t(g.nearestNode({0, 0}))]);
  EXPECT_FALSE(reaches[std::size_t(g.nearestNode({50, 0}))]);
  const std::vector<bool> fromA = g.reachesAny({g.nearestNode({0, 0})});
  EXPECT_FALSE(fromA[std::size_t(c)]);  // nothing leads back to a
}

// PathSearch, run from one source after another and stopped early, gives each run what a fresh
// search would (a plain Dijkstra over arrays here): reset between runs, ties to the lower arc.
TEST(RoadGraph, ARepeatedSearchGivesWhatAFreshOneWould) {
  RoadGraph g;
  std::uint64_t x = 2463534242ull;
  const auto next = [&](int n) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return int(x % std::uint64_t(n));
  };
  constexpr int kSide = 8;
  int road = 0;
  for (int i = 0; i < kSide; ++i)
    for (int j = 0; j < kSide; ++j) {  // whole-number lengths: many ties
      if (i + 1 < kSide) g.addRoad(road++, {i * 10.0, j * 10.0}, {i * 10.0 + 10, j * 10.0}, 1 + next(3), next(4) == 0);
      if (j + 1 < kSide) g.addRoad(road++, {i * 10.0, j * 10.0}, {i * 10.0, j * 10.0 + 10}, 1 + next(3), next(4) == 0);
    }
  const std::size_t n = g.nodeCount();
  PathSearch search(g);
  for (int run = 0; run < 60; ++run) {
    const NodeId source = NodeId(next(int(n)));
    const std::size_t stopAfter = run % 3 == 0 ? n + 1 : std::size_t(1 + next(int(n)));
    // The reference: settle the cheapest unsettled node (the lower index on a tie) until stopAfter.
    std::vector<double> cost(n, RoadGraph::kUnreachable);
    std::vector<int> via(n, -1);
    std::vector<bool> settled(n, false);
    cost[std::size_t(source)] = 0;
    for (std::size_t count = 0;;) {
      std::size_t best = n;
      for (std::size_t k = 0; k < n; ++k)
        if (!settled[k] && cost[k] < RoadGraph::kUnreachable && (best == n || cost[k] < cost[best])) best = k;
      if (best == n) break;
      settled[best] = true;
      if (++count == stopAfter) break;
      for (int a : g.outArcs(NodeId(best))) {
        const Arc& arc = g.arcs()[std::size_t(a)];
        const double nd = cost[best] + arc.length_m;
        const std::size_t to = std::size_t(arc.to);
        if (!settled[to] && (nd < cost[to] || (nd == cost[to] && a < via[to]))) cost[to] = nd, via[to] = a;
      }
    }
    std::size_t count = 0;
    search.run(source, {}, [&](NodeId) { return ++count == stopAfter; });
    for (std::size_t k = 0; k < n; ++k) {
      SCOPED_TRACE("run " + std::to_string(run) + " node " + std::to_string(k));
      ASSERT_EQ(search.reaches(NodeId(k)), bool(settled[k]));
      if (!settled[k]) continue;
      EXPECT_EQ(search.cost(NodeId(k)), cost[k]);
      EXPECT_EQ(search.via(NodeId(k)), via[k]);
    }
  }
}
