// Memory and SQLite session stores. Tested in tests/clients (server tests).
#include "session_store.hpp"

#include <algorithm>

namespace coach::app {
namespace {

// How many to evict once `count` has passed `cap`: back under it, and 1% of it more.
std::int64_t overflow(std::int64_t count, std::int64_t cap) { return count <= cap ? 0 : count - cap + std::max<std::int64_t>(1, cap / 100); }

class MemoryStore : public SessionStore {
 public:
  explicit MemoryStore(StoreLimits limits) : limits_(limits) {}
  std::optional<std::string> load(const std::string& key) override {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(key);
    if (it == sessions_.end()) return std::nullopt;
    return it->second.first;
  }
  void save(const std::string& key, const std::string& json, std::int64_t now) override {
    std::lock_guard lock(mu_);
    sessions_[key] = {json, now};
    last_use_[key] = ++tick_;
    evict_oldest(last_use_, overflow(static_cast<std::int64_t>(last_use_.size()), limits_.max_sessions),
                 [](const auto& e) { return e.second; }, [this](const std::string& k) { sessions_.erase(k); });
  }
  int expire(std::int64_t older_than) override {
    std::lock_guard lock(mu_);
    int n = 0;
    for (auto it = sessions_.begin(); it != sessions_.end();)
      if (it->second.second < older_than) last_use_.erase(it->first), it = sessions_.erase(it), ++n;
      else ++it;
    // Direct Line conversations go as a whole once idle, as in the SQLite store.
    for (auto it = activities_.begin(); it != activities_.end();)
      if (it->second.last_at < older_than) it = activities_.erase(it);
      else ++it;
    return n;
  }
  std::int64_t append_activity(const std::string& c, const std::string& json, std::int64_t now) override {
    std::lock_guard lock(mu_);
    if (!activities_.count(c))
      evict_oldest(activities_, overflow(static_cast<std::int64_t>(activities_.size()) + 1, limits_.max_conversations),
                   [](const auto& e) { return e.second.tick; }, [](const std::string&) {});
    auto& conv = activities_[c];
    conv.items.push_back(json);
    conv.last_at = now;
    conv.tick = ++tick_;
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
  std::int64_t activity_count(const std::string& c) override {
    std::lock_guard lock(mu_);
    auto it = activities_.find(c);
    return it == activities_.end() ? 0 : static_cast<std::int64_t>(it->second.items.size());
  }

 private:
  // Erases the `n` entries least recently used (one pass and a partial sort), telling `also`.
  template <class Map, class LastUse, class Also>
  static void evict_oldest(Map& m, std::int64_t n, LastUse last_use, Also also) {
    if (n <= 0) return;
    std::vector<std::pair<std::int64_t, typename Map::iterator>> by_age;
    for (auto it = m.begin(); it != m.end(); ++it) by_age.emplace_back(last_use(*it), it);
    n = std::min<std::int64_t>(n, static_cast<std::int64_t>(by_age.size()));
    std::nth_element(by_age.begin(), by_age.begin() + (n - 1), by_age.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::int64_t i = 0; i < n; ++i) {
      auto it = by_age[static_cast<std::size_t>(i)].second;
      also(it->first);
      m.erase(it);
    }
  }
  StoreLimits limits_;
  std::mutex mu_;
  std::map<std::string, std::pair<std::string, std::int64_t>> sessions_;
  struct Conversation {
    std::vector<std::string> items;
    std::int64_t last_at = 0;  // for idle expiry (seconds)
    std::uint64_t tick = 0;    // for eviction: the order of use, exact within a second
  };
  std::map<std::string, std::uint64_t> last_use_;  // sessions' order of use
  std::uint64_t tick_ = 0;
  std::map<std::string, Conversation> activities_;
};

// One SQLite connection behind a mutex: every write is its own transaction, so a crash
// loses no finished turn.
class SqliteStore : public SessionStore {
 public:
  SqliteStore(Store store, StoreLimits limits)
      : store_(std::move(store)), limits_(limits), sessions_(store_.session_count()),
        conversations_(store_.conversation_count()) {}
  std::optional<std::string> load(const std::string& key) override {
    std::lock_guard lock(mu_);
    return store_.session(key);
  }
  void save(const std::string& key, const std::string& json, std::int64_t now) override {
    std::lock_guard lock(mu_);
    if (!store_.has_session(key) && ++sessions_ > limits_.max_sessions)
      sessions_ -= store_.evict_sessions(overflow(sessions_, limits_.max_sessions));
    store_.save_session(key, json, now);
  }
  int expire(std::int64_t older_than) override {
    std::lock_guard lock(mu_);
    const int n = store_.expire_sessions(older_than);
    sessions_ = store_.session_count();  // once a minute at most: recounting is cheap enough
    conversations_ = store_.conversation_count();
    return n;
  }
  std::int64_t append_activity(const std::string& c, const std::string& json, std::int64_t now) override {
    std::lock_guard lock(mu_);
    std::int64_t seq = store_.activity_count(c);
    if (seq == 0 && ++conversations_ > limits_.max_conversations) {
      store_.evict_conversations(overflow(conversations_, limits_.max_conversations));
      conversations_ = store_.conversation_count() + 1;
    }
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
  std::int64_t activity_count(const std::string& c) override {
    std::lock_guard lock(mu_);
    return store_.activity_count(c);
  }

 private:
  std::mutex mu_;
  Store store_;
  StoreLimits limits_;
  std::int64_t sessions_, conversations_;  // kept in step, so a save does not count rows
};

}  // namespace

std::unique_ptr<SessionStore> memory_store(StoreLimits limits) { return std::make_unique<MemoryStore>(limits); }
std::unique_ptr<SessionStore> sqlite_store(Store store, StoreLimits limits) {
  return std::make_unique<SqliteStore>(std::move(store), limits);
}

}  // namespace coach::app
