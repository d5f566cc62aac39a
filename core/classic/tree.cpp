#include "core/classic/tree.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "core/classic/numpy_random.h"

namespace attend::classic {
namespace {

// sklearn: values closer than this are one value. It is a float32 constant there and the sum x + threshold
// is rounded to float32 before the comparison, which decides whether values one float ulp apart are distinct.
constexpr float kFeatureThreshold = 1e-7f;
constexpr double kEpsilon = std::numeric_limits<double>::epsilon();

struct StackRecord {
  int start, end, depth, parent;
  bool is_left;
  double impurity;
  int n_constant_features;
};

// Grows one tree; mirrors sklearn's DepthFirstTreeBuilder + BestSplitter + Gini / MSE criteria.
class Builder {
 public:
  Builder(const TreeInput& in, const std::vector<int>* labels, int n_classes, const std::vector<double>* targets,
          const std::vector<double>& weight, const TreeOptions& o)
      : m_in(in), m_labels(labels), m_K(n_classes), m_targets(targets), m_o(o) {
    m_w = weight.empty() ? nullptr : weight.data();
    const int d = in.d;
    m_max_features = o.max_features == 0               ? d
                     : o.max_features == kSqrtFeatures ? std::max(1, static_cast<int>(std::sqrt(double(d))))
                                                       : std::min(o.max_features, d);
    // Only positively weighted samples take part (sklearn's Splitter.init). Branch-free: with bootstrap
    // weights about a third of the samples are out, at random.
    std::vector<char> in_tree(static_cast<size_t>(in.n), 1);
    m_m = in.n;
    if (m_w) {
      m_m = 0;
      for (int k = 0; k < in.n; ++k) m_m += (in_tree[k] = m_w[k] != 0.0);
    }
    m_order.resize(static_cast<size_t>(d) * m_m + 1);
    for (int f = 0; f < d; ++f) {
      const int* s = in.sorted.data() + static_cast<size_t>(f) * in.n;
      int* out = m_order.data() + static_cast<size_t>(f) * m_m;
      int k2 = 0;
      for (int k = 0; k < in.n; ++k) {
        out[k2] = s[k];
        k2 += in_tree[s[k]];
      }
    }
    m_order.resize(static_cast<size_t>(d) * m_m);
    m_features.resize(d);
    std::iota(m_features.begin(), m_features.end(), 0);
    m_constant_features.assign(d, 0);
    m_go_left.assign(static_cast<size_t>(in.n), 0);
    m_tmp.resize(static_cast<size_t>(m_m));
    m_width = m_K > 0 ? m_K : 2;  // classes, or (sum, sum of squares)
    m_rand = tree_rand_r_seed(o.random_state);
    m_cand_pos.resize(static_cast<size_t>(m_m));
    m_cand_wl.resize(static_cast<size_t>(m_m));
    m_cand_proxy.resize(static_cast<size_t>(m_m));
    m_cand_left.resize(static_cast<size_t>(m_m) * m_width);
  }

