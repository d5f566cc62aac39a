// 16-lane float vectors (GCC/Clang vector extensions) and the vector forms of fast_math.h's exp, tanh,
// erf, sigmoid and GELU. With AVX-512 a `F16` is one zmm register; without it the compiler splits each
// operation into two AVX2 (or four SSE) ones, so the same code serves every x86-64 build.
//
// The auto-vectoriser handles simple array loops, but not a loop over 16 lanes nested in loops over
// neurons (the playground network) nor rational approximations with selects; writing the lanes as a type
// makes the vector code explicit and predictable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace attend::tensor::simd {

typedef float F16 __attribute__((vector_size(64)));
typedef float F8 __attribute__((vector_size(32)));
typedef float F4 __attribute__((vector_size(16)));
typedef int32_t I16 __attribute__((vector_size(64)));
constexpr int kLanes = 16;

inline F16 splat(float v) { return F16{} + v; }
inline F16 load(const float* p) {
  F16 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, F16 v) { std::memcpy(p, &v, sizeof v); }
inline F16 select(I16 mask, F16 a, F16 b) { return mask ? a : b; }
inline F16 min(F16 a, F16 b) { return a < b ? a : b; }
inline F16 max(F16 a, F16 b) { return a > b ? a : b; }
inline F16 clamp(F16 x, float lo, float hi) { return min(max(x, splat(lo)), splat(hi)); }
// Sum of the lanes as a tree (halving), so it stays in vector registers.
inline float hsum(F16 v) {
  const F8 a = __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7) +
               __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
  const F4 b = __builtin_shufflevector(a, a, 0, 1, 2, 3) + __builtin_shufflevector(a, a, 4, 5, 6, 7);
  return (b[0] + b[2]) + (b[1] + b[3]);
}

// p / q to float precision. With AVX-512: a 14-bit reciprocal estimate refined by one Newton step (about
// 2^-28 relative error), a few times cheaper than a 512-bit divide, which the activations would wait on.
inline F16 div(F16 p, F16 q) {
#if defined(__AVX512F__)
  F16 r = _mm512_maskz_rcp14_ps(static_cast<__mmask16>(0xFFFF), q);  // maskz: GCC 12 warns on the plain form
  r = r * (2.f - q * r);
  return p * r;
#else
  return p / q;
#endif
}

inline F16 exp(F16 a) {
  const F16 x = clamp(a, -87.3f, 88.3f);
  const F16 n = (x * 1.44269504088896341f + 12582912.f) - 12582912.f;
  F16 r = x - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  F16 p = splat(1.9875691500e-4f);
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.f;
  const I16 bits = (__builtin_convertvector(n, I16) + 127) << 23;
  F16 scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return select(a < -87.3f, splat(0.f), p * scale);
}

inline F16 tanh(F16 a) {
  const F16 x = clamp(a, -7.99881172180175781f, 7.99881172180175781f);
  const F16 x2 = x * x;
  F16 p = splat(-2.76076847742355e-16f);
  p = p * x2 + 2.00018790482477e-13f;
  p = p * x2 + -8.60467152213735e-11f;
  p = p * x2 + 5.12229709037114e-08f;
  p = p * x2 + 1.48572235717979e-05f;
  p = p * x2 + 6.37261928875436e-04f;
  p = p * x2 + 4.89352455891786e-03f;
  p = p * x;
  F16 q = splat(1.19825839466702e-06f);
  q = q * x2 + 1.18534705686654e-04f;
  q = q * x2 + 2.26843463243900e-03f;
  q = q * x2 + 4.89352518554385e-03f;
  return select((a < 0.0004f) & (a > -0.0004f), a, div(p, q));
}

inline F16 erf(F16 a) {
  const F16 x = clamp(a, -4.f, 4.f);
  const F16 x2 = x * x;
  F16 p = splat(-2.72614225801306e-10f);
  p = p * x2 + 2.77068142495902e-08f;
  p = p * x2 + -2.10102402082508e-06f;
  p = p * x2 + -5.69250639462346e-05f;
  p = p * x2 + -7.34990630326855e-04f;
  p = p * x2 + -2.95459980854025e-03f;
  p = p * x2 + -1.60960333262415e-02f;
  p = p * x;
  F16 q = splat(-1.45660718464996e-05f);
  q = q * x2 + -2.13374055278905e-04f;
  q = q * x2 + -1.68282697438203e-03f;
  q = q * x2 + -7.37332916720468e-03f;
  q = q * x2 + -1.42647390514189e-02f;
  return div(p, q);
}

inline F16 sigmoid(F16 x) { return div(splat(1.f), 1.f + exp(-x)); }
inline F16 gelu(F16 x) { return 0.5f * x * (1.f + erf(x * 0.70710678118654752f)); }
inline F16 gelu_grad(F16 x) {
  const F16 cdf = 0.5f * (1.f + erf(x * 0.70710678118654752f));
  const F16 pdf = 0.39894228040143268f * exp(-0.5f * x * x);
  return cdf + x * pdf;
}

// Array forms: y[i] = f(x[i]) for i < n (any n; the tail goes through a padded vector).
template <class F>
inline void map_array(const float* x, float* y, size_t n, F f) {
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) store(y + i, f(load(x + i)));
  if (i < n) {
    float tmp[kLanes] = {};
    std::memcpy(tmp, x + i, sizeof(float) * (n - i));
    store(tmp, f(load(tmp)));
    std::memcpy(y + i, tmp, sizeof(float) * (n - i));
  }
}

}  // namespace attend::tensor::simd
