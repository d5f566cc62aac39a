#include "app/partial_redraw.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include "views/gl/gl_api.h"

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

PixelRect bounding(const PixelRect& a, const PixelRect& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
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

void hash_draw_data(DamageGrid& g, const ImDrawData& draw, uintptr_t font_texture) {
  std::fill(g.next.begin(), g.next.end(), 0);
  std::fill(g.volatile_.begin(), g.volatile_.end(), 0);
  const PixelRect screen{0, 0, g.width, g.height};
  std::vector<uint64_t> vh;
  for (int l = 0; l < draw.CmdListsCount; ++l) {
    const ImDrawList* list = draw.CmdLists[l];
    vh.resize(static_cast<size_t>(list->VtxBuffer.Size));
    for (int i = 0; i < list->VtxBuffer.Size; ++i) vh[static_cast<size_t>(i)] = vertex_hash(list->VtxBuffer[i]);
    const ImDrawVert* vtx = list->VtxBuffer.Data;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      const PixelRect clip = intersect(backend_scissor(cmd.ClipRect, draw.DisplayPos, draw.FramebufferScale, g.height), screen);
      if (is_empty(clip)) continue;
      if (cmd.UserCallback) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) add_to_tiles(g, clip, 0, true);
        continue;
      }
      const auto tex = reinterpret_cast<uintptr_t>(cmd.TextureId);
      const bool is_volatile = tex != font_texture;
      const uint64_t seed = finalize((uint64_t(clip.x0) << 48) ^ (uint64_t(clip.y0) << 32) ^ (uint64_t(clip.x1) << 16) ^
                                     uint64_t(clip.y1) ^ rotl(tex, 29));
      const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
      const ImDrawVert* base = vtx + cmd.VtxOffset;
      const uint64_t* hbase = vh.data() + cmd.VtxOffset;
      for (unsigned e = 0; e + 2 < cmd.ElemCount; e += 3) {
        const ImDrawVert &a = base[idx[e]], &b = base[idx[e + 1]], &c = base[idx[e + 2]];
        const float fx0 = std::min({a.pos.x, b.pos.x, c.pos.x}), fx1 = std::max({a.pos.x, b.pos.x, c.pos.x});
        const float fy0 = std::min({a.pos.y, b.pos.y, c.pos.y}), fy1 = std::max({a.pos.y, b.pos.y, c.pos.y});
        const float sx = draw.FramebufferScale.x, sy = draw.FramebufferScale.y;
        const float ox = draw.DisplayPos.x, oy = draw.DisplayPos.y;
        // Bounds in pixels, widened by a pixel: a pixel whose centre a triangle covers lies inside them.
        PixelRect box;
        box.x0 = static_cast<int>(std::max(-1.0f, std::floor((fx0 - ox) * sx))) - 1;
        box.y0 = static_cast<int>(std::max(-1.0f, std::floor((fy0 - oy) * sy))) - 1;
        box.x1 = static_cast<int>(std::min(static_cast<float>(g.width) + 1, std::ceil((fx1 - ox) * sx))) + 1;
        box.y1 = static_cast<int>(std::min(static_cast<float>(g.height) + 1, std::ceil((fy1 - oy) * sy))) + 1;
        box = intersect(box, clip);
        if (is_empty(box)) continue;
        const uint64_t h = seed ^ (hbase[idx[e]] + rotl(hbase[idx[e + 1]], 17) + rotl(hbase[idx[e + 2]], 31));
        add_to_tiles(g, box, h, is_volatile);
      }
    }
  }
}

