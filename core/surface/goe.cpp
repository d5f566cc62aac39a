// (a) of saddles.h: the probability that a GOE matrix is positive definite, by Monte Carlo and exactly.
//
// The exact value. The eigenvalues of a d×d GOE matrix have the joint density ∝ Π_{i<j}|λᵢ − λⱼ| Π w(λᵢ)
// with a Gaussian weight w (its width does not matter: positivity is scale-free). So
//     P_d = Z(0, ∞) / Z(−∞, ∞),   Z(I) = ∫_{I^d} Π_{i<j}|λᵢ − λⱼ| Π w(λᵢ) dλ.
// On the ordered region the product is the Vandermonde determinant det[p_j(λ_k)] for any monic polynomials
// p_j of degree j, and de Bruijn's identity (1955) turns the ordered integral of a determinant into a
// Pfaffian of 1-D integrals:
//     ∫_{x₁<…<x_d ∈ I} det[φ_j(x_k)] dx = Pf A(I),   A_jk = ∫∫_{I²} sgn(y − x) φ_j(x) φ_k(y) dx dy,
// with φ_j = p_j·w, bordered by the column ∫_I φ_j when d is odd. The d! of the unordered integral and any
// normalisation of the p_j cancel in the ratio, so P_d = |Pf A(0,∞) / Pf A(ℝ)| = √(det A(0,∞) / det A(ℝ)).
// We take φ_j = ψ_j·e^{−x²/4} with ψ_j the orthonormal Hermite functions (He_j(x)e^{−x²/4}, normalised), which
// keeps every entry of order 1, integrate with composite Gauss–Legendre in long double, and check the result
// against 1/2 (d = 1), (2 − √2)/4 (d = 2) and the Monte Carlo estimate (tests/core/surface/test_saddles.cpp).
// For large d the Pfaffian of the half-line is a tiny number made of order-one entries, and the
// cancellation eats the precision: P_14 ≈ 1e-23 is the last value long double resolves.
#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/LU>

#include <cmath>
#include <limits>

#include "core/surface/saddles.h"
#include "core/util/rng.h"

