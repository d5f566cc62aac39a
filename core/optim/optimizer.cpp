#include "core/optim/optimizer.h"

#include <cmath>

namespace attend::optim {

Optimizer make_optimizer(Method method, const Hyper& hyper) {
  Optimizer o;
  o.method = method;
  o.hyper = hyper;
  return o;
}

void step(Optimizer& opt, const tensor::ParamList& params) {
  const bool first = uses_first_moment(opt.method), second = uses_second_moment(opt.method);
  if (opt.m.size() != params.size()) opt.m.resize(params.size());
  if (opt.s.size() != params.size()) opt.s.resize(params.size());
  ++opt.t;
  Hyper no_decay = opt.hyper;
  no_decay.weight_decay = 0;
  for (size_t i = 0; i < params.size(); ++i) {
    tensor::Parameter& p = *params[i];
    ATTEND_ASSERT(p.grad.same_shape(p.value), "optim::step: a parameter has no gradient (run backward first)");
    if (first && !opt.m[i].same_shape(p.value)) opt.m[i] = tensor::Tensor(p.value.rows, p.value.cols);
    if (second && !opt.s[i].same_shape(p.value)) opt.s[i] = tensor::Tensor(p.value.rows, p.value.cols);
    apply_update(opt.method, p.decay ? opt.hyper : no_decay, p.value.ptr(), p.grad.ptr(),
                 first ? opt.m[i].ptr() : nullptr, second ? opt.s[i].ptr() : nullptr, p.value.size(), opt.t);
  }
}

void reset_state(Optimizer& opt) {
  opt.t = 0;
  opt.m.clear();
  opt.s.clear();
}

double clip_grad_norm(const tensor::ParamList& params, double max_norm) {
  const double norm = tensor::grad_norm(params);
  if (norm > max_norm && norm > 0) {
    const float s = static_cast<float>(max_norm / (norm + 1e-6));  // torch's clip_grad_norm_ adds 1e-6
    for (tensor::Parameter* p : params)
      for (float& g : p->grad.data) g *= s;
  }
  return norm;
}

double lr_at(const Schedule& s, int64_t step) {
  if (s.warmup > 0 && step < s.warmup) return s.base_lr * static_cast<double>(step + 1) / static_cast<double>(s.warmup);
  const int64_t k = step - s.warmup;
  switch (s.kind) {
    case Schedule::Kind::Constant: return s.base_lr;
    case Schedule::Kind::Step:
      return s.base_lr * std::pow(s.gamma, static_cast<double>(s.step_size > 0 ? k / s.step_size : 0));
    case Schedule::Kind::Cosine: {
      if (s.total <= 0 || k >= s.total) return s.min_lr;
      const double progress = static_cast<double>(k) / static_cast<double>(s.total);
      return s.min_lr + 0.5 * (s.base_lr - s.min_lr) * (1.0 + std::cos(M_PI * progress));
    }
  }
  return s.base_lr;
}

const char* schedule_name(Schedule::Kind k) {
  switch (k) {
    case Schedule::Kind::Constant: return "constant";
    case Schedule::Kind::Step: return "step";
    case Schedule::Kind::Cosine: return "cosine";
  }
  return "?";
}

}  // namespace attend::optim
