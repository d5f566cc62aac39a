#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/notes/fsrs.h"
#include "core/text/utf8.h"
#include "core/util/files.h"
#include "views/keys.h"
#include "views/study_view_state.h"

namespace attend::views::study {

void dim_text(const Palette& pal, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.text_dim));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

bool highlighted(const StudyUi& ui, const char* target, const std::string& which) {
  auto it = ui.highlights.find(target);
  if (it == ui.highlights.end()) return false;
  return which.empty() || it->second.empty() || text::to_lower(it->second) == text::to_lower(which);
}

// An outline around the last item in the highlight colour, breathing slowly (still in screenshots).
void outline_last_item(const ViewContext& ctx) {
  const float s = ctx.scale;
  const float pulse = ctx.headless ? 1.0f : 0.6f + 0.4f * static_cast<float>(0.5 + 0.5 * std::sin(ctx.time * 4.0));
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImU32 c = ctx.palette->highlight;
  ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x - 3 * s, a.y - 3 * s), ImVec2(b.x + 3 * s, b.y + 3 * s),
                                      (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(255 * pulse) << IM_COL32_A_SHIFT),
                                      5 * s, 0, 2.5f * s);
}

const ParsedCard& parsed(StudyUi& ui, size_t card) {
  if (ui.parsed_version != ui.deck->version()) {
    ui.parsed.clear();
    ui.markdown.math.clear();
    ui.parsed_version = ui.deck->version();
  }
  const notes::Card& c = ui.deck->cards()[card];
  auto it = ui.parsed.find(c.id);
  if (it == ui.parsed.end()) {
    ParsedCard p;
    p.question = text::parse_inline(c.question);
    p.answer = text::parse_markdown(c.answer, std::max(1, c.answer_line));
    it = ui.parsed.emplace(c.id, std::move(p)).first;
  }
  return it->second;
}

// Headless screenshot tests read where the shown card is from $ATTEND_STUDY_LAYOUT (the gallery's format).
void write_layout(const char* name, ImVec2 a, ImVec2 b) {
  const char* path = std::getenv("ATTEND_STUDY_LAYOUT");
  if (!path || !*path) return;
  char text[160];
  std::snprintf(text, sizeof text, "panel %s %.0f %.0f %.0f %.0f area %.0f %.0f %.0f %.0f\n", name, a.x, a.y, b.x, b.y, a.x,
                a.y, b.x, b.y);
  (void)write_file_atomic(path, text);
}

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

ImU32 difficulty_colour(const Palette& pal, notes::Difficulty d) {
  switch (d) {
    case notes::Difficulty::Easy: return pal.good;
    case notes::Difficulty::Medium: return pal.warning;
    case notes::Difficulty::Hard: return pal.bad;
    case notes::Difficulty::None: break;
  }
  return pal.text_dim;
}

// A small rounded label ("M", "new") on the current line.
static void chip(ViewContext& ctx, const char* label, ImU32 colour) {
  const ImFont* f = ctx.fonts->small;
  const ImVec2 size = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label);
  const float pad = 5 * ctx.scale;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 a(p.x, p.y + (h - size.y) / 2 - 1), b(p.x + size.x + 2 * pad, p.y + (h + size.y) / 2 + 1);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, (colour & ~IM_COL32_A_MASK) | (50u << IM_COL32_A_SHIFT), 4 * ctx.scale);
  dl->AddText(f, f->FontSize, ImVec2(a.x + pad, a.y + 1), colour, label);
  ImGui::Dummy(ImVec2(b.x - a.x, h));
}

// The question's context: difficulty, state, topic path and source, on one line.
static void card_meta(ViewContext& ctx, StudyUi& ui, size_t card) {
  const Palette& pal = *ctx.palette;
  const notes::Card& c = ui.deck->cards()[card];
  const notes::Schedule s = ui.deck->schedule(card);
  if (c.difficulty != notes::Difficulty::None) {
    chip(ctx, notes::difficulty_tag(c.difficulty), difficulty_colour(pal, c.difficulty));
    ImGui::SameLine();
  }
  chip(ctx, notes::state_name(s.state), s.state == notes::CardState::New ? pal.accent : pal.text_dim);
  ImGui::SameLine();
  std::string where;
  for (const std::string& t : c.topic) where += (where.empty() ? "" : " › ") + t;
  if (!c.sources.empty()) {
    where += (where.empty() ? "" : "  ·  ") + file_name(c.sources.front().path) + ":" + std::to_string(c.sources.front().line);
    if (c.sources.size() > 1) where += " (+" + std::to_string(c.sources.size() - 1) + " more)";
  }
  ImGui::PushFont(ctx.fonts->small);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2 * ctx.scale);
  dim_text(pal, where.c_str());
  ImGui::PopFont();
}

