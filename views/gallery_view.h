// The gallery: every primitive of the plot kit (views/plot) and the GL kit (views/gl) with sample data, in
// one screen of panels, so a change to the kit can be judged at a glance and the headless screenshot tests
// can check the pixels. The data is synthetic (formulas and a fixed seed), nothing trains here, and nothing
// moves with wall time, so screenshots are identical run to run.
//
// For the screenshot tests: when the environment variable ATTEND_GALLERY_LAYOUT names a file, a headless
// run writes there one line per panel, "panel NAME x0 y0 x1 y1 area ax0 ay0 ax1 ay1", in window pixels
// (the area is the panel's data area: heatmap cells, plot region, 3-D image).
#pragma once

#include "views/view.h"

namespace attend::views {

View make_gallery_view();

}  // namespace attend::views
