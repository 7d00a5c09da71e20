// A small synchronous Redis client over hiredis for the Redis session store and fan-out:
// `redis://HOST:PORT[/DB]` parsed, a pool of connections (hiredis contexts are not thread-safe,
// so each command borrows one), bounded connect and command timeouts, and every failure (Redis
// down, slow, or answering an error) raised as StoreUnavailable, which the server turns into 503
// with Retry-After. A broken connection is dropped and the next command connects afresh, so a
// worker recovers by itself when Redis comes back. Tested in tests/scale (a real redis-server).
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct redisContext;
struct redisReply;

namespace coach::app {

struct RedisAddress {
  std::string host = "127.0.0.1";
  int port = 6379;
  int db = 0;
};
// Parses redis://HOST[:PORT][/DB]; an error message when it cannot (rediss:// needs TLS, which the
// hiredis of Debian 12 does not have).
std::optional<RedisAddress> parse_redis_url(const std::string& url, std::string& error);

// A reply, freed when it goes.
struct RedisReply {
  std::shared_ptr<redisReply> reply;
  bool nil() const;
  std::int64_t integer() const;
  std::string str() const;
  std::size_t size() const;  // an array's elements
  RedisReply at(std::size_t i) const;
};


class RedisPool {
 public:
  explicit RedisPool(RedisAddress address, std::chrono::milliseconds timeout = std::chrono::milliseconds(1000));
  ~RedisPool();
  // One command; throws StoreUnavailable when Redis cannot answer it.
  RedisReply command(const std::vector<std::string_view>& args);
  // Commands sent together and answered in order (one round trip).
  std::vector<RedisReply> pipeline(const std::vector<std::vector<std::string_view>>& commands);
  const RedisAddress& address() const { return address_; }
  std::chrono::milliseconds timeout() const { return timeout_; }
  // A fresh connection of its own (for SUBSCRIBE, which takes a connection over); nullptr if none.
  redisContext* connect_raw(bool with_timeout) const;

 private:
  RedisAddress address_;
  std::chrono::milliseconds timeout_;
  std::mutex mu_;
  std::vector<redisContext*> idle_;
  redisContext* take(bool& fresh);  // fresh: connected now, not from the pool
  void drop_idle();
  void give_back(redisContext* c, bool healthy);
};

}  // namespace coach::app
