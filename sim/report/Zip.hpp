#pragma once
// A ZIP archive in memory, for the .docx package (ECMA-376 Part 2, Open Packaging Conventions,
// annex C: a package is a ZIP file of APPNOTE 6.2.0 without encryption), written and read with
// zlib's minizip.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace drillsim::report::detail {

/// An archive's entries: name and bytes, in the order written.
using ZipEntries = std::vector<std::pair<std::string, std::string>>;

struct ZipError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The archive of `entries`, each compressed with deflate and stamped with `year`-`month`-`day`
/// (0:00), so that the same entries always give the same bytes.
std::string zip(const ZipEntries& entries, int year, int month, int day);
/// The entries of an archive; a ZipError naming what is wrong when `bytes` is not one.
ZipEntries unzip(const std::string& bytes);

}  // namespace drillsim::report::detail
