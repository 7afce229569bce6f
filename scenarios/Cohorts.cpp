#include "scenarios/Cohorts.hpp"

#include <algorithm>

#include "scenarios/RandomStream.hpp"

namespace drillsim {

double premovementOf(const Scenario& s, std::uint64_t seed, std::uint64_t replication, const std::string& key) {
  RandomStream stream(seed, replication, "premovement", key);
  return s.walking.premovement_s.sampleAtLeast(stream, 0);
}

std::vector<CohortSplit> splitIntoCohorts(const Scenario& s, const std::string& zoneId, int persons, std::uint64_t seed,
                                          std::uint64_t replication, bool drawPremovement) {
  std::vector<CohortSplit> out;
  for (int k = 0, left = persons; left > 0; ++k) {
    CohortSplit c;
    c.key = zoneId + "/c" + std::to_string(k);
    c.persons = std::min(left, s.cohort_size);
    left -= c.persons;
    if (drawPremovement) c.premovement_s = premovementOf(s, seed, replication, c.key);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace drillsim
