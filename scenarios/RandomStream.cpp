#include "scenarios/RandomStream.hpp"

namespace drillsim {

namespace {
constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;  // FNV-1a 64-bit offset basis
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;        // FNV-1a 64-bit prime

std::uint64_t fnv1a(std::uint64_t h, std::string_view text) {
  for (unsigned char c : text) {
    h ^= c;
    h *= kFnvPrime;
  }
  // A separator byte that cannot appear inside UTF-8 text, so ("ab","c") and ("a","bc") differ.
  h ^= 0xff;
  h *= kFnvPrime;
  return h;
}

std::uint64_t fnv1a(std::uint64_t h, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) {
    h ^= (value >> (8 * i)) & 0xff;
    h *= kFnvPrime;
  }
  return h;
}

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = kFnvOffset;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t replication, std::string_view purpose,
                           std::string_view entity) {
  std::uint64_t h = fnv1a(fnv1a(fnv1a(fnv1a(kFnvOffset, seed), replication), purpose), entity);
  for (auto& word : s_) word = splitmix64(h);
}

std::uint64_t RandomStream::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double RandomStream::uniform01() {
  // 53 random bits placed at the centre of 2^53 equal cells: (k + 0.5) / 2^53, k in [0, 2^53).
  const std::uint64_t k = next() >> 11;
  return (static_cast<double>(k) + 0.5) * 0x1.0p-53;
}

}  // namespace drillsim
