// Bot Framework Direct Line 3.0, the polling subset that botframework-directlinejs and
// Web Chat use: start a conversation, post an activity, poll with a watermark. The bot's
// reply carries the analysis in channelData. A conversation is reached with the server secret or
// with a token issued for it (directline_tokens.hpp), never with another conversation's token.
// Tested by tests/clients (directlinejs) and tests/hostile.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>

#include "coach/json_limits.hpp"
#include "coach/json_fields.hpp"
#include "directline_tokens.hpp"
#include "json_splice.hpp"
#include "server.hpp"

namespace coach::app {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

const std::string kBase = "/v3/directline";

std::string new_conversation_id() { return random_hex(16); }  // 128 bits from the CSPRNG

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

std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

ojson conversation_json(const DirectLineTokens& tokens, const std::string& id) {
  return {{"conversationId", id}, {"token", tokens.issue(id, now())}, {"expires_in", tokens.ttl()}, {"streamUrl", nullptr}};
}

std::string bearer_of(const http::Request& req) {
  const std::string h = req.get_header_value("Authorization");
  return h.rfind("Bearer ", 0) == 0 ? h.substr(7) : std::string();
}

// A request that carries a conversation token: the conversation it grants, or an error sent.
std::optional<std::string> token_conversation(const DirectLineTokens& tokens, const http::Request& req,
                                              http::Response& res) {
  if (auto conv = tokens.conversation_of(bearer_of(req), now())) return conv;
  res.set_header("WWW-Authenticate", "Bearer");
  Server::send_error(res, 401, "unauthorized", "the token is invalid or has expired");
  return std::nullopt;
}

// Who may touch conversation `id`: the server secret (anyone when there is none), or a token
// issued for that very conversation.
bool may_access(Server& s, const DirectLineTokens& tokens, const http::Request& req, http::Response& res,
                const std::string& id) {
  if (!DirectLineTokens::looks_like_token(bearer_of(req))) return s.authorized(req, res);
  const auto conv = token_conversation(tokens, req, res);
  if (conv && *conv != id) Server::send_error(res, 403, "forbidden", "the token is for another conversation");
  return conv && *conv == id;
}

// Stores an activity, giving it its id and conversation; returns the id.
// `channel_data`, when given, is JSON text added as "channelData" without re-parsing it.
std::string store_activity(Server& s, const std::string& conversation, ojson activity,
                           std::string_view channel_data = {}) {
  // The store numbers activities; ids are derived from that number when read back.
  activity["channelId"] = "directline";
  activity["conversation"] = {{"id", conversation}};
  activity["timestamp"] = timestamp();
  std::string text = activity.dump();
  if (!channel_data.empty()) text = with_member(std::move(text), "channelData", channel_data);
  const std::int64_t seq = s.store().append_activity(conversation, text, now());
  return activity_id(conversation, seq);
}

void start_conversation(Server& s, const std::string& id) {
  store_activity(s, id, ojson{{"type", "conversationUpdate"},
                              {"membersAdded", ojson::array({ojson{{"id", "coach"}, {"name", "Coach"}}})},
                              {"from", {{"id", "coach"}, {"name", "Coach"}, {"role", "bot"}}}});
}

}  // namespace

