// `coach stdio`: JSON Lines in, JSON Lines out, for bots in any language.
#pragma once
#include <string>

namespace CLI {
class App;
}

namespace coach::app {

struct StdioOptions {
  std::string language = "en", rules_dir, dialogs_dir;
};

void add_stdio(CLI::App& app, StdioOptions& opts);
int run_stdio(const StdioOptions& opts);

}  // namespace coach::app
