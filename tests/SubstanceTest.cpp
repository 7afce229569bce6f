#include "scenarios/Substance.hpp"

#include <gtest/gtest.h>

#include "tests/TestPaths.hpp"

using namespace drillsim;

TEST(SubstanceTable, ReadsTheBundledTableWithSources) {
  Diagnostics d;
  auto table = SubstanceTable::load(test::sourcePath("data/substances.csv"), d);
  ASSERT_TRUE(table) << d.str();
  EXPECT_GE(table->all().size(), 3u);
  for (const char* id : {"chlorine", "ammonia", "lpg"}) ASSERT_NE(table->find(id), nullptr) << id;
  const Substance& cl = *table->find("chlorine");
  EXPECT_NEAR(cl.molar_mass_g_mol, 70.90, 0.01);
  // AEGL-3 for chlorine: 50 / 28 / 20 ppm at 10 / 30 / 60 min (NRC 2004, vol. 4).
  EXPECT_EQ(cl.aegl_ppm[2][0], 50.0);
  EXPECT_EQ(cl.aegl_ppm[2][1], 28.0);
  EXPECT_EQ(cl.aegl_ppm[2][2], 20.0);
  EXPECT_EQ(cl.aegl_ppm[2][3], 10.0);  // 4 h
  EXPECT_EQ(cl.aegl_ppm[2][4], 7.1);   // 8 h
  EXPECT_EQ(cl.aegl_n, 2.0);
  EXPECT_FALSE(cl.sources.at("source_aegl_n").empty());
  EXPECT_TRUE(cl.probit_a && cl.probit_b && cl.probit_n);
  // Every substance with an AEGL or probit carries the source of those figures.
  for (const auto& s : table->all()) {
    if (s.aegl_ppm[1][2]) {
      EXPECT_TRUE(s.sources.count("source_aegl")) << s.id;
    }
    if (s.probit_a) {
      EXPECT_TRUE(s.sources.count("source_probit")) << s.id;
    }
    if (s.gb18218_critical_t) {
      EXPECT_TRUE(s.sources.count("source_gb18218")) << s.id;
    }
  }
}

TEST(SubstanceTable, PpmToMgPerCubicMetre) {
  Substance cl;
  cl.molar_mass_g_mol = 70.90;
  // 1 ppm of chlorine at 25 degC, 1 atm = 70.90 / 24.45 = 2.90 mg/m3.
  EXPECT_NEAR(cl.mgPerM3(1.0), 2.8998, 1e-4);
}

TEST(SubstanceTable, BadCellsAreReportedWithLineAndColumn) {
  Diagnostics d;
  auto table = SubstanceTable::parse("id,molar_mass_g_mol,probit_a,colour\nx,heavy,1\n", "t.csv", d);
  EXPECT_FALSE(table);
  EXPECT_EQ(d.str(), "t.csv:1:30: error: colour: unknown column; expected one of id, name_zh, name_en, cas, "
                     "molar_mass_g_mol, aegl1_10min_ppm, aegl1_30min_ppm, aegl1_60min_ppm, aegl1_240min_ppm, "
                     "aegl1_480min_ppm, aegl2_10min_ppm, aegl2_30min_ppm, ... (51 in all)\n");
  Diagnostics e;
  table = SubstanceTable::parse("id,molar_mass_g_mol\nx,heavy\n", "t.csv", e);
  EXPECT_EQ(e.str(), "t.csv:2:3: error: molar_mass_g_mol: expected a number or an empty cell, found 'heavy'\n"
                     "t.csv:2:1: error: molar_mass_g_mol: expected a molar mass > 0 g/mol\n");
}
