// One practice run at the terminal or through a pipe: replies go to the run, :hint and
// :quit are commands, every finished turn is stored before the partner answers.
#pragma once
#include <ctime>
#include <optional>
#include <string>

#include "coach/coach.hpp"
#include "practice_log.hpp"
#include "terminal.hpp"

namespace coach::app {

class PracticeSession {
 public:
  PracticeSession(PracticeRun run, PracticeLog* store);

  std::string opening() const { return run_.opening(); }
  LineResult handle(const std::string& line);
  // Ends the run (if it is still going), stores its score, returns the debrief.
  std::string finish();

 private:
  PracticeRun run_;
  PracticeLog* store_;
  std::int64_t run_id_ = 0;
  bool done_ = false;
};

}  // namespace coach::app
