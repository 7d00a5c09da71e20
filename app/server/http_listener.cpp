// The server's transport over Boost.Beast: see http_listener.hpp.
#include "http_listener.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <cctype>
#include <optional>
#include <thread>
#include <vector>

#include "listener_state.hpp"
#include "websocket_session.hpp"

namespace coach::app::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

namespace {

std::string lower(beast::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// One connection: read a header, check it, read the body, run the handler on a worker, write the
// reply, and (kept alive) read the next request, which may already be in the buffer (pipelining).
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, ListenerState& l) : stream_(std::move(socket)), l_(l) { ++l_.connections; }
  ~Session() { --l_.connections; }
  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

 private:
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  ListenerState& l_;

  void read_header() {
    if (l_.stopping) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(l_.limits.header_bytes, UINT32_MAX)));
    parser_->body_limit(l_.limits.body_bytes);
    stream_.expires_after(l_.limits.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) return refuse(431, "headers_too_large", "the request header is too large");
    if (ec == bhttp::error::body_limit) return refuse(413, "too_large", "the request body is too large");
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted)
      return close();
    if (ec) return refuse(400, "bad_request", "malformed request");
    const auto& h = parser_->get();
    const auto encoding = h[bhttp::field::content_encoding];
    if (!encoding.empty() && !beast::iequals(encoding, "identity"))
      return refuse(415, "unsupported_encoding", "send the body without Content-Encoding");
    if (const auto n = parser_->content_length(); n && *n > l_.limits.body_bytes)
      return refuse(413, "too_large", "the request body is too large");
    if (beast::iequals(h[bhttp::field::expect], "100-continue")) {
      auto go_on = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, h.version());
      stream_.expires_after(l_.limits.body_timeout);
      return bhttp::async_write(stream_, *go_on, [self = shared_from_this(), go_on](beast::error_code e, std::size_t) {
        if (e) return self->close();
        self->read_body();
      });
    }
    read_body();
  }

  void read_body() {
    stream_.expires_after(l_.limits.body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) return refuse(413, "too_large", "the request body is too large");
    if (ec == beast::error::timeout || ec == net::error::eof || ec == net::error::connection_reset ||
        ec == bhttp::error::partial_message)
      return close();
    if (ec) return refuse(400, "bad_request", "malformed request");
    auto& msg = parser_->get();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    if (!parse_target(req.target, req)) return refuse(400, "bad_request", "malformed request target");
    for (const auto& f : msg) req.headers.emplace(lower(f.name_string()), std::string(f.value()));
    if (beast::websocket::is_upgrade(msg) && l_.hooks.upgrade) return upgrade(std::move(req));
    req.body = std::move(msg.body());
    const bool keep = msg.keep_alive();
    const unsigned version = msg.version();
    ++l_.in_flight;
    net::post(l_.workers, [self = shared_from_this(), req = std::move(req), keep, version]() mutable {
      Response res;
      try {
        res = self->l_.hooks.handle(req);
      } catch (...) {
        res = self->l_.hooks.error(500, "internal", "the server could not handle this request");
      }
      if (self->l_.hooks.decorate) self->l_.hooks.decorate(req, res);
      if (self->l_.hooks.log) self->l_.hooks.log(req, res);
      net::post(self->stream_.get_executor(), [self, res = std::move(res), keep, version]() mutable {
        self->write(std::move(res), keep, version);
      });
    });
  }

  // A WebSocket upgrade: the server decides on a worker; accepted, the socket leaves this
  // session for a WebSocket session, refused, the answer is an HTTP error and the connection closes.
  void upgrade(Request req) {
    ++l_.in_flight;
    net::post(l_.workers, [self = shared_from_this(), req = std::move(req)]() mutable {
      Upgrade up;
      try {
        up = self->l_.hooks.upgrade(req);
      } catch (...) {
        up.refusal = self->l_.hooks.error(500, "internal", "the server could not handle this request");
      }
      if (!up.accept && self->l_.hooks.decorate) self->l_.hooks.decorate(req, up.refusal);
      if (self->l_.hooks.log) {
        Response logged = up.refusal;
        if (up.accept) logged.status = 101;
        self->l_.hooks.log(req, logged);
      }
      net::post(self->stream_.get_executor(), [self, up = std::move(up)]() mutable {
        if (!up.accept) {
          self->refused_ = true;
          return self->write(std::move(up.refusal), false, 11);
        }
        --self->l_.in_flight;
        start_websocket(self->stream_.release_socket(), std::move(self->buffer_), self->parser_->release(), self->l_,
                        std::move(*up.accept));
      });
    });
  }

  // An error the transport answers itself, after which the connection closes (the rest of the
  // request is not read).
  void refuse(int status, const std::string& code, const std::string& message) {
    Request req;
    // A Content-Length past the cap is refused before the header counts as done, but its fields
    // are read by then: the request line and headers (for the log and CORS) are whatever was parsed.
    if (parser_ && (parser_->is_header_done() || status == 413) && !parser_->get().target().empty()) {
      req.method = std::string(parser_->get().method_string());
      req.target = std::string(parser_->get().target());
      if (!parse_target(req.target, req)) req.path = "?";
      for (const auto& f : parser_->get()) req.headers.emplace(lower(f.name_string()), std::string(f.value()));
    } else {
      req.method = "-";
      req.path = "?";
    }
    Response res = l_.hooks.error(status, code, message);
    if (l_.hooks.decorate) l_.hooks.decorate(req, res);
    if (l_.hooks.log) l_.hooks.log(req, res);
    refused_ = true;
    ++l_.in_flight;
    write(std::move(res), false, 11);
  }

  void write(Response r, bool keep, unsigned version) {
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(r.status), version);
    for (const auto& [k, v] : r.headers) msg->insert(k, v);
    msg->body() = std::move(r.body);
    msg->keep_alive(keep && !l_.stopping);
    msg->prepare_payload();
    stream_.expires_after(l_.limits.body_timeout);
    bhttp::async_write(stream_, *msg, [self = shared_from_this(), msg](beast::error_code ec, std::size_t) {
      --self->l_.in_flight;
      if (ec) return self->close();
      if (!msg->keep_alive()) return self->refused_ ? self->linger() : self->close();
      self->read_header();
    });
  }

  // After a refusal the client may still be sending the body it was refused: close at once and
  // its write fails before it reads the answer. So stop sending, then read and drop what comes,
  // for a few seconds and a few megabytes at most, and close (a lingering close, as nginx does).
  void linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return stream_.close();
    stream_.expires_after(std::chrono::seconds(5));
    drain(0);
  }

  void drain(std::size_t dropped) {
    if (dropped > (8u << 20)) return stream_.close();
    stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this(), dropped](beast::error_code ec, std::size_t n) {
      if (ec) return self->stream_.close();
      self->drain(dropped + n);
    });
  }
  std::array<char, 16384> scratch_{};
  bool refused_ = false;  // answered before the request was read to its end

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }
};

