#pragma once
// Writing a batch's results store when things go wrong around it (README "Reliability"): the
// store is held by one batch at a time (an advisory lock on the file), rows that cannot be written
// because another program holds the file's database lock are kept and written later, a full disk
// or any other write failure stops the batch with what is stored intact, and a store moved or
// deleted while the batch runs is noticed at the next write and copied back from the still open
// file, so that no stored replication is lost.

#include <optional>
#include <string>
#include <vector>

#include "sim/batch/ResultStore.hpp"

namespace drillsim {

class StoreWriter {
 public:
  /// Opens (resume) or creates the store at `path` and takes it for this batch. Throws OutputError
  /// when another batch holds it or it cannot be created (StoreLocked when another program holds
  /// its database lock), std::runtime_error when it is not a store.
  static StoreWriter create(const std::string& path, const BatchSettings& settings);
  static StoreWriter resume(const std::string& path);
  StoreWriter(StoreWriter&&) noexcept;
  ~StoreWriter();

  enum class Result {
    Stored,   // every pending row is committed
    Locked,   // another program holds the database lock: the rows are kept for the next try
    Failed,   // a write failed (disk full, no permission): the rows are kept, nothing half-written
    Moved,    // the file was moved or deleted: rows were committed to it; see restore()
  };
  /// Adds `rows` to those pending and tries to commit them all. `message` says why when not Stored.
  Result write(std::vector<ReplicationRow> rows, std::string& message);
  /// Rows finished but not yet committed.
  std::size_t pending() const { return pending_.size(); }

  /// After Moved: closes the store and writes a copy of it, taken from the open file, to its
  /// path (or, when something else is there now, beside it as NAME.recovered.gpkg). Returns the
  /// copy's path; throws OutputError when no copy can be written.
  std::string restore();

  ResultStore& store() { return *store_; }
  /// Closes the store and releases the file.
  void close();

 private:
  StoreWriter() = default;
  void take(const std::string& path);
  bool moved() const;

  std::string path_;
  std::optional<ResultStore> store_;
  std::vector<ReplicationRow> pending_;
  int fd_ = -1;  // our own handle on the file: holds the batch's lock and, if moved, its content
  unsigned long long device_ = 0, inode_ = 0;
};

}  // namespace drillsim
