// Reading and writing vectors in the formats people already have: word2vec's text format (also GloVe's,
// which lacks the header line) and the Embedding Projector's TSV pair (vectors.tsv + metadata.tsv), plus a
// CSV of projected coordinates with cluster ids — what users asked the Projector to export.
//
//   auto e = load_word2vec_text("vectors.txt");
//   if (!e) show(e.error().to_string());   // "vectors.txt:17:3: expected 50 numbers after the word, found 49"
//
// Bad input never crashes: every malformed line is an Error naming the file, line and column.
#pragma once

#include <string>
#include <vector>

#include "core/embed/embeddings.h"
#include "core/util/result.h"

namespace attend::embed {

// word2vec text: an optional header "count dim", then "word v1 ... vdim" per line (spaces or tabs).
// Without the header (GloVe's files) the dimension comes from the first line.
Result<Embeddings> load_word2vec_text(const std::string& path);
Status save_word2vec_text(const Embeddings& e, const std::string& path);

// Projector TSV: vectors.tsv holds one tab-separated vector per line; metadata.tsv (optional: pass "") one
// row per vector. With one column it has no header; with several, the first line names the columns (the
// Projector's rule). The first metadata column becomes the label.
Result<Embeddings> load_projector_tsv(const std::string& vectors_path, const std::string& metadata_path = "");
Status save_projector_tsv(const Embeddings& e, const std::string& vectors_path, const std::string& metadata_path);

// label,x,y[,z][,cluster] per row with a header; clusters may be empty (no column).
Status save_projection_csv(const std::string& path, const std::vector<std::string>& labels,
                           const std::vector<float>& coords, int dims, const std::vector<int>& clusters = {});

}  // namespace attend::embed
