#include "sim/batch/DrawFilter.hpp"

#include <cstdlib>
#include <stdexcept>

#include "scenarios/I18n.hpp"
#include "sim/engine/Outcome.hpp"

namespace drillsim {

namespace {
std::string trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}
}  // namespace

std::vector<DrawCondition> parseDrawConditions(const std::string& text) {
  std::vector<DrawCondition> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find(',', begin), text.size());
    const std::string item = trimmed(text.substr(begin, end - begin));
    begin = end + 1;
    if (item.empty()) continue;
    const std::size_t at = item.find_first_of("<>=!");
    if (at == std::string::npos)
      throw std::invalid_argument(tf("'{1}' has no comparison; expected NAME<VALUE, <=, >, >=, = or !=", item));
    std::size_t width = 1;
    if (at + 1 < item.size() && item[at + 1] == '=') width = 2;
    DrawCondition c;
    c.text = item;
    c.name = trimmed(item.substr(0, at));
    c.op = item.substr(at, width);
    if (c.op == "!") throw std::invalid_argument(tf("'{1}': expected != after the name", item));
    const std::string value = trimmed(item.substr(at + width));
    if (c.name.empty()) throw std::invalid_argument(tf("'{1}' names no drawn quantity", item));
    if (value.empty()) throw std::invalid_argument(tf("'{1}' gives no value", item));
    char* rest = nullptr;
    const double number = std::strtod(value.c_str(), &rest);
    if (rest && *rest == '\0') c.value = number;
    else c.value = value;
    if (c.value.is_string() && c.op != "=" && c.op != "!=")
      throw std::invalid_argument(tf("'{1}': a word can only be compared with = or !=", item));
    out.push_back(std::move(c));
  }
  return out;
}

bool drawsSatisfy(const std::vector<DrawCondition>& conditions, const nlohmann::json& draws) {
  for (const auto& c : conditions) {
    const nlohmann::json v = drawnValue(draws, c.name);
    if (v.is_null()) return false;
    if (c.value.is_string() || v.is_string()) {  // words are equal or not, never ordered
      if (c.op != "=" && c.op != "!=") return false;
      if ((v == c.value) != (c.op == "=")) return false;
      continue;
    }
    const double a = v.get<double>(), b = c.value.get<double>();
    const bool ok = c.op == "<"    ? a < b
                    : c.op == "<=" ? a <= b
                    : c.op == ">"  ? a > b
                    : c.op == ">=" ? a >= b
                    : c.op == "="  ? a == b
                                   : a != b;
    if (!ok) return false;
  }
  return true;
}

}  // namespace drillsim
