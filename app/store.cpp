// SQLite access with prepared statements; migrations by user_version.
// Tested in tests/practice (progress, kill -9) and tests/hostile (sessions, caps, expiry).
#include "store.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <stdexcept>

namespace coach::app {
namespace {

// Migrations: index i brings the schema from version i to i + 1.
const char* const kMigrations[] = {
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

struct Stmt {
  sqlite3_stmt* s = nullptr;
  Stmt(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
  }
  ~Stmt() { sqlite3_finalize(s); }
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s, i, v);
    return *this;
  }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  bool step() {
    const int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(sqlite3_db_handle(s)));
    return rc == SQLITE_ROW;
  }
  std::int64_t i64(int c) const { return sqlite3_column_int64(s, c); }
  std::string text(int c) const {
    const auto* t = sqlite3_column_text(s, c);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  bool null(int c) const { return sqlite3_column_type(s, c) == SQLITE_NULL; }
};

std::string json_list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ",\"" : "\"") + v[i] + "\"";
  return out + "]";
}

}  // namespace

std::filesystem::path Store::default_path() {
  if (const char* d = std::getenv("XDG_DATA_HOME"); d && *d) return std::filesystem::path(d) / "coach" / "coach.db";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local" / "share" / "coach" / "coach.db";
}

std::optional<Store> Store::open(const std::filesystem::path& path, std::string& error) {
  std::error_code ec;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  // The database is the user's alone: create it (and its WAL files) readable by them only.
  const mode_t old_mask = ::umask(077);
  sqlite3* raw = nullptr;
  if (sqlite3_open(path.c_str(), &raw) != SQLITE_OK) {
    error = std::string("cannot open ") + path.string() + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory");
    sqlite3_close(raw);
    return std::nullopt;
  }
  Store store(raw);
  struct RestoreMask {
    mode_t m;
    ~RestoreMask() { ::umask(m); }
  } restore{old_mask};
  try {
    sqlite3_busy_timeout(raw, 5000);
    store.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    const int version = store.schema_version();
    constexpr int latest = static_cast<int>(std::size(kMigrations));
    if (version > latest) {
      error = path.string() + " was written by a newer coach (schema " + std::to_string(version) + ")";
      return std::nullopt;
    }
    for (int v = version; v < latest; ++v)
      store.exec(std::string("BEGIN; ") + kMigrations[v] + "; PRAGMA user_version=" + std::to_string(v + 1) + "; COMMIT;");
  } catch (const std::exception& e) {
    error = path.string() + ": " + e.what();
    return std::nullopt;
  }
  return store;
}

void Store::exec(const std::string& sql) const {
  char* msg = nullptr;
  if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string m = msg ? msg : "sqlite error";
    sqlite3_free(msg);
    throw std::runtime_error(m);
  }
}

int Store::schema_version() const {
  Stmt st(db_.get(), "PRAGMA user_version");
  st.step();
  return static_cast<int>(st.i64(0));
}

std::int64_t Store::begin_run(const std::string& scenario, const std::string& title, std::int64_t at) {
  Stmt st(db_.get(), "INSERT INTO runs(scenario, title, started_at) VALUES(?, ?, ?)");
  st.bind(1, scenario).bind(2, title).bind(3, at).step();
  return sqlite3_last_insert_rowid(db_.get());
}

