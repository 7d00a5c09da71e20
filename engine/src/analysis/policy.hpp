// The product's policy over the rules' hits, sentence by sentence: which hits stand (the
// scopes of negation and reported speech, look-alike contexts, the writer as the one acting),
// where each goes (the four patterns, repair, safety, bids), overlaps, quotes and rationale, the
// safety scorer's fallback, and intensity. The rules stage (rules/rule_set.cpp) only finds hits;
// the categories themselves are coach/categories.hpp.
// Tested in tests/unit/rules_match_test.cpp (contexts, roles, overlaps) and tests/corpus.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "coach/analysis.hpp"
#include "rules/guards.hpp"
#include "rules/rule_set.hpp"

namespace coach::analysis {

// One message's policy: feed it the sentences in order, then finish.
class MessagePolicy {
 public:
  MessagePolicy(const rules::RuleSet& rs, const text::Utterance& u, const std::vector<std::uint32_t>& word_ids);

  // Sentence `i`'s hits after the guards. Afterwards `hits` holds the ones that stand (context
  // hits and what they cover removed, safety roles set), and those are kept for the Analysis.
  void add_sentence(std::size_t i, std::vector<rules::Hit>& hits);

  // The findings, signals, categories and intensity of the message into `a`.
  void finish(Analysis& a);

  struct Pending;  // a hit that may become a Finding (policy.cpp)

 private:
  const rules::RuleSet& rs_;
  const text::Utterance& u_;
  const std::vector<std::uint32_t>& word_ids_;
  std::array<std::vector<Pending>, 5>& pending_;  // per output list: horsemen, repair, safety, bids, requests
  std::vector<std::pair<std::size_t, std::string_view>>& harmless_;  // sentence, kind ("" for all)
  std::uint32_t reported_from_;
  bool authoring_ = false;
};

// What the guards and the contexts did to one sentence's `match` matches (`raw`; the hits the
// guards left, `before` add_sentence, and what stood, `after`), for a Trace.
void trace_sentence(const rules::RuleSet& rs, const text::Utterance& u, const std::vector<rules::RawMatch>& raw,
                    const std::vector<rules::Hit>& before, const std::vector<rules::Hit>& after, Trace& trace);

}  // namespace coach::analysis
