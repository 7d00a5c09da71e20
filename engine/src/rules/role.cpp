// Roles: who is acting in a safety match (role.hpp).
// Tested in tests/unit/rules_match_test.cpp ("\"I\" as the subject ...").
#include "rules/role.hpp"

#include <string_view>
#include <unordered_set>

namespace coach::rules {

bool first_person_act(const text::Utterance& u, const text::Sentence& s, std::uint32_t start, std::uint32_t end) {
  static const std::unordered_set<std::string_view> other = {"me", "my", "myself", "mine", "he", "she", "they", "i"};
  static const std::unordered_set<std::string_view> opener = {"and", "so", "then", "but", "because", "cause",
                                                              "cos", "bc", "when", "while", "until", "til"};
  static const std::unordered_set<std::string_view> adverb = {
      "just", "always", "often", "sometimes", "then", "also", "even", "literally", "actually", "finally",
      "accidentally", "once", "still", "really", "kept", "keep", "started", "start"};
  static const std::unordered_set<std::string_view> not_act = {
      "allowed", "not", "never", "being", "been", "was", "were", "am", "got", "get", "have", "had", "must",
      "can", "could", "should", "need", "feel", "felt", "think", "thought", "hope", "want", "wanted", "love",
      "loved", "hate", "know", "knew", "to", "be", "would", "will", "did", "do", "woke", "said", "told"};
  for (std::uint32_t k = start + 1; k < end; ++k)
    if (other.contains(u.tokens[k].norm)) return false;
  std::uint32_t verb = start;  // the first word after "I"
  if (u.tokens[start].norm == "i") ++verb;
  if (verb >= s.last || not_act.contains(u.tokens[verb].norm)) return false;
  std::uint32_t subject = verb;  // walks back over the adverbs to "I"
  while (subject > s.first && verb - subject < 3 && adverb.contains(u.tokens[subject - 1].norm)) --subject;
  if (subject == s.first || u.tokens[--subject].norm != "i") return false;
  if (subject == s.first) return true;
  const auto& before = u.tokens[subject - 1];
  return before.kind == text::TokenKind::punct || opener.contains(before.norm);
}

}  // namespace coach::rules
