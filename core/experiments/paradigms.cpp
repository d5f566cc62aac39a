#include "core/experiments/paradigms.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <utility>

#include "core/classic/kmeans.h"
#include "core/data/playground_data.h"
#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::experiments {
namespace {

// A subset of points by index.
data::Points2D subset(const data::Points2D& d, const std::vector<int>& index) {
  data::Points2D out;
  for (int i : index) {
    out.xy.push_back(d.xy[2 * static_cast<size_t>(i)]);
    out.xy.push_back(d.xy[2 * static_cast<size_t>(i) + 1]);
    out.label.push_back(d.label[static_cast<size_t>(i)]);
  }
  return out;
}

// The first `count` training points, alternating classes so both are present from the start.
std::vector<int> balanced_first(const data::Points2D& d, int count) {
  std::vector<int> pos, neg, out;
  for (int i = 0; i < d.size(); ++i) (d.label[static_cast<size_t>(i)] > 0 ? pos : neg).push_back(i);
  for (size_t k = 0; static_cast<int>(out.size()) < count && (k < pos.size() || k < neg.size()); ++k) {
    if (k < pos.size()) out.push_back(pos[k]);
    if (static_cast<int>(out.size()) < count && k < neg.size()) out.push_back(neg[k]);
  }
  return out;
}

}  // namespace

nn::PlaygroundNet train_playground(const ParadigmSetup& s, const float* xy, const float* labels, int n, uint64_t seed) {
  SplitMix64 rng(seed);
  nn::PlaygroundNet net = nn::make_playground_net(s.net, rng);
  if (n <= 0) return net;
  nn::PlaygroundWorkspace ws;
  const int batch = std::clamp(s.batch, 1, n);
  int cursor = 0;
  for (int step = 0; step < s.steps; ++step) {
    if (cursor + batch > n) cursor = 0;
    nn::train_step(net, xy + 2 * cursor, labels + cursor, batch, s.lr, ws);
    cursor += batch;
  }
  return net;
}

ParadigmFit score(const ParadigmSetup& s, const nn::PlaygroundNet& net, const data::Points2D& test, const char* name,
                  int labels_used) {
  ParadigmFit f;
  f.name = name;
  f.labels_used = labels_used;
  nn::PlaygroundWorkspace ws;
  if (test.size() > 0) {
    const nn::PlaygroundEval e = nn::evaluate(net, test.xy.data(), test.label.data(), test.size(), ws);
    f.test_accuracy = e.accuracy;
    f.test_loss = e.loss;
  }
  f.grid.resize(static_cast<size_t>(s.grid_res) * s.grid_res);
  nn::predict_grid(net, s.grid_res, -s.extent, s.extent, f.grid.data(), ws);
  return f;
}

Clustering run_clustering(const ParadigmSetup& s, const data::Points2D& train, int k) {
  Clustering c;
  c.k = k;
  classic::KMeansOptions o;
  o.k = k;
  o.seed = s.seed;
  o.n_init = 4;
  const classic::KMeansResult r = classic::kmeans(train.xy.data(), train.size(), 2, o);
  c.cluster = r.labels;
  c.centers = r.centers;
  c.inertia = r.inertia;
  // Purity: each cluster votes for its majority class.
  std::map<int, std::pair<int, int>> votes;  // cluster → (positives, negatives)
  for (int i = 0; i < train.size(); ++i) {
    auto& v = votes[r.labels[static_cast<size_t>(i)]];
    (train.label[static_cast<size_t>(i)] > 0 ? v.first : v.second)++;
  }
  int right = 0;
  for (const auto& [cluster, v] : votes) right += std::max(v.first, v.second);
  c.purity = train.size() > 0 ? static_cast<double>(right) / train.size() : 0;
  return c;
}

