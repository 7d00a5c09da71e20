// PracticeLog: practice runs and their turns in the local database, for `coach progress` and
// the debrief history. Each finished turn is its own transaction (kill -9 loses no finished
// turn). Tested in tests/practice (progress, kill -9, forget).
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "database.hpp"

namespace coach::app {

struct RunRecord {
  std::int64_t id = 0;
  std::string scenario, title, ending;
  std::int64_t started_at = 0, finished_at = 0;
  int score = -1;  // -1 while unfinished
  int turns = 0;
};

class PracticeLog {
 public:
  explicit PracticeLog(Database db) : db_(std::move(db)) {}
  // Database::open at `path`, or at Database::default_path() when it is empty.
  static std::optional<PracticeLog> open(const std::string& path, std::string& error);

  std::int64_t begin_run(const std::string& scenario, const std::string& title, std::int64_t at);
  void add_turn(std::int64_t run, int n, std::int64_t at, const std::string& kind, const std::string& node,
                const std::vector<std::string>& categories, const std::vector<std::string>& repairs);
  void finish_run(std::int64_t run, std::int64_t at, const std::string& ending, int score);
  std::vector<RunRecord> runs() const;  // oldest first
  int forget();                         // deletes every run; returns how many
  int schema_version() const { return db_.schema_version(); }

 private:
  Database db_;
};

}  // namespace coach::app
