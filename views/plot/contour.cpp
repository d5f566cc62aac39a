#include "views/plot/contour.h"

#include <algorithm>
#include <cmath>

#include "views/plot/ticks.h"

namespace attend::views::plot {
namespace {

// ------------------------------------------------------------------------------------------ marching squares

struct Segment {
  long e0, e1;  // global edge ids of its two ends
};

class EdgePoints {
 public:
  EdgePoints(const Grid& g, double level) : m_g(g), m_level(level) {}
  long horizontal(int r, int c) const { return static_cast<long>(r) * m_g.cols + c; }
  long vertical(int r, int c) const { return static_cast<long>(m_g.rows) * m_g.cols + static_cast<long>(r) * m_g.cols + c; }

  // The crossing point on an edge, by linear interpolation between its two corner values.
  ImVec2 point(long id) const {
    const long n = static_cast<long>(m_g.rows) * m_g.cols;
    const bool vert = id >= n;
    const long k = vert ? id - n : id;
    const int r = static_cast<int>(k / m_g.cols), c = static_cast<int>(k % m_g.cols);
    const int r2 = vert ? r + 1 : r, c2 = vert ? c : c + 1;
    const double a = m_g.at(r, c), b = m_g.at(r2, c2);
    double t = (b != a) ? (m_level - a) / (b - a) : 0.5;
    t = std::clamp(t, 0.0, 1.0);
    return ImVec2(static_cast<float>(c + (c2 - c) * t), static_cast<float>(r + (r2 - r) * t));
  }

