#include "core/metrics/classification.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "core/util/assert.h"

namespace attend::metrics {

double accuracy(const std::vector<int>& y_true, const std::vector<int>& y_pred) {
  ATTEND_ASSERT(y_true.size() == y_pred.size(), "accuracy: y_true and y_pred have different lengths");
  if (y_true.empty()) return 1.0;
  size_t ok = 0;
  for (size_t i = 0; i < y_true.size(); ++i) ok += y_true[i] == y_pred[i];
  return static_cast<double>(ok) / static_cast<double>(y_true.size());
}

double log_loss(const std::vector<int>& y_true, const std::vector<double>& proba, int n_classes) {
  ATTEND_ASSERT(n_classes >= 2, "log_loss: needs at least two classes");
  ATTEND_ASSERT(proba.size() == y_true.size() * static_cast<size_t>(n_classes),
                "log_loss: proba must hold n × n_classes values");
  if (y_true.empty()) return 0.0;
  const double eps = 2.220446049250313e-16;
  double total = 0;
  std::vector<double> row(static_cast<size_t>(n_classes));
  for (size_t i = 0; i < y_true.size(); ++i) {
    ATTEND_ASSERT(y_true[i] >= 0 && y_true[i] < n_classes, "log_loss: a label is outside 0..n_classes-1");
    double s = 0;
    for (int c = 0; c < n_classes; ++c) s += (row[c] = std::clamp(proba[i * n_classes + c], eps, 1.0 - eps));
    total -= std::log(row[y_true[i]] / s);
  }
  return total / static_cast<double>(y_true.size());
}

double log_loss_binary(const std::vector<int>& y_true, const std::vector<double>& p1) {
  ATTEND_ASSERT(y_true.size() == p1.size(), "log_loss_binary: y_true and p1 have different lengths");
  std::vector<double> proba(2 * p1.size());
  for (size_t i = 0; i < p1.size(); ++i) {
    proba[2 * i] = 1.0 - p1[i];
    proba[2 * i + 1] = p1[i];
  }
  return log_loss(y_true, proba, 2);
}

double trapezoid_area(const std::vector<double>& x, const std::vector<double>& y) {
  ATTEND_ASSERT(x.size() == y.size(), "trapezoid_area: x and y have different lengths");
  double a = 0;
  for (size_t k = 1; k < x.size(); ++k) a += (x[k] - x[k - 1]) * (y[k] + y[k - 1]) / 2;
  return a;
}

Result<RocCurve> roc_curve(const std::vector<int>& y_true, const std::vector<double>& score, bool drop_intermediate) {
  ATTEND_ASSERT(y_true.size() == score.size(), "roc_curve: y_true and score have different lengths");
  const size_t n = y_true.size();
  size_t pos = 0;
  for (size_t i = 0; i < n; ++i) {
    if (y_true[i] != 0 && y_true[i] != 1) return make_error("ROC curve: labels must be 0 or 1 (binary)");
    if (std::isnan(score[i])) return make_error("ROC curve: score[" + std::to_string(i) + "] is NaN");
    pos += y_true[i];
  }
  if (pos == 0 || pos == n)
    return make_error("ROC curve: y_true holds only one class, so one of the rates is 0/0; the curve needs both");
  // Scores in decreasing order (sklearn: a stable sort, reversed), one point per distinct score.
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] < score[b]; });
  std::reverse(order.begin(), order.end());
  std::vector<double> tps, fps, thr;
  double tp = 0;
  for (size_t k = 0; k < n; ++k) {
    tp += y_true[order[k]];
    if (k + 1 < n && score[order[k + 1]] == score[order[k]]) continue;
    tps.push_back(tp);
    fps.push_back(static_cast<double>(k + 1) - tp);
    thr.push_back(score[order[k]]);
  }
  if (drop_intermediate && fps.size() > 2) {
    // Keep a point when the curve bends there (a non-zero second difference in fps or tps) and both ends.
    std::vector<double> t2, f2, h2;
    for (size_t k = 0; k < fps.size(); ++k) {
      const bool keep = k == 0 || k + 1 == fps.size() || (fps[k + 1] - 2 * fps[k] + fps[k - 1]) != 0 ||
                        (tps[k + 1] - 2 * tps[k] + tps[k - 1]) != 0;
      if (keep) t2.push_back(tps[k]), f2.push_back(fps[k]), h2.push_back(thr[k]);
    }
    tps.swap(t2), fps.swap(f2), thr.swap(h2);
  }
  RocCurve r;
  r.thresholds.push_back(thr.front() + 1);
  r.fpr.push_back(0);
  r.tpr.push_back(0);
  const double P = tps.back(), N = fps.back();
  for (size_t k = 0; k < tps.size(); ++k) {
    r.fpr.push_back(fps[k] / N);
    r.tpr.push_back(tps[k] / P);
    r.thresholds.push_back(thr[k]);
  }
  r.auc = trapezoid_area(r.fpr, r.tpr);
  return r;
}

