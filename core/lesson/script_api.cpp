// The lesson API as Lua C functions. Lua reports errors with longjmp, which would skip C++ destructors,
// so every function here is split in two: an implementation that uses C++ freely and returns false with a
// message in ScriptContext::error, and a trampoline that raises the Lua error only after the
// implementation's frame (and every object in it) is gone. Arguments are checked by hand for the same
// reason (luaL_check* would raise from inside the implementation).

#include "core/lesson/script_api.h"

#include <lauxlib.h>
#include <lua.h>

#include <cmath>
#include <limits>

#include "core/train/session.h"

namespace attend::lesson {
namespace {

ScriptContext& context(lua_State* L) { return *static_cast<ScriptContext*>(Sandbox::of(L)->user); }

bool fail(lua_State* L, std::string message) {
  context(L).error = std::move(message);
  return false;
}

using Impl = bool (*)(lua_State* L, int& results);

template <Impl F>
int trampoline(lua_State* L) {
  int results = 0;
  if (F(L, results)) return results;
  luaL_where(L, 1);
  lua_pushstring(L, context(L).error.c_str());
  lua_concat(L, 2);
  return lua_error(L);
}

bool string_arg(lua_State* L, int index, const char* usage, std::string& out) {
  if (lua_type(L, index) != LUA_TSTRING) return fail(L, std::string(usage) + ": expected a string");
  size_t len = 0;
  const char* s = lua_tolstring(L, index, &len);
  out.assign(s, len);
  return true;
}

bool number_arg(lua_State* L, int index, const char* usage, double& out) {
  if (lua_type(L, index) != LUA_TNUMBER) return fail(L, std::string(usage) + ": expected a number");
  out = lua_tonumber(L, index);
  return true;
}

// An optional whole number.
bool integer_arg(lua_State* L, int index, const char* usage, lua_Integer fallback, lua_Integer& out) {
  if (lua_isnoneornil(L, index)) {
    out = fallback;
    return true;
  }
  int is_int = 0;
  out = lua_tointegerx(L, index, &is_int);
  if (!is_int) return fail(L, std::string(usage) + ": expected a whole number");
  return true;
}

// Lua value → Value; tables must be lists of numbers.
bool value_arg(lua_State* L, int index, const char* usage, Value& out) {
  switch (lua_type(L, index)) {
    case LUA_TBOOLEAN: out = Value(lua_toboolean(L, index) != 0); return true;
    case LUA_TNUMBER: out = Value(static_cast<double>(lua_tonumber(L, index))); return true;
    case LUA_TSTRING: out = Value(std::string(lua_tostring(L, index))); return true;
    case LUA_TTABLE: {
      std::vector<double> list;
      const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
      for (lua_Integer i = 1; i <= n; ++i) {
        const int t = lua_rawgeti(L, index, i);
        const double x = lua_tonumber(L, -1);
        lua_pop(L, 1);
        if (t != LUA_TNUMBER) return fail(L, std::string(usage) + ": a list holds numbers only");
        list.push_back(x);
      }
      out = Value(std::move(list));
      return true;
    }
    default:
      return fail(L, std::string(usage) + ": the value must be a boolean, number, string or list of numbers, not " +
                         luaL_typename(L, index));
  }
}

void push_value(lua_State* L, const Value& v) {
  if (const bool* b = as_bool(v)) {
    lua_pushboolean(L, *b);
  } else if (const double* d = as_number(v)) {
    lua_pushnumber(L, *d);
  } else if (const std::string* s = as_string(v)) {
    lua_pushlstring(L, s->data(), s->size());
  } else if (const std::vector<double>* list = as_list(v)) {
    lua_createtable(L, static_cast<int>(list->size()), 0);
    for (size_t i = 0; i < list->size(); ++i) {
      lua_pushnumber(L, (*list)[i]);
      lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
    }
  } else {
    lua_pushnil(L);
  }
}

bool ok(lua_State* L, const Status& s) { return s ? true : fail(L, s.error().message); }

train::Control* session(lua_State* L) {
  train::Control* c = context(L).host->session();
  if (!c) fail(L, "the shown view has no training session: show one that trains a model with view(...) first");
  return c;
}

bool view_impl(lua_State* L, int&) {
  std::string name;
  return string_arg(L, 1, "view(name)", name) && ok(L, context(L).host->show_view(name));
}

bool set_impl(lua_State* L, int&) {
  std::string key;
  Value value;
  return string_arg(L, 1, "set(key, value)", key) && value_arg(L, 2, "set(key, value)", value) &&
         ok(L, context(L).host->configure(key, value));
}

bool query_impl(lua_State* L, int& results) {
  std::string key;
  if (!string_arg(L, 1, "query(key)", key)) return false;
  Result<Value> v = context(L).host->query(key);
  if (!v) return fail(L, v.error().message);
  push_value(L, *v);
  results = 1;
  return true;
}

bool highlight_impl(lua_State* L, int&) {
  std::string target;
  Value which(false);
  if (!string_arg(L, 1, "highlight(target, which)", target)) return false;
  if (!lua_isnoneornil(L, 2) && !value_arg(L, 2, "highlight(target, which)", which)) return false;
  return ok(L, context(L).host->highlight(target, which));
}

bool metric_impl(lua_State* L, int& results) {
  std::string name;
  double fallback = std::numeric_limits<double>::quiet_NaN();
  if (!string_arg(L, 1, "metric(name)", name)) return false;
  if (!lua_isnoneornil(L, 2) && !number_arg(L, 2, "metric(name, default)", fallback)) return false;
  train::Control* s = session(L);
  if (!s) return false;
  std::shared_ptr<const train::Progress> p = s->progress();
  auto it = p->metrics.find(name);
  lua_pushnumber(L, it != p->metrics.end() ? it->second : fallback);
  results = 1;
  return true;
}

bool wait_until_impl(lua_State* L, int&) {
  if (lua_type(L, 1) != LUA_TFUNCTION)
    return fail(L, "wait_until(predicate, hint): the predicate is a function, e.g. function() return metric(\"loss\") < 0.1 end");
  std::string hint;
  if (!lua_isnoneornil(L, 2) && !string_arg(L, 2, "wait_until(predicate, hint)", hint)) return false;
  ScriptContext& ctx = context(L);
  if (!ctx.in_step_script) return fail(L, "wait_until belongs in a step's script, not inside a check or the setup script");
  lua_Debug ar;
  int line = 0;
  if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar)) line = ar.currentline;
  lua_pushvalue(L, 1);
  RegisteredCheck c;
  c.ref = Sandbox::of(L)->keep_function();
  c.hint = std::move(hint);
  c.line = line;
  ctx.checks.push_back(std::move(c));
  return true;
}

