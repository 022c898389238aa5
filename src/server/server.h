// The network edge: an HTTP/1.1 and WebSocket server (Boost.Beast) in front of the Api, and the
// live hub that streams each body's committed events to subscribed screens.
//
// Live channel: GET /api/v1/live?body=<id>&since=<seq> upgrades to a WebSocket. The client is
// first replayed every event after `since`, then streamed new ones as they commit, as text
// frames {"type":"event", ...} and {"type":"notice", ...} (coalesced summaries). Each client
// has a bounded queue; one that falls too far behind is closed (code 1008) and reconnects with
// its last sequence number.
//
// Thread-safety: start(), run() and stop() from one thread; stop() may be called from any.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "app/app.h"

namespace plenum::server {

struct Options {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (tests)
  int threads = 2;
  std::string static_dir;  // the built web front end; "" serves none
  int read_timeout_seconds = 30;
  size_t max_live_queue = 20000;  // messages queued per WebSocket client before it is dropped
};

class Server {
 public:
  Server(app::App& app, Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port. Errors are thrown as std::runtime_error.
  uint16_t start();
  // Serves on the calling thread plus (threads - 1) more until stop().
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace plenum::server