Result<double> roc_auc(const std::vector<int>& y_true, const std::vector<double>& score) {
  Result<RocCurve> r = roc_curve(y_true, score, true);
  if (!r) return r.error();
  return r->auc;
}

ConfusionMatrix confusion_matrix(const std::vector<int>& y_true, const std::vector<int>& y_pred, int n_classes) {
  ATTEND_ASSERT(y_true.size() == y_pred.size(), "confusion_matrix: y_true and y_pred have different lengths");
  if (n_classes <= 0) {
    n_classes = 0;
    for (size_t i = 0; i < y_true.size(); ++i) n_classes = std::max({n_classes, y_true[i] + 1, y_pred[i] + 1});
  }
  ConfusionMatrix m;
  m.n_classes = n_classes;
  m.counts.assign(static_cast<size_t>(n_classes) * n_classes, 0);
  for (size_t i = 0; i < y_true.size(); ++i) {
    ATTEND_ASSERT(y_true[i] >= 0 && y_true[i] < n_classes && y_pred[i] >= 0 && y_pred[i] < n_classes,
                  "confusion_matrix: a label is outside 0..n_classes-1");
    ++m.counts[static_cast<size_t>(y_true[i]) * n_classes + y_pred[i]];
  }
  return m;
}

ClassificationReport classification_report(const std::vector<int>& y_true, const std::vector<int>& y_pred,
                                           int n_classes) {
  const ConfusionMatrix cm = confusion_matrix(y_true, y_pred, n_classes);
  const int K = cm.n_classes;
  ClassificationReport r;
  r.total = static_cast<int>(y_true.size());
  r.accuracy = accuracy(y_true, y_pred);
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  for (int c = 0; c < K; ++c) {
    int tp = cm.at(c, c), predicted = 0, actual = 0;
    for (int k = 0; k < K; ++k) predicted += cm.at(k, c), actual += cm.at(c, k);
    ClassScores s;
    s.precision = ratio(tp, predicted);
    s.recall = ratio(tp, actual);
    s.f1 = ratio(2 * s.precision * s.recall, s.precision + s.recall);
    s.support = actual;
    r.per_class.push_back(s);
  }
  for (const ClassScores& s : r.per_class) {
    r.macro.precision += s.precision / K;
    r.macro.recall += s.recall / K;
    r.macro.f1 += s.f1 / K;
    const double w = ratio(s.support, r.total);
    r.weighted.precision += w * s.precision;
    r.weighted.recall += w * s.recall;
    r.weighted.f1 += w * s.f1;
  }
  r.macro.support = r.weighted.support = r.total;
  return r;
}

std::string format_report(const ClassificationReport& r, const std::vector<std::string>& class_names, int digits) {
  std::vector<std::string> names;
  for (size_t c = 0; c < r.per_class.size(); ++c)
    names.push_back(c < class_names.size() ? class_names[c] : std::to_string(c));
  size_t width = std::string("weighted avg").size();
  for (const std::string& s : names) width = std::max(width, s.size());
  width = std::max(width, static_cast<size_t>(digits));
  const int w = static_cast<int>(width);
  char buf[256];
  std::string out;
  std::snprintf(buf, sizeof buf, "%*s  %9s %9s %9s %9s\n\n", w, "", "precision", "recall", "f1-score", "support");
  out += buf;
  auto row = [&](const std::string& name, const ClassScores& s) {
    std::snprintf(buf, sizeof buf, "%*s  %9.*f %9.*f %9.*f %9d\n", w, name.c_str(), digits, s.precision, digits, s.recall,
                  digits, s.f1, s.support);
    out += buf;
  };
  for (size_t c = 0; c < names.size(); ++c) row(names[c], r.per_class[c]);
  out += "\n";
  std::snprintf(buf, sizeof buf, "%*s  %9s %9s %9.*f %9d\n", w, "accuracy", "", "", digits, r.accuracy, r.total);
  out += buf;
  row("macro avg", r.macro);
  row("weighted avg", r.weighted);
  return out;
}

}  // namespace attend::metrics
