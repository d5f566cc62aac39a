// Barnes–Hut repulsive forces for t-SNE, grouped and vectorised.
//
// Each iteration: sort the points along a Morton curve (radix sort of 20-bit-per-axis codes), build a tree
// whose nodes are contiguous ranges of the sorted points, and pick "groups" (nodes of at most kGroup points).
// For each group, one traversal gathers an interaction list under sklearn's rule — a node is summarised by its
// centre of mass when max_width² < θ²·dist², here with dist the distance from the centre of mass to the
// group's bounding box, which is no more than the distance to any point in the group, so every point in it
// gets at least sklearn's accuracy. Nodes that overlap the group are opened down to points. The forces are
// then one dense loop per point over the list (16 float lanes), which is where the time goes.
//
// A point meets itself in its own group's list: that term adds exactly 1 to Σq and nothing to the force
// (y_i − y_i = 0), so Z subtracts n at the end instead of testing j ≠ i in the inner loop.
// GCC 12 reports false "may be used uninitialized" warnings inside its AVX-512 reduction intrinsics
// (GCC bug 105593); they are not about this file.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <algorithm>
#include <cmath>
#include <cstring>
#if defined(__AVX512F__)
#include <immintrin.h>
#endif
#include <cstdio>

#include "core/embed/tsne_internal.h"
#include "core/util/assert.h"

