#include "scenarios/NumberText.hpp"

#include <charconv>
#include <cstdio>

namespace drillsim {

std::string roundTripNumber(double v) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : significantNumber(v, 17);
}

std::string significantNumber(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

std::string fixedNumber(double v, int digits) {
  char buf[400];  // %.f of the largest double has 309 digits before the point
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string groupedNumber(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

}  // namespace drillsim
