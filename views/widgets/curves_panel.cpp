#include "views/widgets/curves_panel.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "core/train/curves.h"
#include "core/train/session.h"
#include "core/util/files.h"
#include "core/util/paths.h"

namespace attend::views {
namespace {

std::string format_value(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string exports_dir() {
  const std::string dir = data_dir() + "/exports";
  (void)make_directories(dir);
  return dir;
}

void toggle(const char* label, bool* value) {
  ImGui::SameLine();
  ImGui::Checkbox(label, value);
}

}  // namespace

std::string run_label(int index, const std::map<std::string, double>& hyper, uint64_t seed, bool current) {
  std::string s = current ? "current" : "run " + std::to_string(index + 1);
  if (!hyper.empty()) {
    s += " ·";
    for (const auto& [k, v] : hyper) s += " " + k + "=" + format_value(v);
  }
  return s + " · seed " + std::to_string(seed);
}

CurvesPanelResult draw_curves_panel(ViewContext& ctx, const char* id, const train::Progress& p, CurvesPanelState& st,
                                    ImVec2 size, std::optional<double> cursor_step) {
  CurvesPanelResult result;
  ImGui::PushID(id);
  const float top = ImGui::GetCursorScreenPos().y;

  // Which runs to draw: archived ones first (oldest faint colours), the current run last and on top.
  struct RunRef {
    std::string label;
    const train::History* history;
  };
  std::vector<RunRef> runs;
  std::vector<train::Run> export_runs;
  if (st.compare && p.archive)
    for (size_t i = 0; i < p.archive->size(); ++i) {
      const train::ArchivedRun& a = (*p.archive)[i];
      if (!a.history) continue;
      runs.push_back({run_label(static_cast<int>(i), a.hyper, a.seed, false), a.history.get()});
      export_runs.push_back({runs.back().label, "", a.hyper, a.seed, a.history});
    }
  if (p.history) {
    runs.push_back({run_label(0, p.hyper, p.seed, true), p.history.get()});
    export_runs.push_back({runs.back().label, "", p.hyper, p.seed, p.history});
  }

  // Metric chooser: every series any run recorded.
  std::vector<std::string> available;
  for (const RunRef& r : runs)
    for (const train::Series& s : r.history->series)
      if (std::find(available.begin(), available.end(), s.name) == available.end()) available.push_back(s.name);
  ImGui::SetNextItemWidth(150 * ctx.scale);
  const std::string preview = st.metrics.empty() ? std::string("(none)") : [&] {
    std::string joined;
    for (const std::string& m : st.metrics) joined += (joined.empty() ? "" : ", ") + m;
    return joined;
  }();
  if (ImGui::BeginCombo("##metrics", preview.c_str())) {
    for (const std::string& name : available) {
      auto it = std::find(st.metrics.begin(), st.metrics.end(), name);
      bool on = it != st.metrics.end();
      if (ImGui::Checkbox(name.c_str(), &on)) {
        if (on) st.metrics.push_back(name);
        else st.metrics.erase(it);
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(110 * ctx.scale);
  ImGui::SliderFloat("##smooth", &st.smoothing, 0.0f, 0.99f, "smooth %.2f");
  toggle("log y", &st.log_y);
  toggle("log x", &st.log_x);
  toggle("wall time", &st.wall_time);
  toggle("earlier runs", &st.compare);
  ImGui::SameLine();
  const bool export_csv = ImGui::SmallButton("CSV");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", st.message.empty() ? "Every point of every run, to the exports folder" : st.message.c_str());
  ImGui::SameLine();
  const bool export_png = ImGui::SmallButton("PNG");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", ctx.last_export_message.empty() ? "This chart, legend included, to the exports folder"
                                                            : ctx.last_export_message.c_str());

  plot::LinePlot plot;
  plot.x.label = st.wall_time ? "training time" : "step";
  plot.x.format = st.wall_time ? plot::AxisFormat::Duration : plot::AxisFormat::Number;
  plot.x.scale = st.log_x ? plot::AxisScale::Log : plot::AxisScale::Linear;
  plot.y.label = preview;
  plot.y.scale = st.log_y ? plot::AxisScale::Log : plot::AxisScale::Linear;
  plot.x.round_to_steps = plot.y.round_to_steps = true;
  plot.smoothing = st.smoothing;
  plot.empty_text = "no training yet: press Run";
  int colour = 0;
  for (const RunRef& r : runs) {
    for (size_t m = 0; m < st.metrics.size(); ++m) {
      const train::Series* s = r.history->find(st.metrics[m]);
      if (!s || s->value.empty()) continue;
      plot::LineSeries ls;
      ls.name = st.metrics.size() > 1 ? r.label + " · " + st.metrics[m] : r.label;
      ls.x = st.wall_time ? plot::Values(s->wall) : plot::Values(s->step);
      ls.y = s->value;
      ls.color = ctx.palette->series[colour % 8];
      ls.dashed = m > 0;  // a second metric of the same run (validation) is dashed in the run's colour
      ls.markers = s->value.size() < 40;
      plot.series.push_back(ls);
    }
    ++colour;
  }
  if (cursor_step && !st.wall_time) plot.cursor_x = *cursor_step;
  // `size` holds the controls row too: the chart gets what is left under it.
  const ImVec2 chart(size.x, std::max(40.0f * ctx.scale, size.y - (ImGui::GetCursorScreenPos().y - top)));
  const plot::LinePlotResult r = plot::draw_line_plot(ctx, "curves", plot, chart, &st.plot);
  if (r.clicked && !st.wall_time) {
    result.clicked = true;
    result.clicked_step = r.clicked_x;
  }
  if (export_csv) {
    const std::string path = exports_dir() + "/" + std::string(id) + "-runs.csv";
    Status s = train::export_runs_csv(export_runs, path);
    st.message = s ? "saved " + path : s.error().to_string();
  }
  if (export_png && ctx.save_png)
    ctx.save_png(r.frame.outer_min, r.frame.outer_max, exports_dir() + "/" + std::string(id) + "-curves.png");
  ImGui::PopID();
  return result;
}

}  // namespace attend::views
