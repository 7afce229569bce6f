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

}  // namespace drillsim
