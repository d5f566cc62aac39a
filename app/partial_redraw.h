// Partial redraw: on a software renderer (Mesa's llvmpipe) shading every pixel of a 1280×800 window costs
// more per frame than everything else the UI does, yet while a model trains only the live panels change.
// Where a swap keeps the back buffer (Mesa's software GLX copies it to the window and keeps it; the window
// checks this at start), each frame redraws into it only the rectangles whose ImGui geometry differs from the
// frame it holds. Elsewhere frames are drawn whole.
//
// Change detection is per 32×32-pixel tile: every triangle of the frame's draw lists is hashed, in draw order,
// into each tile its bounding box touches (with its clip rectangle and texture). A tile whose hash differs
// from last frame's is redrawn. Geometry that samples a texture other than the font atlas (heatmaps, the 3-D
// surface) and draw callbacks are always redrawn: their texture may have changed under the same id.
//
// The redraw is exact: the dirty rectangles are cleared and every draw command is replayed clipped to them
// with the scissor ImGui's backend would use, so the pixels equal a full redraw's (tests compare the two).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <imgui.h>

namespace attend::app {

// A screen rectangle in framebuffer pixels, top-left origin, half-open.
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int area() const { return (x1 - x0) * (y1 - y0); }
};

// The tile grid and the hashes of the frame the back buffer holds. Plain data: testable without OpenGL.
struct DamageGrid {
  static constexpr int kTile = 32;
  int width = 0, height = 0;  // framebuffer pixels
  int cols = 0, rows = 0;
  std::vector<uint64_t> shown;     // per tile: the hash of the frame the image holds
  std::vector<uint64_t> next;      // per tile: the hash of the frame being drawn
  std::vector<uint8_t> volatile_;  // per tile: drawn with a texture or callback that may change unseen
  std::vector<PixelRect> boxes;    // per triangle in draw order: its clipped pixel bounds (empty if clipped away)
  // The last frame's draw lists, to recognise a frame that repeats it without hashing its triangles.
  struct SavedCmd {
    ImVec4 clip;
    ImTextureID texture;
    unsigned vtx_offset, idx_offset, elems;
    ImDrawCallback callback;
    void* callback_data;
  };
  struct SavedList {
    std::vector<ImDrawVert> vtx;
    std::vector<ImDrawIdx> idx;
    std::vector<SavedCmd> cmds;
  };
  std::vector<SavedList> last;
  ImVec2 last_pos, last_scale;
  bool valid = false;              // false: the image holds nothing known (first frame, resize, new fonts)
};

// Hashes `draw` into grid.next and grid.volatile_ (resizing the grid to fb_width × fb_height first, which
// invalidates it), then returns the rectangles to redraw: disjoint, covering every changed tile, at most
// `max_rects` unless even 512-pixel blocks need more, or one rectangle of the whole framebuffer when the grid
// is invalid or most of the image changed. The caller draws those rectangles, then calls commit_damage.
std::vector<PixelRect> find_damage(DamageGrid& grid, const ImDrawData& draw, int fb_width, int fb_height,
                                   uintptr_t font_texture, int max_rects = 40);
void commit_damage(DamageGrid& grid);

// The OpenGL side: needs a current GL 3.3 context whose back buffer survives a swap.
struct PartialRedraw {
  DamageGrid grid;
  std::vector<std::unique_ptr<ImDrawList>> lists;  // the frame cut down to the damage, reused frame to frame
  std::vector<ImDrawList*> list_pointers;
  std::vector<int16_t> tile_owner;                // per tile: the damaged rectangle holding it, or -1
  std::vector<std::vector<ImDrawIdx>> buckets;    // per rectangle: the current command's triangles
  double last_redrawn_fraction = 1.0;  // of the window's pixels, for the frame statistics
  float clear[4] = {-1, -1, -1, -1};   // the background the image was cleared to
};

// Renders ImGui's draw data into the back buffer, only where it changed. `clear`: the window background.
void render_partial(PartialRedraw& r, ImDrawData* draw, int fb_width, int fb_height, const float clear[4]);
// Forget the image: the next frame is drawn whole (after the font atlas or the theme changes).
void invalidate(PartialRedraw& r);

}  // namespace attend::app
