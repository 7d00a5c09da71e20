// Script: the coaching text of one language (dialogs/<lang>/coach.json), validated and
// parsed into templates. Loading reports every problem at once as
// "file:/json/pointer: error[Dnnn]: message"; a script with errors is not used.
// Tested in tests/golden/scripts (one file per error code) and tests/unit/dialog_test.cpp.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "coach/diagnostics.hpp"
#include "dialog/rephrase.hpp"
#include "dialog/safety.hpp"
#include "dialog/template.hpp"

namespace coach::dialog {

struct CategoryScript {
  std::string label, why, antidote, how, flow;
  std::vector<Template> suggest;
};

struct FlowStep {
  std::optional<Template> ask;  // a question step: ask, store the answer in `slot`, go to `next`
  std::string slot, next;
  std::optional<Template> say;  // a final step: compose from the slots gathered
};

struct Flow {
  std::string title, start;
  std::map<std::string, FlowStep> steps;
};

struct AimText {
  std::string label;  // "Naming your feeling"
  Template tip;       // what to try when the aim was missed
};

struct PracticeTexts {
  std::map<std::string, Template> texts;      // opening, partner, hint, debrief, ... (see required_practice())
  std::map<std::string, Template> endings;    // good, bad, drifted, out_of_turns, stopped, safety
  std::map<std::string, std::string> groups;  // repair group -> label
  std::map<std::string, AimText> aims;        // practice_aims() and "repair"
};

struct Script {
  std::string language;
  std::map<std::string, std::string> slots;  // declared slot names
  Filters filters;
  std::map<std::string, CategoryScript> categories;        // the four patterns
  RephraseScript rephrase;                                 // strategies built from the message (rephrase.hpp)
  std::map<std::string, std::vector<Template>> received;   // the four patterns and "none"
  std::map<std::string, Template> repair;                  // repair group -> acknowledgement
  std::map<std::string, Flow> flows;
  std::map<std::string, Template> messages;
  SafetyScript safety;
  PracticeTexts practice;

  const Template& message(const std::string& key) const { return messages.at(key); }
};

// Messages the manager and the REPL use; each must be present.
const std::vector<std::string>& required_messages();
// Texts and endings the practice mode uses.
const std::vector<std::string>& required_practice();
const std::vector<std::string>& practice_endings();

struct ScriptLoad {
  std::shared_ptr<const Script> script;
  std::vector<Diagnostic> diagnostics;
};

ScriptLoad load_script(const std::string& name, const std::string& text);

}  // namespace coach::dialog
