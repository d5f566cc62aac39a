// Every view of the app, in menu order. Adding a view means adding one line to view_list.cpp.
#pragma once

#include <vector>

#include "views/view.h"

namespace attend::app {

std::vector<views::View> make_views();

}  // namespace attend::app
