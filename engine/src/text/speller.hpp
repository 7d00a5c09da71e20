// Speller: whether a word is spelled right, by the Hunspell dictionaries of the rule
// set's language (en -> en_US and en_GB, de -> de_DE; a word either knows is right). spelling.cpp asks it before it repairs a word,
// so a real word is never "corrected". Thread-safe; the dictionary loads on first use.
// Tested in tests/unit/spelling_test.cpp.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

class Hunspell;

namespace coach::text {

class Speller {
 public:
  struct Dictionary {
    std::string aff, dic;  // file paths
  };
  // The dictionaries for `language`, searched in $COACH_DICTIONARY_PATH (':'-separated
  // folders; set but empty turns spelling repair off) and then /usr/share/hunspell.
  // nullptr when none is installed.
  static std::shared_ptr<const Speller> for_language(std::string_view language);

  explicit Speller(std::vector<Dictionary> dictionaries);
  ~Speller();
  Speller(const Speller&) = delete;
  Speller& operator=(const Speller&) = delete;

  // True when the dictionary knows the folded word, as written or capitalized
  // ("london" -> "London": a name is not a typo).
  bool known(const std::string& word) const;
  // The forms the dictionaries' suffix rules derive from the word (Hunspell's
  // suffix_suggest): inflections for languages whose affix files encode them (German).
  std::vector<std::string> suffix_forms(const std::string& word) const;
  const std::vector<Dictionary>& dictionaries() const { return dictionaries_; }

 private:
  void load() const;
  std::vector<Dictionary> dictionaries_;
  mutable std::once_flag loaded_;
  mutable std::vector<std::unique_ptr<Hunspell>> hunspell_;
  mutable std::mutex mutex_;  // Hunspell's lookups are not thread-safe
};

}  // namespace coach::text
