#include <doctest/doctest.h>

#include <cmath>

#include "core/tensor/fast_math.h"

using namespace attend::tensor;

TEST_CASE("the vectorisable exp, tanh, erf and GELU agree with <cmath>") {
  double e_exp = 0, e_tanh = 0, e_erf = 0, e_gelu = 0, e_dgelu = 0;
  for (int i = -20000; i <= 20000; ++i) {
    const float x = static_cast<float>(i) * 0.001f;  // [-20, 20]
    e_exp = std::max(e_exp, std::fabs(fm::exp(x) - std::exp(static_cast<double>(x))) / std::exp(static_cast<double>(x)));
    e_tanh = std::max(e_tanh, std::fabs(fm::tanh(x) - std::tanh(static_cast<double>(x))));
    e_erf = std::max(e_erf, std::fabs(fm::erf(x) - std::erf(static_cast<double>(x))));
    const double xd = x;
    const double gelu = 0.5 * xd * (1 + std::erf(xd / std::sqrt(2.0)));
    const double dgelu = 0.5 * (1 + std::erf(xd / std::sqrt(2.0))) + xd * std::exp(-0.5 * xd * xd) / std::sqrt(2 * M_PI);
    e_gelu = std::max(e_gelu, std::fabs(fm::gelu(x) - gelu) / std::max(1.0, std::fabs(gelu)));
    e_dgelu = std::max(e_dgelu, std::fabs(fm::gelu_grad(x) - dgelu));
  }
  INFO("exp rel " << e_exp << " tanh " << e_tanh << " erf " << e_erf << " gelu " << e_gelu << " dgelu " << e_dgelu);
  CHECK(e_exp < 5e-7);
  CHECK(e_tanh < 5e-7);
  CHECK(e_erf < 5e-7);
  CHECK(e_gelu < 1e-6);
  CHECK(e_dgelu < 1e-6);
  CHECK(fm::exp(-INFINITY) == 0.f);
  CHECK(fm::exp(-100.f) == 0.f);
  CHECK(fm::tanh(1e-5f) == 1e-5f);
}

#include "core/tensor/simd.h"

TEST_CASE("the 16-lane exp, tanh, erf, sigmoid and GELU agree with <cmath>") {
  namespace simd = attend::tensor::simd;
  double e_exp = 0, e_tanh = 0, e_erf = 0, e_sig = 0, e_gelu = 0;
  for (int i = -20000; i <= 20000; i += 16) {
    float xs[16];
    for (int l = 0; l < 16; ++l) xs[l] = static_cast<float>(i + l) * 0.001f;
    const simd::F16 x = simd::load(xs);
    const simd::F16 ex = simd::exp(x), th = simd::tanh(x), er = simd::erf(x), sg = simd::sigmoid(x), ge = simd::gelu(x);
    for (int l = 0; l < 16; ++l) {
      const double v = xs[l];
      e_exp = std::max(e_exp, std::fabs(ex[l] - std::exp(v)) / std::exp(v));
      e_tanh = std::max(e_tanh, std::fabs(th[l] - std::tanh(v)));
      e_erf = std::max(e_erf, std::fabs(er[l] - std::erf(v)));
      e_sig = std::max(e_sig, std::fabs(sg[l] - 1 / (1 + std::exp(-v))));
      const double g = 0.5 * v * (1 + std::erf(v / std::sqrt(2.0)));
      e_gelu = std::max(e_gelu, std::fabs(ge[l] - g) / std::max(1.0, std::fabs(g)));
    }
  }
  INFO("exp " << e_exp << " tanh " << e_tanh << " erf " << e_erf << " sigmoid " << e_sig << " gelu " << e_gelu);
  CHECK(e_exp < 5e-7);
  CHECK(e_tanh < 5e-7);
  CHECK(e_erf < 5e-7);
  CHECK(e_sig < 5e-7);
  CHECK(e_gelu < 1e-6);
}
