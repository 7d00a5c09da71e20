// How many entries a capped store evicts at once, shared by the memory and SQLite stores.
#pragma once
#include <algorithm>
#include <cstdint>

namespace coach::app {

// Once `count` has passed `cap`: back under it, and 1% of the cap more, so eviction is not
// paid per request.
inline std::int64_t overflow(std::int64_t count, std::int64_t cap) {
  return count <= cap ? 0 : count - cap + std::max<std::int64_t>(1, cap / 100);
}

}  // namespace coach::app
