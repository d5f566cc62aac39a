#include "views/plot/heatmap.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/gl/texture.h"
#include "views/plot/input.h"

namespace attend::views::plot {
namespace {

// Matrices with at least this many cells go through a texture instead of one rectangle per cell.
constexpr int kTextureCells = 64 * 64;

struct Prepared {
  Axis xa, ya;
  FrameSpec spec;
  Frame frame;
  ColorScale scale;
  const ColorMap* map = nullptr;
  std::vector<std::string> rows, cols;  // labels
  bool vertical_cols = false;
  int row_every = 1, col_every = 1;     // label every k-th row or column when they are dense
  float cell_w = 0, cell_h = 0;
};

float row_top(const Prepared& p, int r) { return std::round(p.frame.area_min.y + r * p.cell_h); }
float col_left(const Prepared& p, int c) { return std::round(p.frame.area_min.x + c * p.cell_w); }

std::string cell_text(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s[0] == '-') {
    // "-0.00" is a rounding artefact; other negatives get the typographic minus.
    bool zero = s.find_first_not_of("-0.") == std::string::npos;
    s = zero ? s.substr(1) : "\xE2\x88\x92" + s.substr(1);
  }
  return s;
}

void prepare(const ViewContext& ctx, const Heatmap& h, ImVec2 pos, ImVec2 size, Prepared& p) {
  const float s = ctx.scale;
  const ImFont* small = ctx.fonts->small;
  const int R = h.values.rows, C = h.values.cols;
  p.map = h.map ? h.map : &color_map(ColorMapId::Lumen);
  p.scale = heatmap_scale(h);
  for (int r = 0; r < R; ++r) p.rows.push_back(r < static_cast<int>(h.row_labels.size()) ? h.row_labels[r] : std::to_string(r));
  for (int c = 0; c < C; ++c) p.cols.push_back(c < static_cast<int>(h.col_labels.size()) ? h.col_labels[c] : std::to_string(c));
  float row_w = 0, col_w = 0;
  if (!h.labels) {
    p.rows.clear();
    p.cols.clear();
  }
  for (const std::string& l : p.rows) row_w = std::max(row_w, text_size(small, l.c_str()).x);
  for (const std::string& l : p.cols) col_w = std::max(col_w, text_size(small, l.c_str()).x);

  p.xa.label = h.col_title;
  p.ya.label = h.row_title;
  // The colour bar's label sits in the row above the data; keep that row even without a row title.
  if (h.colorbar && !h.colorbar_label.empty() && p.ya.label.empty()) p.ya.label = " ";
  p.spec.title = h.title;
  p.spec.x = &p.xa;
  p.spec.y = &p.ya;
  p.spec.x_range = {0, static_cast<double>(std::max(1, C))};
  p.spec.y_range = {0, static_cast<double>(std::max(1, R))};
  p.spec.x_ticks = p.spec.y_ticks = false;
  p.spec.equal_aspect = h.square_cells;
  p.spec.left_extra = h.labels ? row_w + 5 * s : 0;
  p.spec.bottom_extra = h.labels ? small->FontSize + 4 * s : 0;
  if (h.colorbar) {
    float w = colorbar_width(ctx, p.scale);
    if (!h.colorbar_label.empty()) w = std::max(w, 8 * s + text_size(small, h.colorbar_label.c_str()).x + 2 * s);
    p.spec.right_extra = w;
  }
  p.frame = layout_frame(ctx, pos, size, p.spec);
  p.cell_w = (p.frame.area_max.x - p.frame.area_min.x) / std::max(1, C);
  if (h.labels && col_w + 4 * s > p.cell_w) {
    // Too wide for their columns: turn the column labels, keeping at most a third of the height for them.
    p.vertical_cols = true;
    p.spec.bottom_extra = std::min(col_w, size.y * 0.3f) + 5 * s;
    p.frame = layout_frame(ctx, pos, size, p.spec);
  }
  p.cell_w = (p.frame.area_max.x - p.frame.area_min.x) / std::max(1, C);
  p.cell_h = (p.frame.area_max.y - p.frame.area_min.y) / std::max(1, R);
  const float line = small->FontSize;
  p.row_every = std::max(1, static_cast<int>(std::ceil(line * 0.95f / std::max(1.0f, p.cell_h))));
  p.col_every = p.vertical_cols ? std::max(1, static_cast<int>(std::ceil(line * 0.95f / std::max(1.0f, p.cell_w)))) : 1;
}

bool masked(const Heatmap& h, int r, int c) { return h.mask && h.mask[static_cast<long>(r) * h.values.cols + c]; }

void paint(const Canvas& cv, const ViewContext& ctx, const Heatmap& h, const Prepared& p, int hover_r, int hover_c,
           ImGuiID texture_id) {
  const Palette& pal = *ctx.palette;
  const float s = ctx.scale;
  const ImFont* small = ctx.fonts->small;
  const Frame& f = p.frame;
  const int R = h.values.rows, C = h.values.cols;
  paint_frame_back(cv, ctx, f, p.spec);
  if (R <= 0 || C <= 0 || h.values.empty()) {
    paint_frame_front(cv, ctx, f, p.spec);
    paint_empty_message(cv, ctx, f, h.empty_text);
    return;
  }

  // Hatching needs room; in cells a few pixels wide masked cells are only greyed.
  const bool hatch_cells = std::min(p.cell_w, p.cell_h) >= 6 * s;
  const ImU32 mask_fill = mix(pal.background, pal.text_dim, 0.18f);
  const bool texture = cv.dl && R * C >= kTextureCells;
  if (texture) {
    std::vector<uint32_t> pixels(static_cast<size_t>(R) * C);
    for (int r = 0; r < R; ++r)
      for (int c = 0; c < C; ++c)
        pixels[static_cast<size_t>(r) * C + c] =
            masked(h, r, c) ? mask_fill : sample(*p.map, p.scale.to_t(h.values.at(r, c)));
    gl::Texture& tex = gl::frame_texture(texture_id);
    gl::upload_rgba(tex, C, R, pixels.data(), h.smooth);
    gl::draw_image(cv.dl, tex, f.area_min, f.area_max);
  } else {
    for (int r = 0; r < R; ++r)
      for (int c = 0; c < C; ++c) {
        const double v = h.values.at(r, c);
        if (!std::isfinite(v)) continue;
        cv.rect_filled(ImVec2(col_left(p, c), row_top(p, r)), ImVec2(col_left(p, c + 1), row_top(p, r + 1)),
                       sample(*p.map, p.scale.to_t(v)));
      }
  }

  if (h.mask && (hatch_cells || !texture)) {
    const ImU32 hatch = with_alpha(pal.text_dim, 0.45f);
    std::vector<ImVec2> seg;
    for (int r = 0; r < R; ++r)
      for (int c = 0; c < C; ++c) {
        if (!masked(h, r, c)) continue;
        const ImVec2 a(col_left(p, c), row_top(p, r)), b(col_left(p, c + 1), row_top(p, r + 1));
        if (!texture) cv.rect_filled(a, b, mask_fill);
        if (!hatch_cells) continue;
        seg.clear();
        hatch_segments(a, b, 6 * s, seg);
        for (size_t i = 0; i + 1 < seg.size(); i += 2) cv.line(seg[i], seg[i + 1], hatch, 1.0f);
      }
  }

  // Values in cells, when they fit.
  const std::string widest = cell_text(-std::max(std::fabs(p.scale.lo), std::fabs(p.scale.hi)), h.value_decimals);
  const ImVec2 tsz = text_size(small, widest.c_str());
  const bool fits = p.cell_w >= tsz.x + 4 * s && p.cell_h >= tsz.y + 1 * s;
  if (h.cell_text == CellText::Always || (h.cell_text == CellText::Auto && fits)) {
    for (int r = 0; r < R; ++r)
      for (int c = 0; c < C; ++c) {
        const double v = h.values.at(r, c);
        if (masked(h, r, c) || !std::isfinite(v)) continue;
        const std::string t = cell_text(v, h.value_decimals);
        const ImVec2 centre((col_left(p, c) + col_left(p, c + 1)) * 0.5f, (row_top(p, r) + row_top(p, r + 1)) * 0.5f);
        cv.text(small, align_text(centre, text_size(small, t.c_str()), 0.5f, 0.5f),
                text_color_on(sample(*p.map, p.scale.to_t(v))), t.c_str());
      }
  }

  const float hl = 2.0f * s;
  if (h.highlight_row >= 0 && h.highlight_row < R)
    cv.rect(ImVec2(f.area_min.x - hl * 0.5f, row_top(p, h.highlight_row)), ImVec2(f.area_max.x + hl * 0.5f, row_top(p, h.highlight_row + 1)),
            pal.highlight, hl);
  if (h.highlight_col >= 0 && h.highlight_col < C)
    cv.rect(ImVec2(col_left(p, h.highlight_col), f.area_min.y - hl * 0.5f), ImVec2(col_left(p, h.highlight_col + 1), f.area_max.y + hl * 0.5f),
            pal.highlight, hl);
  if (hover_r >= 0 && hover_c >= 0)
    cv.rect(ImVec2(col_left(p, hover_c), row_top(p, hover_r)), ImVec2(col_left(p, hover_c + 1), row_top(p, hover_r + 1)), pal.text,
            1.5f * s);

  paint_frame_front(cv, ctx, f, p.spec);

  // Row labels right-aligned left of the rows; column labels under the columns.
  for (int r = 0; r < static_cast<int>(p.rows.size()); r += p.row_every) {
    const bool hot = r == h.highlight_row || r == hover_r;
    const ImVec2 sz = text_size(small, p.rows[r].c_str());
    const ImVec2 at = align_text(ImVec2(f.area_min.x - 5 * s, (row_top(p, r) + row_top(p, r + 1)) * 0.5f), sz, 1.0f, 0.5f);
    cv.text(small, at, r == h.highlight_row ? pal.highlight : (hot ? pal.text : pal.text_dim), p.rows[r].c_str());
  }
  for (int c = 0; c < static_cast<int>(p.cols.size()); c += p.col_every) {
    const bool hot = c == h.highlight_col || c == hover_c;
    const ImU32 col = c == h.highlight_col ? pal.highlight : (hot ? pal.text : pal.text_dim);
    const float cx = (col_left(p, c) + col_left(p, c + 1)) * 0.5f;
    const ImVec2 sz = text_size(small, p.cols[c].c_str());
    if (p.vertical_cols) {
      // Clip labels longer than the room below the matrix with an ellipsis.
      std::string t = p.cols[c];
      const float room = p.spec.bottom_extra - 5 * s;
      if (sz.x > room) {
        while (!t.empty() && text_size(small, (t + "\xE2\x80\xA6").c_str()).x > room) {
          t.pop_back();
          while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();  // whole UTF-8
        }
        t += "\xE2\x80\xA6";
      }
      // Read bottom to top, each label ends just under its column.
      cv.text_vertical(small, ImVec2(std::round(cx - sz.y * 0.5f), std::round(f.area_max.y + 4 * s)), col, t.c_str());
    } else {
      cv.text(small, align_text(ImVec2(cx, f.area_max.y + 4 * s), sz, 0.5f, 0.0f), col, p.cols[c].c_str());
    }
  }
  if (h.colorbar) paint_colorbar(cv, ctx, *p.map, p.scale, f.area_max.x, f.area_min.y, f.area_max.y, h.colorbar_label);
}

}  // namespace

