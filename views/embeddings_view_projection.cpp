// The embeddings lab's projection: PCA (with the share of variance each axis keeps), t-SNE animated while
// it optimises (run, pause, step, re-init; perplexity, learning rate, exaggeration and an iteration limit),
// or axes made from words. 2-D through the plot kit (labels that avoid each other, hover, zoom and pan);
// 3-D drawn here over a plain background with the orbit camera (drag to turn, wheel to zoom), points sorted
// far to near. Colours: k-means cluster, frequency rank, a metadata column, or none. The selected word, its
// neighbours, label-search matches and the analogy's words are highlighted; the rest fade. Export: CSV of
// the projected coordinates with clusters, and PNG of the panel.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

#include <imgui.h>

#include "core/embed/vectors_io.h"
#include "core/train/session.h"
#include "core/util/files.h"
#include "core/util/paths.h"
#include "views/embeddings_view_state.h"
#include "views/gl/math3d.h"
#include "views/plot/canvas.h"
#include "views/plot/color.h"
#include "views/plot/label_layout.h"

namespace attend::views::embeddings {

namespace {

// ------------------------------------------------------------------------------------------ flow layout

// Puts the next item on the current row when `width` pixels still fit, else starts a new row: the toolbar
// wraps in a narrow panel instead of being clipped.
void flow(float width) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine();
  if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
}

bool toggle_button(const char* label, bool on) {
  if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
  const bool pressed = ImGui::Button(label);
  if (on) ImGui::PopStyleColor();
  return pressed;
}

float button_width(const char* label) { return ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2; }

// ------------------------------------------------------------------------------------------ what is lit

struct Highlight {
  int selected = -1;              // row of the selected word
  std::vector<int> neighbours;    // rows shown among the selected word's neighbours
  std::vector<int> matches;       // label-search matches
  std::vector<int> analogy;       // a, b, c, then the best answer
  bool any() const { return selected >= 0 || !neighbours.empty() || !matches.empty() || !analogy.empty(); }
  std::vector<int> all() const {
    std::vector<int> v = neighbours;
    v.insert(v.end(), matches.begin(), matches.end());
    v.insert(v.end(), analogy.begin(), analogy.end());
    if (selected >= 0) v.push_back(selected);
    return v;
  }
};

Highlight highlight(const Lab& lab, const embed::ProjectionData* d, int n) {
  Highlight h;
  if (!d) return h;
  auto shown = [&](int row) { return row >= 0 && row < n; };
  const int sel = d->index.find(lab.selected);
  if (shown(sel)) h.selected = sel;
  for (const embed::Neighbour& nb : lab.neighbours)
    if (shown(nb.index)) h.neighbours.push_back(nb.index);
  for (int m : lab.matches)
    if (shown(m)) h.matches.push_back(m);
  if (!lab.analogy.empty()) {
    for (const std::string* w : {&lab.analogy_a, &lab.analogy_b, &lab.analogy_c}) {
      const int r = d->index.find(*w);
      if (shown(r)) h.analogy.push_back(r);
    }
    if (h.analogy.size() == 3 && shown(lab.analogy.front().index)) h.analogy.push_back(lab.analogy.front().index);
  }
  return h;
}

// ------------------------------------------------------------------------------------------------ colours

struct Colours {
  std::vector<int> category;               // per point, or empty
  std::vector<std::string> names;          // legend
  std::vector<double> value;               // per point (frequency rank), or empty
};

Colours colours(const Lab& lab, const embed::ProjectionData* d, int n) {
  Colours c;
  if (!d) return c;
  switch (lab.colour) {
    case ColourBy::Cluster:
      if (static_cast<int>(d->clusters.size()) >= n) {
        c.category.assign(d->clusters.begin(), d->clusters.begin() + n);
        c.names = d->cluster_names;
      }
      break;
    case ColourBy::Frequency:
      // Rows come sorted by frequency; log rank spreads the frequent few over the map's range.
      c.value.resize(n);
      for (int i = 0; i < n; ++i) c.value[i] = -std::log10(1.0 + i);
      break;
    case ColourBy::Metadata: {
      const embed::Embeddings& e = *d->vectors;
      const int col = lab.metadata_column;
      if (e.metadata.empty() || col < 0) break;
      // The seven most common values get their own colour; the rest share the eighth.
      std::map<std::string, int> count;
      auto value_of = [&](int i) -> const std::string& {
        static const std::string none;
        return i < static_cast<int>(e.metadata.size()) && col < static_cast<int>(e.metadata[i].size()) ? e.metadata[i][col] : none;
      };
      for (int i = 0; i < n; ++i) ++count[value_of(i)];
      std::vector<std::pair<int, std::string>> order;
      for (auto& [v, k] : count) order.emplace_back(-k, v);
      std::sort(order.begin(), order.end());
      std::map<std::string, int> id;
      for (size_t k = 0; k < order.size() && k < 7; ++k) {
        id[order[k].second] = static_cast<int>(k);
        c.names.push_back(order[k].second.empty() ? "(empty)" : order[k].second);
      }
      if (order.size() > 7) c.names.push_back("other");
      c.category.resize(n);
      for (int i = 0; i < n; ++i) {
        auto it = id.find(value_of(i));
        c.category[i] = it == id.end() ? 7 : it->second;
      }
      break;
    }
    case ColourBy::None: break;
  }
  return c;
}

ImU32 point_colour(const ViewContext& ctx, const Colours& c, int i) {
  if (!c.category.empty()) return plot::category_color(*ctx.palette, c.category[i]);
  if (!c.value.empty()) {
    const double lo = c.value.back(), hi = c.value.front();
    return plot::sample(plot::color_map(plot::ColorMapId::Lumen), hi > lo ? (c.value[i] - lo) / (hi - lo) : 0.5);
  }
  return plot::category_color(*ctx.palette, 0);
}

// Labels for the most frequent words and every lit one; the rest stay empty (not drawn, not measured).
std::vector<std::string> label_set(const Lab& lab, const std::vector<std::string>* all, int n, const Highlight& h) {
  std::vector<std::string> out(n);
  if (!all || !lab.show_labels) return out;
  const int top = std::min({n, lab.label_count, static_cast<int>(all->size())});
  for (int i = 0; i < top; ++i) out[i] = (*all)[i];
  for (int i : h.all())
    if (i < static_cast<int>(all->size())) out[i] = (*all)[i];
  return out;
}

// ------------------------------------------------------------------------------------------------ toolbar

bool colours_are_plain(const Lab& lab) { return lab.colour == ColourBy::None || lab.colour == ColourBy::Frequency; }

void tsne_controls(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  auto snap = lab.tsne->latest();
  TsneSession& t = *lab.tsne;
  if (snap->progress.running) {
    if (ImGui::Button("Pause##tsne")) t.pause();
  } else if (ImGui::Button(" Run ##tsne")) {
    t.run();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Optimise the map (it keeps going until paused, like the Projector)");
  ImGui::SameLine(0, 4 * s);
  if (ImGui::Button("Step##tsne")) t.step(1);
  ImGui::SameLine(0, 4 * s);
  if (ImGui::Button("Re-init##tsne")) t.reset(snap->progress.seed + 1);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Start again from the PCA layout (early exaggeration included)");

  auto slider = [&](const char* label, const char* key, float value, float lo, float hi, const char* fmt, bool log,
                    const char* tip) {
    const float w = std::round(112 * s);
    flow(w);
    float v = value;
    ImGui::SetNextItemWidth(w);
    ImGui::SliderFloat(label, &v, lo, hi, fmt, log ? ImGuiSliderFlags_Logarithmic : 0);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    if (ImGui::IsItemDeactivatedAfterEdit()) t.set(key, v);
    else if (ImGui::IsItemActive()) lab.tsne_drag[key] = v;
    if (!ImGui::IsItemActive()) lab.tsne_drag.erase(key);
  };
  auto shown = [&](const char* key, double live) {
    auto it = lab.tsne_drag.find(key);
    return static_cast<float>(it != lab.tsne_drag.end() ? it->second : live);
  };
  const auto& hyper = snap->progress.hyper;
  auto hv = [&](const char* key, double fallback) {
    auto it = hyper.find(key);
    return it != hyper.end() ? it->second : fallback;
  };
  slider("##perplexity", "perplexity", shown("perplexity", snap->perplexity > 0 ? snap->perplexity : 30), 2, 100,
         "perplexity %.0f", true, "About how many neighbours each point keeps close (recomputes the affinities, keeps the map)");
  slider("##lr", "learning_rate", shown("learning_rate", snap->learning_rate), 10, 2000, "rate %.0f", true,
         "Learning rate (step size); 'auto' is max(n / 48, 50)");
  slider("##exag", "early_exaggeration", shown("early_exaggeration", hv("early_exaggeration", 12)), 1, 40,
         "exagg. %.0f", false, "Early exaggeration: P is multiplied by this for the first 250 iterations, so clusters form first, then spread");
  {
    flow(std::round(112 * s));
    int stop = static_cast<int>(hv("max_iter", 0));
    ImGui::SetNextItemWidth(std::round(112 * s));
    const char* fmt = stop == 0 ? "no limit" : "stop at %d";
    ImGui::SliderInt("##stop", &stop, 0, 5000, fmt);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Iterations before the map stops on its own (0: until paused)");
    if (ImGui::IsItemDeactivatedAfterEdit()) t.set("max_iter", stop);
  }
}

void toolbar(ViewContext& ctx, Lab& lab, const Projected& p, const embed::ProjectionData* d) {
  const float s = ctx.scale;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(6 * s, 2 * s));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6 * s, 4 * s));
  ImGui::SameLine(0, 12 * s);
  const struct {
    const char* label;
    Projection p;
    const char* tip;
  } modes[] = {{"PCA", Projection::Pca, "Principal components: the directions of largest variance (linear)"},
               {"t-SNE", Projection::Tsne, "Keeps each word's neighbours close; distances between clusters mean little"},
               {"Custom", Projection::Custom, "Axes from one word (or group) to another, as the Projector's custom projection"}};
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine(0, 2 * s);
    if (toggle_button(modes[i].label, lab.projection == modes[i].p)) lab.projection = modes[i].p;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", modes[i].tip);
  }
  flow(button_width("2-D") + button_width("3-D") + 2 * s);
  if (toggle_button("2-D", lab.dims == 2)) configure_lab(lab, "dims", Value(2.0));
  ImGui::SameLine(0, 2 * s);
  ImGui::BeginDisabled(lab.projection == Projection::Custom);
  if (toggle_button("3-D", lab.dims == 3)) configure_lab(lab, "dims", Value(3.0));
  ImGui::EndDisabled();

  // Colour.
  std::vector<std::string> colour_items = {"colour: cluster", "colour: frequency", "colour: none"};
  const embed::Embeddings* e = d ? d->vectors.get() : nullptr;
  if (e)
    for (const std::string& col : e->metadata_columns) colour_items.push_back("colour: " + col);
  int current = lab.colour == ColourBy::Cluster ? 0 : lab.colour == ColourBy::Frequency ? 1 : lab.colour == ColourBy::None ? 2
                                                                                        : 3 + lab.metadata_column;
  flow(std::round(140 * s));
  ImGui::SetNextItemWidth(std::round(140 * s));
  if (ImGui::BeginCombo("##colour", current < static_cast<int>(colour_items.size()) ? colour_items[current].c_str() : "colour")) {
    for (int i = 0; i < static_cast<int>(colour_items.size()); ++i)
      if (ImGui::Selectable(colour_items[i].c_str(), i == current)) {
        lab.colour = i == 0 ? ColourBy::Cluster : i == 1 ? ColourBy::Frequency : i == 2 ? ColourBy::None : ColourBy::Metadata;
        if (i >= 3) lab.metadata_column = i - 3;
      }
    ImGui::EndCombo();
  }
  if (lab.colour == ColourBy::Cluster) {
    flow(std::round(70 * s));
    ImGui::SetNextItemWidth(std::round(70 * s));
    int k = lab.clusters;
    if (ImGui::SliderInt("##k", &k, 2, 16, "k = %d")) lab.clusters = k;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("k-means clusters of the vectors' directions (in the full space)");
  }

  // Points shown.
  static const int kPoints[] = {500, 1000, 2000, 5000, 10000, 20000};
  flow(std::round(105 * s));
  ImGui::SetNextItemWidth(std::round(105 * s));
  char preview[32];
  std::snprintf(preview, sizeof preview, "%d words", lab.points);
  if (ImGui::BeginCombo("##points", preview)) {
    for (int v : kPoints) {
      char b[32];
      std::snprintf(b, sizeof b, "%d words", v);
      if (ImGui::Selectable(b, v == lab.points)) lab.points = v;
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The most frequent words are shown (t-SNE restarts on a new set)");
  flow(button_width("labels") + 24 * s);
  ImGui::Checkbox("labels", &lab.show_labels);
  if (!colours_are_plain(lab)) {
    flow(button_width("legend") + 24 * s);
    ImGui::Checkbox("legend", &lab.show_legend);
  }

  // Label search.
  flow(std::round(120 * s) + button_width(".*") + 6 * s);
  char buf[128];
  std::snprintf(buf, sizeof buf, "%s", lab.search.c_str());
  ImGui::SetNextItemWidth(std::round(120 * s));
  if (ImGui::InputTextWithHint("##find", "search words", buf, sizeof buf)) lab.search = buf;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", lab.search_error.empty() ? (lab.search.empty() ? "Highlights matching words"
                                                                           : (std::to_string(lab.matches.size()) + " matches").c_str())
                                                     : lab.search_error.c_str());
  ImGui::SameLine(0, 2 * s);
  if (toggle_button(".*", lab.search_regex)) lab.search_regex = !lab.search_regex;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Regular expression");

  // Export.
  flow(button_width("CSV") + button_width("PNG") + 6 * s);
  ImGui::BeginDisabled(p.n == 0);
  if (ImGui::Button("CSV")) {
    const Status st = export_projection_csv(lab, "");
    lab.export_message = st ? "saved " + lab.export_path : st.error().to_string();
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", lab.export_message.empty() ? "Projected coordinates and clusters, to the exports folder"
                                                       : lab.export_message.c_str());
  ImGui::SameLine();
  lab.png_requested = ImGui::Button("PNG");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", ctx.last_export_message.empty() ? "This panel, to the exports folder" : ctx.last_export_message.c_str());

  // The projection's own controls.
  if (lab.projection == Projection::Tsne) {
    tsne_controls(ctx, lab);
  } else if (lab.projection == Projection::Custom) {
    auto end = [&](const char* id, std::string& value, const char* hint) {
      char b[128];
      std::snprintf(b, sizeof b, "%s", value.c_str());
      ImGui::SetNextItemWidth(95 * s);
      if (ImGui::InputTextWithHint(id, hint, b, sizeof b, ImGuiInputTextFlags_EnterReturnsTrue)) value = b;
      if (ImGui::IsItemDeactivatedAfterEdit()) value = b;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("A word, or several separated by commas (averaged)");
    };
    ImGui::TextUnformatted("x:");
    ImGui::SameLine();
    end("##xf", lab.x_from, "from");
    ImGui::SameLine();
    ImGui::TextUnformatted("→");
    ImGui::SameLine();
    end("##xt", lab.x_to, "to");
    flow(230 * s);
    ImGui::TextUnformatted("y:");
    ImGui::SameLine();
    end("##yf", lab.y_from, "from");
    ImGui::SameLine();
    ImGui::TextUnformatted("→");
    ImGui::SameLine();
    end("##yt", lab.y_to, "to");
  }
  ImGui::PopStyleVar(2);
  // One status line.
  ImGui::PushFont(ctx.fonts->small);
  if (!lab.custom_error.empty() && lab.projection == Projection::Custom)
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->bad), "%s", lab.custom_error.c_str());
  else if (auto err = lab.tsne->latest()->progress.error; !err.empty() && lab.projection == Projection::Tsne)
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->bad), "%s", err.c_str());
  else {
    std::string status = p.status;
    const double kept = p.n > 0 ? neighbourhood_kept_now(lab, true) : -1;
    if (kept >= 0) {
      char b[64];
      std::snprintf(b, sizeof b, " · neighbourhoods kept %.0f %%", 100 * kept);
      status += b;
    }
    ImGui::TextDisabled("%s", status.empty() ? " " : status.c_str());
    if (kept >= 0 && ImGui::IsItemHovered())
      ImGui::SetTooltip("Of 500 words' 10 nearest neighbours in the full space, the share that are also among their "
                        "10 nearest on this map (a random scatter keeps about 1 %%)");
  }
  ImGui::PopFont();
}

