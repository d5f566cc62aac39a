// Value: what lesson scripts and views exchange when a script configures a view or reads its state
// (a number, a flag, a name, or a list of numbers), without core knowing any view's types.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace attend {

using Value = std::variant<bool, double, std::string, std::vector<double>>;

inline const double* as_number(const Value& v) { return std::get_if<double>(&v); }
inline const std::string* as_string(const Value& v) { return std::get_if<std::string>(&v); }
inline const bool* as_bool(const Value& v) { return std::get_if<bool>(&v); }
inline const std::vector<double>* as_list(const Value& v) { return std::get_if<std::vector<double>>(&v); }

}  // namespace attend
