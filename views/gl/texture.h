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
  uint64_t content = 0;  // a hash of the pixels last uploaded (with the size and filtering)
};

// `pixels` is width x height RGBA8 (ImU32 layout), row 0 at the top. `smooth` picks bilinear magnification
// (continuous fields) over nearest (heatmap cells stay sharp-edged). Pixels equal to those already uploaded
// are not sent again: a plot described anew every frame costs no upload while its data stands still.
void upload_rgba(Texture& t, int width, int height, const uint32_t* pixels, bool smooth);
void destroy(Texture& t);

inline ImTextureID imgui_id(const Texture& t) { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(t.id)); }

// Draws the texture as an image, preceded in the draw list by a marker carrying its content hash. The app's
// partial redraw (app/partial_redraw.h) reads the marker: an image whose pixels did not change is not drawn
// again. An image drawn without one (dl->AddImage) is redrawn every frame.
void draw_image(ImDrawList* dl, const Texture& t, ImVec2 a, ImVec2 b, ImVec2 uv0 = ImVec2(0, 0),
                ImVec2 uv1 = ImVec2(1, 1), ImU32 colour = IM_COL32_WHITE);
// The same for any texture (a framebuffer's, say) whose content the caller numbers: `content` must change
// whenever the pixels do.
void draw_marked_image(ImDrawList* dl, ImTextureID texture, uint64_t content, ImVec2 a, ImVec2 b,
                       ImVec2 uv0 = ImVec2(0, 0), ImVec2 uv1 = ImVec2(1, 1), ImU32 colour = IM_COL32_WHITE);
// The marker's callback: does nothing when the backend meets it. UserCallbackData holds the content hash.
void image_content_marker(const ImDrawList* list, const ImDrawCmd* cmd);

// The texture owned by ImGui id `id`; textures unused for about 10 seconds of frames are deleted.
Texture& frame_texture(ImGuiID id);

}  // namespace attend::views::gl
