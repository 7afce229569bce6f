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


std::string inputPathProblem(const std::string& path, bool folderAllowed) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
    std::string why = ec.message();
    if (ec == std::errc::too_many_symbolic_link_levels) why += " (a loop of symbolic links in the path)";
    return "cannot use the path: " + why;
  }
  if (ec || !fs::exists(status)) return "no such file or folder";
  switch (status.type()) {
    case fs::file_type::regular: return "";
    case fs::file_type::directory: return folderAllowed ? "" : "found a folder; expected a file";
    case fs::file_type::fifo: return "found a named pipe (FIFO); expected a file, which a pipe is not (it would be waited on forever)";
    case fs::file_type::socket: return "found a socket; expected a file";
    case fs::file_type::block:
    case fs::file_type::character: return "found a device; expected a file";
    default: return "found a special file; expected a file";
  }
}

std::string sizeOverLimit(const std::string& what, std::uintmax_t size, std::uintmax_t limit) {
  if (humanBytes(size) != humanBytes(limit))
    return "the " + what + " is " + humanBytes(size) + "; expected at most " + humanBytes(limit);
  return "the " + what + " is " + std::to_string(size) + " bytes; expected at most " + std::to_string(limit) + " bytes (" +
         humanBytes(limit) + ")";
}

std::optional<std::string> readTextFile(const std::string& path, std::uintmax_t maxBytes, const std::string& what,
                                        Diagnostics& diagnostics) {
  const Location at{path, 0, 0, {}};
  std::error_code ec;
  if (const std::string problem = inputPathProblem(path, false); !problem.empty()) {
    diagnostics.error(at, "", problem == "no such file or folder" ? "cannot open the " + what + ": no such file"
                              : problem == "found a folder; expected a file" ? "expected a " + what + " file, found a folder"
                                                                             : "the " + what + ": " + problem);
    return std::nullopt;
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > maxBytes) {
    diagnostics.error(at, "", sizeOverLimit(what, size, maxBytes) + " (is this the right file?)");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error(at, "", "cannot open the " + what + ": " + std::strerror(errno));
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
      diagnostics.error(bad, "", c == 0 ? "expected a " + what + " in text, found a binary file (a zero byte)"
                                        : "expected UTF-8 text, found an invalid byte sequence (save the file as UTF-8)");
      return std::nullopt;
    }
    // A byte-order mark (U+FEFF) is allowed only as the file's first character (removed above).
    // Anywhere else it is an invisible character that YAML and CSV read as text: usually the start
    // of a second file pasted or concatenated into this one.
    if (content.compare(i, 3, "\xEF\xBB\xBF") == 0) {
      diagnostics.error({path, line, column, {}}, "",
                        "a byte-order mark (U+FEFF, invisible in most editors) in the middle of the " + what +
                            "; it is usually where another file was pasted or joined on: delete it");
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
  if (fd < 0) throw OutputError("cannot save " + path + ": " + std::strerror(errno));
  auto fail = [&](const char* step) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    ::unlink(tmpl.c_str());
    throw OutputError("cannot save " + path + " (" + step + "): " + reason + "; the previous file is unchanged");
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
    throw OutputError("cannot save " + path + " (close): " + reason + "; the previous file is unchanged");
  }
  if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(tmpl.c_str());
    throw OutputError("cannot save " + path + " (rename): " + reason + "; the previous file is unchanged");
  }
  // Make the rename itself durable.
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace drillsim
