#include "views/study_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>

#include <imgui.h>

#include "core/notes/fsrs.h"
#include "core/text/markdown.h"
#include "core/text/utf8.h"
#include "core/util/files.h"
#include "views/keys.h"
#include "views/markdown_view.h"

namespace attend::views {
namespace {

constexpr size_t kNone = static_cast<size_t>(-1);
enum class Mode { Review, Browse, Files };

const char* mode_name(Mode m) { return m == Mode::Review ? "review" : m == Mode::Browse ? "browse" : "files"; }

struct ParsedCard {
  std::vector<text::Span> question;
  text::Document answer;
};

struct StudyUi {
  std::shared_ptr<StudyDeck> deck;
  StudyViewHooks hooks;
  Mode mode = Mode::Review;
  bool select_tab = true;      // the tab bar follows `mode` next frame (set by a lesson or a button)
  // Review
  size_t current = kNone;      // the card on screen; kept until rated so the queue cannot swap it
  bool revealed = false;
  // Browse
  std::string query;
  notes::CardFilter filter;
  std::vector<search::Hit> hits;
  bool hits_stale = true;
  size_t selected = kNone;
  // Notes files
  std::string import_path;
  std::string import_message;
  bool import_failed = false;
  bool warning_dismissed = false;
  // A lesson pointing at parts of the view: highlight("tab", "Browse"), highlight("button", "good"),
  // highlight("import", true); by target, the value naming which one ("" for any).
  std::map<std::string, std::string> highlights;
  // Drawing
  MarkdownCache markdown;
  std::map<std::string, ParsedCard> parsed;  // by card id
  uint64_t parsed_version = 0;
  double last_sync = 0;
};

ImVec4 to_vec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

void dim_text(const Palette& pal, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.text_dim));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

bool highlighted(const StudyUi& ui, const char* target, const std::string& which = "") {
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
void chip(ViewContext& ctx, const char* label, ImU32 colour) {
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
void card_meta(ViewContext& ctx, StudyUi& ui, size_t card) {
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

void card_lessons(ViewContext& ctx, StudyUi& ui, size_t card) {
  const notes::Card& c = ui.deck->cards()[card];
  if (c.lessons.empty()) return;
  ImGui::Spacing();
  ImGui::PushFont(ctx.fonts->small);
  dim_text(*ctx.palette, "SEE IT LIVE");
  ImGui::PopFont();
  for (size_t i = 0; i < c.lessons.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const std::string label = "▶ " + c.lessons[i].title;
    if (ImGui::Button(label.c_str()) && ui.hooks.open_lesson) ui.hooks.open_lesson(c.lessons[i].path);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open the lesson %s", c.lessons[i].path.c_str());
    ImGui::PopID();
    ImGui::SameLine();
  }
  ImGui::NewLine();
}

// A horizontal line as wide as the card (ImGui's separator spans the whole window).
void rule(ViewContext& ctx, float width) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y + 1), ImVec2(p.x + width, p.y + 1), ImGui::GetColorU32(ImGuiCol_Separator));
  ImGui::Dummy(ImVec2(width, 3 * ctx.scale));
}

// A rating button: the rating in bold, the interval it gives below it, its key in the corner.
bool rating_button(ViewContext& ctx, const char* name, const std::string& interval, int key, ImU32 colour, ImVec2 size) {
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

void review_counts(ViewContext& ctx, StudyUi& ui) {
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

// ---- Browse -----------------------------------------------------------------------------------------------

std::string card_line(StudyDeck& deck, size_t i) {
  const notes::Card& c = deck.cards()[i];
  return text::plain_text(text::parse_inline(c.question));
}

void draw_browse(ViewContext& ctx, StudyUi& ui) {
  StudyDeck& deck = *ui.deck;
  const Palette& pal = *ctx.palette;
  const float s = ctx.scale;
  // Filters.
  char buf[512];
  std::snprintf(buf, sizeof buf, "%s", ui.query.c_str());
  ImGui::SetNextItemWidth(std::max(200 * s, ImGui::GetContentRegionAvail().x * 0.45f));
  if (ImGui::InputTextWithHint("##search", "Search questions and answers", buf, sizeof buf)) {
    ui.query = buf;
    ui.hits_stale = true;
  }
  ImGui::SameLine();
  const char* diff_names[] = {"Any difficulty", "Easy [E]", "Medium [M]", "Hard [H]"};
  int d = ui.filter.difficulty ? static_cast<int>(*ui.filter.difficulty) : 0;
  ImGui::SetNextItemWidth(150 * s);
  if (ImGui::Combo("##difficulty", &d, diff_names, 4)) {
    ui.filter.difficulty = d == 0 ? std::nullopt : std::optional<notes::Difficulty>(static_cast<notes::Difficulty>(d));
    ui.hits_stale = true;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(200 * s);
  const std::string source_label = ui.filter.source.empty() ? std::string("Every file") : file_name(ui.filter.source);
  if (ImGui::BeginCombo("##source", source_label.c_str())) {
    if (ImGui::Selectable("Every file", ui.filter.source.empty())) ui.filter.source.clear(), ui.hits_stale = true;
    for (const std::string& src : deck.sources())
      if (ImGui::Selectable(file_name(src).c_str(), ui.filter.source == src)) ui.filter.source = src, ui.hits_stale = true;
    ImGui::EndCombo();
  }
  if (ui.hits_stale) {
    ui.hits = deck.find(ui.query, ui.filter);
    ui.hits_stale = false;
    if (!ui.hits.empty() && std::none_of(ui.hits.begin(), ui.hits.end(), [&](const search::Hit& h) { return h.doc == ui.selected; }))
      ui.selected = ui.hits.front().doc;
  }
  ImGui::SameLine();
  std::snprintf(buf, sizeof buf, "%zu of %zu cards", ui.hits.size(), deck.cards().size());
  ImGui::TextDisabled("%s", buf);

  // Results on the left, the selected card on the right.
  const float list_w = std::max(220 * s, ImGui::GetContentRegionAvail().x * 0.36f);
  ImGui::BeginChild("##hits", ImVec2(list_w, 0), true);
  for (const search::Hit& h : ui.hits) {
    const notes::Card& c = deck.cards()[h.doc];
    ImGui::PushID(static_cast<int>(h.doc));
    const std::string q = card_line(deck, h.doc);
    const notes::Schedule sc = deck.schedule(h.doc);
    std::string sub = notes::difficulty_tag(c.difficulty);
    sub += sub.empty() ? "" : " · ";
    sub += notes::state_name(sc.state);
    if (sc.state != notes::CardState::New) {
      const int64_t dt = sc.due - deck.now();
      sub += dt <= 0 ? " · due now" : " · due in " + notes::format_interval(dt);
    }
    if (!ui.query.empty()) {
      char score[32];
      std::snprintf(score, sizeof score, " · score %.2f", h.score);
      sub += score;
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    const float qh = ImGui::CalcTextSize(q.c_str(), nullptr, false, w).y;
    const float rh = qh + ctx.fonts->small->FontSize + 6 * s;
    if (ImGui::Selectable("##card", ui.selected == h.doc, 0, ImVec2(w, rh))) ui.selected = h.doc;
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + 1 * s));
    ImGui::TextWrapped("%s", q.c_str());
    ImGui::PushFont(ctx.fonts->small);
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec(c.difficulty == notes::Difficulty::None ? pal.text_dim : difficulty_colour(pal, c.difficulty)));
    ImGui::TextUnformatted(sub.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::PopTextWrapPos();
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + rh + ImGui::GetStyle().ItemSpacing.y));
    ImGui::Dummy(ImVec2(0, 0));
    ImGui::PopID();
  }
  if (ui.hits.empty()) dim_text(pal, ui.query.empty() ? "No cards pass the filters." : "No card matches the search.");
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##card", ImVec2(0, 0), true);
  if (ctx.headless) write_layout("card", ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                                                                       ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
  if (ui.selected != kNone && ui.selected < deck.cards().size()) {
    const float width = ImGui::GetContentRegionAvail().x;
    draw_card(ctx, ui, ui.selected, true, width);
    const notes::Schedule sc = deck.schedule(ui.selected);
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::PushFont(ctx.fonts->small);
    if (sc.state == notes::CardState::New) {
      dim_text(pal, "Not studied yet.");
    } else {
      std::snprintf(buf, sizeof buf, "%s · due %s · stability %.1f d · difficulty %.1f / 10 · %d reviews, %d lapses",
                    notes::state_name(sc.state),
                    sc.due <= deck.now() ? "now" : ("in " + notes::format_interval(sc.due - deck.now())).c_str(),
                    sc.stability, sc.difficulty, sc.reps, sc.lapses);
      dim_text(pal, buf);
    }
    ImGui::PopFont();
  } else {
    dim_text(pal, "Pick a card on the left.");
  }
  ImGui::EndChild();
}

// ---- Notes files ------------------------------------------------------------------------------------------

void import_now(StudyUi& ui, const std::string& path) {
  if (path.empty()) return;
  Status st = ui.deck->import_file(path);
  ui.import_failed = !st;
  if (st) {
    ui.import_message = "Imported " + file_name(path) + ": the deck has " + std::to_string(ui.deck->cards().size()) + " cards.";
    if (ui.hooks.recent_notes) remember_recent(*ui.hooks.recent_notes, path);
    ui.current = kNone;
    ui.hits_stale = true;
  } else {
    ui.import_message = st.error().to_string();
  }
}

void draw_files(ViewContext& ctx, StudyUi& ui) {
  StudyDeck& deck = *ui.deck;
  const Palette& pal = *ctx.palette;
  const float s = ctx.scale;
  dim_text(pal, "Attend turns your markdown notes into cards: headings are questions ([E], [M], [H] set the difficulty), "
                "the text under them the answer, numbered items ending in '?' questions of their own. Your files are "
                "only read, and imported again whenever they change, keeping each card's review history.");
  ImGui::Spacing();
  char buf[1024];
  std::snprintf(buf, sizeof buf, "%s", ui.import_path.c_str());
  ImGui::SetNextItemWidth(std::min(560 * s, ImGui::GetContentRegionAvail().x - 90 * s));
  const bool enter = ImGui::InputTextWithHint("##path", "/path/to/notes.md", buf, sizeof buf, ImGuiInputTextFlags_EnterReturnsTrue);
  if (highlighted(ui, "import")) outline_last_item(ctx);
  ui.import_path = buf;
  ImGui::SameLine();
  if (ImGui::Button("Import") || enter) import_now(ui, ui.import_path);
  if (!ui.import_message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec(ui.import_failed ? pal.bad : pal.good));
    ImGui::TextWrapped("%s", ui.import_message.c_str());
    ImGui::PopStyleColor();
  }
  if (ui.hooks.recent_notes && !ui.hooks.recent_notes->empty()) {
    ImGui::Spacing();
    ImGui::PushFont(ctx.fonts->small);
    dim_text(pal, "RECENT");
    ImGui::PopFont();
    const std::vector<std::string> recent = *ui.hooks.recent_notes;  // import_now may reorder the list
    for (const std::string& r : recent) {
      const bool used = std::find(deck.note_files().begin(), deck.note_files().end(), r) != deck.note_files().end();
      ImGui::PushID(r.c_str());
      if (ImGui::Selectable(r.c_str(), false, used ? ImGuiSelectableFlags_Disabled : 0)) import_now(ui, r);
      ImGui::PopID();
    }
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::PushFont(ctx.fonts->bold);
  ImGui::TextUnformatted(deck.is_sample() ? "Showing the sample deck" : "Your notes");
  ImGui::PopFont();
  if (deck.is_sample()) {
    std::snprintf(buf, sizeof buf, "%s: %zu cards on attention, training and search (a few in Russian). It is replaced by "
                                   "your own notes as soon as you import a file.",
                  notes::sample_deck_path().c_str(), deck.cards().size());
    dim_text(pal, buf);
  }
  std::string remove;
  for (const std::string& f : deck.note_files()) {
    ImGui::PushID(f.c_str());
    if (ImGui::SmallButton("Remove")) remove = f;
    ImGui::SameLine();
    ImGui::TextUnformatted(f.c_str());
    ImGui::PopID();
  }
  if (!remove.empty()) {
    deck.remove_file(remove);
    ui.current = kNone;
    ui.hits_stale = true;
  }
  for (const Error& e : deck.import_errors()) {
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.bad));
    ImGui::TextWrapped("%s", e.to_string().c_str());
    ImGui::PopStyleColor();
  }
}

