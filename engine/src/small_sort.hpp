// Stable sorting for the handful of elements a sentence yields: insertion sort below a
// few dozen (no allocation, unlike std::stable_sort's buffer), std::stable_sort above.
#pragma once
#include <algorithm>
#include <iterator>
#include <utility>

namespace coach {

template <class It, class Less>
void small_stable_sort(It first, It last, Less less) {
  if (last - first > 24) {
    std::stable_sort(first, last, less);
    return;
  }
  for (It i = first + (first != last ? 1 : 0); i < last; ++i) {
    auto v = std::move(*i);
    It j = i;
    for (; j != first && less(v, *(j - 1)); --j) *j = std::move(*(j - 1));
    *j = std::move(v);
  }
}

}  // namespace coach
