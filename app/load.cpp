// Rule loading for subcommands. Tested in tests/cli.
#include "load.hpp"

#include <iostream>

namespace coach::app {

std::optional<Engine> load_engine(const std::string& rules_dir, const std::string& language) {
  LoadResult r = rules_dir.empty() ? Engine::builtin(language) : Engine::load_directory(rules_dir);
  std::cerr << format(r.diagnostics);
  if (r.engine && !rules_dir.empty() && !language.empty() && r.engine->language() != language) {
    std::cerr << "coach: rules in " << rules_dir << " are for language '" << r.engine->language()
              << "', not '" << language << "'\n";
    return std::nullopt;
  }
  return std::move(r.engine);
}

}  // namespace coach::app
