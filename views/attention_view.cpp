// The attention lab: tabs, the model settings row, the session toolbar and the "Train & heads" tab (curves,
// every layer × head at once, the chosen head with its mask, the head view's token links); the View itself.
#include "views/attention_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "views/attention_view_state.h"
#include "views/curves_view.h"
#include "views/lab_view.h"
#include "views/plot/plot.h"
#include "views/widgets/mode_tabs.h"

namespace attend::views {
namespace attention_view {

namespace {

const char* const kModeKeys[kModes] = {"train", "stages", "input", "seq2seq", "positions", "recurrence", "scaling"};
const char* const kModeTitles[kModes] = {"Train & heads",  "Step by step", "Your input",  "Encoder–decoder",
                                         "Positions",      "Recurrence",   "Why √d"};

const int kLayerChoices[] = {1, 2, 3, 4};
const int kHeadChoices[] = {1, 2, 4, 8};
const int kWidthChoices[] = {16, 32, 64, 128};

// A combo over fixed integer choices; true (and the new value) when the person picked one.
bool int_combo(const char* label, int current, const int* choices, int n, float width, int* picked) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d", current);
  ImGui::SetNextItemWidth(width);
  bool changed = false;
  if (ImGui::BeginCombo(label, buf)) {
    for (int i = 0; i < n; ++i) {
      std::snprintf(buf, sizeof buf, "%d", choices[i]);
      if (ImGui::Selectable(buf, choices[i] == current)) {
        *picked = choices[i];
        changed = choices[i] != current;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

void draw_settings_row(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  const train::LabSettings& st = lab.snap->settings;
  LabSession& ses = *lab.session;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Task");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120 * s);
  int task = static_cast<int>(st.task);
  const char* tasks = "copy\0reverse\0sort\0digits→words\0text (char LM)\0";
  if (ImGui::Combo("##task", &task, tasks)) {
    if (task == static_cast<int>(train::LabTask::Text) && !st.text) (void)use_text(lab, "licenses");
    else ses.set("task", task);
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(130 * s);
  int arch = static_cast<int>(st.arch);
  if (ImGui::Combo("##arch", &arch, "decoder (GPT)\0encoder (BERT)\0encoder–decoder\0RNN\0LSTM\0")) ses.set("arch", arch);
  const bool attention = st.arch != train::SeqArch::RNN && st.arch != train::SeqArch::LSTM;
  int v = 0;
  ImGui::SameLine();
  ImGui::TextUnformatted("layers");
  ImGui::SameLine();
  if (int_combo("##layers", st.layers, kLayerChoices, 4, 44 * s, &v)) ses.set("layers", v);
  if (attention) {
    ImGui::SameLine();
    ImGui::TextUnformatted("heads");
    ImGui::SameLine();
    if (int_combo("##heads", st.heads, kHeadChoices, 4, 44 * s, &v)) ses.set("heads", v);
  }
  ImGui::SameLine();
  ImGui::TextUnformatted(attention ? "d_model" : "hidden");
  ImGui::SameLine();
  if (attention) {
    if (int_combo("##dmodel", st.d_model, kWidthChoices, 4, 54 * s, &v)) ses.set("d_model", v);
  } else if (int_combo("##hidden", st.rnn_hidden, kWidthChoices, 4, 54 * s, &v)) {
    ses.set("rnn_hidden", v);
  }
  ImGui::SameLine();
  ImGui::TextUnformatted(st.task == train::LabTask::Text ? "context" : "length");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(54 * s);
  int len = st.length;
  if (ImGui::InputInt("##length", &len, 0, 0, ImGuiInputTextFlags_EnterReturnsTrue) && len != st.length)
    ses.set("length", len);
  if (attention) {
    ImGui::SameLine();
    ImGui::TextUnformatted("positions");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(96 * s);
    int pos = static_cast<int>(st.positional);
    if (ImGui::Combo("##pos", &pos, "none\0sinusoidal\0learned\0")) ses.set("positional", pos);
    ImGui::SameLine();
    bool causal = st.causal;
    const bool hl = lab.highlight_target == "causal";
    if (hl) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.palette->highlight));
    if (ImGui::Checkbox("causal mask", &causal)) ses.set("causal", causal ? 1 : 0);
    if (hl) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Decoder self-attention may not look at later positions. Turn it off on a decoder and the "
                        "next token is in plain sight while training: training accuracy jumps, generation fails.");
  }
}

void draw_error_line(const ViewContext& ctx, const Lab& lab) {
  const std::string& e = !lab.text_error.empty() ? lab.text_error : lab.snap->error;
  if (e.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ctx.palette->bad));
  ImGui::TextWrapped("%s", e.c_str());
  ImGui::PopStyleColor();
}

// Every layer × head of the probe's first row as thumbnails; a click selects one.
void draw_model_grid(const ViewContext& ctx, Lab& lab, const Panel& p) {
  const train::LabSnapshot& snap = *lab.snap;
  const std::vector<train::AttentionLayer>& ls = snap.seq.attention;
  if (ls.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(p.body_min.x + 6 * ctx.scale, p.body_min.y + 6 * ctx.scale));
    ImGui::TextDisabled("An RNN has no attention: see the Recurrence tab.");
    return;
  }
  const float s = ctx.scale;
  const ImVec2 body = p.body_size();
  const int rows = static_cast<int>(ls.size());
  int heads = 1;
  for (const auto& l : ls) heads = std::max(heads, l.record.heads);
  const float label_w = 70 * s, caption_h = ctx.fonts->small->FontSize + 2 * s;
  const float cell = std::floor(std::min((body.x - label_w) / heads, body.y / rows - caption_h)) - 4 * s;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int l = 0; l < rows; ++l) {
    const float y = p.body_min.y + l * (cell + caption_h + 4 * s);
    dl->AddText(ctx.fonts->small, ctx.fonts->small->FontSize, ImVec2(p.body_min.x + 2 * s, y + cell * 0.4f),
                ctx.palette->text_dim, ls[static_cast<size_t>(l)].name.c_str());
    const std::vector<HeadLabel> labels = head_labels(snap, l);
    for (int h = 0; h < ls[static_cast<size_t>(l)].record.heads; ++h) {
      const float x = p.body_min.x + label_w + h * (cell + 4 * s);
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      Selection sel = lab.sel;
      sel.layer = l, sel.head = h;
      ImGui::PushID(l * 16 + h);
      const StageData d = stage_data(snap, Source::Probe, sel, Stage::Weights);
      plot::Heatmap hm;
      hm.values = d.grid;
      // No hatching in thumbnails: masked weights are 0 and read as the map's dark end; the hatch lines of
      // 8–48 small heatmaps would cost more to draw than the weights themselves.
      hm.labels = false;
      hm.colorbar = false;
      hm.cell_text = plot::CellText::Never;
      hm.vmin = 0, hm.vmax = 1;
      const plot::HeatmapResult r = plot::draw_heatmap(ctx, "thumb", hm, ImVec2(cell, cell));
      ImGui::PopID();
      if (r.clicked || (ImGui::IsMouseClicked(0) && ImGui::IsMouseHoveringRect(r.frame.outer_min, r.frame.outer_max))) {
        lab.sel.layer = l, lab.sel.head = h;
      }
      const bool chosen = lab.sel.layer == l && lab.sel.head == h;
      const bool pointed = lab.highlight_target == "head" && lab.highlight_index == l * heads + h;
      if (chosen || pointed)
        dl->AddRect(ImVec2(x - 2 * s, y - 2 * s), ImVec2(x + cell + 2 * s, y + cell + 2 * s),
                    pointed ? ctx.palette->warning : ctx.palette->highlight, 2 * s, 0, 2.5f * s);
      char cap[48];
      if (h < static_cast<int>(labels.size()) && !labels[static_cast<size_t>(h)].pattern.empty())
        std::snprintf(cap, sizeof cap, "h%d %s %.2f", h, labels[static_cast<size_t>(h)].pattern.c_str(), labels[static_cast<size_t>(h)].value);
      else
        std::snprintf(cap, sizeof cap, "h%d", h);
      dl->PushClipRect(ImVec2(x, y + cell), ImVec2(x + cell + 3 * s, y + cell + caption_h + 2 * s), true);
      dl->AddText(ctx.fonts->small, ctx.fonts->small->FontSize, ImVec2(x, y + cell + 1 * s), ctx.palette->text_dim, cap);
      dl->PopClipRect();
    }
  }
}

void draw_train_mode(ViewContext& ctx, Lab& lab, ImVec2 origin, ImVec2 size) {
  const float s = ctx.scale, gap = 8 * s;
  const float left_w = std::floor(size.x * 0.4f);
  const float x1 = origin.x + left_w + gap, xe = origin.x + size.x, ye = origin.y + size.y;
  const float half = std::floor((size.y - gap) / 2);
  const train::Progress& pr = lab.snap->progress;
  {
    const Panel p = draw_panel(ctx, "Loss", origin, ImVec2(origin.x + left_w, origin.y + half));
    ImGui::SetCursorScreenPos(p.body_min);
    // The panel's control row is wider than a narrow column: what does not fit is clipped, not drawn over
    // the neighbouring panels.
    ImGui::PushClipRect(p.min, p.max, true);
    draw_curves_panel(ctx, "##loss", pr, lab.loss_curves, p.body_size());
    ImGui::PopClipRect();
  }
  {
    const Panel p = draw_panel(ctx, "Accuracy: training (teacher-forced) and generation",
                               ImVec2(origin.x, origin.y + half + gap), ImVec2(origin.x + left_w, ye));
    ImGui::SetCursorScreenPos(p.body_min);
    ImGui::PushClipRect(p.min, p.max, true);
    draw_curves_panel(ctx, "##acc", pr, lab.acc_curves, p.body_size());
    ImGui::PopClipRect();
  }
  const float grid_h = std::floor((size.y - gap) * 0.45f);
  {
    const Panel p = draw_panel(ctx, "Every layer × head (probe row 1) · click one", ImVec2(x1, origin.y),
                               ImVec2(xe, origin.y + grid_h), lab.highlight_target == "head");
    draw_model_grid(ctx, lab, p);
  }
  const float y2 = origin.y + grid_h + gap;
  const float w2 = std::floor((xe - x1 - gap) * 0.58f);
  char title[96];
  const auto& ls = lab.snap->seq.attention;
  const std::string lname = lab.sel.layer < static_cast<int>(ls.size()) ? ls[static_cast<size_t>(lab.sel.layer)].name : "";
  std::snprintf(title, sizeof title, "%s · head %d · hatched: masked", lname.c_str(), lab.sel.head);
  {
    const Panel p = draw_panel(ctx, title, ImVec2(x1, y2), ImVec2(x1 + w2, ye), lab.highlight_target == "mask");
    ImGui::SetCursorScreenPos(p.body_min);
    const int q = draw_stage(ctx, lab, Source::Probe, Stage::Weights, lab.sel, p.body_size(), false, false);
    if (q >= 0) lab.sel.query = q;
  }
  {
    const Panel p = draw_panel(ctx, "Head view: token links", ImVec2(x1 + w2 + gap, y2), ImVec2(xe, ye));
    ImGui::SetCursorScreenPos(p.body_min);
    draw_head_lines(ctx, *lab.snap, Source::Probe, lab.sel, p.body_size());
  }
}

}  // namespace

