#include "core/nn/decoding.h"

#include <algorithm>
#include <cmath>

#include "core/util/rng.h"

namespace attend::nn {

void token_distribution(const float* logits, int n, float temperature, std::vector<float>& probs) {
  probs.assign(static_cast<size_t>(n), 0.f);
  const int best = static_cast<int>(std::max_element(logits, logits + n) - logits);
  if (temperature <= 0.f) {
    probs[static_cast<size_t>(best)] = 1.f;
    return;
  }
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const double e = std::exp(static_cast<double>(logits[i] - logits[best]) / temperature);
    probs[static_cast<size_t>(i)] = static_cast<float>(e);
    sum += e;
  }
  for (float& p : probs) p = static_cast<float>(p / sum);
}

int sample_token(const float* logits, int n, float temperature, SplitMix64* rng) {
  const int best = static_cast<int>(std::max_element(logits, logits + n) - logits);
  if (temperature <= 0.f || !rng) return best;
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += std::exp(static_cast<double>(logits[i] - logits[best]) / temperature);
  double u = rng->uniform() * sum;
  for (int i = 0; i < n; ++i) {
    u -= std::exp(static_cast<double>(logits[i] - logits[best]) / temperature);
    if (u < 0) return i;
  }
  return n - 1;
}

CausalLogits causal_logits(DecoderLM& m) {
  return [&m](Tape& t, const std::vector<int>& ids, int batch, int seq) { return forward(t, m, ids, batch, seq, false); };
}

CausalLogits causal_logits(RecurrentLM& m) {
  return [&m](Tape& t, const std::vector<int>& ids, int batch, int seq) { return forward(t, m, ids, batch, seq); };
}

void free_run(const CausalLogits& model, Tape& t, const std::vector<std::vector<int>>& prompts, int max_new, int stop,
              float temperature, SplitMix64* rng, int context, std::vector<std::vector<int>>& out) {
  const int batch = static_cast<int>(prompts.size());
  out.assign(prompts.size(), {});
  if (batch == 0) return;
  std::vector<std::vector<int>> seqs = prompts;
  std::vector<uint8_t> done(prompts.size(), 0);
  std::vector<int> ids;
  const bool grad = t.grad_enabled();
  t.set_grad_enabled(false);
  for (int step = 0; step < max_new; ++step) {
    int len = 0;
    for (int b = 0; b < batch; ++b)
      if (!done[static_cast<size_t>(b)]) len = std::max(len, static_cast<int>(seqs[static_cast<size_t>(b)].size()));
    if (len == 0) break;
    // Feed the last `context` tokens; shorter rows are padded at the end (a causal model ignores them).
    const int window = std::min(len, context);
    ids.assign(static_cast<size_t>(batch) * window, 0);
    for (int b = 0; b < batch; ++b) {
      const std::vector<int>& s = seqs[static_cast<size_t>(b)];
      const int n = static_cast<int>(s.size());
      const int from = std::max(0, n - window);
      for (int i = from; i < n; ++i) ids[static_cast<size_t>(b) * window + (i - from)] = s[static_cast<size_t>(i)];
    }
    t.reset();
    const tensor::Tensor& logits = t.value(model(t, ids, batch, window));
    for (int b = 0; b < batch; ++b) {
      if (done[static_cast<size_t>(b)]) continue;
      std::vector<int>& s = seqs[static_cast<size_t>(b)];
      const int pos = std::min(static_cast<int>(s.size()), window) - 1;
      const int next = sample_token(logits.row(b * window + pos), logits.cols, temperature, rng);
      s.push_back(next);
      out[static_cast<size_t>(b)].push_back(next);
      if (next == stop) done[static_cast<size_t>(b)] = 1;
    }
  }
  t.set_grad_enabled(grad);
}

void free_run(DecoderLM& m, Tape& t, const std::vector<std::vector<int>>& prompts, int max_new, int stop,
              float temperature, SplitMix64* rng, std::vector<std::vector<int>>& out) {
  free_run(causal_logits(m), t, prompts, max_new, stop, temperature, rng, m.config.context, out);
}

void free_run(Seq2Seq& m, Tape& t, const std::vector<int>& src, const std::vector<uint8_t>& src_padding, int batch,
              int src_len, int max_len, int bos, int eos, float temperature, SplitMix64* rng,
              std::vector<std::vector<int>>& out) {
  out.assign(static_cast<size_t>(batch), {});
  const bool grad = t.grad_enabled();
  t.set_grad_enabled(false);
  std::vector<uint8_t> done(static_cast<size_t>(batch), 0);
  std::vector<int> tgt;
  const int limit = std::min(max_len, m.config.context - 1);
  t.reset();
  // The tape keeps the encoder's nodes; each step appends one decoder pass that reads them.
  Var memory = encode(t, m, src, &src_padding, batch, src_len, false);
  for (int step = 0; step <= limit; ++step) {
    const int len = step + 1;  // <bos> + generated so far
    tgt.assign(static_cast<size_t>(batch) * len, 0);
    for (int b = 0; b < batch; ++b) {
      tgt[static_cast<size_t>(b) * len] = bos;
      const std::vector<int>& o = out[static_cast<size_t>(b)];
      for (int i = 0; i < static_cast<int>(o.size()) && i + 1 < len; ++i)
        tgt[static_cast<size_t>(b) * len + i + 1] = o[static_cast<size_t>(i)];
    }
    const tensor::Tensor& logits = t.value(decode(t, m, memory, &src_padding, tgt, batch, src_len, len, false));
    bool all_done = true;
    for (int b = 0; b < batch; ++b) {
      if (done[static_cast<size_t>(b)]) continue;
      const int next = sample_token(logits.row(b * len + len - 1), logits.cols, temperature, rng);
      if (next == eos || step == limit) {
        done[static_cast<size_t>(b)] = 1;
        if (next != eos) out[static_cast<size_t>(b)].push_back(next);
      } else {
        out[static_cast<size_t>(b)].push_back(next);
        all_done = false;
      }
    }
    if (all_done) break;
  }
  t.set_grad_enabled(grad);
}

}  // namespace attend::nn
