// Transformer blocks and models: finite-difference gradient checks of every parameter (init std 0.3 so
// gradients are far from zero; grad_check defaults), structure, masks and determinism.
#include <doctest/doctest.h>

#include "core/nn/transformer.h"
#include "core/util/rng.h"
#include "../tensor/tensor_test_util.h"

using namespace attend;
using namespace attend::nn;
using namespace attend::tensor::testing;

namespace {
TransformerConfig small_config(bool pre_ln) {
  TransformerConfig c;
  c.vocab = 7, c.d_model = 8, c.heads = 2, c.layers = 2, c.ffn = 12, c.context = 5;
  c.pre_ln = pre_ln;
  c.init_std = 0.3f;
  return c;
}
std::vector<int> random_ids(int n, int vocab, uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<int> ids(static_cast<size_t>(n));
  for (int& v : ids) v = static_cast<int>(rng.below(static_cast<uint64_t>(vocab)));
  return ids;
}
}  // namespace

TEST_CASE("decoder-only LM, pre-LN and post-LN: every parameter passes a gradient check") {
  for (bool pre : {true, false}) {
    DecoderLM m = make_decoder_lm(small_config(pre), 1);
    ParamList ps;
    collect(m, ps);
    CHECK(ps.front()->name == "tok.weight");
    CHECK(ps.back()->name == "head.bias");
    const std::vector<int> ids = random_ids(2 * 4, 7, 2), targets = random_ids(2 * 4, 7, 3);
    INFO("pre_ln " << pre);
    CHECK_GRADIENTS(ps, [&](Tape& t) { return tensor::cross_entropy(t, forward(t, m, ids, 2, 4), targets); });
  }
}

TEST_CASE("decoder-only LM is causal: changing a later token leaves earlier logits unchanged") {
  DecoderLM m = make_decoder_lm(small_config(true), 4);
  std::vector<int> ids = random_ids(5, 7, 5);
  Tape t;
  const tensor::Tensor before = t.value(forward(t, m, ids, 1, 5));
  ids[3] = (ids[3] + 1) % 7;
  t.reset();
  const tensor::Tensor& after = t.value(forward(t, m, ids, 1, 5));
  for (int r = 0; r < 5; ++r)
    for (int c = 0; c < 7; ++c) {
      if (r < 3) CHECK(after(r, c) == before(r, c));
    }
  double moved = 0;
  for (int c = 0; c < 7; ++c) moved += std::fabs(after(4, c) - before(4, c));
  CHECK(moved > 1e-4);
  // Internals of the last forward: one record per block, 1 batch × 2 heads × 5 × 5.
  CHECK(m.blocks[1].self_attn.last.weights.size() == 2 * 5 * 5);
  CHECK(m.blocks[0].self_attn.last.causal);
}

TEST_CASE("encoder-only model is bidirectional and honours padding, gradient check") {
  TransformerConfig c = small_config(true);
  c.out_classes = 3;
  EncoderModel m = make_encoder_model(c, 6);
  const std::vector<int> ids = random_ids(2 * 4, 7, 7);
  const std::vector<uint8_t> pad = {0, 0, 0, 1, 0, 0, 1, 1};
  const std::vector<int> targets = {0, 2, 1, -1, 1, 1, -1, -1};
  ParamList ps;
  collect(m, ps);
  CHECK_GRADIENTS(ps, [&](Tape& t) { return tensor::cross_entropy(t, forward(t, m, ids, &pad, 2, 4), targets); });
  // Position 0 sees position 2 (no causal mask) but never the padded position 3.
  std::vector<int> changed = ids;
  changed[2] = (changed[2] + 1) % 7;
  Tape t;
  const tensor::Tensor a = t.value(forward(t, m, ids, &pad, 2, 4));
  t.reset();
  const tensor::Tensor b = t.value(forward(t, m, changed, &pad, 2, 4));
  CHECK(std::fabs(a(0, 0) - b(0, 0)) > 1e-5);
  std::vector<int> changed_pad = ids;
  changed_pad[3] = (changed_pad[3] + 1) % 7;
  t.reset();
  const tensor::Tensor cpad = t.value(forward(t, m, changed_pad, &pad, 2, 4));
  for (int col = 0; col < 3; ++col) CHECK(cpad(1, col) == a(1, col));
}

TEST_CASE("encoder-decoder: every parameter passes a gradient check, cross-attention is recorded") {
  for (bool pre : {true, false}) {
    TransformerConfig c = small_config(pre);
    c.src_vocab = 5;
    c.layers = 1;
    c.decoder_layers = 2;
    Seq2Seq m = make_seq2seq(c, 8);
    const std::vector<int> src = random_ids(2 * 3, 5, 9), tgt_in = random_ids(2 * 4, 7, 10),
                           targets = random_ids(2 * 4, 7, 11);
    const std::vector<uint8_t> pad = {0, 0, 0, 0, 0, 1};
    ParamList ps;
    collect(m, ps);
    INFO("pre_ln " << pre);
    CHECK_GRADIENTS(ps, [&](Tape& t) {
      return tensor::cross_entropy(t, forward(t, m, src, &pad, tgt_in, 2, 3, 4), targets);
    });
    Tape t;
    forward(t, m, src, &pad, tgt_in, 2, 3, 4);
    const tensor::AttentionRecord& r = m.decoder[1].cross_attn.last;
    CHECK(r.tq == 4);
    CHECK(r.tk == 3);
    CHECK(r.weight(1, 0, 2, 2) == 0.f);  // batch 1's third source token is padding
    CHECK_FALSE(r.causal);
  }
}

TEST_CASE("same seed, same model, same numbers") {
  DecoderLM a = make_decoder_lm(small_config(true), 42), b = make_decoder_lm(small_config(true), 42);
  DecoderLM c = make_decoder_lm(small_config(true), 43);
  ParamList pa, pb, pc;
  collect(a, pa);
  collect(b, pb);
  collect(c, pc);
  for (size_t i = 0; i < pa.size(); ++i) CHECK(pa[i]->value.data == pb[i]->value.data);
  CHECK(pa[0]->value.data != pc[0]->value.data);
}
