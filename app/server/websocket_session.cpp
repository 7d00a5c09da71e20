// A server-push WebSocket: see websocket_session.hpp.
#include "websocket_session.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <mutex>

#include "listener_state.hpp"

namespace coach::app::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

class WebSocketSession : public Outlet, public std::enable_shared_from_this<WebSocketSession> {
 public:
  WebSocketSession(net::ip::tcp::socket socket, ListenerState& l, StreamHandlers h)
      : ws_(std::move(socket)), l_(l), h_(std::move(h)) {
    ++l_.connections;
  }
  ~WebSocketSession() override { --l_.connections; }

  void start(beast::flat_buffer buffer, beast::http::request<beast::http::string_body> req) {
    buffer_ = std::move(buffer);
    beast::get_lowest_layer(ws_).expires_never();  // the websocket's own timeouts from here on
    websocket::stream_base::timeout t{};
    t.handshake_timeout = l_.limits.body_timeout;
    t.idle_timeout = l_.limits.stream_idle_timeout;
    t.keep_alive_pings = true;
    ws_.set_option(t);
    ws_.read_message_max(64u << 10);  // clients send keep-alives, nothing large
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "coach"); }));
    auto request = std::make_shared<beast::http::request<beast::http::string_body>>(std::move(req));
    ws_.async_accept(*request, [self = shared_from_this(), request](beast::error_code ec) {
      if (ec) return self->finish();
      self->open_ = true;
      {
        std::lock_guard lock(self->l_.streams_mu);
        self->l_.streams.insert(self->weak_from_this());
      }
      net::post(self->l_.workers, [self] {
        if (self->h_.opened) self->h_.opened(self);
      });
      self->read();
    });
  }

  void send(std::string text) override {
    std::lock_guard lock(mu_);
    if (!open_) return;
    if (queued_ + text.size() > l_.limits.stream_queue_bytes) {
      // A client that does not read: let it reconnect and resume from its watermark.
      open_ = false;
      net::post(ws_.get_executor(), [self = shared_from_this()] { self->abort(); });
      return;
    }
    queued_ += text.size();
    queue_.push_back(std::move(text));
    if (writing_) return;
    writing_ = true;
    net::post(ws_.get_executor(), [self = shared_from_this()] { self->write_next(); });
  }

  std::size_t queued_bytes() const override {
    std::lock_guard lock(mu_);
    return queued_;
  }
  bool is_open() const override { return open_; }

  void close() override {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
      if (!self->open_.exchange(false)) return;
      self->ws_.async_close(websocket::close_code::going_away, [self](beast::error_code) { self->finish(); });
    });
  }

 private:
  websocket::stream<beast::tcp_stream> ws_;
  ListenerState& l_;
  StreamHandlers h_;
  beast::flat_buffer buffer_;
  mutable std::mutex mu_;  // the queue
  std::deque<std::string> queue_;
  std::size_t queued_ = 0;
  bool writing_ = false;
  std::atomic<bool> open_{false};
  std::atomic<bool> finished_{false};

  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->finish();
      self->buffer_.consume(self->buffer_.size());
      self->read();
    });
  }

  // On the session's strand: one write at a time, the front of the queue.
  void write_next() {
    const std::string* front;
    {
      std::lock_guard lock(mu_);
      front = &queue_.front();  // deque references stay valid while others are pushed at the back
    }
    ws_.text(true);
    ws_.async_write(net::buffer(*front), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->finish();
      bool more = false;
      {
        std::lock_guard lock(self->mu_);
        self->queued_ -= self->queue_.front().size();
        self->queue_.pop_front();
        more = !self->queue_.empty();
        self->writing_ = more;
      }
      if (more) return self->write_next();
      net::post(self->l_.workers, [self] {
        if (self->h_.drained && self->open_) self->h_.drained();
      });
    });
  }

  void abort() {
    beast::error_code ec;
    beast::get_lowest_layer(ws_).socket().close(ec);
    finish();
  }

  void finish() {
    open_ = false;
    if (finished_.exchange(true)) return;
    {
      std::lock_guard lock(l_.streams_mu);
      l_.streams.erase(weak_from_this());
    }
    net::post(l_.workers, [self = shared_from_this()] {
      if (self->h_.closed) self->h_.closed();
    });
  }
};

}  // namespace

void start_websocket(net::ip::tcp::socket socket, beast::flat_buffer buffer,
                     beast::http::request<beast::http::string_body> request, ListenerState& state,
                     StreamHandlers handlers) {
  std::make_shared<WebSocketSession>(std::move(socket), state, std::move(handlers))
      ->start(std::move(buffer), std::move(request));
}

}  // namespace coach::app::http
