// coach::Coach: the engine plus the coaching script. respond() turns one message into
// a warm, specific reply with repair phrasing; sessions carry the conversation.
//
//   auto loaded = coach::Coach::builtin("en");
//   coach::Session session;
//   coach::Turn t = loaded.coach->respond(session, "You never listen!");
//   std::cout << t.reply;
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coach/analysis.hpp"
#include "coach/diagnostics.hpp"
#include "coach/engine.hpp"
#include "coach/practice.hpp"
#include "coach/session.hpp"

namespace coach {

namespace dialog {
struct Script;
struct Scenario;
}  // namespace dialog

struct Suggestion {
  std::string category;
  std::string antidote;
  std::string text;
  std::string strategy;                   // how it was built: "request", "denial", "generic" (dialogs/<lang>/coach.json)
  std::vector<std::string> alternatives;  // other phrasings, best first (the REPL's :more)
};

// Why coaching stopped: the most urgent safety kind, and whose danger it is: "you" (the
// user is harmed, threatened, afraid or controlled), "they" (the partner is at risk) or
// "sender" (the user is about to send a threat or a controlling message).
struct SafetyNotice {
  std::string kind, perspective;
  std::vector<std::string> kinds;  // every kind found, most urgent first
  int repeated = 0;                // threat or control signals in this conversation, once >= 2
};

struct Turn {
  Analysis analysis;
  std::string reply;                     // what to show the user
  std::vector<Suggestion> suggestions;   // repair phrasing, none on safety turns
  std::string flow, step;                // the guided flow in progress after this turn
  bool safety = false;                   // coaching stopped: the reply points to help
  SafetyNotice safety_notice;            // when `safety`
  bool flooding = false;                 // a break was suggested
};

struct CoachLoad;

// A session read back from JSON. `stale` when it was saved by another rule set or
// script: the ledger and history are kept, a guided flow in progress is dropped.
struct RestoredSession {
  std::optional<Session> session;
  bool stale = false;
  std::string error;  // when `session` is empty
};

class Coach {
 public:
  static CoachLoad builtin(std::string_view language = "en");
  // Empty paths mean the built-in rules or dialogs of `language`.
  static CoachLoad load(const std::filesystem::path& rules, const std::filesystem::path& dialogs,
                        std::string_view language = "en");

  // One message in the conversation. `now` is seconds since the epoch (default: the clock).
  Turn respond(Session& session, std::string_view message, Mode mode = Mode::sending,
               std::optional<std::int64_t> now = std::nullopt) const;
  // respond(), plus the text commands every front end shares: ":rewrite [flow]",
  // ":cancel", ":ledger", ":help", and ":they <message>" (received mode).
  Turn turn(Session& session, std::string_view text, Mode mode = Mode::sending,
            std::optional<std::int64_t> now = std::nullopt) const;
  // Starts a guided flow ("gentle_startup", ...); empty: the flow for the last pattern seen.
  Turn start_flow(Session& session, std::string_view flow = {}) const;
  Turn cancel_flow(Session& session) const;
  std::string ledger(const Session& session) const;
  RestoredSession restore(const std::string& saved_json) const;
  // Rules and scripts together: what sessions are tagged with.
  const std::string& fingerprint() const { return fingerprint_; }
  std::string message(const std::string& key) const;  // "welcome", "help", ...
  // The same with slots filled ("more": {suggestion}).
  std::string message_with(const std::string& key, const std::map<std::string, std::string>& slots) const;
  // One suggestion per pattern found, as `coach analyze --json` reports them.
  std::vector<Suggestion> suggestions(const Analysis& analysis, std::int64_t now) const;
  std::vector<std::string> flows() const;

  // Practice scenarios, sorted by id. A run refers to this Coach, which must outlive it.
  std::vector<ScenarioInfo> scenarios() const;
  std::optional<PracticeRun> practice(std::string_view id, std::uint64_t seed = 0) const;
  std::string practice_text(const std::string& key) const;  // "no_scenario", ...
  // Validates one scenario file: every problem as a diagnostic (P codes).
  static std::vector<Diagnostic> check_scenario(const std::filesystem::path& file);

  const Engine& engine() const { return engine_; }
  const dialog::Script& script() const { return *script_; }

 private:
  using Scenarios = std::vector<std::shared_ptr<const dialog::Scenario>>;
  Coach(Engine engine, std::shared_ptr<const dialog::Script> script, Scenarios scenarios, std::string fingerprint)
      : engine_(std::move(engine)),
        script_(std::move(script)),
        scenarios_(std::move(scenarios)),
        fingerprint_(std::move(fingerprint)) {}
  static CoachLoad assemble(LoadResult rules, const std::pair<std::string, std::string>& script,
                            const std::vector<std::pair<std::string, std::string>>& scenarios);
  Engine engine_;
  std::shared_ptr<const dialog::Script> script_;
  Scenarios scenarios_;
  std::string fingerprint_;
};

struct CoachLoad {
  std::optional<Coach> coach;
  std::vector<Diagnostic> diagnostics;
};

std::string to_json(const Turn& turn);  // the analysis contract plus reply and suggestions
// The same with `first` written before it: each a key and its value already serialized as JSON
// (the JSON front ends echo a request's "id" and "session" this way).
std::string to_json(const Turn& turn, const std::vector<std::pair<std::string, std::string>>& first);
// The analysis contract with "suggestions", as `coach analyze --json` prints it.
std::string to_json(const Analysis& analysis, const std::vector<Suggestion>& suggestions);

}  // namespace coach
