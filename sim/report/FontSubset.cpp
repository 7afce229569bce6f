// A TrueType font cut down to the glyphs of a set of code points (sim/report/FontSubset.hpp).
// Table layouts from the OpenType specification 1.9 (learn.microsoft.com/typography/opentype/spec/):
// "The OpenType font file" (the table directory, table checksums, TrueType Collections), 'glyf',
// 'loca', 'cmap' (formats 4 and 12), 'head', 'hhea', 'hmtx', 'maxp', 'OS/2' and 'post'. Every
// offset the font gives is checked against the bytes it points into before it is read.
#include "sim/report/FontSubset.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "sim/report/Markup.hpp"

namespace drillsim::report {

namespace {

// The sfnt versions ("The OpenType font file", Table directory): TrueType outlines as 0x00010000
// or Apple's 'true'; CFF outlines as 'OTTO'. A collection begins with 'ttcf' ("TTC header").
constexpr std::uint32_t kTrueType = 0x00010000;
constexpr std::uint32_t kAppleTrueType = 0x74727565;  // 'true'
constexpr std::uint32_t kCff = 0x4F54544F;            // 'OTTO'
constexpr std::uint32_t kCollection = 0x74746366;     // 'ttcf'
// 'head': the magic number, and what the whole font's checksum is made to be by checkSumAdjustment.
constexpr std::uint32_t kHeadMagic = 0x5F0F3CF5;
constexpr std::uint32_t kFontChecksum = 0xB1B0AFBA;

// 'glyf', "Composite glyph description": the component flags that say how long a component is.
constexpr std::uint16_t kArg1And2AreWords = 0x0001;
constexpr std::uint16_t kWeHaveAScale = 0x0008;
constexpr std::uint16_t kMoreComponents = 0x0020;
constexpr std::uint16_t kWeHaveAnXAndYScale = 0x0040;
constexpr std::uint16_t kWeHaveATwoByTwo = 0x0080;

// The tables kept as they are: they hold no glyph ids ('cvt ', 'fpgm', 'prep' are the hinting
// programs and their values, 'gasp' the rasterising ranges by size). 'name' too; 'OS/2' is copied
// with its first and last character indices set to the subset's.
constexpr const char* kCopied[] = {"cvt ", "fpgm", "gasp", "name", "prep"};

std::uint16_t be16(std::string_view b, std::size_t at) {
  return std::uint16_t((unsigned(static_cast<unsigned char>(b[at])) << 8) | static_cast<unsigned char>(b[at + 1]));
}

std::uint32_t be32(std::string_view b, std::size_t at) {
  return (std::uint32_t(be16(b, at)) << 16) | be16(b, at + 2);
}

void put16(std::string& b, std::size_t at, std::uint32_t v) {
  b[at] = char((v >> 8) & 0xFF);
  b[at + 1] = char(v & 0xFF);
}

void put32(std::string& b, std::size_t at, std::uint32_t v) {
  put16(b, at, v >> 16);
  put16(b, at + 2, v & 0xFFFF);
}

void append16(std::string& b, std::uint32_t v) {
  b += char((v >> 8) & 0xFF);
  b += char(v & 0xFF);
}

void append32(std::string& b, std::uint32_t v) {
  append16(b, v >> 16);
  append16(b, v & 0xFFFF);
}

// Zero bytes up to the next multiple of four.
void pad4(std::string& b) {
  b.append((4 - b.size() % 4) % 4, '\0');
}

// "Calculating checksums": the sum of the data as big-endian uint32s, the last one padded with zeros.
std::uint32_t checksum(std::string_view b) {
  std::uint32_t sum = 0;
  std::size_t i = 0;
  for (; i + 4 <= b.size(); i += 4) sum += be32(b, i);
  if (i < b.size()) {
    std::uint32_t last = 0;
    for (std::size_t k = 0; k < 4; ++k)
      last = (last << 8) | (i + k < b.size() ? static_cast<unsigned char>(b[i + k]) : 0u);
    sum += last;
  }
  return sum;
}

// floor(log2(n)) for n >= 1: the searchRange, entrySelector and rangeShift of the table directory
// and of a format 4 cmap subtable are made from it.
unsigned log2Floor(std::size_t n) {
  unsigned k = 0;
  while ((std::size_t(2) << k) <= n) ++k;
  return k;
}

// Bytes of one part of the font (the file, a table, a glyph), read big-endian with every read
// checked; a read past the end throws, naming the file and the part.
class Bytes {
 public:
  Bytes(std::string_view bytes, const std::string& file, std::string part)
      : bytes_(bytes), file_(&file), part_(std::move(part)) {}

