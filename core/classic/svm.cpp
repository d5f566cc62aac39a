#include "core/classic/svm.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <list>
#include <string>
#include <unordered_map>

namespace attend::classic {
namespace {

using RowMat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr double kTau = 1e-12;
constexpr double kInf = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------------------------------------
// Kernel rows K(i, ·) over the training set, stored as float like libsvm's Qfloat cache, least recently used
// rows dropped once the budget is full.
class KernelRows {
 public:
  KernelRows(const RowMat& X, SvmKernel kernel, double gamma, double cache_mb)
      : m_X(X), m_kernel(kernel), m_gamma(gamma) {  // column-major copy: a row of K is one long GEMV
    m_sq = X.rowwise().squaredNorm();
    const double bytes_per_row = 4.0 * static_cast<double>(std::max<Eigen::Index>(1, X.rows()));
    m_max_rows = std::max<size_t>(2, static_cast<size_t>(cache_mb * 1024.0 * 1024.0 / bytes_per_row));
  }

  double diag(int i) const { return m_kernel == SvmKernel::Rbf ? 1.0 : m_sq(i); }

  const float* row(int i) {
    auto it = m_rows.find(i);
    if (it != m_rows.end()) {
      m_lru.splice(m_lru.begin(), m_lru, it->second.where);
      return it->second.values.data();
    }
    if (m_rows.size() >= m_max_rows) {
      const int victim = m_lru.back();
      m_lru.pop_back();
      m_spare = std::move(m_rows[victim].values);
      m_rows.erase(victim);
    }
    Entry e;
    e.values = std::move(m_spare);
    e.values.resize(static_cast<size_t>(m_X.rows()));
    compute(i, e.values.data());
    m_lru.push_front(i);
    e.where = m_lru.begin();
    return m_rows.emplace(i, std::move(e)).first->second.values.data();
  }

 private:
  void compute(int i, float* out) {
    m_dots.noalias() = m_X * m_X.row(i).transpose();
    if (m_kernel == SvmKernel::Linear) {
      for (Eigen::Index j = 0; j < m_X.rows(); ++j) out[j] = static_cast<float>(m_dots(j));
      return;
    }
    // libsvm: exp(−γ·(‖x_i‖² + ‖x_j‖² − 2·x_i·x_j)).
    const Eigen::ArrayXd k = (-m_gamma * ((m_sq(i) + m_sq.array()) - 2.0 * m_dots.array())).exp();
    for (Eigen::Index j = 0; j < m_X.rows(); ++j) out[j] = static_cast<float>(k(j));
  }

  struct Entry {
    std::vector<float> values;
    std::list<int>::iterator where;
  };
  const Eigen::MatrixXd m_X;
  SvmKernel m_kernel;
  double m_gamma;
  Eigen::VectorXd m_sq, m_dots;
  size_t m_max_rows = 0;
  std::unordered_map<int, Entry> m_rows;
  std::list<int> m_lru;
  std::vector<float> m_spare;
};

// ---------------------------------------------------------------------------------------------------------
// libsvm's Solver (Fan, Chen & Lin 2005) specialised to C-SVC: minimise ½αᵀQα − eᵀα subject to yᵀα = 0 and
// 0 ≤ α ≤ C, with Q_ij = y_i·y_j·K_ij. Arrays are indexed by position; shrinking swaps positions the way
// libsvm swaps them, and active_set maps a position back to its sample.
class Solver {
 public:
  Solver(KernelRows& K, const std::vector<signed char>& y, double C, double eps, bool shrinking, int max_iter)
      : m_K(K), m_l(static_cast<int>(y.size())), m_C(C), m_eps(eps), m_shrinking(shrinking) {
    const int l = m_l;
    m_y = y;
    m_alpha.assign(l, 0.0);
    m_status.assign(l, kLower);
    m_p.assign(l, -1.0);
    m_active_set.resize(l);
    m_QD.resize(l);
    for (int i = 0; i < l; ++i) {
      m_active_set[i] = i;
      m_QD[i] = K.diag(i);
    }
    m_active_size = l;
    m_G.assign(l, -1.0);  // G = p + Qα with α = 0
    m_G_bar.assign(l, 0.0);
    m_Qi.resize(l);
    m_Qj.resize(l);
    m_scan.resize(l);
    m_scan2.resize(l);
    const long long limit = std::max<long long>(10000000LL, 100LL * l);
    m_max_iter = max_iter > 0 ? max_iter : static_cast<int>(std::min<long long>(limit, std::numeric_limits<int>::max()));
  }

