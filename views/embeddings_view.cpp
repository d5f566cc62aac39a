#include "views/lab_view.h"
#include "views/embeddings_view.h"

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

#include <imgui.h>

#include "core/util/files.h"
#include "views/embeddings_view_state.h"
#include "views/plot/color.h"

namespace attend::views {

namespace embeddings {

// ============================================================================================ panel frame

bool begin_panel(ViewContext& ctx, const char* id, const char* title, ImVec2 min, ImVec2 max, bool scroll) {
  const float s = ctx.scale;
  ImGui::SetCursorScreenPos(min);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetColorU32(ImGuiCol_FrameBg, 0.35f));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 5 * s);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8 * s, 6 * s));
  ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysUseWindowPadding;
  if (!scroll) flags |= ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  const bool open = ImGui::BeginChild(id, ImVec2(max.x - min.x, max.y - min.y), true, flags);
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
  if (open && title && *title) {
    ImGui::PushFont(ctx.fonts->bold);
    ImGui::TextUnformatted(title);
    ImGui::PopFont();
  }
  return open;
}

void end_panel() { ImGui::EndChild(); }

void centred_message(ViewContext& ctx, const std::string& text) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float wrap = std::max(100.0f, avail.x - 20 * ctx.scale);
  const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
  ImGui::SetCursorScreenPos(ImVec2(p.x + std::max(0.0f, (avail.x - size.x) / 2), p.y + std::max(0.0f, (avail.y - size.y) / 2)));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::TextDisabled("%s", text.c_str());
  ImGui::PopTextWrapPos();
}