  std::size_t size() const { return bytes_.size(); }
  std::string_view all() const { return bytes_; }
  bool has(std::size_t at, std::size_t n) const { return at <= bytes_.size() && n <= bytes_.size() - at; }
  std::uint16_t u16(std::size_t at) const { return be16(view(at, 2), 0); }
  std::int16_t s16(std::size_t at) const { return std::int16_t(u16(at)); }
  std::uint32_t u32(std::size_t at) const { return be32(view(at, 4), 0); }
  std::string_view view(std::size_t at, std::size_t n) const {
    if (!has(at, n))
      fail(part_ + " is cut short (" + std::to_string(n) + " bytes at " + std::to_string(at) + " of " +
           std::to_string(bytes_.size()) + ")");
    return bytes_.substr(at, n);
  }
  Bytes part(std::size_t at, std::size_t n, std::string name) const {
    return Bytes(view(at, n), *file_, std::move(name));
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("font file " + *file_ + ": " + what);
  }

 private:
  std::string_view bytes_;
  const std::string* file_;
  std::string part_;
};

// One face of the font file: its tables by tag ("Table directory"; in a collection the offsets
// count from the start of the file, as in a single font, "TrueType Collections").
std::map<std::string, Bytes> faceTables(const Bytes& file, std::size_t face) {
  if (file.size() < 12) file.fail("not a TrueType font (" + std::to_string(file.size()) + " bytes)");
  std::size_t at = 0;
  if (file.u32(0) == kCollection) {
    // "TTC header": ttcTag, majorVersion, minorVersion, numFonts, then numFonts offsets (uint32).
    const std::uint32_t faces = file.u32(8);
    if (face >= faces) file.fail("no face " + std::to_string(face) + " in this collection of " + std::to_string(faces));
    at = file.u32(12 + 4 * face);
  } else if (face != 0) {
    file.fail("a single font, not a collection: it has no face " + std::to_string(face));
  }
  const std::uint32_t version = file.u32(at);
  if (version == kCff) file.fail("a CFF font ('OTTO'): it has no 'glyf' outlines to subset");
  if (version != kTrueType && version != kAppleTrueType) file.fail("not a TrueType font or collection");
  const std::uint16_t count = file.u16(at + 4);
  std::map<std::string, Bytes> tables;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t record = at + 12 + 16 * i;  // tableTag, checksum, offset, length
    const std::string tag(file.view(record, 4));
    const std::uint32_t offset = file.u32(record + 8), length = file.u32(record + 12);
    if (!file.has(offset, length)) file.fail("its '" + tag + "' table runs past the end of the file (cut short?)");
    tables.emplace(tag, file.part(offset, length, "its '" + tag + "' table"));
  }
  if (!tables.count("glyf") && (tables.count("CFF ") || tables.count("CFF2")))
    file.fail("a CFF font: it has no 'glyf' outlines to subset");
  for (const char* tag : {"head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf"})
    if (!tables.count(tag)) file.fail(std::string("it has no '") + tag + "' table");
  return tables;
}

// The Unicode subtable of 'cmap' that a lookup reads: format 12 for platform 3 encoding 10 or
// platform 0 encodings 4 and 6, else format 4 for platform 3 encoding 1 or platform 0.
class CharMap {
 public:
  explicit CharMap(const Bytes& cmap) : sub_(cmap) {
    int best = 0;
    const std::uint16_t count = cmap.u16(2);
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint16_t platform = cmap.u16(4 + 8 * i), encoding = cmap.u16(6 + 8 * i);
      const std::uint32_t offset = cmap.u32(8 + 8 * i);
      const std::uint16_t format = cmap.u16(offset);
      int rank = 0;
      if (format == 12)
        rank = platform == 3 && encoding == 10 ? 4 : (platform == 0 && (encoding == 4 || encoding == 6) ? 3 : 0);
      if (format == 4) rank = platform == 3 && encoding == 1 ? 2 : (platform == 0 ? 1 : 0);
      if (rank <= best) continue;
      const std::uint32_t length = format == 12 ? cmap.u32(offset + 4) : cmap.u16(offset + 2);
      sub_ = cmap.part(offset, length, "its 'cmap' format " + std::to_string(format) + " subtable");
      format_ = format;
      best = rank;
    }
    if (!best) cmap.fail("its 'cmap' table has no Unicode subtable of format 4 or 12");
  }

