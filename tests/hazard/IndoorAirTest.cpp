#include "sim/hazard/IndoorAir.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "sim/hazard/Puff.hpp"

using namespace drillsim::hazard;

namespace {
void expectRelative(double actual, double expected, double rel) {
  EXPECT_NEAR(actual, expected, rel * std::abs(expected));
}

// Classical fourth-order Runge-Kutta for (C_in, dose)' = (lambda (C_out - C_in), C_in) over dt,
// C_out constant, in n substeps: an independent numerical integration of the one-box model.
IndoorStep rk4(double cIn, double cOut, double lambda, double dt, int n) {
  const double h = dt / n;
  double c = cIn, d = 0;
  for (int i = 0; i < n; ++i) {
    auto f = [&](double ci) { return lambda * (cOut - ci); };
    const double k1 = f(c), k2 = f(c + h / 2 * k1), k3 = f(c + h / 2 * k2), k4 = f(c + h * k3);
    const double l1 = c, l2 = c + h / 2 * k1, l3 = c + h / 2 * k2, l4 = c + h * k3;
    c += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    d += h / 6 * (l1 + 2 * l2 + 2 * l3 + l4);
  }
  return {c, d};
}
}  // namespace

// The published step response: from C_in = 0 with C_out constant, C_in / C_out = 1 - e^(-lambda t),
// and the time to reach half the outdoor value is ln 2 / lambda (aefarrell.github.io _posts/
// 2021-05-22-building_infiltration_example.md, solving Lees 4e section 15.51's one-box equation).
TEST(IndoorAir, StepResponseIsThePublishedClosedForm) {
  const double lambda = perSecondFromAch(0.5), cOut = 80;
  for (double t : {60.0, 600.0, 3600.0, 7200.0, 36000.0}) {
    const IndoorStep s = indoorStep(0, cOut, lambda, t);
    expectRelative(s.cIn_end, cOut * (1 - std::exp(-lambda * t)), 1e-12);
    // Dose: the integral of the step response, cOut t - cOut (1 - e^(-lambda t)) / lambda [derived].
    expectRelative(s.dose, cOut * t - cOut * (1 - std::exp(-lambda * t)) / lambda, 1e-12);
  }
  expectRelative(indoorStep(0, cOut, lambda, std::log(2.0) / lambda).cIn_end, cOut / 2, 1e-12);
  // Decay once the outdoor air is clean again: C_in e^(-lambda t).
  expectRelative(indoorStep(40, 0, lambda, 3600).cIn_end, 40 * std::exp(-0.5), 1e-12);
}

// The exact update composes: many small steps give the single large one (the simulation can step at
// its own pace). [derived]
TEST(IndoorAir, StepsCompose) {
  const double lambda = perSecondFromAch(1.3), cOut = 12.5, T = 5400;
  const IndoorStep one = indoorStep(3, cOut, lambda, T);
  double c = 3, dose = 0;
  for (int i = 0; i < 1000; ++i) {
    const IndoorStep s = indoorStep(c, cOut, lambda, T / 1000);
    c = s.cIn_end;
    dose += s.dose;
  }
  expectRelative(c, one.cIn_end, 1e-12);
  expectRelative(dose, one.dose, 1e-12);
}

// Against a fine RK4 integration of the ODE and of the dose, over a varied outdoor history
// (piecewise constant: a cloud arriving, peaking, passing, a second smaller one). [derived]
TEST(IndoorAir, MatchesFineNumericalIntegration) {
  const std::array<double, 8> cOut = {0, 50, 400, 900, 300, 20, 0, 150};
  const std::array<double, 8> dt = {300, 120, 240, 600, 180, 900, 1800, 600};
  for (double ach : {0.2, 0.76, 2.75, 20.0}) {
    const double lambda = perSecondFromAch(ach);
    double cExact = 0, dExact = 0, cNum = 0, dNum = 0;
    for (std::size_t i = 0; i < cOut.size(); ++i) {
      const IndoorStep e = indoorStep(cExact, cOut[i], lambda, dt[i]);
      const IndoorStep n = rk4(cNum, cOut[i], lambda, dt[i], 2000);
      cExact = e.cIn_end;
      dExact += e.dose;
      cNum = n.cIn_end;
      dNum += n.dose;
      EXPECT_NEAR(cExact, cNum, 1e-9 * 900) << "ach " << ach << " step " << i;
    }
    expectRelative(dExact, dNum, 1e-10);
  }
}

