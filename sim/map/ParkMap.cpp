#include "sim/map/ParkMap.hpp"

#include "scenarios/I18n.hpp"
#include "scenarios/NumberText.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

namespace drillsim {

namespace {
// SVG coordinates, sizes and opacities, to a tenth (fixedNumber).
std::string pixels(double v) { return fixedNumber(v, 1); }


// Metric coordinates to SVG pixels (y grows downwards in SVG).
struct Frame {
  double minX = 0, maxY = 0, scale = 1, margin = 0, top = 0;
  double x(double xm) const { return margin + (xm - minX) * scale; }
  double y(double ym) const { return top + (maxY - ym) * scale; }
};

}  // namespace

std::string markupEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}


double niceLength(double metres) {
  const double p = std::pow(10.0, std::floor(std::log10(metres)));
  for (double f : {5.0, 2.0, 1.0})
    if (f * p <= metres) return f * p;
  return p;
}

const char* zoneKindColour(ZoneKind kind) {
  switch (kind) {
    case ZoneKind::Chemical: return "#e99a8f";
    case ZoneKind::Manufacturing: return "#c9b7e3";
    case ZoneKind::Warehouse: return "#efd08c";
    case ZoneKind::Office: return "#a9c9ef";
    case ZoneKind::Dormitory: return "#f2bfd8";
    case ZoneKind::Residential: return "#f6e7ae";
    case ZoneKind::School: return "#ffc46b";
    case ZoneKind::Clinic: return "#ff9f9f";
    case ZoneKind::Utility: return "#c4c4c4";
    case ZoneKind::Green: return "#b5dea9";
  }
  return "#dddddd";
}

namespace {
/// Opacity of the five bands of zone shares (0-20 % ... 80-100 %).
constexpr double kBandOpacity[] = {0.12, 0.3, 0.48, 0.66, 0.84};

/// One map being drawn: its frame (from the park's bounds and the legend's height), then each
/// layer in drawing order, then the legend beside it.
class SvgMap {
 public:
  SvgMap(const Park& p, const SubstanceTable& t, const MapOptions& o) : park(p), substances(t), options(o) {
    frame();
  }

  std::string draw() {
    header();
    zones();
    zoneShares();
    threatZones();
    roads();
    zoneLabels();
    shelters();
    stations();
    hazardSources();
    scaleAndNorth();
    legend();
    svg << "</g>\n</svg>\n";
    return svg.str();
  }

 private:
  /// The frame: the park and the threat zones fit beside the legend, tall enough for both.
  void frame() {
    Bounds box = parkBounds(park);
    for (const auto& o : options.overlays) box.add(o.ring);
    if (box.empty()) box = {0, 0, 1, 1};
    minX = box.minX;
    minY = box.minY;
    maxX = box.maxX;
    maxY = box.maxY;

    f.margin = 30;
    f.top = 70;
    f.minX = minX;
    f.maxY = maxY;
    mapWidth = options.width_px - legendWidth - 2 * f.margin - labelRoom;
    f.scale = mapWidth / std::max(1.0, maxX - minX);
    // Tall enough for the map and for the legend beside it.
    const int noteLines = options.note.empty() ? 0 : 1 + int(std::count(options.note.begin(), options.note.end(), '\n'));
    const double legendBottom = f.top + 10 + 22.0 * double(zoneKindNames().size()) + 34 +
                                24.0 * double(8 + options.overlays.size()) + 40 + 16.0 * noteLines + 30 +
                                (options.zoneShare.empty() ? 0 : 34 + 24.0 * 5);
    height = std::max(f.top + (maxY - minY) * f.scale + 60, legendBottom);
  }

  /// The document, its background and the title. The viewBox lets a page scale the map to its
  /// column (a document's figure) instead of cutting it.
  void header() {
    svg << R"(<?xml version="1.0" encoding="UTF-8"?>)" << "\n"
        << R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" << options.width_px << R"(" height=")" << pixels(height)
        << R"(" viewBox="0 0 )" << options.width_px << " " << pixels(height) << R"(" font-family="WenQuanYi Micro Hei, Noto Sans CJK SC, DrillSim CJK, sans-serif">)" << "\n"
        << R"(<rect width="100%" height="100%" fill="#fbfbf8"/>)" << "\n";
    svg << R"(<text x=")" << f.margin << R"(" y="38" font-size="24" font-weight="bold">)" << markupEscape(options.title)
        << "</text>\n";
  }

