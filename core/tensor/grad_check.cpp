#include "core/tensor/grad_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/util/rng.h"

namespace attend::tensor {

std::string GradCheckReport::summary() const {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s: %d elements, max |grad| %.3g, max |error| %.3g, worst ratio %.3g",
                ok ? "ok" : "FAILED", checked, max_abs_grad, max_abs_error, worst_ratio);
  return std::string(buf) + (worst.empty() ? "" : "; worst " + worst);
}

namespace {
double weighted(const Tensor& out, const Tensor& r) {
  double s = 0;
  for (size_t i = 0; i < out.size(); ++i) s += static_cast<double>(out.data[i]) * r.data[i];
  return s;
}
}  // namespace

GradCheckReport grad_check(const ParamList& params, const std::function<Var(Tape&)>& build,
                           const GradCheckOptions& o) {
  GradCheckReport rep;
  Tape tape;
  zero_grad(params);
  Var out = build(tape);
  Tensor r(tape.value(out).rows, tape.value(out).cols);
  SplitMix64 rng(o.seed);
  fill_uniform(r, rng, -1.f, 1.f);
  tape.backward(out, r);

  Tape probe(false);
  auto loss = [&] {
    probe.reset();
    return weighted(probe.value(build(probe)), r);
  };
  for (Parameter* p : params) {
    const size_t n = p->value.size();
    const size_t stride = std::max<size_t>(1, n / static_cast<size_t>(o.max_elements));
    for (size_t i = 0; i < n; i += stride) {
      const float saved = p->value.data[i];
      p->value.data[i] = static_cast<float>(saved + o.eps);
      const double up = loss();
      p->value.data[i] = static_cast<float>(saved - o.eps);
      const double down = loss();
      p->value.data[i] = saved;
      // The perturbation actually applied in float, not the nominal eps.
      const double h = (static_cast<double>(static_cast<float>(saved + o.eps)) -
                        static_cast<double>(static_cast<float>(saved - o.eps)));
      const double numeric = (up - down) / h;
      const double analytic = p->grad.data[i];
      const double err = std::fabs(analytic - numeric);
      const double ratio = err / (o.atol + o.rtol * std::fabs(numeric));
      ++rep.checked;
      rep.max_abs_error = std::max(rep.max_abs_error, err);
      rep.max_abs_grad = std::max(rep.max_abs_grad, std::fabs(analytic));
      if (ratio > rep.worst_ratio) {
        rep.worst_ratio = ratio;
        char buf[200];
        std::snprintf(buf, sizeof buf, "%s[%zu]: analytic %.6g, numeric %.6g", p->name.c_str(), i, analytic, numeric);
        rep.worst = buf;
      }
    }
  }
  rep.ok = rep.worst_ratio <= 1.0;
  return rep;
}

}  // namespace attend::tensor
