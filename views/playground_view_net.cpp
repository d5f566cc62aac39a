// The Playground tab: TensorFlow Playground's screen. Controls on top (run/pause/step/reset, epoch, learning
// rate, activation, regularisation and its rate, problem type, and beyond Playground: optimizer and norm),
// the data on the left (dataset, split, noise, batch, the person's CSV), the network in the middle (feature
// toggles, +/− for layers and neurons, a thumbnail of every neuron's output over the plane, weights as links
// whose width is |w| and colour its sign, hover and click to read or edit one), the output on the right
// (train and test loss, their curves, the decision surface with the points, test data, discretised output).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstring>

#include "core/data/toy2d.h"
#include "views/gl/texture.h"
#include "views/plot/color.h"
#include "views/plot/ticks.h"
#include "views/playground_view_state.h"

namespace attend::views::playground_view {
namespace {

constexpr float kRates[] = {0.00001f, 0.0001f, 0.001f, 0.003f, 0.01f, 0.03f, 0.1f, 0.3f, 1.f, 3.f, 10.f};
constexpr float kRegRates[] = {0.f, 0.001f, 0.003f, 0.01f, 0.03f, 0.1f, 0.3f, 1.f, 3.f, 10.f};
constexpr const char* kActivations[] = {"ReLU", "Tanh", "Sigmoid", "Linear"};
constexpr const char* kRegularizations[] = {"None", "L1", "L2"};
constexpr const char* kOptimizers[] = {"SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW"};
constexpr const char* kNorms[] = {"None", "Layer norm", "Batch norm"};
constexpr const char* kFeatureLabels[] = {"X₁", "X₂", "X₁²", "X₂²", "X₁X₂", "sin(X₁)", "sin(X₂)"};

uint64_t seed_of(const Lab& lab) { return lab.snap ? lab.snap->progress.seed : 1; }

// A combo over a list of numbers, showing the nearest one.
bool rate_combo(const char* id, float* value, const float* options, int count, float width) {
  int current = 0;
  for (int i = 1; i < count; ++i)
    if (std::abs(options[i] - *value) < std::abs(options[current] - *value)) current = i;
  ImGui::SetNextItemWidth(width);
  bool changed = false;
  char label[32];
  std::snprintf(label, sizeof label, "%g", static_cast<double>(options[current]));
  if (ImGui::BeginCombo(id, label)) {
    for (int i = 0; i < count; ++i) {
      std::snprintf(label, sizeof label, "%g", static_cast<double>(options[i]));
      if (ImGui::Selectable(label, i == current)) {
        *value = options[i];
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool list_combo(const char* id, int* value, const char* const* names, int count, float width) {
  ImGui::SetNextItemWidth(width);
  bool changed = false;
  if (ImGui::BeginCombo(id, names[std::clamp(*value, 0, count - 1)])) {
    for (int i = 0; i < count; ++i)
      if (ImGui::Selectable(names[i], i == *value)) {
        *value = i;
        changed = true;
      }
    ImGui::EndCombo();
  }
  return changed;
}

// A caption above a control, Playground style.
void caption(const ViewContext& ctx, const char* text) {
  ImGui::PushFont(ctx.fonts->small);
  ImGui::TextDisabled("%s", text);
  ImGui::PopFont();
}

void draw_controls(ViewContext& ctx, Lab& lab, float width) {
  const float s = ctx.scale;
  Settings& st = lab.settings;
  draw_session_toolbar(ctx, *lab.net, lab.snap->progress, lab.toolbar);
  ImGui::SameLine(0, 16 * s);
  ImGui::AlignTextToFramePadding();
  char epoch[64];
  std::snprintf(epoch, sizeof epoch, "Epoch %07.1f", lab.snap->epoch);
  ImGui::PushFont(ctx.fonts->mono);
  ImGui::TextUnformatted(epoch);
  ImGui::PopFont();
  if (lab.snap->diverged) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->bad), "diverged: lower the learning rate, then Reset");
  }

  const float w = std::clamp((width - 7 * 10 * s) / 7, 70 * s, 130 * s);
  auto column = [&](const char* title, auto&& control) {
    ImGui::BeginGroup();
    caption(ctx, title);
    control();
    ImGui::EndGroup();
    ImGui::SameLine(0, 10 * s);
  };
  const bool hl = lab.highlight == "controls";
  const ImVec2 row0 = ImGui::GetCursorScreenPos();
  column("Learning rate", [&] {
    if (rate_combo("##lr", &st.lr, kRates, 11, w)) lab.net->set("lr", st.lr);
  });
  column("Activation", [&] {
    if (list_combo("##activation", &st.activation, kActivations, 4, w)) {
      lab.net->set("activation", st.activation);
      lab.net->reset(seed_of(lab));
    }
  });
  column("Regularization", [&] {
    if (list_combo("##reg", &st.regularization, kRegularizations, 3, w)) lab.net->set("regularization", st.regularization);
  });
  column("Regularization rate", [&] {
    if (rate_combo("##regrate", &st.regularization_rate, kRegRates, 10, w))
      lab.net->set("regularization_rate", st.regularization_rate);
  });
  column("Problem type", [&] {
    int problem = lab.snap->regression ? 1 : 0;
    const char* names[] = {"Classification", "Regression"};
    if (list_combo("##problem", &problem, names, 2, w) && problem != (lab.snap->regression ? 1 : 0)) {
      st.dataset = problem == 1 ? "plane" : "circle";
      apply_dataset(lab);
    }
  });
  column("Optimizer", [&] {
    if (list_combo("##optimizer", &st.optimizer, kOptimizers, 7, w)) lab.net->set("optimizer", st.optimizer);
  });
  column("Normalisation", [&] {
    if (list_combo("##norm", &st.norm, kNorms, 3, w)) {
      lab.net->set("norm", st.norm);
      lab.net->reset(seed_of(lab));
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Layer norm: each point's hidden values rescaled to mean 0, variance 1 across the layer.\n"
                        "Batch norm: each neuron's values rescaled across the batch (needs a batch of 2 or more).");
  });
  ImGui::NewLine();
  if (hl) {
    const ImVec2 row1 = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRect(ImVec2(row0.x - 3 * s, row0.y - 2 * s), ImVec2(row0.x + width, row1.y),
                                        ctx.palette->highlight, 4 * s, 0, 3 * s);
  }
}

// ------------------------------------------------------------------------------------------------- data

void draw_data_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  const float s = ctx.scale;
  Settings& st = lab.settings;
  ImGui::SetCursorScreenPos(p.body_min);
  const float w = p.body_max.x - p.body_min.x;
  ImGui::PushItemWidth(w);
  ImGui::BeginGroup();
  caption(ctx, "Which dataset?");
  const float bw = (w - 4 * s) / 2;
  for (int k = 0; k < data::kToy2DKindCount; ++k) {
    const char* name = data::toy2d_name(static_cast<data::Toy2DKind>(k));
    const bool on = st.dataset == name;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(name, ImVec2(bw, 0)) && !on) {
      st.dataset = name;
      apply_dataset(lab);
    }
    if (on) ImGui::PopStyleColor();
    if (k % 2 == 0) ImGui::SameLine(0, 4 * s);
  }
  caption(ctx, "Ratio of training to test data");
  int ratio = static_cast<int>(std::lround(st.train_ratio * 100));
  if (ImGui::SliderInt("##ratio", &ratio, 10, 90, "%d%%")) st.train_ratio = ratio / 100.f;
  if (ImGui::IsItemDeactivatedAfterEdit()) apply_dataset(lab);
  caption(ctx, "Noise");
  int noise = static_cast<int>(std::lround(st.noise * 100));
  if (ImGui::SliderInt("##noise", &noise, 0, 50, "%d")) st.noise = noise / 100.f;
  if (ImGui::IsItemDeactivatedAfterEdit()) apply_dataset(lab);
  caption(ctx, "Batch size");
  if (ImGui::SliderInt("##batch", &st.batch, 1, 30)) lab.net->set("batch_size", st.batch);
  if (ImGui::Button("Regenerate", ImVec2(w, 0))) {
    ++st.data_seed;
    apply_dataset(lab);
  }
  ImGui::Checkbox("Show test data", &st.show_test);
  ImGui::Checkbox("Discretize output", &st.discretize);
  caption(ctx, "Your CSV (x,y,label)");
  ImGui::SetNextItemWidth(w);
  const bool enter = ImGui::InputTextWithHint("##csv", "path/to/points.csv", lab.csv_buf, sizeof lab.csv_buf,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A header x,y,label, then one point a row. Labels ±1 make a classification problem, any other "
                      "numbers a regression.");
  if ((ImGui::Button("Load CSV", ImVec2(w, 0)) || enter) && lab.csv_buf[0]) {
    const std::string keep = st.dataset;
    st.dataset = "csv";
    st.csv_path = lab.csv_buf;
    if (!apply_dataset(lab)) st.dataset = keep;
  }
  if (!lab.data_error.empty()) {
    push_wrap(p.body_max.x);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->bad), "%s", lab.data_error.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::PushFont(ctx.fonts->small);
  push_wrap(p.body_max.x);
  ImGui::TextDisabled("%s", lab.snap->data_description.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::EndGroup();
  ImGui::PopItemWidth();
}

// ---------------------------------------------------------------------------------------------- network

// A neuron's output over the plane as a small image (row 0 of the data is the bottom), through a texture:
// a few dozen thumbnails of 16×16 cells as rectangles would cost a software renderer thousands of quads.
// The texture is uploaded again only when the snapshot changed (`fresh`): frames outnumber snapshots.
void draw_thumbnail(const ViewContext& ctx, const float* cells, int res, ImVec2 p0, float size, int id, bool fresh) {
  gl::Texture& tex = gl::frame_texture(ImGui::GetID(reinterpret_cast<const void*>(static_cast<intptr_t>(id))));
  if (fresh || tex.id == 0 || tex.width != res) {
    const plot::ColorMap& map = plot::diverging_map(*ctx.palette);
    std::vector<uint32_t> px(static_cast<size_t>(res) * res);
    for (int i = 0; i < res; ++i)
      for (int j = 0; j < res; ++j) {
        const double v = cells[i * res + j];
        px[static_cast<size_t>(res - 1 - i) * res + j] = plot::sample(map, 0.5 + 0.5 * std::clamp(v, -1.0, 1.0));
      }
    gl::upload_rgba(tex, res, res, px.data(), true);
  }
  gl::draw_image(ImGui::GetWindowDrawList(), tex, p0, ImVec2(p0.x + size, p0.y + size));
}

float point_segment_distance(ImVec2 p, ImVec2 a, ImVec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len2 = dx * dx + dy * dy;
  float t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.f, 1.f);
  const float qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y;
  return std::sqrt(qx * qx + qy * qy);
}


void draw_network_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  const float s = ctx.scale;
  const Palette& pal = *ctx.palette;
  const train::MlpSnapshot& snap = *lab.snap;
  const nn::PlaygroundNet& net = snap.net;
  Settings& st = lab.settings;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const int hidden = net.layers - 1;

