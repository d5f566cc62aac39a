#include "core/experiments/house_prices.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/util/rng.h"

namespace attend::experiments {
namespace {

// Locale-independent fixed formatting, so the file is the same whatever locale the app runs in.
std::string fixed(double v, int decimals) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  return std::string(buf, r.ptr);
}

}  // namespace

std::string make_houses_csv(int n, uint64_t seed) {
  struct Hood {
    const char* name;
    double share, premium, base_distance, garden_p;
    bool interaction;
  };
  static const Hood kHoods[] = {{"Riverside", .25, 60, 2.5, .4, true},
                                {"Old Town", .20, 90, 1.0, .15, true},
                                {"Hillcrest", .20, 40, 6.0, .6, false},
                                {"Docklands", .20, 20, 3.5, .2, false},
                                {"Meadows", .15, 0, 9.0, .8, false}};
  SplitMix64 g(seed);
  std::string out = "area_m2,rooms,age_years,neighbourhood,distance_km,garden,energy_label,price_k,sold_fast\n";
  for (int i = 0; i < n; ++i) {
    double u = g.uniform(), acc = 0;
    int h = 4;
    for (int k = 0; k < 5; ++k) {
      acc += kHoods[k].share;
      if (u < acc) {
        h = k;
        break;
      }
    }
    const Hood& hood = kHoods[h];
    const double area = 35 + 165 * std::pow(g.uniform(), 1.5);
    const int rooms = static_cast<int>(std::clamp(std::round(area / 28 + 0.6 * g.normal()), 1.0, 8.0));
    double age = std::floor(90 * std::pow(g.uniform(), 2));
    if (h == 1) age += 30;
    const double distance = hood.base_distance + 2 * g.uniform();
    const bool garden = g.uniform() < hood.garden_p;
    const int energy = static_cast<int>(std::clamp(std::floor(age / 18 + 0.8 * g.normal()), 0.0, 6.0));
    double price = 40 + 2.2 * area + 6 * rooms - 0.5 * age - 5 * distance + hood.premium + (garden ? 25 : 0) -
                   4 * energy + 18 * g.normal();
    if (hood.interaction) price += 0.9 * area;
    const double z = (320 - price) / 60 + (garden ? 0.8 : 0.0) - 0.3 * energy + 0.5 * g.normal();
    const bool sold_fast = g.uniform() < 1.0 / (1.0 + std::exp(-z));
    const bool miss_area = g.uniform() < 0.02, miss_age = g.uniform() < 0.02, miss_dist = g.uniform() < 0.02;
    const bool miss_garden = g.uniform() < 0.02, miss_energy = g.uniform() < 0.02;
    out += (miss_area ? "" : fixed(area, 1)) + ",";
    out += std::to_string(rooms) + ",";
    out += (miss_age ? "" : std::to_string(static_cast<int>(age))) + ",";
    out += std::string(hood.name) + ",";
    out += (miss_dist ? "" : fixed(distance, 1)) + ",";
    out += (miss_garden ? "" : garden ? "yes" : "no") + std::string(",");
    out += (miss_energy ? "" : std::string(1, static_cast<char>('A' + energy))) + ",";
    out += fixed(price, 1) + ",";
    out += sold_fast ? "yes\n" : "no\n";
  }
  return out;
}

}  // namespace attend::experiments