namespace attend::surface {

namespace {

using LD = long double;
constexpr int kMaxExactD = 14;

// Gauss–Legendre nodes and weights on [−1, 1], by Newton's method on the Legendre polynomial.
void gauss_legendre(int n, std::vector<LD>* nodes, std::vector<LD>* weights) {
  nodes->assign(n, 0);
  weights->assign(n, 0);
  const LD pi = 3.141592653589793238462643383279502884L;
  for (int i = 0; i < n; ++i) {
    LD x = std::cos(pi * (i + 0.75L) / (n + 0.5L));
    LD dp = 0;
    for (int it = 0; it < 100; ++it) {
      LD p0 = 1, p1 = x;
      for (int k = 2; k <= n; ++k) {
        const LD p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = n * (x * p1 - p0) / (x * x - 1);
      const LD dx = p1 / dp;
      x -= dx;
      if (std::fabs(dx) < 1e-19L) break;
    }
    (*nodes)[i] = x;
    (*weights)[i] = 2 / ((1 - x * x) * dp * dp);
  }
}

// φ_0..φ_{m−1} at x: orthonormal Hermite functions times e^{−x²/4}.
void basis(LD x, int m, LD* out) {
  const LD g = std::exp(-x * x / 4);
  LD prev = 0, cur = g / std::pow(2 * 3.141592653589793238462643383279502884L, 0.25L);
  for (int j = 0; j < m; ++j) {
    out[j] = cur * g;
    const LD next = (x * cur - std::sqrt(static_cast<LD>(j)) * prev) / std::sqrt(static_cast<LD>(j + 1));
    prev = cur;
    cur = next;
  }
}

using MatL = Eigen::Matrix<LD, Eigen::Dynamic, Eigen::Dynamic>;

// A(I) for the first m basis functions, bordered by the column ∫_I φ_j (index m), over I = [a, b].
MatL pfaffian_matrix(LD a, LD b, int m) {
  const int q = 16;
  std::vector<LD> gx, gw;
  gauss_legendre(q, &gx, &gw);
  const LD panel = 0.25L;
  const int panels = static_cast<int>(std::lround((b - a) / panel));
  // Nodes y of every panel with their weights, φ(y), and the running integral Φ(y) = ∫_a^y φ.
  std::vector<LD> phi(m), inner(m);
  std::vector<LD> cum(m, 0);          // Φ at the current panel's start
  std::vector<LD> ys, ws;
  std::vector<std::vector<LD>> phis, Phis;
  for (int p = 0; p < panels; ++p) {
    const LD lo = a + p * panel;
    for (int i = 0; i < q; ++i) {
      const LD y = lo + (gx[i] + 1) * panel / 2;
      basis(y, m, phi.data());
      // Φ(y) = Φ(lo) + ∫_lo^y φ, by the same rule mapped onto [lo, y].
      std::vector<LD> Phi(cum);
      for (int k = 0; k < q; ++k) {
        const LD x = lo + (gx[k] + 1) * (y - lo) / 2;
        basis(x, m, inner.data());
        for (int j = 0; j < m; ++j) Phi[j] += gw[k] * (y - lo) / 2 * inner[j];
      }
      ys.push_back(y);
      ws.push_back(gw[i] * panel / 2);
      phis.push_back(phi);
      Phis.push_back(std::move(Phi));
    }
    for (int i = 0; i < q; ++i) {
      basis(lo + (gx[i] + 1) * panel / 2, m, phi.data());
      for (int j = 0; j < m; ++j) cum[j] += gw[i] * panel / 2 * phi[j];
    }
  }
  const std::vector<LD>& total = cum;  // Φ(b)
  MatL A = MatL::Zero(m + 1, m + 1);
  // A_jk = ∫ φ_k(y) (Φ_j(y) − (Φ_j(b) − Φ_j(y))) dy: sgn(y − x) splits the x-integral at y.
  for (size_t n = 0; n < ys.size(); ++n)
    for (int j = 0; j < m; ++j) {
      const LD s = 2 * Phis[n][j] - total[j];
      for (int k = 0; k < m; ++k) A(j, k) += ws[n] * phis[n][k] * s;
    }
  for (int j = 0; j < m; ++j) {
    A(j, m) = total[j];
    A(m, j) = -total[j];
  }
  return A;
}

struct ExactTable {
  std::vector<double> p;  // p[d] for d = 0..kMaxExactD
  ExactTable() {
    const int m = kMaxExactD;
    const MatL pos = pfaffian_matrix(0, 14, m), all = pfaffian_matrix(-14, 14, m);
    p.assign(m + 1, 1.0);
    for (int d = 1; d <= m; ++d) {
      // Even d: the leading d×d block; odd d: the first d rows and columns bordered by ∫φ (index m).
      const int size = d % 2 == 0 ? d : d + 1;
      MatL A(size, size), B(size, size);
      std::vector<int> idx;
      for (int j = 0; j < d; ++j) idx.push_back(j);
      if (d % 2 == 1) idx.push_back(m);
      for (int r = 0; r < size; ++r)
        for (int c = 0; c < size; ++c) {
          A(r, c) = pos(idx[r], idx[c]);
          B(r, c) = all(idx[r], idx[c]);
        }
      const LD ratio = A.partialPivLu().determinant() / B.partialPivLu().determinant();
      p[d] = static_cast<double>(std::sqrt(std::fabs(ratio)));
    }
  }
};

}  // namespace

double goe_positive_probability(int d) {
  if (d <= 0) return 1.0;
  if (d > kMaxExactD) return std::numeric_limits<double>::quiet_NaN();
  static const ExactTable table;
  return table.p[d];
}

double goe_positive_asymptote(int d) { return std::exp(-std::log(3.0) / 4.0 * d * d); }

std::vector<GoeRow> goe_minima_fraction(const GoeOptions& o, JobProgress* job) {
  std::vector<GoeRow> rows;
  set_total(job, o.max_d);
  for (int d = 1; d <= o.max_d; ++d) {
    if (cancelled(job)) break;
    SplitMix64 rng(o.seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(d));
    Eigen::MatrixXd h(d, d);
    Eigen::LLT<Eigen::MatrixXd> llt(d);
    GoeRow row;
    row.d = d;
    for (int t = 0; t < o.trials; ++t) {
      // GOE: off-diagonal N(0, 1), diagonal N(0, 2).
      for (int j = 0; j < d; ++j) {
        h(j, j) = std::sqrt(2.0) * rng.normal();
        for (int i = j + 1; i < d; ++i) h(i, j) = h(j, i) = rng.normal();
      }
      // The factorisation succeeds exactly when every eigenvalue is positive.
      llt.compute(h);
      row.positive += llt.info() == Eigen::Success;
      ++row.trials;
    }
    const double n = row.trials;
    row.fraction = row.positive / n;
    row.std_error = std::sqrt(row.fraction * (1 - row.fraction) / n);
    // With no hit, −ln(0.05)/n ≈ 3/n bounds p at 95 %; otherwise a normal-approximation bound.
    row.upper95 = row.positive == 0 ? -std::log(0.05) / n : row.fraction + 1.645 * row.std_error;
    row.exact = goe_positive_probability(d);
    row.asymptote = goe_positive_asymptote(d);
    rows.push_back(row);
    advance(job);
  }
  return rows;
}

}  // namespace attend::surface
