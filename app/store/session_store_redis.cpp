// The Redis session store (--sessions redis://HOST:PORT[/DB]): what several `coach serve`
// workers share. A session is a hash `coach:s:<key>` {v: version, s: JSON}; a Direct Line
// conversation a list `coach:dl:<id>` whose index is the activity's sequence number (RPUSH is
// atomic, so two workers appending at once get different numbers). Both expire `idle_expiry`
// seconds after their last use (Redis TTLs), and the caps hold as in the other stores: an index
// of last use per kind (sorted sets), the oldest 1% dropped past the cap. A turn saves with a
// compare-and-set on the version (a Lua script), so two workers taking turns on one session
// never lose or apply one twice: the loser takes its turn again on the fresh session.
// Tested in tests/scale/test_scale.py (a real redis-server, two workers, a load balancer).
#include <cstdio>

#include "redis_client.hpp"
#include "session_store.hpp"

namespace coach::app {
namespace {

// Drops index entries past their TTL, then the oldest 1% past the cap (their keys too).
// KEYS[1] index; ARGV: now, ttl, cap, key prefix.
constexpr const char* kTrim = R"(
local function trim(index, now, ttl, cap, prefix)
  redis.call('ZREMRANGEBYSCORE', index, '-inf', now - ttl)
  local n = redis.call('ZCARD', index)
  if n > cap then
    local old = redis.call('ZRANGE', index, 0, math.max(1, math.floor(cap / 100)) - 1)
    for _, m in ipairs(old) do
      redis.call('DEL', prefix .. m)
      redis.call('ZREM', index, m)
    end
  end
end
)";

// KEYS[1] session hash, KEYS[2] index; ARGV: version read, JSON, now, ttl, cap, member, prefix.
const std::string kSaveIf = std::string(kTrim) + R"(
local v = redis.call('HGET', KEYS[1], 'v')
if (v or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', tonumber(ARGV[1]) + 1, 's', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[6])
trim(KEYS[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[7])
return 1
)";

// KEYS[1] activity list, KEYS[2] index; ARGV: JSON, now, ttl, cap, member, prefix.
const std::string kAppend = std::string(kTrim) + R"(
local n = redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[5])
trim(KEYS[2], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[6])
return n - 1
)";

const std::string kSessionPrefix = "coach:s:", kSessionIndex = "coach:sessions";
const std::string kConversationPrefix = "coach:dl:", kConversationIndex = "coach:conversations";

class RedisStore : public SessionStore {
 public:
  RedisStore(const RedisAddress& address, StoreLimits limits, int idle_expiry)
      : pool_(address), limits_(limits), ttl_(std::to_string(std::max(1, idle_expiry))) {}

  std::optional<std::string> load(const std::string& key) override { return load_versioned(key).json; }

  VersionedSession load_versioned(const std::string& key) override {
    const std::string k = kSessionPrefix + key;
    const auto r = pool_.command({"HMGET", k, "v", "s"});
    VersionedSession out;
    if (r.size() == 2 && !r.at(1).nil()) {
      out.version = r.at(0).integer();
      out.json = r.at(1).str();
    }
    return out;
  }

  void save(const std::string& key, const std::string& json, std::int64_t now) override {
    // Outside a turn (nothing else saves this way): whatever the version, this is the session now.
    for (int i = 0; i < 16; ++i)
      if (save_if(key, json, load_versioned(key).version, now)) return;
    throw StoreUnavailable("redis: the session kept changing under a save");
  }

  bool save_if(const std::string& key, const std::string& json, std::int64_t version, std::int64_t now) override {
    const std::string k = kSessionPrefix + key, v = std::to_string(version), t = std::to_string(now),
                      cap = std::to_string(limits_.max_sessions);
    return pool_.command({"EVAL", kSaveIf, "2", k, kSessionIndex, v, json, t, ttl_, cap, key, kSessionPrefix})
               .integer() == 1;
  }

  int expire(std::int64_t) override { return 0; }  // Redis expires keys itself (TTLs)

  std::int64_t append_activity(const std::string& c, const std::string& json, std::int64_t now) override {
    const std::string k = kConversationPrefix + c, t = std::to_string(now), cap = std::to_string(limits_.max_conversations);
    return pool_.command({"EVAL", kAppend, "2", k, kConversationIndex, json, t, ttl_, cap, c, kConversationPrefix})
        .integer();
  }

  std::vector<std::string> activities(const std::string& c, std::int64_t from, std::int64_t limit) override {
    if (limit <= 0) return {};
    const std::string first = std::to_string(from), last = std::to_string(from + limit - 1);
    const auto r = pool_.command({"LRANGE", kConversationPrefix + c, first, last});
    std::vector<std::string> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.at(i).str());
    return out;
  }

  bool has_conversation(const std::string& c) override {
    return pool_.command({"EXISTS", kConversationPrefix + c}).integer() == 1;
  }

  std::int64_t activity_count(const std::string& c) override {
    return pool_.command({"LLEN", kConversationPrefix + c}).integer();
  }

 private:
  RedisPool pool_;
  StoreLimits limits_;
  std::string ttl_;
};

}  // namespace

std::unique_ptr<SessionStore> redis_store(const RedisAddress& address, StoreLimits limits, int idle_expiry) {
  return std::make_unique<RedisStore>(address, limits, idle_expiry);
}

}  // namespace coach::app
