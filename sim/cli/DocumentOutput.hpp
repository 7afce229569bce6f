#pragma once
// The documents a command writes beside its text (README "Documents"): the --format html|docx
// choice and --out checked once, the document's language from the catalogue's, its running
// header from the scenario, and a table the command printed as text laid out again for print.

#include <string>

#include "sim/cli/TextTable.hpp"
#include "sim/report/Document.hpp"

namespace drillsim {
struct LoadedScenario;
}

namespace drillsim::cli {

class Args;

/// True for "html" and "docx". Throws UsageError when --out is given for another format, or
/// docx is asked for without --out (a .docx is a file, not text for the terminal).
bool documentFormat(const Args& args, const std::string& format);
/// Writes `doc` as --format asks: to --out (atomically, saying so on stderr), or the HTML to the
/// standard output. Returns the exit code.
int writeDocumentOutput(const Args& args, const std::string& format, const report::Document& doc);

/// A document in the current language, dated today, with `organisation` and `title` in its
/// running header.
report::Document newDocument(std::string organisation, std::string title);
/// newDocument for the scenario's park: its park_name, else the scenario's name.
report::Document scenarioDocument(const LoadedScenario& loaded, std::string title);

/// The table as a document's table: the same header and cells.
report::Table documentTable(const TextTable& table);

}  // namespace drillsim::cli
