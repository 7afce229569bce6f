// The drill clock's session (see Drill.hpp).
#include "viz/Drill.hpp"

#include <filesystem>

#include "scenarios/TextFile.hpp"

namespace drillsim::viz {


bool DrillSession::load(const std::string& dir, std::string& error) {
  const auto drill = readDrillFile(dir + "/drill.json", error);
  DrillHeader header;
  DrillScript script;
  if (!drill) return false;
  if (!readDrill(*drill, header, script, error)) {
    error = dir + "/drill.json: " + error;
    return false;
  }
  DrillLog log;
  const std::string logPath = dir + "/observations.json";
  std::error_code ec;
  if (std::filesystem::exists(logPath, ec)) {
    const auto j = readDrillFile(logPath, error);
    if (!j) return false;
    if (!readDrillLog(*j, log, error)) {
      error = logPath + ": " + error;
      return false;
    }
  }
  dir_ = dir;
  header_ = std::move(header);
  script_ = std::move(script);
  log_ = std::move(log);
  saveError_.clear();
  return true;
}

std::vector<const Inject*> DrillSession::due(double t) const {
  std::vector<const Inject*> out;
  for (const Inject& i : script_.injects)
    if (!i.contingency && i.time_s <= t && !log_.delivered.count(i.number)) out.push_back(&i);
  return out;
}

const Inject* DrillSession::next(double t) const {
  for (const Inject& i : script_.injects)
    if (!i.contingency && i.time_s > t) return &i;
  return nullptr;
}

std::vector<const Inject*> DrillSession::contingencies() const {
  std::vector<const Inject*> out;
  for (const Inject& i : script_.injects)
    if (i.contingency && !log_.delivered.count(i.number)) out.push_back(&i);
  return out;
}

std::optional<double> DrillSession::injectBetween(double from, double to) const {
  for (const Inject& i : script_.injects)
    if (!i.contingency && i.time_s > from && i.time_s <= to) return i.time_s;
  return std::nullopt;
}

bool DrillSession::deliver(int inject, double t) {
  log_.delivered[inject] = t;
  return save();
}

bool DrillSession::observe(const Observation& o) {
  log_.observations.push_back(o);
  return save();
}

bool DrillSession::bookmark(double t) {
  log_.bookmarks.push_back(t);
  return save();
}

bool DrillSession::save() {
  try {
    writeFileAtomically(dir_ + "/observations.json", drillLogJson(log_).dump(2) + "\n");
    saveError_.clear();
    return true;
  } catch (const std::exception& e) {
    saveError_ = e.what();
    return false;
  }
}

}  // namespace drillsim::viz
