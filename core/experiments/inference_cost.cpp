#include "core/experiments/inference_cost.h"

#include <algorithm>
#include <cmath>

namespace attend::experiments {

TokenCost offloading_cost(const ModelShape& m, const Hardware& h) {
  TokenCost c;
  const double block_bytes = m.params / m.blocks * m.bytes_per_param;
  // Keep a fifth of GPU memory for activations and the KV cache; the rest holds resident blocks.
  c.resident_blocks = std::clamp(static_cast<int>(std::floor(0.8 * h.gpu_memory / block_bytes)) - 1, 0, m.blocks);
  const int streamed = m.blocks - c.resident_blocks;
  const double block_flops = 2.0 * m.params / m.blocks * h.batch;  // one multiply-add per weight per sequence
  const double t_compute = block_flops / h.gpu_flops;
  const double t_transfer = block_bytes / h.pcie_bandwidth;
  c.compute_seconds = t_compute * m.blocks;
  c.transfer_seconds = t_transfer * streamed;
  c.bytes_moved = block_bytes * streamed;
  c.seconds = h.overlap ? c.resident_blocks * t_compute + streamed * std::max(t_compute, t_transfer)
                        : c.compute_seconds + c.transfer_seconds;
  c.bottleneck = streamed > 0 && t_transfer > t_compute ? "PCIe" : "compute";
  return c;
}

TokenCost distributed_cost(const ModelShape& m, const Hardware& h) {
  TokenCost c;
  const int servers = std::max(1, h.servers);
  c.resident_blocks = m.blocks;
  c.compute_seconds = 2.0 * m.params * h.batch / h.gpu_flops;
  const double hop_bytes = m.hidden * m.bytes_per_activation * h.batch;
  const int hops = servers - 1;  // activations cross each boundary once per token
  const double bandwidth_seconds = hops * hop_bytes / h.network_bandwidth;
  const double latency_seconds = hops * h.network_latency;
  c.transfer_seconds = bandwidth_seconds + latency_seconds;
  c.bytes_moved = hops * hop_bytes;
  c.seconds = c.compute_seconds + c.transfer_seconds;
  if (c.transfer_seconds < c.compute_seconds) c.bottleneck = "compute";
  else c.bottleneck = latency_seconds >= bandwidth_seconds ? "network latency" : "network bandwidth";
  return c;
}

std::vector<CostRow> cost_by_batch(const ModelShape& m, Hardware h, const std::vector<int>& batches) {
  std::vector<CostRow> rows;
  for (int b : batches) {
    h.batch = b;
    rows.push_back({b, offloading_cost(m, h), distributed_cost(m, h)});
  }
  return rows;
}

}  // namespace attend::experiments
