#include "core/surface/scene.h"

#include <algorithm>
#include <cmath>

namespace attend::surface {

namespace {

void finish_scene(SurfaceScene* scene, const SceneSpec& spec) {
  scene->triangles = mesh_triangles(scene->mesh);
  scene->contours = contour_lines(scene->mesh, spec.contour_levels);
}

}  // namespace

SurfaceScene build_scene(const Surface& s, const Box& box, const SceneSpec& spec) {
  SurfaceScene scene;
  const HeightScale scale = spec.log_height ? HeightScale::Log : s.height_scale();
  build_mesh(s, MeshSpec{spec.resolution, box, scale, spec.z_scale}, &scene.mesh);
  finish_scene(&scene, spec);
  if (spec.field_columns > 0) {
    scene.field_columns = spec.field_columns;
    scene.field_rows = std::max(1, static_cast<int>(std::lround(spec.field_columns * box.height() / box.width())));
    scene.field = gradient_field(s, box, scene.field_columns, scene.field_rows);
  }
  if (spec.critical_points) scene.critical = find_critical_points(s, box, spec.critical);
  return scene;
}

SurfaceScene build_scene_from_values(const std::vector<double>& f, int n, const Box& box, const SceneSpec& spec) {
  SurfaceScene scene;
  build_mesh_from_values(f, n, box, spec.log_height ? HeightScale::Log : HeightScale::Linear, spec.z_scale, &scene.mesh);
  finish_scene(&scene, spec);
  return scene;
}

std::vector<float> contour_lines_3d(const SurfaceScene& scene, size_t k, float lift) {
  std::vector<float> out;
  if (k >= scene.contours.size()) return out;
  const ContourLine& c = scene.contours[k];
  const Mesh& m = scene.mesh;
  const float z = m.z_scale * c.t + lift;
  const float sx = static_cast<float>(2.0 / m.box.width()), sy = static_cast<float>(2.0 / m.box.height());
  const float x0 = static_cast<float>(m.box.x0), y0 = static_cast<float>(m.box.y0);
  out.reserve(c.segments.size() / 4 * 6);
  for (size_t q = 0; q < c.segments.size(); q += 4) {
    out.insert(out.end(), {-1 + sx * (c.segments[q] - x0), -1 + sy * (c.segments[q + 1] - y0), z,
                           -1 + sx * (c.segments[q + 2] - x0), -1 + sy * (c.segments[q + 3] - y0), z});
  }
  return out;
}

}  // namespace attend::surface
