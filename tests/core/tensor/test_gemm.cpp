#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/tensor/gemm.h"
#include "core/tensor/tensor.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::tensor;

TEST_CASE("sgemm matches the double-precision reference for every transpose, edge size and stride") {
  SplitMix64 rng(3);
  const int sizes[][3] = {{1, 1, 1}, {3, 5, 7}, {14, 32, 16}, {15, 33, 17}, {29, 48, 64}, {64, 192, 64},
                          {37, 70, 300}, {2, 17, 1}};
  for (const auto& s : sizes)
    for (int ta = 0; ta < 2; ++ta)
      for (int tb = 0; tb < 2; ++tb)
        for (int accumulate = 0; accumulate < 2; ++accumulate) {
          const int m = s[0], n = s[1], k = s[2];
          // Padded leading dimensions: the kernels address blocks inside wider matrices.
          const int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 5, ldc = n + 2;
          std::vector<float> a(static_cast<size_t>(ta ? k : m) * lda), b(static_cast<size_t>(tb ? n : k) * ldb);
          std::vector<float> c(static_cast<size_t>(m) * ldc), ref;
          for (float& v : a) v = static_cast<float>(rng.uniform(-1, 1));
          for (float& v : b) v = static_cast<float>(rng.uniform(-1, 1));
          for (float& v : c) v = static_cast<float>(rng.uniform(-1, 1));
          ref = c;
          sgemm(ta, tb, m, n, k, a.data(), lda, b.data(), ldb, c.data(), ldc, accumulate);
          sgemm_reference(ta, tb, m, n, k, a.data(), lda, b.data(), ldb, ref.data(), ldc, accumulate);
          double worst = 0;
          for (int i = 0; i < m; ++i)
            for (int j = 0; j < ldc; ++j) {
              const size_t at = static_cast<size_t>(i) * ldc + j;
              // Columns past n are padding and must be left untouched.
              worst = std::max(worst, static_cast<double>(std::fabs(c[at] - ref[at])));
            }
          INFO("m=" << m << " n=" << n << " k=" << k << " ta=" << ta << " tb=" << tb << " acc=" << accumulate);
          CHECK(worst < 1e-5 * (k + 1));
        }
}

TEST_CASE("sgemm_bias adds the bias row as it stores, also across k-blocks") {
  SplitMix64 rng(5);
  for (int k : {3, 300}) {
    const int m = 17, n = 35;
    std::vector<float> a(static_cast<size_t>(m) * k), b(static_cast<size_t>(k) * n), bias(n), c(static_cast<size_t>(m) * n),
        ref(c.size());
    for (float& v : a) v = static_cast<float>(rng.uniform(-1, 1));
    for (float& v : b) v = static_cast<float>(rng.uniform(-1, 1));
    for (float& v : bias) v = static_cast<float>(rng.uniform(-1, 1));
    sgemm_bias(false, false, m, n, k, a.data(), k, b.data(), n, c.data(), n, bias.data());
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) ref[static_cast<size_t>(i) * n + j] = bias[static_cast<size_t>(j)];
    sgemm_reference(false, false, m, n, k, a.data(), k, b.data(), n, ref.data(), n, true);
    double worst = 0;
    for (size_t i = 0; i < c.size(); ++i) worst = std::max(worst, static_cast<double>(std::fabs(c[i] - ref[i])));
    CHECK(worst < 1e-5 * k);
  }
}
