// The optimizers' update rules on plain arrays, shared by everything that descends a loss: the engine's
// tensors (float), the loss-surface lab's 2-D points (double) and the playground. One definition means the
// ball racing on a surface and the network training in the playground follow the same arithmetic.
//
// Conventions follow PyTorch's, so the lessons' numbers match what people see there:
//   SGD       p -= lr·g
//   Momentum  v = μ·v + g;            p -= lr·v
//   Nesterov  v = μ·v + g;            p -= lr·(g + μ·v)
//   AdaGrad   s += g²;                p -= lr·g / (√s + ε)
//   RMSProp   s = ρ·s + (1−ρ)·g²;     p -= lr·g / (√s + ε)
//   Adam      m = β₁m + (1−β₁)g;  s = β₂s + (1−β₂)g²;  p -= lr·m̂ / (√ŝ + ε), m̂ = m/(1−β₁ᵗ), ŝ = s/(1−β₂ᵗ)
//   AdamW     p -= lr·λ·p, then Adam
// Weight decay for the others is L2 added to the gradient (g += λ·p), as torch.optim does.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

namespace attend::optim {

enum class Method { SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW };
constexpr int kMethodCount = 7;

const char* method_name(Method m);           // "SGD", "Momentum", ...
bool parse_method(const std::string& name, Method* out);  // case-insensitive

struct Hyper {
  double lr = 0.01;
  double momentum = 0.9;   // Momentum, Nesterov
  double rho = 0.99;       // RMSProp's decay (torch's alpha)
  double beta1 = 0.9;      // Adam, AdamW
  double beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 0; // decoupled for AdamW, L2 in the gradient for the rest
  bool bias_correction = true;  // Adam/AdamW; off shows why it exists (the first steps are too small)
};

// Which state arrays a method needs (each the size of the parameters).
inline bool uses_first_moment(Method m) {
  return m == Method::Momentum || m == Method::Nesterov || m == Method::Adam || m == Method::AdamW;
}
inline bool uses_second_moment(Method m) {
  return m == Method::AdaGrad || m == Method::RMSProp || m == Method::Adam || m == Method::AdamW;
}

// The Adam/AdamW update of n floats, 16 at a time where the build has AVX-512 (the scalar loop keeps
// errno-setting sqrt, which the compiler will not vectorise). Same operations in the same order per element.
struct AdamStep {
  float b1, b2, eps, step, inv_sqrt_c2, decay, wd;
  bool l2;
};
void adam_update_f32(const AdamStep& a, float* p, const float* g, float* m, float* s, size_t n);

// One update of n parameters. `m` and `s` are the method's state (zero-initialised, may be null when the
// method does not use them); `t` is the 1-based step number (Adam's bias correction).
template <class T>
void apply_update(Method method, const Hyper& h, T* p, const T* g_in, T* m, T* s, size_t n, int64_t t) {
  const T lr = static_cast<T>(h.lr);
  const T wd = static_cast<T>(h.weight_decay);
  const bool l2 = h.weight_decay != 0 && method != Method::AdamW;
  switch (method) {
    case Method::SGD:
      for (size_t i = 0; i < n; ++i) p[i] -= lr * (g_in[i] + (l2 ? wd * p[i] : T(0)));
      break;
    case Method::Momentum:
    case Method::Nesterov: {
      const T mu = static_cast<T>(h.momentum);
      const bool nesterov = method == Method::Nesterov;
      for (size_t i = 0; i < n; ++i) {
        const T g = g_in[i] + (l2 ? wd * p[i] : T(0));
        m[i] = mu * m[i] + g;
        p[i] -= lr * (nesterov ? g + mu * m[i] : m[i]);
      }
      break;
    }
    case Method::AdaGrad: {
      const T eps = static_cast<T>(h.eps);
      for (size_t i = 0; i < n; ++i) {
        const T g = g_in[i] + (l2 ? wd * p[i] : T(0));
        s[i] += g * g;
        p[i] -= lr * g / (std::sqrt(s[i]) + eps);
      }
      break;
    }
    case Method::RMSProp: {
      const T rho = static_cast<T>(h.rho);
      const T eps = static_cast<T>(h.eps);
      for (size_t i = 0; i < n; ++i) {
        const T g = g_in[i] + (l2 ? wd * p[i] : T(0));
        s[i] = rho * s[i] + (T(1) - rho) * g * g;
        p[i] -= lr * g / (std::sqrt(s[i]) + eps);
      }
      break;
    }
    case Method::Adam:
    case Method::AdamW: {
      const T b1 = static_cast<T>(h.beta1);
      const T b2 = static_cast<T>(h.beta2);
      const T eps = static_cast<T>(h.eps);
      const double c1 = h.bias_correction ? 1.0 - std::pow(h.beta1, static_cast<double>(t)) : 1.0;
      const double c2 = h.bias_correction ? 1.0 - std::pow(h.beta2, static_cast<double>(t)) : 1.0;
      // p -= lr/c1 · m / (√s/√c2 + ε), the same algebra torch uses, with the corrections folded in.
      const T step = static_cast<T>(h.lr / c1);
      const T inv_sqrt_c2 = static_cast<T>(1.0 / std::sqrt(c2));
      const T decay = method == Method::AdamW ? T(1) - lr * wd : T(1);
      if constexpr (std::is_same_v<T, float>) {
        adam_update_f32({b1, b2, eps, step, inv_sqrt_c2, decay, wd, l2}, p, g_in, m, s, n);
        break;
      }
      for (size_t i = 0; i < n; ++i) {
        const T g = g_in[i] + (l2 ? wd * p[i] : T(0));
        p[i] *= decay;
        m[i] = b1 * m[i] + (T(1) - b1) * g;
        s[i] = b2 * s[i] + (T(1) - b2) * g * g;
        p[i] -= step * m[i] / (std::sqrt(s[i]) * inv_sqrt_c2 + eps);
      }
      break;
    }
  }
}

}  // namespace attend::optim
