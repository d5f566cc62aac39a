// Two-dimensional data plots on shared x/y axes, built from layers drawn in this order:
//   field     a scalar grid over a rectangle (decision function, loss surface) as a smooth image or filled
//             contour bands, with contour lines, an emphasised level (the decision boundary) and a colour bar;
//   arrows    a vector field (gradients on a loss surface);
//   paths     polylines with start and end marks (optimizer trajectories);
//   scatter   points coloured by class, by value or by layer, hollow-ringed (test points), labelled without
//             overlaps (embeddings), with a selection highlight and the nearest point under the mouse.
// Wheel zooms about the mouse, left drag pans, double click resets (when a Plot2DState is given and
// `navigate` is on); a click reports the point or the data position, so a view can set a start point.
//
//   plot::Plot2D p;
//   p.field = {plot::Grid(prob.data(), 100, 100), {-6, 6}, {-6, 6}};
//   p.field.map = &plot::diverging_map(*ctx.palette);
//   p.field.center = 0.5;  p.field.emphasis_level = 0.5;
//   p.scatter.push_back({"train", xs, ys});  p.scatter.back().category = labels.data();
//   auto r = plot::draw_plot_2d(ctx, "boundary", p, ImVec2(-1, -1), &state.view);
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "views/plot/axes.h"
#include "views/plot/values.h"

namespace attend::views::plot {

enum class FieldStyle { Image, Filled, LinesOnly };

struct Field {
  Grid values{};   // row 0 at the top: value (r, c) sits at (x.lo + c·dx, y.hi − r·dy), grid points span x and y
  Range x{}, y{};
  const ColorMap* map = nullptr;  // null: lumen
  double vmin = std::numeric_limits<double>::quiet_NaN(), vmax = std::numeric_limits<double>::quiet_NaN();
  double center = 0;              // for diverging maps
  FieldStyle style = FieldStyle::Image;
  std::vector<double> levels{};     // contour levels; empty: `contour_count` nice levels
  int contour_count = 0;          // 0 with no levels: no contour lines
  ImU32 line_color = 0;           // 0: the theme's text colour, faint
  std::optional<double> emphasis_level;  // one level drawn bold (the decision boundary p = 0.5)
  bool colorbar = false;
  std::string colorbar_label{};
  float opacity = 1.0f;           // below 1 the field is washed towards the background (points on top read better)
};

struct ArrowLayer {
  Values x{}, y{}, u{}, v{};    // arrows from (x, y) along (u, v)
  ImU32 color = 0;      // 0: the theme's text colour
  float max_length = 0; // pixels of the longest arrow; 0: 0.9 of the median spacing between arrow bases
  bool normalize = false;  // all arrows the same length (direction only)
};

struct PathLayer {
  std::string name{};
  Values x{}, y{};
  ImU32 color = 0;
  bool start_mark = true, end_mark = true;
};

struct ScatterLayer {
  std::string name{};
  Values x{}, y{};
  const int* category = nullptr;          // class per point: the theme's categorical colours
  std::vector<std::string> category_names{};  // legend entries per class (optional)
  Values value{};                           // or a value per point through `map`
  const ColorMap* map = nullptr;
  double vmin = std::numeric_limits<double>::quiet_NaN(), vmax = std::numeric_limits<double>::quiet_NaN();  // NaN: data's
  ImU32 color = 0;                        // otherwise one colour (0: the layer's categorical colour)
  float radius = 0;                       // 0: 3.5 px times the UI scale
  bool ring = false;                      // a contrasting outline (test points)
  const std::vector<std::string>* labels = nullptr;  // text per point (empty: none), placed without overlaps
  Values label_priority{};                  // higher first (frequency); default: point order
  std::vector<int> selected{};              // highlighted points
  bool hover = true;                      // report and show the point under the mouse
};

struct Plot2D {
  std::string title{};
  Axis x, y;
  Field field;
  ArrowLayer arrows;
  std::vector<PathLayer> paths{};
  std::vector<ScatterLayer> scatter{};
  bool equal_aspect = false;
  bool legend = true;
  bool navigate = true;  // zoom and pan (needs a state)
  std::string empty_text = "no data yet";
};

struct Plot2DState {
  bool zoomed = false;
  Range x{}, y{};
};

struct Plot2DResult {
  Frame frame;
  bool hovered = false;
  double mouse_x = 0, mouse_y = 0;  // data position under the mouse
  int hover_layer = -1, hover_index = -1;
  bool clicked = false;             // a click (not a drag): clicked_* say where
  double clicked_x = 0, clicked_y = 0;
  int clicked_layer = -1, clicked_index = -1;
};

Plot2DResult draw_plot_2d(const ViewContext& ctx, const char* id, const Plot2D& plot, ImVec2 size,
                          Plot2DState* state = nullptr);
std::string plot_2d_svg(const ViewContext& ctx, const Plot2D& plot, ImVec2 size, const Plot2DState* state);

// The field's value at data position (x, y) by bilinear interpolation; NaN outside the grid.
double field_value_at(const Field& field, double x, double y);

}  // namespace attend::views::plot
