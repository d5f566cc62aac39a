// The linear-regions tab (topic 18): the plane coloured by the activation pattern of the current ReLU
// network with the region count, the folding (sawtooth) network that shows what depth can do, and the
// wide-vs-deep table of random networks at equal parameter count. Counts come from core/nn/linear_regions.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "views/plot/color.h"
#include "views/playground_view_state.h"

namespace attend::views::playground_view {
namespace {

// Distinct colours for neighbouring regions: the golden-ratio walk around the colour map.
void region_field(const nn::RegionMap& m, std::vector<float>& out) {
  out.resize(static_cast<size_t>(m.res) * m.res);
  for (int i = 0; i < m.res; ++i)
    for (int j = 0; j < m.res; ++j) {
      const int id = m.region[static_cast<size_t>(i) * m.res + j];
      const double t = std::fmod(id * 0.61803398875, 1.0);
      out[static_cast<size_t>(m.res - 1 - i) * m.res + j] = static_cast<float>(t);
    }
}

void draw_region_plot(ViewContext& ctx, const char* id, const nn::RegionMap& m, const std::vector<float>& field,
                      ImVec2 at, float side) {
  ImGui::SetCursorScreenPos(at);
  plot::Plot2D p;
  if (m.res >= 2 && field.size() == static_cast<size_t>(m.res) * m.res) {
    p.field.values = plot::Grid(field.data(), m.res, m.res);
    p.field.x = {m.lo, m.hi};
    p.field.y = {m.lo, m.hi};
    p.field.map = &plot::color_map(plot::ColorMapId::Lumen);
    p.field.vmin = 0;
    p.field.vmax = 1;
  }
  p.x.min = p.y.min = m.lo;
  p.x.max = p.y.max = m.hi;
  p.x.padding = p.y.padding = 0;
  p.equal_aspect = true;
  p.legend = false;
  p.navigate = false;
  p.empty_text = "switch the activation to ReLU";
  plot::draw_plot_2d(ctx, id, p, ImVec2(side, side));
}

}  // namespace

void refresh_regions(Lab& lab) {
  if (lab.snap && lab.snap->progress.version != lab.regions_version) {
    lab.regions_version = lab.snap->progress.version;
    const train::MlpSnapshot& s = *lab.snap;
    if (s.net.activation == tensor::Activation::ReLU && s.norm == nn::PlaygroundNorm::None) {
      lab.regions = nn::linear_regions(nn::relu_net_from_playground(s.net), 120, s.grid_lo, s.grid_hi);
      region_field(lab.regions, lab.region_colour_t);
    } else {
      lab.regions = {};
      lab.region_colour_t.clear();
    }
  }
  const int want = std::clamp(lab.sawtooth_depth, 1, 8);
  if (lab.sawtooth.res == 0 || lab.sawtooth.hidden != 2 * want)
    lab.sawtooth = nn::linear_regions(nn::sawtooth_net(want), 300, 0.0013, 0.9987);
}

void draw_regions_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale;
  const float gap = 8 * s;
  refresh_regions(lab);
  ImGui::SetCursorScreenPos(origin);
  draw_session_toolbar(ctx, *lab.net, lab.snap->progress, lab.toolbar);
  const train::MlpSnapshot& snap = *lab.snap;
  const bool relu = snap.net.activation == tensor::Activation::ReLU && snap.norm == nn::PlaygroundNorm::None;
  if (!relu) {
    ImGui::SameLine(0, 12 * s);
    if (ImGui::Button("Use ReLU")) {
      lab.settings.activation = 0;
      lab.settings.norm = 0;
      lab.net->set("norm", 0);
      lab.net->set("activation", 0);
      lab.net->reset(snap.progress.seed);
    }
  }
  const float top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float bottom = origin.y + size.y;
  // Left: the network's regions, as large as the height allows; right: the folding network above the table.
  const float left_w = std::floor(std::min((size.x - gap) * 0.5f, bottom - top + 40 * s));
  const float x1 = origin.x + left_w + gap, xe = origin.x + size.x;
  const float mid = std::floor(top + (bottom - top) * 0.5f);

