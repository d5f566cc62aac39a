// Result<T>: a value or an Error that says where the bad input is (path, line, column) and what is wrong.
// Core parsers and loaders return it instead of throwing, so the UI can show the message and keep running:
//
//   Result<Lesson> r = parse_lesson(text, "lessons/attention.md");
//   if (!r) show_error(r.error().to_string());   // "lessons/attention.md:12:3: unknown quiz kind 'pick'"
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "core/util/assert.h"

namespace attend {

struct Error {
  std::string path;     // file the input came from; empty for in-memory input
  int line = 0;         // 1-based; 0 when the error is not about one place
  int column = 0;       // 1-based; 0 when unknown
  std::string message;  // one sentence a user can act on

  std::string to_string() const {
    std::string s;
    if (!path.empty()) s += path;
    if (line > 0) s += (s.empty() ? "line " : ":") + std::to_string(line);
    if (line > 0 && column > 0) s += ":" + std::to_string(column);
    if (!s.empty()) s += ": ";
    return s + message;
  }
};

inline Error make_error(std::string message) { return Error{{}, 0, 0, std::move(message)}; }
inline Error make_error(std::string path, int line, int column, std::string message) {
  return Error{std::move(path), line, column, std::move(message)};
}

template <class T>
class Result {
 public:
  Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    ATTEND_ASSERT(ok(), "Result::value() called on an error: check ok() first");
    return std::get<0>(m_v);
  }
  const T& value() const& {
    ATTEND_ASSERT(ok(), "Result::value() called on an error: check ok() first");
    return std::get<0>(m_v);
  }
  T&& value() && {
    ATTEND_ASSERT(ok(), "Result::value() called on an error: check ok() first");
    return std::get<0>(std::move(m_v));
  }
  const Error& error() const {
    ATTEND_ASSERT(!ok(), "Result::error() called on a value: check ok() first");
    return std::get<1>(m_v);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> m_v;
};

// For operations that produce nothing but can fail (saving a file).
struct Ok {};
using Status = Result<Ok>;

}  // namespace attend
