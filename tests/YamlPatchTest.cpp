// patchYaml: saving by patching the user's file in place. Small snippets with the exact text
// expected, then the bundled scenarios as fixtures: only the changed lines change, every comment
// stays, and the patched text reads as the edited model.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "scenarios/YamlPatch.hpp"

namespace drillsim {
namespace {

// ---- Snippets ---------------------------------------------------------------------------------

/// Patches `original` and expects ok and exactly `expected`.
void expectPatch(const std::string& original, const std::string& before, const std::string& after,
                 const std::string& expected) {
  const YamlPatchResult r = patchYaml(original, before, after);
  ASSERT_TRUE(r.ok) << r.why;
  EXPECT_EQ(r.text, expected);
}
/// Expects ok=false, the original text back and a reason mentioning `reason`.
void expectRefused(const std::string& original, const std::string& before, const std::string& after,
                   const std::string& reason) {
  const YamlPatchResult r = patchYaml(original, before, after);
  EXPECT_FALSE(r.ok) << r.text;
  EXPECT_EQ(r.text, original);
  EXPECT_NE(r.why.find(reason), std::string::npos) << r.why;
}

TEST(YamlPatch, NoChangeGivesTheFileBack) {
  const std::string file = "# plan\nname: A  # the name\nlist: [1,2]\n";
  expectPatch(file, "name: A\nlist: [1, 2]\n", "name: A\nlist: [1, 2]\n", file);
}

TEST(YamlPatch, ScalarReplacedInItsQuoteStyle) {
  expectPatch("# head\nname: \"Old\"  # the name\nnote: 'it''s'\ncount: 3 # how many\n",
              "name: Old\nnote: it's\ncount: 3\n", "name: New one\nnote: it's theirs\ncount: 30\n",
              "# head\nname: \"New one\"  # the name\nnote: 'it''s theirs'\ncount: 30 # how many\n");
}

TEST(YamlPatch, PlainScalarQuotedOnlyWhenNeeded) {
  // In flow context a comma needs quotes; in block context it does not; ": " always does.
  expectPatch("a: x\nb: {c: y}\nd: z\n", "a: x\nb: {c: y}\nd: z\n", "a: p, q\nb: {c: 'p, q'}\nd: 'k: v'\n",
              "a: p, q\nb: {c: \"p, q\"}\nd: \"k: v\"\n");
}

TEST(YamlPatch, FoldedScalarStaysFolded) {
  expectPatch("description: >\n  one two three\n  four five\nnext: 1  # kept\n",
              "description: \"one two three four five\\n\"\nnext: 1\n",
              "description: \"one two three four five six seven eight nine ten eleven twelve thirteen\\n\"\nnext: 1\n",
              "description: >\n  one two three four five six seven eight\n  nine ten eleven twelve thirteen\nnext: 1  # kept\n");
}

TEST(YamlPatch, LiteralScalarStaysLiteral) {
  expectPatch("text: |-  # lines\n    first\n    second\nz: 1\n", "text: \"first\\nsecond\"\nz: 1\n",
              "text: \"first\\n2nd\\nthird\"\nz: 1\n", "text: |-  # lines\n    first\n    2nd\n    third\nz: 1\n");
}

TEST(YamlPatch, ConstantBecomesDistributionInsideFlowMap) {
  expectPatch("teams:\n  # the county\n  - {id: MD1, turnout_s: 120, speed_ms: 12}  # slow\n",
              "teams: [{id: MD1, turnout_s: 120, speed_ms: 12}]\n",
              "teams: [{id: MD1, turnout_s: {uniform: [60, 120]}, speed_ms: 12}]\n",
              "teams:\n  # the county\n  - {id: MD1, turnout_s: {uniform: [60, 120]}, speed_ms: 12}  # slow\n");
}

TEST(YamlPatch, ConstantBecomesDistributionOnItsKeyLine) {
  expectPatch("notify:\n  - who: enterprise\n    delay_s: 30  # half a minute\n",
              "notify: [{who: enterprise, delay_s: 30}]\n",
              "notify: [{who: enterprise, delay_s: {uniform: [180, 600]}}]\n",
              "notify:\n  - who: enterprise\n    delay_s: {uniform: [180, 600]}  # half a minute\n");
}

TEST(YamlPatch, BlockMapBecomesScalarKeepingTheKeysComment) {
  expectPatch("plan:\n  shelters:  # by zone\n    Z1: S1\n    # second\n    Z2: S2\n  roads: none\n",
              "plan: {shelters: {Z1: S1, Z2: S2}, roads: none}\n", "plan: {shelters: nearest, roads: none}\n",
              "plan:\n  shelters: nearest  # by zone\n  roads: none\n");
}

TEST(YamlPatch, SequenceWithoutIdsOfAnotherLengthReplacedInFlow) {
  expectPatch("protect: [{zones: all, action: evacuate},\n          {zones: threat, action: shelter}]  # two\n",
              "protect: [{zones: all, action: evacuate}, {zones: threat, action: shelter}]\n",
              "protect: [{zones: all, action: evacuate}]\n", "protect: [{zones: all, action: evacuate}]  # two\n");
}

TEST(YamlPatch, BlockSequenceReplacedInBlockAtItsIndentation) {
  expectPatch("zones:\n    # the list\n    - Z1\n    - Z2\nafter: 1\n", "zones: [Z1, Z2]\nafter: 1\n",
              "zones: [Z1, Z2, Z3]\nafter: 1\n", "zones:\n    # the list\n    - Z1\n    - Z2\n    - Z3\nafter: 1\n");
}

TEST(YamlPatch, BlockMapReplacedKeepsTheFilesNestedFlowStyle) {
  // No key shared: the map is rewritten, in block style, its values flow as the file wrote them.
  expectPatch("weather:\n  stability: {pasquill: night}\n  terrain: urban\n",
              "weather: {stability: {pasquill: night}, terrain: urban}\n",
              "weather: {wind: {uniform: [1, 3]}, sky: clear}\n", "weather:\n  wind: {uniform: [1, 3]}\n  sky: clear\n");
}

TEST(YamlPatch, KeyAddedToBlockMapAfterItsLastEntry) {
  expectPatch("weather:\n  # wind\n  wind: 3  # m/s\n\n# the hazards follow\nhazards: []\n", "weather: {wind: 3}\nhazards: []\n",
              "weather: {wind: 3, temperature_c: {normal: {mean: 0, sd: 3}}}\nhazards: []\n",
              "weather:\n  # wind\n  wind: 3  # m/s\n  temperature_c: {normal: {mean: 0, sd: 3}}\n\n# the hazards follow\n"
              "hazards: []\n");
}

TEST(YamlPatch, KeyAddedToFlowMapBeforeItsBrace) {
  expectPatch("walking: {speed_ms: 1.2,\n          premovement_s: 60}  # walking\n",
              "walking: {speed_ms: 1.2, premovement_s: 60}\n",
              "walking: {speed_ms: 1.2, premovement_s: 60, specific_flow_pms: 1.3}\n",
              "walking: {speed_ms: 1.2,\n          premovement_s: 60, specific_flow_pms: 1.3}  # walking\n");
}

TEST(YamlPatch, BlockValueAddedAtTheFilesIndentation) {
  expectPatch("walking:\n    speed_ms: 1.2\n", "walking: {speed_ms: 1.2}\n",
              "walking:\n  speed_ms: 1.2\n  zones:\n    a: 1\n    b: [x, y]\n",
              "walking:\n    speed_ms: 1.2\n    zones:\n        a: 1\n        b: [x, y]\n");
}

TEST(YamlPatch, KeyTheFileHasButBeforeLacksIsReplaced) {
  // The file spells out a default the canonical text omits: a style difference, then a change.
  expectPatch("weather:\n  terrain: urban\n  temperature_c: 20  # the default\n", "weather: {terrain: urban}\n",
              "weather: {terrain: urban, temperature_c: 25}\n",
              "weather:\n  terrain: urban\n  temperature_c: 25  # the default\n");
}

TEST(YamlPatch, MissingSectionInsertedWithOnlyWhatChanged) {
  // `before` is canonical: it writes the defaults the file omits (indoor_c, leakage).
  const std::string before =
      "name: x\nbuildings:\n  indoor_c: 20\n  air_changes_per_hour: {default: 1, school: 0.5}\n"
      "monte_carlo: {replications: 100, seed: 1}\n";
  const std::string after =
      "name: x\nbuildings:\n  indoor_c: 20\n  air_changes_per_hour: {default: 1, school: 0.8}\n"
      "monte_carlo: {replications: 100, seed: 1}\n";
  expectPatch("# a scenario\nname: x  # short\n# end\n", before, after,
              "# a scenario\nname: x  # short\nbuildings:\n  air_changes_per_hour: {school: 0.8}\n# end\n");
}

TEST(YamlPatch, MissingKeyInsertedInAFlowMap) {
  expectPatch("monte_carlo: {replications: 1000}\n", "monte_carlo: {replications: 1000, seed: 1}\n",
              "monte_carlo: {replications: 1000, seed: 7}\n", "monte_carlo: {replications: 1000, seed: 7}\n");
}

TEST(YamlPatch, RemovingAKeyTheFileOmitsChangesNothing) {
  const std::string file = "a: 1  # one\n";
  expectPatch(file, "a: 1\nb: {c: 2}\n", "a: 1\n", file);
}

TEST(YamlPatch, KeyRemovedFromBlockMapKeepsTheCommentAbove) {
  expectPatch("plan:\n  id: A\n  # the roads\n  close_roads_above:\n    # inside the value\n    level: AEGL-2\n"
              "  shelters: nearest\n",
              "plan: {id: A, close_roads_above: {level: AEGL-2}, shelters: nearest}\n",
              "plan: {id: A, shelters: nearest}\n", "plan:\n  id: A\n  # the roads\n  shelters: nearest\n");
}

TEST(YamlPatch, KeyRemovedFromFlowMapWithOneComma) {
  expectPatch("a: {x: 1, y: 2, z: 3}\nb: {x: 1, y: 2}\nc: {x: 1,\n    y: 2}\n",
              "a: {x: 1, y: 2, z: 3}\nb: {x: 1, y: 2}\nc: {x: 1, y: 2}\n", "a: {x: 1, z: 3}\nb: {y: 2}\nc: {x: 1}\n",
              "a: {x: 1, z: 3}\nb: {y: 2}\nc: {x: 1}\n");
}

TEST(YamlPatch, FirstKeyOnADashLineRemoved) {
  expectPatch("list:\n  - kind: a\n    name: x\n", "list: [{kind: a, name: x}]\n", "list: [{name: x}]\n",
              "list:\n  - name: x\n");
}

TEST(YamlPatch, ItemAddedLikeTheFlowItems) {
  expectPatch("teams:\n  - {id: A, speed_ms: 5}\n  - {id: B, speed_ms: 10}  # fast\n# plans next\n",
              "teams: [{id: A, speed_ms: 5}, {id: B, speed_ms: 10}]\n",
              "teams: [{id: A, speed_ms: 5}, {id: B, speed_ms: 10}, {id: C, speed_ms: 12}]\n",
              "teams:\n  - {id: A, speed_ms: 5}\n  - {id: B, speed_ms: 10}  # fast\n  - {id: C, speed_ms: 12}\n# plans next\n");
}

TEST(YamlPatch, ItemAddedLikeTheBlockItems) {
  expectPatch("plans:\n  - id: A\n    # why\n    notify: [{who: x}]\n    shelters: nearest\n",
              "plans: [{id: A, notify: [{who: x}], shelters: nearest}]\n",
              "plans:\n  - {id: A, notify: [{who: x}], shelters: nearest}\n"
              "  - id: B\n    notify:\n      - {who: y}\n    shelters: {Z1: S1}\n",
              "plans:\n  - id: A\n    # why\n    notify: [{who: x}]\n    shelters: nearest\n"
              "  - id: B\n    notify: [{who: y}]\n    shelters: {Z1: S1}\n");
}

TEST(YamlPatch, ItemAddedInAFlowSequenceAndAtTheFront) {
  expectPatch("u: [{id: B}]  # one\nv:\n  - {id: B}\n", "u: [{id: B}]\nv: [{id: B}]\n",
              "u: [{id: B}, {id: C}]\nv: [{id: A}, {id: B}]\n", "u: [{id: B}, {id: C}]  # one\nv:\n  - {id: A}\n  - {id: B}\n");
}

TEST(YamlPatch, ItemsRemovedByIdAndKeptItemsPatched) {
  expectPatch("plans:\n  - id: A\n    x: 1\n  # plan B\n  - id: B\n    x: 2\n  - id: C\n    x: 3\nflow: [{id: A}, {id: B}, {id: C}]\n",
              "plans: [{id: A, x: 1}, {id: B, x: 2}, {id: C, x: 3}]\nflow: [{id: A}, {id: B}, {id: C}]\n",
              "plans: [{id: A, x: 1}, {id: C, x: 4}]\nflow: [{id: B}]\n",
              "plans:\n  - id: A\n    x: 1\n  # plan B\n  - id: C\n    x: 4\nflow: [{id: B}]\n");
}

TEST(YamlPatch, LineEndingsFinalNewlineAndBomKept) {
  expectPatch("a: 1\r\nb: 2\r\n", "a: 1\nb: 2\n", "a: 1\nb: 3\nc: 4\n", "a: 1\r\nb: 3\r\nc: 4\r\n");
  expectPatch("a: 1\nb: 2", "a: 1\nb: 2\n", "a: 1\n", "a: 1");
  expectPatch("a: 1\nb: 2", "a: 1\nb: 2\n", "a: 1\nb: 2\nc: 3\n", "a: 1\nb: 2\nc: 3");
  expectPatch("\xEF\xBB\xBF# bom\na: 1\n", "a: 1\n", "a: 2\n", "\xEF\xBB\xBF# bom\na: 2\n");
}

TEST(YamlPatch, AliasInTheChangedRegionRefused) {
  const std::string file = "base: &d {median: 90}\nA: {detection_s: *d}\nB: 1\n";
  const std::string model = "base: {median: 90}\nA: {detection_s: {median: 90}}\nB: 1\n";
  expectRefused(file, model, "base: {median: 90}\nA: {detection_s: {median: 60}}\nB: 1\n", "A.detection_s: an anchor, alias");
  expectRefused(file, model, "base: {median: 60}\nA: {detection_s: {median: 90}}\nB: 1\n", "base: an anchor, alias");
  expectRefused("a: [&x 1, 2]\nb: *x\n", "a: [1, 2]\nb: 1\n", "a: [1, 2, 3]\nb: 1\n", "a: an anchor or alias");
  // Away from the anchor and the alias, the file is patched.
  expectPatch(file, model, "base: {median: 90}\nA: {detection_s: {median: 90}}\nB: 2\n",
              "base: &d {median: 90}\nA: {detection_s: *d}\nB: 2\n");
}

TEST(YamlPatch, WhatCannotBePatchedIsRefused) {
  expectRefused("a: !!str 1\n", "a: 1\n", "a: 2\n", "a: an anchor, alias, tag");
  expectRefused("a: 1\n---\nb: 2\n", "a: 1\n", "a: 2\n", "2 YAML documents");
  expectRefused("a: 1\r\nb: 2\n", "a: 1\nb: 2\n", "a: 2\nb: 2\n", "mixes LF and CRLF");
  expectRefused("n: [{a: 1}, {a: 2}]\n", "n: [{a: 1}, {a: 2}, {a: 3}]\n", "n: [{a: 1}, {a: 9}, {a: 3}]\n",
                "n: the file has 2 items where the model read has 3");
  expectRefused("t: [{id: A}]\n", "t: [{id: A}, {id: B}]\n", "t: [{id: A}, {id: B, x: 1}]\n", "t[id=B]: no such item");
  expectRefused("a: plain\n  continued\n", "a: plain continued\n", "a: other\n", "a plain scalar spanning lines");
  expectRefused("a: &x [1, *x]\nb: 1\n", "b: 1\n", "b: 2\n", "a recursive alias");
}

TEST(YamlPatch, EmptyingABlockMapIsRefused) {
  // Only `x` is in the file: removing it and adding `y` (from the canonical defaults) would empty
  // the block map the new key goes into.
  expectRefused("a:\n  x: 1\n", "a: {x: 1, y: 2}\n", "a: {y: 3}\n", "a: would leave an empty block collection");
  const YamlPatchResult r = patchYaml("a:\n  x: 1\nb: 2\n", "a: {x: 1, z: 0}\nb: 2\n", "a: {z: 0}\nb: 2\n");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.why.find("a: would leave an empty block collection"), std::string::npos) << r.why;
}

// ---- The bundled scenarios as fixtures ---------------------------------------------------------

std::string scenarioText(const std::string& name) {
  std::ifstream in(std::string(DRILLSIM_SOURCE_DIR) + "/data/scenarios/" + name, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

struct LineDiff {
  std::vector<std::string> removed, added;  // lines of the original not kept, lines of the patched text new
};
/// The lines that differ, by the longest common subsequence of lines.
LineDiff lineDiff(const std::string& a, const std::string& b) {
  const auto x = linesOf(a), y = linesOf(b);
  std::vector<std::vector<std::size_t>> lcs(x.size() + 1, std::vector<std::size_t>(y.size() + 1, 0));
  for (std::size_t i = x.size(); i-- > 0;)
    for (std::size_t j = y.size(); j-- > 0;)
      lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  LineDiff d;
  std::size_t i = 0, j = 0;
  while (i < x.size() || j < y.size()) {
    if (i < x.size() && j < y.size() && x[i] == y[j]) {
      ++i, ++j;
    } else if (j < y.size() && (i == x.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      d.added.push_back(y[j++]);
    } else {
      d.removed.push_back(x[i++]);
    }
  }
  return d;
}

bool sameTree(const YAML::Node& a, const YAML::Node& b) {
  if (a.Type() != b.Type()) return false;
  if (a.IsScalar()) return a.Scalar() == b.Scalar();
  if (a.size() != b.size()) return false;
  if (a.IsSequence()) {
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!sameTree(a[i], b[i])) return false;
  }
  if (a.IsMap()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      const YAML::Node other = b[it->first.Scalar()];
      if (!other.IsDefined() || !sameTree(it->second, other)) return false;
    }
  }
  return true;
}

std::set<std::string> commentLines(const std::string& text) {
  std::set<std::string> out;
  for (const auto& line : linesOf(text)) {
    const auto first = line.find_first_not_of(' ');
    if (first != std::string::npos && line[first] == '#') out.insert(line);
  }
  return out;
}

/// A bundled scenario edited: `before` is the file read and dumped, `after` the same edited with
/// `edit`. The patch must touch exactly the lines `removed` and `added`, keep every comment line
/// but `dropped`, and read as `after`.
template <class Edit>
void expectFixture(const std::string& name, Edit edit, const std::vector<std::string>& removed,
                   const std::vector<std::string>& added, const std::set<std::string>& dropped = {}) {
  const std::string original = scenarioText(name);
  ASSERT_FALSE(original.empty()) << name;
  const YAML::Node model = YAML::Load(original);
  YAML::Node edited = YAML::Clone(model);
  edit(edited);
  const std::string after = YAML::Dump(edited);
  const YamlPatchResult r = patchYaml(original, YAML::Dump(model), after);
  ASSERT_TRUE(r.ok) << r.why;
  const LineDiff d = lineDiff(original, r.text);
  EXPECT_EQ(d.removed, removed);
  EXPECT_EQ(d.added, added);
  const auto kept = commentLines(r.text);
  for (const auto& comment : commentLines(original))
    EXPECT_EQ(kept.count(comment), dropped.count(comment) ? 0u : 1u) << comment;
  EXPECT_TRUE(sameTree(YAML::Load(r.text), YAML::Load(after))) << r.text;
}

YAML::Node itemWithId(const YAML::Node& seq, const std::string& id) {
  for (std::size_t i = 0; i < seq.size(); ++i)
    if (seq[i]["id"].Scalar() == id) return seq[i];
  ADD_FAILURE() << "no item " << id;
  return YAML::Node();
}

TEST(YamlPatchFixture, ShelterOfAZoneChanged) {
  expectFixture(
      "ammonia_day.yaml", [](YAML::Node& s) { itemWithId(s["plans"], "C")["shelters"]["Z33"] = "S09"; },
      {"      Z33: S10"}, {"      Z33: S09"});
}

TEST(YamlPatchFixture, TeamsTurnoutBecomesADistribution) {
  expectFixture(
      "chlorine_night.yaml",
      [](YAML::Node& s) { itemWithId(s["teams"], "MD1")["turnout_s"] = YAML::Load("{uniform: [60, 120]}"); },
      {"  - {id: MD1, name: 县120急救站卫生院分站, station: ST4, kind: medical, turnout_s: 120, speed_ms: 12}"},
      {"  - {id: MD1, name: 县120急救站卫生院分站, station: ST4, kind: medical, turnout_s: {uniform: [60, 120]}, "
       "speed_ms: 12}"});
}

TEST(YamlPatchFixture, PlanAdded) {
  expectFixture(
      "warehouse_fire_day.yaml",
      [](YAML::Node& s) {
        YAML::Node plan = YAML::Clone(itemWithId(s["plans"], "A"));
        plan["id"] = "D";
        plan["name"] = "演练方案";
        plan["shelters"] = "fastest";
        s["plans"].push_back(plan);
      },
      {},
      {"  - id: D", "    name: 演练方案", "    detection_s: {lognormal: {median: 120, sigma: 0.6}}",
       "    notify: [{who: enterprise, delay_s: 60}, {who: park_committee, delay_s: {uniform: [180, 600]}}, "
       "{who: emergency_bureau, delay_s: {uniform: [300, 900]}}]",
       "    dispatch: [{team: FD1, to: F1, after: park_committee}, {team: HZ1, to: Z44, after: park_committee}, "
       "{team: FB1, to: F1, after: emergency_bureau}, {team: MD1, to: Z43, after: emergency_bureau}]",
       "    protect: [{zones: [Z43, Z44, Z36, Z37, Z42], action: evacuate, after: park_committee}]",
       "    shelters: fastest", "    close_roads_above: none"});
}

TEST(YamlPatchFixture, PlanRemoved) {
  const std::string comment =
      "    # As A, but each cohort picks the shelter it reaches first counting queues: spreads the dormitories over "
      "several shelters at the cost of longer walks.";
  expectFixture(
      "chlorine_night.yaml",
      [](YAML::Node& s) {
        YAML::Node plans(YAML::NodeType::Sequence);
        for (std::size_t i = 0; i < s["plans"].size(); ++i)
          if (s["plans"][i]["id"].Scalar() != "B") plans.push_back(YAML::Clone(s["plans"][i]));
        s["plans"] = plans;
      },
      {"  - id: B", "    name: 全员疏散，按最快到达分配避难场所", comment,
       "    detection_s: {lognormal: {median: 90, sigma: 0.6}}",
       "    notify: [{who: enterprise, delay_s: 30}, {who: park_committee, delay_s: {uniform: [180, 600]}},",
       "             {who: emergency_bureau, delay_s: {uniform: [300, 900]}}]",
       "    dispatch: [{team: QY1, to: L1, after: enterprise}, {team: HZ1, to: L1, after: park_committee},",
       "               {team: FB1, to: L1, after: emergency_bureau}, {team: MD1, to: Z26, after: emergency_bureau}]",
       "    protect: [{zones: all, action: evacuate, after: park_committee}]", "    shelters: fastest",
       "    close_roads_above: AEGL-2"},
      {}, {comment});
}

TEST(YamlPatchFixture, KeyAddedToAFlowMap) {
  expectFixture(
      "chlorine_night.yaml", [](YAML::Node& s) { s["walking"]["specific_flow_pms"] = "1.1"; s["monte_carlo"]["threads"] = 4; },
      {"walking: {speed_ms: 1.2, specific_flow_pms: 1.3, premovement_s: {lognormal: {median: 300, sigma: 0.7}}}",
       "monte_carlo: {replications: 1000, seed: 20240117}"},
      {"walking: {speed_ms: 1.2, specific_flow_pms: 1.1, premovement_s: {lognormal: {median: 300, sigma: 0.7}}}",
       "monte_carlo: {replications: 1000, seed: 20240117, threads: 4}"});
}

TEST(YamlPatchFixture, KeysDeleted) {
  expectFixture(
      "warehouse_fire_day.yaml",
      [](YAML::Node& s) {
        s["weather"].remove("terrain");
        itemWithId(s["plans"], "B").remove("close_roads_above");
        itemWithId(s["teams"], "FD1").remove("name");
      },
      {"  terrain: urban",
       "  - {id: FD1, name: 园区专职消防队, station: ST2, kind: fire, turnout_s: {uniform: [45, 120]}, speed_ms: 10}",
       "    close_roads_above: none"},
      {"  - {id: FD1, station: ST2, kind: fire, turnout_s: {uniform: [45, 120]}, speed_ms: 10}"});
}

TEST(YamlPatchFixture, MissingSectionsAdded) {
  expectFixture(
      "warehouse_fire_day.yaml",
      [](YAML::Node& s) {
        s["weather"]["temperature_c"] = YAML::Load("{normal: {mean: 15, sd: 4}}");
        YAML::Node buildings(YAML::NodeType::Map);
        buildings["air_changes_per_hour"] = YAML::Load("{default: 1, warehouse: 2.5}");
        buildings["indoor_c"] = 18;
        s["buildings"] = buildings;
      },
      {},
      {"  temperature_c: {normal: {mean: 15, sd: 4}}", "buildings:", "  air_changes_per_hour: {default: 1, warehouse: 2.5}",
       "  indoor_c: 18"});
}

TEST(YamlPatchFixture, DescriptionRefolded) {
  expectFixture(
      "chlorine_night.yaml",
      [](YAML::Node& s) {
        s["description"] =
            "A liquid chlorine line fails at the chlor-alkali tank farm (HS1) on a winter night. Which protective "
            "action and which alarm chain keeps the dose lowest?\n";
      },
      {"  A liquid chlorine line fails at the chlor-alkali tank farm (HS1) on a winter night. The",
       "  dormitories south-west of the chemical cluster are full and lie downwind under the prevailing",
       "  north-east wind. Which protective action and which alarm chain keeps the dose lowest?"},
      {"  A liquid chlorine line fails at the chlor-alkali tank farm (HS1) on a winter night. Which",
       "  protective action and which alarm chain keeps the dose lowest?"});
}

TEST(YamlPatchFixture, AliasInTheChangedPlanRefused) {
  std::string original = scenarioText("chlorine_night.yaml");
  const std::string detection = "detection_s: {lognormal: {median: 90, sigma: 0.6}}";
  const auto first = original.find(detection), second = original.find(detection, first + 1);
  ASSERT_NE(second, std::string::npos);
  original.replace(second, detection.size(), "detection_s: *detect");
  original.replace(first, detection.size(), "detection_s: &detect {lognormal: {median: 90, sigma: 0.6}}");
  const YAML::Node model = YAML::Load(original);
  YAML::Node edited = YAML::Clone(model);
  // Plan B's own value (assigning through the alias would change plan A's as well).
  YAML::Node planB = itemWithId(edited["plans"], "B");
  planB.remove("detection_s");
  planB["detection_s"] = YAML::Load("{lognormal: {median: 60, sigma: 0.6}}");
  const YamlPatchResult r = patchYaml(original, YAML::Dump(model), YAML::Dump(edited));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.text, original);
  EXPECT_NE(r.why.find("plans[id=B].detection_s: an anchor, alias"), std::string::npos) << r.why;
}

}  // namespace
}  // namespace drillsim