  DecisionTree build() {
    DecisionTree t;
    t.n_features = m_in.d;
    t.n_classes = m_K;
    if (m_m == 0) return t;
    const int max_depth = m_o.max_depth < 0 ? std::numeric_limits<int>::max() : m_o.max_depth;
    std::vector<StackRecord> stack;
    stack.push_back({0, m_m, 0, -1, false, 0.0, 0});
    bool first = true;
    std::vector<double> total(m_width), left(m_width), best_left(m_width);
    while (!stack.empty()) {
      StackRecord r = stack.back();
      stack.pop_back();
      const int n_node = r.end - r.start;
      const double w_node = node_stats(r.start, r.end, total);
      bool is_leaf = r.depth >= max_depth || n_node < m_o.min_samples_split || n_node < 2 * m_o.min_samples_leaf;
      double impurity = r.impurity;
      if (first) {
        impurity = node_impurity(total, w_node);
        first = false;
      }
      is_leaf = is_leaf || impurity <= kEpsilon;
      Split split;
      int n_constant = r.n_constant_features;
      if (!is_leaf) {
        split = node_split(r.start, r.end, total, w_node, impurity, &n_constant, left, best_left);
        is_leaf = split.pos >= r.end || split.improvement + kEpsilon < 0.0;
      }
      const int id = static_cast<int>(t.nodes.size());
      TreeNode node;
      node.impurity = impurity;
      node.n_samples = n_node;
      node.weighted_n_samples = w_node;
      node.depth = r.depth;
      if (!is_leaf) {
        node.feature = split.feature;
        node.threshold = split.threshold;
      }
      t.nodes.push_back(node);
      if (r.parent >= 0) (r.is_left ? t.nodes[r.parent].left : t.nodes[r.parent].right) = id;
      if (m_K > 0) {
        t.value.insert(t.value.end(), total.begin(), total.end());
      } else {
        t.value.push_back(w_node > 0 ? total[0] / w_node : 0.0);
      }
      t.max_depth = std::max(t.max_depth, r.depth);
      if (is_leaf) {
        ++t.n_leaves;
        continue;
      }
      stack.push_back({split.pos, r.end, r.depth + 1, id, false, split.impurity_right, n_constant});
      stack.push_back({r.start, split.pos, r.depth + 1, id, true, split.impurity_left, n_constant});
    }
    return t;
  }

 private:
  struct Split {
    int feature = -1, pos = 0;
    double threshold = 0, improvement = 0, impurity_left = 0, impurity_right = 0;
  };

  double weight(int s) const { return m_w ? m_w[s] : 1.0; }
  float value(int f, int s) const { return m_in.X[static_cast<size_t>(f) * m_in.n + s]; }
  int* segment(int f) { return m_order.data() + static_cast<size_t>(f) * m_m; }

  void add(std::vector<double>& acc, int s) const {
    const double w = weight(s);
    if (m_K > 0) {
      acc[(*m_labels)[s]] += w;
    } else {
      const double y = (*m_targets)[s];
      acc[0] += w * y;
      acc[1] += w * y * y;
    }
  }

  double node_stats(int start, int end, std::vector<double>& total) const {
    std::fill(total.begin(), total.end(), 0.0);
    double w = 0;
    const int* seg = m_order.data();
    for (int p = start; p < end; ++p) {
      add(total, seg[p]);
      w += weight(seg[p]);
    }
    return w;
  }

  double node_impurity(const std::vector<double>& total, double w) const {
    if (m_K > 0) {
      double sq = 0;
      for (int c = 0; c < m_K; ++c) sq += total[c] * total[c];
      return 1.0 - sq / (w * w);
    }
    const double mean = total[0] / w;
    return total[1] / w - mean * mean;
  }

  // sklearn's proxy_impurity_improvement: larger is better; only compared within one node.
  double proxy(const std::vector<double>& left, const std::vector<double>& total, double wl, double wr) const {
    if (m_K > 0) {
      double sql = 0, sqr = 0;
      for (int c = 0; c < m_K; ++c) {
        const double l = left[c], r = total[c] - left[c];
        sql += l * l;
        sqr += r * r;
      }
      const double gl = 1.0 - sql / (wl * wl), gr = 1.0 - sqr / (wr * wr);
      return -wr * gr - wl * gl;
    }
    const double sl = left[0], sr = total[0] - left[0];
    return sl * sl / wl + sr * sr / wr;
  }

