// The one loader for every subcommand, the server's startup and its reload: rules (--rules or
// built-in), the coaching script and scenarios, and the check that --rules holds the language
// asked for. Tested in tests/cli (test_analyze.py: language, missing and broken paths) and
// tests/hostile (reload).
#pragma once
#include <optional>
#include <string>

#include "coach/coach.hpp"

namespace coach::app {

// Coach::load plus the language check (R135), as diagnostics: a reload reports what a start would.
CoachLoad load_checked(const std::string& rules_dir, const std::string& dialogs_dir, const std::string& language);

// load_checked, with the diagnostics printed to stderr; nothing when the rules or the script have errors.
std::optional<Coach> load_coach(const std::string& rules_dir, const std::string& dialogs_dir,
                                const std::string& language);

}  // namespace coach::app
