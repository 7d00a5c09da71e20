// Memory and SQLite session stores. Tested in tests/clients (server tests).
#include "session_store.hpp"

namespace coach::app {
namespace {

class MemoryStore : public SessionStore {
 public:
  std::optional<std::string> load(const std::string& key) override {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(key);
    if (it == sessions_.end()) return std::nullopt;
    return it->second.first;
  }
  void save(const std::string& key, const std::string& json, std::int64_t now) override {
    std::lock_guard lock(mu_);
    sessions_[key] = {json, now};
  }
  int expire(std::int64_t older_than) override {
    std::lock_guard lock(mu_);
    int n = 0;
    for (auto it = sessions_.begin(); it != sessions_.end();)
      if (it->second.second < older_than) it = sessions_.erase(it), ++n;
      else ++it;
    // Direct Line conversations go as a whole once idle, as in the SQLite store.
    for (auto it = activities_.begin(); it != activities_.end();)
      if (it->second.last_at < older_than) it = activities_.erase(it);
      else ++it;
    return n;
  }
  std::int64_t append_activity(const std::string& c, const std::string& json, std::int64_t now) override {
    std::lock_guard lock(mu_);
    auto& conv = activities_[c];
    conv.items.push_back(json);
    conv.last_at = now;
    return static_cast<std::int64_t>(conv.items.size() - 1);
  }
  std::vector<std::string> activities(const std::string& c, std::int64_t from) override {
    std::lock_guard lock(mu_);
    auto it = activities_.find(c);
    if (it == activities_.end() || from >= static_cast<std::int64_t>(it->second.items.size())) return {};
    return {it->second.items.begin() + from, it->second.items.end()};
  }
  bool has_conversation(const std::string& c) override {
    std::lock_guard lock(mu_);
    return activities_.count(c) > 0;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::pair<std::string, std::int64_t>> sessions_;
  struct Conversation {
    std::vector<std::string> items;
    std::int64_t last_at = 0;
  };
  std::map<std::string, Conversation> activities_;
};

// One SQLite connection behind a mutex: every write is its own transaction, so a crash
// loses no finished turn.
class SqliteStore : public SessionStore {
 public:
  explicit SqliteStore(Store store) : store_(std::move(store)) {}
  std::optional<std::string> load(const std::string& key) override {
    std::lock_guard lock(mu_);
    return store_.session(key);
  }
  void save(const std::string& key, const std::string& json, std::int64_t now) override {
    std::lock_guard lock(mu_);
    store_.save_session(key, json, now);
  }
  int expire(std::int64_t older_than) override {
    std::lock_guard lock(mu_);
    return store_.expire_sessions(older_than);
  }
  std::int64_t append_activity(const std::string& c, const std::string& json, std::int64_t now) override {
    std::lock_guard lock(mu_);
    const std::int64_t seq = store_.activity_count(c);
    store_.add_activity(c, seq, json, now);
    return seq;
  }
  std::vector<std::string> activities(const std::string& c, std::int64_t from) override {
    std::lock_guard lock(mu_);
    return store_.activities(c, from);
  }
  bool has_conversation(const std::string& c) override {
    std::lock_guard lock(mu_);
    return store_.activity_count(c) > 0;
  }

 private:
  std::mutex mu_;
  Store store_;
};

}  // namespace

std::unique_ptr<SessionStore> memory_store() { return std::make_unique<MemoryStore>(); }
std::unique_ptr<SessionStore> sqlite_store(Store store) { return std::make_unique<SqliteStore>(std::move(store)); }

}  // namespace coach::app
