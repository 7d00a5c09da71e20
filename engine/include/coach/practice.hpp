// Practice: role-play a hard conversation with a simulated partner who reacts to how
// you speak, then a debrief. Scenarios are node graphs in dialogs/<lang>/practice/.
// Tested in tests/unit/practice_test.cpp, tests/golden/practice and tests/practice.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "coach/analysis.hpp"

namespace coach {

class Coach;
namespace dialog {
struct Scenario;
struct Script;
}  // namespace dialog

struct PracticeReply {
  Analysis analysis;
  std::string kind;      // what the reply counted as: a pattern, "repair", "bid" or "neutral"
  std::string node;      // where the conversation went
  std::string text;      // what to show: the partner's line, or help on a safety turn
  bool finished = false;
  std::string ending;    // when finished: good, bad, out_of_turns, safety
};

struct Debrief {
  std::string text;
  std::string ending;
  int score = 0;  // 0..100
  int positive = 0, negative = 0, turns = 0;
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

 private:
  friend class Coach;
  struct Moment {
    std::string category, quote;
  };
  PracticeRun(const Coach& coach, std::shared_ptr<const dialog::Scenario> scenario, std::uint64_t seed);
  std::string partner_line(const std::string& node);

  const Coach* coach_;
  std::shared_ptr<const dialog::Scenario> scenario_;
  std::uint64_t seed_;
  unsigned visits_ = 0, hints_ = 0;
  std::string node_, ending_;
  bool finished_ = false;
  int turns_ = 0, positive_ = 0, negative_ = 0, bids_ = 0;
  std::vector<Moment> worked_, wounded_;
};

struct ScenarioInfo {
  std::string id, title;
};

}  // namespace coach
