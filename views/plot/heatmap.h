// Matrix heatmaps: attention weights and scores stage by stage (Q, K, V, QKᵀ, softmax), confusion matrices,
// weight matrices. Token labels on both axes (turned vertical when wider than a column), a colour bar, values
// printed in cells when they fit, a highlighted query row or column, masked cells greyed and hatched, and a
// hover readout. Small matrices draw as rectangles; from 64 x 64 cells they go through a GL texture.
//
//   plot::Heatmap h;
//   h.values = plot::Grid(weights.data(), T, T);
//   h.row_labels = tokens;  h.col_labels = tokens;
//   h.row_title = "query";  h.col_title = "key";
//   h.highlight_row = state.query;
//   auto r = plot::draw_heatmap(ctx, "weights", h, ImVec2(-1, 320));
//   if (r.clicked) state.query = r.row;
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "views/plot/axes.h"
#include "views/plot/values.h"

namespace attend::views::plot {

enum class CellText { Auto, Always, Never };  // Auto: when the value fits in its cell

struct Heatmap {
  std::string title{};
  Grid values{};                         // rows x cols, row 0 at the top
  const ColorMap* map = nullptr;       // null: lumen (sequential)
  double vmin = std::numeric_limits<double>::quiet_NaN();  // colour range; NaN: the data's, made symmetric
  double vmax = std::numeric_limits<double>::quiet_NaN();  // about `center` for diverging maps
  double center = 0;
  std::vector<std::string> row_labels{}, col_labels{};  // tokens; empty: row and column numbers
  bool labels = true;                  // false: no row or column labels at all (thumbnails of many heads)
  std::string row_title{}, col_title{};                 // "query", "key"
  const uint8_t* mask = nullptr;       // rows x cols packed; nonzero cells are masked (greyed, hatched)
  int highlight_row = -1, highlight_col = -1;
  CellText cell_text = CellText::Auto;
  int value_decimals = 2;
  bool colorbar = true;
  std::string colorbar_label{};
  bool square_cells = true;            // equal cell width and height (attention is T x T)
  bool smooth = false;                 // bilinear between cells (texture path only)
  std::string empty_text = "no data yet";
};

struct HeatmapResult {
  Frame frame;
  bool hovered = false;
  int row = -1, col = -1;  // the cell under the mouse
  double value = 0;
  bool clicked = false;    // a cell was clicked: row and col say which
};

HeatmapResult draw_heatmap(const ViewContext& ctx, const char* id, const Heatmap& h, ImVec2 size);
std::string heatmap_svg(const ViewContext& ctx, const Heatmap& h, ImVec2 size);

// The colour scale a heatmap uses for its data (exposed for views that draw their own colour bar).
ColorScale heatmap_scale(const Heatmap& h);

// Hatching: the segments of the 45° lines x + y = k * spacing that cross the rectangle [a, b].
void hatch_segments(ImVec2 a, ImVec2 b, float spacing, std::vector<ImVec2>& out);

}  // namespace attend::views::plot
