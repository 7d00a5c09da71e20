// `coach serve`: the HTTP front end. The transport is http_listener.cpp (Boost.Beast, asynchronous,
// with limits); this file is the route table, auth, errors and the access log; the Coach sits
// behind an atomically swapped pointer (hot reload); conversations in a SessionStore.
// Routes: http_api.cpp (/healthz, /v1, the Rasa REST channel, /admin) and
// directline.cpp (Bot Framework Direct Line 3.0, polling). Tested in tests/clients.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <regex>
#include <vector>

#include "coach/coach.hpp"
#include "cors.hpp"
#include "directline_streams.hpp"
#include "directline_tokens.hpp"
#include "fanout.hpp"
#include "http_listener.hpp"
#include "session_store.hpp"

namespace coach::app {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 5005;
  int threads = 0;   // workers that run handlers; 0: one per core (I/O has its own thread or two)
  std::size_t max_connections = 10000;
  std::string token;            // bearer token; empty: no auth (loopback use)
  std::string token_file;       // the token's first line (keeps it out of ps)
  bool session_keys = false;    // /v1 and Rasa sessions also need the client's own secret
  std::int64_t token_ttl = 1800;  // seconds a Direct Line conversation token lives
  std::string token_key;        // what tokens are signed with when there is no secret (workers share it)
  std::string db;               // SQLite file (default: Database::default_path())
  std::string sessions = "sqlite";  // or "memory"
  int idle_expiry = 24 * 3600;  // seconds without a turn before a session is dropped
  std::size_t max_body = 1u << 20;
  StoreLimits limits;                       // sessions and Direct Line conversations kept at most
  std::int64_t max_activities = 2000;       // per Direct Line conversation
  std::size_t max_activity_bytes = 64u << 10;  // one stored Direct Line activity
  bool quiet = false;           // no access log
  bool log_messages = false;    // request bodies (message text) in the log: off by default
  std::string language = "en", rules_dir, dialogs_dir;
  std::vector<std::string> cors_origins;  // pages on these origins may call Direct Line and /v1
  bool web = false;                       // the chat page at /
};

class Server {
 public:
  // `fanout`: how news reaches the other workers sharing the store (none given: this process only).
  Server(ServeOptions opts, std::shared_ptr<const Coach> coach, std::unique_ptr<SessionStore> store,
         std::unique_ptr<Fanout> fanout = nullptr);
  ~Server();

  // Binds (port 0: any free port) and serves until stop(); returns false if binding failed.
  bool bind();
  int port() const { return port_; }
  void serve();
  void stop() { listener_.stop(); }
  // Reloads rules and scripts; a broken set keeps the old one. Diagnostics in `report`.
  // `announce`: tell the other workers sharing the store to reload too.
  bool reload(std::string& report, bool announce = true);

  std::shared_ptr<const Coach> coach() const;
  // Loads the session for `key`, takes the turn, saves it: serialized per key.
  // `time_zone`: the user's IANA zone when the client says it (kept in the session), else "".
  Turn take_turn(const std::string& key, const std::string& text, Mode mode, const std::string& time_zone = {});

  const ServeOptions& options() const { return opts_; }
  SessionStore& store() { return *store_; }

  // Runs the handler a request would reach, without a socket (for the HTTP fuzz target):
  // the same route table, the same handlers, the same error bodies.
  http::Response dispatch(const std::string& method, const std::string& path, const std::string& body,
                          const std::string& content_type);

  // Helpers for the route files.
  static void send_json(http::Response& res, int status, const std::string& body);
  static void send_error(http::Response& res, int status, const std::string& code, const std::string& message);
  // Adds a route (a regex over the decoded path); any other method on a known path gets a 405
  // with an Allow header.
  void route(const std::string& pattern, const std::string& method, http::Handler handler);
  bool authorized(const http::Request& req, http::Response& res) const;
  bool json_body(const http::Request& req, http::Response& res) const;  // 415 unless JSON
  // A WebSocket route: the handler refuses (an HTTP error) or accepts with stream handlers.
  void on_upgrade(const std::string& pattern, std::function<http::Upgrade(http::Request&)> handler);
  const CorsPolicy& cors() const { return cors_; }
  // Direct Line conversation tokens (keyed from the secret): Direct Line and the chat page.
  const std::shared_ptr<DirectLineTokens>& tokens() const { return tokens_; }
  StreamHub& streams() { return *streams_; }
  Fanout& fanout() { return *fanout_; }

 private:
  ServeOptions opts_;
  mutable std::mutex coach_mu_;
  std::shared_ptr<const Coach> coach_;
  std::unique_ptr<SessionStore> store_;
  struct Route {
    std::string source;
    std::regex pattern;
    std::map<std::string, http::Handler> methods;
  };
  std::vector<Route> routes_;
  std::vector<std::pair<std::regex, std::function<http::Upgrade(http::Request&)>>> upgrades_;
  CorsPolicy cors_;
  std::shared_ptr<DirectLineTokens> tokens_;
  std::unique_ptr<StreamHub> streams_;
  std::unique_ptr<Fanout> fanout_;
  http::Response handle(http::Request& req);  // the route table: 404, 405, or the handler
  static void store_unavailable(http::Response& res);  // 503 with Retry-After
  http::Upgrade upgrade(http::Request& req);  // the WebSocket routes
  http::Response options(const http::Request& req, const std::map<std::string, http::Handler>& methods) const;
  http::Listener listener_;
  std::array<std::mutex, 64> key_locks_;
  int port_ = 0;
  std::atomic<std::int64_t> last_expiry_{0};
};

void install_api_routes(Server& server);
void install_directline_routes(Server& server);
void install_web_routes(Server& server);  // --web: the chat page (web_page.cpp)

}  // namespace coach::app
