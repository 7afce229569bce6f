// The .docx writer of a report (sim/report/Document.hpp): word/document.xml from the blocks, and
// the package around it (DocxParts.cpp) zipped (Zip.cpp). References are to ECMA-376 5th
// edition, Part 1 (WordprocessingML).
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <sstream>

#include "sim/report/DocxParts.hpp"
#include "sim/report/Markup.hpp"
#include "sim/report/Zip.hpp"

namespace drillsim::report {

namespace {
using detail::escape;

// A run of text (17.3.3, run content): '\n' a line break (br), '\t' a tab, '\r' dropped.
std::string run(const std::string& text, const std::string& rPr = {}) {
  std::string out = "<w:r>" + (rPr.empty() ? std::string() : "<w:rPr>" + rPr + "</w:rPr>");
  std::string piece;
  auto flush = [&] {
    if (!piece.empty()) out += "<w:t xml:space=\"preserve\">" + escape(piece) + "</w:t>";
    piece.clear();
  };
  for (char c : text) {
    if (c == '\n' || c == '\t') {
      flush();
      out += c == '\n' ? "<w:br/>" : "<w:tab/>";
    } else if (c != '\r') {
      piece += c;
    }
  }
  flush();
  return out + "</w:r>";
}

std::string paragraph(const char* style, const std::string& text, const std::string& rPr = {}) {
  return std::string("<w:p><w:pPr><w:pStyle w:val=\"") + style + "\"/></w:pPr>" + (text.empty() ? "" : run(text, rPr)) + "</w:p>\n";
}

// Column widths in twips summing to `total`, each rounded at its running sum.
std::vector<int> twips(const std::vector<double>& shares, int total) {
  std::vector<int> widths;
  double sum = 0;
  int given = 0;
  for (double s : shares) {
    sum += s;
    const int upTo = int(std::lround(sum * total));
    widths.push_back(upTo - given);
    given = upTo;
  }
  return widths;
}

std::string tableStart(const std::vector<int>& widths, int text_tw) {
  std::string s = "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"" + std::to_string(text_tw) +
                  "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
  for (int w : widths) s += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  return s + "</w:tblGrid>\n";
}

// Row properties (17.4, tables): a row is not split across pages (cantSplit); the header row is
// repeated at the top of each page (tblHeader); a row is at least `height` twips tall (trHeight
// with hRule atLeast).
std::string rowStart(bool header, int height) {
  std::string s = "<w:tr><w:trPr><w:cantSplit/>";
  if (height > 0) s += "<w:trHeight w:val=\"" + std::to_string(height) + "\" w:hRule=\"atLeast\"/>";
  if (header) s += "<w:tblHeader/>";
  return s + "</w:trPr>";
}

std::string cell(const std::string& text, int width, const char* style, const char* fill) {
  std::string s = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
  if (*fill) s += std::string("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"") + fill + "\"/>";
  return s + "</w:tcPr>" + paragraph(style, text) + "</w:tc>";  // a cell holds at least one paragraph (17.4, tc)
}

std::string table(const Table& t, int text_tw) {
  const std::vector<int> widths = twips(detail::columnShares(t), text_tw);
  const bool dense = widths.size() > detail::kDenseColumns;
  const char* text = dense ? "TableTextSmall" : "TableText";
  std::string s = tableStart(widths, text_tw) + rowStart(true, 0);
  for (std::size_t i = 0; i < widths.size(); ++i)
    s += cell(detail::cell(t.columns, i), widths[i], dense ? "TableHeadingSmall" : "TableHeading", "E7E6E6");
  s += "</w:tr>\n";
  for (const auto& row : t.rows) {
    s += rowStart(false, t.forHand ? detail::kHandRow_tw : 0);
    for (std::size_t i = 0; i < widths.size(); ++i) s += cell(detail::cell(row, i), widths[i], text, "");
    s += "</w:tr>\n";
  }
  return s + "</w:tbl>\n";
}

// After a table, a thin paragraph: the gap before what follows, and a body that never ends in a
// table (Word writes a paragraph after each).
constexpr const char* kSpacer = "<w:p><w:pPr><w:pStyle w:val=\"Spacer\"/></w:pPr></w:p>\n";

std::string fields(const Block& b, int text_tw) {
  const std::vector<int> widths = twips({0.28, 0.72}, text_tw);
  std::string s = tableStart(widths, text_tw);
  for (const auto& [label, value] : b.fields)
    s += rowStart(false, 0) + cell(label, widths[0], "TableText", "F2F2F2") + cell(value, widths[1], "TableText", "") + "</w:tr>\n";
  return s + "</w:tbl>\n";
}

std::string block(const Block& b, const std::string& language, int text_tw) {
  switch (b.kind) {
    case Block::Kind::Heading: {
      const int level = b.level < 1 ? 1 : (b.level > 3 ? 3 : b.level);
      return paragraph(("Heading" + std::to_string(level)).c_str(), b.text);
    }
    case Block::Kind::Paragraph: return paragraph("Normal", b.text);
    case Block::Kind::Note: return paragraph("Note", b.text);
    case Block::Kind::Bullets: {
      std::string s;
      for (const auto& item : b.items) s += paragraph("ListBullet", item);
      return s;
    }
    case Block::Kind::Fields: return fields(b, text_tw) + kSpacer;
    case Block::Kind::Table: return (b.text.empty() ? "" : paragraph("Caption", b.text)) + table(b.table, text_tw) + kSpacer;
    // A picture: its caption, and where to see it (Document.hpp, toDocx).
    case Block::Kind::Svg:
      return (b.text.empty() ? "" : paragraph("Caption", b.text)) + paragraph("Note", detail::wordsFor(language).pictureElsewhere);
    case Block::Kind::PageBreak: return "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\n";  // br of type page (17.3.3)
  }
  return {};
}

// The one section (17.6): A4 portrait or landscape, its margins, the running header and footer.
std::string section(const detail::Page& page) {
  using namespace detail;
  const std::string tb = std::to_string(kMarginTopBottom_tw), lr = std::to_string(kMarginSides_tw),
                    hf = std::to_string(kHeaderFooter_tw);
  return "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
         "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"" + std::to_string(page.width_tw) +
         "\" w:h=\"" + std::to_string(page.height_tw) + (page.landscape ? "\" w:orient=\"landscape" : "") + "\"/><w:pgMar w:top=\"" + tb + "\" w:right=\"" + lr + "\" w:bottom=\"" +
         tb + "\" w:left=\"" + lr + "\" w:header=\"" + hf + "\" w:footer=\"" + hf + "\" w:gutter=\"0\"/></w:sectPr>";
}
}  // namespace

namespace detail {
std::string body(const Document& doc) {
  std::ostringstream o;
  o << kXmlDeclaration << "<w:document xmlns:w=\"" << kWordNs << "\" xmlns:r=\"" << kRelNs << "\"><w:body>\n";
  if (!doc.title.empty()) o << paragraph("Title", doc.title);
  if (!doc.subtitle.empty()) o << paragraph("Subtitle", doc.subtitle);
  if (!doc.date.empty()) o << paragraph("Subtitle", doc.date);
  const Page page = pageOf(doc.landscape);
  for (const Block& b : doc.blocks) o << block(b, doc.language, page.text_tw);
  if (doc.blocks.empty() && doc.title.empty() && doc.subtitle.empty() && doc.date.empty()) o << "<w:p/>\n";
  o << section(page) << "</w:body></w:document>";
  return o.str();
}
}  // namespace detail

std::string toDocx(const Document& doc) {
  // The metadata's date: the document's own, else today's (Document::created).
  const std::string given = doc.created.empty() ? Document{}.datedToday().created : doc.created;
  int year = 0, month = 0, day = 0;
  if (std::sscanf(given.c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3)
    throw std::invalid_argument("the document's created date is not written as 2026-12-02: " + given);
  const std::string created = isoDate(year, month, day);  // and throws for a day not in the calendar
  return detail::zip({{"[Content_Types].xml", detail::contentTypes()},
                      {"_rels/.rels", detail::packageRels()},
                      {"docProps/core.xml", detail::coreProperties(doc, created)},
                      {"docProps/app.xml", detail::appProperties(doc)},
                      {"word/document.xml", detail::body(doc)},
                      {"word/_rels/document.xml.rels", detail::documentRels()},
                      {"word/styles.xml", detail::styles(doc)},
                      {"word/settings.xml", detail::settings()},
                      {"word/numbering.xml", detail::numbering()},
                      {"word/header1.xml", detail::header(doc)},
                      {"word/footer1.xml", detail::footer(doc)}},
                     year, month, day);
}

}  // namespace drillsim::report