// ------------------------------------------------------------------------------------------------ 2-D

void draw_2d(ViewContext& ctx, Lab& lab, const Projected& p, const embed::ProjectionData* d, ImVec2 size) {
  const int n = p.n;
  const Highlight h = highlight(lab, d, n);
  const Colours c = colours(lab, d, n);
  const std::vector<std::string> labels = label_set(lab, p.labels, n, h);
  std::vector<double> priority(n);
  for (int i = 0; i < n; ++i) priority[i] = -i;  // frequent words first

  plot::Plot2D pl;
  // The map fills the panel: PCA's axes carry different spreads (the axis titles say how much), and t-SNE's
  // start (PCA, shrunk) would otherwise be a thin strip until it spreads out.
  pl.equal_aspect = false;
  pl.x.label = p.x_label;
  pl.y.label = p.y_label;
  pl.legend = false;  // drawn over the data instead (below), so the map keeps its width
  pl.empty_text = "no projection yet";

  plot::ScatterLayer all;
  all.name = "words";
  all.x = plot::Values(p.coords.data(), n, 2);
  all.y = plot::Values(p.coords.data() + 1, n, 2);
  all.radius = (n > 3000 ? 2.2f : 3.0f) * ctx.scale;
  all.labels = &labels;
  all.label_priority = priority;
  // With something lit, every other point fades so the lit ones read.
  std::vector<int> lit_index;
  std::vector<float> lit_xy;
  if (h.any()) {
    all.color = plot::with_alpha(ctx.palette->text_dim, 0.28f);
    for (int i : h.all()) {
      lit_index.push_back(i);
      lit_xy.push_back(p.coords[static_cast<size_t>(i) * 2]);
      lit_xy.push_back(p.coords[static_cast<size_t>(i) * 2 + 1]);
    }
  } else if (!c.category.empty()) {
    all.category = c.category.data();
    all.category_names = c.names;
  } else if (!c.value.empty()) {
    all.value = c.value;
    all.map = &plot::color_map(plot::ColorMapId::Lumen);
  }
  if (h.selected >= 0) all.selected = {h.selected};
  pl.scatter.push_back(all);

  // The lit points again, on top, in their own colours and a ring.
  std::vector<int> lit_category;
  if (!lit_index.empty()) {
    plot::ScatterLayer lit;
    lit.name = "highlighted";
    lit.x = plot::Values(lit_xy.data(), static_cast<int>(lit_index.size()), 2);
    lit.y = plot::Values(lit_xy.data() + 1, static_cast<int>(lit_index.size()), 2);
    lit.radius = 4.0f * ctx.scale;
    lit.ring = true;
    lit.hover = false;
    if (!c.category.empty()) {
      for (int i : lit_index) lit_category.push_back(c.category[i]);
      lit.category = lit_category.data();
    } else {
      lit.color = ctx.palette->highlight;
    }
    pl.scatter.push_back(lit);
  }
  // The analogy's parallelogram: b → a and c → answer are the same offset when the analogy holds.
  std::vector<double> ab, cd;
  if (h.analogy.size() == 4) {
    auto at = [&](int i, int k) { return static_cast<double>(p.coords[static_cast<size_t>(i) * 2 + k]); };
    ab = {at(h.analogy[1], 0), at(h.analogy[0], 0), at(h.analogy[1], 1), at(h.analogy[0], 1)};
    cd = {at(h.analogy[2], 0), at(h.analogy[3], 0), at(h.analogy[2], 1), at(h.analogy[3], 1)};
    plot::PathLayer l1, l2;
    l1.name = lab.analogy_b + " → " + lab.analogy_a;
    l1.x = plot::Values(ab.data(), 2);
    l1.y = plot::Values(ab.data() + 2, 2);
    l1.color = ctx.palette->accent;
    l2.name = lab.analogy_c + " → answer";
    l2.x = plot::Values(cd.data(), 2);
    l2.y = plot::Values(cd.data() + 2, 2);
    l2.color = ctx.palette->highlight;
    pl.paths = {l1, l2};
  }

  const plot::Plot2DResult r = plot::draw_plot_2d(ctx, "projection", pl, size, &lab.plot_state);
  lab.plot_min = r.frame.area_min;
  lab.plot_max = r.frame.area_max;
  if (lab.show_legend && !c.names.empty() && !h.any() && r.frame.area_max.x - r.frame.area_min.x > 330 * ctx.scale) {
    // The legend in the corner the fewest points fall in.
    std::vector<plot::LegendEntry> entries;
    for (size_t k = 0; k < c.names.size(); ++k)
      entries.push_back({c.names[k], plot::category_color(*ctx.palette, static_cast<int>(k)), plot::LegendMark::Dot, false, false});
    std::vector<ImVec2> pts;
    for (int i = 0; i < n; i += std::max(1, n / 500)) pts.push_back(r.frame.to_px(p.coords[2 * i], p.coords[2 * i + 1]));
    const plot::Corner corner = plot::least_covered_corner(ctx, entries, r.frame, pts);
    const plot::LegendLayout layout = plot::layout_legend(ctx, entries, r.frame, corner);
    plot::paint_legend(plot::Canvas{ImGui::GetWindowDrawList(), nullptr}, ctx, entries, layout, -1);
  }
  if (r.clicked && r.clicked_layer == 0 && r.clicked_index >= 0 && p.labels &&
      r.clicked_index < static_cast<int>(p.labels->size())) {
    lab.selected = (*p.labels)[r.clicked_index];
  } else if (r.clicked && r.clicked_layer < 0) {
    lab.selected.clear();  // a click on empty space clears the selection
  }
}

