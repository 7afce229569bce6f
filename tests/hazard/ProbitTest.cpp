#include "sim/hazard/Probit.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "scenarios/Distribution.hpp"

using namespace drillsim::hazard;

// P = Phi(Y - 5): TNO Purple Book CPR 18E eq. 5.1.
TEST(Probit, ProbabilityOfTheProbit) {
  EXPECT_DOUBLE_EQ(probitToProbability(5), 0.5);
  EXPECT_NEAR(probitToProbability(2.67), 0.01, 1e-3);
  EXPECT_NEAR(probitToProbability(7.33), 0.99, 1e-3);
  EXPECT_EQ(probitToProbability(-std::numeric_limits<double>::infinity()), 0);
}

// Chlorine, Lees (2005) via HSE SPC/Tech/OSD/30: a = -8.29, b = 0.92, n = 2, C in ppm, t in min.
// 100 ppm for 30 min: Y = -8.29 + 0.92 ln(100^2 * 30) = 3.313, P = 4.58 % (hazard.md section 4, derived).
TEST(Probit, LeesChlorine) {
  const double Y = toxicProbit(-8.29, 0.92, 2, 100, 30);
  EXPECT_NEAR(Y, -8.29 + 0.92 * std::log(1e4 * 30), 1e-12);
  EXPECT_NEAR(Y, 3.313, 5e-4);
  EXPECT_NEAR(probitToProbability(Y), 0.0458, 5e-5);
  // LC50 over 30 min is about 250 ppm (hazard.md section 4 table).
  EXPECT_NEAR(toxicProbit(-8.29, 0.92, 2, 250, 30), 5, 0.01);
}

TEST(Probit, ToxicLoadGivesTheSameProbit) {
  // Purple Book section 5.2.2: a varying concentration enters through D = sum C^n dt.
  const double a = -6.35, b = 0.5, n = 2.75;  // chlorine, Purple Book Table 5.2, mg/m3 and min
  const double load = std::pow(400.0, n) * 10 + std::pow(200.0, n) * 20;
  EXPECT_NEAR(toxicProbitFromLoad(a, b, std::pow(300.0, n) * 15), toxicProbit(a, b, n, 300, 15), 1e-12);
  EXPECT_NEAR(toxicProbitFromLoad(a, b, load), a + b * std::log(load), 1e-12);
  EXPECT_TRUE(std::isinf(toxicProbitFromLoad(a, b, 0)));
  EXPECT_TRUE(std::isinf(toxicProbit(a, b, n, 0, 15)));
  EXPECT_EQ(probitToProbability(toxicProbit(a, b, n, 0, 15)), 0);
}

// Eisenberg et al. (1975), Y = -14.9 + 2.56 ln(t I^(4/3)), I [kW/m2], t [s] (hazard.md section 4, derived).
TEST(Probit, Eisenberg) {
  EXPECT_NEAR(eisenbergProbit(20, 20), 2.9945, 5e-4);
  EXPECT_NEAR(eisenbergProbit(12.5, 60), 4.203, 5e-4);
  EXPECT_NEAR(probitToProbability(eisenbergProbit(20, 20)), 0.0225, 5e-5);
  EXPECT_NEAR(probitToProbability(eisenbergProbit(12.5, 60)), 0.21, 5e-3);
  // Thermal dose t I^(4/3) for 1 % and 50 %: HSE SPC/Tech/OSD/30 Table 17 prints 960 and 2380 (kW/m2)^(4/3) s,
  // to three figures. The dose of probit Y is exp((Y + 14.9) / 2.56) with I = 1 kW/m2.
  auto dose = [](double probability) {
    const double Y = 5 + drillsim::standardNormalQuantile(probability);
    return std::exp((Y + 14.9) / 2.56);
  };
  EXPECT_NEAR(dose(0.01), 960, 5);
  EXPECT_NEAR(dose(0.5), 2380, 5);
  EXPECT_NEAR(eisenbergProbit(1, dose(0.01)), 5 + drillsim::standardNormalQuantile(0.01), 1e-12);
}

