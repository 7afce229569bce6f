// The parts of the .docx package around its body: content types, relationships and core
// properties (ECMA-376 Part 2), styles, settings, numbering, running header and footer (Part 1,
// 17.7, 17.15, 17.9, 17.10). Elements are written in the order the schema's sequences ask for
// (Part 1, annex A): Word refuses a document whose pPr or rPr children are out of order.
#include "sim/report/DocxParts.hpp"

#include <sstream>

#include "sim/report/Markup.hpp"

namespace drillsim::report::detail {

namespace {
constexpr const char* kOfficeRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr const char* kWordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

std::string open(const char* element) {
  return std::string(kXmlDeclaration) + "<" + element + " xmlns:w=\"" + kWordNs + "\" xmlns:r=\"" + kRelNs + "\">";
}

// Body text in 宋体 (SimSun) and Times New Roman, headings in 黑体 (SimHei) and Arial: the faces of
// Chinese official documents, which Word, WPS and LibreOffice (through fontconfig's substitutes)
// all have. Sizes in half-points (17.3.2, sz): 小四 12 pt body, 五号 10.5 pt tables.
std::string fonts(bool hei) {
  return hei ? R"(<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="黑体" w:cs="Arial"/>)"
             : R"(<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>)";
}

// Any East Asian text DrillSim writes is Chinese (the park's names), in an English document too:
// w:eastAsia tells Word which glyph forms to use for it (17.3.2, lang).
std::string language(const Document& doc) {
  const std::string latin = isChinese(doc.language) ? "en-US" : escape(doc.language);
  return "<w:lang w:val=\"" + latin + "\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>";
}

std::string paragraphStyle(const char* id, const char* name, const std::string& pPr, const std::string& rPr,
                           const char* basedOn = "Normal") {
  std::string s = std::string("<w:style w:type=\"paragraph\" w:styleId=\"") + id + "\"><w:name w:val=\"" + name + "\"/>";
  if (*basedOn) s += std::string("<w:basedOn w:val=\"") + basedOn + "\"/>";
  s += "<w:next w:val=\"Normal\"/><w:qFormat/>";
  if (!pPr.empty()) s += "<w:pPr>" + pPr + "</w:pPr>";
  if (!rPr.empty()) s += "<w:rPr>" + rPr + "</w:rPr>";
  return s + "</w:style>\n";
}

std::string heading(int level, int size) {
  const std::string n = std::to_string(level);
  return paragraphStyle(("Heading" + n).c_str(), ("heading " + n).c_str(),
                        "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/>"
                        "<w:jc w:val=\"left\"/><w:outlineLvl w:val=\"" + std::to_string(level - 1) + "\"/>",
                        fonts(true) + "<w:sz w:val=\"" + std::to_string(size) + "\"/><w:szCs w:val=\"" + std::to_string(size) + "\"/>");
}

// Table Grid: single 0.5 pt borders (sz in eighths of a point, 17.18, ST_Border) on every edge.
std::string tableGrid() {
  std::string borders;
  for (const char* edge : {"top", "left", "bottom", "right", "insideH", "insideV"})
    borders += std::string("<w:") + edge + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  return "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders>" + borders +
         "</w:tblBorders><w:tblCellMar><w:top w:w=\"28\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/>"
         "<w:bottom w:w=\"28\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\n";
}
}  // namespace

std::string contentTypes() {
  std::ostringstream o;
  o << kXmlDeclaration << "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    << "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    << "<Default Extension=\"xml\" ContentType=\"application/xml\"/>";
  const std::pair<const char*, const char*> parts[] = {
      {"/word/document.xml", "document.main+xml"}, {"/word/styles.xml", "styles+xml"},
      {"/word/settings.xml", "settings+xml"},      {"/word/numbering.xml", "numbering+xml"},
      {"/word/header1.xml", "header+xml"},         {"/word/footer1.xml", "footer+xml"}};
  for (const auto& [part, type] : parts) o << "<Override PartName=\"" << part << "\" ContentType=\"" << kWordType << type << "\"/>";
  o << "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    << "<Override PartName=\"/docProps/app.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>";
  return o.str();
}

std::string packageRels() {
  return std::string(kXmlDeclaration) + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
         "<Relationship Id=\"rId1\" Type=\"" + kOfficeRel + "officeDocument\" Target=\"word/document.xml\"/>" +
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
         "core-properties\" Target=\"docProps/core.xml\"/>" +
         "<Relationship Id=\"rId3\" Type=\"" + kOfficeRel + "extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";
}

std::string documentRels() {
  std::string s = std::string(kXmlDeclaration) + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  const std::pair<const char*, const char*> rels[] = {{"rIdStyles", "styles"},       {"rIdSettings", "settings"},
                                                      {"rIdNumbering", "numbering"}, {"rIdHeader", "header"},
                                                      {"rIdFooter", "footer"}};
  for (const auto& [id, type] : rels) {
    const std::string target = std::string(type) + (type[0] == 'h' || type[0] == 'f' ? "1" : "") + ".xml";
    s += std::string("<Relationship Id=\"") + id + "\" Type=\"" + kOfficeRel + type + "\" Target=\"" + target + "\"/>";
  }
  return s + "</Relationships>";
}

std::string coreProperties(const Document& doc, const std::string& created) {
  return std::string(kXmlDeclaration) +
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" +
         "<dc:title>" + escape(doc.title) + "</dc:title><dc:subject>" + escape(doc.subtitle) + "</dc:subject>" +
         "<dc:creator>" + escape(doc.organisation) + "</dc:creator><dc:language>" + escape(doc.language) + "</dc:language>" +
         "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + created + "T00:00:00Z</dcterms:created></cp:coreProperties>";
}

std::string appProperties(const Document& doc) {
  return std::string(kXmlDeclaration) +
         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
         "<Application>DrillSim</Application><Company>" + escape(doc.organisation) + "</Company></Properties>";
}

// Normal is aligned left, not justified: a justified line that ends in one of the blocks' line
// breaks is spread across the page by LibreOffice whatever the compatibility settings say.
std::string styles(const Document& doc) {
  std::ostringstream o;
  o << open("w:styles") << "<w:docDefaults><w:rPrDefault><w:rPr>" << fonts(false)
    << "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>" << language(doc) << "</w:rPr></w:rPrDefault>"
    << "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\n"
    << "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
    << "<w:pPr><w:widowControl/><w:spacing w:after=\"120\" w:line=\"360\" w:lineRule=\"auto\"/></w:pPr></w:style>\n"
    << paragraphStyle("Title", "Title", "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:jc w:val=\"center\"/>",
                      fonts(true) + "<w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/>")
    << paragraphStyle("Subtitle", "Subtitle", "<w:keepNext/><w:jc w:val=\"center\"/>", "")
    << heading(1, 32) << heading(2, 28) << heading(3, 24)
    << paragraphStyle("Note", "Note", "<w:spacing w:before=\"60\" w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/>",
                      "<w:color w:val=\"595959\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>")
    << paragraphStyle("Caption", "caption", "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/>",
                      fonts(true) + "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>")
    << paragraphStyle("ListBullet", "List Bullet",
                      "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:spacing w:after=\"0\"/>", "")
    << paragraphStyle("Spacer", "Spacer", "<w:spacing w:after=\"0\" w:line=\"160\" w:lineRule=\"exact\"/>",
                      "<w:sz w:val=\"12\"/><w:szCs w:val=\"12\"/>")
    << paragraphStyle("TableText", "Table Text", "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>",
                      "<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>")
    << paragraphStyle("TableHeading", "Table Heading", "<w:keepNext/>", fonts(true), "TableText")
    << paragraphStyle("TableTextSmall", "Table Text Small", "", "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>", "TableText")
    << paragraphStyle("TableHeadingSmall", "Table Heading Small", "", "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>", "TableHeading")
    << paragraphStyle("Header", "header",
                      "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"1\" w:color=\"000000\"/></w:pBdr><w:tabs>"
                      "<w:tab w:val=\"right\" w:pos=\"" + std::to_string(pageOf(doc.landscape).text_tw) + "\"/></w:tabs>"
                      "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
                      "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>")
    << paragraphStyle("Footer", "footer", "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>",
                      "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>")
    << tableGrid() << "</w:styles>";
  return o.str();
}

std::string settings() {
  return open("w:settings") +
         "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>"
         "<w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" "
         "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
         "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:settings>";
}

// One bullet list (17.9): a bullet and a hanging indent of two Chinese characters.
std::string numbering() {
  return open("w:numbering") +
         "<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\">"
         "<w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u2022\"/><w:lvlJc w:val=\"left\"/>"
         "<w:pPr><w:ind w:left=\"420\" w:hanging=\"420\"/></w:pPr>"
         "<w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:hint=\"default\"/></w:rPr></w:lvl></w:abstractNum>"
         "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
}

std::string header(const Document& doc) {
  return open("w:hdr") + "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr><w:r><w:t xml:space=\"preserve\">" +
         escape(doc.organisation) + "</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">" + escape(doc.title) +
         "</w:t></w:r></w:p></w:hdr>";
}

// "第 X 页 共 Y 页" or "Page X of Y" with the PAGE and NUMPAGES fields (Part 1, 17.16.5),
// which Word, WPS and LibreOffice compute when they lay the document out.
std::string footer(const Document& doc) {
  const Words& w = wordsFor(doc.language);
  auto text = [](const std::string& t) {
    return t.empty() ? std::string() : "<w:r><w:t xml:space=\"preserve\">" + escape(t) + "</w:t></w:r>";
  };
  auto field = [](const char* name) {
    return std::string("<w:fldSimple w:instr=\" ") + name + " \"><w:r><w:t>1</w:t></w:r></w:fldSimple>";
  };
  return open("w:ftr") + "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>" + text(w.pageBefore) + field("PAGE") +
         text(w.pageBetween) + field("NUMPAGES") + text(w.pageAfter) + "</w:p></w:ftr>";
}

}  // namespace drillsim::report::detail
