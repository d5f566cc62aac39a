// The little linear algebra the GL kit needs (no Eigen in views headers): 3-vectors and column-major 4x4
// matrices in OpenGL's conventions (right-handed, camera looking down -z, clip z in [-1, 1]).
#pragma once

#include <cmath>

namespace attend::views::gl {

struct Vec3 {
  float x = 0, y = 0, z = 0;
};
inline Vec3 operator+(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
inline Vec3 operator-(Vec3 a, Vec3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
inline Vec3 operator*(Vec3 a, float k) { return {a.x * k, a.y * k, a.z * k}; }
inline float dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
inline Vec3 cross(Vec3 a, Vec3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
inline float length(Vec3 a) { return std::sqrt(dot(a, a)); }
inline Vec3 normalize(Vec3 a) {
  const float l = length(a);
  return l > 0 ? a * (1.0f / l) : Vec3{0, 0, 0};
}

// Column-major: m[col * 4 + row], as glUniformMatrix4fv expects with transpose = GL_FALSE.
struct Mat4 {
  float m[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
  float& at(int row, int col) { return m[col * 4 + row]; }
  float at(int row, int col) const { return m[col * 4 + row]; }
};

Mat4 operator*(const Mat4& a, const Mat4& b);
// Vertical field of view in radians.
Mat4 perspective(float fovy, float aspect, float near_z, float far_z);
Mat4 look_at(Vec3 eye, Vec3 target, Vec3 up);

// A point through a projection: normalised device coordinates (x, y, z in [-1, 1] when visible); w <= 0
// (behind the camera) returns false.
bool project_point(const Mat4& mvp, Vec3 p, Vec3& ndc);

}  // namespace attend::views::gl
