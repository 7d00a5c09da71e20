// Rephrase: a suggestion built from the message itself. Each pattern has strategies
// (dialogs/<lang>/coach.json "rephrase"), tried in order: a request made of "you never X"'s X,
// a feeling and need looked up from the trait or judgement the message used ("lazy" ->
// overwhelmed, more help), an I-statement about a habit, a denial answered without an
// admission, a break that names what the talk was about. Slots come from the findings'
// captures and from the message (slots.hpp: its topic, the part it owns). Every candidate is
// checked before it is offered (a pattern in it, a trait word or an "always" carried over, an
// apology the user did not make) and the category's generic forms are the last resort.
// Tested in tests/unit/rephrase_test.cpp and tests/suggestions (the suggestions file).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "coach/analysis.hpp"
#include "dialog/json_check.hpp"
#include "dialog/template.hpp"

namespace coach::dialog {

struct Script;

struct Strategy {
  std::string id;
  std::string antidote;            // empty: the category's
  std::vector<std::string> rules;  // rule ids or prefixes ending in '*'; empty: any rule
  std::vector<Template> suggest;
};

struct Need {
  Template feeling, need;
};

// Word lists the slot finders and the check use (all lower case).
struct RephraseWords {
  std::set<std::string> determiners, stop, generic, judgement, topics, drop_end, lead_ins, hedges, fillers, clause_breaks;
  std::vector<std::string> admissions;
};

struct RephraseScript {
  RephraseWords words;
  std::map<std::string, Need> needs;                        // trait or judgement word -> feeling, need
  std::map<std::string, std::vector<Strategy>> strategies;  // pattern -> strategies in order
};

// Reads and validates "rephrase" (D002-D004, D008 unknown category, D011 empty list).
RephraseScript load_rephrase(JsonCheck& check, const json& rephrase, const TemplateReader& tmpl);

// Analyzes a candidate suggestion (the engine, given by the Coach); none: no self-check.
using SelfCheck = std::function<Analysis(const std::string& text)>;

struct Rephrasing {
  std::string text, strategy, antidote;
};

// Up to `limit` rephrasings of the message's `category` finding, best first; `rotation` varies
// the order within the first strategy (a session's later turns). Empty when nothing passes.
std::vector<Rephrasing> rephrase(const Script& script, const Analysis& a, const std::string& category,
                                 const std::map<std::string, std::string>& base_slots, const SelfCheck& check,
                                 unsigned rotation, std::size_t limit = 3);

// Why a candidate is refused, or nullopt when it may be offered (exposed for tests).
std::optional<std::string> refuse(const Script& script, const Analysis& message, const std::string& candidate,
                                  const SelfCheck& check, bool owns_part);
// The same with the message's judging words worked out once (judged_words), for many candidates.
std::set<std::string> judged_words(const Script& script, const Analysis& message);
std::optional<std::string> refuse(const Script& script, const Analysis& message, const std::string& candidate,
                                  const SelfCheck& check, bool owns_part, const std::set<std::string>& judged);

}  // namespace coach::dialog
