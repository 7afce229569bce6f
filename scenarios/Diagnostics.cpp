#include "scenarios/Diagnostics.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <sstream>

#include "scenarios/I18n.hpp"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>

namespace drillsim {

std::string Location::str() const {
  std::string s = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    s += ":" + std::to_string(line);
    if (column > 0) s += ":" + std::to_string(column);
  }
  if (!feature.empty()) s += ": " + feature;
  return s;
}

std::string Diagnostic::str() const {
  std::string s = where.str();
  s += std::string(": ") + (severity == Severity::Error ? tr("error: ") : tr("warning: "));
  if (!key.empty()) s += key + ": ";
  s += message;
  return printableText(s);
}

std::size_t utf8CharacterLength(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  std::size_t n;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) n = 3;
  else if (c >= 0xF0 && c <= 0xF4) n = 4;
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
  if (c == 0xED && b(i + 1) > 0x9F) return 0;  // surrogates
  if (c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
  if (c == 0xF4 && b(i + 1) > 0x8F) return 0;  // beyond U+10FFFF
  return n;
}

std::size_t invalidUtf8At(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8CharacterLength(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string printableText(std::string_view text) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  const auto escape = [&](unsigned char c) {
    out += "\\x";
    out += hex[c >> 4];
    out += hex[c & 15];
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n') || c == 0x7f) escape(c);
      else out += char(c);
      ++i;
      continue;
    }
    if (const std::size_t length = utf8CharacterLength(text, i)) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      escape(c);
      ++i;
    }
  }
  return out;
}

void Diagnostics::error(Location where, std::string key, std::string message) {
  items_.push_back({Severity::Error, std::move(where), std::move(key), std::move(message)});
}

