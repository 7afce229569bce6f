#pragma once
// Numbers as text, in the three ways DrillSim writes them: to be read back exactly (files), to a
// few significant digits (messages), and with a fixed number of decimals (tables, maps).

#include <string>

namespace drillsim {

/// v with the fewest digits that read back as v (std::to_chars): what files are written with.
std::string roundTripNumber(double v);
/// v to `digits` significant digits, as printf's %.*g (the default 6 is printf's %g).
std::string significantNumber(double v, int digits = 6);
/// v with `digits` decimals, as printf's %.*f.
std::string fixedNumber(double v, int digits);
/// A whole number with its thousands grouped by commas: 12345 -> "12,345".
std::string groupedNumber(long long n);

}  // namespace drillsim
