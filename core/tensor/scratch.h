// Scratch<T>: working memory a copyable model carries (a tape, a parameter list, a workspace) without
// sharing it. Copying a model — the training session's checkpoints do — gives the copy a fresh, empty T:
// a tape or a list of parameter pointers refers to one model's tensors and must never be shared.
#pragma once

#include <memory>

namespace attend::tensor {

template <class T>
class Scratch {
 public:
  Scratch() : m_p(std::make_unique<T>()) {}
  Scratch(const Scratch&) : m_p(std::make_unique<T>()) {}
  Scratch& operator=(const Scratch&) {
    m_p = std::make_unique<T>();
    return *this;
  }
  Scratch(Scratch&&) noexcept = default;
  Scratch& operator=(Scratch&&) noexcept = default;
  T& operator*() const { return *m_p; }
  T* operator->() const { return m_p.get(); }
  T& get() const { return *m_p; }

 private:
  std::unique_ptr<T> m_p;
};

}  // namespace attend::tensor
