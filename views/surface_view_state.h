// The loss-surface view's state and the functions its files share (internal to views/surface_view*.cpp).
//
// Files, one job each:
//   surface_view.cpp          the View: layout, mode tabs, surface picker and formula field, toolbar, reset
//   surface_view_api.cpp      configure/query keys for lessons and --set
//   surface_view_scene.cpp    the surface's scene and critical points, built off the UI thread
//   surface_view_3d.cpp       the 3-D panel: lit mesh, trails and balls, critical markers, picking
//   surface_view_2d.cpp       the 2-D panel: filled contours, gradient field, trails, step arrows, readout
//   surface_view_race.cpp     racer table with per-racer hyperparameters, step card, loss curves
//   surface_view_saddles.cpp  "Saddles in high dimensions"
//   surface_view_slice.cpp    "Real network slice"
//
// Every number shown comes from core/surface (race snapshot, scene, critical points, experiments); these
// files lay it out, colour it and turn clicks into commands.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/surface/critical.h"
#include "core/surface/net_slice.h"
#include "core/surface/race.h"
#include "core/surface/saddle_study.h"
#include "core/surface/scene.h"
#include "views/gl/orbit_camera.h"
#include "views/gl/surface_renderer.h"
#include "views/gl/texture.h"
#include "views/plot/contour.h"
#include "views/plot/line_plot.h"
#include "views/plot/plot_2d.h"
#include "views/surface_view_jobs.h"
#include "views/view.h"
#include "views/widgets/session_toolbar.h"

