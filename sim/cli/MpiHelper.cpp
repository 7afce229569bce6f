// drillsim-mpi: the MPI side of one rank of `mpirun -n K drillsim batch ...`. SimGrid's library
// exports the MPI API itself (SMPI), so the process running replications cannot also link Open
// MPI: `drillsim batch`, started by mpirun, starts this program as its child, which becomes the
// rank (it inherits mpirun's environment) and relays messages over its standard input and output.
//
// Requests on stdin, each a line "OP A B LENGTH" and LENGTH bytes; answers on stdout alike:
//   BCAST 0 0 N + bytes   -> BCAST 0 0 N + rank 0's bytes   (every rank; only rank 0's bytes count)
//   SEND TAG 0 N + bytes  -> (no answer)                    to rank 0
//   RECV 0 0 0            -> MSG TAG FROM N + bytes, or NONE 0 0 0   (does not wait)
//   FINALIZE 0 0 0        -> BYE 0 0 0, then exits
//   ABORT CODE 0 0        -> ends every rank of the job with CODE
// At start it answers READY RANK SIZE 0. End of input (the batch process died) ends it at once.
#include <mpi.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
bool readAll(char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t got = read(STDIN_FILENO, data, n);
    if (got <= 0) return false;
    data += got;
    n -= std::size_t(got);
  }
  return true;
}

void writeAll(const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t put = write(STDOUT_FILENO, data, n);
    if (put <= 0) std::_Exit(1);
    data += put;
    n -= std::size_t(put);
  }
}

void answer(const char* op, long a, long b, const std::string& body) {
  char head[96];
  const int n = std::snprintf(head, sizeof head, "%s %ld %ld %zu\n", op, a, b, body.size());
  writeAll(head, std::size_t(n));
  writeAll(body.data(), body.size());
}

// One request: its line, then its bytes. False at end of input.
bool request(std::string& op, long& a, long& b, std::string& body) {
  std::string line;
  for (char c; line.size() < 200;) {
    if (!readAll(&c, 1)) return false;
    if (c == '\n') break;
    line += c;
  }
  char name[16] = "";
  unsigned long length = 0;
  if (std::sscanf(line.c_str(), "%15s %ld %ld %lu", name, &a, &b, &length) != 4) return false;
  op = name;
  body.assign(length, '\0');
  return readAll(body.data(), length);
}
}  // namespace

int main(int argc, char** argv) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the batch process
  if (getppid() == 1) return 1;
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  answer("READY", rank, size, "");
  std::string op, body;
  long a = 0, b = 0;
  while (request(op, a, b, body)) {
    if (op == "BCAST") {
      unsigned long long length = body.size();
      MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
      body.resize(length);
      for (unsigned long long at = 0; at < length; at += 1ull << 30) {  // an MPI count is an int
        const int piece = int(length - at < (1ull << 30) ? length - at : 1ull << 30);
        MPI_Bcast(body.data() + at, piece, MPI_CHAR, 0, MPI_COMM_WORLD);
      }
      answer("BCAST", 0, 0, body);
    } else if (op == "SEND") {
      MPI_Send(body.data(), int(body.size()), MPI_CHAR, 0, int(a), MPI_COMM_WORLD);
    } else if (op == "RECV") {
      int arrived = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
      if (!arrived) {
        answer("NONE", 0, 0, "");
        continue;
      }
      int count = 0;
      MPI_Get_count(&status, MPI_CHAR, &count);
      std::string text(std::size_t(count), '\0');
      MPI_Recv(text.data(), count, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      answer("MSG", status.MPI_TAG, status.MPI_SOURCE, text);
    } else if (op == "FINALIZE") {
      MPI_Finalize();
      answer("BYE", 0, 0, "");
      return 0;
    } else if (op == "ABORT") {
      MPI_Abort(MPI_COMM_WORLD, int(a));
    }
  }
  return 1;  // the batch process is gone: no MPI_Finalize, mpirun reports the rank
}
