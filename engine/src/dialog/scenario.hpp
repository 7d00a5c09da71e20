// Practice scenarios: the partner's lines per beat (the moment of the conversation the run is
// in, chosen by the run from what the user said and how heated it is), each line with the
// conditions on the user's words that make it fit, the aims to meet, topic words and the facts
// the partner holds to for a whole run. Loading reports "file:/json/pointer: error[Pnnn]" for
// every problem. Tested in tests/golden/practice and tests/unit/practice_test.cpp.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "coach/diagnostics.hpp"
#include "dialog/template.hpp"

namespace coach::dialog {

struct PartnerLine {
  // May use the user's words ({feeling}, {request} asked of the partner, {plan} proposed for
  // both, {topic}, {quote}) and the scenario's facts.
  Template text;
  std::vector<std::string> when;  // conditions on this turn, all must hold (practice_conditions())
};

struct Scenario {
  std::string id, title, setting, goal;
  unsigned max_turns = 8;
  int start_temperature = 3, boil = 7;  // 0..10; past `boil` the partner is one reply from leaving
  std::vector<std::string> aims;        // what a skilled run does (practice_aims())
  std::vector<std::string> topic;       // words of the subject, lower case ("text", "dinner")
  std::map<std::string, std::vector<std::string>> facts;  // slot -> variants; one per run
  std::vector<std::string> hints;
  std::map<std::string, std::vector<PartnerLine>> beats;  // every one of practice_beats()
};

// The beats a scenario writes lines for; `good`, `bad` and `drifted` end the run.
const std::vector<std::string>& practice_beats();
// What a line's `when` may ask of the turn.
const std::vector<std::string>& practice_conditions();
// What a scenario may aim at. "repair" (a repair after an escalation) is checked in every run.
const std::vector<std::string>& practice_aims();
// Slots a turn fills from the user's words.
const std::vector<std::string>& practice_turn_slots();

std::shared_ptr<const Scenario> load_scenario(const std::string& file, const std::string& text,
                                              std::vector<Diagnostic>& diagnostics);

}  // namespace coach::dialog
