// Loading the rule set a subcommand asked for (--rules or built-in), reporting problems.
#pragma once
#include <optional>
#include <string>

#include "coach/coach.hpp"

namespace coach::app {

// Prints diagnostics to stderr; returns nothing when the rules or the script have errors.
std::optional<Coach> load_coach(const std::string& rules_dir, const std::string& dialogs_dir,
                                const std::string& language);

}  // namespace coach::app
