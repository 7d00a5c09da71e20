// Substitution lookups and elongation repair. Tested in tests/unit/text_test.cpp.
#include "text/substitutions.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace coach::text {

bool Substitutions::add(const std::string& from, std::vector<std::string> to) {
  if (from.size() > 1 && from[0] == '*') {
    Suffix s;
    s.suffix = from.substr(1);
    for (const auto& x : suffixes_)
      if (x.suffix == s.suffix) return false;
    // "*n't" = "* not": the stem stands alone; "*in'" = "*ing": the stem keeps its tail.
    if (!to.empty() && to.front() == "*") {
      to.erase(to.begin());
    } else if (!to.empty() && to.front().size() > 1 && to.front()[0] == '*') {
      to.front().erase(0, 1);
      s.keep_stem_attached = true;
    }
    s.tail = std::move(to);
    if (!s.suffix.empty()) suffix_last_byte_[static_cast<unsigned char>(s.suffix.back())] = true;
    suffixes_.push_back(std::move(s));
    // Longest suffix first, so "*n't" wins over "*'t".
    std::stable_sort(suffixes_.begin(), suffixes_.end(),
                     [](const Suffix& a, const Suffix& b) { return a.suffix.size() > b.suffix.size(); });
    return true;
  }
  if (!exact_.emplace(from, std::move(to)).second) return false;
  std::vector<std::string> keys;
  exact_values_.clear();
  for (const auto& [k, v] : exact_) {
    keys.push_back(k);
    exact_values_.push_back(v);
  }
  exact_index_ = WordIndex(std::move(keys));
  return true;
}

const std::vector<std::string>* Substitutions::lookup(const std::string& word,
                                                      std::vector<std::string>& scratch) const {
  if (const auto i = exact_index_.find(word); i != WordIndex::kNone) return &exact_values_[i];
  if (word.empty() || !suffix_last_byte_[static_cast<unsigned char>(word.back())]) return nullptr;
  for (const auto& s : suffixes_) {
    if (word.size() > s.suffix.size() &&
        word.compare(word.size() - s.suffix.size(), s.suffix.size(), s.suffix) == 0) {
      std::string stem = word.substr(0, word.size() - s.suffix.size());
      scratch.clear();
      if (s.keep_stem_attached && !s.tail.empty()) {
        scratch.push_back(stem + s.tail.front());
        scratch.insert(scratch.end(), s.tail.begin() + 1, s.tail.end());
      } else if (const auto i = exact_index_.find(stem); i != WordIndex::kNone) {
        // The stem gets its own substitution too: "gf's" -> "gf" -> "girlfriend".
        scratch = exact_values_[i];
        scratch.insert(scratch.end(), s.tail.begin(), s.tail.end());
      } else {
        scratch.push_back(std::move(stem));
        scratch.insert(scratch.end(), s.tail.begin(), s.tail.end());
      }
      return &scratch;
    }
  }
  return nullptr;
}

namespace {

struct Run {
  std::size_t begin, len;  // bytes of the first code point, count of repeats
  std::size_t cp_bytes;
};

std::vector<Run> long_runs(std::string_view w) {
  std::vector<Run> runs;
  const auto* s = reinterpret_cast<const std::uint8_t*>(w.data());
  const std::int32_t n = static_cast<std::int32_t>(w.size());
  std::int32_t i = 0;
  UChar32 prev = -1;
  std::size_t run_begin = 0, run_len = 0, cp_bytes = 0;
  while (i <= n) {
    std::int32_t at = i;
    UChar32 c = -2;
    if (i < n) U8_NEXT(s, i, n, c); else ++i;
    if (c == prev && c >= 0) {
      ++run_len;
      continue;
    }
    if (run_len >= 3 && prev >= 0 && u_isalpha(prev)) runs.push_back({run_begin, run_len, cp_bytes});
    prev = c;
    run_begin = static_cast<std::size_t>(at);
    run_len = 1;
    cp_bytes = static_cast<std::size_t>(i - at);
  }
  return runs;
}

// Whether the word may hold a run of three: always for non-ASCII (a code point spans
// several bytes), else three equal bytes in a row.
bool may_have_run(std::string_view w) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (static_cast<unsigned char>(w[i]) >= 0x80) return true;
    if (i >= 2 && w[i] == w[i - 1] && w[i] == w[i - 2]) return true;
  }
  return false;
}

}  // namespace

std::string Substitutions::repair_elongation(std::string_view word) const {
  if (!may_have_run(word)) return {};
  auto runs = long_runs(word);
  if (runs.empty()) return {};
  const std::size_t k = std::min<std::size_t>(runs.size(), 4);
  // Try every mix of "keep one" / "keep two" per run; prefer fewer letters.
  std::string fallback;
  for (unsigned mask = 0; mask < (1u << k); ++mask) {
    std::string out;
    std::size_t pos = 0;
    for (std::size_t r = 0; r < runs.size(); ++r) {
      out.append(word.substr(pos, runs[r].begin - pos));
      const std::size_t keep = (r < k && (mask >> r) & 1u) ? 2 : 1;
      for (std::size_t j = 0; j < keep; ++j) out.append(word.substr(runs[r].begin, runs[r].cp_bytes));
      pos = runs[r].begin + runs[r].len * runs[r].cp_bytes;
    }
    out.append(word.substr(pos));
    if (vocabulary_.count(out)) return out;
    if (mask == (1u << k) - 1) fallback = out;
  }
  return fallback;
}

}  // namespace coach::text
