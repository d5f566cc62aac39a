#include "views/plot/label_layout.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace attend::views::plot {
namespace {

struct Box {
  float x0, y0, x1, y1;
  int owner;           // the label this box belongs to (its text or its point)
  bool point = false;  // the marker of a labelled point, not text
};

bool overlaps(const Box& a, const Box& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

// A uniform grid of boxes: a box is listed in every cell it touches.
class BoxGrid {
 public:
  explicit BoxGrid(float cell) : m_cell(cell) {}

  void add(const Box& b) {
    const int id = static_cast<int>(m_boxes.size());
    m_boxes.push_back(b);
    for_cells(b, [&](long key) { m_cells[key].push_back(id); });
  }

  // `labels_only`: points (boxes owned through `is_point`) do not count.
  bool collides(const Box& b, bool labels_only = false) const {
    bool hit = false;
    for_cells(b, [&](long key) {
      if (hit) return;
      auto it = m_cells.find(key);
      if (it == m_cells.end()) return;
      for (int id : it->second) {
        const Box& o = m_boxes[id];
        if (labels_only && o.point) continue;
        if (o.owner != b.owner && overlaps(o, b)) {
          hit = true;
          return;
        }
      }
    });
    return hit;
  }

 private:
  template <class F>
  void for_cells(const Box& b, F f) const {
    const long cx0 = static_cast<long>(std::floor(b.x0 / m_cell)), cx1 = static_cast<long>(std::floor(b.x1 / m_cell));
    const long cy0 = static_cast<long>(std::floor(b.y0 / m_cell)), cy1 = static_cast<long>(std::floor(b.y1 / m_cell));
    for (long cy = cy0; cy <= cy1; ++cy)
      for (long cx = cx0; cx <= cx1; ++cx) f(cy * 1000003L + cx);
  }

  float m_cell;
  std::vector<Box> m_boxes;
  std::unordered_map<long, std::vector<int>> m_cells;
};

}  // namespace

std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& labels, ImVec2 bounds_min,
                                         ImVec2 bounds_max, float gap, float marker) {
  const int n = static_cast<int>(labels.size());
  std::vector<LabelPlacement> out(labels.size());
  if (n == 0) return out;

  float typical = 0;
  for (const LabelRequest& l : labels) typical = std::max(typical, l.size.y);
  BoxGrid grid(std::max(16.0f, typical * 3));
  for (int i = 0; i < n; ++i) {
    const ImVec2 a = labels[i].anchor;
    grid.add({a.x - marker, a.y - marker, a.x + marker, a.y + marker, i, true});
  }

  std::vector<int> order(labels.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return labels[a].priority > labels[b].priority; });

  for (int i : order) {
    const LabelRequest& l = labels[i];
    const float w = l.size.x, h = l.size.y, ax = l.anchor.x, ay = l.anchor.y;
    const float d = gap + marker * 0.5f;
    // Right, left, above, below, then the four diagonals.
    const ImVec2 spots[8] = {{ax + d, ay - h * 0.5f},     {ax - d - w, ay - h * 0.5f}, {ax - w * 0.5f, ay - d - h},
                             {ax - w * 0.5f, ay + d},     {ax + d * 0.7f, ay - d * 0.7f - h},
                             {ax + d * 0.7f, ay + d * 0.7f}, {ax - d * 0.7f - w, ay - d * 0.7f - h},
                             {ax - d * 0.7f - w, ay + d * 0.7f}};
    auto inside = [&](const Box& b) {
      return b.x0 >= bounds_min.x && b.y0 >= bounds_min.y && b.x1 <= bounds_max.x && b.y1 <= bounds_max.y;
    };
    // Pass 0: free of labels and points. For labels that must show, pass 1 allows covering points.
    for (int pass = 0; pass < (l.must ? 2 : 1) && !out[i].shown; ++pass) {
      for (const ImVec2& s : spots) {
        const Box b{s.x, s.y, s.x + w, s.y + h, i};
        if (!inside(b) || grid.collides(b, pass == 1)) continue;
        grid.add(b);
        out[i] = {true, ImVec2(std::round(s.x), std::round(s.y))};
        break;
      }
    }
    if (l.must && !out[i].shown) {
      // No free spot at all: the first spot that fits in the bounds, over whatever is there.
      for (const ImVec2& s : spots) {
        const Box b{s.x, s.y, s.x + w, s.y + h, i};
        if (!inside(b)) continue;
        grid.add(b);
        out[i] = {true, ImVec2(std::round(s.x), std::round(s.y))};
        break;
      }
    }
  }
  return out;
}

}  // namespace attend::views::plot