// Point-source radiation, q'' = tau chi_r Q / (4 pi R^2) (NUREG-1805 ch. 5). hazard.md section 5: LPG
// pool D = 10 m, m''inf = 0.099 kg/(m2 s), k beta = 1.4 1/m (Babrauskas), dHc = 46 MJ/kg, chi_r 0.3, tau 1.
TEST(ProbitRadiation, PointSourceLpgPool) {
  const double D_m = 10;
  const double burningRate_kg_m2s = 0.099 * (1 - std::exp(-1.4 * D_m));
  const double Q_kW = burningRate_kg_m2s * 46e3 * (M_PI * D_m * D_m / 4);  // 357.67 MW, printed as 358 MW
  EXPECT_NEAR(Q_kW / 1e3, 358, 0.5);
  EXPECT_NEAR(pointSourceFlux_kW_m2(Q_kW, 0.3, 1, 20), 21.3, 0.05);
  EXPECT_NEAR(pointSourceFlux_kW_m2(Q_kW, 0.3, 1, 50), 3.42, 0.005);
  EXPECT_NEAR(pointSourceFlux_kW_m2(Q_kW, 0.3, 1, 100), 0.85, 0.005);
  // Distances to 37.5 / 12.5 / 5 kW/m2: 15.1 / 26.1 / 41.3 m.
  EXPECT_NEAR(pointSourceFlux_kW_m2(Q_kW, 0.3, 1, 15.1), 37.5, 37.5 * 2 * 0.05 / 15.1);
  EXPECT_NEAR(pointSourceFlux_kW_m2(Q_kW, 0.3, 1, 26.1), 12.5, 12.5 * 2 * 0.05 / 26.1);
  EXPECT_NEAR(pointSourceFlux_kW_m2(Q_kW, 0.3, 1, 41.3), 5.0, 5.0 * 2 * 0.05 / 41.3);
  // Inverse square and linear in tau and chi_r.
  EXPECT_NEAR(pointSourceFlux_kW_m2(1000, 0.3, 0.8, 10), 0.8 * 0.3 * 1000 / (4 * M_PI * 100), 1e-12);
  EXPECT_NEAR(pointSourceFlux_kW_m2(1000, 0.3, 1, 20) * 4, pointSourceFlux_kW_m2(1000, 0.3, 1, 10), 1e-12);
}

// The toxic load summed step by step (toxicLoadStep) is the load of the probit for a constant
// exposure: chlorine, 100 ppm for 30 min in 10 s steps, gives Y = 3.313 (the example above).
TEST(ProbitLoad, StepsOfAConstantExposureGiveTheProbitOfItsLoad) {
  drillsim::Substance chlorine;
  chlorine.molar_mass_g_mol = 70.906;
  chlorine.probit_conc_unit = drillsim::ProbitConcentrationUnit::Ppm;
  chlorine.probit_time_unit = drillsim::ProbitTimeUnit::Minute;
  const ProbitUnits u = probitUnits(chlorine);
  EXPECT_DOUBLE_EQ(u.perMgM3, drillsim::kMolarVolume_L_mol / 70.906);
  EXPECT_DOUBLE_EQ(u.perSecond, 1.0 / 60);
  const double c_mg_m3 = 100 / u.perMgM3;
  double load = 0;
  for (int k = 0; k < 180; ++k) load += toxicLoadStep(c_mg_m3, 10, 2, u);
  EXPECT_NEAR(load, 100.0 * 100.0 * 30, 1e-6);
  EXPECT_NEAR(toxicProbitFromLoad(-8.29, 0.92, load), toxicProbit(-8.29, 0.92, 2, 100, 30), 1e-12);
  EXPECT_NEAR(toxicProbitFromLoad(-8.29, 0.92, load), 3.313, 5e-4);
  // mg/m3 and seconds are taken as they are; nothing breathed adds nothing.
  drillsim::Substance plain;
  plain.molar_mass_g_mol = 17.031;
  plain.probit_conc_unit = drillsim::ProbitConcentrationUnit::MgM3;
  plain.probit_time_unit = drillsim::ProbitTimeUnit::Second;
  EXPECT_DOUBLE_EQ(toxicLoadStep(200, 10, 1.5, probitUnits(plain)), std::pow(200.0, 1.5) * 10);
  EXPECT_EQ(toxicLoadStep(0, 10, 2, u), 0);
  EXPECT_EQ(toxicLoadStep(50, 0, 2, u), 0);
}

// The burn dose of one place: I^(4/3) dt at or above 1.58 kW/m2, at most 60 s of it counted, and
// no radiation through walls below 37.5 kW/m2 (hazard.md section 4).
TEST(ProbitBurnDose, ToleratedFluxWallsAndTheSixtySecondsAtOnePlace) {
  EXPECT_NEAR(burnDoseStep(5, 30), std::pow(5.0, 4.0 / 3.0) * 30, 1e-12);
  EXPECT_NEAR(burnDoseStep(5, 30), 256.50, 5e-3);  // 5^(4/3) = 8.5499 [derived]
  EXPECT_GT(burnDoseStep(kHeatTolerable_kW_m2, 1), 0);
  EXPECT_EQ(burnDoseStep(1.5, 600), 0);
  EXPECT_EQ(burnDoseStep(5, 0), 0);
  // 120 s at 12.5 kW/m2 counts as 60 s of it: the probit of 60 s (P = 0.21 above).
  double dose = 0;
  for (int k = 0; k < 12; ++k) dose += burnDoseStep(12.5, 10);
  EXPECT_NEAR(burnDoseAtOnePlace(dose, 120), std::pow(12.5, 4.0 / 3.0) * 60, 1e-9);
  EXPECT_NEAR(probitToProbability(eisenbergProbit(1, burnDoseAtOnePlace(dose, 120))), 0.21, 5e-3);
  EXPECT_DOUBLE_EQ(burnDoseAtOnePlace(dose, 30), dose);
  EXPECT_EQ(burnDoseAtOnePlace(dose, 0), 0);
  EXPECT_EQ(heatFelt_kW_m2(20, true), 0);
  EXPECT_EQ(heatFelt_kW_m2(40, true), 40);
  EXPECT_EQ(heatFelt_kW_m2(20, false), 20);
}
