#include <doctest/doctest.h>

#include <algorithm>

#include "core/data/seq_tasks.h"
#include "core/util/rng.h"

using namespace attend;
using namespace attend::data;

TEST_CASE("tasks map sources to targets") {
  SeqTask t;
  const std::vector<int> src = {kFirstSymbol + 2, kFirstSymbol + 0, kFirstSymbol + 1};
  std::vector<int> tgt;
  t.kind = SeqTaskKind::Copy;
  target_of(t, src, tgt);
  CHECK(tgt == src);
  t.kind = SeqTaskKind::Reverse;
  target_of(t, src, tgt);
  CHECK(render(t, tgt) == "bac");
  t.kind = SeqTaskKind::Sort;
  target_of(t, src, tgt);
  CHECK(render(t, tgt) == "abc");
  t.kind = SeqTaskKind::DigitsToWords;
  target_of(t, {kFirstSymbol + 3, kFirstSymbol + 0}, tgt);
  CHECK(render(t, tgt) == "three_zero");
  CHECK(vocab_size(t) == 4 + 10 + 26 + 1);
  SeqTaskKind k;
  CHECK(parse_task("Sort", &k));
  CHECK(k == SeqTaskKind::Sort);
  CHECK_FALSE(parse_task("shuffle", &k));
}

TEST_CASE("LM layout: source | target <eos>, loss only from the separator on") {
  SeqTask t;
  t.kind = SeqTaskKind::Reverse;
  t.symbols = 5;
  t.min_len = 2, t.max_len = 4;
  SplitMix64 rng(1);
  LmBatch b;
  make_lm_batch(t, rng, 16, b);
  CHECK(b.seq == 4 + 1 + 4 + 1 - 1);
  for (int r = 0; r < 16; ++r) {
    const int* ids = b.ids.data() + r * b.seq;
    const int* tg = b.targets.data() + r * b.seq;
    const int p = b.prompt_len[static_cast<size_t>(r)];
    const int len = p - 1;
    CHECK(len >= 2);
    CHECK(len <= 4);
    CHECK(ids[len] == kSep);
    for (int i = 0; i < len; ++i) {
      CHECK(tg[i] == -1);
      CHECK(tg[len + i] == ids[len - 1 - i]);  // the reversed source
    }
    CHECK(tg[2 * len] == kEos);
    std::vector<int> ans(tg + len, tg + 2 * len + 1);
    CHECK(ans == b.answers[static_cast<size_t>(r)]);
  }
}

TEST_CASE("tagging and seq2seq layouts with padding") {
  SeqTask t;
  t.kind = SeqTaskKind::Sort;
  t.min_len = 3, t.max_len = 6;
  SplitMix64 rng(2);
  TaggingBatch tb;
  make_tagging_batch(t, rng, 8, tb);
  for (size_t i = 0; i < tb.ids.size(); ++i) CHECK((tb.padding[i] == 1) == (tb.ids[i] == kPad));
  for (size_t i = 0; i < tb.ids.size(); ++i) CHECK((tb.targets[i] == -1) == (tb.padding[i] == 1));
  Seq2SeqBatch sb;
  t.kind = SeqTaskKind::DigitsToWords;
  t.min_len = 1, t.max_len = 2;
  make_seq2seq_batch(t, rng, 8, sb);
  CHECK(sb.tgt_len == 2 * 6 - 1 + 1);
  for (int r = 0; r < 8; ++r) {
    const std::vector<int>& ans = sb.answers[static_cast<size_t>(r)];
    CHECK(sb.tgt_in[static_cast<size_t>(r) * sb.tgt_len] == kBos);
    CHECK(sb.targets[static_cast<size_t>(r) * sb.tgt_len + ans.size()] == kEos);
    for (size_t i = 0; i < ans.size(); ++i) {
      CHECK(sb.tgt_in[static_cast<size_t>(r) * sb.tgt_len + i + 1] == ans[i]);
      CHECK(sb.targets[static_cast<size_t>(r) * sb.tgt_len + i] == ans[i]);
    }
  }
}

TEST_CASE("the bench's reversal batches follow the peer script's recipe") {
  std::vector<LmBatch> all, tail;
  reference_reversal_batches(0, 3, all);
  reference_reversal_batches(2, 1, tail);
  CHECK(tail[0].ids == all[2].ids);  // skipping batches draws the same stream
  const LmBatch& b = all[0];
  CHECK(b.batch == 32);
  CHECK(b.seq == 32);
  // First draw of SplitMix64(0x5EED): 1 + next() % 63.
  SplitMix64 rng(0x5EED);
  CHECK(b.ids[0] == 1 + static_cast<int>(rng.next() % 63));
  for (int r = 0; r < 32; ++r) {
    const int* ids = b.ids.data() + r * 32;
    const int* tg = b.targets.data() + r * 32;
    CHECK(ids[16] == 0);
    for (int i = 0; i < 16; ++i) CHECK(tg[i] == -1);
    for (int i = 16; i < 31; ++i) CHECK(tg[i] == ids[i + 1]);
    CHECK(tg[16] == ids[15]);
    CHECK(tg[31] == ids[0]);
  }
}