  // The layer count's +/−, then per layer its neurons' +/− above each column.
  ImGui::SetCursorScreenPos(p.body_min);
  if (ImGui::SmallButton("+##layers") && static_cast<int>(st.hidden.size()) < nn::kPlaygroundMaxHidden) {
    st.hidden.push_back(st.hidden.empty() ? 4 : st.hidden.back());
    apply_layers(lab);
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("−##layers") && !st.hidden.empty()) {
    st.hidden.pop_back();
    apply_layers(lab);
  }
  ImGui::SameLine();
  char title[96];
  std::snprintf(title, sizeof title, "%d hidden layer%s · %zu parameters", hidden, hidden == 1 ? "" : "s", snap.parameters);
  ImGui::TextUnformatted(title);

  const float top = ImGui::GetCursorScreenPos().y + 48 * s;
  const float bottom = p.body_max.y - 4 * s;
  const int columns = hidden + 2;  // features, hidden…, output
  const float left = p.body_min.x + 58 * s, right = p.body_max.x - 6 * s;
  const float box = std::clamp(std::min((bottom - top) / 8.f - 8 * s, (right - left) / (columns * 1.7f)), 16 * s, 44 * s);
  const float col_step = columns > 1 ? (right - left - box) / (columns - 1) : 0;
  auto column_x = [&](int c) { return left + c * col_step; };
  // Node centres: features use all 7 rows (disabled ones dim); other columns centre their neurons.
  auto node_y = [&](int count, int k) {
    const float step = std::min(box + 8 * s, (bottom - top) / std::max(count, 1));
    const float h = step * count;
    return top + (bottom - top - h) / 2 + step * (k + 0.5f);
  };
  const int res = snap.thumb_res;
  const size_t cells = static_cast<size_t>(res) * res;
  const bool thumbs = res >= 2 && snap.thumbnails.size() >= cells * static_cast<size_t>(nn::neuron_count(net));
  const bool fresh = snap.progress.version != lab.thumb_version;
  lab.thumb_version = snap.progress.version;