namespace attend::embed::detail {

namespace {

constexpr int kBits = 20;      // quantisation per axis: cells down to 2^-20 of the map's extent
constexpr int kLeaf = 8;       // a node of at most this many points is a leaf
constexpr int kGroup = 128;    // a node of at most this many points shares one interaction list
constexpr int kLanes = 16;     // list padding: one AVX-512 register of floats

template <int D>
uint64_t spread_bits(uint32_t v);

template <>
uint64_t spread_bits<2>(uint32_t v) {
  uint64_t x = v;
  x = (x | (x << 16)) & 0x0000FFFF0000FFFFull;
  x = (x | (x << 8)) & 0x00FF00FF00FF00FFull;
  x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0Full;
  x = (x | (x << 2)) & 0x3333333333333333ull;
  x = (x | (x << 1)) & 0x5555555555555555ull;
  return x;
}

template <>
uint64_t spread_bits<3>(uint32_t v) {
  uint64_t x = v & 0x1FFFFF;
  x = (x | (x << 32)) & 0x1F00000000FFFFull;
  x = (x | (x << 16)) & 0x1F0000FF0000FFull;
  x = (x | (x << 8)) & 0x100F00F00F00F00Full;
  x = (x | (x << 4)) & 0x10C30C30C30C30C3ull;
  x = (x | (x << 2)) & 0x1249249249249249ull;
  return x;
}

// LSD radix sort of (code, index) by code, 11 bits per pass.
void radix_sort(BhBuffers& B, int n, int bits) {
  constexpr int kDigit = 11;
  constexpr int kBuckets = 1 << kDigit;
  std::vector<uint32_t> count(kBuckets);
  for (int shift = 0; shift < bits; shift += kDigit) {
    std::fill(count.begin(), count.end(), 0u);
    for (int i = 0; i < n; ++i) ++count[(B.code[i] >> shift) & (kBuckets - 1)];
    uint32_t sum = 0;
    for (int b = 0; b < kBuckets; ++b) {
      const uint32_t c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (int i = 0; i < n; ++i) {
      const uint32_t at = count[(B.code[i] >> shift) & (kBuckets - 1)]++;
      B.code_tmp[at] = B.code[i];
      B.order_tmp[at] = B.order[i];
    }
    B.code.swap(B.code_tmp);
    B.order.swap(B.order_tmp);
  }
}

template <int D>
void finish_leaf(BhBuffers& B, BhNode& nd) {
  double sum[D] = {};
  for (int d = 0; d < D; ++d) {
    float lo = B.sp[d][nd.begin], hi = lo;
    for (int k = nd.begin; k < nd.end; ++k) {
      const float v = B.sp[d][k];
      sum[d] += v;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    nd.lo[d] = lo;
    nd.hi[d] = hi;
  }
  nd.mass = static_cast<float>(nd.end - nd.begin);
  float w2 = 0;
  for (int d = 0; d < D; ++d) {
    nd.com[d] = static_cast<float>(sum[d] / nd.mass);
    const float w = nd.hi[d] - nd.lo[d];
    w2 = std::max(w2, w * w);
  }
  nd.width2 = w2;
}

template <int D>
void build_node(BhBuffers& B, int32_t id) {
  const int32_t b = B.nodes[id].begin, e = B.nodes[id].end;
  const uint64_t diff = B.code[b] ^ B.code[e - 1];
  if (e - b <= kLeaf || diff == 0) {  // small, or every point in the same finest cell
    finish_leaf<D>(B, B.nodes[id]);
    return;
  }
  // Split at the Morton digit holding the highest differing bit: levels where all points share a cell are
  // skipped, so every internal node has at least two children.
  const int high = 63 - __builtin_clzll(diff);
  const int shift = (high / D) * D;
  int32_t starts[9];
  int nchild = 0;
  int32_t at = b;
  while (at < e) {
    starts[nchild++] = at;
    const uint64_t prefix = B.code[at] >> shift;
    // First position whose prefix is larger: binary search in the sorted codes.
    int32_t lo = at + 1, hi = e;
    while (lo < hi) {
      const int32_t mid = lo + (hi - lo) / 2;
      if ((B.code[mid] >> shift) > prefix)
        hi = mid;
      else
        lo = mid + 1;
    }
    at = lo;
  }
  starts[nchild] = e;
  const int32_t first = static_cast<int32_t>(B.nodes.size());
  for (int c = 0; c < nchild; ++c) {
    BhNode child;
    child.begin = starts[c];
    child.end = starts[c + 1];
    B.nodes.push_back(child);
  }
  B.nodes[id].child = first;
  B.nodes[id].nchild = nchild;
  for (int c = 0; c < nchild; ++c) build_node<D>(B, first + c);

  BhNode& nd = B.nodes[id];
  double sum[D] = {};
  for (int d = 0; d < D; ++d) {
    nd.lo[d] = B.nodes[first].lo[d];
    nd.hi[d] = B.nodes[first].hi[d];
  }
  float mass = 0;
  for (int c = 0; c < nchild; ++c) {
    const BhNode& ch = B.nodes[first + c];
    mass += ch.mass;
    for (int d = 0; d < D; ++d) {
      sum[d] += static_cast<double>(ch.com[d]) * ch.mass;
      nd.lo[d] = std::min(nd.lo[d], ch.lo[d]);
      nd.hi[d] = std::max(nd.hi[d], ch.hi[d]);
    }
  }
  nd.mass = mass;
  float w2 = 0;
  for (int d = 0; d < D; ++d) {
    nd.com[d] = static_cast<float>(sum[d] / mass);
    const float w = nd.hi[d] - nd.lo[d];
    w2 = std::max(w2, w * w);
  }
  nd.width2 = w2;
}

void collect_groups(BhBuffers& B, int32_t id) {
  const BhNode& nd = B.nodes[id];
  if (nd.nchild == 0 || nd.end - nd.begin <= kGroup) {
    B.groups.push_back(id);
    return;
  }
  for (int c = 0; c < nd.nchild; ++c) collect_groups(B, nd.child + c);
}

template <int D>
void build_tree(const float* y, int n, BhBuffers& B) {
  float lo[D], hi[D];
  for (int d = 0; d < D; ++d) lo[d] = hi[d] = y[d];
  for (int i = 1; i < n; ++i)
    for (int d = 0; d < D; ++d) {
      lo[d] = std::min(lo[d], y[i * D + d]);
      hi[d] = std::max(hi[d], y[i * D + d]);
    }
  double scale[D];
  const double cells = static_cast<double>(1u << kBits);
  for (int d = 0; d < D; ++d) {
    const double extent = static_cast<double>(hi[d]) - lo[d];
    scale[d] = extent > 0 ? cells / extent : 0.0;
  }
  B.code.resize(n);
  B.code_tmp.resize(n);
  B.order.resize(n);
  B.order_tmp.resize(n);
  for (int i = 0; i < n; ++i) {
    uint64_t c = 0;
    for (int d = 0; d < D; ++d) {
      double q = (static_cast<double>(y[i * D + d]) - lo[d]) * scale[d];
      q = std::min(std::max(q, 0.0), cells - 1);
      c |= spread_bits<D>(static_cast<uint32_t>(q)) << d;
    }
    B.code[i] = c;
    B.order[i] = i;
  }
  radix_sort(B, n, kBits * D);
  for (int d = 0; d < D; ++d) {
    B.sp[d].resize(n);
    for (int k = 0; k < n; ++k) B.sp[d][k] = y[B.order[k] * D + d];
  }
  B.nodes.clear();
  B.nodes.reserve(2 * static_cast<size_t>(n) + 1);
  BhNode root;
  root.begin = 0;
  root.end = n;
  B.nodes.push_back(root);
  build_node<D>(B, 0);
  B.groups.clear();
  collect_groups(B, 0);
}

// Room for `extra` more entries (plus padding) in the list.
inline void list_reserve(BhList& L, int dims, size_t extra) {
  const size_t need = L.size + extra + kLanes;
  if (need <= L.m.size()) return;
  const size_t cap = std::max(need, 2 * L.m.size());
  for (int d = 0; d < dims; ++d) L.c[d].resize(cap);
  L.m.resize(cap);
}

template <int D>
void gather(const BhBuffers& B, const BhNode& g, float theta2, BhList& L) {
  L.size = 0;
  // Depth-first with an explicit stack: at most 2^D - 1 siblings wait per level of a tree of depth <= 64.
  int32_t stack[64 * 8];
  int top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const BhNode& nd = B.nodes[stack[--top]];
    const bool overlaps = nd.begin < g.end && g.begin < nd.end;
    if (!overlaps) {
      float dist2 = 0;
      for (int d = 0; d < D; ++d) {
        const float out = std::max(std::max(g.lo[d] - nd.com[d], nd.com[d] - g.hi[d]), 0.0f);
        dist2 += out * out;
      }
      if (nd.width2 < theta2 * dist2) {
        list_reserve(L, D, 1);
        for (int d = 0; d < D; ++d) L.c[d][L.size] = nd.com[d];
        L.m[L.size++] = nd.mass;
        continue;
      }
    }
    if (nd.nchild == 0) {
      // A leaf's points are contiguous in the sorted arrays: copy them in bulk.
      const size_t count = static_cast<size_t>(nd.end - nd.begin);
      list_reserve(L, D, count);
      for (int d = 0; d < D; ++d)
        std::memcpy(&L.c[d][L.size], &B.sp[d][nd.begin], count * sizeof(float));
      std::fill(L.m.begin() + L.size, L.m.begin() + L.size + count, 1.0f);
      L.size += count;
      continue;
    }
    for (int c = nd.nchild - 1; c >= 0; --c) stack[top++] = nd.child + c;
  }
  list_reserve(L, D, 0);
  while (L.size % kLanes != 0) {  // zero mass: adds nothing, keeps the loop free of remainders
    for (int d = 0; d < D; ++d) L.c[d][L.size] = 0.0f;
    L.m[L.size++] = 0.0f;
  }
}

// Σ_j m_j q_ij and Σ_j m_j q_ij² (y_i − y_j) over the list, for each point of the group.
template <int D>
double group_forces(BhBuffers& B, const BhNode& g, const BhList& L) {
  double zsum = 0;
  const size_t len = L.size;
  const float* cx[D];
  for (int d = 0; d < D; ++d) cx[d] = L.c[d].data();
  const float* m = L.m.data();
  for (int k = g.begin; k < g.end; ++k) {
    float yi[D];
    for (int d = 0; d < D; ++d) yi[d] = B.sp[d][k];
    float f[D];
    double z = 0;
#if defined(__AVX512F__)
    // 1/(1 + d²) by the 14-bit reciprocal estimate and one Newton step (relative error ~1e-7, the
    // float32 rounding level): a division would be the slowest instruction in the loop.
    const __m512 one = _mm512_set1_ps(1.0f), two = _mm512_set1_ps(2.0f);
    __m512 vy[D], vf[D];
    for (int d = 0; d < D; ++d) {
      vy[d] = _mm512_set1_ps(yi[d]);
      vf[d] = _mm512_setzero_ps();
    }
    __m512 vz = _mm512_setzero_ps();
    for (size_t j = 0; j < len; j += kLanes) {
      __m512 dd[D];
      __m512 den = one;
      for (int d = 0; d < D; ++d) {
        dd[d] = _mm512_sub_ps(vy[d], _mm512_loadu_ps(cx[d] + j));
        den = _mm512_fmadd_ps(dd[d], dd[d], den);
      }
      __m512 q = _mm512_rcp14_ps(den);
      q = _mm512_mul_ps(q, _mm512_fnmadd_ps(den, q, two));
      const __m512 mq = _mm512_mul_ps(_mm512_loadu_ps(m + j), q);
      vz = _mm512_add_ps(vz, mq);
      const __m512 mq2 = _mm512_mul_ps(mq, q);
      for (int d = 0; d < D; ++d) vf[d] = _mm512_fmadd_ps(mq2, dd[d], vf[d]);
    }
    z = _mm512_reduce_add_ps(vz);
    for (int d = 0; d < D; ++d) f[d] = _mm512_reduce_add_ps(vf[d]);
#else
    alignas(64) float az[kLanes] = {};
    alignas(64) float af[D][kLanes] = {};
    for (size_t j = 0; j < len; j += kLanes) {
      for (int l = 0; l < kLanes; ++l) {
        float dd[D];
        float d2 = 1.0f;
        for (int d = 0; d < D; ++d) {
          dd[d] = yi[d] - cx[d][j + l];
          d2 += dd[d] * dd[d];
        }
        const float q = 1.0f / d2;
        const float mq = m[j + l] * q;
        az[l] += mq;
        const float mq2 = mq * q;
        for (int d = 0; d < D; ++d) af[d][l] += mq2 * dd[d];
      }
    }
    for (int l = 0; l < kLanes; ++l) z += az[l];
    for (int d = 0; d < D; ++d) {
      f[d] = 0;
      for (int l = 0; l < kLanes; ++l) f[d] += af[d][l];
    }
#endif
    zsum += z;
    for (int d = 0; d < D; ++d) B.neg_sorted[static_cast<size_t>(k) * D + d] = f[d];
  }
  return zsum;
}

template <int D>
double repulsion(const float* y, int n, double theta, TsneWorkspace& ws) {
  BhBuffers& B = ws.bh;
  build_tree<D>(y, n, B);
  B.neg_sorted.resize(static_cast<size_t>(n) * D);
  B.z_group.assign(B.groups.size(), 0.0);
  WorkerPool& pool = *ws.pool;
  if (B.lists.size() < static_cast<size_t>(pool.threads())) B.lists.resize(pool.threads());
  const float theta2 = static_cast<float>(theta * theta);
  pool.for_each(static_cast<int64_t>(B.groups.size()), [&](int64_t gi, int thread) {
    BhList& L = B.lists[thread];
    const BhNode& g = B.nodes[B.groups[gi]];
    gather<D>(B, g, theta2, L);
    B.z_group[gi] = group_forces<D>(B, g, L);
  });
  double z = 0;
  for (double v : B.z_group) z += v;  // in group order: the same sum on any number of threads
  ws.neg.resize(static_cast<size_t>(n) * D);
  for (int k = 0; k < n; ++k)
    for (int d = 0; d < D; ++d) ws.neg[static_cast<size_t>(B.order[k]) * D + d] = B.neg_sorted[static_cast<size_t>(k) * D + d];
  return z - n;  // each point met itself once: q = 1, force 0
}

}  // namespace

double tsne_repulsion(const float* y, int n, int dims, double theta, TsneWorkspace& ws) {
  ATTEND_ASSERT(dims == 2 || dims == 3, "t-SNE maps are 2-D or 3-D");
  ATTEND_ASSERT(ws.pool != nullptr, "tsne_repulsion needs the workspace's pool");
  return dims == 2 ? repulsion<2>(y, n, theta, ws) : repulsion<3>(y, n, theta, ws);
}

}  // namespace attend::embed::detail
