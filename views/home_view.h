// The home screen: what Attend has (lessons by topic with their completion, the labs, the study deck), each
// one click away. The shell builds the entries; the view only lays them out and reports the click.
#pragma once

#include <string>
#include <vector>

#include "views/view.h"

namespace attend::views {

struct HomeEntry {
  std::string section;  // "Lessons", "Labs", "Study"
  std::string group;    // a caption inside the section (a lesson's topic); "" for none
  std::string title;
  std::string summary;
  std::string target;   // what the shell opens: "view:attention", "lesson:/path.md", "notes"
  float progress = -1;  // 0..1 for lessons (steps done), -1 when it does not apply
  std::string badge;    // a short status at the card's top right: "done", "3 of 7 steps", "5 due"
};

// Returns the target of the entry clicked this frame, or "".
std::string draw_home_view(ViewContext& ctx, const std::vector<HomeEntry>& entries, const std::string& notice);

}  // namespace attend::views
