#pragma once
// What the HTML and the .docx writers share: text made safe for markup, the table's columns, and
// the few words a writer adds itself (the page footer, the note that stands for a picture).

#include <string>
#include <string_view>
#include <vector>

#include "sim/report/Document.hpp"

namespace drillsim::report::detail {

/// The length of the UTF-8 sequence starting at text[i] and its code point, or 0 when the bytes
/// there are not a well-formed sequence (Unicode 15, table 3-7: no overlongs, no surrogates).
std::size_t decodeUtf8(std::string_view text, std::size_t i, char32_t& cp);

/// `text` as XML 1.0 (and HTML) character data or attribute value: & < > " ' as references,
/// characters XML 1.0 does not allow (section 2.2 "Characters": C0 controls but tab, line feed
/// and carriage return; U+FFFE, U+FFFF) dropped, and bytes that are not UTF-8 replaced by U+FFFD,
/// so that any string gives a well-formed part.
std::string escape(std::string_view text);

/// The columns a table is drawn with: its header's, or more when a row has more cells.
std::size_t columnCount(const Table& table);
/// Each column's share of the width (summing to 1): the table's relative widths when there is
/// one positive finite width per column, else equal shares.
std::vector<double> columnShares(const Table& table);
/// A table of more columns than this is set in a smaller size (9 pt, 小五, against 10.5 pt, 五号)
/// so that its numbers fit across the A4 page.
constexpr std::size_t kDenseColumns = 8;
/// The row's cell `i`, or an empty one past its end.
const std::string& cell(const std::vector<std::string>& row, std::size_t i);

/// True for a document in Chinese ("zh", "zh-CN", "zh-Hans-CN"...).
bool isChinese(const std::string& language);

/// The words a writer adds itself, in the document's language (not the program's: a document is
/// written for its reader, whatever language the desk that made it speaks).
struct Words {
  std::string pageBefore, pageBetween, pageAfter;  // "第 " N " 页 共 " M " 页" / "Page " N " of " M ""
  std::string pictureElsewhere;                    // a picture in the .docx: see the HTML version
};
const Words& wordsFor(const std::string& language);

}  // namespace drillsim::report::detail
