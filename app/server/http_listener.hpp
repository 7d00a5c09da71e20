// The server's transport: HTTP/1.1 over Boost.Beast and Asio, asynchronous, so no client can tie
// it up. Every connection has deadlines (its request header, its body, its reply, the wait for
// the next request on a kept-alive connection); connections are capped (past the cap: 503 and
// close); the header is capped in bytes (431) and the body after decoding too (413, chunked or
// not); a body in any Content-Encoding is refused (415) rather than inflated; `Expect:
// 100-continue` is answered only when the body is acceptable; pipelined requests are answered in
// order; a POST without a body is an empty body. Handlers run on a worker pool, never on the I/O
// threads. Tested in tests/hostile (each limit against a real socket) and tests/clients.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http_message.hpp"

namespace coach::app::http {

struct Limits {
  std::size_t header_bytes = 16u << 10;
  std::size_t body_bytes = 1u << 20;
  std::chrono::seconds header_timeout{15};  // a request's header, and the wait for the next one
  std::chrono::seconds body_timeout{30};    // a request's body, and writing its reply
  std::size_t max_connections = 10000;
  int io_threads = 2;
  int workers = 8;
};

// What the listener needs from the server.
struct Hooks {
  std::function<Response(Request&)> handle;  // runs on a worker thread; may throw (500)
  std::function<Response(int status, const std::string& code, const std::string& message)> error;
  std::function<void(const Request&, const Response&)> log;  // empty: no log
};

struct ListenerState;  // the io_context, acceptor and workers (http_listener.cpp)

class Listener {
 public:
  Listener(Limits limits, Hooks hooks);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  bool bind(const std::string& host, int port);  // port 0: any free port
  int port() const;
  void run();   // serves until stop()
  void stop();  // from any thread: stops accepting, lets requests in flight finish (10 s at most)

 private:
  std::unique_ptr<ListenerState> impl_;
};

}  // namespace coach::app::http
