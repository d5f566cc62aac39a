#include "views/gl/mesh.h"

#include <cstddef>
#include <utility>

#include "views/gl/context.h"

namespace attend::views::gl {
namespace {

void ensure_vao(Mesh& m) {
  if (m.vao) return;
  glGenVertexArrays(1, &m.vao);
  glGenBuffers(1, &m.vbo);
  glGenBuffers(1, &m.ibo);
  glBindVertexArray(m.vao);
  glBindBuffer(GL_ARRAY_BUFFER, m.vbo);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m.ibo);  // recorded in the VAO
  const GLsizei stride = sizeof(Vertex);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(Vertex, pos)));
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(Vertex, normal)));
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(Vertex, value)));
  glEnableVertexAttribArray(3);
  glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(Vertex, color)));
  glBindVertexArray(0);
}

}  // namespace

Mesh::Mesh(Mesh&& o) noexcept { *this = std::move(o); }

Mesh& Mesh::operator=(Mesh&& o) noexcept {
  if (this != &o) {
    destroy(*this);
    vao = o.vao, vbo = o.vbo, ibo = o.ibo;
    vertex_count = o.vertex_count, vertex_capacity = o.vertex_capacity;
    index_count = o.index_count, index_capacity = o.index_capacity;
    mode = o.mode;
    o.vao = o.vbo = o.ibo = 0;
    o.vertex_count = o.vertex_capacity = o.index_count = o.index_capacity = 0;
  }
  return *this;
}

Mesh::~Mesh() { destroy(*this); }

void upload_vertices(Mesh& m, const Vertex* v, int count) {
  ensure_vao(m);
  glBindBuffer(GL_ARRAY_BUFFER, m.vbo);
  const GLsizeiptr bytes = static_cast<GLsizeiptr>(count) * sizeof(Vertex);
  if (count > m.vertex_capacity) {
    glBufferData(GL_ARRAY_BUFFER, bytes, v, GL_DYNAMIC_DRAW);
    m.vertex_capacity = count;
  } else {
    glBufferSubData(GL_ARRAY_BUFFER, 0, bytes, v);
  }
  m.vertex_count = count;
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void upload_indices(Mesh& m, const uint32_t* idx, int count, GLenum mode) {
  ensure_vao(m);
  glBindVertexArray(m.vao);
  const GLsizeiptr bytes = static_cast<GLsizeiptr>(count) * sizeof(uint32_t);
  if (count > m.index_capacity) {
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, bytes, idx, GL_STATIC_DRAW);
    m.index_capacity = count;
  } else {
    glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, 0, bytes, idx);
  }
  glBindVertexArray(0);
  m.index_count = count;
  m.mode = mode;
}

void draw(const Mesh& m) {
  if (!m.vao || m.index_count <= 0) return;
  glBindVertexArray(m.vao);
  glDrawElements(m.mode, m.index_count, GL_UNSIGNED_INT, nullptr);
  glBindVertexArray(0);
}

void destroy(Mesh& m) {
  if (m.vao && has_current_context()) {
    glDeleteVertexArrays(1, &m.vao);
    glDeleteBuffers(1, &m.vbo);
    glDeleteBuffers(1, &m.ibo);
  }
  m.vao = m.vbo = m.ibo = 0;
  m.vertex_count = m.vertex_capacity = m.index_count = m.index_capacity = 0;
}

}  // namespace attend::views::gl
