// The interactive terminal loop shared by chat and practice: libedit line editing and
// history, colour unless NO_COLOR, Ctrl-C cancels the line, Ctrl-D ends.
// Tested in tests/repl and tests/practice (tmux).
#pragma once
#include <functional>
#include <string>

namespace coach::app {

struct LineResult {
  std::string text;
  bool quit = false;
  bool alert = false;  // safety text: shown in the alert colour
};

struct TerminalOptions {
  std::string history_file;  // empty: $XDG_STATE_HOME/coach/history
  std::string prompt = "you> ";
};

// Runs until the handler asks to quit or the user presses Ctrl-D; `on_eof` may print a
// last word (a debrief) when input ends.
int run_terminal(const TerminalOptions& opts, const std::string& intro,
                 const std::function<LineResult(const std::string&)>& handle,
                 const std::function<std::string()>& on_eof = {});

// Piped stdin: one reply per input line, plain text, no prompt.
int run_piped(const std::function<LineResult(const std::string&)>& handle,
              const std::function<std::string()>& on_eof = {});

bool interactive();  // stdin and stdout are terminals

}  // namespace coach::app
