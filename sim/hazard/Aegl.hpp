#pragma once
// Acute Exposure Guideline Levels over time (reference notes: hazard.md section 3). Pure functions.
//
// An AEGL is tabulated for exposures of 10 min, 30 min, 1 h, 4 h and 8 h (NRC, Standing Operating
// Procedures for Developing AEGLs, 2001, ch. 2.7). Between its durations each AEGL document scales
// by ten Berge's C^n t = k with the n it derived (chlorine and ammonia n = 2, hydrogen sulphide
// n = 4.4), and sets some values by judgement instead (the 10 min AEGL-2 of chlorine equals its
// 30 min value, 2.8 ppm, where n = 2 would give 4.9). So the guideline at a duration is read off the
// table: between two tabulated durations it follows the power law through both, log C linear in
// log t (exact wherever the document itself used C^n t = k between them); outside the tabulated
// durations it is extrapolated with the document's n, down to 10 min and up to 8 h; below 10 min it
// is the 10 min value (AEGLs are not defined for shorter exposures).
//
// A varying exposure is compared window by window: it exceeds the guideline when, for some
// window of W seconds (10 min <= W <= 8 h), its load there, the integral of C^m dt, reaches that of
// a constant exposure at the guideline for W, g(W)^m W. The exponent m is ten Berge's n where the
// table follows it, but a published table is rounded and partly set by judgement, so between two
// durations it may fall faster than C^n t = k (chlorine AEGL-3 from 50 ppm at 10 min to 28 at
// 30 min: a local n of 1.89). With n there, a constant exposure just under the table for 20 min
// would count as over the 30 min value's load. So each span between tabulated durations weighs
// its windows with m = the least of n and the local exponents of this span and all shorter ones
// (ln(t1/t0) / ln(C0/C1)); then a constant exposure at C for T exceeds exactly when C >= g(T),
// whatever the table, and m = n wherever the table follows the document's n.

#include <array>
#include <functional>
#include <optional>
#include <vector>

namespace drillsim::hazard {

/// The AEGL durations [s]: 10 min, 30 min, 1 h, 4 h, 8 h.
inline constexpr std::array<double, 5> kAeglDurations_s = {600, 1800, 3600, 14400, 28800};

/// One AEGL level of one substance: its tabulated values (any one concentration unit; missing
/// durations empty) and the document's ten Berge exponent n (empty: not given; then the values are
/// not extrapolated beyond the tabulated durations and windows are weighed with m <= 1).
struct GuidelineCurve {
  std::array<std::optional<double>, 5> value{};  // at kAeglDurations_s
  std::optional<double> n;
  bool defined() const;
};

/// The guideline for an exposure of `duration_s` [s], in the table's unit (see above); 0 when the
/// curve has no value.
double guidelineAt(const GuidelineCurve& curve, double duration_s);

/// The spans windows are weighed in: [from_s, to_s] with exponent m (see above), from 10 min to
/// 8 h; a span's m is the same for every window in it.
struct GuidelineSpan {
  double from_s = 0, to_s = 0, exponent = 1;
};
std::vector<GuidelineSpan> guidelineSpans(const GuidelineCurve& curve);

/// Whether an exposure history exceeds the guideline. `loadPerStep(m)` gives, per step k, the
/// integral of C^m dt over step k (C in the curve's unit, t in s) for each exponent m of
/// guidelineSpans; the steps are `step_s` long and back to back from the start of the history.
/// Windows are whole numbers of steps from 10 min (at least one step) to 8 h or the history's
/// length, and the answer is exact over them: within a span g(W)^m W is a power of W, so monotone,
/// while the history's largest load in a window only grows with W, which bounds a span from both
/// ends.
using LoadPerStep = std::function<const std::vector<double>&(double exponent)>;
bool exceedsGuideline(const LoadPerStep& loadPerStep, double step_s, const GuidelineCurve& curve);
/// The same with the curve's spans computed beforehand (guidelineSpans), for many histories.
bool exceedsGuideline(const LoadPerStep& loadPerStep, double step_s, const GuidelineCurve& curve,
                      const std::vector<GuidelineSpan>& spans);

}  // namespace drillsim::hazard