// The square-wave example of building_infiltration_example.md (C_out = 1 from 5 h to 20 h, lambda =
// 0.25 /h, C_in(0) = 0): C_in(20 h) = 1 - e^(-3.75), C_in(25 h) = (1 - e^(-3.75)) e^(-1.25), and the
// indoor dose over 25 h, 15 h - (1 - e^(-3.75))/lambda + C_in(20 h) (1 - e^(-1.25))/lambda. The
// figures are derived from the closed form (the post shows only a plot).
TEST(IndoorAir, SquareWaveOutdoors) {
  const double lambda = perSecondFromAch(0.25), h = 3600;
  IndoorStep a = indoorStep(0, 0, lambda, 5 * h);
  IndoorStep b = indoorStep(a.cIn_end, 1, lambda, 15 * h);
  IndoorStep c = indoorStep(b.cIn_end, 0, lambda, 5 * h);
  const double at20 = 1 - std::exp(-3.75);
  expectRelative(b.cIn_end, at20, 1e-12);
  expectRelative(c.cIn_end, at20 * std::exp(-1.25), 1e-12);
  const double dose = 15 * h - (1 - std::exp(-3.75)) / lambda + at20 * (1 - std::exp(-1.25)) / lambda;
  expectRelative(a.dose + b.dose + c.dose, dose, 1e-12);
  EXPECT_EQ(a.dose, 0);
}

TEST(IndoorAir, EdgeCases) {
  const IndoorStep still = indoorStep(7, 100, 0, 600);  // no exchange
  EXPECT_EQ(still.cIn_end, 7);
  EXPECT_EQ(still.dose, 7 * 600);
  const IndoorStep none = indoorStep(7, 100, 1e-3, 0);  // no time
  EXPECT_EQ(none.cIn_end, 7);
  EXPECT_EQ(none.dose, 0);
  // A tiny lambda dt keeps its precision (expm1): the first-order change lambda dt (C_out - C_in).
  const IndoorStep tiny = indoorStep(0, 1, 1e-12, 1);
  EXPECT_NEAR(tiny.cIn_end, 1e-12, 1e-24);
  EXPECT_NEAR(tiny.dose, 0.5e-12, 1e-24);
  // A huge lambda dt: C_in is C_out, and the dose C_out dt plus the relaxation (C_in - C_out)/lambda.
  const IndoorStep fast = indoorStep(10, 2, 1.0, 1e4);
  EXPECT_DOUBLE_EQ(fast.cIn_end, 2);
  expectRelative(fast.dose, 2 * 1e4 + 8, 1e-12);
  EXPECT_DOUBLE_EQ(perSecondFromAch(3.6), 1e-3);
  EXPECT_DOUBLE_EQ(achFromPerSecond(1e-3), 3.6);
}

// ASHRAE HoF basic-model coefficients, typed in again from the EnergyPlus I/O Reference
// (ZoneInfiltration:EffectiveLeakageArea).
TEST(Infiltration, AshraeBasicCoefficientsFollowTheTable) {
  const std::array<double, 3> cs = {0.000145, 0.000290, 0.000435};
  const double cw[5][3] = {{0.000319, 0.000420, 0.000494},
                           {0.000246, 0.000325, 0.000382},
                           {0.000174, 0.000231, 0.000271},
                           {0.000104, 0.000137, 0.000161},
                           {0.000032, 0.000042, 0.000049}};
  const std::array<Storeys, 3> storeys = {Storeys::One, Storeys::Two, Storeys::Three};
  for (int c = 1; c <= 5; ++c)
    for (std::size_t s = 0; s < 3; ++s) {
      const LeakageCoefficients k = ashraeBasicCoefficients(storeys[s], static_cast<ShelterClass>(c));
      EXPECT_EQ(k.stack, cs[s]) << "class " << c << " storeys " << s + 1;
      EXPECT_EQ(k.wind, cw[c - 1][s]) << "class " << c << " storeys " << s + 1;
    }
  // aefarrell's table (2017 Handbook ch. 16, A_L in m2): C_s 14.5e-3, C_w 31.9e-3 for one storey,
  // shelter class 1, i.e. 100 x ASHRAE's cm2 values.
  const LeakageCoefficients one = ashraeBasicCoefficients(Storeys::One, ShelterClass::NoObstructions);
  EXPECT_NEAR(one.stack * 100, 14.5e-3, 1e-15);
  EXPECT_NEAR(one.wind * 100, 31.9e-3, 1e-15);
}

