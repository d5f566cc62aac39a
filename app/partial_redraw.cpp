#include "app/partial_redraw.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include "views/gl/gl_api.h"
#include "views/gl/texture.h"

namespace attend::app {
namespace {

static_assert(sizeof(ImDrawVert) == 20, "the vertex hash reads ImGui's default 20-byte vertex");

inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

inline uint64_t vertex_hash(const ImDrawVert& v) {
  uint32_t w[5];
  std::memcpy(w, &v, sizeof w);
  const uint64_t a = ((uint64_t{w[0]} << 32) | w[1]) * 0x9E3779B97F4A7C15ull;
  const uint64_t b = ((uint64_t{w[2]} << 32) | w[3]) * 0xC2B2AE3D27D4EB4Full;
  const uint64_t c = (uint64_t{w[4]} + 1) * 0x165667B19E3779F9ull;
  return a ^ rotl(b, 21) ^ rotl(c, 42);
}

inline uint64_t finalize(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  return h;
}

// The scissor rectangle ImGui's OpenGL3 backend derives from a clip rectangle, in framebuffer pixels with a
// top-left origin: the same integer truncation, so a command clipped to a damage rectangle covers exactly
// the pixels the full draw would there.
PixelRect backend_scissor(const ImVec4& clip, const ImVec2& off, const ImVec2& scale, int fb_height) {
  const float x0 = (clip.x - off.x) * scale.x, y0 = (clip.y - off.y) * scale.y;
  const float x1 = (clip.z - off.x) * scale.x, y1 = (clip.w - off.y) * scale.y;
  if (x1 <= x0 || y1 <= y0) return {};
  // glScissor(x0, fb_height - y1, x1 - x0, y1 - y0), each truncated to int, turned back to a top-left origin.
  const int gl_x = static_cast<int>(x0), gl_y = static_cast<int>(static_cast<float>(fb_height) - y1);
  const int w = static_cast<int>(x1 - x0), h = static_cast<int>(y1 - y0);
  return {gl_x, fb_height - gl_y - h, gl_x + w, fb_height - gl_y};
}

PixelRect intersect(const PixelRect& a, const PixelRect& b) {
  PixelRect r{std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
  if (r.x1 <= r.x0 || r.y1 <= r.y0) return {};
  return r;
}

bool is_empty(const PixelRect& r) { return r.x1 <= r.x0 || r.y1 <= r.y0; }

void resize_grid(DamageGrid& g, int width, int height) {
  if (g.width == width && g.height == height && !g.shown.empty()) return;
  g.width = width;
  g.height = height;
  g.cols = (width + DamageGrid::kTile - 1) / DamageGrid::kTile;
  g.rows = (height + DamageGrid::kTile - 1) / DamageGrid::kTile;
  const size_t n = static_cast<size_t>(g.cols) * g.rows;
  g.shown.assign(n, 0);
  g.next.assign(n, 0);
  g.volatile_.assign(n, 0);
  g.valid = false;
}

// Adds one primitive (a triangle's bounds, already clipped) to the tiles it touches.
inline void add_to_tiles(DamageGrid& g, const PixelRect& r, uint64_t h, bool is_volatile) {
  const int tx0 = r.x0 / DamageGrid::kTile, tx1 = (r.x1 - 1) / DamageGrid::kTile;
  const int ty0 = r.y0 / DamageGrid::kTile, ty1 = (r.y1 - 1) / DamageGrid::kTile;
  for (int ty = ty0; ty <= ty1; ++ty) {
    const size_t row = static_cast<size_t>(ty) * g.cols;
    for (int tx = tx0; tx <= tx1; ++tx) {
      uint64_t& t = g.next[row + tx];
      t = (t ^ h) * 0x100000001B3ull + 0x9E37ull;
      if (is_volatile) g.volatile_[row + tx] = 1;
    }
  }
}

PixelRect triangle_bounds(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, const ImDrawData& draw,
                          int width, int height);

void hash_draw_data(DamageGrid& g, const ImDrawData& draw, uintptr_t font_texture) {
  std::fill(g.next.begin(), g.next.end(), 0);
  std::fill(g.volatile_.begin(), g.volatile_.end(), 0);
  g.boxes.clear();
  const PixelRect screen{0, 0, g.width, g.height};
  std::vector<uint64_t> vh;
  for (int l = 0; l < draw.CmdListsCount; ++l) {
    const ImDrawList* list = draw.CmdLists[l];
    vh.resize(static_cast<size_t>(list->VtxBuffer.Size));
    for (int i = 0; i < list->VtxBuffer.Size; ++i) vh[static_cast<size_t>(i)] = vertex_hash(list->VtxBuffer[i]);
    const ImDrawVert* vtx = list->VtxBuffer.Data;
    uint64_t image_content = 0;  // from the last image marker, for the image command after it
    bool has_content = false;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      const PixelRect clip = intersect(backend_scissor(cmd.ClipRect, draw.DisplayPos, draw.FramebufferScale, g.height), screen);
      if (cmd.UserCallback == &views::gl::image_content_marker) {
        image_content = reinterpret_cast<uintptr_t>(cmd.UserCallbackData);
        has_content = true;
        continue;
      }
      if (cmd.UserCallback) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState && !is_empty(clip)) add_to_tiles(g, clip, 0, true);
        continue;
      }
      if (cmd.ElemCount == 0) continue;
      // A texture other than the font atlas may have changed under the same id, unless a marker says which
      // pixels it holds.
      const auto tex = reinterpret_cast<uintptr_t>(cmd.TextureId);
      const bool is_volatile = tex != font_texture && !has_content;
      const uint64_t seed = finalize((uint64_t(clip.x0) << 48) ^ (uint64_t(clip.y0) << 32) ^ (uint64_t(clip.x1) << 16) ^
                                     uint64_t(clip.y1) ^ rotl(tex, 29) ^ rotl(has_content ? image_content : 0, 41));
      has_content = false;
      const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
      const ImDrawVert* base = vtx + cmd.VtxOffset;
      const uint64_t* hbase = vh.data() + cmd.VtxOffset;
      for (unsigned e = 0; e + 2 < cmd.ElemCount; e += 3) {
        // Every triangle gets a box (empty when clipped away), in draw order, for the replay to reuse.
        const PixelRect box =
            intersect(triangle_bounds(base[idx[e]], base[idx[e + 1]], base[idx[e + 2]], draw, g.width, g.height), clip);
        g.boxes.push_back(box);
        if (is_empty(box)) continue;
        const uint64_t h = seed ^ (hbase[idx[e]] + rotl(hbase[idx[e + 1]], 17) + rotl(hbase[idx[e + 2]], 31));
        add_to_tiles(g, box, h, is_volatile);
      }
    }
  }
}

