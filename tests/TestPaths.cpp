#include "tests/TestPaths.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace drillsim::test {

namespace {
// The tests' English is checked word for word: the programs they start speak English whatever the
// machine's locale, and the tests of the Chinese ask for it (LANG=zh_CN.UTF-8 or --lang zh).
const bool kEnglishLocale = [] {
  unsetenv("LC_ALL");
  unsetenv("LC_MESSAGES");
  setenv("LANG", "C.UTF-8", 1);
  return true;
}();
}  // namespace

std::string sourcePath(const std::string& relative) { return std::string(DRILLSIM_SOURCE_DIR) + "/" + relative; }
std::string binaryPath() { return DRILLSIM_BINARY; }

std::vector<std::string> bundledScenarioFiles() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(sourcePath("data/scenarios")))
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

std::string chlorineScenarioCopy(const std::string& extra) {
  namespace fs = std::filesystem;
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = fs::temp_directory_path() / ("drillsim-" + std::string(test->test_suite_name()) + "-" + test->name());
  fs::remove_all(dir);
  fs::create_directories(dir / "parks");
  fs::create_directories(dir / "scenarios");
  fs::create_directory_symlink(sourcePath("data/parks/baofeng"), dir / "parks" / "baofeng");
  const std::string path = (dir / "scenarios" / "chlorine.yaml").string();
  std::ofstream(path) << slurp(sourcePath("data/scenarios/chlorine_night.yaml")) << extra;
  return path;
}

CommandResult runDrillsim(const std::vector<std::string>& args, const std::string& workingDir) {
  std::vector<std::string> all{binaryPath()};
  all.insert(all.end(), args.begin(), args.end());
  return runProgram(all, workingDir);
}

CommandResult runProgram(std::vector<std::string> all, const std::string& workingDir) {
  char outName[] = "/tmp/drillsim-test-out-XXXXXX";
  char errName[] = "/tmp/drillsim-test-err-XXXXXX";
  const int outFd = mkstemp(outName), errFd = mkstemp(errName);
  if (outFd < 0 || errFd < 0) throw std::runtime_error("cannot create temporary files");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, outFd, 1);
  posix_spawn_file_actions_adddup2(&actions, errFd, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (!workingDir.empty()) posix_spawn_file_actions_addchdir_np(&actions, workingDir.c_str());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(outFd);
  close(errFd);
  CommandResult r;
  if (rc == 0) {
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status)) r.exitCode = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  }
  r.out = slurp(outName);
  r.err = slurp(errName);
  unlink(outName);
  unlink(errName);
  return r;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string scratchPath(const std::string& kind, const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("drillsim-" + kind + "-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path p = dir / name;
  std::error_code ec;
  fs::remove(p, ec);
  return p.string();
}

}  // namespace drillsim::test
