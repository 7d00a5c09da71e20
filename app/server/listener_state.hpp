// The listener's shared state, private to the transport (http_listener.cpp and
// websocket_session.cpp): the io_context, acceptor, worker pool and the counts that stop() and
// the connection cap read.
#pragma once
#include <atomic>
#include <boost/asio.hpp>
#include <mutex>
#include <set>

#include "http_listener.hpp"

namespace coach::app::http {

struct ListenerState {
  // Declared first, destroyed last: sessions count themselves out as they go.
  std::atomic<std::size_t> connections{0};
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  std::mutex streams_mu;
  std::set<std::weak_ptr<Outlet>, std::owner_less<std::weak_ptr<Outlet>>> streams;  // open WebSockets
  Limits limits;
  Hooks hooks;
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor{ioc};
  boost::asio::steady_timer retry{ioc};
  boost::asio::thread_pool workers;

  ListenerState(Limits l, Hooks h)
      : limits(l), hooks(std::move(h)), ioc(std::max(1, l.io_threads)),
        workers(static_cast<std::size_t>(std::max(1, l.workers))) {}
  void accept();
  void admit(boost::asio::ip::tcp::socket socket);  // a new connection: served, or turned away past the cap
};

}  // namespace coach::app::http
