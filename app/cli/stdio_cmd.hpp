// `coach stdio`: JSON Lines in, JSON Lines out, for bots in any language.
#pragma once
#include <map>
#include <string>

#include "coach/coach.hpp"

namespace CLI {
class App;
}

namespace coach::app {

struct StdioOptions {
  std::string language = "en", rules_dir, dialogs_dir;
};

// One request line to one response line (JSON, no newline): the whole protocol, shared
// by `coach stdio` and its fuzz target.
std::string stdio_line(const Coach& coach, std::map<std::string, Session>& sessions, const std::string& line);

void add_stdio(CLI::App& app, StdioOptions& opts);
int run_stdio(const StdioOptions& opts);

}  // namespace coach::app