  // The glyph of a code point, 0 when the font has none.
  std::uint32_t glyph(char32_t cp) const { return format_ == 12 ? glyph12(cp) : glyph4(cp); }

 private:
  // 'cmap' format 4, "Segment mapping to delta values": segments sorted by endCode; a code point
  // in a segment maps through idDelta, or through glyphIdArray when idRangeOffset is not 0.
  std::uint32_t glyph4(char32_t cp) const {
    if (cp > 0xFFFF) return 0;
    const std::size_t segX2 = sub_.u16(6), ends = 14, starts = 16 + segX2, deltas = 16 + 2 * segX2,
                      ranges = 16 + 3 * segX2;
    std::size_t lo = 0, hi = segX2 / 2;  // the first segment whose endCode >= cp
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (sub_.u16(ends + 2 * mid) < cp)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo == segX2 / 2 || sub_.u16(starts + 2 * lo) > cp) return 0;
    const std::uint16_t delta = sub_.u16(deltas + 2 * lo), range = sub_.u16(ranges + 2 * lo);
    if (range == 0) return (cp + delta) & 0xFFFF;
    const std::size_t from = sub_.u16(starts + 2 * lo);
    const std::uint16_t g = sub_.u16(ranges + 2 * lo + range + 2 * (std::size_t(cp) - from));
    return g == 0 ? 0 : (g + delta) & 0xFFFF;
  }

  // 'cmap' format 12, "Segmented coverage": groups of consecutive code points and glyphs.
  std::uint32_t glyph12(char32_t cp) const {
    const std::uint32_t groups = sub_.u32(12);
    std::size_t lo = 0, hi = groups;  // the first group whose endCharCode >= cp
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (sub_.u32(16 + 12 * mid + 4) < cp)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo == groups) return 0;
    const std::uint32_t start = sub_.u32(16 + 12 * lo);
    return cp < start ? 0 : sub_.u32(16 + 12 * lo + 8) + (cp - start);
  }

  Bytes sub_;
  std::uint16_t format_ = 0;
};

// The glyphs of the face by id: 'loca' gives each glyph's span of 'glyf' ("Index to location":
// offsets in words for indexToLocFormat 0, in bytes for 1, numGlyphs + 1 of them).
class Glyphs {
 public:
  Glyphs(const Bytes& glyf, const Bytes& loca, std::size_t count, bool longOffsets)
      : glyf_(glyf), loca_(loca), count_(count), long_(longOffsets) {
    loca_.view(0, (count + 1) * (long_ ? 4 : 2));
  }

  std::size_t count() const { return count_; }

  Bytes glyph(std::size_t id) const {
    const std::size_t from = offset(id), to = offset(id + 1);
    if (to < from) glyf_.fail("its 'loca' offsets of glyph " + std::to_string(id) + " go backwards");
    return glyf_.part(from, to - from, "glyph " + std::to_string(id));
  }

 private:
  std::size_t offset(std::size_t id) const { return long_ ? loca_.u32(4 * id) : 2 * std::size_t(loca_.u16(2 * id)); }

  Bytes glyf_, loca_;
  std::size_t count_;
  bool long_;
};

// Where the glyphIndex of each component of a composite glyph is ('glyf', "Composite glyph
// description": after the glyph header, flags and glyphIndex, then arguments of 2 or 4 bytes and
// an optional scale of 2, 4 or 8 bytes, while MORE_COMPONENTS is set). None for a simple glyph.
std::vector<std::size_t> componentIndices(const Bytes& glyph) {
  std::vector<std::size_t> at;
  if (glyph.size() == 0 || glyph.s16(0) >= 0) return at;
  std::size_t p = 10;
  for (std::uint16_t flags = kMoreComponents; flags & kMoreComponents;) {
    flags = glyph.u16(p);
    at.push_back(p + 2);
    glyph.u16(p + 2);
    p += 4 + ((flags & kArg1And2AreWords) ? 4 : 2);
    if (flags & kWeHaveAScale)
      p += 2;
    else if (flags & kWeHaveAnXAndYScale)
      p += 4;
    else if (flags & kWeHaveATwoByTwo)
      p += 8;
  }
  glyph.view(0, p);
  return at;
}