// ------------------------------------------------------------------------------------------------ 3-D

void draw_3d(ViewContext& ctx, Lab& lab, const Projected& p, const embed::ProjectionData* d, ImVec2 size) {
  const float s = ctx.scale;
  const Palette& pal = *ctx.palette;
  const ImVec2 a = ImGui::GetCursorScreenPos();
  const ImVec2 b(a.x + size.x, a.y + size.y);
  ImGui::InvisibleButton("##orbit", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const bool dragged = ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3 * s);
  gl::orbit_camera_input(lab.camera, size.y, s);
  if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    lab.camera.distance = 3.6f;
    lab.camera.target = {0, 0, 0};
  }
  lab.plot_min = a;
  lab.plot_max = b;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, pal.background, 4 * s);
  dl->AddRect(a, b, pal.frame, 4 * s);
  const int n = p.n;
  if (n == 0 || p.dims != 3) return;
  dl->PushClipRect(a, b, true);

  // Centre the cloud and scale it into the unit ball, so the camera's defaults frame any data.
  double mean[3] = {0, 0, 0};
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < 3; ++k) mean[k] += p.coords[static_cast<size_t>(i) * 3 + k];
  for (double& m : mean) m /= n;
  // The 95th percentile of the distance from the centre, not the largest: one outlier should not shrink
  // the cloud to a dot.
  std::vector<float> dist(n);
  for (int i = 0; i < n; ++i) {
    double r2 = 0;
    for (int k = 0; k < 3; ++k) {
      const double v = p.coords[static_cast<size_t>(i) * 3 + k] - mean[k];
      r2 += v * v;
    }
    dist[i] = static_cast<float>(std::sqrt(r2));
  }
  std::nth_element(dist.begin(), dist.begin() + (n * 95) / 100, dist.end());
  const double radius = std::max(1e-12, static_cast<double>(dist[(n * 95) / 100]));
  const float inv = static_cast<float>(1.0 / radius);
  auto world = [&](int i) {
    const float* c = p.coords.data() + static_cast<size_t>(i) * 3;
    // Data axes x, y, z map to GL's x, y (up) and z.
    return gl::Vec3{(c[0] - static_cast<float>(mean[0])) * inv, (c[1] - static_cast<float>(mean[1])) * inv,
                    (c[2] - static_cast<float>(mean[2])) * inv};
  };
  const gl::Mat4 mvp = gl::camera_projection(lab.camera, size.x / std::max(1.0f, size.y)) * gl::camera_view(lab.camera);
  auto to_px = [&](gl::Vec3 w, gl::Vec3& ndc) {
    if (!gl::project_point(mvp, w, ndc)) return false;
    return true;
  };
  auto px = [&](const gl::Vec3& ndc) { return ImVec2(a.x + (ndc.x * 0.5f + 0.5f) * size.x, a.y + (0.5f - ndc.y * 0.5f) * size.y); };

  // Axes through the centre, labelled at their positive ends.
  const char* axis_names[3] = {p.x_label.c_str(), p.y_label.c_str(), p.z_label.c_str()};
  for (int k = 0; k < 3; ++k) {
    gl::Vec3 lo{0, 0, 0}, hi{0, 0, 0};
    (&lo.x)[k] = -1.1f;
    (&hi.x)[k] = 1.1f;
    gl::Vec3 n0, n1;
    if (to_px(lo, n0) && to_px(hi, n1)) {
      dl->AddLine(px(n0), px(n1), plot::with_alpha(pal.text_dim, 0.45f), 1.0f * s);
      dl->AddText(ctx.fonts->small, ctx.fonts->small->FontSize, px(n1), pal.text_dim, axis_names[k]);
    }
  }

  const Highlight h = highlight(lab, d, n);
  const Colours c = colours(lab, d, n);
  std::vector<char> lit(n, 0);
  for (int i : h.all()) lit[i] = 1;

  struct P {
    ImVec2 q;
    float depth;
    int i;
  };
  std::vector<P> pts;
  pts.reserve(n);
  for (int i = 0; i < n; ++i) {
    gl::Vec3 ndc;
    if (!to_px(world(i), ndc) || ndc.z < -1 || ndc.z > 1) continue;
    pts.push_back({px(ndc), ndc.z, i});
  }
  // Far to near, so nearer points cover farther ones.
  std::sort(pts.begin(), pts.end(), [](const P& x, const P& y) { return x.depth > y.depth; });
  float zmin = 1, zmax = -1;
  for (const P& q : pts) zmin = std::min(zmin, q.depth), zmax = std::max(zmax, q.depth);
  const float r0 = (n > 3000 ? 2.0f : 2.8f) * s;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hover = -1;
  float best = 10 * s;
  for (const P& q : pts) {
    const float near = zmax > zmin ? (zmax - q.depth) / (zmax - zmin) : 0.5f;  // 1 nearest
    const float r = r0 * (0.7f + 0.6f * near);
    ImU32 col = h.any() && !lit[q.i] ? plot::with_alpha(pal.text_dim, 0.22f) : point_colour(ctx, c, q.i);
    if (!h.any() || lit[q.i]) col = plot::with_alpha(col, 0.55f + 0.45f * near);
    dl->AddCircleFilled(q.q, lit[q.i] ? r + 1.5f * s : r, col, 8);
    if (lit[q.i]) dl->AddCircle(q.q, r + 2.5f * s, pal.text, 10, 1.2f * s);
    if (ImGui::IsItemHovered()) {
      const float dd = std::hypot(q.q.x - mouse.x, q.q.y - mouse.y);
      if (dd < best) best = dd, hover = q.i;
    }
  }
  // Labels: selected and hovered first, then lit words, then by frequency.
  const std::vector<std::string> labels = label_set(lab, p.labels, n, h);
  std::vector<plot::LabelRequest> req;
  std::vector<int> which;
  for (const P& q : pts) {
    const std::string& t = labels[q.i];
    if (t.empty() && q.i != hover) continue;
    const std::string& text = t.empty() ? (*p.labels)[q.i] : t;
    float pri = static_cast<float>(-q.i);
    const bool must = q.i == h.selected || q.i == hover;
    if (lit[q.i]) pri = 1e20f;
    if (must) pri = 1e30f;
    req.push_back({q.q, plot::text_size(ctx.fonts->small, text.c_str()), pri, must});
    which.push_back(q.i);
  }
  const auto placed = plot::place_labels(req, a, b, 3 * s, r0);
  for (size_t k = 0; k < placed.size(); ++k) {
    if (!placed[k].shown) continue;
    const int i = which[k];
    const char* t = (*p.labels)[i].c_str();
    const ImU32 halo = plot::with_alpha(pal.background, 0.75f);
    for (const ImVec2 dd : {ImVec2(-1, 0), ImVec2(1, 0), ImVec2(0, -1), ImVec2(0, 1)})
      dl->AddText(ctx.fonts->small, ctx.fonts->small->FontSize, ImVec2(placed[k].pos.x + dd.x, placed[k].pos.y + dd.y), halo, t);
    dl->AddText(ctx.fonts->small, ctx.fonts->small->FontSize, placed[k].pos,
                i == h.selected || i == hover || lit[i] ? pal.highlight : pal.text, t);
  }
  dl->PopClipRect();
  if (hover >= 0 && p.labels && hover < static_cast<int>(p.labels->size())) {
    ImGui::BeginTooltip();
    std::string name = (*p.labels)[hover];
    if (!c.category.empty() && c.category[hover] < static_cast<int>(c.names.size())) name += " · " + c.names[c.category[hover]];
    ImGui::TextUnformatted(name.c_str());
    ImGui::EndTooltip();
  }
  if (ImGui::IsItemDeactivated() && !dragged && ImGui::IsItemHovered()) {
    if (hover >= 0) lab.selected = (*p.labels)[hover];
    else lab.selected.clear();
  }
  ImGui::PushFont(ctx.fonts->small);
  dl->AddText(ImVec2(a.x + 8 * s, b.y - ImGui::GetFontSize() - 6 * s), pal.text_dim,
              "drag: turn · right drag: move · wheel: zoom · double click: reset");
  ImGui::PopFont();
}

}  // namespace

