// Recurrent layers, unrolled on the tape one step at a time so each hidden state h_t is its own node:
//   RNN   h_t = tanh(x_t·Wx + b + h_{t−1}·Wh)
//   LSTM  [i f g o] = x_t·Wx + b + h_{t−1}·Wh  (torch's gate order)
//         c_t = σ(f)∘c_{t−1} + σ(i)∘tanh(g),   h_t = σ(o)∘tanh(c_t)
// h_0 = c_0 = 0. The trace keeps every step's hidden (and cell) state from the last forward, and after
// backward `record_gradients` reads ‖dL/dh_t‖ per step: the vanishing-gradient lesson plots exactly these.
#pragma once

#include <vector>

#include "core/nn/layers.h"

namespace attend::nn {

struct RecurrentTrace {
  int batch = 0, seq = 0, hidden = 0;
  std::vector<Var> h, c;                  // per step B×H nodes on the tape of the last forward
  std::vector<float> hidden_states;       // [t][b][k], copied at forward
  std::vector<float> cell_states;         // LSTM only, [t][b][k]
  std::vector<double> grad_norms;         // ‖dL/dh_t‖ (over the batch) per step, after record_gradients
  float state(int t, int b, int k) const { return hidden_states[(static_cast<size_t>(t) * batch + b) * hidden + k]; }
};

struct Rnn {
  int input = 0, hidden = 0;
  Linear wx;   // in→H with bias
  Linear wh;   // H→H, no bias
  RecurrentTrace last;
};

struct Lstm {
  int input = 0, hidden = 0;
  Linear wx;   // in→4H with bias
  Linear wh;   // H→4H, no bias
  RecurrentTrace last;
};

Rnn make_rnn(const std::string& name, int input, int hidden, SplitMix64& rng);
Lstm make_lstm(const std::string& name, int input, int hidden, SplitMix64& rng);
// x (B·T)×in, row b·T + t. Returns the hidden states (B·T)×H in the same layout.
Var forward(Tape& t, Rnn& r, Var x, int batch, int seq);
Var forward(Tape& t, Lstm& l, Var x, int batch, int seq);
void collect(Rnn& r, ParamList& out);
void collect(Lstm& l, ParamList& out);
// After tape.backward: fills trace.grad_norms from the gradients of each step's hidden state.
void record_gradients(const Tape& t, RecurrentTrace& trace);

// A character/token language model on a recurrent core: embedding → RNN or LSTM → linear head.
struct RecurrentLM {
  enum class Cell { RNN, LSTM } cell = Cell::LSTM;
  int vocab = 0;
  Embedding tok;
  Rnn rnn;
  Lstm lstm;
  Linear head;
  RecurrentTrace& trace() { return cell == Cell::RNN ? rnn.last : lstm.last; }
  const RecurrentTrace& trace() const { return cell == Cell::RNN ? rnn.last : lstm.last; }
};
RecurrentLM make_recurrent_lm(RecurrentLM::Cell cell, int vocab, int embed, int hidden, uint64_t seed);
Var forward(Tape& t, RecurrentLM& m, const std::vector<int>& ids, int batch, int seq);   // (B·T)×vocab
void collect(RecurrentLM& m, ParamList& out);

}  // namespace attend::nn