// 'cmap' format 4 for the code points up to U+FFFE: each run of consecutive code points a
// segment, mapped by idDelta when its glyphs run as its code points do, else by glyphIdArray;
// then the final segment 0xFFFF, idDelta 1. Empty when it does not fit its 16-bit length.
std::string format4(const std::vector<std::pair<char32_t, std::uint32_t>>& map) {
  struct Segment {
    char32_t start, end;
    std::uint16_t delta;
    std::vector<std::uint16_t> glyphs;  // empty: mapped by delta
  };
  std::vector<Segment> segments;
  for (std::size_t i = 0; i < map.size() && map[i].first < 0xFFFF;) {
    std::size_t j = i + 1;
    while (j < map.size() && map[j].first < 0xFFFF && map[j].first == map[j - 1].first + 1) ++j;
    Segment s{map[i].first, map[j - 1].first, std::uint16_t((map[i].second - map[i].first) & 0xFFFF), {}};
    bool byDelta = true;
    for (std::size_t k = i; k < j; ++k)
      byDelta = byDelta && map[k].second - map[k].first == map[i].second - map[i].first;
    if (!byDelta) {
      s.delta = 0;
      for (std::size_t k = i; k < j; ++k) s.glyphs.push_back(std::uint16_t(map[k].second));
    }
    segments.push_back(std::move(s));
    i = j;
  }
  segments.push_back({0xFFFF, 0xFFFF, 1, {}});
  const std::size_t n = segments.size();
  std::size_t arrayLength = 0;
  for (const Segment& s : segments) arrayLength += s.glyphs.size();
  const std::size_t length = 16 + 8 * n + 2 * arrayLength;
  if (length > 0xFFFF) return {};
  const std::size_t searchRange = std::size_t(2) << log2Floor(n);
  std::string b;
  for (std::uint32_t v :
       {4u, unsigned(length), 0u, unsigned(2 * n), unsigned(searchRange), log2Floor(n), unsigned(2 * n - searchRange)})
    append16(b, v);
  for (const Segment& s : segments) append16(b, s.end);
  append16(b, 0);  // reservedPad
  for (const Segment& s : segments) append16(b, s.start);
  for (const Segment& s : segments) append16(b, s.delta);
  // idRangeOffset: from the entry itself to the segment's first glyph in glyphIdArray.
  std::size_t before = 0;
  for (std::size_t i = 0; i < n; ++i) {
    append16(b, segments[i].glyphs.empty() ? 0 : std::uint32_t(2 * (n - i) + 2 * before));
    before += segments[i].glyphs.size();
  }
  for (const Segment& s : segments)
    for (std::uint16_t g : s.glyphs) append16(b, g);
  return b;
}

// 'cmap' format 12: every code point, in groups of consecutive code points and glyphs.
std::string format12(const std::vector<std::pair<char32_t, std::uint32_t>>& map) {
  std::vector<std::array<std::uint32_t, 3>> groups;
  for (const auto& [cp, g] : map) {
    if (!groups.empty() && groups.back()[1] + 1 == cp && groups.back()[2] + (cp - groups.back()[0]) == g)
      ++groups.back()[1];
    else
      groups.push_back({std::uint32_t(cp), std::uint32_t(cp), g});
  }
  std::string b;
  append16(b, 12);
  append16(b, 0);
  append32(b, std::uint32_t(16 + 12 * groups.size()));
  append32(b, 0);  // language
  append32(b, std::uint32_t(groups.size()));
  for (const auto& group : groups)
    for (std::uint32_t v : group) append32(b, v);
  return b;
}

// 'cmap' version 0 with its encoding records sorted by platform and encoding: (3, 1) format 4
// for the BMP and, when a code point is past U+FFFF (or format 4 cannot hold them all), (3, 10)
// format 12 for all.
std::string charMap(const std::vector<std::pair<char32_t, std::uint32_t>>& map) {
  std::vector<std::pair<std::uint16_t, std::string>> subtables;  // encoding, subtable
  std::string bmp = format4(map);
  if (!bmp.empty()) subtables.emplace_back(1, std::move(bmp));
  if (subtables.empty() || (!map.empty() && map.back().first > 0xFFFF)) subtables.emplace_back(10, format12(map));
  std::string b;
  append16(b, 0);
  append16(b, std::uint32_t(subtables.size()));
  std::size_t offset = 4 + 8 * subtables.size();
  for (const auto& [encoding, sub] : subtables) {
    append16(b, 3);
    append16(b, encoding);
    append32(b, std::uint32_t(offset));
    offset += sub.size();
  }
  for (const auto& sub : subtables) b += sub.second;
  return b;
}

