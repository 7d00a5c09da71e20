// Fan-out between workers: see fanout.hpp. One channel, `coach:events`; a message is
// "a <conversation>", "t <conversation> <activity JSON>" or "r <worker>". A thread per worker
// holds the subscription and reconnects (every 200 ms at most) while Redis is away; back, it
// asks for a resync. Publishing never fails a request: the activity is in the store already.
#include <hiredis/hiredis.h>
#include <sys/socket.h>

#include <atomic>
#include <random>
#include <mutex>
#include <thread>

#include "fanout.hpp"
#include "redis_client.hpp"
#include "session_store.hpp"

namespace coach::app {
namespace {

const std::string kChannel = "coach:events";

class LocalFanout : public Fanout {
 public:
  void start(Handlers h) override { h_ = std::move(h); }
  void activity(const std::string& c) override {
    if (h_.activity) h_.activity(c);
  }
  void typing(const std::string& c, const std::string& a) override {
    if (h_.typing) h_.typing(c, a);
  }
  void reload() override {}  // one process: nobody else to tell

 private:
  Handlers h_;
};

class RedisFanout : public Fanout {
 public:
  explicit RedisFanout(const RedisAddress& address) : pool_(address), me_(std::to_string(std::random_device{}())) {}
  ~RedisFanout() override { stop(); }

  void start(Handlers h) override {
    h_ = std::move(h);
    thread_ = std::thread([this] { listen(); });
  }
  void activity(const std::string& c) override { publish("a " + c); }
  void typing(const std::string& c, const std::string& a) override { publish("t " + c + " " + a); }
  void reload() override { publish("r " + me_); }

  void stop() override {
    if (stopping_.exchange(true)) return;
    {
      std::lock_guard lock(mu_);
      if (sub_) shutdown(sub_->fd, SHUT_RDWR);  // wakes the blocked read
    }
    if (thread_.joinable()) thread_.join();
  }

 private:
  RedisPool pool_;
  std::string me_;
  Handlers h_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  redisContext* sub_ = nullptr;

  void publish(const std::string& message) {
    try {
      pool_.command({"PUBLISH", kChannel, message});
    } catch (const StoreUnavailable&) {
      // Subscribers resync when Redis is back; the activity itself is stored.
    }
  }

  void listen() {
    bool first = true;
    while (!stopping_) {
      redisContext* c = pool_.connect_raw(false);  // no read timeout: a subscription waits
      if (c) {
        auto* r = static_cast<redisReply*>(redisCommand(c, "SUBSCRIBE %s", kChannel.c_str()));
        if (r) freeReplyObject(r);
        if (r && !c->err) {
          {
            std::lock_guard lock(mu_);
            sub_ = c;
          }
          if (!first && h_.resync) h_.resync();
          first = false;
          read_messages(c);
          std::lock_guard lock(mu_);
          sub_ = nullptr;
        }
        redisFree(c);
      }
      for (int i = 0; i < 4 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  void read_messages(redisContext* c) {
    while (!stopping_) {
      void* raw = nullptr;
      if (redisGetReply(c, &raw) != REDIS_OK || !raw) return;
      std::unique_ptr<redisReply, void (*)(void*)> r(static_cast<redisReply*>(raw), freeReplyObject);
      if (r->type != REDIS_REPLY_ARRAY || r->elements != 3 || r->element[2]->type != REDIS_REPLY_STRING) continue;
      dispatch(std::string(r->element[2]->str, r->element[2]->len));
    }
  }

  void dispatch(const std::string& m) {
    if (m.size() < 3 || m[1] != ' ') return;
    const std::string rest = m.substr(2);
    try {
      if (m[0] == 'a' && h_.activity) h_.activity(rest);
      if (m[0] == 't' && h_.typing) {
        const auto space = rest.find(' ');
        if (space != std::string::npos) h_.typing(rest.substr(0, space), rest.substr(space + 1));
      }
      if (m[0] == 'r' && rest != me_ && h_.reload) h_.reload();
    } catch (const std::exception&) {
      // A handler that could not reach the store: the next news or the resync tries again.
    }
  }
};

}  // namespace

std::unique_ptr<Fanout> local_fanout() { return std::make_unique<LocalFanout>(); }
std::unique_ptr<Fanout> redis_fanout(const RedisAddress& address) { return std::make_unique<RedisFanout>(address); }

}  // namespace coach::app