void Store::add_turn(std::int64_t run, int n, std::int64_t at, const std::string& kind, const std::string& node,
                     const std::vector<std::string>& categories, const std::vector<std::string>& repairs) {
  exec("BEGIN");
  try {
    Stmt ins(db_.get(), "INSERT INTO practice_turns(run_id, n, at, kind, node, categories, repairs) VALUES(?,?,?,?,?,?,?)");
    ins.bind(1, run).bind(2, n).bind(3, at).bind(4, kind).bind(5, node).bind(6, json_list(categories)).bind(7, json_list(repairs));
    ins.step();
    Stmt up(db_.get(), "UPDATE runs SET turns = turns + 1 WHERE id = ?");
    up.bind(1, run).step();
    exec("COMMIT");
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
}

void Store::finish_run(std::int64_t run, std::int64_t at, const std::string& ending, int score) {
  Stmt st(db_.get(), "UPDATE runs SET finished_at = ?, ending = ?, score = ? WHERE id = ?");
  st.bind(1, at).bind(2, ending).bind(3, score).bind(4, run).step();
}

std::vector<RunRecord> Store::runs() const {
  Stmt st(db_.get(), "SELECT id, scenario, title, started_at, finished_at, ending, score, turns FROM runs ORDER BY started_at, id");
  std::vector<RunRecord> out;
  while (st.step()) {
    RunRecord r;
    r.id = st.i64(0);
    r.scenario = st.text(1);
    r.title = st.text(2);
    r.started_at = st.i64(3);
    r.finished_at = st.null(4) ? 0 : st.i64(4);
    r.ending = st.text(5);
    r.score = st.null(6) ? -1 : static_cast<int>(st.i64(6));
    r.turns = static_cast<int>(st.i64(7));
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<std::string> Store::session(const std::string& key) const {
  Stmt st(db_.get(), "SELECT data FROM sessions WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

void Store::save_session(const std::string& key, const std::string& json, std::int64_t at) {
  Stmt st(db_.get(),
          "INSERT INTO sessions(key, data, updated_at) VALUES(?, ?, ?) "
          "ON CONFLICT(key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at");
  st.bind(1, key).bind(2, json).bind(3, at).step();
}

int Store::expire_sessions(std::int64_t older_than) {
  Stmt st(db_.get(), "DELETE FROM sessions WHERE updated_at < ?");
  st.bind(1, older_than).step();
  const int n = sqlite3_changes(db_.get());
  // A Direct Line conversation goes as a whole, once its newest activity is idle: deleting old
  // activities of a live one would renumber it (the next sequence number would collide).
  Stmt a(db_.get(),
         "DELETE FROM activities WHERE conversation IN "
         "(SELECT conversation FROM activities GROUP BY conversation HAVING max(at) < ?)");
  a.bind(1, older_than).step();
  return n;
}

void Store::add_activity(const std::string& conversation, std::int64_t seq, const std::string& json, std::int64_t at) {
  Stmt st(db_.get(), "INSERT INTO activities(conversation, seq, data, at) VALUES(?, ?, ?, ?)");
  st.bind(1, conversation).bind(2, seq).bind(3, json).bind(4, at).step();
}

std::vector<std::string> Store::activities(const std::string& conversation, std::int64_t from_seq) const {
  Stmt st(db_.get(), "SELECT data FROM activities WHERE conversation = ? AND seq >= ? ORDER BY seq");
  st.bind(1, conversation).bind(2, from_seq);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::int64_t Store::activity_count(const std::string& conversation) const {
  // The next sequence number: one past the highest, never a count that could repeat one.
  Stmt st(db_.get(), "SELECT coalesce(max(seq) + 1, 0) FROM activities WHERE conversation = ?");
  st.bind(1, conversation).step();
  return st.i64(0);
}

std::int64_t Store::session_count() const {
  Stmt st(db_.get(), "SELECT count(*) FROM sessions");
  st.step();
  return st.i64(0);
}

std::int64_t Store::conversation_count() const {
  Stmt st(db_.get(), "SELECT count(DISTINCT conversation) FROM activities");
  st.step();
  return st.i64(0);
}

bool Store::has_session(const std::string& key) const {
  Stmt st(db_.get(), "SELECT 1 FROM sessions WHERE key = ?");
  st.bind(1, key);
  return st.step();
}

int Store::evict_sessions(std::int64_t n) {
  Stmt st(db_.get(), "DELETE FROM sessions WHERE key IN (SELECT key FROM sessions ORDER BY updated_at, rowid LIMIT ?)");
  st.bind(1, n).step();
  return sqlite3_changes(db_.get());
}

int Store::evict_conversations(std::int64_t n) {
  Stmt st(db_.get(),
          "DELETE FROM activities WHERE conversation IN "
          "(SELECT conversation FROM activities GROUP BY conversation ORDER BY max(rowid) LIMIT ?)");
  st.bind(1, n).step();
  return static_cast<int>(n);
}

int Store::forget() {
  const int n = static_cast<int>(runs().size());
  exec("BEGIN; DELETE FROM practice_turns; DELETE FROM runs; COMMIT; VACUUM;");
  return n;
}

}  // namespace coach::app
