// A WebSocket taken over from an HTTP connection after the server accepted the upgrade: the
// handshake, then frames pushed by the server (queued, written in order, the queue capped) and
// frames from the client read and dropped (Direct Line clients send only keep-alives). Beast
// pings an idle client and closes when nothing comes back. Tested in
// tests/clients/directline_stream.test.js (a real `ws` client) and tests/clients/*.browser.js.
#pragma once
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http_listener.hpp"

namespace coach::app::http {

struct ListenerState;

// Starts the handshake on `socket` (with what was already read from it in `buffer`).
void start_websocket(boost::asio::ip::tcp::socket socket, boost::beast::flat_buffer buffer,
                     boost::beast::http::request<boost::beast::http::string_body> request, ListenerState& state,
                     StreamHandlers handlers);

}  // namespace coach::app::http
