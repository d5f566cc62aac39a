// 2-D RGBA textures for ImGui images (big heatmaps, decision surfaces): created on first upload, resized when
// the size changes, updated in place with glTexSubImage2D otherwise. `frame_texture` keeps one texture per
// ImGui id for plots that are described anew every frame, and frees those no plot has used for a while.
#pragma once

#include <cstdint>

#include <imgui.h>

#include "views/gl/gl_api.h"

namespace attend::views::gl {

struct Texture {
  GLuint id = 0;
  int width = 0, height = 0;
  bool smooth = false;
};

// `pixels` is width x height RGBA8 (ImU32 layout), row 0 at the top. `smooth` picks bilinear magnification
// (continuous fields) over nearest (heatmap cells stay sharp-edged).
void upload_rgba(Texture& t, int width, int height, const uint32_t* pixels, bool smooth);
void destroy(Texture& t);

inline ImTextureID imgui_id(const Texture& t) { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(t.id)); }

// The texture owned by ImGui id `id`; textures unused for about 10 seconds of frames are deleted.
Texture& frame_texture(ImGuiID id);

}  // namespace attend::views::gl
