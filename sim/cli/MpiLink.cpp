#include "sim/cli/MpiLink.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "scenarios/I18n.hpp"

namespace drillsim::cli::mpi {

namespace {
// The helper process that is this rank's MPI side (sim/cli/MpiHelper.cpp), and its pipes.
struct Link {
  pid_t pid = -1;
  int to = -1, from = -1;
} link;

std::string helperPath() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : (self.parent_path() / "drillsim-mpi").string();
}

// `message` says what the helper did, in the user's language.
[[noreturn]] void lost(const std::string& message) {
  throw LinkLost(message);
}

void writeAll(const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t put = write(link.to, data, n);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) lost(tr("the MPI helper drillsim-mpi stopped reading (see mpirun's messages)"));
    data += put;
    n -= std::size_t(put);
  }
}

void readAll(char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t got = read(link.from, data, n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) lost(tr("the MPI helper drillsim-mpi ended (see mpirun's messages)"));
    data += got;
    n -= std::size_t(got);
  }
}

void request(const char* op, long a, const std::string& body) {
  char head[96];
  const int n = std::snprintf(head, sizeof head, "%s %ld 0 %zu\n", op, a, body.size());
  writeAll(head, std::size_t(n));
  writeAll(body.data(), body.size());
}

// An answer: its name, two numbers and its bytes.
std::string answer(long& a, long& b, std::string& body) {
  std::string line;
  for (char c = 0; c != '\n';) {
    readAll(&c, 1);
    if (c != '\n') line += c;
    if (line.size() > 200) lost(tr("the MPI helper drillsim-mpi answered what it should not (see mpirun's messages)"));
  }
  char name[16] = "";
  unsigned long length = 0;
  if (std::sscanf(line.c_str(), "%15s %ld %ld %lu", name, &a, &b, &length) != 4)
    lost(tr("the MPI helper drillsim-mpi answered what it should not (see mpirun's messages)"));
  body.assign(length, '\0');
  readAll(body.data(), length);
  return name;
}
}  // namespace

bool underMpirun() {
  // Open MPI sets OMPI_COMM_WORLD_SIZE; MPICH's Hydra and Slurm's PMI set PMI_SIZE; PMIx PMIX_RANK.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(name)) return true;
  return false;
}

bool available() { return access(helperPath().c_str(), X_OK) == 0; }

void init(int& rank, int& size) {
  int down[2], up[2];
  if (pipe2(down, O_CLOEXEC) != 0 || pipe2(up, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  const std::string helper = helperPath();
  std::fflush(nullptr);
  link.pid = fork();
  if (link.pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (link.pid == 0) {
    dup2(down[0], STDIN_FILENO);
    dup2(up[1], STDOUT_FILENO);
    execl(helper.c_str(), helper.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(down[0]);
  close(up[1]);
  link.to = down[1];
  link.from = up[0];
  signal(SIGPIPE, SIG_IGN);  // a helper gone is an error from write(), not a silent death
  long r = 0, s = 0;
  std::string body;
  if (answer(r, s, body) != "READY") lost(tr("the MPI helper drillsim-mpi did not start (see mpirun's messages)"));
  rank = int(r);
  size = int(s);
}

std::string broadcast(const std::string& text) {
  request("BCAST", 0, text);
  long a = 0, b = 0;
  std::string body;
  if (answer(a, b, body) != "BCAST")
    lost(tr("the MPI helper drillsim-mpi answered what it should not (see mpirun's messages)"));
  return body;
}

void sendToRoot(const std::string& text, int tag) { request("SEND", tag, text); }

bool receive(std::string& text, int& tag, int& from) {
  request("RECV", 0, "");
  long a = 0, b = 0;
  if (answer(a, b, text) != "MSG") return false;
  tag = int(a);
  from = int(b);
  return true;
}

void finalize() {
  if (link.pid < 0) return;
  try {
    request("FINALIZE", 0, "");
    long a = 0, b = 0;
    std::string body;
    answer(a, b, body);
  } catch (const std::runtime_error&) {
  }
  close(link.to);
  close(link.from);
  waitpid(link.pid, nullptr, 0);
  link.pid = -1;
}

void abort(int code) {
  try {
    if (link.pid >= 0) request("ABORT", code, "");
  } catch (const std::runtime_error&) {
  }
  if (link.pid >= 0) waitpid(link.pid, nullptr, 0);
  std::_Exit(code);
}

}  // namespace drillsim::cli::mpi
