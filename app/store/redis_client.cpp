// The Redis client: see redis_client.hpp.
#include "redis_client.hpp"

#include <hiredis/hiredis.h>

#include <charconv>

#include "session_store.hpp"

namespace coach::app {
namespace {

timeval to_timeval(std::chrono::milliseconds ms) {
  return timeval{static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

[[noreturn]] void unavailable(const std::string& what) { throw StoreUnavailable("redis: " + what); }

}  // namespace

std::optional<RedisAddress> parse_redis_url(const std::string& url, std::string& error) {
  if (url.rfind("rediss://", 0) == 0) {
    error = "rediss:// (TLS) needs hiredis 1.0 or later with SSL; this build has " + std::to_string(HIREDIS_MAJOR) +
            "." + std::to_string(HIREDIS_MINOR) + ": use redis:// on a private network or a TLS tunnel";
    return std::nullopt;
  }
  if (url.rfind("redis://", 0) != 0) {
    error = "a Redis address is redis://HOST[:PORT][/DB]";
    return std::nullopt;
  }
  RedisAddress a;
  std::string_view rest = std::string_view(url).substr(8);
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    const auto db = rest.substr(slash + 1);
    const auto [end, ec] = std::from_chars(db.data(), db.data() + db.size(), a.db);
    if (db.empty() || ec != std::errc{} || end != db.data() + db.size() || a.db < 0 || a.db > 15) {
      error = "the Redis database is a number from 0 to 15";
      return std::nullopt;
    }
    rest = rest.substr(0, slash);
  }
  if (rest.find('@') != std::string_view::npos) {
    error = "a user or password in the Redis address is not supported; keep Redis on a private network";
    return std::nullopt;
  }
  // HOST, HOST:PORT, [V6], [V6]:PORT
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) {
      error = "an IPv6 host is written [ADDRESS]";
      return std::nullopt;
    }
    a.host = std::string(rest.substr(1, close - 1));
    if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
  } else if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    a.host = std::string(rest.substr(0, colon));
    port = rest.substr(colon + 1);
  } else if (!rest.empty()) {
    a.host = std::string(rest);
  }
  if (!port.empty()) {
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), a.port);
    if (ec != std::errc{} || end != port.data() + port.size() || a.port < 1 || a.port > 65535) {
      error = "the Redis port is a number from 1 to 65535";
      return std::nullopt;
    }
  }
  if (a.host.empty()) {
    error = "the Redis address has no host";
    return std::nullopt;
  }
  return a;
}

bool RedisReply::nil() const { return !reply || reply->type == REDIS_REPLY_NIL; }
std::int64_t RedisReply::integer() const {
  if (reply && reply->type == REDIS_REPLY_INTEGER) return reply->integer;
  if (reply && reply->type == REDIS_REPLY_STRING) {
    std::int64_t v = 0;
    std::from_chars(reply->str, reply->str + reply->len, v);
    return v;
  }
  return 0;
}
std::string RedisReply::str() const {
  if (reply && (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS)) return {reply->str, reply->len};
  return {};
}
std::size_t RedisReply::size() const { return reply && reply->type == REDIS_REPLY_ARRAY ? reply->elements : 0; }
RedisReply RedisReply::at(std::size_t i) const {
  // The element lives as long as the array: share its ownership.
  return RedisReply{std::shared_ptr<redisReply>(reply, reply->element[i])};
}

RedisPool::RedisPool(RedisAddress address, std::chrono::milliseconds timeout)
    : address_(std::move(address)), timeout_(timeout) {}

RedisPool::~RedisPool() {
  for (auto* c : idle_) redisFree(c);
}

redisContext* RedisPool::connect_raw(bool with_timeout) const {
  redisContext* c = redisConnectWithTimeout(address_.host.c_str(), address_.port, to_timeval(timeout_));
  if (!c) return nullptr;
  if (c->err || (with_timeout && redisSetTimeout(c, to_timeval(timeout_)) != REDIS_OK)) {
    redisFree(c);
    return nullptr;
  }
  if (address_.db != 0) {
    const std::string db = std::to_string(address_.db);
    auto* r = static_cast<redisReply*>(redisCommand(c, "SELECT %s", db.c_str()));
    const bool ok = r && r->type == REDIS_REPLY_STATUS;
    if (r) freeReplyObject(r);
    if (!ok) {
      redisFree(c);
      return nullptr;
    }
  }
  return c;
}

void RedisPool::drop_idle() {
  std::lock_guard lock(mu_);
  for (auto* c : idle_) redisFree(c);
  idle_.clear();
}

redisContext* RedisPool::take(bool& fresh) {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto* c = idle_.back();
      idle_.pop_back();
      fresh = false;
      return c;
    }
  }
  fresh = true;
  auto* c = connect_raw(true);
  if (!c) unavailable("cannot connect to " + address_.host + ":" + std::to_string(address_.port));
  return c;
}

void RedisPool::give_back(redisContext* c, bool healthy) {
  if (!healthy || c->err) return redisFree(c);
  std::lock_guard lock(mu_);
  idle_.push_back(c);
}

RedisReply RedisPool::command(const std::vector<std::string_view>& args) { return pipeline({args}).front(); }

std::vector<RedisReply> RedisPool::pipeline(const std::vector<std::vector<std::string_view>>& commands) {
  bool fresh = false;
  redisContext* c = take(fresh);
  std::vector<RedisReply> out;
  bool healthy = true;
  for (const auto& args : commands) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lens;
    for (auto a : args) argv.push_back(a.data()), lens.push_back(a.size());
    if (redisAppendCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lens.data()) != REDIS_OK) healthy = false;
  }
  std::string error;
  for (std::size_t i = 0; healthy && i < commands.size(); ++i) {
    void* r = nullptr;
    if (redisGetReply(c, &r) != REDIS_OK || !r) {
      healthy = false;
      error = c->errstr;
      // A pooled connection that Redis closed while it sat idle (a restart): nothing reached
      // the new server, so the others are stale too; drop them and send once more, fresh.
      if (!fresh && i == 0 && c->err == REDIS_ERR_EOF) {
        redisFree(c);
        drop_idle();
        return pipeline(commands);
      }
      break;
    }
    RedisReply reply{std::shared_ptr<redisReply>(static_cast<redisReply*>(r), freeReplyObject)};
    if (reply.reply->type == REDIS_REPLY_ERROR && error.empty()) error = std::string(reply.reply->str, reply.reply->len);
    out.push_back(std::move(reply));
  }
  give_back(c, healthy);
  if (!healthy) unavailable(error.empty() ? "the connection failed" : error);
  if (!error.empty()) unavailable(error);  // an error reply: a bug or a Redis in trouble (OOM, loading)
  return out;
}

}  // namespace coach::app