  /// The zones, coloured by kind (plain under shares).
  void zones() {
    svg << "<g id=\"zones\" stroke=\"#7a7a7a\" stroke-width=\"0.8\">\n";
    for (const auto& z : park.zones) {
      // Under shares the zones are plain, so that the shading alone carries the figure.
      svg << R"(<path fill=")" << (options.zoneShare.empty() ? zoneKindColour(z.kind) : std::string("#f1f1ec"))
          << R"(" fill-rule="evenodd" d=")";
      auto ring = [&](const Ring& r) {
        for (std::size_t i = 0; i < r.size(); ++i) svg << (i ? "L" : "M") << pixels(f.x(r[i].x_m)) << " " << pixels(f.y(r[i].y_m));
        svg << "Z";
      };
      for (const auto& r : z.outer) ring(r);
      for (const auto& r : z.holes) ring(r);
      // The zone's English name beside its own for English readers only.
      const std::string english = i18n::language() == i18n::Language::Chinese || z.name_en.empty() ? "" : " (" + z.name_en + ")";
      svg << R"("><title>)" << markupEscape(z.id + " " + z.name + english + ", " + shownWord(z.kind) + ", " +
                                        tf("day {1}, night {2}", z.pop_day, z.pop_night))
          << "</title></path>\n";
    }
    svg << "</g>\n";
  }

  /// Shares (probabilities) over the zones, in five bands of one red.
  void zoneShares() {
    if (!options.zoneShare.empty()) {
      svg << "<g id=\"zone-shares\" stroke=\"#8b0000\" stroke-width=\"0.8\">\n";
      for (const auto& z : park.zones) {
        const auto it = options.zoneShare.find(z.id);
        if (it == options.zoneShare.end() || it->second <= 0) continue;
        svg << R"(<path fill="#c00000" fill-opacity=")" << pixels(kBandOpacity[std::size_t(std::min(4, int(it->second * 5)))]) << R"(" d=")";
        for (const auto& r : z.outer)
          for (std::size_t i = 0; i < r.size(); ++i) svg << (i ? "L" : "M") << pixels(f.x(r[i].x_m)) << " " << pixels(f.y(r[i].y_m));
        svg << R"(Z"><title>)" << markupEscape(z.id + " " + z.name + ": " + pixels(it->second * 100) + " %") << "</title></path>\n";
      }
      svg << "</g>\n";
    }
  }

  /// Threat zones over the zones, translucent so that the zones still show through.
  void threatZones() {
    svg << "<clipPath id=\"map-area\"><rect x=\"0\" y=\"" << pixels(f.top - 20) << "\" width=\""
        << pixels(f.margin + mapWidth + labelRoom) << "\" height=\"" << pixels(height - f.top - 30) << "\"/></clipPath>\n";
    svg << "<g id=\"threat-zones\" fill-opacity=\"0.35\" stroke-width=\"1.5\" clip-path=\"url(#map-area)\">\n";
    for (const auto& o : options.overlays) {
      if (o.ring.empty()) continue;
      svg << R"(<path fill=")" << o.colour << R"(" stroke=")" << o.colour << R"(" d=")";
      for (std::size_t i = 0; i < o.ring.size(); ++i)
        svg << (i ? "L" : "M") << pixels(f.x(o.ring[i].x_m)) << " " << pixels(f.y(o.ring[i].y_m));
      svg << R"(Z"><title>)" << markupEscape(o.label) << "</title></path>\n";
    }
    svg << "</g>\n";
  }

  /// Roads, widest drawn last so that main roads sit on top of lanes.
  void roads() {
    std::vector<const Road*> roads;
    for (const auto& r : park.roads) roads.push_back(&r);
    std::sort(roads.begin(), roads.end(), [](const Road* a, const Road* b) { return a->width_m < b->width_m; });
    svg << "<g id=\"roads\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n";
    for (const Road* r : roads) {
      const double w = std::max(1.2, r->width_m * f.scale);
      svg << R"(<polyline stroke=")" << (r->width_m >= 12 ? "#5b5b5b" : "#8d8d8d") << R"(" stroke-width=")" << pixels(w) << "\"";
      if (r->oneway) svg << R"( stroke-dasharray=")" << pixels(3 * w) << " " << pixels(1.5 * w) << "\"";
      svg << R"( points=")";
      for (auto p : r->line) svg << pixels(f.x(p.x_m)) << "," << pixels(f.y(p.y_m)) << " ";
      svg << R"("><title>)" << markupEscape(r->id + " " + r->name + " " + pixels(r->width_m) + " m" + (r->oneway ? tr(", oneway") : ""))
          << "</title></polyline>\n";
    }
    svg << "</g>\n";
  }

  /// The zones' ids at their centroids.
  void zoneLabels() {
    if (options.zoneLabels) {
      svg << "<g id=\"zone-labels\" font-size=\"10\" fill=\"#333\" text-anchor=\"middle\">\n";
      for (const auto& z : park.zones)
        svg << R"(<text x=")" << pixels(f.x(z.centroid.x_m)) << R"(" y=")" << pixels(f.y(z.centroid.y_m) + 3) << "\">"
            << markupEscape(z.id) << "</text>\n";
      svg << "</g>\n";
    }
  }

  /// Lines from place to place, then shelters: area proportional to capacity; squares indoor, circles outdoor.
  void shelters() {
    if (!options.links.empty()) {
      svg << "<g id=\"links\" stroke-width=\"1.6\" stroke-dasharray=\"5 3\" fill=\"none\">\n";
      for (const auto& l : options.links)
        svg << "<line x1=\"" << pixels(f.x(l.from.x_m)) << "\" y1=\"" << pixels(f.y(l.from.y_m)) << "\" x2=\"" << pixels(f.x(l.to.x_m))
            << "\" y2=\"" << pixels(f.y(l.to.y_m)) << "\" stroke=\"" << (l.flagged ? "#c00000" : "#1d5e20") << "\"/>\n";
      svg << "</g>\n";
    }
    svg << "<g id=\"shelters\" stroke=\"#1d5e20\" stroke-width=\"1.5\" font-size=\"12\">\n";
    for (const auto& s : park.shelters) {
      const double r = 4 + 0.22 * std::sqrt(double(std::max(0, s.capacity)));
      const double cx = f.x(s.position.x_m), cy = f.y(s.position.y_m);
      const std::string title =
          "<title>" + markupEscape(s.id + " " + s.name + ", " + shownWord(s.kind) + ", " + tf("capacity {1}", s.capacity)) + "</title>";
      if (s.kind == ShelterKind::Indoor)
        svg << R"(<rect x=")" << pixels(cx - r) << R"(" y=")" << pixels(cy - r) << R"(" width=")" << pixels(2 * r) << R"(" height=")"
            << pixels(2 * r) << R"(" fill="#3fa34d" fill-opacity="0.85">)" << title << "</rect>\n";
      else
        svg << R"(<circle cx=")" << pixels(cx) << R"(" cy=")" << pixels(cy) << R"(" r=")" << pixels(r)
            << R"(" fill="#7ed17f" fill-opacity="0.85">)" << title << "</circle>\n";
      svg << R"(<text x=")" << pixels(cx + r + 3) << R"(" y=")" << pixels(cy + 4) << R"(" stroke="#fbfbf8" stroke-width="3" paint-order="stroke" fill="#1d5e20">)"
          << markupEscape(s.id) << "</text>\n";
    }
    svg << "</g>\n";
  }

  /// Rescue stations, as blue diamonds.
  void stations() {
    svg << "<g id=\"stations\" font-size=\"12\">\n";
    for (const auto& s : park.stations) {
      const double cx = f.x(s.position.x_m), cy = f.y(s.position.y_m);
      svg << R"(<path d="M)" << pixels(cx) << " " << pixels(cy - 9) << "L" << pixels(cx + 9) << " " << pixels(cy) << "L" << pixels(cx)
          << " " << pixels(cy + 9) << "L" << pixels(cx - 9) << " " << pixels(cy) << R"(Z" fill="#2b6cd4" stroke="#123"><title>)"
          << markupEscape(s.id + " " + s.name) << "</title></path>\n"
          << R"(<text x=")" << pixels(cx + 11) << R"(" y=")" << pixels(cy + 4) << R"(" stroke="#fbfbf8" stroke-width="3" paint-order="stroke" fill="#123d80">)" << markupEscape(s.id)
          << "</text>\n";
    }
    svg << "</g>\n";
  }

  /// Hazard sources, as red triangles named by their substance.
  void hazardSources() {
    svg << "<g id=\"hazard-sources\" font-size=\"12\" font-weight=\"bold\">\n";
    for (const auto& s : park.sources) {
      const double cx = f.x(s.position.x_m), cy = f.y(s.position.y_m);
      const Substance* sub = substances.find(s.substance);
      std::string name = sub && !sub->name_zh.empty() ? sub->name_zh : s.substance;
      if (auto paren = name.find("（"); paren != std::string::npos) name.erase(paren);  // drop "(as propane)" notes
      const std::string label = s.id + " " + name;
      svg << R"(<path d="M)" << pixels(cx) << " " << pixels(cy - 10) << "L" << pixels(cx + 9) << " " << pixels(cy + 7) << "L"
          << pixels(cx - 9) << " " << pixels(cy + 7) << R"(Z" fill="#d62828" stroke="#5a0000"><title>)"
          << markupEscape(s.id + " " + s.name + ", " + (sub && !sub->name_zh.empty() ? sub->name_zh : s.substance) + ", " +
                          pixels(s.inventory_kg / 1000) + " t")
          << "</title></path>\n"
          << R"(<text x=")" << pixels(cx + 11) << R"(" y=")" << pixels(cy + 5) << R"(" stroke="#fbfbf8" stroke-width="3" paint-order="stroke" fill="#8a0000">)" << markupEscape(label)
          << "</text>\n";
    }
    svg << "</g>\n";
  }

  /// Scale bar and north arrow (the map is drawn in the projected CRS, grid north up).
  void scaleAndNorth() {
    const double barMetres = niceLength((maxX - minX) / 5);
    const double bx = f.margin, by = height - 25;
    svg << R"(<g id="scale" font-size="12"><rect x=")" << pixels(bx) << R"(" y=")" << pixels(by) << R"(" width=")"
        << pixels(barMetres * f.scale) << R"(" height="6" fill="#222"/><text x=")" << pixels(bx) << R"(" y=")" << pixels(by - 5)
        << "\">" << (barMetres >= 1000 ? std::to_string(int(barMetres / 1000)) + " km" : std::to_string(int(barMetres)) + " m") << "</text></g>\n";
    const double nx = options.width_px - 40, ny = 20;
    svg << R"(<g id="north"><path d="M)" << pixels(nx) << " " << pixels(ny) << "L" << pixels(nx + 10) << " " << pixels(ny + 30) << "L"
        << pixels(nx) << " " << pixels(ny + 22) << "L" << pixels(nx - 10) << " " << pixels(ny + 30)
        << R"(Z" fill="#222"/><text x=")" << pixels(nx) << R"(" y=")" << pixels(ny + 46)
        << R"(" font-size="14" text-anchor="middle">N</text></g>)" << "\n";
  }

  /// The legend: zone kinds (or the shares' bands), features, overlays, the CRS and the note.
  void legend() {
    double lx = options.width_px - legendWidth + 10, ly = f.top + 10;
    svg << "<g id=\"legend\" font-size=\"13\">\n";
    if (options.zoneShare.empty())
      svg << "<text x=\"" << pixels(lx) << "\" y=\"" << pixels(ly) << "\" font-weight=\"bold\">" << tr("Zones") << "</text>\n";
    else
      ly -= 34;  // no zone kinds: the features head the legend
    for (std::size_t k = 0; k < zoneKindNames().size() && options.zoneShare.empty(); ++k) {
      ly += 22;
      svg << R"(<rect x=")" << pixels(lx) << R"(" y=")" << pixels(ly - 12) << R"(" width="22" height="14" stroke="#7a7a7a" fill=")"
          << zoneKindColour(static_cast<ZoneKind>(k)) << R"("/><text x=")" << pixels(lx + 30) << R"(" y=")" << pixels(ly) << "\">"
          << shownWord(static_cast<ZoneKind>(k)) << "</text>\n";
    }
    ly += 34;
    svg << "<text x=\"" << pixels(lx) << "\" y=\"" << pixels(ly) << "\" font-weight=\"bold\">" << tr("Features") << "</text>\n";
    auto item = [&](const std::string& symbol, const std::string& text) {
      ly += 24;
      svg << symbol << R"(<text x=")" << pixels(lx + 30) << R"(" y=")" << pixels(ly) << "\">" << markupEscape(text) << "</text>\n";
    };
    item("<circle cx=\"" + pixels(lx + 11) + "\" cy=\"" + pixels(ly + 20) + "\" r=\"8\" fill=\"#7ed17f\" stroke=\"#1d5e20\"/>",
         tr("outdoor shelter (area ~ capacity)"));
    item("<rect x=\"" + pixels(lx + 3) + "\" y=\"" + pixels(ly + 12) + "\" width=\"16\" height=\"16\" fill=\"#3fa34d\" stroke=\"#1d5e20\"/>",
         tr("indoor shelter"));
    item("<path d=\"M" + pixels(lx + 11) + " " + pixels(ly + 11) + "l9 9l-9 9l-9 -9Z\" fill=\"#2b6cd4\"/>", tr("rescue station"));
    item("<path d=\"M" + pixels(lx + 11) + " " + pixels(ly + 10) + "l9 17h-18Z\" fill=\"#d62828\"/>", tr("hazard source"));
    item("<line x1=\"" + pixels(lx) + "\" y1=\"" + pixels(ly + 20) + "\" x2=\"" + pixels(lx + 22) + "\" y2=\"" + pixels(ly + 20) +
             "\" stroke=\"#5b5b5b\" stroke-width=\"5\"/>",
         tr("main road (width to scale)"));
    item("<line x1=\"" + pixels(lx) + "\" y1=\"" + pixels(ly + 20) + "\" x2=\"" + pixels(lx + 22) + "\" y2=\"" + pixels(ly + 20) +
             "\" stroke=\"#8d8d8d\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>",
         tr("oneway lane"));
    if (!options.links.empty()) {
      auto line = [&](const char* colour) {
        return "<line x1=\"" + pixels(lx) + "\" y1=\"" + pixels(ly + 20) + "\" x2=\"" + pixels(lx + 22) + "\" y2=\"" + pixels(ly + 20) +
               "\" stroke=\"" + colour + "\" stroke-width=\"1.6\" stroke-dasharray=\"5 3\"/>";
      };
      item(line("#1d5e20"), options.linksLabel);
      if (!options.flaggedLabel.empty()) item(line("#c00000"), options.flaggedLabel);
    }
    for (const auto& o : options.overlays)
      item("<rect x=\"" + pixels(lx) + "\" y=\"" + pixels(ly + 12) + "\" width=\"22\" height=\"14\" fill=\"" + o.colour +
               "\" fill-opacity=\"0.35\" stroke=\"" + o.colour + "\"/>",
           o.label + (o.ring.empty() ? tr(" (not reached)") : ""));
    if (!options.zoneShare.empty()) {
      ly += 34;
      svg << "<text x=\"" << pixels(lx) << "\" y=\"" << pixels(ly) << "\" font-size=\"14\" font-weight=\"bold\">"
          << markupEscape(options.shareLabel) << "</text>\n";
      const char* bands[] = {tr("above 0 to 20 %"), tr("20 to 40 %"), tr("40 to 60 %"), tr("60 to 80 %"), tr("80 to 100 %")};
      for (int b = 0; b < 5; ++b)
        item("<rect x=\"" + pixels(lx) + "\" y=\"" + pixels(ly + 12) + "\" width=\"22\" height=\"14\" fill=\"#c00000\" fill-opacity=\"" +
                 pixels(kBandOpacity[std::size_t(b)]) + "\" stroke=\"#8b0000\"/>",
             bands[b]);
    }
    ly += 40;
    svg << "<text x=\"" << pixels(lx) << "\" y=\"" << pixels(ly) << "\" font-size=\"11\" fill=\"#555\">"
        << markupEscape(tf("{1}, grid north up", park.crs)) << "</text>\n";
    if (!options.note.empty()) {
      std::size_t start = 0;
      while (start < options.note.size()) {
        const std::size_t end = options.note.find('\n', start);
        ly += 16;
        svg << "<text x=\"" << pixels(lx) << "\" y=\"" << pixels(ly) << "\" font-size=\"11\" fill=\"#555\">"
            << markupEscape(options.note.substr(start, end == std::string::npos ? std::string::npos : end - start)) << "</text>\n";
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
  }

  const Park& park;
  const SubstanceTable& substances;
  const MapOptions& options;
  static constexpr double legendWidth = 300;
  static constexpr double labelRoom = 170;  // labels of features on the east edge must not run into the legend
  double minX = 0, minY = 0, maxX = 0, maxY = 0;
  Frame f;
  double mapWidth = 0, height = 0;
  std::ostringstream svg;
};
}  // namespace

std::string parkMapSvg(const Park& park, const SubstanceTable& substances, const MapOptions& options) {
  return SvgMap(park, substances, options).draw();
}

}  // namespace drillsim
