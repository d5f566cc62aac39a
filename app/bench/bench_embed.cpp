// Embedding workloads of `attend bench` (../shared/bench/README.md, CONTRACT.md):
//   tsne_2000, tsne_5000  t-SNE on data/blobs_N.csv with sklearn's settings (perplexity 30, 1000 iterations,
//                         PCA start, Barnes–Hut θ 0.5, learning rate auto, early exaggeration 12)
//   w2v_corpus            skip-gram on data/corpus.txt with gensim's settings (dim 50, window 5, negative 5,
//                         5 epochs, min_count 5, sample 1e-3, alpha 0.025 → 0.0001)
// Timing covers what the peers time: sklearn's fit_transform (kNN, affinities and optimisation) and
// gensim's train() (not the vocabulary scan).
#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/bench/bench.h"
#include "core/data/corpus_vocab.h"
#include "core/embed/neighbours.h"
#include "core/embed/tsne.h"
#include "core/embed/word2vec.h"

namespace attend::bench {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Processor time of the whole process (all threads): on a shared machine, a one-thread run's cpu_seconds
// is what its wall time would be without the other load.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

struct Blobs {
  int n = 0, dim = 0;
  std::vector<double> x;  // n x dim
  std::vector<int> label;
};

// data/blobs_N.csv: a header x0..x49,label, then one row per point.
Blobs read_blobs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path + " (run ../shared/bench/sklearn_tsne.py once to make it)");
  Blobs b;
  std::string line;
  std::getline(in, line);
  for (char c : line) b.dim += c == ',';  // the last column is the label
  int line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    std::stringstream ss(line);
    std::string cell;
    int col = 0;
    while (std::getline(ss, cell, ',')) {
      if (col < b.dim) b.x.push_back(std::stod(cell));
      else b.label.push_back(std::stoi(cell));
      ++col;
    }
    if (col != b.dim + 1) throw std::runtime_error(path + ":" + std::to_string(line_no) + ": expected " +
                                                   std::to_string(b.dim + 1) + " columns");
    ++b.n;
  }
  return b;
}

// Fraction of each point's 10 nearest map neighbours that share its label (the peer's purity check).
double knn10_purity(const std::vector<float>& y, int dims, const std::vector<int>& label) {
  const int n = static_cast<int>(label.size());
  int64_t same = 0;
  std::vector<std::pair<float, int>> d(n);
  for (int i = 0; i < n; ++i) {
    int m = 0;
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      float s = 0;
      for (int c = 0; c < dims; ++c) {
        const float diff = y[static_cast<size_t>(i) * dims + c] - y[static_cast<size_t>(j) * dims + c];
        s += diff * diff;
      }
      d[m++] = {s, j};
    }
    std::partial_sort(d.begin(), d.begin() + 10, d.begin() + m);
    for (int k = 0; k < 10; ++k) same += label[d[k].second] == label[i];
  }
  return static_cast<double>(same) / (10.0 * n);
}

nlohmann::json run_tsne(const Options& opt, int n) {
  const Blobs b = read_blobs(opt.data_dir + "/blobs_" + std::to_string(n) + ".csv");
  double input_sum = 0;
  for (double v : b.x) input_sum += v;
  embed::TsneOptions o;  // sklearn's defaults are the struct's defaults
  o.threads = opt.threads;
  const auto t0 = Clock::now();
  const double c0 = cpu_seconds();
  auto s = embed::tsne_init(b.x.data(), b.n, b.dim, o);
  if (!s) throw std::runtime_error(s.error().to_string());
  const double init_s = seconds_since(t0);
  double kl_exaggerated = 0, kl_bh = 0;
  const auto t1 = Clock::now();
  for (int it = 0; it < 1000; ++it) {
    // sklearn evaluates its KL estimate every 50 iterations and at the end; so do we, at the same cost.
    const bool check = (it + 1) % 50 == 0 || it == 999;
    const embed::TsneStepReport r = embed::tsne_step(*s, check);
    if (it == 249) kl_exaggerated = r.kl;
    if (it == 999) kl_bh = r.kl;
  }
  const double optimise_s = seconds_since(t1);
  const double seconds = seconds_since(t0);
  const double cpu = cpu_seconds() - c0;
  const double kl = embed::tsne_kl_divergence(*s);
  return {{"n", b.n},
          {"seconds", seconds},
          {"cpu_seconds", cpu},
          {"kl", kl},
          {"kl_bh_estimate", kl_bh},
          {"kl_after_250_exaggerated", kl_exaggerated},
          {"knn10_purity", knn10_purity(s->y, s->dims, b.label)},
          {"affinities_s", init_s},
          {"iterations_per_s", 1000.0 / optimise_s},
          {"mean_sigma", s->mean_sigma},
          {"learning_rate", s->learning_rate},
          {"input_sum", input_sum}};
}

nlohmann::json run_w2v(const Options& opt) {
  const std::string path = opt.data_dir + "/corpus.txt";
  const auto t0 = Clock::now();
  data::CorpusOptions co;
  co.min_count = 5;
  auto corpus = data::load_corpus(path, co);
  if (!corpus) throw std::runtime_error(corpus.error().to_string());
  const double vocab_s = seconds_since(t0);
  embed::Word2VecOptions o;  // gensim's settings are the struct's defaults (sg, dim 50, window 5, ...)
  o.threads = opt.threads;
  embed::Word2VecModel m = embed::word2vec_init(corpus->vocab, o);
  const double c0 = cpu_seconds();
  const embed::Word2VecReport r = embed::word2vec_train(m, corpus->corpus);
  const double cpu = cpu_seconds() - c0;
  const embed::Embeddings e = embed::word2vec_embeddings(m, corpus->vocab);
  const embed::CosineIndex index(e);
  nlohmann::json neighbours = nlohmann::json::object();
  for (const char* w : {"software", "love", "computer", "hacker", "freedom"}) {
    std::vector<std::string> near;
    for (const embed::Neighbour& nb : index.nearest(index.find(w), 5)) near.push_back(e.labels[nb.index]);
    neighbours[w] = near;
  }
  return {{"seconds", r.seconds},
          {"cpu_seconds", cpu},
          {"raw_words_per_s", r.raw_words / r.seconds},
          {"effective_words_per_s", r.effective_words / r.seconds},
          {"raw_words_trained", r.raw_words},
          {"effective_words_trained", r.effective_words},
          {"vocab_size", corpus->vocab.size()},
          {"build_vocab_s", vocab_s},
          {"final_epoch_loss", r.loss},
          {"neighbours", neighbours}};
}

}  // namespace

void add_embedding_workloads(std::vector<Workload>& out) {
  out.push_back({"tsne_2000", "t-SNE of data/blobs_2000.csv, sklearn's settings",
                 [](const Options& o) { return run_tsne(o, 2000); }});
  out.push_back({"tsne_5000", "t-SNE of data/blobs_5000.csv, sklearn's settings",
                 [](const Options& o) { return run_tsne(o, 5000); }});
  out.push_back({"w2v_corpus", "skip-gram word2vec on data/corpus.txt, gensim's settings",
                 [](const Options& o) { return run_w2v(o); }});
}

}  // namespace attend::bench
