// A camera that circles a target: yaw around the vertical axis, pitch above the horizon, a distance, and the
// target point. Left drag orbits, right (or middle) drag pans, the wheel zooms; the pure functions below do
// the same for tests and for views that drive the camera themselves (a lesson step that sets the view).
#pragma once

#include <imgui.h>

#include "views/gl/math3d.h"

namespace attend::views::gl {

struct OrbitCamera {
  float yaw = 0.75f;          // radians about +y; 0 looks from +z towards the target
  float pitch = 0.55f;        // radians above the horizon, kept within ±1.5
  float distance = 3.4f;
  Vec3 target{0, 0.2f, 0};
  float fov = 0.62f;          // vertical field of view, radians
  float min_distance = 0.8f, max_distance = 20.0f;
};

Vec3 camera_eye(const OrbitCamera& c);
Mat4 camera_view(const OrbitCamera& c);
Mat4 camera_projection(const OrbitCamera& c, float aspect);

// Drag by (dx, dy) pixels: 0.01 rad per pixel (divided by the UI scale).
void orbit_rotate(OrbitCamera& c, float dx, float dy, float scale);
// Move the target in the view plane so the scene follows the mouse; `viewport_h` in pixels.
void orbit_pan(OrbitCamera& c, float dx, float dy, float viewport_h);
// One wheel step changes the distance by 12 %.
void orbit_zoom(OrbitCamera& c, float wheel_steps);

// Reads the mouse for the last ImGui item (the 3-D image): returns true when the camera changed.
bool orbit_camera_input(OrbitCamera& c, float viewport_h, float scale);

}  // namespace attend::views::gl
