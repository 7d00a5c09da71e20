// Lazy DFA over tokens: which patterns match somewhere in a sentence. RE2's idea (subset
// construction on demand, states and transitions cached, the cache dropped when it
// outgrows its budget) with token classes in place of bytes. It ignores captures and
// treats `$` as always true, so it may report a pattern that does not match but never
// misses one; the Pike VM (matcher.cpp) then runs only the reported patterns and
// decides the exact spans. tests/unit/rules_match_test.cpp checks it changes no result.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/program.hpp"
#include "text/token.hpp"

namespace coach::rules {

// Fills Program::word_class, word_class_count and attr_mask: words that every test of
// the program treats alike share a class, which keeps the DFA's alphabet small.
void build_token_classes(Program& prog);

class Dfa {
 public:
  // `allowance`: states it may build before its build rate is held to one state per
  // kTokensPerState tokens read. `skip_lazy`: leaves out Program::lazy patterns (guards
  // that run only when asked).
  Dfa(const Program& prog, std::size_t budget_bytes, std::size_t allowance = kDefaultAllowance,
      bool skip_lazy = false);
  ~Dfa();
  Dfa(const Dfa&) = delete;
  Dfa& operator=(const Dfa&) = delete;

  // The patterns that may match in tokens [s.first, s.last), sorted, appended to `out`.
  // Returns the token index just past the last position where one may end (s.first if
  // none), or kGaveUp (and `out` unchanged) when the sentence needs a state the DFA may
  // not build now: text it has not seen the like of, where building states costs more
  // than the prefilter and the Pike VM (RE2 bails out to its NFA for the same reason).
  std::uint32_t matching_patterns(const text::Utterance& u, const text::Sentence& s,
                                  const std::vector<std::uint32_t>& word_ids, std::vector<std::uint32_t>& out);
  static constexpr std::uint32_t kGaveUp = 0xFFFFFFFFu;
  static constexpr std::size_t kDefaultAllowance = 500;
  static constexpr std::size_t kTokensPerState = 200;
  // Every thread has its own cache (no locks); together they stay under this, each
  // dropping its own cache when the total would pass it.
  static constexpr std::size_t kProcessBudget = std::size_t{32} << 20;
  static std::size_t process_bytes();
  std::size_t gave_up_count() const { return gave_up_; }

  std::size_t reset_count() const { return resets_; }
  // The cache keeps being dropped (resets closer than kMinSentencesPerReset sentences
  // apart, a few times): the caller does better with the prefilter alone, as RE2 falls
  // back from its DFA to the NFA.
  bool thrashing() const { return thrash_ >= 3; }
  static constexpr std::size_t kMinSentencesPerReset = 2000;

 private:
  struct State {
    std::vector<std::uint32_t> pcs;      // threads in progress (consuming or accept), sorted
    std::vector<std::uint32_t> accepts;  // patterns that have matched on entering this state
    bool at_start = true;                // no content token consumed yet: `^` still holds
    std::uint64_t hash = 0;              // of at_start and pcs, for ids_
  };
  // Open addressing, linear probing: (state << 32 | symbol) -> next state.
  struct Transitions {
    std::vector<std::uint64_t> keys;
    std::vector<std::uint32_t> values;
    std::size_t used = 0;
    static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
    std::uint32_t find(std::uint64_t key) const;
    void insert(std::uint64_t key, std::uint32_t value);
    void clear();
  };
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  std::uint32_t symbol(const text::Token& t, std::uint32_t word);
  std::uint32_t start_state();
  std::uint32_t step(std::uint32_t from, const text::Token& t, std::uint32_t word);
  void add_closure(std::uint32_t pc, bool at_start);
  std::uint32_t intern(bool at_start);
  std::uint32_t find_state(std::uint64_t hash, bool at_start) const;
  void index_state(std::uint32_t id);
  void reset();
  std::size_t footprint() const { return bytes_ + next_.keys.size() * 12 + ids_.size() * 4; }
  void next_generation();

  const Program& prog_;
  std::size_t budget_;
  std::size_t bytes_ = 0;    // states
  std::size_t charged_ = 0;  // what this cache adds to the process total
  std::size_t resets_ = 0;
  std::size_t sentences_ = 0, sentences_at_reset_ = 0, thrash_ = 0;
  std::size_t allowance_, tokens_ = 0, built_ = 0, gave_up_ = 0;  // the build rate
  std::vector<State> states_;
  // States by content: open addressing over state indexes (the states hold the keys).
  std::vector<std::uint32_t> ids_;
  std::size_t ids_used_ = 0;
  Transitions next_;
  std::uint32_t start_ = kNone;
  // Consuming pcs of every pattern's entry closure (without / with `^` holding), split
  // for step(): word tests listed under the words that pass them (flat; `at` holds the
  // offsets by word id), and the class and prefix tests, run on every token.
  struct Restart {
    std::vector<std::uint32_t> at, by_word, other;
  };
  Restart restart_[2];
  std::vector<std::uint32_t> after_;  // pc -> where a thread goes after consuming (gap loops)  // consuming pcs of every pattern's entry closure
  std::unordered_map<std::string, std::uint32_t> unknown_classes_;  // by matching prefixes
  // Scratch for building a state.
  std::vector<std::uint32_t> mark_;  // pc -> generation
  std::uint32_t generation_ = 0;
  std::vector<std::uint32_t> stack_, scratch_;
  std::vector<std::uint32_t> pattern_mark_;
  std::uint32_t pattern_stamp_ = 0;
};

}  // namespace coach::rules
