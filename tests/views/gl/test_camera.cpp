#include <doctest/doctest.h>

#include <cmath>

#include "views/gl/orbit_camera.h"

using namespace attend::views::gl;

TEST_CASE("look_at and perspective put the target at the centre of the image") {
  OrbitCamera c;
  const Mat4 mvp = camera_projection(c, 1.5f) * camera_view(c);
  Vec3 ndc;
  REQUIRE(project_point(mvp, c.target, ndc));
  CHECK(ndc.x == doctest::Approx(0).epsilon(1e-5));
  CHECK(ndc.y == doctest::Approx(0).epsilon(1e-5));
  CHECK((ndc.z > -1 && ndc.z < 1));
  // A point above the target projects above the centre; one to the camera's right, to the right.
  const Vec3 eye = camera_eye(c);
  const Vec3 right = normalize(cross(c.target - eye, Vec3{0, 1, 0}));
  REQUIRE(project_point(mvp, c.target + Vec3{0, 0.3f, 0}, ndc));
  CHECK(ndc.y > 0.05f);
  REQUIRE(project_point(mvp, c.target + right * 0.3f, ndc));
  CHECK(ndc.x > 0.05f);
  // Behind the camera: not projectable.
  CHECK_FALSE(project_point(mvp, eye + (eye - c.target), ndc));
}

TEST_CASE("orbit: dragging turns around the target at a constant distance, and pitch is limited") {
  OrbitCamera c;
  const float d0 = length(camera_eye(c) - c.target);
  orbit_rotate(c, 120, 0, 1);
  CHECK(c.yaw == doctest::Approx(0.75f - 1.2f));
  CHECK(length(camera_eye(c) - c.target) == doctest::Approx(d0));
  orbit_rotate(c, 0, 100000, 1);
  CHECK(c.pitch == doctest::Approx(1.5f));
  const Vec3 before = camera_eye(c);
  CHECK(before.y > c.target.y);  // above
  orbit_zoom(c, 1);
  CHECK(c.distance == doctest::Approx(d0 * 0.88f));
  orbit_zoom(c, -1000);
  CHECK(c.distance == doctest::Approx(c.max_distance));
}

TEST_CASE("orbit: panning moves the target across the view, not along it") {
  OrbitCamera c;
  c.pitch = 0;
  c.yaw = 0;  // looking along -z
  const Vec3 t0 = c.target;
  orbit_pan(c, 100, 0, 400);
  CHECK(c.target.x < t0.x);  // dragging right moves the scene right: the target moves left
  CHECK(c.target.z == doctest::Approx(t0.z));
  orbit_pan(c, 0, 100, 400);
  CHECK(c.target.y > t0.y);
}
