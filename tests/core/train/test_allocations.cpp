// Steady-state training steps allocate nothing: every buffer is sized on the first steps and reused.
// The test counts calls to malloc and its relatives (which operator new and Eigen both use) by interposing
// them in this executable; under AddressSanitizer, which owns malloc, through the sanitizer's malloc hook.
#include <doctest/doctest.h>

#include <cstdlib>

#include "core/data/points_csv.h"
#include "core/nn/playground_net.h"
#include "core/train/seq_trainer.h"
#include "core/util/rng.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ATTEND_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define ATTEND_ASAN 1
#endif

namespace {
thread_local bool t_counting = false;
thread_local long t_allocations = 0;
inline void note() {
  if (t_counting) ++t_allocations;
}

struct Counting {
  Counting() {
    t_allocations = 0;
    t_counting = true;
  }
  ~Counting() { t_counting = false; }
  long count() const { return t_allocations; }
};
}  // namespace

#if !defined(ATTEND_ASAN)
extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void* __libc_memalign(size_t, size_t);
void* malloc(size_t n) {
  note();
  return __libc_malloc(n);
}
void* calloc(size_t n, size_t s) {
  note();
  return __libc_calloc(n, s);
}
void* realloc(void* p, size_t n) {
  note();
  return __libc_realloc(p, n);
}
void* memalign(size_t a, size_t n) {
  note();
  return __libc_memalign(a, n);
}
void* aligned_alloc(size_t a, size_t n) {
  note();
  return __libc_memalign(a, n);
}
int posix_memalign(void** out, size_t a, size_t n) {
  note();
  *out = __libc_memalign(a, n);
  return *out ? 0 : 12;  // ENOMEM
}
}
#else
// From <sanitizer/allocator_interface.h> (not every toolchain ships the header).
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*, size_t),
                                                         void (*free_hook)(const volatile void*));
namespace {
void on_malloc(const volatile void*, size_t) { note(); }
void on_free(const volatile void*) {}
const int kHooked = __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
}  // namespace
#endif

using namespace attend;

TEST_CASE("the allocation counter sees allocations") {
  Counting c;
  std::vector<int>* v = new std::vector<int>(100);
  delete v;
  CHECK(c.count() >= 2);
}

TEST_CASE("steady-state transformer training steps allocate nothing") {
  train::SeqTrainerConfig c;  // decoder-only transformer on reversal
  c.model.d_model = 32, c.model.heads = 4, c.model.layers = 2, c.model.ffn = 64;
  c.clip_norm = 1.0;
  for (train::SeqArch arch : {train::SeqArch::Decoder, train::SeqArch::EncoderDecoder, train::SeqArch::LSTM}) {
    c.arch = arch;
    c.task.kind = arch == train::SeqArch::EncoderDecoder ? data::SeqTaskKind::DigitsToWords : data::SeqTaskKind::Reverse;
    c.task.min_len = c.task.max_len = arch == train::SeqArch::EncoderDecoder ? 3 : 8;
    train::SeqModel m = train::make_seq_model(c);
    REQUIRE(m.error.empty());
    for (int i = 0; i < 3; ++i) train::train_step(m);  // warm-up: buffers grow to size
    Counting counting;
    for (int i = 0; i < 5; ++i) train::train_step(m);
    const long count = counting.count();
    INFO("architecture " << std::string(train::arch_name(arch)));
    CHECK(count == 0);
  }
}

TEST_CASE("steady-state playground steps and grid evaluations allocate nothing") {
  SplitMix64 rng(42);
  nn::PlaygroundNet net = nn::make_playground_net(nn::PlaygroundConfig{}, rng);
  const data::Points2D pts = data::make_spiral(500, 0.1, 2016);
  nn::PlaygroundWorkspace* ws = new nn::PlaygroundWorkspace;
  std::vector<float> grid(100 * 100);
  Counting counting;
  for (int k = 0; k < 100; ++k) nn::train_step(net, pts.xy.data() + 20 * (k % 50), pts.label.data() + 10 * (k % 50), 10, 0.03f, *ws);
  nn::train_step(net, pts.xy.data(), pts.label.data(), 500, 0.03f, *ws);
  nn::predict_grid(net, 100, -6.f, 6.f, grid.data(), *ws);
  CHECK(counting.count() == 0);
  delete ws;
}
