#include "tests/engine/Forked.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "sim/batch/ChildPipe.hpp"

namespace drillsim::test {

std::string runForkedText(const std::function<std::string()>& body) {
  ChildOutput out;
  try {
    out = readAllAndWait(forkWriter([&](int fd) {
      std::string text;
      int code = 0;
      try {
        text = body();
      } catch (const std::exception& e) {
        text = std::string("ERROR ") + e.what();
        code = 3;
      }
      writeAllOrExit(fd, text);
      close(fd);
      _exit(code);
    }));
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what();
    return {};
  }
  if (!out.succeeded()) {
    ADD_FAILURE() << "the simulation child failed (status " << out.status << "): " << out.text.substr(0, 500);
    return {};
  }
  return out.text;
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