void Diagnostics::warning(Location where, std::string key, std::string message) {
  items_.push_back({Severity::Warning, std::move(where), std::move(key), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::hasErrors() const { return errorCount() > 0; }

std::size_t Diagnostics::errorCount() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warningCount() const { return items_.size() - errorCount(); }

std::string Diagnostics::str() const {
  std::string s;
  for (const auto& d : items_) s += d.str() + "\n";
  return s;
}

InputError::InputError(Diagnostics d) : std::runtime_error(d.str()), diagnostics_(std::move(d)) {}

namespace {
// Levenshtein distance, case-insensitive (Wagner and Fischer 1974).
std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t sub = prev[j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// What a name looks like, for telling apart names that differ only in characters that look alike
// (Cyrillic 'Н' for Latin 'H', fullwidth '２' for '2', 'I' for 'l'): the name in NFKC (which folds
// fullwidth and other compatibility forms) and then its confusable skeleton (Unicode Technical
// Standard #39, "Unicode Security Mechanisms", section 4, computed by ICU's uspoof_getSkeleton).
// Empty when ICU cannot compute it (the name is then compared by edit distance only).
std::string lookalikeSkeleton(std::string_view word) {
  UErrorCode status = U_ZERO_ERROR;
  std::u16string text(word.size() + 1, u'\0');
  int32_t length = 0;
  u_strFromUTF8(text.data(), int32_t(text.size()), &length, word.data(), int32_t(word.size()), &status);
  if (U_FAILURE(status)) return {};
  text.resize(std::size_t(length));
  const UNormalizer2* nfkc = unorm2_getNFKCInstance(&status);
  if (U_FAILURE(status)) return {};
  std::u16string folded(text.size() * 4 + 8, u'\0');
  length = unorm2_normalize(nfkc, text.data(), int32_t(text.size()), folded.data(), int32_t(folded.size()), &status);
  if (U_FAILURE(status)) return {};
  folded.resize(std::size_t(length));
  static const std::unique_ptr<USpoofChecker, void (*)(USpoofChecker*)> checker = [] {
    UErrorCode s = U_ZERO_ERROR;
    USpoofChecker* c = uspoof_open(&s);
    return std::unique_ptr<USpoofChecker, void (*)(USpoofChecker*)>(U_SUCCESS(s) ? c : nullptr, uspoof_close);
  }();
  if (!checker) return {};
  std::u16string skeleton(folded.size() * 4 + 8, u'\0');
  length = uspoof_getSkeleton(checker.get(), 0, folded.data(), int32_t(folded.size()), skeleton.data(),
                              int32_t(skeleton.size()), &status);
  if (U_FAILURE(status)) return {};
  skeleton.resize(std::size_t(length));
  std::string out(skeleton.size() * 3 + 1, '\0');
  u_strToUTF8(out.data(), int32_t(out.size()), &length, skeleton.data(), int32_t(skeleton.size()), &status);
  if (U_FAILURE(status)) return {};
  out.resize(std::size_t(length));
  return out;
}

// The one candidate that looks like `word` without being it, or empty (none, or several).
std::string lookalike(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string skeleton = lookalikeSkeleton(word);
  if (skeleton.empty()) return {};
  std::string found;
  for (const auto& c : candidates) {
    if (c == word || c == found || lookalikeSkeleton(c) != skeleton) continue;
    if (!found.empty()) return {};
    found = c;
  }
  return found;
}

// The characters of `word` outside ASCII, each with its code point and Unicode name:
// "'Н' (U+041D CYRILLIC CAPITAL LETTER EN)".
std::string nonAsciiCharacters(std::string_view word) {
  std::string s;
  std::size_t i = 0;
  int shown = 0;
  while (i < word.size() && shown < 4) {
    const std::size_t start = i;
    const auto lead = static_cast<unsigned char>(word[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    i = std::min(word.size(), i + length);
    if (lead < 0x80) continue;
    UChar32 c = -1;  // the code point, or -1 for a broken sequence
    if (length > 1 && i - start == length) {
      c = lead & (0x7F >> length);
      for (std::size_t k = start + 1; k < i; ++k) c = (c << 6) | (static_cast<unsigned char>(word[k]) & 0x3F);
    }
    char name[128] = "";
    UErrorCode status = U_ZERO_ERROR;
    if (c >= 0) u_charName(c, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", c < 0 ? 0xFFFD : unsigned(c));
    s += std::string(s.empty() ? "" : ", ") + "'" + std::string(word.substr(start, i - start)) +
         "' (" + code + (name[0] ? std::string(" ") + name : std::string()) + ")";
    ++shown;
  }
  return s;
}
}  // namespace

std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  if (std::string same = lookalike(word, candidates); !same.empty()) return same;
  std::string best;
  std::size_t bestDistance = std::string::npos;
  bool tie = false;
  for (const auto& c : candidates) {
    const std::size_t d = editDistance(word, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
      tie = false;
    } else if (d == bestDistance && c != best) {
      tie = true;
    }
  }
  // A suggestion must be unambiguous (AEGL-4 is as close to AEGL-1 as to AEGL-3: which did the
  // user mean?) and close enough to be a typo: at most a third of the longer word.
  const std::size_t limit = std::max<std::size_t>(1, std::max(word.size(), best.size()) / 3);
  return !tie && bestDistance <= limit ? best : std::string();
}

std::string expectedOneOf(std::string_view found, const std::vector<std::string>& all) {
  if (all.empty()) return tr("expected a defined name, but none is defined");
  return tf("expected one of {1}", namesWithSuggestion(found, all));
}

std::string namesWithSuggestion(std::string_view found, const std::vector<std::string>& all) {
  std::vector<std::string> candidates;  // each name once, in the order given
  for (const auto& c : all)
    if (std::find(candidates.begin(), candidates.end(), c) == candidates.end()) candidates.push_back(c);
  std::string s;
  const std::size_t shown = std::min<std::size_t>(candidates.size(), 12);
  for (std::size_t i = 0; i < shown; ++i) s += (i ? ", " : "") + candidates[i];
  if (shown < candidates.size()) s += tf(", ... ({1} in all)", candidates.size());
  std::string hint = didYouMean(found, candidates);
  if (!hint.empty()) {
    const std::string odd = nonAsciiCharacters(found);
    s += !odd.empty() && lookalike(found, {hint}) == hint
             ? tf(" (did you mean '{1}'? {2} only looks like it: it has {3})", hint, inQuotes(found), odd)
             : tf(" (did you mean '{1}'?)", hint);
  }
  return s;
}

std::string inQuotes(std::string_view found) {
  std::string s = "'";
  std::size_t n = 0;
  for (unsigned char c : found) {
    const bool continuation = (c & 0xC0) == 0x80;  // never cut a UTF-8 character in two
    if (!continuation && ++n > 60) {
      s += "...";
      break;
    }
    if (c < 0x20 || c == 0x7f) {
      static const char* hex = "0123456789abcdef";
      s += "\\x";
      s += hex[c >> 4];
      s += hex[c & 15];
    } else {
      s += static_cast<char>(c);
    }
  }
  return s + "'";
}

}  // namespace drillsim