// Worked example of aefarrell.github.io _posts/2021-06-19-building_infiltration_eg2.md (citing the
// 2017 ASHRAE Handbook ch. 16): a one-storey building, shelter class 1, A_L = 690 cm2, V = 255 m3,
// u = 1.5 m/s, dT = 0: lambda = 7.249290622734888e-5 /s (printed), 1/lambda = 13794.453168477568 s.
TEST(Infiltration, PublishedOneStoreyExample) {
  const LeakageCoefficients k = ashraeBasicCoefficients(Storeys::One, ShelterClass::NoObstructions);
  const double lambda = airChangeRate_per_s(690, 255, 0, 1.5, k);
  expectRelative(lambda, 7.249290622734888e-5, 1e-12);
  expectRelative(1 / lambda, 13794.453168477568, 1e-12);
  // Q = (A_L/1000) sqrt(C_s |dT| + C_w U^2): |dT| either sign; lambda proportional to A_L.
  expectRelative(infiltrationFlow_m3_s(690, -20, 1.5, k), infiltrationFlow_m3_s(690, 20, 1.5, k), 1e-15);
  expectRelative(infiltrationFlow_m3_s(690, 20, 0, k), 0.69 * std::sqrt(0.000145 * 20), 1e-12);
  expectRelative(airChangeRate_per_s(1380, 255, 5, 3, k), 2 * airChangeRate_per_s(690, 255, 5, 3, k), 1e-12);
  EXPECT_EQ(infiltrationFlow_m3_s(690, 0, 0, k), 0);
  EXPECT_EQ(airChangeRate_per_s(690, 0, 0, 1.5, k), 0);
  // More shelter, less wind-driven infiltration; taller, more of both.
  EXPECT_LT(airChangeRate_per_s(690, 255, 0, 4, ashraeBasicCoefficients(Storeys::One, ShelterClass::AdjacentBuildings)),
            lambda * 4 / 1.5);
  EXPECT_GT(airChangeRate_per_s(690, 255, 10, 4, ashraeBasicCoefficients(Storeys::Three, ShelterClass::NoObstructions)),
            airChangeRate_per_s(690, 255, 10, 4, k));
}

namespace {
// The chlorine example of building_infiltration_eg2.md: 68 kg released at h = 1 m, class F, u =
// 1.5 m/s, a building 100 m downwind, the outdoor concentration taken at (100, 0, 1) m with the puff
// sigmas at 100 m (its c_puff evaluates them at the point).
constexpr double kM = 68, kH = 1, kD = 100, kUcl = 1.5;
double outdoor_mg_m3(double t) {
  return puffConcentration_kg_m3(kM, kUcl, kH, kD, 0, kH, t, puffSigmas(kD, Stability::F)) * 1e6;
}
double exampleLambda() {
  return airChangeRate_per_s(690, 255, 0, kUcl, ashraeBasicCoefficients(Storeys::One, ShelterClass::NoObstructions));
}
}  // namespace

// The post's closed-form convolution of the puff with the one-box response peaks at
// 551.5422273514416 mg/m3 at t = 70.04333860265841 s; its impulse approximation
// lambda (integral C_out dt) exp((lambda sigma_t)^2 / 2) gives 551.6845234598728 mg/m3, with
// sigma_t = sigma_x / u = 0.8034127814324771 s (all printed there). Here the exact step is chained
// at 1 ms with C_out at each step's midpoint: the midpoint rule's error, O((dt/sigma_t)^2 / 24) ~
// 7e-8 relative, bounds the check; the puff's dose enters through puffDose_kg_s_m3 at z = h.
TEST(IndoorAir, PublishedChlorinePuffExample) {
  const double lambda = exampleLambda();
  const PuffSigmas s = puffSigmas(kD, Stability::F);
  expectRelative(s.x_m / kUcl, 0.8034127814324771, 1e-12);
  const double dose_mg = puffDose_kg_s_m3(kM, kUcl, kH, 0, kH, s) * 1e6;
  const double sigmaT = s.x_m / kUcl;
  expectRelative(lambda * dose_mg * std::exp(0.5 * (lambda * sigmaT) * (lambda * sigmaT)), 551.6845234598728, 1e-12);

  const double tPeak = 70.04333860265841;
  const int n = 70043;
  const double dt = tPeak / n;
  double c = 0;
  for (int i = 0; i < n; ++i) c = indoorStep(c, outdoor_mg_m3((i + 0.5) * dt), lambda, dt).cIn_end;
  expectRelative(c, 551.5422273514416, 1e-6);
}

