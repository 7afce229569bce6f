// A ZIP archive in memory with minizip (Debian's libminizip, zlib's contrib/minizip 1.1): its
// file functions (ioapi.h) are given a string instead of a FILE.
#include "sim/report/Zip.hpp"

#include <algorithm>
#include <cstring>

#include <minizip/unzip.h>
#include <minizip/zip.h>

namespace drillsim::report::detail {

namespace {
// The archive's bytes and the position minizip reads or writes at.
struct Memory {
  std::string bytes;
  std::size_t at = 0;
};

voidpf memOpen(voidpf opaque, const void*, int) { return opaque; }

uLong memRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto& m = *static_cast<Memory*>(stream);
  const std::size_t n = std::min<std::size_t>(size, m.bytes.size() - std::min(m.at, m.bytes.size()));
  if (n) std::memcpy(buf, m.bytes.data() + m.at, n);
  m.at += n;
  return uLong(n);
}

uLong memWrite(voidpf, voidpf stream, const void* buf, uLong size) {
  auto& m = *static_cast<Memory*>(stream);
  if (m.bytes.size() < m.at + size) m.bytes.resize(m.at + size);
  std::memcpy(m.bytes.data() + m.at, buf, size);
  m.at += size;
  return size;
}

ZPOS64_T memTell(voidpf, voidpf stream) { return static_cast<Memory*>(stream)->at; }

long memSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto& m = *static_cast<Memory*>(stream);
  std::size_t base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = m.at;
  else if (origin == ZLIB_FILEFUNC_SEEK_END) base = m.bytes.size();
  if (base + offset > m.bytes.size()) return -1;
  m.at = std::size_t(base + offset);
  return 0;
}

int memClose(voidpf, voidpf) { return 0; }
int memError(voidpf, voidpf) { return 0; }

zlib_filefunc64_def functionsOf(Memory& m) { return {memOpen, memRead, memWrite, memTell, memSeek, memClose, memError, &m}; }

void check(int result, const char* what, const std::string& name) {
  if (result != ZIP_OK) throw ZipError(std::string(what) + " " + name + ": minizip error " + std::to_string(result));
}

std::string entryBytes(unzFile z, const std::string& name, ZPOS64_T size) {
  check(unzOpenCurrentFile(z), "cannot open the entry", name);
  std::string bytes(std::size_t(size), '\0');
  const int n = size ? unzReadCurrentFile(z, bytes.data(), unsigned(size)) : 0;
  const int closed = unzCloseCurrentFile(z);  // UNZ_CRCERROR when the bytes do not match their CRC
  if (n < 0 || ZPOS64_T(n) != size || closed != UNZ_OK) throw ZipError("the entry " + name + " is damaged");
  return bytes;
}
}  // namespace

std::string zip(const ZipEntries& entries, int year, int month, int day) {
  Memory m;
  zlib_filefunc64_def functions = functionsOf(m);
  zipFile z = zipOpen2_64("", APPEND_STATUS_CREATE, nullptr, &functions);
  if (!z) throw ZipError("minizip cannot start an archive");
  zip_fileinfo info{};
  info.tmz_date.tm_year = uInt(year);
  info.tmz_date.tm_mon = uInt(month - 1);  // tm_zip counts months from 0, as struct tm does
  info.tmz_date.tm_mday = uInt(day);
  try {
    for (const auto& [name, bytes] : entries) {
      check(zipOpenNewFileInZip64(z, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0),
            "cannot add", name);
      check(zipWriteInFileInZip(z, bytes.data(), unsigned(bytes.size())), "cannot write", name);
      check(zipCloseFileInZip(z), "cannot finish", name);
    }
  } catch (...) {
    zipClose(z, nullptr);
    throw;
  }
  check(zipClose(z, nullptr), "cannot finish", "the archive");
  return std::move(m.bytes);
}

ZipEntries unzip(const std::string& bytes) {
  Memory m{bytes, 0};
  zlib_filefunc64_def functions = functionsOf(m);
  unzFile z = unzOpen2_64("", &functions);
  if (!z) throw ZipError("not a ZIP archive (" + std::to_string(bytes.size()) + " bytes)");
  ZipEntries entries;
  try {
    for (int at = unzGoToFirstFile(z); at == UNZ_OK; at = unzGoToNextFile(z)) {
      unz_file_info64 info{};
      char name[1024];
      check(unzGetCurrentFileInfo64(z, &info, name, sizeof name, nullptr, 0, nullptr, 0), "cannot read", "an entry's name");
      name[sizeof name - 1] = 0;
      entries.emplace_back(name, entryBytes(z, name, info.uncompressed_size));
    }
  } catch (...) {
    unzClose(z);
    throw;
  }
  unzClose(z);
  return entries;
}

}  // namespace drillsim::report::detail
