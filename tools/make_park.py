#!/usr/bin/env python3
"""Writes the bundled illustrative park data/parks/baofeng/ as a folder of GeoJSON layers.

The park is INVENTED: a plausible county industrial park (产业集聚区) near Baofeng county,
Pingdingshan, Henan, not a survey of any real site. The layout is built on a local metric frame
(x metres east, y metres north of 113.0500 E, 33.8700 N) and projected to WGS 84 lon/lat with a
simple equirectangular approximation, which is adequate over a few kilometres.

Layout: a 6 x 6 grid of blocks, about 2.4 km x 1.9 km, between wide main roads (主干道) and narrower
lanes (支路); some blocks are split by a factory lane (厂区道路). A chemical cluster (chlor-alkali,
fertiliser) lies in the north-east, logistics and an LPG depot in the south-east, villages, a
primary school and the township clinic along the west edge, worker dormitories in the middle. A
county road leads west to the county fire-rescue brigade; a footpath crosses a small farm bridge
to a threshing ground west of the village.

Standard library only and deterministic: running it twice writes the same bytes.
After writing, it reads the files back and checks the rules DrillSim's park loader relies on
(DESIGN.md section 6), printing a summary; it exits with status 1 if any check fails.

Usage: python3 tools/make_park.py [output folder]   (default: data/parks/baofeng next to tools/)
"""

import json
import math
import os
import sys
from collections import defaultdict

ORIGIN_LON = 113.0500
ORIGIN_LAT = 33.8700
M_PER_DEG_LAT = 110540.0
M_PER_DEG_LON = 111320.0 * math.cos(math.radians(ORIGIN_LAT))
DECIMALS = 7

# [SECTION] Grid: column lines (x) and row lines (y), metres in the local frame.
XS = [-1200, -800, -400, 0, 400, 800, 1200]
YS = [-950, -625, -300, 25, 350, 650, 950]

# Each street: (Chinese name, English name, width_m, speed_ms). Main roads 12-24 m at 40 km/h,
# lanes 7-8 m at 20 km/h.
VERTICAL = {
    -1200: ("西环路", "West Ring Road", 16, 11.1),
    -800: ("西一街", "West First Street", 7, 5.6),
    -400: ("建设路", "Jianshe Road", 20, 11.1),
    0: ("中心街", "Central Street", 8, 5.6),
    400: ("化工路", "Huagong (Chemical) Road", 18, 11.1),
    800: ("东一街", "East First Street", 7, 5.6),
    1200: ("东环路", "East Ring Road", 16, 11.1),
}
HORIZONTAL = {
    -950: ("南环路", "South Ring Road", 18, 11.1),
    -625: ("南一街", "South First Street", 7, 5.6),
    -300: ("工业大道", "Gongye (Industry) Avenue", 24, 11.1),
    25: ("中央街", "Central Lane", 8, 5.6),
    350: ("创业大道", "Chuangye (Enterprise) Avenue", 20, 11.1),
    650: ("北一街", "North First Street", 7, 5.6),
    950: ("北环路", "North Ring Road", 16, 11.1),
}
SETBACK_M = 5.0  # from the road edge to the zone boundary
LANE_SETBACK_M = 2.0  # from the edge of a factory lane, which runs between buildings

# Blocks split by a north-south factory lane at their middle:
# (i, j): (Chinese name, English name, width_m, speed_ms, oneway: None | "north" | "south")
SPLIT_LANES = {
    (1, 4): ("卫生院路", "Clinic Lane", 6, 4.2, None),
    (1, 3): ("学校路", "School Lane", 6, 4.2, None),
    (2, 3): ("公园路", "Park Lane", 6, 4.2, None),
    (3, 3): ("孵化路", "Incubator Lane", 6, 4.2, None),
    (2, 1): ("冷库路", "Cold Store Lane (one-way southbound)", 6, 4.2, "south"),
    (3, 2): ("公寓路", "Dormitory Lane", 6, 4.2, None),
    (3, 0): ("物流单行道", "Logistics One-way Lane (northbound)", 6, 4.2, "north"),
    (5, 5): ("氯碱厂区道路", "Chlor-alkali Plant Road", 8, 4.2, None),
}
PLAZA_NODE = (-200, 190)  # extra node on Park Lane, at the entrance of the central square

