#include "app/bench/bench.h"

namespace attend::bench {

void add_surface_workloads(std::vector<Workload>& out) {
  (void)out;
}

}  // namespace attend::bench
