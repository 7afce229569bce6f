// The corpus of broken inputs: tests/malformed/NAME.yaml with NAME.expected holding exactly the
// messages a user must see. Each file is validated in-process (messages compared to the letter)
// and through the command line (exit code 2, never a crash or a hang).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/Validation.hpp"
#include "tests/TestPaths.hpp"

using namespace drillsim;
namespace fs = std::filesystem;

namespace {
const fs::path kCorpus = test::sourcePath("tests/malformed");

std::vector<std::string> corpusFiles() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (e.path().extension() == ".yaml") names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs with the corpus folder as the working directory so that messages name files as a user
// who typed `drillsim validate NAME.yaml` there would see them.
class InCorpus {
 public:
  InCorpus() : previous_(fs::current_path()) { fs::current_path(kCorpus); }
  ~InCorpus() { fs::current_path(previous_); }

 private:
  fs::path previous_;
};
}  // namespace

class MalformedFile : public ::testing::TestWithParam<std::string> {};

TEST_P(MalformedFile, GivesExactlyTheExpectedMessages) {
  const std::string name = GetParam();
  const fs::path expectedPath = kCorpus / (fs::path(name).stem().string() + ".expected");
  ASSERT_TRUE(fs::exists(expectedPath)) << "missing " << expectedPath;
  Diagnostics d;
  std::optional<LoadedScenario> loaded;
  {
    InCorpus here;
    loaded = loadAndValidate(name, d, "substances.csv");
  }
  EXPECT_FALSE(loaded.has_value()) << name << " should be rejected";
  EXPECT_EQ(d.str(), readFile(expectedPath));
}

TEST_P(MalformedFile, CommandLineExitsWithTwoAndNoCrash) {
  const std::string name = GetParam();
  const auto r = test::runDrillsim({"validate", name, "--substances", "substances.csv"}, kCorpus.string());
  EXPECT_EQ(r.signal, 0) << name << " killed the program; stderr:\n" << r.err;
  EXPECT_EQ(r.exitCode, 2) << r.err;
  EXPECT_EQ(r.err, readFile(kCorpus / (fs::path(name).stem().string() + ".expected")));
}

INSTANTIATE_TEST_SUITE_P(Corpus, MalformedFile, ::testing::ValuesIn(corpusFiles()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string n = fs::path(param.param).stem().string();
                           std::replace_if(n.begin(), n.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
                           return n;
                         });

TEST(MalformedCorpus, HasAtLeastThirtyCases) { EXPECT_GE(corpusFiles().size(), 30u); }