# [SECTION] Zones: (block i, block j, part W/E/None, name, name_en, kind, pop_day, pop_night).
# Listed north to south, west to east; ids Z01.. follow this order.
ZONES = [
    (0, 5, None, "东庄村北组", "Dongzhuang Village, north group", "residential", 240, 480),
    (1, 5, None, "宏达机械加工厂", "Hongda machining works", "manufacturing", 380, 60),
    (2, 5, None, "鑫源新材料公司", "Xinyuan New Materials Co.", "manufacturing", 380, 70),
    (3, 5, None, "园区110千伏变电站及供水厂", "Park 110 kV substation and waterworks", "utility", 40, 12),
    (4, 5, None, "化肥厂合成氨装置及液氨罐区", "Fertiliser plant: ammonia synthesis and tank farm", "chemical", 160, 40),
    (5, 5, "W", "氯碱厂液氯储罐区", "Chlor-alkali plant: liquid chlorine tank farm", "chemical", 40, 10),
    (5, 5, "E", "氯碱厂烧碱车间", "Chlor-alkali plant: caustic soda unit", "chemical", 110, 30),
    (0, 4, None, "东庄村", "Dongzhuang Village", "residential", 260, 540),
    (1, 4, "W", "镇卫生院", "Township clinic", "clinic", 130, 35),
    (1, 4, "E", "卫生院家属区", "Clinic staff housing", "residential", 90, 200),
    (2, 4, None, "纺织厂", "Textile mill", "manufacturing", 480, 90),
    (3, 4, None, "园区应急救援中心", "Park emergency rescue centre", "utility", 60, 30),
    (4, 4, None, "化肥厂尿素车间", "Fertiliser plant: urea unit", "chemical", 140, 35),
    (5, 4, None, "氯碱厂电解车间", "Chlor-alkali plant: electrolysis hall", "chemical", 150, 35),
    (0, 3, None, "西庄村", "Xizhuang Village", "residential", 240, 500),
    (1, 3, "W", "镇中心小学", "Township central primary school", "school", 620, 8),
    (1, 3, "E", "镇区居民区", "Township residential quarter", "residential", 200, 380),
    (2, 3, "W", "园区管委会", "Park management committee (管委会) building", "office", 240, 10),
    (2, 3, "E", "园区中心公园", "Park central green", "green", 40, 0),
    (3, 3, "W", "园区服务中心", "Park service centre", "office", 280, 10),
    (3, 3, "E", "科技孵化楼", "Technology incubator", "office", 220, 10),
    (4, 3, None, "园区污水处理厂", "Park wastewater treatment plant", "utility", 35, 10),
    (5, 3, None, "精细化工厂", "Fine chemicals plant", "chemical", 130, 30),
    (0, 2, None, "村南居民区", "South village housing", "residential", 200, 400),
    (1, 2, None, "食品加工厂", "Food processing plant", "manufacturing", 420, 80),
    (2, 2, None, "职工公寓一区", "Worker dormitories, block 1", "dormitory", 150, 900),
    (3, 2, "W", "职工公寓二区", "Worker dormitories, block 2", "dormitory", 120, 700),
    (3, 2, "E", "职工活动中心", "Staff activity centre", "office", 180, 40),
    (4, 2, None, "电子组装厂", "Electronics assembly plant", "manufacturing", 560, 150),
    (5, 2, None, "防护绿地", "Protective green belt", "green", 10, 0),
    (0, 1, None, "建材厂", "Building-materials works", "manufacturing", 300, 40),
    (1, 1, None, "汽车零部件厂", "Auto parts factory", "manufacturing", 440, 90),
    (2, 1, "W", "冷库（氨制冷）", "Cold store (ammonia refrigeration)", "warehouse", 90, 20),
    (2, 1, "E", "速冻食品加工车间", "Frozen food processing plant", "manufacturing", 360, 60),
    (3, 1, None, "包装材料厂", "Packaging materials factory", "manufacturing", 320, 50),
    (4, 1, None, "物流园仓库A区", "Logistics park warehouses, area A", "warehouse", 140, 25),
    (5, 1, None, "物流园仓库B区", "Logistics park warehouses, area B", "warehouse", 120, 20),
    (0, 0, None, "园区公交场站", "Park bus depot", "utility", 50, 15),
    (1, 0, None, "钢结构厂", "Steel structures works", "manufacturing", 380, 60),
    (2, 0, None, "家具厂", "Furniture factory", "manufacturing", 340, 40),
    (3, 0, "W", "物流分拣中心", "Logistics sorting centre", "warehouse", 260, 90),
    (3, 0, "E", "货车停车场", "Truck park", "warehouse", 30, 20),
    (4, 0, None, "物流园百货仓库", "Logistics park general-goods warehouse", "warehouse", 110, 15),
    (5, 0, None, "液化石油气储配站", "LPG storage and filling depot", "chemical", 30, 6),
]

