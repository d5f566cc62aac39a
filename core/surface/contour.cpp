#include "core/surface/contour.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attend::surface {

std::vector<double> contour_levels(const HeightMap& map, int count) {
  std::vector<double> levels;
  for (int k = 0; k < count; ++k) levels.push_back(map.from_t((k + 0.5) / count));
  return levels;
}

namespace {

// Edge numbering of a cell with corners a (i, j), b (i+1, j), c (i+1, j+1), d (i, j+1):
// 0 = a–b (bottom), 1 = b–c (right), 2 = d–c (top), 3 = a–d (left).
// For each case (bit 0 = a above, 1 = b, 2 = c, 3 = d) the edge pairs its segments join; -1 ends the list.
// Cases 5 and 10 are the ambiguous saddles, handled separately.
const int kSegments[16][4] = {
    {-1, -1, -1, -1}, {3, 0, -1, -1}, {0, 1, -1, -1}, {3, 1, -1, -1}, {1, 2, -1, -1}, {-1, -1, -1, -1},
    {0, 2, -1, -1},   {3, 2, -1, -1}, {2, 3, -1, -1}, {0, 2, -1, -1}, {-1, -1, -1, -1}, {1, 2, -1, -1},
    {3, 1, -1, -1},   {0, 1, -1, -1}, {3, 0, -1, -1}, {-1, -1, -1, -1},
};

struct Cell {
  double va, vb, vc, vd;   // corner values
  double x0, x1, y0, y1;   // corner coordinates
};

// The point where `level` crosses edge e of the cell.
void crossing(const Cell& c, int e, double level, float* out) {
  auto lerp = [&](double vp, double vq) {
    const double d = vq - vp;
    return d == 0 ? 0.5 : std::clamp((level - vp) / d, 0.0, 1.0);
  };
  double x = 0, y = 0;
  switch (e) {
    case 0: x = c.x0 + lerp(c.va, c.vb) * (c.x1 - c.x0); y = c.y0; break;
    case 1: x = c.x1; y = c.y0 + lerp(c.vb, c.vc) * (c.y1 - c.y0); break;
    case 2: x = c.x0 + lerp(c.vd, c.vc) * (c.x1 - c.x0); y = c.y1; break;
    default: x = c.x0; y = c.y0 + lerp(c.va, c.vd) * (c.y1 - c.y0); break;
  }
  out[0] = static_cast<float>(x);
  out[1] = static_cast<float>(y);
}

void emit(const Cell& c, int e0, int e1, double level, std::vector<float>* seg) {
  float p[4];
  crossing(c, e0, level, p);
  crossing(c, e1, level, p + 2);
  // A level through a grid vertex gives zero-length pieces in the cells beside it; they draw nothing.
  if (p[0] == p[2] && p[1] == p[3]) return;
  seg->insert(seg->end(), p, p + 4);
}

}  // namespace

std::vector<ContourLine> marching_squares(const double* f, int nx, int ny, const Box& box,
                                          const std::vector<double>& levels, const HeightMap& map) {
  std::vector<ContourLine> lines(levels.size());
  for (size_t k = 0; k < levels.size(); ++k) {
    lines[k].level = levels[k];
    lines[k].t = static_cast<float>(map.to_t(levels[k]));
  }
  if (nx < 2 || ny < 2 || levels.empty()) return lines;
  // Levels in ascending order, so each cell visits only the levels between its lowest and highest corner.
  std::vector<size_t> order(levels.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return levels[a] < levels[b]; });
  std::vector<double> sorted(levels.size());
  for (size_t k = 0; k < order.size(); ++k) sorted[k] = levels[order[k]];

  const double hx = box.width() / (nx - 1), hy = box.height() / (ny - 1);
  for (int j = 0; j + 1 < ny; ++j) {
    const double* r0 = f + static_cast<size_t>(j) * nx;
    const double* r1 = r0 + nx;
    for (int i = 0; i + 1 < nx; ++i) {
      Cell c{r0[i], r0[i + 1], r1[i + 1], r1[i], box.x0 + i * hx, box.x0 + (i + 1) * hx, box.y0 + j * hy, box.y0 + (j + 1) * hy};
      if (!std::isfinite(c.va) || !std::isfinite(c.vb) || !std::isfinite(c.vc) || !std::isfinite(c.vd)) continue;
      const double lo = std::min(std::min(c.va, c.vb), std::min(c.vc, c.vd));
      const double hi = std::max(std::max(c.va, c.vb), std::max(c.vc, c.vd));
      // A level crosses the cell when some corner is below it and some at or above: lo < level ≤ hi.
      for (auto it = std::upper_bound(sorted.begin(), sorted.end(), lo); it != sorted.end() && *it <= hi; ++it) {
        const double L = *it;
        const size_t k = order[static_cast<size_t>(it - sorted.begin())];
        std::vector<float>* seg = &lines[k].segments;
        const int cas = (c.va >= L) | ((c.vb >= L) << 1) | ((c.vc >= L) << 2) | ((c.vd >= L) << 3);
        if (cas == 5 || cas == 10) {
          const bool centre_above = 0.25 * (c.va + c.vb + c.vc + c.vd) >= L;
          // Above-corners joined through the centre (case 5 with centre above, 10 with centre below):
          // cut off the two below-corners; otherwise cut off the two above-corners.
          const bool cut_b_d = (cas == 5) == centre_above;
          if (cut_b_d) {
            emit(c, 0, 1, L, seg);  // around b
            emit(c, 2, 3, L, seg);  // around d
          } else {
            emit(c, 3, 0, L, seg);  // around a
            emit(c, 1, 2, L, seg);  // around c
          }
          continue;
        }
        const int* s = kSegments[cas];
        if (s[0] >= 0) emit(c, s[0], s[1], L, seg);
      }
    }
  }
  return lines;
}

std::vector<ContourLine> contour_lines(const Mesh& m, int count) {
  return marching_squares(m.f.data(), m.n, m.n, m.box, contour_levels(m.map, count), m.map);
}

}  // namespace attend::surface
