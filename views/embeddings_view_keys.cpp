// The embeddings lab's lesson API: what a script may set (configure) and read (query). An unknown key is an
// error that lists the known ones; a value of the wrong kind names what the key takes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "core/data/tokenizer.h"
#include "core/train/session.h"
#include "views/embeddings_view_state.h"

namespace attend::views::embeddings {

const char* const kConfigureKeys =
    "corpus (default, default+notes, notes or a file path), min_count, method (svd, word2vec, skipgram, cbow, glove, "
    "file), vectors (a word2vec text or Projector TSV file), metadata (its metadata.tsv, set before vectors), "
    "projection (pca, tsne, custom), dims (2 or 3), points, clusters, colour (cluster, frequency, none or a metadata "
    "column), labels (true/false), label_count, word, neighbours, search, search_regex, analogy ('a - b + c'), "
    "x_axis and y_axis ('from > to'), perplexity, tsne_learning_rate, exaggeration, tsne_iterations (0: no limit), "
    "theta, tab (vectors, search), query, search_source (notes, corpus), top_n, explain ({column, rank}: column 0 BM25, "
    "1 TF-IDF, 2 embedding), context (bm25, tfidf, embedding), camera ({yaw, pitch, distance}), export_csv (a path, or "
    "\"\" for the exports folder)";

const char* const kQueryKeys =
    "loading, corpus, corpus_error, corpus_words, vocab_size, method, training, finished, epoch, fraction, loss, "
    "words_per_second, param:NAME (a hyperparameter of the method), vectors_rows, vectors_dim, ready, projection, dims, points, explained_variance, tsne_iteration, "
    "tsne_kl, tsne_iterations_per_second, tsne_ready, perplexity, neighbourhood_kept, word, neighbours, "
    "neighbour_similarities, neighbours_of:WORD, similarity:A,B, analogy_answer, analogy_results, matches, clusters, "
    "cluster_names, custom_error, tab, query, search_ready, bm25_top, tfidf_top, semantic_top, overlap, prompt";

namespace {

Status bad(const std::string& key, const char* what) {
  return make_error("embeddings: option '" + key + "' takes " + what);
}

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t") + 1);
  return s;
}

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "from > to" (also "->" and "→") into its two ends.
bool split_axis(const std::string& text, std::string& from, std::string& to) {
  for (const char* sep : {"→", "->", ">"}) {
    const size_t at = text.find(sep);
    if (at == std::string::npos) continue;
    from = trim(text.substr(0, at));
    to = trim(text.substr(at + std::char_traits<char>::length(sep)));
    return !from.empty() && !to.empty();
  }
  return false;
}

// "a - b + c" (also with "−").
bool split_analogy(std::string text, std::string& a, std::string& b, std::string& c) {
  for (size_t at; (at = text.find("−")) != std::string::npos;) text.replace(at, std::string("−").size(), "-");
  const size_t minus = text.find('-');
  const size_t plus = text.find('+', minus == std::string::npos ? 0 : minus);
  if (minus == std::string::npos || plus == std::string::npos) return false;
  a = trim(text.substr(0, minus));
  b = trim(text.substr(minus + 1, plus - minus - 1));
  c = trim(text.substr(plus + 1));
  return !a.empty() && !b.empty() && !c.empty();
}

double w2v_param(const Lab& lab, const char* key) {
  const auto& hyper = lab.w2v->latest()->progress.hyper;
  auto it = hyper.find(key);
  if (it != hyper.end()) return it->second;
  return lab.defaults[1].at(key);
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

// A cosine index over the method's current vectors, for the queries that name words (kept per vectors).
const embed::CosineIndex* query_index(Lab& lab) {
  auto v = current_vectors(lab);
  if (!v) return nullptr;
  if (lab.query_index_for != v) {
    lab.query_index = embed::CosineIndex(*v);
    lab.query_index_for = v;
  }
  return &lab.query_index;
}

// Each hit as "title: the start of its text" (a card's question, or "line 120" for a corpus paragraph).
std::vector<std::string> hit_titles(const Lab& lab, const std::vector<int>& chunks) {
  std::vector<std::string> out;
  if (!lab.search_data) return out;
  const embed::SearchChunks& c = *lab.search_data->chunks;
  for (int i : chunks) {
    std::string text = c.text[i].substr(0, 100);
    text.resize(text.size() - data::utf8_incomplete_tail(text));  // never half a character
    for (char& ch : text)
      if (ch == '\n') ch = ' ';
    out.push_back(c.title[i] + ": " + text);
  }
  return out;
}

}  // namespace

Status configure_lab(Lab& lab, const std::string& key, const Value& value) {
  const double* num = as_number(value);
  const bool* flag = as_bool(value);
  const std::string* text = as_string(value);
  const std::vector<double>* list = as_list(value);
  auto integer = [&](double lo, double hi) { return num && *num >= lo && *num <= hi && *num == std::floor(*num); };

  if (key == "corpus") {
    if (!text) return bad(key, "default, default+notes, notes or a file path");
    embed::CorpusRequest r;
    r.min_count = lab.corpus_request.min_count;
    const std::string t = lower_ascii(*text);
    if (t == "default") r.kind = embed::CorpusKind::Default, lab.corpus_choice = 0;
    else if (t == "default+notes") r.kind = embed::CorpusKind::Default, r.include_notes = true, lab.corpus_choice = 1;
    else if (t == "notes") r.kind = embed::CorpusKind::Notes, r.min_count = std::min(r.min_count, 2), lab.corpus_choice = 2;
    else {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(*text, ec)) return make_error(*text, 0, 0, "no such corpus file");
      r.kind = embed::CorpusKind::File;
      r.path = *text;
      lab.corpus_choice = 3;
      std::snprintf(lab.corpus_path_input, sizeof lab.corpus_path_input, "%s", text->c_str());
    }
    request_corpus(lab, r);
  } else if (key == "min_count") {
    if (!integer(1, 1000)) return bad(key, "a whole number from 1 to 1000");
    embed::CorpusRequest r = lab.corpus_request;
    r.min_count = static_cast<int>(*num);
    request_corpus(lab, r);
  } else if (key == "method") {
    if (!text) return bad(key, "svd, word2vec, skipgram, cbow, glove or file");
    const std::string t = lower_ascii(*text);
    if (t == "svd" || t == "ppmi" || t == "counts") lab.method = Method::Counts;
    else if (t == "glove") lab.method = Method::Glove;
    else if (t == "file") {
      if (!lab.file_vectors) return make_error("embeddings: no vectors loaded from a file yet (set 'vectors' first)");
      lab.method = Method::File;
    } else if (t == "word2vec" || t == "skipgram" || t == "skip-gram" || t == "cbow") {
      lab.method = Method::Word2Vec;
      const double cbow = t == "cbow" ? 1 : 0;
      // Changing the architecture rebuilds the model: only when it really changes.
      if ((t != "word2vec") && w2v_param(lab, "cbow") != cbow) lab.w2v->set("cbow", cbow);
    } else {
      return bad(key, "svd, word2vec, skipgram, cbow, glove or file");
    }
  } else if (key == "vectors") {
    if (!text) return bad(key, "a file path (word2vec text, or the Projector's vectors.tsv)");
    if (Status st = load_vectors_file(lab, *text, lab.metadata_path); !st) return st;
  } else if (key == "metadata") {
    if (!text) return bad(key, "a file path (the Projector's metadata.tsv), or \"\"");
    lab.metadata_path = *text;
  } else if (key == "projection") {
    const std::string t = text ? lower_ascii(*text) : "";
    if (t == "pca") lab.projection = Projection::Pca;
    else if (t == "tsne" || t == "t-sne") lab.projection = Projection::Tsne;
    else if (t == "custom") lab.projection = Projection::Custom;
    else return bad(key, "pca, tsne or custom");
  } else if (key == "dims") {
    if (!num || (*num != 2 && *num != 3)) return bad(key, "2 or 3");
    lab.dims = static_cast<int>(*num);
    if (lab.tsne->latest()->dims != lab.dims || lab.tsne_dims != lab.dims) {
      lab.tsne->set("dims", lab.dims);
      lab.tsne_dims = lab.dims;
    }
  } else if (key == "points") {
    if (!integer(10, 1000000)) return bad(key, "a whole number from 10 up");
    lab.points = static_cast<int>(*num);
  } else if (key == "clusters") {
    if (!integer(0, 30)) return bad(key, "a whole number from 0 (none) to 30");
    lab.clusters = static_cast<int>(*num);
  } else if (key == "colour" || key == "color") {
    if (!text) return bad(key, "cluster, frequency, none or a metadata column's name");
    const std::string t = lower_ascii(*text);
    if (t == "cluster") lab.colour = ColourBy::Cluster;
    else if (t == "frequency") lab.colour = ColourBy::Frequency;
    else if (t == "none") lab.colour = ColourBy::None;
    else {
      static const std::vector<std::string> none;
      const std::vector<std::string>& cols =
          lab.file_vectors && lab.method == Method::File ? lab.file_vectors->metadata_columns : none;
      auto it = std::find(cols.begin(), cols.end(), *text);
      if (it == cols.end())
        return make_error("embeddings: no metadata column '" + *text + "'; colour takes cluster, frequency, none" +
                          (cols.empty() ? std::string() : ", " + join(cols, ", ")));
      lab.colour = ColourBy::Metadata;
      lab.metadata_column = static_cast<int>(it - cols.begin());
    }
  } else if (key == "labels") {
    if (!flag) return bad(key, "true or false");
    lab.show_labels = *flag;
  } else if (key == "label_count") {
    if (!integer(0, 100000)) return bad(key, "a whole number");
    lab.label_count = static_cast<int>(*num);
  } else if (key == "word") {
    if (!text) return bad(key, "a word (\"\" clears the selection)");
    if (const embed::ProjectionData* d = ready_data(lab); d && !text->empty() && d->index.find(*text) < 0)
      return make_error("embeddings: no vector for '" + *text + "'");
    lab.selected = *text;
    std::snprintf(lab.word_input, sizeof lab.word_input, "%s", text->c_str());
  } else if (key == "neighbours") {
    if (!integer(1, 100)) return bad(key, "a whole number from 1 to 100");
    lab.neighbour_count = static_cast<int>(*num);
  } else if (key == "search") {
    if (!text) return bad(key, "text (\"\" clears)");
    lab.search = *text;
  } else if (key == "search_regex") {
    if (!flag) return bad(key, "true or false");
    lab.search_regex = *flag;
  } else if (key == "analogy") {
    if (!text) return bad(key, "'a - b + c' (\"\" clears)");
    if (text->empty()) {
      lab.analogy_a.clear(), lab.analogy_b.clear(), lab.analogy_c.clear();
    } else if (!split_analogy(*text, lab.analogy_a, lab.analogy_b, lab.analogy_c)) {
      return bad(key, "'a - b + c', e.g. 'king - man + woman'");
    }
  } else if (key == "x_axis" || key == "y_axis") {
    std::string from, to;
    if (!text || !split_axis(*text, from, to)) return bad(key, "'from > to', e.g. 'bad > good'");
    (key == "x_axis" ? lab.x_from : lab.y_from) = from;
    (key == "x_axis" ? lab.x_to : lab.y_to) = to;
  } else if (key == "perplexity") {
    if (!num || !(*num >= 1 && *num <= 500)) return bad(key, "a number from 1 to 500");
    lab.tsne->set("perplexity", *num);
  } else if (key == "tsne_learning_rate") {
    if (!num || !(*num >= 0)) return bad(key, "a number (0: auto)");
    lab.tsne->set("learning_rate", *num);
  } else if (key == "exaggeration") {
    if (!num || !(*num >= 1 && *num <= 100)) return bad(key, "a number from 1 to 100");
    lab.tsne->set("early_exaggeration", *num);
  } else if (key == "tsne_iterations") {
    if (!integer(0, 1e7)) return bad(key, "a whole number (0: no limit)");
    lab.tsne->set("max_iter", *num);
  } else if (key == "theta") {
    if (!num || !(*num >= 0 && *num <= 1.5)) return bad(key, "a number from 0 (exact) to 1.5");
    lab.tsne->set("theta", *num);
  } else if (key == "tab") {
    const std::string t = text ? lower_ascii(*text) : "";
    if (t == "vectors") lab.tab = Tab::Vectors;
    else if (t == "search") lab.tab = Tab::Search;
    else return bad(key, "vectors or search");
  } else if (key == "query") {
    if (!text) return bad(key, "text");
    lab.query = *text;
    std::snprintf(lab.query_input, sizeof lab.query_input, "%s", text->c_str());
  } else if (key == "search_source") {
    const std::string t = text ? lower_ascii(*text) : "";
    if (t == "notes") lab.search_source = SearchSource::Notes;
    else if (t == "corpus") lab.search_source = SearchSource::Corpus;
    else return bad(key, "notes or corpus");
  } else if (key == "top_n") {
    if (!integer(1, 50)) return bad(key, "a whole number from 1 to 50");
    lab.top_n = static_cast<int>(*num);
  } else if (key == "explain") {
    if (!list || list->size() != 2 || (*list)[0] < 0 || (*list)[0] > 2 || (*list)[1] < 1)
      return bad(key, "{column, rank}: column 0 BM25, 1 TF-IDF, 2 embedding; rank from 1");
    lab.explain_column = static_cast<int>((*list)[0]);
    lab.explain_rank = static_cast<int>((*list)[1]) - 1;
  } else if (key == "context") {
    const std::string t = text ? lower_ascii(*text) : "";
    if (t == "bm25") lab.context_column = 0;
    else if (t == "tfidf" || t == "tf-idf") lab.context_column = 1;
    else if (t == "embedding" || t == "semantic") lab.context_column = 2;
    else return bad(key, "bm25, tfidf or embedding");
  } else if (key == "export_csv") {
    if (!text) return bad(key, "a file path (\"\": the exports folder)");
    return export_projection_csv(lab, *text);
  } else if (key == "camera") {
    if (!list || list->size() != 3 || !((*list)[2] > 0)) return bad(key, "{yaw, pitch, distance} (radians, radians, > 0)");
    lab.camera.yaw = static_cast<float>((*list)[0]);
    lab.camera.pitch = static_cast<float>(std::clamp((*list)[1], -1.5, 1.5));
    lab.camera.distance = static_cast<float>((*list)[2]);
  } else if (key == "highlight.panel") {
    // highlight("panel", "neighbours") in a lesson: a frame around that panel; highlight("panel") clears it.
    static const char* panels[] = {"training", "projection", "neighbours", "curves", "search"};
    if (flag && !*flag) {
      lab.highlight_panel.clear();
    } else if (text && std::find(std::begin(panels), std::end(panels), *text) != std::end(panels)) {
      lab.highlight_panel = *text;
    } else {
      return bad(key, "training, projection, neighbours, curves or search (false clears)");
    }
  } else if (key == "highlight.word") {
    if (flag && !*flag) lab.selected.clear();
    else if (text) return configure_lab(lab, "word", value);
    else return bad(key, "a word (false clears)");
  } else {
    return make_error("embeddings: unknown option '" + key + "'; known: " + kConfigureKeys +
                      "; highlight targets: panel, word");
  }
  return Ok{};
}

