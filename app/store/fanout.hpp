// What one worker tells the others that share its store: new activities in a Direct Line
// conversation (so a stream open on another worker delivers them), a typing indicator, and a
// reload of rules and scripts. In one process (SQLite, memory) the news goes straight to the
// handlers; with Redis it goes through pub/sub to every worker, this one included
// (redis_fanout.cpp). Delivery is best effort: a stream reads what it missed from the store
// on the next news or when the subscription is back (`resync`).
// Tested in tests/clients (one process) and tests/scale/test_scale.py (Redis, two workers).
#pragma once
#include <functional>
#include <memory>
#include <string>

namespace coach::app {

struct RedisAddress;

class Fanout {
 public:
  struct Handlers {
    std::function<void(const std::string& conversation)> activity;
    std::function<void(const std::string& conversation, const std::string& activity_json)> typing;
    std::function<void()> reload;  // another worker reloaded
    std::function<void()> resync;  // news may have been missed (the subscription was down)
  };
  virtual ~Fanout() = default;
  virtual void start(Handlers handlers) = 0;
  virtual void activity(const std::string& conversation) = 0;
  virtual void typing(const std::string& conversation, const std::string& activity_json) = 0;
  virtual void reload() = 0;  // tell the other workers (not this one)
  virtual void stop() {}
};

std::unique_ptr<Fanout> local_fanout();
std::unique_ptr<Fanout> redis_fanout(const RedisAddress& address);

}  // namespace coach::app
