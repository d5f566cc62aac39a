// The network playground (issue #8): everything TensorFlow Playground has (six datasets, noise, split,
// batch, seven input features, 0–6 hidden layers of 1–8 neurons, activation, learning rate, L1/L2, the
// output's decision surface with the points, a thumbnail per neuron, weights drawn as links with hover
// values, test data, discretised output) and beyond it: optimizers, layer/batch norm, the person's own CSV,
// the plane coloured by ReLU activation pattern (wide vs deep), and a 1-D fit with neurons added live.
// Lessons reach it through configure/query (playground_view_api.cpp lists the keys).
#pragma once

#include "views/view.h"

namespace attend::views {

View make_playground_view();

}  // namespace attend::views