// Airing out helps once the outdoor concentration is below the indoor one. For the chlorine example
// the first such sample is where the closed building's indoor concentration peaks, the post's
// t = 70.043 s (dC_in/dt = lambda (C_out - C_in) changes sign there) [derived]. Opening the windows
// then (2.75 /h, Johnson et al. 2004 via the HVAC&R Research paper) lowers the next hour's indoor
// dose; opening them before the cloud arrives raises the peak.
TEST(AiringOut, WhenTheCloudOutdoorsHasFallenBelowTheIndoorConcentration) {
  EXPECT_TRUE(airingOutHelps(10, 2));
  EXPECT_FALSE(airingOutHelps(2, 10));
  EXPECT_FALSE(airingOutHelps(0, 0));  // before the cloud
  EXPECT_FALSE(airingOutHelps(5, 5));

  const double lambda = exampleLambda(), dt = 0.01;
  std::vector<double> in, out;
  double c = 0;
  for (int i = 1; i <= 20000; ++i) {  // 0 ... 200 s
    c = indoorStep(c, outdoor_mg_m3((i - 0.5) * dt), lambda, dt).cIn_end;
    in.push_back(c);
    out.push_back(outdoor_mg_m3(i * dt));
  }
  const auto first = firstAiringOutSample(in, out);
  ASSERT_TRUE(first.has_value());
  const double tFirst = double(*first + 1) * dt;
  EXPECT_NEAR(tFirst, 70.04333860265841, dt);
  EXPECT_TRUE(airingOutHelps(in.back(), out.back()));  // the puff is long gone
  EXPECT_FALSE(firstAiringOutSample(std::vector<double>(5, 1.0), std::vector<double>(5, 2.0)).has_value());
  EXPECT_EQ(firstAiringOutSample(std::vector<double>{1, 3}, std::vector<double>{2, 2, 0}), std::size_t{1});

  // The next hour after the crossing, windows closed or open (the outdoor air is then essentially clean).
  const double open = perSecondFromAch(kAchThreeOrMoreOpenings_Johnson2004);
  const IndoorStep closedHour = indoorStep(in[*first], 0, lambda, 3600);
  const IndoorStep openHour = indoorStep(in[*first], 0, open, 3600);
  EXPECT_LT(openHour.dose, closedHour.dose);
  EXPECT_LT(openHour.cIn_end, closedHour.cIn_end);
  // Open while the cloud passes: the indoor peak is about lambda_open / lambda times higher.
  double cOpen = 0;
  for (int i = 1; i <= 20000; ++i) cOpen = indoorStep(cOpen, outdoor_mg_m3((i - 0.5) * dt), open, dt).cIn_end;
  double cClosed = in.back();
  EXPECT_GT(cOpen, 5 * cClosed);
}

// A run's indoor series (indoorStepMeans): each step ends at the published step response
// C_in/C_out = 1 - e^(-lambda t), and its mean is the trapezoid of its ends, within
// (lambda dt)^2 / 12 of the gap of the exact mean (indoorStep's dose / dt).
TEST(IndoorAirSeries, FollowsTheStepResponseAndTheExactMeanWithinTheTrapezoidBound) {
  const double dt = 10, ach = 10, lambda = perSecondFromAch(ach);
  const std::vector<double> outdoor(720, 1.0);
  const std::vector<double> means = indoorStepMeans(outdoor, ach, 2.75, false, dt);
  ASSERT_EQ(means.size(), outdoor.size());
  double end = 0, exact = 0;
  for (std::size_t k = 0; k < means.size(); ++k) {
    const double start = end;
    end = 2 * means[k] - start;  // the step's end, from its mean and its start
    EXPECT_NEAR(end, 1 - std::exp(-lambda * dt * double(k + 1)), 1e-12) << k;
    const IndoorStep step = indoorStep(exact, 1.0, lambda, dt);
    const double x = lambda * dt;
    EXPECT_LE(std::abs(means[k] - step.dose / dt), x * x / 12 * std::abs(1.0 - exact) + 1e-15) << k;
    exact = step.cIn_end;
  }
}

// Occupants who air out open the windows from the first step where the air outdoors is cleaner
// than indoors, and the aired rate applies from then on.
TEST(IndoorAirSeries, AiringOutStartsWhenTheCloudHasPassed) {
  const double dt = 10;
  std::vector<double> outdoor(120, 0.0);
  for (std::size_t k = 0; k < 60; ++k) outdoor[k] = 100;
  const std::vector<double> shut = indoorStepMeans(outdoor, 0.5, 2.75, false, dt);
  const std::vector<double> aired = indoorStepMeans(outdoor, 0.5, 2.75, true, dt);
  for (std::size_t k = 0; k < 60; ++k) EXPECT_EQ(aired[k], shut[k]) << k;  // inside below outside
  // The end of step 59 from the shut series, then one aired step.
  double end = 0;
  for (std::size_t k = 0; k < 60; ++k) end = 2 * shut[k] - end;
  const double next = end * std::exp(-2.75 / 3600.0 * dt);
  EXPECT_NEAR(aired[60], (end + next) / 2, 1e-12);
  EXPECT_NEAR(shut[60], (end + end * std::exp(-0.5 / 3600.0 * dt)) / 2, 1e-12);
  // Thereafter each decays at its own rate: the aired building at 2.75 /h, the shut one at 0.5 /h.
  const double a = std::exp(-2.75 / 3600.0 * dt), b = std::exp(-0.5 / 3600.0 * dt);
  EXPECT_NEAR(aired[119] / shut[119], std::pow(a / b, 59) * (1 + a) / (1 + b), 1e-9);
}
