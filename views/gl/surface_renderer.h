// A height field drawn in 3-D: a lit mesh coloured by height through a plot colour map, contour lines drawn
// on the mesh by the fragment shader (exact at any zoom), an optional wireframe, a floor grid, rendered into
// an offscreen framebuffer and shown as an ImGui image with an orbit camera. Built for the loss-surface lab:
// a 256 x 256 grid re-uploads in place every frame (positions, normals, colours in one glBufferSubData).
//
// World space: data x maps to [-1, 1] on world x, data y to [1, -1] on world z (larger y further away),
// values to [0, style.height] on world y. `surface_point` and `project_to_image` let a view draw optimizer
// paths, balls and labels over the image with ImDrawList.
//
//   gl::SurfaceRenderer r;           // in the view's state
//   gl::set_surface(r, plot::Grid(loss.data(), 256, 256), {-2, 2}, {-1, 3});
//   auto out = gl::draw_surface_view(ctx, "surface", r, state.camera, style, ImVec2(-1, 400));
#pragma once

#include <string>
#include <vector>

#include "core/util/result.h"
#include "views/gl/framebuffer.h"
#include "views/gl/mesh.h"
#include "views/gl/orbit_camera.h"
#include "views/gl/shader.h"
#include "views/gl/texture.h"
#include "views/plot/color.h"
#include "views/plot/series.h"
#include "views/plot/values.h"
#include "views/view.h"

namespace attend::views::gl {

struct SurfaceStyle {
  const plot::ColorMap* map = nullptr;  // null: lumen
  float height = 0.7f;                  // world height of the value range (x and z span [-1, 1])
  int contour_count = 10;               // about this many contour lines at nice values; 0: none
  bool wireframe = false;
  int wire_lines = 24;                  // grid lines per side in wireframe mode
  bool floor = true;                    // floor grid and outline under the surface
  int samples = 4;                      // multisampling (1: off); 2x2 supersampling on software renderers
};

struct SurfaceRenderer {
  Program surface, lines;
  Mesh mesh, wire, floor;
  Framebuffer fb;
  Texture lut;
  const plot::ColorMap* lut_map = nullptr;
  int rows = 0, cols = 0, wire_lines = 0;
  plot::Range x, y, values;            // data extent and value range of the current surface
  float height = 0.7f;                 // the world height the vertices were built with
  std::vector<Vertex> vertices;        // reused between uploads
  std::vector<uint32_t> indices;
  Mat4 mvp;                            // of the last render, for projecting overlays
  std::string error;                   // shader or framebuffer failure, shown instead of the drawing
  bool shaders_tried = false;
  uint64_t renders = 0;                // counts renders into fb: the image's content marker (texture.h)
};

// Compiles the shaders (once). Also called by render_surface; exposed so a test can see the error.
Status init_surface_renderer(SurfaceRenderer& r);

// Builds (or updates in place) the mesh for `values` over x and y. Non-finite values sit at the floor.
// Normals come from central differences of the world-space heights.
void set_surface(SurfaceRenderer& r, const plot::Grid& values, plot::Range x, plot::Range y, float height = 0.7f);

// Renders into r.fb at width x height pixels (twice that on software renderers when style.samples > 1) with
// `background` behind (opaque).
Status render_surface(SurfaceRenderer& r, const OrbitCamera& cam, const SurfaceStyle& style, int width, int height,
                      ImU32 background, ImU32 line_color);

// The world position of data (x, y, value), and its position on an image drawn at [image_min, image_max].
Vec3 surface_point(const SurfaceRenderer& r, double x, double y, double value);
bool project_to_image(const SurfaceRenderer& r, Vec3 world, ImVec2 image_min, ImVec2 image_max, ImVec2& out);

struct SurfaceViewResult {
  ImVec2 image_min, image_max;
  bool hovered = false;
  bool camera_moved = false;
};

// Renders at the cursor (size <= 0 takes the remaining room) with mouse orbiting, and labels the x and y
// directions on the floor. Shows r.error in place of the image when something failed.
SurfaceViewResult draw_surface_view(const ViewContext& ctx, const char* id, SurfaceRenderer& r, OrbitCamera& cam,
                                    const SurfaceStyle& style, ImVec2 size, const char* x_label = "x",
                                    const char* y_label = "y");

}  // namespace attend::views::gl