// The font file from its tables ("Table directory"): records sorted by tag, each table at a
// 4-byte boundary and padded with zeros, its checksum in its record; then 'head'
// checkSumAdjustment set so that the whole font sums to 0xB1B0AFBA ('head').
std::string assemble(const std::map<std::string, std::string>& tables) {
  const std::size_t n = tables.size();
  const std::size_t searchRange = std::size_t(16) << log2Floor(n);
  std::string font;
  append32(font, kTrueType);
  append16(font, std::uint32_t(n));
  append16(font, std::uint32_t(searchRange));
  append16(font, log2Floor(n));
  append16(font, std::uint32_t(16 * n - searchRange));
  std::size_t offset = 12 + 16 * n, head = 0;
  for (const auto& [tag, bytes] : tables) {
    font += tag;
    append32(font, checksum(bytes));
    append32(font, std::uint32_t(offset));
    append32(font, std::uint32_t(bytes.size()));
    if (tag == "head") head = offset;
    offset += (bytes.size() + 3) / 4 * 4;
  }
  for (const auto& entry : tables) {
    font += entry.second;
    pad4(font);
  }
  put32(font, head + 8, kFontChecksum - checksum(font));
  return font;
}

}  // namespace

void addCodePoints(std::string_view text, std::set<char32_t>& into) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t n = detail::decodeUtf8(text, i, cp);
    if (n) into.insert(cp);
    i += n ? n : 1;
  }
}

std::set<char32_t> codePoints(std::string_view text) {
  std::set<char32_t> out;
  addCodePoints(text, out);
  return out;
}

std::string subsetFont(const std::string& path, const std::set<char32_t>& codePoints, std::size_t face) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("font file " + path + ": cannot be opened");
  const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw std::runtime_error("font file " + path + ": cannot be read");
  return subsetFontData(data, path, codePoints, face);
}

