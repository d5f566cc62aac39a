#include "core/util/assert.h"

#include <cstdio>
#include <cstdlib>

namespace attend::detail {

void assert_failed(const char* file, int line, const char* condition, const char* message) {
  std::fprintf(stderr, "%s:%d: assertion failed: %s\n  %s\n", file, line, condition, message);
  std::fflush(stderr);
  std::abort();
}

}  // namespace attend::detail
