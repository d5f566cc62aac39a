#include "core/data/playground_data.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/util/rng.h"

namespace attend::data {
namespace {

// Rows [begin, end) of `all`.
Points2D rows(const Points2D& all, int begin, int end) {
  Points2D out;
  out.xy.assign(all.xy.begin() + 2 * begin, all.xy.begin() + 2 * end);
  out.label.assign(all.label.begin() + begin, all.label.begin() + end);
  return out;
}

}  // namespace

std::string playground_dataset_names() {
  std::string s;
  for (int i = 0; i < kToy2DKindCount; ++i) s += std::string(toy2d_name(static_cast<Toy2DKind>(i))) + ", ";
  return s + "csv";
}

Result<PlaygroundData> make_playground_data(const PlaygroundDataSpec& spec) {
  if (!(spec.train_fraction > 0 && spec.train_fraction < 1))
    return make_error("the training fraction must lie strictly between 0 and 1");
  PlaygroundData d;
  Points2D all;
  char buf[160];
  if (spec.dataset == "csv") {
    if (spec.csv_path.empty()) return make_error("no CSV file given: type the path of a file with the header x,y,label");
    Result<Points2D> r = read_points_csv(spec.csv_path);
    if (!r) return r.error();
    all = std::move(r.value());
    if (all.size() < 2) return make_error(spec.csv_path, 0, 0, "at least two rows are needed (one to train, one to test)");
    // Shuffle (Fisher–Yates) so a file sorted by class still splits into comparable halves.
    SplitMix64 rng(spec.seed);
    for (int i = all.size() - 1; i > 0; --i) {
      const int j = static_cast<int>(rng.uniform() * (i + 1));
      std::swap(all.label[static_cast<size_t>(i)], all.label[static_cast<size_t>(j)]);
      std::swap(all.xy[2 * static_cast<size_t>(i)], all.xy[2 * static_cast<size_t>(j)]);
      std::swap(all.xy[2 * static_cast<size_t>(i) + 1], all.xy[2 * static_cast<size_t>(j) + 1]);
    }
    d.regression = std::any_of(all.label.begin(), all.label.end(), [](float v) { return v != 1.f && v != -1.f; });
    float m = 0;
    for (float v : all.xy) m = std::max(m, std::abs(v));
    // A round extent a little beyond the data, so the points never sit on the border.
    const double e = m > 0 ? m * 1.1 : 1.0;
    const double unit = std::pow(10.0, std::floor(std::log10(e)));
    d.extent = static_cast<float>(std::ceil(e / unit * 2) / 2 * unit);
    const std::string name = spec.csv_path.substr(spec.csv_path.find_last_of('/') + 1);
    std::snprintf(buf, sizeof buf, "%s, %d rows", name.c_str(), all.size());
  } else {
    Toy2DKind kind;
    if (!parse_toy2d(spec.dataset, &kind))
      return make_error("unknown dataset '" + spec.dataset + "'; known: " + playground_dataset_names());
    if (!(spec.noise >= 0 && spec.noise <= 0.5)) return make_error("noise must lie between 0 and 0.5");
    d.regression = toy2d_is_regression(kind);
    const int n = spec.points > 0 ? spec.points : (d.regression ? kPlaygroundRegressPoints : kPlaygroundClassifyPoints);
    all = to_points(make_toy2d(kind, n, spec.noise, spec.seed));
    std::snprintf(buf, sizeof buf, "%s, %d points, noise %.0f%%", spec.dataset.c_str(), n, spec.noise * 100);
  }
  d.description = buf;
  const int cut = std::clamp(static_cast<int>(std::floor(all.size() * spec.train_fraction)), 1, all.size() - 1);
  d.train = rows(all, 0, cut);
  d.test = rows(all, cut, all.size());
  return d;
}

}  // namespace attend::data