DamageGrid::SavedCmd saved(const ImDrawCmd& c) {
  return {c.ClipRect, c.TextureId, c.VtxOffset, c.IdxOffset, c.ElemCount, c.UserCallback, c.UserCallbackData};
}

bool same_cmd(const DamageGrid::SavedCmd& a, const DamageGrid::SavedCmd& b) {
  return a.clip.x == b.clip.x && a.clip.y == b.clip.y && a.clip.z == b.clip.z && a.clip.w == b.clip.w &&
         a.texture == b.texture && a.vtx_offset == b.vtx_offset && a.idx_offset == b.idx_offset &&
         a.elems == b.elems && a.callback == b.callback && a.callback_data == b.callback_data;
}

// Whether the frame's draw data is the last frame's, byte for byte: a still screen (or one whose only
// changes are in marked images) skips the hashing, which for a hundred thousand triangles takes milliseconds.
bool repeats_last(const DamageGrid& g, const ImDrawData& draw) {
  if (static_cast<int>(g.last.size()) != draw.CmdListsCount || draw.DisplayPos.x != g.last_pos.x ||
      draw.DisplayPos.y != g.last_pos.y || draw.FramebufferScale.x != g.last_scale.x ||
      draw.FramebufferScale.y != g.last_scale.y)
    return false;
  for (int l = 0; l < draw.CmdListsCount; ++l) {
    const ImDrawList& src = *draw.CmdLists[l];
    const DamageGrid::SavedList& s = g.last[static_cast<size_t>(l)];
    if (s.vtx.size() != static_cast<size_t>(src.VtxBuffer.Size) || s.idx.size() != static_cast<size_t>(src.IdxBuffer.Size) ||
        s.cmds.size() != static_cast<size_t>(src.CmdBuffer.Size))
      return false;
    if (std::memcmp(s.vtx.data(), src.VtxBuffer.Data, s.vtx.size() * sizeof(ImDrawVert)) != 0 ||
        std::memcmp(s.idx.data(), src.IdxBuffer.Data, s.idx.size() * sizeof(ImDrawIdx)) != 0)
      return false;
    for (int c = 0; c < src.CmdBuffer.Size; ++c)
      if (!same_cmd(s.cmds[static_cast<size_t>(c)], saved(src.CmdBuffer[c]))) return false;
  }
  return true;
}

