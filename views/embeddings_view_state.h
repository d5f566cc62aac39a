// The embeddings lab's state, shared by the files of the view (embeddings_view*.cpp): the corpus being
// loaded or in use, one training session per method (PPMI + SVD, word2vec, GloVe) and one for t-SNE, the
// vectors loaded from a file, the numbers derived from the vectors shown (ProjectionData, computed on a
// thread whenever the vectors change), the search lab's indexes, and the UI-only settings.
//
// Nothing here waits. Loads and derived data run on threads and are picked up by update(), which draw,
// configure, query and session all call first. Work that must happen in order with what a lesson does next
// is posted to the sessions as commands instead: choosing a corpus posts "wait for the loaded corpus, then
// use it" to every method's session, so a train.run() sent after it trains on the new text, and the first
// t-SNE input waits in the t-SNE session for the first vectors. So `attend --view embeddings --run` (no
// window drawn at all with --blank) loads the default corpus, computes PPMI + SVD vectors and runs t-SNE on
// the 5,000 most frequent words.
#pragma once

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/embed/embed_session.h"
#include "core/embed/lab_corpus.h"
#include "core/embed/projection_data.h"
#include "core/embed/search_compare.h"
#include "core/embed/tsne_session.h"
#include "core/util/result.h"
#include "views/gl/orbit_camera.h"
#include "views/plot/plot_2d.h"
#include "views/widgets/curves_panel.h"
#include "views/widgets/session_toolbar.h"

namespace attend::views::embeddings {

using W2vSession = train::Session<embed::Word2VecLab, embed::WordVectorsSnapshot>;
using GloveSession = train::Session<embed::GloveLab, embed::WordVectorsSnapshot>;
using CountSession = train::Session<embed::CountVectorsLab, embed::WordVectorsSnapshot>;
using TsneSession = train::Session<embed::TsneLab, embed::TsneSnapshot>;

enum class Method { Counts, Word2Vec, Glove, File };   // File: vectors loaded from a file (nothing trains)
enum class Projection { Pca, Tsne, Custom };
enum class ColourBy { Cluster, Frequency, Metadata, None };
enum class Tab { Vectors, Search };
enum class SearchSource { Notes, Corpus };

const char* method_key(Method m);           // "svd", "word2vec", "glove", "file"
const char* method_title(Method m);         // "PPMI + SVD", ...
const char* projection_key(Projection p);   // "pca", "tsne", "custom"
std::string with_commas(long long v);        // 705599 → "705,599"

// A corpus being read on a thread; installed when its result is ready.
struct CorpusLoad {
  embed::CorpusRequest request;
  std::shared_ptr<embed::CorpusJobProgress> progress;
  std::shared_future<std::shared_ptr<const Result<embed::LabCorpus>>> result;
};

// The vectors the t-SNE session was last given (written by the session's worker, read by the UI).
struct TsneFed {
  std::mutex mutex;
  std::shared_ptr<const embed::Embeddings> vectors;
  int points = 0;
};

// The search lab's data: chunks and keyword indexes for a source, chunk vectors for a vectors table.
struct SearchData {
  SearchSource source = SearchSource::Notes;
  std::string corpus_path;
  std::shared_ptr<const embed::SearchChunks> chunks;
  std::shared_ptr<const embed::KeywordIndexes> indexes;
};

struct SearchVectors {
  std::shared_ptr<const embed::SearchChunks> chunks;
  std::shared_ptr<const embed::Embeddings> words;
  std::shared_ptr<const embed::ChunkVectors> vectors;
};

struct Lab;

// What lessons and `attend --run` drive: the session active_session() names at each call (t-SNE while the
// projection is t-SNE, else the method's), and a note that someone asked to train, so headless frames stop
// waiting for loads (see settle in embeddings_view.cpp) and show the run as it goes.
class LabControl final : public train::Control {
 public:
  explicit LabControl(Lab& lab) : m_lab(lab) {}
  void run() override;
  void pause() override;
  void step(int64_t n) override;
  void reset(uint64_t seed) override;
  void set(const std::string& name, double value) override;
  void set_speed(double max_steps_per_second) override;
  std::shared_ptr<const train::Progress> progress() const override;
  void inspect(int64_t checkpoint_step) override;
  void rewind(int64_t checkpoint_step) override;
  void wait_idle() override;

 private:
  train::Control& target() const;
  Lab& m_lab;
};

struct Lab {
  Lab();
  ~Lab();
  Lab(const Lab&) = delete;
  Lab& operator=(const Lab&) = delete;

  // ------------------------------------------------------------------------------------------- corpus
  embed::CorpusRequest corpus_request;              // what the last load asked for
  std::unique_ptr<CorpusLoad> loading;              // in flight, or null
  std::shared_ptr<const embed::LabCorpus> corpus;   // the one in use (null until the first load ends)
  std::string corpus_error;                         // why the last load failed
  std::vector<std::string> note_paths;              // the sample deck, or the person's imported notes

