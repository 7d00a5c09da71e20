// Where `coach serve` keeps conversations: saved sessions and Direct Line activities,
// behind a small interface (SQLite by default: session_store_sqlite.cpp; memory for throwaway
// use: session_store_memory.cpp) so another backend can be added. Thread-safe.
// Tested in tests/clients (server tests) and tests/hostile.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
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

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  virtual std::optional<std::string> load(const std::string& key) = 0;
  virtual void save(const std::string& key, const std::string& session_json, std::int64_t now) = 0;
  virtual int expire(std::int64_t older_than) = 0;
  // Direct Line: activities of a conversation, numbered from 0; read `limit` at most from `from`.
  virtual std::int64_t append_activity(const std::string& conversation, const std::string& json, std::int64_t now) = 0;
  virtual std::vector<std::string> activities(const std::string& conversation, std::int64_t from, std::int64_t limit) = 0;
  virtual bool has_conversation(const std::string& conversation) = 0;
  virtual std::int64_t activity_count(const std::string& conversation) = 0;
};

std::unique_ptr<SessionStore> memory_store(StoreLimits limits = {});
std::unique_ptr<SessionStore> sqlite_store(Database db, StoreLimits limits = {});

}  // namespace coach::app
