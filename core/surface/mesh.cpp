#include "core/surface/mesh.h"

#include <algorithm>
#include <cmath>

#include "core/util/assert.h"

namespace attend::surface {

double HeightMap::to_t(double f) const {
  if (!std::isfinite(f)) return f > 0 ? 1.0 : 0.0;
  double t;
  if (scale == HeightScale::Log)
    t = std::log1p(std::max(0.0, f - lo) / delta) / std::log1p((hi - lo) / delta);
  else
    t = (f - lo) / (hi - lo);
  return std::clamp(t, 0.0, 1.0);
}

double HeightMap::from_t(double t) const {
  if (scale == HeightScale::Log) return lo + delta * std::expm1(t * std::log1p((hi - lo) / delta));
  return lo + t * (hi - lo);
}

HeightMap fit_height_map(const double* f, size_t n, HeightScale scale) {
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(f[i])) continue;
    lo = std::min(lo, f[i]);
    hi = std::max(hi, f[i]);
  }
  HeightMap m;
  m.scale = scale;
  if (!(lo <= hi)) lo = 0, hi = 1;
  if (hi - lo <= 1e-300 * std::max(1.0, std::abs(lo))) hi = lo + 1;
  m.lo = lo;
  m.hi = hi;
  m.delta = (hi - lo) * 1e-4;
  return m;
}

namespace {

// Heights → t, display positions and normals, from `out->f` already filled.
void finish_mesh(Mesh* out) {
  const int n = out->n;
  const size_t count = static_cast<size_t>(n) * n;
  out->t.resize(count);
  out->xyz.resize(3 * count);
  out->normal.resize(3 * count);
  out->valid.resize(count);
  out->map = fit_height_map(out->f.data(), count, out->map.scale);
  const HeightMap& map = out->map;
  const float zs = out->z_scale;

  int invalid = 0;
  const double* f = out->f.data();
  float* t = out->t.data();
  uint8_t* valid = out->valid.data();
  if (map.scale == HeightScale::Linear) {
    const double inv = 1.0 / (map.hi - map.lo);
    for (size_t k = 0; k < count; ++k) {
      const bool ok = std::isfinite(f[k]);
      valid[k] = ok;
      invalid += !ok;
      t[k] = ok ? static_cast<float>((f[k] - map.lo) * inv) : 0.0f;
    }
  } else {
    for (size_t k = 0; k < count; ++k) {
      const bool ok = std::isfinite(f[k]);
      valid[k] = ok;
      invalid += !ok;
      t[k] = ok ? static_cast<float>(map.to_t(f[k])) : 0.0f;
    }
  }
  out->invalid_count = invalid;

  const float step = 2.0f / static_cast<float>(n - 1);  // display distance between neighbouring vertices
  float* xyz = out->xyz.data();
  for (int j = 0; j < n; ++j) {
    const float y = -1.0f + step * j;
    for (int i = 0; i < n; ++i) {
      const size_t k = static_cast<size_t>(j) * n + i;
      xyz[3 * k] = -1.0f + step * i;
      xyz[3 * k + 1] = y;
      xyz[3 * k + 2] = zs * t[k];
    }
  }

  // Normals from central differences of the display height (one-sided at the border and beside invalid
  // vertices): n ∝ (−∂Z/∂X, −∂Z/∂Y, 1).
  float* nrm = out->normal.data();
  for (int j = 0; j < n; ++j) {
    const int jm = std::max(j - 1, 0), jp = std::min(j + 1, n - 1);
    for (int i = 0; i < n; ++i) {
      const size_t k = static_cast<size_t>(j) * n + i;
      float dzdx = 0, dzdy = 0;
      if (valid[k]) {
        int im = std::max(i - 1, 0), ip = std::min(i + 1, n - 1);
        const size_t row = static_cast<size_t>(j) * n;
        if (!valid[row + im]) im = i;
        if (!valid[row + ip]) ip = i;
        if (ip != im) dzdx = zs * (t[row + ip] - t[row + im]) / (step * (ip - im));
        int jm2 = jm, jp2 = jp;
        if (!valid[static_cast<size_t>(jm2) * n + i]) jm2 = j;
        if (!valid[static_cast<size_t>(jp2) * n + i]) jp2 = j;
        if (jp2 != jm2) dzdy = zs * (t[static_cast<size_t>(jp2) * n + i] - t[static_cast<size_t>(jm2) * n + i]) / (step * (jp2 - jm2));
      }
      const float inv = 1.0f / std::sqrt(dzdx * dzdx + dzdy * dzdy + 1.0f);
      nrm[3 * k] = -dzdx * inv;
      nrm[3 * k + 1] = -dzdy * inv;
      nrm[3 * k + 2] = inv;
    }
  }
}

}  // namespace