  // -------------------------------------------------------------------------------- training sessions
  Method method = Method::Counts;
  std::unique_ptr<CountSession> counts;
  std::unique_ptr<W2vSession> w2v;
  std::unique_ptr<GloveSession> glove;
  bool counts_kicked = false;                       // steps for PPMI + SVD were asked for and are not done yet
  std::map<std::string, double> defaults[3];        // per trained method: hyperparameters as created
  std::shared_ptr<const embed::Embeddings> file_vectors;
  std::string file_name, file_error;
  std::string metadata_path;                        // for the next vectors load (lesson key 'metadata')
  std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);  // pending waits
  LabControl control{*this};
  bool run_requested = false;                       // through `control` since the last reset_ui

  // -------------------------------------------------------------------------------------------- t-SNE
  std::unique_ptr<TsneSession> tsne;
  std::shared_ptr<TsneFed> tsne_fed = std::make_shared<TsneFed>();
  std::shared_ptr<const embed::Embeddings> tsne_posted;  // the vectors of the last feed posted from the UI
  int tsne_posted_points = 0;
  bool tsne_waiting = false;                         // the first feed still waits for vectors
  int tsne_dims = 2;                                 // what the t-SNE session was last told
  double tsne_defaults_perplexity = 30;

  // ------------------------------------------------------------------------------- derived (threaded)
  std::shared_ptr<const embed::ProjectionData> data;
  std::future<std::shared_ptr<const embed::ProjectionData>> data_job;
  std::shared_ptr<const embed::Embeddings> data_job_vectors;
  int data_job_points = 0, data_job_clusters = 0;

  // ----------------------------------------------------------------------------- projection settings
  Projection projection = Projection::Tsne;
  int dims = 2;                 // 2 or 3
  int points = 5000;            // words shown (the most frequent)
  int clusters = 8;
  ColourBy colour = ColourBy::Cluster;
  int metadata_column = 0;
  bool show_labels = true;
  bool show_legend = true;
  int label_count = 150;        // labels drawn for the most frequent words (plus every highlighted word)
  std::string x_from = "bad", x_to = "good", y_from = "he", y_to = "she";
  std::vector<double> custom_coords;        // points x 2
  std::string custom_error;
  std::shared_ptr<const embed::Embeddings> custom_for;
  std::string custom_key;
  plot::Plot2DState plot_state;
  gl::OrbitCamera camera;
  std::string export_message, export_path;
  bool png_requested = false;
  ImVec2 plot_min, plot_max;    // the plot's data area last frame (screenshot tests read it)
  std::map<std::string, double> tsne_drag;  // t-SNE sliders being dragged

  // ------------------------------------------------------------------------- selection and neighbours
  std::string selected;         // a label; resolved against the data each frame
  int neighbour_count = 10;
  std::vector<embed::Neighbour> neighbours;
  std::string neighbours_key;   // what `neighbours` was computed for
  std::string search;           // label search (substring or regex)
  bool search_regex = false;
  std::vector<int> matches;
  std::string matches_key, search_error;
  std::string analogy_a = "", analogy_b = "", analogy_c = "";
  std::vector<embed::Neighbour> analogy;
  std::string analogy_key, analogy_error;
  char word_input[64] = "";

  // ---------------------------------------------------------------------------------------- search tab
  Tab tab = Tab::Vectors;
  std::string highlight_panel;  // a lesson's highlight("panel", name)
  SearchSource search_source = SearchSource::Notes;
  std::string query = "why divide attention scores by the square root of the dimension";
  int top_n = 5;
  std::shared_ptr<const SearchData> search_data;
  std::future<std::shared_ptr<const SearchData>> search_data_job;
  SearchSource search_job_source = SearchSource::Notes;
  std::string search_job_path;
  std::shared_ptr<const SearchVectors> search_vectors;
  std::future<std::shared_ptr<const SearchVectors>> search_vectors_job;
  std::shared_ptr<const embed::Embeddings> search_vectors_job_words;
  std::shared_ptr<const embed::SearchChunks> search_vectors_job_chunks;
  embed::SearchComparison comparison;
  std::string comparison_key;
  int explain_column = 2, explain_rank = 0;   // the hit whose score is explained (column: 0 BM25, 1 TF-IDF, 2 semantic)
  int context_column = 2;                      // the ranking whose top chunks make the prompt
  std::string search_error_text;

  // ------------------------------------------------------------------------------------ query caches
  std::shared_ptr<const embed::Embeddings> query_index_for;
  embed::CosineIndex query_index;
  std::string kept_key;
  double kept = -1;             // -1: not measured
  std::chrono::steady_clock::time_point kept_at{};

