#include "views/gl/math3d.h"

namespace attend::views::gl {

Mat4 operator*(const Mat4& a, const Mat4& b) {
  Mat4 r;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      float s = 0;
      for (int k = 0; k < 4; ++k) s += a.at(i, k) * b.at(k, j);
      r.at(i, j) = s;
    }
  return r;
}

Mat4 perspective(float fovy, float aspect, float n, float f) {
  Mat4 r;
  const float t = 1.0f / std::tan(fovy * 0.5f);
  for (float& v : r.m) v = 0;
  r.at(0, 0) = t / aspect;
  r.at(1, 1) = t;
  r.at(2, 2) = (f + n) / (n - f);
  r.at(2, 3) = 2 * f * n / (n - f);
  r.at(3, 2) = -1;
  return r;
}

Mat4 look_at(Vec3 eye, Vec3 target, Vec3 up) {
  const Vec3 f = normalize(target - eye);
  const Vec3 s = normalize(cross(f, up));
  const Vec3 u = cross(s, f);
  Mat4 r;
  r.at(0, 0) = s.x, r.at(0, 1) = s.y, r.at(0, 2) = s.z, r.at(0, 3) = -dot(s, eye);
  r.at(1, 0) = u.x, r.at(1, 1) = u.y, r.at(1, 2) = u.z, r.at(1, 3) = -dot(u, eye);
  r.at(2, 0) = -f.x, r.at(2, 1) = -f.y, r.at(2, 2) = -f.z, r.at(2, 3) = dot(f, eye);
  return r;
}

bool project_point(const Mat4& m, Vec3 p, Vec3& ndc) {
  const float x = m.at(0, 0) * p.x + m.at(0, 1) * p.y + m.at(0, 2) * p.z + m.at(0, 3);
  const float y = m.at(1, 0) * p.x + m.at(1, 1) * p.y + m.at(1, 2) * p.z + m.at(1, 3);
  const float z = m.at(2, 0) * p.x + m.at(2, 1) * p.y + m.at(2, 2) * p.z + m.at(2, 3);
  const float w = m.at(3, 0) * p.x + m.at(3, 1) * p.y + m.at(3, 2) * p.z + m.at(3, 3);
  if (!(w > 1e-6f)) return false;
  ndc = {x / w, y / w, z / w};
  return true;
}

}  // namespace attend::views::gl
