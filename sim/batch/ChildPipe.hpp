#pragma once
// A forked child that writes to its parent through a pipe: how a batch runs each replication (one
// SimGrid engine per process, DESIGN.md section 3), how the shelter commands run a layout's
// replications, and how the tests run a simulation. POSIX only.

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

namespace drillsim {

struct ChildPipe {
  pid_t pid = -1;
  int fd = -1;  // the read end, close-on-exec
};

/// Forks a child that runs `child(fd)` with `fd` the write end of a pipe to the parent; `child`
/// must end the process (_exit), never return. Before it runs, the child closes the read end and
/// each of `closeInChild` (the pipes of its siblings). Standard streams are flushed first, so that
/// nothing buffered is written twice. Throws std::runtime_error naming pipe or fork when one fails.
ChildPipe forkWriter(const std::function<void(int fd)>& child, const std::vector<int>& closeInChild = {});

/// Writes all of `text` to `fd`; in a child, which then ends with status 4 if it cannot.
void writeAllOrExit(int fd, const std::string& text);

/// Everything the child writes, read to its end; then the pipe is closed and the child waited for.
struct ChildOutput {
  std::string text;
  int status = 0;  // as waitpid gives it
  bool succeeded() const;  // exited with status 0
};
ChildOutput readAllAndWait(const ChildPipe& child);

}  // namespace drillsim
