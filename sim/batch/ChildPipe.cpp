#include "sim/batch/ChildPipe.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace drillsim {

ChildPipe forkWriter(const std::function<void(int fd)>& child, const std::vector<int>& closeInChild) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    close(fds[0]);
    close(fds[1]);
    throw std::runtime_error(std::string("fork: ") + std::strerror(error));
  }
  if (pid == 0) {
    close(fds[0]);
    for (int fd : closeInChild) close(fd);
    child(fds[1]);
    _exit(5);  // `child` returned: not what it must do
  }
  close(fds[1]);
  fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  return {pid, fds[0]};
}

void writeAllOrExit(int fd, const std::string& text) {
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) _exit(4);
    done += std::size_t(n);
  }
}

bool ChildOutput::succeeded() const { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

ChildOutput readAllAndWait(const ChildPipe& child) {
  ChildOutput out;
  char buf[65536];
  for (ssize_t n; (n = read(child.fd, buf, sizeof buf)) > 0;) out.text.append(buf, std::size_t(n));
  close(child.fd);
  waitpid(child.pid, &out.status, 0);
  return out;
}

}  // namespace drillsim
