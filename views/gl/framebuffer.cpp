#include "views/gl/framebuffer.h"

#include <algorithm>
#include <string>

#include "views/gl/context.h"

namespace attend::views::gl {
namespace {

const char* status_text(GLenum s) {
  switch (s) {
    case GL_FRAMEBUFFER_INCOMPLETE_ATTACHMENT: return "incomplete attachment";
    case GL_FRAMEBUFFER_INCOMPLETE_MISSING_ATTACHMENT: return "missing attachment";
    case GL_FRAMEBUFFER_INCOMPLETE_MULTISAMPLE: return "inconsistent multisampling";
    case GL_FRAMEBUFFER_UNSUPPORTED: return "format combination unsupported";
    default: return "incomplete";
  }
}

}  // namespace

Framebuffer::~Framebuffer() { destroy(*this); }

void destroy(Framebuffer& fb) {
  if (has_current_context()) {
    if (fb.fbo) glDeleteFramebuffers(1, &fb.fbo);
    if (fb.ms_fbo) glDeleteFramebuffers(1, &fb.ms_fbo);
    if (fb.color) glDeleteTextures(1, &fb.color);
    if (fb.depth) glDeleteRenderbuffers(1, &fb.depth);
    if (fb.ms_color) glDeleteRenderbuffers(1, &fb.ms_color);
    if (fb.ms_depth) glDeleteRenderbuffers(1, &fb.ms_depth);
  }
  fb.fbo = fb.ms_fbo = fb.color = fb.depth = fb.ms_color = fb.ms_depth = 0;
  fb.width = fb.height = fb.samples = 0;
}

Status resize(Framebuffer& fb, int width, int height, int samples) {
  width = std::max(1, width);
  height = std::max(1, height);
  GLint max_samples = 1;
  glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
  samples = std::clamp(samples, 1, std::max(1, static_cast<int>(max_samples)));
  if (fb.fbo && fb.width == width && fb.height == height && fb.samples == samples) return Ok{};
  destroy(fb);
  GLint prev_fbo = 0, prev_tex = 0, prev_rb = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &prev_fbo);
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev_tex);
  glGetIntegerv(GL_RENDERBUFFER_BINDING, &prev_rb);

  glGenTextures(1, &fb.color);
  glBindTexture(GL_TEXTURE_2D, fb.color);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glGenRenderbuffers(1, &fb.depth);
  glBindRenderbuffer(GL_RENDERBUFFER, fb.depth);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
  glGenFramebuffers(1, &fb.fbo);
  glBindFramebuffer(GL_FRAMEBUFFER, fb.fbo);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, fb.color, 0);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, fb.depth);
  GLenum st = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  std::string failure = st == GL_FRAMEBUFFER_COMPLETE ? "" : std::string("framebuffer: ") + status_text(st);

  if (failure.empty() && samples > 1) {
    glGenRenderbuffers(1, &fb.ms_color);
    glBindRenderbuffer(GL_RENDERBUFFER, fb.ms_color);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, width, height);
    glGenRenderbuffers(1, &fb.ms_depth);
    glBindRenderbuffer(GL_RENDERBUFFER, fb.ms_depth);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_DEPTH_COMPONENT24, width, height);
    glGenFramebuffers(1, &fb.ms_fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fb.ms_fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, fb.ms_color);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, fb.ms_depth);
    st = glCheckFramebufferStatus(GL_FRAMEBUFFER);
    if (st != GL_FRAMEBUFFER_COMPLETE) failure = std::string("multisampled framebuffer: ") + status_text(st);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(prev_fbo));
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(prev_tex));
  glBindRenderbuffer(GL_RENDERBUFFER, static_cast<GLuint>(prev_rb));
  if (!failure.empty()) {
    destroy(fb);
    return make_error(failure + " (" + std::to_string(width) + "x" + std::to_string(height) + ", " +
                      std::to_string(samples) + " samples)");
  }
  fb.width = width;
  fb.height = height;
  fb.samples = samples;
  return Ok{};
}

void begin(Framebuffer& fb) {
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &fb.saved_fbo);
  glGetIntegerv(GL_VIEWPORT, fb.saved_viewport);
  fb.saved_depth = glIsEnabled(GL_DEPTH_TEST);
  fb.saved_scissor = glIsEnabled(GL_SCISSOR_TEST);
  fb.saved_blend = glIsEnabled(GL_BLEND);
  fb.saved_cull = glIsEnabled(GL_CULL_FACE);
  glBindFramebuffer(GL_FRAMEBUFFER, fb.ms_fbo ? fb.ms_fbo : fb.fbo);
  glViewport(0, 0, fb.width, fb.height);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_CULL_FACE);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LEQUAL);
  glDepthMask(GL_TRUE);
}

void end(Framebuffer& fb) {
  if (fb.ms_fbo) {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fb.ms_fbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fb.fbo);
    glBlitFramebuffer(0, 0, fb.width, fb.height, 0, 0, fb.width, fb.height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(fb.saved_fbo));
  glViewport(fb.saved_viewport[0], fb.saved_viewport[1], fb.saved_viewport[2], fb.saved_viewport[3]);
  auto set = [](GLenum cap, GLboolean on) { on ? glEnable(cap) : glDisable(cap); };
  set(GL_DEPTH_TEST, fb.saved_depth);
  set(GL_SCISSOR_TEST, fb.saved_scissor);
  set(GL_BLEND, fb.saved_blend);
  set(GL_CULL_FACE, fb.saved_cull);
}

void read_pixels(const Framebuffer& fb, unsigned char* rgba) {
  GLint prev = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &prev);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fb.fbo);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, fb.width, fb.height, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(prev));
}

}  // namespace attend::views::gl
