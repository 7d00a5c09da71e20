// Cross-origin access for pages on other sites (a chat widget embedded in a web page):
// `--cors-origin ORIGIN`, repeatable, none by default ("*" allows any origin). Only the routes
// a page talks to (Direct Line and /v1) take part. A preflight is answered 204 without auth,
// naming the route's methods; every answer on those routes, errors included, carries the allowed
// origin echoed back and `Vary: Origin`. A WebSocket handshake from another origin is held to the
// same list. Tested in tests/clients/test_server.py (CORS) and tests/clients/webchat.browser.js.
#pragma once
#include <string>
#include <vector>

#include "http_message.hpp"

namespace coach::app {

class CorsPolicy {
 public:
  explicit CorsPolicy(std::vector<std::string> origins);

  // Whether `path` is one a page on another origin may call.
  static bool applies_to(const std::string& path);
  bool allows(const std::string& origin) const;
  // A preflight for a known route with these methods: 204 with the access headers, or 403.
  http::Response preflight(const http::Request& req, const std::string& methods) const;
  // The headers every answer on a CORS route carries (the origin only when allowed).
  void decorate(const http::Request& req, http::Response& res) const;
  // A WebSocket handshake: no Origin (not a browser), the page's own host, or an allowed origin.
  bool allows_websocket(const http::Request& req) const;

 private:
  std::vector<std::string> origins_;
  bool any_ = false;
};

}  // namespace coach::app