void save_as_last(DamageGrid& g, const ImDrawData& draw) {
  g.last.resize(static_cast<size_t>(draw.CmdListsCount));
  g.last_pos = draw.DisplayPos;
  g.last_scale = draw.FramebufferScale;
  for (int l = 0; l < draw.CmdListsCount; ++l) {
    const ImDrawList& src = *draw.CmdLists[l];
    DamageGrid::SavedList& s = g.last[static_cast<size_t>(l)];
    s.vtx.assign(src.VtxBuffer.Data, src.VtxBuffer.Data + src.VtxBuffer.Size);
    s.idx.assign(src.IdxBuffer.Data, src.IdxBuffer.Data + src.IdxBuffer.Size);
    s.cmds.clear();
    for (const ImDrawCmd& c : src.CmdBuffer) s.cmds.push_back(saved(c));
  }
}

// Dirty tiles as disjoint rectangles, on a grid of blocks of 2^level × 2^level tiles (a block is dirty when
// any of its tiles is): runs along each row of blocks, stacked where consecutive rows have the same run.
std::vector<PixelRect> dirty_rects(const DamageGrid& g, int level) {
  const int span = 1 << level;
  const int cols = (g.cols + span - 1) / span, rows = (g.rows + span - 1) / span;
  std::vector<uint8_t> dirty(static_cast<size_t>(cols) * rows, 0);
  for (int ty = 0; ty < g.rows; ++ty)
    for (int tx = 0; tx < g.cols; ++tx) {
      const size_t i = static_cast<size_t>(ty) * g.cols + tx;
      if (g.next[i] != g.shown[i] || g.volatile_[i]) dirty[static_cast<size_t>(ty >> level) * cols + (tx >> level)] = 1;
    }
  std::vector<PixelRect> done, open;
  for (int by = 0; by < rows; ++by) {
    std::vector<PixelRect> row;
    for (int bx = 0; bx < cols;) {
      if (!dirty[static_cast<size_t>(by) * cols + bx]) {
        ++bx;
        continue;
      }
      int end = bx;
      while (end < cols && dirty[static_cast<size_t>(by) * cols + end]) ++end;
      row.push_back({bx, by, end, by + 1});
      bx = end;
    }
    std::vector<PixelRect> still_open;
    for (PixelRect& o : open) {
      auto same = std::find_if(row.begin(), row.end(), [&](const PixelRect& r) { return r.x0 == o.x0 && r.x1 == o.x1; });
      if (same != row.end()) {
        o.y1 = by + 1;
        still_open.push_back(o);
        row.erase(same);
      } else {
        done.push_back(o);
      }
    }
    still_open.insert(still_open.end(), row.begin(), row.end());
    open = std::move(still_open);
  }
  done.insert(done.end(), open.begin(), open.end());
  const int px = DamageGrid::kTile * span;
  for (PixelRect& r : done) r = {r.x0 * px, r.y0 * px, std::min(g.width, r.x1 * px), std::min(g.height, r.y1 * px)};
  return done;
}

}  // namespace

std::vector<PixelRect> find_damage(DamageGrid& grid, const ImDrawData& draw, int fb_width, int fb_height,
                                   uintptr_t font_texture, int max_rects) {
  resize_grid(grid, fb_width, fb_height);
  if (grid.valid && repeats_last(grid, draw)) {
    grid.next = grid.shown;  // the same hashes, boxes and volatile tiles as last frame
  } else {
    save_as_last(grid, draw);
    hash_draw_data(grid, draw, font_texture);
  }
  const PixelRect whole{0, 0, fb_width, fb_height};
  if (!grid.valid) return {whole};
  // Each rectangle costs a clear and a draw call per command it meets: coarser blocks until few remain.
  std::vector<PixelRect> rects = dirty_rects(grid, 0);
  for (int level = 1; static_cast<int>(rects.size()) > max_rects && level <= 4; ++level) rects = dirty_rects(grid, level);
  long area = 0;
  for (const PixelRect& r : rects) area += r.area();
  // Past about nine tenths of the window one pass over everything costs less than the clipped ones.
  if (area * 10 > static_cast<long>(whole.area()) * 9) return {whole};
  return rects;
}

