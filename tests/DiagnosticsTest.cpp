#include "scenarios/Diagnostics.hpp"

#include <gtest/gtest.h>

using namespace drillsim;

TEST(Diagnostics, SuggestsOnlyAnUnambiguousCloseName) {
  EXPECT_EQ(didYouMean("horizon", {"name", "horizon_s", "plans"}), "horizon_s");
  EXPECT_EQ(didYouMean("evacuat", {"evacuate", "shelter_in_place"}), "evacuate");
  // AEGL-4 is one edit from AEGL-1, -2 and -3 alike: suggesting the first would be a guess.
  EXPECT_EQ(didYouMean("AEGL-4", {"AEGL-1", "AEGL-2", "AEGL-3", "none"}), "");
  EXPECT_EQ(didYouMean("G", {"A", "B", "C", "D", "E", "F"}), "");
  EXPECT_EQ(didYouMean("warehouse", {"chemical", "office"}), "");
}

TEST(Diagnostics, ANameWithLookAlikeCharactersIsMatchedByItsSkeleton) {
  // Cyrillic capital EN (U+041D) for the Latin H, and a fullwidth digit two (U+FF12, typed with a
  // Chinese input method) for 2: by edit distance they are two bytes away, by look the same name.
  EXPECT_EQ(didYouMean("\xD0\x9DZ1", {"HZ1", "HZ2", "FB1"}), "HZ1");
  EXPECT_EQ(didYouMean("HZ\xEF\xBC\x92", {"HZ1", "HZ2", "FB1"}), "HZ2");
  EXPECT_EQ(expectedOneOf("\xD0\x9DZ1", {"HZ1", "FB1"}),
            "expected one of HZ1, FB1 (did you mean 'HZ1'? '\xD0\x9DZ1' only looks like it: it has '\xD0\x9D' "
            "(U+041D CYRILLIC CAPITAL LETTER EN))");
  // A look-alike of two names at once (1 and I both look like l) suggests neither.
  EXPECT_EQ(didYouMean("Zl", {"Z1", "ZI"}), "");
  // An ordinary typo keeps its plain suggestion, without a note on characters.
  EXPECT_EQ(expectedOneOf("HZ2", {"HZ1", "FB1"}), "expected one of HZ1, FB1 (did you mean 'HZ1'?)");
}

TEST(Diagnostics, BytesFromADamagedFileAreEscapedBeforeTheyReachAMessage) {
  // SQLite names a damaged table with the damaged byte in it: "rtree_..._u\x90date3".
  EXPECT_EQ(printableText("schema (rtree_u\x90" "date3)"), "schema (rtree_u\\x90date3)");
  EXPECT_EQ(printableText("氯 ok\nnext"), "氯 ok\nnext");             // UTF-8 and line breaks stay
  EXPECT_EQ(printableText("a\x1b[2Jb\t"), "a\\x1b[2Jb\\x09");       // no terminal escapes
  EXPECT_EQ(printableText("\xE6\xB0"), "\\xe6\\xb0");                // a character cut short
  EXPECT_EQ(printableText("\xC0\xAF"), "\\xc0\\xaf");                // an overlong form
  Diagnostics d;
  d.error({"store.gpkg", 0, 0, "row 3 (plan \xff)"}, "", "damaged");
  EXPECT_EQ(d.str(), "store.gpkg: row 3 (plan \\xff): error: damaged\n");
}

TEST(Diagnostics, CandidateListsNameEachOnceAndStayShort) {
  EXPECT_EQ(expectedOneOf("X", {"HZ1", "HZ1"}), "expected one of HZ1");
  std::vector<std::string> many;
  for (int i = 0; i < 20; ++i) many.push_back("Z" + std::to_string(i));
  EXPECT_EQ(expectedOneOf("Q", many), "expected one of Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, ... (20 in all)");
}

TEST(Diagnostics, FoundValuesAreQuotedShortenedAndEscaped) {
  EXPECT_EQ(inQuotes("abc"), "'abc'");
  EXPECT_EQ(inQuotes("a\tb"), "'a\\x09b'");
  EXPECT_EQ(inQuotes(std::string(70, 'x')), "'" + std::string(60, 'x') + "...'");
  // Chinese text is cut at a character boundary, never inside one.
  std::string chinese;
  for (int i = 0; i < 70; ++i) chinese += "氯";
  std::string shown = inQuotes(chinese);
  EXPECT_EQ(shown.size(), 1 + 60 * 3 + 3 + 1);
}

TEST(Diagnostics, FormatsPlaceSeverityKeyAndMessage) {
  Diagnostics d;
  d.error({"s.yaml", 3, 7, {}}, "plans[0].id", "duplicate id 'A'");
  d.warning({"roads.geojson", 0, 0, "layer roads, feature R1"}, "", "ends on the middle of road 'R2'");
  EXPECT_EQ(d.str(),
            "s.yaml:3:7: error: plans[0].id: duplicate id 'A'\n"
            "roads.geojson: layer roads, feature R1: warning: ends on the middle of road 'R2'\n");
  EXPECT_EQ(d.errorCount(), 1u);
  EXPECT_EQ(d.warningCount(), 1u);
}
