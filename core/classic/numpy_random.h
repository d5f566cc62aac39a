// The two random number generators sklearn's trees and forests draw from, reproduced so that the same
// random_state grows the same trees here (same bootstrap samples, same feature order at every node):
//   - numpy's legacy RandomState(seed): MT19937 seeded by init_genrand (what std::mt19937 does), and
//     randint(low, high) by masked rejection on 32-bit draws, as numpy 1.24 does for ranges below 2^32;
//   - sklearn's our_rand_r, the xorshift the tree splitter uses to shuffle features.
#pragma once

#include <cstdint>
#include <random>

namespace attend::classic {

struct NumpyRandomState {
  std::mt19937 mt;
  explicit NumpyRandomState(uint32_t seed) : mt(seed) {}

  // Uniform integer in [low, high), high − low − 1 < 2^32, as numpy.random.RandomState.randint.
  int64_t randint(int64_t low, int64_t high) {
    const uint64_t rng = static_cast<uint64_t>(high - low - 1);
    if (rng == 0) return low;
    if (rng == 0xFFFFFFFFull) return low + static_cast<int64_t>(mt());
    uint64_t mask = rng;
    mask |= mask >> 1, mask |= mask >> 2, mask |= mask >> 4, mask |= mask >> 8, mask |= mask >> 16;
    uint64_t v;
    while ((v = (mt() & mask)) > rng) {
    }
    return low + static_cast<int64_t>(v);
  }
};

constexpr uint32_t kRandRMax = 0x7FFFFFFF;

// sklearn/tree/_utils.pyx: our_rand_r and rand_int.
inline uint32_t sklearn_rand_r(uint32_t& seed) {
  if (seed == 0) seed = 1;
  seed ^= seed << 13;
  seed ^= seed >> 17;
  seed ^= seed << 5;
  return seed % (kRandRMax + 1u);
}
inline int sklearn_rand_int(int low, int high, uint32_t& seed) {
  return low + static_cast<int>(sklearn_rand_r(seed) % static_cast<uint32_t>(high - low));
}

// The splitter's seed for a tree fitted with random_state = seed: RandomState(seed).randint(0, RAND_R_MAX).
inline uint32_t tree_rand_r_seed(uint32_t random_state) {
  NumpyRandomState rs(random_state);
  return static_cast<uint32_t>(rs.randint(0, kRandRMax));
}

}  // namespace attend::classic