void build_mesh(const Surface& s, const MeshSpec& spec, Mesh* out) {
  ATTEND_ASSERT(spec.n >= 2, "a mesh needs at least 2 vertices per side");
  ATTEND_ASSERT(spec.box.valid(), "a mesh needs a box with x0 < x1 and y0 < y1");
  const int n = spec.n;
  out->n = n;
  out->box = spec.box;
  out->z_scale = spec.z_scale;
  out->map.scale = spec.scale;
  out->f.resize(static_cast<size_t>(n) * n);
  std::vector<double> xs(n);
  for (int i = 0; i < n; ++i) xs[i] = out->x_at(i);
  for (int j = 0; j < n; ++j) s.row(xs.data(), out->y_at(j), out->f.data() + static_cast<size_t>(j) * n, n);
  finish_mesh(out);
}

void build_mesh_from_values(const std::vector<double>& f, int n, const Box& box, HeightScale scale, float z_scale,
                            Mesh* out) {
  ATTEND_ASSERT(n >= 2 && f.size() == static_cast<size_t>(n) * n, "build_mesh_from_values needs n·n heights, n ≥ 2");
  ATTEND_ASSERT(box.valid(), "a mesh needs a box with x0 < x1 and y0 < y1");
  out->n = n;
  out->box = box;
  out->z_scale = z_scale;
  out->map.scale = scale;
  out->f = f;
  finish_mesh(out);
}

Vec3f to_display(const Mesh& m, double x, double y, double f) {
  Vec3f v;
  v.x = static_cast<float>(-1.0 + 2.0 * (x - m.box.x0) / m.box.width());
  v.y = static_cast<float>(-1.0 + 2.0 * (y - m.box.y0) / m.box.height());
  v.z = static_cast<float>(m.z_scale * m.map.to_t(f));
  return v;
}

std::vector<uint32_t> mesh_triangles(const Mesh& m) {
  std::vector<uint32_t> idx;
  const int n = m.n;
  if (n < 2) return idx;
  idx.reserve(static_cast<size_t>(n - 1) * (n - 1) * 6);
  for (int j = 0; j + 1 < n; ++j) {
    for (int i = 0; i + 1 < n; ++i) {
      const uint32_t a = static_cast<uint32_t>(j * n + i), b = a + 1, c = a + static_cast<uint32_t>(n), d = c + 1;
      if (!m.valid[a] || !m.valid[b] || !m.valid[c] || !m.valid[d]) continue;
      idx.insert(idx.end(), {a, b, d, a, d, c});
    }
  }
  return idx;
}

std::vector<Arrow> gradient_field(const Surface& s, const Box& box, int nx, int ny) {
  std::vector<Arrow> out;
  if (nx < 1 || ny < 1 || !box.valid()) return out;
  out.reserve(static_cast<size_t>(nx) * ny);
  std::vector<double> norms;
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      Arrow a;
      a.at = {box.x0 + box.width() * (i + 0.5) / nx, box.y0 + box.height() * (j + 0.5) / ny};
      a.g = s.gradient(a.at);
      if (finite(a.g)) norms.push_back(norm(a.g));
      out.push_back(a);
    }
  }
  if (norms.empty()) return out;
  std::vector<double> sorted = norms;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const double median = sorted[sorted.size() / 2];
  const double max = *std::max_element(norms.begin(), norms.end());
  const double g0 = median > 0 ? median : (max > 0 ? max : 1.0);
  const double denom = std::log1p(max / g0);
  for (Arrow& a : out) {
    if (!finite(a.g) || denom <= 0) continue;
    a.length = std::log1p(norm(a.g) / g0) / denom;
  }
  return out;
}

}  // namespace attend::surface
