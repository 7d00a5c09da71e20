// `coach serve --web`: the coach in a chat page at /, served by the coach itself (web/, compiled
// in; no CDN, nothing from elsewhere). The page speaks Direct Line like any other client (a
// conversation token, the WebSocket stream, polling when WebSockets are blocked); POST
// /web/token stands in for the token server a website would run, trading nothing for a token
// to a new conversation, since the page is public by choice. Pages are sent with a strict
// Content-Security-Policy. Tested in tests/clients/web_page.browser.js (Chromium).
#include <ctime>
#include <nlohmann/json.hpp>

#include "server.hpp"
#include "web_assets.hpp"

namespace coach::app {
namespace {

const web::Asset* find_asset(const std::string& name) {
  for (const web::Asset* a = web::kAssets; a->name; ++a)
    if (name == a->name) return a;
  return nullptr;
}

void send_asset(const web::Asset& a, http::Response& res) {
  res.status = 200;
  res.set_content(std::string(a.data, a.size), a.type);
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
                 "base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
}

}  // namespace

void install_web_routes(Server& s) {
  s.route("/", "GET", [](const http::Request&, http::Response& res) {
    if (const auto* page = find_asset("index.html")) return send_asset(*page, res);
    Server::send_error(res, 404, "not_found", "no chat page in this build");
  });
  s.route("/web/([A-Za-z0-9_-]+\\.[a-z]+)", "GET", [](const http::Request& req, http::Response& res) {
    if (const auto* a = find_asset(req.matches[1])) return send_asset(*a, res);
    Server::send_error(res, 404, "not_found", "no such file");
  });
  s.route("/web/token", "POST", [&s](const http::Request&, http::Response& res) {
    const auto& tokens = *s.tokens();
    const std::string id = random_hex(16);
    Server::send_json(res, 200, nlohmann::ordered_json{{"conversationId", id},
                                                       {"token", tokens.issue(id, std::time(nullptr))},
                                                       {"expires_in", tokens.ttl()}}
                                    .dump());
  });
}

}  // namespace coach::app
