// The playground's data: one of TensorFlow Playground's six datasets (toy2d.h) or the person's own CSV of
// labelled 2-D points (points_csv.h, header x,y,label), split into training and test points as Playground
// splits them, with the square the plots should show.
//
//   data::PlaygroundDataSpec spec;  spec.dataset = "spiral";  spec.noise = 0.1;
//   Result<data::PlaygroundData> d = data::make_playground_data(spec);
//   if (!d) show(d.error().to_string());        // a CSV's "file.csv:12:3: 'abc' is not a finite number"
#pragma once

#include <cstdint>
#include <string>

#include "core/data/points_csv.h"
#include "core/util/result.h"

namespace attend::data {

constexpr int kPlaygroundClassifyPoints = 500;   // Playground's NUM_SAMPLES_CLASSIFY
constexpr int kPlaygroundRegressPoints = 1200;   // NUM_SAMPLES_REGRESS

struct PlaygroundDataSpec {
  std::string dataset = "circle";   // circle, xor, gauss, spiral, plane, multigauss, or "csv"
  std::string csv_path;             // for "csv"
  double noise = 0;                 // 0 … 0.5 (Playground's slider / 100); generated sets only
  double train_fraction = 0.5;      // Playground's "ratio of training to test data", 0.1 … 0.9
  uint64_t seed = 1;                // generated sets; a CSV's rows are shuffled with it before the split
  int points = 0;                   // 0: Playground's count (500 classification, 1200 regression)
};

struct PlaygroundData {
  Points2D train, test;
  bool regression = false;          // labels other than ±1 (a CSV decides by its labels)
  float extent = 6.f;               // plots show [−extent, extent]² (Playground's is 6)
  std::string description;          // "spiral, 500 points, noise 10%" or "my.csv, 120 rows"
};

Result<PlaygroundData> make_playground_data(const PlaygroundDataSpec& spec);
// The names the spec's `dataset` accepts, for messages: "circle, xor, gauss, spiral, plane, multigauss, csv".
std::string playground_dataset_names();

}  // namespace attend::data
