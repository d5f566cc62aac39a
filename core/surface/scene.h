// Everything the 3-D and 2-D views draw of a surface itself (the racers come from the race snapshot), built
// in one call whenever the surface, the view box or a display option changes:
//
//   SceneSpec spec;                       // 256² mesh, 14 contour levels, 24×24 arrows, critical points
//   SurfaceScene scene = build_scene(surface, box, spec);
//   3-D: upload scene.mesh.xyz / normal / t, draw scene.triangles; lines from contour_lines_3d(scene, k)
//   2-D: colour cells by scene.mesh.t, draw scene.contours and scene.field; mark scene.critical.points
//
// A loss slice of a network becomes a scene the same way (build_scene_from_values), without critical points
// or a gradient field (a slice has no cheap derivatives).
#pragma once

#include <cstdint>
#include <vector>

#include "core/surface/contour.h"
#include "core/surface/critical.h"
#include "core/surface/mesh.h"

namespace attend::surface {

struct SceneSpec {
  int resolution = 256;          // mesh vertices per side
  float z_scale = 0.6f;
  bool log_height = false;       // force the log height scale (the surface's own choice otherwise)
  int contour_levels = 14;
  int field_columns = 24;        // gradient arrows across; rows follow the box's aspect ratio
  bool critical_points = true;
  CriticalOptions critical;
};

struct SurfaceScene {
  Mesh mesh;
  std::vector<uint32_t> triangles;
  std::vector<ContourLine> contours;
  std::vector<Arrow> field;
  int field_columns = 0, field_rows = 0;
  CriticalResult critical;
};

SurfaceScene build_scene(const Surface& s, const Box& box, const SceneSpec& spec);
SurfaceScene build_scene_from_values(const std::vector<double>& f, int n, const Box& box, const SceneSpec& spec);

// Contour line k lifted onto the mesh in display space: 6 floats per segment (x0 y0 z0 x1 y1 z1) at the
// level's height plus `lift` (a small offset so the lines are not hidden in the surface they lie on).
std::vector<float> contour_lines_3d(const SurfaceScene& scene, size_t k, float lift = 0.002f);

}  // namespace attend::surface
