// Reading and setting a view's lesson keys in tests, failing with the key's name (and the view's own error
// message) when a key is unknown or has the wrong kind of value.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "core/util/value.h"
#include "views/view.h"

namespace attend::testing {

inline double num(views::View& v, const std::string& key) {
  const std::optional<Value> q = v.query(key);
  REQUIRE_MESSAGE(q.has_value(), "no value for '" << key << "'");
  const double* d = as_number(*q);
  REQUIRE_MESSAGE(d != nullptr, "'" << key << "' is not a number");
  return *d;
}

inline std::string text(views::View& v, const std::string& key) {
  const std::optional<Value> q = v.query(key);
  REQUIRE_MESSAGE(q.has_value(), "no value for '" << key << "'");
  const std::string* s = as_string(*q);
  REQUIRE_MESSAGE(s != nullptr, "'" << key << "' is not text");
  return *s;
}

inline void ok(views::View& v, const std::string& key, const Value& value) {
  const Status s = v.configure(key, value);
  REQUIRE_MESSAGE(s.ok(), key << ": " << (s.ok() ? "" : s.error().to_string()));
}

inline std::string error_of(views::View& v, const std::string& key, const Value& value) {
  const Status s = v.configure(key, value);
  REQUIRE_FALSE(s.ok());
  return s.error().to_string();
}

}  // namespace attend::testing
