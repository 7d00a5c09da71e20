// Bot Framework Direct Line 3.0 as botframework-directlinejs and Web Chat use it: start a
// conversation, post an activity, and read the conversation by polling with a watermark or on the
// WebSocket at its streamUrl (directline_streams.hpp: the user's own activity echoed, a typing
// indicator while the coach composes, resumed from a watermark). The bot's reply is written for
// the channel (channel_reply.hpp: Markdown, suggestedActions) and carries the analysis in
// channelData. A conversation is reached with the server secret or with a token issued for it
// (directline_tokens.hpp), never with another conversation's token.
// Tested by tests/clients (directlinejs, ws, Web Chat in Chromium) and tests/hostile.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>

#include "coach/json_limits.hpp"
#include "coach/json_fields.hpp"
#include "channel_reply.hpp"
#include "directline_streams.hpp"
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

std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

constexpr std::int64_t kPollPage = 500;  // activities per poll at most; the watermark says where to go on

// The WebSocket address of a conversation, on the host the client reached us by (ws:, or wss:
// behind a TLS proxy that says so), or null when the Host header is not a plain host[:port].
ojson stream_url(const http::Request& req, const std::string& id, const std::string& token, std::int64_t watermark) {
  const std::string host = req.get_header_value("Host");
  const bool plain = !host.empty() && host.size() <= 255 &&
                     host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
                         std::string::npos;
  if (!plain) return nullptr;
  const bool tls = req.get_header_value("X-Forwarded-Proto") == "https";
  return (tls ? "wss://" : "ws://") + host + kBase + "/conversations/" + id + "/stream?watermark=" +
         std::to_string(watermark) + "&t=" + token;
}

ojson conversation_json(const DirectLineTokens& tokens, const http::Request& req, const std::string& id,
                        std::int64_t watermark = 0) {
  const std::string token = tokens.issue(id, now());
  return {{"conversationId", id}, {"token", token}, {"expires_in", tokens.ttl()},
          {"streamUrl", stream_url(req, id, token, watermark)}};
}

// A watermark parameter: absent, empty or "-" is the start.
std::optional<std::int64_t> watermark_of(const http::Request& req) {
  const std::string w = req.has_param("watermark") ? req.get_param_value("watermark") : "";
  if (w.empty() || w == "-") return 0;
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
  if (ec != std::errc{} || end != w.data() + w.size() || v < 0) return std::nullopt;
  return v;
}

const ojson kCoach = {{"id", "coach"}, {"name", "Coach"}, {"role", "bot"}};

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
                              {"from", kCoach}});
}

// The typing indicator a stream shows while the coach composes (never stored, as in the service).
std::string typing_activity(const std::string& conversation) {
  return ojson{{"type", "typing"}, {"id", conversation + "|typing"}, {"channelId", "directline"},
               {"conversation", {{"id", conversation}}}, {"from", kCoach}, {"timestamp", timestamp()}}
      .dump();
}

// The coach's answer to a message activity: the reply written for the channel, suggestions as
// buttons, the analysis in channelData.
void reply_to(Server& s, const std::string& id, const json& in, const std::string& user_id) {
  Mode mode = Mode::sending;
  if (marked_received(in, "channelData")) mode = Mode::received;
  // Web Chat puts the browser's zone on every activity: break times in the user's clock.
  std::string zone;
  if (in.contains("localTimezone") && in["localTimezone"].is_string() &&
      time_zone_name(in["localTimezone"].get<std::string>()))
    zone = in["localTimezone"].get<std::string>();
  s.fanout().typing(id, typing_activity(id));
  const Turn t = s.take_turn("dl:" + id, in["text"].get<std::string>(), mode, zone);
  ojson reply{{"type", "message"}, {"from", kCoach}, {"text", markdown_reply(t.reply)}, {"textFormat", "markdown"},
              {"replyToId", user_id}};
  if (auto actions = suggested_actions(*s.coach(), t); !actions.is_null()) {
    const bool named = in.contains("from") && in["from"].is_object() && in["from"].contains("id") &&
                       in["from"]["id"].is_string();
    actions["to"] = ojson::array({named ? in["from"]["id"].get<std::string>() : std::string("user")});
    reply["suggestedActions"] = std::move(actions);
  }
  store_activity(s, id, std::move(reply), to_json(t));
  s.fanout().activity(id);
}

void install_token_routes(Server& s, const std::shared_ptr<DirectLineTokens>& tokens) {
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
}

