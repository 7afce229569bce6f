#include "tests/engine/Forked.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

namespace drillsim::test {

std::string runForkedText(const std::function<std::string()>& body) {
  int fds[2];
  if (pipe(fds) != 0) {
    ADD_FAILURE() << "pipe failed";
    return {};
  }
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::string text;
    int code = 0;
    try {
      text = body();
    } catch (const std::exception& e) {
      text = std::string("ERROR ") + e.what();
      code = 3;
    }
    for (std::size_t done = 0; done < text.size();) {
      const ssize_t n = write(fds[1], text.data() + done, text.size() - done);
      if (n <= 0) _exit(4);
      done += std::size_t(n);
    }
    close(fds[1]);
    _exit(code);
  }
  close(fds[1]);
  std::string text;
  char buf[65536];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) text.append(buf, std::size_t(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ADD_FAILURE() << "the simulation child failed (status " << status << "): " << text.substr(0, 500);
    return {};
  }
  return text;
}

std::string runForkedRaw(const std::function<Outcome()>& simulate) {
  return runForkedText([&] { return outcomeJson(simulate()).dump(); });
}

Outcome runForked(const std::function<Outcome()>& simulate) {
  const std::string text = runForkedRaw(simulate);
  if (text.empty()) return {};
  return outcomeFromJson(nlohmann::json::parse(text));
}

}  // namespace drillsim::test