  // Centres of every node of every column; the features column lists the enabled inputs only.
  std::vector<std::vector<ImVec2>> centre(static_cast<size_t>(net.layers + 1));
  std::vector<int> feature_row(nn::kPlaygroundFeatures, -1);
  for (int i = 0; i < net.inputs; ++i) feature_row[static_cast<size_t>(net.features[static_cast<size_t>(i)])] = i;
  for (int f = 0; f < nn::kPlaygroundFeatures; ++f)
    if (feature_row[static_cast<size_t>(f)] >= 0)
      centre[0].push_back(ImVec2(column_x(0) + box / 2, node_y(nn::kPlaygroundFeatures, f)));
  // Inputs are in net.features order, which lists features by enum order (the trainer builds it from a mask).
  for (int l = 1; l <= net.layers; ++l) {
    const int n = net.width[static_cast<size_t>(l)];
    for (int k = 0; k < n; ++k) centre[static_cast<size_t>(l)].push_back(ImVec2(column_x(l) + box / 2, node_y(n, k)));
  }

  // Links, under the nodes.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool in_panel = ImGui::IsWindowHovered() && mouse.x >= p.body_min.x && mouse.x < p.body_max.x &&
                        mouse.y >= top - 10 * s && mouse.y < p.body_max.y;
  float best = 5 * s;
  EditTarget hovered;
  const plot::ColorMap& map = plot::diverging_map(pal);
  for (int l = 0; l < net.layers; ++l) {
    const auto& from = centre[static_cast<size_t>(l)];
    const auto& to = centre[static_cast<size_t>(l + 1)];
    for (int j = 0; j < static_cast<int>(to.size()); ++j)
      for (int i = 0; i < static_cast<int>(from.size()); ++i) {
        const float wv = net.w[l][j][i];
        const ImVec2 a(from[static_cast<size_t>(i)].x + box / 2, from[static_cast<size_t>(i)].y);
        const ImVec2 b(to[static_cast<size_t>(j)].x - box / 2, to[static_cast<size_t>(j)].y);
        const float thick = std::clamp(std::abs(wv) * 2.5f, 0.6f, 7.f) * s;
        const ImU32 col = plot::sample(map, 0.5 + 0.5 * std::tanh(static_cast<double>(wv)));
        dl->AddBezierCubic(a, ImVec2((a.x + b.x) / 2, a.y), ImVec2((a.x + b.x) / 2, b.y), b,
                           plot::mix(col, pal.text_dim, std::abs(wv) < 0.05f ? 0.6f : 0.f), thick, 8);
        if (in_panel) {
          const float d = point_segment_distance(mouse, a, b);
          if (d < best) {
            best = d;
            hovered = {l, j, i, wv};
          }
        }
      }
  }