// ---- The view ---------------------------------------------------------------------------------------------

void draw_study(ViewContext& ctx, StudyUi& ui) {
  StudyDeck& deck = *ui.deck;
  const Palette& pal = *ctx.palette;
  // Notes edited in another program come in within two seconds.
  if (ctx.time - ui.last_sync > 2.0) {
    ui.last_sync = ctx.time;
    if (deck.sync()) ui.hits_stale = true;
  }
  ImGui::PushFont(ctx.fonts->heading);
  ImGui::TextUnformatted("Study");
  ImGui::PopFont();
  ImGui::SameLine(0, 14 * ctx.scale);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (ctx.fonts->heading->FontSize - ctx.fonts->body->FontSize) * 0.6f);
  char buf[160];
  if (deck.is_sample())
    std::snprintf(buf, sizeof buf, "the sample deck · %zu cards", deck.cards().size());
  else
    std::snprintf(buf, sizeof buf, "%zu note file%s · %zu cards", deck.note_files().size(),
                  deck.note_files().size() == 1 ? "" : "s", deck.cards().size());
  dim_text(pal, buf);
  if (!deck.warning().empty() && !ui.warning_dismissed) {
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec(pal.warning));
    ImGui::TextWrapped("⚠ %s", deck.warning().c_str());
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("Dismiss")) ui.warning_dismissed = true;
  }

  // Keys when this view has the focus, or nothing has (the app just started).
  const bool focused = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) ||
                       !ImGui::IsWindowFocused(ImGuiFocusedFlags_AnyWindow);
  const bool keys = focused && shortcuts_allowed() && !ctrl_down();
  if (ImGui::BeginTabBar("##study")) {
    const Mode modes[3] = {Mode::Review, Mode::Browse, Mode::Files};
    const char* labels[3] = {"Review", "Browse", "Notes files"};
    for (int i = 0; i < 3; ++i) {
      const ImGuiTabItemFlags f = ui.select_tab && ui.mode == modes[i] ? ImGuiTabItemFlags_SetSelected : 0;
      const bool open = ImGui::BeginTabItem(labels[i], nullptr, f);
      if (highlighted(ui, "tab", labels[i])) outline_last_item(ctx);
      if (open) {
        if (!ui.select_tab) ui.mode = modes[i];
        ImGui::Spacing();
        if (modes[i] == Mode::Review) draw_review(ctx, ui, keys);
        else if (modes[i] == Mode::Browse) draw_browse(ctx, ui);
        else draw_files(ctx, ui);
        ImGui::EndTabItem();
      }
    }
    ui.select_tab = false;
    ImGui::EndTabBar();
  }
}

