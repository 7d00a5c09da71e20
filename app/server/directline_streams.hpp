// Direct Line streaming: the WebSockets open on each conversation, and delivery to them. An
// activity stored in a conversation is published; each stream reads what it has not yet sent
// from the store, from its own watermark, so a stream opened late (or reopened after a drop
// with the watermark it had) gets everything in order, once. Delivery pauses while a client's
// queue is full and goes on when it drains. Ephemeral activities (typing) go to open streams
// only and are never stored. Tested in tests/clients/directline_stream.test.js.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http_listener.hpp"
#include "session_store.hpp"

namespace coach::app {

// Activities as Direct Line sends them: `{"activities":[...],"watermark":"N"}`, each stored
// activity given its id "<conversation>|<seq>".
std::string activity_id(const std::string& conversation, std::int64_t seq);
std::string activity_group(const std::string& conversation, std::int64_t from, const std::vector<std::string>& stored);

class StreamHub {
 public:
  StreamHub(SessionStore& store, std::size_t per_conversation);

  // Handlers for a new stream on `conversation` that starts after `watermark`, or nothing when
  // the conversation has as many streams as it may. The place is taken at once (not when the
  // handshake is done), so upgrades racing each other cannot pass the cap.
  std::optional<http::StreamHandlers> open(const std::string& conversation, std::int64_t watermark);
  // New activities were stored in `conversation`.
  void publish(const std::string& conversation);
  // Every open stream reads what it may have missed (news between workers was lost).
  void publish_all();
  // An activity (JSON object text) for the open streams only.
  void ephemeral(const std::string& conversation, const std::string& activity);

 private:
  struct Stream;
  SessionStore& store_;
  std::size_t per_conversation_;
  mutable std::mutex mu_;
  std::multimap<std::string, std::shared_ptr<Stream>> streams_;
  std::vector<std::shared_ptr<Stream>> of(const std::string& conversation) const;
  void deliver(Stream& s);
};

}  // namespace coach::app