Result<Value> query_lab(Lab& lab, const std::string& key) {
  update(lab);
  refresh_derived(lab);
  if (lab.tab == Tab::Search || key == "search_ready" || key == "bm25_top" || key == "tfidf_top" ||
      key == "semantic_top" || key == "overlap" || key == "prompt")
    refresh_search(lab);
  const embed::ProjectionData* d = ready_data(lab);
  auto snap = method_snapshot(lab, lab.method);
  auto t = lab.tsne->latest();
  auto num = [](double v) { return Value(v); };

  if (key == "loading") return Value(lab.loading != nullptr);
  if (key == "corpus") return Value(lab.corpus ? lab.corpus->name : std::string());
  if (key == "corpus_error") return Value(lab.corpus_error);
  if (key == "corpus_words") return num(lab.corpus ? static_cast<double>(lab.corpus->corpus->corpus.raw_words) : 0.0);
  if (key == "vocab_size") return num(lab.corpus ? lab.corpus->corpus->vocab.size() : 0);
  if (key == "method") {
    if (lab.method == Method::Word2Vec) return Value(std::string(w2v_param(lab, "cbow") != 0 ? "cbow" : "skipgram"));
    return Value(std::string(method_key(lab.method)));
  }
  if (key == "training") return Value(snap ? snap->progress.running : false);
  if (key == "finished") return Value(lab.method == Method::File ? lab.file_vectors != nullptr : snap && snap->finished);
  if (key == "epoch") return num(snap ? snap->epoch : 0);
  if (key == "fraction") return num(snap ? snap->fraction : 1.0);
  if (key == "loss") return num(snap ? snap->loss : 0.0);
  if (key == "words_per_second") return num(snap ? snap->words_per_second : 0.0);
  if (key == "vectors_rows" || key == "vectors_dim") {
    auto v = current_vectors(lab);
    return num(!v ? 0 : key == "vectors_rows" ? v->rows : v->dim);
  }
  if (key == "ready") return Value(d != nullptr);
  if (key.rfind("param:", 0) == 0) {
    // A hyperparameter of the chosen method as its session has it (set by the sliders or train.set).
    const std::string name = key.substr(6);
    if (lab.method == Method::File || !snap) return num(NAN);
    auto it = snap->progress.hyper.find(name);
    if (it != snap->progress.hyper.end()) return num(it->second);
    const auto& defaults = lab.defaults[static_cast<int>(lab.method)];
    auto d2 = defaults.find(name);
    return num(d2 != defaults.end() ? d2->second : NAN);
  }
  if (key == "projection") return Value(std::string(projection_key(lab.projection)));
  if (key == "dims") return num(lab.dims);
  if (key == "points") return num(lab.points);
  if (key == "explained_variance") {
    if (!d) return Value(std::vector<double>{});
    return Value(d->pca.explained_variance_ratio);
  }
  if (key == "tsne_iteration") return num(t->iteration);
  if (key == "tsne_kl") return num(t->kl);
  if (key == "tsne_iterations_per_second") return num(tsne_rate(lab));
  if (key == "tsne_ready") return Value(t->coords != nullptr && t->n > 0);
  if (key == "perplexity") return num(t->perplexity);
  if (key == "neighbourhood_kept") return num(neighbourhood_kept_now(lab, false));
  if (key == "word") return Value(lab.selected);
  if (key == "neighbours" || key == "neighbour_similarities") {
    std::vector<std::string> words;
    std::vector<double> sims;
    if (d)
      for (const embed::Neighbour& nb : lab.neighbours) {
        words.push_back(d->vectors->labels[nb.index]);
        sims.push_back(nb.similarity);
      }
    if (key == "neighbours") return Value(join(words, ","));
    return Value(sims);
  }
  if (key.rfind("neighbours_of:", 0) == 0) {
    const std::string w = key.substr(14);
    const embed::CosineIndex* idx = query_index(lab);
    if (!idx) return Value(std::string());
    const int row = idx->find(w);
    if (row < 0) return Value(std::string());
    std::vector<std::string> words;
    for (const embed::Neighbour& nb : idx->nearest(row, lab.neighbour_count)) words.push_back(idx->label(nb.index));
    return Value(join(words, ","));
  }
  if (key.rfind("similarity:", 0) == 0) {
    const std::string pair = key.substr(11);
    const size_t comma = pair.find(',');
    const embed::CosineIndex* idx = query_index(lab);
    if (comma == std::string::npos || !idx) return num(NAN);
    const int a = idx->find(trim(pair.substr(0, comma))), b = idx->find(trim(pair.substr(comma + 1)));
    if (a < 0 || b < 0) return num(NAN);
    double dot = 0;
    for (int k = 0; k < idx->dim(); ++k) dot += static_cast<double>(idx->unit_row(a)[k]) * idx->unit_row(b)[k];
    return num(dot);
  }
  if (key == "analogy_answer" || key == "analogy_results") {
    std::vector<std::string> words;
    if (d)
      for (const embed::Neighbour& nb : lab.analogy) words.push_back(d->vectors->labels[nb.index]);
    if (key == "analogy_answer") return Value(words.empty() ? std::string() : words.front());
    return Value(join(words, ","));
  }
  if (key == "matches") return num(static_cast<double>(lab.matches.size()));
  if (key == "clusters") return num(d ? d->cluster_count : 0);
  if (key == "cluster_names") return Value(d ? join(d->cluster_names, "; ") : std::string());
  if (key == "custom_error") return Value(lab.custom_error);
  if (key == "tab") return Value(std::string(lab.tab == Tab::Search ? "search" : "vectors"));
  if (key == "query") return Value(lab.query);
  if (key == "search_ready") {
    const bool vectors_ready = !current_vectors(lab) || (lab.search_vectors && lab.search_data &&
                                                         lab.search_vectors->chunks == lab.search_data->chunks);
    return Value(lab.search_data != nullptr && vectors_ready);
  }
  if (key == "bm25_top") return Value(join(hit_titles(lab, embed::hit_chunks(lab.comparison.bm25)), " | "));
  if (key == "tfidf_top") return Value(join(hit_titles(lab, embed::hit_chunks(lab.comparison.tfidf)), " | "));
  if (key == "semantic_top") return Value(join(hit_titles(lab, embed::hit_chunks(lab.comparison.semantic)), " | "));
  if (key == "overlap") return num(lab.comparison.overlap);
  if (key == "prompt") {
    if (!lab.search_data) return Value(std::string());
    const auto& c = lab.comparison;
    const std::vector<int> ranked = lab.context_column == 0   ? embed::hit_chunks(c.bm25)
                                    : lab.context_column == 1 ? embed::hit_chunks(c.tfidf)
                                                              : embed::hit_chunks(c.semantic);
    return Value(embed::rag_prompt(*lab.search_data->chunks, ranked, lab.query, 400));
  }
  return make_error("embeddings: no value '" + key + "'; known: " + kQueryKeys);
}

}  // namespace attend::views::embeddings
