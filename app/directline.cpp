// Bot Framework Direct Line 3.0, the polling subset that botframework-directlinejs and
// Web Chat use: start a conversation, post an activity, poll with a watermark. The bot's
// reply carries the analysis in channelData. Tested by tests/clients (directlinejs).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <random>

#include "coach/json_limits.hpp"
#include "coach/json_fields.hpp"
#include "server.hpp"

namespace coach::app {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

const std::string kBase = "/v3/directline";

std::string random_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng()),
                static_cast<unsigned long long>(rng()));
  return buf;
}

std::string timestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03lldZ", buf, static_cast<long long>(ms));
  return out;
}

std::string activity_id(const std::string& conversation, std::int64_t seq) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%07lld", static_cast<long long>(seq));
  return conversation + "|" + buf;
}

ojson conversation_json(const std::string& id, const std::string& token) {
  return {{"conversationId", id}, {"token", token}, {"expires_in", 1800}, {"streamUrl", nullptr}};
}

std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

// Stores an activity, giving it its id and conversation; returns the id.
std::string store_activity(Server& s, const std::string& conversation, ojson activity) {
  // The store numbers activities; ids are derived from that number when read back.
  activity["channelId"] = "directline";
  activity["conversation"] = {{"id", conversation}};
  activity["timestamp"] = timestamp();
  const std::int64_t seq = s.store().append_activity(conversation, activity.dump(), now());
  return activity_id(conversation, seq);
}

}  // namespace

void install_directline_routes(Server& s) {
  auto start = [&s](const httplib::Request& req, httplib::Response& res) {
    if (!s.authorized(req, res)) return;
    const std::string id = random_id();
    store_activity(s, id, ojson{{"type", "conversationUpdate"},
                                {"membersAdded", ojson::array({ojson{{"id", "coach"}, {"name", "Coach"}}})},
                                {"from", {{"id", "coach"}, {"name", "Coach"}, {"role", "bot"}}}});
    Server::send_json(res, 201, conversation_json(id, random_id()).dump());
  };
  s.route(kBase + "/conversations", "POST", start);
  s.route(kBase + "/tokens/generate", "POST", start);
  s.route(kBase + "/tokens/refresh", "POST", [&s](const httplib::Request& req, httplib::Response& res) {
    if (!s.authorized(req, res)) return;
    Server::send_json(res, 200, ojson{{"token", random_id()}, {"expires_in", 1800}}.dump());
  });

  // Reconnect: the conversation itself.
  s.route(kBase + "/conversations/([0-9a-f]+)", "GET", [&s](const httplib::Request& req, httplib::Response& res) {
    if (!s.authorized(req, res)) return;
    const std::string id = req.matches[1];
    if (!s.store().has_conversation(id)) return Server::send_error(res, 404, "not_found", "no such conversation");
    Server::send_json(res, 200, conversation_json(id, random_id()).dump());
  });

  s.route(kBase + "/conversations/([0-9a-f]+)/activities", "GET", [&s](const httplib::Request& req, httplib::Response& res) {
    if (!s.authorized(req, res)) return;
    const std::string id = req.matches[1];
    if (!s.store().has_conversation(id)) return Server::send_error(res, 404, "not_found", "no such conversation");
    std::int64_t from = 0;
    if (req.has_param("watermark")) {
      const std::string w = req.get_param_value("watermark");
      try {
        from = w.empty() ? 0 : std::stoll(w);
      } catch (...) {
        return Server::send_error(res, 400, "bad_request", "watermark is a number");
      }
    }
    ojson out{{"activities", ojson::array()}};
    std::int64_t seq = from;
    for (const auto& a : s.store().activities(id, from)) {
      ojson act = ojson::parse(a);
      act["id"] = activity_id(id, seq++);
      out["activities"].push_back(std::move(act));
    }
    out["watermark"] = std::to_string(seq);
    Server::send_json(res, 200, out.dump(-1, ' ', false, ojson::error_handler_t::replace));
  });

  s.route(kBase + "/conversations/([0-9a-f]+)/activities", "POST", [&s](const httplib::Request& req, httplib::Response& res) {
    if (!s.authorized(req, res) || !s.json_body(req, res)) return;
    const std::string id = req.matches[1];
    if (!s.store().has_conversation(id)) return Server::send_error(res, 404, "not_found", "no such conversation");
    if (json_too_deep(req.body)) return Server::send_error(res, 400, "too_deep", "JSON nested more than 64 levels");
    auto in = json::parse(req.body, nullptr, false);
    if (in.is_discarded() || !in.is_object()) return Server::send_error(res, 400, "bad_json", "the body is an activity object");
    const auto type_field = optional_string(in, "type", "message");
    if (!type_field) return Server::send_error(res, 400, "bad_request", "\"type\" is a string");
    const std::string type = *type_field;
    ojson user = ojson::parse(in.dump());
    user["type"] = type;
    if (!user.contains("from") || !user["from"].is_object()) user["from"] = {{"id", "user"}};
    const std::string user_id = store_activity(s, id, user);
    if (type == "message") {
      if (!in.contains("text") || !in["text"].is_string())
        return Server::send_error(res, 400, "bad_request", "a message activity needs \"text\"");
      Mode mode = Mode::sending;
      if (marked_received(in, "channelData")) mode = Mode::received;
      const Turn t = s.take_turn("dl:" + id, in["text"].get<std::string>(), mode);
      store_activity(s, id, ojson{{"type", "message"},
                                  {"from", {{"id", "coach"}, {"name", "Coach"}, {"role", "bot"}}},
                                  {"text", t.reply},
                                  {"replyToId", user_id},
                                  {"channelData", ojson::parse(to_json(t))}});
    }
    Server::send_json(res, 200, ojson{{"id", user_id}}.dump());
  });
}

}  // namespace coach::app