  // m_cand_proxy[k] = proxy(candidate k), written so that the binary and regression cases vectorise; the
  // arithmetic is the same, operation for operation, as proxy() (no contraction into FMAs: -std=c++17).
  void score_candidates(int nc, const std::vector<double>& total, double w_node) {
    const double* wl = m_cand_wl.data();
    double* out = m_cand_proxy.data();
    if (m_K == 2) {
      const double* L0 = m_cand_left.data();
      const double* L1 = L0 + m_m;
      const double t0 = total[0], t1 = total[1];
      for (int k = 0; k < nc; ++k) {
        const double l0 = L0[k], l1 = L1[k], r0 = t0 - l0, r1 = t1 - l1;
        const double sql = l0 * l0 + l1 * l1, sqr = r0 * r0 + r1 * r1;
        const double wlk = wl[k], wr = w_node - wlk;
        const double gl = 1.0 - sql / (wlk * wlk), gr = 1.0 - sqr / (wr * wr);
        out[k] = -wr * gr - wlk * gl;
      }
      return;
    }
    if (m_K == 0) {
      const double* S = m_cand_left.data();
      const double t0 = total[0];
      for (int k = 0; k < nc; ++k) {
        const double sl = S[k], sr = t0 - sl;
        out[k] = sl * sl / wl[k] + sr * sr / (w_node - wl[k]);
      }
      return;
    }
    std::vector<double>& left = m_scratch;
    left.resize(m_width);
    for (int k = 0; k < nc; ++k) {
      for (int c = 0; c < m_width; ++c) left[c] = m_cand_left[static_cast<size_t>(c) * m_m + k];
      out[k] = proxy(left, total, wl[k], w_node - wl[k]);
    }
  }

  void children_impurity(const std::vector<double>& left, const std::vector<double>& total, double wl, double wr,
                         double* il, double* ir) const {
    if (m_K > 0) {
      double sql = 0, sqr = 0;
      for (int c = 0; c < m_K; ++c) {
        const double l = left[c], r = total[c] - left[c];
        sql += l * l;
        sqr += r * r;
      }
      *il = 1.0 - sql / (wl * wl);
      *ir = 1.0 - sqr / (wr * wr);
      return;
    }
    const double ml = left[0] / wl, mr = (total[0] - left[0]) / wr;
    *il = left[1] / wl - ml * ml;
    *ir = (total[1] - left[1]) / wr - mr * mr;
  }

