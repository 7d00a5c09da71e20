// The memory session store: maps behind a mutex, gone when the process ends (--sessions memory).
// Tested in tests/clients (server tests) and tests/hostile (caps, expiry, eviction).
#include <algorithm>

#include "evict.hpp"
#include "session_store.hpp"

namespace coach::app {
namespace {

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
  std::vector<std::string> activities(const std::string& c, std::int64_t from, std::int64_t limit) override {
    std::lock_guard lock(mu_);
    auto it = activities_.find(c);
    const auto n = it == activities_.end() ? 0 : static_cast<std::int64_t>(it->second.items.size());
    if (from >= n || limit <= 0) return {};
    return {it->second.items.begin() + from, it->second.items.begin() + std::min(n, from + limit)};
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

}  // namespace

std::unique_ptr<SessionStore> memory_store(StoreLimits limits) { return std::make_unique<MemoryStore>(limits); }

}  // namespace coach::app