static void card_lessons(ViewContext& ctx, StudyUi& ui, size_t card) {
  const notes::Card& c = ui.deck->cards()[card];
  if (c.lessons.empty()) return;
  ImGui::Spacing();
  ImGui::PushFont(ctx.fonts->small);
  dim_text(*ctx.palette, "SEE IT LIVE");
  ImGui::PopFont();
  // Buttons flow like words: one that would cross the card's right edge starts a new line.
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  const ImGuiStyle& style = ImGui::GetStyle();
  for (size_t i = 0; i < c.lessons.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const std::string label = "▶ " + c.lessons[i].title;
    const float w = ImGui::CalcTextSize(label.c_str()).x + 2 * style.FramePadding.x;
    if (i > 0) {
      ImGui::SameLine();
      if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    }
    if (ImGui::Button(label.c_str()) && ui.hooks.open_lesson) ui.hooks.open_lesson(c.lessons[i].path);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open the lesson %s", c.lessons[i].path.c_str());
    ImGui::PopID();
  }
}

// A horizontal line as wide as the card (ImGui's separator spans the whole window).
static void rule(ViewContext& ctx, float width) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y + 1), ImVec2(p.x + width, p.y + 1), ImGui::GetColorU32(ImGuiCol_Separator));
  ImGui::Dummy(ImVec2(width, 3 * ctx.scale));
}

// A rating button: the rating in bold, the interval it gives below it, its key in the corner.
static bool rating_button(ViewContext& ctx, const char* name, const std::string& interval, int key, ImU32 colour, ImVec2 size) {
  const float s = ctx.scale;
  ImGui::PushID(key);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton("rate", size);
  const bool hovered = ImGui::IsItemHovered(), held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const int alpha = held ? 150 : hovered ? 110 : 70;
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT), 5 * s);
  dl->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), colour, 5 * s, 0, hovered ? 1.5f * s : 1.0f);
  const ImFont* bold = ctx.fonts->bold;
  const ImFont* small = ctx.fonts->small;
  const float nw = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, name).x;
  const float iw = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0, interval.c_str()).x;
  const float top = p.y + (size.y - bold->FontSize - small->FontSize - 2 * s) / 2;
  dl->AddText(bold, bold->FontSize, ImVec2(p.x + (size.x - nw) / 2, top), ImGui::GetColorU32(ImGuiCol_Text), name);
  dl->AddText(small, small->FontSize, ImVec2(p.x + (size.x - iw) / 2, top + bold->FontSize + 2 * s), ImGui::GetColorU32(ImGuiCol_Text), interval.c_str());
  char k[4];
  std::snprintf(k, sizeof k, "%d", key);
  dl->AddText(small, small->FontSize, ImVec2(p.x + 6 * s, p.y + 4 * s), ctx.palette->text_dim, k);
  ImGui::PopID();
  return clicked;
}

void draw_card(ViewContext& ctx, StudyUi& ui, size_t card, bool show_answer, float width) {
  const ParsedCard& p = parsed(ui, card);
  card_meta(ctx, ui, card);
  ImGui::Spacing();
  MarkdownStyle q;
  q.font = ctx.fonts->heading;
  q.width = width;
  draw_spans(ctx, ui.markdown, p.question, q);
  if (!show_answer) return;
  ImGui::Spacing();
  rule(ctx, width);
  ImGui::Spacing();
  MarkdownStyle a;
  a.width = width;
  if (p.answer.blocks.empty()) dim_text(*ctx.palette, "(this card has no answer in the notes)");
  else draw_markdown(ctx, ui.markdown, p.answer, a);
  card_lessons(ctx, ui, card);
}

// ---- Review -----------------------------------------------------------------------------------------------