  // ------------------------------------------------------------------------------------------ widgets
  SessionToolbarState toolbar[3];
  CurvesPanelState curves[3];
  CurvesPanelState tsne_curves;
  std::string active_param;     // the hyperparameter slider being dragged ("1window"), and its value
  double active_value = 0;
  plot::LinePlotState mini_loss, spectrum_plot;
  char corpus_path_input[512] = "";
  char vectors_path_input[512] = "";
  char metadata_path_input[512] = "";
  char query_input[256] = "";
  int corpus_choice = 0;        // the picker's row: default, default + notes, notes, file
  int min_count_drag = 0;       // the min count slider's value while it is dragged (0: not dragged)
  bool word_input_active = false;
};

// ------------------------------------------------------------------------------------------------- state

// Starts loading a corpus: every method's session gets "wait for it, then use it" and a reset; PPMI + SVD
// vectors are computed at once (they take a second or two and need no choices).
void request_corpus(Lab& lab, const embed::CorpusRequest& request);
// Loads vectors (word2vec text, or Projector TSV with optional metadata) now; on success the method
// becomes File.
Status load_vectors_file(Lab& lab, const std::string& vectors_path, const std::string& metadata_path);

// Polls the threads, installs what finished, starts derived-data jobs and feeds t-SNE when its input
// should change. Cheap; never waits.
void update(Lab& lab);

train::Control* method_session(Lab& lab, Method m);   // null for File
train::Control* active_session(Lab& lab);             // t-SNE when projecting with it, else the method's
std::shared_ptr<const embed::WordVectorsSnapshot> method_snapshot(const Lab& lab, Method m);

// The vectors of the chosen method as they are now (trained so far, or loaded), and as a finished run left
// them (null while training).
std::shared_ptr<const embed::Embeddings> current_vectors(const Lab& lab);
std::shared_ptr<const embed::Embeddings> final_vectors(const Lab& lab);
// What the projection shows: the vectors t-SNE was given, or the current ones.
std::shared_ptr<const embed::Embeddings> shown_vectors(const Lab& lab);
// The derived data when it belongs to the shown vectors; null while it is being computed.
const embed::ProjectionData* ready_data(const Lab& lab);

// Row of the selected word in the shown vectors, or -1.
int selected_row(const Lab& lab);
// Recomputes the neighbour list, label matches, analogy and custom axes when their inputs changed.
void refresh_derived(Lab& lab);
// Recomputes the search comparison when the query or the data changed.
void refresh_search(Lab& lab);

// Projected coordinates of the shown points: n x dims (dims 2 or 3) for the current projection, or empty.
struct Projected {
  int n = 0, dims = 2;
  std::vector<float> coords;
  std::string x_label, y_label, z_label;
  std::string status;       // "iteration 340 · KL 1.83 · 142 it/s"
  const std::vector<std::string>* labels = nullptr;
};
Projected projected(const Lab& lab);

// Of the shown words' 10 nearest neighbours in the full space, the fraction also nearest on the map (a
// sample of 500 words; embed::neighbourhood_kept). Cached per map; with `throttle` (drawing) a map that
// changes every frame is measured at most twice a second.
double neighbourhood_kept_now(Lab& lab, bool throttle);

// t-SNE iterations per second as the session measured it over the last second (0 when paused).
double tsne_rate(const Lab& lab);

// The projected coordinates with their labels and k-means clusters as CSV (what Projector users asked to
// download): to `path`, or to <data_dir>/exports/embeddings-<projection>.csv when it is empty. The path
// written is left in lab.export_path.
Status export_projection_csv(Lab& lab, const std::string& path);

void reset_ui(Lab& lab);

// ------------------------------------------------------------------------------------------------ panels

// Each draws into [min, max) of the current window.
void draw_training_panel(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max, bool mini_loss);
void draw_projection_panel(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max);
void draw_neighbours_panel(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max);
void draw_curves(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max);
void draw_search_tab(ViewContext& ctx, Lab& lab, ImVec2 min, ImVec2 max);

// A titled child window covering [min, max); returns false when it is clipped away (then call end_panel anyway).
bool begin_panel(ViewContext& ctx, const char* id, const char* title, ImVec2 min, ImVec2 max, bool scroll = false);
void end_panel();
// Centred grey text in the rest of the panel.
void centred_message(ViewContext& ctx, const std::string& text);

// --------------------------------------------------------------------------------------------- lesson API

Status configure_lab(Lab& lab, const std::string& key, const Value& value);
Result<Value> query_lab(Lab& lab, const std::string& key);
extern const char* const kConfigureKeys;
extern const char* const kQueryKeys;

}  // namespace attend::views::embeddings
