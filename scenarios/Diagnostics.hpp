#pragma once
// Problems found in user input, reported all at once and each pointing at its place:
// file:line:column for YAML and CSV, file plus layer/feature id for geodata.
// One diagnostic reads, for example:
//   scenarios/x.yaml:12:7: error: plans[0].dispatch[1].team: unknown team 'HZ2'; expected one of HZ1, FB1 (did you mean 'HZ1'?)

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace drillsim {

enum class Severity { Warning, Error };

/// Where a value came from. line and column are 1-based; 0 means "not known".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  std::string feature;  // "layer roads, feature R012" for geodata, in the user's language; empty for text files
  // The same place as data, for code that goes to it (the desk's problem list): the layer and the
  // feature's id, empty when the place is not one feature of a layer.
  std::string layer{};
  std::string featureId{};

  std::string str() const;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  Location where;
  std::string key;      // dotted key path, e.g. "plans[0].dispatch[1].team"; may be empty
  std::string message;  // what is wrong, with expected and found

  std::string str() const;
};

/// Collects every problem of a load or a validation instead of stopping at the first.
class Diagnostics {
 public:
  void error(Location where, std::string key, std::string message);
  void warning(Location where, std::string key, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(const Diagnostics& other);

  bool hasErrors() const;
  std::size_t errorCount() const;
  std::size_t warningCount() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  /// Every diagnostic on its own line, in the order found.
  std::string str() const;

 private:
  std::vector<Diagnostic> items_;
};

/// Thrown when input cannot be used at all; carries every diagnostic found up to then.
class InputError : public std::runtime_error {
 public:
  explicit InputError(Diagnostics d);
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

/// The closest of `candidates` to `word` by edit distance, or empty when none is close.
std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates);

/// "a, b, c (did you mean 'b'?)", each name once, shortened to the first dozen names.
std::string namesWithSuggestion(std::string_view found, const std::vector<std::string>& candidates);

/// "expected one of a, b, c (did you mean 'b'?)", shortened to the first dozen names.
std::string expectedOneOf(std::string_view found, const std::vector<std::string>& candidates);

/// `text` with every byte that is not part of valid UTF-8, and every control character but the
/// line break, written as \xNN: for text from a damaged file or from a library's message about
/// one, which may hold any bytes, before it goes into a message on a terminal or in a log.
std::string printableText(std::string_view text);

/// The length of the valid UTF-8 character at s[i], or 0 when none starts there (RFC 3629: no
/// overlong forms, no surrogates, nothing beyond U+10FFFF).
std::size_t utf8CharacterLength(std::string_view s, std::size_t i);

/// The offset of the first byte of `text` that is not part of valid UTF-8, or npos.
std::size_t invalidUtf8At(std::string_view text);

/// Quotes a value found in the input for a message, shortening long ones and escaping control bytes.
std::string inQuotes(std::string_view found);

}  // namespace drillsim