namespace {

// ========================================================================================= headless settle

// A screenshot or a headless lesson step should show the loaded corpus and the derived numbers, not a
// progress bar that depends on how fast the machine is: headless frames wait (at most 60 s) for loads and
// derived data that are certain to finish. Training and t-SNE iterations are never waited for, and once
// someone asked to train (attend --run, a lesson's train.run) nothing is: frames then show the run as it
// goes, as a window would, and `attend bench ui_frame_embeddings` times drawn and blank runs alike.
bool pending(const Lab& lab) {
  if (lab.loading || lab.data_job.valid() || lab.search_data_job.valid() || lab.search_vectors_job.valid()) return true;
  auto counts = lab.counts->latest();
  const bool has_corpus = lab.corpus && lab.corpus->corpus && !lab.corpus->corpus->corpus.ids.empty();
  if (lab.method == Method::Counts && has_corpus && !counts->finished) return true;
  if (lab.tsne_waiting && has_corpus) return true;
  if (lab.projection == Projection::Tsne && lab.tsne_posted) {
    std::lock_guard<std::mutex> lock(lab.tsne_fed->mutex);
    if (lab.tsne_fed->vectors != lab.tsne_posted) return true;
  }
  return false;
}

void settle(Lab& lab) {
  if (lab.run_requested) {
    update(lab);
    refresh_derived(lab);
    return;
  }
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    update(lab);
    refresh_derived(lab);
    if (lab.tab == Tab::Search) refresh_search(lab);
    if (!pending(lab) || std::chrono::steady_clock::now() - start > std::chrono::seconds(60)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// ================================================================================================ layout

struct Record {
  std::string name;
  ImVec2 min, max;
  ImVec2 area_min, area_max;
};

void write_layout(const std::vector<Record>& rec) {
  const char* path = std::getenv("ATTEND_EMBEDDINGS_LAYOUT");
  if (!path || !*path) return;
  std::string out;
  char line[256];
  for (const Record& r : rec) {
    std::snprintf(line, sizeof line, "panel %s %.0f %.0f %.0f %.0f area %.0f %.0f %.0f %.0f\n", r.name.c_str(), r.min.x,
                  r.min.y, r.max.x, r.max.y, r.area_min.x, r.area_min.y, r.area_max.x, r.area_max.y);
    out += line;
  }
  (void)write_file_atomic(path, out);
}

// The tab buttons and, on the right, what the lab holds: corpus, vectors, loading progress.
void draw_top_bar(ViewContext& ctx, Lab& lab, ImVec2 min, float width) {
  const float s = ctx.scale;
  ImGui::SetCursorScreenPos(min);
  auto tab_button = [&](const char* label, Tab t) {
    const bool on = lab.tab == t;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
    if (ImGui::Button(label)) lab.tab = t;
    if (on) ImGui::PopStyleColor();
  };
  tab_button("Word vectors", Tab::Vectors);
  ImGui::SameLine(0, 4 * s);
  tab_button("Keyword vs semantic search", Tab::Search);

  std::string status;
  if (lab.loading) {
    const int stage = lab.loading->progress->stage.load();
    char b[96];
    std::snprintf(b, sizeof b, "%s %s… %.0f %%", stage == 0 ? "assembling" : "reading",
                  embed::corpus_name(lab.loading->request).c_str(), 100 * lab.loading->progress->fraction.load());
    status = b;
  } else if (lab.corpus) {
    status = lab.corpus->name + " · " + with_commas(lab.corpus->corpus->corpus.raw_words) + " words · " +
             with_commas(lab.corpus->corpus->vocab.size()) + " distinct";
  } else if (!lab.corpus_error.empty()) {
    status = "no corpus";
  }
  if (auto v = current_vectors(lab)) {
    status += std::string("   ·   ") + method_title(lab.method) + ": " + with_commas(v->rows) + " × " + std::to_string(v->dim);
  }
  ImGui::PushFont(ctx.fonts->small);
  const float tw = ImGui::CalcTextSize(status.c_str()).x;
  const float x = min.x + width - tw;
  if (x > ImGui::GetItemRectMax().x + 12 * s) {
    ImGui::SameLine();
    ImGui::SetCursorScreenPos(ImVec2(x, min.y + 4 * s));
    ImGui::TextDisabled("%s", status.c_str());
  }
  ImGui::PopFont();
}

void draw_lab(ViewContext& ctx, Lab& lab) {
  const float s = ctx.scale;
  // Under xvfb the pointer rests at the screen's centre; a screenshot should not show a hover there.
  if (ctx.headless) {
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    settle(lab);
  } else {
    update(lab);
    refresh_derived(lab);
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = 8 * s;
  draw_top_bar(ctx, lab, origin, avail.x);
  const float top = std::round(origin.y + ImGui::GetFrameHeight() + gap);
  const ImVec2 area_min(origin.x, top), area_max(origin.x + avail.x, origin.y + avail.y);
  std::vector<Record> rec;

  if (lab.tab == Tab::Search) {
    refresh_search(lab);
    draw_search_tab(ctx, lab, area_min, area_max);
    rec.push_back({"search", area_min, area_max, area_min, area_max});
  } else {
    const bool wide = avail.x >= 1100 * s;
    const float left_w = std::round((wide ? 310 : 285) * s);
    const ImVec2 left_max(area_min.x + left_w, area_max.y);
    draw_training_panel(ctx, lab, area_min, left_max, !wide);
    rec.push_back({"training", area_min, left_max, area_min, left_max});
    const float cx = left_max.x + gap;
    if (wide) {
      const float right_w = std::round(290 * s);
      const float curves_h = std::round(std::clamp((area_max.y - area_min.y) * 0.3f, 150 * s, 260 * s));
      const float split_y = area_max.y - curves_h - gap;
      const ImVec2 proj_min(cx, area_min.y), proj_max(area_max.x - right_w - gap, split_y);
      draw_projection_panel(ctx, lab, proj_min, proj_max);
      rec.push_back({"projection", proj_min, proj_max, lab.plot_min, lab.plot_max});
      const ImVec2 nb_min(proj_max.x + gap, area_min.y), nb_max(area_max.x, split_y);
      draw_neighbours_panel(ctx, lab, nb_min, nb_max);
      rec.push_back({"neighbours", nb_min, nb_max, nb_min, nb_max});
      const ImVec2 cu_min(cx, split_y + gap), cu_max(area_max.x, area_max.y);
      draw_curves(ctx, lab, cu_min, cu_max);
      rec.push_back({"curves", cu_min, cu_max, cu_min, cu_max});
    } else {
      const float nb_h = std::round(std::clamp((area_max.y - area_min.y) * 0.36f, 200 * s, 320 * s));
      const float split_y = area_max.y - nb_h - gap;
      const ImVec2 proj_min(cx, area_min.y), proj_max(area_max.x, split_y);
      draw_projection_panel(ctx, lab, proj_min, proj_max);
      rec.push_back({"projection", proj_min, proj_max, lab.plot_min, lab.plot_max});
      const ImVec2 nb_min(cx, split_y + gap), nb_max(area_max.x, area_max.y);
      draw_neighbours_panel(ctx, lab, nb_min, nb_max);
      rec.push_back({"neighbours", nb_min, nb_max, nb_min, nb_max});
    }
  }
  for (const Record& r : rec)
    if (r.name == lab.highlight_panel) {
      // A lesson points here: a frame in the accent colour, breathing unless frames must be reproducible.
      const float a = ctx.headless ? 1.0f : 0.65f + 0.35f * std::sin(static_cast<float>(ctx.time) * 4.0f);
      ImGui::GetWindowDrawList()->AddRect(ImVec2(r.min.x - 3 * s, r.min.y - 3 * s), ImVec2(r.max.x + 3 * s, r.max.y + 3 * s),
                                          plot::with_alpha(ctx.palette->accent, a), 6 * s, 0, 3 * s);
    }
  // Claim the area so the window's content size is right.
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(avail);
  if (ctx.headless) write_layout(rec);
}

}  // namespace
}  // namespace embeddings

View make_embeddings_view() {
  using namespace embeddings;
  return make_lab_view<Lab>(
      {"embeddings", "Embeddings",
       "Train word vectors (SVD, word2vec, GloVe), watch t-SNE, explore neighbours; keyword vs semantic search."},
      [] { return std::make_unique<Lab>(); }, draw_lab, configure_lab,
      [](Lab& lab, const std::string& key) -> std::optional<Value> {
        auto r = query_lab(lab, key);
        if (!r) return std::nullopt;
        return *r;
      },
      // Lessons and `attend --run` drive one control that follows whichever session is active.
      [](Lab& lab) -> train::Control* {
        update(lab);
        return &lab.control;
      },
      reset_ui);
}

}  // namespace attend::views