  Split node_split(int start, int end, const std::vector<double>& total, double w_node, double impurity,
                   int* n_constant_features, std::vector<double>& left, std::vector<double>& best_left) {
    const int d = m_in.d;
    const int n_known_constants = *n_constant_features;
    int n_total_constants = n_known_constants;
    int n_found_constants = 0, n_drawn_constants = 0, n_visited = 0;
    int f_i = d;
    double best_proxy = -std::numeric_limits<double>::infinity();
    Split best;
    best.pos = end;
    double best_wl = 0;
    const int msl = m_o.min_samples_leaf;
    while (f_i > n_total_constants &&
           (n_visited < m_max_features || n_visited <= n_found_constants + n_drawn_constants)) {
      ++n_visited;
      int f_j = sklearn_rand_int(n_drawn_constants, f_i - n_found_constants, m_rand);
      if (f_j < n_known_constants) {
        std::swap(m_features[n_drawn_constants], m_features[f_j]);
        ++n_drawn_constants;
        continue;
      }
      f_j += n_found_constants;
      const int feature = m_features[f_j];
      const int* seg = segment(feature);
      if (value(feature, seg[end - 1]) <= value(feature, seg[start]) + kFeatureThreshold) {
        std::swap(m_features[f_j], m_features[n_total_constants]);
        ++n_found_constants;
        ++n_total_constants;
        continue;
      }
      --f_i;
      std::swap(m_features[f_i], m_features[f_j]);
      // Sweep the sorted samples; a candidate split sits between two distinct values. First collect every
      // candidate's left statistics, then score them all in one loop the compiler vectorises (the divisions
      // dominate otherwise), then take the first best in position order, as sklearn's sequential scan does.
      int nc = 0;
      const float* xf = m_in.X.data() + static_cast<size_t>(feature) * m_in.n;
      if (m_K == 2) {
        // Two classes: the left counts live in registers (a memory accumulator would chain every sample
        // through a store and a load). Same sums in the same order, so the same values.
        double l0 = 0, l1 = 0, wl = 0;
        const int* lab = m_labels->data();
        for (int p = start; p < end - 1; ++p) {
          const int s = seg[p];
          const double w = weight(s);
          const bool one = lab[s] != 0;
          l0 += one ? 0.0 : w;
          l1 += one ? w : 0.0;
          wl += w;
          if (xf[seg[p + 1]] <= xf[s] + kFeatureThreshold) continue;
          const int pos = p + 1;
          if (pos - start < msl || end - pos < msl) continue;
          m_cand_pos[nc] = pos;
          m_cand_wl[nc] = wl;
          m_cand_left[nc] = l0;
          m_cand_left[static_cast<size_t>(m_m) + nc] = l1;
          ++nc;
        }
      } else {
        std::fill(left.begin(), left.end(), 0.0);
        double wl = 0;
        for (int p = start; p < end - 1; ++p) {
          const int s = seg[p];
          add(left, s);
          wl += weight(s);
          if (xf[seg[p + 1]] <= xf[s] + kFeatureThreshold) continue;
          const int pos = p + 1;
          if (pos - start < msl || end - pos < msl) continue;
          m_cand_pos[nc] = pos;
          m_cand_wl[nc] = wl;
          for (int c = 0; c < m_width; ++c) m_cand_left[static_cast<size_t>(c) * m_m + nc] = left[c];
          ++nc;
        }
      }
      score_candidates(nc, total, w_node);
      for (int k = 0; k < nc; ++k) {
        if (!(m_cand_proxy[k] > best_proxy)) continue;
        best_proxy = m_cand_proxy[k];
        const int pos = m_cand_pos[k];
        const double v = value(feature, seg[pos - 1]), v_next = value(feature, seg[pos]);
        double thr = v / 2.0 + v_next / 2.0;
        if (thr == v_next || std::isinf(thr)) thr = v;
        best.feature = feature;
        best.pos = pos;
        best.threshold = thr;
        for (int c = 0; c < m_width; ++c) best_left[c] = m_cand_left[static_cast<size_t>(c) * m_m + k];
        best_wl = m_cand_wl[k];
      }
    }
    if (best.pos < end) {
      // Children's sorted lists: stable partition of every feature's segment by the chosen side.
      const int* seg = segment(best.feature);
      for (int p = start; p < end; ++p) m_go_left[seg[p]] = p < best.pos;
      // Features constant in this node stay constant below it and are never scanned again: skip them.
      m_is_constant.assign(static_cast<size_t>(d), 0);
      for (int c = 0; c < n_known_constants; ++c) m_is_constant[m_constant_features[c]] = 1;
      for (int c = n_known_constants; c < n_total_constants; ++c) m_is_constant[m_features[c]] = 1;
      for (int f = 0; f < d; ++f) {
        if (m_is_constant[f]) continue;
        int* sf = segment(f);
        int* tmp = m_tmp.data();
        int nl = start, nr = 0;
        for (int p = start; p < end; ++p) {  // branch-free: the side is a coin flip to the predictor
          const int s = sf[p];
          const int left = m_go_left[s];
          sf[nl] = s;
          tmp[nr] = s;
          nl += left;
          nr += 1 - left;
        }
        std::copy(tmp, tmp + nr, sf + nl);
      }
      const double wr = w_node - best_wl;
      children_impurity(best_left, total, best_wl, wr, &best.impurity_left, &best.impurity_right);
      best.improvement = (w_node / m_w_root()) *
                         (impurity - (wr / w_node) * best.impurity_right - (best_wl / w_node) * best.impurity_left);
    }
    // Keep the known constants in front, in their original order, and remember the new ones for the children.
    std::copy(m_constant_features.begin(), m_constant_features.begin() + n_known_constants, m_features.begin());
    std::copy(m_features.begin() + n_known_constants, m_features.begin() + n_known_constants + n_found_constants,
              m_constant_features.begin() + n_known_constants);
    *n_constant_features = n_total_constants;
    return best;
  }

