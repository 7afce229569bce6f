#pragma once
// Checks on what GDAL reads from a file that may be damaged (README "Reliability"): GDAL reports a
// failure to read (a page SQLite cannot decode, a file cut short) through its error handler and
// then ends the layer as if it were complete, so every reader watches for failures and counts.

#include <gdal_priv.h>

#include <string>

namespace drillsim {

/// Collects GDAL's failures (CE_Failure and worse) while alive instead of letting GDAL print them;
/// its warnings are dropped.
class GdalFailures {
 public:
  GdalFailures();
  ~GdalFailures();
  GdalFailures(const GdalFailures&) = delete;
  GdalFailures& operator=(const GdalFailures&) = delete;
  bool any() const { return !first_.empty(); }
  /// The first failure's message.
  const std::string& first() const { return first_; }
  void clear() { first_.clear(); }

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum number, const char* message);
  std::string first_;
};

/// SQLite's check of a GeoPackage's structure (PRAGMA quick_check: every page and b-tree, not the
/// values in them): "ok", or its first finding in SQLite's words.
std::string sqliteQuickCheck(GDALDataset& dataset);

}  // namespace drillsim