  // Nodes: features (clickable toggles), hidden neurons, output.
  int neuron = 0;
  for (int f = 0; f < nn::kPlaygroundFeatures; ++f) {
    const float cy = node_y(nn::kPlaygroundFeatures, f);
    const ImVec2 p0(column_x(0), cy - box / 2), p1(column_x(0) + box, cy + box / 2);
    const bool on = feature_row[static_cast<size_t>(f)] >= 0;
    if (on && thumbs) {
      draw_thumbnail(ctx, snap.thumbnails.data() + static_cast<size_t>(neuron) * cells, res, p0, box, 5000 + neuron, fresh);
      ++neuron;
    } else {
      dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_FrameBg));
    }
    dl->AddRect(p0, p1, on ? pal.text : pal.text_dim, 2 * s, 0, on ? 1.5f * s : 1.f);
    const ImVec2 ts = ImGui::CalcTextSize(kFeatureLabels[f]);
    dl->AddText(ImVec2(p0.x - ts.x - 6 * s, cy - ts.y / 2), on ? pal.text : pal.text_dim, kFeatureLabels[f]);
    ImGui::SetCursorScreenPos(ImVec2(p0.x - ts.x - 6 * s, p0.y));
    ImGui::PushID(f);
    if (ImGui::InvisibleButton("feature", ImVec2(p1.x - p0.x + ts.x + 6 * s, box))) {
      const int mask = st.features ^ (1 << f);
      if (mask != 0) {
        st.features = mask;
        lab.net->set("features", mask);
        lab.net->reset(seed_of(lab));
      }
    }
    if (ImGui::IsItemHovered()) lab.hover = std::string(kFeatureLabels[f]) + (on ? ": on (click to remove)" : ": off (click to add)");
    ImGui::PopID();
  }
  for (int l = 1; l <= net.layers; ++l) {
    const bool output = l == net.layers;
    const int n = net.width[static_cast<size_t>(l)];
    for (int k = 0; k < n; ++k) {
      const ImVec2 c = centre[static_cast<size_t>(l)][static_cast<size_t>(k)];
      const ImVec2 p0(c.x - box / 2, c.y - box / 2), p1(c.x + box / 2, c.y + box / 2);
      if (thumbs) draw_thumbnail(ctx, snap.thumbnails.data() + static_cast<size_t>(neuron) * cells, res, p0, box, 5000 + neuron, fresh);
      ++neuron;
      dl->AddRect(p0, p1, pal.text, 2 * s, 0, 1.f);
      // The bias as a small square at the node's lower left, coloured like a weight.
      const float bv = net.b[l - 1][k];
      const float q = std::max(4.f * s, box * 0.18f);
      dl->AddRectFilled(ImVec2(p0.x - q / 2, p1.y - q / 2), ImVec2(p0.x + q / 2, p1.y + q / 2),
                        plot::sample(map, 0.5 + 0.5 * std::tanh(static_cast<double>(bv))));
      if (in_panel && mouse.x >= p0.x && mouse.x < p1.x && mouse.y >= p0.y && mouse.y < p1.y) {
        char text[160];
        std::snprintf(text, sizeof text, "%s, neuron %d · bias %s (gradient %s)", output ? "output" : "hidden layer", k + 1,
                      plot::format_value(bv, 3).c_str(), plot::format_value(net.gb[l - 1][k], 3).c_str());
        if (!output) std::snprintf(text + std::strlen(text), sizeof text - std::strlen(text), " · layer %d", l);
        lab.hover = text;
        hovered = {l - 1, k, -1, bv};
        best = 0;
      }
    }
    if (!output) {
      // +/− neurons above the column.
      const float x = column_x(l) + box / 2;
      const float button_w = ImGui::CalcTextSize("+").x + 2 * ImGui::GetStyle().FramePadding.x;
      const bool narrow = col_step < 2 * button_w + 10 * s;  // then − goes under +
      ImGui::SetCursorScreenPos(ImVec2(narrow ? x - button_w / 2 : x - button_w - 1 * s, top - (narrow ? 46 : 24) * s));
      ImGui::PushID(100 + l);
      if (ImGui::SmallButton("+") && st.hidden[static_cast<size_t>(l - 1)] < nn::kPlaygroundMaxWidth) {
        ++st.hidden[static_cast<size_t>(l - 1)];
        apply_layers(lab);
      }
      if (narrow) ImGui::SetCursorScreenPos(ImVec2(x - button_w / 2, top - 24 * s));
      else ImGui::SameLine(0, 2 * s);
      if (ImGui::SmallButton("−") && st.hidden[static_cast<size_t>(l - 1)] > 1) {
        --st.hidden[static_cast<size_t>(l - 1)];
        apply_layers(lab);
      }
      ImGui::PopID();
      if (narrow) continue;
      char label[32];
      if (col_step > 70 * s) std::snprintf(label, sizeof label, "%d neuron%s", n, n == 1 ? "" : "s");
      else std::snprintf(label, sizeof label, "%d", n);
      ImGui::PushFont(ctx.fonts->small);
      const ImVec2 ts = ImGui::CalcTextSize(label);
      dl->AddText(ctx.fonts->small, ctx.fonts->small->FontSize, ImVec2(x - ts.x / 2, top - 8 * s - ts.y / 2 + 4 * s),
                  pal.text_dim, label);
      ImGui::PopFont();
    }
  }

  // Hover: the nearest weight's value and gradient; a click edits it.
  EditTarget& editing = lab.editing;
  if (hovered.layer >= 0 && hovered.in >= 0) {
    char text[160];
    std::snprintf(text, sizeof text, "weight w%d[%d][%d] = %s (gradient %s) · click to edit", hovered.layer + 1,
                  hovered.out + 1, hovered.in + 1, plot::format_value(hovered.value, 3).c_str(),
                  plot::format_value(net.gw[hovered.layer][hovered.out][hovered.in], 3).c_str());
    lab.hover = text;
  }
  if (hovered.layer >= 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && in_panel) {
    editing = hovered;
    ImGui::OpenPopup("##edit_weight");
  }
  if (ImGui::BeginPopup("##edit_weight")) {
    ImGui::Text(editing.in < 0 ? "bias of neuron %d" : "weight into neuron %d", editing.out + 1);
    ImGui::SetNextItemWidth(120 * s);
    if (ImGui::InputFloat("##value", &editing.value, 0.1f, 1.f, "%.3f", ImGuiInputTextFlags_EnterReturnsTrue)) {
      const EditTarget e = editing;
      lab.net->post([e](train::MlpModel& m) { train::set_weight(m, e.layer, e.out, e.in, e.value); });
      lab.net->step(0);
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  // The hover line at the bottom of the panel.
  const char* line = !lab.hover.empty() ? lab.hover.c_str()
                                        : "Links: width |w|, colour its sign. Hover a link or neuron for its value; "
                                          "click a feature to toggle it.";
  dl->AddText(ctx.fonts->small, ctx.fonts->small->FontSize, ImVec2(p.body_min.x, p.body_max.y - ctx.fonts->small->FontSize),
              lab.hover.empty() ? pal.text_dim : pal.text, line);
}

// ----------------------------------------------------------------------------------------------- output

void draw_output_panel(ViewContext& ctx, Lab& lab, const Panel& p) {
  const float s = ctx.scale;
  const train::MlpSnapshot& snap = *lab.snap;
  const Settings& st = lab.settings;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = p.body_max.x - p.body_min.x;
  char text[128];
  std::snprintf(text, sizeof text, "Test loss %.3f", snap.test_loss);
  dl->AddText(ctx.fonts->bold, ctx.fonts->bold->FontSize, p.body_min, ctx.palette->text, text);
  std::snprintf(text, sizeof text, "Training loss %.3f", snap.train_loss);
  const float line_h = ctx.fonts->bold->FontSize + 2 * s;
  dl->AddText(ctx.fonts->bold, ctx.fonts->bold->FontSize, ImVec2(p.body_min.x, p.body_min.y + line_h), ctx.palette->text_dim, text);
  if (!snap.regression) {
    // Accuracy right-aligned beside each loss, when there is room.
    const float loss_w = ImGui::CalcTextSize("Training loss 0.000").x + 16 * s;
    for (int row = 0; row < 2; ++row) {
      std::snprintf(text, sizeof text, "%.0f%% right", 100 * (row == 0 ? snap.test_accuracy : snap.train_accuracy));
      const ImVec2 ts = ImGui::CalcTextSize(text);
      if (loss_w + ts.x < w)
        dl->AddText(ImVec2(p.body_max.x - ts.x, p.body_min.y + row * (ctx.fonts->bold->FontSize + 2 * s)),
                    ctx.palette->text_dim, text);
    }
  }
  // Loss curves: train and test, by step.
  const float curve_h = std::max(50 * s, (p.body_max.y - p.body_min.y) * 0.2f);
  ImGui::SetCursorScreenPos(ImVec2(p.body_min.x, p.body_min.y + 2 * line_h));
  plot::LinePlot lp;
  lp.x.label = "";
  lp.y.include_zero = true;
  lp.legend = false;
  lp.empty_text = "press Run";
  const train::Series* tr = nullptr;
  const train::Series* te = nullptr;
  if (snap.progress.history) {
    tr = snap.progress.history->find("train_loss");
    te = snap.progress.history->find("test_loss");
  }
  if (tr) lp.series.push_back({"train", tr->step, tr->value, ctx.palette->text_dim});
  if (te) lp.series.push_back({"test", te->step, te->value, ctx.palette->text});
  const bool hl_loss = lab.highlight == "loss";

  const ImVec2 c0 = ImGui::GetCursorScreenPos();
  plot::draw_line_plot(ctx, "##losses", lp, ImVec2(w, curve_h), &lab.loss_plot);
  if (hl_loss) dl->AddRect(c0, ImVec2(c0.x + w, c0.y + curve_h), ctx.palette->highlight, 4 * s, 0, 3 * s);

  // The decision surface with the points.
  const float top = c0.y + curve_h + 4 * s;
  const float side = std::min(w, p.body_max.y - top);
  ImGui::SetCursorScreenPos(ImVec2(p.body_min.x + (w - side) / 2, top));
  plot::Plot2D plot;
  const int res = snap.grid_res;
  const std::vector<float>& grid = st.discretize ? lab.grid_discrete : lab.grid_top;
  if (res >= 2 && grid.size() == static_cast<size_t>(res) * res) {
    plot.field.values = plot::Grid(grid.data(), res, res);
    plot.field.x = {snap.grid_lo, snap.grid_hi};
    plot.field.y = {snap.grid_lo, snap.grid_hi};
    plot.field.map = &plot::diverging_map(*ctx.palette);
    plot.field.vmin = -1;
    plot.field.vmax = 1;
    plot.field.center = 0;
    if (!snap.regression) plot.field.emphasis_level = 0.0;
    plot.field.opacity = 0.85f;
  }
  plot.x.min = plot.y.min = snap.grid_lo;
  plot.x.max = plot.y.max = snap.grid_hi;
  plot.x.padding = plot.y.padding = 0;
  plot.equal_aspect = true;
  plot.legend = false;
  plot::ScatterLayer train_layer;
  train_layer.name = "training";
  train_layer.x = lab.train_x;
  train_layer.y = lab.train_y;
  if (snap.regression) {
    train_layer.value = lab.train_value;
    train_layer.map = &plot::diverging_map(*ctx.palette);
    train_layer.vmin = -1;
    train_layer.vmax = 1;
  } else {
    train_layer.category = lab.train_class.data();
    train_layer.category_names = {"−1", "+1"};
  }
  train_layer.radius = 3 * s;
  plot.scatter.push_back(train_layer);
  if (st.show_test) {
    plot::ScatterLayer test_layer = train_layer;
    test_layer.name = "test";
    test_layer.x = lab.test_x;
    test_layer.y = lab.test_y;
    test_layer.value = lab.test_value;
    test_layer.category = snap.regression ? nullptr : lab.test_class.data();
    test_layer.ring = true;
    plot.scatter.push_back(test_layer);
  }
  const ImVec2 o0 = ImGui::GetCursorScreenPos();
  const plot::Plot2DResult r = plot::draw_plot_2d(ctx, "##output", plot, ImVec2(side, side), &lab.output_view);
  if (r.hovered) {
    const double v = plot::field_value_at(plot.field, r.mouse_x, r.mouse_y);
    char tip[128];
    std::snprintf(tip, sizeof tip, "(%.2f, %.2f): output %s", r.mouse_x, r.mouse_y, plot::format_value(v, 3).c_str());
    lab.hover = tip;
  }
  if (lab.highlight == "output") dl->AddRect(o0, ImVec2(o0.x + side, o0.y + side), ctx.palette->highlight, 4 * s, 0, 3 * s);
}

}  // namespace

