#include "scenarios/Validation.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/TestPaths.hpp"

using namespace drillsim;
using drillsim::test::sourcePath;

namespace {
// Writes a variant of the mini scenario into a folder of the test's own (tests run in parallel)
// with its park path made absolute, validates it, and returns the messages with that folder
// removed from the file names.
std::string validateVariant(const std::string& from, const std::string& to) {
  std::ifstream in(sourcePath("tests/data/mini/mini.yaml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  text.replace(text.find("park: park"), 10, "park: " + sourcePath("tests/data/mini/park"));
  const auto dir = std::filesystem::temp_directory_path() /
                   ("drillsim-validation-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "variant.yaml").string();
  std::ofstream(path) << text;
  Diagnostics d;
  loadAndValidate(path, d, sourcePath("tests/data/mini/substances.csv"));
  std::filesystem::remove_all(dir);
  std::string s = d.str();
  const std::string prefix = dir.string() + "/";
  for (std::size_t p; (p = s.find(prefix)) != std::string::npos;) s.erase(p, prefix.size());
  return s;
}
}  // namespace

TEST(Validation, TheMiniScenarioIsValid) {
  Diagnostics d;
  auto loaded = loadAndValidate(sourcePath("tests/data/mini/mini.yaml"), d, sourcePath("tests/data/mini/substances.csv"));
  ASSERT_TRUE(loaded) << d.str();
  EXPECT_TRUE(d.empty()) << d.str();
}

TEST(Validation, UnknownTeamInADispatch) {
  EXPECT_EQ(validateVariant("{team: HZ1, to: L1", "{team: HZ2, to: L1"),
            "variant.yaml:28:23: error: plans[0].dispatch[0].team: unknown team 'HZ2'; expected one "
            "of HZ1, FB1 (did you mean 'HZ1'?)\n");
}

TEST(Validation, UnknownShelterZoneAndPartyAreAllReported) {
  const std::string from = "shelters: {Z1: S2, Z2: [S1, S2]}";
  EXPECT_EQ(validateVariant(from, "shelters: {Z1: S3, Z9: [S1, S2]}"),
            "variant.yaml:36:20: error: plans[1].shelters.Z1: unknown shelter 'S3'; expected one of "
            "S1, S2\n"
            "variant.yaml:36:24: error: plans[1].shelters.Z9: unknown zone 'Z9'; expected one of Z1, "
            "Z2\n");
  EXPECT_EQ(validateVariant("action: evacuate, after: park_committee", "action: evacuate, after: bureau"),
            "variant.yaml:29:53: error: plans[0].protect[0].after: 'bureau' is not in this plan's "
            "notify list; add it there, or name a notified party: enterprise, park_committee\n");
}

TEST(Validation, ReleaseLargerThanTheInventoryIsAWarning) {
  EXPECT_EQ(validateVariant("duration_s: 1800", "duration_s: 18000"),
            "variant.yaml:16:5: warning: hazards[0]: the release may exceed the inventory of HS1 (up "
            "to 54000 kg of 20000 kg); it will stop when the inventory is exhausted\n");
}
