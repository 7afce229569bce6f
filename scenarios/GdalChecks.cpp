#include "scenarios/GdalChecks.hpp"

#include <ogrsf_frmts.h>

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

}  // namespace drillsim
