#include "app/app.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <nlohmann/json.hpp>

#include "app/headless_lesson.h"
#include "app/lesson_host.h"
#include "app/settings.h"
#include "app/shell.h"
#include "app/view_list.h"
#include "app/window.h"
#include "app/xvfb.h"
#include "core/util/files.h"
#include "core/train/session.h"
#include "core/lesson/progress.h"
#include "core/notes/study_store.h"
#include "core/util/paths.h"
#include "views/fonts.h"
#include "views/study_view.h"
#include "views/theme.h"

namespace attend::app {
namespace {

struct Ui {
  views::Fonts fonts;
  views::Palette palette{};
  float scale = 1.0f;
  std::string theme;
};

Status apply_ui(Ui& ui, const std::string& theme, float scale, bool rebuild_texture, views::GlyphMode glyphs) {
  ui.theme = theme;
  ui.scale = scale;
  ui.palette = views::apply_theme(theme == "light" ? views::ThemeKind::Light : views::ThemeKind::Dark, scale);
  if (rebuild_texture) ImGui_ImplOpenGL3_DestroyFontsTexture();
  Status s = views::load_fonts(ui.fonts, scale, glyphs);
  if (rebuild_texture) ImGui_ImplOpenGL3_CreateFontsTexture();
  // Thin anti-aliased lines normally sample a gradient baked into the atlas between texels; with the nearest
  // sampling pixel-snapped glyphs allow, that gradient would break lines into dashes. Geometry does it instead.
  if (glyphs == views::GlyphMode::PixelSnapped) ImGui::GetStyle().AntiAliasedLinesUseTex = false;
  return s;
}

// Frame statistics for `attend bench`'s ui_frame workloads: every frame's time and, when the view trains a
// model, the session's measured throughput.
Status write_frame_stats(const std::string& path, const std::vector<double>& frame_ms,
                         const std::vector<double>& redrawn, double wall_s, const train::Control* session) {
  std::vector<double> sorted(frame_ms.begin() + std::min<size_t>(frame_ms.size(), 5), frame_ms.end());  // skip warm-up
  std::sort(sorted.begin(), sorted.end());
  auto q = [&](double f) { return sorted.empty() ? 0.0 : sorted[static_cast<size_t>(f * (sorted.size() - 1))]; };
  nlohmann::json j = {{"frames", frame_ms.size()}, {"median_ms", q(0.5)}, {"p90_ms", q(0.9)},
                      {"wall_s", wall_s}, {"frame_ms", frame_ms}};
  // The share of the window each frame shaded again (1 on a GPU, which redraws everything).
  if (!redrawn.empty()) {
    std::vector<double> r(redrawn);
    std::nth_element(r.begin(), r.begin() + static_cast<long>(r.size() / 2), r.end());
    j["redrawn_median"] = r[r.size() / 2];
    j["redrawn"] = redrawn;
  }
  if (session) {
    auto p = session->progress();
    j["steps"] = p->step;
    j["steps_per_second"] = p->steps_per_second;
    j["train_seconds"] = p->wall_seconds;
  }
  return write_file_atomic(path, j.dump() + "\n");
}

std::string timestamp() {
  std::time_t now = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", std::localtime(&now));
  return buf;
}

// Exports go to $XDG_DATA_HOME/attend/exports, created on first use.
std::string export_path(const std::string& file) {
  const std::string dir = data_dir() + "/exports";
  (void)make_directories(dir);
  return dir + "/" + file;
}

Image crop(const Image& img, ImVec2 min, ImVec2 max, float fb_scale) {
  const int x0 = std::clamp(static_cast<int>(min.x * fb_scale), 0, img.width);
  const int y0 = std::clamp(static_cast<int>(min.y * fb_scale), 0, img.height);
  const int x1 = std::clamp(static_cast<int>(max.x * fb_scale), x0, img.width);
  const int y1 = std::clamp(static_cast<int>(max.y * fb_scale), y0, img.height);
  Image out;
  out.width = x1 - x0;
  out.height = y1 - y0;
  out.rgba.resize(static_cast<size_t>(out.width) * out.height * 4);
  for (int y = 0; y < out.height; ++y)
    std::copy_n(img.rgba.begin() + (static_cast<size_t>(y0 + y) * img.width + x0) * 4, static_cast<size_t>(out.width) * 4,
                out.rgba.begin() + static_cast<size_t>(y) * out.width * 4);
  return out;
}

std::string screenshot_name(const std::string& dir, const std::string& stem) {
  return (std::filesystem::path(dir) / (stem + ".png")).string();
}

void add_notice(Shell& shell, const std::string& line) {
  if (line.empty()) return;
  shell.notice += (shell.notice.empty() ? "" : "\n") + line;
}

// The lesson catalogue, everyone's lesson progress, the study deck and its view. Headless runs start from
// nothing the person has (no progress, the sample deck) and save nothing, so screenshots are reproducible.
void set_up_learning(Shell& shell, Settings& settings, bool headless) {
  load_catalogue(shell, lessons_dir());
  if (!headless) {
    shell.progress_path = lesson::default_progress_path();
    auto loaded = lesson::ProgressStore::load(shell.progress_path);
    if (!loaded) {
      // Unreadable, not corrupt: leave the file alone and keep this session's progress in memory.
      add_notice(shell, loaded.error().to_string() + " (lesson progress is not saved until this is fixed)");
      shell.progress_path.clear();
    } else {
      shell.progress = std::move(loaded->store);
      add_notice(shell, loaded->warning);
    }
  }
  views::StudyOptions so;
  so.store_path = headless ? std::string() : notes::default_study_path();
  shell.study = std::make_shared<views::StudyDeck>(so);
  shell.study->load(shell.lessons);
  views::StudyViewHooks hooks;
  // Opened at the start of the next frame: the study view is drawing when the person clicks.
  hooks.open_lesson = [&shell](const std::string& path) { shell.pending_lesson = path; };
  hooks.recent_notes = &settings.recent_notes;
  hooks.new_per_day = &settings.new_cards_per_day;
  // The study view needs the shell's deck and callbacks, so it joins the list here rather than in
  // view_list.cpp.
  shell.views.push_back(views::make_study_view(shell.study, hooks));
}

}  // namespace

std::string start_lesson(const AppOptions& options, bool first_start) {
  if (!options.lesson.empty()) return options.lesson;
  const std::string tour = lessons_dir() + "/getting_started.md";
  if (first_start && !options.headless && options.view.empty() && file_exists(tour)) return tour;
  return "";
}

int run_app(const AppOptions& options, int argc, char** argv) {
  if (!display_available()) {
    if (options.headless) return reexec_under_xvfb(argc, argv, options.width, options.height);
    std::fprintf(stderr,
                 "attend: no display found (DISPLAY and WAYLAND_DISPLAY are unset). To render without a screen, "
                 "run: attend --headless --view home --frames 30 --screenshot-dir out\n");
    return 1;
  }

  // A first start (no settings yet) opens the default lesson, which tours the app; later starts resume.
  const bool first_start = !options.headless && !file_exists(settings_path());
  LoadedSettings loaded = options.headless ? LoadedSettings{} : load_settings(settings_path());
  Settings& settings = loaded.settings;
  if (!options.theme.empty()) settings.theme = options.theme;
  if (!loaded.message.empty()) std::fprintf(stderr, "attend: %s\n", loaded.message.c_str());

  WindowOptions wo;
  wo.headless = options.headless;
  wo.width = options.headless ? options.width : settings.window_width;
  wo.height = options.headless ? options.height : settings.window_height;
  wo.x = settings.window_x;
  wo.y = settings.window_y;
  wo.maximized = settings.window_maximized;
  auto window = open_window(wo);
  if (!window) {
    std::fprintf(stderr, "attend: %s\n", window.error().to_string().c_str());
    return 1;
  }
  Window& win = *window;

  // ImGui's own layout file sits beside the settings; headless runs never read or write it.
  static std::string ini_path;
  ini_path = config_dir() + "/imgui.ini";
  ImGui::GetIO().IniFilename = options.headless ? nullptr : ini_path.c_str();

  float scale = options.scale > 0 ? options.scale : (settings.scale > 0 ? settings.scale : win.content_scale);
  Ui ui;
  const views::GlyphMode glyphs = win.software_renderer ? views::GlyphMode::PixelSnapped : views::GlyphMode::Smooth;
  if (Status s = apply_ui(ui, settings.theme, scale, false, glyphs); !s) {
    std::fprintf(stderr, "attend: %s\n", s.error().to_string().c_str());
    close_window(win);
    return 1;
  }

  Shell shell;
  shell.views = make_views();
  shell.notice = loaded.message;
  set_up_learning(shell, settings, options.headless);
  shell.last_lesson = settings.last_lesson;
  const std::string start_view = !options.view.empty() ? options.view : (options.headless ? "home" : settings.last_view);
  if (start_view != "home") {
    const int i = find_view(shell, start_view);
    if (i < 0) {
      std::string known = "home";
      for (const views::View& v : shell.views) known += ", " + v.name;
      std::fprintf(stderr, "attend: unknown view '%s'. Known views: %s\n", start_view.c_str(), known.c_str());
      if (options.headless || !options.view.empty()) {
        close_window(win);
        return 2;
      }
    }
    open_view(shell, i);
  }
  const std::string lesson_file = start_lesson(options, first_start);
  if (!lesson_file.empty()) {
    shell.echo_lesson_log = options.headless;
    if (Status s = open_lesson(shell, lesson_file); !s) {
      std::fprintf(stderr, "attend: %s\n", s.error().to_string().c_str());
      if (options.headless) {
        close_window(win);
        return 2;
      }
      add_notice(shell, s.error().to_string());
    }
  }
  for (const auto& [key, text] : options.settings) {
    if (shell.active < 0 || !shell.views[shell.active].configure) {
      std::fprintf(stderr, "attend: --set %s: the %s view has no settings\n", key.c_str(),
                   shell.active < 0 ? "home" : shell.views[shell.active].name.c_str());
      close_window(win);
      return 2;
    }
    if (Status st = shell.views[shell.active].configure(key, parse_value(text)); !st) {
      std::fprintf(stderr, "attend: --set %s=%s: %s\n", key.c_str(), text.c_str(), st.error().to_string().c_str());
      close_window(win);
      return 2;
    }
  }

  if (options.run) {
    train::Control* session =
        shell.active >= 0 && shell.views[shell.active].session ? shell.views[shell.active].session() : nullptr;
    if (!session) {
      std::fprintf(stderr, "attend: --run: the %s view trains no model\n",
                   shell.active < 0 ? "home" : shell.views[shell.active].name.c_str());
      close_window(win);
      return 2;
    }
    session->run();
  }
  shell.blank = options.blank;

  if (options.headless && !options.screenshot_dir.empty()) {
    if (Status s = make_directories(options.screenshot_dir); !s) {
      std::fprintf(stderr, "attend: %s\n", s.error().to_string().c_str());
      close_window(win);
      return 1;
    }
  }

  struct PngRequest {
    ImVec2 min, max;
    std::string path;
  };
  std::vector<PngRequest> png_requests;
  std::string export_message;

  // A headless lesson run ends when its last step is written, not after a fixed number of frames.
  const bool lesson_run = options.headless && shell.lesson != nullptr;
  HeadlessLesson lesson_state;
  int max_frames = options.frames;
  if (lesson_run) {
    lesson_state.frame_budget = options.frames;
    lesson_state.screenshot_dir = options.screenshot_dir;
    lesson_state.stem = std::filesystem::path(options.lesson).stem().string();
    max_frames = (options.frames + 2) * shell.lesson->runtime->step_count() + 10;
  }

  const auto start = std::chrono::steady_clock::now();
  int exit_code = 0;
  std::vector<double> frame_ms, redrawn;
  for (int frame = 0; !window_should_close(win); ++frame) {
    if (options.headless && (frame >= max_frames || (lesson_run && lesson_state.done))) break;
    const auto frame_start = std::chrono::steady_clock::now();
    begin_frame(win);
    views::ViewContext ctx;
    ctx.fonts = &ui.fonts;
    ctx.palette = &ui.palette;
    ctx.scale = ui.scale;
    ctx.time = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ctx.headless = options.headless;
    ctx.save_png = [&png_requests](ImVec2 a, ImVec2 b, const std::string& path) { png_requests.push_back({a, b, path}); };
    ctx.last_export_message = export_message;
    if (shell.screenshot_requested) {
      shell.screenshot_requested = false;
      const ImGuiViewport* vp = ImGui::GetMainViewport();
      png_requests.push_back({vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y),
                              export_path("attend-" + timestamp() + ".png")});
    }
    if (lesson_run) headless_lesson_before(lesson_state, shell);
    draw_shell(shell, settings, ctx);
    end_frame(win);
    if (!png_requests.empty()) {
      const Image frame_image = capture_frame(win);
      const float fb_scale = ImGui::GetIO().DisplayFramebufferScale.x;
      for (const PngRequest& r : png_requests) {
        Status st = write_png(crop(frame_image, r.min, r.max, fb_scale), r.path);
        export_message = st ? "saved " + r.path : st.error().to_string();
      }
      png_requests.clear();
    }

    if (lesson_run) {
      headless_lesson_after(lesson_state, shell, [&win](const std::string& path) { return write_png(capture_frame(win), path); });
    } else if (options.headless && frame == options.frames - 1 && !options.screenshot_dir.empty()) {
      const std::string stem = shell.active < 0 ? "home" : shell.views[shell.active].name;
      const std::string path = screenshot_name(options.screenshot_dir, stem);
      if (Status s = write_png(capture_frame(win), path); !s) {
        std::fprintf(stderr, "attend: %s\n", s.error().to_string().c_str());
        exit_code = 1;
      } else {
        std::printf("%s\n", path.c_str());
      }
    }
    present(win);
    // Measured after the swap: with a software renderer the drawing itself happens there.
    const auto frame_end = std::chrono::steady_clock::now();
    if (!options.stats_path.empty()) {
      frame_ms.push_back(std::chrono::duration<double, std::milli>(frame_end - frame_start).count());
      redrawn.push_back(win.partial_redraw ? win.redraw.last_redrawn_fraction : 1.0);
    }
    if (options.fps > 0) std::this_thread::sleep_until(frame_start + std::chrono::duration<double>(1.0 / options.fps));

    if (shell.quit_requested) request_close(win);
    if (shell.theme_toggle_requested || shell.scale_change != 0) {
      if (shell.theme_toggle_requested) settings.theme = settings.theme == "dark" ? "light" : "dark";
      if (shell.scale_change != 0) {
        scale = std::clamp(std::round((ui.scale + 0.1f * shell.scale_change) * 10.0f) / 10.0f, 0.5f, 4.0f);
        settings.scale = scale;
      }
      shell.theme_toggle_requested = false;
      shell.scale_change = 0;
      if (Status s = apply_ui(ui, settings.theme, scale, true, glyphs); !s) shell.notice = s.error().to_string();
      redraw_everything(win);
    }
  }

  if (lesson_run) {
    if (!lesson_state.done) {
      std::fprintf(stderr, "attend: the lesson did not finish within %d frames\n", max_frames);
      exit_code = 1;
    }
    exit_code = std::max(exit_code, lesson_state.exit_code);
  }
  close_lesson(shell);  // saves its progress

  if (!options.stats_path.empty()) {
    const train::Control* session =
        shell.active >= 0 && shell.views[shell.active].session ? shell.views[shell.active].session() : nullptr;
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (Status st = write_frame_stats(options.stats_path, frame_ms, redrawn, wall_s, session); !st) {
      std::fprintf(stderr, "attend: %s\n", st.error().to_string().c_str());
      exit_code = 1;
    }
  }

  if (!options.headless) {
    const WindowGeometry g = window_geometry(win);
    settings.window_maximized = g.maximized;
    if (!g.maximized) {
      settings.window_width = g.width;
      settings.window_height = g.height;
      settings.window_x = g.x;
      settings.window_y = g.y;
    }
    const std::string err = save_settings(settings, settings_path());
    if (!err.empty()) std::fprintf(stderr, "attend: %s\n", err.c_str());
  }
  close_window(win);
  return exit_code;
}

}  // namespace attend::app
