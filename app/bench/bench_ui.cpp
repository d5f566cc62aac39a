// ui_frame_<view>: headless frames (1280×800, xvfb, llvmpipe) of a view while its model trains, and the
// training throughput with the view drawn divided by the throughput with nothing drawn, in the same kind of
// process with the same frame pacing (60 frames per second, as a display would), so the only difference is
// the view.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "app/bench/bench.h"
#include "app/view_list.h"
#include "core/util/files.h"

namespace attend::bench {
namespace {

nlohmann::json run_headless(const Options& o, const std::string& view, bool blank, int frames) {
  const std::string stats = "/tmp/attend-bench-ui-" + std::to_string(::getpid()) + (blank ? "-blank" : "") + ".json";
  std::string cmd = "'" + o.binary + "' --headless --size 1280x800 --view " + view + " --run --fps 60 --frames " +
                    std::to_string(frames) + " --stats '" + stats + "'" + (blank ? " --blank" : "") + " >/dev/null";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("headless run failed: " + cmd);
  auto text = read_file(stats);
  ::unlink(stats.c_str());
  if (!text) throw std::runtime_error(text.error().to_string());
  return nlohmann::json::parse(*text);
}

nlohmann::json ui_frame(const Options& o, const std::string& view) {
  const int frames = 600;  // ten seconds at 60 frames per second
  const nlohmann::json drawn = run_headless(o, view, false, frames);
  const nlohmann::json blank = run_headless(o, view, true, frames);
  const double rate_drawn = drawn.value("steps", 0.0) / drawn.value("wall_s", 1.0);
  const double rate_blank = blank.value("steps", 0.0) / blank.value("wall_s", 1.0);
  return {{"median_ms", drawn.value("median_ms", 0.0)},
          {"p90_ms", drawn.value("p90_ms", 0.0)},
          {"train_ratio", rate_blank > 0 ? rate_drawn / rate_blank : 0.0},
          {"steps_per_s_drawn", rate_drawn},
          {"steps_per_s_blank", rate_blank},
          {"redrawn_median", drawn.value("redrawn_median", 1.0)},
          {"frames", frames}};
}

}  // namespace

void add_ui_workloads(std::vector<Workload>& out) {
  for (const views::View& v : app::make_views()) {
    if (!v.session) continue;
    const std::string name = v.name;
    out.push_back({"ui_frame_" + name, "headless frames of the " + name + " view while it trains",
                   [name](const Options& o) { return ui_frame(o, name); }});
  }
}

}  // namespace attend::bench