// Dirty tiles as rectangles: runs along each row of tiles, stacked where consecutive rows have the same run.
std::vector<PixelRect> dirty_rects(const DamageGrid& g) {
  std::vector<PixelRect> done, open;
  for (int ty = 0; ty < g.rows; ++ty) {
    std::vector<PixelRect> row;
    for (int tx = 0; tx < g.cols;) {
      auto dirty = [&](int x) {
        const size_t i = static_cast<size_t>(ty) * g.cols + x;
        return g.next[i] != g.shown[i] || g.volatile_[i];
      };
      if (!dirty(tx)) {
        ++tx;
        continue;
      }
      int end = tx;
      while (end < g.cols && dirty(end)) ++end;
      row.push_back({tx, ty, end, ty + 1});
      tx = end;
    }
    std::vector<PixelRect> still_open;
    for (PixelRect& o : open) {
      auto same = std::find_if(row.begin(), row.end(), [&](const PixelRect& r) { return r.x0 == o.x0 && r.x1 == o.x1; });
      if (same != row.end()) {
        o.y1 = ty + 1;
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
  for (PixelRect& r : done) {  // tiles to pixels
    r.x0 *= DamageGrid::kTile;
    r.y0 *= DamageGrid::kTile;
    r.x1 = std::min(g.width, r.x1 * DamageGrid::kTile);
    r.y1 = std::min(g.height, r.y1 * DamageGrid::kTile);
  }
  return done;
}

}  // namespace

std::vector<PixelRect> merge_rects(std::vector<PixelRect> rects, int max_rects) {
  max_rects = std::max(1, max_rects);
  // Many small rectangles first pair up in reading order, which keeps the greedy search below cheap.
  while (rects.size() > 64) {
    std::sort(rects.begin(), rects.end(), [](const PixelRect& a, const PixelRect& b) {
      return a.y0 != b.y0 ? a.y0 < b.y0 : a.x0 < b.x0;
    });
    std::vector<PixelRect> halved;
    for (size_t i = 0; i < rects.size(); i += 2)
      halved.push_back(i + 1 < rects.size() ? bounding(rects[i], rects[i + 1]) : rects[i]);
    rects = std::move(halved);
  }
  while (static_cast<int>(rects.size()) > max_rects) {
    size_t bi = 0, bj = 1;
    long best = -1;
    for (size_t i = 0; i < rects.size(); ++i)
      for (size_t j = i + 1; j < rects.size(); ++j) {
        const long cost = static_cast<long>(bounding(rects[i], rects[j]).area()) - rects[i].area() - rects[j].area();
        if (best < 0 || cost < best) best = std::max(0L, cost), bi = i, bj = j;
      }
    rects[bi] = bounding(rects[bi], rects[bj]);
    rects.erase(rects.begin() + static_cast<long>(bj));
  }
  return rects;
}

std::vector<PixelRect> find_damage(DamageGrid& grid, const ImDrawData& draw, int fb_width, int fb_height,
                                   uintptr_t font_texture, int max_rects) {
  resize_grid(grid, fb_width, fb_height);
  hash_draw_data(grid, draw, font_texture);
  const PixelRect whole{0, 0, fb_width, fb_height};
  if (!grid.valid) return {whole};
  std::vector<PixelRect> rects = merge_rects(dirty_rects(grid), max_rects);
  long area = 0;
  for (const PixelRect& r : rects) area += r.area();
  // Past about two thirds of the window one pass over everything is cheaper than several clipped ones.
  if (area * 3 > static_cast<long>(whole.area()) * 2) return {whole};
  return rects;
}

void commit_damage(DamageGrid& grid) {
  grid.shown.swap(grid.next);
  grid.valid = true;
}

namespace {

// Replays the whole draw list clipped to `rect`: every command's clip rectangle becomes its backend scissor
// intersected with the rectangle (commands outside it are skipped by the backend), then restored.
void replay_clipped(ImDrawData* draw, const PixelRect& rect, bool whole, int fb_height) {
  if (whole) {
    ImGui_ImplOpenGL3_RenderDrawData(draw);
    return;
  }
  std::vector<ImVec4> saved;
  const ImVec2 off = draw->DisplayPos, scale = draw->FramebufferScale;
  for (int l = 0; l < draw->CmdListsCount; ++l)
    for (ImDrawCmd& cmd : draw->CmdLists[l]->CmdBuffer) {
      saved.push_back(cmd.ClipRect);
      const PixelRect s = intersect(backend_scissor(cmd.ClipRect, off, scale, fb_height), rect);
      cmd.ClipRect = is_empty(s) ? ImVec4(0, 0, 0, 0)
                                 : ImVec4(s.x0 / scale.x + off.x, s.y0 / scale.y + off.y, s.x1 / scale.x + off.x,
                                          s.y1 / scale.y + off.y);
    }
  ImGui_ImplOpenGL3_RenderDrawData(draw);
  size_t k = 0;
  for (int l = 0; l < draw->CmdListsCount; ++l)
    for (ImDrawCmd& cmd : draw->CmdLists[l]->CmdBuffer) cmd.ClipRect = saved[k++];
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
  long area = 0;
  for (const PixelRect& rect : rects) {
    glEnable(GL_SCISSOR_TEST);
    glScissor(rect.x0, fb_height - rect.y1, rect.x1 - rect.x0, rect.y1 - rect.y0);
    glClear(GL_COLOR_BUFFER_BIT);
    replay_clipped(draw, rect, whole, fb_height);
    area += rect.area();
  }
  glDisable(GL_SCISSOR_TEST);
  commit_damage(r.grid);
  r.last_redrawn_fraction = static_cast<double>(area) / (static_cast<double>(fb_width) * fb_height);
}

void invalidate(PartialRedraw& r) { r.grid.valid = false; }

}  // namespace attend::app
