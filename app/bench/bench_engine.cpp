// The engine's workloads of ../shared/bench/README.md, implemented exactly (same shapes, data, optimizer):
//   transformer_step  decoder-only transformer on sequence reversal, AdamW, 20 warm-up + 200 timed steps
//   mlp_step_batch10  playground MLP, run A (1000 SGD steps at batch 10)
//   mlp_step_full     playground MLP, run B (1000 full-batch steps)
//   mlp_grid          100×100 decision grid of net A in one batched forward
// Peers: python3 ../shared/bench/torch_transformer.py and torch_mlp_playground.py (run both in one sitting).
#include <chrono>
#include <stdexcept>
#include <vector>

#include "app/bench/bench.h"
#include "core/data/points_csv.h"
#include "core/data/seq_tasks.h"
#include "core/metrics/seq_metrics.h"
#include "core/nn/playground_net.h"
#include "core/nn/transformer.h"
#include "core/optim/optimizer.h"
#include "core/tensor/gemm.h"
#include "core/util/rng.h"

namespace attend::bench {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// ---------------------------------------------------------------------------------- transformer_step
nlohmann::json transformer_step(const Options&) {
  constexpr int kWarmup = 20, kTimed = 200, kSteps = kWarmup + kTimed;
  nn::TransformerConfig c;  // vocab 64, d 64, 4 heads, 2 layers, ffn 256, context 32, pre-LN, learned positions
  nn::DecoderLM m = nn::make_decoder_lm(c, 0);
  // The peer records no attention internals; neither does the timed loop (the cost of recording them is
  // measured separately below as median_ms_with_internals).
  nn::set_keep_internals(m.blocks, false);
  tensor::ParamList ps;
  nn::collect(m, ps);
  for (tensor::Parameter* p : ps) p->decay = true;  // the peer decays every parameter
  optim::Hyper h;
  h.lr = 3e-3, h.beta1 = 0.9, h.beta2 = 0.999, h.eps = 1e-8, h.weight_decay = 0.01;
  optim::Optimizer opt = optim::make_optimizer(optim::Method::AdamW, h);

  std::vector<data::LmBatch> batches;
  data::reference_reversal_batches(0, kSteps + 1, batches);  // the last one is held out
  tensor::Tape tape;
  std::vector<double> step_s, losses;
  size_t activation_bytes = 0;
  for (int k = 0; k < kSteps; ++k) {
    const data::LmBatch& b = batches[static_cast<size_t>(k)];
    const auto t0 = Clock::now();
    tensor::zero_grad(ps);
    tape.reset();
    tensor::Var loss = tensor::cross_entropy(tape, nn::forward(tape, m, b.ids, b.batch, b.seq), b.targets);
    tape.backward(loss);
    optim::step(opt, ps);
    const double dt = seconds_since(t0);
    losses.push_back(tape.value(loss).data[0]);
    if (k >= kWarmup) step_s.push_back(dt);
    activation_bytes = tape.activation_bytes();
  }

  const data::LmBatch& held = batches.back();
  tensor::Tape infer(false);
  const tensor::Tensor& logits = infer.value(nn::forward(infer, m, held.ids, held.batch, held.seq, false));
  tensor::Tape probe(false);
  const double held_loss = probe.value(tensor::cross_entropy(probe, probe.constant(logits), held.targets)).data[0];
  const double held_acc = metrics::token_accuracy(logits, held.targets).value();

  std::vector<double> fwd_s;
  for (int i = 0; i < 60; ++i) {
    const auto t0 = Clock::now();
    infer.reset();
    nn::forward(infer, m, batches[0].ids, 32, 32, false);
    if (i >= 10) fwd_s.push_back(seconds_since(t0));
  }

  // The same step with every attention layer recording its internals (what the attention lab uses).
  nn::DecoderLM mi = nn::make_decoder_lm(c, 0);
  tensor::ParamList pi;
  nn::collect(mi, pi);
  optim::Optimizer oi = optim::make_optimizer(optim::Method::AdamW, h);
  std::vector<double> internal_s;
  for (int k = 0; k < 70; ++k) {
    const data::LmBatch& b = batches[static_cast<size_t>(k)];
    const auto t0 = Clock::now();
    tensor::zero_grad(pi);
    tape.reset();
    tape.backward(tensor::cross_entropy(tape, nn::forward(tape, mi, b.ids, b.batch, b.seq), b.targets));
    optim::step(oi, pi);
    if (k >= 20) internal_s.push_back(seconds_since(t0));
  }

  const Timing t = summarize(step_s);
  const Timing f = summarize(fwd_s);
  const double tokens = 32.0 * 32.0;
  // The peer's count: 6·params·tokens plus attention 12·layers·B·T²·d.
  const double flops = 6.0 * static_cast<double>(tensor::count_elements(ps)) * tokens + 12.0 * 2 * 32 * 32 * 32 * 64;
  return {{"median_ms", t.median * 1e3},
          {"p10_ms", t.p10 * 1e3},
          {"p90_ms", t.p90 * 1e3},
          {"mean_ms", t.mean * 1e3},
          {"tokens_per_s", tokens / t.median},
          {"gflops", flops / t.median / 1e9},
          {"flops_per_step", flops},
          {"forward_only_ms", f.median * 1e3},
          {"median_ms_with_internals", summarize(internal_s).median * 1e3},
          {"params", tensor::count_elements(ps)},
          {"loss_step0", losses[0]},
          {"loss_step50", losses[50]},
          {"loss_step100", losses[100]},
          {"final_loss", losses.back()},
          {"heldout_loss", held_loss},
          {"heldout_acc", held_acc},
          {"activation_bytes_train", activation_bytes},
          {"activation_bytes_inference", infer.activation_bytes()},
          {"engine_threads", 1},
          {"avx512_gemm", tensor::sgemm_is_vectorized()}};
}

// ------------------------------------------------------------------------------------------ playground
data::Points2D spiral(const Options& o) {
  Result<data::Points2D> r = data::read_points_csv(o.data_dir + "/spiral_500.csv");
  if (!r) throw std::runtime_error(r.error().to_string());
  if (r->size() != 500) throw std::runtime_error(o.data_dir + "/spiral_500.csv: expected 500 points");
  return std::move(r).value();
}

nn::PlaygroundNet bench_net() {
  SplitMix64 rng(42);
  return nn::make_playground_net(nn::PlaygroundConfig{}, rng);  // 2→8→8→1 tanh, W = u − 0.5, b = 0.1
}

// Run A (batch 10, rows 10·(k mod 50)…) or B (full batch); returns the trained net and per-step times.
nn::PlaygroundNet train_mlp(const data::Points2D& pts, int batch, std::vector<double>& step_s) {
  nn::PlaygroundNet net = bench_net();
  nn::PlaygroundWorkspace ws;
  step_s.clear();
  for (int k = 0; k < 1000; ++k) {
    const int start = batch == 500 ? 0 : batch * (k % (500 / batch));
    const auto t0 = Clock::now();
    nn::train_step(net, pts.xy.data() + 2 * start, pts.label.data() + start, batch, 0.03f, ws);
    step_s.push_back(seconds_since(t0));
  }
  return net;
}

nlohmann::json mlp_run(const Options& o, int batch) {
  const data::Points2D pts = spiral(o);
  std::vector<double> step_s;
  const nn::PlaygroundNet net = train_mlp(pts, batch, step_s);
  nn::PlaygroundWorkspace ws;
  const nn::PlaygroundEval e = nn::evaluate(net, pts.xy.data(), pts.label.data(), 500, ws);
  const Timing t = summarize(step_s);
  return {{"median_us", t.median * 1e6}, {"p10_us", t.p10 * 1e6}, {"p90_us", t.p90 * 1e6},
          {"mean_us", t.mean * 1e6},     {"final_loss", e.loss},  {"final_acc", e.accuracy}};
}

nlohmann::json mlp_grid(const Options& o) {
  const data::Points2D pts = spiral(o);
  std::vector<double> unused;
  const nn::PlaygroundNet net = train_mlp(pts, 10, unused);
  nn::PlaygroundWorkspace ws;
  std::vector<float> grid(100 * 100);
  const Timing t = time_runs(20, 200, [&] { nn::predict_grid(net, 100, -6.f, 6.f, grid.data(), ws); });
  double sum = 0;
  int positive = 0;
  for (float v : grid) sum += v, positive += v >= 0.f;
  return {{"median_us", t.median * 1e6}, {"p10_us", t.p10 * 1e6}, {"grid_sum", sum}, {"cells_positive", positive}};
}

}  // namespace

void add_engine_workloads(std::vector<Workload>& out) {
  out.push_back({"transformer_step", "decoder-only transformer training step (B32×T32, AdamW), vs torch_transformer.py",
                 transformer_step});
  out.push_back({"mlp_step_batch10", "playground MLP 2-8-8-1, 1000 SGD steps at batch 10 (run A)",
                 [](const Options& o) { return mlp_run(o, 10); }});
  out.push_back({"mlp_step_full", "playground MLP, 1000 full-batch steps (run B)",
                 [](const Options& o) { return mlp_run(o, 500); }});
  out.push_back({"mlp_grid", "playground MLP 100×100 decision grid, one batched forward", mlp_grid});
}

}  // namespace attend::bench