void draw_projection_panel(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max) {
  const char* titles[] = {"Projection · PCA", "Projection · t-SNE", "Projection · custom axes"};
  if (!begin_panel(ctx, "projection", titles[static_cast<int>(lab.projection)], min, max)) {
    end_panel();
    return;
  }
  const embed::ProjectionData* d = ready_data(lab);
  const Projected p = projected(lab);
  toolbar(ctx, lab, p, d);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 plot_min = ImGui::GetCursorScreenPos();
  if (p.n == 0) {
    std::string why = "no vectors yet";
    if (lab.loading) why = "loading the corpus…";
    else if (!lab.corpus_error.empty() && lab.method != Method::File) why = lab.corpus_error;
    else if (lab.projection == Projection::Tsne && lab.tsne_waiting) why = "waiting for the first vectors…";
    else if (lab.projection == Projection::Tsne && !final_vectors(lab)) why = "t-SNE maps finished vectors: train first, then it starts";
    else if (lab.projection == Projection::Custom && !lab.custom_error.empty()) why = lab.custom_error;
    else if (current_vectors(lab)) why = "computing…";
    lab.plot_min = plot_min;
    lab.plot_max = ImVec2(plot_min.x + avail.x, plot_min.y + avail.y);
    centred_message(ctx, why);
  } else if (p.dims == 3) {
    draw_3d(ctx, lab, p, d, avail);
  } else {
    draw_2d(ctx, lab, p, d, avail);
  }
  if (lab.png_requested && ctx.save_png) {
    const std::string dir = data_dir() + "/exports";
    (void)make_directories(dir);
    ctx.save_png(min, max, dir + "/embeddings-" + projection_key(lab.projection) + ".png");
  }
  lab.png_requested = false;
  end_panel();
}

}  // namespace attend::views::embeddings
