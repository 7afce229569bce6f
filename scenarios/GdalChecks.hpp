#pragma once
// Checks on what GDAL reads from a file that may be damaged (README "Reliability"): GDAL reports a
// failure to read (a page SQLite cannot decode, a file cut short) through its error handler and
// then ends the layer as if it were complete, so every reader watches for failures and counts.

#include <gdal_priv.h>

#include <chrono>
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

/// Whether SQLite's last failure on a GeoPackage's connection was another connection holding the
/// database's lock (result codes SQLITE_BUSY and SQLITE_LOCKED, www.sqlite.org/rescode.html), read
/// from the driver's own connection (GDALDataset::GetInternalHandle("SQLITE_HANDLE")). Call it
/// right after the failure, before anything else runs on the dataset.
bool sqliteLockedByAnother(GDALDataset& dataset);

/// Watches a GeoPackage's SQLite connection for another connection's lock. It takes the place of
/// the wait GDAL set for a lock (SQLite's busy timeout, read with PRAGMA busy_timeout) with the
/// same wait, and remembers when it gave up waiting, so that a failed write is told a lock from
/// any other failure by SQLite's own account, whichever statement failed last (GDAL runs several
/// for one feature). It must outlive the dataset's connection.
class SqliteLockWatch {
 public:
  explicit SqliteLockWatch(GDALDataset& dataset);
  SqliteLockWatch(const SqliteLockWatch&) = delete;
  SqliteLockWatch& operator=(const SqliteLockWatch&) = delete;
  /// Whether a statement since the last reset() failed because the lock stayed taken.
  bool gaveUp() const { return gaveUp_; }
  void reset() { gaveUp_ = false; }

 private:
  static int onBusy(void* self, int attempts);
  std::chrono::milliseconds wait_{0};
  std::chrono::steady_clock::time_point since_;
  bool gaveUp_ = false;
};

/// For a SQLite file GDAL could not open at all: whether SQLite, reading its schema, finds the
/// database locked by another connection.
bool sqliteFileLocked(const std::string& path);

}  // namespace drillsim
