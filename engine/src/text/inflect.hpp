// Inflector: the inflected forms of a word, for the rule language's `~word`
// (`~listen` -> listen, listens, listened, listening; `~go` -> go, goes, going, went, gone).
// English takes the irregular forms from WordNet's exception lists (verb.exc, noun.exc,
// adj.exc: "went go", "stopped stop", "wives wife") and keeps each regular form
// (-s/-es/-ies, -ed/-d/-ied, -ing) only when the Hunspell dictionary knows it, so "stoped"
// and "cryed" never appear. Other languages take the forms Hunspell's affix rules give
// (suffix_suggest), which is what serves German. Tested in tests/unit/inflect_test.cpp.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/speller.hpp"

namespace coach::text {

class Inflector {
 public:
  // WordNet's files are searched in $COACH_WORDNET_PATH (':'-separated folders), then
  // /usr/share/wordnet (Debian's wordnet-base).
  Inflector(std::string language, std::shared_ptr<const Speller> speller);

  // The word itself first, then its other forms, sorted; folded like the rules' words.
  std::vector<std::string> forms(const std::string& word) const;
  // False when a resource the language needs is missing (no dictionary, or no WordNet for
  // English): forms() then gives only what it can vouch for.
  bool complete() const { return complete_; }

 private:
  std::string language_;
  std::shared_ptr<const Speller> speller_;
  std::multimap<std::string, std::pair<std::string, bool>> irregular_;  // lemma -> (form, from verb.exc)
  bool complete_ = true;
};

}  // namespace coach::text