# [SECTION] Shelters: (id, name, name_en, kind, capacity, point (x, y)); S01 is a polygon below.
SHELTERS = [
    ("S02", "园区管委会办公楼", "Management committee office building", "indoor", 500, (-382, 332)),
    ("S03", "镇中心小学操场", "Primary school sports ground", "outdoor", 900, (-618, 43)),
    ("S04", "东庄村文化广场", "Dongzhuang village square", "outdoor", 800, (-1182, 518)),
    ("S05", "村西打谷场", "Threshing ground west of the village", "outdoor", 150, (-1462, 512)),
    ("S06", "职工活动中心体育馆", "Staff activity centre sports hall", "indoor", 1500, (382, 7)),
    ("S07", "园区服务中心会议楼", "Service centre conference building", "indoor", 700, (18, 332)),
    ("S08", "物流园货车停车场", "Logistics park truck park", "outdoor", 1200, (382, -643)),
    ("S09", "防护绿地临时避难点", "Green-belt assembly point", "outdoor", 1000, (818, 7)),
    ("S10", "西区工业广场", "West industrial square", "outdoor", 1000, (-818, -318)),
    ("S11", "北区厂前广场", "North factory forecourt", "outdoor", 600, (-382, 668)),
    ("S12", "镇区社区服务中心", "Township community centre", "indoor", 300, (-418, 43)),
]
# Central square: 40 m x 160 m beside Park Lane, about 6,400 m2 at 2 m2 per person.
S01 = ("S01", "园区中心公园应急避难广场", "Central park emergency square", "outdoor", 3000,
       [(-195, 110), (-155, 110), (-155, 270), (-195, 270)])

# [SECTION] Stations and hazard sources
STATIONS = [
    ("ST1", "县消防救援大队", "County fire and rescue brigade", (-3310, -215)),
    ("ST2", "园区危化品救援队", "Park hazmat rescue team", (382, 632)),
    ("ST3", "氯碱厂企业兼职救援队", "Chlor-alkali plant part-time rescue team", (818, 632)),
    ("ST4", "县120急救站卫生院分站", "County 120 ambulance post at the township clinic", (-782, 368)),
]
# The county road to the brigade leaves the park at the west end of Central Lane.
ACCESS_ROAD = ("县道宝园线", "County road to the park", 12, 16.7,
               [(-1200, 25), (-1900, 25), (-2500, -80), (-3300, -200)])
# Footpath across a farm bridge to the threshing ground (capacity set by the bridge).
FOOTPATH = ("村西小桥便道", "Footpath over the farm bridge", 3, 2.8, 2.0, [(-1200, 500), (-1450, 500)])

# (id, name, name_en, substance, inventory_kg, point (x, y), zone id)
SOURCES = [
    ("HS1", "氯碱厂液氯储罐", "Liquid chlorine storage tanks", "chlorine", 50000, (900, 800), "Z06"),
    ("HS2", "化肥厂液氨储罐", "Liquid ammonia storage tanks", "ammonia", 200000, (600, 820), "Z05"),
    ("HS3", "冷库氨制冷机房", "Ammonia refrigeration machine room", "ammonia", 15000, (-320, -460), "Z33"),
    ("HS4", "液化石油气球罐", "LPG storage spheres", "lpg", 300000, (1010, -800), "Z44"),
    ("HS5", "精细化工厂脱硫装置", "Desulphurisation unit", "hydrogen_sulfide", 2000, (1000, 190), "Z23"),
]

