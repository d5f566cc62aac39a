#include "core/optim/rules.h"

#include <cctype>

namespace attend::optim {

const char* method_name(Method m) {
  switch (m) {
    case Method::SGD: return "SGD";
    case Method::Momentum: return "Momentum";
    case Method::Nesterov: return "Nesterov";
    case Method::AdaGrad: return "AdaGrad";
    case Method::RMSProp: return "RMSProp";
    case Method::Adam: return "Adam";
    case Method::AdamW: return "AdamW";
  }
  return "?";
}

bool parse_method(const std::string& name, Method* out) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < kMethodCount; ++i) {
    std::string candidate;
    for (const char* p = method_name(static_cast<Method>(i)); *p; ++p)
      candidate += static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
    if (candidate == lower) {
      *out = static_cast<Method>(i);
      return true;
    }
  }
  return false;
}

}  // namespace attend::optim
