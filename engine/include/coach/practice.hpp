// Practice: role-play a hard conversation with a simulated partner who reacts to what you
// say, then a debrief. The partner's temper runs on a temperature (patterns heat it, repairs
// and warmth cool it); each reply picks a beat from it and from what the reply did, and a line
// of that beat that fits the user's words, never one already said. Scenarios are in
// dialogs/<lang>/practice/.
// Tested in tests/unit/practice_test.cpp, tests/golden/practice and tests/practice.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "coach/analysis.hpp"

namespace coach {

class Coach;
namespace dialog {
struct Scenario;
struct Script;
struct TurnReading;
}  // namespace dialog

struct PracticeReply {
  Analysis analysis;
  // What the reply counted as: a pattern ("criticism", ...), "mixed" (a pattern and a repair),
  // "repair", "request", "bid", "neutral", or "safety".
  std::string kind;
  std::string node;      // the partner's beat: "defensive", "hears", "boiling", ... (practice_beats())
  std::string text;      // what to show: the partner's line, or help on a safety turn
  int temperature = 0;   // how heated the partner is after this reply, 0..10
  bool finished = false;
  std::string ending;    // when finished: good, bad, drifted, out_of_turns, safety
};

struct AimResult {
  std::string aim;    // "feeling", "request", "ownership", "curiosity", "appreciation", "repair"
  bool met = false;
  std::string quote;  // the user's words that met it
};

struct Debrief {
  std::string text;
  std::string ending;
  int score = 0;  // 0..100: the aims met, the ending, less for each pattern
  int positive = 0, negative = 0, turns = 0;
  std::vector<AimResult> aims;  // the scenario's, then "repair" when the run had a pattern
};

class PracticeRun {
 public:
  const std::string& id() const;
  const std::string& title() const;
  std::string opening() const;  // the setting, the aim, and the partner's first line
  PracticeReply reply(std::string_view message);
  std::string hint();
  // The debrief; ends the run ("stopped") if it is still going.
  Debrief debrief();
  bool finished() const { return finished_; }
  int turns() const { return turns_; }
  int temperature() const { return temperature_; }

 private:
  friend class Coach;
  struct Moment {
    std::string category, quote;
  };
  PracticeRun(const Coach& coach, std::shared_ptr<const dialog::Scenario> scenario, std::uint64_t seed);
  std::string choose_beat(const dialog::TurnReading& turn);
  std::optional<std::string> line_for(const std::string& beat, const dialog::TurnReading& turn);
  std::string partner_line(std::string& beat, const dialog::TurnReading& turn);
  void record(const Analysis& a, const dialog::TurnReading& turn);
  int score() const;
  std::vector<AimResult> aim_results() const;

  const Coach* coach_;
  std::shared_ptr<const dialog::Scenario> scenario_;
  std::uint64_t seed_;
  unsigned hints_ = 0;
  std::string opening_line_, ending_;
  bool finished_ = false;
  int turns_ = 0, positive_ = 0, negative_ = 0, temperature_ = 0;
  int neutral_run_ = 0, pattern_turns_ = 0, contempt_turns_ = 0;
  bool last_chance_ = false;  // the partner boiled over: one reply decides
  bool escalated_ = false;    // the partner boiled over at least once
  std::map<std::string, std::string> aims_met_;  // aim -> the first words that met it
  std::map<std::string, std::string> facts_;     // the facts the partner holds to in this run
  std::map<std::string, std::string> remembered_;  // the user's feeling, request, topic, latest
  std::set<std::pair<std::string, std::size_t>> said_;  // beat and line already said
  std::set<std::string> told_;                          // facts already told
  std::vector<Moment> worked_, wounded_;
};

struct ScenarioInfo {
  std::string id, title;
};

}  // namespace coach
