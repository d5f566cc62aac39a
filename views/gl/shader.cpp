#include "views/gl/shader.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "views/gl/context.h"

namespace attend::views::gl {
namespace {

std::string shader_log(GLuint shader) {
  GLint len = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &len);
  std::vector<char> buf(static_cast<size_t>(std::max(len, 1)));
  glGetShaderInfoLog(shader, len, nullptr, buf.data());
  return std::string(buf.data());
}

std::string program_log(GLuint program) {
  GLint len = 0;
  glGetProgramiv(program, GL_INFO_LOG_LENGTH, &len);
  std::vector<char> buf(static_cast<size_t>(std::max(len, 1)));
  glGetProgramInfoLog(program, len, nullptr, buf.data());
  return std::string(buf.data());
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

Result<GLuint> compile_stage(const std::string& name, GLenum kind, const char* source) {
  const bool vertex = kind == GL_VERTEX_SHADER;
  const std::string path = name + (vertex ? ".vert" : ".frag");
  const GLuint sh = glCreateShader(kind);
  if (!sh) return make_error(path, 0, 0, "glCreateShader failed (is a GL context current?)");
  glShaderSource(sh, 1, &source, nullptr);
  glCompileShader(sh);
  GLint ok = 0;
  glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    const std::string log = trim(shader_log(sh));
    glDeleteShader(sh);
    return make_error(path, first_log_line(log), 0,
                      std::string(vertex ? "vertex" : "fragment") + " shader did not compile: " + log);
  }
  return sh;
}

}  // namespace

Program& Program::operator=(Program&& o) noexcept {
  if (this != &o) {
    if (id && has_current_context()) glDeleteProgram(id);
    id = o.id;
    name = std::move(o.name);
    o.id = 0;
  }
  return *this;
}

Program::~Program() {
  if (id && has_current_context()) glDeleteProgram(id);
}

int first_log_line(const std::string& log) {
  // Mesa: "0:12(5): error: ..."; NVIDIA: "0(12) : error ..."; AMD: "ERROR: 0:12: ...".
  for (size_t i = 0; i + 2 < log.size(); ++i) {
    if (log[i] != '0' || (i > 0 && std::isdigit(static_cast<unsigned char>(log[i - 1])))) continue;
    if (log[i + 1] != ':' && log[i + 1] != '(') continue;
    size_t j = i + 2;
    int line = 0;
    bool digits = false;
    while (j < log.size() && std::isdigit(static_cast<unsigned char>(log[j]))) {
      line = line * 10 + (log[j] - '0');
      digits = true;
      ++j;
    }
    if (digits) return line;
  }
  return 0;
}

Result<Program> compile_program(const std::string& name, const char* vertex_source, const char* fragment_source) {
  auto vs = compile_stage(name, GL_VERTEX_SHADER, vertex_source);
  if (!vs) return vs.error();
  auto fs = compile_stage(name, GL_FRAGMENT_SHADER, fragment_source);
  if (!fs) {
    glDeleteShader(*vs);
    return fs.error();
  }
  Program p;
  p.name = name;
  p.id = glCreateProgram();
  glAttachShader(p.id, *vs);
  glAttachShader(p.id, *fs);
  glLinkProgram(p.id);
  glDetachShader(p.id, *vs);
  glDetachShader(p.id, *fs);
  glDeleteShader(*vs);
  glDeleteShader(*fs);
  GLint ok = 0;
  glGetProgramiv(p.id, GL_LINK_STATUS, &ok);
  if (!ok) {
    const std::string log = trim(program_log(p.id));
    return make_error(name, 0, 0, "shader program did not link: " + log);
  }
  return Result<Program>(std::move(p));
}

}  // namespace attend::views::gl
