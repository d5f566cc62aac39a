// The curves view: the runs of every registered trainer (archived and current) on one line plot, with the
// controls TensorBoard users expect and a table of hyperparameters that doubles as the run list (show,
// pin). See curves_view.h.
#include "views/curves_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <memory>
#include <set>
#include <sstream>

#include "core/train/curves.h"
#include "core/train/session.h"
#include "core/util/files.h"
#include "core/util/paths.h"
#include "views/plot/line_plot.h"
#include "views/plot/ticks.h"

namespace attend::views {
namespace {

struct Source {
  int id = 0;
  std::string name;
  train::Control* control = nullptr;
};

std::vector<Source>& sources() {
  static std::vector<Source> s;
  return s;
}

int& next_id() {
  static int id = 1;
  return id;
}

struct CurvesState {
  std::vector<std::string> metrics = {"loss"};
  float smoothing = 0.6f;
  bool log_y = false;
  bool wall_time = false;
  std::string only_source;
  plot::LinePlotState plot;
  std::string message;
  std::vector<train::Run> runs;  // gathered this frame
};

std::string trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// Every run of every source: archived runs oldest first, then the current one.
void gather(CurvesState& st) {
  st.runs.clear();
  for (const Source& src : sources()) {
    if (!st.only_source.empty() && src.name != st.only_source) continue;
    const std::shared_ptr<const train::Progress> p = src.control->progress();
    if (!p) continue;
    int index = 1;
    if (p->archive)
      for (const train::ArchivedRun& a : *p->archive) {
        if (!a.history) continue;
        st.runs.push_back({src.name + " run " + std::to_string(index++), src.name, a.hyper, a.seed, a.history});
      }
    if (p->history) st.runs.push_back({src.name + " run " + std::to_string(index) + " (now)", src.name, p->hyper, p->seed, p->history});
  }
}

std::vector<std::string> available_metrics(const CurvesState& st) {
  std::vector<std::string> out;
  for (const train::Run& r : st.runs)
    for (const train::Series& s : r.history->series)
      if (std::find(out.begin(), out.end(), s.name) == out.end()) out.push_back(s.name);
  return out;
}

std::string exports_dir() {
  const std::string dir = data_dir() + "/exports";
  (void)make_directories(dir);
  return dir;
}

void draw(ViewContext& ctx, CurvesState& st) {
  if (ctx.headless) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  const float s = ctx.scale;
  gather(st);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();

  // Controls.
  const std::vector<std::string> metrics = available_metrics(st);
  std::string preview;
  for (const std::string& m : st.metrics) preview += (preview.empty() ? "" : ", ") + m;
  ImGui::SetNextItemWidth(220 * s);
  if (ImGui::BeginCombo("metrics", preview.empty() ? "(none)" : preview.c_str())) {
    for (const std::string& name : metrics) {
      auto it = std::find(st.metrics.begin(), st.metrics.end(), name);
      bool on = it != st.metrics.end();
      if (ImGui::Checkbox(name.c_str(), &on)) {
        if (on) st.metrics.push_back(name);
        else st.metrics.erase(it);
      }
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A second metric (validation) is dashed in its run's colour.");
  ImGui::SameLine(0, 12 * s);
  ImGui::SetNextItemWidth(130 * s);
  ImGui::SliderFloat("##smoothing", &st.smoothing, 0.f, 0.99f, "smoothing %.2f");
  ImGui::SameLine(0, 12 * s);
  ImGui::Checkbox("log y", &st.log_y);
  ImGui::SameLine();
  ImGui::Checkbox("wall time", &st.wall_time);
  ImGui::SameLine(0, 12 * s);
  std::vector<std::string> names = {"all trainers"};
  for (const Source& src : sources())
    if (std::find(names.begin(), names.end(), src.name) == names.end()) names.push_back(src.name);
  ImGui::SetNextItemWidth(140 * s);
  if (ImGui::BeginCombo("##source", st.only_source.empty() ? "all trainers" : st.only_source.c_str())) {
    for (size_t i = 0; i < names.size(); ++i)
      if (ImGui::Selectable(names[i].c_str(), (i == 0 && st.only_source.empty()) || names[i] == st.only_source))
        st.only_source = i == 0 ? "" : names[i];
    ImGui::EndCombo();
  }
  ImGui::SameLine(0, 12 * s);
  const bool csv = ImGui::Button("CSV");
  ImGui::SameLine();
  const bool png = ImGui::Button("PNG");
  if (!st.message.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", st.message.c_str());
  }

  // The plot.
  plot::LinePlot lp;
  lp.x.label = st.wall_time ? "training time" : "step";
  lp.x.format = st.wall_time ? plot::AxisFormat::Duration : plot::AxisFormat::Number;
  lp.y.label = preview;
  lp.y.scale = st.log_y ? plot::AxisScale::Log : plot::AxisScale::Linear;
  lp.smoothing = st.smoothing;
  lp.empty_text = sources().empty() ? "no trainer has run yet: open a lab and press Run" : "no run has these metrics yet";
  for (size_t r = 0; r < st.runs.size(); ++r) {
    const train::Run& run = st.runs[r];
    for (size_t m = 0; m < st.metrics.size(); ++m) {
      const train::Series* series = run.history->find(st.metrics[m]);
      if (!series || series->value.empty()) continue;
      plot::LineSeries ls;
      ls.name = st.metrics.size() > 1 ? run.name + " · " + st.metrics[m] : run.name;
      ls.x = st.wall_time ? plot::Values(series->wall) : plot::Values(series->step);
      ls.y = series->value;
      ls.color = ctx.palette->series[r % 8];
      ls.dashed = m > 0;
      ls.markers = series->value.size() < 40;
      lp.series.push_back(ls);
    }
  }
  const float table_h = std::min(avail.y * 0.3f, (static_cast<float>(st.runs.size()) + 2) * ImGui::GetFrameHeightWithSpacing());
  const float plot_h = origin.y + avail.y - ImGui::GetCursorScreenPos().y - table_h - 8 * s;
  const plot::LinePlotResult res = plot::draw_line_plot(ctx, "##curves", lp, ImVec2(avail.x, std::max(120 * s, plot_h)), &st.plot);

  // Hyperparameters side by side: one row per run, one column per hyperparameter any run set.
  std::set<std::string> hyper_names;
  for (const train::Run& r : st.runs)
    for (const auto& [k, v] : r.hyper) hyper_names.insert(k);
  const int cols = 4 + static_cast<int>(hyper_names.size());
  if (!st.runs.empty() && cols <= 60 &&
      ImGui::BeginTable("##runs", cols, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY,
                        ImVec2(avail.x, table_h))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("run");
    ImGui::TableSetupColumn("show");
    ImGui::TableSetupColumn("pin");
    ImGui::TableSetupColumn("seed");
    for (const std::string& h : hyper_names) ImGui::TableSetupColumn(h.c_str());
    ImGui::TableHeadersRow();
    for (size_t r = 0; r < st.runs.size(); ++r) {
      const train::Run& run = st.runs[r];
      ImGui::PushID(static_cast<int>(r));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->series[r % 8]), "%s", run.name.c_str());
      ImGui::TableNextColumn();
      auto hidden = std::find(st.plot.hidden.begin(), st.plot.hidden.end(), run.name);
      bool show = hidden == st.plot.hidden.end();
      if (ImGui::Checkbox("##show", &show)) {
        if (show) st.plot.hidden.erase(hidden);
        else st.plot.hidden.push_back(run.name);
      }
      ImGui::TableNextColumn();
      auto pinned = std::find(st.plot.pinned.begin(), st.plot.pinned.end(), run.name);
      bool pin = pinned != st.plot.pinned.end();
      if (ImGui::Checkbox("##pin", &pin)) {
        if (pin) st.plot.pinned.push_back(run.name);
        else st.plot.pinned.erase(pinned);
      }
      ImGui::TableNextColumn();
      ImGui::Text("%llu", static_cast<unsigned long long>(run.seed));
      for (const std::string& h : hyper_names) {
        ImGui::TableNextColumn();
        auto it = run.hyper.find(h);
        if (it != run.hyper.end()) ImGui::TextUnformatted(plot::format_value(it->second, 4).c_str());
        else ImGui::TextDisabled("–");
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }

  if (csv) {
    const std::string path = exports_dir() + "/curves-runs.csv";
    const Status ok = train::export_runs_csv(st.runs, path);
    st.message = ok ? "saved " + path : ok.error().to_string();
  }
  if (png && ctx.save_png) {
    const std::string path = exports_dir() + "/curves.png";
    ctx.save_png(res.frame.outer_min, res.frame.outer_max, path);
    st.message = "saving " + path;
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(avail);
}

Status configure(CurvesState& st, const std::string& key, const Value& value) {
  const std::string* text = as_string(value);
  if (key == "metric") {
    if (!text) return make_error("'metric' needs names like \"train_loss, test_loss\"");
    st.metrics.clear();
    std::stringstream in(*text);
    std::string part;
    while (std::getline(in, part, ','))
      if (!trim(part).empty()) st.metrics.push_back(trim(part));
    return Ok{};
  }
  if (key == "smoothing") {
    const double* v = as_number(value);
    if (!v || !(*v >= 0 && *v < 1)) return make_error("'smoothing' is a number from 0 to 0.99");
    st.smoothing = static_cast<float>(*v);
    return Ok{};
  }
  if (key == "log_y" || key == "wall_time") {
    const bool* b = as_bool(value);
    if (!b) return make_error("'" + key + "' needs true or false");
    (key == "log_y" ? st.log_y : st.wall_time) = *b;
    return Ok{};
  }
  if (key == "hide" || key == "pin") {
    if (!text) return make_error("'" + key + "' needs a run's name");
    (key == "hide" ? st.plot.hidden : st.plot.pinned).push_back(*text);
    return Ok{};
  }
  if (key == "source") {
    if (!text) return make_error("'source' needs a trainer's name or \"\"");
    st.only_source = *text;
    return Ok{};
  }
  return make_error("the curves view has no option '" + key + "'; the options are metric, smoothing, log_y, wall_time, hide, pin, source");
}

std::optional<Value> query(CurvesState& st, const std::string& key) {
  gather(st);
  if (key == "runs") return Value(static_cast<double>(st.runs.size()));
  if (key == "names") {
    std::string out;
    for (const train::Run& r : st.runs) out += (out.empty() ? "" : "; ") + r.name;
    return Value(out);
  }
  if (key == "metrics") {
    std::string out;
    for (const std::string& m : available_metrics(st)) out += (out.empty() ? "" : ", ") + m;
    return Value(out);
  }
  return std::nullopt;
}

}  // namespace

int add_curve_source(const std::string& name, train::Control* control) {
  const int id = next_id()++;
  sources().push_back({id, name, control});
  return id;
}

void remove_curve_source(int id) {
  auto& s = sources();
  s.erase(std::remove_if(s.begin(), s.end(), [id](const Source& x) { return x.id == id; }), s.end());
}

View make_curves_view() {
  auto state = std::make_shared<CurvesState>();
  View v;
  v.name = "curves";
  v.title = "Training curves";
  v.summary = "Every run of every trainer on one chart: smoothing, log scale, step or time, pin, hide, export, "
              "hyperparameters side by side.";
  v.draw = [state](ViewContext& ctx) { draw(ctx, *state); };
  v.configure = [state](const std::string& key, const Value& value) { return configure(*state, key, value); };
  v.query = [state](const std::string& key) { return query(*state, key); };
  v.reset = [state]() { *state = CurvesState{}; };
  return v;
}

}  // namespace attend::views
