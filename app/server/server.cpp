// Server core: the route table, sessions per key, hot reload, auth, errors and the access log.
// Tested in tests/clients/test_server.py and tests/hostile.
#include "server.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <regex>
#include <thread>
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

// No route is longer than this; a longer path gets 414 before any regex sees it (std::regex
// recurses once per character, which a path of 10,000 characters turns into a deep stack).
constexpr std::size_t kMaxPathBytes = 1024;

// Direct Line WebSockets one conversation may have open (a page in a few tabs, reconnects).
constexpr std::size_t kStreamsPerConversation = 8;

// A Direct Line conversation id is enough to read the conversation on an open server: the log
// keeps the route, not the id.
std::string redact_ids(const std::string& path) {
  if (path.size() > kMaxPathBytes) return path.substr(0, 64) + "...";
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

namespace {

http::Limits limits_of(const ServeOptions& o) {
  http::Limits l;
  l.body_bytes = o.max_body;
  l.max_connections = o.max_connections;
  // One worker per core by default: more only queue on the same cores and cost wake-ups (eight
  // on two cores served a third fewer requests at 1,000 connections). One I/O thread up to four
  // cores, two above.
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  l.workers = o.threads > 0 ? o.threads : cores;
  l.io_threads = cores <= 4 ? 1 : 2;
  return l;
}

http::Response error_response(int status, const std::string& code, const std::string& message) {
  http::Response res;
  Server::send_error(res, status, code, message);
  return res;
}

// Paths and statuses only: message text reaches the log only with --log-messages.
std::function<void(const http::Request&, const http::Response&)> access_log(const ServeOptions& o) {
  if (o.quiet) return {};
  return [log_messages = o.log_messages](const http::Request& req, const http::Response& res) {
    std::string line = escaped(req.method) + " " + escaped(redact_ids(req.path), true) + " " + std::to_string(res.status);
    if (log_messages) line += " " + escaped(req.body);
    write_log_line(line + "\n");
  };
}

}  // namespace

Server::Server(ServeOptions opts, std::shared_ptr<const Coach> coach, std::unique_ptr<SessionStore> store,
               std::unique_ptr<Fanout> fanout)
    : opts_(std::move(opts)), coach_(std::move(coach)), store_(std::move(store)), cors_(opts_.cors_origins),
      tokens_(std::make_shared<DirectLineTokens>(opts_.token.empty() ? opts_.token_key : opts_.token, opts_.token_ttl)),
      streams_(std::make_unique<StreamHub>(*store_, kStreamsPerConversation)), fanout_(fanout ? std::move(fanout) : local_fanout()),
      listener_(limits_of(opts_),
                http::Hooks{[this](http::Request& req) { return handle(req); }, error_response, access_log(opts_),
                            [this](http::Request& req) { return upgrade(req); },
                            [this](const http::Request& req, http::Response& res) { cors_.decorate(req, res); }}) {
  install_api_routes(*this);
  install_directline_routes(*this);
  if (opts_.web) install_web_routes(*this);
  fanout_->start(Fanout::Handlers{
      [this](const std::string& c) { streams_->publish(c); },
      [this](const std::string& c, const std::string& a) { streams_->ephemeral(c, a); },
      [this] {
        std::string report;
        const bool ok = reload(report, false);
        std::cerr << report << "coach: " << (ok ? "reloaded, as another worker did" : "reload failed; the old set stays")
                  << "\n";
      },
      [this] { streams_->publish_all(); }});
}

Server::~Server() { fanout_->stop(); }

void Server::on_upgrade(const std::string& pattern, std::function<http::Upgrade(http::Request&)> handler) {
  upgrades_.emplace_back(std::regex(pattern), std::move(handler));
}

http::Upgrade Server::upgrade(http::Request& req) {
  http::Upgrade up;
  try {
    if (req.path.size() <= kMaxPathBytes && req.method == "GET")
      for (const auto& [pattern, handler] : upgrades_)
        if (std::regex_match(req.path, req.matches, pattern)) return handler(req);
  } catch (const StoreUnavailable&) {
    store_unavailable(up.refusal);
    return up;
  }
  send_error(up.refusal, 404, "not_found", "no WebSocket here");
  return up;
}

void Server::route(const std::string& pattern, const std::string& method, http::Handler handler) {
  auto it = std::find_if(routes_.begin(), routes_.end(), [&](const Route& r) { return r.source == pattern; });
  if (it == routes_.end()) it = routes_.insert(routes_.end(), Route{pattern, std::regex(pattern), {}});
  it->methods[method] = std::move(handler);
}

// OPTIONS on a known path: a CORS preflight (on the routes pages may call), or the methods.
http::Response Server::options(const http::Request& req, const std::map<std::string, http::Handler>& methods) const {
  std::string allow;
  for (const auto& [m, _] : methods) allow += (allow.empty() ? "" : ", ") + m;
  if (!req.get_header_value("Origin").empty() && !req.get_header_value("Access-Control-Request-Method").empty() &&
      CorsPolicy::applies_to(req.path))
    return cors_.preflight(req, allow);
  http::Response res;
  res.status = 204;
  res.set_header("Allow", allow + ", OPTIONS");
  return res;
}

http::Response Server::handle(http::Request& req) {
  http::Response res;
  if (req.path.size() > kMaxPathBytes) {
    send_error(res, 414, "uri_too_long", "a path is at most " + std::to_string(kMaxPathBytes) + " bytes");
    return res;
  }
  for (const Route& r : routes_) {
    if (!std::regex_match(req.path, req.matches, r.pattern)) continue;
    auto it = r.methods.find(req.method);
    if (req.method == "OPTIONS" && it == r.methods.end()) return options(req, r.methods);
    if (it == r.methods.end()) {
      std::string allow;
      for (const auto& [m, _] : r.methods) allow += (allow.empty() ? "" : ", ") + m;
      res.set_header("Allow", allow);
      send_error(res, 405, "method_not_allowed", "use " + allow + " here");
      return res;
    }
    try {
      it->second(req, res);
    } catch (const StoreUnavailable&) {
      res = http::Response();
      store_unavailable(res);
    }
    return res;
  }
  send_error(res, 404, "not_found", "no such endpoint");
  return res;
}

// The store (Redis) cannot answer within its timeout: try again soon, nothing was half done
// that a retry would repeat (a turn is saved with a compare-and-set).
void Server::store_unavailable(http::Response& res) {
  res.set_header("Retry-After", "1");
  send_error(res, 503, "store_unavailable", "the conversation store cannot be reached; try again in a moment");
}

http::Response Server::dispatch(const std::string& method, const std::string& path, const std::string& body,
                                const std::string& content_type) {
  http::Request req;
  req.method = method;
  req.target = path;
  req.body = body;
  if (!content_type.empty()) req.set_header("Content-Type", content_type);
  if (body.size() > opts_.max_body) return error_response(413, "too_large", "the request body is too large");
  if (!http::parse_target(path, req)) return error_response(400, "bad_request", "malformed request target");
  try {
    return handle(req);
  } catch (...) {
    return error_response(500, "internal", "the server could not handle this request");
  }
}

bool Server::bind() {
  if (!listener_.bind(opts_.host, opts_.port)) return false;
  port_ = listener_.port();
  return port_ > 0;
}

void Server::serve() { listener_.run(); }

std::shared_ptr<const Coach> Server::coach() const {
  std::lock_guard lock(coach_mu_);
  return coach_;
}

bool Server::reload(std::string& report, bool announce) {
  CoachLoad loaded = load_checked(opts_.rules_dir, opts_.dialogs_dir, opts_.language);
  report = format(loaded.diagnostics);
  if (!loaded.coach) return false;
  auto fresh = std::make_shared<const Coach>(std::move(*loaded.coach));
  {
    std::lock_guard lock(coach_mu_);
    coach_ = std::move(fresh);  // requests in flight keep the set they started with
  }
  if (announce) fanout_->reload();
  return true;
}

Turn Server::take_turn(const std::string& key, const std::string& text, Mode mode, const std::string& time_zone) {
  const auto c = coach();
  const std::int64_t t = now();
  // Sweep idle conversations now and then (at most once a minute, or once per expiry period).
  const std::int64_t every = std::min<std::int64_t>(60, std::max(1, opts_.idle_expiry));
  if (t - last_expiry_.load() >= every) {
    last_expiry_ = t;
    store_->expire(t - opts_.idle_expiry);
  }
  std::lock_guard lock(key_locks_[std::hash<std::string>{}(key) % key_locks_.size()]);
  // Another worker may take a turn on this session at the same moment (a shared store): the
  // save is a compare-and-set, and the loser takes its turn again on what the winner saved.
  for (int attempt = 0; attempt < 16; ++attempt) {
    const VersionedSession saved = store_->load_versioned(key);
    Session session(std::hash<std::string>{}(key));
    if (saved.json)
      if (auto r = c->restore(*saved.json); r.session) session = std::move(*r.session);
    if (!time_zone.empty()) session.time_zone = time_zone;
    Turn turn = c->turn(session, text, mode, t);
    if (store_->save_if(key, session.to_json(), saved.version, t)) return turn;  // saved before the reply goes out
  }
  throw StoreUnavailable("the session kept changing under this turn");
}

void Server::send_json(http::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void Server::send_error(http::Response& res, int status, const std::string& code, const std::string& message) {
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

bool Server::authorized(const http::Request& req, http::Response& res) const {
  if (opts_.token.empty()) return true;
  if (same_secret(req.get_header_value("Authorization"), "Bearer " + opts_.token)) return true;
  res.set_header("WWW-Authenticate", "Bearer");
  send_error(res, 401, "unauthorized", "a valid bearer token is required");
  return false;
}

bool Server::json_body(const http::Request& req, http::Response& res) const {
  if (req.get_header_value("Content-Type").find("application/json") != std::string::npos) return true;
  send_error(res, 415, "unsupported_media_type", "send the body as application/json");
  return false;
}

}  // namespace coach::app
