// Store: the local SQLite database (practice progress; later, bot sessions). WAL mode,
// one transaction per finished turn, so a crash or kill -9 loses no finished turn.
// The schema is versioned with PRAGMA user_version and migrated forward on open.
// Tested in tests/practice (kill -9) and tests/hostile (caps, expiry, eviction).
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace coach::app {

struct RunRecord {
  std::int64_t id = 0;
  std::string scenario, title, ending;
  std::int64_t started_at = 0, finished_at = 0;
  int score = -1;  // -1 while unfinished
  int turns = 0;
};

class Store {
 public:
  static constexpr int kSchemaVersion = 2;

  // Opens (creating directories and the file) and migrates; nullopt with `error` set.
  static std::optional<Store> open(const std::filesystem::path& path, std::string& error);
  // $XDG_DATA_HOME/coach/coach.db, or ~/.local/share/coach/coach.db.
  static std::filesystem::path default_path();

  std::int64_t begin_run(const std::string& scenario, const std::string& title, std::int64_t at);
  void add_turn(std::int64_t run, int n, std::int64_t at, const std::string& kind, const std::string& node,
                const std::vector<std::string>& categories, const std::vector<std::string>& repairs);
  void finish_run(std::int64_t run, std::int64_t at, const std::string& ending, int score);
  std::vector<RunRecord> runs() const;  // oldest first
  int forget();                         // deletes every run; returns how many
  int schema_version() const;

  // Bot conversations (coach serve): saved sessions and Direct Line activities.
  std::optional<std::string> session(const std::string& key) const;
  void save_session(const std::string& key, const std::string& json, std::int64_t at);
  int expire_sessions(std::int64_t older_than);  // returns how many
  void add_activity(const std::string& conversation, std::int64_t seq, const std::string& json, std::int64_t at);
  std::vector<std::string> activities(const std::string& conversation, std::int64_t from_seq) const;
  std::int64_t activity_count(const std::string& conversation) const;  // also the next sequence number
  std::int64_t session_count() const;
  std::int64_t conversation_count() const;
  bool has_session(const std::string& key) const;
  // Deletes the `n` least recently used sessions / Direct Line conversations (the latest write
  // orders them: rowids grow with every insert); returns how many.
  int evict_sessions(std::int64_t n);
  int evict_conversations(std::int64_t n);

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
  };
  explicit Store(sqlite3* db) : db_(db) {}
  void exec(const std::string& sql) const;
  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace coach::app