void refresh(Lab& lab) {
  if (!lab.snap || lab.snap->progress.version == lab.grid_version) return;
  const train::MlpSnapshot& snap = *lab.snap;
  lab.grid_version = snap.progress.version;
  const int res = snap.grid_res;
  lab.grid_top.resize(snap.grid.size());
  lab.grid_discrete.resize(snap.grid.size());
  for (int i = 0; i < res; ++i)
    for (int j = 0; j < res; ++j) {
      const float v = snap.grid[static_cast<size_t>(i) * res + j];
      const size_t top = static_cast<size_t>(res - 1 - i) * res + j;
      lab.grid_top[top] = v;
      lab.grid_discrete[top] = v >= 0 ? 1.f : -1.f;
    }
  auto split = [&](const std::shared_ptr<const data::Points2D>& d, std::vector<double>& x, std::vector<double>& y,
                   std::vector<int>& cls, std::vector<double>& value) {
    x.clear(), y.clear(), cls.clear(), value.clear();
    if (!d) return;
    for (int k = 0; k < d->size(); ++k) {
      x.push_back(d->xy[2 * static_cast<size_t>(k)]);
      y.push_back(d->xy[2 * static_cast<size_t>(k) + 1]);
      value.push_back(d->label[static_cast<size_t>(k)]);
      cls.push_back(d->label[static_cast<size_t>(k)] > 0 ? 1 : 0);
    }
  };
  split(snap.train, lab.train_x, lab.train_y, lab.train_class, lab.train_value);
  split(snap.test, lab.test_x, lab.test_y, lab.test_class, lab.test_value);
}

