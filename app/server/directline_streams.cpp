// Direct Line streaming: see directline_streams.hpp.
#include "directline_streams.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "json_splice.hpp"

namespace coach::app {
namespace {

constexpr std::int64_t kPage = 50;                 // activities read per group
constexpr std::size_t kHighWater = 1u << 20;       // a stream's queued bytes before delivery waits

}  // namespace

std::string activity_id(const std::string& conversation, std::int64_t seq) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%07lld", static_cast<long long>(seq));
  return conversation + "|" + buf;
}

std::string activity_group(const std::string& conversation, std::int64_t from, const std::vector<std::string>& stored) {
  std::string out = R"({"activities":[)";
  std::int64_t seq = from;
  for (const auto& a : stored) {
    if (seq != from) out += ',';
    out += with_member(a, "id", nlohmann::json(activity_id(conversation, seq++)).dump());
  }
  return out + R"(],"watermark":)" + nlohmann::json(std::to_string(seq)).dump() + "}";
}

struct StreamHub::Stream {
  std::string conversation;
  std::mutex mu;  // one delivery at a time, so groups go out in order and once
  std::int64_t next = 0;
  std::weak_ptr<http::Outlet> outlet;
};

StreamHub::StreamHub(SessionStore& store, std::size_t per_conversation)
    : store_(store), per_conversation_(per_conversation) {}

std::optional<http::StreamHandlers> StreamHub::open(const std::string& conversation, std::int64_t watermark) {
  auto s = std::make_shared<Stream>();
  s->conversation = conversation;
  s->next = watermark;
  {
    std::lock_guard lock(mu_);
    if (streams_.count(conversation) >= per_conversation_) return std::nullopt;
    streams_.emplace(conversation, s);  // delivers nothing until it has an outlet
  }
  http::StreamHandlers h;
  h.opened = [this, s](std::shared_ptr<http::Outlet> outlet) {
    {
      std::lock_guard lock(s->mu);
      s->outlet = outlet;
    }
    deliver(*s);
  };
  h.drained = [this, s] { deliver(*s); };
  h.closed = [this, s] {
    std::lock_guard lock(mu_);
    for (auto [it, end] = streams_.equal_range(s->conversation); it != end; ++it)
      if (it->second == s) {
        streams_.erase(it);
        break;
      }
  };
  return h;
}

std::vector<std::shared_ptr<StreamHub::Stream>> StreamHub::of(const std::string& conversation) const {
  std::vector<std::shared_ptr<Stream>> out;
  std::lock_guard lock(mu_);
  for (auto [it, end] = streams_.equal_range(conversation); it != end; ++it) out.push_back(it->second);
  return out;
}

void StreamHub::publish(const std::string& conversation) {
  for (const auto& s : of(conversation)) deliver(*s);
}

void StreamHub::publish_all() {
  std::vector<std::shared_ptr<Stream>> all;
  {
    std::lock_guard lock(mu_);
    for (const auto& [_, s] : streams_) all.push_back(s);
  }
  for (const auto& s : all) deliver(*s);
}

void StreamHub::ephemeral(const std::string& conversation, const std::string& activity) {
  const std::string group = R"({"activities":[)" + activity + "]}";
  for (const auto& s : of(conversation)) {
    std::lock_guard lock(s->mu);
    if (auto out = s->outlet.lock(); out && out->is_open()) out->send(group);
  }
}

void StreamHub::deliver(Stream& s) {
  std::lock_guard lock(s.mu);
  const auto out = s.outlet.lock();
  try {
    while (out && out->is_open() && out->queued_bytes() < kHighWater) {
      const auto page = store_.activities(s.conversation, s.next, kPage);
      if (page.empty()) return;
      out->send(activity_group(s.conversation, s.next, page));
      s.next += static_cast<std::int64_t>(page.size());
    }
  } catch (const StoreUnavailable&) {
    // The store is away: the next publish (or the resync once it is back) carries on from `next`.
  }
}

}  // namespace coach::app
