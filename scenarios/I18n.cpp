#include "scenarios/I18n.hpp"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>

// The compiled Chinese catalogue (msgfmt of po/zh_CN.po), embedded by scenarios/CMakeLists.txt.
extern const unsigned char drillsim_catalogue_zh_CN[];
extern const std::size_t drillsim_catalogue_zh_CN_size;

namespace drillsim::i18n {

namespace {
std::atomic<Language> current{Language::English};

/// A compiled GNU catalogue: magic, revision, N, offset of the original strings' table, offset of
/// the translations' table (GNU gettext manual, 10.3). Each table holds N (length, offset) pairs
/// of 32-bit words; the originals are sorted by strcmp, so a message is found by bisection.
class Catalogue {
 public:
  Catalogue(const unsigned char* data, std::size_t size) : data_(data), size_(size) {
    if (size_ < 28) return;
    const std::uint32_t magic = word(0);
    if (magic == 0x950412deU) swapped_ = false;
    else if (magic == 0xde120495U) swapped_ = true;
    else return;
    count_ = word(8);
    originals_ = word(12);
    translations_ = word(16);
    if (std::uint64_t(originals_) + 8ULL * count_ > size_ || std::uint64_t(translations_) + 8ULL * count_ > size_) count_ = 0;
  }

  std::size_t size() const { return count_ > 0 ? count_ - 1 : 0; }  // without the header entry

  /// The translations of entries 1..N-1 (entry 0 is the header), each followed by a newline.
  std::string translations() const {
    std::string out;
    for (std::uint32_t i = 1; i < count_; ++i)
      if (const char* t = string(translations_, i)) out += std::string(t) + "\n";
    return out;
  }

  /// The translation of `key` (its first form), or nullptr.
  const char* find(const char* key) const {
    std::uint32_t lo = 0, hi = count_;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      const char* original = string(originals_, mid);
      if (!original) return nullptr;
      const int order = std::strcmp(key, original);
      if (order == 0) {
        const char* translation = string(translations_, mid);
        return translation && *translation ? translation : nullptr;
      }
      if (order < 0) hi = mid;
      else lo = mid + 1;
    }
    return nullptr;
  }

 private:
  std::uint32_t word(std::size_t at) const {
    std::uint32_t w = 0;
    std::memcpy(&w, data_ + at, 4);
    return swapped_ ? __builtin_bswap32(w) : w;
  }
  /// Entry i of a table, NUL-terminated inside the catalogue, or nullptr when it is not.
  const char* string(std::uint32_t table, std::uint32_t i) const {
    const std::uint32_t length = word(table + 8ULL * i), offset = word(table + 8ULL * i + 4);
    if (std::uint64_t(offset) + length >= size_ || data_[offset + length] != 0) return nullptr;
    return reinterpret_cast<const char*>(data_ + offset);
  }

  const unsigned char* data_;
  std::size_t size_;
  bool swapped_ = false;
  std::uint32_t count_ = 0, originals_ = 0, translations_ = 0;
};

const Catalogue& chinese() {
  static const Catalogue c(drillsim_catalogue_zh_CN, drillsim_catalogue_zh_CN_size);
  return c;
}

const char* lookup(const std::string& key) { return chinese().find(key.c_str()); }
}  // namespace

Language language() { return current.load(std::memory_order_relaxed); }
void setLanguage(Language l) { current.store(l, std::memory_order_relaxed); }

Language languageOfLocale(std::string_view locale) {
  return locale.substr(0, 2) == "zh" ? Language::Chinese : Language::English;
}

Language languageFromEnvironment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* v = std::getenv(name); v && *v) return languageOfLocale(v);
  return Language::English;
}

bool parseLanguage(std::string_view word, Language& out) {
  if (word == "zh") out = Language::Chinese;
  else if (word == "en") out = Language::English;
  else return false;
  return true;
}

const char* languageCode(Language l) { return l == Language::Chinese ? "zh" : "en"; }

const char* tr(const char* message) {
  if (language() == Language::English || !message || !*message) return message;
  const char* t = chinese().find(message);
  return t ? t : message;
}

const char* tc(const char* context, const char* message) {
  if (language() == Language::English || !message || !*message) return message;
  const char* t = lookup(std::string(context) + '\x04' + message);
  return t ? t : message;
}

const char* tn(const char* singular, const char* plural, long n) {
  if (language() == Language::English) return n == 1 ? singular : plural;
  // The catalogue's key of a plural message is its singular (the plural follows after a NUL,
  // which strcmp does not reach); Chinese has one plural form (nplurals=1), the first.
  const char* t = chinese().find(singular);
  return t ? t : (n == 1 ? singular : plural);
}

std::string substitute(std::string_view pattern, const std::string* args, std::size_t count) {
  std::string out;
  out.reserve(pattern.size() + 16);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '1' &&
        pattern[i + 1] <= '9') {
      const std::size_t k = std::size_t(pattern[i + 1] - '1');
      if (k < count) {
        out += args[k];
        i += 2;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

std::size_t catalogueSize() { return chinese().size(); }
const std::string& catalogueText() {
  static const std::string text = chinese().translations();
  return text;
}

}  // namespace drillsim::i18n
