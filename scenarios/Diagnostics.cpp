#include "scenarios/Diagnostics.hpp"

#include <algorithm>
#include <sstream>

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
  s += severity == Severity::Error ? ": error: " : ": warning: ";
  if (!key.empty()) s += key + ": ";
  s += message;
  return s;
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
}  // namespace

std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates) {
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
  if (all.empty()) return "expected a defined name, but none is defined";
  return "expected one of " + namesWithSuggestion(found, all);
}

std::string namesWithSuggestion(std::string_view found, const std::vector<std::string>& all) {
  std::vector<std::string> candidates;  // each name once, in the order given
  for (const auto& c : all)
    if (std::find(candidates.begin(), candidates.end(), c) == candidates.end()) candidates.push_back(c);
  std::string s;
  const std::size_t shown = std::min<std::size_t>(candidates.size(), 12);
  for (std::size_t i = 0; i < shown; ++i) s += (i ? ", " : "") + candidates[i];
  if (shown < candidates.size()) s += ", ... (" + std::to_string(candidates.size()) + " in all)";
  std::string hint = didYouMean(found, candidates);
  if (!hint.empty()) s += " (did you mean '" + hint + "'?)";
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
