#include "sim/batch/StoreWriter.hpp"

#include <cpl_error.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "scenarios/I18n.hpp"
#include "scenarios/TextFile.hpp"

namespace drillsim {

namespace fs = std::filesystem;

StoreWriter::StoreWriter(StoreWriter&& o) noexcept
    : path_(std::move(o.path_)), store_(std::move(o.store_)), pending_(std::move(o.pending_)), fd_(o.fd_),
      device_(o.device_), inode_(o.inode_) {
  o.fd_ = -1;
}

StoreWriter::~StoreWriter() { close(); }

void StoreWriter::close() {
  store_.reset();  // GDAL closes its connection first: closing our descriptor drops the process's POSIX locks
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void StoreWriter::take(const std::string& path) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw OutputError(tf("cannot open {1}: {2}", path, std::strerror(errno)));
  // flock is separate from the POSIX locks SQLite takes on the same file (Linux flock(2)).
  if (flock(fd_, LOCK_EX | LOCK_NB) != 0)
    throw OutputError(
        tf("{1} is in use by another drillsim batch; wait for it to finish, or choose another --out", path));
  struct stat st {};
  fstat(fd_, &st);
  device_ = st.st_dev;
  inode_ = st.st_ino;
}

StoreWriter StoreWriter::create(const std::string& path, const BatchSettings& settings) {
  StoreWriter w;
  w.store_ = ResultStore::create(path, settings);
  w.take(path);
  return w;
}

StoreWriter StoreWriter::resume(const std::string& path) {
  StoreWriter w;
  w.take(path);  // before reading, so that two resumes of one store cannot both run
  w.store_ = ResultStore::open(path, true);
  return w;
}

bool StoreWriter::moved() const {
  struct stat st {};
  if (stat(path_.c_str(), &st) != 0) return true;
  return st.st_dev != device_ || st.st_ino != inode_;
}

StoreWriter::Result StoreWriter::write(std::vector<ReplicationRow> rows, std::string& message) {
  for (auto& r : rows) pending_.push_back(std::move(r));
  if (!store_) {
    message = tf("{1} is closed", path_);
    return Result::Failed;
  }
  const bool gone = moved();
  try {
    store_->add(pending_);
    pending_.clear();
  } catch (const OutputError& e) {
    message = e.what();
    if (gone || moved()) {
      message = tf("{1} was moved or deleted while the batch was writing it", path_);
      return Result::Moved;
    }
    if (dynamic_cast<const StoreLocked*>(&e)) return Result::Locked;
    // SQLite says "disk I/O error" for a full disk as often as "disk is full": say what is free.
    struct statvfs fsInfo {};
    const std::string folder = fs::absolute(fs::path(path_)).parent_path().string();
    if (statvfs(folder.c_str(), &fsInfo) == 0)
      message = tf("{1} ({2} free on the disk of {3})", message,
                   humanBytes(std::uintmax_t(fsInfo.f_bavail) * fsInfo.f_frsize), folder);
    return Result::Failed;
  }
  if (gone) {
    message = tf("{1} was moved or deleted while the batch was writing it", path_);
    return Result::Moved;
  }
  return Result::Stored;
}

std::string StoreWriter::restore() {
  CPLPushErrorHandler(CPLQuietErrorHandler);  // GDAL's complaints on closing a moved file say nothing new
  store_.reset();
  CPLPopErrorHandler();
  if (fd_ < 0) throw OutputError(tf("no open copy of {1} to restore", path_));
  std::error_code ec;
  std::string target = fs::exists(path_, ec) ? path_ + ".recovered.gpkg" : path_;
  const std::string temporary = target + ".restoring";
  const int out = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0) throw OutputError(tf("cannot write {1}: {2}", temporary, std::strerror(errno)));
  char buffer[1 << 16];
  off_t offset = 0;
  for (;;) {
    const ssize_t n = pread(fd_, buffer, sizeof buffer, offset);
    if (n < 0) {
      ::close(out);
      throw OutputError(tf("cannot read the open copy of {1}: {2}", path_, std::strerror(errno)));
    }
    if (n == 0) break;
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = ::write(out, buffer + done, std::size_t(n - done));
      if (w <= 0) {
        const std::string why = std::strerror(errno);
        ::close(out);
        fs::remove(temporary, ec);
        throw OutputError(tf("cannot write {1}: {2}", temporary, why));
      }
      done += w;
    }
    offset += n;
  }
  if (fsync(out) != 0 || ::close(out) != 0 || std::rename(temporary.c_str(), target.c_str()) != 0) {
    fs::remove(temporary, ec);
    throw OutputError(tf("cannot write {1}: {2}", target, std::strerror(errno)));
  }
  ::close(fd_);
  fd_ = -1;
  return target;
}

}  // namespace drillsim
