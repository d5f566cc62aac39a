// What the attention lab draws, picked out of a lab snapshot without copying or computing: for a chosen
// attention layer, head, batch row and query, each stage of the layer (X, W_Q … softmax, AV, concat, output)
// as a grid over the engine's own buffers, with the token labels and the mask that goes with it. The view's
// panels and its tests read the same functions, so the tests check exactly what is shown.
#pragma once

#include <string>
#include <vector>

#include "core/train/attention_lab.h"
#include "views/plot/values.h"

namespace attend::views::attention_view {

// Whose attention: the probe batch the trainer publishes, the person's own input, or (encoder–decoder) the
// decoder's free-running pass over its own outputs.
enum class Source { Probe, Input, Free };

enum class Stage { X, WQ, WK, WV, Q, K, V, Scores, Scaled, Masked, Weights, AV, Concat, Output };
constexpr int kStages = 14;
const char* stage_name(Stage s);    // "X", "W_Q", … "softmax", "AV", "concat", "output"
const char* stage_key(Stage s);     // lesson keys: "x", "wq", … "weights", "av", "concat", "output"
bool parse_stage(const std::string& key, Stage* out);

struct Selection {
  int layer = 0, head = 0, row = 0;
  int query = -1;   // the query token followed through the stages (-1: none)
};

const std::vector<train::AttentionLayer>& layers_of(const train::LabSnapshot& s, Source src);

// The tokens row `row` of layer `l` reads as queries and as keys, labelled from the vocabulary; positions past
// the row's tokens (padding) are "·".
std::vector<std::string> query_labels(const train::LabSnapshot& s, Source src, int layer, int row);
std::vector<std::string> key_labels(const train::LabSnapshot& s, Source src, int layer, int row);

struct StageData {
  plot::Grid grid;                 // over the snapshot's buffers (valid while the snapshot is held)
  const uint8_t* mask = nullptr;   // tq × tk masked cells, for the score and weight stages
  bool token_rows = false;         // rows are query tokens (X, Q, scores, …) rather than model dimensions
  bool key_rows = false;           // rows are key tokens (K, V)
  bool key_cols = false;           // columns are key tokens (scores, weights)
  bool probability = false;        // softmax weights: 0…1 on a sequential map
};
// An empty grid when the selection is out of range or the stage is not recorded.
StageData stage_data(const train::LabSnapshot& s, Source src, const Selection& sel, Stage stage);

// One query's softmax row (tk weights) and its weighted sum of V (dh numbers, nn::weighted_value_sum).
std::vector<float> weight_row(const train::LabSnapshot& s, Source src, const Selection& sel);
std::vector<float> value_sum(const train::LabSnapshot& s, Source src, const Selection& sel);

// Clamps a selection to the snapshot (layer, head, row and query in range).
Selection clamp(const train::LabSnapshot& s, Source src, Selection sel);

// Where the selected layer's heads look: the best pattern name and value per head ("mirror 0.83").
struct HeadLabel {
  std::string pattern;
  double value = 0;
};
std::vector<HeadLabel> head_labels(const train::LabSnapshot& s, int layer);

}  // namespace attend::views::attention_view