  void solve() {
    int counter = std::min(m_l, 1000) + 1;
    int iter = 0;
    while (iter < m_max_iter) {
      if (--counter == 0) {
        counter = std::min(m_l, 1000);
        if (m_shrinking) do_shrinking();
      }
      int i, j;
      if (select_working_set(i, j) != 0) {
        reconstruct_gradient();
        m_active_size = m_l;
        if (select_working_set(i, j) != 0) break;
        counter = 1;  // do shrinking next iteration
      }
      ++iter;
      update_pair(i, j);
    }
    if (iter >= m_max_iter && m_active_size < m_l) {
      reconstruct_gradient();
      m_active_size = m_l;
    }
    m_iter = iter;
    m_rho = calculate_rho();
    double v = 0;
    for (int i = 0; i < m_l; ++i) v += m_alpha[i] * (m_G[i] + m_p[i]);
    m_objective = v / 2;
  }

  // α in sample order, the bias ρ (decision = Σ α_i y_i K − ρ), iterations, objective.
  std::vector<double> alpha() const {
    std::vector<double> a(m_l);
    for (int i = 0; i < m_l; ++i) a[m_active_set[i]] = m_alpha[i];
    return a;
  }
  double rho() const { return m_rho; }
  int iterations() const { return m_iter; }
  double objective() const { return m_objective; }

 private:
  enum : char { kLower, kUpper, kFree };

  bool is_upper(int i) const { return m_status[i] == kUpper; }
  bool is_lower(int i) const { return m_status[i] == kLower; }
  bool is_free(int i) const { return m_status[i] == kFree; }
  void update_status(int i) {
    if (m_alpha[i] >= m_C) m_status[i] = kUpper;
    else if (m_alpha[i] <= 0) m_status[i] = kLower;
    else m_status[i] = kFree;
  }

  // Q(i, 0..len−1) in position order (libsvm's get_Q), written into `buf`.
  const float* get_Q(int i, int len, std::vector<float>& buf) {
    const float* row = m_K.row(m_active_set[i]);
    const signed char yi = m_y[i];
    for (int j = 0; j < len; ++j) {
      const float k = row[m_active_set[j]];
      buf[j] = yi == m_y[j] ? k : -k;
    }
    return buf.data();
  }

  void swap_index(int i, int j) {
    std::swap(m_y[i], m_y[j]);
    std::swap(m_G[i], m_G[j]);
    std::swap(m_status[i], m_status[j]);
    std::swap(m_alpha[i], m_alpha[j]);
    std::swap(m_p[i], m_p[j]);
    std::swap(m_active_set[i], m_active_set[j]);
    std::swap(m_G_bar[i], m_G_bar[j]);
    std::swap(m_QD[i], m_QD[j]);
  }