ColorScale heatmap_scale(const Heatmap& h) {
  double lo = h.vmin, hi = h.vmax;
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    double dlo = INFINITY, dhi = -INFINITY;
    for (int r = 0; r < h.values.rows; ++r)
      for (int c = 0; c < h.values.cols; ++c) {
        if (masked(h, r, c)) continue;
        const double v = h.values.at(r, c);
        if (!std::isfinite(v)) continue;
        dlo = std::min(dlo, v);
        dhi = std::max(dhi, v);
      }
    if (!(dhi >= dlo)) dlo = 0, dhi = 1;
    if (!std::isfinite(lo)) lo = dlo;
    if (!std::isfinite(hi)) hi = dhi;
  }
  const bool diverging = h.map && h.map->diverging;
  return make_color_scale(lo, hi, diverging, h.center);
}

void hatch_segments(ImVec2 a, ImVec2 b, float spacing, std::vector<ImVec2>& out) {
  if (!(spacing > 0)) return;
  const float k0 = std::ceil((a.x + a.y) / spacing), k1 = std::floor((b.x + b.y) / spacing);
  for (float k = k0; k <= k1; k += 1) {
    const float c = k * spacing;
    const float x0 = std::max(a.x, c - b.y), x1 = std::min(b.x, c - a.y);
    if (x1 <= x0) continue;
    out.emplace_back(x0, c - x0);
    out.emplace_back(x1, c - x1);
  }
}

