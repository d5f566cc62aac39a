#include "core/embed/tsne_session.h"

#include <chrono>
#include <thread>

namespace attend::embed {

TsneLab make_tsne_lab(std::vector<double> X, int n, int dim, std::vector<std::string> labels, const TsneOptions& options) {
  TsneLab lab;
  lab.input = std::make_shared<const std::vector<double>>(std::move(X));
  lab.n = n;
  lab.dim = dim;
  lab.labels = std::make_shared<const std::vector<std::string>>(std::move(labels));
  lab.options = options;
  return lab;
}

namespace {

void start(TsneLab& lab) {
  lab.kl = 0;
  lab.grad_norm = 0;
  lab.error.clear();
  lab.state.reset();
  if (!lab.input || lab.input->size() != static_cast<size_t>(lab.n) * lab.dim) {
    lab.error = "the input is not n x dim";
    return;
  }
  auto s = tsne_init(lab.input->data(), lab.n, lab.dim, lab.options);
  if (!s) {
    lab.error = s.error().to_string();
    return;
  }
  lab.state = std::make_unique<TsneState>(std::move(s.value()));
}

bool finished(const TsneLab& lab) { return !lab.state || (lab.max_iter > 0 && lab.state->iter >= lab.max_iter); }

}  // namespace

void tsne_lab_set_input(TsneLab& lab, std::vector<double> X, int n, int dim, std::vector<std::string> labels) {
  lab.input = std::make_shared<const std::vector<double>>(std::move(X));
  lab.n = n;
  lab.dim = dim;
  lab.labels = std::make_shared<const std::vector<std::string>>(std::move(labels));
  start(lab);
}

bool tsne_lab_finished(const TsneLab& lab) { return finished(lab); }

train::Session<TsneLab, TsneSnapshot>::Hooks tsne_hooks() {
  train::Session<TsneLab, TsneSnapshot>::Hooks h;
  h.reset = [](TsneLab& lab, uint64_t seed) {
    lab.options.seed = seed;
    start(lab);
  };
  h.step = [](TsneLab& lab) {
    train::StepReport report;
    if (finished(lab)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));  // nothing to do; do not spin
      report.loss = lab.kl;
      return report;
    }
    TsneState& s = *lab.state;
    const bool check = lab.kl_every > 0 && ((s.iter + 1) % lab.kl_every == 0 || s.iter + 1 == lab.max_iter);
    const TsneStepReport r = tsne_step(s, check);
    if (check) lab.kl = r.kl;
    lab.grad_norm = r.grad_norm;
    report.loss = lab.kl;
    report.metrics = {{"grad_norm", r.grad_norm}, {"exaggeration", s.exaggeration()}};
    return report;
  };
  h.set = [](TsneLab& lab, const std::string& name, double v) {
    TsneOptions& o = lab.options;
    TsneState* s = lab.state.get();
    if (name == "learning_rate") {
      o.learning_rate = v;
      if (s) s->learning_rate = v > 0 ? v : std::max(lab.n / o.early_exaggeration / 4.0, 50.0);
    } else if (name == "early_exaggeration") {
      o.early_exaggeration = v;
    } else if (name == "exaggeration_iters") {
      o.exaggeration_iters = std::max(0, static_cast<int>(v));
    } else if (name == "momentum") {
      o.momentum_late = v;
    } else if (name == "theta") {
      o.theta = std::max(0.0, v);
    } else if (name == "max_iter") {
      lab.max_iter = std::max(0, static_cast<int>(v));
    } else if (name == "threads") {
      o.threads = std::max(1, static_cast<int>(v));
    } else if (name == "perplexity") {
      if (s) {
        Status st = tsne_set_perplexity(*s, lab.input->data(), lab.n, lab.dim, v);
        if (!st) {
          lab.error = st.error().to_string();
          return true;  // known name; the snapshot carries why it was refused
        }
      }
      o.perplexity = v;
    } else if (name == "dims") {
      o.dims = static_cast<int>(v) == 3 ? 3 : 2;
      start(lab);
      return true;
    } else {
      return false;
    }
    if (s) {
      // The state keeps its own copy of the options; the step reads those.
      const double lr = s->learning_rate;
      const double perplexity = s->options.perplexity;
      s->options = o;
      s->options.dims = s->dims;
      s->options.perplexity = perplexity;
      s->learning_rate = lr;
    }
    return true;
  };
  h.publish = [](const TsneLab& lab, TsneSnapshot& snap) {
    snap.max_iter = lab.max_iter;
    snap.n = lab.n;
    snap.labels = lab.labels;
    snap.error = lab.error;
    snap.kl = lab.kl;
    snap.grad_norm = lab.grad_norm;
    snap.finished = finished(lab);
    if (!lab.state) return;
    const TsneState& s = *lab.state;
    snap.iteration = s.iter;
    snap.dims = s.dims;
    snap.exaggeration = s.exaggeration();
    snap.learning_rate = s.learning_rate;
    snap.perplexity = s.options.perplexity;
    snap.mean_sigma = s.mean_sigma;
    snap.coords = std::make_shared<const std::vector<float>>(s.y);
  };
  h.evaluate_every = 0;
  return h;
}

}  // namespace attend::embed
