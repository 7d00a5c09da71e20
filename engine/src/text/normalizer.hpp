// Normalizer: raw UTF-8 -> Utterance. Repairs UTF-8, segments words and sentences with
// ICU BreakIterator, folds each token, applies substitutions, sets token flags.
// Immutable after construction and safe to share across threads.
// Tested in tests/unit/text_test.cpp.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "text/substitutions.hpp"
#include "text/token.hpp"

namespace coach::text {

class Normalizer {
 public:
  explicit Normalizer(Substitutions subs = {}) : subs_(std::move(subs)) {}

  Utterance analyze(std::string_view raw) const;
  // The normalized word forms of a pattern phrase, as a message would produce them.
  std::vector<std::string> words(std::string_view phrase) const;

  const Substitutions& substitutions() const { return subs_; }

 private:
  Substitutions subs_;
};

}  // namespace coach::text
