// Session: one conversation's state. Turns (categories and intensity, never the text;
// only a guided flow in progress keeps its answers, until it ends),
// the 5:1 ledger, the guided flow in progress and the suggestion rotation. Saves to and
// loads from JSON so bots can keep it between messages.
// Tested in tests/unit/dialog_test.cpp and tests/conversations.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace coach {

enum class Mode { sending, received };

struct SessionTurn {
  std::int64_t time = 0;  // seconds since the epoch
  Mode mode = Mode::sending;
  std::vector<std::string> categories;
  int positive = 0;
  int negative = 0;
  double intensity = 0;
};

class Session {
 public:
  explicit Session(std::uint64_t seed = 0) : seed(seed) {}

  std::string to_json() const;
  // Nullopt (with `error` set) for JSON that is not a saved session.
  static std::optional<Session> from_json(const std::string& text, std::string* error = nullptr);
  // Ends the guided flow in progress, forgetting its answers.
  void end_flow() {
    flow.clear();
    step.clear();
    slots.clear();
  }

  std::vector<SessionTurn> turns;  // the most recent ones (kMaxTurns)
  int positive = 0;                // the ledger
  int negative = 0;
  std::map<std::string, int> seen;  // pattern -> how many turns showed it
  std::string flow, step;           // guided flow in progress, if any
  std::map<std::string, std::string> slots;  // answers gathered by the flow
  std::uint64_t seed = 0;                     // varies suggestions; fixed in tests
  std::map<std::string, unsigned> rotation;   // next suggestion per category
  std::int64_t flooding_noted_at = 0;
  std::map<std::string, int> safety_seen;  // "you.control" -> turns with that signal
  std::string fingerprint;  // the Coach (rules + scripts) this session was made with
  std::string time_zone;    // the user's IANA zone when a front end knows it; "" = the machine's

  static constexpr std::size_t kMaxTurns = 50;
};

}  // namespace coach
