// Slots found in the message itself, for rephrasings that carry the writer's own situation:
//   topic  a noun phrase it is about: a determiner and up to three words ("the dishes", "your
//          mom's birthday"), or a bare topic word ("money"), preferring one outside the hurtful
//          words ("you're such a slob, the kitchen is a mess" -> "the kitchen");
//   part   what the writer owns before a "but" ("yes I forgot, but you ..." -> "I forgot"), never
//          a denial or a hedge;
// and the findings' captures cleaned: cut at the end of their clause ("take the trash out unless
// I nag you" -> "take the trash out"), swearing used for emphasis dropped ("the damn trash"), a
// capture still holding a sweeping or judging word ("always", "lazy", "ruin everything") not
// usable, trailing "anymore"/"again" dropped.
// All word lists are data (dialogs/<lang>/coach.json "rephrase.words").
// Tested in tests/unit/rephrase_test.cpp.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coach/analysis.hpp"
#include "dialog/rephrase.hpp"

namespace coach::dialog {

struct Word {
  std::string lower;             // ASCII lower case, curly apostrophes made straight
  std::size_t start = 0, end = 0;  // byte offsets into the text
  bool punct = false;            // sentence or clause punctuation
};

// Words and punctuation of a message, in order.
std::vector<Word> words_of(std::string_view text);

// A judging word, or an inflection of one ("dumbest", "laziest", "idiots", "sulking").
bool judging(const std::string& lower, const RephraseWords& w);

// `avoid`: spans whose noun phrases are not a topic (an insult's own "your fake tears").
std::optional<std::string> find_topic(const Analysis& a, const RephraseWords& w, const std::vector<Span>& avoid = {});
// The clause around a span (up to , ; : . ! ? or a line break).
Span clause_of(std::string_view text, Span span);
std::optional<std::string> find_part(const Analysis& a, const RephraseWords& w);
std::optional<std::string> clean_capture(std::string_view text, const RephraseWords& w);

}  // namespace coach::dialog
