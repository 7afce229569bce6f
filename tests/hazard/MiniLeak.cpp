#include "tests/hazard/MiniLeak.hpp"

#include <gtest/gtest.h>

#include "tests/TestPaths.hpp"

namespace drillsim::test {

LoadedScenario miniLeak(Distribution windFrom) {
  Diagnostics d;
  auto l = loadAndValidate(sourcePath("tests/data/mini/mini.yaml"), d, sourcePath("tests/data/mini/substances.csv"));
  EXPECT_TRUE(l) << d.str();
  if (!l) return {};
  l->scenario.weather.wind_speed_ms = Distribution(2.0);
  l->scenario.weather.wind_from_deg = std::move(windFrom);
  l->scenario.weather.stability = WordChoice<Stability>{{Stability::D}, {}};
  auto& leak = std::get<ToxicRelease>(l->scenario.hazards[0].detail);
  leak.rate_kg_s = Distribution(1.0);
  leak.height_m = Distribution(1.0);
  leak.duration_s = Distribution(1800.0);
  std::get<Fire>(l->scenario.hazards[1].detail).heat_release_mw.reset();
  return std::move(*l);
}

}  // namespace drillsim::test
