// What the embeddings lab derives from a table of word vectors each time the vectors change, in one call so
// a view can compute it off the UI thread and swap it in whole: the rows shown (the first `points` rows —
// trained vectors come sorted by frequency), their PCA with 3 components (2-D and 3-D share it), k-means
// clusters of their directions, and the cosine index over every row for neighbours and analogies.
//
//   ProjectionData d = make_projection_data(vectors, {.points = 5000, .clusters = 8});
//   d.pca.coords[i * 3 + 0];                  // row i on the first principal axis
//   d.clusters[i]; d.cluster_names[k];        // "kernel, unix, system": its three most central words
//   auto near = d.index.nearest(row, 10);      // cosine in the full space, every row a candidate
//
// Besides: label search (substring or regular expression) and the Embedding Projector's custom projection
// with words (or averages of words) at the ends of each axis.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/embed/embeddings.h"
#include "core/embed/neighbours.h"
#include "core/embed/pca.h"
#include "core/util/result.h"

namespace attend::embed {

struct ProjectionOptions {
  int points = 5000;     // rows shown; clamped to the table's size
  int clusters = 8;      // k of k-means; 0: no clustering
  uint64_t seed = 0;     // k-means++ start
  int sample = 500;      // rows whose neighbourhoods neighbourhood_kept() checks
  int sample_k = 10;
};

struct ProjectionData {
  std::shared_ptr<const Embeddings> vectors;
  ProjectionOptions options;
  int points = 0;                          // the first `points` rows are shown
  CosineIndex index;                       // every row
  PcaResult pca;                           // of the shown rows: min(3, dim) components
  std::vector<int> clusters;               // per shown row (empty without clustering)
  int cluster_count = 0;
  std::vector<std::string> cluster_names;  // per cluster: its three most central words, "kernel, unix, system"
  double cluster_inertia = 0;
  // For neighbourhood_kept: a sample of shown rows and each one's k nearest shown rows by cosine.
  int sample_k = 0;
  std::vector<int> sample;                 // rows
  std::vector<int> sample_neighbours;      // sample x sample_k
};

// Rows with all-zero vectors (words never trained) are shown but join the cluster of their nearest centre
// like any other row. Clustering runs on unit-length rows: word vectors are compared by angle, not length.
ProjectionData make_projection_data(std::shared_ptr<const Embeddings> vectors, const ProjectionOptions& options);

// How much of the local structure a projection keeps: of each sampled row's k nearest neighbours in the
// full space (cosine), the fraction that are also among its k nearest in the map (Euclidean distance between
// rows of coords, points x dims). 1 keeps every neighbourhood; a random map keeps about k / points.
double neighbourhood_kept(const ProjectionData& d, const float* coords, int points, int dims);

// The first `points` rows as doubles (n x dim, row-major): t-SNE's input.
std::vector<double> leading_rows(const Embeddings& e, int points);

// Rows whose label matches: a case-insensitive substring, or (regex) an ECMAScript regular expression
// searched anywhere in the label, as the Projector's search box does. At most `limit` rows (0: all), in row
// order. A malformed expression is an Error whose column points into the pattern.
Result<std::vector<int>> match_labels(const std::vector<std::string>& labels, const std::string& pattern, bool regex,
                                      size_t limit = 0);

// One end of a custom axis: words separated by commas; their vectors are averaged ("he, him, his").
// Errors name a word the table does not have.
Result<std::vector<float>> axis_end(const Embeddings& e, const std::string& words);

// The custom projection of the first `points` rows on axes x_from→x_to and y_from→y_to (see pca.h's
// custom_projection): points x 2, row-major.
Result<std::vector<double>> custom_axes_projection(const Embeddings& e, int points, const std::string& x_from,
                                                   const std::string& x_to, const std::string& y_from,
                                                   const std::string& y_to);

}  // namespace attend::embed
