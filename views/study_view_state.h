// Internal to the study view (study_view.cpp, study_card.cpp, study_browse.cpp): its UI state and the
// drawing pieces its tabs share. Not for other views.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/notes/card_search.h"
#include "core/text/markdown.h"
#include "views/markdown_view.h"
#include "views/study_view.h"

namespace attend::views::study {

constexpr size_t kNone = static_cast<size_t>(-1);
enum class Mode { Review, Browse, Files };


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

inline ImVec4 to_vec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

// study_card.cpp: pieces shared by the tabs, and the Review tab.
void dim_text(const Palette& pal, const char* text);
bool highlighted(const StudyUi& ui, const char* target, const std::string& which = "");
void outline_last_item(const ViewContext& ctx);
const ParsedCard& parsed(StudyUi& ui, size_t card);
void write_layout(const char* name, ImVec2 a, ImVec2 b);
std::string file_name(const std::string& path);
ImU32 difficulty_colour(const Palette& pal, notes::Difficulty d);
void draw_card(ViewContext& ctx, StudyUi& ui, size_t card, bool show_answer, float width);
void draw_review(ViewContext& ctx, StudyUi& ui, bool keys);

// study_browse.cpp: the Browse and Notes files tabs.
void draw_browse(ViewContext& ctx, StudyUi& ui);
void draw_files(ViewContext& ctx, StudyUi& ui);

}  // namespace attend::views::study