  double m_w_root() {
    if (m_root_weight < 0) {
      m_root_weight = 0;
      for (int p = 0; p < m_m; ++p) m_root_weight += weight(m_order[p]);
    }
    return m_root_weight;
  }

  const TreeInput& m_in;
  const std::vector<int>* m_labels;
  int m_K;
  const std::vector<double>* m_targets;
  TreeOptions m_o;
  const double* m_w = nullptr;
  int m_max_features = 0;
  int m_m = 0;
  int m_width = 0;
  std::vector<int> m_order;  // d × m
  std::vector<int> m_features, m_constant_features;
  std::vector<char> m_go_left, m_is_constant;
  std::vector<int> m_tmp;
  uint32_t m_rand = 0;
  double m_root_weight = -1;
  // Split candidates of the feature being scanned: position, left weight, left statistics (width × m), score.
  std::vector<int> m_cand_pos;
  std::vector<double> m_cand_wl, m_cand_left, m_cand_proxy, m_scratch;
};

Status check_tree_options(const TreeOptions& o) {
  if (o.min_samples_split < 2) return make_error("decision tree: min_samples_split must be ≥ 2");
  if (o.min_samples_leaf < 1) return make_error("decision tree: min_samples_leaf must be ≥ 1");
  if (o.max_features < 0 && o.max_features != kSqrtFeatures)
    return make_error("decision tree: max_features must be 0 (all), kSqrtFeatures or a positive count");
  return Ok{};
}

Status check_weights(const std::vector<double>* w, int n) {
  if (!w) return Ok{};
  if (w->size() != static_cast<size_t>(n))
    return make_error("decision tree: sample_weight has " + std::to_string(w->size()) + " values for " +
                      std::to_string(n) + " samples");
  for (double v : *w)
    if (!(v >= 0) || !std::isfinite(v)) return make_error("decision tree: sample weights must be finite and ≥ 0");
  return Ok{};
}

}  // namespace

TreeInput make_tree_input(const Matrix& X) {
  TreeInput in;
  in.n = X.rows;
  in.d = X.cols;
  in.X.resize(static_cast<size_t>(X.rows) * X.cols);
  for (int i = 0; i < X.rows; ++i)
    for (int j = 0; j < X.cols; ++j) in.X[static_cast<size_t>(j) * X.rows + i] = static_cast<float>(X(i, j));
  in.sorted.resize(in.X.size());
  for (int j = 0; j < X.cols; ++j) {
    int* s = in.sorted.data() + static_cast<size_t>(j) * X.rows;
    const float* v = in.X.data() + static_cast<size_t>(j) * X.rows;
    std::iota(s, s + X.rows, 0);
    std::stable_sort(s, s + X.rows, [v](int a, int b) { return v[a] < v[b]; });
  }
  return in;
}

DecisionTree grow_tree(const TreeInput& in, const std::vector<int>* labels, int n_classes,
                       const std::vector<double>* targets, const std::vector<double>& weight, const TreeOptions& o) {
  ATTEND_ASSERT((labels && n_classes > 0) || (targets && n_classes == 0),
                "grow_tree: give labels with n_classes > 0, or targets with n_classes = 0");
  return Builder(in, labels, n_classes, targets, weight, o).build();
}

Result<DecisionTree> fit_tree_classifier(const Matrix& X, const std::vector<int>& y, const TreeOptions& o,
                                         const std::vector<double>* sample_weight) {
  Status s = check_xy(X, y.size(), "decision tree");
  if (!s) return s.error();
  Result<int> k = check_labels(y, "decision tree", 1);
  if (!k) return k.error();
  if (!(s = check_tree_options(o))) return s.error();
  if (!(s = check_weights(sample_weight, X.rows))) return s.error();
  const TreeInput in = make_tree_input(X);
  static const std::vector<double> kNoWeights;
  return grow_tree(in, &y, *k, nullptr, sample_weight ? *sample_weight : kNoWeights, o);
}

Result<DecisionTree> fit_tree_regressor(const Matrix& X, const std::vector<double>& y, const TreeOptions& o,
                                        const std::vector<double>* sample_weight) {
  Status s = check_xy(X, y.size(), "regression tree");
  if (!s) return s.error();
  if (!(s = check_finite(y, "regression tree", "y"))) return s.error();
  if (!(s = check_tree_options(o))) return s.error();
  if (!(s = check_weights(sample_weight, X.rows))) return s.error();
  const TreeInput in = make_tree_input(X);
  static const std::vector<double> kNoWeights;
  return grow_tree(in, nullptr, 0, &y, sample_weight ? *sample_weight : kNoWeights, o);
}

int tree_apply(const DecisionTree& t, const double* x) {
  int node = 0;
  while (t.nodes[node].left >= 0) {
    const TreeNode& nd = t.nodes[node];
    node = double(static_cast<float>(x[nd.feature])) <= nd.threshold ? nd.left : nd.right;
  }
  return node;
}

Matrix predict_proba(const DecisionTree& t, const Matrix& X) {
  ATTEND_ASSERT(t.n_classes > 0, "predict_proba: this tree is a regressor; use predict_values");
  ATTEND_ASSERT(X.cols == t.n_features, "decision tree: X has a different number of features than the tree");
  Matrix P(X.rows, t.n_classes);
  for (int i = 0; i < X.rows; ++i) {
    const double* v = t.node_value(tree_apply(t, X.row(i)));
    double s = 0;
    for (int c = 0; c < t.n_classes; ++c) s += v[c];
    for (int c = 0; c < t.n_classes; ++c) P(i, c) = s > 0 ? v[c] / s : 0.0;
  }
  return P;
}

std::vector<int> predict(const DecisionTree& t, const Matrix& X) {
  ATTEND_ASSERT(t.n_classes > 0, "predict: this tree is a regressor; use predict_values");
  ATTEND_ASSERT(X.cols == t.n_features, "decision tree: X has a different number of features than the tree");
  std::vector<int> out(static_cast<size_t>(X.rows));
  for (int i = 0; i < X.rows; ++i) {
    const double* v = t.node_value(tree_apply(t, X.row(i)));
    out[i] = static_cast<int>(std::max_element(v, v + t.n_classes) - v);
  }
  return out;
}

std::vector<double> predict_values(const DecisionTree& t, const Matrix& X) {
  ATTEND_ASSERT(t.n_classes == 0, "predict_values: this tree is a classifier; use predict");
  ATTEND_ASSERT(X.cols == t.n_features, "decision tree: X has a different number of features than the tree");
  std::vector<double> out(static_cast<size_t>(X.rows));
  for (int i = 0; i < X.rows; ++i) out[i] = t.node_value(tree_apply(t, X.row(i)))[0];
  return out;
}

std::vector<double> feature_importances(const DecisionTree& t) {
  std::vector<double> imp(static_cast<size_t>(t.n_features), 0.0);
  for (const TreeNode& nd : t.nodes) {
    if (nd.left < 0) continue;
    const TreeNode& l = t.nodes[nd.left];
    const TreeNode& r = t.nodes[nd.right];
    imp[nd.feature] += nd.weighted_n_samples * nd.impurity - l.weighted_n_samples * l.impurity -
                       r.weighted_n_samples * r.impurity;
  }
  const double s = std::accumulate(imp.begin(), imp.end(), 0.0);
  if (s > 0)
    for (double& v : imp) v /= s;
  return imp;
}

}  // namespace attend::classic
