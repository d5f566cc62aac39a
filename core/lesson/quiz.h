// The ```quiz block: a question with choices, or one with an answer to reveal. One field per line:
//
//   ```quiz
//   question: Which axis does layer norm normalise over?
//   - [ ] The batch axis — that is batch norm; it mixes examples.
//   - [x] The features of one example — each token is normalised on its own.
//   explain: Layer norm's statistics never look across the batch.
//   ```
//
//   question:  the question (required; inline markdown and $math$)
//   kind:      single | multiple | reveal (optional: reveal when there is an answer and no choices, else
//              single when exactly one choice is marked [x], else multiple)
//   - [x] / - [ ]  a choice, correct or not; after " — " (or " -- ") its explanation, shown after answering
//   answer:    the answer of a reveal quiz
//   explain:   shown after answering, whatever was chosen (optional)
//
// A line indented by two or more spaces continues the field or choice above it. Blank lines are ignored.
#pragma once

#include <string>
#include <string_view>

#include "core/lesson/lesson.h"

namespace attend::lesson {

// `body` is the block's content, whose first line is line `first_line` of `path`; `fence_line` is the
// opening ```quiz line, where errors about the quiz as a whole point.
Result<Quiz> parse_quiz(std::string_view body, int first_line, int fence_line, const std::string& path);

}  // namespace attend::lesson
