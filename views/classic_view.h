// The classic-ML lab (topics 24, 25, 27–31): eight classic classifiers' decision regions side by side with
// their hyperparameters as sliders, metrics with a movable threshold (ROC, confusion matrix, report, log loss,
// R²), the regression family (lasso and ridge paths, feature scaling, collinearity), a tabular pipeline on
// a CSV, a deployed model decaying under drift and retrained, the offloading-vs-distributed inference cost
// model and in-context learning on a small transformer. Lessons reach it through configure/query
// (classic_view_api.cpp lists the keys).
#pragma once

#include "views/view.h"

namespace attend::views {

View make_classic_view();

}  // namespace attend::views