  // Your network.
  const Panel pa = draw_panel(ctx, "Your network's linear regions", ImVec2(origin.x, top), ImVec2(origin.x + left_w, bottom),
                              lab.highlight == "regions");
  char text[200];
  int hidden_neurons = 0;
  std::string widths;
  for (int l = 1; l < snap.net.layers; ++l) {
    hidden_neurons += snap.net.width[static_cast<size_t>(l)];
    widths += (l > 1 ? "×" : "") + std::to_string(snap.net.width[static_cast<size_t>(l)]);
  }
  if (relu)
    std::snprintf(text, sizeof text, "%d regions from %s ReLU (%d neurons, %zu parameters)", lab.regions.regions,
                  widths.empty() ? "no hidden layer" : widths.c_str(), hidden_neurons, snap.parameters);
  else
    std::snprintf(text, sizeof text, "Regions are linear pieces only with ReLU and no norm: press Use ReLU above.");
  ImGui::SetCursorScreenPos(pa.body_min);
  push_wrap(pa.body_max.x);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  const float plot_top = ImGui::GetCursorScreenPos().y + 2 * s;
  const float side_a = std::max(60 * s, std::min(pa.body_max.x - pa.body_min.x, bottom - plot_top - 6 * s));
  draw_region_plot(ctx, "##regions", lab.regions, lab.region_colour_t, ImVec2(pa.body_min.x, plot_top), side_a);

  // The folding network.
  const Panel pb = draw_panel(ctx, "Depth folds the plane", ImVec2(x1, top), ImVec2(xe, mid - gap / 2),
                              lab.highlight == "sawtooth");
  ImGui::SetCursorScreenPos(pb.body_min);
  ImGui::BeginGroup();
  ImGui::SetNextItemWidth(std::min(160 * s, (xe - x1) * 0.4f));
  if (ImGui::SliderInt("layers of 2 ReLUs", &lab.sawtooth_depth, 1, 8)) lab.sawtooth = {};
  refresh_regions(lab);
  const int d = lab.sawtooth_depth;
  const int n = 2 * d;
  std::snprintf(text, sizeof text, "%d strips from %d neurons (%d parameters). One layer of %d neurons: at most %d regions.",
                lab.sawtooth.regions, n, 6 * d + 3, n, 1 + n + n * (n - 1) / 2);
  push_wrap(pb.body_max.x);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  const ImVec2 plot_at = ImGui::GetCursorScreenPos();
  ImGui::EndGroup();
  const float saw_side = std::max(40 * s, std::min(pb.body_max.y - plot_at.y - 2 * s, pb.body_max.x - pb.body_min.x));
  region_field(lab.sawtooth, lab.sawtooth_field);
  draw_region_plot(ctx, "##sawtooth", lab.sawtooth, lab.sawtooth_field, plot_at, saw_side);

  // Wide vs deep.
  const Panel pc = draw_panel(ctx, "Wide vs deep, equal parameters", ImVec2(x1, mid + gap / 2), ImVec2(xe, bottom),
                              lab.highlight == "table");
  ImGui::SetCursorScreenPos(pc.body_min);
  ImGui::BeginGroup();
  push_wrap(pc.body_max.x);
  std::snprintf(text, sizeof text,
                "Random ReLU networks (He initialisation) with about %zu parameters, %d draws each, regions counted "
                "on [−%g, %g]².",
                lab.wide_deep_setup.parameter_budget, lab.wide_deep_setup.seeds, lab.wide_deep_setup.extent,
                lab.wide_deep_setup.extent);
  ImGui::TextDisabled("%s", text);
  ImGui::PopTextWrapPos();
  if (ImGui::Button(lab.wide_deep.empty() ? "Measure" : "Measure again")) lab.wide_deep = nn::wide_vs_deep(lab.wide_deep_setup);
  if (!lab.wide_deep.empty() &&
      ImGui::BeginTable("##widedeep", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("layers");
    ImGui::TableSetupColumn("width");
    ImGui::TableSetupColumn("params");
    ImGui::TableSetupColumn("regions (mean ± sd)");
    ImGui::TableSetupColumn("min–max");
    ImGui::TableHeadersRow();
    for (const nn::WideDeepRow& r : lab.wide_deep) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%d", r.depth);
      ImGui::TableNextColumn();
      ImGui::Text("%d", r.width);
      ImGui::TableNextColumn();
      ImGui::Text("%zu", r.parameters);
      ImGui::TableNextColumn();
      ImGui::Text("%.1f ± %.1f", r.mean_regions, r.sd_regions);
      ImGui::TableNextColumn();
      ImGui::Text("%d–%d", r.min_regions, r.max_regions);
    }
    ImGui::EndTable();
    push_wrap(pc.body_max.x);
    ImGui::TextDisabled("Depth can multiply regions (above), but random weights do not line the folds up: "
                        "at initialisation the single wide layer cuts the plane into the most pieces.");
    ImGui::PopTextWrapPos();
  }
  ImGui::EndGroup();
}

}  // namespace attend::views::playground_view
