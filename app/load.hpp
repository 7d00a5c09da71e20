// Loading the rule set a subcommand asked for (--rules or built-in), reporting problems.
#pragma once
#include <optional>
#include <string>

#include "coach/engine.hpp"

namespace coach::app {

// Prints diagnostics to stderr; returns no engine when the rules have errors.
std::optional<Engine> load_engine(const std::string& rules_dir, const std::string& language);

}  // namespace coach::app
