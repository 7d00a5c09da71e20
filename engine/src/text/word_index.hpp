// WordIndex: an immutable string -> dense id table for the hot path (a word per token),
// open addressing over a word-at-a-time hash, no allocation on lookup. Tested in
// tests/unit/text_test.cpp ("word index").
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace coach::text {

class WordIndex {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  WordIndex() = default;
  // Word i gets id i; a repeated word keeps its first id.
  explicit WordIndex(std::vector<std::string> words) : keys_(std::move(words)) {
    std::size_t cap = 16;
    while (cap < keys_.size() * 2) cap *= 2;
    slots_.assign(cap, Slot{0, kNone});
    for (std::uint32_t id = 0; id < keys_.size(); ++id) {
      if (find(keys_[id]) != kNone) continue;
      const auto h = hash(keys_[id]);
      std::size_t i = h & (cap - 1);
      while (slots_[i].id != kNone) i = (i + 1) & (cap - 1);
      slots_[i] = {h, id};
    }
  }

  std::uint32_t find(std::string_view w) const {
    if (slots_.empty()) return kNone;
    const auto h = hash(w);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.id == kNone) return kNone;
      if (s.hash == h && keys_[s.id] == w) return s.id;
    }
  }

  std::size_t size() const { return keys_.size(); }

 private:
  struct Slot {
    std::uint32_t hash;
    std::uint32_t id;
  };
  // Eight bytes per multiply (most words are one step); the tail is gathered bytewise,
  // never read past the end.
  static std::uint32_t hash(std::string_view w) {
    const char* p = w.data();
    std::size_t n = w.size();
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t v;
      std::memcpy(&v, p, 8);
      h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 29;
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    h = (h ^ v) * 0x94D049BB133111EBull;
    h ^= h >> 32;
    return static_cast<std::uint32_t>(h);
  }
  std::vector<std::string> keys_;
  std::vector<Slot> slots_;
};

}  // namespace coach::text
