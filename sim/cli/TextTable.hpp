#pragma once
// Plain-text tables that stay aligned with Chinese names (CJK characters take two columns).

#include <string>
#include <vector>

namespace drillsim::cli {

/// Columns a string takes in a terminal: 2 for East Asian wide characters, 1 otherwise.
std::size_t displayWidth(const std::string& utf8);

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header, std::vector<bool> rightAligned = {});
  void row(std::vector<std::string> cells);
  std::string str(const std::string& indent = "  ") const;
  /// The same table in Markdown (pipes; right-aligned columns marked ---:).
  std::string markdown() const;
  /// markdown() when `md`, else str().
  std::string str(bool md) const { return md ? markdown() : str(); }
  const std::vector<std::string>& header() const { return header_; }
  const std::vector<std::vector<std::string>>& rows() const { return rows_; }

 private:
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

/// 12345 -> "12,345".
std::string thousands(long long n);
/// Fixed-point with `digits` decimals.
std::string fixed(double v, int digits);
/// Seconds from onset as a clock: 754.2 -> "T+00:12:34".
std::string clock(double t);

}  // namespace drillsim::cli
