#include <doctest/doctest.h>

#include <cmath>

#include "core/metrics/classification.h"

using namespace attend;
using namespace attend::metrics;

TEST_CASE("accuracy counts agreements — empty input is perfect") {
  CHECK(accuracy({0, 1, 1, 0}, {0, 1, 0, 0}) == 0.75);
  CHECK(accuracy({}, {}) == 1.0);
}

TEST_CASE("log loss matches sklearn, including a clipped certain mistake") {
  // sklearn: log_loss([0, 1, 1], [[.9, .1], [.2, .8], [0, 1]]) = 0.10950135565734541
  CHECK(log_loss({0, 1, 1}, {0.9, 0.1, 0.2, 0.8, 0.0, 1.0}, 2) == doctest::Approx(0.10950135565734541).epsilon(1e-14));
  // A certain wrong answer is clipped to eps = 2.2e-16: −log(eps) = 36.04; mean with −log(.5): 18.3684002848
  CHECK(log_loss({0, 1}, {0.0, 1.0, 0.5, 0.5}, 2) == doctest::Approx(18.36840028483855).epsilon(1e-12));
  CHECK(log_loss_binary({1, 0}, {0.8, 0.3}) == doctest::Approx(-(std::log(0.8) + std::log(0.7)) / 2));
  // Rows that do not sum to 1 are renormalised first.
  CHECK(log_loss({0}, {2.0, 2.0}, 2) == doctest::Approx(std::log(2.0)));
}

TEST_CASE("ROC curve and AUC: sklearn's example, ties as diagonal steps, intermediate points dropped") {
  // sklearn docs: roc_curve([0,0,1,1], [.1,.4,.35,.8]) → fpr [0,0,.5,.5,1], tpr [0,.5,.5,1,1],
  // thresholds [1.8,.8,.4,.35,.1]; AUC 0.75.
  const RocCurve r = roc_curve({0, 0, 1, 1}, {0.1, 0.4, 0.35, 0.8}).value();
  CHECK(r.fpr == std::vector<double>{0, 0, 0.5, 0.5, 1});
  CHECK(r.tpr == std::vector<double>{0, 0.5, 0.5, 1, 1});
  REQUIRE(r.thresholds.size() == 5);
  CHECK(r.thresholds[0] == doctest::Approx(1.8));
  CHECK(r.thresholds[4] == 0.1);
  CHECK(r.auc == 0.75);
  // All scores tied: one diagonal step, AUC 0.5 (half credit for every pair).
  CHECK(roc_auc({0, 1, 0, 1}, {0.5, 0.5, 0.5, 0.5}).value() == 0.5);
  // Partly tied scores; sklearn gives AUC 0.8333333333333334 and drops the (2/3, 1) point.
  const std::vector<int> y = {0, 0, 1, 1, 0, 1};
  const std::vector<double> s = {0.2, 0.5, 0.5, 0.9, 0.1, 0.3};
  const RocCurve d = roc_curve(y, s).value();
  CHECK(d.auc == doctest::Approx(0.8333333333333334).epsilon(1e-15));
  CHECK(d.fpr.size() == 5);
  const RocCurve full = roc_curve(y, s, false).value();
  CHECK(full.fpr.size() == 6);
  CHECK(full.thresholds[4] == 0.2);
  CHECK(full.auc == doctest::Approx(d.auc));
  // A perfect and a reversed ranking.
  CHECK(roc_auc({0, 0, 1}, {1, 2, 3}).value() == 1.0);
  CHECK(roc_auc({0, 0, 1}, {3, 2, 1}).value() == 0.0);
}

TEST_CASE("ROC with one class or a NaN score is an error, not a NaN") {
  Result<RocCurve> r = roc_curve({1, 1, 1}, {0.1, 0.2, 0.3});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("only one class") != std::string::npos);
  CHECK_FALSE(roc_curve({0, 1}, {0.1, NAN}).ok());
  CHECK_FALSE(roc_curve({0, 2}, {0.1, 0.2}).ok());
}

TEST_CASE("confusion matrix rows are true classes, columns predictions") {
  const ConfusionMatrix m = confusion_matrix({0, 1, 2, 2, 2}, {0, 0, 2, 2, 1});
  CHECK(m.n_classes == 3);
  CHECK(m.at(0, 0) == 1);
  CHECK(m.at(1, 0) == 1);
  CHECK(m.at(2, 1) == 1);
  CHECK(m.at(2, 2) == 2);
  CHECK(confusion_matrix({0}, {0}, 4).counts.size() == 16);
}

TEST_CASE("the classification report matches sklearn's text exactly") {
  const ClassificationReport r = classification_report({0, 1, 2, 2, 2}, {0, 0, 2, 2, 1});
  CHECK(r.per_class[0].precision == 0.5);
  CHECK(r.per_class[1].precision == 0.0);  // nothing predicted 1 correctly: zero_division → 0
  CHECK(r.per_class[2].recall == doctest::Approx(2.0 / 3));
  CHECK(r.macro.f1 == doctest::Approx((2.0 / 3 + 0 + 0.8) / 3));
  CHECK(r.weighted.precision == doctest::Approx(0.7));
  const std::string expected =
      "              precision    recall  f1-score   support\n\n"
      "           0       0.50      1.00      0.67         1\n"
      "           1       0.00      0.00      0.00         1\n"
      "           2       1.00      0.67      0.80         3\n\n"
      "    accuracy                           0.60         5\n"
      "   macro avg       0.50      0.56      0.49         5\n"
      "weighted avg       0.70      0.60      0.61         5\n";
  CHECK(format_report(r) == expected);
  const std::string named = format_report(r, {"cat", "dog", "a very long name"}, 3);
  CHECK(named.find("a very long name      1.000     0.667     0.800         3") != std::string::npos);
}
