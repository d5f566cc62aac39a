#include "core/embed/projection_data.h"

#include <algorithm>
#include <cmath>
#include <regex>

#include "core/classic/kmeans.h"
#include "core/data/tokenizer.h"

namespace attend::embed {

namespace {

// Unicode-aware lower-casing for the substring search (labels may be Cyrillic).
std::string lower(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) data::utf8_append(out, data::to_lower(data::utf8_decode(s, i)));
  return out;
}

// "cluster k · w1, w2, w3": the members closest in angle to the centre.
std::vector<std::string> name_clusters(const CosineIndex& index, int points, const classic::KMeansResult& km,
                                       const std::vector<std::string>& labels) {
  const int dim = index.dim();
  std::vector<std::vector<std::pair<double, int>>> best(km.k);
  for (int i = 0; i < points; ++i) {
    const int c = km.labels[i];
    const double* centre = km.centers.data() + static_cast<size_t>(c) * dim;
    const float* u = index.unit_row(i);
    double dot = 0, n2 = 0;
    for (int d = 0; d < dim; ++d) {
      dot += centre[d] * u[d];
      n2 += centre[d] * centre[d];
    }
    const double cosine = n2 > 0 ? dot / std::sqrt(n2) : 0.0;
    auto& b = best[c];
    b.emplace_back(cosine, i);
    std::sort(b.begin(), b.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    if (b.size() > 3) b.pop_back();
  }
  std::vector<std::string> names(km.k);
  for (int c = 0; c < km.k; ++c) {
    std::string s;
    for (size_t j = 0; j < best[c].size(); ++j) {
      const int row = best[c][j].second;
      const std::string& w = row < static_cast<int>(labels.size()) ? labels[row] : std::string();
      s += (j == 0 ? "" : ", ") + (w.empty() ? "#" + std::to_string(row) : w);
    }
    names[c] = s;
  }
  return names;
}

}  // namespace

ProjectionData make_projection_data(std::shared_ptr<const Embeddings> vectors, const ProjectionOptions& options) {
  ProjectionData d;
  d.vectors = vectors;
  d.options = options;
  if (!vectors || vectors->rows == 0 || vectors->dim == 0) return d;
  const Embeddings& e = *vectors;
  d.points = std::clamp(options.points, 1, e.rows);
  d.index = CosineIndex(e);
  d.pca = pca(e.data.data(), d.points, e.dim, std::min({3, e.dim, d.points}));
  if (options.clusters > 0 && d.points >= 2) {
    classic::KMeansOptions ko;
    ko.k = std::min(options.clusters, d.points);
    ko.seed = options.seed;
    ko.max_iter = 100;
    // The index's unit rows are contiguous, so the first `points` of them are one n x dim block.
    const classic::KMeansResult km = classic::kmeans(d.index.unit_row(0), d.points, e.dim, ko);
    d.clusters = km.labels;
    d.cluster_count = km.k;
    d.cluster_inertia = km.inertia;
    d.cluster_names = name_clusters(d.index, d.points, km, e.labels);
  }
  // A fixed sample (evenly spread over the frequency ranks) and its exact neighbours among the shown rows.
  const int k = std::min(options.sample_k, d.points - 1);
  const int m = std::min(options.sample, d.points);
  if (k >= 1 && m >= 1) {
    d.sample_k = k;
    for (int j = 0; j < m; ++j) d.sample.push_back(static_cast<int>(static_cast<int64_t>(j) * d.points / m));
    std::vector<float> sims(d.points);
    std::vector<int> order(d.points);
    for (int row : d.sample) {
      const float* u = d.index.unit_row(row);
      for (int i = 0; i < d.points; ++i) {
        const float* v = d.index.unit_row(i);
        float s = 0;
        for (int c = 0; c < e.dim; ++c) s += u[c] * v[c];
        sims[i] = i == row ? -2.0f : s;
        order[i] = i;
      }
      std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](int a, int b) {
        return sims[a] != sims[b] ? sims[a] > sims[b] : a < b;
      });
      d.sample_neighbours.insert(d.sample_neighbours.end(), order.begin(), order.begin() + k);
    }
  }
  return d;
}

