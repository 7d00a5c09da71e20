// Unmasker: "f***ing" -> "fucking", "b!tch" -> "bitch", "sh1t" -> "shit". People censor
// the words they are angriest with; the word breaker would cut "f*ck" into "f", "*", "ck"
// and no rule would see it. A masked word (ASCII letters mixed with mask characters:
// * # % _ stand for any one letter, and the look-alikes 0 1 3 4 5 7 @ $ ! for the letters
// they resemble) is read as the one word of a closed list it can spell: the rule set's
// `exact` lexicons (the profanity list), in the order of the `unmask_first` lexicon and then
// of declaration, so "s**t" is "shit" before it is "slut", and last the `unmask` lexicon
// (safety words masked to pass a filter: "s*icidal", "k!ll"). Nothing else is ever unmasked.
// Tested in tests/unit/unmask_test.cpp.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace coach::text {

class Unmasker {
 public:
  Unmasker() = default;
  // Candidate words, most wanted first; words with characters other than a-z are ignored.
  explicit Unmasker(const std::vector<std::string>& words);

  bool empty() const { return words_.empty(); }
  // Bytes of `text` from `at` that form a masked word standing alone (the longest run of
  // letters, digits and mask characters, at least one letter and one mask character), or 0.
  // `at` must start a word: the text's start, or after a space or an opening bracket or quote.
  std::size_t run_at(std::string_view text, std::size_t at) const;
  // The word `run` spells, or "" when it spells none or is not masked. Trailing '!' and '.'
  // are tried as punctuation too; `used` receives how many bytes of `run` the word covers.
  std::string resolve(std::string_view run, std::size_t& used) const;

 private:
  std::string match(std::string_view typed, bool stretch) const;

  std::vector<std::string> words_;
};

// Whether `c` may stand for a letter in a masked word.
bool is_mask_char(char c);

}  // namespace coach::text
