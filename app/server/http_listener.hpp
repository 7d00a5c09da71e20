// The server's transport: HTTP/1.1 over Boost.Beast and Asio, asynchronous, so no client can tie
// it up. Every connection has deadlines (its request header, its body, its reply, the wait for
// the next request on a kept-alive connection); connections are capped (past the cap: 503 and
// close); the header is capped in bytes (431) and the body after decoding too (413, chunked or
// not); a body in any Content-Encoding is refused (415) rather than inflated; `Expect:
// 100-continue` is answered only when the body is acceptable; pipelined requests are answered in
// order; a POST without a body is an empty body. Handlers run on a worker pool, never on the I/O
// threads. A WebSocket upgrade is offered to the server (Hooks::upgrade), which refuses it with an
// HTTP error or takes the socket as an Outlet to push text frames to (websocket_session.cpp).
// Tested in tests/hostile (each limit against a real socket) and tests/clients.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
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
  std::size_t stream_queue_bytes = 4u << 20;  // a WebSocket's frames not yet written; past it: closed
  std::chrono::seconds stream_idle_timeout{60};  // pinged at half, closed when nothing comes back
};

// A WebSocket the server pushes text frames to. Thread-safe: frames are queued and written in
// order; a client that lets more than Limits::stream_queue_bytes pile up is disconnected.
class Outlet {
 public:
  virtual ~Outlet() = default;
  virtual void send(std::string text) = 0;
  virtual std::size_t queued_bytes() const = 0;
  virtual bool is_open() const = 0;
  virtual void close() = 0;  // a close frame, "going away"
};

// What the server does with an accepted WebSocket; each runs on a worker thread.
struct StreamHandlers {
  std::function<void(std::shared_ptr<Outlet>)> opened;  // after the handshake
  std::function<void()> drained;                       // the queue emptied
  std::function<void()> closed;                        // once, however it ended
};

// The server's answer to an upgrade request: `accept`, or `refusal` (an HTTP error) without it.
struct Upgrade {
  Response refusal;
  std::optional<StreamHandlers> accept;
};

// What the listener needs from the server.
struct Hooks {
  std::function<Response(Request&)> handle;  // runs on a worker thread; may throw (500)
  std::function<Response(int status, const std::string& code, const std::string& message)> error;
  std::function<void(const Request&, const Response&)> log;  // empty: no log
  std::function<Upgrade(Request&)> upgrade;                  // a WebSocket upgrade; runs on a worker
  std::function<void(const Request&, Response&)> decorate;   // every response, refusals too (CORS)
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
               // and WebSockets close (1 s at most)

 private:
  std::unique_ptr<ListenerState> impl_;
};

}  // namespace coach::app::http
