// RuleSet: one immutable compiled rule set (normalizer, program, rule table), shared by
// every conversation and thread. analyze() turns a message into an Analysis.
// Tested in tests/unit/rules_match_test.cpp and tests/corpus.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "coach/analysis.hpp"
#include "rules/dfa.hpp"
#include "rules/program.hpp"
#include "rules/scorer.hpp"
#include "text/normalizer.hpp"

namespace coach::rules {

struct Example {
  std::string text;
  bool counter = false;  // must not match
  std::string file;
  unsigned line = 0, column = 0;
};

struct RuleInfo {
  std::string id;
  std::string category;
  Bucket bucket = Bucket::unknown;  // bucket_of(category), sorted once when the rules compile
  int severity = 1;
  std::string why;
  std::vector<std::string> capture_names;
  std::vector<Example> examples;
  std::string file;
  unsigned line = 0, column = 0;
};

struct RuleSet {
  std::string language;
  text::Normalizer normalizer;
  Program program;
  std::vector<RuleInfo> rules;
  std::vector<std::pair<unsigned, unsigned>> pattern_pos;  // pattern -> line, column of its clause
  std::uint32_t clause_break_set = kNone;  // word_set of @clause_break: ends context scopes
  std::string fingerprint;                 // hash of the sources
  std::vector<std::string> inflected_words;  // every `~word`, sorted (Engine::inflection_table)
  Scorer scorer;                           // the safety net for messages the rules leave silent (scorer.hpp)
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::uint64_t serial = next_serial();  // identifies this set for per-thread matcher caches
  bool use_dfa = true;  // false: the prefilter alone picks the patterns (tests compare both)
  // false: guards run with every pattern on every sentence instead of only where a
  // match of their rule needs them (tests compare both).
  bool lazy_guards = true;
  std::size_t dfa_budget = std::size_t{4} << 20;      // bytes of DFA cache per thread
  std::size_t dfa_allowance = Dfa::kDefaultAllowance;  // states built before its rate limit

  static std::uint64_t next_serial();
  // Guard patterns run lazily on this thread so far, over all rule sets (for tests).
  static std::size_t lazy_guard_runs();

  // Optional outputs. `fired`: the id of every rule that held after guards and context,
  // context rules included (for example checks). `seen`: the `match` patterns that
  // made a finding and the `unless` patterns that matched, for the coverage check
  // (check_examples.cpp).
  // `trace`: every `match` that matched, guarded or not, and what became of it (Engine::trace).
  Analysis analyze(std::string_view message, std::vector<std::string>* fired = nullptr,
                   std::vector<std::uint32_t>* seen = nullptr, Trace* trace = nullptr) const;
};

// Context categories suppress the four patterns in their scope and are never reported
// (the categories themselves: coach/categories.hpp).
inline bool is_horseman(const RuleInfo& r) { return r.bucket == Bucket::horseman; }
inline bool is_safety(const RuleInfo& r) { return r.bucket == Bucket::safety; }
inline bool is_context(const RuleInfo& r) { return r.bucket == Bucket::context; }

}  // namespace coach::rules
