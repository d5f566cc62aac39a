// Classification metrics (topic 28), computed as sklearn 1.2 computes them so a lesson can check its numbers
// against the library people use: accuracy, log loss, ROC curve points and AUC (tied scores become one
// diagonal step, so ties earn half credit), the confusion matrix, and per-class precision / recall / F1 with
// macro and weighted averages, printed like sklearn's classification_report.
//
// Labels are class indices 0..K-1; a binary score is "larger means class 1". A precision or recall whose
// denominator is zero is reported as 0 (sklearn's zero_division default, without the warning).
//
//   Result<RocCurve> roc = roc_curve(y, p1);     // roc->fpr, roc->tpr, roc->thresholds, roc->auc
//   std::string text = format_report(classification_report(y, pred), {"cat", "dog"});
#pragma once

#include <string>
#include <vector>

#include "core/util/result.h"

namespace attend::metrics {

// Fraction of positions where the labels agree (1 for empty input, as there is nothing wrong).
double accuracy(const std::vector<int>& y_true, const std::vector<int>& y_pred);

// Mean of −log p(true class). `proba` is n × n_classes, row-major; rows are clipped to [eps, 1 − eps] and
// renormalised first (eps = 2.2e-16, sklearn's 'auto' for float64), so a confident wrong answer costs ~36.
double log_loss(const std::vector<int>& y_true, const std::vector<double>& proba, int n_classes);
// Binary form: p1[i] is P(class 1).
double log_loss_binary(const std::vector<int>& y_true, const std::vector<double>& p1);

struct RocCurve {
  std::vector<double> fpr, tpr;    // from (0, 0) to (1, 1)
  std::vector<double> thresholds;  // thresholds[k]: predict 1 when score ≥ it; thresholds[0] = max score + 1
  double auc = 0;                  // trapezoidal area under (fpr, tpr)
};
// Points where the curve changes direction (drop_intermediate, as sklearn's default) or every distinct
// threshold. An error when y_true holds only one class: the curve is undefined.
Result<RocCurve> roc_curve(const std::vector<int>& y_true, const std::vector<double>& score,
                           bool drop_intermediate = true);
Result<double> roc_auc(const std::vector<int>& y_true, const std::vector<double>& score);
// Area under a polyline by the trapezoid rule (x must be monotone).
double trapezoid_area(const std::vector<double>& x, const std::vector<double>& y);

// counts[t · n_classes + p]: samples of true class t predicted as p.
struct ConfusionMatrix {
  int n_classes = 0;
  std::vector<int> counts;
  int at(int true_class, int predicted) const { return counts[static_cast<size_t>(true_class) * n_classes + predicted]; }
};
// n_classes 0: one more than the largest label seen.
ConfusionMatrix confusion_matrix(const std::vector<int>& y_true, const std::vector<int>& y_pred, int n_classes = 0);

struct ClassScores {
  double precision = 0, recall = 0, f1 = 0;
  int support = 0;  // samples whose true class this is
};

struct ClassificationReport {
  std::vector<ClassScores> per_class;
  double accuracy = 0;
  ClassScores macro;     // unweighted mean over classes
  ClassScores weighted;  // mean weighted by support
  int total = 0;
};
ClassificationReport classification_report(const std::vector<int>& y_true, const std::vector<int>& y_pred,
                                           int n_classes = 0);
// The table sklearn prints; class_names default to the indices.
std::string format_report(const ClassificationReport& r, const std::vector<std::string>& class_names = {},
                          int digits = 2);

}  // namespace attend::metrics
