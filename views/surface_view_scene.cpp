// The lab's state over time: which surface and box are on show, the race session, and the jobs that build
// the scene and find the critical points off the UI thread.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/util/assert.h"
#include "views/plot/color.h"
#include "views/surface_view_state.h"

namespace attend::views::surface_view {

using surface::Box;
using surface::CriticalKind;
using surface::Surface;

const char* mode_name(Mode m) {
  switch (m) {
    case Mode::Race: return "race";
    case Mode::Saddles: return "saddles";
    case Mode::Slice: return "slice";
  }
  return "race";
}

// ---------------------------------------------------------------------------------------------- scenes

void finish_scene(Scene& s, int step) {
  const surface::Mesh& m = s.scene.mesh;
  const int n = m.n;
  s.n = n;
  s.t_top.resize(static_cast<size_t>(n) * n);
  for (int j = 0; j < n; ++j)
    std::copy_n(m.t.begin() + static_cast<long>(n - 1 - j) * n, n, s.t_top.begin() + static_cast<long>(j) * n);
  step = std::max(1, step);
  s.rows2 = s.cols2 = (n - 1) / step + 1;
  s.t2.resize(static_cast<size_t>(s.rows2) * s.cols2);
  for (int r = 0; r < s.rows2; ++r)
    for (int c = 0; c < s.cols2; ++c) {
      // Cells outside the function's domain stay NaN so the contour code skips them.
      const size_t k = static_cast<size_t>(n - 1 - r * step) * n + static_cast<size_t>(c * step);
      s.t2[static_cast<size_t>(r) * s.cols2 + c] = m.valid[k] ? m.t[k] : NAN;
    }
  // Band k holds t in [k/kBands, (k+1)/kBands): its colour is the map at the band's middle.
  const plot::ColorMap& cm = plot::color_map(plot::ColorMapId::Lumen);
  s.band_pixels.resize(s.t_top.size());
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const size_t src = static_cast<size_t>(n - 1 - j) * n + i;
      const int band = std::clamp(static_cast<int>(m.t[src] * kBands), 0, kBands - 1);
      s.band_pixels[static_cast<size_t>(j) * n + i] = m.valid[src] ? plot::sample(cm, (band + 0.5) / kBands) : 0u;
    }
  s.line_levels.clear();
  for (int k = 1; k < kContourCount; ++k) s.line_levels.push_back(static_cast<double>(k) / kContourCount);
  const plot::Grid g(s.t2.data(), s.rows2, s.cols2);
  s.lines.clear();
  for (double level : s.line_levels) s.lines.push_back(plot::contour_lines(g, level));
  s.arrow_t.clear();
  for (const surface::Arrow& a : s.scene.field) {
    // The colour under an arrow, from the nearest 2-D grid point (the arrows sit at cell centres).
    const int c = std::clamp(static_cast<int>(std::lround((a.at.x - m.box.x0) / m.box.width() * (s.cols2 - 1))), 0, s.cols2 - 1);
    const int r = std::clamp(static_cast<int>(std::lround((m.box.y1 - a.at.y) / m.box.height() * (s.rows2 - 1))), 0, s.rows2 - 1);
    const float t = s.t2[static_cast<size_t>(r) * s.cols2 + c];
    s.arrow_t.push_back((std::clamp(static_cast<int>(t * kBands), 0, kBands - 1) + 0.5f) / kBands);
  }
}

namespace {

constexpr int kMeshResolution = 257;  // odd, so every other vertex gives the 2-D panel a 129² grid
constexpr int kFieldStep = 2;

std::shared_ptr<const Scene> build_surface_scene(const Surface& s, const Box& box, uint64_t generation) {
  auto out = std::make_shared<Scene>();
  out->generation = generation;
  surface::SceneSpec spec;
  spec.resolution = kMeshResolution;
  spec.critical_points = false;  // a job of its own: it takes longer and the mesh should not wait for it
  spec.field_columns = 21;
  out->scene = surface::build_scene(s, box, spec);
  finish_scene(*out, kFieldStep);
  return out;
}

void start_race(Lab& lab) {
  lab.race = std::make_unique<surface::RaceSession>(surface::make_race(lab.surface), surface::race_hooks());
  lab.race->set_speed(lab.toolbar.speed);
}

}  // namespace

