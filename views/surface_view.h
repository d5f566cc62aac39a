// The loss-surface lab (issue #7): optimizers racing on analytic or typed surfaces in 3-D and from above,
// step by step with their gradient, velocity and update; every critical point in view found and classified
// by its Hessian; why saddles dominate in high dimensions, measured; and a real network's loss along two
// directions around its trained weights. Lessons reach it through configure/query (surface_view_api.cpp
// lists the keys).
#pragma once

#include "views/view.h"

namespace attend::views {

View make_surface_view();

}  // namespace attend::views