WeakSupervision run_weak(const ParadigmSetup& s, const data::Points2D& train, const data::Points2D& test, double flip,
                         double coarse_cell) {
  ATTEND_ASSERT(coarse_cell > 0, "run_weak: the coarse cell size must be positive");
  WeakSupervision w;
  w.flip = flip;
  w.coarse_cell = coarse_cell;
  const int n = train.size();
  SplitMix64 rng(s.seed * 31 + 7);
  w.noisy_labels = train.label;
  for (float& l : w.noisy_labels)
    if (rng.uniform() < flip) l = -l;
  // Coarse: the majority label of each cell (ties go to +1).
  auto cell_of = [&](int i) {
    const int cx = static_cast<int>(std::floor((train.xy[2 * static_cast<size_t>(i)] + s.extent) / coarse_cell));
    const int cy = static_cast<int>(std::floor((train.xy[2 * static_cast<size_t>(i) + 1] + s.extent) / coarse_cell));
    return std::make_pair(cx, cy);
  };
  std::map<std::pair<int, int>, int> balance;
  for (int i = 0; i < n; ++i) balance[cell_of(i)] += train.label[static_cast<size_t>(i)] > 0 ? 1 : -1;
  w.coarse_labels.resize(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) w.coarse_labels[static_cast<size_t>(i)] = balance[cell_of(i)] >= 0 ? 1.f : -1.f;
  for (int i = 0; i < n; ++i) {
    w.noisy_wrong += w.noisy_labels[static_cast<size_t>(i)] != train.label[static_cast<size_t>(i)];
    w.coarse_wrong += w.coarse_labels[static_cast<size_t>(i)] != train.label[static_cast<size_t>(i)];
  }
  if (n > 0) w.noisy_wrong /= n, w.coarse_wrong /= n;
  const uint64_t seed = s.seed + 101;
  w.clean = score(s, train_playground(s, train.xy.data(), train.label.data(), n, seed), test, "clean labels", n);
  w.noisy = score(s, train_playground(s, train.xy.data(), w.noisy_labels.data(), n, seed), test, "noisy labels", n);
  w.coarse = score(s, train_playground(s, train.xy.data(), w.coarse_labels.data(), n, seed), test, "coarse labels", n);
  return w;
}

SemiSupervised run_semi(const ParadigmSetup& s, const data::Points2D& train, const data::Points2D& test, int labelled,
                        double weight, double perturbation) {
  SemiSupervised r;
  r.labelled = labelled;
  r.consistency_weight = weight;
  r.perturbation = perturbation;
  r.labelled_index = balanced_first(train, labelled);
  const data::Points2D lab = subset(train, r.labelled_index);
  const uint64_t seed = s.seed + 202;
  r.supervised_only = score(s, train_playground(s, lab.xy.data(), lab.label.data(), lab.size(), seed), test,
                            "labelled points only", lab.size());

  // Π-model: each update adds λ × the gradient of ½(f(x + ε₁) − f(x + ε₂))² with f(x + ε₂) held fixed.
  SplitMix64 init(seed);
  nn::PlaygroundNet net = nn::make_playground_net(s.net, init);
  nn::PlaygroundWorkspace ws;
  SplitMix64 noise(s.seed * 17 + 3);
  const int nl = lab.size(), nu = train.size();
  const int batch = std::clamp(s.batch, 1, std::max(1, nu));
  std::vector<float> x1(2 * static_cast<size_t>(batch)), x2(x1.size()), target(static_cast<size_t>(batch));
  float gw[nn::kPlaygroundMaxLayers][nn::kPlaygroundMaxWidth][nn::kPlaygroundMaxWidth];
  float gb[nn::kPlaygroundMaxLayers][nn::kPlaygroundMaxWidth];
  int lc = 0, uc = 0;
  const int lb = std::clamp(s.batch, 1, std::max(1, nl));
  for (int step = 0; step < s.steps && nl > 0; ++step) {
    if (lc + lb > nl) lc = 0;
    nn::compute_gradients(net, lab.xy.data() + 2 * lc, lab.label.data() + lc, lb, ws);
    lc += lb;
    std::memcpy(gw, net.gw, sizeof gw);
    std::memcpy(gb, net.gb, sizeof gb);
    if (uc + batch > nu) uc = 0;
    for (int k = 0; k < batch; ++k)
      for (int d = 0; d < 2; ++d) {
        const float x = train.xy[2 * static_cast<size_t>(uc + k) + static_cast<size_t>(d)];
        x1[2 * static_cast<size_t>(k) + static_cast<size_t>(d)] = x + static_cast<float>(perturbation * noise.normal());
        x2[2 * static_cast<size_t>(k) + static_cast<size_t>(d)] = x + static_cast<float>(perturbation * noise.normal());
      }
    uc += batch;
    nn::predict(net, x2.data(), batch, target.data(), ws);
    nn::compute_gradients(net, x1.data(), target.data(), batch, ws);
    const float lambda = static_cast<float>(weight);
    for (int l = 0; l < nn::kPlaygroundMaxLayers; ++l)
      for (int j = 0; j < nn::kPlaygroundMaxWidth; ++j) {
        net.gb[l][j] = gb[l][j] + lambda * net.gb[l][j];
        for (int i = 0; i < nn::kPlaygroundMaxWidth; ++i) net.gw[l][j][i] = gw[l][j][i] + lambda * net.gw[l][j][i];
      }
    nn::sgd_update(net, s.lr);
  }
  r.consistency = score(s, net, test, "labelled + consistency on unlabelled", nl);
  return r;
}

