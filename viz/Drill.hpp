#pragma once
// A drill played on the replay's clock (the trainer's drill clock): the script `drillsim drill`
// wrote (drill.json), which injects are due and which were delivered, and the observations the
// trainer records. Every delivery and observation is saved at once, atomically, to
// observations.json beside drill.json, and read back when the drill is opened again: a crash of
// the front end loses nothing recorded.

#include <optional>
#include <string>
#include <vector>

#include "sim/analysis/DrillDocument.hpp"

namespace drillsim::viz {

class DrillSession {
 public:
  /// Reads DIR/drill.json and, when present, DIR/observations.json; false with the reason.
  bool load(const std::string& dir, std::string& error);

  const std::string& dir() const { return dir_; }
  const DrillHeader& header() const { return header_; }
  const DrillScript& script() const { return script_; }
  const DrillLog& log() const { return log_; }

  /// Standard injects whose time has come by `t` and that have not been delivered.
  std::vector<const Inject*> due(double t) const;
  /// The first standard inject after `t`, if any.
  const Inject* next(double t) const;
  /// Contingency injects not delivered yet.
  std::vector<const Inject*> contingencies() const;
  /// The time of the first standard inject in (from, to], where a playing clock should stop.
  std::optional<double> injectBetween(double from, double to) const;

  /// Records a delivery or an observation and saves; false when the save failed (saveError says
  /// why; the record is kept in memory and saved with the next one).
  bool deliver(int inject, double t);
  bool observe(const Observation& o);
  bool bookmark(double t);
  const std::string& saveError() const { return saveError_; }

 private:
  bool save();

  std::string dir_;
  DrillHeader header_;
  DrillScript script_;
  DrillLog log_;
  std::string saveError_;
};

}  // namespace drillsim::viz
