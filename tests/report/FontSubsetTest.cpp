// The font subsetter (sim/report/FontSubset.hpp) and the font the HTML page embeds: each subset
// is read back with a reader of its own here (table directory, 'cmap' formats 4 and 12, 'loca'
// and 'glyf', after the OpenType specification) and compared glyph by glyph with the font it was
// cut from, WenQuanYi Micro Hei as Debian installs it (skipped where it is not installed).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/report/Document.hpp"
#include "sim/report/FontSubset.hpp"

namespace drillsim::report {
namespace {

namespace fs = std::filesystem;

const std::string kWqy = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

std::uint32_t u16(const std::string& b, std::size_t at) {
  if (at + 2 > b.size()) throw std::out_of_range("read past the end at " + std::to_string(at));
  return (std::uint32_t(static_cast<unsigned char>(b[at])) << 8) | static_cast<unsigned char>(b[at + 1]);
}
std::uint32_t u32(const std::string& b, std::size_t at) {
  return (u16(b, at) << 16) | u16(b, at + 2);
}

std::uint32_t sum32(const std::string& b) {
  std::string padded = b;
  padded.append((4 - padded.size() % 4) % 4, '\0');
  std::uint32_t s = 0;
  for (std::size_t i = 0; i < padded.size(); i += 4) s += u32(padded, i);
  return s;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Record {
  std::uint32_t checksum, offset, length;
};

// A TrueType font (or one face of a collection) as this test reads it.
struct Font {
  std::string bytes;
  std::size_t start = 0;  // the face's table directory
  std::map<std::string, Record> records;

  explicit Font(std::string data, std::size_t face = 0) : bytes(std::move(data)) {
    if (bytes.compare(0, 4, "ttcf") == 0) start = u32(bytes, 12 + 4 * face);
    const std::uint32_t n = u16(bytes, start + 4);
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::size_t r = start + 12 + 16 * i;
      records[bytes.substr(r, 4)] = {u32(bytes, r + 4), u32(bytes, r + 8), u32(bytes, r + 12)};
    }
  }

  std::string table(const std::string& tag) const {
    const Record& r = records.at(tag);
    return bytes.substr(r.offset, r.length);
  }
  std::uint32_t glyphCount() const { return u16(table("maxp"), 4); }

  std::string glyph(std::uint32_t id) const {
    const std::string loca = table("loca");
    const bool longOffsets = u16(table("head"), 50) == 1;
    const auto at = [&](std::uint32_t i) { return longOffsets ? u32(loca, 4 * i) : 2 * u16(loca, 2 * i); };
    return table("glyf").substr(at(id), at(id + 1) - at(id));
  }

  std::uint32_t advance(std::uint32_t id) const {
    const std::uint32_t metrics = u16(table("hhea"), 34);
    return u16(table("hmtx"), 4 * std::min(id, metrics - 1));
  }

  // The Unicode subtable of the platform 3 records: format 12 (encoding 10) before format 4.
  std::optional<std::string> subtable(std::uint32_t encoding) const {
    const std::string cmap = table("cmap");
    for (std::uint32_t i = 0; i < u16(cmap, 2); ++i)
      if (u16(cmap, 4 + 8 * i) == 3 && u16(cmap, 6 + 8 * i) == encoding) return cmap.substr(u32(cmap, 8 + 8 * i));
    return std::nullopt;
  }

  // The glyph of a code point by a plain walk of every segment or group.
  std::uint32_t glyphOf(char32_t cp) const {
    if (const auto sub = subtable(10)) {
      EXPECT_EQ(u16(*sub, 0), 12u);
      for (std::uint32_t g = 0; g < u32(*sub, 12); ++g) {
        const std::size_t at = 16 + 12 * g;
        if (cp >= u32(*sub, at) && cp <= u32(*sub, at + 4)) return u32(*sub, at + 8) + (cp - u32(*sub, at));
      }
      return 0;
    }
    const auto sub = subtable(1);
    if (!sub || cp > 0xFFFF) return 0;
    EXPECT_EQ(u16(*sub, 0), 4u);
    const std::uint32_t segments = u16(*sub, 6) / 2;
    for (std::uint32_t s = 0; s < segments; ++s) {
      const std::uint32_t end = u16(*sub, 14 + 2 * s), first = u16(*sub, 16 + 2 * segments + 2 * s);
      if (cp < first || cp > end) continue;
      const std::uint32_t delta = u16(*sub, 16 + 4 * segments + 2 * s);
      const std::size_t rangeAt = 16 + 6 * segments + 2 * s;
      const std::uint32_t range = u16(*sub, rangeAt);
      if (range == 0) return (cp + delta) & 0xFFFF;
      const std::uint32_t g = u16(*sub, rangeAt + range + 2 * (cp - first));
      return g ? (g + delta) & 0xFFFF : 0;
    }
    return 0;
  }
};

// Each component of a composite glyph: where its glyphIndex is ('glyf', composite glyph
// description); empty for a simple glyph.
std::vector<std::size_t> components(const std::string& glyph) {
  std::vector<std::size_t> at;
  if (glyph.size() < 10 || (u16(glyph, 0) & 0x8000) == 0) return at;
  std::size_t p = 10;
  for (std::uint32_t flags = 0x20; flags & 0x20;) {
    flags = u16(glyph, p);
    at.push_back(p + 2);
    p += (flags & 1) ? 8 : 6;
    p += (flags & 0x08) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0;
  }
  return at;
}

// The subset's glyph `id` is the original's `original`: the same bytes (then zeros up to a
// 4-byte boundary), but for a composite's component ids, whose glyphs are the same in turn.
void expectSameGlyph(const Font& subset, std::uint32_t id, const Font& font, std::uint32_t original, int& composites) {
  const std::string mine = subset.glyph(id), theirs = font.glyph(original);
  ASSERT_GE(mine.size(), theirs.size()) << "glyph " << original;
  EXPECT_LT(mine.size() - theirs.size(), 4u);
  EXPECT_EQ(mine.substr(theirs.size()), std::string(mine.size() - theirs.size(), '\0'));
  EXPECT_EQ(subset.advance(id), font.advance(original)) << "glyph " << original;
  const auto at = components(theirs);
  ASSERT_EQ(components(mine.substr(0, theirs.size())), at);
  std::string masked = mine.substr(0, theirs.size()), theirsMasked = theirs;
  for (std::size_t a : at) {
    expectSameGlyph(subset, u16(mine, a), font, u16(theirs, a), composites);
    masked.replace(a, 2, "\0\0", 2);
    theirsMasked.replace(a, 2, "\0\0", 2);
  }
  EXPECT_EQ(masked, theirsMasked) << "glyph " << original;
  if (!at.empty()) ++composites;
}

// The glyphs a subset must have: .notdef, those of the code points and their components.
std::set<std::uint32_t> closure(const Font& font, const std::set<char32_t>& cps) {
  std::set<std::uint32_t> need{0};
  std::vector<std::uint32_t> work{0};
  for (char32_t cp : cps)
    if (const std::uint32_t g = font.glyphOf(cp); g && need.insert(g).second) work.push_back(g);
  while (!work.empty()) {
    const std::string glyph = font.glyph(work.back());
    work.pop_back();
    for (std::size_t at : components(glyph))
      if (need.insert(u16(glyph, at)).second) work.push_back(u16(glyph, at));
  }
  return need;
}

// The table directory, each table's checksum and 'head' checkSumAdjustment.
void expectWellFormed(const Font& subset) {
  const std::string& b = subset.bytes;
  EXPECT_EQ(u32(b, 0), 0x00010000u);
  const std::uint32_t n = u16(b, 4);
  std::uint32_t power = 1, log = 0;
  while (power * 2 <= n) power *= 2, ++log;
  EXPECT_EQ(u16(b, 6), 16 * power);
  EXPECT_EQ(u16(b, 8), log);
  EXPECT_EQ(u16(b, 10), 16 * n - 16 * power);
  for (const auto& [tag, r] : subset.records) {
    EXPECT_EQ(r.offset % 4, 0u) << tag;
    ASSERT_LE(r.offset + r.length, b.size()) << tag;
    std::string bytes = subset.table(tag);
    if (tag == "head") bytes.replace(8, 4, std::string(4, '\0'));
    EXPECT_EQ(sum32(bytes), r.checksum) << tag;
  }
  EXPECT_EQ(b.size() % 4, 0u);
  EXPECT_EQ(sum32(b), 0xB1B0AFBAu);
  // the records sorted by tag as they are in the directory
  for (std::uint32_t i = 1; i < n; ++i) EXPECT_LT(b.substr(12 + 16 * (i - 1), 4), b.substr(12 + 16 * i, 4));
}

std::string tempFile(const std::string& name, const std::string& bytes) {
  const std::string path = (fs::path(testing::TempDir()) / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// The message of what `f` throws as std::runtime_error, or "" when it does not throw.
template <typename F>
std::string thrown(F f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

#define SKIP_WITHOUT_FONT() \
  if (!fs::exists(kWqy)) GTEST_SKIP() << kWqy << " is not installed (fonts-wqy-microhei)"

TEST(FontSubset, CodePointsOfUtf8SkipInvalidBytes) {
  EXPECT_EQ(codePoints("a氯\xff"
                       "b\xF0\x9F\x98\x80\xE6\xB0"),
            (std::set<char32_t>{'a', 'b', 0x6C2F, 0x1F600}));
  EXPECT_EQ(codePoints("\xC0\xAF\xED\xA0\x80"), std::set<char32_t>{});  // an overlong '/', a surrogate
  std::set<char32_t> into{'x'};
  addCodePoints("页页", into);
  EXPECT_EQ(into, (std::set<char32_t>{'x', 0x9875}));
}

TEST(FontSubset, ChineseTextKeepsItsGlyphsAndOnlyThem) {
  SKIP_WITHOUT_FONT();
  const Font font(readFile(kWqy));
  const std::set<char32_t> cps =
      codePoints("危险化学品重大危险源辨识：液氯储罐泄漏，疏散至避难场所。第 1 页 共 12 页 AEGL-2 (q/Q)");
  const Font subset(subsetFont(kWqy, cps));
  expectWellFormed(subset);

  int composites = 0;
  for (char32_t cp : cps) {
    const std::uint32_t original = font.glyphOf(cp);
    ASSERT_NE(original, 0u) << "U+" << std::hex << unsigned(cp) << " is not in " << kWqy;
    const std::uint32_t id = subset.glyphOf(cp);
    ASSERT_NE(id, 0u) << "U+" << std::hex << unsigned(cp);
    expectSameGlyph(subset, id, font, original, composites);
  }
  EXPECT_GT(composites, 0) << "no composite glyph was compared";  // most of WenQuanYi's Han are composites
  expectSameGlyph(subset, 0, font, 0, composites);
  EXPECT_EQ(subset.glyphCount(), closure(font, cps).size());
  EXPECT_LE(u16(subset.table("hhea"), 34), subset.glyphCount());
  EXPECT_EQ(subset.table("hmtx").size(), 2 * subset.glyphCount() + 2 * std::size_t(u16(subset.table("hhea"), 34)));

  // Not requested, though the font has them.
  for (char32_t absent : {char32_t(U'龙'), char32_t(U'Z'), char32_t(U'氨')}) {
    EXPECT_NE(font.glyphOf(absent), 0u);
    EXPECT_EQ(subset.glyphOf(absent), 0u) << "U+" << std::hex << unsigned(absent);
  }
  // What indexes the old glyph ids is gone; no glyph names; long 'loca' offsets; BMP only: format 4.
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "vhea", "vmtx", "FFTM"})
    EXPECT_EQ(subset.records.count(tag), 0u) << tag;
  for (const char* tag :
       {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"})
    EXPECT_EQ(subset.records.count(tag), 1u) << tag;
  EXPECT_EQ(u32(subset.table("post"), 0), 0x00030000u);
  EXPECT_EQ(subset.table("post").size(), 32u);
  EXPECT_EQ(u16(subset.table("head"), 50), 1u);
  EXPECT_EQ(subset.table("loca").size(), 4 * (subset.glyphCount() + 1));
  EXPECT_TRUE(subset.subtable(1).has_value());
  EXPECT_FALSE(subset.subtable(10).has_value());
  EXPECT_EQ(subset.table("name"), font.table("name"));
  EXPECT_EQ(subset.table("fpgm"), font.table("fpgm"));
}

TEST(FontSubset, EachFaceOfTheCollection) {
  SKIP_WITHOUT_FONT();
  const std::set<char32_t> cps = codePoints("氯气 Cl2");
  const Font mono(readFile(kWqy), 1);
  const Font subset(subsetFont(kWqy, cps, 1));
  expectWellFormed(subset);
  EXPECT_EQ(subset.table("name"), mono.table("name"));
  int composites = 0;
  for (char32_t cp : cps) expectSameGlyph(subset, subset.glyphOf(cp), mono, mono.glyphOf(cp), composites);
}

TEST(FontSubset, NothingAskedGivesNotdefOnly) {
  SKIP_WITHOUT_FONT();
  const Font subset(subsetFont(kWqy, {}));
  expectWellFormed(subset);
  EXPECT_EQ(subset.glyphCount(), 1u);
  EXPECT_EQ(subset.glyphOf('A'), 0u);
}

// A small TrueType font made here: glyph 1 simple, glyph 2 simple, glyph 3 a composite of glyph
// 2; U+4E00 maps to 1, U+4E01 and U+20000 to 3 by a format 12 subtable; short 'loca' offsets.
std::string madeFont() {
  const auto be = [](std::initializer_list<std::uint32_t> words16) {
    std::string b;
    for (std::uint32_t w : words16) b += char(w >> 8), b += char(w & 0xFF);
    return b;
  };
  std::map<std::string, std::string> t;
  t["head"] = be({1, 0, 0, 0, 0, 0, 0x5F0F, 0x3CF5, 0, 1000}) + std::string(30, '\0') + be({0, 0});
  t["hhea"] = be({1, 0, 800, 0xFF38}) + std::string(26, '\0') + be({4});
  t["maxp"] = be({1, 0, 4}) + std::string(26, '\0');
  t["hmtx"] = be({500, 0, 600, 10, 700, 20, 800, 30});
  // One contour of one on-curve point at (0, 0) (flags ON_CURVE, X_IS_SAME, Y_IS_SAME), and a pad byte.
  const std::string simple = be({1, 0, 0, 100, 100, 0, 0}) + std::string("\x31\x00", 2);
  const std::string composite = be({0xFFFF, 0, 0, 100, 100, 0x0002, 2}) + std::string("\x00\x00", 2);  // xy args, bytes
  t["glyf"] = std::string(4, '\x55') + simple + composite;
  t["loca"] = be({0, 0, 2, unsigned(2 + simple.size() / 2), unsigned(2 + (simple.size() + composite.size()) / 2)});
  t["cmap"] = be({0, 1,      3, 10,     0, 12, 12, 0, 0, 52, 0, 0, 0, 3, 0, 0x4E00, 0, 0x4E00, 0, 1,  //
                  0, 0x4E01, 0, 0x4E01, 0, 3,  2,  0, 2, 0,  0, 3});
  t["post"] = be({3, 0}) + std::string(28, '\0');
  std::string font = be({1, 0, unsigned(t.size()), 0, 0, 0});
  std::size_t offset = 12 + 16 * t.size();
  for (const auto& [tag, bytes] : t) {
    font += tag + be({0, 0, unsigned(offset >> 16), unsigned(offset & 0xFFFF), 0, unsigned(bytes.size())});
    offset += (bytes.size() + 3) / 4 * 4;
  }
  for (const auto& [tag, bytes] : t) font += bytes + std::string((4 - bytes.size() % 4) % 4, '\0');
  return font;
}

TEST(FontSubset, BeyondTheBmpAFormat12Subtable) {
  const std::string path = tempFile("made.ttf", madeFont());
  const Font made(readFile(path));
  ASSERT_EQ(made.glyphOf(0x20000), 3u);
  const Font subset(subsetFont(path, {0x20000, 'A'}));
  expectWellFormed(subset);
  EXPECT_EQ(subset.glyphCount(), 3u);  // .notdef, the composite and its component
  EXPECT_EQ(subset.glyphOf(0x20000), 2u);
  EXPECT_EQ(subset.glyphOf(0x4E00), 0u);
  EXPECT_TRUE(subset.subtable(1).has_value());
  EXPECT_TRUE(subset.subtable(10).has_value());
  EXPECT_EQ(u16(subset.glyph(2), 12), 1u);  // the component, glyph 2 before, is glyph 1 now
  int composites = 0;
  expectSameGlyph(subset, 2, made, 3, composites);
  EXPECT_EQ(composites, 1);
  // hmtx: the advances of 0, 2 and 3 (500, 700, 800), all of them metrics
  EXPECT_EQ(u16(subset.table("hhea"), 34), 3u);
  EXPECT_EQ(subset.advance(1), 700u);
  EXPECT_EQ(u16(subset.table("hhea"), 10), 800u);  // advanceWidthMax
}

TEST(FontSubset, ConsecutiveCodePointsOfScatteredGlyphsByGlyphIdArray) {
  const std::string path = tempFile("made.ttf", madeFont());
  const Font subset(subsetFont(path, {0x4E00, 0x4E01}));
  expectWellFormed(subset);
  EXPECT_EQ(subset.glyphCount(), 4u);
  EXPECT_EQ(subset.glyphOf(0x4E00), 1u);
  EXPECT_EQ(subset.glyphOf(0x4E01), 3u);
  EXPECT_EQ(subset.glyphOf(0x4E02), 0u);
  EXPECT_FALSE(subset.subtable(10).has_value());
  // one segment U+4E00..U+4E01 mapped by glyphIdArray (idRangeOffset not 0), then 0xFFFF
  const std::string sub = *subset.subtable(1);
  ASSERT_EQ(u16(sub, 6), 4u);
  EXPECT_EQ(u16(sub, 14), 0x4E01u);
  EXPECT_EQ(u16(sub, 20), 0x4E00u);
  EXPECT_EQ(u16(sub, 28), 4u);  // from its own place to glyphIdArray[0]
}

TEST(FontSubset, NotAFontThrowsNamingTheFile) {
  const std::string text = tempFile("notes.txt", "第一行\nThis is not a font, only text.\n");
  EXPECT_NE(thrown([&] { subsetFont(text, {'a'}); }).find(text), std::string::npos);
  EXPECT_NE(thrown([&] { subsetFont(text, {'a'}); }).find("not a TrueType font"), std::string::npos);
  const std::string empty = tempFile("empty.ttf", "");
  EXPECT_NE(thrown([&] { subsetFont(empty, {'a'}); }).find(empty), std::string::npos);
  const std::string missing = (fs::path(testing::TempDir()) / "no-such-font.ttf").string();
  EXPECT_NE(thrown([&] { subsetFont(missing, {'a'}); }).find(missing), std::string::npos);
  const std::string cff = tempFile("cff.otf", std::string("OTTO\0\1\0\0\0\0\0\0CFF \0\0\0\0\0\0\0\0\0\0\0\0", 28));
  EXPECT_NE(thrown([&] { subsetFont(cff, {'a'}); }).find("CFF"), std::string::npos);
  EXPECT_NE(thrown([&] { subsetFont(cff, {'a'}); }).find(cff), std::string::npos);
  EXPECT_NE(thrown([&] { subsetFont(tempFile("one.ttf", madeFont()), {'a'}, 1); }).find("no face 1"),
            std::string::npos);
}

TEST(FontSubset, CutShortOrFaceOutOfRangeThrowsNamingTheFile) {
  SKIP_WITHOUT_FONT();
  const std::string whole = readFile(kWqy);
  // Cut in the directory, in 'glyf', in 'post' (face 0 ends there) and in 'prep' (face 1's last).
  for (std::size_t length :
       {std::size_t(16), std::size_t(100), std::size_t(1) << 20, std::size_t(4) << 20, whole.size() - 1}) {
    const std::string cut = tempFile("cut-" + std::to_string(length) + ".ttc", whole.substr(0, length));
    const std::size_t face = length == whole.size() - 1 ? 1 : 0;
    const std::string message = thrown([&] { subsetFont(cut, codePoints("危险"), face); });
    EXPECT_NE(message.find(cut), std::string::npos) << length << ": " << message;
  }
  std::string message = thrown([&] { subsetFont(kWqy, {'a'}, 5); });
  EXPECT_NE(message.find(kWqy), std::string::npos) << message;
  EXPECT_NE(message.find("no face 5"), std::string::npos) << message;
  // A glyph whose 'loca' span runs past 'glyf' (long offsets), and a 'cmap' subtable past 'cmap'.
  const Font font(whole);
  std::string broken = whole;
  broken.replace(font.records.at("loca").offset + 4 * (font.glyphOf(U'危') + 1), 4, "\x7F\xFF\xFF\xFF");
  std::string path = tempFile("broken-loca.ttc", broken);
  message = thrown([&] { subsetFont(path, codePoints("危险")); });
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("'glyf'"), std::string::npos) << message;
  broken = whole;
  const std::size_t cmap = font.records.at("cmap").offset;
  for (std::uint32_t i = 0; i < u16(whole, cmap + 2); ++i)
    broken.replace(cmap + 8 + 8 * i, 4, std::string("\x00\x10\x00\x00", 4));
  path = tempFile("broken-cmap.ttc", broken);
  message = thrown([&] { subsetFont(path, codePoints("危险")); });
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("'cmap'"), std::string::npos) << message;
}

// RFC 4648 base64, decoded here on its own.
std::string fromBase64(const std::string& text) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t bits = 0;
  int n = 0;
  for (char c : text) {
    if (c == '=') break;
    const std::size_t v = alphabet.find(c);
    if (v == std::string::npos) throw std::invalid_argument("not base64");
    bits = (bits << 6) | std::uint32_t(v);
    if ((n += 6) >= 8) out += char((bits >> (n -= 8)) & 0xFF);
  }
  return out;
}

// An environment variable set (or unset, for nullptr) while the object lives.
class Env {
 public:
  Env(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~Env() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

Document chinesePage() {
  Document d;
  d.title = "重大危险源登记表";
  d.organisation = "宝丰示例产业集聚区管委会";
  d.dated(2026, 12, 2);
  d.heading("一、基本情况").paragraph("液氯储罐区，最大存量 5 t。").note("注：估算值，仅供参考。");
  d.fields({{"单位名称", "某化工有限公司"}});
  d.bullets({"报警", "疏散"});
  Table t;
  t.columns = {"编号", "名称"};
  t.rows = {{"HS1", "氯气"}};
  d.table(t, "表1 辨识结果");
  return d;
}

std::string embeddedFont(const std::string& html) {
  const std::string begin = "src: url(data:font/ttf;base64,";
  const std::size_t at = html.find(begin);
  if (at == std::string::npos) return {};
  const std::size_t end = html.find(')', at);
  return fromBase64(html.substr(at + begin.size(), end - at - begin.size()));
}

TEST(FontSubset, TheHtmlPageEmbedsItsCharacters) {
  SKIP_WITHOUT_FONT();
  const Env unset("DRILLSIM_REPORT_FONT", nullptr);
  ASSERT_FALSE(reportFontFiles().empty());
  EXPECT_EQ(reportFontFiles().front(), kWqy);
  const std::string html = toHtml(chinesePage());
  EXPECT_NE(html.find("@font-face { font-family: \"DrillSim CJK\";"), std::string::npos);
  EXPECT_NE(html.find("\"SimSun\", \"Songti SC\", \"Noto Serif CJK SC\", \"DrillSim CJK\""), std::string::npos);
  EXPECT_NE(html.find("\"SimHei\", \"Heiti SC\", \"Noto Sans CJK SC\", \"DrillSim CJK\""), std::string::npos);
  EXPECT_NE(html.find("@page { font-family: \"SimSun\", \"Noto Serif CJK SC\", \"DrillSim CJK\""), std::string::npos);
  const Font font(embeddedFont(html));
  expectWellFormed(font);
  // Every Han character and CJK punctuation mark of the page, the footer's words among them.
  std::set<char32_t> chinese;
  for (char32_t cp : codePoints(html))
    if (cp >= 0x2E80) chinese.insert(cp);
  for (char32_t cp : codePoints("第页共重登记表宝丰。：，"))
    EXPECT_EQ(chinese.count(cp), 1u) << "U+" << std::hex << unsigned(cp);
  for (char32_t cp : chinese) EXPECT_NE(font.glyphOf(cp), 0u) << "U+" << std::hex << unsigned(cp);
  for (char32_t cp : codePoints("0123456789HS")) EXPECT_NE(font.glyphOf(cp), 0u) << "U+" << std::hex << unsigned(cp);
  EXPECT_EQ(font.glyphOf(U'龙'), 0u);
}

TEST(FontSubset, NoFontNoFontFace) {
  {
    const Env none("DRILLSIM_REPORT_FONT", "");
    EXPECT_TRUE(reportFontFiles().empty());
    const std::string html = toHtml(chinesePage());
    EXPECT_EQ(html.find("@font-face"), std::string::npos);
    EXPECT_NE(html.find("\"DrillSim CJK\""), std::string::npos);  // named, harmless when not defined
    EXPECT_NE(html.find("<div class=\"title\">重大危险源登记表</div>"), std::string::npos);
  }
  const std::string text = tempFile("not-a-font.ttf", "plain text");
  const Env bad("DRILLSIM_REPORT_FONT", text.c_str());
  EXPECT_EQ(reportFontFiles(), std::vector<std::string>{text});
  EXPECT_EQ(toHtml(chinesePage()).find("@font-face"), std::string::npos);
}

}  // namespace
}  // namespace drillsim::report
