// `coach` / `coach chat`: the conversation. ChatLoop handles one input line (a message
// or a :command) and is shared by the terminal REPL (repl.cpp) and piped mode.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <memory>

#include "coach/coach.hpp"
#include "practice_session.hpp"
#include "terminal.hpp"

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
  std::string db;            // practice progress (default: Database::default_path())
};

class ChatLoop {
 public:
  ChatLoop(const Coach& coach, std::uint64_t seed, std::string db = {})
      : coach_(coach), session_(seed), db_(std::move(db)) {}

  LineResult handle(const std::string& line);
  // When input ends during a practice run: its debrief.
  std::string finish();
  const Session& session() const { return session_; }

 private:
  LineResult command(const std::string& name, const std::string& arg);
  LineResult start_practice(const std::string& id);
  std::string why() const;
  std::string more();

  const Coach& coach_;
  Session session_;
  std::optional<Turn> last_;
  std::size_t more_shown_ = 0;  // alternatives of last_ already shown by :more
  std::string db_;
  std::optional<PracticeLog> store_;                  // opened on the first :practice
  std::unique_ptr<PracticeSession> practice_;   // a run in progress takes the lines
};

void add_chat(CLI::App& app, ChatOptions& opts, CLI::App*& cmd);
int run_chat(const ChatOptions& opts);

}  // namespace coach::app
