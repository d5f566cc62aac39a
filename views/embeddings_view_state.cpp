#include "views/embeddings_view_state.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

#include "core/notes/import.h"
#include "core/notes/study_store.h"
#include "core/embed/vectors_io.h"
#include "core/util/files.h"
#include "core/util/paths.h"

namespace attend::views::embeddings {

namespace {

using namespace std::chrono_literals;

template <class F>
bool ready(const F& f) {
  return f.valid() && f.wait_for(0s) == std::future_status::ready;
}

int default_threads() {
  // One core stays free for drawing; the lab trains on the rest.
  const int n = static_cast<int>(std::thread::hardware_concurrency());
  return std::max(1, n - 1);
}

// Gives the t-SNE lab the first `points` rows of v (runs on the t-SNE worker: the neighbour search and the
// affinities happen there).
void feed(embed::TsneLab& l, const std::shared_ptr<const embed::Embeddings>& v, int points,
          const std::shared_ptr<TsneFed>& fed) {
  const int n = std::clamp(points, 0, v->rows);
  std::vector<std::string> labels;
  if (!v->labels.empty()) labels.assign(v->labels.begin(), v->labels.begin() + n);
  embed::tsne_lab_set_input(l, embed::leading_rows(*v, n), n, v->dim, std::move(labels));
  std::lock_guard<std::mutex> lock(fed->mutex);
  fed->vectors = v;
  fed->points = n;
}

std::pair<std::shared_ptr<const embed::Embeddings>, int> fed_now(const Lab& lab) {
  std::lock_guard<std::mutex> lock(lab.tsne_fed->mutex);
  return {lab.tsne_fed->vectors, lab.tsne_fed->points};
}

std::string fmt_percent(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f %%", 100 * v);
  return b;
}

}  // namespace

std::string with_commas(long long v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > (v < 0 ? 1 : 0); i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

const char* method_key(Method m) {
  switch (m) {
    case Method::Counts: return "svd";
    case Method::Word2Vec: return "word2vec";
    case Method::Glove: return "glove";
    case Method::File: return "file";
  }
  return "";
}

const char* method_title(Method m) {
  switch (m) {
    case Method::Counts: return "PPMI + SVD";
    case Method::Word2Vec: return "word2vec";
    case Method::Glove: return "GloVe";
    case Method::File: return "vectors from a file";
  }
  return "";
}

const char* projection_key(Projection p) {
  switch (p) {
    case Projection::Pca: return "pca";
    case Projection::Tsne: return "tsne";
    case Projection::Custom: return "custom";
  }
  return "";
}

// ================================================================================================== Lab

Lab::Lab() {
  auto empty = std::make_shared<const data::LoadedCorpus>();
  const int threads = default_threads();
  counts = std::make_unique<CountSession>(embed::make_count_vectors_lab(empty), embed::count_vectors_hooks(), 0);
  embed::Word2VecOptions wo;
  wo.threads = threads;
  w2v = std::make_unique<W2vSession>(embed::make_word2vec_lab(empty, wo), embed::word2vec_hooks(), 1);
  auto gl = embed::make_glove_lab(empty, embed::GloveOptions{}, 25);
  gl.threads = threads;
  glove = std::make_unique<GloveSession>(std::move(gl), embed::glove_hooks(), 0);
  defaults[0] = {{"window", 5}, {"distance_weighting", 1}, {"ppmi_alpha", 0.75}, {"shift", 1}, {"rank", 50}, {"power", 0.5}};
  defaults[1] = {{"cbow", 0},   {"dim", 50},       {"window", 5},    {"negative", 5},
                 {"epochs", 5}, {"alpha", 0.025}, {"sample", 1e-3}, {"threads", static_cast<double>(threads)}};
  defaults[2] = {{"dim", 50},       {"window", 10},  {"epochs", 25},
                 {"learning_rate", 0.05}, {"x_max", 100}, {"alpha", 0.75}, {"threads", static_cast<double>(threads)}};

  // t-SNE runs until paused, as the Embedding Projector's does: a lesson sets a limit when it wants one.
  auto tl = embed::make_tsne_lab({}, 0, 0, {}, embed::TsneOptions{});
  tl.max_iter = 0;
  tsne = std::make_unique<TsneSession>(std::move(tl), embed::tsne_hooks(), 0);

  // The person's notes: those they imported, else the sample deck.
  if (auto loaded = notes::StudyStore::load(notes::default_study_path()); loaded && !loaded->store.note_files.empty())
    note_paths = loaded->store.note_files;
  else
    note_paths = {notes::sample_deck_path()};

  curves[0].metrics = {"explained"};  // PPMI + SVD has no loss: the share of the matrix the SVD keeps
  tsne_curves.log_y = true;           // the exaggerated KL of the first 250 iterations is ten times the rest
  camera.yaw = 0.6f;
  camera.pitch = 0.35f;
  camera.distance = 3.6f;
  camera.target = {0, 0, 0};

  request_corpus(*this, embed::CorpusRequest{});
  // The first map waits, inside the t-SNE session, for the first PPMI + SVD vectors; a run sent meanwhile
  // (attend --run) starts once they are there.
  CountSession* cs = counts.get();
  auto fed = tsne_fed;
  auto stop = cancel;
  const int pts = points;
  tsne->post([cs, fed, stop, pts](embed::TsneLab& l) {
    while (!stop->load()) {
      auto snap = cs->latest();
      if (snap->finished && snap->vectors && snap->vectors->rows > 1) {
        feed(l, snap->vectors, pts, fed);
        return;
      }
      std::this_thread::sleep_for(10ms);
    }
  });
  tsne_waiting = true;
}

Lab::~Lab() {
  // Stop what waits or reads first: a cancelled load ends within one chunk, a waiting t-SNE command at its
  // next poll. The t-SNE session goes before the counts session its first command reads.
  cancel->store(true);
  if (loading) loading->progress->cancel.store(true);
  tsne.reset();
  counts.reset();
  w2v.reset();
  glove.reset();
  if (data_job.valid()) data_job.wait();
  if (search_data_job.valid()) search_data_job.wait();
  if (search_vectors_job.valid()) search_vectors_job.wait();
}

// =============================================================================================== corpus

namespace {

bool same_request(const embed::CorpusRequest& a, const embed::CorpusRequest& b) {
  return a.kind == b.kind && a.path == b.path && a.include_notes == b.include_notes && a.min_count == b.min_count &&
         a.max_vocab == b.max_vocab && a.note_paths == b.note_paths && a.root == b.root && a.data_dir == b.data_dir;
}

}  // namespace

void request_corpus(Lab& lab, const embed::CorpusRequest& request_in) {
  embed::CorpusRequest request = request_in;
  if (request.note_paths.empty()) request.note_paths = lab.note_paths;
  // Asking again for the corpus in use (each lesson step does) keeps it and what was trained on it.
  if (same_request(request, lab.corpus_request) && (lab.loading || (lab.corpus && lab.corpus_error.empty()))) return;
  if (lab.loading) lab.loading->progress->cancel.store(true);
  auto load = std::make_unique<CorpusLoad>();
  load->request = request;
  load->progress = std::make_shared<embed::CorpusJobProgress>();
  auto progress = load->progress;
  load->result = std::async(std::launch::async, [request, progress] {
                   return std::make_shared<const Result<embed::LabCorpus>>(embed::load_lab_corpus(request, progress.get()));
                 }).share();
  lab.corpus_request = request;
  lab.corpus_error.clear();
  auto f = load->result;
  // Each session waits for the text in order with every other command, then starts over on it.
  auto install = [f](auto& l) {
    const auto r = f.get();
    if (r->ok()) embed::set_corpus(l, r->value().corpus);
  };
  lab.counts->post(install);
  lab.counts->reset(lab.counts->latest()->progress.seed);
  lab.counts->step(3);  // counting, PPMI, SVD: a second or two, and they need no choices
  lab.counts_kicked = true;
  lab.w2v->post(install);
  lab.w2v->reset(lab.w2v->latest()->progress.seed);
  lab.glove->post(install);
  lab.glove->reset(lab.glove->latest()->progress.seed);
  lab.loading = std::move(load);
}

Status load_vectors_file(Lab& lab, const std::string& vectors_path, const std::string& metadata_path) {
  const bool tsv = vectors_path.size() > 4 && vectors_path.compare(vectors_path.size() - 4, 4, ".tsv") == 0;
  Result<embed::Embeddings> e = tsv || !metadata_path.empty() ? embed::load_projector_tsv(vectors_path, metadata_path)
                                                               : embed::load_word2vec_text(vectors_path);
  if (!e) {
    lab.file_error = e.error().to_string();
    return e.error();
  }
  if (e->rows < 2) {
    lab.file_error = vectors_path + ": needs at least two vectors";
    return make_error(lab.file_error);
  }
  if (e->labels.empty()) {
    // Without metadata, rows are named by their number so search and neighbours still work.
    e->labels.resize(e->rows);
    for (int i = 0; i < e->rows; ++i) e->labels[i] = std::to_string(i);
    e->index_labels();
  }
  lab.file_vectors = std::make_shared<const embed::Embeddings>(std::move(e.value()));
  const size_t slash = vectors_path.find_last_of('/');
  lab.file_name = slash == std::string::npos ? vectors_path : vectors_path.substr(slash + 1);
  lab.file_error.clear();
  lab.method = Method::File;
  lab.metadata_column = 0;
  if (!lab.file_vectors->metadata_columns.empty()) lab.colour = ColourBy::Metadata;
  return Ok{};
}

// ============================================================================================== access

train::Control* method_session(Lab& lab, Method m) {
  switch (m) {
    case Method::Counts: return lab.counts.get();
    case Method::Word2Vec: return lab.w2v.get();
    case Method::Glove: return lab.glove.get();
    case Method::File: return nullptr;
  }
  return nullptr;
}

train::Control* active_session(Lab& lab) {
  if (lab.projection == Projection::Tsne || lab.method == Method::File) return lab.tsne.get();
  return method_session(lab, lab.method);
}

std::shared_ptr<const embed::WordVectorsSnapshot> method_snapshot(const Lab& lab, Method m) {
  switch (m) {
    case Method::Counts: return lab.counts->latest();
    case Method::Word2Vec: return lab.w2v->latest();
    case Method::Glove: return lab.glove->latest();
    case Method::File: return nullptr;
  }
  return nullptr;
}

std::shared_ptr<const embed::Embeddings> current_vectors(const Lab& lab) {
  if (lab.method == Method::File) return lab.file_vectors;
  auto snap = method_snapshot(lab, lab.method);
  return snap ? snap->vectors : nullptr;
}

std::shared_ptr<const embed::Embeddings> final_vectors(const Lab& lab) {
  if (lab.method == Method::File) return lab.file_vectors;
  auto snap = method_snapshot(lab, lab.method);
  return snap && snap->finished && snap->vectors && snap->vectors->rows > 1 ? snap->vectors : nullptr;
}

std::shared_ptr<const embed::Embeddings> shown_vectors(const Lab& lab) {
  if (lab.projection == Projection::Tsne) return fed_now(lab).first;
  return current_vectors(lab);
}

static int shown_points(const Lab& lab) {
  if (lab.projection == Projection::Tsne) return fed_now(lab).second;
  return lab.points;
}

const embed::ProjectionData* ready_data(const Lab& lab) {
  auto v = shown_vectors(lab);
  if (!lab.data || !v || lab.data->vectors != v) return nullptr;
  if (lab.data->points != std::min(shown_points(lab), v->rows)) return nullptr;
  return lab.data.get();
}

int selected_row(const Lab& lab) {
  const embed::ProjectionData* d = ready_data(lab);
  if (!d || lab.selected.empty()) return -1;
  return d->index.find(lab.selected);
}

double neighbourhood_kept_now(Lab& lab, bool throttle) {
  const embed::ProjectionData* d = ready_data(lab);
  if (!d) return -1;
  auto t = lab.tsne->latest();
  char k[128];
  std::snprintf(k, sizeof k, "%p|%s|%d|%llu|%s", static_cast<const void*>(d), projection_key(lab.projection), lab.dims,
                static_cast<unsigned long long>(lab.projection == Projection::Tsne ? t->progress.version : 0),
                lab.projection == Projection::Custom ? lab.custom_key.c_str() : "");
  if (lab.kept_key == k) return lab.kept;
  const auto now = std::chrono::steady_clock::now();
  if (throttle && lab.kept >= 0 && now - lab.kept_at < std::chrono::milliseconds(500)) return lab.kept;
  const Projected p = projected(lab);
  if (p.n != d->points || p.n == 0) return -1;
  lab.kept_key = k;
  lab.kept_at = now;
  lab.kept = embed::neighbourhood_kept(*d, p.coords.data(), p.n, p.dims);
  return lab.kept;
}

double tsne_rate(const Lab& lab) { return lab.tsne->latest()->progress.steps_per_second; }

// ========================================================================================== LabControl

train::Control& LabControl::target() const { return *active_session(m_lab); }
void LabControl::run() {
  m_lab.run_requested = true;
  target().run();
}
void LabControl::pause() { target().pause(); }
void LabControl::step(int64_t n) {
  m_lab.run_requested = true;
  target().step(n);
}
void LabControl::reset(uint64_t seed) { target().reset(seed); }
void LabControl::set(const std::string& name, double value) { target().set(name, value); }
void LabControl::set_speed(double v) { target().set_speed(v); }
std::shared_ptr<const train::Progress> LabControl::progress() const { return target().progress(); }
void LabControl::inspect(int64_t s) { target().inspect(s); }
void LabControl::rewind(int64_t s) { target().rewind(s); }
void LabControl::wait_idle() { target().wait_idle(); }

// ============================================================================================== update

void update(Lab& lab) {
  // A finished corpus load.
  if (lab.loading && ready(lab.loading->result)) {
    const auto r = lab.loading->result.get();
    if (r->ok()) {
      lab.corpus = std::make_shared<const embed::LabCorpus>(r->value());
      lab.corpus_error.clear();
    } else if (!lab.loading->progress->cancel.load()) {
      lab.corpus_error = r->error().to_string();
    }
    lab.loading.reset();
  }

  // PPMI + SVD is redone at once whenever it is not finished (a changed window or rank, a reset), from the
  // UI or a lesson's train.set: the three stages take a second or two.
  if (lab.method == Method::Counts) {
    auto cs = lab.counts->latest();
    if (cs->finished) {
      lab.counts_kicked = false;
    } else if (!lab.counts_kicked && !cs->progress.running && lab.corpus && !lab.loading) {
      lab.counts->step(3);
      lab.counts_kicked = true;
    }
  }

  // t-SNE input: the finished vectors of the chosen method, once the first (waiting) feed is done.
  auto [fed, fed_points] = fed_now(lab);
  if (lab.tsne_waiting && fed) lab.tsne_waiting = false;
  if (lab.projection == Projection::Tsne && !lab.tsne_waiting) {
    auto v = final_vectors(lab);
    const int want = v ? std::min(lab.points, v->rows) : 0;
    const bool posted = v == lab.tsne_posted && want == lab.tsne_posted_points;
    const bool current = v == fed && want == fed_points;
    if (v && !posted && !current) {
      auto f = lab.tsne_fed;
      lab.tsne->post([v, want, f](embed::TsneLab& l) { feed(l, v, want, f); });
      lab.tsne_posted = v;
      lab.tsne_posted_points = want;
    }
  }

  // Derived data for the shown vectors.
  if (ready(lab.data_job)) lab.data = lab.data_job.get();
  if (!lab.data_job.valid()) {
    auto v = shown_vectors(lab);
    const int pts = v ? std::min(shown_points(lab), v->rows) : 0;
    const bool stale = v && pts > 0 &&
                       (!lab.data || lab.data->vectors != v || lab.data->points != pts ||
                        lab.data->options.clusters != lab.clusters);
    if (stale) {
      embed::ProjectionOptions o;
      o.points = pts;
      o.clusters = lab.clusters;
      lab.data_job_vectors = v;
      lab.data_job = std::async(std::launch::async, [v, o] {
        return std::make_shared<const embed::ProjectionData>(embed::make_projection_data(v, o));
      });
    }
  }
}

// ====================================================================================== derived, cheap

void refresh_derived(Lab& lab) {
  const embed::ProjectionData* d = ready_data(lab);
  if (!d) return;
  char ptr[32];
  std::snprintf(ptr, sizeof ptr, "%p|", static_cast<const void*>(d));
  const std::string base = ptr;

  const std::string nk = base + lab.selected + "|" + std::to_string(lab.neighbour_count);
  if (nk != lab.neighbours_key) {
    lab.neighbours_key = nk;
    const int row = d->index.find(lab.selected);
    lab.neighbours = row >= 0 ? d->index.nearest(row, lab.neighbour_count) : std::vector<embed::Neighbour>{};
  }

  const std::string mk = base + (lab.search_regex ? "r|" : "s|") + lab.search;
  if (mk != lab.matches_key) {
    lab.matches_key = mk;
    std::vector<std::string> shown(d->vectors->labels.begin(),
                                   d->vectors->labels.begin() + std::min<size_t>(d->points, d->vectors->labels.size()));
    auto m = embed::match_labels(shown, lab.search, lab.search_regex, 500);
    lab.matches = m ? *m : std::vector<int>{};
    lab.search_error = m ? "" : m.error().message;
  }

  const std::string ak = base + lab.analogy_a + "|" + lab.analogy_b + "|" + lab.analogy_c;
  if (ak != lab.analogy_key) {
    lab.analogy_key = ak;
    lab.analogy.clear();
    lab.analogy_error.clear();
    if (!lab.analogy_a.empty() && !lab.analogy_b.empty() && !lab.analogy_c.empty()) {
      auto r = d->index.analogy(lab.analogy_a, lab.analogy_b, lab.analogy_c, 10);
      if (r) lab.analogy = *r;
      else lab.analogy_error = r.error().message;
    }
  }

  if (lab.projection == Projection::Custom) {
    const std::string ck = base + lab.x_from + ">" + lab.x_to + "|" + lab.y_from + ">" + lab.y_to;
    if (ck != lab.custom_key) {
      lab.custom_key = ck;
      auto r = embed::custom_axes_projection(*d->vectors, d->points, lab.x_from, lab.x_to, lab.y_from, lab.y_to);
      lab.custom_coords = r ? *r : std::vector<double>{};
      lab.custom_error = r ? "" : r.error().message;
    }
  }
}

// ========================================================================================== projection

Projected projected(const Lab& lab) {
  Projected p;
  const embed::ProjectionData* d = ready_data(lab);
  switch (lab.projection) {
    case Projection::Pca: {
      if (!d || d->pca.k < 2) return p;
      p.n = d->points;
      p.dims = std::min(lab.dims, d->pca.k);
      p.coords.resize(static_cast<size_t>(p.n) * p.dims);
      for (int i = 0; i < p.n; ++i)
        for (int c = 0; c < p.dims; ++c) p.coords[static_cast<size_t>(i) * p.dims + c] = static_cast<float>(d->pca.coords[static_cast<size_t>(i) * d->pca.k + c]);
      const auto& r = d->pca.explained_variance_ratio;
      p.x_label = "PC1 · " + fmt_percent(r[0]) + " of variance";
      p.y_label = "PC2 · " + fmt_percent(r[1]);
      if (p.dims == 3) p.z_label = "PC3 · " + fmt_percent(r[2]);
      double total = 0;
      for (int c = 0; c < p.dims; ++c) total += r[c];
      p.status = "PCA of " + std::to_string(p.n) + " words · the " + std::to_string(p.dims) + " axes keep " +
                 fmt_percent(total) + " of the variance";
      p.labels = &d->vectors->labels;
      return p;
    }
    case Projection::Tsne: {
      auto snap = lab.tsne->latest();
      if (!snap->coords || snap->n == 0 || snap->coords->size() != static_cast<size_t>(snap->n) * snap->dims) return p;
      p.n = snap->n;
      p.dims = snap->dims;
      p.coords = *snap->coords;
      p.x_label = "t-SNE 1";
      p.y_label = "t-SNE 2";
      if (p.dims == 3) p.z_label = "t-SNE 3";
      char b[200];
      std::snprintf(b, sizeof b, "iteration %d · KL %.3f · %.0f it/s · perplexity %.0f%s", snap->iteration, snap->kl,
                    snap->progress.steps_per_second, snap->perplexity,
                    snap->exaggeration > 1 ? " · early exaggeration" : "");
      p.status = b;
      auto fed = fed_now(lab).first;
      auto now = final_vectors(lab);
      if (fed && fed != now)
        p.status += now ? " · restarting on the new vectors…"
                        : std::string(" · mapping the earlier vectors: when ") + method_title(lab.method) +
                              " finishes training, t-SNE starts again on its vectors";
      p.labels = snap->labels.get();
      return p;
    }
    case Projection::Custom: {
      if (!d || lab.custom_coords.size() != static_cast<size_t>(d->points) * 2) return p;
      p.n = d->points;
      p.dims = 2;
      p.coords.assign(lab.custom_coords.begin(), lab.custom_coords.end());
      p.x_label = lab.x_from + "  →  " + lab.x_to;
      p.y_label = lab.y_from + "  →  " + lab.y_to;
      p.status = "each axis: cosine with the direction from one word (or average of words) to another";
      p.labels = &d->vectors->labels;
      return p;
    }
  }
  return p;
}

Status export_projection_csv(Lab& lab, const std::string& path_in) {
  const Projected p = projected(lab);
  if (p.n == 0) return make_error("embeddings: nothing is projected yet, so there is nothing to export");
  std::string path = path_in;
  if (path.empty()) {
    const std::string dir = data_dir() + "/exports";
    if (Status st = make_directories(dir); !st) return st;
    path = dir + "/embeddings-" + projection_key(lab.projection) + ".csv";
  }
  std::vector<std::string> labels(p.n);
  if (p.labels)
    for (int i = 0; i < p.n && i < static_cast<int>(p.labels->size()); ++i) labels[i] = (*p.labels)[i];
  std::vector<int> clusters;
  const embed::ProjectionData* d = ready_data(lab);
  if (d && static_cast<int>(d->clusters.size()) >= p.n) clusters.assign(d->clusters.begin(), d->clusters.begin() + p.n);
  if (Status st = embed::save_projection_csv(path, labels, p.coords, p.dims, clusters); !st) return st;
  lab.export_path = path;
  return Ok{};
}

void reset_ui(Lab& lab) {
  lab.projection = Projection::Tsne;
  lab.dims = 2;
  lab.colour = lab.method == Method::File && lab.file_vectors && !lab.file_vectors->metadata_columns.empty()
                   ? ColourBy::Metadata
                   : ColourBy::Cluster;
  lab.show_labels = true;
  lab.label_count = 150;
  lab.plot_state = {};
  lab.selected.clear();
  lab.neighbour_count = 10;
  lab.search.clear();
  lab.search_regex = false;
  lab.analogy_a.clear();
  lab.analogy_b.clear();
  lab.analogy_c.clear();
  lab.tab = Tab::Vectors;
  lab.highlight_panel.clear();
  lab.run_requested = false;
  lab.explain_column = 2;
  lab.explain_rank = 0;
  lab.export_message.clear();
}

}  // namespace attend::views::embeddings