SUBSTANCES = {"chlorine", "ammonia", "lpg", "hydrogen_sulfide"}
KINDS = {"chemical", "manufacturing", "warehouse", "office", "dormitory", "residential", "school",
         "clinic", "utility", "green"}


# [SECTION] Geometry helpers
def to_lonlat(p):
    x, y = p
    return [round(ORIGIN_LON + x / M_PER_DEG_LON, DECIMALS), round(ORIGIN_LAT + y / M_PER_DEG_LAT, DECIMALS)]


def to_xy(c):
    return ((c[0] - ORIGIN_LON) * M_PER_DEG_LON, (c[1] - ORIGIN_LAT) * M_PER_DEG_LAT)


def split_x(i):
    return (XS[i] + XS[i + 1]) // 2


def zone_rect(i, j, part):
    """Block (i, j) inset from its road edges; the west or east half when split."""
    x0, x1, y0, y1 = XS[i], XS[i + 1], YS[j], YS[j + 1]
    west = x0 + VERTICAL[x0][2] / 2 + SETBACK_M
    east = x1 - VERTICAL[x1][2] / 2 - SETBACK_M
    south = y0 + HORIZONTAL[y0][2] / 2 + SETBACK_M
    north = y1 - HORIZONTAL[y1][2] / 2 - SETBACK_M
    if part:
        lane_half = SPLIT_LANES[(i, j)][2] / 2
        mid = split_x(i)
        if part == "W":
            east = mid - lane_half - LANE_SETBACK_M
        else:
            west = mid + lane_half + LANE_SETBACK_M
    return [(west, south), (east, south), (east, north), (west, north)]


def ccw_ring(points):
    area = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1]))
    ring = list(points) if area > 0 else list(reversed(points))
    return ring + [ring[0]]


def dist(a, b):
    return math.hypot(a[0] - b[0], a[1] - b[1])


def point_in_ring(p, ring):
    inside = False
    for a, b in zip(ring, ring[1:]):
        if (a[1] > p[1]) != (b[1] > p[1]):
            x = a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
            if x > p[0]:
                inside = not inside
    return inside


def orient(a, b, c):
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(p1, p2, q1, q2):
    """True when the closed segments p1p2 and q1q2 share any point."""
    d1, d2 = orient(q1, q2, p1), orient(q1, q2, p2)
    d3, d4 = orient(p1, p2, q1), orient(p1, p2, q2)
    if ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and d1 and d2 and d3 and d4:
        return True

    def on_seg(a, b, c):
        return min(a[0], b[0]) - 1e-9 <= c[0] <= max(a[0], b[0]) + 1e-9 and \
            min(a[1], b[1]) - 1e-9 <= c[1] <= max(a[1], b[1]) + 1e-9

    return (abs(d1) < 1e-6 and on_seg(q1, q2, p1)) or (abs(d2) < 1e-6 and on_seg(q1, q2, p2)) or \
        (abs(d3) < 1e-6 and on_seg(p1, p2, q1)) or (abs(d4) < 1e-6 and on_seg(p1, p2, q2))