static void review_counts(ViewContext& ctx, StudyUi& ui) {
  StudyDeck& deck = *ui.deck;
  const Palette& pal = *ctx.palette;
  const StudyCounts c = deck.counts();
  auto number = [&](size_t n, const char* label, ImU32 colour) {
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec(n ? colour : pal.text_dim));
    ImGui::PushFont(ctx.fonts->bold);
    ImGui::Text("%zu", n);
    ImGui::PopFont();
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 4 * ctx.scale);
    ImGui::TextUnformatted(label);
    ImGui::SameLine(0, 18 * ctx.scale);
  };
  number(c.learning, "learning", pal.bad);
  number(c.review, "to review", pal.good);
  number(c.fresh, "new", pal.accent);
  char buf[128];
  std::snprintf(buf, sizeof buf, "%zu reviews today · %zu of %zu cards not studied yet ·", deck.reviewed_today(), c.new_total,
                c.cards);
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.text_dim));
  ImGui::TextUnformatted(buf);
  ImGui::SameLine();
  ImGui::TextUnformatted("new cards a day:");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  int limit = deck.new_per_day();
  ImGui::SetNextItemWidth(56 * ctx.scale);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().FramePadding.y);
  if (ImGui::DragInt("##new_per_day", &limit, 0.2f, 0, 999)) {
    deck.set_new_per_day(limit);
    if (ui.hooks.new_per_day) *ui.hooks.new_per_day = deck.new_per_day();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Cards seen for the first time each day (drag or double-click to type)");
}

void draw_review(ViewContext& ctx, StudyUi& ui, bool keys) {
  StudyDeck& deck = *ui.deck;
  const Palette& pal = *ctx.palette;
  const float s = ctx.scale;
  review_counts(ctx, ui);
  ImGui::Spacing();
  if (ui.current != kNone && ui.current >= deck.cards().size()) ui.current = kNone;
  if (ui.current == kNone) {
    ui.current = deck.queue().next();
    ui.revealed = false;
  }
  const float avail = ImGui::GetContentRegionAvail().x;
  const float width = std::min(avail, 780 * s);
  const float x0 = ImGui::GetCursorPosX() + (avail - width) / 2;
  if (ui.current == kNone) {
    ImGui::Dummy(ImVec2(0, 60 * s));
    const StudyCounts c = deck.counts();
    std::string msg = "Nothing is due. ";
    if (c.next_due > 0) msg += "The next card is due in " + notes::format_interval(c.next_due - deck.now()) + ".";
    else if (c.new_total > 0) msg += "Today's new cards are done; more come tomorrow.";
    ImGui::PushFont(ctx.fonts->heading);
    const float tw = ImGui::CalcTextSize(msg.c_str()).x;
    ImGui::SetCursorPosX(std::max(x0, ImGui::GetCursorPosX() + (avail - tw) / 2));
    ImGui::TextUnformatted(msg.c_str());
    ImGui::PopFont();
    ImGui::SetCursorPosX(x0 + width / 2 - 60 * s);
    if (ImGui::Button("Browse the deck")) {
      ui.mode = Mode::Browse;
      ui.select_tab = true;
    }
    return;
  }

  ImGui::SetCursorPosX(x0);
  ImGui::BeginGroup();
  draw_card(ctx, ui, ui.current, ui.revealed, width);
  ImGui::Spacing();
  ImGui::Spacing();
  if (!ui.revealed) {
    if (ImGui::Button("Show answer", ImVec2(width, 36 * s)) || (keys && key_pressed(kKeySpace, false))) ui.revealed = true;
    if (highlighted(ui, "button", "show")) outline_last_item(ctx);
    ImGui::PushFont(ctx.fonts->small);
    dim_text(pal, "Space shows the answer; then rate how well you knew it (1–4).");
    ImGui::PopFont();
  } else {
    const auto preview = deck.preview(ui.current);
    const char* names[4] = {"Again", "Hard", "Good", "Easy"};
    const ImU32 colours[4] = {pal.bad, pal.warning, pal.good, pal.accent};
    const float gap = 8 * s;
    const float bw = (width - 3 * gap) / 4;
    int rated = 0;
    for (int i = 0; i < 4; ++i) {
      if (i > 0) ImGui::SameLine(0, gap);
      const std::string interval = notes::format_interval(preview[static_cast<size_t>(i)].due - deck.now());
      if (rating_button(ctx, names[i], interval, i + 1, colours[i], ImVec2(bw, 50 * s))) rated = i + 1;
      if (highlighted(ui, "button", names[i])) outline_last_item(ctx);
      if (keys && key_pressed(kKey1 + i, false)) rated = i + 1;
    }
    if (rated) {
      deck.rate(ui.current, static_cast<notes::Rating>(rated));
      ui.current = kNone;
      ui.revealed = false;
    }
  }
  ImGui::EndGroup();
  if (ctx.headless) write_layout("card", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

}  // namespace attend::views::study
