// The loss-surface lab's speed goals (../shared/bench/CONTRACT.md):
//   surface_256  rebuild a 256×256 analytic surface mesh with normals (≤ 5 ms). Every built-in surface is
//                timed; median_ms is the slowest surface's median, so the goal holds for all of them.
//   slice_41     a 41×41 loss slice of the playground MLP (2→8→8→1 tanh, trained as in run B on
//                data/spiral_500.csv) along two filter-normalised directions, single thread (≤ 50 ms).
//                The net is the engine's nn::PlaygroundNet, evaluated through core/surface/net_slice.h.
#include <cstdio>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "app/bench/bench.h"
#include "core/surface/mesh.h"
#include "core/surface/slice.h"
#include "core/nn/playground_net.h"
#include "core/surface/net_slice.h"
#include "core/util/rng.h"
#include "core/util/files.h"

namespace attend::bench {
namespace {

nlohmann::json surface_256(const Options&) {
  using namespace attend::surface;
  nlohmann::json per_surface = nlohmann::json::object();
  double worst = 0, worst_min = 0;
  std::string worst_id;
  Mesh mesh;
  for (const CatalogueEntry& e : catalogue()) {
    const Surface s = make_builtin(e.id).value();
    const MeshSpec spec{256, s.box(), s.height_scale(), 0.6f};
    const Timing t = time_runs(3, 30, [&] { build_mesh(s, spec, &mesh); });
    per_surface[e.id] = t.median * 1e3;
    if (t.median > worst) {
      worst = t.median;
      worst_min = t.min;
      worst_id = e.id;
    }
  }
  return {{"median_ms", worst * 1e3},
          {"min_ms", worst_min * 1e3},
          {"slowest_surface", worst_id},
          {"vertices", 256 * 256},
          {"per_surface_median_ms", per_surface}};
}

// data/spiral_500.csv: a header, then x,y,label rows.
surface::PlaygroundData load_spiral(const std::string& dir) {
  const std::string path = dir + "/spiral_500.csv";
  Result<std::string> text = read_file(path);
  if (!text) throw std::runtime_error(text.error().to_string());
  surface::PlaygroundData p;
  std::istringstream in(*text);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 || line.empty()) continue;
    double x, y, label;
    char c1 = 0, c2 = 0;
    std::istringstream row(line);
    if (!(row >> x >> c1 >> y >> c2 >> label) || c1 != ',' || c2 != ',')
      throw std::runtime_error(path + ":" + std::to_string(line_no) + ": expected x,y,label");
    p.xy.push_back(static_cast<float>(x));
    p.xy.push_back(static_cast<float>(y));
    p.labels.push_back(static_cast<float>(label));
  }
  if (p.size() != 500) throw std::runtime_error(path + ": expected 500 points, read " + std::to_string(p.size()));
  return p;
}

nlohmann::json slice_41(const Options& o) {
  using namespace attend::surface;
  const PlaygroundData data = load_spiral(o.data_dir);
  // Run B of the playground spec: 1000 full-batch SGD steps, lr 0.03, from the seed-42 initialisation.
  nn::PlaygroundConfig cfg;  // x1, x2 → 8 → 8 → 1, tanh everywhere
  SplitMix64 rng(42);
  nn::PlaygroundNet net = nn::make_playground_net(cfg, rng);
  auto ws = std::make_unique<nn::PlaygroundWorkspace>();
  for (int step = 0; step < 1000; ++step) nn::train_step(net, data.xy.data(), data.labels.data(), data.size(), 0.03f, *ws);
  const double trained_loss = nn::evaluate(net, data.xy.data(), data.labels.data(), data.size(), *ws).loss;

  const SliceModel model = playground_slice_model(net, data);
  const std::vector<float> d1 = filter_normalised_direction(model, 1), d2 = filter_normalised_direction(model, 2);
  Slice2D slice;
  const Timing t = time_runs(2, 20, [&] { slice = loss_slice_2d(model, d1, d2, 41, 1.0); });
  double lo = slice.loss[0], hi = slice.loss[0];
  for (double v : slice.loss) lo = std::min(lo, v), hi = std::max(hi, v);
  return {{"median_ms", t.median * 1e3},
          {"p90_ms", t.p90 * 1e3},
          {"min_ms", t.min * 1e3},
          {"evaluations", 41 * 41},
          {"us_per_evaluation", t.median * 1e6 / (41 * 41)},
          {"trained_loss", trained_loss},
          {"center_loss", slice.center_loss},
          {"slice_min", lo},
          {"slice_max", hi},
          {"threads_used", 1}};
}

}  // namespace

void add_surface_workloads(std::vector<Workload>& out) {
  out.push_back({"surface_256", "rebuild a 256x256 analytic surface mesh with normals (every built-in; slowest reported)",
                 surface_256});
  out.push_back({"slice_41", "41x41 filter-normalised loss slice of the playground MLP on 500 points, single thread",
                 slice_41});
}

}  // namespace attend::bench