HeatmapResult draw_heatmap(const ViewContext& ctx, const char* id, const Heatmap& h, ImVec2 size) {
  size = resolve_size(size);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id);
  const ImGuiID tex_id = ImGui::GetID("##texture");
  const PlotInput in = plot_input("##heatmap", size, false);
  Prepared p;
  prepare(ctx, h, pos, size, p);
  HeatmapResult r;
  r.frame = p.frame;
  const int R = h.values.rows, C = h.values.cols;
  if (in.hovered && p.frame.contains(in.mouse) && R > 0 && C > 0) {
    r.row = std::clamp(static_cast<int>((in.mouse.y - p.frame.area_min.y) / p.cell_h), 0, R - 1);
    r.col = std::clamp(static_cast<int>((in.mouse.x - p.frame.area_min.x) / p.cell_w), 0, C - 1);
    r.hovered = true;
    r.value = h.values.at(r.row, r.col);
    r.clicked = in.clicked;
  }
  paint(Canvas{ImGui::GetWindowDrawList(), nullptr}, ctx, h, p, r.row, r.col, tex_id);
  if (r.hovered) {
    ImGui::BeginTooltip();
    const std::string rt = h.row_title.empty() ? "row" : h.row_title, ct = h.col_title.empty() ? "column" : h.col_title;
    const std::string rl = r.row < static_cast<int>(p.rows.size()) ? p.rows[r.row] : std::to_string(r.row);
    const std::string cl = r.col < static_cast<int>(p.cols.size()) ? p.cols[r.col] : std::to_string(r.col);
    ImGui::TextDisabled("%s %s \xE2\x86\x92 %s %s", rt.c_str(), rl.c_str(), ct.c_str(), cl.c_str());
    if (masked(h, r.row, r.col))
      tooltip_row(ctx, mix(ctx.palette->background, ctx.palette->text_dim, 0.3f), "masked", "");
    else
      tooltip_row(ctx, sample(*p.map, p.scale.to_t(r.value)), format_value(r.value).c_str(), "");
    ImGui::EndTooltip();
  }
  ImGui::PopID();
  return r;
}

std::string heatmap_svg(const ViewContext& ctx, const Heatmap& h, ImVec2 size) {
  Prepared p;
  prepare(ctx, h, ImVec2(0, 0), size, p);
  Svg svg(ImVec2(0, 0), size);
  paint(Canvas{nullptr, &svg}, ctx, h, p, -1, -1, 0);
  return svg.document(ctx.palette->background);
}

}  // namespace attend::views::plot
