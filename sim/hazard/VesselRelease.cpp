#include "sim/hazard/VesselRelease.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace drillsim::hazard {

namespace {
SourceCloud flashingCloud(const SourceProperties& s, const TwoPhaseSplit& split, const VesselConditions& v) {
  FlashingRelease f;
  f.molarMass_g_mol = s.molarMass_g_mol;
  f.boilingPoint_K = s.boilingPoint_K;
  f.latentHeat_J_kg = s.latentHeat_J_kg;
  f.vapourFraction = split.flash / split.airborne();
  f.airTemperature_K = v.ambient_K;
  f.p_Pa = v.ambient_Pa;
  return aerosolSourceCloud(f);
}
}  // namespace

VesselSource vesselRupture(const SourceProperties& s, const VesselConditions& v) {
  VesselSource out;
  if (!(v.inventory_kg > 0)) return out;
  out.storagePressure_Pa = std::isnan(v.gauge_Pa) ? vapourPressure_Pa(s, v.storage_K) : v.gauge_Pa + v.ambient_Pa;
  if (v.phase == ReleasePhase::Gas) {
    out.split = {1, 0, 0};
    out.puff_kg = v.inventory_kg;
    out.puffCloud = pureVapour(s.molarMass_g_mol, v.storage_K, v.ambient_Pa);
    out.airborne_kg = out.puff_kg;
    return out;
  }
  out.split = twoPhaseSplit(flashFractionLinear(s.liquidHeatCapacity_J_kgK, v.storage_K, s.boilingPoint_K,
                                                s.latentHeat_J_kg));
  out.puff_kg = out.split.airborne() * v.inventory_kg;
  if (out.split.flash > 0) out.puffCloud = flashingCloud(s, out.split, v);
  out.pool_kg = v.inventory_kg - out.puff_kg;
  out.poolBoils = v.ambient_K > s.boilingPoint_K;
  out.airborne_kg = out.puff_kg;
  if (out.pool_kg > 0 && out.poolBoils) {
    out.poolArea_m2 = poolArea_m2(out.pool_kg / s.liquidDensity_kg_m3, 0.01, v.bund_m2);
    // m(t) = K sqrt(t) until the pool is gone at (pool / K)^2, or until maxLeak_s.
    const double K = boilingPoolEvaporated_kg(v.ground, v.ambient_K, s.boilingPoint_K, out.poolArea_m2,
                                              s.latentHeat_J_kg, 1.0);
    if (K > 0) {
      const double gone_s = std::pow(out.pool_kg / K, 2);
      out.duration_s = std::min(gone_s, v.maxLeak_s);
      const double boiled_kg = std::min(out.pool_kg, K * std::sqrt(out.duration_s));
      out.rate_kg_s = out.duration_s > 0 ? boiled_kg / out.duration_s : 0;
      out.airborne_kg += boiled_kg;
      out.cloud = vapourAtBoilingPoint(s.molarMass_g_mol, s.boilingPoint_K, v.ambient_Pa);
    }
  }
  return out;
}

