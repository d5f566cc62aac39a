// Placing text labels next to points without overlaps (embedding scatter plots, named critical points).
// Greedy by priority: each label tries eight spots around its point (right first, then left, above, below,
// the diagonals) and takes the first that stays inside the bounds and covers neither a label already placed
// nor another labelled point; a label with no free spot is hidden, unless it is a `must`. A uniform grid keeps the overlap test
// fast for thousands of labels. Pure; tested in tests/views/plot/test_label_layout.cpp.
#pragma once

#include <vector>

#include <imgui.h>

namespace attend::views::plot {

struct LabelRequest {
  ImVec2 anchor;        // the point the label belongs to, in pixels
  ImVec2 size;          // the text's size
  float priority = 0;   // higher is placed first (selected point, frequent word)
  bool must = false;    // always shown (the selected or hovered point): may cover other points, or at
                        // worst other labels, when no free spot is left
};

struct LabelPlacement {
  bool shown = false;
  ImVec2 pos;           // top-left of the text when shown
};

// `gap` is the distance between the point and its label; `marker` the radius kept clear around every anchor.
std::vector<LabelPlacement> place_labels(const std::vector<LabelRequest>& labels, ImVec2 bounds_min,
                                         ImVec2 bounds_max, float gap, float marker);

}  // namespace attend::views::plot
