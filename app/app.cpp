#include "app/app.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <nlohmann/json.hpp>

#include "app/settings.h"
#include "app/shell.h"
#include "app/view_list.h"
#include "app/window.h"
#include "app/xvfb.h"
#include "core/util/files.h"
#include "core/train/session.h"
#include "core/util/paths.h"
#include "views/fonts.h"
#include "views/theme.h"

namespace attend::app {
namespace {

struct Ui {
  views::Fonts fonts;
  views::Palette palette{};
  float scale = 1.0f;
  std::string theme;
};

Status apply_ui(Ui& ui, const std::string& theme, float scale, bool rebuild_texture) {
  ui.theme = theme;
  ui.scale = scale;
  ui.palette = views::apply_theme(theme == "light" ? views::ThemeKind::Light : views::ThemeKind::Dark, scale);
  if (rebuild_texture) ImGui_ImplOpenGL3_DestroyFontsTexture();
  Status s = views::load_fonts(ui.fonts, scale);
  if (rebuild_texture) ImGui_ImplOpenGL3_CreateFontsTexture();
  return s;
}

// Frame statistics for `attend bench`'s ui_frame workloads: every frame's time and, when the view trains a
// model, the session's measured throughput.
Status write_frame_stats(const std::string& path, const std::vector<double>& frame_ms, double wall_s,
                         const train::Control* session) {
  std::vector<double> sorted(frame_ms.begin() + std::min<size_t>(frame_ms.size(), 5), frame_ms.end());  // skip warm-up
  std::sort(sorted.begin(), sorted.end());
  auto q = [&](double f) { return sorted.empty() ? 0.0 : sorted[static_cast<size_t>(f * (sorted.size() - 1))]; };
  nlohmann::json j = {{"frames", frame_ms.size()}, {"median_ms", q(0.5)}, {"p90_ms", q(0.9)},
                      {"wall_s", wall_s}, {"frame_ms", frame_ms}};
  if (session) {
    auto p = session->progress();
    j["steps"] = p->step;
    j["steps_per_second"] = p->steps_per_second;
    j["train_seconds"] = p->wall_seconds;
  }
  return write_file_atomic(path, j.dump() + "\n");
}

std::string screenshot_name(const std::string& dir, const std::string& stem) {
  return (std::filesystem::path(dir) / (stem + ".png")).string();
}

}  // namespace

int run_app(const AppOptions& options, int argc, char** argv) {
  if (!display_available()) {
    if (options.headless) return reexec_under_xvfb(argc, argv, options.width, options.height);
    std::fprintf(stderr,
                 "attend: no display found (DISPLAY and WAYLAND_DISPLAY are unset). To render without a screen, "
                 "run: attend --headless --view home --frames 30 --screenshot-dir out\n");
    return 1;
  }

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
  if (Status s = apply_ui(ui, settings.theme, scale, false); !s) {
    std::fprintf(stderr, "attend: %s\n", s.error().to_string().c_str());
    close_window(win);
    return 1;
  }

  Shell shell;
  shell.views = make_views();
  shell.notice = loaded.message;
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

  const auto start = std::chrono::steady_clock::now();
  int exit_code = 0;
  std::vector<double> frame_ms;
  for (int frame = 0; !window_should_close(win); ++frame) {
    if (options.headless && frame >= options.frames) break;
    const auto frame_start = std::chrono::steady_clock::now();
    begin_frame(win);
    views::ViewContext ctx;
    ctx.fonts = &ui.fonts;
    ctx.palette = &ui.palette;
    ctx.scale = ui.scale;
    ctx.time = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ctx.headless = options.headless;
    draw_shell(shell, settings, ctx);
    end_frame(win);

    if (options.headless && frame == options.frames - 1 && !options.screenshot_dir.empty()) {
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
    if (!options.stats_path.empty())
      frame_ms.push_back(std::chrono::duration<double, std::milli>(frame_end - frame_start).count());
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
      if (Status s = apply_ui(ui, settings.theme, scale, true); !s) shell.notice = s.error().to_string();
    }
  }

  if (!options.stats_path.empty()) {
    const train::Control* session =
        shell.active >= 0 && shell.views[shell.active].session ? shell.views[shell.active].session() : nullptr;
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (Status st = write_frame_stats(options.stats_path, frame_ms, wall_s, session); !st) {
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
