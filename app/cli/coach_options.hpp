// The options of every subcommand that loads the coach: the language of the built-in rules and
// scripts, or directories to load them from instead (what app/load.cpp takes).
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace coach::app {

inline void add_coach_options(CLI::App* cmd, std::string& language, std::string& rules_dir, std::string& dialogs_dir) {
  cmd->add_option("--language,-l", language, "Language of the built-in rules and scripts")->capture_default_str();
  cmd->add_option("--rules", rules_dir, "Load rules from this directory instead of the built-in ones");
  cmd->add_option("--dialogs", dialogs_dir, "Load the coaching script (and practice scenarios) from this directory or file");
}

}  // namespace coach::app
