// Where `coach serve` keeps conversations: saved sessions and Direct Line activities,
// behind a small interface (SQLite by default: session_store_sqlite.cpp; memory for throwaway
// use: session_store_memory.cpp; Redis for several workers: session_store_redis.cpp). Thread-safe.
// Tested in tests/clients (server tests) and tests/hostile.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "database.hpp"

namespace coach::app {

// Caps that keep a store bounded whatever clients create: past a cap, the least recently used
// session or conversation goes (1% of the cap at once, so eviction is not paid per request).
struct StoreLimits {
  std::int64_t max_sessions = 100000;
  std::int64_t max_conversations = 100000;
};

// The store cannot answer now (Redis down or slow): the server answers 503 with Retry-After.
struct StoreUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A saved session with the version it was read at (0: none yet).
struct VersionedSession {
  std::optional<std::string> json;
  std::int64_t version = 0;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  virtual std::optional<std::string> load(const std::string& key) = 0;
  virtual void save(const std::string& key, const std::string& session_json, std::int64_t now) = 0;
  // A turn is a read-modify-write of one session. Where several processes share the store
  // (Redis), save_if saves only if nobody saved since `version` was read, and the turn is taken
  // again otherwise; one process serializes turns per session itself, so plain save is enough.
  virtual VersionedSession load_versioned(const std::string& key) { return {load(key), 0}; }
  virtual bool save_if(const std::string& key, const std::string& json, std::int64_t version, std::int64_t now) {
    (void)version;
    save(key, json, now);
    return true;
  }
  virtual int expire(std::int64_t older_than) = 0;
  // Direct Line: activities of a conversation, numbered from 0; read `limit` at most from `from`.
  virtual std::int64_t append_activity(const std::string& conversation, const std::string& json, std::int64_t now) = 0;
  virtual std::vector<std::string> activities(const std::string& conversation, std::int64_t from, std::int64_t limit) = 0;
  virtual bool has_conversation(const std::string& conversation) = 0;
  virtual std::int64_t activity_count(const std::string& conversation) = 0;
};

std::unique_ptr<SessionStore> memory_store(StoreLimits limits = {});
std::unique_ptr<SessionStore> sqlite_store(Database db, StoreLimits limits = {});
struct RedisAddress;
// Keys under `coach:`; sessions and conversations live `idle_expiry` seconds after their last use.
std::unique_ptr<SessionStore> redis_store(const RedisAddress& address, StoreLimits limits, int idle_expiry);

}  // namespace coach::app