# [SECTION] Building the layers
def build_roads():
    """Every street split at every junction on it: junction coordinates are shared exactly."""
    roads = []  # (name, name_en, width_m, speed_ms, oneway, capacity_pps, [points])
    breaks_h = {y: set(XS) for y in YS}
    breaks_v = {x: set(YS) for x in XS}
    for (i, j) in SPLIT_LANES:
        breaks_h[YS[j]].add(split_x(i))
        breaks_h[YS[j + 1]].add(split_x(i))
    breaks_v[FOOTPATH[5][0][0]].add(FOOTPATH[5][0][1])
    for y in YS:
        name, name_en, w, v = HORIZONTAL[y]
        xs = sorted(breaks_h[y])
        for a, b in zip(xs, xs[1:]):
            roads.append((name, name_en, w, v, 0, None, [(a, y), (b, y)]))
    for x in XS:
        name, name_en, w, v = VERTICAL[x]
        ys = sorted(breaks_v[x])
        for a, b in zip(ys, ys[1:]):
            roads.append((name, name_en, w, v, 0, None, [(x, a), (x, b)]))
    for (i, j), (name, name_en, w, v, oneway) in sorted(SPLIT_LANES.items(), key=lambda kv: (-kv[0][1], kv[0][0])):
        x = split_x(i)
        ys = [YS[j], YS[j + 1]]
        if PLAZA_NODE[0] == x and YS[j] < PLAZA_NODE[1] < YS[j + 1]:
            ys = [YS[j], PLAZA_NODE[1], YS[j + 1]]
        if oneway == "south":
            ys = list(reversed(ys))
        for a, b in zip(ys, ys[1:]):
            roads.append((name, name_en, w, v, 1 if oneway else 0, None, [(x, a), (x, b)]))
    name, name_en, w, v, pts = ACCESS_ROAD
    roads.append((name, name_en, w, v, 0, None, pts))
    name, name_en, w, v, cap, pts = FOOTPATH
    roads.append((name, name_en, w, v, 0, cap, pts))
    return roads


def feature(geometry, props):
    return {"type": "Feature", "properties": props, "geometry": geometry}


def write_layer(folder, layer, features):
    path = os.path.join(folder, layer + ".geojson")
    lines = ['{"type": "FeatureCollection", "name": "%s", "features": [' % layer]
    for k, f in enumerate(features):
        sep = "," if k + 1 < len(features) else ""
        lines.append(json.dumps(f, ensure_ascii=False, separators=(",", ":")) + sep)
    lines.append("]}")
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(lines) + "\n")


def build(folder):
    os.makedirs(folder, exist_ok=True)
    zones = []
    for k, (i, j, part, name, name_en, kind, day, night) in enumerate(ZONES):
        ring = ccw_ring(zone_rect(i, j, part))
        zones.append(feature({"type": "Polygon", "coordinates": [[to_lonlat(p) for p in ring]]},
                             {"id": "Z%02d" % (k + 1), "name": name, "name_en": name_en, "kind": kind,
                              "pop_day": day, "pop_night": night}))
    roads = []
    for k, (name, name_en, w, v, oneway, cap, pts) in enumerate(build_roads()):
        props = {"id": "R%03d" % (k + 1), "name": name, "name_en": name_en, "width_m": w, "speed_ms": v,
                 "oneway": oneway}
        if cap is not None:
            props["capacity_pps"] = cap
        roads.append(feature({"type": "LineString", "coordinates": [to_lonlat(p) for p in pts]}, props))
    shelters = []
    sid, name, name_en, kind, cap, ring = S01
    shelters.append(feature({"type": "Polygon", "coordinates": [[to_lonlat(p) for p in ccw_ring(ring)]]},
                            {"id": sid, "name": name, "name_en": name_en, "capacity": cap, "kind": kind}))
    for sid, name, name_en, kind, cap, p in SHELTERS:
        shelters.append(feature({"type": "Point", "coordinates": to_lonlat(p)},
                                {"id": sid, "name": name, "name_en": name_en, "capacity": cap, "kind": kind}))
    stations = [feature({"type": "Point", "coordinates": to_lonlat(p)}, {"id": sid, "name": n, "name_en": ne})
                for sid, n, ne, p in STATIONS]
    sources = [feature({"type": "Point", "coordinates": to_lonlat(p)},
                       {"id": hid, "name": n, "name_en": ne, "substance": s, "inventory_kg": inv, "zone": z})
               for hid, n, ne, s, inv, p, z in SOURCES]
    for layer, feats in (("zones", zones), ("roads", roads), ("shelters", shelters), ("stations", stations),
                         ("hazard_sources", sources)):
        write_layer(folder, layer, feats)


# [SECTION] Self-check on the files as written
def load(folder, layer):
    with open(os.path.join(folder, layer + ".geojson"), encoding="utf-8") as f:
        return json.load(f)["features"]