const char* mode_key(Mode m) { return kModeKeys[static_cast<int>(m)]; }
const char* mode_title(Mode m) { return kModeTitles[static_cast<int>(m)]; }

Lab::~Lab() { remove_curve_source(curve_source); }

std::unique_ptr<Lab> make_lab() {
  auto lab = std::make_unique<Lab>();
  lab->session = std::make_unique<LabSession>(train::make_lab_model(train::LabSettings{}), train::lab_hooks(), 1);
  lab->curve_source = add_curve_source("attention lab", lab->session.get());
  lab->loss_curves.metrics = {"loss", "val_loss"};
  lab->acc_curves.metrics = {"train_token_acc", "val_exact_match"};
  lab->acc_curves.smoothing = 0.3f;
  lab->extra_curves.metrics = {"val_bleu", "val_token_acc"};
  lab->pos_curves.metrics = {"val_exact_match"};
  lab->pos_curves.smoothing = 0.3f;
  lab->snap = lab->session->latest();
  return lab;
}

// Back to the lab's defaults for what the person looks at (tab, selection, pointers, speed); the model and
// its training stay, so a lesson can train in one step and open the trained heads in the next (each step's
// script sets the model it needs; settings equal to the current ones keep the trained weights).
void reset_lab(Lab& lab) {
  lab.session->pause();
  lab.session->set_speed(0);
  lab.mode = Mode::Train;
  lab.select_tab = true;
  lab.sel = Selection{};
  lab.stage_source = Source::Probe;
  lab.temperature = 1.f;
  lab.highlight_target.clear();
  lab.highlight_index = -1;
  lab.highlight_stage.clear();
  lab.text_error.clear();
  lab.shift_k = 3;
}