std::string subsetFontData(std::string_view data, const std::string& name, const std::set<char32_t>& codePoints,
                           std::size_t face) {
  const Bytes file(data, name, "the file");
  const std::map<std::string, Bytes> in = faceTables(file, face);
  const Bytes &head = in.at("head"), &hhea = in.at("hhea"), &hmtx = in.at("hmtx"), &maxp = in.at("maxp");
  if (head.size() < 54 || head.u32(12) != kHeadMagic) head.fail("its 'head' table is not one (magic number, length)");
  const std::int16_t locFormat = head.s16(50);  // indexToLocFormat
  if (locFormat != 0 && locFormat != 1) head.fail("its 'head' indexToLocFormat is " + std::to_string(locFormat));
  const std::size_t count = maxp.u16(4);  // numGlyphs
  if (count == 0) maxp.fail("its 'maxp' says it has no glyphs");
  const Glyphs glyphs(in.at("glyf"), in.at("loca"), count, locFormat == 1);
  // 'hmtx': numberOfHMetrics (advance, lsb) pairs, then the left side bearings of the rest,
  // which share the last advance.
  const std::size_t metrics = hhea.u16(34);
  if (metrics == 0 || metrics > count) hhea.fail("its 'hhea' numberOfHMetrics is " + std::to_string(metrics));
  hmtx.view(0, 4 * metrics + 2 * (count - metrics));
  const auto advance = [&](std::size_t g) { return hmtx.u16(4 * std::min(g, metrics - 1)); };
  const auto bearing = [&](std::size_t g) {
    return g < metrics ? hmtx.s16(4 * g + 2) : hmtx.s16(4 * metrics + 2 * (g - metrics));
  };

  // The glyphs: .notdef, those of the code points, and the components of every composite, recursively.
  const CharMap cmap(in.at("cmap"));
  std::vector<std::pair<char32_t, std::uint32_t>> mapped;  // code point, old glyph id
  std::vector<bool> keep(count, false);
  std::vector<std::size_t> work{0};
  keep[0] = true;
  for (char32_t cp : codePoints) {
    const std::uint32_t g = cmap.glyph(cp);
    if (g == 0 || g >= count) continue;
    mapped.emplace_back(cp, g);
    if (!keep[g]) keep[g] = true, work.push_back(g);
  }
  while (!work.empty()) {
    const Bytes glyph = glyphs.glyph(work.back());
    work.pop_back();
    for (std::size_t at : componentIndices(glyph)) {
      const std::uint16_t c = glyph.u16(at);
      if (c >= count) glyph.fail("glyph " + std::to_string(c) + ", a component, is not in the font");
      if (!keep[c]) keep[c] = true, work.push_back(c);
    }
  }
  std::vector<std::uint32_t> newId(count, 0);
  std::vector<std::size_t> kept;  // old ids in their order, the new id being the index
  for (std::size_t g = 0; g < count; ++g)
    if (keep[g]) newId[g] = std::uint32_t(kept.size()), kept.push_back(g);
  for (auto& m : mapped) m.second = newId[m.second];

  std::map<std::string, std::string> out;
  // 'glyf' with each glyph's bytes as they were but its components' ids, at 4-byte boundaries;
  // 'loca' with long offsets.
  std::string& glyf = out["glyf"];
  std::string& loca = out["loca"];
  // 'hhea' from the kept glyphs that have contours: advanceWidthMax, minLeftSideBearing,
  // minRightSideBearing (advance - (lsb + xMax - xMin)) and xMaxExtent (lsb + xMax - xMin).
  long widest = 0, minLeft = 0, minRight = 0, maxExtent = 0;
  bool anyOutline = false;
  for (std::size_t g : kept) {
    const Bytes glyph = glyphs.glyph(g);
    append32(loca, std::uint32_t(glyf.size()));
    std::string bytes(glyph.all());
    for (std::size_t at : componentIndices(glyph)) put16(bytes, at, newId[glyph.u16(at)]);
    glyf += bytes;
    pad4(glyf);
    widest = std::max<long>(widest, advance(g));
    if (glyph.size() >= 10) {
      const long lsb = bearing(g), extent = lsb + glyph.s16(6) - glyph.s16(2);
      minLeft = anyOutline ? std::min(minLeft, lsb) : lsb;
      minRight = anyOutline ? std::min(minRight, long(advance(g)) - extent) : long(advance(g)) - extent;
      maxExtent = anyOutline ? std::max(maxExtent, extent) : extent;
      anyOutline = true;
    }
  }
  append32(loca, std::uint32_t(glyf.size()));
  // 'hmtx': a metric for each glyph up to the last change of advance, then bearings only.
  std::size_t newMetrics = kept.size();
  while (newMetrics > 1 && advance(kept[newMetrics - 1]) == advance(kept[newMetrics - 2])) --newMetrics;
  std::string& mtx = out["hmtx"];
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i < newMetrics) append16(mtx, advance(kept[i]));
    append16(mtx, std::uint16_t(bearing(kept[i])));
  }
  std::string& hh = out["hhea"] = std::string(hhea.view(0, 36));
  put16(hh, 10, std::uint32_t(widest));
  put16(hh, 12, std::uint16_t(minLeft));
  put16(hh, 14, std::uint16_t(minRight));
  put16(hh, 16, std::uint16_t(maxExtent));
  put16(hh, 34, std::uint32_t(newMetrics));
  // 'head' with long 'loca' offsets and checkSumAdjustment 0 until the font is assembled.
  std::string& hd = out["head"] = std::string(head.all());
  put32(hd, 8, 0);
  put16(hd, 50, 1);
  std::string& mp = out["maxp"] = std::string(maxp.all());
  put16(mp, 4, std::uint32_t(kept.size()));
  out["cmap"] = charMap(mapped);
  // 'post' version 3.0: the header's italic angle, underline and fixed pitch, no glyph names.
  std::string& post = out["post"] = std::string(32, '\0');
  if (in.count("post") && in.at("post").size() >= 32) post.replace(4, 12, in.at("post").view(4, 12));
  put32(post, 0, 0x00030000);
  if (in.count("OS/2")) {
    std::string& os2 = out["OS/2"] = std::string(in.at("OS/2").all());
    if (os2.size() >= 68 && !mapped.empty()) {  // usFirstCharIndex, usLastCharIndex
      put16(os2, 64, std::min<std::uint32_t>(mapped.front().first, 0xFFFF));
      put16(os2, 66, std::min<std::uint32_t>(mapped.back().first, 0xFFFF));
    }
  }
  for (const char* tag : kCopied)
    if (in.count(tag)) out[tag] = std::string(in.at(tag).all());
  return assemble(out);
}

std::vector<std::string> reportFontFiles() {
  if (const char* chosen = std::getenv("DRILLSIM_REPORT_FONT")) {
    if (*chosen == '\0') return {};
    return {chosen};
  }
  std::vector<std::string> files;
  for (const char* f :
       {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"}) {
    std::error_code error;
    if (std::filesystem::is_regular_file(f, error)) files.emplace_back(f);
  }
  return files;
}

}  // namespace drillsim::report