Status configure_study(StudyUi& ui, const std::string& key, const Value& v) {
  const std::string* s = as_string(v);
  if (key == "mode") {
    if (!s || (*s != "review" && *s != "browse" && *s != "files"))
      return make_error("mode is \"review\", \"browse\" or \"files\"");
    ui.mode = *s == "review" ? Mode::Review : *s == "browse" ? Mode::Browse : Mode::Files;
    ui.select_tab = true;
    return Ok{};
  }
  if (key == "search" || key == "card") {
    if (!s) return make_error(key + " is a text");
    ui.query = *s;
    ui.hits = ui.deck->find(ui.query, ui.filter);
    ui.hits_stale = false;
    if (!ui.hits.empty()) ui.selected = ui.hits.front().doc;
    if (key == "card") {
      if (ui.hits.empty()) return make_error("no card matches '" + *s + "'");
      ui.mode = Mode::Browse;
      ui.select_tab = true;
    }
    return Ok{};
  }
  if (key == "difficulty") {
    if (!s) return make_error("difficulty is \"E\", \"M\", \"H\" or \"any\"");
    if (*s == "any") ui.filter.difficulty.reset();
    else if (*s == "E") ui.filter.difficulty = notes::Difficulty::Easy;
    else if (*s == "M") ui.filter.difficulty = notes::Difficulty::Medium;
    else if (*s == "H") ui.filter.difficulty = notes::Difficulty::Hard;
    else return make_error("difficulty is \"E\", \"M\", \"H\" or \"any\"");
    ui.hits_stale = true;
    return Ok{};
  }
  if (key == "source") {
    if (!s) return make_error("source is a file path, or \"\" for every file");
    ui.filter.source = *s;
    ui.hits_stale = true;
    return Ok{};
  }
  if (key.rfind("highlight.", 0) == 0) {
    const std::string target = key.substr(10);
    if (target != "tab" && target != "button" && target != "import")
      return make_error("the study view can highlight tab (\"Review\", \"Browse\", \"Notes files\"), button (\"show\", "
                        "\"again\", \"hard\", \"good\", \"easy\") and import, not '" + target + "'");
    const bool* flag = as_bool(v);
    if (flag && !*flag) {
      ui.highlights.erase(target);
      return Ok{};
    }
    if (!flag && !s) return make_error("highlight(\"" + target + "\", which): which is a name, true, or false to clear it");
    ui.highlights[target] = s ? *s : std::string();
    return Ok{};
  }
  if (key == "reveal") {
    const bool* b = as_bool(v);
    if (!b) return make_error("reveal is true or false");
    if (ui.current == kNone) ui.current = ui.deck->queue().next();  // the card whose answer is shown
    ui.revealed = *b && ui.current != kNone;
    return Ok{};
  }
  return make_error("the study view has no option '" + key + "'; the options are mode, search, card, difficulty, source, reveal");
}

