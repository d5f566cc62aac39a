// "A real network's landscape": the playground MLP is trained here on a toy dataset, then its loss is drawn
// as a surface over a plane through the trained weights θ* (two random filter-normalised directions, or the
// two principal directions of the training path), with the path projected onto it, beside the 1-D loss
// along the straight line from the initial weights θ₀ to θ* and the training curve. All of it is computed
// by core/surface/net_slice.h on a job thread with a progress bar and Cancel.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/plot/color.h"
#include "views/plot/series.h"
#include "views/plot/ticks.h"
#include "views/surface_view_state.h"

namespace attend::views::surface_view {

namespace {

const data::Toy2DKind kDatasets[4] = {data::Toy2DKind::Circle, data::Toy2DKind::Xor, data::Toy2DKind::Gauss,
                                      data::Toy2DKind::Spiral};

// Copies what the plots draw out of a finished result (in the layouts the plot kit reads).
void take_result(SliceState& st) {
  const surface::NetSliceResult& r = *st.result;
  const int n = r.slice.n;
  st.top_down.assign(static_cast<size_t>(n) * n, NAN);
  for (int j = 0; j < n && !r.slice.loss.empty(); ++j)
    std::copy_n(r.slice.loss.begin() + static_cast<long>(n - 1 - j) * n, n, st.top_down.begin() + static_cast<long>(j) * n);
  st.path_a.clear();
  st.path_b.clear();
  st.path_f.clear();
  for (size_t k = 0; k < r.trajectory.size(); ++k) {
    st.path_a.push_back(r.trajectory[k].alpha);
    st.path_b.push_back(r.trajectory[k].beta);
    st.path_f.push_back(r.trajectory_loss[k]);
  }
  st.mark_a = {r.trajectory.empty() ? 0.0 : r.trajectory.front().alpha, 0.0};
  st.mark_b = {r.trajectory.empty() ? 0.0 : r.trajectory.front().beta, 0.0};
  st.steps.clear();
  for (size_t k = 0; k < r.loss_curve.size(); ++k) st.steps.push_back(static_cast<double>(k));
  st.curve = r.loss_curve;
  st.uploaded = 0;
}

void draw_controls(ViewContext& ctx, Lab& lab, float width) {
  const float s = ctx.scale;
  SliceState& st = lab.slice;
  surface::NetSliceSpec& spec = st.spec;
  const float x0 = ImGui::GetCursorScreenPos().x;
  const float y0 = ImGui::GetCursorScreenPos().y;
  // Row 1: what to train and how to slice.
  int ds = 0;
  for (int k = 0; k < 4; ++k)
    if (kDatasets[k] == spec.dataset) ds = k;
  const char* ds_names[4] = {"circle", "xor", "gauss", "spiral"};
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Data");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(80 * s);
  if (ImGui::Combo("##dataset", &ds, ds_names, 4)) spec.dataset = kDatasets[ds];
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%d points of TensorFlow Playground's dataset", spec.points);
  ImGui::SameLine();
  int m = static_cast<int>(spec.method);
  const char* methods[optim::kMethodCount];
  for (int k = 0; k < optim::kMethodCount; ++k) methods[k] = optim::method_name(static_cast<optim::Method>(k));
  ImGui::SetNextItemWidth(100 * s);
  if (ImGui::Combo("##method", &m, methods, optim::kMethodCount)) spec.method = static_cast<optim::Method>(m);
  ImGui::SameLine();
  float lr = static_cast<float>(spec.lr);
  ImGui::SetNextItemWidth(110 * s);
  if (ImGui::SliderFloat("##lr", &lr, 1e-3f, 1.0f, "η %.3g", ImGuiSliderFlags_Logarithmic)) spec.lr = lr;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120 * s);
  ImGui::SliderInt("##steps", &spec.steps, 20, 2000, "%d steps", ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  int dirs = spec.directions == surface::SliceDirections::Pca ? 1 : 0;
  if (ImGui::RadioButton("random plane", dirs == 0)) spec.directions = surface::SliceDirections::Random;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Two Gaussian directions, each row (the weights into one unit) scaled to the norm of that row of θ*: "
                      "filter normalisation (Li et al. 2018)");
  ImGui::SameLine();
  if (ImGui::RadioButton("plane of the path (PCA)", dirs == 1)) spec.directions = surface::SliceDirections::Pca;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The two directions the training moved along most: the projected path lies (almost) on the surface");
  (void)width;
  // Row 2: run, cancel, progress or summary.
  ImGui::SetCursorScreenPos(ImVec2(x0, y0 + ImGui::GetFrameHeightWithSpacing()));
  const bool running = st.job.active();
  ImGui::BeginDisabled(running);
  if (ImGui::Button("Train and slice")) start_net_slice(lab);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!running);
  if (ImGui::Button("Cancel")) st.job.cancel();
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (running) {
    const char* stages[3] = {"training", "slicing", "interpolating"};
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%s… %.0f%%", stages[std::clamp(st.job.stage(), 0, 2)], 100 * st.job.fraction());
    ImGui::ProgressBar(static_cast<float>(st.job.fraction()), ImVec2(-1, 0), overlay);
  } else if (st.result) {
    const surface::NetSliceResult& r = *st.result;
    char line[320];
    if (r.cancelled && r.stage < 2) {
      std::snprintf(line, sizeof line, "cancelled before the slice was finished");
    } else {
      std::snprintf(line, sizeof line, "%zu weights, %s on %s: loss %s → %s, accuracy %.0f%% → %.0f%%", r.parameters,
                    optim::method_name(r.spec.method), data::toy2d_name(r.spec.dataset), plot::format_value(r.initial_loss, 3).c_str(),
                    plot::format_value(r.final_loss, 3).c_str(), 100 * r.initial_accuracy, 100 * r.final_accuracy);
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(line);
  }
}

void slice_3d_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  const float s = ctx.scale;
  SliceState& st = lab.slice;
  ImGui::PushFont(ctx.fonts->small);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(3 * s, 1 * s));
  header_controls_at(ctx, p, ImGui::CalcTextSize("wireframe").x + ImGui::GetFrameHeight() + 6 * s);
  ImGui::Checkbox("wireframe", &st.wireframe);
  ImGui::PopStyleVar();
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(p.body_min);
  const surface::NetSliceResult* r = st.result.get();
  if (!r || r->stage < 2) {
    ImGui::Dummy(p.body_size());
    const char* msg = st.job.active() ? "computing the slice…" : "press Train and slice";
    const ImVec2 ts = plot::text_size(ctx.fonts->body, msg);
    ImGui::GetWindowDrawList()->AddText(ctx.fonts->body, ctx.fonts->body->FontSize,
                                        ImVec2((p.body_min.x + p.body_max.x - ts.x) / 2, (p.body_min.y + p.body_max.y - ts.y) / 2),
                                        ctx.palette->text_dim, msg);
    lab.layout.push_back({"slice3d", p.min, p.max, p.body_min, p.body_max});
    return;
  }
  const int n = r->slice.n;
  const double R = r->spec.range;
  if (st.uploaded != st.generation) {
    gl::set_surface(st.renderer, plot::Grid(st.top_down.data(), n, n), {-R, R}, {-R, R}, kSurfaceHeight);
    st.uploaded = st.generation;
  }
  gl::SurfaceStyle style;
  style.height = kSurfaceHeight;
  style.contour_count = 12;
  style.wireframe = st.wireframe;
  const gl::SurfaceViewResult res = draw_cached_surface(ctx, "slice3d", st.renderer, st.camera, style, p.body_size(), "α (d₁)",
                                                        "β (d₂)", st.render_cache, st.generation);
  lab.layout.push_back({"slice3d", p.min, p.max, res.image_min, res.image_max});
  // The training path at its true loss, and the two ends.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(res.image_min, res.image_max, true);
  std::vector<ImVec2> pts;
  for (size_t k = 0; k < st.path_a.size(); ++k) {
    ImVec2 q;
    if (gl::project_to_image(st.renderer, gl::surface_point(st.renderer, st.path_a[k], st.path_b[k], st.path_f[k]),
                             res.image_min, res.image_max, q))
      pts.push_back(q);
  }
  const Palette& pal = *ctx.palette;
  if (pts.size() >= 2) {
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), plot::with_alpha(pal.background, 0.6f), 0, 4.5f * s);
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), pal.highlight, 0, 2.2f * s);
    dl->AddCircleFilled(pts.front(), 4.5f * s, pal.bad);
    dl->AddCircleFilled(pts.back(), 5.0f * s, pal.good);
  }
  dl->PopClipRect();
}

