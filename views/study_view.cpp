#include "views/study_view.h"

#include <algorithm>
#include <memory>

#include <imgui.h>

#include "core/notes/fsrs.h"
#include "views/keys.h"
#include "views/study_view_state.h"

namespace attend::views {
namespace {

using namespace study;

const char* mode_name(Mode m) { return m == Mode::Review ? "review" : m == Mode::Browse ? "browse" : "files"; }

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
