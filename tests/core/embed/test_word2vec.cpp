#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/data/corpus_vocab.h"
#include "core/embed/neighbours.h"
#include "core/embed/word2vec.h"
#include "core/embed/worker_pool.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::embed;

namespace {

std::vector<float> random_vector(SplitMix64& rng, int dim, double scale) {
  std::vector<float> v(dim);
  for (float& x : v) x = static_cast<float>(scale * rng.normal());
  return v;
}

// Two topics that never share a sentence: words of a topic should end up nearest each other.
std::vector<std::string> two_topic_corpus(int sentences, uint64_t seed) {
  const std::vector<std::string> a = {"cat", "dog", "mouse", "horse", "cow", "sheep"};
  const std::vector<std::string> b = {"cpu", "disk", "kernel", "cache", "thread", "socket"};
  SplitMix64 rng(seed);
  std::vector<std::string> lines;
  for (int s = 0; s < sentences; ++s) {
    const auto& topic = s % 2 ? a : b;
    std::string line;
    for (int w = 0; w < 12; ++w) line += topic[rng.below(topic.size())] + " ";
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("word2vec: the example loss's gradients match finite differences") {
  SplitMix64 rng(1);
  const int dim = 7, n = 4;
  std::vector<float> v = random_vector(rng, dim, 0.5);
  std::vector<std::vector<float>> u;
  for (int k = 0; k < n; ++k) u.push_back(random_vector(rng, dim, 0.5));
  const float labels[n] = {1, 0, 0, 0};
  auto loss = [&]() {
    const float* up[n] = {u[0].data(), u[1].data(), u[2].data(), u[3].data()};
    return word2vec_example_loss(v.data(), up, labels, n, dim);
  };
  std::vector<float> gv(dim), gu(static_cast<size_t>(n) * dim);
  const float* up[n] = {u[0].data(), u[1].data(), u[2].data(), u[3].data()};
  word2vec_example_loss(v.data(), up, labels, n, dim, gv.data(), gu.data());
  const float h = 1e-3f;
  for (int d = 0; d < dim; ++d) {
    const float keep = v[d];
    v[d] = keep + h;
    const double lp = loss();
    v[d] = keep - h;
    const double lm = loss();
    v[d] = keep;
    CHECK(gv[d] == doctest::Approx((lp - lm) / (2 * h)).epsilon(1e-3).scale(1e-3));
  }
  for (int k = 0; k < n; ++k)
    for (int d = 0; d < dim; ++d) {
      const float keep = u[k][d];
      u[k][d] = keep + h;
      const double lp = loss();
      u[k][d] = keep - h;
      const double lm = loss();
      u[k][d] = keep;
      CHECK(gu[k * dim + d] == doctest::Approx((lp - lm) / (2 * h)).epsilon(1e-3).scale(1e-3));
    }
}

TEST_CASE("word2vec: the trainer's update is a gradient step (u -= lr dL/du, work = -lr dL/dv)") {
  SplitMix64 rng(2);
  const int dim = 5, n = 3;
  const float lr = 0.05f;
  const std::vector<float> v = random_vector(rng, dim, 0.5);
  std::vector<std::vector<float>> u;
  for (int k = 0; k < n; ++k) u.push_back(random_vector(rng, dim, 0.5));
  const float labels[n] = {1, 0, 0};
  // Gradients at the starting point; the trainer updates u_k one after another, and each u_k's gradient
  // depends only on v, so all of them are exact gradient steps.
  std::vector<float> gv(dim), gu(static_cast<size_t>(n) * dim);
  const float* cu[n] = {u[0].data(), u[1].data(), u[2].data()};
  word2vec_example_loss(v.data(), cu, labels, n, dim, gv.data(), gu.data());
  std::vector<std::vector<float>> before = u;
  float* mu[n] = {u[0].data(), u[1].data(), u[2].data()};
  std::vector<float> work(dim);
  word2vec_example_update(v.data(), mu, labels, n, dim, lr, work.data());
  for (int k = 0; k < n; ++k)
    for (int d = 0; d < dim; ++d) CHECK(u[k][d] == doctest::Approx(before[k][d] - lr * gu[k * dim + d]).epsilon(1e-6));
  for (int d = 0; d < dim; ++d) CHECK(work[d] == doctest::Approx(-lr * gv[d]).epsilon(1e-5));
}

TEST_CASE("word2vec: skip-gram learns the topics, one thread and a seed give the same vectors") {
  data::CorpusOptions co;
  co.min_count = 1;
  const data::LoadedCorpus c = data::build_corpus(two_topic_corpus(400, 3), co);
  Word2VecOptions o;
  o.dim = 16;
  o.epochs = 3;
  o.sample = 0;
  o.window = 3;
  Word2VecModel m1 = word2vec_init(c.vocab, o);
  Word2VecModel m2 = word2vec_init(c.vocab, o);
  TrainProgress progress;
  const Word2VecReport r = word2vec_train(m1, c.corpus, &progress);
  word2vec_train(m2, c.corpus);
  CHECK(m1.in == m2.in);
  CHECK(m1.out == m2.out);
  CHECK(r.raw_words == 3 * c.corpus.raw_words);
  CHECK(r.effective_words == r.raw_words);  // no subsampling
  CHECK(progress.fraction() == doctest::Approx(1.0));
  CHECK(r.loss < 0.6 * 6 * std::log(2.0));  // below the loss of untrained vectors: (1 + negative)·ln 2
  const Embeddings e = word2vec_embeddings(m1, c.vocab);
  const CosineIndex idx(e);
  for (const char* w : {"cat", "cpu"}) {
    const bool animal = std::string(w) == "cat";
    for (const Neighbour& nb : idx.nearest(idx.find(w), 4)) {
      const std::string& other = e.labels[nb.index];
      const bool other_animal = other == "dog" || other == "mouse" || other == "horse" || other == "cow" ||
                                other == "sheep" || other == "cat";
      CHECK_MESSAGE(other_animal == animal, w << " has neighbour " << other);
    }
  }
}

TEST_CASE("word2vec: CBOW and the stepwise slices train too, over a pool of threads") {
  data::CorpusOptions co;
  co.min_count = 1;
  const data::LoadedCorpus c = data::build_corpus(two_topic_corpus(300, 4), co);
  Word2VecOptions o;
  o.arch = Word2VecArch::Cbow;
  o.dim = 16;
  o.epochs = 2;
  o.alpha = 0.05;
  Word2VecModel m = word2vec_init(c.vocab, o);
  WorkerPool pool(2);
  TrainProgress progress;
  double first_loss = -1, last_loss = 0;
  int slices = 0;
  while (!word2vec_finished(m)) {
    const Word2VecReport r = word2vec_train_slice(m, c.corpus, 500, pool, &progress);
    if (first_loss < 0) first_loss = r.loss;
    last_loss = r.loss;
    ++slices;
    REQUIRE(slices < 1000);
  }
  CHECK(slices > 4);
  CHECK(m.words_done == 2 * static_cast<int64_t>(c.corpus.ids.size()));
  CHECK(last_loss < first_loss);
  CHECK(progress.fraction() == doctest::Approx(1.0));
  CHECK(progress.learning_rate.load() < 0.01f);  // decayed towards min_alpha
}

TEST_CASE("word2vec: a run publishes its vectors periodically and reports progress to other threads") {
  data::CorpusOptions co;
  co.min_count = 1;
  const data::LoadedCorpus c = data::build_corpus(two_topic_corpus(2000, 6), co);  // 24,000 tokens
  Word2VecOptions o;
  o.dim = 8;
  o.epochs = 2;
  o.threads = 2;
  Word2VecModel m = word2vec_init(c.vocab, o);
  TrainProgress progress;
  std::vector<std::vector<float>> published;
  std::vector<int64_t> done_seen;
  const Word2VecReport r = word2vec_train(m, c.corpus, &progress, [&](const Word2VecModel& model) {
    published.emplace_back(model.in.begin(), model.in.end());
    done_seen.push_back(progress.done.load());
  }, 10000);
  CHECK(r.raw_words == 2 * c.corpus.raw_words);
  CHECK(published.size() >= 2);
  for (size_t i = 1; i < done_seen.size(); ++i) CHECK(done_seen[i] > done_seen[i - 1]);
  CHECK(published.front() != published.back());  // the copies show training moving on
  CHECK(progress.done.load() == progress.total.load());
}

TEST_CASE("word2vec: cancelling stops the run early") {
  data::CorpusOptions co;
  co.min_count = 1;
  const data::LoadedCorpus c = data::build_corpus(two_topic_corpus(3000, 5), co);
  Word2VecOptions o;
  o.dim = 8;
  o.epochs = 50;
  Word2VecModel m = word2vec_init(c.vocab, o);
  TrainProgress progress;
  progress.cancel = true;
  const Word2VecReport r = word2vec_train(m, c.corpus, &progress);
  CHECK(r.cancelled);
  CHECK(r.raw_words < c.corpus.raw_words);
}
