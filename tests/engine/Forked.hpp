#pragma once
// SimGrid allows one engine per process (DESIGN.md section 3), and a test binary runs many tests:
// every test that simulates does it in a forked child, which sends its outcome back as JSON.
#include <functional>
#include <string>

#include "sim/engine/Outcome.hpp"

namespace drillsim::test {

/// Runs `simulate` in a child process and returns its outcome; fails the test (and returns an
/// empty outcome) when the child crashes or reports an error.
Outcome runForked(const std::function<Outcome()>& simulate);

/// As runForked, and also returns the child's serialised outcome, for byte-for-byte comparisons.
std::string runForkedRaw(const std::function<Outcome()>& simulate);

/// Runs `body` in a child process and returns the text it produced; fails the test (and returns
/// "") when the child crashes or `body` throws.
std::string runForkedText(const std::function<std::string()>& body);

}  // namespace drillsim::test
