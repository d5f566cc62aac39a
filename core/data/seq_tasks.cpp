#include "core/data/seq_tasks.h"

#include <algorithm>
#include <cctype>

#include "core/util/assert.h"
#include "core/util/rng.h"

namespace attend::data {

namespace {
const char* const kDigitWords[10] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
constexpr int kDigits = 10, kLetters = 26;

// DigitsToWords ids: digits, then letters, then the space.
int digit_id(int d) { return kFirstSymbol + d; }
int letter_id(char c) { return kFirstSymbol + kDigits + (c - 'a'); }
int space_id() { return kFirstSymbol + kDigits + kLetters; }

// Random lengths must not grow a row's buffer after the first batches: size each for the longest.
void reserve_rows(std::vector<std::vector<int>>& rows, int longest) {
  for (std::vector<int>& r : rows) r.reserve(static_cast<size_t>(longest));
}
}  // namespace

const char* task_name(SeqTaskKind k) {
  switch (k) {
    case SeqTaskKind::Copy: return "copy";
    case SeqTaskKind::Reverse: return "reverse";
    case SeqTaskKind::Sort: return "sort";
    case SeqTaskKind::DigitsToWords: return "digits";
  }
  return "?";
}

bool parse_task(const std::string& name, SeqTaskKind* out) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (SeqTaskKind k : {SeqTaskKind::Copy, SeqTaskKind::Reverse, SeqTaskKind::Sort, SeqTaskKind::DigitsToWords})
    if (lower == task_name(k)) {
      *out = k;
      return true;
    }
  return false;
}

int vocab_size(const SeqTask& t) {
  if (t.kind == SeqTaskKind::DigitsToWords) return kFirstSymbol + kDigits + kLetters + 1;
  return kFirstSymbol + t.symbols;
}

int max_target_len(const SeqTask& t) {
  if (t.kind != SeqTaskKind::DigitsToWords) return t.max_len;
  // Longest word is 5 letters ("three", "seven", "eight"); words are separated by one space.
  return t.max_len * 6 - 1;
}

bool supports_tagging(const SeqTask& t) { return t.kind != SeqTaskKind::DigitsToWords; }

std::string token_name(const SeqTask& t, int id) {
  switch (id) {
    case kPad: return "<pad>";
    case kBos: return "<bos>";
    case kEos: return "<eos>";
    case kSep: return "|";
    default: break;
  }
  const int k = id - kFirstSymbol;
  if (k < 0 || k >= vocab_size(t) - kFirstSymbol) return "?";
  if (t.kind == SeqTaskKind::DigitsToWords) {
    if (k < kDigits) return std::string(1, static_cast<char>('0' + k));
    if (k < kDigits + kLetters) return std::string(1, static_cast<char>('a' + k - kDigits));
    return "_";
  }
  if (t.symbols <= 26) return std::string(1, static_cast<char>('a' + k));
  return std::to_string(k);
}

std::string render(const SeqTask& t, const std::vector<int>& ids) {
  std::string s;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string n = token_name(t, ids[i]);
    if (i > 0 && (n.size() > 1 || s.back() == '>')) s += ' ';
    s += n;
  }
  return s;
}

void target_of(const SeqTask& t, const std::vector<int>& src, std::vector<int>& tgt) {
  tgt.clear();
  switch (t.kind) {
    case SeqTaskKind::Copy: tgt.assign(src.begin(), src.end()); break;
    case SeqTaskKind::Reverse: tgt.assign(src.rbegin(), src.rend()); break;
    case SeqTaskKind::Sort:
      tgt.assign(src.begin(), src.end());
      std::sort(tgt.begin(), tgt.end());
      break;
    case SeqTaskKind::DigitsToWords:
      for (size_t i = 0; i < src.size(); ++i) {
        if (i > 0) tgt.push_back(space_id());
        for (const char* c = kDigitWords[src[i] - kFirstSymbol]; *c; ++c) tgt.push_back(letter_id(*c));
      }
      break;
  }
}

void sample_pair(const SeqTask& t, SplitMix64& rng, std::vector<int>& src, std::vector<int>& tgt) {
  ATTEND_ASSERT(t.min_len >= 1 && t.max_len >= t.min_len, "SeqTask: need 1 ≤ min_len ≤ max_len");
  const int len = t.min_len + static_cast<int>(rng.below(static_cast<uint64_t>(t.max_len - t.min_len + 1)));
  const int alphabet = t.kind == SeqTaskKind::DigitsToWords ? kDigits : t.symbols;
  src.resize(static_cast<size_t>(len));
  for (int& s : src) s = kFirstSymbol + static_cast<int>(rng.below(static_cast<uint64_t>(alphabet)));
  if (t.kind == SeqTaskKind::DigitsToWords)
    for (int& s : src) s = digit_id(s - kFirstSymbol);
  target_of(t, src, tgt);
}

int lm_seq_len(const SeqTask& t) { return t.max_len + 1 + max_target_len(t) + 1 - 1; }

