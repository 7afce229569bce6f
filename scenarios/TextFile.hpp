#pragma once
// Reading and writing the user's text files safely: size caps checked before reading, binary and
// badly encoded files refused with the place of the first bad byte, and saves that are atomic
// (written beside the target, flushed to disk, then renamed over it).

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "scenarios/Diagnostics.hpp"

namespace drillsim {

/// Reads `path` as UTF-8 text of at most `maxBytes`. `what` names the file's role in messages
/// ("scenario", "substance table"). A UTF-8 byte-order mark is dropped.
std::optional<std::string> readTextFile(const std::string& path, std::uintmax_t maxBytes, const std::string& what,
                                        Diagnostics& diagnostics);

/// Why a path cannot be read as an input: its kind, for the callers that word the commonest cases
/// their own way, and the reason in the user's language ("" when the path can be read).
struct PathProblem {
  enum class Kind { None, Missing, Folder, Other };
  Kind kind = Kind::None;
  std::string text;
  explicit operator bool() const { return kind != Kind::None; }
};
/// Why `path` cannot be read as an input: it does not exist, the system cannot follow it (a loop
/// of symbolic links, no permission: in the system's words), or it is a special file (a named
/// pipe, socket or device, which would block or never end). A folder is an input only when
/// `folderAllowed`. Every input path and layer file is checked with this before it is opened, so
/// that no read waits forever and no path error escapes as an internal error.
PathProblem checkInputPath(const std::string& path, bool folderAllowed);
/// checkInputPath's reason alone, or "" when the path can be read.
inline std::string inputPathProblem(const std::string& path, bool folderAllowed) {
  return checkInputPath(path, folderAllowed).text;
}

/// "the scenario is 4.2 MiB; expected at most 4 MiB", in bytes where the rounded sizes would read
/// the same.
std::string sizeOverLimit(const std::string& what, std::uintmax_t size, std::uintmax_t limit);

/// Replaces `path` with `content` atomically: readers see the old file or the new one, never a
/// part. Throws std::runtime_error naming the path and the system's reason on failure.
void writeFileAtomically(const std::string& path, const std::string& content);

/// An output file could not be written (missing folder, no permission, disk full); the previous
/// file, if any, is unchanged.
struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// "12.3 MB" style size for messages.
std::string humanBytes(std::uintmax_t bytes);

}  // namespace drillsim