void slice_map_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  SliceState& st = lab.slice;
  const surface::NetSliceResult* r = st.result.get();
  plot::Plot2D pl;
  pl.x.label = "α along d₁";
  pl.y.label = "β along d₂";
  pl.equal_aspect = true;
  pl.empty_text = st.job.active() ? "computing the slice…" : "press Train and slice";
  if (r && r->stage >= 2) {
    const int n = r->slice.n;
    const double R = r->spec.range;
    pl.field.values = plot::Grid(st.top_down.data(), n, n);
    pl.field.x = {-R, R};
    pl.field.y = {-R, R};
    pl.field.style = plot::FieldStyle::Filled;
    pl.field.contour_count = 12;
    pl.field.colorbar = true;
    pl.field.colorbar_label = "loss";
    plot::PathLayer path;
    path.name = "training path (projected)";
    path.x = st.path_a;
    path.y = st.path_b;
    path.color = ctx.palette->highlight;
    pl.paths.push_back(path);
    plot::ScatterLayer ends;
    ends.name = "θ₀ start, θ* trained";
    ends.x = st.mark_a;
    ends.y = st.mark_b;
    ends.color = ctx.palette->text;
    ends.ring = true;
    pl.scatter.push_back(ends);
  }
  ImGui::SetCursorScreenPos(p.body_min);
  const auto res = plot::draw_plot_2d(ctx, "slicemap", pl, p.body_size(), &st.map_plot);
  lab.layout.push_back({"slice2d", p.min, p.max, res.frame.area_min, res.frame.area_max});
}

