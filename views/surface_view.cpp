// The loss-surface lab: optimizers racing on a surface shown in 3-D and from above, its critical points
// found and classified, the saddle experiments in many dimensions, and a real network's loss sliced around
// its trained weights. This file lays the view out (mode tabs, surface picker, toolbar, panels) and makes
// the View; the panels live in surface_view_*.cpp (see surface_view_state.h).
#include "views/widgets/mode_tabs.h"
#include "views/lab_view.h"
#include "views/surface_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/train/session.h"
#include "core/util/files.h"
#include "views/plot/canvas.h"
#include "views/plot/color.h"
#include "views/plot/ticks.h"
#include "views/surface_view_state.h"

namespace attend::views {
namespace surface_view {
namespace {

// ----------------------------------------------------------------------------------------------- helpers

void write_layout(const Lab& lab) {
  const char* path = std::getenv("ATTEND_SURFACE_LAYOUT");
  if (!path || !*path) return;
  std::string out;
  char line[256];
  for (const LayoutRecord& r : lab.layout) {
    std::snprintf(line, sizeof line, "panel %s %.0f %.0f %.0f %.0f area %.0f %.0f %.0f %.0f\n", r.name.c_str(), r.min.x,
                  r.min.y, r.max.x, r.max.y, r.area_min.x, r.area_min.y, r.area_max.x, r.area_max.y);
    out += line;
  }
  (void)write_file_atomic(path, out);
}

// Byte offset of the 1-based code point `column` in UTF-8 text (the formula errors count code points).
size_t byte_of_column(const char* text, int column) {
  size_t i = 0;
  for (int c = 1; c < column && text[i]; ++c) {
    ++i;
    while (text[i] && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// ------------------------------------------------------------------------------------------- surface row

// The surface picker, the formula field and, under them, the surface's formula and note or the formula's
// error with a caret under the column it names.
void draw_surface_row(ViewContext& ctx, Lab& lab, float width) {
  const float s = ctx.scale;
  const Palette& pal = *ctx.palette;
  const ImVec2 row0 = ImGui::GetCursorScreenPos();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Surface");
  ImGui::SameLine();
  const float combo_w = std::min(200 * s, width * 0.28f);
  ImGui::SetNextItemWidth(combo_w);
  const std::string current = lab.surface.is_formula() ? "Your formula" : lab.surface.title();
  if (ImGui::BeginCombo("##surface", current.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const surface::CatalogueEntry& e : lab.catalogue) {
      if (ImGui::Selectable(e.title.c_str(), e.id == lab.surface.id())) (void)apply_surface(lab, e.id);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", e.formula.c_str(), e.note.c_str());
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("f(x, y) =");
  ImGui::SameLine();
  const float apply_w = ImGui::CalcTextSize("Apply").x + 2 * ImGui::GetStyle().FramePadding.x;
  const float field_w = std::max(80 * s, row0.x + width - ImGui::GetCursorScreenPos().x - apply_w - 8 * s);
  ImGui::SetNextItemWidth(field_w);
  const bool has_error = !lab.formula_error.empty();
  if (has_error) ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(pal.bad));
  if (has_error) ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f * s);
  const ImVec2 field_pos = ImGui::GetCursorScreenPos();
  bool apply = ImGui::InputTextWithHint("##formula", "type your own, e.g. x^2 - y^2 + 0.3*sin(4*x)", lab.formula_buf,
                                        sizeof lab.formula_buf, ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemHovered() && !has_error)
    ImGui::SetTooltip("x and y; + − · / ^, sin cos tan exp log sqrt abs tanh min max, pi; ² and π are accepted.\n"
                      "Derivatives by finite differences. Enter applies.");
  if (has_error) ImGui::PopStyleVar();
  if (has_error) ImGui::PopStyleColor();
  ImGui::SameLine(0, 6 * s);
  apply |= ImGui::Button("Apply");
  if (apply && lab.formula_buf[0]) (void)apply_surface(lab, lab.formula_buf);

  // The line under the row.
  const ImFont* small = ctx.fonts->small;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float y = ImGui::GetCursorScreenPos().y + 1 * s;
  if (has_error) {
    // A caret under the column the error names, then the message.
    const ImGuiStyle& st = ImGui::GetStyle();
    const size_t at = byte_of_column(lab.formula_buf, lab.formula_error_column);
    const float cx = field_pos.x + st.FramePadding.x + ImGui::CalcTextSize(lab.formula_buf, lab.formula_buf + at).x;
    dl->AddTriangleFilled(ImVec2(cx, y - 2 * s), ImVec2(cx - 4 * s, y + 4 * s), ImVec2(cx + 4 * s, y + 4 * s), pal.bad);
    char msg[400];
    std::snprintf(msg, sizeof msg, "column %d: %s", lab.formula_error_column, lab.formula_error.c_str());
    dl->AddText(small, small->FontSize, ImVec2(std::max(row0.x, cx - 4 * s) + 10 * s, y), pal.bad, msg);
  } else {
    std::string info = lab.surface.formula();
    if (!lab.surface.note().empty()) info += "   ·   " + lab.surface.note();
    dl->PushClipRect(ImVec2(row0.x, y), ImVec2(row0.x + width, y + small->FontSize + 2), true);
    dl->AddText(small, small->FontSize, ImVec2(row0.x, y), pal.text_dim, info.c_str());
    dl->PopClipRect();
  }
  ImGui::SetCursorScreenPos(ImVec2(row0.x, y + small->FontSize + 4 * s));
}

// ----------------------------------------------------------------------------------------- race toolbar

void draw_race_toolbar(ViewContext& ctx, Lab& lab, float width) {
  const float s = ctx.scale;
  const ImVec2 row0 = ImGui::GetCursorScreenPos();
  if (lab.snap) draw_session_toolbar(ctx, *lab.race, lab.snap->progress, lab.toolbar);
  // Right-aligned: the step-by-step switch.
  const float w = ImGui::CalcTextSize("step by step").x + ImGui::GetFrameHeight() + 8 * s;
  ImGui::SameLine();
  ImGui::SetCursorScreenPos(ImVec2(std::max(ImGui::GetCursorScreenPos().x + 8 * s, row0.x + width - w), row0.y));
  if (ImGui::Checkbox("step by step", &lab.step_by_step) && lab.step_by_step) lab.race->pause();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Pause and take one step at a time: the focused racer's gradient, velocity and update are drawn as "
                      "arrows, and its numbers fill the step card.");
}

// ------------------------------------------------------------------------------------------------ modes

void draw_race_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 avail) {
  const float s = ctx.scale;
  const float gap = 8 * s;
  draw_surface_row(ctx, lab, avail.x);
  draw_race_toolbar(ctx, lab, avail.x);
  const float top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float bottom = origin.y + avail.y;
  const float rest = bottom - top;
  const float top_h = std::floor(std::max(160 * s, (rest - gap) * 0.6f));
  const float left_w = std::floor((avail.x - gap) / 2);
  const float x0 = origin.x, x1 = origin.x + left_w + gap, xe = origin.x + avail.x;
  const float y1 = top + top_h + gap;
  const Panel p3 = draw_panel(ctx, "Surface · drag to turn", ImVec2(x0, top), ImVec2(x0 + left_w, top + top_h));
  draw_3d_panel(ctx, lab, p3);
  const Panel p2 = draw_panel(ctx, "From above · click to start", ImVec2(x1, top), ImVec2(xe, top + top_h));
  draw_2d_panel(ctx, lab, p2);
  const float bottom_left_w = left_w;
  if (lab.step_by_step) {
    const Panel pc = draw_panel(ctx, "Step card", ImVec2(x0, y1), ImVec2(x0 + bottom_left_w, bottom));
    draw_step_card(ctx, lab, pc);
  } else {
    const Panel pr = draw_panel(ctx, "Racers", ImVec2(x0, y1), ImVec2(x0 + bottom_left_w, bottom));
    draw_racer_panel(ctx, lab, pr);
  }
  const Panel pl = draw_panel(ctx, "Loss against step", ImVec2(x1, y1), ImVec2(xe, bottom));
  draw_loss_panel(ctx, lab, pl);
}

void draw_lab(ViewContext& ctx, Lab& lab) {
  // Under xvfb the pointer rests at the screen's centre; a screenshot should not show a hover there.
  if (ctx.headless) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  lab.headless = ctx.headless;
  poll_jobs(lab, ctx.headless);
  lab.snap = lab.race->latest();
  lab.hover_prev = lab.hover;
  lab.hover.reset();
  lab.layout.clear();

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const Mode before = lab.mode;
  const char* const names[3] = {"Optimizers on a surface", "Saddles in high dimensions", "A real network's landscape"};
  mode_tabs("##surface_mode", names, 3, lab.mode, lab.select_tab);
  if (lab.mode != before && lab.mode != Mode::Race) lab.race->pause();  // nothing races out of sight
  const ImVec2 body = ImGui::GetCursorScreenPos();
  const ImVec2 size(avail.x, origin.y + avail.y - body.y);
  switch (lab.mode) {
    case Mode::Race: draw_race_mode(ctx, lab, body, size); break;
    case Mode::Saddles: draw_saddles_mode(ctx, lab, body, ImVec2(body.x + size.x, body.y + size.y)); break;
    case Mode::Slice: draw_slice_mode(ctx, lab, body, ImVec2(body.x + size.x, body.y + size.y)); break;
  }
  // Claim the whole area so the window's content size is right.
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(avail);
  if (ctx.headless) write_layout(lab);
}

}  // namespace

// ------------------------------------------------------------------------------------------------ panels

Panel draw_panel(const ViewContext& ctx, const char* title, ImVec2 p0, ImVec2 p1) {
  const float s = ctx.scale;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  p0 = ImVec2(std::round(p0.x), std::round(p0.y));
  p1 = ImVec2(std::round(p1.x), std::round(p1.y));
  const ImFont* bold = ctx.fonts->bold;
  // Only the title strip is filled: the body is covered by plots and images with their own backgrounds, and
  // on a software renderer a translucent fill under them costs a tenth of a frame for nothing.
  const float title_bottom = std::round(p0.y + 5 * s + bold->FontSize + 4 * s);
  dl->AddRectFilled(p0, ImVec2(p1.x, title_bottom), ImGui::GetColorU32(ImGuiCol_FrameBg, 0.35f), 5 * s,
                    ImDrawFlags_RoundCornersTop);
  dl->AddRect(p0, p1, ImGui::GetColorU32(ImGuiCol_Border), 5 * s);
  dl->AddText(bold, bold->FontSize, ImVec2(std::round(p0.x + 8 * s), std::round(p0.y + 5 * s)), ctx.palette->text, title);
  Panel p;
  p.min = p0;
  p.max = p1;
  p.body_min = ImVec2(std::round(p0.x + 4 * s), title_bottom);
  p.body_max = ImVec2(std::round(p1.x - 4 * s), std::round(p1.y - 4 * s));
  return p;
}

void header_controls_at(const ViewContext& ctx, const Panel& p, float width) {
  ImGui::SetCursorScreenPos(ImVec2(p.max.x - 8 * ctx.scale - width, p.min.y + 4 * ctx.scale));
}

void readout_tooltip(const ViewContext& ctx, const Lab& lab, const surface::PointInfo& info, const char* title) {
  (void)lab;
  ImGui::PushFont(ctx.fonts->bold);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  auto num = [](double v) { return plot::format_value(v, 4); };
  const ImVec4 dim = ImGui::ColorConvertU32ToFloat4(ctx.palette->text_dim);
  auto line = [&](const char* name, const std::string& value) {
    ImGui::TextColored(dim, "%-4s", name);
    ImGui::SameLine(48 * ctx.scale);
    ImGui::PushFont(ctx.fonts->mono);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopFont();
  };
  line("θ", "(" + num(info.p.x) + ", " + num(info.p.y) + ")");
  line("f", num(info.f));
  line("∇f", "(" + num(info.g.x) + ", " + num(info.g.y) + ")   |∇f| " + num(surface::norm(info.g)));
  char h1[96], h2[96];
  std::snprintf(h1, sizeof h1, "⎡%9s %9s⎤", num(info.h.xx).c_str(), num(info.h.xy).c_str());
  std::snprintf(h2, sizeof h2, "⎣%9s %9s⎦", num(info.h.xy).c_str(), num(info.h.yy).c_str());
  line("H", h1);
  line("", h2);
  const double l1 = info.eig.value[0], l2 = info.eig.value[1];
  line("λ", num(l1) + ", " + num(l2));
  const char* shape = "";
  switch (info.shape) {
    case surface::CriticalKind::Minimum: shape = "curves up both ways (a bowl)"; break;
    case surface::CriticalKind::Maximum: shape = "curves down both ways (a cap)"; break;
    case surface::CriticalKind::Saddle: shape = "up one way, down the other (a saddle)"; break;
    case surface::CriticalKind::Degenerate: shape = "flat along one eigenvector"; break;
  }
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kind_colour(*ctx.palette, info.shape)), "%s", shape);
  ImGui::TextColored(dim, "green axis: λ > 0, red axis: λ < 0");
}

}  // namespace surface_view

View make_surface_view() {
  using namespace surface_view;
  return make_lab_view<Lab>(
      {"surface", "Loss surface",
       "Optimizers racing on loss surfaces, critical points classified, saddles in many dimensions, a real net's landscape."},
      make_lab, draw_lab, configure_lab, query_lab, [](Lab& lab) -> train::Control* { return lab.race.get(); },
      reset_lab);
}

}  // namespace attend::views
