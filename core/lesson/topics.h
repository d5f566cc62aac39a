// The topics Attend teaches, numbered as in the project's topic list. A lesson's front matter names the
// numbers it covers (`topics: [2, 4]`); the home screen groups lessons by them, and notes are linked to
// lessons through their titles and descriptions.
#pragma once

#include <string>
#include <vector>

namespace attend::lesson {

struct Topic {
  int number = 0;
  std::string title;
  std::string shows;  // what a learner sees and does: used as extra text when ranking notes against lessons
};

const std::vector<Topic>& topics();
const Topic* find_topic(int number);  // null when there is no such topic

}  // namespace attend::lesson
