#include "scenarios/GdalChecks.hpp"

#include <ogrsf_frmts.h>

#include <sqlite3.h>

#include <cstdlib>
#include <sstream>

#include "scenarios/Diagnostics.hpp"

namespace drillsim {

GdalFailures::GdalFailures() { CPLPushErrorHandlerEx(&GdalFailures::handler, this); }
GdalFailures::~GdalFailures() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalFailures::handler(CPLErr level, CPLErrorNum, const char* message) {
  auto* self = static_cast<GdalFailures*>(CPLGetErrorHandlerUserData());
  if (self && level >= CE_Failure && self->first_.empty())
    self->first_ = message && *message ? printableText(message) : "an error without a message";
}

std::string sqliteQuickCheck(GDALDataset& dataset) {
  GdalFailures failures;
  OGRLayer* result = dataset.ExecuteSQL("PRAGMA quick_check(5)", nullptr, nullptr);
  std::string found;
  if (result) {
    // One answer per finding, each of one or more lines, the first naming the database.
    result->ResetReading();
    while (OGRFeature* f = result->GetNextFeature()) {
      std::istringstream lines(f->GetFieldAsString(0));
      for (std::string line; std::getline(lines, line) && found.empty();)
        if (!line.empty() && line.rfind("*** in database", 0) != 0) found = printableText(line);
      OGRFeature::DestroyFeature(f);
    }
    dataset.ReleaseResultSet(result);
  }
  if (failures.any()) return failures.first();
  return found.empty() ? "no answer from SQLite" : found;
}

namespace {
bool lockCode(int code) {
  const int primary = code & 0xff;  // an extended result code keeps the primary one in its low byte
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}
}  // namespace

bool sqliteLockedByAnother(GDALDataset& dataset) {
  auto* db = static_cast<sqlite3*>(dataset.GetInternalHandle("SQLITE_HANDLE"));
  return db && lockCode(sqlite3_extended_errcode(db));
}

SqliteLockWatch::SqliteLockWatch(GDALDataset& dataset) {
  auto* db = static_cast<sqlite3*>(dataset.GetInternalHandle("SQLITE_HANDLE"));
  if (!db) return;
  int ms = 0;
  sqlite3_exec(
      db, "PRAGMA busy_timeout",
      [](void* out, int columns, char** values, char**) {
        if (columns > 0 && values[0]) *static_cast<int*>(out) = std::atoi(values[0]);
        return 0;
      },
      &ms, nullptr);
  wait_ = std::chrono::milliseconds(ms);
  sqlite3_busy_handler(db, &SqliteLockWatch::onBusy, this);
}

int SqliteLockWatch::onBusy(void* self, int attempts) {
  auto* watch = static_cast<SqliteLockWatch*>(self);
  const auto now = std::chrono::steady_clock::now();
  if (attempts == 0) watch->since_ = now;
  if (now - watch->since_ < watch->wait_) {
    sqlite3_sleep(20);
    return 1;  // try again
  }
  watch->gaveUp_ = true;
  return 0;  // the statement fails with SQLITE_BUSY
}

bool sqliteFileLocked(const std::string& path) {
  sqlite3* db = nullptr;
  int code = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  if (code == SQLITE_OK) code = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return lockCode(code);
}

}  // namespace drillsim
