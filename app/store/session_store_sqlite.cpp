// The SQLite session store: the sessions and activities tables of the local database, one
// connection behind a mutex; every write is its own transaction, so a crash loses no finished
// turn. Tested in tests/clients (server tests) and tests/hostile (caps, expiry, eviction).
#include "evict.hpp"
#include "session_store.hpp"

namespace coach::app {
namespace {

class SqliteStore : public SessionStore {
 public:
  SqliteStore(Database db, StoreLimits limits)
      : db_(std::move(db)), limits_(limits), sessions_(session_count()), conversations_(conversation_count()) {}

  std::optional<std::string> load(const std::string& key) override {
    std::lock_guard lock(mu_);
    Statement st(db_, "SELECT data FROM sessions WHERE key = ?");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.text(0);
  }
  void save(const std::string& key, const std::string& json, std::int64_t now) override {
    std::lock_guard lock(mu_);
    if (!has_session(key) && ++sessions_ > limits_.max_sessions)
      sessions_ -= evict_sessions(overflow(sessions_, limits_.max_sessions));
    Statement st(db_,
                 "INSERT INTO sessions(key, data, updated_at) VALUES(?, ?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at");
    st.bind(1, key).bind(2, json).bind(3, now).step();
  }
  int expire(std::int64_t older_than) override {
    std::lock_guard lock(mu_);
    Statement st(db_, "DELETE FROM sessions WHERE updated_at < ?");
    st.bind(1, older_than).step();
    const int n = static_cast<int>(db_.changes());
    // A Direct Line conversation goes as a whole, once its newest activity is idle: deleting old
    // activities of a live one would renumber it (the next sequence number would collide).
    Statement a(db_,
                "DELETE FROM activities WHERE conversation IN "
                "(SELECT conversation FROM activities GROUP BY conversation HAVING max(at) < ?)");
    a.bind(1, older_than).step();
    sessions_ = session_count();  // once a minute at most: recounting is cheap enough
    conversations_ = conversation_count();
    return n;
  }
  std::int64_t append_activity(const std::string& c, const std::string& json, std::int64_t now) override {
    std::lock_guard lock(mu_);
    const std::int64_t seq = next_seq(c);
    if (seq == 0 && ++conversations_ > limits_.max_conversations) {
      evict_conversations(overflow(conversations_, limits_.max_conversations));
      conversations_ = conversation_count() + 1;
    }
    Statement st(db_, "INSERT INTO activities(conversation, seq, data, at) VALUES(?, ?, ?, ?)");
    st.bind(1, c).bind(2, seq).bind(3, json).bind(4, now).step();
    return seq;
  }
  std::vector<std::string> activities(const std::string& c, std::int64_t from, std::int64_t limit) override {
    std::lock_guard lock(mu_);
    Statement st(db_, "SELECT data FROM activities WHERE conversation = ? AND seq >= ? ORDER BY seq LIMIT ?");
    st.bind(1, c).bind(2, from).bind(3, limit);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    return out;
  }
  bool has_conversation(const std::string& c) override {
    std::lock_guard lock(mu_);
    return next_seq(c) > 0;
  }
  std::int64_t activity_count(const std::string& c) override {
    std::lock_guard lock(mu_);
    return next_seq(c);
  }

 private:
  // The next sequence number: one past the highest, never a count that could repeat one.
  std::int64_t next_seq(const std::string& c) const {
    Statement st(db_, "SELECT coalesce(max(seq) + 1, 0) FROM activities WHERE conversation = ?");
    st.bind(1, c).step();
    return st.i64(0);
  }
  bool has_session(const std::string& key) const {
    Statement st(db_, "SELECT 1 FROM sessions WHERE key = ?");
    st.bind(1, key);
    return st.step();
  }
  std::int64_t session_count() const {
    Statement st(db_, "SELECT count(*) FROM sessions");
    st.step();
    return st.i64(0);
  }
  std::int64_t conversation_count() const {
    Statement st(db_, "SELECT count(DISTINCT conversation) FROM activities");
    st.step();
    return st.i64(0);
  }
  // Deletes the `n` least recently used sessions / conversations (the latest write orders them:
  // rowids grow with every insert); returns how many.
  std::int64_t evict_sessions(std::int64_t n) {
    Statement st(db_, "DELETE FROM sessions WHERE key IN (SELECT key FROM sessions ORDER BY updated_at, rowid LIMIT ?)");
    st.bind(1, n).step();
    return db_.changes();
  }
  void evict_conversations(std::int64_t n) {
    Statement st(db_,
                 "DELETE FROM activities WHERE conversation IN "
                 "(SELECT conversation FROM activities GROUP BY conversation ORDER BY max(rowid) LIMIT ?)");
    st.bind(1, n).step();
  }

  std::mutex mu_;
  Database db_;
  StoreLimits limits_;
  std::int64_t sessions_, conversations_;  // kept in step, so a save does not count rows
};

}  // namespace

std::unique_ptr<SessionStore> sqlite_store(Database db, StoreLimits limits) {
  return std::make_unique<SqliteStore>(std::move(db), limits);
}

}  // namespace coach::app
