#pragma once
// How `run` and `hazard` describe a drawn toxic release in their text: where its mass comes from
// (a direct rate or mass, a hole in the vessel, the vessel's rupture) and which dispersion model
// carries it. One wording for both commands.

#include <string>

#include "sim/hazard/HazardModel.hpp"

namespace drillsim::cli {

/// "2.10 kg/s (a direct rate)", "5000 kg at once (a direct mass)", "a 10 mm hole, 6.2 bar gauge at
/// 0.0 degC: ..." or "the vessel's rupture at ...: ...", without a trailing newline.
std::string sourceText(const DrawnRelease& r);

/// How much leaves into the air: "1.50 kg/s", "2000 kg at once" or "11283 kg at once, then
/// 15.25 kg/s" (`then` as the joint: ", then " on one line, ",\nthen " on two).
std::string amountText(const DrawnRelease& r, const std::string& then = ", then ");

/// "dense gas (Britter-McQuaid)", "passive Gaussian plume", and for a puff "dense puff
/// (Britter-McQuaid, instantaneous)" or "passive Gaussian puff (Slade)"; both for a rupture.
std::string dispersionText(const DrawnRelease& r);

/// The released substance as the text names it: its Chinese name in Chinese (氯), its id in
/// English (the substance table's own word, as before).
std::string substanceText(const DrawnRelease& r);

}  // namespace drillsim::cli