Status use_text(Lab& lab, const std::string& name) {
  Result<std::string> text = train::load_lab_text(name);
  if (!text) {
    lab.text_error = text.error().to_string();
    return text.error();
  }
  lab.text_error.clear();
  auto shared = std::make_shared<const std::string>(std::move(text).value());
  lab.session->post([shared, name](train::LabModel& m) {
    m.settings.text = shared;
    m.settings.text_name = name;
    // A new text is a new model even when the task already was text: make the task change below re-initialise.
    if (m.settings.task == train::LabTask::Text) m.settings.task = train::LabTask::Copy;
  });
  lab.session->set("task", static_cast<double>(train::LabTask::Text));
  return Ok{};
}

Panel draw_panel(const ViewContext& ctx, const char* title, ImVec2 p0, ImVec2 p1, bool highlighted) {
  const float s = ctx.scale;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  p0 = ImVec2(std::round(p0.x), std::round(p0.y));
  p1 = ImVec2(std::round(p1.x), std::round(p1.y));
  const ImFont* bold = ctx.fonts->bold;
  const float title_bottom = std::round(p0.y + 5 * s + bold->FontSize + 4 * s);
  dl->AddRectFilled(p0, ImVec2(p1.x, title_bottom), ImGui::GetColorU32(ImGuiCol_FrameBg, 0.35f), 5 * s,
                    ImDrawFlags_RoundCornersTop);
  dl->AddRect(p0, p1, highlighted ? ctx.palette->warning : ImGui::GetColorU32(ImGuiCol_Border), 5 * s, 0,
              highlighted ? 2.5f * s : 1.f);
  dl->PushClipRect(p0, ImVec2(p1.x - 4 * s, title_bottom), true);
  dl->AddText(bold, bold->FontSize, ImVec2(std::round(p0.x + 8 * s), std::round(p0.y + 5 * s)), ctx.palette->text, title);
  dl->PopClipRect();
  Panel p;
  p.min = p0;
  p.max = p1;
  p.body_min = ImVec2(std::round(p0.x + 4 * s), title_bottom + 2 * s);
  p.body_max = ImVec2(std::round(p1.x - 4 * s), std::round(p1.y - 4 * s));
  return p;
}

