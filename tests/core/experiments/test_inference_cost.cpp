#include <doctest/doctest.h>

#include "core/experiments/inference_cost.h"

using namespace attend::experiments;

TEST_CASE("offloading a 70-block model is bound by PCIe: every token moves the weights that do not fit") {
  ModelShape m;  // 70 blocks, 70e9 parameters in fp16: 2 GB per block, 140 GB in all
  Hardware h;    // one 80 GB GPU, 25 GB/s PCIe
  const TokenCost c = offloading_cost(m, h);
  // 0.8·80 GB / 2 GB = 32 blocks of room, one kept free for prefetching: 31 resident, 39 streamed.
  CHECK(c.resident_blocks == 31);
  CHECK(c.bytes_moved == doctest::Approx(39 * 2e9));
  CHECK(c.transfer_seconds == doctest::Approx(39 * 2e9 / 25e9));
  CHECK(c.bottleneck == "PCIe");
  CHECK(c.seconds > 3.0);  // seconds per token: why offloading is for batch jobs, not chat
}

TEST_CASE("distributed inference moves kilobytes of activations instead of gigabytes of weights") {
  ModelShape m;
  Hardware h;
  const TokenCost c = distributed_cost(m, h);
  CHECK(c.bytes_moved == doctest::Approx(3 * 8192 * 2));
  CHECK(c.compute_seconds == doctest::Approx(2 * 70e9 / 300e12));
  CHECK(c.bottleneck == "network latency");
  CHECK(c.seconds < offloading_cost(m, h).seconds / 100);
}

TEST_CASE("batching amortises offloading's transfers") {
  ModelShape m;
  Hardware h;
  const auto rows = cost_by_batch(m, h, {1, 64, 16384});
  const double per_seq_1 = rows[0].offloading.seconds / 1;
  const double per_seq_big = rows[2].offloading.seconds / 16384;
  CHECK(per_seq_big < per_seq_1 / 100);
  // 16384 sequences: 2 GFLOP·16384 per block takes 109 ms, longer than its 80 ms transfer.
  CHECK(rows[2].offloading.bottleneck == "compute");
  CHECK(rows[1].offloading.bottleneck == "PCIe");
}

TEST_CASE("a model that fits moves nothing") {
  ModelShape m;
  m.params = 7e9;
  m.blocks = 32;
  Hardware h;
  const TokenCost c = offloading_cost(m, h);
  CHECK(c.resident_blocks == 32);
  CHECK(c.bytes_moved == 0);
  CHECK(c.bottleneck == "compute");
}
