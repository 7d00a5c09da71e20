// Starting and stopping the server: SIGTERM/SIGINT stop it gracefully (requests in
// flight finish), SIGHUP reloads rules and scripts. Tested in tests/clients.
#include "serve_cmd.hpp"

#include <signal.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "load.hpp"
#include "redis_client.hpp"
#include "coach_options.hpp"

namespace coach::app {

void add_serve(CLI::App& app, ServeOptions& opts) {
  auto* cmd = app.add_subcommand("serve", "HTTP server: /v1, the Rasa REST channel, Direct Line (polling and WebSocket), a chat page");
  cmd->add_option("--host", opts.host, "Address to bind")->capture_default_str();
  cmd->add_option("--port", opts.port, "Port (0: any free port)")->capture_default_str();
  cmd->add_option("--threads", opts.threads, "Worker threads that run requests (0: one per core; I/O is asynchronous)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  cmd->add_option("--max-connections", opts.max_connections, "Open connections at most; past it: 503 and close")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
      ->capture_default_str();
  cmd->add_option("--token", opts.token, "Require 'Authorization: Bearer TOKEN' (or set COACH_TOKEN)");
  cmd->add_option("--token-file", opts.token_file, "Read the bearer token from the file's first line (not visible in ps)")
      ->excludes("--token");
  cmd->add_option("--token-ttl", opts.token_ttl, "Seconds a Direct Line conversation token lives")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{7} * 24 * 3600))
      ->capture_default_str();
  cmd->add_option("--db", opts.db, "SQLite file for conversations (default: $XDG_DATA_HOME/coach/coach.db)");
  cmd->add_option("--sessions", opts.sessions,
                  "Where conversations live: sqlite, memory, or redis://HOST:PORT[/DB] (shared by several workers)")
      ->check([](const std::string& v) -> std::string {
        if (v == "sqlite" || v == "memory") return {};
        std::string error;
        return parse_redis_url(v, error) ? std::string() : error;
      })
      ->capture_default_str();
  cmd->add_option("--idle-expiry", opts.idle_expiry, "Seconds before an idle conversation is dropped")->capture_default_str();
  cmd->add_flag("--session-keys", opts.session_keys,
                "/v1 and Rasa: a session is its id plus the client's own secret (session_key), not the id alone");
  cmd->add_option("--max-body", opts.max_body, "Largest request body in bytes")->capture_default_str();
  cmd->add_option("--max-sessions", opts.limits.max_sessions, "Sessions kept at most; past it the least recently used go")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-conversations", opts.limits.max_conversations,
                  "Direct Line conversations kept at most; past it the least recently used go")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-activities", opts.max_activities, "Activities per Direct Line conversation")
      ->check(CLI::Range(std::int64_t{4}, std::int64_t{1} << 40))
      ->capture_default_str();
  cmd->add_option("--cors-origin", opts.cors_origins,
                  "Let pages on this origin (https://example.org, or *) call Direct Line and /v1; repeatable");
  cmd->add_flag("--web", opts.web, "Serve the coach in a chat page at / (anyone who reaches the server can chat)");
  cmd->add_flag("--quiet", opts.quiet, "No access log");
  cmd->add_flag("--log-messages", opts.log_messages, "Put request bodies, message text included, in the log");
  add_coach_options(cmd, opts.language, opts.rules_dir, opts.dialogs_dir);
}

int run_serve(const ServeOptions& given) {
  ServeOptions opts = given;
  if (!opts.token_file.empty()) {
    std::ifstream in(opts.token_file);
    std::getline(in, opts.token);
    opts.token.erase(opts.token.find_last_not_of(" \t\r") + 1);  // npos + 1 == 0: all blank
    if (opts.token.empty()) {
      std::cerr << "coach: cannot read a token from " << opts.token_file << "\n";
      return 2;
    }
  }
  if (opts.token.empty())
    if (const char* t = std::getenv("COACH_TOKEN")) opts.token = t;
  auto loaded = load_coach(opts.rules_dir, opts.dialogs_dir, opts.language);
  if (!loaded) return 1;
  std::unique_ptr<SessionStore> store;
  std::unique_ptr<Fanout> fanout;
  if (opts.sessions == "memory") {
    store = memory_store(opts.limits);
  } else if (opts.sessions.rfind("redis://", 0) == 0) {
    std::string error;
    const auto address = parse_redis_url(opts.sessions, error);
    store = redis_store(*address, opts.limits, opts.idle_expiry);
    fanout = redis_fanout(*address);
    // Without a secret, each process would sign Direct Line tokens with a key of its own, and a
    // token from one worker would be refused by the next: the workers share one random key.
    if (opts.token.empty()) {
      try {
        RedisPool pool(*address);
        pool.command({"SET", "coach:token-key", random_hex(32), "NX"});
        opts.token_key = pool.command({"GET", "coach:token-key"}).str();
      } catch (const StoreUnavailable& e) {
        std::cerr << "coach: " << e.what() << "\n";
        return 1;
      }
    }
  } else {
    std::string err;
    auto db = Database::open(opts.db.empty() ? Database::default_path() : std::filesystem::path(opts.db), err);
    if (!db) {
      std::cerr << "coach: " << err << "\n";
      return 1;
    }
    store = sqlite_store(std::move(*db), opts.limits);
  }

  // Signals go to one thread that waits for them; the workers never see them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  // Each connection is a file descriptor: take the hard limit, and keep the cap under it.
  if (rlimit fd{}; getrlimit(RLIMIT_NOFILE, &fd) == 0) {
    fd.rlim_cur = fd.rlim_max;
    setrlimit(RLIMIT_NOFILE, &fd);
    getrlimit(RLIMIT_NOFILE, &fd);
    if (fd.rlim_cur != RLIM_INFINITY && fd.rlim_cur > 128)
      opts.max_connections = std::min<std::size_t>(opts.max_connections, fd.rlim_cur - 64);
  }
  Server server(opts, std::make_shared<const Coach>(std::move(*loaded)), std::move(store), std::move(fanout));
  if (!server.bind()) {
    std::cerr << "coach: cannot listen on " << opts.host << ":" << opts.port << "\n";
    return 1;
  }
  std::cerr << "coach: listening on http://" << opts.host << ":" << server.port() << "\n";
  if (opts.web) std::cerr << "coach: the chat page is at http://" << opts.host << ":" << server.port() << "/\n";
  std::cerr << std::flush;
  std::thread signals([&] {
    for (;;) {
      int sig = 0;
      sigwait(&set, &sig);
      if (sig == SIGHUP) {
        std::string report;
        const bool ok = server.reload(report);
        std::cerr << report << "coach: " << (ok ? "reloaded" : "reload failed; the old rules and scripts stay") << "\n";
        continue;
      }
      server.stop();
      return;
    }
  });
  server.serve();
  if (signals.joinable()) {
    pthread_kill(signals.native_handle(), SIGTERM);  // if serve() ended on its own
    signals.join();
  }
  std::cerr << "coach: stopped\n";
  return 0;
}

}  // namespace coach::app
