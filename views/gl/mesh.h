// Triangle and line meshes on the GPU: one vertex buffer (position, normal, a colour-map coordinate and an
// RGBA colour per vertex) and one index buffer in a vertex array. Re-uploading the same number of vertices
// (a surface whose heights change every frame) writes the existing buffer in place with glBufferSubData.
//
// Attribute locations, for shaders: 0 position (vec3), 1 normal (vec3), 2 value (float), 3 colour (vec4).
#pragma once

#include <cstdint>

#include "views/gl/gl_api.h"

namespace attend::views::gl {

struct Vertex {
  float pos[3];
  float normal[3];
  float value;     // a colour-map coordinate in [0, 1]
  uint32_t color;  // RGBA8 (ImU32 layout)
};
static_assert(sizeof(Vertex) == 32, "Vertex is packed to 32 bytes");

struct Mesh {
  GLuint vao = 0, vbo = 0, ibo = 0;
  int vertex_count = 0, vertex_capacity = 0;
  int index_count = 0, index_capacity = 0;
  GLenum mode = GL_TRIANGLES;  // or GL_LINES

  Mesh() = default;
  Mesh(const Mesh&) = delete;
  Mesh& operator=(const Mesh&) = delete;
  Mesh(Mesh&& o) noexcept;
  Mesh& operator=(Mesh&& o) noexcept;
  ~Mesh();
};

// Creates the GL objects on first use; grows the buffer when needed, otherwise updates it in place.
void upload_vertices(Mesh& mesh, const Vertex* vertices, int count);
void upload_indices(Mesh& mesh, const uint32_t* indices, int count, GLenum mode);
// Draws with whatever program is bound.
void draw(const Mesh& mesh);
void destroy(Mesh& mesh);

}  // namespace attend::views::gl
