// Typo repair against the rules' vocabulary. Tested in tests/unit/spelling_test.cpp.
#include "text/spelling.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>

namespace coach::text {
namespace {

constexpr std::size_t kMinLength = 5;     // bytes of the typed word
constexpr std::size_t kMinTarget = 4;     // bytes of the word it becomes
constexpr std::size_t kCacheLimit = 8192;  // per thread; cleared when full

std::atomic<std::uint64_t> next_id{1};

// Letters only: no digits, apostrophes or hyphens (those are not typos of a word).
bool eligible(const std::string& w) {
  if (w.size() < kMinLength || w.size() > 40) return false;
  return std::all_of(w.begin(), w.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (u >= 'a' && u <= 'z');
  });
}

// Byte-wise deletes are fine for ASCII; for UTF-8 a deleted byte inside a code point
// makes a key no word has, so it simply finds nothing.
template <class F>
void for_each_delete(const std::string& w, F&& f) {
  std::string d;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (i > 0 && w[i] == w[i - 1]) continue;  // "hitt" minus either t is the same key
    d.assign(w, 0, i);
    d.append(w, i + 1, std::string::npos);
    f(d);
  }
}

}  // namespace

namespace {

// QWERTY neighbours (a slip of the finger) and vowel for vowel (a slip of spelling).
bool near_keys(char a, char b) {
  static const char* const rows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
  auto where = [](char c, int& r, int& col) {
    for (r = 0; r < 3; ++r)
      if (const char* p = std::strchr(rows[r], c)) {
        col = static_cast<int>(p - rows[r]);
        return true;
      }
    return false;
  };
  const auto vowel = [](char c) { return std::strchr("aeiouy", c) != nullptr; };
  if (vowel(a) && vowel(b)) return true;
  int ra, ca, rb, cb;
  if (!where(a, ra, ca) || !where(b, rb, cb)) return false;
  // Rows are staggered: a key touches two in the row below (same column and one left).
  if (ra == rb) return std::abs(ca - cb) == 1;
  if (std::abs(ra - rb) != 1) return false;
  const int upper = ra < rb ? ca : cb, lower = ra < rb ? cb : ca;
  return lower == upper || lower == upper - 1;
}

}  // namespace

bool typo_of(const std::string& typed, const std::string& word) {
  const std::size_t n = typed.size(), m = word.size();
  if (typed == word || n == 0 || m == 0) return false;
  std::size_t i = 0;
  while (i < n && i < m && typed[i] == word[i]) ++i;
  auto same_after = [&](std::size_t a, std::size_t b) {
    return typed.compare(a, std::string::npos, word, b, std::string::npos) == 0;
  };
  if (n == m) {
    if (i + 1 < n && typed[i] == word[i + 1] && typed[i + 1] == word[i] && same_after(i + 2, i + 2))
      return true;  // swapped neighbours, the first letter included
    return i > 0 && same_after(i + 1, i + 1) && near_keys(typed[i], word[i]);
  }
  if (n == m + 1) {  // a letter too many
    if (i == 0 || !same_after(i + 1, i)) return false;
    // Not an ending: "theyd", "wifes", "chilli" are other words; "lmaoo" doubles a letter.
    return i + 1 < n || typed[i] == typed[i - 1];
  }
  if (m == n + 1) return i > 0 && same_after(i, i + 1);  // a letter left out
  return false;
}

SpellingRepair::SpellingRepair(std::vector<std::string> vocabulary, std::shared_ptr<const Speller> speller,
                               std::unordered_set<std::string> exact)
    : words_(std::move(vocabulary)), exact_(std::move(exact)), speller_(std::move(speller)), id_(next_id++) {
  vocabulary_.insert(words_.begin(), words_.end());
}

void SpellingRepair::build() const {
  std::call_once(built_, [&] {
    for (std::uint32_t id = 0; id < words_.size(); ++id) {
      const auto& w = words_[id];
      if (w.size() < kMinTarget || exact_.count(w) || !std::all_of(w.begin(), w.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return u >= 0x80 || (u >= 'a' && u <= 'z');
          }))
        continue;
      deletes_[w].push_back(id);
      for_each_delete(w, [&](const std::string& d) { deletes_[d].push_back(id); });
    }
  });
}

std::vector<std::string> SpellingRepair::neighbours(const std::string& word) const {
  build();
  std::vector<std::uint32_t> ids;
  auto probe = [&](const std::string& key) {
    if (auto it = deletes_.find(key); it != deletes_.end()) ids.insert(ids.end(), it->second.begin(), it->second.end());
  };
  probe(word);
  for_each_delete(word, probe);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<std::string> out;
  for (auto id : ids)
    if (typo_of(word, words_[id])) out.push_back(words_[id]);
  return out;
}

std::string SpellingRepair::repair(const std::string& word) const {
  if (!speller_ || !eligible(word) || vocabulary_.count(word)) return {};
  struct Cache {
    std::uint64_t owner = 0;
    std::unordered_map<std::string, std::string> map;
  };
  thread_local Cache cache;
  if (cache.owner != id_) {
    cache.owner = id_;
    cache.map.clear();
  }
  if (auto it = cache.map.find(word); it != cache.map.end()) return it->second;
  std::string fixed;
  auto near = neighbours(word);
  if (near.size() == 1 && !speller_->known(word)) fixed = std::move(near.front());
  if (cache.map.size() >= kCacheLimit) cache.map.clear();
  cache.map.emplace(word, fixed);
  return fixed;
}

}  // namespace coach::text
