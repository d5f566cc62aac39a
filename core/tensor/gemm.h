// sgemm: the one matrix product every op uses (linear layers, attention's per-head products, RNN steps).
//
//   C (m×n) = op(A)·op(B)        or, with accumulate, C += op(A)·op(B)
//
// All matrices are row-major with leading dimensions lda, ldb, ldc (the distance between rows), so a head's
// block inside a (B·T)×3d activation is addressed in place, without a copy. op(A) is A (m×k, element
// (i,p) at a[i·lda + p]) or, with trans_a, Aᵀ where A is k×m (element (i,p) at a[p·lda + i]); same for B.
//
// Why not Eigen's product: at this engine's shapes (k = 16…1024, n = 16…256) Eigen reaches 70–95 GFLOP/s on
// one core here, a register-blocked AVX-512 kernel (6×64 accumulators, A broadcast from memory, B packed a
// k-block × 64-column panel at a time into an aligned buffer) does better, and it never allocates. Without
// AVX-512 the product falls back to Eigen.
#pragma once

namespace attend::tensor {

void sgemm(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda, const float* b, int ldb,
           float* c, int ldc, bool accumulate);
// C = op(A)·op(B) + bias (or C += … with accumulate), the bias (n floats) added to every row as the product
// is stored: a linear layer's forward in one pass over C (with accumulate, a residual connection too).
void sgemm_bias(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda, const float* b, int ldb,
                float* c, int ldc, const float* bias, bool accumulate = false);

// The same product computed naively in double: the reference the tests compare sgemm against.
void sgemm_reference(bool trans_a, bool trans_b, int m, int n, int k, const float* a, int lda, const float* b,
                     int ldb, float* c, int ldc, bool accumulate);

// Whether sgemm uses the AVX-512 kernel in this build (bench output reports it).
bool sgemm_is_vectorized();

}  // namespace attend::tensor
