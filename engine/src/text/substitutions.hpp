// Substitution table: folded word -> replacement words ("youre" -> "you are"), suffix
// rules ("*n't" -> "* not"), and elongation repair ("neverrrr" -> "never") against a
// vocabulary. The entries are data from rules/<lang>/*.rules (`substitute` lines).
// Tested in tests/unit/text_test.cpp ("substitutions").
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/word_index.hpp"

namespace coach::text {

class Substitutions {
 public:
  // `from` and `to` are folded; a leading '*' in both makes a suffix rule.
  // Returns false when `from` is already present (the first entry wins).
  bool add(const std::string& from, std::vector<std::string> to);
  void set_vocabulary(std::unordered_set<std::string> words) { vocabulary_ = std::move(words); }

  // Replacement words for a folded word, or nullptr when none applies.
  // `scratch` holds the result of a suffix rule.
  const std::vector<std::string>* lookup(const std::string& word,
                                         std::vector<std::string>& scratch) const;
  // "sooooo" -> "so" when the vocabulary knows it, else runs shortened to two.
  // Returns an empty string when the word has no run of three or more.
  std::string repair_elongation(std::string_view word) const;

  std::size_t size() const { return exact_.size() + suffixes_.size(); }

 private:
  struct Suffix {
    std::string suffix;
    std::vector<std::string> tail;  // to-words after the stem
    bool keep_stem_attached = false;
  };
  std::unordered_map<std::string, std::vector<std::string>> exact_;
  // The exact entries again, for lookups: key i -> exact_values_[i].
  WordIndex exact_index_;
  std::vector<std::vector<std::string>> exact_values_;  // by value: copies stay valid
  bool suffix_last_byte_[256] = {};  // last bytes of the suffixes: most words skip the loop
  std::vector<Suffix> suffixes_;
  std::unordered_set<std::string> vocabulary_;
};

}  // namespace coach::text
