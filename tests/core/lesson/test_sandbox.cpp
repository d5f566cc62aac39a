// Escapes a lesson script might try, each of which must fail with a clear error while the sandbox (and the
// process) carries on.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "core/lesson/sandbox.h"

using namespace attend;
using namespace attend::lesson;

namespace {

SandboxLimits small_limits() {
  SandboxLimits l;
  l.memory_bytes = size_t{16} << 20;
  l.script_instructions = 2'000'000;
  return l;
}

Error fails(Sandbox& sb, const std::string& code, int first_line = 20) {
  Status s = sb.run(code, first_line);
  REQUIRE_MESSAGE(!s.ok(), "expected an error from: " << code);
  CHECK(s.error().path == "lessons/escape.md");
  // The sandbox survives and runs the next script.
  Status after = sb.run("local x = 1 + 1", 1);
  CHECK_MESSAGE(after.ok(), (after.ok() ? "" : after.error().to_string()));
  return s.error();
}

}  // namespace

TEST_CASE("sandbox: io, os, package, require, debug and file loaders do not exist") {
  Sandbox sb("lessons/escape.md", small_limits());
  Error e = fails(sb, "io.open('/etc/passwd')");
  CHECK(e.line == 20);
  CHECK(e.message.find("attempt to index a nil value (global 'io')") != std::string::npos);
  e = fails(sb, "\nos.execute('echo pwned')");
  CHECK(e.line == 21);
  CHECK(e.message.find("global 'os'") != std::string::npos);
  e = fails(sb, "require('os')");
  CHECK(e.message.find("global 'require'") != std::string::npos);
  e = fails(sb, "package.loadlib('libc.so.6', 'system')");
  CHECK(e.message.find("global 'package'") != std::string::npos);
  e = fails(sb, "debug.sethook()");
  CHECK(e.message.find("global 'debug'") != std::string::npos);
  e = fails(sb, "dofile('/etc/passwd')");
  CHECK(e.message.find("global 'dofile'") != std::string::npos);
  e = fails(sb, "loadfile('/etc/passwd')");
  CHECK(e.message.find("global 'loadfile'") != std::string::npos);
  e = fails(sb, "collectgarbage('stop')");
  CHECK(e.message.find("global 'collectgarbage'") != std::string::npos);
}

TEST_CASE("sandbox: bytecode can be neither dumped nor loaded") {
  Sandbox sb("lessons/escape.md", small_limits());
  Error e = fails(sb, "local f = string.dump(function() end)");
  CHECK(e.message.find("field 'dump'") != std::string::npos);
  e = fails(sb, "local f = (''):dump()");
  CHECK(e.message.find("dump") != std::string::npos);
  // A precompiled chunk starts with ESC "Lua"; text-only loading refuses it.
  e = fails(sb, "local f = assert(load('\\27Lua\\84\\0\\25\\147\\13\\10\\26\\10'))");
  CHECK(e.message.find("attempt to load a binary chunk") != std::string::npos);
  e = fails(sb, "assert(load('\\27Lua', 'x', 'b'))");  // asking for binary mode does not help
  CHECK(e.message.find("binary chunk") != std::string::npos);
  e = fails(sb, "load(function() return nil end)");
  CHECK(e.message.find("only a string of Lua source") != std::string::npos);
  // Source text still loads, and runs inside the sandbox.
  CHECK(sb.run("assert(load('return 1 + 1')() == 2)", 1).ok());
  e = fails(sb, "load('return io')().open('x')");
  CHECK(e.message.find("nil value") != std::string::npos);
}

TEST_CASE("sandbox: an endless loop stops at the instruction budget, even inside pcall") {
  Sandbox sb("lessons/escape.md", small_limits());
  const auto t0 = std::chrono::steady_clock::now();
  Error e = fails(sb, "local x = 0\nwhile true do x = x + 1 end", 30);
  CHECK(e.line == 31);
  CHECK(e.message.find("ran more than 2000000 instructions") != std::string::npos);
  e = fails(sb, "while true do pcall(function() while true do end end) end");
  CHECK(e.message.find("instructions") != std::string::npos);
  e = fails(sb, "xpcall(function() while true do end end, function(m) return m end) while true do end");
  CHECK(e.message.find("instructions") != std::string::npos);
  e = fails(sb, "local function f() return f() end return f()");  // an endless tail call
  CHECK(e.message.find("instructions") != std::string::npos);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(seconds < 5.0);
}

