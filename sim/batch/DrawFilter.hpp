#pragma once
// Selecting a batch's replications by what they drew (`compare --where`): conditions on the draws
// a stored row keeps (Outcome.hpp, drawsJson), e.g. "wind_speed_ms<2,stability=F,L1.hole_mm>=25".
// Under common random numbers a replication draws the same under every plan, so a selection keeps
// the pairing of the plans.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace drillsim {

struct DrawCondition {
  std::string name;  // as drawnValue names it: "wind_speed_ms", "sky", "L1.dispersion"
  std::string op;    // one of < <= > >= = !=
  nlohmann::json value;  // a number, or a word (only with = and !=)
  std::string text;      // as written
};

/// Conditions separated by commas. Throws std::invalid_argument naming the condition that has no
/// operator, no name, no value, or compares a word with < or >.
std::vector<DrawCondition> parseDrawConditions(const std::string& text);

/// Whether the draws satisfy every condition; a quantity they do not have satisfies none.
bool drawsSatisfy(const std::vector<DrawCondition>& conditions, const nlohmann::json& draws);

}  // namespace drillsim