std::string token_string(const train::LabSnapshot& s, const std::vector<int>& ids, int from) {
  std::string out;
  const bool text = s.settings.task == train::LabTask::Text;
  for (size_t i = static_cast<size_t>(std::max(0, from)); i < ids.size(); ++i) {
    const int id = ids[i];
    if (id < 0 || id >= static_cast<int>(s.seq.vocab.size())) continue;
    if (!text && !out.empty()) out += ' ';
    const std::string& v = s.seq.vocab[static_cast<size_t>(id)];
    // A text reads as text: ␣ (no glyph in the UI fonts) and \n as spaces.
    out += text && (v == "\xE2\x90\xA3" || v == "\\n") ? std::string(" ") : v;
  }
  return out;
}

int draw_stage(const ViewContext& ctx, const Lab& lab, Source src, Stage stage, const Selection& sel, ImVec2 size,
               bool thumbnail, bool values) {
  const train::LabSnapshot& s = *lab.snap;
  const StageData d = stage_data(s, src, sel, stage);
  plot::Heatmap hm;
  hm.values = d.grid;
  hm.mask = d.mask;
  std::vector<std::string> rows, cols;
  if (d.token_rows) rows = query_labels(s, src, sel.layer, sel.row);
  if (d.key_rows) rows = key_labels(s, src, sel.layer, sel.row);
  if (d.key_cols) cols = key_labels(s, src, sel.layer, sel.row);
  hm.row_labels = std::move(rows);
  hm.col_labels = std::move(cols);
  hm.row_title = d.token_rows ? "query" : d.key_rows ? "key" : "";
  hm.col_title = d.key_cols ? "key" : "";
  if (d.token_rows) hm.highlight_row = sel.query;
  if (d.key_cols && stage == Stage::Weights && lab.highlight_target == "query") hm.highlight_row = sel.query;
  if (d.probability) {
    hm.vmin = 0, hm.vmax = 1;
  } else {
    hm.map = &plot::diverging_map(*ctx.palette);
  }
  hm.square_cells = d.key_cols;
  hm.labels = !thumbnail;
  hm.colorbar = !thumbnail;
  hm.cell_text = d.key_cols && !thumbnail && values ? plot::CellText::Auto : plot::CellText::Never;
  hm.empty_text = "not recorded yet";
  ImGui::PushID(static_cast<int>(stage) + 100 * static_cast<int>(src));
  const plot::HeatmapResult r = plot::draw_heatmap(ctx, "stage", hm, size);
  ImGui::PopID();
  if (r.hovered && r.row >= 0) {
    ImGui::BeginTooltip();
    ImGui::Text("%s [%d, %d] = %s", stage_name(stage), r.row, r.col, plot::format_value(r.value, 4).c_str());
    if (d.mask && d.mask[static_cast<size_t>(r.row) * d.grid.cols + r.col]) ImGui::TextDisabled("masked: this key is out of sight");
    ImGui::EndTooltip();
  }
  if (r.clicked && d.token_rows) return r.row;
  return -1;
}