// Past the connection cap: a short 503 and close, written without reading the request.
void turn_away(tcp::socket socket) {
  static const std::string body = R"({"error":{"code":"busy","message":"too many connections; try again soon"}})";
  static const std::string reply =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\nConnection: close\r\n"
      "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  auto s = std::make_shared<tcp::socket>(std::move(socket));
  net::async_write(*s, net::buffer(reply), [s](beast::error_code, std::size_t) {
    beast::error_code ec;
    s->shutdown(tcp::socket::shutdown_both, ec);
  });
}

}  // namespace

// One asynchronous accept, then every connection already waiting, taken at once with
// non-blocking accepts. Taking one per wake-up would queue each accept behind every request in
// flight: at 1,000 connections opened together the last waited seconds in the backlog while
// its client, connected as far as it could tell, counted the time against its first request.
void ListenerState::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (!acceptor.is_open() || stopping) return;
    if (ec) {  // out of file descriptors, say: wait a little rather than spin
      retry.expires_after(std::chrono::milliseconds(100));
      return retry.async_wait([this](beast::error_code) { accept(); });
    }
    admit(std::move(socket));
    for (int taken = 0; taken < 4096 && !stopping; ++taken) {
      tcp::socket next(net::make_strand(ioc));
      acceptor.accept(next, ec);
      if (ec) break;  // would_block: the backlog is empty (or a transient error: the async accept retries)
      admit(std::move(next));
    }
    accept();
  });
}

void ListenerState::admit(tcp::socket socket) {
  beast::error_code ec;
  socket.set_option(tcp::no_delay(true), ec);  // replies go out whole, without Nagle's delay
  if (connections >= limits.max_connections) turn_away(std::move(socket));
  else std::make_shared<Session>(std::move(socket), *this)->start();
}

Listener::Listener(Limits limits, Hooks hooks) : impl_(std::make_unique<ListenerState>(limits, std::move(hooks))) {}

Listener::~Listener() {
  impl_->workers.join();
  impl_->ioc.stop();
}

bool Listener::bind(const std::string& host, int port) {
  beast::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (ec) return false;
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (!ec) a.non_blocking(true, ec);  // accept() drains the backlog without blocking
  return !ec;
}

int Listener::port() const {
  beast::error_code ec;
  const auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? -1 : ep.port();
}

void Listener::run() {
  impl_->accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->limits.io_threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void Listener::stop() {
  impl_->stopping = true;
  net::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
  });
  for (int i = 0; i < 1000 && impl_->in_flight > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  {
    std::lock_guard lock(impl_->streams_mu);
    for (const auto& w : impl_->streams)
      if (auto s = w.lock()) s->close();
  }
  for (int i = 0; i < 100; ++i) {
    {
      std::lock_guard lock(impl_->streams_mu);
      if (impl_->streams.empty()) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl_->ioc.stop();
}

}  // namespace coach::app::http
