// Routes: /healthz, /v1/analyze, /v1/turn, the Rasa REST channel, /admin/reload.
// Tested in tests/clients/test_server.py and by Botium (tests/clients).
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

// The body as a JSON object, or a 400 with the reason.
std::optional<json> body_object(const http::Request& req, http::Response& res) {
  if (json_too_deep(req.body)) {
    Server::send_error(res, 400, "too_deep", "JSON nested more than 64 levels");
    return std::nullopt;
  }
  auto j = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    Server::send_error(res, 400, "bad_json", "the body is not valid JSON (UTF-8)");
    return std::nullopt;
  }
  if (!j.is_object()) {
    Server::send_error(res, 400, "bad_request", "the body is a JSON object");
    return std::nullopt;
  }
  return j;
}

std::optional<std::string> string_field(const json& j, const char* key, http::Response& res, bool required = true) {
  if (!j.contains(key)) {
    if (required) Server::send_error(res, 400, "bad_request", std::string("\"") + key + "\" is required");
    return required ? std::nullopt : std::optional<std::string>("");
  }
  if (!j[key].is_string()) {
    Server::send_error(res, 400, "bad_request", std::string("\"") + key + "\" is a string");
    return std::nullopt;
  }
  return j[key].get<std::string>();
}

// The store key of a /v1 or Rasa session. By default the id is the identity; with
// --session-keys it is the id and the client's secret together (stored hashed), so guessing an
// id opens only a fresh session of one's own. Nothing is sent on failure but a 400.
std::optional<std::string> session_store_key(const Server& s, const std::string& prefix, const std::string& id,
                                             const json& holder, http::Response& res) {
  if (!s.options().session_keys) return prefix + id;
  const json* k = holder.is_object() && holder.contains("session_key") ? &holder["session_key"] : nullptr;
  if (!k || !k->is_string() || k->get<std::string>().size() < 16) {
    Server::send_error(res, 400, "bad_request", "\"session_key\" (a secret of at least 16 characters) is required");
    return std::nullopt;
  }
  return prefix + id + ":" + sha256_hex(k->get<std::string>());
}

}  // namespace

void install_api_routes(Server& s) {
  s.route("/healthz", "GET", [&s](const http::Request&, http::Response& res) {
    const auto c = s.coach();
    Server::send_json(res, 200, ojson{{"status", "ok"}, {"language", c->engine().language()},
                                      {"fingerprint", c->fingerprint()}}.dump());
  });

  s.route("/v1/analyze", "POST", [&s](const http::Request& req, http::Response& res) {
    if (!s.authorized(req, res) || !s.json_body(req, res)) return;
    auto j = body_object(req, res);
    if (!j) return;
    auto text = string_field(*j, "text", res);
    if (!text) return;
    const auto c = s.coach();
    if (j->contains("language") && (*j)["language"] != c->engine().language())
      return Server::send_error(res, 400, "unsupported_language", "this server coaches in " + c->engine().language());
    const Analysis a = c->engine().analyze(*text);
    Server::send_json(res, 200, to_json(a, c->suggestions(a, static_cast<std::int64_t>(std::time(nullptr)))));
  });

  s.route("/v1/turn", "POST", [&s](const http::Request& req, http::Response& res) {
    if (!s.authorized(req, res) || !s.json_body(req, res)) return;
    auto j = body_object(req, res);
    if (!j) return;
    TurnRequest r;
    if (auto error = read_turn_request(*j, r)) return Server::send_error(res, 400, "bad_request", *error);
    const auto key = session_store_key(s, "v1:", r.session, *j, res);
    if (!key) return;
    Server::send_json(res, 200, to_json(s.take_turn(*key, r.text, r.mode, r.time_zone), {{"session", json(r.session).dump()}}));
  });

  // The Rasa REST channel: chat widgets and bot test tools (Botium) speak it unchanged.
  s.route("/webhooks/rest/", "GET", [](const http::Request&, http::Response& res) {
    Server::send_json(res, 200, R"({"status":"ok"})");
  });
  s.route("/webhooks/rest/webhook", "POST", [&s](const http::Request& req, http::Response& res) {
    if (!s.authorized(req, res) || !s.json_body(req, res)) return;
    auto j = body_object(req, res);
    if (!j) return;
    auto sender = string_field(*j, "sender", res);
    if (!sender) return;
    auto message = string_field(*j, "message", res);
    if (!message) return;
    Mode mode = Mode::sending;
    if (marked_received(*j, "metadata")) mode = Mode::received;
    const auto key = session_store_key(s, "rasa:", *sender, j->contains("metadata") ? (*j)["metadata"] : json(), res);
    if (!key) return;
    const Turn t = s.take_turn(*key, *message, mode);
    const auto dump = [](const ojson& j) { return j.dump(-1, ' ', false, ojson::error_handler_t::replace); };
    const std::string text = dump(ojson{{"recipient_id", *sender}, {"text", t.reply}});
    const std::string custom = with_member(dump(ojson{{"recipient_id", *sender}}), "custom", to_json(t));
    Server::send_json(res, 200, "[" + text + "," + custom + "]");
  });

  // Hot reload over HTTP, only when a token protects it.
  s.route("/admin/reload", "POST", [&s](const http::Request& req, http::Response& res) {
    if (s.options().token.empty()) return Server::send_error(res, 404, "not_found", "no such endpoint");
    if (!s.authorized(req, res)) return;
    std::string report;
    if (!s.reload(report)) {
      json diags = json::array();
      for (std::size_t p = 0, q; p < report.size(); p = q + 1) {
        q = report.find('\n', p);
        if (q == std::string::npos) q = report.size();
        if (q > p) diags.push_back(report.substr(p, q - p));
      }
      return Server::send_json(res, 422, json{{"error", {{"code", "reload_failed"},
                                                         {"message", "the new rules or scripts have errors; the old ones stay"}}},
                                              {"diagnostics", diags}}.dump());
    }
    Server::send_json(res, 200, json{{"reloaded", true}, {"fingerprint", s.coach()->fingerprint()}}.dump());
  });
}

}  // namespace coach::app