void commit_damage(DamageGrid& grid) {
  grid.shown.swap(grid.next);
  grid.valid = true;
}

namespace {

// Pixel bounds of a triangle, widened by a pixel, so every pixel whose centre it covers lies inside.
PixelRect triangle_bounds(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, const ImDrawData& draw,
                          int width, int height) {
  const float sx = draw.FramebufferScale.x, sy = draw.FramebufferScale.y;
  const float ox = draw.DisplayPos.x, oy = draw.DisplayPos.y;
  const float x0 = std::min(a.pos.x, std::min(b.pos.x, c.pos.x)), x1 = std::max(a.pos.x, std::max(b.pos.x, c.pos.x));
  const float y0 = std::min(a.pos.y, std::min(b.pos.y, c.pos.y)), y1 = std::max(a.pos.y, std::max(b.pos.y, c.pos.y));
  // Clamped to the screen (plus the margin) before converting, so far-off geometry cannot overflow an int.
  const auto clamp = [](float v, float hi) { return std::min(std::max(v, -2.0f), hi + 2.0f); };
  return {static_cast<int>(std::floor(clamp((x0 - ox) * sx, static_cast<float>(width)))) - 1,
          static_cast<int>(std::floor(clamp((y0 - oy) * sy, static_cast<float>(height)))) - 1,
          static_cast<int>(std::ceil(clamp((x1 - ox) * sx, static_cast<float>(width)))) + 1,
          static_cast<int>(std::ceil(clamp((y1 - oy) * sy, static_cast<float>(height)))) + 1};
}

// The frame's draw data cut down to the damaged rectangles: each command becomes one command per rectangle it
// meets, clipped to it and holding only the triangles that reach into it. Drawn in one pass, llvmpipe
// transforms and bins only those triangles, and shades only inside the rectangles (which are disjoint, so no
// pixel is blended twice). The rectangles are whole tiles, so a tile map says which rectangle a triangle's
// box reaches without testing each one; the boxes come from the hashing pass.
ImDrawData clip_to_damage(const ImDrawData& draw, const DamageGrid& g, const std::vector<PixelRect>& rects,
                          PartialRedraw& r) {
  const ImVec2 off = draw.DisplayPos, scale = draw.FramebufferScale;
  std::vector<int16_t>& owner = r.tile_owner;
  owner.assign(g.next.size(), -1);
  for (size_t i = 0; i < rects.size(); ++i)
    for (int ty = rects[i].y0 / DamageGrid::kTile; ty * DamageGrid::kTile < rects[i].y1; ++ty)
      for (int tx = rects[i].x0 / DamageGrid::kTile; tx * DamageGrid::kTile < rects[i].x1; ++tx)
        owner[static_cast<size_t>(ty) * g.cols + tx] = static_cast<int16_t>(i);
  std::vector<std::vector<ImDrawIdx>>& buckets = r.buckets;
  buckets.resize(rects.size());
  std::vector<uint32_t> added(rects.size(), 0);  // per rectangle: the last triangle added to it
  uint32_t stamp = 0;
  while (r.lists.size() < static_cast<size_t>(draw.CmdListsCount))
    r.lists.push_back(std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData()));
  r.list_pointers.clear();
  ImDrawData out = draw;
  out.TotalIdxCount = 0;
  size_t box = 0;
  for (int l = 0; l < draw.CmdListsCount; ++l) {
    const ImDrawList& src = *draw.CmdLists[l];
    ImDrawList& dst = *r.lists[static_cast<size_t>(l)];
    dst.CmdBuffer.resize(0);
    dst.IdxBuffer.resize(0);
    // Resized and copied, not assigned: ImVector's assignment frees and reallocates, page faults and all.
    dst.VtxBuffer.resize(src.VtxBuffer.Size);
    if (src.VtxBuffer.Size > 0)
      std::memcpy(dst.VtxBuffer.Data, src.VtxBuffer.Data, static_cast<size_t>(src.VtxBuffer.Size) * sizeof(ImDrawVert));
    dst.Flags = src.Flags;
    for (const ImDrawCmd& cmd : src.CmdBuffer) {
      if (cmd.UserCallback) {
        dst.CmdBuffer.push_back(cmd);
        dst.CmdBuffer.back().IdxOffset = static_cast<unsigned>(dst.IdxBuffer.Size);
        dst.CmdBuffer.back().ElemCount = 0;
        continue;
      }
      if (cmd.ElemCount == 0) continue;
      for (auto& b : buckets) b.clear();
      const ImDrawIdx* idx = src.IdxBuffer.Data + cmd.IdxOffset;
      for (unsigned e = 0; e + 2 < cmd.ElemCount; e += 3) {
        const PixelRect& b = g.boxes[box++];
        if (is_empty(b)) continue;
        ++stamp;  // a big triangle may reach one rectangle through many tiles: add it once
        for (int ty = b.y0 / DamageGrid::kTile; ty <= (b.y1 - 1) / DamageGrid::kTile; ++ty)
          for (int tx = b.x0 / DamageGrid::kTile; tx <= (b.x1 - 1) / DamageGrid::kTile; ++tx) {
            const int16_t o = owner[static_cast<size_t>(ty) * g.cols + tx];
            if (o < 0 || added[static_cast<size_t>(o)] == stamp) continue;
            added[static_cast<size_t>(o)] = stamp;
            buckets[static_cast<size_t>(o)].insert(buckets[static_cast<size_t>(o)].end(), {idx[e], idx[e + 1], idx[e + 2]});
          }
      }
      const PixelRect scissor = backend_scissor(cmd.ClipRect, off, scale, g.height);
      for (size_t i = 0; i < rects.size(); ++i) {
        if (buckets[i].empty()) continue;
        const PixelRect clip = intersect(scissor, rects[i]);
        if (is_empty(clip)) continue;
        ImDrawCmd part = cmd;
        part.ClipRect = ImVec4(clip.x0 / scale.x + off.x, clip.y0 / scale.y + off.y, clip.x1 / scale.x + off.x,
                               clip.y1 / scale.y + off.y);
        part.IdxOffset = static_cast<unsigned>(dst.IdxBuffer.Size);
        part.ElemCount = static_cast<unsigned>(buckets[i].size());
        for (ImDrawIdx v : buckets[i]) dst.IdxBuffer.push_back(v);
        dst.CmdBuffer.push_back(part);
      }
    }
    out.TotalIdxCount += dst.IdxBuffer.Size;
    r.list_pointers.push_back(&dst);
  }
  out.CmdLists = r.list_pointers.data();
  return out;
}

}  // namespace

