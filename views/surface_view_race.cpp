// The race's numbers: the racer table (colour, learning rate, steps, loss, gradient, where it is), each
// racer's hyperparameters in a popover, adding and removing racers; the step card (the focused racer's last
// step, every vector of its update rule, for the step-by-step mode); and the loss-against-step curves.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/plot/color.h"
#include "views/plot/ticks.h"
#include "views/surface_view_state.h"

namespace attend::views::surface_view {

using optim::Method;
using surface::Racer;
using surface::Vec2;

namespace {

// What a racer is doing, in a word or two, and the colour to say it in.
std::pair<std::string, ImU32> racer_state(const Lab& lab, const Racer& r, const Palette& pal) {
  if (r.diverged) return {r.t == 0 ? "undefined at start" : "diverged", pal.bad};
  if (r.t == 0) return {"start", pal.text_dim};
  if (lab.critical) {
    const int i = surface::nearest_critical(lab.critical->result, r.p, 0.01 * lab.box.diagonal());
    if (i >= 0) {
      const surface::CriticalKind k = lab.critical->result.points[i].kind;
      return {surface::kind_name(k), kind_colour(pal, k)};
    }
  }
  return {"moving", pal.text};
}

void hyper_slider(const ViewContext& ctx, Lab& lab, const std::string& label, const char* name, const char* text,
                  double* value, float lo, float hi, bool log, const char* help) {
  float v = static_cast<float>(*value);
  ImGui::SetNextItemWidth(170 * ctx.scale);
  const ImGuiSliderFlags flags = log ? ImGuiSliderFlags_Logarithmic : 0;
  if (ImGui::SliderFloat(text, &v, lo, hi, log ? "%.3g" : "%.4f", flags)) {
    *value = v;
    lab.race->set(label + "." + name, v);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (ctrl+click to type a value)", help);
}

// The popover with one racer's hyperparameters; edits go to the session by name ("Adam.beta1").
void hyper_popup(const ViewContext& ctx, Lab& lab, const Racer& r) {
  if (!ImGui::BeginPopup("hyper")) return;
  // Edit a copy taken when the popup opened: the snapshot catches up a frame later.
  if (lab.edit_label != r.spec.label || ImGui::IsWindowAppearing()) {
    lab.edit_label = r.spec.label;
    lab.edit_hyper = r.spec.hyper;
  }
  optim::Hyper& h = lab.edit_hyper;
  const std::string& L = r.spec.label;
  const Method m = r.spec.method;
  ImGui::Text("%s · %s", L.c_str(), optim::method_name(m));
  ImGui::Separator();
  hyper_slider(ctx, lab, L, "lr", "learning rate η", &h.lr, 1e-5f, 10.0f, true, "the step size");
  if (m == Method::Momentum || m == Method::Nesterov)
    hyper_slider(ctx, lab, L, "momentum", "momentum μ", &h.momentum, 0.0f, 0.999f, false, "how much of the last velocity is kept");
  if (m == Method::RMSProp) hyper_slider(ctx, lab, L, "rho", "decay ρ", &h.rho, 0.5f, 0.9999f, false, "the average of g² forgets at rate 1 − ρ");
  if (m == Method::Adam || m == Method::AdamW) {
    hyper_slider(ctx, lab, L, "beta1", "β₁", &h.beta1, 0.0f, 0.999f, false, "decay of the first moment m (the velocity)");
    hyper_slider(ctx, lab, L, "beta2", "β₂", &h.beta2, 0.9f, 0.99999f, false, "decay of the second moment s (the average g²)");
    bool bc = h.bias_correction;
    if (ImGui::Checkbox("bias correction", &bc)) {
      h.bias_correction = bc;
      lab.race->set(L + ".bias_correction", bc ? 1.0 : 0.0);
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("m′ = m/(1 − β₁ᵗ), s′ = s/(1 − β₂ᵗ): m and s start at 0, so without the correction the first "
                        "estimates are too small");
  }
  if (optim::uses_second_moment(m)) hyper_slider(ctx, lab, L, "eps", "ε", &h.eps, 1e-10f, 1.0f, true, "added to √s so the step stays finite");
  hyper_slider(ctx, lab, L, "weight_decay", m == Method::AdamW ? "weight decay λ" : "L2 λ", &h.weight_decay, 0.0f, 1.0f, false,
               m == Method::AdamW ? "decoupled: θ −= η·λ·θ each step" : "added to the gradient: g + λ·θ");
  ImGui::Separator();
  if (ImGui::Button("Remove this racer")) {
    lab.race->post([L](surface::Race& race) { surface::remove_racer(race, L); });
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void add_racer_popup(Lab& lab) {
  if (!ImGui::BeginPopup("add racer")) return;
  for (int k = 0; k < optim::kMethodCount; ++k) {
    const Method m = static_cast<Method>(k);
    if (ImGui::MenuItem(optim::method_name(m))) {
      lab.race->post([m](surface::Race& race) { surface::add_racer(race, surface::default_racers(race.surface, {m})[0]); });
      lab.race->reset(lab.snap ? lab.snap->progress.seed : 0);
    }
  }
  ImGui::EndPopup();
}

std::string vec_text(Vec2 v) {
  char b[64];
  std::snprintf(b, sizeof b, "(%s, %s)", plot::format_value(v.x, 4).c_str(), plot::format_value(v.y, 4).c_str());
  return b;
}

const char* rule_text(Method m) {
  switch (m) {
    case Method::SGD: return "θ ← θ − η·g";
    case Method::Momentum: return "v ← μv + g;   θ ← θ − η·v";
    case Method::Nesterov: return "v ← μv + g;   θ ← θ − η·(g + μv)";
    case Method::AdaGrad: return "s ← s + g²;   θ ← θ − η·g/(√s + ε)";
    case Method::RMSProp: return "s ← ρs + (1−ρ)g²;   θ ← θ − η·g/(√s + ε)";
    case Method::Adam: return "m ← β₁m + (1−β₁)g;  s ← β₂s + (1−β₂)g²;  θ ← θ − η·m′/(√s′ + ε)";
    case Method::AdamW: return "Adam's step, plus θ ← θ − η·λ·θ";
  }
  return "";
}

}  // namespace

void draw_racer_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  const float s = ctx.scale;
  ImGui::PushFont(ctx.fonts->small);
  header_controls_at(ctx, p, ImGui::CalcTextSize("+ add racer").x + 10 * s);
  if (ImGui::SmallButton("+ add racer")) ImGui::OpenPopup("add racer");
  add_racer_popup(lab);
  ImGui::PopFont();
  lab.layout.push_back({"racers", p.min, p.max, p.body_min, p.body_max});
  if (!lab.snap) return;
  const Palette& pal = *ctx.palette;
  ImGui::SetCursorScreenPos(ImVec2(p.body_min.x + 2 * s, p.body_min.y));
  ImGui::PushFont(ctx.fonts->small);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_NoPadOuterX;
  const ImVec2 size(p.body_size().x - 4 * s, p.body_size().y - 2 * s);
  if (ImGui::BeginTable("racers", 7, flags, size)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("racer", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn("η", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("steps", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("loss", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("|∇f|", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("at", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("edit").x + 8 * s);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < lab.snap->racers.size(); ++i) {
      const Racer& r = lab.snap->racers[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool hidden = lab.hidden.count(r.spec.label) > 0;
      const ImU32 col = racer_colour(pal, *lab.snap, i);
      // The swatch toggles whether the racer is drawn.
      const ImVec2 q = ImGui::GetCursorScreenPos();
      const float h = ImGui::GetTextLineHeight();
      if (ImGui::InvisibleButton("swatch", ImVec2(h, h))) {
        if (hidden) lab.hidden.erase(r.spec.label);
        else lab.hidden.insert(r.spec.label);
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip(hidden ? "show this racer" : "hide this racer (it keeps racing)");
      ImDrawList* dl = ImGui::GetWindowDrawList();
      const ImVec2 c(q.x + h * 0.5f, q.y + h * 0.5f);
      if (hidden) dl->AddCircle(c, h * 0.32f, col, 0, 1.5f * s);
      else dl->AddCircleFilled(c, h * 0.36f, col);
      ImGui::SameLine(0, 4 * s);
      const bool focused = lab.step_by_step && focus_racer(lab) == &r;
      if (ImGui::Selectable(r.spec.label.c_str(), focused, ImGuiSelectableFlags_None)) lab.focus = r.spec.label;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: click to follow its steps in the step card", optim::method_name(r.spec.method));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(plot::format_value(r.spec.hyper.lr, 3).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(r.t));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(std::isfinite(r.loss) ? plot::format_value(r.loss, 4).c_str() : "—");
      ImGui::TableNextColumn();
      const double g = surface::norm(lab.surface.gradient(r.p));
      ImGui::TextUnformatted(std::isfinite(g) ? plot::format_value(g, 2).c_str() : "—");
      ImGui::TableNextColumn();
      const auto [state, state_col] = racer_state(lab, r, pal);
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(state_col), "%s", state.c_str());
      if (r.diverged && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.why.c_str());
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("edit")) ImGui::OpenPopup("hyper");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("hyperparameters of %s", r.spec.label.c_str());
      hyper_popup(ctx, lab, r);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::PopFont();
}

void draw_step_card(ViewContext& ctx, Lab& lab, const Panel& p) {
  const float s = ctx.scale;
  const Racer* r = focus_racer(lab);
  lab.layout.push_back({"step", p.min, p.max, p.body_min, p.body_max});
  if (lab.snap && !lab.snap->racers.empty()) {
    ImGui::PushFont(ctx.fonts->small);
    const float w = 130 * s;
    header_controls_at(ctx, p, w);
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("##focus", r ? r->spec.label.c_str() : "")) {
      for (const Racer& x : lab.snap->racers)
        if (ImGui::Selectable(x.spec.label.c_str(), &x == r)) lab.focus = x.spec.label;
      ImGui::EndCombo();
    }
    ImGui::PopFont();
  }
  ImGui::SetCursorScreenPos(ImVec2(p.body_min.x + 6 * s, p.body_min.y + 2 * s));
  if (!r) {
    ImGui::TextDisabled("no racers: add one");
    return;
  }
  ImGui::PushFont(ctx.fonts->small);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->text_dim), "%s", rule_text(r->spec.method));
  ImGui::PopFont();
  if (!r->has_last) {
    ImGui::TextDisabled("%s has not stepped yet: press Step (or '.')", r->spec.label.c_str());
    return;
  }
  const surface::StepDetail& d = r->last;
  const Method m = r->spec.method;
  ImGui::PushFont(ctx.fonts->small);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  const ImVec2 avail(p.body_max.x - ImGui::GetCursorScreenPos().x - 6 * s, p.body_max.y - ImGui::GetCursorScreenPos().y - 4 * s);
  if (ImGui::BeginTable("step", 3, flags, avail)) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("(x, y)", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    auto row = [&](const char* name, const std::string& value, const std::string& note, ImU32 colour = 0) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (colour) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour), "%s", name);
      else ImGui::TextUnformatted(name);
      ImGui::TableNextColumn();
      ImGui::PushFont(ctx.fonts->mono);
      ImGui::TextUnformatted(value.c_str());
      ImGui::PopFont();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", note.c_str());
    };
    char buf[96];
    std::snprintf(buf, sizeof buf, "step %lld", static_cast<long long>(d.t));
    row("θ before", vec_text(d.from), std::string(buf) + ", f " + plot::format_value(d.loss_from, 5));
    row("∇f (g)", vec_text(d.gradient), "|g| " + plot::format_value(surface::norm(d.gradient), 3), ctx.palette->bad);
    if (m == Method::Momentum || m == Method::Nesterov)
      row("velocity v", vec_text(d.velocity), "μ " + plot::format_value(r->spec.hyper.momentum, 3), ctx.palette->accent);
    if (m == Method::Adam || m == Method::AdamW) {
      row("1st moment m", vec_text(d.velocity), "β₁ " + plot::format_value(r->spec.hyper.beta1, 3));
      row("m′ = m/(1−β₁ᵗ)", vec_text(d.velocity_hat), r->spec.hyper.bias_correction ? "bias-corrected" : "correction off",
          ctx.palette->accent);
    }
    if (optim::uses_second_moment(m))
      row(m == Method::AdaGrad ? "sum of g², s" : "average g², s", vec_text(d.second_moment), "per coordinate");
    row("step size", vec_text(d.scale), optim::uses_second_moment(m) ? (m == Method::Adam || m == Method::AdamW ? "η/(√s′ + ε) per coordinate" : "η/(√s + ε) per coordinate") : "η");
    row("direction", vec_text(d.direction), "θ moves along −direction·η");
    row("update Δθ", vec_text(d.update), "|Δθ| " + plot::format_value(surface::norm(d.update), 3),
        racer_colour(*ctx.palette, *lab.snap, static_cast<size_t>(r - lab.snap->racers.data())));
    row("θ after", vec_text(d.to), "f " + plot::format_value(d.loss_to, 5));
    ImGui::EndTable();
  }
  ImGui::PopFont();
}

void draw_loss_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  const float s = ctx.scale;
  update_trace_cache(lab);
  const double best = lab.critical ? surface::lowest_minimum(lab.critical->result) : NAN;
  {
    ImGui::PushFont(ctx.fonts->small);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(3 * s, 1 * s));
    header_controls_at(ctx, p, ImGui::CalcTextSize("log of f − f*").x + ImGui::GetFrameHeight() + 8 * s);
    ImGui::BeginDisabled(!std::isfinite(best));
    bool shown = lab.log_gap && std::isfinite(best);  // unchecked while there is no minimum to measure from
    if (ImGui::Checkbox("log of f − f*", &shown)) lab.log_gap = shown;
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip(std::isfinite(best) ? "the gap to the lowest minimum in view, f* = %s, on a log axis: straight lines are "
                                              "linear convergence"
                                            : "%s",
                        std::isfinite(best) ? plot::format_value(best, 5).c_str() : "no minimum in view to measure a gap to");
    ImGui::PopStyleVar();
    ImGui::PopFont();
  }
  const bool gap = lab.log_gap && std::isfinite(best);
  plot::LinePlot lp;
  lp.x.label = "step";
  lp.y.label = gap ? "f − f*" : "loss f(θ)";
  if (gap) lp.y.scale = plot::AxisScale::Log;
  lp.empty_text = "press Run or Step";
  if (lab.snap && lab.steps_cache.size() == lab.snap->racers.size()) {
    for (size_t i = 0; i < lab.snap->racers.size(); ++i) {
      const Racer& r = lab.snap->racers[i];
      if (lab.hidden.count(r.spec.label) || r.trace.loss.size() < 2) continue;
      plot::LineSeries ser;
      ser.name = r.spec.label;
      ser.x = plot::Values(lab.steps_cache[i]);
      ser.y = gap ? plot::Values(lab.gap_cache[i]) : plot::Values(r.trace.loss);
      ser.color = racer_colour(*ctx.palette, *lab.snap, i);
      lp.series.push_back(ser);
    }
  }
  ImGui::SetCursorScreenPos(p.body_min);
  const plot::LinePlotResult res = plot::draw_line_plot(ctx, "loss", lp, p.body_size(), &lab.loss_plot);
  lab.layout.push_back({"loss", p.min, p.max, res.frame.area_min, res.frame.area_max});
}

}  // namespace attend::views::surface_view
