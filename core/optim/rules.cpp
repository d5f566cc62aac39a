#include "core/optim/rules.h"

#include <cctype>
#include <cmath>

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace attend::optim {

void adam_update_f32(const AdamStep& a, float* p, const float* g_in, float* m, float* s, size_t n) {
  size_t i = 0;
#if defined(__AVX512F__)
  const __m512 b1 = _mm512_set1_ps(a.b1), c1 = _mm512_set1_ps(1.0f - a.b1);
  const __m512 b2 = _mm512_set1_ps(a.b2), c2 = _mm512_set1_ps(1.0f - a.b2);
  const __m512 eps = _mm512_set1_ps(a.eps), step = _mm512_set1_ps(a.step);
  const __m512 inv = _mm512_set1_ps(a.inv_sqrt_c2), decay = _mm512_set1_ps(a.decay), wd = _mm512_set1_ps(a.wd);
  for (; i + 16 <= n; i += 16) {
    __m512 pv = _mm512_loadu_ps(p + i), g = _mm512_loadu_ps(g_in + i);
    if (a.l2) g = _mm512_add_ps(g, _mm512_mul_ps(wd, pv));
    pv = _mm512_mul_ps(pv, decay);
    const __m512 mv = _mm512_add_ps(_mm512_mul_ps(b1, _mm512_loadu_ps(m + i)), _mm512_mul_ps(c1, g));
    const __m512 sv = _mm512_add_ps(_mm512_mul_ps(b2, _mm512_loadu_ps(s + i)), _mm512_mul_ps(_mm512_mul_ps(c2, g), g));
    _mm512_storeu_ps(m + i, mv);
    _mm512_storeu_ps(s + i, sv);
    const __m512 den = _mm512_add_ps(_mm512_mul_ps(_mm512_sqrt_ps(sv), inv), eps);
    _mm512_storeu_ps(p + i, _mm512_sub_ps(pv, _mm512_div_ps(_mm512_mul_ps(step, mv), den)));
  }
#endif
  for (; i < n; ++i) {
    const float g = g_in[i] + (a.l2 ? a.wd * p[i] : 0.0f);
    p[i] *= a.decay;
    m[i] = a.b1 * m[i] + (1.0f - a.b1) * g;
    s[i] = a.b2 * s[i] + (1.0f - a.b2) * g * g;
    p[i] -= a.step * m[i] / (std::sqrt(s[i]) * a.inv_sqrt_c2 + a.eps);
  }
}

const char* method_name(Method m) {
  switch (m) {
    case Method::SGD: return "SGD";
    case Method::Momentum: return "Momentum";
    case Method::Nesterov: return "Nesterov";
    case Method::AdaGrad: return "AdaGrad";
    case Method::RMSProp: return "RMSProp";
    case Method::Adam: return "Adam";
    case Method::AdamW: return "AdamW";
  }
  return "?";
}

bool parse_method(const std::string& name, Method* out) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < kMethodCount; ++i) {
    std::string candidate;
    for (const char* p = method_name(static_cast<Method>(i)); *p; ++p)
      candidate += static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
    if (candidate == lower) {
      *out = static_cast<Method>(i);
      return true;
    }
  }
  return false;
}

}  // namespace attend::optim
