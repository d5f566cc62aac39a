// The classic models zoo (topic 27): every classifier behind one small interface, fitted on the same
// Playground dataset and evaluated on the same grid, so a view can draw their decision boundaries side by
// side — straight lines (logistic regression, LDA, linear SVM), quadrics (naive Bayes), kernel curves (RBF
// SVM), boxes (tree), smoothed boxes (forest), cells (k-NN with p = 1 or 2).
//
//   GridSpec g;                                            // Playground's [−6, 6]², 100 × 100
//   ZooRun run = run_zoo(data::Toy2DKind::Xor, 400, 0.1, 0.5, 7, all_zoo_models(), {}, g).value();
//   for (const ZooEntry& e : run.entries) draw_heatmap(e.grid.score, g.nx, g.ny);
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/classic/forest.h"
#include "core/classic/knn.h"
#include "core/classic/lda.h"
#include "core/classic/logistic.h"
#include "core/classic/matrix.h"
#include "core/classic/naive_bayes.h"
#include "core/classic/svm.h"
#include "core/classic/tree.h"
#include "core/data/toy2d.h"

namespace attend::classic {

enum class ZooModel { Logistic, Lda, LinearSvm, RbfSvm, Tree, Forest, Knn, NaiveBayes };
constexpr int kZooModelCount = 8;
const char* zoo_model_name(ZooModel m);  // "logistic", "lda", "linear_svm", "rbf_svm", "tree", "forest", "knn", "naive_bayes"
bool parse_zoo_model(const std::string& name, ZooModel* out);
std::vector<ZooModel> all_zoo_models();

struct ZooParams {
  double C = 1.0;           // logistic regression and both SVMs
  double gamma = 0;         // RBF SVM; 0 = 'scale'
  int max_depth = -1;       // tree (−1: grow fully); the forest always grows fully
  int n_trees = 100;
  int k = 5;                // k-NN
  double p = 2.0;           // k-NN Minkowski exponent
  uint32_t seed = 0;        // tree and forest random_state
  int threads = 0;          // forest
};

// A fitted classifier of any zoo kind.
struct Classifier {
  ZooModel kind = ZooModel::Logistic;
  int n_classes = 2;
  std::variant<LogisticModel, Lda, Svm, SvmOvo, DecisionTree, RandomForest, Knn, GaussianNb> model;  // SvmOvo: K > 2
};

Result<Classifier> fit_classifier(ZooModel kind, const Matrix& X, const std::vector<int>& y, const ZooParams& p = {});
std::vector<int> predict(const Classifier& c, const Matrix& X);
// n × K class probabilities; the SVMs, which have none, give a one-hot of their prediction (two classes) or
// their one-vs-one vote fractions (more).
Matrix predict_proba(const Classifier& c, const Matrix& X);
// One number per row for a binary classifier: P(class 1), or the SVM's signed distance-like score.
std::vector<double> class1_score(const Classifier& c, const Matrix& X);
bool score_is_probability(ZooModel m);  // false for the SVMs (their score is a margin, 0 at the boundary)

// The model evaluated over a grid, for a heatmap with the boundary at score = threshold.
struct DecisionGrid {
  GridSpec spec;
  std::vector<double> score;  // ny × nx, row i is y_i (see grid_points)
  std::vector<int> label;     // predicted class per cell
  bool probability = true;    // score is P(class 1); otherwise an SVM margin
  double threshold = 0.5;     // 0.5 for probabilities, 0 for margins
};
DecisionGrid decision_grid(const Classifier& c, const GridSpec& g);

struct ZooEntry {
  ZooModel kind = ZooModel::Logistic;
  std::string name;
  DecisionGrid grid;
  double train_accuracy = 0, test_accuracy = 0;
  double test_log_loss = 0;  // NaN for the SVMs
  double fit_ms = 0;
  std::string error;         // a model that could not be fitted says why, the others still run
};

struct ZooRun {
  std::vector<data::Point2> train, test;  // labels ±1 as Playground gives them; class 1 is +1
  std::vector<ZooEntry> entries;
};

// Generates the Playground dataset (a classification kind), splits it like Playground and fits every model.
Result<ZooRun> run_zoo(data::Toy2DKind dataset, int n_points, double noise, double train_fraction, uint64_t seed,
                       const std::vector<ZooModel>& models, const ZooParams& params, const GridSpec& grid);
// The same on points given by the caller (labels ±1 or 0/1).
Result<ZooRun> run_zoo_on(const std::vector<data::Point2>& train, const std::vector<data::Point2>& test,
                          const std::vector<ZooModel>& models, const ZooParams& params, const GridSpec& grid);

// Points as a Matrix of (x, y) and labels mapped to 0/1 (label > 0 → 1).
Matrix points_matrix(const std::vector<data::Point2>& pts);
std::vector<int> points_labels(const std::vector<data::Point2>& pts);

}  // namespace attend::classic
