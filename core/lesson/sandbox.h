// A Lua 5.4 state for untrusted lesson scripts. What a script gets: the base functions that cannot reach
// outside (no dofile, loadfile, collectgarbage), `load` for source text only (never bytecode), string
// (without string.dump), table, math (random numbers seeded, so runs repeat) and utf8. No io, os, package,
// require or debug. Limits:
//  - memory: a custom allocator refuses to grow the state past `memory_bytes`;
//  - time: a count hook stops a call after its instruction budget (a step's script and each evaluation of
//    a check have their own budgets);
//  - neither limit can be caught with pcall/xpcall: once one trips, the call is over;
//  - no __gc finalizers: Lua runs them with hooks off, where no budget could stop them.
// An error becomes an Error with the lesson file's path and line: scripts are loaded with blank lines in
// front so Lua's line numbers are the file's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/util/result.h"

struct lua_State;
struct lua_Debug;

namespace attend::lesson {

struct SandboxLimits {
  size_t memory_bytes = size_t{64} << 20;
  int64_t script_instructions = 10'000'000;  // a step's script (and the setup script): ~0.13 s of Lua
  int64_t check_instructions = 1'000'000;    // one evaluation of one wait_until predicate: ~13 ms
  uint64_t random_seed = 1;
};

class Sandbox {
 public:
  // `path` is the lesson file: errors name it.
  Sandbox(std::string path, SandboxLimits limits = {});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  lua_State* state() { return m_L; }
  const std::string& path() const { return m_path; }
  const SandboxLimits& limits() const { return m_limits; }
  size_t memory_used() const { return m_memory; }

  // Runs `code`, whose first line is line `first_line` of the lesson file, under the script budget.
  Status run(const std::string& code, int first_line);

  // Calls the function stored at registry reference `ref` with no arguments under the check budget;
  // returns whether its first result is truthy.
  Result<bool> call_predicate(int ref);

  // Pops the function on top of the stack into the registry.
  int keep_function();

  // For the script API (script_api.cpp): what its C functions need to reach.
  void* user = nullptr;

  // Internal, used by the allocator, hook and pcall wrappers.
  enum class Abort { None, Budget, Memory };
  Abort abort_reason() const { return m_abort; }
  void set_abort(Abort a) { m_abort = a; }
  static Sandbox* of(lua_State* L);
  static void* allocate(void* ud, void* ptr, size_t osize, size_t nsize);
  static void count_hook(lua_State* L, ::lua_Debug* ar);
  static int message_handler(lua_State* L);

 private:
  void open_libraries();
  Status call(int nargs, int nresults, int64_t budget, const char* what);

  std::string m_path;
  SandboxLimits m_limits;
  lua_State* m_L = nullptr;
  size_t m_memory = 0;
  int64_t m_budget = 0;
  int64_t m_used = 0;
  int m_last_line = 0;    // the lesson line the hook last saw running (for memory errors)
  int m_error_line = 0;   // where the message handler found the error
  Abort m_abort = Abort::None;
  bool m_closing = false;
};

}  // namespace attend::lesson
