// Practice turns, persisted as they complete. Tested in tests/practice.
#include "practice_session.hpp"

namespace coach::app {
namespace {
std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }
}  // namespace

PracticeSession::PracticeSession(PracticeRun run, PracticeLog* store) : run_(std::move(run)), store_(store) {
  if (store_) run_id_ = store_->begin_run(run_.id(), run_.title(), now());
}

LineResult PracticeSession::handle(const std::string& raw) {
  std::string line = raw;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  while (!line.empty() && line.front() == ' ') line.erase(0, 1);
  if (line == ":hint") return {run_.hint()};
  if (line == ":quit" || line == ":q") return {finish(), true};
  if (line.empty()) return {};
  PracticeReply r = run_.reply(line);
  if (store_) {
    std::vector<std::string> repairs;
    for (const auto& f : r.analysis.signals.repair) repairs.push_back(f.category);
    // Stored before the partner's line is shown: a finished turn is never lost.
    store_->add_turn(run_id_, run_.turns(), now(), r.kind, r.node, r.analysis.categories, repairs);
  }
  if (!r.finished) return {r.text};
  return {r.text + "\n\n" + finish(), true, r.ending == "safety"};
}

std::string PracticeSession::finish() {
  if (done_) return {};
  done_ = true;
  Debrief d = run_.debrief();
  if (store_) store_->finish_run(run_id_, now(), d.ending, d.score);
  return d.text;
}

}  // namespace coach::app
