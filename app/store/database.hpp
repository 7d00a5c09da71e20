// Database: the local SQLite file the practice log and the server's conversations share. WAL
// mode, one transaction per finished turn, so a crash or kill -9 loses no finished turn. The
// schema is versioned with PRAGMA user_version and migrated forward on open; the file is created
// readable by its user only. Statement wraps a prepared statement.
// Tested in tests/practice (kill -9, schema) and tests/hostile (caps, expiry, eviction).
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace coach::app {

class Database {
 public:
  // Opens (creating directories and the file) and migrates; nullopt with `error` set.
  static std::optional<Database> open(const std::filesystem::path& path, std::string& error);
  // $XDG_DATA_HOME/coach/coach.db, or ~/.local/share/coach/coach.db.
  static std::filesystem::path default_path();

  int schema_version() const;
  void exec(const std::string& sql) const;  // throws std::runtime_error
  sqlite3* handle() const { return db_.get(); }
  std::int64_t changes() const { return sqlite3_changes(db_.get()); }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
  };
  explicit Database(sqlite3* db) : db_(db) {}
  std::unique_ptr<sqlite3, Closer> db_;
};

// A prepared statement: bind, step (true while there is a row), read columns. Throws
// std::runtime_error with SQLite's message on failure.
class Statement {
 public:
  Statement(const Database& db, const char* sql);
  ~Statement() { sqlite3_finalize(s_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, const std::string& v);
  bool step();
  std::int64_t i64(int c) const { return sqlite3_column_int64(s_, c); }
  std::string text(int c) const;
  bool null(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

}  // namespace coach::app
