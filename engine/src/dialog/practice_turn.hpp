// What one reply in a practice run did, read from its Analysis: the patterns, the repair
// groups, whether it named a feeling, made a request, took ownership, asked about the partner,
// used a word of the scenario's topic; and the user's words the partner's lines may quote
// ({feeling}, {request}, {topic}, {quote}). Tested in tests/unit/practice_test.cpp.
#pragma once
#include <map>
#include <set>
#include <string>

#include "coach/analysis.hpp"
#include "dialog/scenario.hpp"
#include "dialog/script.hpp"

namespace coach::dialog {

struct TurnReading {
  std::set<std::string> conditions;          // practice_conditions() that hold
  std::map<std::string, std::string> aims;   // aim -> the user's words that met it
  std::map<std::string, std::string> slots;  // practice_turn_slots() found
  std::vector<std::string> patterns;         // the four patterns, canonical order
  int heat = 0;                              // what the turn adds to the temperature (negative cools)

  bool has(const std::string& c) const { return conditions.count(c) > 0; }
  bool pattern() const { return !patterns.empty(); }
  bool repair() const { return has("repair"); }
};

TurnReading read_turn(const Analysis& a, const Scenario& s, const Script& script);

// A repair's words as the debrief quotes them: "I'm exhausted", not "I'm exhausted and".
std::string repair_words(const Analysis& a, const Finding& f);

}  // namespace coach::dialog
