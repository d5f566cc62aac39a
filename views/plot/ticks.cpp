#include "views/plot/ticks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace attend::views::plot {
namespace {

const char* const kMinus = "\xE2\x88\x92";  // U+2212, the typographic minus

std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 12), v);
  return buf;
}

// Replaces a leading '-' (and one after an 'e') with the typographic minus.
std::string typographic(std::string s) {
  std::string out;
  out.reserve(s.size() + 4);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '-' && (i == 0 || s[i - 1] == 'e'))
      out += kMinus;
    else
      out += s[i];
  }
  return out;
}

// "-0" is a rounding artefact, never a label.
std::string clean_zero(const std::string& s) { return (s == "-0") ? "0" : s; }

// Mantissa and exponent: 2.5e-4 -> "2.5e-4" with mantissa decimals enough for `mantissa_step`.
std::string e_notation(double v, double step) {
  const int e = static_cast<int>(std::floor(std::log10(std::fabs(v)) + 1e-9));
  const double m = v / std::pow(10.0, e);
  const int d = step > 0 ? decimals_for_step(step / std::pow(10.0, e)) : 3;
  return trim_zeros(fixed(m, d)) + "e" + std::to_string(e);
}

struct Prefix {
  double unit;
  const char* suffix;
};
const Prefix kPrefixes[] = {{1e9, "G"}, {1e6, "M"}, {1e3, "k"}};

}  // namespace

int decimals_for_step(double step) {
  step = std::fabs(step);
  if (!(step > 0) || !std::isfinite(step)) return 0;
  for (int d = 0; d <= 9; ++d) {
    const double s = step * std::pow(10.0, d);
    if (std::fabs(s - std::round(s)) < 1e-6 * std::max(1.0, s)) return d;
  }
  return 9;
}

double nice_step(double span, int max_count) {
  if (!(span > 0) || !std::isfinite(span)) return 1.0;
  max_count = std::max(1, max_count);
  const double raw = span / max_count;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw * (1 - 1e-9)) return m * mag;
  return 10 * mag;
}

std::string format_tick(double v, double step, double max_abs) {
  if (std::fabs(v) < std::fabs(step) * 1e-9 || v == 0) return "0";
  const double a = std::fabs(v);
  std::string s;
  if (max_abs < 1e-3 || max_abs >= 1e12) {
    s = e_notation(v, step);
  } else {
    s.clear();
    for (const Prefix& p : kPrefixes) {
      if (a >= p.unit * (1 - 1e-9)) {
        s = trim_zeros(fixed(v / p.unit, decimals_for_step(step / p.unit))) + p.suffix;
        break;
      }
    }
    if (s.empty()) s = trim_zeros(fixed(v, decimals_for_step(step)));
  }
  return typographic(clean_zero(s));
}

std::string format_log_tick(double v) {
  if (!(v > 0)) return format_value(v);
  const int e = static_cast<int>(std::floor(std::log10(v) + 1e-9));
  std::string s;
  if (e >= -3 && e <= 2) {
    s = trim_zeros(fixed(v, std::max(0, -e)));
  } else if (e >= 3 && e < 12) {
    for (const Prefix& p : kPrefixes) {
      if (v >= p.unit * (1 - 1e-9)) {
        s = trim_zeros(fixed(v / p.unit, 0)) + p.suffix;
        break;
      }
    }
  } else {
    s = e_notation(v, std::pow(10.0, e));
  }
  return typographic(s);
}

std::string format_value(double v, int significant) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "\xE2\x88\x9E" : std::string(kMinus) + "\xE2\x88\x9E";
  if (v == 0) return "0";
  significant = std::clamp(significant, 1, 12);
  const double a = std::fabs(v);
  std::string s;
  if (a < 1e-3 || a >= 1e15) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*e", significant - 1, v);
    // "1.2340e-05" -> mantissa trimmed, exponent without '+' and leading zeros.
    std::string t = buf;
    const size_t epos = t.find('e');
    std::string mant = trim_zeros(t.substr(0, epos));
    const int e = std::atoi(t.c_str() + epos + 1);
    s = mant + "e" + std::to_string(e);
  } else if (a >= 1e4) {
    for (const Prefix& p : kPrefixes) {
      if (a >= p.unit) {
        const double m = v / p.unit;
        const int digits = static_cast<int>(std::floor(std::log10(std::fabs(m)))) + 1;
        s = trim_zeros(fixed(m, std::max(0, significant - digits))) + p.suffix;
        break;
      }
    }
    if (s.empty()) s = trim_zeros(fixed(v, 0));
  } else {
    const int digits = static_cast<int>(std::floor(std::log10(a))) + 1;
    s = trim_zeros(fixed(v, std::max(0, significant - digits)));
  }
  return typographic(clean_zero(s));
}

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds)) return format_value(seconds);
  if (seconds < 0) return std::string(kMinus) + format_duration(-seconds);
  if (seconds < 60) {
    if (std::fabs(seconds - std::round(seconds)) < 1e-6) return fixed(std::round(seconds), 0) + "s";
    return trim_zeros(fixed(seconds, seconds < 1 ? 3 : 1)) + "s";
  }
  const long total = std::lround(seconds);
  const long d = total / 86400, h = (total % 86400) / 3600, m = (total % 3600) / 60, s = total % 60;
  std::string out;
  if (d > 0) return std::to_string(d) + "d" + (h ? std::to_string(h) + "h" : "");
  if (h > 0) return std::to_string(h) + "h" + (m ? std::to_string(m) + "m" : "");
  out = std::to_string(m) + "m";
  if (s) out += std::to_string(s) + "s";
  return out;
}