 private:
  const Grid& m_g;
  double m_level;
};

// ------------------------------------------------------------------------------------------ band clipping

struct Vtx {
  float x, y;
  double v;
};

// Keeps the part of `in` where sign * (v - level) >= 0 (Sutherland–Hodgman against one half-space).
int clip(const Vtx* in, int n, double level, double sign, Vtx* out) {
  int m = 0;
  for (int i = 0; i < n; ++i) {
    const Vtx& a = in[i];
    const Vtx& b = in[(i + 1) % n];
    const double fa = sign * (a.v - level), fb = sign * (b.v - level);
    if (fa >= 0) out[m++] = a;
    if ((fa >= 0) != (fb >= 0)) {
      const double t = fa / (fa - fb);
      out[m++] = {static_cast<float>(a.x + (b.x - a.x) * t), static_cast<float>(a.y + (b.y - a.y) * t),
                  a.v + (b.v - a.v) * t};
    }
  }
  return m;
}

void emit_fan(const Vtx* p, int n, std::vector<ImVec2>& tris) {
  for (int i = 1; i + 1 < n; ++i) {
    tris.emplace_back(p[0].x, p[0].y);
    tris.emplace_back(p[i].x, p[i].y);
    tris.emplace_back(p[i + 1].x, p[i + 1].y);
  }
}

int band_of(const std::vector<double>& levels, double v) {
  return static_cast<int>(std::upper_bound(levels.begin(), levels.end(), v) - levels.begin());
}

void triangle_bands(const Vtx tri[3], const std::vector<double>& levels, std::vector<std::vector<ImVec2>>& bands) {
  const double vmin = std::min({tri[0].v, tri[1].v, tri[2].v}), vmax = std::max({tri[0].v, tri[1].v, tri[2].v});
  const int b0 = band_of(levels, vmin), b1 = band_of(levels, vmax);
  if (b0 == b1) {
    emit_fan(tri, 3, bands[b0]);
    return;
  }
  const int k = static_cast<int>(levels.size());
  Vtx a[8], b[8];
  for (int band = b0; band <= b1; ++band) {
    int n = 3;
    std::copy(tri, tri + 3, a);
    if (band > 0) n = clip(a, n, levels[band - 1], +1, b), std::copy(b, b + n, a);
    if (band < k && n > 0) n = clip(a, n, levels[band], -1, b), std::copy(b, b + n, a);
    if (n >= 3) emit_fan(a, n, bands[band]);
  }
}

}  // namespace

std::vector<Polyline> contour_lines(const Grid& g, double level) {
  std::vector<Polyline> lines;
  if (g.rows < 2 || g.cols < 2) return lines;
  EdgePoints ep(g, level);
  std::vector<Segment> segs;
  for (int r = 0; r + 1 < g.rows; ++r) {
    for (int c = 0; c + 1 < g.cols; ++c) {
      const double a = g.at(r, c), b = g.at(r, c + 1), cc = g.at(r + 1, c + 1), d = g.at(r + 1, c);
      if (!std::isfinite(a) || !std::isfinite(b) || !std::isfinite(cc) || !std::isfinite(d)) continue;
      const int code = (a > level) | (b > level) << 1 | (cc > level) << 2 | (d > level) << 3;
      if (code == 0 || code == 15) continue;
      const long top = ep.horizontal(r, c), bottom = ep.horizontal(r + 1, c);
      const long left = ep.vertical(r, c), right = ep.vertical(r, c + 1);
      if (code == 5 || code == 10) {
        // Saddle: the centre decides which corners the level set separates.
        const bool centre_above = (a + b + cc + d) * 0.25 > level;
        const bool cut_b_and_d = (code == 5) == centre_above;
        if (cut_b_and_d) {
          segs.push_back({top, right});
          segs.push_back({bottom, left});
        } else {
          segs.push_back({left, top});
          segs.push_back({right, bottom});
        }
        continue;
      }
      long ends[4];
      int n = 0;
      if ((a > level) != (b > level)) ends[n++] = top;
      if ((b > level) != (cc > level)) ends[n++] = right;
      if ((d > level) != (cc > level)) ends[n++] = bottom;
      if ((a > level) != (d > level)) ends[n++] = left;
      if (n == 2) segs.push_back({ends[0], ends[1]});
    }
  }
  if (segs.empty()) return lines;

  // Join: every edge point is shared by at most two segments (the cells on either side of the edge).
  const long edges = 2L * g.rows * g.cols;
  std::vector<int> at(static_cast<size_t>(edges) * 2, -1);
  for (int i = 0; i < static_cast<int>(segs.size()); ++i) {
    for (long e : {segs[i].e0, segs[i].e1}) {
      int* slot = &at[static_cast<size_t>(e) * 2];
      if (slot[0] < 0)
        slot[0] = i;
      else
        slot[1] = i;
    }
  }
  auto other_seg = [&](long e, int s) {
    const int* slot = &at[static_cast<size_t>(e) * 2];
    return slot[0] == s ? slot[1] : slot[0];
  };
  auto degree = [&](long e) {
    const int* slot = &at[static_cast<size_t>(e) * 2];
    return (slot[0] >= 0) + (slot[1] >= 0);
  };
  std::vector<char> used(segs.size(), 0);
  auto walk = [&](int s, long start_edge) {
    Polyline line;
    line.push_back(ep.point(start_edge));
    long e = start_edge;
    while (s >= 0 && !used[s]) {
      used[s] = 1;
      const long next = segs[s].e0 == e ? segs[s].e1 : segs[s].e0;
      line.push_back(ep.point(next));
      e = next;
      s = other_seg(e, s);
    }
    lines.push_back(std::move(line));
  };
  // Open chains start at an end that only one segment uses (the grid border or a NaN hole); then loops.
  for (int i = 0; i < static_cast<int>(segs.size()); ++i) {
    if (used[i]) continue;
    if (degree(segs[i].e0) == 1)
      walk(i, segs[i].e0);
    else if (degree(segs[i].e1) == 1)
      walk(i, segs[i].e1);
  }
  for (int i = 0; i < static_cast<int>(segs.size()); ++i)
    if (!used[i]) walk(i, segs[i].e0);
  return lines;
}

std::vector<std::vector<ImVec2>> contour_bands(const Grid& g, const std::vector<double>& levels) {
  std::vector<std::vector<ImVec2>> bands(levels.size() + 1);
  if (g.rows < 2 || g.cols < 2) return bands;
  // Cells whose four corners share a band are merged along the row into one rectangle (two triangles): a
  // smooth 256 x 256 field then costs thousands of triangles instead of 130 000. Cells that a level crosses
  // are split and clipped.
  auto emit_run = [&](int band, int r, int c0, int c1) {
    if (band < 0 || c1 <= c0) return;
    const float x0 = static_cast<float>(c0), x1 = static_cast<float>(c1), y0 = static_cast<float>(r), y1 = y0 + 1;
    auto& t = bands[band];
    t.insert(t.end(), {ImVec2(x0, y0), ImVec2(x1, y0), ImVec2(x1, y1), ImVec2(x0, y0), ImVec2(x1, y1), ImVec2(x0, y1)});
  };
  for (int r = 0; r + 1 < g.rows; ++r) {
    int run_band = -1, run_start = 0;
    for (int c = 0; c + 1 < g.cols; ++c) {
      const Vtx p0{static_cast<float>(c), static_cast<float>(r), g.at(r, c)};
      const Vtx p1{static_cast<float>(c + 1), static_cast<float>(r), g.at(r, c + 1)};
      const Vtx p2{static_cast<float>(c + 1), static_cast<float>(r + 1), g.at(r + 1, c + 1)};
      const Vtx p3{static_cast<float>(c), static_cast<float>(r + 1), g.at(r + 1, c)};
      const bool finite = std::isfinite(p0.v) && std::isfinite(p1.v) && std::isfinite(p2.v) && std::isfinite(p3.v);
      int band = -2;  // -2: mixed or missing
      if (finite) {
        const int b = band_of(levels, p0.v);
        if (band_of(levels, p1.v) == b && band_of(levels, p2.v) == b && band_of(levels, p3.v) == b) band = b;
      }
      if (band != run_band || band < 0) {
        emit_run(run_band, r, run_start, c);
        run_band = band;
        run_start = c;
      }
      if (band >= 0 || !finite) continue;
      const Vtx t0[3] = {p0, p1, p2}, t1[3] = {p0, p2, p3};
      triangle_bands(t0, levels, bands);
      triangle_bands(t1, levels, bands);
    }
    emit_run(run_band, r, run_start, g.cols - 1);
  }
  return bands;
}

std::vector<double> nice_levels(double lo, double hi, int count) {
  std::vector<double> levels;
  if (!(hi > lo) || count <= 0) return levels;
  const double eps = (hi - lo) * 1e-9;
  for (const Tick& t : linear_ticks(lo, hi, count + 1))
    if (t.value > lo + eps && t.value < hi - eps) levels.push_back(t.value);
  return levels;
}

}  // namespace attend::views::plot
