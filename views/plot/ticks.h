// Axis ticks and the numbers printed on them. Linear axes get "nice" steps (1, 2 or 5 times a power of ten);
// log axes get a tick per decade (every k-th decade when there are many) with minor ticks at 2..9; wall-time
// axes get steps people count in (15 s, 1 min, 5 min, 1 h). Labels are compact and share one precision per
// axis: "0 0.25 0.5", "0 2k 4k", "1e−4 2e−4", "0.01 0.1 1 10". Negative numbers use the typographic minus.
//
//   auto ticks = plot::linear_ticks(0, 1, 6);     // 0 0.2 0.4 0.6 0.8 1
//   auto decades = plot::log_ticks(1e-4, 1, 6);   // 1e−4 0.001 0.01 0.1 1, minors at 2e−4 ... 9e−1
#pragma once

#include <string>
#include <vector>

namespace attend::views::plot {

struct Tick {
  double value = 0;
  bool major = true;
  std::string label;  // empty for minor ticks
};

// The 1-2-5 step that gives at most `max_count` intervals over `span` (span > 0, max_count >= 1).
double nice_step(double span, int max_count);

// Ticks at multiples of a nice step inside [lo, hi], at most max_major + 1 of them, labelled.
std::vector<Tick> linear_ticks(double lo, double hi, int max_major);

// Decade ticks for a log axis over [lo, hi] (both > 0). Majors are labelled; minors (2..9 times a decade, or
// the skipped decades when majors step by several) are not. Spans under about half a decade fall back to
// linear ticks, and spans of about one decade also label the 2x and 5x ticks so the axis never shows one number.
std::vector<Tick> log_ticks(double lo, double hi, int max_major);

// Ticks for an axis of seconds: steps of 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, days.
std::vector<Tick> duration_ticks(double lo, double hi, int max_major);

// The label of `v` on an axis whose ticks are `step` apart and whose largest |tick| is `max_abs`: decimals
// just enough for the step, k/M/G for thousands and up, e-notation under 0.001 and from 1e12.
std::string format_tick(double v, double step, double max_abs);
// The label of a power of ten (or 2x, 5x one) on a log axis: "1e−4", "0.001", "0.5", "1", "20", "1k", "1M".
std::string format_log_tick(double v);
// A readout (hover, cell text): `significant` digits, compact, e-notation when very small or large.
std::string format_value(double v, int significant = 4);
// Seconds as "45s", "1m30s", "2h", "1h30m"; fractions of a second as "0.5s".
std::string format_duration(double seconds);

// Decimals needed to print multiples of `step` exactly (0 for integers, 2 for 0.25), at most 9.
int decimals_for_step(double step);

}  // namespace attend::views::plot
