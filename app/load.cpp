// See load.hpp.
#include "load.hpp"

#include <iostream>

#include "coach/rule_codes.hpp"

namespace coach::app {

CoachLoad load_checked(const std::string& rules_dir, const std::string& dialogs_dir, const std::string& language) {
  CoachLoad r = Coach::load(rules_dir, dialogs_dir, language);
  if (r.coach && !rules_dir.empty() && !language.empty() && r.coach->engine().language() != language) {
    r.diagnostics.push_back(
        {rules_dir, 0, 0, code_id(RuleCode::language_not_requested),
         "the rules are for language '" + r.coach->engine().language() + "', not '" + language + "' (--language)",
         false, ""});
    r.coach.reset();
  }
  return r;
}

std::optional<Coach> load_coach(const std::string& rules_dir, const std::string& dialogs_dir,
                                const std::string& language) {
  CoachLoad r = load_checked(rules_dir, dialogs_dir, language);
  std::cerr << format(r.diagnostics);
  return std::move(r.coach);
}

}  // namespace coach::app
