// Learning paradigms (topic 15) as experiments on the playground's data and network, each with the decision
// surface it ends with so a view can draw it:
//   - supervised: every training label (the baseline the others are measured against);
//   - unsupervised: k-means (classic/kmeans.h) on the points without labels, scored by purity (each
//     cluster's majority class) — it finds the gaussians and fails on the circle, whose classes are not
//     groups by distance;
//   - weakly supervised: labels flipped at random with probability p (noisy), or every point given the
//     majority label of its coarse grid cell (coarse); test accuracy is on the clean labels;
//   - semi-supervised: a few labelled points plus many unlabelled ones; supervised training alone vs
//     training with a consistency loss on the unlabelled points (Π-model: the output at x + ε₁ is pulled
//     towards the output at x + ε₂, the latter held fixed), which moves the boundary out of dense regions;
//   - active learning: start from a few labels and in each round label the points the model is least sure
//     of (|f(x)| smallest) vs points picked at random, with the test accuracy after each round.
// Everything is deterministic given the seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/points_csv.h"
#include "core/nn/playground_net.h"

namespace attend::experiments {

struct ParadigmSetup {
  std::string dataset = "circle";   // a Playground classification set: circle, xor, gauss, spiral
  double noise = 0.1;
  double train_fraction = 0.5;
  uint64_t seed = 1;
  nn::PlaygroundConfig net = [] {
    nn::PlaygroundConfig c;
    c.hidden = {8, 6};
    return c;
  }();
  float lr = 0.03f;
  int batch = 10;
  int steps = 3000;                 // updates per training run
  int grid_res = 40;
  float extent = 6.f;
};

// A trained model's score and picture.
struct ParadigmFit {
  std::string name;
  double test_accuracy = 0, test_loss = 0;
  int labels_used = 0;
  std::vector<float> grid;          // grid_res², as nn::predict_grid (row 0 = bottom)
};

struct Clustering {
  int k = 2;
  std::vector<int> cluster;         // per training point
  std::vector<double> centers;      // k×2
  double purity = 0;                // fraction of points whose cluster's majority class is their class
  double inertia = 0;
};

struct WeakSupervision {
  double flip = 0.3;                // the noisy labels' flip probability
  double coarse_cell = 4;           // the coarse labels' cell size (data units)
  std::vector<float> noisy_labels, coarse_labels;  // what the weak models trained on (per training point)
  double noisy_wrong = 0, coarse_wrong = 0;        // fraction of training labels that are wrong
  ParadigmFit clean, noisy, coarse;
};

struct SemiSupervised {
  int labelled = 8;
  double consistency_weight = 1.0;
  double perturbation = 0.5;        // σ of the Gaussian input noise ε
  std::vector<int> labelled_index;  // training points whose labels were used
  ParadigmFit supervised_only, consistency;
};

struct ActiveLearning {
  int start = 4, per_round = 4, rounds = 10;
  std::vector<int> labels;                      // labels used after each round (start, start + per_round, …)
  std::vector<double> accuracy_uncertain, accuracy_random;
  std::vector<int> picked_uncertain;            // training points labelled by uncertainty, in order
  std::vector<int> picked_random;
  ParadigmFit final_uncertain, final_random;
};

struct Paradigms {
  data::Points2D train, test;
  ParadigmFit supervised;
  Clustering clustering;
  WeakSupervision weak;
  SemiSupervised semi;
  ActiveLearning active;
};

// Trains a fresh playground network on n points (labels ±1) for `steps` mini-batch updates.
nn::PlaygroundNet train_playground(const ParadigmSetup& s, const float* xy, const float* labels, int n, uint64_t seed);
ParadigmFit score(const ParadigmSetup& s, const nn::PlaygroundNet& net, const data::Points2D& test, const char* name,
                  int labels_used);

Clustering run_clustering(const ParadigmSetup& s, const data::Points2D& train, int k);
WeakSupervision run_weak(const ParadigmSetup& s, const data::Points2D& train, const data::Points2D& test, double flip,
                         double coarse_cell);
SemiSupervised run_semi(const ParadigmSetup& s, const data::Points2D& train, const data::Points2D& test, int labelled,
                        double weight, double perturbation);
ActiveLearning run_active(const ParadigmSetup& s, const data::Points2D& train, const data::Points2D& test, int start,
                          int per_round, int rounds);

// All of the above on the setup's dataset (k = 2 clusters, flip 0.3, coarse cells of 4, 8 labelled points,
// active learning from 4 labels by 4 for 10 rounds).
Paradigms run_paradigms(const ParadigmSetup& s);

}  // namespace attend::experiments
