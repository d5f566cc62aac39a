#include "app/notes_command.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "core/lesson/lesson.h"
#include "core/notes/import.h"
#include "core/notes/links.h"
#include "core/util/paths.h"

namespace attend::app {
namespace {

using nlohmann::json;

json card_json(const notes::Card& c) {
  json sources = json::array();
  for (const notes::SourceRef& s : c.sources) sources.push_back({{"path", s.path}, {"line", s.line}, {"end_line", s.end_line}});
  json lessons = json::array();
  for (const notes::LessonLink& l : c.lessons) lessons.push_back({{"path", l.path}, {"title", l.title}, {"score", l.score}});
  return {{"id", c.id},
          {"key", c.key},
          {"kind", notes::kind_name(c.kind)},
          {"question", c.question},
          {"answer", c.answer},
          {"answer_line", c.answer_line},
          {"difficulty", notes::difficulty_tag(c.difficulty)},
          {"topic", c.topic},
          {"sources", sources},
          {"lessons", lessons}};
}

void print_listing(const notes::Deck& deck) {
  for (const notes::Card& c : deck.cards) {
    const char* tag = notes::difficulty_tag(c.difficulty);
    std::printf("%s%s%s%s\n", *tag ? "[" : "", tag, *tag ? "] " : "", c.question.c_str());
    std::printf("    id %s, %s", c.id.c_str(), notes::kind_name(c.kind));
    for (const notes::SourceRef& s : c.sources) std::printf(", %s:%d", s.path.c_str(), s.line);
    std::printf("\n");
    if (!c.topic.empty()) {
      std::string t;
      for (const std::string& part : c.topic) t += (t.empty() ? "" : " › ") + part;
      std::printf("    topic: %s\n", t.c_str());
    }
    // The answer exactly as written, indented.
    std::string indented = "    | ";
    for (char ch : c.answer) {
      indented += ch;
      if (ch == '\n') indented += "    | ";
    }
    if (!c.answer.empty()) std::printf("%s\n", indented.c_str());
    for (const notes::LessonLink& l : c.lessons)
      std::printf("    lesson: %s (%s, score %.1f)\n", l.title.c_str(), l.path.c_str(), l.score);
    std::printf("\n");
  }
  std::printf("%zu card%s from %zu file%s\n", deck.cards.size(), deck.cards.size() == 1 ? "" : "s", deck.files.size(),
              deck.files.size() == 1 ? "" : "s");
}

}  // namespace

int run_notes_import(const NotesImportCommand& command) {
  notes::Deck deck = notes::import_notes(command.files);

  // Link cards to the lessons that ship with Attend; a broken lesson only loses its links.
  lesson::LessonFiles lessons = lesson::load_lessons(lessons_dir());
  for (const Error& e : lessons.errors)
    std::fprintf(stderr, "attend notes import: warning: lesson not linked: %s\n", e.to_string().c_str());
  notes::LessonLinker(lessons.lessons).link(deck.cards);

  for (const Error& e : deck.errors) std::fprintf(stderr, "attend notes import: %s\n", e.to_string().c_str());
  if (command.json) {
    json cards = json::array();
    for (const notes::Card& c : deck.cards) cards.push_back(card_json(c));
    json errors = json::array();
    for (const Error& e : deck.errors)
      errors.push_back({{"path", e.path}, {"line", e.line}, {"column", e.column}, {"message", e.message}});
    const json out = {{"files", deck.files}, {"cards", cards}, {"errors", errors}};
    std::printf("%s\n", out.dump(2, ' ', false, json::error_handler_t::replace).c_str());
  } else {
    print_listing(deck);
  }
  return deck.errors.empty() ? 0 : 1;
}

}  // namespace attend::app
