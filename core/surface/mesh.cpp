#include "core/surface/mesh.h"

#include <Eigen/Core>

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

// Heights → t, display positions and normals, from `out->f` already filled. Written as simple loops over
// contiguous arrays so they vectorise: a 256×256 mesh spends well under a millisecond here.
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

  const double* f = out->f.data();
  float* t = out->t.data();
  uint8_t* valid = out->valid.data();
  int invalid = 0;
  for (size_t k = 0; k < count; ++k) {
    const bool ok = std::isfinite(f[k]);
    valid[k] = ok;
    invalid += !ok;
  }
  out->invalid_count = invalid;
  // t = (f − lo)/(hi − lo), or log1p((f − lo)/δ)/log1p((hi − lo)/δ); invalid vertices get 0.
  const double scale = map.scale == HeightScale::Log ? 1.0 / map.delta : 1.0 / (map.hi - map.lo);
  for (size_t k = 0; k < count; ++k) t[k] = valid[k] ? static_cast<float>(std::max(0.0, (f[k] - map.lo) * scale)) : 0.0f;
  Eigen::Map<Eigen::ArrayXf> ta(t, static_cast<Eigen::Index>(count));
  if (map.scale == HeightScale::Log) ta = ta.log1p() * static_cast<float>(1.0 / std::log1p((map.hi - map.lo) / map.delta));
  ta = ta.min(1.0f);

  const float step = 2.0f / static_cast<float>(n - 1);  // display distance between neighbouring vertices
  float* xyz = out->xyz.data();
  for (int j = 0; j < n; ++j) {
    const float y = -1.0f + step * j;
    float* v = xyz + 3 * static_cast<size_t>(j) * n;
    const float* tr = t + static_cast<size_t>(j) * n;
    for (int i = 0; i < n; ++i) {
      v[3 * i] = -1.0f + step * i;
      v[3 * i + 1] = y;
      v[3 * i + 2] = zs * tr[i];
    }
  }

  // Normals from central differences of the display height (one-sided at the border and beside invalid
  // vertices): n ∝ (−∂Z/∂X, −∂Z/∂Y, 1).
  float* nrm = out->normal.data();
  std::vector<float> dx(n), dy(n);
  for (int j = 0; j < n; ++j) {
    const int jm = std::max(j - 1, 0), jp = std::min(j + 1, n - 1);
    const float* r = t + static_cast<size_t>(j) * n;
    const float* rm = t + static_cast<size_t>(jm) * n;
    const float* rp = t + static_cast<size_t>(jp) * n;
    const float cy = zs / (step * (jp - jm));
    const float cx = zs / (2 * step), cx1 = zs / step;
    if (invalid == 0) {
      for (int i = 1; i + 1 < n; ++i) dx[i] = cx * (r[i + 1] - r[i - 1]);
      dx[0] = cx1 * (r[1] - r[0]);
      dx[n - 1] = cx1 * (r[n - 1] - r[n - 2]);
      for (int i = 0; i < n; ++i) dy[i] = cy * (rp[i] - rm[i]);
    } else {
      const uint8_t* vr = valid + static_cast<size_t>(j) * n;
      const uint8_t* vm = valid + static_cast<size_t>(jm) * n;
      const uint8_t* vp = valid + static_cast<size_t>(jp) * n;
      for (int i = 0; i < n; ++i) {
        dx[i] = dy[i] = 0;
        if (!vr[i]) continue;
        int im = std::max(i - 1, 0), ip = std::min(i + 1, n - 1);
        if (!vr[im]) im = i;
        if (!vr[ip]) ip = i;
        if (ip != im) dx[i] = zs * (r[ip] - r[im]) / (step * (ip - im));
        const float* a = vm[i] ? rm : r;
        const float* b = vp[i] ? rp : r;
        const int span = (vp[i] ? jp : j) - (vm[i] ? jm : j);
        if (span != 0) dy[i] = zs * (b[i] - a[i]) / (step * span);
      }
    }
    float* nv = nrm + 3 * static_cast<size_t>(j) * n;
    for (int i = 0; i < n; ++i) {
      const float inv = 1.0f / std::sqrt(dx[i] * dx[i] + dy[i] * dy[i] + 1.0f);
      nv[3 * i] = -dx[i] * inv;
      nv[3 * i + 1] = -dy[i] * inv;
      nv[3 * i + 2] = inv;
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
