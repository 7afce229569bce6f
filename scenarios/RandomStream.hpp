#pragma once
// Named random streams (DESIGN.md section 5). Every random input is drawn from a stream keyed by
// (batch seed, replication index, purpose, entity), e.g. (seed, 17, "premovement", "Z04/c3"), so
// replication r sees the same draws under every plan (common random numbers) and results do not
// depend on the order in which entities are processed or on the number of worker processes.
//
// Generator: xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number generators",
// ACM TOMS 47(4), 2021), seeded by SplitMix64 (Steele, Lea and Flood, OOPSLA 2014) from a 64-bit
// FNV-1a hash of the key. Everything is defined here bit for bit, so streams are identical on
// every compiler and standard library (std::*_distribution are not).

#include <array>
#include <cstdint>
#include <string_view>

namespace drillsim {

/// 64-bit FNV-1a of bytes (Fowler, Noll, Vo), the hash the streams are keyed with; also used to
/// fingerprint files.
std::uint64_t fnv1a64(std::string_view bytes);

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::string_view purpose,
               std::string_view entity);

  /// Next raw 64-bit output.
  std::uint64_t next();
  /// Uniform on the open interval (0, 1): never exactly 0 or 1, so inverse CDFs stay finite.
  double uniform01();

 private:
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace drillsim
