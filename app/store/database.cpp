// Opening, migrating and querying the SQLite file. Tested in tests/practice and tests/hostile.
#include "database.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <iterator>
#include <stdexcept>

namespace coach::app {
namespace {

// Migrations: index i brings the schema from version i to i + 1.
const char* const kMigrations[] = {
    // 1: the practice log (practice_log.cpp)
    R"(CREATE TABLE runs(
         id INTEGER PRIMARY KEY,
         scenario TEXT NOT NULL,
         title TEXT NOT NULL,
         started_at INTEGER NOT NULL,
         finished_at INTEGER,
         ending TEXT,
         score INTEGER,
         turns INTEGER NOT NULL DEFAULT 0);
       CREATE TABLE practice_turns(
         run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
         n INTEGER NOT NULL,
         at INTEGER NOT NULL,
         kind TEXT NOT NULL,
         node TEXT NOT NULL,
         categories TEXT NOT NULL,
         repairs TEXT NOT NULL,
         PRIMARY KEY(run_id, n));)",
    // 2: the server's sessions and Direct Line activities (session_store_sqlite.cpp)
    R"(CREATE TABLE sessions(
         key TEXT PRIMARY KEY,
         data TEXT NOT NULL,
         updated_at INTEGER NOT NULL);
       CREATE TABLE activities(
         conversation TEXT NOT NULL,
         seq INTEGER NOT NULL,
         data TEXT NOT NULL,
         at INTEGER NOT NULL,
         PRIMARY KEY(conversation, seq));)",
};

}  // namespace

std::filesystem::path Database::default_path() {
  if (const char* d = std::getenv("XDG_DATA_HOME"); d && *d) return std::filesystem::path(d) / "coach" / "coach.db";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local" / "share" / "coach" / "coach.db";
}

std::optional<Database> Database::open(const std::filesystem::path& path, std::string& error) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  // The database is the user's alone: create it (and its WAL files) readable by them only.
  const mode_t old_mask = ::umask(077);
  struct RestoreMask {
    mode_t m;
    ~RestoreMask() { ::umask(m); }
  } restore{old_mask};
  sqlite3* raw = nullptr;
  if (sqlite3_open(path.c_str(), &raw) != SQLITE_OK) {
    error = std::string("cannot open ") + path.string() + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory");
    sqlite3_close(raw);
    return std::nullopt;
  }
  Database db(raw);
  try {
    sqlite3_busy_timeout(raw, 5000);
    db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    const int version = db.schema_version();
    constexpr int latest = static_cast<int>(std::size(kMigrations));
    if (version > latest) {
      error = path.string() + " was written by a newer coach (schema " + std::to_string(version) + ")";
      return std::nullopt;
    }
    for (int v = version; v < latest; ++v)
      db.exec(std::string("BEGIN; ") + kMigrations[v] + "; PRAGMA user_version=" + std::to_string(v + 1) + "; COMMIT;");
  } catch (const std::exception& e) {
    error = path.string() + ": " + e.what();
    return std::nullopt;
  }
  return db;
}

void Database::exec(const std::string& sql) const {
  char* msg = nullptr;
  if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string m = msg ? msg : "sqlite error";
    sqlite3_free(msg);
    throw std::runtime_error(m);
  }
}

int Database::schema_version() const {
  Statement st(*this, "PRAGMA user_version");
  st.step();
  return static_cast<int>(st.i64(0));
}

Statement::Statement(const Database& db, const char* sql) {
  if (sqlite3_prepare_v2(db.handle(), sql, -1, &s_, nullptr) != SQLITE_OK)
    throw std::runtime_error(sqlite3_errmsg(db.handle()));
}

Statement& Statement::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}

Statement& Statement::bind(int i, const std::string& v) {
  sqlite3_bind_text(s_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(s_);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(sqlite3_db_handle(s_)));
  return rc == SQLITE_ROW;
}

std::string Statement::text(int c) const {
  const auto* t = sqlite3_column_text(s_, c);
  return t ? reinterpret_cast<const char*>(t) : "";
}

}  // namespace coach::app
