#include "sim/batch/Batch.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "scenarios/I18n.hpp"
#include "sim/batch/ChildPipe.hpp"
#include "sim/engine/Replication.hpp"
#include "sim/engine/Resources.hpp"
#include "sim/hazard/HazardModel.hpp"

namespace drillsim {

namespace {
using Clock = std::chrono::steady_clock;

struct Child {
  pid_t pid = -1;
  int fd = -1;
  BatchTask task;
  std::string output;
  Clock::time_point started;
};

// Faults injected on request, for the tests of a batch's survival (README "Reliability"): the
// environment variable DRILLSIM_FAULT="kill@A/3,hang@B/0" makes the child running replication 3 of
// plan A die by SIGKILL, and the one running replication 0 of plan B never finish.
void injectFault(const BatchTask& task) {
  const char* spec = std::getenv("DRILLSIM_FAULT");
  if (!spec) return;
  for (const auto& item : splitList(spec)) {
    const auto at = item.find('@');
    if (at == std::string::npos || item.substr(at + 1) != task.plan + "/" + std::to_string(task.replication)) continue;
    const std::string kind = item.substr(0, at);
    if (kind == "kill") raise(SIGKILL);
    if (kind == "hang")
      for (;;) pause();
  }
}

// In the child: one replication, its metrics written to `fd` as JSON; never returns.
[[noreturn]] void runChild(Platform& platform, const LoadedScenario& loaded, const BatchTask& task,
                           const BatchOptions& options, int fd) {
  const std::uint64_t seed = options.seed;
  int code = 0;
  std::string text;
  injectFault(task);
  try {
    const Plan* plan = loaded.scenario.plan(task.plan);
    if (!plan) throw std::runtime_error("no plan " + task.plan);
    HazardModel hazards(loaded, *plan, seed, std::uint64_t(task.replication));
    const Outcome o = runReplication(platform, loaded, *plan, seed, std::uint64_t(task.replication), hazards);
    nlohmann::json metrics = metricsJson(o.metrics);
    if (options.annotate) options.annotate(o, metrics);
    text = metrics.dump();
  } catch (const std::exception& e) {
    text = std::string("ERROR ") + e.what();
    code = 3;
  }
  writeAllOrExit(fd, text);
  close(fd);
  _exit(code);  // not exit(): no destructors, no SimGrid cleanup (DESIGN.md section 3)
}

ReplicationRow finish(Child& c, int status, bool timedOut) {
  ReplicationRow row{c.task.plan, c.task.replication, "ok", "", nullptr};
  if (timedOut) {
    row.status = "timeout";
    row.error = "exceeded the time limit";
  } else if (WIFSIGNALED(status)) {
    row.status = "failed";
    row.error = std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    row.status = "failed";
    row.error = c.output.rfind("ERROR ", 0) == 0 ? c.output.substr(6) : "exit status " + std::to_string(WEXITSTATUS(status));
  } else {
    row.metrics = nlohmann::json::parse(c.output, nullptr, false);
    if (row.metrics.is_discarded()) {
      row.metrics = nullptr;
      row.status = "failed";
      row.error = "unreadable result";
    }
  }
  return row;
}
}  // namespace

void runBatch(Platform& platform, const LoadedScenario& loaded, const std::vector<BatchTask>& tasks,
              const BatchOptions& options, const std::function<void(ReplicationRow)>& onResult,
              const std::atomic<bool>& stop) {
  std::size_t i = 0;
  runBatch(platform, loaded, [&](BatchTask& t) { return i < tasks.size() ? (t = tasks[i++], true) : false; }, options,
           onResult, stop);
}

void runBatch(Platform& platform, const LoadedScenario& loaded, const std::function<bool(BatchTask&)>& nextTask,
              const BatchOptions& options, const std::function<void(ReplicationRow)>& onResult,
              const std::atomic<bool>& stop) {
  std::vector<Child> running;
  const auto limit = std::chrono::duration<double>(options.timeLimit_s);
  BatchTask task;
  bool more = nextTask(task);  // `task` is the next to start while `more`
  // No more at once than the memory holds (throws when not even one replication fits).
  std::string fewer;
  const int jobs = !more ? 1 : jobsThatFit(loaded, std::max(1, options.jobs), fewer);
  while ((more || !running.empty()) && !stop) {
    while (more && int(running.size()) < jobs) {
      std::vector<int> siblings;
      for (const Child& other : running) siblings.push_back(other.fd);
      const ChildPipe child = forkWriter(
          [&](int fd) {
            signal(SIGINT, SIG_IGN);  // the parent decides what an interrupt stops
            runChild(platform, loaded, task, options, fd);
          },
          siblings);
      running.push_back({child.pid, child.fd, task, "", Clock::now()});
      more = nextTask(task);
    }
    std::vector<pollfd> polls;
    for (const Child& c : running) polls.push_back({c.fd, POLLIN, 0});
    poll(polls.data(), polls.size(), options.tick ? 50 : 200);
    if (options.tick) options.tick();
    for (std::size_t i = running.size(); i-- > 0;) {
      Child& c = running[i];
      bool ended = false;
      if (polls[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[65536];
        const ssize_t n = read(c.fd, buf, sizeof buf);
        if (n > 0) c.output.append(buf, std::size_t(n));
        else ended = true;  // end of file (or an error): the child has finished writing
      }
      const bool timedOut = !ended && Clock::now() - c.started > limit;
      if (!ended && !timedOut) continue;
      if (timedOut) kill(c.pid, SIGKILL);
      int status = 0;
      waitpid(c.pid, &status, 0);
      close(c.fd);
      ReplicationRow row = finish(c, status, timedOut);
      running.erase(running.begin() + std::ptrdiff_t(i));
      onResult(std::move(row));
    }
  }
  for (Child& c : running) {  // stopped: what was still running is dropped, not recorded
    kill(c.pid, SIGKILL);
    waitpid(c.pid, nullptr, 0);
    close(c.fd);
  }
}

std::vector<nlohmann::json> planMetrics(Platform& platform, const LoadedScenario& loaded, const std::string& plan,
                                        long replications, const BatchOptions& options) {
  std::vector<nlohmann::json> metrics(std::size_t(std::max(0L, replications)));
  std::vector<BatchTask> tasks;
  for (long r = 0; r < replications; ++r) tasks.push_back({plan, int(r)});
  const std::atomic<bool> stop{false};
  runBatch(platform, loaded, tasks, options,
           [&](ReplicationRow row) {
             if (row.status == "ok") metrics[std::size_t(row.replication)] = std::move(row.metrics);
           },
           stop);
  return metrics;
}

std::vector<nlohmann::json> planMetricsOnLayout(const std::string& scenarioPath, const std::string& substancesPath,
                                                const std::string& layoutPath, bool night, const std::string& plan,
                                                long replications, const BatchOptions& options) {
  const ChildOutput out = readAllAndWait(forkWriter([&](int fd) {
    try {
      Diagnostics d;
      auto loaded = loadAndValidate(scenarioPath, d, substancesPath, layoutPath);
      if (!loaded) _exit(2);
      loaded->scenario.population = night ? Population::Night : Population::Day;
      Platform platform(*loaded);
      writeAllOrExit(fd, nlohmann::json(planMetrics(platform, *loaded, plan, replications, options)).dump());
    } catch (...) {
      _exit(3);
    }
    _exit(0);  // not exit(): no SimGrid cleanup (DESIGN.md section 3)
  }));
  if (!out.succeeded())
    throw std::runtime_error(layoutPath.empty() ? std::string(tr("the runs on the current shelters failed"))
                                                : tf("the runs on {1} failed", layoutPath));
  return nlohmann::json::parse(out.text).get<std::vector<nlohmann::json>>();
}

}  // namespace drillsim
