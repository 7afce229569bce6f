#include "sim/engine/Resources.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include "scenarios/I18n.hpp"

namespace drillsim {

namespace {
// "2G", "500M", "1.5g", "800000K" or bytes -> MiB; nothing when not a size.
std::optional<double> parseSize(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || !(v > 0)) return std::nullopt;
  const std::string unit = end;
  if (unit == "G" || unit == "g" || unit == "GiB" || unit == "GB") return v * 1024;
  if (unit == "M" || unit == "m" || unit == "MiB" || unit == "MB") return v;
  if (unit == "K" || unit == "k" || unit == "KiB" || unit == "KB") return v / 1024;
  if (unit.empty()) return v / (1024 * 1024);
  return std::nullopt;
}

// A number read from a one-line file, or nothing ("max", missing).
std::optional<double> fileNumber(const char* path) {
  std::ifstream in(path);
  std::string word;
  if (!(in >> word) || word == "max") return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(word.c_str(), &end);
  if (end == word.c_str()) return std::nullopt;
  return v;
}

std::string mib(double v) {
  char buf[32];
  if (v >= 1024) std::snprintf(buf, sizeof buf, "%.1f GiB", v / 1024);
  else std::snprintf(buf, sizeof buf, "%.0f MiB", v);
  return buf;
}
}  // namespace

double replicationMemoryMiB(const LoadedScenario& loaded) {
  const Park& park = loaded.park;
  const int size = std::max(1, loaded.scenario.cohort_size);
  double cohorts = 0;
  for (const Zone& z : park.zones) cohorts += std::ceil(double(loaded.scenario.night() ? z.pop_night : z.pop_day) / size);
  const double mb = 80.0 + 14.0 / 1024 * double(park.roads.size()) +
                    80.0 / (1024 * 1024) * double(park.graph.nodeCount()) * double(park.shelters.size()) +
                    1.5 / 1024 * cohorts;
  return 1.25 * mb;
}

double availableMemoryMiB(std::string& source) {
  double best = std::numeric_limits<double>::infinity();
  source = "unknown";
  std::ifstream meminfo("/proc/meminfo");
  for (std::string line; std::getline(meminfo, line);)
    if (line.rfind("MemAvailable:", 0) == 0) {
      std::istringstream in(line.substr(13));
      double kb = 0;
      if (in >> kb) {
        best = kb / 1024;
        source = i18n::kNoop("the machine's available memory");
      }
    }
  if (auto limit = fileNumber("/sys/fs/cgroup/memory.max")) {
    const double room = (*limit - fileNumber("/sys/fs/cgroup/memory.current").value_or(0)) / (1024 * 1024);
    if (room < best) {
      best = room;
      source = i18n::kNoop("the room left in this process's control group (memory.max)");
    }
  }
  if (const char* cap = std::getenv("DRILLSIM_MEMORY")) {
    const auto v = parseSize(cap);
    if (!v) throw MemorySettingError(tf("DRILLSIM_MEMORY: expected a size such as 2G or 500M, found '{1}'", cap));
    if (*v < best) {
      best = *v;
      source = "DRILLSIM_MEMORY";
    }
  }
  return best;
}

namespace {
// Where the memory available was read, in the user's language (availableMemoryMiB's source, marked there).
std::string shownSource(const std::string& source) {
  return tr(source.c_str());
}

[[noreturn]] void refuse(const LoadedScenario& loaded, double need, int processes, double available,
                         const std::string& source) {
  throw ResourceError(
      tf("this scenario needs about {1} of memory to run ({2} a process: {3} roads, {4} shelters, cohorts "
         "of {5} persons), but {6} is {7}; refused before starting. Use larger cohorts (cohort_size), "
         "fewer shelters or roads, or a machine with more memory",
         mib(processes * need), mib(need), loaded.park.roads.size(), loaded.park.shelters.size(),
         loaded.scenario.cohort_size, mib(available), shownSource(source)));
}
}  // namespace

double batchRowsMemoryMiB(const LoadedScenario& loaded, double rows) {
  const Park& park = loaded.park;
  const double text = 400.0 + 35.0 * double(park.roads.size()) + 145.0 * double(park.zones.size()) +
                      50.0 * double(park.shelters.size()) + 75.0 * double(loaded.scenario.teams.size());
  return rows * 7.5 * text / (1024 * 1024);
}

void checkBatchFits(const LoadedScenario& loaded, double rows) {
  const double own = replicationMemoryMiB(loaded) + batchRowsMemoryMiB(loaded, rows);
  std::string source;
  const double available = availableMemoryMiB(source);
  if (own <= available) return;
  char perRow[32];
  std::snprintf(perRow, sizeof perRow, "%.0f KiB", batchRowsMemoryMiB(loaded, 1) * 1024);
  throw ResourceError(
      tf("this batch would hold about {1} when it ends (its {2} rows, about {3} each, read back for the "
         "summary layers and the CSV), but {4} is {5}; refused before starting. Run fewer replications, "
         "or a machine with more memory",
         mib(own), static_cast<long long>(rows), perRow, mib(available), shownSource(source)));
}

void checkOneRunFits(const LoadedScenario& loaded) {
  const double need = replicationMemoryMiB(loaded);
  std::string source;
  const double available = availableMemoryMiB(source);
  if (need > available) refuse(loaded, need, 1, available, source);
}

int jobsThatFit(const LoadedScenario& loaded, int jobs, std::string& warning) {
  warning.clear();
  const double need = replicationMemoryMiB(loaded);
  std::string source;
  const double available = availableMemoryMiB(source);
  if (!std::isfinite(available)) return jobs;
  // The batch's own process holds the loaded park and platform; each replication's process about as much.
  const int fit = int(std::floor(available / need)) - 1;
  if (fit < 1) refuse(loaded, need, 2, available, source);
  if (fit < jobs) {
    warning = tnf("runs {1} replication at once, not {2}: each needs about {3} and {4} is {5}",
                  "runs {1} replications at once, not {2}: each needs about {3} and {4} is {5}", fit, fit, jobs,
                  mib(need), mib(available), shownSource(source));
    return fit;
  }
  return jobs;
}

}  // namespace drillsim