ActiveLearning run_active(const ParadigmSetup& s, const data::Points2D& train, const data::Points2D& test, int start,
                          int per_round, int rounds) {
  ActiveLearning a;
  a.start = start;
  a.per_round = per_round;
  a.rounds = rounds;
  const int n = train.size();
  const std::vector<int> first = balanced_first(train, start);
  nn::PlaygroundWorkspace ws;
  SplitMix64 pick_rng(s.seed * 13 + 5);
  for (int strategy = 0; strategy < 2; ++strategy) {
    std::vector<int> chosen = first;
    std::vector<char> used(static_cast<size_t>(n), 0);
    for (int i : chosen) used[static_cast<size_t>(i)] = 1;
    std::vector<int>& picked = strategy == 0 ? a.picked_uncertain : a.picked_random;
    std::vector<double>& acc = strategy == 0 ? a.accuracy_uncertain : a.accuracy_random;
    for (int round = 0; round <= rounds; ++round) {
      const data::Points2D lab = subset(train, chosen);
      const nn::PlaygroundNet net = train_playground(s, lab.xy.data(), lab.label.data(), lab.size(), s.seed + 303);
      const ParadigmFit f = score(s, net, test, strategy == 0 ? "uncertainty" : "random", lab.size());
      acc.push_back(f.test_accuracy);
      if (strategy == 0) a.labels.push_back(lab.size());
      if (round == rounds) {
        (strategy == 0 ? a.final_uncertain : a.final_random) = f;
        break;
      }
      std::vector<int> pool;
      for (int i = 0; i < n; ++i)
        if (!used[static_cast<size_t>(i)]) pool.push_back(i);
      if (pool.empty()) break;
      std::vector<int> take;
      if (strategy == 0) {
        std::vector<float> out(static_cast<size_t>(n));
        nn::predict(net, train.xy.data(), n, out.data(), ws);
        std::stable_sort(pool.begin(), pool.end(), [&](int p, int q) {
          return std::abs(out[static_cast<size_t>(p)]) < std::abs(out[static_cast<size_t>(q)]);
        });
        take.assign(pool.begin(), pool.begin() + std::min<std::ptrdiff_t>(per_round, static_cast<std::ptrdiff_t>(pool.size())));
      } else {
        for (int k = 0; k < per_round && !pool.empty(); ++k) {
          const size_t j = static_cast<size_t>(pick_rng.uniform() * static_cast<double>(pool.size()));
          take.push_back(pool[j]);
          pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(j));
        }
      }
      for (int i : take) {
        chosen.push_back(i);
        used[static_cast<size_t>(i)] = 1;
        picked.push_back(i);
      }
    }
  }
  return a;
}

Paradigms run_paradigms(const ParadigmSetup& s) {
  Paradigms p;
  data::PlaygroundDataSpec spec;
  spec.dataset = s.dataset;
  spec.noise = s.noise;
  spec.train_fraction = s.train_fraction;
  spec.seed = s.seed;
  Result<data::PlaygroundData> d = data::make_playground_data(spec);
  ATTEND_ASSERT(d.ok(), "run_paradigms: the setup names a dataset make_playground_data does not know");
  ATTEND_ASSERT(!d->regression, "run_paradigms: a classification dataset is needed");
  p.train = d->train;
  p.test = d->test;
  p.supervised = score(s, train_playground(s, p.train.xy.data(), p.train.label.data(), p.train.size(), s.seed + 101),
                       p.test, "every label", p.train.size());
  p.clustering = run_clustering(s, p.train, 2);
  p.weak = run_weak(s, p.train, p.test, 0.3, 4);
  p.semi = run_semi(s, p.train, p.test, 8, 1.0, 0.5);
  p.active = run_active(s, p.train, p.test, 4, 4, 10);
  return p;
}

}  // namespace attend::experiments
