// word2vec training: the per-example kernel (dot, sigmoid, two axpys per target), the sentence loops for
// skip-gram and CBOW, and the drivers (whole run on dedicated threads; slices for a session).
// GCC 12 reports false "may be used uninitialized" warnings inside its AVX-512 reduction intrinsics
// (GCC bug 105593); they are not about this file.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "core/embed/word2vec.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "core/embed/worker_pool.h"
#include "core/util/assert.h"
#include "core/util/rng.h"

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace attend::embed {

namespace {

constexpr int kTableSize = 1000;
constexpr float kMaxExp = 6.0f;
constexpr int64_t kCheckWords = 10000;  // learning rate, progress and cancel are refreshed this often

// σ(x) and log σ(x) at kTableSize points over [−6, 6], word2vec.c's EXP_TABLE.
struct SigmoidTable {
  float sig[kTableSize + 1];
  float logsig[kTableSize + 1];
  SigmoidTable() {
    for (int i = 0; i <= kTableSize; ++i) {
      const double x = (2.0 * i / kTableSize - 1.0) * kMaxExp;
      sig[i] = static_cast<float>(1.0 / (1.0 + std::exp(-x)));
      logsig[i] = static_cast<float>(-std::log1p(std::exp(-x)));
    }
  }
};

const SigmoidTable g_sigmoid;  // built at start-up: a function-local static would test its guard per call

const SigmoidTable& sigmoid_table() { return g_sigmoid; }

// ---------------------------------------------------------------------------------------------------------
// Vector kernels over rows padded to a multiple of 16 floats.

inline float dot(const float* a, const float* b, int stride) {
#if defined(__AVX512F__)
  __m512 acc0 = _mm512_mul_ps(_mm512_load_ps(a), _mm512_load_ps(b));
  __m512 acc1 = _mm512_setzero_ps();
  int k = 16;
  for (; k + 16 < stride; k += 32) {
    acc1 = _mm512_fmadd_ps(_mm512_load_ps(a + k), _mm512_load_ps(b + k), acc1);
    acc0 = _mm512_fmadd_ps(_mm512_load_ps(a + k + 16), _mm512_load_ps(b + k + 16), acc0);
  }
  if (k < stride) acc1 = _mm512_fmadd_ps(_mm512_load_ps(a + k), _mm512_load_ps(b + k), acc1);
  return _mm512_reduce_add_ps(_mm512_add_ps(acc0, acc1));
#else
  float lanes[16] = {};
  for (int k = 0; k < stride; k += 16)
    for (int l = 0; l < 16; ++l) lanes[l] += a[k + l] * b[k + l];
  float s = 0;
  for (float v : lanes) s += v;
  return s;
#endif
}

inline void axpy(float* y, float g, const float* x, int stride) {
#if defined(__AVX512F__)
  const __m512 vg = _mm512_set1_ps(g);
  for (int k = 0; k < stride; k += 16)
    _mm512_store_ps(y + k, _mm512_fmadd_ps(vg, _mm512_load_ps(x + k), _mm512_load_ps(y + k)));
#else
  for (int k = 0; k < stride; ++k) y[k] += g * x[k];
#endif
}

inline void zero(float* y, int stride) { std::fill(y, y + stride, 0.0f); }

// g = label − σ(f) (the negative gradient of the loss with respect to f) and the loss, by table or exactly.
template <bool kExact>
inline float label_minus_sigmoid(float f, float label, double& loss) {
  if constexpr (kExact) {
    const double s = 1.0 / (1.0 + std::exp(-static_cast<double>(f)));
    loss += label > 0 ? std::log1p(std::exp(-static_cast<double>(f))) : std::log1p(std::exp(static_cast<double>(f)));
    return static_cast<float>(label - s);
  } else {
    const SigmoidTable& t = sigmoid_table();
    if (f >= kMaxExp) {  // saturated: σ = 1 (word2vec.c); the loss of a noise word is about f
      if (label <= 0) loss += f;
      return label - 1.0f;
    }
    if (f <= -kMaxExp) {
      if (label > 0) loss -= f;
      return label;
    }
    const int i = static_cast<int>((f + kMaxExp) * (kTableSize / kMaxExp / 2));
    loss -= label > 0 ? t.logsig[i] : t.logsig[kTableSize - i];
    return label - t.sig[i];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Training loops

struct ThreadState {
  SplitMix64 rng;
  std::vector<int32_t> kept;       // the sentence after subsampling
  AlignedVector<float> work, neu1;
  // Negative samples drawn one centre word ahead, so their rows can be prefetched while the current centre
  // word trains: the output vectors are read at random and would otherwise wait on L3 or memory.
  std::vector<int32_t> negs[2];
  int window_b[2] = {0, 0};
  double loss = 0;                 // since the last check
  int64_t examples = 0;
  double epoch_loss = 0;           // over the current epoch
  int64_t epoch_examples = 0;
  int64_t effective = 0;
  int64_t examples_total = 0;

  ThreadState(uint64_t seed, int stride) : rng(seed), work(stride), neu1(stride) {}
};

inline void prefetch_row(const float* row, int stride) {
  for (int k = 0; k < stride; k += 16) __builtin_prefetch(row + k, 1, 3);
}

// Trains h against the positive word and the given noise words; accumulates the step for h into work.
template <bool kExact>
inline void train_targets(Word2VecModel& m, const float* h, int32_t positive, const int32_t* negs, int n_negs,
                          float alpha, ThreadState& ts) {
  const int stride = m.stride;
  float* work = ts.work.data();
  for (int d = -1; d < n_negs; ++d) {
    int32_t target;
    float label;
    if (d < 0) {
      target = positive;
      label = 1.0f;
    } else {
      target = negs[d];
      if (target == positive) continue;
      label = 0.0f;
    }
    float* u = m.out_row(target);
    const float g = label_minus_sigmoid<kExact>(dot(h, u, stride), label, ts.loss) * alpha;
    axpy(work, g, u, stride);
    axpy(u, g, h, stride);
    ++ts.examples;
  }
}

// Draws centre word i's window shrink and its noise words (per context word for skip-gram, once for CBOW)
// into slot `slot`, and prefetches the rows they will touch.
inline void prepare_centre(Word2VecModel& m, const int32_t* s, int n, int i, int slot, ThreadState& ts) {
  const Word2VecOptions& o = m.options;
  const int b = o.shrink_windows && o.window > 0 ? static_cast<int>(ts.rng.below(o.window)) : 0;
  ts.window_b[slot] = b;
  const int lo = std::max(0, i - o.window + b), hi = std::min(n, i + o.window + 1 - b);
  const int groups = o.arch == Word2VecArch::SkipGram ? (hi - lo - 1) : (hi - lo > 1 ? 1 : 0);
  std::vector<int32_t>& negs = ts.negs[slot];
  negs.resize(static_cast<size_t>(std::max(groups, 0)) * o.negative);
  for (int32_t& w : negs) {
    w = m.noise.draw(ts.rng.next());
    prefetch_row(m.out_row(w), m.stride);
  }
  prefetch_row(m.out_row(s[i]), m.stride);
  for (int j = lo; j < hi; ++j) prefetch_row(m.in_row(s[j]), m.stride);
}

template <bool kExact>
void train_sentence(Word2VecModel& m, const int32_t* ids, int64_t len, float alpha, ThreadState& ts) {
  const Word2VecOptions& o = m.options;
  const int stride = m.stride;
  ts.kept.clear();
  for (int64_t t = 0; t < len; ++t) {
    const int32_t w = ids[t];
    if (m.keep[w] < static_cast<uint32_t>(ts.rng.next() >> 32)) continue;
    ts.kept.push_back(w);
  }
  const int n = static_cast<int>(ts.kept.size());
  ts.effective += n;
  if (n == 0) return;
  const int32_t* s = ts.kept.data();
  float* work = ts.work.data();
  prepare_centre(m, s, n, 0, 0, ts);
  for (int i = 0; i < n; ++i) {
    const int slot = i & 1;
    if (i + 1 < n) prepare_centre(m, s, n, i + 1, slot ^ 1, ts);
    const int b = ts.window_b[slot];
    const int32_t* negs = ts.negs[slot].data();
    const int lo = std::max(0, i - o.window + b);
    const int hi = std::min(n, i + o.window + 1 - b);
    if (o.arch == Word2VecArch::SkipGram) {
      int g = 0;
      for (int j = lo; j < hi; ++j) {
        if (j == i) continue;
        float* h = m.in_row(s[j]);
        zero(work, stride);
        train_targets<kExact>(m, h, s[i], negs + static_cast<size_t>(g++) * o.negative, o.negative, alpha, ts);
        axpy(h, 1.0f, work, stride);
      }
    } else {
      float* neu1 = ts.neu1.data();
      zero(neu1, stride);
      int count = 0;
      for (int j = lo; j < hi; ++j) {
        if (j == i) continue;
        axpy(neu1, 1.0f, m.in_row(s[j]), stride);
        ++count;
      }
      if (count == 0) continue;
      const float inv = 1.0f / count;
      if (o.cbow_mean)
        for (int k = 0; k < stride; ++k) neu1[k] *= inv;
      zero(work, stride);
      train_targets<kExact>(m, neu1, s[i], negs, o.negative, alpha, ts);
      if (!o.cbow_mean)
        for (int k = 0; k < stride; ++k) work[k] *= inv;
      for (int j = lo; j < hi; ++j)
        if (j != i) axpy(m.in_row(s[j]), 1.0f, work, stride);
    }
  }
}

float alpha_at(const Word2VecOptions& o, int64_t done, int64_t total) {
  const double progress = total > 0 ? std::min(1.0, static_cast<double>(done) / total) : 1.0;
  return static_cast<float>(std::max(o.min_alpha, o.alpha - (o.alpha - o.min_alpha) * progress));
}

// Shared bookkeeping of a run: the global token counter drives the learning rate and the progress.
struct RunShared {
  std::atomic<int64_t> done{0};  // corpus tokens processed, all threads, all epochs (so far)
  int64_t start = 0;             // tokens done before this run or slice began
  int64_t total = 0;             // tokens in the whole run: epochs × corpus tokens
  double raw_per_token = 1;      // raw words per in-vocabulary token, for progress in raw words
  TrainProgress* progress = nullptr;
};

// Sentences [s0, s1) of one epoch. Returns false when cancelled.
bool train_range(Word2VecModel& m, const data::EncodedCorpus& c, int64_t s0, int64_t s1, RunShared& shared,
                 ThreadState& ts, const std::function<void()>& on_check = {}) {
  int64_t since_check = 0;
  float alpha = alpha_at(m.options, shared.start + shared.done.load(std::memory_order_relaxed), shared.total);
  for (int64_t s = s0; s < s1; ++s) {
    const int64_t b = c.sentence_starts[s], e = c.sentence_starts[s + 1];
    if (m.options.exact_sigmoid)
      train_sentence<true>(m, c.ids.data() + b, e - b, alpha, ts);
    else
      train_sentence<false>(m, c.ids.data() + b, e - b, alpha, ts);
    since_check += e - b;
    if (since_check >= kCheckWords || s + 1 == s1) {
      const int64_t done = shared.done.fetch_add(since_check, std::memory_order_relaxed) + since_check;
      since_check = 0;
      alpha = alpha_at(m.options, shared.start + done, shared.total);
      ts.epoch_loss += ts.loss;
      ts.epoch_examples += ts.examples;
      ts.examples_total += ts.examples;
      if (TrainProgress* p = shared.progress) {
        p->done.store(static_cast<int64_t>((shared.start + done) * shared.raw_per_token), std::memory_order_relaxed);
        p->learning_rate.store(alpha, std::memory_order_relaxed);
        if (ts.examples > 0) p->loss.store(ts.loss / ts.examples, std::memory_order_relaxed);
        if (p->cancelled()) return false;
      }
      ts.loss = 0;
      ts.examples = 0;
      if (on_check) on_check();
    }
  }
  return true;
}

// Splits sentences [s0, s1) into `parts` ranges holding about equal numbers of tokens.
std::vector<int64_t> split_sentences(const data::EncodedCorpus& c, int64_t s0, int64_t s1, int parts) {
  std::vector<int64_t> cut{s0};
  const int64_t t0 = c.sentence_starts[s0], t1 = c.sentence_starts[s1];
  for (int p = 1; p < parts; ++p) {
    const int64_t target = t0 + (t1 - t0) * p / parts;
    const auto it = std::lower_bound(c.sentence_starts.begin() + cut.back(), c.sentence_starts.begin() + s1, target);
    cut.push_back(static_cast<int64_t>(it - c.sentence_starts.begin()));
  }
  cut.push_back(s1);
  return cut;
}

uint64_t mix_seed(uint64_t a, uint64_t b, uint64_t c) {
  SplitMix64 r(a ^ (b * 0x9E3779B97F4A7C15ull) ^ (c * 0xC2B2AE3D27D4EB4Full));
  return r.next();
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------

Word2VecModel word2vec_init(const data::Vocab& vocab, const Word2VecOptions& options) {
  ATTEND_ASSERT(options.dim >= 1 && options.window >= 0 && options.negative >= 0, "word2vec options out of range");
  Word2VecModel m;
  m.options = options;
  m.vocab_size = vocab.size();
  m.dim = options.dim;
  m.stride = (options.dim + 15) / 16 * 16;
  m.in.assign(static_cast<size_t>(m.vocab_size) * m.stride, 0.0f);
  m.out.assign(static_cast<size_t>(m.vocab_size) * m.stride, 0.0f);
  SplitMix64 rng(options.seed);
  for (int w = 0; w < m.vocab_size; ++w)
    for (int k = 0; k < m.dim; ++k) m.in_row(w)[k] = static_cast<float>((rng.uniform() - 0.5) / m.dim);
  m.keep = data::subsample_thresholds(vocab, options.sample);
  m.noise = data::make_noise_table(vocab.counts, options.ns_exponent);
  return m;
}

bool word2vec_finished(const Word2VecModel& m) { return m.epoch >= m.options.epochs; }

Word2VecReport word2vec_train(Word2VecModel& m, const data::EncodedCorpus& corpus, TrainProgress* progress,
                              const std::function<void(const Word2VecModel&)>& publish, int64_t publish_words) {
  Word2VecReport r;
  const auto t0 = std::chrono::steady_clock::now();
  const int threads = std::max(1, m.options.threads);
  const int64_t tokens = static_cast<int64_t>(corpus.ids.size());
  RunShared shared;
  shared.total = tokens * m.options.epochs;
  shared.raw_per_token = tokens > 0 ? static_cast<double>(corpus.raw_words) / tokens : 1.0;
  shared.progress = progress;
  if (progress) {
    progress->total.store(corpus.raw_words * m.options.epochs);
    progress->done.store(0);
  }
  if (m.vocab_size == 0 || corpus.sentences() <= 0) return r;
  const std::vector<int64_t> cut = split_sentences(corpus, 0, corpus.sentences(), threads);
  std::vector<ThreadState> states;
  for (int t = 0; t < threads; ++t) states.emplace_back(mix_seed(m.options.seed, 0, t), m.stride);
  std::atomic<bool> cancelled{false};
  auto worker = [&](int t) {
    int64_t next_publish = publish_words;
    auto on_check = [&] {
      if (t != 0 || !publish) return;
      if (shared.done.load(std::memory_order_relaxed) >= next_publish) {
        publish(m);
        next_publish += publish_words;
      }
    };
    for (int e = 0; e < m.options.epochs && !cancelled.load(); ++e) {
      if (t == 0 && progress) progress->epoch.store(e);
      states[t].epoch_loss = 0;
      states[t].epoch_examples = 0;
      if (!train_range(m, corpus, cut[t], cut[t + 1], shared, states[t], on_check)) cancelled.store(true);
    }
  };
  // Dedicated threads for the whole run, as word2vec.c: each owns its share for every epoch, no barriers.
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (std::thread& th : pool) th.join();

  double loss = 0;
  int64_t examples = 0;
  for (const ThreadState& ts : states) {
    r.effective_words += ts.effective;
    r.examples += ts.examples_total;
    loss += ts.epoch_loss;
    examples += ts.epoch_examples;
  }
  r.loss = examples > 0 ? loss / examples : 0.0;
  r.cancelled = cancelled.load();
  const int64_t done = shared.done.load();
  r.raw_words = static_cast<int64_t>(std::llround(done * shared.raw_per_token));
  m.words_done = done;
  m.epoch = r.cancelled ? static_cast<int>(done / std::max<int64_t>(1, tokens)) : m.options.epochs;
  m.sentence = 0;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (progress) progress->epoch.store(m.epoch);
  return r;
}

Word2VecReport word2vec_train_slice(Word2VecModel& m, const data::EncodedCorpus& corpus, int64_t words,
                                    WorkerPool& pool, TrainProgress* progress) {
  Word2VecReport r;
  if (word2vec_finished(m) || corpus.sentences() <= 0 || m.vocab_size == 0) return r;
  const auto t0 = std::chrono::steady_clock::now();
  const int64_t tokens = static_cast<int64_t>(corpus.ids.size());
  // Whole sentences from the cursor up to `words` tokens, not past the end of the epoch.
  const int64_t s0 = m.sentence;
  const int64_t target = corpus.sentence_starts[s0] + std::max<int64_t>(1, words);
  int64_t s1 = std::upper_bound(corpus.sentence_starts.begin() + s0 + 1, corpus.sentence_starts.end(), target) -
               corpus.sentence_starts.begin() - 1;
  s1 = std::min(std::max(s1, s0 + 1), corpus.sentences());
  RunShared shared;
  shared.start = m.words_done;
  shared.total = tokens * m.options.epochs;
  shared.raw_per_token = tokens > 0 ? static_cast<double>(corpus.raw_words) / tokens : 1.0;
  shared.progress = progress;
  if (progress) {
    progress->total.store(corpus.raw_words * m.options.epochs);
    progress->epoch.store(m.epoch);
  }
  const int parts = pool.threads();
  const std::vector<int64_t> cut = split_sentences(corpus, s0, s1, parts);
  std::vector<ThreadState> states;
  for (int p = 0; p < parts; ++p) states.emplace_back(mix_seed(m.options.seed, m.slices + 1, p), m.stride);
  std::vector<char> ok(parts, 1);
  pool.for_each(parts, [&](int64_t p, int) {
    ok[p] = train_range(m, corpus, cut[p], cut[p + 1], shared, states[p]) ? 1 : 0;
  });
  ++m.slices;
  double loss = 0;
  int64_t examples = 0;
  for (const ThreadState& ts : states) {
    r.effective_words += ts.effective;
    r.examples += ts.examples_total;
    loss += ts.epoch_loss;
    examples += ts.epoch_examples;
  }
  r.loss = examples > 0 ? loss / examples : 0.0;
  r.cancelled = std::find(ok.begin(), ok.end(), 0) != ok.end();
  const int64_t done = shared.done.load();
  r.raw_words = static_cast<int64_t>(std::llround(done * shared.raw_per_token));
  m.words_done += done;
  m.sentence = s1;
  if (m.sentence >= corpus.sentences()) {
    m.sentence = 0;
    ++m.epoch;
  }
  if (progress) progress->epoch.store(m.epoch);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

Embeddings word2vec_embeddings(const Word2VecModel& m, const data::Vocab& vocab) {
  Embeddings e;
  e.rows = m.vocab_size;
  e.dim = m.dim;
  e.data.resize(static_cast<size_t>(e.rows) * e.dim);
  for (int w = 0; w < e.rows; ++w) std::copy(m.in_row(w), m.in_row(w) + m.dim, e.row(w));
  e.labels = vocab.words;
  e.index_labels();
  return e;
}

// ---------------------------------------------------------------------------------------------------------
// One example, exactly

double word2vec_example_loss(const float* v, const float* const* u, const float* labels, int n, int dim,
                             float* grad_v, float* grad_u) {
  double loss = 0;
  if (grad_v) std::fill(grad_v, grad_v + dim, 0.0f);
  for (int k = 0; k < n; ++k) {
    double f = 0;
    for (int d = 0; d < dim; ++d) f += static_cast<double>(u[k][d]) * v[d];
    // −log σ(f) = log(1 + e^{−f}) for the true word, −log σ(−f) = log(1 + e^{f}) for noise.
    loss += labels[k] > 0 ? std::log1p(std::exp(-f)) : std::log1p(std::exp(f));
    const double dl_df = 1.0 / (1.0 + std::exp(-f)) - labels[k];  // σ(f) − label
    for (int d = 0; d < dim; ++d) {
      if (grad_v) grad_v[d] += static_cast<float>(dl_df * u[k][d]);
      if (grad_u) grad_u[static_cast<size_t>(k) * dim + d] = static_cast<float>(dl_df * v[d]);
    }
  }
  return loss;
}

void word2vec_example_update(const float* v, float* const* u, const float* labels, int n, int dim, float lr,
                             float* work) {
  std::fill(work, work + dim, 0.0f);
  double loss = 0;
  for (int k = 0; k < n; ++k) {
    float f = 0;
    for (int d = 0; d < dim; ++d) f += u[k][d] * v[d];
    const float g = label_minus_sigmoid<true>(f, labels[k], loss) * lr;
    for (int d = 0; d < dim; ++d) work[d] += g * u[k][d];
    for (int d = 0; d < dim; ++d) u[k][d] += g * v[d];
  }
}

}  // namespace attend::embed