void render_partial(PartialRedraw& r, ImDrawData* draw, int fb_width, int fb_height, const float clear[4]) {
  // A clip rectangle written back in ImGui's coordinates is exact only at one framebuffer pixel per point.
  if (draw->FramebufferScale.x != 1.0f || draw->FramebufferScale.y != 1.0f) invalidate(r);
  if (!std::equal(clear, clear + 4, r.clear)) {
    std::copy(clear, clear + 4, r.clear);
    invalidate(r);
  }
  const std::vector<PixelRect> rects =
      find_damage(r.grid, *draw, fb_width, fb_height, reinterpret_cast<uintptr_t>(ImGui::GetIO().Fonts->TexID));
  const bool whole = rects.size() == 1 && rects[0].area() == fb_width * fb_height;

  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glViewport(0, 0, fb_width, fb_height);
  glClearColor(clear[0], clear[1], clear[2], clear[3]);
  glEnable(GL_SCISSOR_TEST);
  long area = 0;
  for (const PixelRect& rect : rects) {
    glScissor(rect.x0, fb_height - rect.y1, rect.x1 - rect.x0, rect.y1 - rect.y0);
    glClear(GL_COLOR_BUFFER_BIT);
    area += rect.area();
  }
  glDisable(GL_SCISSOR_TEST);
  if (whole) {
    ImGui_ImplOpenGL3_RenderDrawData(draw);
  } else if (!rects.empty()) {
    ImDrawData clipped = clip_to_damage(*draw, r.grid, rects, r);
    ImGui_ImplOpenGL3_RenderDrawData(&clipped);
  }
  commit_damage(r.grid);
  r.last_redrawn_fraction = static_cast<double>(area) / (static_cast<double>(fb_width) * fb_height);
}

void invalidate(PartialRedraw& r) { r.grid.valid = false; }

}  // namespace attend::app