bool frame_impl(lua_State* L, int& results) {
  lua_pushinteger(L, context(L).frame);
  results = 1;
  return true;
}

bool log_impl(lua_State* L, int&) {
  std::string line;
  const int n = lua_gettop(L);
  for (int i = 1; i <= n; ++i) {
    if (i > 1) line += '\t';
    switch (lua_type(L, i)) {
      case LUA_TSTRING:
      case LUA_TNUMBER: {
        size_t len = 0;
        lua_pushvalue(L, i);  // lua_tolstring converts numbers in place; keep the argument as it was
        const char* s = lua_tolstring(L, -1, &len);
        line.append(s, len);
        lua_pop(L, 1);
        break;
      }
      case LUA_TBOOLEAN: line += lua_toboolean(L, i) ? "true" : "false"; break;
      case LUA_TNIL: line += "nil"; break;
      default: line += luaL_typename(L, i); break;  // no __tostring: it could run a script's code here
    }
  }
  context(L).host->log(line);
  context(L).log.push_back(std::move(line));
  return true;
}

bool train_run_impl(lua_State* L, int&) {
  train::Control* s = session(L);
  if (s) s->run();
  return s != nullptr;
}

bool train_pause_impl(lua_State* L, int&) {
  train::Control* s = session(L);
  if (s) s->pause();
  return s != nullptr;
}

bool train_step_impl(lua_State* L, int&) {
  lua_Integer n = 1;
  if (!integer_arg(L, 1, "train.step(n)", 1, n)) return false;
  if (n < 1 || n > 1'000'000'000) return fail(L, "train.step(n): n is a number of steps from 1 to 1000000000");
  train::Control* s = session(L);
  if (s) s->step(static_cast<int64_t>(n));
  return s != nullptr;
}

bool train_reset_impl(lua_State* L, int&) {
  lua_Integer seed = 0;
  if (!integer_arg(L, 1, "train.reset(seed)", 0, seed)) return false;
  if (seed < 0) return fail(L, "train.reset(seed): the seed is a whole number, 0 or more");
  train::Control* s = session(L);
  if (s) s->reset(static_cast<uint64_t>(seed));
  return s != nullptr;
}

bool train_set_impl(lua_State* L, int&) {
  std::string name;
  double value = 0;
  if (!string_arg(L, 1, "train.set(name, value)", name) || !number_arg(L, 2, "train.set(name, value)", value))
    return false;
  if (!std::isfinite(value)) return fail(L, "train.set(\"" + name + "\", value): the value must be a finite number");
  train::Control* s = session(L);
  if (s) s->set(name, value);
  return s != nullptr;
}

bool train_speed_impl(lua_State* L, int&) {
  double v = 0;
  if (!number_arg(L, 1, "train.speed(steps_per_second)", v)) return false;
  if (!(v >= 0)) return fail(L, "train.speed(steps_per_second): use 0 (as fast as possible) or a positive number");
  train::Control* s = session(L);
  if (s) s->set_speed(v);
  return s != nullptr;
}

bool train_steps_impl(lua_State* L, int& results) {
  train::Control* s = session(L);
  if (!s) return false;
  lua_pushinteger(L, static_cast<lua_Integer>(s->progress()->step));
  results = 1;
  return true;
}

bool train_running_impl(lua_State* L, int& results) {
  train::Control* s = session(L);
  if (!s) return false;
  lua_pushboolean(L, s->progress()->running);
  results = 1;
  return true;
}

}  // namespace

void install_script_api(Sandbox& sandbox, ScriptContext& ctx) {
  sandbox.user = &ctx;
  lua_State* L = sandbox.state();
  const luaL_Reg globals[] = {
      {"view", trampoline<view_impl>},
      {"set", trampoline<set_impl>},
      {"query", trampoline<query_impl>},
      {"highlight", trampoline<highlight_impl>},
      {"metric", trampoline<metric_impl>},
      {"wait_until", trampoline<wait_until_impl>},
      {"frame", trampoline<frame_impl>},
      {"print", trampoline<log_impl>},
      {"log", trampoline<log_impl>},
      {nullptr, nullptr},
  };
  lua_pushglobaltable(L);
  luaL_setfuncs(L, globals, 0);
  lua_pop(L, 1);
  const luaL_Reg train[] = {
      {"run", trampoline<train_run_impl>},     {"pause", trampoline<train_pause_impl>},
      {"step", trampoline<train_step_impl>},   {"reset", trampoline<train_reset_impl>},
      {"set", trampoline<train_set_impl>},     {"speed", trampoline<train_speed_impl>},
      {"steps", trampoline<train_steps_impl>}, {"running", trampoline<train_running_impl>},
      {nullptr, nullptr},
  };
  luaL_newlib(L, train);
  lua_setglobal(L, "train");
}

}  // namespace attend::lesson
