// Line plots and training curves: many runs overlaid with names and colours, EMA smoothing with the raw curve
// kept faintly behind, mean ± spread bands and min/max envelopes across seeds, linear or log axes on x and y,
// x by step or wall time, vertical marker lines, a linked cursor from another view, a hover readout across
// runs, box zoom, and a legend that hides (click) and pins (right click) runs. Exports to SVG (legend
// included) and CSV.
//
//   plot::LinePlot p;
//   p.y.label = "loss";
//   p.y.scale = plot::AxisScale::Log;
//   p.smoothing = 0.6;
//   p.series.push_back({"adam", h.step, h.value});
//   auto r = plot::draw_line_plot(ctx, "curves", p, ImVec2(-1, 300), &state.curves);
//   if (r.clicked) session_scrub_to(r.clicked_x);
//
// Data is read through Values (no copies); x must be sorted ascending. Non-finite y values break the line.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "views/plot/axes.h"
#include "views/plot/values.h"

namespace attend::views::plot {

struct LineSeries {
  std::string name{};
  Values x{};             // empty: the index 0, 1, 2, ...
  Values y{};
  ImU32 color = 0;      // 0: the theme's categorical colour for the series' position
  bool dashed = false;
  bool markers = false; // a dot on every point (sparse series such as evaluations)
  float thickness = 0;  // 0: 1.75 px times the UI scale
  Values band_lo{}, band_hi{};          // a shaded band (mean ± spread across seeds), smoothed like y
  Values envelope_lo{}, envelope_hi{};  // a fainter outer band (min/max across seeds)
};

struct MarkerLine {
  double x = 0;
  std::string label{};
  ImU32 color = 0;  // 0: the theme's dim text colour
};

struct LinePlot {
  std::string title{};
  Axis x, y;
  std::vector<LineSeries> series{};
  std::vector<MarkerLine> markers{};
  double smoothing = 0;              // EMA weight in [0, 1): smoothed lines solid, raw ones faint
  bool legend = true;
  std::optional<double> cursor_x;    // a linked moment (another view's step): a line with each run's value
  std::string empty_text = "no data yet";  // shown while no run has a point
};

// UI state a view keeps for one plot: which runs are hidden or pinned (by name) and the zoom.
struct LinePlotState {
  std::vector<std::string> hidden{}, pinned{};
  bool zoomed = false;
  Range zoom_x{}, zoom_y{};
};

struct LinePlotResult {
  Frame frame;
  bool hovered = false;     // the mouse is over the data area
  double hover_x = 0;       // data x under the mouse
  int hover_series = -1;    // the curve nearest the mouse (within a few pixels), or -1
  int hover_index = -1;     // its point nearest hover_x
  bool clicked = false;     // a click (not a drag) in the data area this frame
  double clicked_x = 0;     // the x of the clicked curve's nearest point, else the x under the mouse
  int clicked_series = -1;
  int clicked_index = -1;
};

// Draws at the cursor; size.x or size.y <= 0 takes the remaining width or height. `state` may be null (no
// hiding, pinning or zoom).
LinePlotResult draw_line_plot(const ViewContext& ctx, const char* id, const LinePlot& plot, ImVec2 size,
                              LinePlotState* state = nullptr);

// The same picture as an SVG document (what is hidden stays hidden, the zoom is kept).
std::string line_plot_svg(const ViewContext& ctx, const LinePlot& plot, ImVec2 size, const LinePlotState* state);
// Every point as CSV: series,x,y,smoothed,band_lo,band_hi (empty fields where a series has no band).
std::string line_plot_csv(const LinePlot& plot);

// The x of point i of a series (its index when the series has no x values).
inline double series_x(const LineSeries& s, int i) { return s.x.empty() ? static_cast<double>(i) : s.x[i]; }
// Points in a series: x and y may differ in length while data arrives; the shorter one counts.
inline int series_count(const LineSeries& s) { return s.x.empty() ? s.y.count : std::min(s.x.count, s.y.count); }
// The point nearest data x = `x` (-1 for an empty series).
int nearest_point(const LineSeries& s, double x);

}  // namespace attend::views::plot
