// Topic 24: offloading vs distributed inference, as a cost model a lesson can turn the knobs of.
// Offloading keeps the weights in host memory and streams each transformer block over PCIe to one GPU for
// every generated token; distributed inference splits the blocks across servers that each keep theirs in
// GPU memory and pass only the activations along. The model counts bytes moved and FLOPs, per token.
#pragma once

#include <string>
#include <vector>

namespace attend::experiments {

struct ModelShape {
  int blocks = 70;                 // transformer blocks
  double params = 70e9;            // all parameters
  double hidden = 8192;            // activation width passed between blocks
  double bytes_per_param = 2;      // fp16/bf16
  double bytes_per_activation = 2;
};

struct Hardware {
  double gpu_flops = 300e12;       // sustained FLOP/s of one GPU
  double gpu_memory = 80e9;        // bytes
  double pcie_bandwidth = 25e9;    // host → GPU bytes/s (PCIe 4.0 x16 in practice)
  double network_bandwidth = 1.25e9;  // bytes/s between servers (10 Gbit/s)
  double network_latency = 0.5e-3;    // seconds per message between servers
  int servers = 4;                 // distributed: servers in the pipeline
  int batch = 1;                   // sequences decoded together
  bool overlap = true;             // offloading: prefetch the next block while computing this one
};

struct TokenCost {
  double seconds = 0;              // per generated token (for the whole batch)
  double transfer_seconds = 0;     // time spent moving weights or activations
  double compute_seconds = 0;
  double bytes_moved = 0;
  int resident_blocks = 0;         // offloading: blocks that fit on the GPU and never move
  std::string bottleneck;          // "PCIe", "network latency", "network bandwidth", "compute"
  double tokens_per_second() const { return seconds > 0 ? 1.0 / seconds : 0; }
};

TokenCost offloading_cost(const ModelShape& m, const Hardware& h);
TokenCost distributed_cost(const ModelShape& m, const Hardware& h);

// One row per batch size: how each approach scales when more sequences share the weight transfers.
struct CostRow {
  int batch = 1;
  TokenCost offloading, distributed;
};
std::vector<CostRow> cost_by_batch(const ModelShape& m, Hardware h, const std::vector<int>& batches);

}  // namespace attend::experiments
