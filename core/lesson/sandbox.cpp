#include "core/lesson/sandbox.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace attend::lesson {
namespace {

constexpr int kHookEvery = 1000;     // instructions between budget checks
constexpr const char* kChunk = "=lesson";  // shows as "lesson:LINE:" in Lua's messages

std::string mib(size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// pcall and xpcall that cannot swallow the sandbox's limits: a script that wraps an endless loop in pcall
// would otherwise catch the budget error and loop again.
int sandbox_pcall(lua_State* L) {
  luaL_checkany(L, 1);
  const int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
  Sandbox* sb = Sandbox::of(L);
  if (status == LUA_ERRMEM) sb->set_abort(Sandbox::Abort::Memory);
  if (sb->abort_reason() != Sandbox::Abort::None) return lua_error(L);
  lua_pushboolean(L, status == LUA_OK);
  lua_insert(L, 1);
  return lua_gettop(L);
}

int sandbox_xpcall(lua_State* L) {
  const int n = lua_gettop(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushvalue(L, 2);
  lua_insert(L, 1);  // handler, f, handler, args...
  lua_remove(L, 3);  // handler, f, args...
  const int status = lua_pcall(L, n - 2, LUA_MULTRET, 1);
  Sandbox* sb = Sandbox::of(L);
  if (status == LUA_ERRMEM) sb->set_abort(Sandbox::Abort::Memory);
  if (sb->abort_reason() != Sandbox::Abort::None) return lua_error(L);
  lua_pushboolean(L, status == LUA_OK);
  lua_replace(L, 1);  // replaces the handler
  return lua_gettop(L);
}

// load(chunk [, chunkname [, mode [, env]]]) for source text only; the mode argument is ignored.
int sandbox_load(lua_State* L) {
  size_t len = 0;
  const char* s = lua_tolstring(L, 1, &len);
  if (!s) return luaL_error(L, "load: only a string of Lua source can be loaded in a lesson");
  const char* name = luaL_optstring(L, 2, "=(load)");
  const int status = luaL_loadbufferx(L, s, len, name, "t");
  if (status != LUA_OK) {
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;  // nil, message
  }
  if (!lua_isnoneornil(L, 4)) {
    lua_pushvalue(L, 4);
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
  }
  return 1;
}

// string.rep that refuses before allocating what the memory cap cannot hold, with a message at the
// script's line (an allocation failure deep inside Lua can only say "not enough memory").
int sandbox_rep(lua_State* L) {
  size_t len = 0;
  luaL_checklstring(L, 1, &len);
  const lua_Integer n = luaL_checkinteger(L, 2);
  size_t sep = 0;
  luaL_optlstring(L, 3, "", &sep);
  Sandbox* sb = Sandbox::of(L);
  if (n > 0) {
    const double need = static_cast<double>(len + sep) * static_cast<double>(n);
    const double room = static_cast<double>(sb->limits().memory_bytes) - static_cast<double>(sb->memory_used());
    if (need > room) {
      // A request the limit could hold, refused only because memory is nearly used up, is the memory limit
      // being hit: marked so, pcall cannot swallow it. A request beyond the whole limit allocates nothing.
      if (need <= static_cast<double>(sb->limits().memory_bytes)) sb->set_abort(Sandbox::Abort::Memory);
      // No C++ temporaries may be alive when luaL_error jumps out of this frame.
      return luaL_error(L, "string.rep would need %d MiB, more than the %d MiB left of the lesson's memory limit",
                        static_cast<int>(std::min(need / 1048576.0, 2e9)), static_cast<int>(room > 0 ? room / 1048576.0 : 0));
    }
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

// Lua's pattern matcher backtracks inside one C call, where the instruction budget cannot reach: on a
// subject of n characters a pattern with k repetition items (*, +, -, ?) can take about n^(k+1) steps,
// which freezes the app. Calls whose worst case is beyond a fraction of a second are refused with a
// message; lessons match patterns on short strings, where this never triggers. A plain find is linear.
double pattern_worst_case(const char* p, size_t len, size_t n) {
  int k = 0;
  for (size_t i = 0; i < len; ++i) {
    if (p[i] == '%') {
      ++i;  // an escape or a class: the next character is not an operator
    } else if (p[i] == '[') {
      for (++i; i < len && p[i] != ']'; ++i)
        if (p[i] == '%') ++i;
    } else if (p[i] == '*' || p[i] == '+' || p[i] == '-' || p[i] == '?') {
      ++k;
    }
  }
  return std::pow(static_cast<double>(n) + 1.0, k + 1) * static_cast<double>(std::max<size_t>(len, 1));
}

constexpr double kMaxPatternSteps = 2e8;

int sandbox_pattern(lua_State* L) {
  size_t n = 0, len = 0;
  luaL_checklstring(L, 1, &n);
  const char* p = luaL_checklstring(L, 2, &len);
  const bool is_find = lua_toboolean(L, lua_upvalueindex(2));
  const bool plain = is_find && lua_toboolean(L, 4);
  if (!plain && pattern_worst_case(p, len, n) > kMaxPatternSteps)
    return luaL_error(L, "this pattern on a string of %d characters could take minutes to match (Lua patterns "
                         "backtrack); use fewer repetitions (*, +, -, ?) or a shorter string",
                      static_cast<int>(std::min<size_t>(n, 2000000000)));
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

// setmetatable that refuses __gc. Lua runs finalizers with debug hooks switched off, so the instruction
// budget could not stop a finalizer that loops; an object is only ever marked for finalization when
// setmetatable sees __gc in its metatable, so refusing it here is enough.
int sandbox_setmetatable(lua_State* L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    const int t = lua_rawget(L, 2);
    lua_pop(L, 1);
    if (t != LUA_TNIL) return luaL_error(L, "setmetatable: __gc finalizers are not allowed in lessons");
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

// math.randomseed() without a seed would take the clock; lessons repeat, so it takes the lesson's seed.
int sandbox_randomseed(lua_State* L) {
  const int n = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  if (n == 0) {
    lua_pushinteger(L, static_cast<lua_Integer>(Sandbox::of(L)->limits().random_seed));
  } else {
    lua_insert(L, 1);
  }
  lua_call(L, n == 0 ? 1 : n, 0);
  return 0;
}

}  // namespace

Sandbox* Sandbox::of(lua_State* L) { return *static_cast<Sandbox**>(lua_getextraspace(L)); }

void* Sandbox::allocate(void* ud, void* ptr, size_t osize, size_t nsize) {
  auto* sb = static_cast<Sandbox*>(ud);
  const size_t old = ptr ? osize : 0;  // without a block, osize is a type tag
  if (nsize == 0) {
    std::free(ptr);
    sb->m_memory -= old;
    return nullptr;
  }
  if (nsize > old && sb->m_memory - old + nsize > sb->m_limits.memory_bytes) return nullptr;
  void* p = std::realloc(ptr, nsize);
  if (p) sb->m_memory = sb->m_memory - old + nsize;
  return p;
}

void Sandbox::count_hook(lua_State* L, lua_Debug* ar) {
  Sandbox* sb = of(L);
  sb->m_used += kHookEvery;
  if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0 && std::strcmp(ar->source, kChunk) == 0)
    sb->m_last_line = ar->currentline;
  if (sb->m_used > sb->m_budget || sb->m_closing) {
    sb->m_abort = Abort::Budget;
    lua_pushstring(L, "instruction budget exceeded");
    lua_error(L);
  }
}

// Runs where the error happened, before the stack unwinds: finds the innermost line of the lesson file.
int Sandbox::message_handler(lua_State* L) {
  Sandbox* sb = of(L);
  sb->m_error_line = 0;
  lua_Debug ar;
  for (int level = 0; lua_getstack(L, level, &ar); ++level) {
    if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && std::strcmp(ar.source, kChunk) == 0) {
      sb->m_error_line = ar.currentline;
      break;
    }
  }
  if (!lua_isstring(L, 1)) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
    lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  return 1;
}

Sandbox::Sandbox(std::string path, SandboxLimits limits) : m_path(std::move(path)), m_limits(limits) {
  m_L = lua_newstate(&Sandbox::allocate, this);
  ATTEND_ASSERT(m_L != nullptr, "lua_newstate failed: the memory limit is too small for an empty Lua state");
  *static_cast<Sandbox**>(lua_getextraspace(m_L)) = this;
  open_libraries();
  lua_sethook(m_L, &Sandbox::count_hook, LUA_MASKCOUNT, kHookEvery);
}

Sandbox::~Sandbox() {
  // Scripts cannot install finalizers (see sandbox_setmetatable), so closing runs no script code; the flag
  // is a second line of defence should a hook ever fire here.
  m_closing = true;
  m_budget = 0;
  lua_close(m_L);
}

void Sandbox::open_libraries() {
  lua_State* L = m_L;
  m_budget = m_limits.script_instructions;
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  lua_settop(L, 0);

  // Base functions that reach files, the collector or stderr are removed; the rest are made safe.
  for (const char* name : {"dofile", "loadfile", "collectgarbage", "warn"}) {
    lua_pushnil(L);
    lua_setglobal(L, name);
  }
  lua_pushcfunction(L, sandbox_load);
  lua_setglobal(L, "load");
  lua_pushcfunction(L, sandbox_pcall);
  lua_setglobal(L, "pcall");
  lua_pushcfunction(L, sandbox_xpcall);
  lua_setglobal(L, "xpcall");
  lua_getglobal(L, "setmetatable");
  lua_pushcclosure(L, sandbox_setmetatable, 1);
  lua_setglobal(L, "setmetatable");

  lua_getglobal(L, LUA_STRLIBNAME);
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");  // bytecode out means bytecode back in
  lua_getfield(L, -1, "rep");
  lua_pushcclosure(L, sandbox_rep, 1);
  lua_setfield(L, -2, "rep");
  for (const char* name : {"find", "match", "gmatch", "gsub"}) {
    lua_getfield(L, -1, name);
    lua_pushboolean(L, std::strcmp(name, "find") == 0);
    lua_pushcclosure(L, sandbox_pattern, 2);
    lua_setfield(L, -2, name);
  }
  lua_pop(L, 1);

  lua_getglobal(L, LUA_MATHLIBNAME);
  lua_getfield(L, -1, "randomseed");
  lua_pushvalue(L, -1);
  lua_pushinteger(L, static_cast<lua_Integer>(m_limits.random_seed));
  lua_call(L, 1, 0);
  lua_pushcclosure(L, sandbox_randomseed, 1);
  lua_setfield(L, -2, "randomseed");
  lua_pop(L, 1);
}

int Sandbox::keep_function() { return luaL_ref(m_L, LUA_REGISTRYINDEX); }

Status Sandbox::call(int nargs, int nresults, int64_t budget, const char* what) {
  lua_State* L = m_L;
  const int base = lua_gettop(L) - nargs;  // the function's index
  lua_pushcfunction(L, &Sandbox::message_handler);
  lua_insert(L, base);
  m_used = 0;
  m_budget = budget;
  m_abort = Abort::None;
  m_error_line = 0;
  m_last_line = 0;
  const int status = lua_pcall(L, nargs, nresults, base);
  lua_remove(L, base);
  if (status == LUA_OK && m_abort == Abort::None) return Ok{};

  std::string message = lua_isstring(L, -1) ? lua_tostring(L, -1) : "unknown error";
  lua_pop(L, 1);
  int line = m_error_line;
  if (status == LUA_ERRMEM || m_abort == Abort::Memory) {
    message = std::string(what) + " used more than the lesson's memory limit of " + mib(m_limits.memory_bytes);
    line = m_last_line;
  } else if (m_abort == Abort::Budget) {
    message = std::string(what) + " ran more than " + std::to_string(budget) +
              " instructions without finishing (an endless loop?)";
  } else {
    // "lesson:12: attempt to ..." — the line moves into the Error, the prefix goes.
    const std::string prefix = "lesson:";
    if (message.rfind(prefix, 0) == 0) {
      size_t i = prefix.size(), digits = 0;
      int n = 0;
      while (i < message.size() && message[i] >= '0' && message[i] <= '9' && digits < 9)
        n = n * 10 + (message[i++] - '0'), ++digits;
      if (digits && message.compare(i, 2, ": ") == 0) {
        line = n;
        message = message.substr(i + 2);
      }
    }
  }
  m_abort = Abort::None;
  return make_error(m_path, line, 0, message);
}

Status Sandbox::run(const std::string& code, int first_line) {
  // Blank lines in front make Lua count lines as the lesson file does.
  std::string padded(static_cast<size_t>(first_line > 1 ? first_line - 1 : 0), '\n');
  padded += code;
  m_budget = m_limits.script_instructions;
  const int status = luaL_loadbufferx(m_L, padded.data(), padded.size(), kChunk, "t");
  if (status != LUA_OK) {
    std::string message = lua_isstring(m_L, -1) ? lua_tostring(m_L, -1) : "cannot load the script";
    lua_pop(m_L, 1);
    int line = first_line;
    if (message.rfind("lesson:", 0) == 0) {
      const size_t colon = message.find(": ", 7);
      if (colon != std::string::npos) {
        line = std::atoi(message.c_str() + 7);
        message = message.substr(colon + 2);
      }
    }
    if (status == LUA_ERRMEM) message = "the script is too large for the lesson's memory limit";
    return make_error(m_path, line, 0, "syntax error: " + message);
  }
  return call(0, 0, m_limits.script_instructions, "the script");
}

Result<bool> Sandbox::call_predicate(int ref) {
  lua_rawgeti(m_L, LUA_REGISTRYINDEX, ref);
  Status s = call(0, 1, m_limits.check_instructions, "the check");
  if (!s) return s.error();
  const bool truthy = lua_toboolean(m_L, -1) != 0;
  lua_pop(m_L, 1);
  return truthy;
}

}  // namespace attend::lesson
