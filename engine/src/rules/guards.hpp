// Guards: the `unless` and `requires` patterns of a rule, which drop its matches.
// Guards run lazily: only in messages where a `match` they guard has matched, and in
// a sentence only when they can reach a match there (`message:` ones in every sentence,
// until found). Tested in tests/unit/rules_match_test.cpp (guard tests, "guards run
// only ..." and the optimized-vs-unoptimized comparisons).
#pragma once
#include <cstdint>
#include <vector>

#include "rules/matcher.hpp"
#include "rules/rule_set.hpp"

namespace coach::rules {

struct Hit {
  std::uint32_t rule;
  RawMatch m;
  bool reported = false;  // a safety `.author` finding inside someone else's reported words
  bool authored = false;  // a plain safety finding in a sentence a `context.author` rule marks
};

// Runs the Program::lazy guards that the `match` matches in `raws` (one list per
// sentence of `u`) need, appending their matches to the sentence's list, and the
// `message:` ones found anywhere to `in_message`. Returns how many pattern runs it made.
std::size_t run_lazy_guards(const Program& prog, Matcher& matcher, const text::Utterance& u,
                            const std::vector<std::uint32_t>& word_ids, std::vector<std::vector<RawMatch>>& raws,
                            std::vector<std::uint32_t>& in_message);

// The `match` matches of one sentence that their rule's guards let through, as hits.
void apply_guards(const RuleSet& rs, const std::vector<RawMatch>& raw, const std::vector<std::uint32_t>& in_message,
                  std::vector<Hit>& hits);

}  // namespace coach::rules
