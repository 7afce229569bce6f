#include "sim/cli/ReleaseText.hpp"

#include "sim/cli/TextTable.hpp"

namespace drillsim::cli {

std::string sourceText(const DrawnRelease& r) {
  const hazard::VesselSource& v = r.vessel;
  if (!r.fromVessel)
    return r.release.puff() ? fixed(r.release.puff_kg, 0) + " kg at once (a direct mass)"
                            : fixed(r.release.rate_kg_s, 2) + " kg/s (a direct rate)";
  const std::string state = fixed(r.gauge_bar(), 2) + " bar gauge at " + fixed(r.storage_C, 1) + " degC";
  if (r.rupture) {
    std::string s = "the vessel's rupture, " + state + ": " + fixed(100 * v.split.flash, 0) + " % flashing, " +
                    fixed(r.release.puff_kg, 0) + " kg airborne at once";
    if (v.pool_kg > 0)
      s += ", " + fixed(v.pool_kg, 0) + " kg raining out to a pool of " + fixed(v.poolArea_m2, 0) + " m2" +
           (r.release.plume() ? " boiling off at " + fixed(r.release.rate_kg_s, 2) + " kg/s for " +
                                    fixed(v.duration_s / 60, 0) + " min"
                              : std::string(" that does not boil (the ground is no warmer than its boiling point)"));
    return s;
  }
  if (v.blowdown.initialMass_kg > 0)
    return "a " + fixed(r.hole_mm, 0) + " mm hole in a vessel of compressed gas, " + state + ": " +
           fixed(v.outflow_kg_s, 2) + " kg/s out at first, blowing down (tau " + fixed(v.blowdown.tau_s, 0) + " s); " +
           fixed(r.release.rate_kg_s, 2) + " kg/s into the air (its first minute's mean) for " +
           fixed(v.duration_s / 60, 0) + " min";
  return "a " + fixed(r.hole_mm, 0) + " mm hole, " + state + ": " + fixed(v.outflow_kg_s, 2) + " kg/s out, " +
         fixed(100 * v.split.flash, 0) + " % flashing, " + fixed(100 * v.split.rainout, 0) +
         " % raining out to a pool of " + fixed(v.poolArea_m2, 0) + " m2; " + fixed(r.release.rate_kg_s, 2) +
         " kg/s into the air for " + fixed(v.duration_s / 60, 0) + " min";
}

std::string amountText(const DrawnRelease& r, const std::string& then) {
  const std::string puff = r.release.puff() ? fixed(r.release.puff_kg, 0) + " kg at once" : "";
  const std::string plume = r.release.plume() ? fixed(r.release.rate_kg_s, 2) + " kg/s" : "";
  return puff + (!puff.empty() && !plume.empty() ? then : "") + plume;
}

std::string dispersionText(const DrawnRelease& r) {
  std::string s;
  if (r.release.puff())
    s = r.densePuff() ? "dense puff (Britter-McQuaid, instantaneous)" : "passive Gaussian puff (Slade)";
  if (r.release.plume())
    s += std::string(s.empty() ? "" : ", then a ") + (r.dense() ? "dense gas (Britter-McQuaid)" : "passive Gaussian plume");
  return s;
}

}  // namespace drillsim::cli
