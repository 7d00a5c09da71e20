// Server core: sessions per key, hot reload, auth, errors and the access log.
// Tested in tests/clients/test_server.py.
#include "server.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cstdio>
#include <ctime>
#include <functional>
#include <regex>
#include <iostream>
#include <nlohmann/json.hpp>

#include "load.hpp"

namespace coach::app {
namespace {
std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

// A path decoded from %0a or %1b must not forge a log line or drive the terminal (and a path's
// spaces are escaped too, so every line splits into method, path and status).
std::string escaped(const std::string& s, bool space_too = false) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c != 0x7f && c != '\\' && !(space_too && c == ' ')) {
      out += static_cast<char>(c);
    } else {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

// A Direct Line conversation id is enough to read the conversation on an open server: the log
// keeps the route, not the id.
std::string redact_ids(const std::string& path) {
  static const std::regex id("/conversations/[0-9a-fA-F]{8,}");
  return std::regex_replace(path, id, "/conversations/{id}");
}

// One write per line, under a lock: lines from concurrent requests never interleave.
void write_log_line(const std::string& line) {
  static std::mutex mu;
  std::lock_guard lock(mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}
}  // namespace

Server::Server(ServeOptions opts, std::shared_ptr<const Coach> coach, std::unique_ptr<SessionStore> store)
    : opts_(std::move(opts)), coach_(std::move(coach)), store_(std::move(store)) {
  const int threads = std::max(1, opts_.threads);
  http_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  http_.set_payload_max_length(opts_.max_body);
  // cpp-httplib closes a keep-alive connection after 5 requests by default: bots keep
  // one open, so every 5th request would pay a new TCP handshake.
  http_.set_keep_alive_max_count(100000);
  // Replies go out as headers then body: without TCP_NODELAY, Nagle's algorithm and
  // delayed ACKs add ~40 ms to every keep-alive request. Accepted sockets inherit it.
  http_.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  });
  http_.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    switch (res.status) {
      case 404: send_error(res, 404, "not_found", "no such endpoint"); break;
      case 413: send_error(res, 413, "too_large", "the request body is too large"); break;
      case 414: send_error(res, 414, "uri_too_long", "the request URI is too long"); break;
      case 400: send_error(res, 400, "bad_request", "malformed request"); break;
      default: send_error(res, res.status, "error", "request failed"); break;
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  http_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send_error(res, 500, "internal", "the server could not handle this request");
  });
  if (!opts_.quiet)
    http_.set_logger([log_messages = opts_.log_messages](const httplib::Request& req, const httplib::Response& res) {
      // Paths and statuses only: message text reaches the log only with --log-messages.
      std::string line = escaped(req.method) + " " + escaped(redact_ids(req.path), true) + " " + std::to_string(res.status);
      if (log_messages) line += " " + escaped(req.body);
      write_log_line(line + "\n");
    });
  install_api_routes(*this);
  install_directline_routes(*this);
  install_routes();
}

void Server::route(const std::string& pattern, const std::string& method, httplib::Server::Handler handler) {
  routes_[pattern][method] = std::move(handler);
}

httplib::Response Server::dispatch(const std::string& method, const std::string& path, const std::string& body,
                                   const std::string& content_type) {
  httplib::Request req;
  req.method = method;
  req.path = path;
  req.body = body;
  if (!content_type.empty()) req.set_header("Content-Type", content_type);
  httplib::Response res;
  if (body.size() > opts_.max_body) {
    send_error(res, 413, "too_large", "the request body is too large");
    return res;
  }
  for (auto& [pattern, methods] : routes_) {
    std::smatch m;
    if (!std::regex_match(req.path, m, std::regex(pattern))) continue;
    req.matches = m;
    auto it = methods.find(method);
    if (it == methods.end()) {
      send_error(res, 405, "method_not_allowed", "wrong method");
      return res;
    }
    it->second(req, res);
    return res;
  }
  send_error(res, 404, "not_found", "no such endpoint");
  return res;
}

void Server::install_routes() {
  for (auto& entry : routes_) {  // named, not a structured binding: clang 14 cannot capture those
    const std::string& pattern = entry.first;
    auto& methods = entry.second;
    std::string allow;
    for (const auto& [m, _] : methods) allow += (allow.empty() ? "" : ", ") + m;
    auto not_allowed = [allow](const httplib::Request&, httplib::Response& res) {
      res.set_header("Allow", allow);
      send_error(res, 405, "method_not_allowed", "use " + allow + " here");
    };
    auto pick = [&](const char* m) {
      auto it = methods.find(m);
      return it != methods.end() ? it->second : httplib::Server::Handler(not_allowed);
    };
    http_.Get(pattern, pick("GET"));
    http_.Post(pattern, pick("POST"));
    http_.Put(pattern, pick("PUT"));
    http_.Delete(pattern, pick("DELETE"));
    http_.Patch(pattern, pick("PATCH"));
  }
}

bool Server::bind() {
  if (opts_.port == 0) port_ = http_.bind_to_any_port(opts_.host);
  else port_ = http_.bind_to_port(opts_.host, opts_.port) ? opts_.port : -1;
  return port_ > 0;
}

void Server::serve() { http_.listen_after_bind(); }

std::shared_ptr<const Coach> Server::coach() const {
  std::lock_guard lock(coach_mu_);
  return coach_;
}

bool Server::reload(std::string& report) {
  CoachLoad loaded = Coach::load(opts_.rules_dir, opts_.dialogs_dir, opts_.language);
  report = format(loaded.diagnostics);
  if (!loaded.coach) return false;
  auto fresh = std::make_shared<const Coach>(std::move(*loaded.coach));
  std::lock_guard lock(coach_mu_);
  coach_ = std::move(fresh);  // requests in flight keep the set they started with
  return true;
}

Turn Server::take_turn(const std::string& key, const std::string& text, Mode mode) {
  const auto c = coach();
  const std::int64_t t = now();
  // Sweep idle conversations now and then (at most once a minute, or once per expiry period).
  const std::int64_t every = std::min<std::int64_t>(60, std::max(1, opts_.idle_expiry));
  if (t - last_expiry_.load() >= every) {
    last_expiry_ = t;
    store_->expire(t - opts_.idle_expiry);
  }
  std::lock_guard lock(key_locks_[std::hash<std::string>{}(key) % key_locks_.size()]);
  Session session(std::hash<std::string>{}(key));
  if (auto saved = store_->load(key))
    if (auto r = c->restore(*saved); r.session) session = std::move(*r.session);
  Turn turn = c->turn(session, text, mode, t);
  store_->save(key, session.to_json(), t);  // saved before the reply goes out
  return turn;
}

void Server::send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void Server::send_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  send_json(res, status, nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump());
}

namespace {

// Compares in time that depends only on the lengths, so the token cannot be guessed
// byte by byte from response times.
bool same_secret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i % (b.empty() ? 1 : b.size())]);
  return diff == 0 && !b.empty();
}

}  // namespace

bool Server::authorized(const httplib::Request& req, httplib::Response& res) const {
  if (opts_.token.empty()) return true;
  if (same_secret(req.get_header_value("Authorization"), "Bearer " + opts_.token)) return true;
  res.set_header("WWW-Authenticate", "Bearer");
  send_error(res, 401, "unauthorized", "a valid bearer token is required");
  return false;
}

bool Server::json_body(const httplib::Request& req, httplib::Response& res) const {
  if (req.get_header_value("Content-Type").find("application/json") != std::string::npos) return true;
  send_error(res, 415, "unsupported_media_type", "send the body as application/json");
  return false;
}

}  // namespace coach::app
