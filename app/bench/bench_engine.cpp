#include "app/bench/bench.h"

namespace attend::bench {

void add_engine_workloads(std::vector<Workload>& out) {
  (void)out;
}

}  // namespace attend::bench
