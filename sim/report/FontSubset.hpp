#pragma once
// A TrueType font cut down to the characters of one page, for the HTML writer to embed
// (@font-face with a data: URL) so that a page printed where no Chinese font is installed still
// shows its Chinese. The subset is a whole TrueType font of its own (OpenType 1.9 spec, "Font
// file": sfnt version 0x00010000) with only the glyphs the page needs, renumbered from 0.

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace drillsim::report {

/// Adds the code points of UTF-8 `text` to `into`; bytes that do not begin a well-formed
/// sequence (overlongs, surrogates, cut sequences) are skipped one at a time.
void addCodePoints(std::string_view text, std::set<char32_t>& into);
/// The code points of UTF-8 `text`, as addCodePoints reads them.
std::set<char32_t> codePoints(std::string_view text);

/// The bytes of a TrueType font holding only the glyphs of `codePoints` (those the font has; the
/// others are left out) with .notdef as glyph 0 and every component of a composite glyph, glyph
/// ids renumbered densely in their original order. Reads the font file at `path`, a .ttf or a
/// TrueType collection (.ttc), whose face `face` is subset. Kept: glyf/loca (long offsets), head,
/// hhea/hmtx, maxp, cmap (format 4, and format 12 when a code point is past U+FFFF), post 3.0,
/// name, OS/2 and the hinting tables cvt, fpgm, prep and gasp; every other table, which would
/// index the old glyph ids (GSUB, GPOS, GDEF, kern, vmtx, bitmaps...), is dropped.
/// Throws std::runtime_error naming the file when it cannot be read, is not a TrueType font or
/// collection, has no 'glyf' outlines (a CFF font, 'OTTO'), is cut short or malformed, or has no
/// face `face`.
std::string subsetFont(const std::string& path, const std::set<char32_t>& codePoints, std::size_t face = 0);
/// The same from the bytes of the font file; `name` names it in the errors.
std::string subsetFontData(std::string_view data, const std::string& name, const std::set<char32_t>& codePoints,
                           std::size_t face = 0);

/// The font files toHtml tries to embed a subset of, in the order tried: the file named by the
/// environment variable DRILLSIM_REPORT_FONT alone when it is set (none when it is empty), else
/// those of WenQuanYi Micro Hei (Debian's fonts-wqy-microhei) and Noto Sans CJK that exist.
std::vector<std::string> reportFontFiles();

}  // namespace drillsim::report
