// Sequence tasks for the transformer and RNN lessons, and the batch layouts each model family trains on.
//
// Tasks map a random source sequence to a target:
//   Copy            a b c      → a b c
//   Reverse         a b c      → c b a
//   Sort            c a b      → a b c
//   DigitsToWords   3 0 7      → three zero seven      (a toy translation for the encoder–decoder: the
//                                                        target is longer and letters must align to digits)
//
// One vocabulary serves every layout: 0 <pad>, 1 <bos>, 2 <eos>, 3 the separator '|', then the task's
// symbols (letters a…, or for DigitsToWords the digits 0–9, the letters a–z and '_' for a space).
//
// Layouts (B rows, row-major ids; a target of -1 is ignored by the loss and the metrics):
//   LM (decoder-only, RNN)  s = source | target <eos>;  input s[0..n−1), target s[1..n), counted only
//                           from the separator on (the source is random and cannot be predicted)
//   Tagging (encoder-only)  input the source, target the target at the same positions (same length)
//   Seq2Seq                 src = source; decoder input <bos> target; decoder target target <eos>
// Shorter sequences are padded with <pad> to the task's longest; padding flags mark them for attention.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace attend {
struct SplitMix64;
}

namespace attend::data {

constexpr int kPad = 0, kBos = 1, kEos = 2, kSep = 3, kFirstSymbol = 4;

enum class SeqTaskKind { Copy, Reverse, Sort, DigitsToWords };
const char* task_name(SeqTaskKind k);
bool parse_task(const std::string& name, SeqTaskKind* out);  // "copy", "reverse", "sort", "digits"

struct SeqTask {
  SeqTaskKind kind = SeqTaskKind::Reverse;
  int symbols = 10;     // alphabet of Copy/Reverse/Sort (letters a…); ignored by DigitsToWords
  int min_len = 8;      // source length range (DigitsToWords: digits)
  int max_len = 8;
};

int vocab_size(const SeqTask& t);
int max_target_len(const SeqTask& t);          // longest target (without <eos>)
std::string token_name(const SeqTask& t, int id);   // "a", "7", "_", "|", "<eos>" …
std::string render(const SeqTask& t, const std::vector<int>& ids);  // names joined; spaces between multi-char names
bool supports_tagging(const SeqTask& t);       // source and target of equal length

// One source and its target, without special tokens.
void sample_pair(const SeqTask& t, SplitMix64& rng, std::vector<int>& src, std::vector<int>& tgt);
void target_of(const SeqTask& t, const std::vector<int>& src, std::vector<int>& tgt);

// Decoder-only / recurrent LM layout.
struct LmBatch {
  int batch = 0, seq = 0;
  std::vector<int> ids;          // B×seq
  std::vector<int> targets;      // B×seq, -1 ignored
  std::vector<int> prompt_len;   // per row: tokens up to and including the separator (free-running prompt)
  std::vector<std::vector<int>> answers;  // per row: the target followed by <eos>
  std::vector<int> scratch[3];   // reused by the generator: steady-state batches allocate nothing
};
void make_lm_batch(const SeqTask& t, SplitMix64& rng, int batch, LmBatch& out);
int lm_seq_len(const SeqTask& t);

// Encoder-only layout.
struct TaggingBatch {
  int batch = 0, seq = 0;
  std::vector<int> ids;
  std::vector<uint8_t> padding;  // B×seq, 1 = <pad>
  std::vector<int> targets;
  std::vector<int> scratch[2];
};
void make_tagging_batch(const SeqTask& t, SplitMix64& rng, int batch, TaggingBatch& out);

// Encoder–decoder layout.
struct Seq2SeqBatch {
  int batch = 0, src_len = 0, tgt_len = 0;
  std::vector<int> src;              // B×src_len
  std::vector<uint8_t> src_padding;  // B×src_len
  std::vector<int> tgt_in;           // B×tgt_len: <bos> target <pad>…
  std::vector<int> targets;          // B×tgt_len: target <eos> -1…
  std::vector<std::vector<int>> answers;  // per row: the target (no specials), for BLEU and exact match
  std::vector<int> scratch[2];
};
void make_seq2seq_batch(const SeqTask& t, SplitMix64& rng, int batch, Seq2SeqBatch& out);

// The bench's reversal workload (../shared/bench/README.md, torch_transformer.py): SplitMix64(0x5EED), for
// each batch k and row b, a_0..a_15 = 1 + next() % 63, s = a_0..a_15, 0, a_15..a_0; input s[0..32),
// target s[1..33) with positions 0..15 ignored (-1). Batches are drawn in order from one generator, so
// `first` skips that many batches. Its own vocabulary: 0 is the separator, 1..63 content.
void reference_reversal_batches(int first, int count, std::vector<LmBatch>& out);

}  // namespace attend::data
