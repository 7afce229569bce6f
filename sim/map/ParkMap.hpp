#pragma once
// A map of the park as SVG: zones coloured by kind, roads drawn to their width, shelters sized by
// capacity, stations and hazard sources, with a legend, scale bar and north arrow. Readable in a
// browser or a GIS, printable, and the source of the README's picture.

#include <map>
#include <string>

#include "scenarios/Park.hpp"
#include "scenarios/Substance.hpp"

namespace drillsim {

/// A threat-zone polygon drawn over the zones (e.g. a plume footprint for one level).
struct MapOverlay {
  std::string label;   // for the legend, e.g. "AEGL-2 (60 min)"
  std::string colour;  // SVG colour
  Ring ring;
};

struct MapOptions {
  int width_px = 1400;
  std::string title;
  bool zoneLabels = true;
  std::vector<MapOverlay> overlays;  // drawn in order, under roads and symbols
  std::string note;                  // a line under the legend (weather, release)
  // Zones shaded by a share from 0 to 1 (e.g. the probability of lying in a threat zone), drawn
  // over the zones in five bands with `shareLabel` heading their legend; empty: none.
  std::map<std::string, double> zoneShare;
  std::string shareLabel;
  // Lines from place to place over the roads (e.g. each zone to its shelter), with one legend
  // entry `linksLabel`; a link whose flag is set is drawn in red (e.g. longer than a radius).
  struct Link {
    Point2 from, to;
    bool flagged = false;
  };
  std::vector<Link> links;
  std::string linksLabel, flaggedLabel;
};

/// Text made safe inside SVG or HTML markup (&, <, >, ").
std::string markupEscape(const std::string& s);

std::string parkMapSvg(const Park& park, const SubstanceTable& substances, const MapOptions& options);

/// Fill colour of a zone kind (also used by the front end's legend).
const char* zoneKindColour(ZoneKind kind);
/// A "nice" scale-bar length in metres: 1, 2 or 5 times a power of ten, at most `metres`.
double niceLength(double metres);

}  // namespace drillsim
