#include "views/gl/orbit_camera.h"

#include <algorithm>
#include <cmath>

#include <imgui_internal.h>

namespace attend::views::gl {

Vec3 camera_eye(const OrbitCamera& c) {
  const float cp = std::cos(c.pitch);
  return c.target + Vec3{c.distance * cp * std::sin(c.yaw), c.distance * std::sin(c.pitch), c.distance * cp * std::cos(c.yaw)};
}

Mat4 camera_view(const OrbitCamera& c) { return look_at(camera_eye(c), c.target, Vec3{0, 1, 0}); }

Mat4 camera_projection(const OrbitCamera& c, float aspect) {
  return perspective(c.fov, aspect > 0 ? aspect : 1.0f, std::max(0.01f, c.distance * 0.05f), c.distance * 10.0f + 10.0f);
}

void orbit_rotate(OrbitCamera& c, float dx, float dy, float scale) {
  const float k = 0.01f / std::max(0.25f, scale);
  c.yaw -= dx * k;
  c.pitch = std::clamp(c.pitch + dy * k, -1.5f, 1.5f);
  const float two_pi = 6.28318530718f;
  c.yaw = std::fmod(c.yaw, two_pi);
}

void orbit_pan(OrbitCamera& c, float dx, float dy, float viewport_h) {
  const Vec3 eye = camera_eye(c);
  const Vec3 f = normalize(c.target - eye);
  const Vec3 right = normalize(cross(f, Vec3{0, 1, 0}));
  const Vec3 up = cross(right, f);
  // World units per pixel at the target's depth.
  const float per_px = 2.0f * c.distance * std::tan(c.fov * 0.5f) / std::max(1.0f, viewport_h);
  c.target = c.target - right * (dx * per_px) + up * (dy * per_px);
}

void orbit_zoom(OrbitCamera& c, float wheel_steps) {
  c.distance = std::clamp(c.distance * std::pow(0.88f, wheel_steps), c.min_distance, c.max_distance);
}

bool orbit_camera_input(OrbitCamera& c, float viewport_h, float scale) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();
  bool changed = false;
  if (hovered) ImGui::SetItemUsingMouseWheel();
  if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left) && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)) {
    orbit_rotate(c, io.MouseDelta.x, io.MouseDelta.y, scale);
    changed = true;
  }
  if (active && (ImGui::IsMouseDragging(ImGuiMouseButton_Right) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle)) &&
      (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)) {
    orbit_pan(c, io.MouseDelta.x, io.MouseDelta.y, viewport_h);
    changed = true;
  }
  if (hovered && io.MouseWheel != 0) {
    orbit_zoom(c, io.MouseWheel);
    changed = true;
  }
  return changed;
}

}  // namespace attend::views::gl