  // libsvm's WSS 2 (second-order selection). Its scans keep the last index that reaches the maximum (>=) or
  // minimum (<=); here each scan is a reduction the compiler vectorises, then a search for the last index
  // holding exactly that value, which picks the same pair.
  int select_working_set(int& out_i, int& out_j) {
    const int n = m_active_size;
    double* v = m_scan.data();
    for (int t = 0; t < n; ++t) {  // I_up: y = +1 below C, or y = −1 above 0; value −y·G
      const bool up = m_y[t] == +1 ? m_status[t] != kUpper : m_status[t] != kLower;
      v[t] = up ? -m_y[t] * m_G[t] : -kInf;
    }
    const double Gmax = n > 0 ? Eigen::Map<const Eigen::VectorXd>(v, n).maxCoeff() : -kInf;
    if (Gmax == -kInf) return 1;  // nothing can move up: libsvm's Gmax + Gmax2 < eps
    int i = n - 1;
    while (v[i] != Gmax) --i;
    const float* Q_i = get_Q(i, n, m_Qi);
    // I_low: y = +1 above 0, or y = −1 below C; value y·G (libsvm's G[j] and −G[j]).
    double* w = m_scan.data();
    double* obj = m_scan2.data();
    const double QDi = m_QD[i], yi2 = 2.0 * m_y[i];
    for (int j = 0; j < n; ++j) {
      const bool low = m_y[j] == +1 ? m_status[j] != kLower : m_status[j] != kUpper;
      const double g = m_y[j] * m_G[j];
      const double grad_diff = Gmax + g;
      const double quad = QDi + m_QD[j] - yi2 * m_y[j] * Q_i[j];
      const double o = -(grad_diff * grad_diff) / (quad > 0 ? quad : kTau);
      w[j] = low ? g : -kInf;
      obj[j] = low && grad_diff > 0 ? o : kInf;
    }
    const double Gmax2 = Eigen::Map<const Eigen::VectorXd>(w, n).maxCoeff();
    const double obj_min = Eigen::Map<const Eigen::VectorXd>(obj, n).minCoeff();
    if (Gmax + Gmax2 < m_eps || obj_min == kInf) return 1;
    int j = n - 1;
    while (obj[j] != obj_min) --j;
    out_i = i;
    out_j = j;
    return 0;
  }

  // select_working_set has just filled m_Qi with Q(i, 0..active_size−1): reuse it.
  void update_pair(int i, int j) {
    const float* Q_i = m_Qi.data();
    const float* Q_j = get_Q(j, m_active_size, m_Qj);
    const double C_i = m_C, C_j = m_C;
    const double old_ai = m_alpha[i], old_aj = m_alpha[j];
    double& ai = m_alpha[i];
    double& aj = m_alpha[j];
    if (m_y[i] != m_y[j]) {
      double quad = m_QD[i] + m_QD[j] + 2 * Q_i[j];
      if (quad <= 0) quad = kTau;
      const double delta = (-m_G[i] - m_G[j]) / quad;
      const double diff = ai - aj;
      ai += delta;
      aj += delta;
      if (diff > 0) {
        if (aj < 0) aj = 0, ai = diff;
      } else {
        if (ai < 0) ai = 0, aj = -diff;
      }
      if (diff > C_i - C_j) {
        if (ai > C_i) ai = C_i, aj = C_i - diff;
      } else {
        if (aj > C_j) aj = C_j, ai = C_j + diff;
      }
    } else {
      double quad = m_QD[i] + m_QD[j] - 2 * Q_i[j];
      if (quad <= 0) quad = kTau;
      const double delta = (m_G[i] - m_G[j]) / quad;
      const double sum = ai + aj;
      ai -= delta;
      aj += delta;
      if (sum > C_i) {
        if (ai > C_i) ai = C_i, aj = sum - C_i;
      } else {
        if (aj < 0) aj = 0, ai = sum;
      }
      if (sum > C_j) {
        if (aj > C_j) aj = C_j, ai = sum - C_j;
      } else {
        if (ai < 0) ai = 0, aj = sum;
      }
    }
    const double dai = ai - old_ai, daj = aj - old_aj;
    for (int k = 0; k < m_active_size; ++k) m_G[k] += Q_i[k] * dai + Q_j[k] * daj;
    const bool ui = is_upper(i), uj = is_upper(j);
    update_status(i);
    update_status(j);
    if (ui != is_upper(i)) {
      const float* Q = get_Q(i, m_l, m_Qi);
      const double s = ui ? -C_i : C_i;
      for (int k = 0; k < m_l; ++k) m_G_bar[k] += s * Q[k];
    }
    if (uj != is_upper(j)) {
      const float* Q = get_Q(j, m_l, m_Qj);
      const double s = uj ? -C_j : C_j;
      for (int k = 0; k < m_l; ++k) m_G_bar[k] += s * Q[k];
    }
  }

