#pragma once
// The benchmarks' one way of running a simulation: SimGrid allows one engine per process
// (DESIGN.md section 3), so each measurement runs in a forked child that sends its figures back.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <type_traits>

namespace drillsim::bench {

/// Runs `body` in a child process and returns what it returned (T{} when the child failed).
template <class T>
T inChild(const std::function<T()>& body) {
  static_assert(std::is_trivially_copyable_v<T>, "the figures cross a pipe as bytes");
  int fds[2];
  if (pipe(fds) != 0) return T{};
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    const T value = body();
    if (write(fds[1], &value, sizeof value) != sizeof value) _exit(2);
    _exit(0);  // not exit(): no SimGrid cleanup
  }
  close(fds[1]);
  T value{};
  if (pid < 0 || read(fds[0], &value, sizeof value) != sizeof value) value = T{};
  close(fds[0]);
  if (pid > 0) waitpid(pid, nullptr, 0);
  return value;
}

}  // namespace drillsim::bench