void draw_head_lines(const ViewContext& ctx, const train::LabSnapshot& s, Source src, const Selection& sel, ImVec2 size) {
  const std::vector<train::AttentionLayer>& ls = layers_of(s, src);
  if (sel.layer >= static_cast<int>(ls.size())) return;
  const tensor::AttentionRecord& r = ls[static_cast<size_t>(sel.layer)].record;
  if (sel.head >= r.heads || sel.row >= r.batch || r.weights.empty()) return;
  const std::vector<std::string> q = query_labels(s, src, sel.layer, sel.row);
  const std::vector<std::string> k = key_labels(s, src, sel.layer, sel.row);
  const float sc = ctx.scale;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImFont* f = ctx.fonts->mono;
  const float fs = std::min(f->FontSize, (size.y - 4 * sc) / std::max(1, std::max(r.tq, r.tk)));
  const float xl = o.x + 44 * sc, xr = o.x + size.x - 44 * sc;
  auto ypos = [&](int i, int n) { return o.y + 2 * sc + (i + 0.5f) * (size.y - 4 * sc) / std::max(1, n); };
  const ImU32 col = ctx.palette->series[static_cast<size_t>(sel.head % 8)];
  for (int i = 0; i < r.tq; ++i)
    for (int j = 0; j < r.tk; ++j) {
      const float w = r.weight(sel.row, sel.head, i, j);
      if (w < 0.1f) continue;  // faint links say little and each costs a blended quad on a software renderer
      const bool on = sel.query < 0 || sel.query == i;
      const float a = on ? std::min(1.f, 0.25f + w) : 0.08f;
      const ImU32 c = (col & 0x00FFFFFF) | (static_cast<ImU32>(a * 255) << 24);
      dl->AddLine(ImVec2(xl, ypos(i, r.tq)), ImVec2(xr, ypos(j, r.tk)), c, std::max(0.75f, 6.f * w) * sc);
    }
  for (int i = 0; i < r.tq; ++i) {
    const char* t = i < static_cast<int>(q.size()) ? q[static_cast<size_t>(i)].c_str() : "";
    const float tw = f->CalcTextSizeA(fs, FLT_MAX, 0, t).x;
    dl->AddText(f, fs, ImVec2(xl - 6 * sc - tw, ypos(i, r.tq) - fs / 2),
                i == sel.query ? ctx.palette->highlight : ctx.palette->text, t);
  }
  for (int j = 0; j < r.tk; ++j) {
    const char* t = j < static_cast<int>(k.size()) ? k[static_cast<size_t>(j)].c_str() : "";
    dl->AddText(f, fs, ImVec2(xr + 6 * sc, ypos(j, r.tk) - fs / 2), ctx.palette->text, t);
  }
  ImGui::Dummy(size);
}