void poll_jobs(Lab& lab, bool block) {
  for (;;) {
    if (lab.scene_wanted && !lab.scene_job.active()) {
      lab.scene_wanted = false;
      lab.scene_job.start([s = lab.surface, box = lab.box, gen = lab.generation](surface::JobProgress*) {
        return build_surface_scene(s, box, gen);
      });
    }
    if (lab.critical_wanted && !lab.critical_job.active()) {
      lab.critical_wanted = false;
      lab.critical_job.start([s = lab.surface, box = lab.box, gen = lab.generation](surface::JobProgress*) {
        auto c = std::make_shared<Critical>();
        c->generation = gen;
        c->result = surface::find_critical_points(s, box);
        c->counts = surface::count_by_kind(c->result);
        return std::shared_ptr<const Critical>(std::move(c));
      });
    }
    if (block) {
      lab.scene_job.wait();
      lab.critical_job.wait();
    }
    if (auto r = lab.scene_job.take()) lab.scene = *r;
    if (auto r = lab.critical_job.take()) {
      lab.critical = *r;
      if (lab.selected_critical >= static_cast<int>(lab.critical->result.points.size())) lab.selected_critical = -1;
    }
    // A request that came while a job ran starts now; when blocking, until everything is current.
    if (!block || (!lab.scene_wanted && !lab.critical_wanted)) break;
  }
  poll_experiments(lab, block);
}

Status apply_surface(Lab& lab, const std::string& text) {
  Result<Surface> s = surface::make_surface(text);
  if (!s) {
    lab.formula_error = s.error().message;
    lab.formula_error_column = s.error().column;
    if (s.error().column > 0)
      return make_error("surface: the formula has an error at column " + std::to_string(s.error().column) + ": " +
                        s.error().message);
    return make_error("surface: " + s.error().message);
  }
  lab.formula_error.clear();
  lab.formula_error_column = 0;
  lab.surface = std::move(*s);
  lab.surface_text = text;
  if (lab.surface.is_formula()) std::snprintf(lab.formula_buf, sizeof lab.formula_buf, "%s", text.c_str());
  lab.box = lab.surface.box();
  lab.selected_critical = -1;
  lab.critical.reset();
  ++lab.generation;
  lab.scene_wanted = lab.critical_wanted = true;
  lab.race->post([s = lab.surface](surface::Race& r) {
    surface::set_surface(r, s);
    surface::retune_racers(r);
  });
  lab.race->reset(0);  // step count and loss history start again with the new surface
  poll_jobs(lab, lab.headless);
  return Ok{};
}

void set_view_box(Lab& lab, const Box& box) {
  if (!box.valid()) return;
  lab.box = box;
  ++lab.generation;
  lab.scene_wanted = lab.critical_wanted = true;
  lab.race->post([box](surface::Race& r) { surface::set_box(r, box); });
}

std::unique_ptr<Lab> make_lab() {
  auto lab = std::make_unique<Lab>();
  lab->catalogue = surface::catalogue();
  lab->toolbar.speed = 40;
  lab->surface = surface::make_builtin("himmelblau").value();
  start_race(*lab);
  reset_lab(*lab);
  return lab;
}

gl::OrbitCamera default_camera() {
  gl::OrbitCamera c;
  c.yaw = 0.55f;
  c.pitch = 0.62f;
  c.distance = 3.5f;
  c.target = {0, 0.12f, 0};
  return c;
}

void reset_lab(Lab& lab) {
  lab.mode = Mode::Race;
  lab.wireframe = false;
  lab.show_critical = true;
  lab.show_field = true;
  lab.step_by_step = false;
  lab.log_gap = true;
  lab.hidden.clear();
  lab.focus.clear();
  lab.hover.reset();
  lab.formula_buf[0] = 0;
  lab.camera = default_camera();
  lab.slice.camera = default_camera();
  lab.loss_plot = {};
  lab.toolbar.speed = 40;
  lab.race->pause();
  lab.race->set_speed(lab.toolbar.speed);
  (void)apply_surface(lab, "himmelblau");
  lab.race->post([](surface::Race& r) { surface::set_racers(r, surface::default_racers(r.surface)); });
  lab.race->reset(0);
  lab.race->wait_idle();
  lab.snap = lab.race->latest();
}

// ---------------------------------------------------------------------------------------------- racers

