#pragma once
// The parts of the .docx package besides its body (sim/report/DocxParts.cpp), and the page they
// share with it. References are to ECMA-376 5th edition Part 1 (WordprocessingML) and Part 2
// (Open Packaging Conventions).

#include <string>

#include "sim/report/Document.hpp"

namespace drillsim::report::detail {

// A4 portrait in twentieths of a point (Part 1, 17.6, pgSz): 210 mm x 297 mm.
constexpr int kPageWidth_tw = 11906;
constexpr int kPageHeight_tw = 16838;
// Margins of 20 mm top and bottom, 18 mm left and right; header and footer 10 mm from the edge.
constexpr int kMarginTopBottom_tw = 1134;
constexpr int kMarginSides_tw = 1021;
constexpr int kHeaderFooter_tw = 567;
constexpr int kTextWidth_tw = kPageWidth_tw - 2 * kMarginSides_tw;
/// The page of a document: A4 portrait, or landscape (its width and height swapped, 17.6.13 pgSz
/// with orient="landscape"), and the width of its text between the side margins.
struct Page {
  int width_tw, height_tw, text_tw;
  bool landscape;
};
inline Page pageOf(bool landscape) {
  return landscape ? Page{kPageHeight_tw, kPageWidth_tw, kPageHeight_tw - 2 * kMarginSides_tw, true}
                   : Page{kPageWidth_tw, kPageHeight_tw, kTextWidth_tw, false};
}
// 12 mm: a row to write in by hand.
constexpr int kHandRow_tw = 680;

constexpr const char* kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string contentTypes();
std::string packageRels();
std::string documentRels();
/// docProps/core.xml (Part 2, core properties): title, subject, creator, language, created.
std::string coreProperties(const Document& doc, const std::string& created);
std::string appProperties(const Document& doc);
std::string styles(const Document& doc);
std::string settings();
std::string numbering();
std::string header(const Document& doc);
std::string footer(const Document& doc);
/// word/document.xml (DocxBody.cpp).
std::string body(const Document& doc);

}  // namespace drillsim::report::detail
