// GLSL programs (#version 330 core). Compiling and linking return a Result: a failure is an Error whose
// path is the shader's name ("surface.frag"), whose line is the first line the driver's log complains about,
// and whose message carries the whole info log, so a broken shader is reported, never silently black.
//
//   auto prog = gl::compile_program("surface", kVertexSource, kFragmentSource);
//   if (!prog) show_error(prog.error().to_string());   // "surface.frag:12: fragment shader did not compile: ..."
#pragma once

#include <string>

#include "core/util/result.h"
#include "views/gl/gl_api.h"

namespace attend::views::gl {

// Owns one linked program; moves, does not copy; deletes the program when a context is current.
struct Program {
  GLuint id = 0;
  std::string name;

  Program() = default;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
  Program(Program&& o) noexcept : id(o.id), name(std::move(o.name)) { o.id = 0; }
  Program& operator=(Program&& o) noexcept;
  ~Program();

  GLint uniform(const char* uniform_name) const { return glGetUniformLocation(id, uniform_name); }
};

Result<Program> compile_program(const std::string& name, const char* vertex_source, const char* fragment_source);

// The first line number in a GL info log ("0:12(5): error" from Mesa, "0(12) : error" from NVIDIA), or 0.
int first_log_line(const std::string& log);

}  // namespace attend::views::gl