namespace attend::views::surface_view {

enum class Mode { Race, Saddles, Slice };
const char* mode_name(Mode m);  // "race", "saddles", "slice"

// ----------------------------------------------------------------------------------------------- scene

// What the 3-D and 2-D panels draw of a height field (an analytic surface or a network's loss slice), built
// on a job thread. The 2-D geometry is kept in grid coordinates (column, row from the top) so a frame only
// maps it to pixels.
struct Scene {
  uint64_t generation = 0;      // which request it answers
  surface::SurfaceScene scene;  // mesh (f, t, valid), contours, gradient arrows
  int n = 0;                    // mesh vertices per side
  std::vector<float> t_top;     // mesh.t with row 0 at the top (y = y1), as the renderer and plots read grids
  // 2-D panel: the mesh's t every `step`-th row and column (the finer mesh is for the 3-D view).
  int rows2 = 0, cols2 = 0;
  std::vector<float> t2;        // rows2 × cols2, row 0 at the top
  std::vector<float> arrow_t;   // t under each gradient arrow (the arrow takes black or white to read on it)
  // Filled contours as an image: each mesh vertex coloured by its band (t in steps of 1/kBands), row 0 at the
  // top. One textured quad a frame instead of tens of thousands of band triangles.
  std::vector<uint32_t> band_pixels;
  std::vector<double> line_levels;                 // in t: 0.1, 0.2, … 0.9, where the 3-D view draws its lines
  std::vector<std::vector<plot::Polyline>> lines;  // per level, in the 2-D grid's coordinates
};

// Critical points of the current surface in the current box.
struct Critical {
  uint64_t generation = 0;
  surface::CriticalResult result;
  surface::CriticalCounts counts;
};

// Builds a Scene from a mesh already filled in `s.scene` (shared by the analytic surface and the slice).
void finish_scene(Scene& s, int field_step);
// The 3-D view's height (world units) and its contour lines: every 0.1 of the display height t.
constexpr float kSurfaceHeight = 0.7f;
constexpr int kContourCount = 10;
constexpr int kBands = 20;  // filled bands in the 2-D view: two per contour line

// ----------------------------------------------------------------------------------------------- panels

struct Panel {
  ImVec2 min, max;            // the panel's frame
  ImVec2 body_min, body_max;  // below the title row
  ImVec2 body_size() const { return ImVec2(body_max.x - body_min.x, body_max.y - body_min.y); }
};
// A framed panel with a bold title; returns where its content goes.
Panel draw_panel(const ViewContext& ctx, const char* title, ImVec2 min, ImVec2 max);
// Places the cursor for controls right-aligned in a panel's title row.
void header_controls_at(const ViewContext& ctx, const Panel& p, float width);

// What the offscreen 3-D image was last rendered with: it is rendered again only when this changes.
struct RenderCache {
  bool valid = false;
  float camera[6] = {0, 0, 0, 0, 0, 0};
  int width = 0, height = 0;
  bool wireframe = false;
  uint64_t version = 0;  // the uploaded surface
  ImU32 background = 0, line = 0;
  bool operator==(const RenderCache& o) const {
    return valid && o.valid && std::equal(camera, camera + 6, o.camera) && width == o.width && height == o.height &&
           wireframe == o.wireframe && version == o.version && background == o.background && line == o.line;
  }
};
// gl::draw_surface_view with the image cached (see RenderCache); the last ImGui item is the image.
gl::SurfaceViewResult draw_cached_surface(const ViewContext& ctx, const char* id, gl::SurfaceRenderer& r, gl::OrbitCamera& cam,
                                          const gl::SurfaceStyle& style, ImVec2 size, const char* x_label, const char* y_label,
                                          RenderCache& cache, uint64_t version);

// For the screenshot tests: panel rectangles written to $ATTEND_SURFACE_LAYOUT in headless runs.
struct LayoutRecord {
  std::string name;
  ImVec2 min, max;            // the panel
  ImVec2 area_min, area_max;  // its plot area or 3-D image
};

// --------------------------------------------------------------------------------------------- saddles

struct SaddlesState {
  surface::SaddleStudySpec spec;
  BackgroundJob<std::shared_ptr<const surface::SaddleStudy>> job;
  std::shared_ptr<const surface::SaddleStudy> study;
  bool started = false;   // run once when the mode is first shown
  plot::LinePlotState goe_plot, field_plot;
  plot::Plot2DState net_plot;
  std::vector<std::vector<double>> buffers, field_buffers, net_buffers;  // what the plots point into
};

// ----------------------------------------------------------------------------------------------- slice

struct SliceState {
  surface::NetSliceSpec spec;
  BackgroundJob<std::shared_ptr<const surface::NetSliceResult>> job;
  std::shared_ptr<const surface::NetSliceResult> result;
  uint64_t uploaded = 0;               // the result generation in the renderer
  uint64_t generation = 0;
  bool started = false;
  gl::SurfaceRenderer renderer;
  gl::OrbitCamera camera;
  RenderCache render_cache;
  bool wireframe = false;
  plot::LinePlotState interp_plot, train_plot;
  plot::Plot2DState map_plot;
  std::vector<double> top_down;                 // the slice's loss with row 0 at the top (β = +range)
  std::vector<double> path_a, path_b, path_f;   // the trajectory in slice coordinates and its true loss
  std::vector<double> mark_a, mark_b;           // θ₀ (projected) and θ*
  std::vector<double> steps, curve;             // training loss per step
};

// ---------------------------------------------------------------------------------------------- the lab

struct Lab {
  Mode mode = Mode::Race;
  bool select_tab = true;  // the tab bar shows `mode` next frame (a lesson or --set changed it)

  // The surface (the UI thread's own copy; the race's worker holds another) and the box on show.
  surface::Surface surface;
  surface::Box box;
  std::string surface_text;              // the id or formula last applied
  char formula_buf[512] = {};            // what the formula field holds
  std::string formula_error;             // the last formula's error, shown under the field
  int formula_error_column = 0;          // 1-based; 0 when none
  std::vector<surface::CatalogueEntry> catalogue;

  // Display options.
  bool wireframe = false;
  bool show_critical = true;
  bool show_field = true;
  bool step_by_step = false;
  bool log_gap = true;                   // loss curves as f − f* on a log axis (when a minimum is in view)
  std::set<std::string> hidden;          // racers not drawn (still racing)
  std::string focus;                     // the racer the step card and arrows describe ("" = first)
  int selected_critical = -1;            // clicked marker: its readout stays
  std::optional<surface::Vec2> hover;       // the point under the mouse this frame (either panel)
  std::optional<surface::Vec2> hover_prev;  // last frame's, for the panel drawn before the one hovered
  std::optional<surface::Vec2> probe;       // a readout pinned at a point (lessons: "look at the Hessian here")

