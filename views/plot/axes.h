// Axes shared by every plot: how data maps to pixels (linear or log), how the box around the data is laid
// out (margins measured from the tick labels actually drawn, so panels line up and nothing is clipped), and
// how grid, ticks, axis labels, legends and colour bars are painted. All sizes scale with ViewContext::scale
// and all colours come from the Palette, so dark and light themes both work.
//
// Layout of one plot (outer box = the size the caller gives):
//
//   Title                                    (bold, optional)
//   y label                                  (small, above the y tick labels: no rotated text needed)
//   1.0 ┤‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾‾┐ ▐ 1      (colour bar, optional)
//   0.5 ┤        data area           │ ▐ 0
//       └────┬────────┬────────┬─────┘
//            0       10       20
//                  x label
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "views/plot/canvas.h"
#include "views/plot/color.h"
#include "views/plot/series.h"
#include "views/plot/ticks.h"
#include "views/view.h"

namespace attend::views::plot {

enum class AxisScale { Linear, Log };
enum class AxisFormat { Number, Duration };  // Duration: seconds printed as 45s, 2m, 1h30m

struct Axis {
  std::string label;
  AxisScale scale = AxisScale::Linear;
  AxisFormat format = AxisFormat::Number;
  double min = std::numeric_limits<double>::quiet_NaN();  // fixed bounds; NaN fits the data
  double max = std::numeric_limits<double>::quiet_NaN();
  bool grid = true;
  bool include_zero = false;  // bars, accuracy: the axis starts at 0
  float padding = 0.04f;      // fraction of the span added on both sides when fitting data
  // Live data (a training curve): a linear range fitted to the data ends on whole steps of a 1-2-5 grid of
  // about four intervals, so the axis moves in jumps as points arrive instead of on every update, which
  // keeps the plot readable and leaves the pixels of the old points alone.
  bool round_to_steps = false;
};

// Data <-> pixels along one axis. For a y axis p0 is the bottom pixel and p1 the top one.
struct AxisMap {
  double lo = 0, hi = 1;
  float p0 = 0, p1 = 1;
  bool log = false;

  float to_px(double v) const {
    if (log) {
      if (!(v > 0)) return std::numeric_limits<float>::quiet_NaN();
      return static_cast<float>(p0 + (p1 - p0) * (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo)));
    }
    return static_cast<float>(p0 + (p1 - p0) * (v - lo) / (hi - lo));
  }
  double to_data(float px) const {
    const double t = (px - p0) / static_cast<double>(p1 - p0);
    if (log) return std::pow(10.0, std::log10(lo) + t * (std::log10(hi) - std::log10(lo)));
    return lo + t * (hi - lo);
  }
};

// The axis range for data spanning `data` (an invalid range when there is none): fixed bounds win, then
// padding, zero inclusion and positivity for log axes; never empty.
Range resolve_range(const Axis& axis, Range data);

// Ticks for an axis `length_px` long (label spacing follows the UI scale).
std::vector<Tick> axis_ticks(const Axis& axis, const Range& range, float length_px, float scale, bool horizontal,
                             const ImFont* font);

// A laid-out plot.
struct Frame {
  ImVec2 outer_min, outer_max;  // the whole plot
  ImVec2 area_min, area_max;    // the data area
  AxisMap x, y;
  std::vector<Tick> x_ticks, y_ticks;
  ImVec2 title_pos, y_label_pos, x_label_pos;  // top-left of each text
  bool contains(ImVec2 p) const {
    return p.x >= area_min.x && p.x <= area_max.x && p.y >= area_min.y && p.y <= area_max.y;
  }
  ImVec2 to_px(double x_, double y_) const { return ImVec2(x.to_px(x_), y.to_px(y_)); }
};

struct FrameSpec {
  std::string title;
  const Axis* x = nullptr;
  const Axis* y = nullptr;
  Range x_range, y_range;  // already resolved
  float right_extra = 0;   // pixels kept free right of the data area (colour bar)
  float left_extra = 0;    // pixels kept free left of the data area (category labels instead of y ticks)
  float bottom_extra = 0;  // pixels below the data area (category labels instead of x ticks)
  bool x_ticks = true, y_ticks = true;
  bool equal_aspect = false;  // one data unit is as long on x as on y (embeddings, loss surfaces)
};

// Measures labels and places the data area inside [pos, pos + size].
Frame layout_frame(const ViewContext& ctx, ImVec2 pos, ImVec2 size, const FrameSpec& spec);
// The data area's background and grid lines (drawn first, under the data).
void paint_frame_back(const Canvas& c, const ViewContext& ctx, const Frame& f, const FrameSpec& spec);
// Border, ticks, tick labels, axis labels and title (drawn last, over the data).
void paint_frame_front(const Canvas& c, const ViewContext& ctx, const Frame& f, const FrameSpec& spec);

// ----------------------------------------------------------------------------------------------- legends

enum class LegendMark { Line, Dashed, LineDot, Dot, Ring, Box, Band };

struct LegendEntry {
  std::string name;
  ImU32 color = 0;
  LegendMark mark = LegendMark::Line;
  bool hidden = false;  // drawn struck-through and faded
  bool pinned = false;  // drawn bold
};

struct LegendLayout {
  ImVec2 min, max;
  std::vector<ImVec2> row_min, row_max;  // one per entry, for hit tests
};

enum class Corner { TopRight, TopLeft, BottomRight, BottomLeft };

// Inside the data area, in a corner.
LegendLayout layout_legend(const ViewContext& ctx, const std::vector<LegendEntry>& entries, const Frame& f,
                           Corner corner);
// At an explicit top-left (outside the data area), at most `max_height` tall.
LegendLayout layout_legend_at(const ViewContext& ctx, const std::vector<LegendEntry>& entries, ImVec2 top_left,
                              float max_height);
float legend_width(const ViewContext& ctx, const std::vector<LegendEntry>& entries);
// The corner whose legend box covers the fewest of `points` (screen positions of the data).
Corner least_covered_corner(const ViewContext& ctx, const std::vector<LegendEntry>& entries, const Frame& f,
                            const std::vector<ImVec2>& points);
void paint_legend(const Canvas& c, const ViewContext& ctx, const std::vector<LegendEntry>& entries,
                  const LegendLayout& layout, int hovered_row);

// ------------------------------------------------------------------------------------------- colour bars

// Width the colour bar with its tick labels needs.
float colorbar_width(const ViewContext& ctx, const ColorScale& scale);
// A vertical bar from `top` to `bottom` at x = `left`, ticks labelled on its right; `label` above it.
void paint_colorbar(const Canvas& c, const ViewContext& ctx, const ColorMap& map, const ColorScale& scale, float left,
                    float top, float bottom, const std::string& label);

// `text` centred in the data area: what a plot shows when it has nothing to plot yet.
void paint_empty_message(const Canvas& c, const ViewContext& ctx, const Frame& f, const std::string& text);

// A small coloured swatch and a line of text in the current ImGui tooltip.
void tooltip_row(const ViewContext& ctx, ImU32 color, const char* name, const char* value);

}  // namespace attend::views::plot
