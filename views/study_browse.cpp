#include <algorithm>
#include <cstdio>

#include "core/notes/fsrs.h"
#include "core/text/markdown.h"
#include "views/study_view_state.h"

namespace attend::views::study {

// ---- Browse -----------------------------------------------------------------------------------------------

static std::string card_line(StudyDeck& deck, size_t i) {
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

static void import_now(StudyUi& ui, const std::string& path) {
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

}  // namespace attend::views::study