void interp_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  SliceState& st = lab.slice;
  const surface::NetSliceResult* r = st.result.get();
  plot::LinePlot lp;
  lp.x.label = "t   (θ = (1 − t)·θ₀ + t·θ*)";
  lp.y.label = "loss";
  lp.empty_text = st.job.active() ? "computing…" : "press Train and slice";
  lp.legend = false;
  if (r && r->stage >= 3) {
    plot::LineSeries ser{"loss along the line", r->interpolation.t, r->interpolation.loss};
    ser.color = ctx.palette->accent;
    lp.series.push_back(ser);
    lp.markers.push_back({0.0, "θ₀ initial", 0});
    lp.markers.push_back({1.0, "θ* trained", 0});
  }
  ImGui::SetCursorScreenPos(p.body_min);
  const auto res = plot::draw_line_plot(ctx, "interp", lp, p.body_size(), &st.interp_plot);
  lab.layout.push_back({"interp", p.min, p.max, res.frame.area_min, res.frame.area_max});
}

void train_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  SliceState& st = lab.slice;
  const surface::NetSliceResult* r = st.result.get();
  plot::LinePlot lp;
  lp.x.label = "step";
  lp.y.label = "training loss";
  lp.y.scale = plot::AxisScale::Log;
  lp.legend = false;
  lp.empty_text = st.job.active() ? "training…" : "press Train and slice";
  if (r && r->stage >= 1) {
    plot::LineSeries ser{"training loss", st.steps, st.curve};
    ser.color = ctx.palette->highlight;
    lp.series.push_back(ser);
  }
  ImGui::SetCursorScreenPos(p.body_min);
  const auto res = plot::draw_line_plot(ctx, "train", lp, p.body_size(), &st.train_plot);
  lab.layout.push_back({"train", p.min, p.max, res.frame.area_min, res.frame.area_max});
  // What the plane holds of the path, under the curve's title.
  if (r && r->stage >= 2) {
    char note[160];
    if (r->spec.directions == surface::SliceDirections::Pca)
      std::snprintf(note, sizeof note, "plane of the path: it holds %.0f%% + %.0f%% of the path's variance", 100 * r->explained[0],
                    100 * r->explained[1]);
    else
      std::snprintf(note, sizeof note, "random plane: θ₀ lies %s off it (‖θ* − θ₀‖ = %s)",
                    plot::format_value(r->trajectory.empty() ? 0 : r->trajectory.front().residual, 3).c_str(),
                    plot::format_value(r->trajectory.empty() ? 0 : std::hypot(r->trajectory.front().residual,
                                                                              std::hypot(r->trajectory.front().alpha, r->trajectory.front().beta)), 3).c_str());
    // In the title row, right-aligned.
    const ImFont* f = ctx.fonts->small;
    const ImVec2 sz = plot::text_size(f, note);
    ImGui::GetWindowDrawList()->AddText(f, f->FontSize, ImVec2(std::max(p.min.x + 90 * ctx.scale, p.max.x - sz.x - 10 * ctx.scale), p.min.y + 8 * ctx.scale),
                                        ctx.palette->text_dim, note);
  }
}

}  // namespace

void start_net_slice(Lab& lab) {
  lab.slice.started = true;
  lab.slice.job.start([spec = lab.slice.spec](surface::JobProgress* job) {
    return std::shared_ptr<const surface::NetSliceResult>(std::make_shared<surface::NetSliceResult>(surface::run_net_slice(spec, job)));
  });
}

void poll_experiments(Lab& lab, bool block) {
  if (block) {
    lab.saddles.job.wait(120);
    lab.slice.job.wait(120);
  }
  if (auto r = lab.saddles.job.take()) lab.saddles.study = *r;
  if (auto r = lab.slice.job.take()) {
    lab.slice.result = *r;
    ++lab.slice.generation;
    take_result(lab.slice);
  }
}

void draw_slice_mode(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max) {
  const float s = ctx.scale;
  if (!lab.slice.started) start_net_slice(lab);
  ImGui::SetCursorScreenPos(ImVec2(min.x, min.y + 2 * s));
  draw_controls(ctx, lab, max.x - min.x);
  const float gap = 8 * s;
  const float top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float w = std::floor((max.x - min.x - gap) / 2);
  const float h = std::floor((max.y - top - gap) * 0.6f);
  const float x1 = min.x + w + gap, y1 = top + h + gap;
  slice_3d_panel(ctx, lab, draw_panel(ctx, "Loss over the plane · drag to turn", ImVec2(min.x, top), ImVec2(min.x + w, top + h)));
  slice_map_panel(ctx, lab, draw_panel(ctx, "From above, with the training path", ImVec2(x1, top), ImVec2(max.x, top + h)));
  interp_panel(ctx, lab, draw_panel(ctx, "Straight line from θ₀ to θ*", ImVec2(min.x, y1), ImVec2(min.x + w, max.y)));
  train_panel(ctx, lab, draw_panel(ctx, "Training", ImVec2(x1, y1), ImVec2(max.x, max.y)));
}

}  // namespace attend::views::surface_view