  // The race.
  std::unique_ptr<surface::RaceSession> race;
  SessionToolbarState toolbar;
  std::shared_ptr<const surface::RaceSnapshot> snap;  // taken once a frame
  std::string edit_label;          // the racer whose hyperparameter popover is open
  optim::Hyper edit_hyper;         // its values as edited (the snapshot lags a frame behind)
  uint64_t steps_cache_version = 0;
  std::vector<std::vector<double>> steps_cache, gap_cache;  // per racer: trace steps as doubles, f − f*

  // The surface's scene and critical points.
  uint64_t generation = 0;         // increases with every change of surface or box
  bool scene_wanted = false, critical_wanted = false;
  BackgroundJob<std::shared_ptr<const Scene>> scene_job;
  BackgroundJob<std::shared_ptr<const Critical>> critical_job;
  std::shared_ptr<const Scene> scene;
  std::shared_ptr<const Critical> critical;

  // 2-D: the band image of the scene on show.
  gl::Texture band_texture;
  uint64_t band_uploaded = 0;

  // 3-D.
  gl::SurfaceRenderer renderer;
  uint64_t uploaded = 0;
  gl::OrbitCamera camera;
  RenderCache render_cache;

  plot::LinePlotState loss_plot;
  SaddlesState saddles;
  SliceState slice;
  std::vector<LayoutRecord> layout;
  bool headless = false;
};

// -------------------------------------------------------------------------------------------- functions

// The lab with the default surface (Himmelblau), its racers, and jobs started.
std::unique_ptr<Lab> make_lab();
gl::OrbitCamera default_camera();
// Back to the defaults (surface, racers, options, camera); experiment results are kept.
void reset_lab(Lab& lab);

// Applies a built-in id or a formula: on success the race, the scene and the critical points follow.
Status apply_surface(Lab& lab, const std::string& id_or_formula);
// Zoom or pan: a new box for the 2-D and 3-D views (the race judges divergence against it).
void set_view_box(Lab& lab, const surface::Box& box);
// Starts the jobs that are wanted and not running, and takes finished results; called each frame and by
// queries. With `block` it waits for them (headless runs and tests).
void poll_jobs(Lab& lab, bool block);

// Colour of racer i of a snapshot: its own, else the theme's series colour of its method, else the first free.
ImU32 racer_colour(const Palette& pal, const surface::RaceSnapshot& snap, size_t i);
// The racer the step card and the step arrows describe.
const surface::Racer* focus_racer(const Lab& lab);
// Trace steps as doubles (and the loss gap to the lowest minimum) per racer, rebuilt when the snapshot changes.
void update_trace_cache(Lab& lab);
// The critical point kind's colour and marker name.
ImU32 kind_colour(const Palette& pal, surface::CriticalKind k);
// A small marker for a critical point: ▼-ish circle (minimum), triangle (maximum), diamond (saddle), square.
void draw_kind_marker(ImDrawList* dl, ImVec2 c, float r, surface::CriticalKind k, ImU32 fill, ImU32 edge);
// The hover readout (value, gradient, Hessian, eigenvalues) for a point, appended to the current tooltip.
void readout_tooltip(const ViewContext& ctx, const Lab& lab, const surface::PointInfo& info, const char* title);

void draw_3d_panel(ViewContext& ctx, Lab& lab, const Panel& p);
void draw_2d_panel(ViewContext& ctx, Lab& lab, const Panel& p);
void draw_racer_panel(ViewContext& ctx, Lab& lab, const Panel& p);
void draw_step_card(ViewContext& ctx, Lab& lab, const Panel& p);
void draw_loss_panel(ViewContext& ctx, Lab& lab, const Panel& p);
void draw_saddles_mode(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max);
void draw_slice_mode(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max);
void start_saddle_study(Lab& lab);
void start_net_slice(Lab& lab);
void poll_experiments(Lab& lab, bool block);

// The lesson API (surface_view_api.cpp).
Status configure_lab(Lab& lab, const std::string& key, const Value& value);
std::optional<Value> query_lab(Lab& lab, const std::string& key);

}  // namespace attend::views::surface_view
