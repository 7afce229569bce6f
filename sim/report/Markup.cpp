// Text made safe for markup, and the table's columns, for the HTML and the .docx writers.
#include "sim/report/Markup.hpp"

#include <algorithm>
#include <cmath>

namespace drillsim::report::detail {

namespace {
// XML 1.0, section 2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
bool allowedInXml(char32_t cp) {
  if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
  return cp != 0xFFFE && cp != 0xFFFF;
}
}  // namespace

std::size_t decodeUtf8(std::string_view text, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t n = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) n = 2, cp = b0 & 0x1Fu, min = 0x80;
  else if ((b0 & 0xF0) == 0xE0) n = 3, cp = b0 & 0x0Fu, min = 0x800;
  else if ((b0 & 0xF8) == 0xF0) n = 4, cp = b0 & 0x07u, min = 0x10000;
  else return 0;
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t n = decodeUtf8(text, i, cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER for one stray byte
      ++i;
      continue;
    }
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (allowedInXml(cp)) out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::size_t columnCount(const Table& table) {
  std::size_t n = table.columns.size();
  for (const auto& row : table.rows) n = std::max(n, row.size());
  return n;
}

std::vector<double> columnShares(const Table& table) {
  const std::size_t n = columnCount(table);
  std::vector<double> shares(n, n ? 1.0 / double(n) : 0.0);
  if (table.widths.size() != n) return shares;
  double sum = 0;
  for (double w : table.widths) {
    if (!std::isfinite(w) || w <= 0) return shares;
    sum += w;
  }
  for (std::size_t i = 0; i < n; ++i) shares[i] = table.widths[i] / sum;
  return shares;
}

const std::string& cell(const std::vector<std::string>& row, std::size_t i) {
  static const std::string kEmpty;
  return i < row.size() ? row[i] : kEmpty;
}

bool isChinese(const std::string& language) {
  return language.size() >= 2 && (language[0] == 'z' || language[0] == 'Z') && (language[1] == 'h' || language[1] == 'H') &&
         (language.size() == 2 || language[2] == '-' || language[2] == '_');
}

const Words& wordsFor(const std::string& language) {
  static const Words kChinese{"第 ", " 页 共 ", " 页", "（图见本文件的 HTML 版本。）"};
  static const Words kEnglish{"Page ", " of ", "", "(The picture is in the HTML version of this document.)"};
  return isChinese(language) ? kChinese : kEnglish;
}

}  // namespace drillsim::report::detail
