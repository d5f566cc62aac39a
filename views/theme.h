// Dark and light themes: ImGui's widget colours plus the palette the plot kit and views draw with, so every
// chart, heatmap and label follows the theme the person picked.
#pragma once

#include <imgui.h>

namespace attend::views {

enum class ThemeKind { Dark, Light };

struct Palette {
  ImU32 background;   // plot area
  ImU32 frame;        // plot border and axes
  ImU32 grid;         // grid lines
  ImU32 text;         // labels
  ImU32 text_dim;     // tick labels, captions
  ImU32 highlight;    // the selected row, token or point
  ImU32 accent;       // buttons, the current step
  ImU32 good;         // a passed check, a right answer
  ImU32 bad;          // a failed check, a wrong answer, a divergence
  ImU32 warning;
  ImU32 series[8];    // distinct, colour-blind-friendly line colours
};

// Applies ImGui colours and sizes (scaled by `scale`) and returns the matching palette.
Palette apply_theme(ThemeKind kind, float scale);
const char* theme_name(ThemeKind kind);

}  // namespace attend::views
