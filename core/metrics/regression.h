// Regression metrics (topics 28–30), as sklearn computes them: mean squared and absolute error, their root,
// and R² = 1 − SS_res/SS_tot (1 for a perfect fit, 0 for predicting the mean, negative for worse; with a
// constant y_true, 1 when the fit is perfect and 0 otherwise, sklearn's force_finite convention).
#pragma once

#include <vector>

namespace attend::metrics {

double mean_squared_error(const std::vector<double>& y_true, const std::vector<double>& y_pred);
double root_mean_squared_error(const std::vector<double>& y_true, const std::vector<double>& y_pred);
double mean_absolute_error(const std::vector<double>& y_true, const std::vector<double>& y_pred);
double r2_score(const std::vector<double>& y_true, const std::vector<double>& y_pred);
// 1 − Var(y − ŷ)/Var(y): R² that ignores a constant offset in the predictions.
double explained_variance(const std::vector<double>& y_true, const std::vector<double>& y_pred);

}  // namespace attend::metrics
