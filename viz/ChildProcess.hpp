#pragma once
// A command run beside the window (DESIGN.md section 8: batches fork SimGrid children, so the
// process holding the window and its GL context never forks itself; it spawns `drillsim`, which
// does). Its standard output, standard error and an optional progress pipe (given to the child as
// file descriptor 3) are read without blocking, a frame at a time.

#include <sys/types.h>

#include <string>
#include <vector>

namespace drillsim::viz {

class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// Starts `argv[0]` with the arguments; `progressPipe`: a pipe on the child's fd 3.
  /// Returns false (the reason in error()) when it cannot start.
  bool start(const std::vector<std::string>& argv, bool progressPipe);
  /// Reads what is there without waiting; returns true while the child runs.
  bool poll();
  /// Sends SIGINT (a batch then stops and keeps what finished).
  void interrupt();
  /// Waits for the end (used by headless screenshots and tests).
  void wait();

  bool running() const { return pid_ > 0; }
  bool started() const { return started_; }
  /// The exit code once ended; -1 while running or when killed by a signal.
  int exitCode() const { return exitCode_; }
  const std::string& out() const { return out_; }
  const std::string& err() const { return err_; }
  const std::string& error() const { return error_; }
  /// True once, on the first call after the child ended (its output then complete).
  bool takeFinished() {
    poll();
    if (!started_ || pid_ > 0 || outFd_ >= 0 || errFd_ >= 0 || finishedTaken_) return false;
    return finishedTaken_ = true;
  }
  /// Complete lines of the progress pipe not taken yet.
  std::vector<std::string> takeProgressLines();

 private:
  void drain(int& fd, std::string& into);
  void reap(bool block);

  pid_t pid_ = -1;
  int outFd_ = -1, errFd_ = -1, progressFd_ = -1;
  bool started_ = false, finishedTaken_ = false;
  int exitCode_ = -1;
  std::string out_, err_, progress_, error_;
};

/// The `drillsim` command: $DRILLSIM_CLI, else next to this program, else the build's.
std::string drillsimCommand();

}  // namespace drillsim::viz
