// Normalizer: raw UTF-8 -> Utterance. Repairs UTF-8, segments words and sentences
// (UAX #29: segment.hpp, ICU's BreakIterator for what it declines), reads masked words
// ("f***ing", unmask.hpp), folds each token, applies substitutions, repairs typos
// (spelling.hpp), sets token flags.
// Immutable after construction and safe to share across threads.
// Tested in tests/unit/text_test.cpp.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <memory>
#include <mutex>
#include <unordered_map>

#include "text/spelling.hpp"
#include "text/substitutions.hpp"
#include "text/token.hpp"
#include "text/unmask.hpp"

namespace coach::text {

// What a segment of the word iterator contains (normalizer.cpp).
struct SegmentInfo {
  bool space = true, emoji = false, letters = false, digits = false;
  bool has_lower = false, initial_upper = false;
  int upper = 0, code_points = 0;
  bool exclaim = false, question = false, repaired = false;
};

class Normalizer {
 public:
  explicit Normalizer(Substitutions subs = {}, std::shared_ptr<const SpellingRepair> spelling = nullptr,
                      std::shared_ptr<const Unmasker> unmask = nullptr)
      : subs_(std::move(subs)), spelling_(std::move(spelling)), unmask_(std::move(unmask)) {}

  Utterance analyze(std::string_view raw) const;
  // The normalized word forms of a pattern phrase, as a message would produce them.
  // Memoized: compiling asks for the same words ("he", "me", "my") thousands of times.
  std::vector<std::string> words(std::string_view phrase) const;

  const Substitutions& substitutions() const { return subs_; }
  const SpellingRepair* spelling() const { return spelling_.get(); }
  // Always segment with ICU's BreakIterator (tests compare it with the fast path).
  void set_icu_only(bool on) { icu_only_ = on; }

 private:
  void add_segment(Utterance& u, std::uint32_t b, std::uint32_t e, std::uint32_t sentence, const SegmentInfo& info,
                   bool& last_was_punct) const;
  void add_run_on(Utterance& u, std::uint32_t b, std::uint32_t e, std::uint32_t sentence, bool& last_was_punct) const;
  void substitute_last(Utterance& u, bool repair_typos) const;
  bool add_unmasked(Utterance& u, std::uint32_t b, std::uint32_t sentence, std::uint32_t& end,
                    bool& last_was_punct) const;

  Substitutions subs_;
  std::shared_ptr<const SpellingRepair> spelling_;  // null: words are taken as typed
  std::shared_ptr<const Unmasker> unmask_;          // null: masked words stay in pieces
  struct WordsCache {
    std::mutex mutex;
    std::unordered_map<std::string, std::vector<std::string>> map;
  };
  std::shared_ptr<WordsCache> words_cache_ = std::make_shared<WordsCache>();  // shared by copies (same tables)
  bool icu_only_ = false;
};

}  // namespace coach::text