TEST_CASE("sandbox: allocation bombs hit the memory cap") {
  Sandbox sb("lessons/escape.md", small_limits());
  Error e = fails(sb, "local s = string.rep('x', 1e9)", 12);
  CHECK(e.line == 12);
  CHECK(e.message.find("string.rep would need") != std::string::npos);
  e = fails(sb, "local s = ('x'):rep(1e8, ',')");
  CHECK(e.message.find("memory limit") != std::string::npos);
  // Doubling a string: each step passes string.rep's check, the allocator stops it.
  e = fails(sb, "local s = 'x'\nwhile true do s = s .. s end");
  CHECK(e.message.find("memory limit of 16 MiB") != std::string::npos);
  e = fails(sb, "local t = {}\nfor i = 1, 1e8 do t[i] = ('x'):rep(1000) end");
  CHECK(e.message.find("memory limit") != std::string::npos);
  e = fails(sb, "local ok = pcall(function() local t = {} for i = 1, 1e8 do t[i] = ('y'):rep(1000) end end) error('caught')");
  CHECK_MESSAGE(e.message.find("memory limit") != std::string::npos, e.message);  // pcall cannot swallow it
  CHECK(sb.memory_used() < (size_t{16} << 20));
}

TEST_CASE("sandbox: errors carry the lesson file's line") {
  Sandbox sb("lessons/escape.md", small_limits());
  Error e = fails(sb, "local a = 1\nlocal b = nil + a", 40);
  CHECK(e.line == 41);
  CHECK(e.message.find("attempt to perform arithmetic on a nil value") != std::string::npos);
  CHECK(e.to_string().rfind("lessons/escape.md:41: ", 0) == 0);
  e = fails(sb, "error('custom')", 7);
  CHECK(e.line == 7);
  CHECK(e.message == "custom");
  e = fails(sb, "local function f()\n  error('no position', 0)\nend\nf()", 50);
  CHECK(e.line == 51);  // found by walking the stack, not from the message
  e = fails(sb, "error({})", 3);
  CHECK(e.message.find("table") != std::string::npos);
  e = fails(sb, "x = = 1", 60);
  CHECK(e.line == 60);
  CHECK(e.message.find("syntax error") != std::string::npos);
  e = fails(sb, "local function r() return 1 + r() end r()", 70);
  const bool stopped = e.message.find("stack overflow") != std::string::npos || e.message.find("memory limit") != std::string::npos;
  CHECK_MESSAGE(stopped, e.message);
}

TEST_CASE("sandbox: random numbers repeat from run to run") {
  auto draw = [] {
    Sandbox sb("x.md");
    REQUIRE(sb.run("r = {} for i = 1, 5 do r[i] = math.random(1000) end math.randomseed() r[6] = math.random(1000)", 1).ok());
    REQUIRE(sb.run("assert(#r == 6)", 1).ok());
    std::string s;
    REQUIRE(sb.run("result = table.concat(r, ',')", 1).ok());
    return sb.run("error(result, 0)", 1).error().message;
  };
  const std::string a = draw(), b = draw();
  CHECK(a == b);
  CHECK(a.size() > 5);
}

TEST_CASE("sandbox: finalizers, which would run without the budget, cannot be installed") {
  const auto t0 = std::chrono::steady_clock::now();
  {
    Sandbox sb("lessons/escape.md", small_limits());
    Error e = fails(sb, "setmetatable({}, {__gc = function() while true do end end})", 5);
    CHECK(e.line == 5);
    CHECK(e.message == "setmetatable: __gc finalizers are not allowed in lessons");
    // A __gc added after setmetatable never marks the object, as Lua defines it.
    REQUIRE(sb.run("local mt = {} local t = setmetatable({}, mt) mt.__gc = function() while true do end end t = nil", 1).ok());
    // Ordinary metatables still work.
    REQUIRE(sb.run("local v = setmetatable({}, {__index = function(_, k) return k * 2 end}) assert(v[21] == 42)", 1).ok());
  }
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < 5.0);
}

TEST_CASE("sandbox: a backtracking pattern bomb is refused at once, everyday patterns work") {
  Sandbox sb("lessons/escape.md", small_limits());
  // On a 200,000-character subject these patterns backtrack for minutes inside one C call, where the
  // instruction budget cannot stop them.
  const auto t0 = std::chrono::steady_clock::now();
  for (const char* code : {"local s = string.rep('a', 200000); return s:find('.-.-.-.-b')",
                           "local s = string.rep('a', 200000); return string.match(s, '(a*)*b')",
                           "local s = string.rep('a', 200000); for w in s:gmatch('a-a-a-b') do end",
                           "local s = string.rep('a', 200000); return s:gsub('.*.*.*b', '')"}) {
    CAPTURE(code);
    const Error e = fails(sb, code);
    CHECK(e.message.find("could take minutes") != std::string::npos);
  }
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
  Status ok = sb.run(R"lua(
    local s = "head 2 looks at position 7"
    assert(s:find("head") == 1)
    assert(s:match("position (%d+)") == "7")
    local n = 0
    for w in s:gmatch("%a+") do n = n + 1 end
    assert(n == 4)
    assert(select(2, s:gsub("%s+", " ")) == 5)
    assert(string.rep("x", 100000):find(".", 1, true) == nil)
    assert(("[1, 2]"):find("[", 1, true) == 1)
  )lua", 1);
  CHECK_MESSAGE(ok.ok(), (ok.ok() ? "" : ok.error().to_string()));
}
