// Contour lines (level sets) of a grid of heights by marching squares, shared by the 2-D view (lines over
// filled bands) and the 3-D view (lines lifted onto the mesh at their level's height).
//
//   std::vector<ContourLine> lines = contour_lines(mesh, 14);
//   for (const ContourLine& c : lines) draw_segments(c.segments, colour(c.t));  // x0 y0 x1 y1 per segment
#pragma once

#include <vector>

#include "core/surface/mesh.h"

namespace attend::surface {

struct ContourLine {
  double level = 0;             // the height f of the line
  float t = 0;                  // the same level in display height [0, 1] (colour, and Z = z_scale·t)
  std::vector<float> segments;  // 4 floats per segment: x0, y0, x1, y1 in the plane's coordinates
  size_t segment_count() const { return segments.size() / 4; }
};

// `count` levels evenly spaced in display height t (so a log-scaled surface gets log-spaced levels),
// strictly inside (0, 1): t_k = (k + 0.5)/count.
std::vector<double> contour_levels(const HeightMap& map, int count);

// Marching squares over an nx×ny row-major grid f (row j at y = y0 + j·h_y) spanning `box`. Cells with a
// NaN or infinite corner are skipped. The two ambiguous cases (diagonal corners above) are resolved by the
// cell-centre average, so lines never cross. A vertex exactly on a level counts as above it.
std::vector<ContourLine> marching_squares(const double* f, int nx, int ny, const Box& box,
                                          const std::vector<double>& levels, const HeightMap& map);

// `count` evenly spaced levels of a mesh.
std::vector<ContourLine> contour_lines(const Mesh& m, int count);

}  // namespace attend::surface
