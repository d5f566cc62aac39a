#include "views/gl/texture.h"

#include <unordered_map>

namespace attend::views::gl {
namespace {

struct Cached {
  Texture texture;
  int last_frame = 0;
};

// Owned by the GL context's thread (the UI thread); freed lazily as plots disappear.
std::unordered_map<ImGuiID, Cached>& cache() {
  static std::unordered_map<ImGuiID, Cached> c;
  return c;
}

constexpr int kUnusedFrames = 600;

uint64_t hash_pixels(int width, int height, const uint32_t* pixels, bool smooth) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (static_cast<uint64_t>(width) << 32) ^ static_cast<uint64_t>(height) ^
               (smooth ? 0x5A5Aull : 0);
  const size_t n = static_cast<size_t>(width) * height;
  for (size_t i = 0; i < n; ++i) h = (h ^ pixels[i]) * 0x100000001B3ull;
  return h ^ (h >> 29);
}

}  // namespace

void upload_rgba(Texture& t, int width, int height, const uint32_t* pixels, bool smooth) {
  if (width <= 0 || height <= 0) return;
  const uint64_t content = hash_pixels(width, height, pixels, smooth);
  if (t.id != 0 && t.content == content && t.width == width && t.height == height) return;
  t.content = content;
  GLint prev = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev);
  if (t.id == 0) glGenTextures(1, &t.id);
  glBindTexture(GL_TEXTURE_2D, t.id);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  if (t.width != width || t.height != height) {
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    t.width = width;
    t.height = height;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  }
  t.smooth = smooth;
  // Minification always averages (many cells per pixel); magnification keeps cells sharp unless smooth.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, smooth ? GL_LINEAR : GL_NEAREST);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(prev));
}

void image_content_marker(const ImDrawList*, const ImDrawCmd*) {}

void draw_marked_image(ImDrawList* dl, ImTextureID texture, uint64_t content, ImVec2 a, ImVec2 b, ImVec2 uv0,
                       ImVec2 uv1, ImU32 colour) {
  dl->AddCallback(&image_content_marker, reinterpret_cast<void*>(static_cast<uintptr_t>(content)));
  dl->AddImage(texture, a, b, uv0, uv1, colour);
}

void draw_image(ImDrawList* dl, const Texture& t, ImVec2 a, ImVec2 b, ImVec2 uv0, ImVec2 uv1, ImU32 colour) {
  draw_marked_image(dl, imgui_id(t), t.content, a, b, uv0, uv1, colour);
}

void destroy(Texture& t) {
  if (t.id) glDeleteTextures(1, &t.id);
  t = Texture{};
}

Texture& frame_texture(ImGuiID id) {
  auto& c = cache();
  const int frame = ImGui::GetFrameCount();
  for (auto it = c.begin(); it != c.end();) {
    if (frame - it->second.last_frame > kUnusedFrames) {
      destroy(it->second.texture);
      it = c.erase(it);
    } else {
      ++it;
    }
  }
  Cached& e = c[id];
  e.last_frame = frame;
  return e.texture;
}

}  // namespace attend::views::gl