def check(folder):
    problems = []
    zones, roads = load(folder, "zones"), load(folder, "roads")
    shelters, stations, sources = load(folder, "shelters"), load(folder, "stations"), load(folder, "hazard_sources")

    # Road graph: endpoints within 1 m are one node.
    nodes = []

    def node_at(p):
        for k, q in enumerate(nodes):
            if dist(p, q) < 1.0:
                return k
        nodes.append(p)
        return len(nodes) - 1

    arcs = defaultdict(set)
    undirected = defaultdict(set)
    lines = []
    for r in roads:
        pts = [to_xy(c) for c in r["geometry"]["coordinates"]]
        a, b = node_at(pts[0]), node_at(pts[-1])
        lines.append((r["properties"]["id"], pts))
        arcs[a].add(b)
        if not r["properties"]["oneway"]:
            arcs[b].add(a)
        undirected[a].add(b)
        undirected[b].add(a)
        if r["properties"]["width_m"] <= 0:
            problems.append("road %s: width_m must be > 0" % r["properties"]["id"])

    def reach(adj, start):
        seen, stack = {start}, [start]
        while stack:
            for m in adj[stack.pop()]:
                if m not in seen:
                    seen.add(m)
                    stack.append(m)
        return seen

    reverse = defaultdict(set)
    for a, bs in arcs.items():
        for b in bs:
            reverse[b].add(a)
    connected = len(reach(undirected, 0)) == len(nodes)
    strong = len(reach(arcs, 0)) == len(nodes) and len(reach(reverse, 0)) == len(nodes)
    if not connected:
        problems.append("road network is not connected")
    if not strong:
        problems.append("road network is not strongly connected with oneway roads")

    # Roads meet only at shared endpoints.
    crossings = 0
    for k, (id1, p) in enumerate(lines):
        for id2, q in lines[k + 1:]:
            ends = {node_at(p[0]), node_at(p[-1])} & {node_at(q[0]), node_at(q[-1])}
            for a1, a2 in zip(p, p[1:]):
                for b1, b2 in zip(q, q[1:]):
                    if not segments_cross(a1, a2, b1, b2):
                        continue
                    shared = any(dist(x, nodes[n]) < 1.0 for n in ends for x in (a1, a2)) and \
                        any(dist(x, nodes[n]) < 1.0 for n in ends for x in (b1, b2))
                    if not shared:
                        crossings += 1
                        problems.append("roads %s and %s cross without a shared endpoint" % (id1, id2))

    def nearest_node(p):
        return min(dist(p, q) for q in nodes)

    # Zones: kinds, populations, no overlap, beside a road.
    rings = {}
    for z in zones:
        pr = z["properties"]
        ring = [to_xy(c) for c in z["geometry"]["coordinates"][0]]
        rings[pr["id"]] = ring
        if pr["kind"] not in KINDS:
            problems.append("zone %s: unknown kind %s" % (pr["id"], pr["kind"]))
        if not (isinstance(pr["pop_day"], int) and isinstance(pr["pop_night"], int)):
            problems.append("zone %s: populations must be integers" % pr["id"])
        if min(nearest_node(p) for p in ring) > 60:
            problems.append("zone %s is more than 60 m from every road node" % pr["id"])
    ids = sorted(rings)
    for k, a in enumerate(ids):
        for b in ids[k + 1:]:
            ra, rb = rings[a], rings[b]
            edges_meet = any(segments_cross(p1, p2, q1, q2) for p1, p2 in zip(ra, ra[1:]) for q1, q2 in zip(rb, rb[1:]))
            if edges_meet or point_in_ring(ra[0], rb) or point_in_ring(rb[0], ra):
                problems.append("zones %s and %s overlap or touch" % (a, b))
    access = [nearest_node(centroid(ring)) for ring in rings.values()]

    # Shelters and stations near a node; hazard sources inside their zone.
    shelter_access = []
    for s in shelters:
        g = s["geometry"]
        if g["type"] == "Point":
            p = to_xy(g["coordinates"])
        else:
            p = centroid([to_xy(c) for c in g["coordinates"][0]])
        d = nearest_node(p)
        shelter_access.append(d)
        if d > 30:
            problems.append("shelter %s is %.0f m from the nearest road node" % (s["properties"]["id"], d))
        if s["properties"]["kind"] not in ("indoor", "outdoor") or not isinstance(s["properties"]["capacity"], int):
            problems.append("shelter %s: bad kind or capacity" % s["properties"]["id"])
    for s in stations:
        d = nearest_node(to_xy(s["geometry"]["coordinates"]))
        if d > 30:
            problems.append("station %s is %.0f m from the nearest road node" % (s["properties"]["id"], d))
    for h in sources:
        pr = h["properties"]
        if pr["substance"] not in SUBSTANCES:
            problems.append("source %s: unknown substance %s" % (pr["id"], pr["substance"]))
        if pr["zone"] not in rings or not point_in_ring(to_xy(h["geometry"]["coordinates"]), rings[pr["zone"]]):
            problems.append("source %s does not lie inside zone %s" % (pr["id"], pr["zone"]))

    # Counts.
    kinds = defaultdict(int)
    for s in shelters:
        kinds[s["properties"]["kind"]] += 1
    substances = {h["properties"]["substance"] for h in sources}
    minimums = [(len(zones) >= 40, "at least 40 zones"), (len(roads) >= 80, "at least 80 roads"),
                (len(shelters) >= 8 and kinds["indoor"] and kinds["outdoor"], "at least 8 shelters of both kinds"),
                (any(s["geometry"]["type"] == "Polygon" for s in shelters), "a polygon shelter"),
                (len(stations) >= 3, "at least 3 stations"),
                (len(sources) >= 4 and len(substances) >= 3, "at least 4 hazard sources of 3 substances")]
    problems += ["missing: " + what for ok, what in minimums if not ok]

    day = sum(z["properties"]["pop_day"] for z in zones)
    night = sum(z["properties"]["pop_night"] for z in zones)
    capacity = sum(s["properties"]["capacity"] for s in shelters)
    if capacity < 1.1 * max(day, night):
        problems.append("shelter capacity %d is less than 110 %% of the population" % capacity)
    oneway = sum(1 for r in roads if r["properties"]["oneway"])
    print("park %s" % folder)
    print("  zones %d, roads %d (%d oneway, %d with capacity_pps), road nodes %d" %
          (len(zones), len(roads), oneway, sum(1 for r in roads if "capacity_pps" in r["properties"]), len(nodes)))
    print("  shelters %d (indoor %d, outdoor %d; %d polygon), stations %d, hazard sources %d (%s)" %
          (len(shelters), kinds["indoor"], kinds["outdoor"],
           sum(1 for s in shelters if s["geometry"]["type"] == "Polygon"), len(stations), len(sources),
           ", ".join(sorted(substances))))
    print("  population day %d, night %d; shelter capacity %d (%.0f %% of day, %.0f %% of night)" %
          (day, night, capacity, 100.0 * capacity / day, 100.0 * capacity / night))
    print("  road network connected: %s; strongly connected with oneway: %s; crossings without a node: %d" %
          (connected, strong, crossings))
    print("  zone centroid to nearest node: max %.0f m; shelter/station to node: max %.0f m" %
          (max(access), max(shelter_access + [nearest_node(to_xy(s["geometry"]["coordinates"])) for s in stations])))
    for p in problems:
        print("  PROBLEM: " + p)
    print("  self-check: %s" % ("passed" if not problems else "FAILED (%d problems)" % len(problems)))
    return not problems


def centroid(ring):
    """Area centroid of a closed ring."""
    a = cx = cy = 0.0
    for p, q in zip(ring, ring[1:]):
        c = p[0] * q[1] - q[0] * p[1]
        a += c
        cx += (p[0] + q[0]) * c
        cy += (p[1] + q[1]) * c
    return (cx / (3 * a), cy / (3 * a))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "data", "parks", "baofeng")
    folder = os.path.normpath(folder)
    build(folder)
    return 0 if check(folder) else 1


if __name__ == "__main__":
    sys.exit(main())
