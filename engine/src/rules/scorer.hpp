// Scorer: the safety net behind the safety rules. A message the rules leave silent is
// scored by a logistic model over its words and neighbouring word pairs (the normalizer's
// forms, so "youre" and "you're" are one feature); above the file's threshold it raises
// the kind that scores highest, quoting the sentence and the words that weighed most.
// Weights are data (rules/<lang>/safety.scorer), trained by scripts/train-safety-scorer
// from the project's labelled safety corpus and everyday messages, deterministic and
// explainable. Why it exists: rules written per batch reached a plateau on first sight of
// new messages (recall about .7 per kind), and a model over the same corpus catches many of
// the rest at the same look-alike rate (README, "The safety scorer").
// Tested in tests/unit/scorer_test.cpp and tests/corpus/safety (the corpus_safety gate).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "coach/diagnostics.hpp"
#include "text/token.hpp"

namespace coach::rules {

// Column 0 is "any safety signal"; 1-5 the kinds; 6 "the message's author does it" (a
// drafted threat or controlling message rather than one reported).
inline constexpr std::size_t kScorerColumns = 7;
inline constexpr std::size_t kScorerAuthor = 6;
inline constexpr std::array<std::string_view, kScorerColumns> kScorerKinds = {
    "any", "violence", "threat", "self_harm", "fear", "control", "author"};
using ScorerWeights = std::array<float, kScorerColumns>;

struct Scorer {
  std::string file;
  double threshold = 1.0;  // P(any) must exceed it; 1.0 never raises
  // Above it a look-alike context no longer cancels the finding: a simile ("every day is like
  // an exam") must not silence a message the scorer is all but certain of. 1.0: always cancels.
  double sure = 1.0;
  ScorerWeights bias{};
  // By feature_hash() of the feature's text: scoring hashes words in place, allocating nothing.
  std::unordered_map<std::uint64_t, ScorerWeights> weights;
  std::array<std::string, kScorerColumns> why;  // per kind (1-5); {words} is the quoted words
  // The commonest words ("he", "not", "the"): they weigh in the score but explain nothing, so
  // the quoted words skip a feature made only of them (unless nothing else weighed).
  std::unordered_set<std::string> plain;
};

// Parses a .scorer file (format: README, "The safety scorer"; `plain` lines are optional). Every problem is a
// diagnostic with file, line and column: R301 bad line, R302 bad number, R303 duplicate
// feature, R304 missing threshold, bias or why.
std::optional<Scorer> parse_scorer(std::string file, std::string_view text, std::vector<Diagnostic>& diagnostics);

// The features of a message: each word and each pair of neighbouring words in a sentence
// ("hit me"), once each, in first-seen order. Words are tokens of kind word or number.
std::vector<std::string> scorer_features(const text::Utterance& u);

struct ScorerVerdict {
  std::size_t kind = 0;            // 1-5: the kind that scored highest
  double probability = 0.0;        // P(any)
  bool author = false;             // P(author) > 0.5: the writer is the one threatening or controlling
  std::size_t sentence = 0;        // the sentence whose words weighed most for the kind
  std::vector<std::string> words;  // up to three features that weighed most, for the quote
};

// FNV-1a of a feature's text ("hit" or "hit me").
std::uint64_t feature_hash(std::string_view feature);

// A verdict when P(any) exceeds the threshold, else nothing.
std::optional<ScorerVerdict> score(const Scorer& scorer, const text::Utterance& u);
// P(any safety signal) for the message, whatever the threshold (0 with no weights): for traces.
double scorer_probability(const Scorer& scorer, const text::Utterance& u);

}  // namespace coach::rules