void draw_layer_head_picker(const ViewContext& ctx, Lab& lab, Source src) {
  const float s = ctx.scale;
  const std::vector<train::AttentionLayer>& ls = layers_of(*lab.snap, src);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("layer");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(130 * s);
  const std::string cur = lab.sel.layer < static_cast<int>(ls.size()) ? ls[static_cast<size_t>(lab.sel.layer)].name : "—";
  if (ImGui::BeginCombo("##layer", cur.c_str())) {
    for (int i = 0; i < static_cast<int>(ls.size()); ++i)
      if (ImGui::Selectable(ls[static_cast<size_t>(i)].name.c_str(), i == lab.sel.layer)) lab.sel.layer = i;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextUnformatted("head");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * s);
  const int heads = lab.sel.layer < static_cast<int>(ls.size()) ? ls[static_cast<size_t>(lab.sel.layer)].record.heads : 1;
  ImGui::SliderInt("##head", &lab.sel.head, 0, std::max(0, heads - 1));
  if (src != Source::Input) {
    ImGui::SameLine();
    ImGui::TextUnformatted("example");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90 * s);
    const int rows = lab.sel.layer < static_cast<int>(ls.size()) ? ls[static_cast<size_t>(lab.sel.layer)].record.batch : 1;
    ImGui::SliderInt("##row", &lab.sel.row, 0, std::max(0, rows - 1));
  }
}

void draw_lab(ViewContext& ctx, Lab& lab) {
  if (ctx.headless) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  lab.snap = lab.session->latest();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  mode_tabs("##attention_mode", kModeTitles, kModes, lab.mode, lab.select_tab);
  if (lab.snap) {
    const Source src = lab.mode == Mode::Input ? Source::Input : lab.mode == Mode::Stages ? lab.stage_source : Source::Probe;
    lab.sel = clamp(*lab.snap, src, lab.sel);
    draw_settings_row(ctx, lab);
    draw_session_toolbar(ctx, *lab.session, lab.snap->progress, lab.toolbar);
    draw_error_line(ctx, lab);
    const ImVec2 body = ImGui::GetCursorScreenPos();
    const ImVec2 size(avail.x, origin.y + avail.y - body.y);
    switch (lab.mode) {
      case Mode::Train: draw_train_mode(ctx, lab, body, size); break;
      case Mode::Stages: draw_stages_mode(ctx, lab, body, size); break;
      case Mode::Input: draw_input_mode(ctx, lab, body, size); break;
      case Mode::Seq2Seq: draw_seq2seq_mode(ctx, lab, body, size); break;
      case Mode::Positions: draw_positions_mode(ctx, lab, body, size); break;
      case Mode::Recurrence: draw_recurrence_mode(ctx, lab, body, size); break;
      case Mode::Scaling: draw_scaling_mode(ctx, lab, body, size); break;
    }
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(avail);
}

}  // namespace attention_view

View make_attention_view() {
  using namespace attention_view;
  return make_lab_view<Lab>(
      {"attention", "Attention",
       "Transformers training live: attention stage by stage, every head, masks, cross-attention, positions, RNNs, √d."},
      make_lab, draw_lab, configure_lab, query_lab, [](Lab& lab) -> train::Control* { return lab.session.get(); },
      reset_lab);
}

}  // namespace attend::views
