#include "sim/cli/DocumentOutput.hpp"

#include <iostream>

#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"
#include "scenarios/Validation.hpp"
#include "sim/cli/Args.hpp"

namespace drillsim::cli {

bool documentFormat(const Args& args, const std::string& format) {
  const bool document = format == "html" || format == "docx";
  if (args.value("out") && !document)
    throw UsageError(tr("--out is for --format html or docx; the text and JSON forms go to the standard output"));
  if (format == "docx" && !args.value("out")) throw UsageError(tr("--format docx writes a file: give its name with --out FILE.docx"));
  return document;
}

int writeDocumentOutput(const Args& args, const std::string& format, const report::Document& doc) {
  const auto out = args.value("out");
  const std::string bytes = format == "docx" ? report::toDocx(doc) : report::toHtml(doc);
  if (!out) {
    std::cout << bytes;
    return kExitOk;
  }
  writeFileAtomically(*out, bytes);
  std::cerr << tf("wrote {1}", *out) << "\n";
  return kExitOk;
}

report::Document newDocument(std::string organisation, std::string title) {
  report::Document doc;
  doc.language = i18n::language() == i18n::Language::Chinese ? "zh-CN" : "en";
  doc.title = std::move(title);
  doc.organisation = std::move(organisation);
  doc.datedToday();
  return doc;
}

report::Document scenarioDocument(const LoadedScenario& loaded, std::string title) {
  return newDocument(loaded.scenario.park_name.empty() ? loaded.scenario.name : loaded.scenario.park_name, std::move(title));
}

report::Table documentTable(const TextTable& table) {
  report::Table t;
  t.columns = table.header();
  t.rows = table.rows();
  return t;
}

}  // namespace drillsim::cli
