// Dates as a document writes them (sim/report/Document.hpp).
#include "sim/report/Document.hpp"

#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "sim/report/Markup.hpp"

namespace drillsim::report {

namespace {
bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Proleptic Gregorian calendar; years 1..9999, which ISO 8601 writes with four digits.
void checkDate(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool ok = year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
                  day <= kDays[std::size_t(month - 1)] + (month == 2 && leapYear(year) ? 1 : 0);
  if (!ok)
    throw std::invalid_argument("not a date: year " + std::to_string(year) + ", month " + std::to_string(month) + ", day " +
                                std::to_string(day));
}

std::tm localToday() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return local;
}
}  // namespace

std::string longDate(int year, int month, int day, const std::string& language) {
  checkDate(year, month, day);
  // As GB/T 15835-2011 (numbers in publications) writes dates in Chinese text: 2026年12月2日, no
  // leading zeros.
  if (detail::isChinese(language))
    return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
  static constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                          "July",    "August",   "September", "October", "November", "December"};
  return std::to_string(day) + " " + kMonths[std::size_t(month - 1)] + " " + std::to_string(year);
}

std::string today(const std::string& language) {
  const std::tm t = localToday();
  return longDate(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, language);
}

std::string isoDate(int year, int month, int day) {
  checkDate(year, month, day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

Document& Document::dated(int year, int month, int day) {
  date = longDate(year, month, day, language);
  created = isoDate(year, month, day);
  return *this;
}

Document& Document::datedToday() {
  const std::tm t = localToday();
  return dated(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday);
}

}  // namespace drillsim::report
