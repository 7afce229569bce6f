#include "sim/cli/ReleaseText.hpp"

#include "scenarios/I18n.hpp"
#include "sim/cli/TextTable.hpp"

namespace drillsim::cli {

std::string sourceText(const DrawnRelease& r) {
  const hazard::VesselSource& v = r.vessel;
  if (!r.fromVessel)
    return r.release.puff() ? tf("{1} kg at once (a direct mass)", fixed(r.release.puff_kg, 0))
                            : tf("{1} kg/s (a direct rate)", fixed(r.release.rate_kg_s, 2));
  const std::string state = tf("{1} bar gauge at {2} degC", fixed(r.gauge_bar(), 2), fixed(r.storage_C, 1));
  if (r.rupture) {
    std::string s = tf("the vessel's rupture, {1}: {2} % flashing, {3} kg airborne at once", state, fixed(100 * v.split.flash, 0),
                       fixed(r.release.puff_kg, 0));
    if (v.pool_kg > 0)
      s += r.release.plume() ? tf(", {1} kg raining out to a pool of {2} m2 boiling off at {3} kg/s for {4} min", fixed(v.pool_kg, 0),
                                  fixed(v.poolArea_m2, 0), fixed(r.release.rate_kg_s, 2), fixed(v.duration_s / 60, 0))
                             : tf(", {1} kg raining out to a pool of {2} m2 that does not boil (the ground is no warmer than its boiling point)",
                                  fixed(v.pool_kg, 0), fixed(v.poolArea_m2, 0));
    return s;
  }
  if (v.blowdown.initialMass_kg > 0)
    return tf("a {1} mm hole in a vessel of compressed gas, {2}: {3} kg/s out at first, blowing down (tau {4} s); {5} kg/s into the air (its first minute's mean) for {6} min",
              fixed(r.hole_mm, 0), state, fixed(v.outflow_kg_s, 2), fixed(v.blowdown.tau_s, 0), fixed(r.release.rate_kg_s, 2),
              fixed(v.duration_s / 60, 0));
  return tf("a {1} mm hole, {2}: {3} kg/s out, {4} % flashing, {5} % raining out to a pool of {6} m2; {7} kg/s into the air for {8} min",
            fixed(r.hole_mm, 0), state, fixed(v.outflow_kg_s, 2), fixed(100 * v.split.flash, 0), fixed(100 * v.split.rainout, 0),
            fixed(v.poolArea_m2, 0), fixed(r.release.rate_kg_s, 2), fixed(v.duration_s / 60, 0));
}

std::string amountText(const DrawnRelease& r, const std::string& then) {
  const std::string puff = r.release.puff() ? tf("{1} kg at once", fixed(r.release.puff_kg, 0)) : "";
  const std::string plume = r.release.plume() ? fixed(r.release.rate_kg_s, 2) + " kg/s" : "";
  return puff + (!puff.empty() && !plume.empty() ? then : "") + plume;
}

std::string dispersionText(const DrawnRelease& r) {
  const std::string puff = !r.release.puff()  ? std::string()
                           : r.densePuff()    ? tr("dense puff (Britter-McQuaid, instantaneous)")
                                              : tr("passive Gaussian puff (Slade)");
  const std::string plume = !r.release.plume() ? std::string()
                            : r.dense()        ? tr("dense gas (Britter-McQuaid)")
                                               : tr("passive Gaussian plume");
  if (puff.empty() || plume.empty()) return puff + plume;
  return tf("{1}, then a {2}", puff, plume);
}

std::string substanceText(const DrawnRelease& r) {
  if (!r.substance) return "";
  const bool chinese = i18n::language() == i18n::Language::Chinese && !r.substance->name_zh.empty();
  return chinese ? r.substance->name_zh : r.substance->id;
}

}  // namespace drillsim::cli
