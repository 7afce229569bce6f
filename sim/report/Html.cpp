// The HTML writer of a report (sim/report/Document.hpp): one self-contained UTF-8 page for a
// browser's print dialog. Print rules from CSS Paged Media Level 3 (@page size and margin boxes)
// and CSS Fragmentation Level 3 (break-inside, break-after), with the CSS 2.1 page-break-*
// properties beside them for older engines. The Chinese font goes with the page: a subset of
// WenQuanYi Micro Hei with the page's characters, as a CSS Fonts Level 4 @font-face whose source
// is a data: URL (RFC 2397) of the TrueType file in base64 (RFC 4648, section 4).
#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sim/report/Document.hpp"
#include "sim/report/FontSubset.hpp"
#include "sim/report/Markup.hpp"

namespace drillsim::report {

namespace {
using detail::escape;

// Body in a Song (宋体) face, headings in a Hei (黑体) face: SimSun/SimHei on Windows and WPS,
// Songti/Heiti on macOS, Noto CJK (Debian's fonts-noto-cjk), then the page's own "DrillSim CJK"
// (see fontFace), then an installed WenQuanYi (fonts-wqy-microhei). The embedded face is a Hei,
// so it comes after every installed Song face: a machine that has one prints the body in it.
constexpr const char* kStyle = R"(<style>
@page { size: A4; margin: 20mm 18mm; }
:root { --song: "SimSun", "Songti SC", "Noto Serif CJK SC", "DrillSim CJK", "WenQuanYi Micro Hei", serif;
        --hei: "SimHei", "Heiti SC", "Noto Sans CJK SC", "DrillSim CJK", "WenQuanYi Micro Hei", sans-serif; }
html { font-family: var(--song); font-size: 12pt; line-height: 1.5; color: #000; }
body { margin: 0; }
h1, h2, h3, .title, caption, .running { font-family: var(--hei); }
h1, h2, h3, caption, .caption { break-after: avoid; page-break-after: avoid; }
.title { font-size: 18pt; text-align: center; margin: 6mm 0 2mm; }
.subtitle { text-align: center; margin: 0 0 6mm; }
h1 { font-size: 16pt; margin: 6mm 0 3mm; }
h2 { font-size: 14pt; margin: 5mm 0 2mm; }
h3 { font-size: 12pt; margin: 4mm 0 2mm; }
p { margin: 0 0 2mm; }
.note { font-size: 9pt; color: #555; }
.running { display: flex; justify-content: space-between; gap: 8mm; font-size: 9pt;
           border-bottom: 0.5pt solid #000; padding-bottom: 1mm; margin-bottom: 4mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 4mm; font-size: 10.5pt; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 1mm; }
th, td { border: 0.5pt solid #000; padding: 0.8mm 1.5mm; vertical-align: top; text-align: left; line-height: 1.3; }
thead { display: table-header-group; }
thead th { background: #e7e6e6; }
tr, figure, .fields { break-inside: avoid; page-break-inside: avoid; }
table.hand td { height: 12mm; }
table.dense { font-size: 9pt; }
table.dense th, table.dense td { padding: 0.6mm 1mm; }
table.fields th { width: 28%; background: #f2f2f2; font-weight: normal; }
figure { margin: 0 0 4mm; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 10.5pt; text-align: center; }
.page-break { break-after: page; page-break-after: always; height: 0; }
@media screen {
  html { background: #e8e8e8; }
  main { width: 210mm; box-sizing: border-box; margin: 8mm auto; padding: 20mm 18mm;
         background: #fff; box-shadow: 0 0 2mm rgba(0, 0, 0, 0.3); }
}
@media print { main { width: auto; margin: 0; padding: 0; } }
</style>
)";

// A4 landscape: the page turned, and the screen's page as wide.
constexpr const char* kLandscape = R"(<style>
@page { size: A4 landscape; }
@media screen { main { width: 297mm; } }
</style>
)";

// A string as a CSS string token (CSS Syntax Level 3, 4.3.5): quotes, backslashes and line
// breaks as hex escapes, and '<' too, so that the text cannot close the style element.
std::string cssString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\' || c == '<' || c < 0x20 || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\%X ", unsigned(c));
      out += hex;
    } else {
      out += char(c);
    }
  }
  return out + "\"";
}

// The page numbers at the foot of every page, and the running header at the top of every page
// but the first, which has the header line in the page itself (CSS Paged Media 3, page-margin
// boxes; a browser without them prints the first page's line only, and its own page numbers).
std::string marginBoxes(const Document& doc) {
  const detail::Words& w = detail::wordsFor(doc.language);
  std::ostringstream o;
  o << "<style>\n@page { font-family: \"SimSun\", \"Noto Serif CJK SC\", \"DrillSim CJK\", \"WenQuanYi Micro Hei\",\n"
    << "  serif; font-size: 9pt;\n"
    << "  @bottom-center { content: " << cssString(w.pageBefore) << " counter(page) " << cssString(w.pageBetween) << " counter(pages) "
    << cssString(w.pageAfter) << "; }\n  @top-left { content: " << cssString(doc.organisation) << "; }\n"
    << "  @top-right { content: " << cssString(doc.title) << "; }\n}\n"
    << "@page :first { @top-left { content: none; } @top-right { content: none; } }\n</style>\n";
  return o.str();
}

// Text with its line breaks.
std::string lines(const std::string& text) {
  std::string out = escape(text);
  for (std::size_t at = out.find('\n'); at != std::string::npos; at = out.find('\n', at + 5)) out.replace(at, 1, "<br>\n");
  return out;
}

void table(std::ostringstream& o, const Table& t, const std::string& caption) {
  const std::size_t n = detail::columnCount(t);
  const std::vector<double> shares = detail::columnShares(t);
  o << "<table class=\"grid" << (t.forHand ? " hand" : "") << (n > detail::kDenseColumns ? " dense" : "") << "\">\n";
  if (!caption.empty()) o << "<caption>" << lines(caption) << "</caption>\n";
  o << "<colgroup>";
  for (double s : shares) {
    char width[32];
    std::snprintf(width, sizeof width, "%.1f%%", 100 * s);
    o << "<col style=\"width:" << width << "\">";
  }
  o << "</colgroup>\n<thead><tr>";
  for (std::size_t i = 0; i < n; ++i) o << "<th>" << lines(detail::cell(t.columns, i)) << "</th>";
  o << "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    o << "<tr>";
    for (std::size_t i = 0; i < n; ++i) o << "<td>" << lines(detail::cell(row, i)) << "</td>";
    o << "</tr>\n";
  }
  o << "</tbody>\n</table>\n";
}

void fields(std::ostringstream& o, const Block& b) {
  o << "<table class=\"fields\">\n<tbody>\n";
  for (const auto& [label, value] : b.fields) o << "<tr><th>" << lines(label) << "</th><td>" << lines(value) << "</td></tr>\n";
  o << "</tbody>\n</table>\n";
}

// The picture as our own SVG writer made it, without its XML declaration, which has no place
// inside an HTML document (HTML Living Standard 13.2.5.42: it would be read as a bogus comment).
void picture(std::ostringstream& o, const Block& b) {
  std::string svg = b.svg;
  if (svg.compare(0, 5, "<?xml") == 0) {
    const std::size_t end = svg.find("?>");
    svg.erase(0, end == std::string::npos ? svg.size() : end + 2);
  }
  o << "<figure>\n" << svg << "\n";
  if (!b.text.empty()) o << "<figcaption>" << lines(b.text) << "</figcaption>\n";
  o << "</figure>\n";
}

void block(std::ostringstream& o, const Block& b) {
  switch (b.kind) {
    case Block::Kind::Heading: {
      const int level = b.level < 1 ? 1 : (b.level > 3 ? 3 : b.level);
      o << "<h" << level << ">" << lines(b.text) << "</h" << level << ">\n";
      break;
    }
    case Block::Kind::Paragraph: o << "<p>" << lines(b.text) << "</p>\n"; break;
    case Block::Kind::Note: o << "<p class=\"note\">" << lines(b.text) << "</p>\n"; break;
    case Block::Kind::Bullets:
      o << "<ul>\n";
      for (const auto& item : b.items) o << "<li>" << lines(item) << "</li>\n";
      o << "</ul>\n";
      break;
    case Block::Kind::Fields: fields(o, b); break;
    case Block::Kind::Table: table(o, b.table, b.text); break;
    case Block::Kind::Svg: picture(o, b); break;
    case Block::Kind::PageBreak: o << "<div class=\"page-break\"></div>\n"; break;
  }
}

// RFC 4648, section 4: base64 with padding, in one line.
std::string base64(const std::string& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    unsigned v = 0;
    for (std::size_t k = 0; k < 3; ++k) v = (v << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    for (std::size_t k = 0; k < 4; ++k) out += k <= n ? kAlphabet[(v >> (18 - 6 * k)) & 0x3F] : '=';
  }
  return out;
}

// The character data of an SVG picture, outside its tags: the text it draws.
void addSvgText(const std::string& svg, std::set<char32_t>& into) {
  for (std::size_t at = 0; at < svg.size();) {
    const std::size_t tag = svg.find('<', at);
    addCodePoints(std::string_view(svg).substr(at, tag == std::string::npos ? std::string::npos : tag - at), into);
    if (tag == std::string::npos) break;
    const std::size_t end = svg.find('>', tag);
    at = end == std::string::npos ? svg.size() : end + 1;
  }
}

// Every character the page shows: its head, each block's text, and the page margins' words with
// the digits of the page numbers.
std::set<char32_t> pageCharacters(const Document& doc) {
  const detail::Words& w = detail::wordsFor(doc.language);
  std::set<char32_t> cps;
  for (const std::string* text :
       {&doc.title, &doc.subtitle, &doc.organisation, &doc.date, &w.pageBefore, &w.pageBetween, &w.pageAfter})
    addCodePoints(*text, cps);
  addCodePoints("0123456789\u3000", cps);  // U+3000 between the running header's title and date
  for (const Block& b : doc.blocks) {
    addCodePoints(b.text, cps);
    for (const auto& item : b.items) addCodePoints(item, cps);
    for (const auto& [label, value] : b.fields) addCodePoints(label + value, cps);
    for (const auto& column : b.table.columns) addCodePoints(column, cps);
    for (const auto& row : b.table.rows)
      for (const auto& cell : row) addCodePoints(cell, cps);
    addSvgText(b.svg, cps);
  }
  cps.erase(U'\n');
  return cps;
}

}  // namespace

std::string embeddedFontStyle(const std::set<char32_t>& codePoints) {
  // The first of reportFontFiles that can be subset (a CFF font such as Noto Sans CJK cannot).
  for (const std::string& file : reportFontFiles()) {
    std::string font;
    try {
      font = subsetFont(file, codePoints);
    } catch (const std::runtime_error&) {
      continue;
    }
    return "<style>\n@font-face { font-family: \"DrillSim CJK\"; src: url(data:font/ttf;base64," + base64(font) +
           ") format(\"truetype\"); }\n</style>\n";
  }
  return {};
}

std::string toHtml(const Document& doc) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"" << escape(doc.language) << "\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width\">\n<title>" << escape(doc.title) << "</title>\n"
    << embeddedFontStyle(pageCharacters(doc)) << kStyle << (doc.landscape ? kLandscape : "") << marginBoxes(doc) << "</head>\n<body>\n<main>\n";
  o << "<div class=\"running\"><span>" << escape(doc.organisation) << "</span><span>" << escape(doc.title)
    << (doc.date.empty() ? "" : "\u3000") << escape(doc.date) << "</span></div>\n";
  if (!doc.title.empty()) o << "<div class=\"title\">" << lines(doc.title) << "</div>\n";
  if (!doc.subtitle.empty()) o << "<p class=\"subtitle\">" << lines(doc.subtitle) << "</p>\n";
  for (const Block& b : doc.blocks) block(o, b);
  o << "</main>\n</body>\n</html>\n";
  return o.str();
}

}  // namespace drillsim::report
