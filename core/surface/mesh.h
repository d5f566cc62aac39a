// What the 3-D and 2-D views draw of a surface: an n×n grid of heights over the view box, mapped to display
// space (X, Y ∈ [−1, 1] across the box, Z = z_scale·t with t ∈ [0, 1] the normalised height, which is also
// the colour-map parameter), unit normals for lighting, and the gradient field for the 2-D view's arrows.
// The views only upload these arrays; every number comes from here.
//
// Display frame: right-handed, X to the right (x), Y away from the viewer (y), Z up (height).
//
//   Mesh m;
//   build_mesh(surface, MeshSpec{256, surface.box(), surface.height_scale()}, &m);  // reuses m's buffers
//   upload(m.xyz, m.normal, m.t); draw(mesh_triangles(m));
#pragma once

#include <cstdint>
#include <vector>

#include "core/surface/surface.h"

namespace attend::surface {

// f ↦ t ∈ [0, 1]. Linear: (f − lo)/(hi − lo). Log: log(1 + (f − lo)/δ) / log(1 + (hi − lo)/δ) with
// δ = (hi − lo)·1e-4, so the four decades above the minimum each get a quarter of the colour range.
struct HeightMap {
  double lo = 0, hi = 1;
  HeightScale scale = HeightScale::Linear;
  double delta = 1e-4;
  double to_t(double f) const;    // clamped to [0, 1]
  double from_t(double t) const;  // the inverse: the height at display level t
};
// A map spanning the finite values among f[0..n) (NaN and ±inf are skipped; a flat or empty set gets a
// unit range so t stays defined).
HeightMap fit_height_map(const double* f, size_t n, HeightScale scale);

struct MeshSpec {
  int n = 128;  // vertices per side (≥ 2)
  Box box;
  HeightScale scale = HeightScale::Linear;
  float z_scale = 0.6f;  // display height of the tallest point, relative to the box's half-width of 1
};

struct Mesh {
  int n = 0;
  Box box;
  HeightMap map;
  float z_scale = 0.6f;
  std::vector<double> f;        // n·n heights, row-major: row j at y = y0 + j·h_y, column i at x = x0 + i·h_x
  std::vector<float> t;         // n·n normalised heights in [0, 1] (0 where invalid)
  std::vector<float> xyz;       // 3·n·n display positions
  std::vector<float> normal;    // 3·n·n unit normals in display space (up where the surface is invalid)
  std::vector<uint8_t> valid;   // n·n: 0 where f is NaN or infinite (a formula outside its domain)
  int invalid_count = 0;

  double x_at(int i) const { return box.x0 + box.width() * i / (n - 1); }
  double y_at(int j) const { return box.y0 + box.height() * j / (n - 1); }
};

// Evaluates `s` on the grid and fills every array of `out`, reusing its memory.
void build_mesh(const Surface& s, const MeshSpec& spec, Mesh* out);
// The same from heights computed elsewhere (a network's loss slice): f has n·n values, row-major as above.
void build_mesh_from_values(const std::vector<double>& f, int n, const Box& box, HeightScale scale, float z_scale,
                            Mesh* out);

// A point of the plane at height f, in the mesh's display space (a racer's ball, a critical point's marker).
struct Vec3f {
  float x = 0, y = 0, z = 0;
};
Vec3f to_display(const Mesh& m, double x, double y, double f);

// Triangle indices (two per cell, counter-clockwise seen from above) over cells whose four corners are valid.
std::vector<uint32_t> mesh_triangles(const Mesh& m);

// The gradient field for the 2-D view: the gradient at the centres of an nx×ny grid of cells over `box`.
// `length` compresses |g| to (0, 1] as log(1 + |g|/g₀)/log(1 + max/g₀) with g₀ the median norm, so
// arrows stay readable where the gradient's size spans decades; 0 where the gradient is not finite.
struct Arrow {
  Vec2 at;
  Vec2 g;
  double length = 0;
};
std::vector<Arrow> gradient_field(const Surface& s, const Box& box, int nx, int ny);

}  // namespace attend::surface
