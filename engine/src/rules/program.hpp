// Program: the whole rule set compiled into one instruction vector over tokens, run by
// the matcher (matcher.cpp) as a Pike VM: every pattern of every rule in one pass,
// linear in the number of tokens. Dumped canonically by dump.cpp.
#pragma once
#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/word_index.hpp"

namespace coach::rules {

// Word sets are bitsets over word ids.
using WordSet = std::vector<std::uint64_t>;
inline bool contains(const WordSet& set, std::uint32_t word) {
  return word / 64 < set.size() && ((set[word / 64] >> (word % 64)) & 1u);
}
inline void insert(WordSet& set, std::uint32_t word) {
  if (set.size() <= word / 64) set.resize(word / 64 + 1, 0);
  set[word / 64] |= std::uint64_t{1} << (word % 64);
}
// In increasing order; visits set bits only (compiling walks large sets many times).
template <class F>
void for_each_word(const WordSet& set, F&& f) {
  for (std::uint32_t i = 0; i < set.size(); ++i)
    for (std::uint64_t bits = set[i]; bits; bits &= bits - 1)
      f(i * 64 + static_cast<std::uint32_t>(std::countr_zero(bits)));
}

enum class Op : std::uint8_t {
  word,      // token norm == words[x]
  word_set,  // token norm in word_sets[x]
  prefix,    // token norm starts with prefixes[x]
  klass,     // token satisfies class x (TokenClass)
  split,     // fork: x (preferred), y
  jump,      // goto x
  save,      // caps[x] = position
  bol,       // at sentence start (only punctuation or emoji before)
  eol,       // at sentence end (only punctuation or emoji after)
  accept,    // pattern x matched
};

enum class TokenClass : std::uint8_t { any, word, number, emoji, punct, caps, excl, quest, elongated, content, quoted,
                                          title };
// Their names in the rule language (`<word>`, `<num>`) and in dumps, in enum order.
inline constexpr std::array<std::string_view, 12> kTokenClassNames = {
    "any", "word", "num", "emoji", "punct", "caps", "excl", "quest", "elongated", "content", "quoted", "title"};
static_assert(kTokenClassNames.size() == static_cast<std::size_t>(TokenClass::title) + 1);

struct Inst {
  Op op;
  std::uint32_t x = 0;
  std::uint32_t y = 0;
};

inline constexpr std::uint32_t kMaxCaptures = 3;
inline constexpr std::uint32_t kSlots = 2 + 2 * kMaxCaptures;  // start, end, then pairs

// `unless`, `except` and `requires` patterns only gate their rule's matches (guards.cpp,
// apply_guards): an `unless` every match of the rule, an `except` or a `requires` only the
// `match` right above it (its owner).
enum class Role : std::uint8_t { match, unless, require, except };
// PatternInfo::reach of `sentence:` and `message:` (ast::kSentence, ast::kMessage).
inline constexpr std::uint32_t kReachSentence = 0xFFFFFFFFu, kReachMessage = 0xFFFFFFFEu;

struct PatternInfo {
  std::uint32_t entry = 0;  // first instruction
  std::uint32_t rule = 0;
  Role role = Role::match;
  std::uint32_t reach = 0;  // unless/except/requires: also reaches matches this many tokens away, or kReach*
  std::uint32_t owner = 0;  // requires, except: the `match` pattern it qualifies (the one right above it)
};

struct Program {
  std::vector<Inst> code;
  std::vector<std::uint32_t> pattern_of;  // instruction -> pattern, for per-pattern bookkeeping
  std::vector<PatternInfo> patterns;
  std::vector<std::vector<std::uint32_t>> requirements;  // match pattern -> its `requires` patterns
  std::vector<std::vector<std::uint32_t>> exceptions;    // match pattern -> its `except` patterns
  std::vector<std::string> words;         // word id -> norm
  std::unordered_map<std::string, std::uint32_t> word_ids;
  std::vector<WordSet> word_sets;
  std::vector<std::string> prefixes;
  // Patterns with identical code (copied rules, shared lexicons) run once: the first is
  // the representative, its matches stand for its copies (RuleSet::analyze adds them).
  std::vector<std::uint32_t> representative;       // pattern -> first pattern with the same code
  std::vector<std::vector<std::uint32_t>> copies;  // representative -> the other patterns
  bool runs(std::uint32_t p) const { return representative[p] == p; }
  // Guards run lazily (rule_set.cpp): a representative whose patterns are all `unless`
  // or `requires` is 1 here and runs only in messages where a `match` it guards matched.
  std::vector<std::uint8_t> lazy;                       // representative -> 0/1
  std::vector<std::vector<std::uint32_t>> lazy_guards;  // match pattern -> its guards with a lazy representative
  // Prefilter: a pattern only runs on a sentence holding one of its required words.
  std::vector<std::vector<std::uint32_t>> by_word;  // word id -> patterns
  std::vector<std::uint32_t> always;                // patterns with no required word
  std::vector<std::vector<std::uint32_t>> required;  // pattern -> its words in by_word (sorted; empty: always)
  // A second necessary word set (sorted; empty when there is none): a pattern found
  // through by_word runs only if the sentence also holds one of these.
  std::vector<std::vector<std::uint32_t>> also_required;
  // The full test (the matcher's): every necessary word set of the pattern other than
  // its by_word one, cheapest first (also_required among them), as ids into
  // required_sets (distinct sorted sets: patterns share lexicons, and a sentence's
  // answer for a set is asked once).
  std::vector<std::vector<std::uint32_t>> checks;
  std::vector<std::vector<std::uint32_t>> required_sets;
  // Start filter: a pattern only starts at a token that can be its first token.
  std::vector<std::vector<std::uint32_t>> by_first;  // word id -> patterns that may start with it
  std::vector<std::uint32_t> start_anywhere;          // first token is a class, prefix or gap
  std::vector<std::vector<std::uint32_t>> first_words;  // pattern -> sorted; empty: starts anywhere
  // Precomputed epsilon closures: for an instruction whose closure passes no save or
  // anchor, the consuming instructions it reaches, in priority order (empty otherwise,
  // and the matcher walks the closure itself).
  // Stored flat: instruction pc's list is closure[closure_at[pc] .. closure_at[pc + 1]).
  std::vector<std::uint32_t> closure_at;
  std::vector<std::uint32_t> closure;
  // Token classes for the lazy DFA (dfa.cpp): word id -> class, 0 for words no test
  // tells apart; attr_mask keeps the token attributes some `<class>` test reads.
  std::vector<std::uint32_t> word_class;
  std::uint32_t word_class_count = 1;
  std::uint32_t attr_mask = 3;

  text::WordIndex index;  // words, for lookups while matching (built last by compile)

  // While matching: the id of a token's norm, or kNoWord.
  std::uint32_t lookup(std::string_view w) const { return index.find(w); }
  std::uint32_t word_id(const std::string& w) const {
    auto it = word_ids.find(w);
    return it == word_ids.end() ? kNoWord : it->second;
  }
  static constexpr std::uint32_t kNoWord = 0xFFFFFFFFu;
};

}  // namespace coach::rules
