#include "viz/ChildProcess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace drillsim::viz {

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGINT);
    reap(true);
  }
  for (int fd : {outFd_, errFd_, progressFd_})
    if (fd >= 0) ::close(fd);
}

bool ChildProcess::start(const std::vector<std::string>& argv, bool progressPipe) {
  int out[2], err[2], prog[2] = {-1, -1};
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0 || (progressPipe && ::pipe2(prog, O_CLOEXEC) != 0)) {
    error_ = std::string("cannot make a pipe: ") + std::strerror(errno);
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  if (progressPipe) posix_spawn_file_actions_adddup2(&actions, prog[1], 3);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int rc = ::posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  for (int fd : {out[1], err[1], prog[1]})
    if (fd >= 0) ::close(fd);
  outFd_ = out[0];
  errFd_ = err[0];
  progressFd_ = prog[0];
  for (int fd : {outFd_, errFd_, progressFd_})
    if (fd >= 0) ::fcntl(fd, F_SETFL, O_NONBLOCK);
  if (rc != 0) {
    pid_ = -1;
    error_ = "cannot start " + argv[0] + ": " + std::strerror(rc);
    return false;
  }
  started_ = true;
  return true;
}

void ChildProcess::drain(int& fd, std::string& into) {
  if (fd < 0) return;
  char buf[8192];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      into.append(buf, std::size_t(n));
      continue;
    }
    if (n == 0) {  // the child closed it
      ::close(fd);
      fd = -1;
    }
    return;  // EAGAIN: nothing more now
  }
}

void ChildProcess::reap(bool block) {
  if (pid_ <= 0) return;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
  if (r == pid_) {
    exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    pid_ = -1;
  }
}

bool ChildProcess::poll() {
  drain(outFd_, out_);
  drain(errFd_, err_);
  drain(progressFd_, progress_);
  reap(false);
  if (pid_ <= 0) {  // read what was left in the pipes after the end
    drain(outFd_, out_);
    drain(errFd_, err_);
    drain(progressFd_, progress_);
  }
  return pid_ > 0;
}

void ChildProcess::interrupt() {
  if (pid_ > 0) ::kill(pid_, SIGINT);
}

void ChildProcess::wait() {
  while (pid_ > 0 || outFd_ >= 0 || errFd_ >= 0) {
    pollfd fds[3];
    int n = 0;
    for (int fd : {outFd_, errFd_, progressFd_})
      if (fd >= 0) fds[n++] = {fd, POLLIN, 0};
    if (n > 0) ::poll(fds, nfds_t(n), 100);
    else ::usleep(20000);  // pipes closed, the child not yet ended
    const bool alive = poll();
    if (!alive && n == 0) break;
  }
}

std::vector<std::string> ChildProcess::takeProgressLines() {
  std::vector<std::string> lines;
  std::size_t start = 0, end;
  while ((end = progress_.find('\n', start)) != std::string::npos) {
    lines.push_back(progress_.substr(start, end - start));
    start = end + 1;
  }
  progress_.erase(0, start);
  return lines;
}

std::string drillsimCommand() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("DRILLSIM_CLI"); env && *env) return env;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate : {self.parent_path() / "drillsim", self.parent_path().parent_path() / "sim" / "drillsim"})
      if (fs::exists(candidate, ec)) return candidate.string();
  }
  return "drillsim";  // on the PATH
}

}  // namespace drillsim::viz