void make_lm_batch(const SeqTask& t, SplitMix64& rng, int batch, LmBatch& out) {
  const int seq = lm_seq_len(t);
  out.batch = batch;
  out.seq = seq;
  out.ids.assign(static_cast<size_t>(batch) * seq, kPad);
  out.targets.assign(static_cast<size_t>(batch) * seq, -1);
  out.prompt_len.resize(static_cast<size_t>(batch));
  out.answers.resize(static_cast<size_t>(batch));
  std::vector<int>& src = out.scratch[0];
  std::vector<int>& tgt = out.scratch[1];
  std::vector<int>& s = out.scratch[2];
  reserve_rows(out.answers, max_target_len(t) + 1);
  src.reserve(static_cast<size_t>(t.max_len));
  tgt.reserve(static_cast<size_t>(max_target_len(t)));
  s.reserve(static_cast<size_t>(seq) + 1);
  for (int b = 0; b < batch; ++b) {
    sample_pair(t, rng, src, tgt);
    s.assign(src.begin(), src.end());
    s.push_back(kSep);
    s.insert(s.end(), tgt.begin(), tgt.end());
    s.push_back(kEos);
    const size_t sep = src.size();
    out.prompt_len[static_cast<size_t>(b)] = static_cast<int>(sep + 1);
    out.answers[static_cast<size_t>(b)].assign(tgt.begin(), tgt.end());
    out.answers[static_cast<size_t>(b)].push_back(kEos);
    int* ids = out.ids.data() + static_cast<size_t>(b) * seq;
    int* targets = out.targets.data() + static_cast<size_t>(b) * seq;
    for (size_t i = 0; i + 1 < s.size() && static_cast<int>(i) < seq; ++i) {
      ids[i] = s[i];
      if (i >= sep) targets[i] = s[i + 1];
    }
  }
}

void make_tagging_batch(const SeqTask& t, SplitMix64& rng, int batch, TaggingBatch& out) {
  ATTEND_ASSERT(supports_tagging(t), "make_tagging_batch: the task's target length differs from its source");
  out.batch = batch;
  out.seq = t.max_len;
  out.ids.assign(static_cast<size_t>(batch) * out.seq, kPad);
  out.padding.assign(out.ids.size(), 1);
  out.targets.assign(out.ids.size(), -1);
  std::vector<int>& src = out.scratch[0];
  std::vector<int>& tgt = out.scratch[1];
  src.reserve(static_cast<size_t>(t.max_len));
  tgt.reserve(static_cast<size_t>(max_target_len(t)));
  for (int b = 0; b < batch; ++b) {
    sample_pair(t, rng, src, tgt);
    for (size_t i = 0; i < src.size(); ++i) {
      const size_t at = static_cast<size_t>(b) * out.seq + i;
      out.ids[at] = src[i];
      out.padding[at] = 0;
      out.targets[at] = tgt[i];
    }
  }
}

void make_seq2seq_batch(const SeqTask& t, SplitMix64& rng, int batch, Seq2SeqBatch& out) {
  out.batch = batch;
  out.src_len = t.max_len;
  out.tgt_len = max_target_len(t) + 1;
  out.src.assign(static_cast<size_t>(batch) * out.src_len, kPad);
  out.src_padding.assign(out.src.size(), 1);
  out.tgt_in.assign(static_cast<size_t>(batch) * out.tgt_len, kPad);
  out.targets.assign(out.tgt_in.size(), -1);
  out.answers.resize(static_cast<size_t>(batch));
  std::vector<int>& src = out.scratch[0];
  std::vector<int>& tgt = out.scratch[1];
  reserve_rows(out.answers, max_target_len(t));
  src.reserve(static_cast<size_t>(t.max_len));
  tgt.reserve(static_cast<size_t>(max_target_len(t)));
  for (int b = 0; b < batch; ++b) {
    sample_pair(t, rng, src, tgt);
    for (size_t i = 0; i < src.size(); ++i) {
      out.src[static_cast<size_t>(b) * out.src_len + i] = src[i];
      out.src_padding[static_cast<size_t>(b) * out.src_len + i] = 0;
    }
    int* in = out.tgt_in.data() + static_cast<size_t>(b) * out.tgt_len;
    int* target = out.targets.data() + static_cast<size_t>(b) * out.tgt_len;
    in[0] = kBos;
    for (size_t i = 0; i < tgt.size(); ++i) {
      in[i + 1] = tgt[i];
      target[i] = tgt[i];
    }
    target[tgt.size()] = kEos;
    out.answers[static_cast<size_t>(b)].assign(tgt.begin(), tgt.end());
  }
}

void reference_reversal_batches(int first, int count, std::vector<LmBatch>& out) {
  constexpr int kBatch = 32, kHalf = 16, kCtx = 32, kVocab = 64;
  SplitMix64 rng(0x5EED);
  out.resize(static_cast<size_t>(count));
  int s[2 * kHalf + 1];
  for (int k = 0; k < first + count; ++k) {
    LmBatch* b = k >= first ? &out[static_cast<size_t>(k - first)] : nullptr;
    if (b) {
      b->batch = kBatch;
      b->seq = kCtx;
      b->ids.resize(kBatch * kCtx);
      b->targets.resize(kBatch * kCtx);
      b->prompt_len.assign(kBatch, kHalf + 1);
      b->answers.resize(kBatch);
    }
    for (int r = 0; r < kBatch; ++r) {
      for (int i = 0; i < kHalf; ++i) s[i] = 1 + static_cast<int>(rng.next() % (kVocab - 1));
      s[kHalf] = 0;
      for (int i = 0; i < kHalf; ++i) s[kHalf + 1 + i] = s[kHalf - 1 - i];
      if (!b) continue;
      for (int i = 0; i < kCtx; ++i) {
        b->ids[static_cast<size_t>(r * kCtx + i)] = s[i];
        b->targets[static_cast<size_t>(r * kCtx + i)] = i < kHalf ? -1 : s[i + 1];
      }
      b->answers[static_cast<size_t>(r)].assign(s + kHalf + 1, s + 2 * kHalf + 1);
    }
  }
}

}  // namespace attend::data
