// word2vec (Mikolov et al. 2013): skip-gram and CBOW with negative sampling, as word2vec.c and gensim train
// them, multi-threaded the same way (Hogwild: threads update shared vectors without locks).
//
//   auto c = data::load_corpus(path, {});
//   Word2VecModel m = word2vec_init(c->vocab, Word2VecOptions{});
//   TrainProgress progress;                       // read progress.done / loss from any thread meanwhile
//   Word2VecReport r = word2vec_train(m, c->corpus, &progress);
//   Embeddings e = word2vec_embeddings(m, c->vocab);
//
// Skip-gram, per centre word w_i and context word w_j in its window: the context's input vector v = in[w_j]
// is trained to score the centre word's output vector u = out[w_i] high and `negative` noise words' low:
//   loss = −log σ(u_pos·v) − Σ_noise log σ(−u_k·v)
// (word2vec.c and gensim predict the centre from the context this way; the pairs are the same either way.)
// CBOW: v is the mean of the window's input vectors, predicting the centre word; the gradient for v is
// added to every context vector whole, as word2vec.c does.
//
// Details that follow word2vec.c / gensim: the window shrinks by a random b in [0, window) per centre word;
// frequent words are subsampled per occurrence (data/corpus_vocab.h); noise words come from counts^0.75;
// the learning rate falls linearly from alpha to min_alpha over the whole run, updated every 10,000 words;
// σ comes from a 1000-entry table over [−6, 6], saturating outside it. Input vectors start uniform in
// [−0.5, 0.5)/dim, output vectors at zero. One thread with a given seed always gives the same vectors.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/data/corpus_vocab.h"
#include "core/embed/aligned.h"
#include "core/embed/embeddings.h"
#include "core/embed/train_progress.h"

namespace attend::embed {

class WorkerPool;

enum class Word2VecArch { SkipGram, Cbow };

struct Word2VecOptions {
  Word2VecArch arch = Word2VecArch::SkipGram;
  int dim = 50;
  int window = 5;
  int negative = 5;
  int epochs = 5;
  double sample = 1e-3;          // subsampling; 0 keeps every word
  double alpha = 0.025;          // starting learning rate
  double min_alpha = 1e-4;       // final learning rate
  double ns_exponent = 0.75;     // noise distribution: counts^ns_exponent
  bool shrink_windows = true;
  bool cbow_mean = true;         // CBOW input: mean (true) or sum of the context vectors
  bool exact_sigmoid = false;    // std::exp instead of the table (tests; slower)
  uint64_t seed = 1;
  int threads = 1;
};

struct Word2VecModel {
  Word2VecOptions options;
  int vocab_size = 0;
  int dim = 0;
  int stride = 0;                    // floats per row: dim rounded up to 16, the padding stays zero
  AlignedVector<float> in;           // vocab x stride: the word vectors ("syn0")
  AlignedVector<float> out;          // vocab x stride: the output vectors for negative sampling ("syn1neg")
  std::vector<uint32_t> keep;        // subsampling thresholds per word
  data::NoiseTable noise;

  // Where a stepwise run (word2vec_train_slice) is.
  int epoch = 0;
  int64_t sentence = 0;              // next sentence in the epoch
  int64_t words_done = 0;            // corpus tokens processed over all epochs
  uint64_t slices = 0;

  const float* in_row(int w) const { return in.data() + static_cast<size_t>(w) * stride; }
  float* in_row(int w) { return in.data() + static_cast<size_t>(w) * stride; }
  const float* out_row(int w) const { return out.data() + static_cast<size_t>(w) * stride; }
  float* out_row(int w) { return out.data() + static_cast<size_t>(w) * stride; }
};

Word2VecModel word2vec_init(const data::Vocab& vocab, const Word2VecOptions& options);

struct Word2VecReport {
  double seconds = 0;
  int64_t raw_words = 0;         // corpus tokens passed over (rare words included), all epochs
  int64_t effective_words = 0;   // tokens kept after subsampling, all epochs
  int64_t examples = 0;          // (input, target) pairs scored, negatives included
  double loss = 0;               // mean loss per example over the last epoch
  bool cancelled = false;
};

// The whole run: options.epochs passes, each thread over its own contiguous share of the sentences.
// `publish`, when set, is called on thread 0 about every publish_words corpus tokens with the model as it
// is (other threads keep writing meanwhile: copy what you need and return).
Word2VecReport word2vec_train(Word2VecModel& m, const data::EncodedCorpus& corpus, TrainProgress* progress = nullptr,
                              const std::function<void(const Word2VecModel&)>& publish = {},
                              int64_t publish_words = 500000);

// Stepwise: the next `words` corpus tokens (whole sentences, wrapping to the next epoch), split among the
// pool's threads. Returns what that slice did; m.epoch == options.epochs once the run is complete.
Word2VecReport word2vec_train_slice(Word2VecModel& m, const data::EncodedCorpus& corpus, int64_t words,
                                    WorkerPool& pool, TrainProgress* progress = nullptr);
bool word2vec_finished(const Word2VecModel& m);

// The input vectors, unpadded, labelled with the vocabulary.
Embeddings word2vec_embeddings(const Word2VecModel& m, const data::Vocab& vocab);

// One example with the exact sigmoid, for gradient checks: input vector v (dim), target output vectors
// u[0..n) with labels (1 for the true word, 0 for noise). Returns the loss
//   −Σ_k [label_k log σ(u_k·v) + (1 − label_k) log σ(−u_k·v)]
// and, when the pointers are set, ∂loss/∂v (dim) and ∂loss/∂u_k (n x dim, row-major).
double word2vec_example_loss(const float* v, const float* const* u, const float* labels, int n, int dim,
                             float* grad_v = nullptr, float* grad_u = nullptr);

// The training update for one example exactly as the trainer applies it (exact sigmoid): u_k += lr·g_k·v
// in order, and returns in `work` the step for v (lr·Σ g_k u_k, each u_k taken before its update), which
// skip-gram adds to v and CBOW to every context vector. Exposed so tests can hold it against the gradient.
void word2vec_example_update(const float* v, float* const* u, const float* labels, int n, int dim, float lr,
                             float* work);

}  // namespace attend::embed
