// Rule loading for subcommands. Tested in tests/cli.
#include "load.hpp"

#include <iostream>

namespace coach::app {

std::optional<Coach> load_coach(const std::string& rules_dir, const std::string& dialogs_dir,
                                const std::string& language) {
  CoachLoad r = Coach::load(rules_dir, dialogs_dir, language);
  std::cerr << format(r.diagnostics);
  if (r.coach && !rules_dir.empty() && !language.empty() && r.coach->engine().language() != language) {
    std::cerr << "coach: rules in " << rules_dir << " are for language '" << r.coach->engine().language()
              << "', not '" << language << "'\n";
    return std::nullopt;
  }
  return std::move(r.coach);
}

}  // namespace coach::app
