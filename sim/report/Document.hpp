#pragma once
// A report as a list of printable blocks (headings, paragraphs, field grids, tables, pictures),
// built once by each command that writes a document and rendered by the writers below: a
// printable HTML page with A4 print styles, and an Office Open XML word-processing document
// (.docx, ECMA-376 / ISO/IEC 29500) that WPS and Word open. Issue 22 item 5: every report a park
// files (drill plan, drill script, evaluation form, evaluation report, shelter evaluation,
// comparison, register) in both forms, with the park's name in the running header and the date
// written as the document's language writes it (2026年12月2日).
//
// The blocks hold plain text (a '\n' in a cell or paragraph is a line break); the writers escape
// it. Nothing here knows drills or shelters: the commands decide what a document says, the
// writers only how it is laid out.

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace drillsim::report {

struct Table {
  std::vector<std::string> columns;             // the header row
  std::vector<double> widths;                   // relative widths, one per column; empty: equal
  std::vector<std::vector<std::string>> rows;   // each as many cells as columns
  /// Rows to be filled in by hand (an evaluation form, a sign-off): drawn taller, and the
  /// header repeated on each printed page as for every table.
  bool forHand = false;
};

struct Block {
  enum class Kind {
    Heading,    // text, level 1..3
    Paragraph,  // text
    Note,       // text, smaller: sources, validity, how a figure was made
    Bullets,    // items
    Fields,     // fields: a two-column grid of label and value (a form's head)
    Table,      // table, with text as its caption when not empty
    Svg,        // svg: a picture drawn inline, text its caption
    PageBreak,
  };
  Kind kind = Kind::Paragraph;
  int level = 1;
  std::string text{};
  std::vector<std::string> items{};
  std::vector<std::pair<std::string, std::string>> fields{};
  Table table{};
  std::string svg{};
};

struct Document {
  std::string language = "zh-CN";  // BCP 47: the HTML lang and the .docx w:lang
  std::string title{};             // on the first page and in the running header
  std::string subtitle{};          // under the title (e.g. the scenario and plan)
  std::string organisation{};      // the running header's left side: the park's or unit's name
  std::string date{};              // as shown, see longDate
  bool landscape = false;          // A4 landscape, for tables of many columns (a drill script)
  /// The same date for the .docx's metadata (docProps/core.xml), ISO 8601: "2026-12-02"; when
  /// empty, toDocx writes today's. `dated` sets both.
  std::string created{};
  std::vector<Block> blocks{};

  Document& heading(std::string text, int level = 1) {
    blocks.push_back({Block::Kind::Heading, level, std::move(text)});
    return *this;
  }
  Document& paragraph(std::string text) {
    blocks.push_back({Block::Kind::Paragraph, 1, std::move(text)});
    return *this;
  }
  Document& note(std::string text) {
    blocks.push_back({Block::Kind::Note, 1, std::move(text)});
    return *this;
  }
  Document& bullets(std::vector<std::string> items) {
    Block b{Block::Kind::Bullets};
    b.items = std::move(items);
    blocks.push_back(std::move(b));
    return *this;
  }
  Document& fields(std::vector<std::pair<std::string, std::string>> fields) {
    Block b{Block::Kind::Fields};
    b.fields = std::move(fields);
    blocks.push_back(std::move(b));
    return *this;
  }
  Document& table(Table table, std::string caption = {}) {
    Block b{Block::Kind::Table, 1, std::move(caption)};
    b.table = std::move(table);
    blocks.push_back(std::move(b));
    return *this;
  }
  Document& picture(std::string svg, std::string caption = {}) {
    Block b{Block::Kind::Svg, 1, std::move(caption)};
    b.svg = std::move(svg);
    blocks.push_back(std::move(b));
    return *this;
  }
  Document& pageBreak() {
    blocks.push_back({Block::Kind::PageBreak});
    return *this;
  }
  /// Sets `date` (as longDate writes it in the document's language) and `created`.
  Document& dated(int year, int month, int day);
  /// dated() with today's local date.
  Document& datedToday();
};

/// A date as the document's language writes it: "2026年12月2日" for zh, "2 December 2026" for en.
std::string longDate(int year, int month, int day, const std::string& language);
/// Today's date (local time) as longDate writes it.
std::string today(const std::string& language);
/// A date as ISO 8601 writes it: "2026-12-02". Both throw std::invalid_argument for a day that
/// is not in the calendar (2026-02-30), naming it.
std::string isoDate(int year, int month, int day);

/// A whole HTML page (UTF-8): A4 print styles with margins, tables that do not split a row and
/// repeat their header on each page, a running header with the organisation and title, and a
/// font stack that prints Chinese on Windows, WPS and Debian alike. A subset of the first of
/// reportFontFiles (sim/report/FontSubset.hpp) that serves, holding the page's characters, is
/// embedded as the face "DrillSim CJK", which the stack names after the installed Song and Hei
/// faces, so that a machine with no Chinese font prints the page too; with none, the page names
/// installed fonts only.
std::string toHtml(const Document& doc);
/// The page's own Chinese face as a <style> element: an @font-face "DrillSim CJK" whose source is
/// a subset, holding `codePoints`, of the first of reportFontFiles that can be subset (a CFF font
/// such as Noto Sans CJK cannot); "" when none serves. toHtml puts it in the page's head, and so
/// may a page written by other means (the HSEEP drill document).
std::string embeddedFontStyle(const std::set<char32_t>& codePoints);
/// The bytes of a .docx package of the same document. A picture (Block::Kind::Svg) is written
/// as its caption and a line that sends the reader to the HTML version: WordprocessingML takes
/// SVG only beside a PNG rendering of it, and nothing here rasterises.
std::string toDocx(const Document& doc);

}  // namespace drillsim::report
