// The embeddings lab (topics 10–13): train word vectors on a corpus — PPMI + SVD, word2vec skip-gram or
// CBOW, GloVe — or load them from a file, project them with PCA, t-SNE (animated while it optimises) or
// axes made from words, and explore them: nearest neighbours by cosine in the full space, analogies, label
// search, colours by k-means cluster or metadata, CSV and PNG export. A second tab ranks the same query with
// BM25, TF-IDF and word-vector search side by side and assembles the retrieved chunks into a prompt, as
// retrieval-augmented generation does.
//
// Layout: at 1280 x 800 three columns (training | projection over the loss curves | neighbours); in a
// narrower area (about 790 px, beside a lesson) two: training | projection over neighbours.
//
// Lesson API: configure and query keys are listed in embeddings_view_keys.cpp (an unknown key is an error
// that lists them). train.* drives t-SNE while the projection is t-SNE, else the chosen method's training.
//
// For the screenshot tests: when ATTEND_EMBEDDINGS_LAYOUT names a file, a headless run writes there one line
// per panel, "panel NAME x0 y0 x1 y1 area ax0 ay0 ax1 ay1" (area: the plot's data area), like the gallery.
#pragma once

#include "views/view.h"

namespace attend::views {

View make_embeddings_view();

}  // namespace attend::views
