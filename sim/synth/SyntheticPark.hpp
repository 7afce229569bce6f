#pragma once
// Synthetic parks for scale tests and benchmarks: a grid of blocks with main roads every fourth
// street and lanes between, one zone per block with a population drawn from a named stream, a
// shelter every few blocks, a chlorine source and two teams. Deterministic for (blocks, seed).

#include <cstdint>

#include "scenarios/Validation.hpp"

namespace drillsim {

struct SyntheticOptions {
  int blocksX = 10, blocksY = 5;  // zones = blocksX x blocksY
  std::uint64_t seed = 1;
  double block_m = 120;           // spacing of streets
  int meanPopulation = 120;       // persons per zone on average (by night)
  int shelterEvery = 4;           // one shelter per this many blocks
};

LoadedScenario syntheticPark(const SyntheticOptions& options);

}  // namespace drillsim
