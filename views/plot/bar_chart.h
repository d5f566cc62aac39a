// Bar charts: next-token probabilities (horizontal, tokens as labels, values at the bar ends), weighted sums,
// per-class scores, feature importances. Bars start at zero (or at the axis floor on a log axis), negative
// values go the other way, optional error bars, one highlighted bar (the sampled token), hover readout.
//
//   plot::BarChart b;
//   b.labels = top_tokens;  b.values = top_probs;  b.highlight = sampled;
//   b.value_axis.label = "p(next token)";
//   plot::draw_bar_chart(ctx, "next", b, ImVec2(-1, 220));
#pragma once

#include <string>
#include <vector>

#include "views/plot/axes.h"
#include "views/plot/values.h"

namespace attend::views::plot {

struct BarChart {
  std::string title{};
  std::vector<std::string> labels{};
  Values values{};
  Values errors{};                 // optional: ± this much, drawn as whiskers
  Axis value_axis;               // label and scale of the values; starts at zero unless fixed or log
  bool horizontal = true;        // labels left, bars to the right
  ImU32 color = 0;               // 0: the theme's first categorical colour
  const ImU32* colors = nullptr; // per bar, overrides `color`
  int highlight = -1;            // drawn in the highlight colour
  bool value_labels = true;      // the value printed at the end of each bar (when there is room)
  std::string empty_text = "no data yet";
};

struct BarChartResult {
  Frame frame;
  int hovered = -1;
  bool clicked = false;  // `hovered` was clicked
};

BarChartResult draw_bar_chart(const ViewContext& ctx, const char* id, const BarChart& chart, ImVec2 size);
std::string bar_chart_svg(const ViewContext& ctx, const BarChart& chart, ImVec2 size);

}  // namespace attend::views::plot
