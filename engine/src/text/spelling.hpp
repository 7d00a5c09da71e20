// SpellingRepair: "threatend" -> "threatened". A word the rules do not know, that the
// dictionaries (speller.hpp) do not know either, and that is one plausible slip
// (typo_of) away from exactly one word the rules use, is read as that word. Real words are never changed ("chocked" stays), nor short
// ones (under five letters), nor words with digits. Candidates come from a symmetric
// delete index (SymSpell), so a lookup is a handful of hash probes; results are cached
// per thread. Tested in tests/unit/spelling_test.cpp.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/speller.hpp"

namespace coach::text {

class SpellingRepair {
 public:
  // `exact`: vocabulary words a typo is never repaired into (`lexicon @x exact`: the
  // profanity list, so "cudnt" never becomes a slur).
  SpellingRepair(std::vector<std::string> vocabulary, std::shared_ptr<const Speller> speller,
                 std::unordered_set<std::string> exact = {});

  // The vocabulary word `word` stands for, or "" when it is fine as it is (or no single
  // word fits).
  std::string repair(const std::string& word) const;
  // Vocabulary words `word` may be a typo of (tests), in vocabulary order.
  std::vector<std::string> neighbours(const std::string& word) const;
  const Speller* speller() const { return speller_.get(); }

 private:
  void build() const;

  std::vector<std::string> words_;
  std::unordered_set<std::string> vocabulary_;
  std::unordered_set<std::string> exact_;
  std::shared_ptr<const Speller> speller_;
  std::uint64_t id_;  // keys the per-thread cache
  mutable std::once_flag built_;
  mutable std::unordered_map<std::string, std::vector<std::uint32_t>> deletes_;  // key -> word ids
};

// Whether `typed` is one plausible slip away from `word`: a letter left out or doubled,
// two neighbours swapped, a vowel for a vowel or a neighbouring key; never a different
// first letter, nor an extra last letter ("theyd" is not "they"). Exposed for tests.
bool typo_of(const std::string& typed, const std::string& word);

}  // namespace coach::text