std::vector<Tick> linear_ticks(double lo, double hi, int max_major) {
  std::vector<Tick> ticks;
  if (!std::isfinite(lo) || !std::isfinite(hi)) return ticks;
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) {
    const double pad = lo == 0 ? 1.0 : std::fabs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const double step = nice_step(hi - lo, max_major);
  const double k0 = std::ceil(lo / step - 1e-9), k1 = std::floor(hi / step + 1e-9);
  if (k1 - k0 > 10000) return ticks;  // a degenerate range: better no ticks than millions
  const double max_abs = std::max(std::fabs(k0 * step), std::fabs(k1 * step));
  // Multiples computed as k * step carry binary noise (3 * 0.2 = 0.6000000000000001): round them to the
  // step's decimals so callers can compare tick values exactly.
  const int d = decimals_for_step(step);
  const double unit = std::pow(10.0, d);
  for (double k = k0; k <= k1; k += 1) {
    double v = k * step;
    if (d < 9) v = std::round(v * unit) / unit;
    if (std::fabs(v) < step * 1e-9) v = 0;
    ticks.push_back({v, true, format_tick(v, step, max_abs)});
  }
  return ticks;
}

std::vector<Tick> log_ticks(double lo, double hi, int max_major) {
  std::vector<Tick> ticks;
  if (hi < lo) std::swap(lo, hi);
  if (!(hi > 0) || !std::isfinite(hi)) return ticks;
  if (!(lo > 0)) lo = hi * 1e-6;
  const double llo = std::log10(lo), lhi = std::log10(hi);
  const double span = lhi - llo;
  if (span < 0.5) return linear_ticks(lo, hi, max_major);
  max_major = std::max(1, max_major);
  const int d0 = static_cast<int>(std::floor(llo + 1e-9)), d1 = static_cast<int>(std::ceil(lhi - 1e-9));
  const int in_range = static_cast<int>(std::floor(lhi + 1e-9) - std::ceil(llo - 1e-9)) + 1;
  int step = 1;
  for (int s : {1, 2, 3, 5, 10, 20, 50, 100}) {
    step = s;
    if ((in_range + s - 1) / s <= max_major) break;
  }
  const bool label_2_5 = step == 1 && span <= 1.2 && max_major >= 4;
  auto inside = [&](double v) { return v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9); };
  for (int k = d0; k <= d1; ++k) {
    const double p = std::pow(10.0, k);
    // Multiples of the step; floor-mod so negative exponents line up too (…, -4, -2, 0, 2, …).
    const bool major_decade = ((k % step) + step) % step == 0;
    if (inside(p)) ticks.push_back({p, major_decade, major_decade ? format_log_tick(p) : std::string()});
    if (step == 1) {
      for (int m = 2; m <= 9; ++m) {
        const double v = m * p;
        if (!inside(v)) continue;
        const bool labelled = label_2_5 && (m == 2 || m == 5);
        ticks.push_back({v, labelled, labelled ? format_log_tick(v) : std::string()});
      }
    }
  }
  std::sort(ticks.begin(), ticks.end(), [](const Tick& a, const Tick& b) { return a.value < b.value; });
  return ticks;
}

std::vector<Tick> duration_ticks(double lo, double hi, int max_major) {
  if (hi < lo) std::swap(lo, hi);
  const double span = hi - lo;
  if (!(span >= 2.0)) {
    std::vector<Tick> t = linear_ticks(lo, hi, max_major);
    for (Tick& k : t) k.label += "s";
    return t;
  }
  static const double kSteps[] = {1,    2,    5,    10,    15,    30,    60,    120,   300,
                                  600,  900,  1800, 3600,  7200,  10800, 21600, 43200, 86400};
  double step = 0;
  for (double s : kSteps) {
    if (span / s <= std::max(1, max_major)) {
      step = s;
      break;
    }
  }
  if (step == 0) step = nice_step(span / 86400.0, max_major) * 86400.0;
  std::vector<Tick> ticks;
  const double k0 = std::ceil(lo / step - 1e-9), k1 = std::floor(hi / step + 1e-9);
  for (double k = k0; k <= k1; k += 1) {
    const double v = k * step + 0.0;  // + 0.0 turns -0 into 0
    ticks.push_back({v, true, format_duration(v)});
  }
  return ticks;
}

}  // namespace attend::views::plot
