// Contours of a scalar grid (loss surfaces, decision functions): iso-lines by marching squares and filled
// bands by clipping triangles. Geometry only, in grid coordinates: x is the column, y the row, so (0, 0) is
// the first value and (cols-1, rows-1) the last; the caller maps them to pixels. Values are interpolated
// linearly along cell edges. Tested on fields with known level sets in tests/views/plot/test_contour.cpp.
#pragma once

#include <vector>

#include <imgui.h>

#include "views/plot/values.h"

namespace attend::views::plot {

using Polyline = std::vector<ImVec2>;

// The level set {v = level} as polylines: cell segments from marching squares (saddle cells decided by the
// average of the four corners) joined end to end; a closed curve repeats its first point at the end.
// Cells with a non-finite corner are skipped.
std::vector<Polyline> contour_lines(const Grid& grid, double level);

// Filled contours for increasing `levels` l_0 < ... < l_{k-1}: band 0 is v < l_0, band i is l_{i-1} <= v < l_i,
// band k is v >= l_{k-1}. Each cell is split into two triangles; each triangle is clipped against the band's
// bounds with linear interpolation, so bands tile the grid with no gaps. Returns k+1 triangle lists (three
// points per triangle).
std::vector<std::vector<ImVec2>> contour_bands(const Grid& grid, const std::vector<double>& levels);

// `count` levels evenly spaced strictly inside [lo, hi] at nice values (multiples of a 1-2-5 step).
std::vector<double> nice_levels(double lo, double hi, int count);

}  // namespace attend::views::plot