// The WebSocket of a conversation. A browser cannot set headers on a WebSocket, so the token
// comes in the URL (`t`, as the service does); other clients may send Authorization instead.
void install_stream(Server& s, const std::shared_ptr<DirectLineTokens>& tokens) {
  const std::string path = kBase + "/conversations/([0-9a-f]+)/stream";
  s.route(path, "GET", [](const http::Request&, http::Response& res) {
    Server::send_error(res, 426, "upgrade_required", "the stream is a WebSocket: open it with an Upgrade request");
  });
  s.on_upgrade(path, [&s, tokens](http::Request& req) {
    http::Upgrade up;
    const std::string id = req.matches[1];
    if (req.has_param("t") && req.get_header_value("Authorization").empty())
      req.set_header("Authorization", "Bearer " + req.get_param_value("t"));
    if (!s.cors().allows_websocket(req)) {
      Server::send_error(up.refusal, 403, "origin_not_allowed", "this origin may not open the stream; see --cors-origin");
      return up;
    }
    if (!may_access(s, *tokens, req, up.refusal, id)) return up;
    if (!s.store().has_conversation(id)) {
      Server::send_error(up.refusal, 404, "not_found", "no such conversation");
      return up;
    }
    const auto watermark = watermark_of(req);
    if (!watermark) {
      Server::send_error(up.refusal, 400, "bad_request", "watermark is a number that is not negative");
      return up;
    }
    up.accept = s.streams().open(id, *watermark);
    if (!up.accept)
      Server::send_error(up.refusal, 429, "too_many_streams", "this conversation has as many streams open as it may");
    return up;
  });
}

}  // namespace

void install_directline_routes(Server& s) {
  const auto tokens = s.tokens();
  install_token_routes(s, tokens);
  install_stream(s, tokens);
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
    Server::send_json(res, fresh ? 201 : 200, conversation_json(*tokens, req, id).dump());
  });

  // Reconnect: the conversation itself, with a new stream address from the client's watermark.
  s.route(kBase + "/conversations/([0-9a-f]+)", "GET", [&s, tokens](const http::Request& req, http::Response& res) {
    const std::string id = req.matches[1];
    if (!may_access(s, *tokens, req, res, id)) return;
    if (!s.store().has_conversation(id)) return Server::send_error(res, 404, "not_found", "no such conversation");
    const auto watermark = watermark_of(req);
    if (!watermark) return Server::send_error(res, 400, "bad_request", "watermark is a number that is not negative");
    Server::send_json(res, 200, conversation_json(*tokens, req, id, *watermark).dump());
  });

  s.route(kBase + "/conversations/([0-9a-f]+)/activities", "GET", [&s, tokens](const http::Request& req, http::Response& res) {
    const std::string id = req.matches[1];
    if (!may_access(s, *tokens, req, res, id)) return;
    if (!s.store().has_conversation(id)) return Server::send_error(res, 404, "not_found", "no such conversation");
    const auto from = watermark_of(req);
    if (!from) return Server::send_error(res, 400, "bad_request", "watermark is a number that is not negative");
    Server::send_json(res, 200, activity_group(id, *from, s.store().activities(id, *from, kPollPage)));
  });

  s.route(kBase + "/conversations/([0-9a-f]+)/activities", "POST", [&s, tokens](const http::Request& req, http::Response& res) {
    const std::string id = req.matches[1];
    if (!may_access(s, *tokens, req, res, id) || !s.json_body(req, res)) return;
    // A started conversation holds its conversationUpdate: no activities, no conversation.
    const std::int64_t count = s.store().activity_count(id);
    if (count == 0) return Server::send_error(res, 404, "not_found", "no such conversation");
    if (json_too_deep(req.body)) return Server::send_error(res, 400, "too_deep", "JSON nested more than 64 levels");
    auto in = json::parse(req.body, nullptr, false);
    if (in.is_discarded() || !in.is_object()) return Server::send_error(res, 400, "bad_json", "the body is an activity object");
    const auto type_field = optional_string(in, "type", "message");
    if (!type_field) return Server::send_error(res, 400, "bad_request", "\"type\" is a string");
    const std::string type = *type_field;
    if (type == "message" && (!in.contains("text") || !in["text"].is_string()))
      return Server::send_error(res, 400, "bad_request", "a message activity needs \"text\"");
    const std::string stored = in.dump();
    if (stored.size() > s.options().max_activity_bytes)
      return Server::send_error(res, 413, "too_large", "an activity is stored up to " +
                                                          std::to_string(s.options().max_activity_bytes) + " bytes");
    // Room for this activity and the coach's reply, or the conversation is full.
    if (count + 2 > s.options().max_activities)
      return Server::send_error(res, 403, "conversation_full", "this conversation is full: start a new one");
    ojson user = ojson::parse(stored);
    user["type"] = type;
    if (!user.contains("from") || !user["from"].is_object()) user["from"] = {{"id", "user"}};
    const std::string user_id = store_activity(s, id, user);
    s.fanout().activity(id);  // the user's own message echoed on the stream: Web Chat marks it sent
    if (type == "message") reply_to(s, id, in, user_id);
    Server::send_json(res, 200, ojson{{"id", user_id}}.dump());
  });
}

}  // namespace coach::app