std::optional<Value> query_study(StudyUi& ui, const std::string& key) {
  StudyDeck& d = *ui.deck;
  if (key == "mode") return Value(std::string(mode_name(ui.mode)));
  if (key == "cards") return Value(static_cast<double>(d.cards().size()));
  const StudyCounts c = d.counts();
  if (key == "due") return Value(static_cast<double>(c.learning + c.review));
  if (key == "new") return Value(static_cast<double>(c.fresh));
  if (key == "reviewed") return Value(static_cast<double>(d.reviewed_today()));
  if (key == "revealed") return Value(ui.revealed);
  return std::nullopt;
}

}  // namespace

void remember_recent(std::vector<std::string>& recent, const std::string& path, size_t limit) {
  recent.erase(std::remove(recent.begin(), recent.end(), path), recent.end());
  recent.insert(recent.begin(), path);
  if (recent.size() > limit) recent.resize(limit);
}

View make_study_view(std::shared_ptr<StudyDeck> deck, StudyViewHooks hooks) {
  auto ui = std::make_shared<StudyUi>();
  ui->deck = std::move(deck);
  ui->hooks = std::move(hooks);
  if (ui->hooks.new_per_day) ui->deck->set_new_per_day(*ui->hooks.new_per_day);
  View v;
  v.name = "notes";
  v.title = "Study";
  v.summary = "Flashcards from your own markdown notes, scheduled with FSRS, searchable, linked to lessons.";
  v.draw = [ui](ViewContext& ctx) { draw_study(ctx, *ui); };
  v.configure = [ui](const std::string& key, const Value& value) { return configure_study(*ui, key, value); };
  v.query = [ui](const std::string& key) { return query_study(*ui, key); };
  v.reset = [ui]() {
    ui->revealed = false;
    ui->current = kNone;
    ui->highlights.clear();
  };
  return v;
}

}  // namespace attend::views