ImU32 racer_colour(const Palette& pal, const surface::RaceSnapshot& snap, size_t i) {
  ATTEND_ASSERT(i < snap.racers.size(), "racer_colour: index past the snapshot's racers");
  if (snap.racers[i].spec.colour) return snap.racers[i].spec.colour;
  // The theme's series colour per method, chosen so the six default racers are far apart (Adam's lavender,
  // not the vermilion next to Momentum's orange).
  static constexpr int kMethodColour[optim::kMethodCount] = {0, 1, 2, 3, 4, 6, 5};
  bool used[8] = {};
  int pick = 0;
  for (size_t k = 0; k <= i; ++k) {
    const int want = kMethodColour[static_cast<int>(snap.racers[k].spec.method)];
    pick = want;
    if (used[want]) {
      pick = static_cast<int>(k % 8);
      for (int c = 0; c < 8; ++c)
        if (!used[c]) {
          pick = c;
          break;
        }
    }
    used[pick] = true;
  }
  return pal.series[pick];
}

const surface::Racer* focus_racer(const Lab& lab) {
  if (!lab.snap || lab.snap->racers.empty()) return nullptr;
  for (const surface::Racer& r : lab.snap->racers)
    if (r.spec.label == lab.focus) return &r;
  return &lab.snap->racers.front();
}

void update_trace_cache(Lab& lab) {
  if (!lab.snap) return;
  const double best = lab.critical ? surface::lowest_minimum(lab.critical->result) : NAN;
  // Rebuilt per snapshot (30 a second while racing) and when f* arrives.
  const uint64_t key = lab.snap->progress.version * 2 + (std::isfinite(best) ? 1 : 0);
  if (key == lab.steps_cache_version && lab.steps_cache.size() == lab.snap->racers.size()) return;
  lab.steps_cache_version = key;
  const size_t n = lab.snap->racers.size();
  lab.steps_cache.resize(n);
  lab.gap_cache.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const surface::Trace& t = lab.snap->racers[i].trace;
    lab.steps_cache[i].assign(t.step.begin(), t.step.end());
    lab.gap_cache[i].resize(t.loss.size());
    for (size_t k = 0; k < t.loss.size(); ++k) lab.gap_cache[i][k] = std::isfinite(best) ? t.loss[k] - best : NAN;
  }
}

// ---------------------------------------------------------------------------------------------- markers

ImU32 kind_colour(const Palette& pal, CriticalKind k) {
  switch (k) {
    case CriticalKind::Minimum: return pal.good;
    case CriticalKind::Maximum: return pal.bad;
    case CriticalKind::Saddle: return pal.warning;
    case CriticalKind::Degenerate: return pal.text_dim;
  }
  return pal.text;
}

void draw_kind_marker(ImDrawList* dl, ImVec2 c, float r, CriticalKind k, ImU32 fill, ImU32 edge) {
  switch (k) {
    case CriticalKind::Minimum:
      dl->AddCircleFilled(c, r + 1.5f, edge);
      dl->AddCircleFilled(c, r, fill);
      break;
    case CriticalKind::Maximum: {
      const float h = r * 1.25f;
      const ImVec2 a(c.x, c.y - h), b(c.x - h * 0.95f, c.y + h * 0.7f), d(c.x + h * 0.95f, c.y + h * 0.7f);
      dl->AddTriangleFilled(ImVec2(a.x, a.y - 2), ImVec2(b.x - 2, b.y + 1.2f), ImVec2(d.x + 2, d.y + 1.2f), edge);
      dl->AddTriangleFilled(a, b, d, fill);
      break;
    }
    case CriticalKind::Saddle: {
      const float h = r * 1.3f;
      const ImVec2 q[4] = {ImVec2(c.x, c.y - h), ImVec2(c.x + h, c.y), ImVec2(c.x, c.y + h), ImVec2(c.x - h, c.y)};
      const ImVec2 o[4] = {ImVec2(c.x, c.y - h - 1.8f), ImVec2(c.x + h + 1.8f, c.y), ImVec2(c.x, c.y + h + 1.8f),
                           ImVec2(c.x - h - 1.8f, c.y)};
      dl->AddConvexPolyFilled(o, 4, edge);
      dl->AddConvexPolyFilled(q, 4, fill);
      break;
    }
    case CriticalKind::Degenerate:
      dl->AddRectFilled(ImVec2(c.x - r - 1.5f, c.y - r - 1.5f), ImVec2(c.x + r + 1.5f, c.y + r + 1.5f), edge);
      dl->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), fill);
      break;
  }
}

}  // namespace attend::views::surface_view
