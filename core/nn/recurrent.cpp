#include "core/nn/recurrent.h"

#include <cstring>

#include "core/util/rng.h"

namespace attend::nn {

namespace {
void start_trace(RecurrentTrace& tr, int batch, int seq, int hidden, bool cells) {
  tr.batch = batch, tr.seq = seq, tr.hidden = hidden;
  tr.h.clear();
  tr.c.clear();
  tr.hidden_states.resize(static_cast<size_t>(seq) * batch * hidden);
  tr.cell_states.resize(cells ? tr.hidden_states.size() : 0);
  tr.grad_norms.assign(static_cast<size_t>(seq), 0.0);
}

void copy_state(const Tape& t, Var v, std::vector<float>& dst, int step) {
  const tensor::Tensor& s = t.value(v);
  std::memcpy(dst.data() + static_cast<size_t>(step) * s.size(), s.ptr(), sizeof(float) * s.size());
}
}  // namespace

Rnn make_rnn(const std::string& name, int input, int hidden, SplitMix64& rng) {
  Rnn r;
  r.input = input, r.hidden = hidden;
  // torch.nn.RNN's init: every weight U(−1/√H, 1/√H).
  Init init{Init::TorchDefault, 0};
  r.wx = make_linear(name + ".wx", input, hidden, rng, init);
  r.wh = make_linear(name + ".wh", hidden, hidden, rng, init, false);
  const float bound = 1.f / std::sqrt(static_cast<float>(hidden));
  tensor::fill_uniform(r.wx.weight.value, rng, -bound, bound);
  tensor::fill_uniform(r.wx.bias.value, rng, -bound, bound);
  tensor::fill_uniform(r.wh.weight.value, rng, -bound, bound);
  return r;
}

Lstm make_lstm(const std::string& name, int input, int hidden, SplitMix64& rng) {
  Lstm l;
  l.input = input, l.hidden = hidden;
  Init init{Init::TorchDefault, 0};
  l.wx = make_linear(name + ".wx", input, 4 * hidden, rng, init);
  l.wh = make_linear(name + ".wh", hidden, 4 * hidden, rng, init, false);
  const float bound = 1.f / std::sqrt(static_cast<float>(hidden));
  tensor::fill_uniform(l.wx.weight.value, rng, -bound, bound);
  tensor::fill_uniform(l.wx.bias.value, rng, -bound, bound);
  tensor::fill_uniform(l.wh.weight.value, rng, -bound, bound);
  return l;
}

Var forward(Tape& t, Rnn& r, Var x, int batch, int seq) {
  RecurrentTrace& tr = r.last;
  start_trace(tr, batch, seq, r.hidden, false);
  Var xw = forward(t, r.wx, x);  // all steps' input projections in one product: (B·T)×H
  Var wh = t.param(r.wh.weight);
  for (int s = 0; s < seq; ++s) {
    Var pre = tensor::step_rows(t, xw, batch, seq, s);
    if (s > 0) pre = tensor::add(t, pre, tensor::matmul(t, tr.h.back(), wh));
    tr.h.push_back(tensor::tanh(t, pre));
    copy_state(t, tr.h.back(), tr.hidden_states, s);
  }
  return tensor::stack_steps(t, tr.h.data(), seq);
}

Var forward(Tape& t, Lstm& l, Var x, int batch, int seq) {
  RecurrentTrace& tr = l.last;
  const int H = l.hidden;
  start_trace(tr, batch, seq, H, true);
  Var xw = forward(t, l.wx, x);  // (B·T)×4H
  Var wh = t.param(l.wh.weight);
  for (int s = 0; s < seq; ++s) {
    Var gates = tensor::step_rows(t, xw, batch, seq, s);
    if (s > 0) gates = tensor::add(t, gates, tensor::matmul(t, tr.h.back(), wh));
    Var i = tensor::sigmoid(t, tensor::slice_cols(t, gates, 0, H));
    Var g = tensor::tanh(t, tensor::slice_cols(t, gates, 2 * H, H));
    Var o = tensor::sigmoid(t, tensor::slice_cols(t, gates, 3 * H, H));
    Var c = tensor::mul(t, i, g);
    if (s > 0) {
      Var f = tensor::sigmoid(t, tensor::slice_cols(t, gates, H, H));
      c = tensor::add(t, tensor::mul(t, f, tr.c.back()), c);
    }
    tr.c.push_back(c);
    tr.h.push_back(tensor::mul(t, o, tensor::tanh(t, c)));
    copy_state(t, tr.h.back(), tr.hidden_states, s);
    copy_state(t, c, tr.cell_states, s);
  }
  return tensor::stack_steps(t, tr.h.data(), seq);
}

void collect(Rnn& r, ParamList& out) {
  collect(r.wx, out);
  collect(r.wh, out);
}

void collect(Lstm& l, ParamList& out) {
  collect(l.wx, out);
  collect(l.wh, out);
}

void record_gradients(const Tape& t, RecurrentTrace& tr) {
  tr.grad_norms.assign(tr.h.size(), 0.0);
  for (size_t s = 0; s < tr.h.size(); ++s) tr.grad_norms[s] = t.grad_norm(tr.h[s]);
}

RecurrentLM make_recurrent_lm(RecurrentLM::Cell cell, int vocab, int embed, int hidden, uint64_t seed) {
  SplitMix64 rng(seed);
  RecurrentLM m;
  m.cell = cell;
  m.vocab = vocab;
  m.tok = make_embedding("tok", vocab, embed, rng, 1.f);
  if (cell == RecurrentLM::Cell::RNN) m.rnn = make_rnn("rnn", embed, hidden, rng);
  else m.lstm = make_lstm("lstm", embed, hidden, rng);
  m.head = make_linear("head", hidden, vocab, rng);
  return m;
}

Var forward(Tape& t, RecurrentLM& m, const std::vector<int>& ids, int batch, int seq) {
  ATTEND_ASSERT(ids.size() == static_cast<size_t>(batch) * seq, "RecurrentLM forward: ids must hold batch×seq tokens");
  Var x = forward(t, m.tok, ids);
  Var h = m.cell == RecurrentLM::Cell::RNN ? forward(t, m.rnn, x, batch, seq) : forward(t, m.lstm, x, batch, seq);
  return forward(t, m.head, h);
}

void collect(RecurrentLM& m, ParamList& out) {
  collect(m.tok, out);
  if (m.cell == RecurrentLM::Cell::RNN) collect(m.rnn, out);
  else collect(m.lstm, out);
  collect(m.head, out);
}

}  // namespace attend::nn
