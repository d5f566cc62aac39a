// An offscreen framebuffer with a colour texture and a depth buffer, for 3-D drawings shown inside ImGui
// with ImGui::Image. With samples > 1 the drawing goes to a multisampled buffer that `end` resolves into the
// texture, so edges are smooth. `begin` saves the GL state it changes and `end` restores it, so ImGui's
// renderer finds things as it left them.
//
//   if (auto s = gl::resize(fb, w, h, 4); !s) error = s.error().to_string();
//   gl::begin(fb); ...draw... gl::end(fb);
//   ImGui::Image(gl::texture_id(fb), size, ImVec2(0, 1), ImVec2(1, 0));   // GL's rows run bottom-up
#pragma once

#include <imgui.h>

#include "core/util/result.h"
#include "views/gl/gl_api.h"

namespace attend::views::gl {

struct Framebuffer {
  GLuint fbo = 0, color = 0, depth = 0;              // the resolved target: colour texture + depth
  GLuint ms_fbo = 0, ms_color = 0, ms_depth = 0;     // the multisampled target (samples > 1)
  int width = 0, height = 0, samples = 0;
  // State saved by begin, restored by end.
  GLint saved_fbo = 0, saved_viewport[4] = {0, 0, 0, 0};
  GLboolean saved_depth = GL_FALSE, saved_scissor = GL_FALSE, saved_blend = GL_FALSE, saved_cull = GL_FALSE;

  Framebuffer() = default;
  Framebuffer(const Framebuffer&) = delete;
  Framebuffer& operator=(const Framebuffer&) = delete;
  ~Framebuffer();
};

// (Re)creates the buffers when the size or sample count changed; an incomplete framebuffer is an Error.
// The sample count is clamped to what the driver supports.
Status resize(Framebuffer& fb, int width, int height, int samples);
void begin(Framebuffer& fb);  // binds, sets the viewport, enables depth testing
void end(Framebuffer& fb);    // resolves multisampling, restores the saved state
void destroy(Framebuffer& fb);
inline ImTextureID texture_id(const Framebuffer& fb) {
  return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(fb.color));
}

// Reads the resolved colour texture back (RGBA8, row 0 at the bottom as GL stores it), for tests.
void read_pixels(const Framebuffer& fb, unsigned char* rgba);

}  // namespace attend::views::gl
