// The embeddings lab's neighbours panel: pick a word (type it, or click a point) and see its nearest words
// by cosine similarity in the full vector space — not in the 2-D picture, which distorts distances — with
// the cosine of each, whether it is on the map, and a click to walk on to that word. Below (or beside, when
// there is room): analogies a − b + c, answered as gensim's most_similar does (3CosAdd), and the words the
// label search found.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <imgui.h>

#include "views/embeddings_view_state.h"
#include "views/plot/color.h"

namespace attend::views::embeddings {

namespace {

// One row: a word, a bar for its cosine (negative to the left of zero), the value.
bool similarity_row(ViewContext& ctx, int rank, const std::string& word, float cosine, bool on_map, float width) {
  const float s = ctx.scale;
  ImGui::PushID(rank);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  const bool clicked = ImGui::Selectable("##row", false, 0, ImVec2(width, h));
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: cosine %.4f%s — click to see its neighbours", word.c_str(), cosine,
                                                on_map ? "" : " (not among the words on the map)");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Palette& pal = *ctx.palette;
  char num[16];
  std::snprintf(num, sizeof num, "%d", rank);
  dl->AddText(ctx.fonts->small, ctx.fonts->small->FontSize, ImVec2(p.x, p.y + 2 * s), pal.text_dim, num);
  const float word_x = p.x + 22 * s;
  const float bar_x = p.x + std::max(90 * s, width * 0.48f);
  dl->PushClipRect(ImVec2(word_x, p.y), ImVec2(bar_x - 4 * s, p.y + h), true);
  dl->AddText(ImVec2(word_x, p.y), on_map ? pal.text : pal.text_dim, word.c_str());
  dl->PopClipRect();
  const float bar_w = std::max(10.0f, width - (bar_x - p.x) - 48 * s);
  const float zero = bar_x + bar_w * 0.25f;  // cosines below 0 are rare but possible: a quarter of the bar for them
  const float end = zero + (cosine >= 0 ? cosine * bar_w * 0.75f : cosine * bar_w * 0.25f);
  dl->AddRectFilled(ImVec2(std::min(zero, end), p.y + 3 * s), ImVec2(std::max(zero, end), p.y + h - 3 * s),
                    plot::with_alpha(cosine >= 0 ? pal.accent : pal.bad, 0.75f), 2 * s);
  dl->AddLine(ImVec2(zero, p.y + 1 * s), ImVec2(zero, p.y + h - 1 * s), pal.text_dim, 1.0f);
  char val[16];
  std::snprintf(val, sizeof val, "%.3f", cosine);
  dl->AddText(ctx.fonts->mono, ctx.fonts->mono->FontSize * 0.9f, ImVec2(bar_x + bar_w + 4 * s, p.y + 1 * s), pal.text, val);
  ImGui::PopID();
  return clicked;
}

void select_word(Lab& lab, const std::string& w) {
  lab.selected = w;
  std::snprintf(lab.word_input, sizeof lab.word_input, "%s", w.c_str());
}

void neighbours_column(ViewContext& ctx, Lab& lab, const embed::ProjectionData* d, float width) {
  const float s = ctx.scale;
  // The field shows the selection (a click on the map, a lesson) unless the person is typing in it.
  if (!lab.word_input_active) std::snprintf(lab.word_input, sizeof lab.word_input, "%s", lab.selected.c_str());
  ImGui::SetNextItemWidth(width - 70 * s);
  if (ImGui::InputTextWithHint("##word", "a word, or click a point", lab.word_input, sizeof lab.word_input,
                               ImGuiInputTextFlags_EnterReturnsTrue))
    lab.selected = lab.word_input;
  lab.word_input_active = ImGui::IsItemActive();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(60 * s);
  ImGui::SliderInt("##k", &lab.neighbour_count, 1, 50, "k %d");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("How many neighbours");
  if (!d) {
    ImGui::TextDisabled("no vectors yet");
    return;
  }
  if (lab.selected.empty()) {
    ImGui::TextWrapped("Pick a word: its nearest words by cosine similarity in the full %d-dimensional space appear "
                       "here and light up on the map.", d->vectors->dim);
    return;
  }
  const int row = d->index.find(lab.selected);
  if (row < 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette->bad);
    ImGui::TextWrapped("No vector for '%s' (not in the vocabulary: too rare, or never seen)", lab.selected.c_str());
    ImGui::PopStyleColor();
    return;
  }
  ImGui::PushFont(ctx.fonts->small);
  ImGui::TextDisabled("cosine in the full %d-D space · grey: off the map", d->vectors->dim);
  ImGui::PopFont();
  std::string next;
  for (size_t i = 0; i < lab.neighbours.size(); ++i) {
    const embed::Neighbour& nb = lab.neighbours[i];
    const std::string& w = d->vectors->labels[nb.index];
    if (similarity_row(ctx, static_cast<int>(i) + 1, w, nb.similarity, nb.index < d->points, width)) next = w;
  }
  if (!next.empty()) select_word(lab, next);
}

