#include "scenarios/TextFile.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "scenarios/I18n.hpp"

namespace drillsim {

namespace fs = std::filesystem;

std::string humanBytes(std::uintmax_t bytes) {
  std::ostringstream os;
  os.precision(3);
  if (bytes < 1024) os << bytes << " bytes";
  else if (bytes < 1024ull * 1024) os << double(bytes) / 1024 << " KiB";
  else if (bytes < 1024ull * 1024 * 1024) os << double(bytes) / (1024.0 * 1024.0) << " MiB";
  else if (bytes < 1024ull * 1024 * 1024 * 1024) os << double(bytes) / (1024.0 * 1024.0 * 1024.0) << " GiB";
  else os << double(bytes) / (1024.0 * 1024.0 * 1024.0 * 1024.0) << " TiB";
  return os.str();
}


PathProblem checkInputPath(const std::string& path, bool folderAllowed) {
  using Kind = PathProblem::Kind;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
    // The reason in the system's words (std::error_code's message, in English).
    if (ec == std::errc::too_many_symbolic_link_levels)
      return {Kind::Other, tf("cannot use the path: {1} (a loop of symbolic links in the path)", ec.message())};
    return {Kind::Other, tf("cannot use the path: {1}", ec.message())};
  }
  if (ec || !fs::exists(status)) return {Kind::Missing, tr("no such file or folder")};
  switch (status.type()) {
    case fs::file_type::regular: return {};
    case fs::file_type::directory:
      return folderAllowed ? PathProblem{} : PathProblem{Kind::Folder, tr("found a folder; expected a file")};
    case fs::file_type::fifo:
      return {Kind::Other, tr("found a named pipe (FIFO); expected a file, which a pipe is not (it would be waited on forever)")};
    case fs::file_type::socket: return {Kind::Other, tr("found a socket; expected a file")};
    case fs::file_type::block:
    case fs::file_type::character: return {Kind::Other, tr("found a device; expected a file")};
    default: return {Kind::Other, tr("found a special file; expected a file")};
  }
}

std::string sizeOverLimit(const std::string& what, std::uintmax_t size, std::uintmax_t limit) {
  // `what` is in English, marked for translation where it is written (i18n::kNoop).
  if (humanBytes(size) != humanBytes(limit))
    return tf("the {1} is {2}; expected at most {3}", tr(what.c_str()), humanBytes(size), humanBytes(limit));
  return tf("the {1} is {2} bytes; expected at most {3} bytes ({4})", tr(what.c_str()), size, limit, humanBytes(limit));
}

std::optional<std::string> readTextFile(const std::string& path, std::uintmax_t maxBytes, const std::string& what,
                                        Diagnostics& diagnostics) {
  const Location at{path, 0, 0, {}};
  const std::string role = tr(what.c_str());  // `what` in the user's language
  std::error_code ec;
  if (const PathProblem problem = checkInputPath(path, false)) {
    diagnostics.error(at, "", problem.kind == PathProblem::Kind::Missing  ? tf("cannot open the {1}: no such file", role)
                              : problem.kind == PathProblem::Kind::Folder ? tf("expected a {1} file, found a folder", role)
                                                                          : tf("the {1}: {2}", role, problem.text));
    return std::nullopt;
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > maxBytes) {
    diagnostics.error(at, "", tf("{1} (is this the right file?)", sizeOverLimit(what, size, maxBytes)));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error(at, "", tf("cannot open the {1}: {2}", role, std::strerror(errno)));
    return std::nullopt;
  }
  std::string content;
  content.resize(static_cast<std::size_t>(size));
  in.read(content.data(), static_cast<std::streamsize>(size));
  content.resize(static_cast<std::size_t>(in.gcount()));
  if (content.compare(0, 3, "\xEF\xBB\xBF") == 0) content.erase(0, 3);

  int line = 1, column = 1;
  for (std::size_t i = 0; i < content.size();) {
    const unsigned char c = static_cast<unsigned char>(content[i]);
    const std::size_t n = c == 0 ? 0 : utf8CharacterLength(content, i);
    if (n == 0) {
      Location bad{path, line, column, {}};
      diagnostics.error(bad, "", c == 0 ? tf("expected a {1} in text, found a binary file (a zero byte)", role)
                                        : std::string(tr("expected UTF-8 text, found an invalid byte sequence (save the "
                                                         "file as UTF-8)")));
      return std::nullopt;
    }
    // A byte-order mark (U+FEFF) is allowed only as the file's first character (removed above).
    // Anywhere else it is an invisible character that YAML and CSV read as text: usually the start
    // of a second file pasted or concatenated into this one.
    if (content.compare(i, 3, "\xEF\xBB\xBF") == 0) {
      diagnostics.error({path, line, column, {}}, "",
                        tf("a byte-order mark (U+FEFF, invisible in most editors) in the middle of the {1}; it is "
                           "usually where another file was pasted or joined on: delete it",
                           role));
      return std::nullopt;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += n;
  }
  return content;
}

void writeFileAtomically(const std::string& path, const std::string& content) {
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw OutputError(tf("cannot save {1}: {2}", path, std::strerror(errno)));
  auto fail = [&](const char* step) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    ::unlink(tmpl.c_str());
    throw OutputError(tf("cannot save {1} ({2}): {3}; the previous file is unchanged", path, step, reason));
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) fail("fsync");
  // Keep the permissions of the file being replaced.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) ::fchmod(fd, st.st_mode & 07777);
  else ::fchmod(fd, 0644);
  if (::close(fd) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(tmpl.c_str());
    throw OutputError(tf("cannot save {1} ({2}): {3}; the previous file is unchanged", path, "close", reason));
  }
  if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(tmpl.c_str());
    throw OutputError(tf("cannot save {1} ({2}): {3}; the previous file is unchanged", path, "rename", reason));
  }
  // Make the rename itself durable.
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace drillsim
