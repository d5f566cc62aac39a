// t-SNE internals shared by tsne.cpp (affinities, optimiser) and tsne_bh.cpp (the repulsive forces).
// Not part of the public API.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/embed/worker_pool.h"

namespace attend::embed::detail {

// A node of the Barnes–Hut tree over the map points sorted along a Morton (Z-order) curve: every node
// covers a contiguous range of the sorted points, so a group's points sit side by side in memory.
struct BhNode {
  int32_t begin = 0, end = 0;    // range in the sorted order
  int32_t child = -1, nchild = 0;  // children are nodes[child .. child + nchild)
  float com[3] = {0, 0, 0};      // centre of mass
  float lo[3] = {0, 0, 0};       // tight bounding box of the node's points
  float hi[3] = {0, 0, 0};
  float width2 = 0;              // squared largest side of the box
  float mass = 0;                // number of points
};

// One thread's interaction list: structure-of-arrays, padded to a multiple of the vector width with
// zero-mass entries, so the force loop needs no remainder handling.
struct BhList {
  std::vector<float> c[3];
  std::vector<float> m;
  size_t size = 0;
};

struct BhBuffers {
  std::vector<uint64_t> code, code_tmp;
  std::vector<int32_t> order, order_tmp;  // order[k]: the point at sorted position k
  std::vector<float> sp[3];               // sorted coordinates
  std::vector<BhNode> nodes;
  std::vector<int32_t> groups;            // node ids whose points share one interaction list
  std::vector<float> neg_sorted;          // n x dims, in sorted order
  std::vector<double> z_group;            // per group: Σ_i Σ_j q_ij·Z (self terms included)
  std::vector<BhList> lists;              // per thread
};

struct TsneWorkspace {
  std::unique_ptr<WorkerPool> owned_pool;
  WorkerPool* pool = nullptr;             // owned_pool, or one the caller lends
  BhBuffers bh;
  std::vector<float> neg;                 // n x dims, repulsive forces Σ_j q_ij² Z² (y_i − y_j)
  std::vector<double> chunk_sums;         // per chunk of points: the KL terms
  std::vector<std::vector<float>> row_buffers;  // per thread: one row's neighbour coordinates
};

// Repulsive forces into ws.neg (original order) and the return value Z = Σ_{i≠j} (1 + d_ij²)⁻¹.
// theta = 0 gives the exact sums.
double tsne_repulsion(const float* y, int n, int dims, double theta, TsneWorkspace& ws);

}  // namespace attend::embed::detail
