// The report writers (sim/report/Document.hpp): dates, the HTML page and the .docx package,
// which is read back with the same zip library and each of its XML parts parsed by libxml2.
#include <gtest/gtest.h>

#include <libxml/parser.h>

#include <map>
#include <regex>
#include <stdexcept>
#include <string>

#include "sim/report/Document.hpp"
#include "sim/report/Markup.hpp"
#include "sim/report/Zip.hpp"

namespace drillsim::report {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// A document of every kind of block, with text that needs escaping.
Document sample(const std::string& language) {
  Document d;
  d.language = language;
  d.title = "危险化学品重大危险源辨识";
  d.subtitle = "示例园区";
  d.organisation = "东区 <化工> 园区 & \"管委会\"";
  d.dated(2026, 12, 2);
  d.heading("一、总体情况").paragraph("第一行 a<b\n第二行").note("注：估算值。");
  d.fields({{"演练名称", "氯气泄漏"}, {"日期", "2026年12月2日"}});
  d.bullets({"报警", "疏散"});
  Table t;
  t.columns = {"编号", "名称", "q/Q"};
  t.widths = {1, 3, 1};
  t.rows = {{"S1", "液氯 & 储罐 <A>", "5.00"}, {"S2", "氨\"罐\"", "0.50"}};
  d.table(t, "表1 辨识结果");
  Table hand;
  hand.columns = {"时间", "签名"};
  hand.rows = {{"", ""}};
  hand.forHand = true;
  d.table(hand);
  d.picture("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>",
            "图1 地图");
  d.pageBreak().heading("二、结论", 2);
  return d;
}

TEST(ReportDate, LongDateInEachLanguage) {
  EXPECT_EQ(longDate(2026, 12, 2, "zh-CN"), "2026年12月2日");
  EXPECT_EQ(longDate(2026, 12, 2, "zh"), "2026年12月2日");
  EXPECT_EQ(longDate(2026, 12, 2, "en"), "2 December 2026");
  EXPECT_EQ(longDate(2024, 2, 29, "en-GB"), "29 February 2024");
  EXPECT_EQ(isoDate(2026, 1, 5), "2026-01-05");
  EXPECT_THROW(longDate(2026, 2, 29, "zh-CN"), std::invalid_argument);  // not a leap year
  EXPECT_THROW(longDate(2026, 13, 1, "en"), std::invalid_argument);
  EXPECT_THROW(isoDate(1900, 2, 29), std::invalid_argument);
  EXPECT_EQ(Document{}.dated(2026, 12, 2).created, "2026-12-02");
  const std::string now = today("zh-CN");
  EXPECT_TRUE(std::regex_match(now, std::regex("[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日"))) << now;
}

TEST(ReportMarkup, EscapesAndDropsWhatXmlCannotHold) {
  EXPECT_EQ(detail::escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  EXPECT_EQ(detail::escape(std::string("x\x01y\x1b\tz\n", 7)), "xy\tz\n");
  EXPECT_EQ(detail::escape("氯\xEF\xBF\xBE"), "氯");           // U+FFFE is not an XML character
  EXPECT_EQ(detail::escape("a\xff" "b"), "a\xEF\xBF\xBD" "b");  // a stray byte: U+FFFD
  EXPECT_EQ(detail::escape("\xE6\xB0"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // a cut sequence
}

TEST(ReportMarkup, ColumnSharesFromRelativeWidths) {
  Table t;
  t.columns = {"a", "b"};
  t.widths = {1, 3};
  EXPECT_DOUBLE_EQ(detail::columnShares(t)[1], 0.75);
  t.widths = {1, -1};  // not a width: equal shares
  EXPECT_DOUBLE_EQ(detail::columnShares(t)[0], 0.5);
  t.rows = {{"1", "2", "3"}};  // a row longer than the header widens the table
  EXPECT_EQ(detail::columnCount(t), 3u);
  EXPECT_DOUBLE_EQ(detail::columnShares(t)[2], 1.0 / 3);
}

TEST(ReportHtml, PageWithPrintRulesAndEscapedText) {
  const std::string html = toHtml(sample("zh-CN"));
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4; margin: 20mm 18mm; }"), std::string::npos);
  EXPECT_NE(html.find("thead { display: table-header-group; }"), std::string::npos);
  EXPECT_NE(html.find("break-inside: avoid"), std::string::npos);
  EXPECT_NE(html.find("\"SimSun\""), std::string::npos);
  EXPECT_NE(html.find("\"SimHei\""), std::string::npos);
  // The running header: organisation left, title and date right.
  EXPECT_NE(html.find("<div class=\"running\"><span>东区 &lt;化工&gt; 园区 &amp; &quot;管委会&quot;</span><span>"
                      "危险化学品重大危险源辨识\u30002026年12月2日</span></div>"),
            std::string::npos);
  EXPECT_NE(html.find("<thead><tr><th>编号</th><th>名称</th><th>q/Q</th></tr></thead>"), std::string::npos);
  EXPECT_NE(html.find("<td>液氯 &amp; 储罐 &lt;A&gt;</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>氨&quot;罐&quot;</td>"), std::string::npos);
  EXPECT_NE(html.find("第一行 a&lt;b<br>\n第二行"), std::string::npos);
  EXPECT_EQ(html.find("<化工>"), std::string::npos);
  EXPECT_NE(html.find("<col style=\"width:60.0%\">"), std::string::npos);
  EXPECT_NE(html.find("<table class=\"grid hand\">"), std::string::npos);
  EXPECT_NE(html.find("<table class=\"fields\">"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"note\">"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"page-break\"></div>"), std::string::npos);
  // The picture inline as given, less its XML declaration.
  EXPECT_NE(html.find("<figure>\n\n<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  EXPECT_EQ(html.find("<?xml"), std::string::npos);
  // Page numbers in the document's language; the margin boxes' strings are CSS, not HTML.
  EXPECT_NE(html.find("content: \"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\""), std::string::npos);
  EXPECT_NE(html.find("content: \"东区 \\3C 化工> 园区 & \\22 管委会\\22 \""), std::string::npos);
  EXPECT_NE(toHtml(sample("en")).find("content: \"Page \" counter(page) \" of \" counter(pages)"), std::string::npos);
}

// The package's parts by name, read back with minizip.
std::map<std::string, std::string> parts(const std::string& docx) {
  std::map<std::string, std::string> out;
  for (auto& [name, bytes] : detail::unzip(docx)) out[name] = bytes;
  return out;
}

bool wellFormed(const std::string& xml) {
  xmlDocPtr doc = xmlReadMemory(xml.data(), int(xml.size()), "part.xml", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) return false;
  xmlFreeDoc(doc);
  return true;
}

// The values of `attribute` in every element whose name ends with `element`.
std::vector<std::string> attributes(const std::string& xml, const std::string& element, const std::string& attribute) {
  std::vector<std::string> out;
  const std::regex pattern("<" + element + "\\b[^>]*\\s" + attribute + "=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), pattern); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

TEST(ReportDocx, PackageIsCompleteAndWellFormed) {
  ASSERT_FALSE(wellFormed("<a><b></a>"));  // the check itself
  const auto p = parts(toDocx(sample("zh-CN")));
  ASSERT_TRUE(p.count("[Content_Types].xml"));
  ASSERT_TRUE(p.count("_rels/.rels"));
  for (const auto& [name, bytes] : p) EXPECT_TRUE(wellFormed(bytes)) << name;
  const auto overrides = attributes(p.at("[Content_Types].xml"), "Override", "PartName");
  EXPECT_EQ(overrides.size(), 8u);
  for (const auto& part : overrides) EXPECT_TRUE(p.count(part.substr(1))) << part << " is listed but not in the package";
  for (const auto& target : attributes(p.at("_rels/.rels"), "Relationship", "Target")) EXPECT_TRUE(p.count(target)) << target;
  for (const auto& target : attributes(p.at("word/_rels/document.xml.rels"), "Relationship", "Target"))
    EXPECT_TRUE(p.count("word/" + target)) << target;
  // The same document, the same bytes (the entries' dates are the document's).
  EXPECT_EQ(toDocx(sample("zh-CN")), toDocx(sample("zh-CN")));
}

TEST(ReportDocx, BodyTablesPageAndLanguage) {
  const auto p = parts(toDocx(sample("zh-CN")));
  const std::string& body = p.at("word/document.xml");
  EXPECT_NE(body.find("<w:t xml:space=\"preserve\">液氯 &amp; 储罐 &lt;A&gt;</w:t>"), std::string::npos);
  EXPECT_NE(body.find("<w:t xml:space=\"preserve\">氨&quot;罐&quot;</w:t>"), std::string::npos);
  EXPECT_NE(body.find("第一行 a&lt;b</w:t><w:br/><w:t xml:space=\"preserve\">第二行"), std::string::npos);
  EXPECT_EQ(count(body, "<w:tblHeader/>"), 2u);  // the header row of each of the two tables
  EXPECT_EQ(count(body, "<w:cantSplit/>"), 2u + 3 + 2);  // every row: the fields 2, the tables 1 + 2 and 1 + 1
  EXPECT_EQ(count(body, "<w:trHeight w:val=\"680\" w:hRule=\"atLeast\"/>"), 1u);
  EXPECT_NE(body.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), std::string::npos);
  EXPECT_NE(body.find("<w:br w:type=\"page\"/>"), std::string::npos);
  EXPECT_NE(body.find("<w:pStyle w:val=\"Heading2\"/>"), std::string::npos);
  EXPECT_NE(body.find("图见本文件的 HTML 版本"), std::string::npos);  // the picture's stand-in
  // Widths 1:3:1 of the 9864 twips between the margins.
  EXPECT_NE(body.find("<w:gridCol w:w=\"1973\"/><w:gridCol w:w=\"5918\"/><w:gridCol w:w=\"1973\"/>"), std::string::npos);
  const std::string& styles = p.at("word/styles.xml");
  EXPECT_NE(styles.find("w:eastAsia=\"宋体\""), std::string::npos);
  EXPECT_NE(styles.find("w:eastAsia=\"黑体\""), std::string::npos);
  EXPECT_NE(styles.find("<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\""), std::string::npos);
  EXPECT_NE(p.at("word/header1.xml").find("东区 &lt;化工&gt; 园区 &amp; &quot;管委会&quot;"), std::string::npos);
  const std::string& footer = p.at("word/footer1.xml");
  EXPECT_NE(footer.find("第 </w:t></w:r><w:fldSimple w:instr=\" PAGE \">"), std::string::npos);
  EXPECT_NE(footer.find(" 页 共 </w:t></w:r><w:fldSimple w:instr=\" NUMPAGES \">"), std::string::npos);
  const std::string& core = p.at("docProps/core.xml");
  EXPECT_NE(core.find("<dc:title>危险化学品重大危险源辨识</dc:title>"), std::string::npos);
  EXPECT_NE(core.find("<dc:language>zh-CN</dc:language>"), std::string::npos);
  EXPECT_NE(core.find(">2026-12-02T00:00:00Z</dcterms:created>"), std::string::npos);
}

// A landscape document: the page turned in both forms, its tables as wide as its text.
TEST(ReportDocx, LandscapeTurnsThePageAndWidensTheTables) {
  Document d = sample("zh-CN");
  d.landscape = true;
  const auto p = parts(toDocx(d));
  const std::string& body = p.at("word/document.xml");
  EXPECT_NE(body.find("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"), std::string::npos);
  // 1:3:1 of the 14796 twips between the margins of the turned page.
  EXPECT_NE(body.find("<w:gridCol w:w=\"2959\"/><w:gridCol w:w=\"8878\"/><w:gridCol w:w=\"2959\"/>"), std::string::npos);
  EXPECT_NE(p.at("word/styles.xml").find("<w:tab w:val=\"right\" w:pos=\"14796\"/>"), std::string::npos);
  EXPECT_NE(toHtml(d).find("@page { size: A4 landscape; }"), std::string::npos);
  EXPECT_EQ(toHtml(sample("zh-CN")).find("landscape"), std::string::npos);
}

TEST(ReportDocx, EnglishFooterAndAnyTextStaysWellFormed) {
  Document d = sample("en");
  d.paragraph("control \x01\x02 bytes, a stray \xff byte, ]]> and &amp;");
  d.table(Table{{"one"}, {}, {{"a", "b", "c"}}, false});  // a row longer than its header
  const auto p = parts(toDocx(d));
  for (const auto& [name, bytes] : p) EXPECT_TRUE(wellFormed(bytes)) << name;
  EXPECT_NE(p.at("word/footer1.xml").find(">Page </w:t>"), std::string::npos);
  EXPECT_NE(p.at("word/footer1.xml").find("> of </w:t>"), std::string::npos);
  EXPECT_NE(p.at("word/styles.xml").find("<w:lang w:val=\"en\""), std::string::npos);
  EXPECT_NE(p.at("word/document.xml").find("]]&gt; and &amp;amp;"), std::string::npos);
  EXPECT_EQ(count(p.at("word/document.xml").substr(p.at("word/document.xml").rfind("<w:tbl>")), "<w:gridCol "), 3u);
  Document bad;
  bad.created = "2 December 2026";
  EXPECT_THROW(toDocx(bad), std::invalid_argument);
  bad.created = "2026-02-30";
  EXPECT_THROW(toDocx(bad), std::invalid_argument);
  EXPECT_THROW(detail::unzip("not a zip"), detail::ZipError);
}

}  // namespace
}  // namespace drillsim::report