void draw_playground_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale;
  const float gap = 8 * s;
  refresh(lab);
  lab.hover.clear();
  ImGui::SetCursorScreenPos(origin);
  draw_controls(ctx, lab, size.x);
  const float top = ImGui::GetCursorScreenPos().y + 4 * s;
  const float bottom = origin.y + size.y;
  const float data_w = std::floor(std::clamp(size.x * 0.17f, 150 * s, 220 * s));
  const float out_w = std::floor(std::clamp(size.x * 0.3f, 220 * s, 420 * s));
  const float x1 = origin.x + data_w + gap, x2 = origin.x + size.x - out_w;
  const Panel pd = draw_panel(ctx, "Data", ImVec2(origin.x, top), ImVec2(origin.x + data_w, bottom), lab.highlight == "data");
  const Panel pn = draw_panel(ctx, "Network", ImVec2(x1, top), ImVec2(x2 - gap, bottom),
                              lab.highlight == "network" || lab.highlight == "features");
  const Panel po = draw_panel(ctx, "Output", ImVec2(x2, top), ImVec2(origin.x + size.x, bottom), false);
  draw_data_panel(ctx, lab, pd);
  draw_output_panel(ctx, lab, po);
  draw_network_panel(ctx, lab, pn);
}

}  // namespace attend::views::playground_view