VesselSource vesselSource(const SourceProperties& s, const VesselConditions& v) {
  if (v.rupture) return vesselRupture(s, v);
  VesselSource out;
  const double area = holeArea_m2(v.hole_m);
  if (!(area > 0) || !(v.dischargeCoefficient > 0) || !(v.inventory_kg > 0)) return out;
  out.storagePressure_Pa =
      std::isnan(v.gauge_Pa) ? vapourPressure_Pa(s, v.storage_K) : v.gauge_Pa + v.ambient_Pa;
  if (v.phase == ReleasePhase::Gas && v.gasVolume_m3 > 0) {
    out.blowdown = vesselBlowdown(v.dischargeCoefficient, area, v.gasVolume_m3, out.storagePressure_Pa, v.storage_K,
                                  s.molarMass_g_mol, s.gamma, BlowdownModel::Isothermal, v.ambient_Pa);
    const VesselBlowdown& b = out.blowdown;
    out.outflow_kg_s = b.initialRate_kg_s;
    out.choked = b.chokedUntil_s > 0;
    out.split = {1, 0, 0};
    if (!(out.outflow_kg_s > 0)) {
      VesselSource none;
      none.storagePressure_Pa = out.storagePressure_Pa;
      return none;
    }
    // Released until isolated, at most the inventory (the time at which that much is out).
    double leak = v.maxLeak_s;
    if (!(b.released_kg(leak) <= v.inventory_kg)) {
      double lo = 0, hi = std::isfinite(leak) ? leak : 1.0;
      while (std::isinf(leak) && b.released_kg(hi) < v.inventory_kg && hi < 1e9) hi *= 2;
      for (int i = 0; i < 100; ++i) ((b.released_kg(0.5 * (lo + hi)) < v.inventory_kg) ? lo : hi) = 0.5 * (lo + hi);
      leak = hi;
    }
    out.airborne_kg = std::min(v.inventory_kg, b.released_kg(leak));
    out.leak_s = std::isfinite(leak) ? leak : std::numeric_limits<double>::infinity();
    const double window = std::min(kBlowdownAverage_s, leak);
    out.rate_kg_s = window > 0 ? std::min(out.airborne_kg, b.released_kg(window)) / window : 0;
    out.duration_s = out.rate_kg_s > 0 ? out.airborne_kg / out.rate_kg_s : 0;
    out.cloud = pureVapour(s.molarMass_g_mol, v.storage_K, v.ambient_Pa);
    return out;
  }
  if (v.phase == ReleasePhase::Gas) {
    const GasHoleFlow flow = gasHoleFlow(v.dischargeCoefficient, area, out.storagePressure_Pa, v.storage_K,
                                         s.molarMass_g_mol, s.gamma, v.ambient_Pa);
    out.outflow_kg_s = flow.rate_kg_s;
    out.choked = flow.choked;
    out.split = {1, 0, 0};
  } else {
    out.outflow_kg_s = liquidHoleRate_kg_s(v.dischargeCoefficient, area, s.liquidDensity_kg_m3,
                                           out.storagePressure_Pa - v.ambient_Pa, v.head_m);
    out.split = twoPhaseSplit(flashFractionLinear(s.liquidHeatCapacity_J_kgK, v.storage_K, s.boilingPoint_K,
                                                  s.latentHeat_J_kg));
  }
  if (!(out.outflow_kg_s > 0)) {
    VesselSource none;
    none.storagePressure_Pa = out.storagePressure_Pa;
    return none;
  }
  out.leak_s = std::min(v.maxLeak_s, v.inventory_kg / out.outflow_kg_s);
  const double jet_kg = out.split.airborne() * out.outflow_kg_s * out.leak_s;
  out.pool_kg = out.split.rainout * out.outflow_kg_s * out.leak_s;
  out.poolBoils = v.ambient_K > s.boilingPoint_K;
  if (out.pool_kg > 0) {
    out.poolArea_m2 = poolArea_m2(out.pool_kg / s.liquidDensity_kg_m3, 0.01, v.bund_m2);
    if (out.poolBoils)
      out.poolDuringLeak_kg = std::min(out.pool_kg, boilingPoolEvaporated_kg(v.ground, v.ambient_K, s.boilingPoint_K,
                                                                             out.poolArea_m2, s.latentHeat_J_kg,
                                                                             out.leak_s));
  }
  out.airborne_kg = jet_kg + (out.poolBoils ? out.pool_kg : 0);
  if (out.leak_s > 0) out.rate_kg_s = (jet_kg + out.poolDuringLeak_kg) / out.leak_s;
  out.duration_s = out.rate_kg_s > 0 ? out.airborne_kg / out.rate_kg_s : 0;
  if (v.phase == ReleasePhase::Gas) {
    out.cloud = pureVapour(s.molarMass_g_mol, v.storage_K, v.ambient_Pa);
  } else if (out.split.flash > 0) {
    out.cloud = flashingCloud(s, out.split, v);
  } else {
    out.cloud = vapourAtBoilingPoint(s.molarMass_g_mol, s.boilingPoint_K, v.ambient_Pa);
  }
  return out;
}

}  // namespace drillsim::hazard
