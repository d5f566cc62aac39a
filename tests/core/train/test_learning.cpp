// Seeded learning tests: the models learn their tasks (the lessons depend on it), in a few seconds.
#include <doctest/doctest.h>

#include <chrono>

#include "core/data/seq_tasks.h"
#include "core/metrics/seq_metrics.h"
#include "core/nn/decoding.h"
#include "core/nn/transformer.h"
#include "core/optim/optimizer.h"
#include "core/util/rng.h"

using namespace attend;

TEST_CASE("a decoder-only transformer learns to reverse sequences of length 8") {
  const auto t0 = std::chrono::steady_clock::now();
  data::SeqTask task;
  task.kind = data::SeqTaskKind::Reverse;
  task.symbols = 10;
  task.min_len = task.max_len = 8;
  nn::TransformerConfig c;
  c.vocab = data::vocab_size(task);
  c.context = data::lm_seq_len(task);
  c.d_model = 32, c.heads = 2, c.layers = 2, c.ffn = 64;
  nn::DecoderLM m = nn::make_decoder_lm(c, 1);
  tensor::ParamList ps;
  nn::collect(m, ps);
  optim::Hyper h;
  h.lr = 3e-3;
  h.weight_decay = 0.01;
  optim::Optimizer opt = optim::make_optimizer(optim::Method::AdamW, h);
  SplitMix64 rng(2);
  data::LmBatch b;
  tensor::Tape t;
  int steps = 0;
  double acc = 0;
  for (; steps < 1500; ++steps) {
    data::make_lm_batch(task, rng, 32, b);
    tensor::zero_grad(ps);
    t.reset();
    tensor::Var logits = nn::forward(t, m, b.ids, b.batch, b.seq);
    t.backward(tensor::cross_entropy(t, logits, b.targets));
    optim::step(opt, ps);
    if (steps % 50 == 49) {
      acc = metrics::token_accuracy(t.value(logits), b.targets).value();
      if (acc > 0.99) break;
    }
  }
  // Held-out check, teacher-forced and free-running.
  SplitMix64 held(99);
  data::make_lm_batch(task, held, 128, b);
  t.reset();
  t.set_grad_enabled(false);
  const double tf = metrics::token_accuracy(t.value(nn::forward(t, m, b.ids, b.batch, b.seq, false)), b.targets).value();
  std::vector<std::vector<int>> prompts(128), out;
  for (int r = 0; r < 128; ++r)
    prompts[static_cast<size_t>(r)].assign(b.ids.begin() + r * b.seq, b.ids.begin() + r * b.seq + b.prompt_len[static_cast<size_t>(r)]);
  nn::free_run(m, t, prompts, 9, data::kEos, 0.f, nullptr, out);
  const double exact = metrics::exact_match(out, b.answers);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  MESSAGE("steps " << steps << ", held-out token accuracy " << tf << ", free-running exact match " << exact << ", " << secs << " s");
  CHECK(tf >= 0.95);
  CHECK(exact >= 0.8);
}

TEST_CASE("an encoder-decoder transformer learns to spell digits as words") {
  const auto t0 = std::chrono::steady_clock::now();
  data::SeqTask task;
  task.kind = data::SeqTaskKind::DigitsToWords;
  task.min_len = 1, task.max_len = 3;
  nn::TransformerConfig c;
  c.vocab = data::vocab_size(task);
  c.context = data::max_target_len(task) + 1;
  c.d_model = 32, c.heads = 2, c.layers = 1, c.ffn = 64;
  nn::Seq2Seq m = nn::make_seq2seq(c, 3);
  tensor::ParamList ps;
  nn::collect(m, ps);
  optim::Hyper h;
  h.lr = 3e-3;
  h.weight_decay = 0.01;
  optim::Optimizer opt = optim::make_optimizer(optim::Method::AdamW, h);
  SplitMix64 rng(4);
  data::Seq2SeqBatch b;
  tensor::Tape t;
  int steps = 0;
  for (; steps < 2000; ++steps) {
    data::make_seq2seq_batch(task, rng, 32, b);
    tensor::zero_grad(ps);
    t.reset();
    tensor::Var logits = nn::forward(t, m, b.src, &b.src_padding, b.tgt_in, b.batch, b.src_len, b.tgt_len);
    t.backward(tensor::cross_entropy(t, logits, b.targets));
    optim::step(opt, ps);
    if (steps % 50 == 49 && metrics::token_accuracy(t.value(logits), b.targets).value() > 0.995) break;
  }
  SplitMix64 held(98);
  data::make_seq2seq_batch(task, held, 128, b);
  t.reset();
  t.set_grad_enabled(false);
  const double tf = metrics::token_accuracy(
      t.value(nn::forward(t, m, b.src, &b.src_padding, b.tgt_in, b.batch, b.src_len, b.tgt_len, false)), b.targets).value();
  std::vector<std::vector<int>> out;
  nn::free_run(m, t, b.src, b.src_padding, b.batch, b.src_len, data::max_target_len(task) + 1, data::kBos, data::kEos,
               0.f, nullptr, out);
  const double exact = metrics::exact_match(out, b.answers);
  const double bleu = metrics::bleu(out, b.answers).bleu;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  MESSAGE("steps " << steps << ", teacher-forced accuracy " << tf << ", free-running exact " << exact << ", BLEU "
                   << bleu << ", " << secs << " s; e.g. " << data::render(task, std::vector<int>(b.src.begin(), b.src.begin() + 3))
                   << " → " << data::render(task, out[0]));
  CHECK(tf >= 0.95);
  CHECK(exact >= 0.8);
  CHECK(bleu >= 0.9);
}