  bool be_shrunk(int i, double Gmax1, double Gmax2) const {
    if (is_upper(i)) return m_y[i] == +1 ? -m_G[i] > Gmax1 : -m_G[i] > Gmax2;
    if (is_lower(i)) return m_y[i] == +1 ? m_G[i] > Gmax2 : m_G[i] > Gmax1;
    return false;
  }

  void do_shrinking() {
    double Gmax1 = -kInf, Gmax2 = -kInf;
    for (int i = 0; i < m_active_size; ++i) {
      if (m_y[i] == +1) {
        if (!is_upper(i) && -m_G[i] >= Gmax1) Gmax1 = -m_G[i];
        if (!is_lower(i) && m_G[i] >= Gmax2) Gmax2 = m_G[i];
      } else {
        if (!is_upper(i) && -m_G[i] >= Gmax2) Gmax2 = -m_G[i];
        if (!is_lower(i) && m_G[i] >= Gmax1) Gmax1 = m_G[i];
      }
    }
    if (!m_unshrink && Gmax1 + Gmax2 <= m_eps * 10) {
      m_unshrink = true;
      reconstruct_gradient();
      m_active_size = m_l;
    }
    for (int i = 0; i < m_active_size; ++i)
      if (be_shrunk(i, Gmax1, Gmax2)) {
        --m_active_size;
        while (m_active_size > i) {
          if (!be_shrunk(m_active_size, Gmax1, Gmax2)) {
            swap_index(i, m_active_size);
            break;
          }
          --m_active_size;
        }
      }
  }

  void reconstruct_gradient() {
    if (m_active_size == m_l) return;
    for (int j = m_active_size; j < m_l; ++j) m_G[j] = m_G_bar[j] + m_p[j];
    int nr_free = 0;
    for (int j = 0; j < m_active_size; ++j) nr_free += is_free(j);
    if (static_cast<long long>(nr_free) * m_l > 2LL * m_active_size * (m_l - m_active_size)) {
      for (int i = m_active_size; i < m_l; ++i) {
        const float* Q_i = get_Q(i, m_active_size, m_Qi);
        for (int j = 0; j < m_active_size; ++j)
          if (is_free(j)) m_G[i] += m_alpha[j] * Q_i[j];
      }
    } else {
      for (int i = 0; i < m_active_size; ++i)
        if (is_free(i)) {
          const float* Q_i = get_Q(i, m_l, m_Qi);
          const double a = m_alpha[i];
          for (int j = m_active_size; j < m_l; ++j) m_G[j] += a * Q_i[j];
        }
    }
  }

  double calculate_rho() const {
    int nr_free = 0;
    double ub = kInf, lb = -kInf, sum_free = 0;
    for (int i = 0; i < m_active_size; ++i) {
      const double yG = m_y[i] * m_G[i];
      if (is_upper(i)) {
        if (m_y[i] == -1) ub = std::min(ub, yG);
        else lb = std::max(lb, yG);
      } else if (is_lower(i)) {
        if (m_y[i] == +1) ub = std::min(ub, yG);
        else lb = std::max(lb, yG);
      } else {
        ++nr_free;
        sum_free += yG;
      }
    }
    return nr_free > 0 ? sum_free / nr_free : (ub + lb) / 2;
  }