double neighbourhood_kept(const ProjectionData& d, const float* coords, int points, int dims) {
  if (d.sample_k < 1 || points != d.points || d.sample.empty()) return 0.0;
  const int k = d.sample_k;
  std::vector<float> dist(points);
  std::vector<int> order(points);
  int64_t kept = 0;
  for (size_t j = 0; j < d.sample.size(); ++j) {
    const int row = d.sample[j];
    const float* a = coords + static_cast<size_t>(row) * dims;
    for (int i = 0; i < points; ++i) {
      const float* b = coords + static_cast<size_t>(i) * dims;
      float s = 0;
      for (int c = 0; c < dims; ++c) s += (a[c] - b[c]) * (a[c] - b[c]);
      dist[i] = i == row ? INFINITY : s;
      order[i] = i;
    }
    std::partial_sort(order.begin(), order.begin() + k, order.end(),
                      [&](int x, int y) { return dist[x] != dist[y] ? dist[x] < dist[y] : x < y; });
    const int* truth = d.sample_neighbours.data() + j * k;
    for (int t = 0; t < k; ++t)
      for (int q = 0; q < k; ++q) kept += truth[t] == order[q];
  }
  return static_cast<double>(kept) / (static_cast<double>(d.sample.size()) * k);
}

std::vector<double> leading_rows(const Embeddings& e, int points) {
  points = std::clamp(points, 0, e.rows);
  return std::vector<double>(e.data.begin(), e.data.begin() + static_cast<size_t>(points) * e.dim);
}

Result<std::vector<int>> match_labels(const std::vector<std::string>& labels, const std::string& pattern, bool regex,
                                      size_t limit) {
  std::vector<int> out;
  if (pattern.empty()) return out;
  auto full = [&] { return limit > 0 && out.size() >= limit; };
  if (!regex) {
    const std::string p = lower(pattern);
    for (size_t i = 0; i < labels.size() && !full(); ++i)
      if (lower(labels[i]).find(p) != std::string::npos) out.push_back(static_cast<int>(i));
    return out;
  }
  std::regex re;
  try {
    re = std::regex(pattern, std::regex::ECMAScript | std::regex::icase);
  } catch (const std::regex_error& ex) {
    return make_error("the pattern '" + pattern + "' is not a valid regular expression: " + ex.what());
  }
  for (size_t i = 0; i < labels.size() && !full(); ++i)
    if (std::regex_search(labels[i], re)) out.push_back(static_cast<int>(i));
  return out;
}

Result<std::vector<float>> axis_end(const Embeddings& e, const std::string& words) {
  std::vector<float> sum(e.dim, 0.0f);
  int count = 0;
  size_t start = 0;
  while (start <= words.size()) {
    size_t comma = words.find(',', start);
    if (comma == std::string::npos) comma = words.size();
    std::string w = words.substr(start, comma - start);
    w.erase(0, w.find_first_not_of(" \t"));
    w.erase(w.find_last_not_of(" \t") + 1);
    start = comma + 1;
    if (w.empty()) continue;
    int row = e.find(w);
    if (row < 0) row = e.find(lower(w));
    if (row < 0) return make_error("no vector for '" + w + "'");
    for (int d = 0; d < e.dim; ++d) sum[d] += e.row(row)[d];
    ++count;
  }
  if (count == 0) return make_error("an axis end needs at least one word");
  for (float& v : sum) v /= static_cast<float>(count);
  return sum;
}

Result<std::vector<double>> custom_axes_projection(const Embeddings& e, int points, const std::string& x_from,
                                                   const std::string& x_to, const std::string& y_from,
                                                   const std::string& y_to) {
  std::vector<std::vector<float>> from, to;
  for (const std::string* s : {&x_from, &x_to, &y_from, &y_to}) {
    auto v = axis_end(e, *s);
    if (!v) return v.error();
    (s == &x_from || s == &y_from ? from : to).push_back(std::move(v.value()));
  }
  points = std::clamp(points, 0, e.rows);
  return custom_projection(e.data.data(), points, e.dim, from, to);
}

}  // namespace attend::embed
