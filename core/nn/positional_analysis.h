// What the positional-encoding lesson (topic 6) shows, in numbers.
//
// Sinusoidal encodings (layers.h: PE[p][2i] = sin(p·ω_i), PE[p][2i+1] = cos(p·ω_i), ω_i = 10000^(−2i/d))
// have the property that moving k positions is one fixed linear map, whatever the position: each (sin, cos)
// pair turns by the angle k·ω_i,
//   [sin((p+k)ω), cos((p+k)ω)] = [sin(pω), cos(pω)] · [[cos kω, −sin kω], [sin kω, cos kω]],
// so PE[p+k] = PE[p]·M_k with M_k block-diagonal (one 2×2 rotation per frequency) and built from the
// frequencies alone. `shift_map` builds M_k; `shift_demo` applies it to every row of the engine's own table
// and reports how far each lands from the row k further on (float rounding: about 1e−6). The same property
// makes the dot product PE[p]·PE[p+k] = Σ_i cos(k·ω_i) depend on k only: `position_similarity` shows it
// as constant diagonals.
//
//   tensor::Tensor pe;  nn::sinusoidal_table(32, 64, pe);
//   nn::ShiftDemo demo = nn::shift_demo(pe, 3);          // demo.max_error ≈ 1e−6
#pragma once

#include <vector>

#include "core/tensor/tensor.h"

namespace attend::nn {

// The frequencies ω_i of a d-wide sinusoidal table (d/2 of them, highest first).
std::vector<double> sinusoid_frequencies(int d);

// M_k (d×d): the map that moves a sinusoidal encoding k positions along (k may be negative).
tensor::Tensor shift_map(int d, int k);

struct ShiftDemo {
  int offset = 0;
  tensor::Tensor map;               // M_k, d×d
  std::vector<double> error;        // per position p (0 … rows−k−1): ‖PE[p]·M_k − PE[p+k]‖
  std::vector<double> angles;       // per frequency pair i: the turn k·ω_i in radians
  double max_error = 0;
  double max_norm = 0;              // ‖PE[p]‖ for scale (√(d/2))
};
// M_k applied to every row of `table` (a sinusoidal table from nn::sinusoidal_table).
ShiftDemo shift_demo(const tensor::Tensor& table, int k);

// Cosine similarity between every pair of the first n rows: n×n, row-major.
void position_similarity(const tensor::Tensor& table, int n, std::vector<float>& out);

}  // namespace attend::nn