  KernelRows& m_K;
  int m_l;
  double m_C, m_eps;
  bool m_shrinking;
  int m_max_iter = 0;
  int m_active_size = 0;
  bool m_unshrink = false;
  std::vector<signed char> m_y;
  std::vector<double> m_alpha, m_p, m_G, m_G_bar, m_QD;
  std::vector<char> m_status;
  std::vector<int> m_active_set;
  std::vector<float> m_Qi, m_Qj;
  std::vector<double> m_scan, m_scan2;  // per-position values of the working-set scans
  int m_iter = 0;
  double m_rho = 0, m_objective = 0;
};

}  // namespace

Result<Svm> fit_svc(const Matrix& X, const std::vector<int>& y, const SvmOptions& o) {
  Status s = check_xy(X, y.size(), "SVM");
  if (!s) return s.error();
  Result<int> k = check_labels(y, "SVM");
  if (!k) return k.error();
  if (*k != 2)
    return make_error("SVM: this SVC handles two classes; y has " + std::to_string(*k) +
                      " (train one class against the rest)");
  if (!(o.C > 0) || !std::isfinite(o.C)) return make_error("SVM: C must be a finite number > 0");
  if (!(o.tol > 0)) return make_error("SVM: tol must be > 0");
  if (!(o.gamma >= 0) || !std::isfinite(o.gamma)) return make_error("SVM: gamma must be ≥ 0 (0 means 'scale')");
  const int n = X.rows, d = X.cols;
  Svm m;
  m.kernel = o.kernel;
  m.gamma = o.gamma;
  if (o.kernel == SvmKernel::Rbf && m.gamma == 0) {
    const double var = total_variance(X);
    m.gamma = var > 0 ? 1.0 / (d * var) : 1.0;
  }
  // libsvm groups the samples by class (class 0 first, y = +1) before solving; the order matters for ties.
  std::vector<int> order;
  order.reserve(n);
  for (int c = 0; c < 2; ++c)
    for (int i = 0; i < n; ++i)
      if (y[i] == c) order.push_back(i);
  RowMat Xg(n, d);
  std::vector<signed char> yy(n);
  for (int r = 0; r < n; ++r) {
    Xg.row(r) = Eigen::Map<const Eigen::RowVectorXd>(X.row(order[r]), d);
    yy[r] = y[order[r]] == 0 ? +1 : -1;
  }
  KernelRows K(Xg, o.kernel, m.gamma, o.cache_mb);
  Solver solver(K, yy, o.C, o.tol, o.shrinking, o.max_iter);
  solver.solve();
  const std::vector<double> alpha = solver.alpha();
  std::vector<int> sv;
  for (int r = 0; r < n; ++r)
    if (alpha[r] != 0.0) sv.push_back(r);
  m.support_vectors = Matrix(static_cast<int>(sv.size()), d);
  for (size_t k2 = 0; k2 < sv.size(); ++k2) {
    const int r = sv[k2];
    m.support.push_back(order[r]);
    // libsvm's coefficient is α·y (y = +1 for class 0); sklearn flips the sign for two classes.
    m.dual_coef.push_back(-alpha[r] * yy[r]);
    ++m.n_support[yy[r] == +1 ? 0 : 1];
    std::copy(X.row(order[r]), X.row(order[r]) + d, m.support_vectors.row(static_cast<int>(k2)));
  }
  m.intercept = solver.rho();
  m.n_iter = solver.iterations();
  m.objective = solver.objective();
  if (o.kernel == SvmKernel::Linear) {
    m.w.assign(d, 0.0);
    for (size_t k2 = 0; k2 < sv.size(); ++k2)
      for (int j = 0; j < d; ++j) m.w[j] += m.dual_coef[k2] * m.support_vectors(static_cast<int>(k2), j);
  }
  return m;
}

std::vector<double> decision_function(const Svm& m, const Matrix& X) {
  ATTEND_ASSERT(m.support_vectors.rows == 0 || X.cols == m.support_vectors.cols,
                "SVM: X has a different number of features than the model");
  std::vector<double> out(static_cast<size_t>(X.rows), m.intercept);
  const int nsv = m.support_vectors.rows;
  if (nsv == 0) return out;
  const Eigen::Map<const RowMat> Xe(X.data.data(), X.rows, X.cols);
  const Eigen::Map<const RowMat> S(m.support_vectors.data.data(), nsv, X.cols);
  const Eigen::Map<const Eigen::VectorXd> coef(m.dual_coef.data(), nsv);
  Eigen::Map<Eigen::VectorXd> o(out.data(), X.rows);
  if (m.kernel == SvmKernel::Linear) {
    o.array() += (Xe * (S.transpose() * coef)).array();
    return out;
  }
  const Eigen::VectorXd ss = S.rowwise().squaredNorm();
  constexpr int kBlock = 256;
  Eigen::MatrixXd D;
  for (int r0 = 0; r0 < X.rows; r0 += kBlock) {
    const int b = std::min(kBlock, X.rows - r0);
    const auto Xb = Xe.middleRows(r0, b);
    D.noalias() = S * Xb.transpose();  // nsv × b
    const Eigen::VectorXd xx = Xb.rowwise().squaredNorm();
    for (int q = 0; q < b; ++q) {
      const Eigen::ArrayXd k = (-m.gamma * ((ss.array() + xx(q)) - 2.0 * D.col(q).array())).exp();
      o(r0 + q) += (k * coef.array()).sum();
    }
  }
  return out;
}

std::vector<int> predict(const Svm& m, const Matrix& X) {
  const std::vector<double> f = decision_function(m, X);
  std::vector<int> out(f.size());
  // libsvm predicts class 0 when its value Σα·y·K − ρ is > 0, i.e. when this score is < 0.
  for (size_t i = 0; i < f.size(); ++i) out[i] = f[i] < 0 ? 0 : 1;
  return out;
}

size_t SvmOvo::n_support() const {
  size_t s = 0;
  for (const Svm& m : models) s += m.support.size();
  return s;
}

Result<SvmOvo> fit_svc_ovo(const Matrix& X, const std::vector<int>& y, const SvmOptions& o) {
  Status s = check_xy(X, y.size(), "SVM");
  if (!s) return s.error();
  Result<int> k = check_labels(y, "SVM");
  if (!k) return k.error();
  SvmOvo ovo;
  ovo.n_classes = *k;
  SvmOptions pair_options = o;
  if (o.kernel == SvmKernel::Rbf && o.gamma == 0) {  // 'scale' is computed once on all the data, as sklearn does
    const double var = total_variance(X);
    pair_options.gamma = var > 0 ? 1.0 / (X.cols * var) : 1.0;
  }
  for (int a = 0; a < *k; ++a)
    for (int b = a + 1; b < *k; ++b) {
      std::vector<int> rows, labels;
      for (int i = 0; i < X.rows; ++i)
        if (y[i] == a || y[i] == b) rows.push_back(i), labels.push_back(y[i] == b ? 1 : 0);
      if (std::find(labels.begin(), labels.end(), 0) == labels.end() ||
          std::find(labels.begin(), labels.end(), 1) == labels.end())
        return make_error("SVM: class " + std::to_string(std::find(labels.begin(), labels.end(), 0) == labels.end() ? a : b) +
                          " has no samples; labels must be 0..K-1 with every class present");
      Result<Svm> m = fit_svc(take_rows(X, rows), labels, pair_options);
      if (!m) return m.error();
      for (int& r : m->support) r = rows[static_cast<size_t>(r)];  // back to rows of X
      ovo.pairs.push_back({a, b});
      ovo.models.push_back(std::move(*m));
    }
  return ovo;
}

Matrix vote_fractions(const SvmOvo& m, const Matrix& X) {
  Matrix V(X.rows, m.n_classes);
  for (size_t p = 0; p < m.models.size(); ++p) {
    const std::vector<int> winner = predict(m.models[p], X);
    for (int i = 0; i < X.rows; ++i) V(i, winner[i] ? m.pairs[p].second : m.pairs[p].first) += 1.0;
  }
  if (m.n_classes > 1)
    for (double& v : V.data) v /= m.n_classes - 1;
  return V;
}

std::vector<int> predict(const SvmOvo& m, const Matrix& X) {
  const Matrix V = vote_fractions(m, X);
  std::vector<int> out(static_cast<size_t>(X.rows));
  for (int i = 0; i < X.rows; ++i) out[i] = static_cast<int>(std::max_element(V.row(i), V.row(i) + V.cols) - V.row(i));
  return out;
}

}  // namespace attend::classic
