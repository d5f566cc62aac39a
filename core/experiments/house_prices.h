// The project's own tabular dataset for topic 30 (assets/data/houses.csv): house sales with numeric and
// categorical columns, a little noise and some missing cells, generated from the formula below with
// SplitMix64 so the file can be remade byte for byte (tests/core/experiments checks that it is).
//
// For each house, in order, with u a fresh uniform draw in [0, 1) and z a fresh standard normal
// (SplitMix64::normal) every time one appears:
//   neighbourhood  Riverside / Old Town / Hillcrest / Docklands / Meadows with probabilities
//                  .25 / .20 / .20 / .20 / .15 (one u against the cumulative sums)
//   area_m2        35 + 165·u^1.5
//   rooms          clamp(round(area/28 + 0.6·z), 1, 8)
//   age_years      floor(90·u²), plus 30 in Old Town
//   distance_km    base + 2·u, base Old Town 1, Riverside 2.5, Docklands 3.5, Hillcrest 6, Meadows 9
//   garden         "yes" when u < p, p = Meadows .8, Hillcrest .6, Riverside .4, Docklands .2, Old Town .15
//   energy_label   "A".."G": index clamp(floor(age/18 + 0.8·z), 0, 6)
//   price_k        40 + 2.2·area + 6·rooms − 0.5·age − 5·distance + premium + 25·[garden]
//                  − 4·energy_index + 18·z, plus 0.9·area in Old Town and Riverside (an interaction a
//                  linear model cannot see); premium Old Town 90, Riverside 60, Hillcrest 40, Docklands 20
//   sold_fast      "yes" when u < σ((320 − price_k)/60 + 0.8·[garden] − 0.3·energy_index + 0.5·z)
// then, for area_m2, age_years, distance_km, garden and energy_label in that order, the cell is left empty
// when u < 0.02. Numbers are written with one decimal (rooms and age as integers).
#pragma once

#include <cstdint>
#include <string>

namespace attend::experiments {

constexpr int kHousesRows = 600;
constexpr uint64_t kHousesSeed = 2030;

std::string make_houses_csv(int n = kHousesRows, uint64_t seed = kHousesSeed);

}  // namespace attend::experiments
