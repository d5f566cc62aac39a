// ATTEND_ASSERT: programmer mistakes (a wrong shape, an index out of range), never bad user input.
// It prints file:line, the failed condition and a hint about the likely cause, then aborts; it stays on in
// Release builds because a silent wrong gradient costs more than the branch. User input errors go through
// Result<T> (result.h) instead.
#pragma once

namespace attend::detail {
[[noreturn]] void assert_failed(const char* file, int line, const char* condition, const char* message);
}

#define ATTEND_ASSERT(cond, msg)                                               \
  do {                                                                         \
    if (!(cond)) ::attend::detail::assert_failed(__FILE__, __LINE__, #cond, msg); \
  } while (0)