void install_directline_routes(Server& s) {
  const auto tokens = std::make_shared<DirectLineTokens>(s.options().token, s.options().token_ttl);
  // With the secret: a new conversation. With a token from tokens/generate: that token's
  // conversation, started now (or resumed if it was started before).
  s.route(kBase + "/conversations", "POST", [&s, tokens](const http::Request& req, http::Response& res) {
    std::string id;
    if (DirectLineTokens::looks_like_token(bearer_of(req))) {
      const auto conv = token_conversation(*tokens, req, res);
      if (!conv) return;
      id = *conv;
    } else {
      if (!s.authorized(req, res)) return;
      id = new_conversation_id();
    }
    const bool fresh = !s.store().has_conversation(id);
    if (fresh) start_conversation(s, id);
    Server::send_json(res, fresh ? 201 : 200, conversation_json(*tokens, id).dump());
  });
  // The secret stays on the server: it buys a token for a conversation not yet started.
  s.route(kBase + "/tokens/generate", "POST", [&s, tokens](const http::Request& req, http::Response& res) {
    if (DirectLineTokens::looks_like_token(bearer_of(req)))
      return Server::send_error(res, 403, "forbidden", "a conversation token cannot generate tokens");
    if (!s.authorized(req, res)) return;
    const std::string id = new_conversation_id();
    Server::send_json(res, 200, ojson{{"conversationId", id}, {"token", tokens->issue(id, now())},
                                      {"expires_in", tokens->ttl()}}.dump());
  });
  s.route(kBase + "/tokens/refresh", "POST", [tokens](const http::Request& req, http::Response& res) {
    if (!DirectLineTokens::looks_like_token(bearer_of(req)))
      return Server::send_error(res, 403, "forbidden", "refresh takes a conversation token, not the secret");
    const auto conv = token_conversation(*tokens, req, res);
    if (!conv) return;
    Server::send_json(res, 200, ojson{{"conversationId", *conv}, {"token", tokens->issue(*conv, now())},
                                      {"expires_in", tokens->ttl()}}.dump());
  });

  // Reconnect: the conversation itself.
  s.route(kBase + "/conversations/([0-9a-f]+)", "GET", [&s, tokens](const http::Request& req, http::Response& res) {
    const std::string id = req.matches[1];
    if (!may_access(s, *tokens, req, res, id)) return;
    if (!s.store().has_conversation(id)) return Server::send_error(res, 404, "not_found", "no such conversation");
    Server::send_json(res, 200, conversation_json(*tokens, id).dump());
  });

  s.route(kBase + "/conversations/([0-9a-f]+)/activities", "GET", [&s, tokens](const http::Request& req, http::Response& res) {
    const std::string id = req.matches[1];
    if (!may_access(s, *tokens, req, res, id)) return;
    if (!s.store().has_conversation(id)) return Server::send_error(res, 404, "not_found", "no such conversation");
    std::int64_t from = 0;
    if (req.has_param("watermark")) {
      const std::string w = req.get_param_value("watermark");
      try {
        from = w.empty() ? 0 : std::stoll(w);
      } catch (...) {
        return Server::send_error(res, 400, "bad_request", "watermark is a number");
      }
      if (from < 0) return Server::send_error(res, 400, "bad_request", "watermark is not negative");
    }
    // Stored activities are written out as stored, each given its id.
    std::string out = R"({"activities":[)";
    std::int64_t seq = from;
    for (const auto& a : s.store().activities(id, from)) {
      if (seq != from) out += ',';
      out += with_member(a, "id", ojson(activity_id(id, seq++)).dump());
    }
    out += R"(],"watermark":)" + ojson(std::to_string(seq)).dump() + "}";
    Server::send_json(res, 200, out);
  });

  s.route(kBase + "/conversations/([0-9a-f]+)/activities", "POST", [&s, tokens](const http::Request& req, http::Response& res) {
    const std::string id = req.matches[1];
    if (!may_access(s, *tokens, req, res, id) || !s.json_body(req, res)) return;
    if (!s.store().has_conversation(id)) return Server::send_error(res, 404, "not_found", "no such conversation");
    if (json_too_deep(req.body)) return Server::send_error(res, 400, "too_deep", "JSON nested more than 64 levels");
    auto in = json::parse(req.body, nullptr, false);
    if (in.is_discarded() || !in.is_object()) return Server::send_error(res, 400, "bad_json", "the body is an activity object");
    const auto type_field = optional_string(in, "type", "message");
    if (!type_field) return Server::send_error(res, 400, "bad_request", "\"type\" is a string");
    const std::string type = *type_field;
    const std::string stored = in.dump();
    if (stored.size() > s.options().max_activity_bytes)
      return Server::send_error(res, 413, "too_large", "an activity is stored up to " +
                                                          std::to_string(s.options().max_activity_bytes) + " bytes");
    // Room for this activity and the coach's reply, or the conversation is full.
    if (s.store().activity_count(id) + 2 > s.options().max_activities)
      return Server::send_error(res, 403, "conversation_full", "this conversation is full: start a new one");
    ojson user = ojson::parse(stored);
    user["type"] = type;
    if (!user.contains("from") || !user["from"].is_object()) user["from"] = {{"id", "user"}};
    const std::string user_id = store_activity(s, id, user);
    if (type == "message") {
      if (!in.contains("text") || !in["text"].is_string())
        return Server::send_error(res, 400, "bad_request", "a message activity needs \"text\"");
      Mode mode = Mode::sending;
      if (marked_received(in, "channelData")) mode = Mode::received;
      // Web Chat puts the browser's zone on every activity: break times in the user's clock.
      std::string zone;
      if (in.contains("localTimezone") && in["localTimezone"].is_string() &&
          time_zone_name(in["localTimezone"].get<std::string>()))
        zone = in["localTimezone"].get<std::string>();
      const Turn t = s.take_turn("dl:" + id, in["text"].get<std::string>(), mode, zone);
      store_activity(s, id, ojson{{"type", "message"},
                                  {"from", {{"id", "coach"}, {"name", "Coach"}, {"role", "bot"}}},
                                  {"text", t.reply},
                                  {"replyToId", user_id}},
                     to_json(t));
    }
    Server::send_json(res, 200, ojson{{"id", user_id}}.dump());
  });
}

}  // namespace coach::app
