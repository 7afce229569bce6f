#pragma once
// The two languages of everything a user reads: Simplified Chinese and English (README
// "Languages"). Messages are written in English in the code, marked by the functions below, and
// looked up in a GNU gettext catalogue: po/zh_CN.po, which translators edit with ordinary PO tools
// (Poedit, Lokalize, msgmerge), is compiled by msgfmt at build time and embedded in the program,
// so that a binary speaks Chinese wherever it is copied.
//
// The lookup is DrillSim's own reader of the compiled catalogue (the .mo format of GNU gettext's
// manual, section 10.3 "The Format of GNU MO Files") rather than libintl's gettext(): libintl ties
// the language to the process's LC_MESSAGES locale, so `--lang zh` could not speak Chinese on a
// machine without the zh_CN locale installed, and the desk could not switch language while it
// runs. The catalogue's keys and contexts are gettext's own (msgctxt joined by \x04, plural forms
// joined by \0), so xgettext extracts the messages and msgfmt checks the translations.
//
// Marking (the xgettext keywords in tools/i18n.sh):
//   tr("Zones")                       a message
//   tc("map legend", "Shelter")       a message in a context, for an English word with two senses
//   tn("{1} zone", "{1} zones", n)    a message with a plural (Chinese has one form)
//   tf("{1} of {2} zones", a, b)      a message with positional placeholders {1}..{9}: Chinese
//                                     word order differs, so numbers are never glued to fragments
//   kNoop("Clearance")                marks a message kept in a table and translated where shown
// JSON and CSV keys, ids, units and the scenario's own names are never translated.

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace drillsim::i18n {

enum class Language { English, Chinese };

/// The language messages are shown in; set once by the command line or the desk's switch.
Language language();
void setLanguage(Language language);

/// The language a locale name asks for: "zh..." (zh_CN.UTF-8, zh_TW, zh) is Chinese, anything
/// else (C, POSIX, en_US.UTF-8, empty) English.
Language languageOfLocale(std::string_view locale);
/// The language of the environment, by POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG,
/// the first that is set and not empty.
Language languageFromEnvironment();
/// "zh" or "en" as `--lang` takes it; false for anything else.
bool parseLanguage(std::string_view word, Language& out);
/// "zh" or "en".
const char* languageCode(Language language);

/// The message in the current language: its translation, or the English itself when the language
/// is English or the catalogue has no translation of it.
const char* tr(const char* message);
const char* tc(const char* context, const char* message);
const char* tn(const char* singular, const char* plural, long n);

/// Replaces {1}..{9} in `pattern` by the arguments' text, in any order the translation puts them.
std::string substitute(std::string_view pattern, const std::string* args, std::size_t count);

namespace detail {
inline std::string text(const std::string& s) { return s; }
inline std::string text(std::string_view s) { return std::string(s); }
inline std::string text(const char* s) { return s; }
template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
std::string text(T v) {
  return std::to_string(v);
}
}  // namespace detail

/// tr(pattern) with its placeholders filled. Numbers other than whole ones are formatted by the
/// caller (fixedNumber, thousands) before they are passed.
template <class... Args>
std::string tf(const char* pattern, Args&&... args) {
  const std::string texts[] = {detail::text(std::forward<Args>(args))..., std::string()};
  return substitute(tr(pattern), texts, sizeof...(Args));
}
/// tn with placeholders: {1} is usually n itself.
template <class... Args>
std::string tnf(const char* singular, const char* plural, long n, Args&&... args) {
  const std::string texts[] = {detail::text(std::forward<Args>(args))..., std::string()};
  return substitute(tn(singular, plural, n), texts, sizeof...(Args));
}
/// tc with placeholders.
template <class... Args>
std::string tcf(const char* context, const char* pattern, Args&&... args) {
  const std::string texts[] = {detail::text(std::forward<Args>(args))..., std::string()};
  return substitute(tc(context, pattern), texts, sizeof...(Args));
}

/// Marks a message for extraction without translating it (a table of names translated where
/// they are shown).
constexpr const char* kNoop(const char* message) { return message; }

/// The number of messages the embedded Chinese catalogue holds (for tests and `--version`).
std::size_t catalogueSize();
/// Every translation of the catalogue, one after another: the characters a font must hold to
/// show any message in Chinese (the desk's glyph atlas).
const std::string& catalogueText();

}  // namespace drillsim::i18n

namespace drillsim {
using i18n::tc;
using i18n::tcf;
using i18n::tf;
using i18n::tn;
using i18n::tnf;
using i18n::tr;
}  // namespace drillsim
