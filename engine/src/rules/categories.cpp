// The categories a rule may declare. Tested in tests/golden (R102).
#include <algorithm>
#include <atomic>

#include "rules/rule_set.hpp"

namespace coach::rules {

std::uint64_t RuleSet::next_serial() {
  static std::atomic<std::uint64_t> n{0};
  return ++n;
}

const std::vector<std::string>& known_categories() {
  static const std::vector<std::string> cats = {
      "criticism", "contempt", "defensiveness", "stonewalling",
      "repair.i_feel", "repair.sorry", "repair.get_to_yes", "repair.calm_down", "repair.stop_action",
      "repair.appreciate",
      "safety.violence", "safety.threat", "safety.fear", "safety.self_harm", "safety.control",
      // `.author`: the message's author does it to the reader ("I'll make you pay"), as
      // opposed to a message about it (reported, feared, or about oneself).
      "safety.violence.author", "safety.threat.author", "safety.control.author",
      // `.other`: someone else (the partner) is at risk of hurting themselves.
      "safety.self_harm.other",
      "context.negation", "context.reported",
      // A look-alike of a safety signal in the sentence (rule_set.cpp, apply_context).
      "context.harmless", "context.harmless.violence", "context.harmless.threat", "context.harmless.self_harm",
      "context.harmless.fear", "context.harmless.control",
      // The writer is the one acting: the sentence's safety findings become `.author` ones.
      "context.author", "bid"};
  return cats;
}

bool is_horseman(std::string_view c) {
  return c == "criticism" || c == "contempt" || c == "defensiveness" || c == "stonewalling";
}
bool is_repair(std::string_view c) { return c.substr(0, 7) == "repair."; }
bool is_safety(std::string_view c) { return c.substr(0, 7) == "safety."; }
bool is_context(std::string_view c) { return c.substr(0, 8) == "context."; }
bool is_bid(std::string_view c) { return c == "bid"; }

}  // namespace coach::rules