void analogy_column(ViewContext& ctx, Lab& lab, const embed::ProjectionData* d, float width) {
  const float s = ctx.scale;
  ImGui::PushFont(ctx.fonts->bold);
  ImGui::TextUnformatted("Analogy  a − b + c");
  ImGui::PopFont();
  const float w = std::floor((width - 2 * ImGui::CalcTextSize(" − ").x - 16 * s) / 3);
  auto input = [&](const char* id, std::string& v, const char* hint) {
    char b[64];
    std::snprintf(b, sizeof b, "%s", v.c_str());
    ImGui::SetNextItemWidth(w);
    if (ImGui::InputTextWithHint(id, hint, b, sizeof b)) v = b;
  };
  input("##a", lab.analogy_a, "a: king");
  ImGui::SameLine(0, 2 * s);
  ImGui::TextUnformatted("−");
  ImGui::SameLine(0, 2 * s);
  input("##b", lab.analogy_b, "b: man");
  ImGui::SameLine(0, 2 * s);
  ImGui::TextUnformatted("+");
  ImGui::SameLine(0, 2 * s);
  input("##c", lab.analogy_c, "c: woman");
  if (!d) return;
  if (!lab.analogy_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ctx.palette->bad);
    ImGui::TextWrapped("%s", lab.analogy_error.c_str());
    ImGui::PopStyleColor();
  } else if (lab.analogy.empty()) {
    ImGui::PushFont(ctx.fonts->small);
    ImGui::TextWrapped("The word whose vector is most similar to a − b + c (the three left out). "
                       "It works when the offset b → a means the same thing as c → answer.");
    ImGui::PopFont();
  } else {
    std::string next;
    for (size_t i = 0; i < lab.analogy.size() && i < 5; ++i) {
      const std::string& word = d->vectors->labels[lab.analogy[i].index];
      if (similarity_row(ctx, static_cast<int>(i) + 1, word, lab.analogy[i].similarity, lab.analogy[i].index < d->points, width))
        next = word;
    }
    if (!next.empty()) select_word(lab, next);
  }
}

void matches_section(ViewContext& ctx, Lab& lab, const embed::ProjectionData* d) {
  if (!d || lab.search.empty()) return;
  ImGui::Spacing();
  ImGui::PushFont(ctx.fonts->small);
  if (!lab.search_error.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ctx.palette->bad), "%s", lab.search_error.c_str());
  } else {
    ImGui::TextDisabled("'%s': %zu word%s on the map%s", lab.search.c_str(), lab.matches.size(),
                        lab.matches.size() == 1 ? "" : "s", lab.matches.size() >= 500 ? " (first 500)" : "");
    std::string list;
    for (size_t i = 0; i < lab.matches.size() && i < 30; ++i) list += (i ? ", " : "") + d->vectors->labels[lab.matches[i]];
    if (!list.empty()) ImGui::TextWrapped("%s%s", list.c_str(), lab.matches.size() > 30 ? ", …" : "");
  }
  ImGui::PopFont();
}

}  // namespace

void draw_neighbours_panel(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max) {
  if (!begin_panel(ctx, "neighbours", "Neighbours", min, max, true)) {
    end_panel();
    return;
  }
  const float s = ctx.scale;
  const embed::ProjectionData* d = ready_data(lab);
  const float width = ImGui::GetContentRegionAvail().x;
  // Text wraps at its column's edge, not the panel's.
  auto column = [&](auto draw, float w) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    draw(w);
    ImGui::PopTextWrapPos();
  };
  if (width >= 440 * s) {
    // Side by side when there is room (the narrow layout puts this panel under the map).
    const float col = std::floor((width - 16 * s) / 2);
    ImGui::BeginGroup();
    column([&](float w) {
      neighbours_column(ctx, lab, d, w);
      matches_section(ctx, lab, d);
    }, col);
    ImGui::EndGroup();
    ImGui::SameLine(0, 16 * s);
    ImGui::BeginGroup();
    column([&](float w) { analogy_column(ctx, lab, d, w); }, col);
    ImGui::EndGroup();
  } else {
    column([&](float w) {
      neighbours_column(ctx, lab, d, w);
      ImGui::Spacing();
      ImGui::Separator();
      analogy_column(ctx, lab, d, w);
      matches_section(ctx, lab, d);
    }, width);
  }
  end_panel();
}

}  // namespace attend::views::embeddings
