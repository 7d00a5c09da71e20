// `coach` / `coach chat`: the conversation. ChatLoop handles one input line (a message
// or a :command) and is shared by the terminal REPL (repl.cpp) and piped mode.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "coach/coach.hpp"

namespace CLI {
class App;
}

namespace coach::app {

struct ChatOptions {
  std::string language = "en";
  std::string rules_dir;
  std::string dialogs_dir;
  std::uint64_t seed = 0;
  bool seed_given = false;
  std::string history_file;  // default: $XDG_STATE_HOME/coach/history
};

class ChatLoop {
 public:
  ChatLoop(const Coach& coach, std::uint64_t seed) : coach_(coach), session_(seed) {}

  struct Output {
    std::string text;
    bool quit = false;
    bool safety = false;
  };
  Output handle(const std::string& line);
  const Session& session() const { return session_; }

 private:
  Output command(const std::string& name, const std::string& arg);
  std::string why() const;

  const Coach& coach_;
  Session session_;
  std::optional<Turn> last_;
};

void add_chat(CLI::App& app, ChatOptions& opts, CLI::App*& cmd);
int run_chat(const ChatOptions& opts);

// The terminal REPL: libedit line editing and history, colour. Returns the exit code.
int run_repl(const Coach& coach, const ChatOptions& opts);

}  // namespace coach::app
